/* attest-sandbox-partner.c: the Partner Center endpoints of the sandbox
 *
 * The four calls of SPEC §5, behind the token check of the real service:
 * no token, a foreign or expired one → 401; no "mfa" in amr → 401 with
 * 900421; a user without the Admin agent role → 403.
 *
 * How the sandbox answers a bulk batch (the real service's answers are not
 * documented, reference §6): the batch is taken or refused as a whole.
 * When records are at fault, the 400 (or 409) names them: the message lists
 * their customer IDs, and parameters.customerIds holds the same IDs joined
 * by commas, so the caller can set those records aside and send the rest
 * again. Problems are reported one kind at a time, in this order: invalid
 * records (unknown customer, invalid email, missing name; code 2000), a
 * date in the future (600002), already attested with the same contact
 * (600061, HTTP 409). A batch that is wrong as a whole (not an array, more
 * than 500 items, wrong partner or template) names no records.
 *
 * A POST repeated with an MS-RequestId already answered and the same body
 * gets the first answer again, as an idempotency key should.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-partner"

#include "config.h"

#include <string.h>

#include "attest-sandbox-private.h"

#define MCA_TYPE            "MicrosoftCustomerAgreement"
#define CLOUD_TYPE          "MicrosoftCloudAgreement"
#define CLOUD_TEMPLATE_ID   "998b88de-aa99-4388-a42c-1b3517d49490"
#define MCA_LINK            "https://aka.ms/customeragreement"

#define CODE_INVALID_INPUT       2000
#define CODE_CUSTOMER_NOT_FOUND  600008
#define CODE_FUTURE_DATE         600002
#define CODE_ALREADY_EXISTS      600061
#define CODE_MFA_REQUIRED        900421

typedef struct
{
  GBytes *request_body;
  guint   status;
  GBytes *response_body;
} SandboxAnswer;

static void
answer_free (gpointer data)
{
  SandboxAnswer *answer = data;

  g_bytes_unref (answer->request_body);
  g_bytes_unref (answer->response_body);
  g_free (answer);
}

/* The newer shape: {"code", "message", "description", "errorName",
 * "isRetryable", "parameters", "errorMessageExtended"}. */
static void
respond_error (SoupServerMessage *msg,
               guint              status,
               gint64             code,
               const char        *error_name,
               const char        *message,
               GPtrArray         *customer_ids)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *extended = g_strdup_printf ("InternalErrorCode=%" G_GINT64_FORMAT, code);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "errorName");
  json_builder_add_string_value (builder, error_name);
  json_builder_set_member_name (builder, "isRetryable");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "parameters");
  json_builder_begin_object (builder);
  if (customer_ids != NULL && customer_ids->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (customer_ids, NULL);
      joined = g_strjoinv (",", (char **) customer_ids->pdata);
      g_ptr_array_remove_index (customer_ids, customer_ids->len - 1);
      json_builder_set_member_name (builder, "customerIds");
      json_builder_add_string_value (builder, joined);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "errorMessageExtended");
  json_builder_add_string_value (builder, extended);
  json_builder_end_object (builder);

  attest_sandbox_respond_json (msg, status, builder);
}

static void
respond_invalid (SoupServerMessage *msg,
                 const char        *message)
{
  respond_error (msg, 400, CODE_INVALID_INPUT, "InvalidInput", message, NULL);
}

/* Returns TRUE when the request carries a token the service would take. */
static gboolean
check_token (AttestSandbox     *self,
             SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autoptr(JsonNode) payload = NULL;
  g_autofree char *realm = NULL;
  JsonObject *claims;
  JsonArray *amr = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean mfa = FALSE;

  if (authorization != NULL && g_str_has_prefix (authorization, "Bearer "))
    payload = attest_sandbox_verify_jwt (self, authorization + strlen ("Bearer "));

  if (payload == NULL
      || json_object_get_int_member_with_default (json_node_get_object (payload), "exp", 0) <= now
      || json_object_get_int_member_with_default (json_node_get_object (payload), "nbf", 0) > now
      || g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (payload),
                                                                "aud", NULL),
                    ATTEST_SANDBOX_PARTNER_CENTER_AUDIENCE) != 0)
    {
      realm = g_strdup_printf ("OAuth realm=urn:cpsvc:cpid:%s", self->tenant_id);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", realm);
      attest_sandbox_respond_fault (msg, 401, "401",
                                    "Authentication failed: the access token is missing, not "
                                    "valid or has expired.");
      return FALSE;
    }

  claims = json_node_get_object (payload);
  if (json_object_has_member (claims, "amr")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (claims, "amr")))
    amr = json_object_get_array_member (claims, "amr");
  for (guint i = 0; amr != NULL && i < json_array_get_length (amr); i++)
    {
      JsonNode *entry = json_array_get_element (amr, i);

      if (JSON_NODE_HOLDS_VALUE (entry) && json_node_get_value_type (entry) == G_TYPE_STRING
          && g_str_equal (json_node_get_string (entry), "mfa"))
        mfa = TRUE;
    }

  if (!mfa)
    {
      respond_error (msg, 401, CODE_MFA_REQUIRED, "MfaRequired",
                     "Multi-factor authentication is required. The access token must show that "
                     "the user completed multi-factor authentication.", NULL);
      return FALSE;
    }

  if (!self->user_has_role)
    {
      attest_sandbox_respond_fault (msg, 403, "1002", "Authorization Failed");
      return FALSE;
    }

  return TRUE;
}

static void
add_contact (JsonBuilder *builder,
             const char  *first_name,
             const char  *last_name,
             const char  *email,
             const char  *phone_number)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "firstName");
  json_builder_add_string_value (builder, first_name);
  json_builder_set_member_name (builder, "lastName");
  json_builder_add_string_value (builder, last_name);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "phoneNumber");
  json_builder_add_string_value (builder, phone_number);
  json_builder_end_object (builder);
}

static char *
new_continuation_token (void)
{
  guint8 bytes[18];

  /* Standard base64, so that a client that forgets to escape it fails. */
  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_random_int_range (0, 256);
  bytes[0] |= 0xfb;

  return g_base64_encode (bytes, sizeof bytes);
}

static void
list_records (AttestSandbox     *self,
              SoupServerMessage *msg,
              GHashTable        *query)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *token = query != NULL ? g_hash_table_lookup (query, "continuation_token") : NULL;
  guint index = 0;
  guint listed = 0;

  if (token != NULL)
    {
      gpointer value;

      if (!g_hash_table_lookup_extended (self->continuations, token, NULL, &value))
        return respond_invalid (msg, "The continuation token is not valid.");
      index = GPOINTER_TO_UINT (value);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "customerAgreementRecords");
  json_builder_begin_array (builder);
  for (; index < self->customers->len && listed < self->page_size; index++)
    {
      SandboxCustomer *customer = g_ptr_array_index (self->customers, index);
      const AttestSandboxCustomer *record = &customer->public;

      if (record->attested)
        continue;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "customerTenantId");
      json_builder_add_string_value (builder, record->customer_id);
      json_builder_set_member_name (builder, "lastAgreementPrimaryContact");
      add_contact (builder, record->first_name, record->last_name, record->email,
                   record->phone_number);
      json_builder_set_member_name (builder, "lastAgreementDateEpoch");
      json_builder_add_int_value (builder, record->last_agreement_epoch);
      json_builder_set_member_name (builder, "partnerAttestationCompleted");
      json_builder_add_boolean_value (builder, FALSE);
      json_builder_end_object (builder);
      listed++;
    }
  json_builder_end_array (builder);

  /* Skip the attested ones, so a last page is never empty. */
  while (index < self->customers->len
         && ((SandboxCustomer *) g_ptr_array_index (self->customers, index))->public.attested)
    index++;

  if (index < self->customers->len)
    {
      char *next = new_continuation_token ();

      g_hash_table_insert (self->continuations, next, GUINT_TO_POINTER (index));
      json_builder_set_member_name (builder, "continuationToken");
      json_builder_add_string_value (builder, next);
    }
  json_builder_end_object (builder);

  attest_sandbox_respond_json (msg, 200, builder);
}

static void
add_agreement (JsonBuilder *builder,
               const char  *template_id,
               const char  *type,
               const char  *link)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "templateId");
  json_builder_add_string_value (builder, template_id);
  json_builder_set_member_name (builder, "agreementType");
  json_builder_add_string_value (builder, type);
  json_builder_set_member_name (builder, "agreementLink");
  json_builder_add_string_value (builder, link);
  json_builder_set_member_name (builder, "versionRank");
  json_builder_add_int_value (builder, 0);
  json_builder_end_object (builder);
}

/* Without agreementType the service answers with the Cloud Agreement, for
 * compatibility (reference §2.2). */
static void
list_agreements (AttestSandbox     *self,
                 SoupServerMessage *msg,
                 GHashTable        *query)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *type = query != NULL ? g_hash_table_lookup (query, "agreementType") : NULL;
  gboolean mca, cloud;

  if (type == NULL)
    type = CLOUD_TYPE;

  mca = g_str_equal (type, MCA_TYPE) || g_str_equal (type, "*");
  cloud = g_str_equal (type, CLOUD_TYPE) || g_str_equal (type, "*");
  if (!mca && !cloud)
    return respond_invalid (msg, "The agreement type is not valid.");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "totalCount");
  json_builder_add_int_value (builder, mca + cloud);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  if (mca)
    add_agreement (builder, self->template_id, MCA_TYPE, MCA_LINK);
  if (cloud)
    add_agreement (builder, CLOUD_TEMPLATE_ID, CLOUD_TYPE,
                   "https://aka.ms/microsoftcloudagreement");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "objectType");
  json_builder_add_string_value (builder, "Collection");
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  attest_sandbox_respond_json (msg, 200, builder);
}

/* What the service checks of an email address: one @, something before it,
 * a domain with a dot and no empty label, no spaces. */
static gboolean
email_is_valid (const char *email)
{
  const char *at = strchr (email, '@');
  const char *label;
  guint labels = 0;

  if (at == NULL || at == email || strchr (at + 1, '@') != NULL || strpbrk (email, " \t") != NULL)
    return FALSE;

  for (label = at + 1;; label++)
    {
      const char *dot = strchr (label, '.');
      const char *label_end = dot != NULL ? dot : label + strlen (label);

      if (label_end == label)
        return FALSE;
      labels++;
      if (dot == NULL)
        break;
      label = dot;
    }

  return labels >= 2;
}

/* An agreement of a per-customer request, as json-glib read it. */
static void
agreement_from_json (JsonObject       *object,
                     SandboxAgreement *agreement)
{
  JsonNode *node = json_object_get_member (object, "primaryContact");

  memset (agreement, 0, sizeof *agreement);
  agreement->template_id = json_object_get_string_member_with_default (object, "templateId",
                                                                       NULL);
  agreement->date_agreed = json_object_get_string_member_with_default (object, "dateAgreed",
                                                                       NULL);
  agreement->has_contact = node != NULL && JSON_NODE_HOLDS_OBJECT (node);
  agreement->phone_number = "";
  if (agreement->has_contact)
    {
      JsonObject *fields = json_node_get_object (node);

      agreement->first_name = json_object_get_string_member_with_default (fields, "firstName",
                                                                          NULL);
      agreement->last_name = json_object_get_string_member_with_default (fields, "lastName",
                                                                         NULL);
      agreement->email = json_object_get_string_member_with_default (fields, "email", NULL);
      agreement->phone_number = json_object_get_string_member_with_default (fields,
                                                                            "phoneNumber", "");
    }
}

static gboolean
contact_is_complete (const SandboxAgreement *agreement)
{
  return agreement->has_contact && agreement->first_name != NULL
         && agreement->last_name != NULL && agreement->email != NULL
         && agreement->phone_number != NULL;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    {
      if (!g_unichar_isspace (g_utf8_get_char (text)))
        return FALSE;
    }

  return TRUE;
}

typedef enum
{
  VERDICT_OK,
  VERDICT_INVALID,
  VERDICT_FUTURE_DATE,
  VERDICT_ALREADY_ATTESTED,
} Verdict;

static Verdict
reject (const char **problem,
        const char  *reason)
{
  *problem = reason;

  return VERDICT_INVALID;
}

/* The time of a request, and the last dateAgreed it read: the agreements
 * of a batch share one, and reading a date costs more than the rest of the
 * checks. */
typedef struct
{
  GDateTime  *now;
  char       *date_text;
  GDateTime  *date;
} RequestClock;

static void
request_clock_init (RequestClock *clock)
{
  clock->now = g_date_time_new_now_utc ();
  clock->date_text = NULL;
  clock->date = NULL;
}

static void
request_clock_clear (RequestClock *clock)
{
  g_clear_pointer (&clock->now, g_date_time_unref);
  g_clear_pointer (&clock->date_text, g_free);
  g_clear_pointer (&clock->date, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RequestClock, request_clock_clear)

static GDateTime *
request_clock_read_date (RequestClock *clock,
                         const char   *text)
{
  if (clock->date_text == NULL || !g_str_equal (clock->date_text, text))
    {
      g_free (clock->date_text);
      g_clear_pointer (&clock->date, g_date_time_unref);
      clock->date_text = g_strdup (text);
      clock->date = g_date_time_new_from_iso8601 (text, NULL);
    }

  return clock->date;
}

/* Judges one agreement for @customer_id. On VERDICT_INVALID, @problem
 * says why. */
static Verdict
judge_agreement (AttestSandbox          *self,
                 const char             *customer_id,
                 const SandboxAgreement *agreement,
                 RequestClock           *clock,
                 const char            **problem)
{
  SandboxCustomer *customer = g_hash_table_lookup (self->customers_by_id, customer_id);
  GDateTime *date;

  if (customer == NULL)
    return reject (problem, "no such customer");
  if (!contact_is_complete (agreement))
    return reject (problem, "the primary contact is incomplete");
  if (is_blank (agreement->first_name) || is_blank (agreement->last_name))
    return reject (problem, "the primary contact's name is empty");
  if (!email_is_valid (agreement->email))
    return reject (problem, "the email address is not valid");
  if (agreement->date_agreed == NULL
      || (date = request_clock_read_date (clock, agreement->date_agreed)) == NULL)
    return reject (problem, "dateAgreed is not a date");
  if (g_date_time_compare (date, clock->now) > 0)
    return VERDICT_FUTURE_DATE;

  if (customer->public.attested
      && g_strcmp0 (customer->attested_first_name, agreement->first_name) == 0
      && g_strcmp0 (customer->attested_last_name, agreement->last_name) == 0
      && g_strcmp0 (customer->attested_email, agreement->email) == 0
      && g_strcmp0 (customer->attested_phone_number, agreement->phone_number) == 0)
    return VERDICT_ALREADY_ATTESTED;

  return VERDICT_OK;
}

static void
attest (AttestSandbox          *self,
        const char             *customer_id,
        const SandboxAgreement *agreement)
{
  SandboxCustomer *customer = g_hash_table_lookup (self->customers_by_id, customer_id);

  customer->public.attested = TRUE;
  g_free (customer->attested_first_name);
  g_free (customer->attested_last_name);
  g_free (customer->attested_email);
  g_free (customer->attested_phone_number);
  customer->attested_first_name = g_strdup (agreement->first_name);
  customer->attested_last_name = g_strdup (agreement->last_name);
  customer->attested_email = g_strdup (agreement->email);
  customer->attested_phone_number = g_strdup (agreement->phone_number);
}

static JsonNode *
parse_body (SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                   g_bytes_get_size (body), NULL)
      || (root = json_parser_get_root (parser)) == NULL)
    return NULL;

  return json_node_copy (root);
}

static void
respond_future_date (SoupServerMessage *msg,
                     GPtrArray         *customer_ids)
{
  respond_error (msg, 400, CODE_FUTURE_DATE, "InvalidDateAgreed",
                 "Date of agreement cannot be greater than the current date.", customer_ids);
}

static void
respond_already_attested (SoupServerMessage *msg,
                          GPtrArray         *customer_ids)
{
  respond_error (msg, 409, CODE_ALREADY_EXISTS, "PartnerConfirmedAgreementAlreadyExists",
                 "A partner confirmed agreement already exists for the customer.", customer_ids);
}

static void
create_agreement (AttestSandbox     *self,
                  SoupServerMessage *msg,
                  const char        *customer_id)
{
  g_autoptr(JsonNode) root = parse_body (msg);
  g_autoptr(JsonBuilder) builder = NULL;
  g_auto(RequestClock) clock = { 0 };
  SandboxAgreement agreement;
  JsonObject *object;
  const char *problem = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return respond_invalid (msg, "The request body is not a JSON object.");
  object = json_node_get_object (root);

  if (g_hash_table_lookup (self->customers_by_id, customer_id) == NULL)
    return respond_error (msg, 404, CODE_CUSTOMER_NOT_FOUND, "CustomerNotFound",
                          "The customer was not found.", NULL);

  agreement_from_json (object, &agreement);
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "type", NULL),
                 MCA_TYPE) != 0
      || g_strcmp0 (agreement.template_id, self->template_id) != 0)
    return respond_invalid (msg, "The agreement type or template is not valid.");

  request_clock_init (&clock);
  switch (judge_agreement (self, customer_id, &agreement, &clock, &problem))
    {
    case VERDICT_INVALID:
      {
        g_autofree char *message = g_strdup_printf ("The agreement is not valid: %s.", problem);

        return respond_invalid (msg, message);
      }
    case VERDICT_FUTURE_DATE:
      return respond_future_date (msg, NULL);
    case VERDICT_ALREADY_ATTESTED:
      return respond_already_attested (msg, NULL);
    case VERDICT_OK:
    default:
      break;
    }

  attest (self, customer_id, &agreement);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "userId");
  json_builder_add_string_value (builder, self->user_object_id);
  json_builder_set_member_name (builder, "primaryContact");
  add_contact (builder, agreement.first_name, agreement.last_name, agreement.email,
               agreement.phone_number);
  json_builder_set_member_name (builder, "templateId");
  json_builder_add_string_value (builder, self->template_id);
  json_builder_set_member_name (builder, "dateAgreed");
  json_builder_add_string_value (builder, agreement.date_agreed);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, MCA_TYPE);
  json_builder_set_member_name (builder, "agreementLink");
  json_builder_add_string_value (builder, MCA_LINK);
  json_builder_end_object (builder);

  attest_sandbox_respond_json (msg, 201, builder);
}

static void
create_bulk (AttestSandbox     *self,
             SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (SandboxBulkItem));
  g_autoptr(GStringChunk) strings = g_string_chunk_new (64 * 1024);
  g_autoptr(GPtrArray) invalid = g_ptr_array_new ();
  g_autoptr(GPtrArray) future = g_ptr_array_new ();
  g_autoptr(GPtrArray) attested = g_ptr_array_new ();
  g_autoptr(GString) reasons = g_string_new (NULL);
  g_autoptr(JsonBuilder) builder = NULL;
  g_auto(RequestClock) clock = { 0 };
  guint n;

  if (!attest_sandbox_read_bulk_body (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                      items, strings))
    return respond_invalid (msg, "The request body is not a JSON array.");

  n = items->len;
  if (n == 0)
    return respond_invalid (msg, "The request holds no agreements.");
  if (n > ATTEST_SANDBOX_MAX_BULK_ITEMS)
    return respond_invalid (msg, "The request holds more than 500 agreements.");

  request_clock_init (&clock);
  for (guint i = 0; i < n; i++)
    {
      SandboxBulkItem *item = &g_array_index (items, SandboxBulkItem, i);
      const char *problem = NULL;

      if (!item->is_object)
        return respond_invalid (msg, "Every item of the request must be a JSON object.");
      if (g_strcmp0 (item->partner_id, self->tenant_id) != 0)
        return respond_invalid (msg, "The partner ID does not match the signed-in partner.");
      if (!item->direct_acceptance_false)
        return respond_invalid (msg, "customerDirectAcceptance must be false.");
      if (item->customer_id == NULL || !item->has_agreement)
        return respond_invalid (msg, "Every item needs a customerId and an agreement.");
      if (g_strcmp0 (item->agreement.template_id, self->template_id) != 0)
        return respond_invalid (msg, "The agreement template is not valid.");

      switch (judge_agreement (self, item->customer_id, &item->agreement, &clock, &problem))
        {
        case VERDICT_INVALID:
          g_ptr_array_add (invalid, (char *) item->customer_id);
          g_string_append_printf (reasons, "%s%s (%s)", reasons->len > 0 ? ", " : "",
                                  item->customer_id, problem);
          break;
        case VERDICT_FUTURE_DATE:
          g_ptr_array_add (future, (char *) item->customer_id);
          break;
        case VERDICT_ALREADY_ATTESTED:
          g_ptr_array_add (attested, (char *) item->customer_id);
          break;
        case VERDICT_OK:
        default:
          break;
        }
    }

  if (invalid->len > 0)
    {
      g_autofree char *message =
        g_strdup_printf ("The request has invalid agreements for these customers: %s.",
                         reasons->str);

      return respond_error (msg, 400, CODE_INVALID_INPUT, "InvalidInput", message, invalid);
    }
  if (future->len > 0)
    return respond_future_date (msg, future);
  if (attested->len > 0)
    return respond_already_attested (msg, attested);

  for (guint i = 0; i < n; i++)
    {
      SandboxBulkItem *item = &g_array_index (items, SandboxBulkItem, i);

      attest (self, item->customer_id, &item->agreement);
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "totalCount");
  json_builder_add_int_value (builder, n);
  json_builder_end_object (builder);
  attest_sandbox_respond_json (msg, 200, builder);
}

/* Replays the answer to a POST already answered under the same
 * MS-RequestId; returns FALSE when there is none. */
static gboolean
replay_answer (AttestSandbox     *self,
               SoupServerMessage *msg,
               const char        *request_id,
               GBytes            *body)
{
  SandboxAnswer *answer;
  gsize length = 0;
  gconstpointer data;

  if (request_id == NULL || self->answers == NULL
      || (answer = g_hash_table_lookup (self->answers, request_id)) == NULL)
    return FALSE;

  if (!g_bytes_equal (answer->request_body, body))
    {
      respond_invalid (msg, "The MS-RequestId was already used for a different request.");
      return TRUE;
    }

  data = g_bytes_get_data (answer->response_body, &length);
  soup_server_message_set_status (msg, answer->status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_COPY,
                                    data, length);
  return TRUE;
}

static void
remember_answer (AttestSandbox     *self,
                 SoupServerMessage *msg,
                 const char        *request_id,
                 GBytes            *body)
{
  SandboxAnswer *answer;

  if (request_id == NULL)
    return;

  if (self->answers == NULL)
    self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, answer_free);
  answer = g_new0 (SandboxAnswer, 1);
  answer->request_body = g_bytes_ref (body);
  answer->status = soup_server_message_get_status (msg);
  answer->response_body =
    soup_message_body_flatten (soup_server_message_get_response_body (msg));
  g_hash_table_insert (self->answers, g_strdup (request_id), answer);
}

/* Returns FALSE when @path is none of Partner Center's. */
gboolean
attest_sandbox_partner_handle (AttestSandbox     *self,
                               SoupServerMessage *msg,
                               const char        *path,
                               GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  const char *request_id = soup_message_headers_get_one (request_headers, "MS-RequestId");
  const char *correlation_id = soup_message_headers_get_one (request_headers, "MS-CorrelationId");
  g_autoptr(GBytes) body = NULL;
  g_auto(GStrv) parts = g_strsplit (path, "/", 6);
  gboolean is_post = g_str_equal (method, "POST");
  guint n_parts = g_strv_length (parts);

  if (request_id != NULL)
    soup_message_headers_replace (response_headers, "MS-RequestId", request_id);
  if (correlation_id != NULL)
    soup_message_headers_replace (response_headers, "MS-CorrelationId", correlation_id);

  if (!check_token (self, msg))
    return TRUE;

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  if (is_post && replay_answer (self, msg, request_id, body))
    return TRUE;

  if (g_str_equal (method, "GET") && g_str_equal (path, "/v1/partners/customeragreementrecords"))
    list_records (self, msg, query);
  else if (g_str_equal (method, "GET") && g_str_equal (path, "/v1/agreements"))
    list_agreements (self, msg, query);
  else if (is_post && g_str_equal (path, "/v1/CreateBulkReAttestation"))
    create_bulk (self, msg);
  else if (is_post && n_parts == 5 && g_str_equal (parts[2], "customers")
           && g_str_equal (parts[4], "agreements"))
    create_agreement (self, msg, parts[3]);
  else
    return FALSE;

  if (is_post)
    remember_answer (self, msg, request_id, body);

  return TRUE;
}
