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
 * gets the first answer again, as an idempotency key should
 * (attest-sandbox-answers.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-partner"

#include "config.h"

#include <string.h>

#include "attest-sandbox-agreements.h"
#include "attest-sandbox-answers.h"
#include "attest-sandbox-body-reader.h"
#include "attest-sandbox-judge.h"
#include "attest-sandbox-partner.h"
#include "attest-sandbox-util.h"

#define MCA_TYPE            "MicrosoftCustomerAgreement"
#define CLOUD_TYPE          "MicrosoftCloudAgreement"
#define CLOUD_TEMPLATE_ID   "998b88de-aa99-4388-a42c-1b3517d49490"
#define MCA_LINK            "https://aka.ms/customeragreement"

#define CODE_INVALID_INPUT       2000
#define CODE_CUSTOMER_NOT_FOUND  600008
#define CODE_FUTURE_DATE         600002
#define CODE_ALREADY_EXISTS      600061
#define CODE_MFA_REQUIRED        900421

#define MAX_ANSWERS 10000

struct _AttestSandboxPartner
{
  AttestSandboxTenant    *tenant;         /* borrowed */
  AttestSandboxCustomers *customers;      /* borrowed */
  char                   *template_id;
  guint                   page_size;
  GHashTable             *continuations;  /* token → index of the page's first customer */
  AttestSandboxAnswers   *answers;        /* of POSTs, by MS-RequestId */
};

AttestSandboxPartner *
attest_sandbox_partner_new (AttestSandboxTenant    *tenant,
                            AttestSandboxCustomers *customers,
                            GRand                  *rand)
{
  AttestSandboxPartner *self = g_new0 (AttestSandboxPartner, 1);

  self->tenant = tenant;
  self->customers = customers;
  self->template_id = attest_sandbox_new_guid (rand);
  self->page_size = ATTEST_SANDBOX_DEFAULT_PAGE_SIZE;
  self->continuations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->answers = attest_sandbox_answers_new (MAX_ANSWERS);

  return self;
}

void
attest_sandbox_partner_free (AttestSandboxPartner *self)
{
  g_free (self->template_id);
  g_hash_table_unref (self->continuations);
  attest_sandbox_answers_free (self->answers);
  g_free (self);
}

const char *
attest_sandbox_partner_get_template_id (AttestSandboxPartner *self)
{
  return self->template_id;
}

void
attest_sandbox_partner_set_template_id (AttestSandboxPartner *self,
                                        const char           *template_id)
{
  g_free (self->template_id);
  self->template_id = g_strdup (template_id);
}

void
attest_sandbox_partner_set_page_size (AttestSandboxPartner *self,
                                      guint                 page_size)
{
  self->page_size = page_size;
}

/* Continuation tokens point into the customer list: when it is made anew,
 * they point nowhere. */
void
attest_sandbox_partner_forget_pages (AttestSandboxPartner *self)
{
  g_hash_table_remove_all (self->continuations);
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
check_token (AttestSandboxPartner *self,
             SoupServerMessage    *msg)
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
    payload = attest_sandbox_tenant_verify_token (self->tenant,
                                                   authorization + strlen ("Bearer "));

  if (payload == NULL
      || json_object_get_int_member_with_default (json_node_get_object (payload), "exp", 0) <= now
      || json_object_get_int_member_with_default (json_node_get_object (payload), "nbf", 0) > now
      || g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (payload),
                                                                "aud", NULL),
                    ATTEST_SANDBOX_PARTNER_CENTER_AUDIENCE) != 0)
    {
      realm = g_strdup_printf ("OAuth realm=urn:cpsvc:cpid:%s",
                               attest_sandbox_tenant_get_id (self->tenant));
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

  if (!attest_sandbox_tenant_get_user_has_role (self->tenant))
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
list_records (AttestSandboxPartner *self,
              SoupServerMessage    *msg,
              GHashTable           *query)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *token = query != NULL ? g_hash_table_lookup (query, "continuation_token") : NULL;
  guint count = attest_sandbox_customers_get_count (self->customers);
  guint index = 0;
  guint listed = 0;

  if (token != NULL)
    {
      gpointer value;

      if (!g_hash_table_lookup_extended (self->continuations, token, NULL, &value))
        {
          respond_invalid (msg, "The continuation token is not valid.");
          return;
        }
      index = GPOINTER_TO_UINT (value);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "customerAgreementRecords");
  json_builder_begin_array (builder);
  for (; index < count && listed < self->page_size; index++)
    {
      const AttestSandboxCustomer *record = attest_sandbox_customers_get (self->customers, index);

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
  while (index < count && attest_sandbox_customers_get (self->customers, index)->attested)
    index++;

  if (index < count)
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
list_agreements (AttestSandboxPartner *self,
                 SoupServerMessage    *msg,
                 GHashTable           *query)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *type = query != NULL ? g_hash_table_lookup (query, "agreementType") : NULL;
  gboolean mca, cloud;

  if (type == NULL)
    type = CLOUD_TYPE;

  mca = g_str_equal (type, MCA_TYPE) || g_str_equal (type, "*");
  cloud = g_str_equal (type, CLOUD_TYPE) || g_str_equal (type, "*");
  if (!mca && !cloud)
    {
      respond_invalid (msg, "The agreement type is not valid.");
      return;
    }

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
create_agreement (AttestSandboxPartner *self,
                  SoupServerMessage    *msg,
                  const char           *customer_id,
                  GBytes               *body)
{
  g_autoptr(GStringChunk) strings = g_string_chunk_new (256);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(AttestSandboxJudge) judge = NULL;
  AttestSandboxAgreement agreement;
  const char *type = NULL;
  const char *problem = NULL;

  if (!attest_sandbox_read_agreement_body (body, &agreement, &type, strings))
    {
      respond_invalid (msg, "The request body is not a JSON object.");
      return;
    }

  if (attest_sandbox_customers_lookup (self->customers, customer_id) == NULL)
    {
      respond_error (msg, 404, CODE_CUSTOMER_NOT_FOUND, "CustomerNotFound",
                     "The customer was not found.", NULL);
      return;
    }

  if (g_strcmp0 (type, MCA_TYPE) != 0
      || g_strcmp0 (agreement.template_id, self->template_id) != 0)
    {
      respond_invalid (msg, "The agreement type or template is not valid.");
      return;
    }

  judge = attest_sandbox_judge_new (self->customers);
  switch (attest_sandbox_judge_agreement (judge, customer_id, &agreement, &problem))
    {
    case ATTEST_SANDBOX_VERDICT_INVALID:
      {
        g_autofree char *message = g_strdup_printf ("The agreement is not valid: %s.", problem);

        respond_invalid (msg, message);
        return;
      }
    case ATTEST_SANDBOX_VERDICT_FUTURE_DATE:
      respond_future_date (msg, NULL);
      return;
    case ATTEST_SANDBOX_VERDICT_ALREADY_ATTESTED:
      respond_already_attested (msg, NULL);
      return;
    case ATTEST_SANDBOX_VERDICT_OK:
    default:
      break;
    }

  attest_sandbox_customers_attest (self->customers, customer_id, &agreement);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "userId");
  json_builder_add_string_value (builder, attest_sandbox_tenant_get_user_object_id (self->tenant));
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
create_bulk (AttestSandboxPartner *self,
             SoupServerMessage    *msg,
             GBytes               *body)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (AttestSandboxBulkItem));
  g_autoptr(GStringChunk) strings = g_string_chunk_new (64 * 1024);
  g_autoptr(GPtrArray) invalid = g_ptr_array_new ();
  g_autoptr(GPtrArray) future = g_ptr_array_new ();
  g_autoptr(GPtrArray) attested = g_ptr_array_new ();
  g_autoptr(GString) reasons = g_string_new (NULL);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(AttestSandboxJudge) judge = NULL;
  const char *tenant_id = attest_sandbox_tenant_get_id (self->tenant);
  guint n;

  if (!attest_sandbox_read_bulk_body (body, items, strings))
    {
      respond_invalid (msg, "The request body is not a JSON array.");
      return;
    }

  n = items->len;
  if (n == 0)
    {
      respond_invalid (msg, "The request holds no agreements.");
      return;
    }
  if (n > ATTEST_SANDBOX_MAX_BULK_ITEMS)
    {
      respond_invalid (msg, "The request holds more than 500 agreements.");
      return;
    }

  judge = attest_sandbox_judge_new (self->customers);
  for (guint i = 0; i < n; i++)
    {
      AttestSandboxBulkItem *item = &g_array_index (items, AttestSandboxBulkItem, i);
      const char *problem = NULL;
      const char *refusal = NULL;

      if (!item->is_object)
        refusal = "Every item of the request must be a JSON object.";
      else if (g_strcmp0 (item->partner_id, tenant_id) != 0)
        refusal = "The partner ID does not match the signed-in partner.";
      else if (!item->direct_acceptance_false)
        refusal = "customerDirectAcceptance must be false.";
      else if (item->customer_id == NULL || !item->has_agreement)
        refusal = "Every item needs a customerId and an agreement.";
      else if (g_strcmp0 (item->agreement.template_id, self->template_id) != 0)
        refusal = "The agreement template is not valid.";
      if (refusal != NULL)
        {
          respond_invalid (msg, refusal);
          return;
        }

      switch (attest_sandbox_judge_agreement (judge, item->customer_id, &item->agreement,
                                              &problem))
        {
        case ATTEST_SANDBOX_VERDICT_INVALID:
          g_ptr_array_add (invalid, (char *) item->customer_id);
          g_string_append_printf (reasons, "%s%s (%s)", reasons->len > 0 ? ", " : "",
                                  item->customer_id, problem);
          break;
        case ATTEST_SANDBOX_VERDICT_FUTURE_DATE:
          g_ptr_array_add (future, (char *) item->customer_id);
          break;
        case ATTEST_SANDBOX_VERDICT_ALREADY_ATTESTED:
          g_ptr_array_add (attested, (char *) item->customer_id);
          break;
        case ATTEST_SANDBOX_VERDICT_OK:
        default:
          break;
        }
    }

  if (invalid->len > 0)
    {
      g_autofree char *message =
        g_strdup_printf ("The request has invalid agreements for these customers: %s.",
                         reasons->str);

      respond_error (msg, 400, CODE_INVALID_INPUT, "InvalidInput", message, invalid);
      return;
    }
  if (future->len > 0)
    {
      respond_future_date (msg, future);
      return;
    }
  if (attested->len > 0)
    {
      respond_already_attested (msg, attested);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      AttestSandboxBulkItem *item = &g_array_index (items, AttestSandboxBulkItem, i);

      attest_sandbox_customers_attest (self->customers, item->customer_id, &item->agreement);
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "totalCount");
  json_builder_add_int_value (builder, n);
  json_builder_end_object (builder);
  attest_sandbox_respond_json (msg, 200, builder);
}

/* Answers @msg; returns FALSE when @path is none of Partner Center's. */
gboolean
attest_sandbox_partner_handle (AttestSandboxPartner *self,
                               SoupServerMessage    *msg,
                               const char           *path,
                               GHashTable           *query)
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
  switch (is_post ? attest_sandbox_answers_replay (self->answers, msg, request_id, body)
                  : ATTEST_SANDBOX_REPLAY_NONE)
    {
    case ATTEST_SANDBOX_REPLAY_DONE:
      return TRUE;
    case ATTEST_SANDBOX_REPLAY_CONFLICT:
      respond_invalid (msg, "The MS-RequestId was already used for a different request.");
      return TRUE;
    case ATTEST_SANDBOX_REPLAY_NONE:
    default:
      break;
    }

  if (g_str_equal (method, "GET") && g_str_equal (path, "/v1/partners/customeragreementrecords"))
    list_records (self, msg, query);
  else if (g_str_equal (method, "GET") && g_str_equal (path, "/v1/agreements"))
    list_agreements (self, msg, query);
  else if (is_post && g_str_equal (path, "/v1/CreateBulkReAttestation"))
    create_bulk (self, msg, body);
  else if (is_post && n_parts == 5 && g_str_equal (parts[2], "customers")
           && g_str_equal (parts[4], "agreements"))
    create_agreement (self, msg, parts[3], body);
  else
    return FALSE;

  if (is_post)
    attest_sandbox_answers_remember (self->answers, msg, request_id,
                                     attest_sandbox_body_digest (body));

  return TRUE;
}
