/* attest-sandbox-partner.c: the Partner Center endpoints of the sandbox
 *
 * Routes each request to what answers it, behind the token check of the
 * real service (attest-sandbox-bearer.c), which takes the token each
 * route takes. Answered here: the four calls of SPEC §5 (the template
 * lookup takes a user's or an application's token, the fetch and the
 * attestations a user's). The two that write are refused, as Microsoft
 * refuses them since 2026-01-05, unless the sandbox serves the classic
 * service (attest_sandbox_set_classic()). The private records list can be switched off,
 * as Microsoft may stop serving it. The documented reads of the customers
 * are in attest-sandbox-customer-reads.c. An agreement created here shows
 * in those reads too.
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
#include "attest-sandbox-bearer.h"
#include "attest-sandbox-body-reader.h"
#include "attest-sandbox-customer-reads.h"
#include "attest-sandbox-enhanced.h"
#include "attest-sandbox-judge.h"
#include "attest-sandbox-partner.h"
#include "attest-sandbox-util.h"

#define MAX_ANSWERS 10000

#define DIRECT_SIGNED "directSignedMicrosoftCustomerAgreementStatus"

/* How the current service refuses the classic write, which Microsoft
 * retired on 2026-01-05. What it really answers is not published; this is
 * a plausible answer, kept here alone: a 400 that names no customer, with
 * a code next to those of the agreements. */
#define RETIRED_STATUS      400
#define RETIRED_CODE        600090
#define RETIRED_ERROR_NAME  "PartnerAttestationRetired"
#define RETIRED_DESCRIPTION \
  "Partner attestation of the Microsoft Customer Agreement was retired on 2026-01-05. " \
  "Create an enhanced attestation (POST /v1/attestations/enhanced) so that the customer " \
  "accepts the agreement, or ask the customer to accept it in the Microsoft 365 admin center."

typedef enum
{
  ROUTE_NONE,
  ROUTE_RECORDS,             /* GET /v1/partners/customeragreementrecords */
  ROUTE_TEMPLATES,           /* GET /v1/agreements */
  ROUTE_BULK,                /* POST /v1/CreateBulkReAttestation */
  ROUTE_CREATE_AGREEMENT,    /* POST /v1/customers/{id}/agreements */
  ROUTE_CUSTOMERS,           /* GET /v1/customers */
  ROUTE_CUSTOMER_AGREEMENTS, /* GET /v1/customers/{id}/agreements */
  ROUTE_DIRECT_SIGNED,       /* GET /v1/customers/{id}/directSigned… */
  ROUTE_BILLING_PROFILE,     /* GET /v1/customers/{id}/profiles/billing */
  ROUTE_ENHANCED,            /* POST /v1/attestations/enhanced */
  ROUTE_COMPLETE,            /* POST /v1/customers/{id}/agreements with an attestationId */
} Route;

/* The token each route takes (SPEC §13, "Credentials per route"). */
static const AttestSandboxCredential route_credentials[] = {
  [ROUTE_NONE] = ATTEST_SANDBOX_CREDENTIAL_EITHER,
  [ROUTE_RECORDS] = ATTEST_SANDBOX_CREDENTIAL_USER,
  [ROUTE_TEMPLATES] = ATTEST_SANDBOX_CREDENTIAL_EITHER,
  [ROUTE_BULK] = ATTEST_SANDBOX_CREDENTIAL_USER,
  [ROUTE_CREATE_AGREEMENT] = ATTEST_SANDBOX_CREDENTIAL_USER,
  [ROUTE_CUSTOMERS] = ATTEST_SANDBOX_CREDENTIAL_EITHER,
  [ROUTE_CUSTOMER_AGREEMENTS] = ATTEST_SANDBOX_CREDENTIAL_USER,
  [ROUTE_DIRECT_SIGNED] = ATTEST_SANDBOX_CREDENTIAL_USER,
  [ROUTE_BILLING_PROFILE] = ATTEST_SANDBOX_CREDENTIAL_EITHER,
  [ROUTE_ENHANCED] = ATTEST_SANDBOX_CREDENTIAL_APP,
  [ROUTE_COMPLETE] = ATTEST_SANDBOX_CREDENTIAL_APP,
};

struct _AttestSandboxPartner
{
  AttestSandboxTenant        *tenant;         /* borrowed */
  AttestSandboxCustomers     *customers;      /* borrowed */
  AttestSandboxCustomerReads *reads;
  AttestSandboxEnhanced      *enhanced;
  char                       *template_id;
  guint                       page_size;
  gboolean                    records_list_served;
  gboolean                    classic;        /* the classic write is taken */
  GHashTable                 *continuations;  /* token → index of the page's first customer */
  AttestSandboxAnswers       *answers;        /* of POSTs, by MS-RequestId */
};

AttestSandboxPartner *
attest_sandbox_partner_new (AttestSandboxTenant       *tenant,
                            AttestSandboxCustomers    *customers,
                            AttestSandboxMca          *mca,
                            AttestSandboxAttestations *attestations,
                            GRand                     *rand)
{
  AttestSandboxPartner *self = g_new0 (AttestSandboxPartner, 1);

  self->tenant = tenant;
  self->customers = customers;
  self->reads = attest_sandbox_customer_reads_new (customers, mca);
  self->enhanced = attest_sandbox_enhanced_new (attestations, customers);
  self->records_list_served = TRUE;
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
  attest_sandbox_customer_reads_free (self->reads);
  attest_sandbox_enhanced_free (self->enhanced);
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
  attest_sandbox_customer_reads_forget_pages (self->reads);
}

/* Whether the classic write (SPEC §5) is taken, as before 2026-01-05, or
 * refused, as the current service does. */
void
attest_sandbox_partner_set_classic (AttestSandboxPartner *self,
                                    gboolean              classic)
{
  self->classic = !!classic;
}

gboolean
attest_sandbox_partner_get_classic (AttestSandboxPartner *self)
{
  return self->classic;
}

/* Whether the private records list of Microsoft's tool is served; when it
 * is not, it answers 404, as a path the service does not have. */
void
attest_sandbox_partner_set_records_list_served (AttestSandboxPartner *self,
                                                gboolean              served)
{
  self->records_list_served = !!served;
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
          attest_sandbox_respond_invalid (msg, "The continuation token is not valid.");
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
      attest_sandbox_add_contact (builder, record->first_name, record->last_name,
                                  record->email, record->phone_number);
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
      char *next = attest_sandbox_new_continuation_token ();

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
    type = ATTEST_SANDBOX_CLOUD_TYPE;

  mca = g_str_equal (type, ATTEST_SANDBOX_MCA_TYPE) || g_str_equal (type, "*");
  cloud = g_str_equal (type, ATTEST_SANDBOX_CLOUD_TYPE) || g_str_equal (type, "*");
  if (!mca && !cloud)
    {
      attest_sandbox_respond_invalid (msg, "The agreement type is not valid.");
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "totalCount");
  json_builder_add_int_value (builder, mca + cloud);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  if (mca)
    add_agreement (builder, self->template_id, ATTEST_SANDBOX_MCA_TYPE, ATTEST_SANDBOX_MCA_LINK);
  if (cloud)
    add_agreement (builder, ATTEST_SANDBOX_CLOUD_TEMPLATE_ID, ATTEST_SANDBOX_CLOUD_TYPE,
                   ATTEST_SANDBOX_CLOUD_LINK);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "objectType");
  json_builder_add_string_value (builder, "Collection");
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  attest_sandbox_respond_json (msg, 200, builder);
}

/* @agreement is NULL when the body was not a JSON object. */
static void
create_agreement (AttestSandboxPartner         *self,
                  SoupServerMessage            *msg,
                  const char                   *customer_id,
                  const AttestSandboxAgreement *agreement,
                  const char                   *type)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(AttestSandboxJudge) judge = NULL;
  AttestSandboxVerdict verdict;
  const char *problem = NULL;

  if (agreement == NULL)
    {
      attest_sandbox_respond_invalid (msg, "The request body is not a JSON object.");
      return;
    }

  if (attest_sandbox_customers_lookup (self->customers, customer_id) == NULL)
    {
      attest_sandbox_respond_no_customer (msg);
      return;
    }

  if (g_strcmp0 (type, ATTEST_SANDBOX_MCA_TYPE) != 0
      || g_strcmp0 (agreement->template_id, self->template_id) != 0)
    {
      attest_sandbox_respond_invalid (msg, "The agreement type or template is not valid.");
      return;
    }

  judge = attest_sandbox_judge_new (self->customers);
  verdict = attest_sandbox_judge_agreement (judge, customer_id, agreement, &problem);
  if (attest_sandbox_respond_verdict (msg, verdict, problem))
    return;

  attest_sandbox_customers_attest (self->customers, customer_id, agreement);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "userId");
  json_builder_add_string_value (builder, attest_sandbox_tenant_get_user_object_id (self->tenant));
  json_builder_set_member_name (builder, "primaryContact");
  attest_sandbox_add_contact (builder, agreement->first_name, agreement->last_name,
                              agreement->email, agreement->phone_number);
  json_builder_set_member_name (builder, "templateId");
  json_builder_add_string_value (builder, self->template_id);
  json_builder_set_member_name (builder, "dateAgreed");
  json_builder_add_string_value (builder, agreement->date_agreed);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, ATTEST_SANDBOX_MCA_TYPE);
  json_builder_set_member_name (builder, "agreementLink");
  json_builder_add_string_value (builder, ATTEST_SANDBOX_MCA_LINK);
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
      attest_sandbox_respond_invalid (msg, "The request body is not a JSON array.");
      return;
    }

  n = items->len;
  if (n == 0)
    {
      attest_sandbox_respond_invalid (msg, "The request holds no agreements.");
      return;
    }
  if (n > ATTEST_SANDBOX_MAX_BULK_ITEMS)
    {
      attest_sandbox_respond_invalid (msg, "The request holds more than 500 agreements.");
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
          attest_sandbox_respond_invalid (msg, refusal);
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

      attest_sandbox_respond_error (msg, 400, ATTEST_SANDBOX_CODE_INVALID_INPUT, "InvalidInput",
                                    message, invalid);
      return;
    }
  if (future->len > 0)
    {
      attest_sandbox_respond_future_date (msg, future);
      return;
    }
  if (attested->len > 0)
    {
      attest_sandbox_respond_already_exists (msg, attested);
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
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(GStringChunk) strings = g_string_chunk_new (256);
  g_auto(GStrv) parts = g_strsplit (path, "/", 6);
  AttestSandboxAgreement agreement;
  const char *type = NULL;
  gboolean readable = FALSE;
  gboolean is_get = g_str_equal (method, "GET");
  gboolean is_post = g_str_equal (method, "POST");
  guint n_parts = g_strv_length (parts);
  Route route = ROUTE_NONE;

  if (request_id != NULL)
    soup_message_headers_replace (response_headers, "MS-RequestId", request_id);
  if (correlation_id != NULL)
    soup_message_headers_replace (response_headers, "MS-CorrelationId", correlation_id);

  if (is_get && g_str_equal (path, "/v1/partners/customeragreementrecords"))
    route = ROUTE_RECORDS;
  else if (is_get && g_str_equal (path, "/v1/agreements"))
    route = ROUTE_TEMPLATES;
  else if (is_post && g_str_equal (path, "/v1/CreateBulkReAttestation"))
    route = ROUTE_BULK;
  else if (is_get && g_str_equal (path, "/v1/customers"))
    route = ROUTE_CUSTOMERS;
  else if (is_post && g_str_equal (path, "/v1/attestations/enhanced"))
    route = ROUTE_ENHANCED;
  else if (is_get && n_parts == 5 && g_str_equal (parts[2], "customers")
           && g_str_equal (parts[4], "agreements"))
    route = ROUTE_CUSTOMER_AGREEMENTS;
  else if (is_post && n_parts == 5 && g_str_equal (parts[2], "customers")
           && g_str_equal (parts[4], "agreements"))
    {
      /* The body tells a completion, which takes the app's token, from an
       * attestation of the partner, which takes a user's. */
      readable = attest_sandbox_read_agreement_body (body, &agreement, &type, strings);
      route = readable && agreement.attestation_id != NULL ? ROUTE_COMPLETE
                                                           : ROUTE_CREATE_AGREEMENT;
    }
  else if (is_get && n_parts == 5 && g_str_equal (parts[2], "customers")
           && g_str_equal (parts[4], DIRECT_SIGNED))
    route = ROUTE_DIRECT_SIGNED;
  else if (is_get && n_parts == 6 && g_str_equal (parts[2], "customers")
           && g_str_equal (parts[4], "profiles") && g_str_equal (parts[5], "billing"))
    route = ROUTE_BILLING_PROFILE;

  /* An unknown path is still behind the token check, as the service's are. */
  if (!attest_sandbox_bearer_check (self->tenant, msg, route_credentials[route]))
    return TRUE;

  switch (is_post ? attest_sandbox_answers_replay (self->answers, msg, request_id, body)
                  : ATTEST_SANDBOX_REPLAY_NONE)
    {
    case ATTEST_SANDBOX_REPLAY_DONE:
      return TRUE;
    case ATTEST_SANDBOX_REPLAY_CONFLICT:
      attest_sandbox_respond_invalid (msg, "The MS-RequestId was already used for a different "
                                           "request.");
      return TRUE;
    case ATTEST_SANDBOX_REPLAY_NONE:
    default:
      break;
    }

  switch (route)
    {
    case ROUTE_RECORDS:
      if (!self->records_list_served)
        return FALSE;
      list_records (self, msg, query);
      break;
    case ROUTE_TEMPLATES:
      list_agreements (self, msg, query);
      break;
    case ROUTE_BULK:
    case ROUTE_CREATE_AGREEMENT:
      if (!self->classic)
        attest_sandbox_respond_error (msg, RETIRED_STATUS, RETIRED_CODE, RETIRED_ERROR_NAME,
                                      RETIRED_DESCRIPTION, NULL);
      else if (route == ROUTE_BULK)
        create_bulk (self, msg, body);
      else
        create_agreement (self, msg, parts[3], readable ? &agreement : NULL, type);
      break;
    case ROUTE_ENHANCED:
      attest_sandbox_enhanced_create (self->enhanced, msg, body);
      break;
    case ROUTE_COMPLETE:
      attest_sandbox_enhanced_complete (self->enhanced, msg, parts[3], &agreement, type,
                                        self->template_id);
      break;
    case ROUTE_CUSTOMERS:
      attest_sandbox_customer_reads_list (self->reads, msg, query, self->page_size);
      break;
    case ROUTE_CUSTOMER_AGREEMENTS:
      attest_sandbox_customer_reads_agreements (self->reads, msg, parts[3], query,
                                                self->template_id);
      break;
    case ROUTE_DIRECT_SIGNED:
      attest_sandbox_customer_reads_direct_signed (self->reads, msg, parts[3]);
      break;
    case ROUTE_BILLING_PROFILE:
      attest_sandbox_customer_reads_billing_profile (self->reads, msg, parts[3]);
      break;
    case ROUTE_NONE:
    default:
      return FALSE;
    }

  if (is_post)
    attest_sandbox_answers_remember (self->answers, msg, request_id,
                                     attest_sandbox_body_digest (body));

  return TRUE;
}
