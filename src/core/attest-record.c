/* attest-record.c: one record of an AttestRecordStore, as an object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record"

#include "config.h"

#include <string.h>

#include "attest-record-private.h"

struct _AttestRecord
{
  GObject            parent_instance;

  AttestRecordStore *store;
  guint              index;
};

enum
{
  PROP_0,
  PROP_INDEX,
  PROP_LINE,
  PROP_CUSTOMER_TENANT_ID,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_EMAIL,
  PROP_PHONE_NUMBER,
  PROP_LAST_AGREEMENT,
  PROP_ACCOUNT_LINK,
  PROP_ATTESTED,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_MESSAGE,
  PROP_PROBLEM,
  PROP_HAS_PROBLEMS,
  PROP_ACTIONABLE,
  PROP_MCA_STATE,
  PROP_MCA_STATE_LABEL,
  PROP_MCA_MESSAGE,
  PROP_LINK,
  PROP_COMPANY_NAME,
  PROP_COUNTRY,
  PROP_LANGUAGE,
  PROP_FALLBACKS,
  PROP_REQUEST_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AttestRecord, attest_record, G_TYPE_OBJECT)

static AttestRecordField
property_field (guint prop_id)
{
  switch (prop_id)
    {
    case PROP_CUSTOMER_TENANT_ID:
      return ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID;
    case PROP_FIRST_NAME:
      return ATTEST_RECORD_FIELD_FIRST_NAME;
    case PROP_LAST_NAME:
      return ATTEST_RECORD_FIELD_LAST_NAME;
    case PROP_EMAIL:
      return ATTEST_RECORD_FIELD_EMAIL;
    case PROP_PHONE_NUMBER:
      return ATTEST_RECORD_FIELD_PHONE_NUMBER;
    case PROP_LAST_AGREEMENT:
      return ATTEST_RECORD_FIELD_LAST_AGREEMENT_DATE;
    case PROP_ACCOUNT_LINK:
    default:
      return ATTEST_RECORD_FIELD_CUSTOMER_ACCOUNT_LINK;
    }
}

/* A contact field as shown: the record's own, else the billing profile's
 * signatory (SPEC §13 "Request"); *fallback says which. */
static char *
dup_contact (AttestRecord      *self,
             AttestRecordField  field,
             gboolean          *fallback)
{
  return attest_record_store_dup_shown_contact (self->store, self->index, field, fallback);
}

static char *
dup_request_value (AttestRecord       *self,
                   AttestRequestField  field,
                   gboolean           *fallback)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  gsize len = 0;
  const char *value = attest_record_store_peek_shown_request_value (self->store, self->index,
                                                                    field, scratch, &len,
                                                                    fallback);

  return value != NULL ? g_strndup (value, len) : NULL;
}

static AttestRequestField
property_request_field (guint prop_id)
{
  switch (prop_id)
    {
    case PROP_COMPANY_NAME:
      return ATTEST_REQUEST_FIELD_COMPANY_NAME;
    case PROP_COUNTRY:
      return ATTEST_REQUEST_FIELD_COUNTRY;
    case PROP_LANGUAGE:
    default:
      return ATTEST_REQUEST_FIELD_LANGUAGE;
    }
}

/* Which values the record shows from Partner Center (AttestRecordFallback). */
guint
attest_record_get_fallbacks (AttestRecord *self)
{
  guint fallbacks = 0;
  gboolean fallback;

  g_return_val_if_fail (ATTEST_IS_RECORD (self), 0);

  for (AttestRecordField f = ATTEST_RECORD_FIELD_FIRST_NAME; f <= ATTEST_RECORD_FIELD_PHONE_NUMBER;
       f++)
    {
      g_free (dup_contact (self, f, &fallback));
      if (fallback)
        fallbacks |= ATTEST_RECORD_FALLBACK_FIRST_NAME << (f - ATTEST_RECORD_FIELD_FIRST_NAME);
    }
  for (AttestRequestField f = 0; f < ATTEST_N_REQUEST_FIELDS; f++)
    {
      g_free (dup_request_value (self, f, &fallback));
      if (fallback)
        fallbacks |= ATTEST_RECORD_FALLBACK_COMPANY_NAME << f;
    }

  return fallbacks;
}

/* Every problem, one sentence per line. */
static char *
dup_problem_text (AttestRecord *self)
{
  g_autoptr(GPtrArray) problems = attest_record_store_dup_problems (self->store, self->index);
  g_autoptr(GString) text = g_string_new (NULL);

  if (problems->len == 0)
    return NULL;

  for (guint i = 0; i < problems->len; i++)
    {
      AttestRecordProblem *problem = g_ptr_array_index (problems, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, problem->message);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A problem of the contact is none of a request for a customer that needs
 * nothing, and an empty field is none when the billing profile gives it. */
static gboolean
skips_contact_problem (AttestRecordProblem *problem,
                       guint                fallbacks,
                       gboolean             needs_nothing)
{
  static const struct
  {
    AttestProblem        problem;
    AttestRecordFallback fallback;
  } empty[] = {
    { ATTEST_PROBLEM_FIRST_NAME_EMPTY, ATTEST_RECORD_FALLBACK_FIRST_NAME },
    { ATTEST_PROBLEM_LAST_NAME_EMPTY, ATTEST_RECORD_FALLBACK_LAST_NAME },
    { ATTEST_PROBLEM_EMAIL_EMPTY, ATTEST_RECORD_FALLBACK_EMAIL },
  };
  static const AttestRecordField contact[] = {
    ATTEST_RECORD_FIELD_FIRST_NAME, ATTEST_RECORD_FIELD_LAST_NAME, ATTEST_RECORD_FIELD_EMAIL,
    ATTEST_RECORD_FIELD_PHONE_NUMBER,
  };

  for (guint i = 0; i < G_N_ELEMENTS (contact) && needs_nothing; i++)
    {
      if (g_strcmp0 (problem->field, attest_record_field_get_column (contact[i])) == 0)
        return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      if (g_strcmp0 (problem->message, attest_problem_get_message (empty[i].problem)) == 0)
        return (fallbacks & empty[i].fallback) != 0;
    }

  return FALSE;
}

/* What stands in the way of the customer's acceptance in Microsoft's
 * current flow (SPEC §13): the record's problems that matter to a request,
 * then what the service said (a refusal, a completion not possible yet, a
 * check that failed). */
static char *
dup_request_problem (AttestRecord *self)
{
  g_autoptr(GPtrArray) problems = attest_record_store_dup_problems (self->store, self->index);
  g_autoptr(GString) text = g_string_new (NULL);
  AttestRecordMcaInfo info;
  guint fallbacks = attest_record_get_fallbacks (self);
  gboolean needs_nothing;

  attest_record_store_get_mca_info (self->store, self->index, &info);
  needs_nothing = attest_mca_state_needs_nothing (info.state);
  for (guint i = 0; i < problems->len; i++)
    {
      AttestRecordProblem *problem = g_ptr_array_index (problems, i);

      if (skips_contact_problem (problem, fallbacks, needs_nothing))
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, problem->message);
    }
  if (info.message != NULL && !needs_nothing)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, info.message);
    }

  if (text->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
attest_record_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AttestRecord *self = ATTEST_RECORD (object);
  AttestRecordStatus status;
  AttestRecordMcaInfo info;
  AttestMcaState state;
  gboolean fallback;

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_LINE:
      g_value_set_uint (value, attest_record_store_get_line (self->store, self->index));
      break;
    case PROP_CUSTOMER_TENANT_ID:
    case PROP_LAST_AGREEMENT:
    case PROP_ACCOUNT_LINK:
      g_value_take_string (value, attest_record_store_dup_field (self->store, self->index,
                                                                 property_field (prop_id)));
      break;
    case PROP_FIRST_NAME:
    case PROP_LAST_NAME:
    case PROP_EMAIL:
    case PROP_PHONE_NUMBER:
      g_value_take_string (value, dup_contact (self, property_field (prop_id), &fallback));
      break;
    case PROP_COMPANY_NAME:
    case PROP_COUNTRY:
    case PROP_LANGUAGE:
      g_value_take_string (value, dup_request_value (self, property_request_field (prop_id),
                                                     &fallback));
      break;
    case PROP_MCA_STATE:
      g_value_set_enum (value, attest_record_store_get_mca_state (self->store, self->index));
      break;
    case PROP_MCA_STATE_LABEL:
      state = attest_record_store_get_mca_state (self->store, self->index);
      g_value_set_string (value, attest_mca_state_get_label (state));
      break;
    case PROP_MCA_MESSAGE:
      attest_record_store_get_mca_info (self->store, self->index, &info);
      g_value_set_string (value, info.message);
      break;
    case PROP_LINK:
      attest_record_store_get_mca_info (self->store, self->index, &info);
      g_value_set_string (value, info.link);
      break;
    case PROP_FALLBACKS:
      g_value_set_uint (value, attest_record_get_fallbacks (self));
      break;
    case PROP_REQUEST_PROBLEM:
      g_value_take_string (value, dup_request_problem (self));
      break;
    case PROP_ATTESTED:
      g_value_set_boolean (value, attest_record_store_get_attested (self->store, self->index));
      break;
    case PROP_STATUS:
      g_value_set_enum (value, attest_record_store_get_status (self->store, self->index));
      break;
    case PROP_STATUS_LABEL:
      status = attest_record_store_get_status (self->store, self->index);
      g_value_set_string (value, attest_record_status_get_label (status));
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, attest_record_store_get_message (self->store, self->index));
      break;
    case PROP_PROBLEM:
      g_value_take_string (value, dup_problem_text (self));
      break;
    case PROP_HAS_PROBLEMS:
      g_value_set_boolean (value, attest_record_store_get_problems (self->store, self->index) != 0);
      break;
    case PROP_ACTIONABLE:
      g_value_set_boolean (value, attest_record_store_is_actionable (self->store, self->index));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_record_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AttestRecord *self = ATTEST_RECORD (object);

  switch (prop_id)
    {
    case PROP_FIRST_NAME:
    case PROP_LAST_NAME:
    case PROP_EMAIL:
    case PROP_PHONE_NUMBER:
      attest_record_store_set_field (self->store, self->index, property_field (prop_id),
                                     g_value_get_string (value) ? g_value_get_string (value) : "");
      break;
    case PROP_ATTESTED:
      attest_record_store_set_attested (self->store, self->index, g_value_get_boolean (value));
      break;
    case PROP_COMPANY_NAME:
    case PROP_COUNTRY:
    case PROP_LANGUAGE:
      attest_record_store_set_request_value (self->store, self->index,
                                             property_request_field (prop_id),
                                             g_value_get_string (value) ? g_value_get_string (value)
                                                                        : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_record_finalize (GObject *object)
{
  AttestRecord *self = (AttestRecord *) object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (attest_record_parent_class)->finalize (object);
}

static void
attest_record_class_init (AttestRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = attest_record_finalize;
  object_class->get_property = attest_record_get_property;
  object_class->set_property = attest_record_set_property;

  properties[PROP_INDEX] = g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_LINE] = g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_CUSTOMER_TENANT_ID] =
    g_param_spec_string ("customer-tenant-id", NULL, NULL, NULL, ro);
  properties[PROP_FIRST_NAME] = g_param_spec_string ("first-name", NULL, NULL, NULL, rw);
  properties[PROP_LAST_NAME] = g_param_spec_string ("last-name", NULL, NULL, NULL, rw);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, rw);
  properties[PROP_PHONE_NUMBER] = g_param_spec_string ("phone-number", NULL, NULL, NULL, rw);
  properties[PROP_LAST_AGREEMENT] = g_param_spec_string ("last-agreement", NULL, NULL, NULL, ro);
  properties[PROP_ACCOUNT_LINK] = g_param_spec_string ("account-link", NULL, NULL, NULL, ro);
  properties[PROP_ATTESTED] = g_param_spec_boolean ("attested", NULL, NULL, FALSE, rw);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, ATTEST_TYPE_RECORD_STATUS,
                                               ATTEST_RECORD_STATUS_PENDING, ro);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL, ro);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, ro);
  properties[PROP_PROBLEM] = g_param_spec_string ("problem", NULL, NULL, NULL, ro);
  properties[PROP_HAS_PROBLEMS] = g_param_spec_boolean ("has-problems", NULL, NULL, FALSE, ro);
  properties[PROP_ACTIONABLE] = g_param_spec_boolean ("actionable", NULL, NULL, FALSE, ro);
  properties[PROP_MCA_STATE] = g_param_spec_enum ("mca-state", NULL, NULL, ATTEST_TYPE_MCA_STATE,
                                                  ATTEST_MCA_STATE_UNCHECKED, ro);
  properties[PROP_MCA_STATE_LABEL] = g_param_spec_string ("mca-state-label", NULL, NULL, NULL, ro);
  properties[PROP_MCA_MESSAGE] = g_param_spec_string ("mca-message", NULL, NULL, NULL, ro);
  properties[PROP_LINK] = g_param_spec_string ("link", NULL, NULL, NULL, ro);
  properties[PROP_COMPANY_NAME] = g_param_spec_string ("company-name", NULL, NULL, NULL, rw);
  properties[PROP_COUNTRY] = g_param_spec_string ("country", NULL, NULL, NULL, rw);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, NULL, rw);
  properties[PROP_FALLBACKS] = g_param_spec_uint ("fallbacks", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_REQUEST_PROBLEM] = g_param_spec_string ("request-problem", NULL, NULL, NULL,
                                                          ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attest_record_init (AttestRecord *self)
{
}

AttestRecord *
_attest_record_new (AttestRecordStore *store,
                    guint              index)
{
  AttestRecord *self = g_object_new (ATTEST_TYPE_RECORD, NULL);

  self->store = g_object_ref (store);
  self->index = index;

  return self;
}

/* Tells bindings that anything may have changed: edits revalidate, and an
 * outcome changes the status and its label together. */
void
_attest_record_emit_changed (AttestRecord *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_LINE; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

AttestRecordStore *
attest_record_get_store (AttestRecord *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD (self), NULL);

  return self->store;
}

guint
attest_record_get_index (AttestRecord *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD (self), 0);

  return self->index;
}
