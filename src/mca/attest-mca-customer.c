/* attest-mca-customer.c: what the ledger knows of one customer, and a
 * request journaled for it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-customer"

#include "config.h"

#include "attest-mca-ledger-private.h"

G_DEFINE_BOXED_TYPE (AttestMcaIntent, attest_mca_intent,
                     attest_mca_intent_ref, attest_mca_intent_unref)
G_DEFINE_BOXED_TYPE (AttestMcaCustomer, attest_mca_customer,
                     attest_mca_customer_ref, attest_mca_customer_unref)

/* ISO 8601 in UTC, to the second: the form of every time in the ledger and
 * in the links and results files. NULL for NULL. */
char *
attest_mca_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  if (time == NULL)
    return NULL;

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static const char * const intent_kinds[] = { "attestation", "completion" };

/* The word the ledger keeps for @kind. */
const char *
attest_mca_intent_kind_to_string (AttestMcaIntentKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (intent_kinds), NULL);

  return intent_kinds[kind];
}

gboolean
attest_mca_intent_kind_from_string (const char          *word,
                                    AttestMcaIntentKind *kind)
{
  for (guint i = 0; word != NULL && i < G_N_ELEMENTS (intent_kinds); i++)
    {
      if (g_str_equal (word, intent_kinds[i]))
        {
          if (kind != NULL)
            *kind = (AttestMcaIntentKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

AttestMcaIntent *
_attest_mca_intent_new (const char           *customer_id,
                        AttestMcaIntentKind   kind,
                        const char           *run_id,
                        GDateTime            *recorded_at,
                        AttestPartnerRequest *request)
{
  AttestMcaIntent *self = g_new0 (AttestMcaIntent, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->customer_id = g_strdup (customer_id);
  self->kind = kind;
  self->run_id = g_strdup (run_id);
  self->recorded_at = g_date_time_ref (recorded_at);
  self->request = attest_partner_request_ref (request);

  return self;
}

AttestMcaIntent *
_attest_mca_intent_copy (const AttestMcaIntent *intent)
{
  AttestMcaIntent *self = _attest_mca_intent_new (intent->customer_id, intent->kind,
                                                  intent->run_id, intent->recorded_at,
                                                  intent->request);

  self->message = g_strdup (intent->message);

  return self;
}

AttestMcaIntent *
attest_mca_intent_ref (AttestMcaIntent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
attest_mca_intent_unref (AttestMcaIntent *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->customer_id);
  g_free (self->run_id);
  g_date_time_unref (self->recorded_at);
  attest_partner_request_unref (self->request);
  g_free (self->message);
  g_free (self);
}

const char *
attest_mca_intent_get_customer_id (const AttestMcaIntent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->customer_id;
}

AttestMcaIntentKind
attest_mca_intent_get_kind (const AttestMcaIntent *self)
{
  g_return_val_if_fail (self != NULL, ATTEST_MCA_INTENT_ATTESTATION);

  return self->kind;
}

/* The run that journaled the request; NULL when none did. */
const char *
attest_mca_intent_get_run_id (const AttestMcaIntent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->run_id;
}

GDateTime *
attest_mca_intent_get_recorded_at (const AttestMcaIntent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->recorded_at;
}

/* The request whole, as it was journaled: sending it again sends the same
 * bytes under the same MS-RequestId, with the same credential. */
AttestPartnerRequest *
attest_mca_intent_get_request (const AttestMcaIntent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->request;
}

/* Why the last attempt got no answer, or NULL when none was recorded. */
const char *
attest_mca_intent_get_message (const AttestMcaIntent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->message;
}

/* Copies the values of @from into @to, which holds none. */
void
_attest_mca_profile_copy (AttestMcaProfile       *to,
                          const AttestMcaProfile *from)
{
  to->first_name = g_strdup (from->first_name);
  to->last_name = g_strdup (from->last_name);
  to->email = g_strdup (from->email);
  to->phone_number = g_strdup (from->phone_number);
  to->company_name = g_strdup (from->company_name);
  to->country = g_strdup (from->country);
  to->culture = g_strdup (from->culture);
  to->language = g_strdup (from->language);
  to->seen_at = from->seen_at != NULL ? g_date_time_ref (from->seen_at) : NULL;
}

void
_attest_mca_profile_clear (AttestMcaProfile *profile)
{
  g_clear_pointer (&profile->first_name, g_free);
  g_clear_pointer (&profile->last_name, g_free);
  g_clear_pointer (&profile->email, g_free);
  g_clear_pointer (&profile->phone_number, g_free);
  g_clear_pointer (&profile->company_name, g_free);
  g_clear_pointer (&profile->country, g_free);
  g_clear_pointer (&profile->culture, g_free);
  g_clear_pointer (&profile->language, g_free);
  g_clear_pointer (&profile->seen_at, g_date_time_unref);
}

AttestMcaCustomer *
_attest_mca_customer_new (const char *id)
{
  AttestMcaCustomer *self = g_new0 (AttestMcaCustomer, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->id = g_strdup (id);
  self->state = ATTEST_MCA_STATE_UNCHECKED;

  return self;
}

static GDateTime *
time_ref (GDateTime *time)
{
  return time != NULL ? g_date_time_ref (time) : NULL;
}

AttestMcaCustomer *
_attest_mca_customer_copy (const AttestMcaCustomer *customer)
{
  AttestMcaCustomer *self = _attest_mca_customer_new (customer->id);

  self->state = customer->state;
  self->seen_at = time_ref (customer->seen_at);
  self->message = g_strdup (customer->message);
  self->company_name = g_strdup (customer->company_name);
  self->first_name = g_strdup (customer->first_name);
  self->last_name = g_strdup (customer->last_name);
  self->email = g_strdup (customer->email);
  self->attestation_id = g_strdup (customer->attestation_id);
  self->link = g_strdup (customer->link);
  self->requested_at = time_ref (customer->requested_at);
  self->request_run_id = g_strdup (customer->request_run_id);
  self->completed_at = time_ref (customer->completed_at);
  self->completion_run_id = g_strdup (customer->completion_run_id);
  self->request_id = g_strdup (customer->request_id);
  self->correlation_id = g_strdup (customer->correlation_id);
  self->answer_run_id = g_strdup (customer->answer_run_id);
  self->pending = customer->pending != NULL ? attest_mca_intent_ref (customer->pending) : NULL;
  _attest_mca_profile_copy (&self->profile, &customer->profile);

  return self;
}

AttestMcaCustomer *
attest_mca_customer_ref (AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
attest_mca_customer_unref (AttestMcaCustomer *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->id);
  g_clear_pointer (&self->seen_at, g_date_time_unref);
  g_free (self->message);
  g_free (self->company_name);
  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->email);
  g_free (self->attestation_id);
  g_free (self->link);
  g_clear_pointer (&self->requested_at, g_date_time_unref);
  g_free (self->request_run_id);
  g_clear_pointer (&self->completed_at, g_date_time_unref);
  g_free (self->completion_run_id);
  g_free (self->request_id);
  g_free (self->correlation_id);
  g_free (self->answer_run_id);
  g_clear_pointer (&self->pending, attest_mca_intent_unref);
  _attest_mca_profile_clear (&self->profile);
  g_free (self);
}

/* The customer tenant ID, as first recorded. */
const char *
attest_mca_customer_get_id (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->id;
}

AttestMcaState
attest_mca_customer_get_state (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, ATTEST_MCA_STATE_UNCHECKED);

  return self->state;
}

/* When the state was last seen by a check or set by an answer; NULL when
 * never. */
GDateTime *
attest_mca_customer_get_seen_at (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->seen_at;
}

/* The server's reason for the state (a refusal, a completion not possible
 * yet), or why a check failed; NULL when none. */
const char *
attest_mca_customer_get_message (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->message;
}

const char *
attest_mca_customer_get_company_name (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->company_name;
}

/* The signatory of the last request journaled: the names and email it
 * was sent with. */
const char *
attest_mca_customer_get_first_name (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->first_name;
}

const char *
attest_mca_customer_get_last_name (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->last_name;
}

const char *
attest_mca_customer_get_email (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->email;
}

/* The server's attestation ID, unchanged; NULL before one was created. */
const char *
attest_mca_customer_get_attestation_id (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->attestation_id;
}

/* The acceptance link, unchanged. It needs no sign-in: never log it at
 * Information level. */
const char *
attest_mca_customer_get_link (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->link;
}

GDateTime *
attest_mca_customer_get_requested_at (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->requested_at;
}

/* The request run that created the attestation. */
const char *
attest_mca_customer_get_request_run_id (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->request_run_id;
}

GDateTime *
attest_mca_customer_get_completed_at (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->completed_at;
}

/* The completion run of the last completion attempt. */
const char *
attest_mca_customer_get_completion_run_id (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->completion_run_id;
}

/* The MS-RequestId and MS-CorrelationId of the last request answered. */
const char *
attest_mca_customer_get_request_id (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->request_id;
}

const char *
attest_mca_customer_get_correlation_id (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->correlation_id;
}

/* The run that journaled the last request answered (any kind), or NULL:
 * what tells a resumed run which of its customers it has done. */
const char *
attest_mca_customer_get_answer_run_id (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->answer_run_id;
}

/* The request journaled and not answered yet, or NULL. */
AttestMcaIntent *
attest_mca_customer_get_pending (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->pending;
}

/* When the customer's billing profile was last read; NULL when never. The
 * profile's values below are as Partner Center gave them then, unchecked,
 * each NULL when the profile lacked it. */
GDateTime *
attest_mca_customer_get_profile_seen_at (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->profile.seen_at;
}

const char *
attest_mca_customer_get_profile_first_name (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->profile.first_name;
}

const char *
attest_mca_customer_get_profile_last_name (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->profile.last_name;
}

const char *
attest_mca_customer_get_profile_email (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->profile.email;
}

const char *
attest_mca_customer_get_profile_phone_number (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->profile.phone_number;
}

const char *
attest_mca_customer_get_profile_company_name (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->profile.company_name;
}

/* As given: perhaps not an upper-case ISO 3166-1 alpha-2 code. */
const char *
attest_mca_customer_get_profile_country (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->profile.country;
}

/* As given: perhaps not a BCP 47 tag. */
const char *
attest_mca_customer_get_profile_culture (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->profile.culture;
}

const char *
attest_mca_customer_get_profile_language (const AttestMcaCustomer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->profile.language;
}
