/* attest-mca-ledger-entry.c: the lines of a ledger, written and read back
 *
 * One JSON object a line, written as text with attest_json_append_*() as
 * the run journal's are, and read back with json-glib. A request is kept
 * whole: its credential, method, path, MS-RequestId, MS-CorrelationId and
 * body, the body as a JSON string when it is UTF-8 without NUL (what every
 * Partner Center body is), else in base64, so that it reads back byte for
 * byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-ledger-entry"

#include "config.h"

#include <string.h>

#include "attest-json.h"
#include "attest-mca-ledger-private.h"

/* The ledger versions this Attest reads; version 1 had no billing
 * profiles. */
#define OLDEST_VERSION 1

/* A billing profile's values, by their member names in the lines. */
static const struct
{
  const char *name;
  gsize       offset;
} profile_values[] = {
  { "firstName", G_STRUCT_OFFSET (AttestMcaProfile, first_name) },
  { "lastName", G_STRUCT_OFFSET (AttestMcaProfile, last_name) },
  { "email", G_STRUCT_OFFSET (AttestMcaProfile, email) },
  { "phoneNumber", G_STRUCT_OFFSET (AttestMcaProfile, phone_number) },
  { "companyName", G_STRUCT_OFFSET (AttestMcaProfile, company_name) },
  { "country", G_STRUCT_OFFSET (AttestMcaProfile, country) },
  { "culture", G_STRUCT_OFFSET (AttestMcaProfile, culture) },
  { "language", G_STRUCT_OFFSET (AttestMcaProfile, language) },
};

static GString *
entry_begin (const char *type)
{
  GString *json = g_string_sized_new (256);

  g_string_append_c (json, '{');
  attest_json_append_member (json, "type", type);

  return json;
}

static char *
entry_end (GString *json)
{
  g_string_append_c (json, '}');

  return g_string_free (json, FALSE);
}

/* A member only when it has a value: absent and NULL read back the same. */
static void
append_optional (GString    *json,
                 const char *name,
                 const char *value)
{
  if (value != NULL)
    attest_json_append_member (json, name, value);
}

static void
append_time (GString    *json,
             const char *name,
             GDateTime  *time)
{
  g_autofree char *text = attest_mca_format_time (time);

  append_optional (json, name, text);
}

static void
append_request (GString                    *json,
                const AttestPartnerRequest *request)
{
  GBytes *body = attest_partner_request_get_body (request);
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  attest_json_append_member (json, "credential",
                             attest_partner_credential_to_string (
                               attest_partner_request_get_credential (request)));
  attest_json_append_member (json, "method", attest_partner_request_get_method (request));
  attest_json_append_member (json, "path", attest_partner_request_get_path (request));
  attest_json_append_member (json, "requestId", attest_partner_request_get_request_id (request));
  attest_json_append_member (json, "correlationId",
                             attest_partner_request_get_correlation_id (request));
  if (size == 0 || g_utf8_validate_len (data, size, NULL))
    attest_json_append_member (json, "body", size > 0 ? data : "");
  else
    {
      g_autofree char *encoded = g_base64_encode ((const guchar *) data, size);

      attest_json_append_member (json, "bodyBase64", encoded);
    }
}

/* The intent's own members: what is needed to send it again. */
static void
append_intent_members (GString               *json,
                       const AttestMcaIntent *intent)
{
  attest_json_append_member (json, "kind", attest_mca_intent_kind_to_string (intent->kind));
  append_optional (json, "runId", intent->run_id);
  append_time (json, "recordedAt", intent->recorded_at);
  append_optional (json, "lostMessage", intent->message);
  append_request (json, intent->request);
}

/* A profile's members: when it was read, and each value it had. */
static void
append_profile_members (GString                *json,
                        const AttestMcaProfile *profile)
{
  append_time (json, "seenAt", profile->seen_at);
  for (guint i = 0; i < G_N_ELEMENTS (profile_values); i++)
    append_optional (json, profile_values[i].name,
                     G_STRUCT_MEMBER (const char *, profile, profile_values[i].offset));
}

/* The first line. */
char *
_attest_mca_entry_header (const char *tenant_id,
                          GDateTime  *created_at)
{
  GString *json = entry_begin ("ledger");

  g_string_append_printf (json, ",\"version\":%d", ATTEST_MCA_LEDGER_VERSION);
  attest_json_append_member (json, "tenantId", tenant_id);
  append_time (json, "createdAt", created_at);

  return entry_end (json);
}

/* The state a check saw: a line with no company name leaves the one known. */
char *
_attest_mca_entry_state (const AttestMcaCustomer *customer)
{
  GString *json = entry_begin ("state");

  attest_json_append_member (json, "customerId", customer->id);
  attest_json_append_member (json, "state", attest_mca_state_to_string (customer->state));
  append_time (json, "seenAt", customer->seen_at);
  append_optional (json, "companyName", customer->company_name);
  append_optional (json, "message", customer->message);

  return entry_end (json);
}

/* A customer's billing profile as read: it replaces the one known. */
char *
_attest_mca_entry_profile (const char             *customer_id,
                           const AttestMcaProfile *profile)
{
  GString *json = entry_begin ("profile");

  attest_json_append_member (json, "customerId", customer_id);
  append_profile_members (json, profile);

  return entry_end (json);
}

char *
_attest_mca_entry_intent (const AttestMcaIntent      *intent,
                          const AttestPartnerContact *signatory,
                          const char                 *company_name)
{
  GString *json = entry_begin ("intent");

  attest_json_append_member (json, "customerId", intent->customer_id);
  append_optional (json, "companyName", company_name);
  if (signatory != NULL)
    {
      attest_json_append_member (json, "firstName", signatory->first_name);
      attest_json_append_member (json, "lastName", signatory->last_name);
      attest_json_append_member (json, "email", signatory->email);
    }
  append_intent_members (json, intent);

  return entry_end (json);
}

static const char * const answer_kinds[] = { "attestation", "refused", "completed", "lost" };

char *
_attest_mca_entry_answer (const AttestMcaAnswer *answer)
{
  GString *json = entry_begin ("answer");

  attest_json_append_member (json, "customerId", answer->customer_id);
  attest_json_append_member (json, "requestId", answer->request_id);
  attest_json_append_member (json, "outcome", answer_kinds[answer->kind]);
  append_time (json, "answeredAt", answer->answered_at);
  append_optional (json, "attestationId", answer->attestation_id);
  append_optional (json, "link", answer->link);
  append_optional (json, "message", answer->message);

  return entry_end (json);
}

/* A request run's customers, each with what the run does for it. */
static void
append_members (GString   *json,
                GPtrArray *members)
{
  g_string_append (json, ",\"members\":[");
  for (guint i = 0; i < members->len; i++)
    {
      const AttestMcaRunMember *member = g_ptr_array_index (members, i);

      g_string_append (json, i > 0 ? ",{" : "{");
      attest_json_append_member (json, "customerId", member->customer_id);
      attest_json_append_member (json, "action", attest_mca_run_action_to_string (member->action));
      append_optional (json, "companyName", member->company_name);
      append_optional (json, "country", member->country);
      append_optional (json, "language", member->language);
      append_optional (json, "firstName", member->first_name);
      append_optional (json, "lastName", member->last_name);
      append_optional (json, "email", member->email);
      append_optional (json, "phoneNumber", member->phone_number);
      append_optional (json, "message", member->message);
      g_string_append_c (json, '}');
    }
  g_string_append_c (json, ']');
}

char *
_attest_mca_entry_run (const AttestMcaRun *run)
{
  GString *json = entry_begin ("run");

  attest_json_append_member (json, "runId", run->id);
  attest_json_append_member (json, "kind", attest_mca_run_kind_to_string (run->kind));
  append_optional (json, "outputPath", run->output_path);
  append_time (json, "startedAt", run->started_at);
  append_time (json, "endedAt", run->ended_at);
  if (run->discarded)
    g_string_append (json, ",\"discarded\":true");
  if (run->members != NULL)
    append_members (json, run->members);

  return entry_end (json);
}

char *
_attest_mca_entry_run_end (const AttestMcaRun *run)
{
  GString *json = entry_begin ("run-end");

  attest_json_append_member (json, "runId", run->id);
  append_time (json, "endedAt", run->ended_at);
  if (run->discarded)
    g_string_append (json, ",\"discarded\":true");

  return entry_end (json);
}

/* All that is known of a customer, in one line: what compaction writes. */
char *
_attest_mca_entry_customer (const AttestMcaCustomer *customer)
{
  GString *json = entry_begin ("customer");

  attest_json_append_member (json, "customerId", customer->id);
  attest_json_append_member (json, "state", attest_mca_state_to_string (customer->state));
  append_time (json, "seenAt", customer->seen_at);
  append_optional (json, "message", customer->message);
  append_optional (json, "companyName", customer->company_name);
  append_optional (json, "firstName", customer->first_name);
  append_optional (json, "lastName", customer->last_name);
  append_optional (json, "email", customer->email);
  append_optional (json, "attestationId", customer->attestation_id);
  append_optional (json, "link", customer->link);
  append_time (json, "requestedAt", customer->requested_at);
  append_optional (json, "requestRunId", customer->request_run_id);
  append_time (json, "completedAt", customer->completed_at);
  append_optional (json, "completionRunId", customer->completion_run_id);
  append_optional (json, "requestId", customer->request_id);
  append_optional (json, "correlationId", customer->correlation_id);
  append_optional (json, "answerRunId", customer->answer_run_id);
  if (customer->pending != NULL)
    {
      g_string_append (json, ",\"pending\":{");
      append_intent_members (json, customer->pending);
      g_string_append_c (json, '}');
    }
  if (customer->profile.seen_at != NULL)
    {
      g_string_append (json, ",\"profile\":{");
      append_profile_members (json, &customer->profile);
      g_string_append_c (json, '}');
    }

  return entry_end (json);
}

/* The errors of reading a line name only the member at fault, which the
 * ledger puts into a sentence with the line and the file. */
static gboolean
set_damaged (GError     **error,
             const char  *member)
{
  g_set_error_literal (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_CORRUPT, member);
  return FALSE;
}

static const char *
get_required (JsonObject  *entry,
              const char  *name,
              GError     **error)
{
  const char *value = attest_json_get_string (entry, name);

  if (value == NULL)
    set_damaged (error, name);

  return value;
}

/* A time member: absent is NULL; present and not a time, an error. */
static gboolean
get_time (JsonObject  *entry,
          const char  *name,
          GDateTime  **out_time,
          GError     **error)
{
  const char *text = attest_json_get_string (entry, name);
  g_autoptr(GTimeZone) utc = NULL;

  *out_time = NULL;
  if (text == NULL)
    return TRUE;

  utc = g_time_zone_new_utc ();
  *out_time = g_date_time_new_from_iso8601 (text, utc);

  return *out_time != NULL || set_damaged (error, name);
}

static AttestMcaIntent *
damaged_intent (GError     **error,
                const char  *member)
{
  set_damaged (error, member);
  return NULL;
}

static AttestMcaIntent *
read_intent (JsonObject  *entry,
             const char  *customer_id,
             GError     **error)
{
  AttestPartnerCredential credential;
  AttestMcaIntentKind kind;
  const char *method, *path, *request_id, *correlation_id;
  const char *body = attest_json_get_string (entry, "body");
  const char *base64 = attest_json_get_string (entry, "bodyBase64");
  g_autoptr(GDateTime) recorded_at = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AttestPartnerRequest) request = NULL;
  AttestMcaIntent *intent;

  if (!(method = get_required (entry, "method", error))
      || !(path = get_required (entry, "path", error))
      || !(request_id = get_required (entry, "requestId", error))
      || !(correlation_id = get_required (entry, "correlationId", error))
      || !get_time (entry, "recordedAt", &recorded_at, error))
    return NULL;

  if (!attest_partner_credential_from_string (attest_json_get_string (entry, "credential"),
                                              &credential))
    return damaged_intent (error, "credential");
  if (!attest_mca_intent_kind_from_string (attest_json_get_string (entry, "kind"), &kind))
    return damaged_intent (error, "kind");
  if (path[0] != '/')
    return damaged_intent (error, "path");
  if (body == NULL && base64 == NULL)
    return damaged_intent (error, "body");

  if (body != NULL)
    bytes = g_bytes_new (body, strlen (body));
  else
    {
      gsize size = 0;
      guchar *data = g_base64_decode (base64, &size);

      bytes = g_bytes_new_take (data, size);
    }

  if (recorded_at == NULL)
    recorded_at = g_date_time_new_from_unix_utc (0);

  request = attest_partner_request_new_full (method, path, request_id, correlation_id,
                                             credential, bytes);
  intent = _attest_mca_intent_new (customer_id, kind, attest_json_get_string (entry, "runId"),
                                   recorded_at, request);
  intent->message = g_strdup (attest_json_get_string (entry, "lostMessage"));

  return intent;
}

static gboolean
read_state (AttestMcaModel  *model,
            JsonObject      *entry,
            GError         **error)
{
  const char *customer_id = get_required (entry, "customerId", error);
  g_autoptr(GDateTime) seen_at = NULL;
  AttestMcaState state;

  if (customer_id == NULL || !get_time (entry, "seenAt", &seen_at, error))
    return FALSE;
  if (!attest_mca_state_from_string (attest_json_get_string (entry, "state"), &state))
    return set_damaged (error, "state");

  _attest_mca_model_apply_state (model, customer_id, state,
                                 attest_json_get_string (entry, "companyName"),
                                 attest_json_get_string (entry, "message"), seen_at);
  return TRUE;
}

/* Reads a profile's members into @profile, which holds none; a profile has
 * the time it was read. */
static gboolean
read_profile (JsonObject        *entry,
              AttestMcaProfile  *profile,
              GError           **error)
{
  if (!get_time (entry, "seenAt", &profile->seen_at, error))
    return FALSE;
  if (profile->seen_at == NULL)
    return set_damaged (error, "seenAt");

  for (guint i = 0; i < G_N_ELEMENTS (profile_values); i++)
    G_STRUCT_MEMBER (char *, profile, profile_values[i].offset) =
      g_strdup (attest_json_get_string (entry, profile_values[i].name));

  return TRUE;
}

static gboolean
read_profile_entry (AttestMcaModel  *model,
                    JsonObject      *entry,
                    GError         **error)
{
  const char *customer_id = get_required (entry, "customerId", error);
  AttestMcaProfile profile = { NULL, };
  gboolean read;

  if (customer_id == NULL)
    return FALSE;

  read = read_profile (entry, &profile, error);
  if (read)
    _attest_mca_model_apply_profile (model, customer_id, &profile);
  _attest_mca_profile_clear (&profile);

  return read;
}

static gboolean
read_intent_entry (AttestMcaModel  *model,
                   JsonObject      *entry,
                   GError         **error)
{
  const char *customer_id = get_required (entry, "customerId", error);
  AttestMcaIntent *intent;
  AttestPartnerContact signatory = {
    customer_id,
    attest_json_get_string (entry, "firstName"),
    attest_json_get_string (entry, "lastName"),
    attest_json_get_string (entry, "email"),
    "",
  };

  if (customer_id == NULL || (intent = read_intent (entry, customer_id, error)) == NULL)
    return FALSE;

  _attest_mca_model_apply_intent (model, intent,
                                  signatory.first_name != NULL ? &signatory : NULL,
                                  attest_json_get_string (entry, "companyName"));
  return TRUE;
}

static gboolean
read_answer (AttestMcaModel  *model,
             JsonObject      *entry,
             GError         **error)
{
  g_autoptr(GDateTime) answered_at = NULL;
  AttestMcaAnswer answer = { 0, };
  const char *outcome = attest_json_get_string (entry, "outcome");
  guint kind = 0;

  while (kind < G_N_ELEMENTS (answer_kinds) && g_strcmp0 (outcome, answer_kinds[kind]) != 0)
    kind++;
  if (kind == G_N_ELEMENTS (answer_kinds))
    return set_damaged (error, "outcome");

  answer.kind = kind;
  if (!(answer.customer_id = get_required (entry, "customerId", error))
      || !(answer.request_id = get_required (entry, "requestId", error))
      || !get_time (entry, "answeredAt", &answered_at, error))
    return FALSE;
  answer.attestation_id = attest_json_get_string (entry, "attestationId");
  answer.link = attest_json_get_string (entry, "link");
  answer.message = attest_json_get_string (entry, "message");
  answer.answered_at = answered_at;
  if (answered_at == NULL)
    return set_damaged (error, "answeredAt");

  /* Only an answer that was checked is ever written. */
  if (!_attest_mca_model_check_answer (model, &answer, NULL))
    return set_damaged (error, "requestId");
  _attest_mca_model_apply_answer (model, &answer);

  return TRUE;
}

/* The members of a run line; NULL, with @error set, when one is damaged. */
static GPtrArray *
read_members (JsonNode  *node,
              GError   **error)
{
  g_autoptr(GPtrArray) members = NULL;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_damaged (error, "members");
      return NULL;
    }

  array = json_node_get_array (node);
  members = g_ptr_array_new_full (json_array_get_length (array),
                                  (GDestroyNotify) attest_mca_run_member_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element)
                                                            : NULL;
      const char *customer_id = object != NULL ? attest_json_get_string (object, "customerId")
                                               : NULL;
      AttestMcaRunAction action;
      AttestAttestationDetails details;

      if (customer_id == NULL
          || !attest_mca_run_action_from_string (attest_json_get_string (object, "action"),
                                                 &action))
        {
          set_damaged (error, "members");
          return NULL;
        }

      details.company_name = attest_json_get_string (object, "companyName");
      details.country = attest_json_get_string (object, "country");
      details.language = attest_json_get_string (object, "language");
      details.first_name = attest_json_get_string (object, "firstName");
      details.last_name = attest_json_get_string (object, "lastName");
      details.email = attest_json_get_string (object, "email");
      details.phone_number = attest_json_get_string (object, "phoneNumber");
      g_ptr_array_add (members,
                       attest_mca_run_member_new (customer_id, action, &details,
                                                  attest_json_get_string (object, "message")));
    }

  return g_steal_pointer (&members);
}

static gboolean
read_run (AttestMcaModel  *model,
          JsonObject      *entry,
          GError         **error)
{
  const char *run_id = get_required (entry, "runId", error);
  JsonNode *members_node = json_object_get_member (entry, "members");
  g_autoptr(GDateTime) started_at = NULL;
  g_autoptr(GDateTime) ended_at = NULL;
  g_autoptr(GPtrArray) members = NULL;
  AttestMcaRunKind kind;
  AttestMcaRun *run;

  if (run_id == NULL || !get_time (entry, "startedAt", &started_at, error)
      || !get_time (entry, "endedAt", &ended_at, error))
    return FALSE;
  if (!attest_mca_run_kind_from_string (attest_json_get_string (entry, "kind"), &kind))
    return set_damaged (error, "kind");
  if (started_at == NULL)
    return set_damaged (error, "startedAt");
  /* Runs recorded before the ledger kept their members have none. */
  if (members_node != NULL && (members = read_members (members_node, error)) == NULL)
    return FALSE;

  run = _attest_mca_run_new (run_id, kind, attest_json_get_string (entry, "outputPath"),
                             started_at);
  run->ended_at = g_steal_pointer (&ended_at);
  run->discarded = attest_json_get_boolean (entry, "discarded", FALSE);
  run->members = g_steal_pointer (&members);
  _attest_mca_model_put_run (model, run);

  return TRUE;
}

static gboolean
read_run_end (AttestMcaModel  *model,
              JsonObject      *entry,
              GError         **error)
{
  const char *run_id = get_required (entry, "runId", error);
  g_autoptr(GDateTime) ended_at = NULL;
  AttestMcaRun *run;

  if (run_id == NULL || !get_time (entry, "endedAt", &ended_at, error))
    return FALSE;
  if ((run = _attest_mca_model_lookup_run (model, run_id)) == NULL || ended_at == NULL)
    return set_damaged (error, "runId");

  run = _attest_mca_run_copy (run);
  g_clear_pointer (&run->ended_at, g_date_time_unref);
  run->ended_at = g_steal_pointer (&ended_at);
  run->discarded = attest_json_get_boolean (entry, "discarded", FALSE);
  _attest_mca_model_put_run (model, run);

  return TRUE;
}

static gboolean
read_customer (AttestMcaModel  *model,
               JsonObject      *entry,
               GError         **error)
{
  static const struct { const char *name; gsize offset; } strings[] = {
    { "message", G_STRUCT_OFFSET (AttestMcaCustomer, message) },
    { "companyName", G_STRUCT_OFFSET (AttestMcaCustomer, company_name) },
    { "firstName", G_STRUCT_OFFSET (AttestMcaCustomer, first_name) },
    { "lastName", G_STRUCT_OFFSET (AttestMcaCustomer, last_name) },
    { "email", G_STRUCT_OFFSET (AttestMcaCustomer, email) },
    { "attestationId", G_STRUCT_OFFSET (AttestMcaCustomer, attestation_id) },
    { "link", G_STRUCT_OFFSET (AttestMcaCustomer, link) },
    { "requestRunId", G_STRUCT_OFFSET (AttestMcaCustomer, request_run_id) },
    { "completionRunId", G_STRUCT_OFFSET (AttestMcaCustomer, completion_run_id) },
    { "requestId", G_STRUCT_OFFSET (AttestMcaCustomer, request_id) },
    { "correlationId", G_STRUCT_OFFSET (AttestMcaCustomer, correlation_id) },
    { "answerRunId", G_STRUCT_OFFSET (AttestMcaCustomer, answer_run_id) },
  };
  const char *customer_id = get_required (entry, "customerId", error);
  JsonNode *pending = json_object_get_member (entry, "pending");
  JsonNode *profile = json_object_get_member (entry, "profile");
  g_autoptr(AttestMcaCustomer) customer = NULL;

  if (customer_id == NULL)
    return FALSE;

  customer = _attest_mca_customer_new (customer_id);
  if (!attest_mca_state_from_string (attest_json_get_string (entry, "state"), &customer->state))
    return set_damaged (error, "state");
  if (!get_time (entry, "seenAt", &customer->seen_at, error)
      || !get_time (entry, "requestedAt", &customer->requested_at, error)
      || !get_time (entry, "completedAt", &customer->completed_at, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    G_STRUCT_MEMBER (char *, customer, strings[i].offset) =
      g_strdup (attest_json_get_string (entry, strings[i].name));

  if (pending != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (pending))
        return set_damaged (error, "pending");
      customer->pending = read_intent (json_node_get_object (pending), customer_id, error);
      if (customer->pending == NULL)
        return FALSE;
    }

  if (profile != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (profile))
        return set_damaged (error, "profile");
      if (!read_profile (json_node_get_object (profile), &customer->profile, error))
        return FALSE;
    }

  _attest_mca_model_put (model, g_steal_pointer (&customer));

  return TRUE;
}

/* Applies one line to @model. The first line, the ledger's own, gives
 * *@tenant_id and *@version; any other line before it is an error. */
gboolean
_attest_mca_entry_read (AttestMcaModel  *model,
                        JsonObject      *entry,
                        char           **tenant_id,
                        guint           *version_read,
                        GError         **error)
{
  const char *type = attest_json_get_string (entry, "type");
  gint64 version = 0;

  if (g_strcmp0 (type, "ledger") == 0)
    {
      const char *tenant = get_required (entry, "tenantId", error);

      if (tenant == NULL)
        return FALSE;
      if (*tenant_id != NULL)
        return set_damaged (error, "type");
      attest_json_get_int (entry, "version", &version);
      if (version < OLDEST_VERSION || version > ATTEST_MCA_LEDGER_VERSION)
        {
          g_set_error (error, ATTEST_MCA_LEDGER_ERROR,
                       ATTEST_MCA_LEDGER_ERROR_UNSUPPORTED_VERSION, "%lld", (long long) version);
          return FALSE;
        }
      *tenant_id = g_strdup (tenant);
      *version_read = (guint) version;
      return TRUE;
    }

  if (*tenant_id == NULL)
    return set_damaged (error, "ledger");
  if (g_strcmp0 (type, "state") == 0)
    return read_state (model, entry, error);
  if (g_strcmp0 (type, "profile") == 0)
    return read_profile_entry (model, entry, error);
  if (g_strcmp0 (type, "intent") == 0)
    return read_intent_entry (model, entry, error);
  if (g_strcmp0 (type, "answer") == 0)
    return read_answer (model, entry, error);
  if (g_strcmp0 (type, "run") == 0)
    return read_run (model, entry, error);
  if (g_strcmp0 (type, "run-end") == 0)
    return read_run_end (model, entry, error);
  if (g_strcmp0 (type, "customer") == 0)
    return read_customer (model, entry, error);

  return set_damaged (error, "type");
}
