/* test-partner-client.c: the Partner Center client against the sandbox
 * (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "attest-partner-client.h"
#include "attest-sandbox.h"
#include "attest-static-token-provider.h"
#include "attest-test-utils.h"

#define CUSTOMERS 120
#define PAGE_SIZE 25

/* A token provider that hands out the tokens it was given, one per call,
 * and remembers the flags it was asked with; when it has a token in hand
 * (@fresh), it offers it without being asked. */
#define TEST_TYPE_TOKEN_PROVIDER (test_token_provider_get_type ())
G_DECLARE_FINAL_TYPE (TestTokenProvider, test_token_provider, TEST, TOKEN_PROVIDER, GObject)

struct _TestTokenProvider
{
  GObject    parent_instance;
  GPtrArray *tokens;
  GArray    *flags;
  char      *fresh;
};

static void test_token_provider_iface_init (AttestTokenProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestTokenProvider, test_token_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ATTEST_TYPE_TOKEN_PROVIDER,
                                                      test_token_provider_iface_init))

static void
test_token_provider_get_token_async (AttestTokenProvider *provider,
                                     AttestTokenFlags     flags,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  TestTokenProvider *self = TEST_TOKEN_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  guint index = MIN (self->flags->len, self->tokens->len - 1);

  g_array_append_val (self->flags, flags);
  g_task_return_pointer (task, g_strdup (g_ptr_array_index (self->tokens, index)), g_free);
}

static char *
test_token_provider_get_token_finish (AttestTokenProvider  *provider,
                                      GAsyncResult         *result,
                                      GError              **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
test_token_provider_dup_fresh_token (AttestTokenProvider *provider)
{
  return g_strdup (TEST_TOKEN_PROVIDER (provider)->fresh);
}

static void
test_token_provider_iface_init (AttestTokenProviderInterface *iface)
{
  iface->get_token_async = test_token_provider_get_token_async;
  iface->get_token_finish = test_token_provider_get_token_finish;
  iface->dup_fresh_token = test_token_provider_dup_fresh_token;
}

static void
test_token_provider_finalize (GObject *object)
{
  TestTokenProvider *self = TEST_TOKEN_PROVIDER (object);

  g_ptr_array_unref (self->tokens);
  g_array_unref (self->flags);
  g_free (self->fresh);

  G_OBJECT_CLASS (test_token_provider_parent_class)->finalize (object);
}

static void
test_token_provider_class_init (TestTokenProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_token_provider_finalize;
}

static void
test_token_provider_init (TestTokenProvider *self)
{
  self->tokens = g_ptr_array_new_with_free_func (g_free);
  self->flags = g_array_new (FALSE, FALSE, sizeof (AttestTokenFlags));
}

typedef struct
{
  AttestSandbox       *sandbox;
  AttestPartnerClient *client;
  TestTokenProvider   *tokens;
} Fixture;

static AttestPartnerClient *
new_client (AttestSandbox       *sandbox,
            AttestTokenProvider *tokens)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestRetryPolicy) policy = attest_retry_policy_new ();
  AttestPartnerClient *client = attest_partner_client_new (attest_sandbox_get_uri (sandbox),
                                                           tokens, &error);

  g_assert_no_error (error);
  attest_retry_policy_set_delays (policy, 5, 40);
  attest_retry_policy_set_seed (policy, 3);
  attest_partner_client_set_retry_policy (client, policy);

  return client;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* The classic service of SPEC §5, whose writes the client sends here. */
  fixture->sandbox = attest_sandbox_new (11);
  attest_sandbox_set_classic (fixture->sandbox, TRUE);
  attest_sandbox_set_customer_count (fixture->sandbox, CUSTOMERS);
  attest_sandbox_set_page_size (fixture->sandbox, PAGE_SIZE);
  attest_sandbox_start (fixture->sandbox, 0, &error);
  g_assert_no_error (error);

  fixture->tokens = g_object_new (TEST_TYPE_TOKEN_PROVIDER, NULL);
  g_ptr_array_add (fixture->tokens->tokens,
                   attest_sandbox_mint_access_token (fixture->sandbox, 3600));
  fixture->client = new_client (fixture->sandbox, ATTEST_TOKEN_PROVIDER (fixture->tokens));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->tokens);
  g_clear_object (&fixture->sandbox);
}

typedef struct
{
  guint         calls;
  guint         last_page;
  guint         last_total;
  guint         page_records;
  GCancellable *cancel_after_first;
} Progress;

static void
on_progress (GPtrArray *page_records,
             guint      page_number,
             guint      records_so_far,
             gpointer   user_data)
{
  Progress *progress = user_data;

  progress->calls++;
  progress->last_page = page_number;
  progress->last_total = records_so_far;
  progress->page_records += page_records->len;
  if (progress->cancel_after_first != NULL)
    g_cancellable_cancel (progress->cancel_after_first);
}

static GPtrArray *
fetch (Fixture   *fixture,
       Progress  *progress,
       GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  attest_partner_client_fetch_records_async (fixture->client,
                                             progress != NULL ? on_progress : NULL, progress,
                                             progress != NULL ? progress->cancel_after_first
                                                              : NULL,
                                             attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);

  return attest_partner_client_fetch_records_finish (fixture->client, result, error);
}

static const char *
header (const AttestSandboxRequest *request,
        const char                 *name)
{
  return soup_message_headers_get_one (request->headers, name);
}

static GPtrArray *
find (Fixture    *fixture,
      const char *method,
      const char *path)
{
  return attest_sandbox_find_requests (fixture->sandbox, method, path);
}

static void
test_fetch_pages (Fixture       *fixture,
                  gconstpointer  data)
{
  Progress progress = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = fetch (fixture, &progress, &error);
  g_autoptr(GPtrArray) gets = find (fixture, "GET", "/v1/partners/customeragreementrecords");
  g_autoptr(GHashTable) request_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *bearer = NULL;
  const char *correlation_id;

  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, CUSTOMERS);
  g_assert_cmpuint (progress.calls, ==, CUSTOMERS / PAGE_SIZE + 1);
  g_assert_cmpuint (progress.last_page, ==, progress.calls);
  g_assert_cmpuint (progress.last_total, ==, CUSTOMERS);
  g_assert_cmpuint (progress.page_records, ==, CUSTOMERS);

  for (guint i = 0; i < CUSTOMERS; i++)
    {
      const AttestSandboxCustomer *expected = attest_sandbox_get_customer (fixture->sandbox, i);
      AttestPartnerRecord *record = g_ptr_array_index (records, i);

      g_assert_cmpstr (record->customer_id, ==, expected->customer_id);
      g_assert_cmpstr (record->first_name, ==, expected->first_name);
      g_assert_cmpstr (record->last_name, ==, expected->last_name);
      g_assert_cmpstr (record->email, ==, expected->email);
      g_assert_cmpstr (record->phone_number, ==, expected->phone_number);
      g_assert_cmpint (record->last_agreement_epoch, ==, expected->last_agreement_epoch);
      g_assert_false (record->attestation_completed);
    }

  /* Headers of SPEC §5; one correlation ID for the fetch, a request ID per page. */
  g_assert_cmpuint (gets->len, ==, progress.calls);
  bearer = g_strconcat ("Bearer ", g_ptr_array_index (fixture->tokens->tokens, 0), NULL);
  correlation_id = header (g_ptr_array_index (gets, 0), "MS-CorrelationId");
  g_assert_true (g_uuid_string_is_valid (correlation_id));
  for (guint i = 0; i < gets->len; i++)
    {
      const AttestSandboxRequest *request = g_ptr_array_index (gets, i);
      const char *request_id = header (request, "MS-RequestId");

      g_assert_cmpuint (request->status, ==, 200);
      g_assert_cmpstr (header (request, "Authorization"), ==, bearer);
      g_assert_cmpstr (header (request, "Accept"), ==, "application/json");
      g_assert_cmpstr (header (request, "MS-PartnerCenter-Application"), ==,
                       "Attest/" PACKAGE_VERSION);
      g_assert_cmpstr (header (request, "MS-CorrelationId"), ==, correlation_id);
      g_assert_true (g_uuid_string_is_valid (request_id));
      g_assert_false (g_hash_table_contains (request_ids, request_id));
      g_hash_table_add (request_ids, (char *) request_id);
      if (i == 0)
        g_assert_null (request->query);
      else
        g_assert_true (g_str_has_prefix (request->query, "continuation_token="));
    }
}

static void
test_fetch_uneven_and_empty (void)
{
  const guint counts[] = { 7, 0, 3 };

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      Fixture fixture = { 0 };
      Progress progress = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = NULL;

      fixture_set_up (&fixture, NULL);
      attest_sandbox_set_customer_count (fixture.sandbox, counts[c]);
      attest_sandbox_set_page_size (fixture.sandbox, 3);
      records = fetch (&fixture, &progress, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (records->len, ==, counts[c]);
      g_assert_cmpuint (progress.calls, ==, MAX (1, (counts[c] + 2) / 3));
      fixture_tear_down (&fixture, NULL);
    }
}

static char *
get_template (Fixture  *fixture,
              GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  attest_partner_client_get_template_id_async (fixture->client, NULL, attest_test_store_result,
                                               &slot);
  result = attest_test_wait_result (&slot);

  return attest_partner_client_get_template_id_finish (fixture->client, result, error);
}

static void
test_template_lookup (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = get_template (fixture, &error);
  g_autofree char *second = NULL;
  g_autoptr(GPtrArray) gets = find (fixture, "GET", "/v1/agreements");
  Fixture other = { 0 };

  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, attest_sandbox_get_template_id (fixture->sandbox));
  g_assert_cmpuint (gets->len, ==, 1);
  g_assert_cmpstr (((AttestSandboxRequest *) g_ptr_array_index (gets, 0))->query, ==,
                   "agreementType=MicrosoftCustomerAgreement");

  /* Another seed, another template: nothing is hard-coded. */
  fixture_set_up (&other, NULL);
  g_clear_object (&other.sandbox);
  g_clear_object (&other.client);
  other.sandbox = attest_sandbox_new (12);
  attest_sandbox_set_classic (other.sandbox, TRUE);
  attest_sandbox_start (other.sandbox, 0, &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (other.tokens->tokens, 0);
  g_ptr_array_add (other.tokens->tokens, attest_sandbox_mint_access_token (other.sandbox, 600));
  other.client = new_client (other.sandbox, ATTEST_TOKEN_PROVIDER (other.tokens));
  second = get_template (&other, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, attest_sandbox_get_template_id (other.sandbox));
  g_assert_cmpstr (second, !=, first);
  g_assert_cmpstr (second, !=, "117a77b0-9360-443b-8795-c6dedc750cf9");
  fixture_tear_down (&other, NULL);
}

static AttestPartnerRecord *
record_for (Fixture    *fixture,
            guint       index,
            const char *email)
{
  const AttestSandboxCustomer *customer = attest_sandbox_get_customer (fixture->sandbox, index);

  return attest_partner_record_new (customer->customer_id, customer->first_name,
                                    customer->last_name, email, customer->phone_number);
}

static AttestPartnerContact
contact_of (const AttestPartnerRecord *record)
{
  AttestPartnerContact contact = {
    record->customer_id, record->first_name, record->last_name, record->email,
    record->phone_number,
  };

  return contact;
}

/* Sends @request as a submission does. */
static gboolean
send (Fixture               *fixture,
      AttestPartnerRequest  *request,
      GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  attest_partner_client_send_async (fixture->client, request, G_PRIORITY_DEFAULT, NULL,
                                    attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);

  return attest_partner_client_send_finish (fixture->client, result, error);
}

/* Sends @records in one bulk request, under @request_id (NULL: a new one). */
static gboolean
send_bulk (Fixture              *fixture,
           const char           *request_id,
           GDateTime            *date,
           GPtrArray            *records,
           GError              **error)
{
  g_autofree AttestPartnerContact *contacts = g_new0 (AttestPartnerContact, records->len);
  g_autoptr(AttestPartnerRequest) request = NULL;

  for (guint i = 0; i < records->len; i++)
    contacts[i] = contact_of (g_ptr_array_index (records, i));
  request = attest_partner_request_new_bulk (attest_sandbox_get_tenant_id (fixture->sandbox),
                                             attest_sandbox_get_template_id (fixture->sandbox),
                                             date, contacts, records->len);
  if (request_id != NULL)
    {
      AttestPartnerRequest *again = attest_partner_request_new (
        attest_partner_request_get_method (request), attest_partner_request_get_path (request),
        request_id, NULL, attest_partner_request_get_body (request));

      attest_partner_request_unref (request);
      request = again;
    }

  return send (fixture, request, error);
}

static gboolean
attest_one (Fixture              *fixture,
            GDateTime            *date,
            AttestPartnerRecord  *record,
            GError              **error)
{
  AttestPartnerContact contact = contact_of (record);
  g_autoptr(AttestPartnerRequest) request = NULL;

  request = attest_partner_request_new_agreement (attest_sandbox_get_template_id (fixture->sandbox),
                                                  date, &contact);

  return send (fixture, request, error);
}

static void
assert_members (JsonObject         *object,
                const char * const *names)
{
  g_autoptr(GList) members = json_object_get_members (object);
  guint i = 0;

  /* Exactly these members, in this order. */
  for (GList *l = members; l != NULL; l = l->next, i++)
    g_assert_cmpstr (l->data, ==, names[i]);
  g_assert_null (names[i]);
}

static JsonNode *
parse_body (const AttestSandboxRequest *request)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (request->body, NULL),
                                     g_bytes_get_size (request->body));
  JsonNode *node = json_from_string (text, NULL);

  g_assert_nonnull (node);

  return node;
}

static void
assert_contact (JsonObject                *agreement,
                const AttestPartnerRecord *record)
{
  JsonObject *contact = json_object_get_object_member (agreement, "primaryContact");

  assert_members (contact, (const char *[]) { "firstName", "lastName", "email", "phoneNumber",
                                              NULL });
  g_assert_cmpstr (json_object_get_string_member (contact, "firstName"), ==, record->first_name);
  g_assert_cmpstr (json_object_get_string_member (contact, "lastName"), ==, record->last_name);
  g_assert_cmpstr (json_object_get_string_member (contact, "email"), ==, record->email);
  g_assert_cmpstr (json_object_get_string_member (contact, "phoneNumber"), ==,
                   record->phone_number);
}

static void
test_bulk_body (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_partner_record_free);
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 3, 14, 0, 0, 0);
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = attest_partner_new_request_id ();
  const AttestSandboxRequest *request;
  JsonArray *items;

  g_ptr_array_add (records, record_for (fixture, 0, "jane.doe@contoso.com"));
  g_ptr_array_add (records, record_for (fixture, 1, "o'brien@fabrikam.fr"));
  g_ptr_array_add (records, record_for (fixture, 2, "ayse@adatum.com.tr"));

  g_assert_true (send_bulk (fixture, request_id, date, records, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (attest_sandbox_count_pending (fixture->sandbox), ==, CUSTOMERS - 3);
  g_assert_true (attest_sandbox_get_customer (fixture->sandbox, 1)->attested);

  posts = find (fixture, "POST", "/v1/CreateBulkReAttestation");
  g_assert_cmpuint (posts->len, ==, 1);
  request = g_ptr_array_index (posts, 0);
  g_assert_cmpuint (request->status, ==, 200);
  g_assert_cmpstr (header (request, "MS-RequestId"), ==, request_id);
  g_assert_true (g_uuid_string_is_valid (header (request, "MS-CorrelationId")));
  g_assert_cmpstr (header (request, "Accept"), ==, "application/json");
  g_assert_cmpstr (soup_message_headers_get_content_type (request->headers, NULL), ==,
                   "application/json");

  body = parse_body (request);
  items = json_node_get_array (body);
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      AttestPartnerRecord *record = g_ptr_array_index (records, i);
      JsonObject *agreement = json_object_get_object_member (item, "agreement");

      assert_members (item, (const char *[]) { "partnerId", "customerId", "agreement",
                                               "customerDirectAcceptance", NULL });
      g_assert_cmpstr (json_object_get_string_member (item, "partnerId"), ==,
                       attest_sandbox_get_tenant_id (fixture->sandbox));
      g_assert_cmpstr (json_object_get_string_member (item, "customerId"), ==,
                       record->customer_id);
      g_assert_false (json_object_get_boolean_member (item, "customerDirectAcceptance"));
      g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (item,
                                                                    "customerDirectAcceptance")));
      assert_members (agreement, (const char *[]) { "templateId", "primaryContact", "dateAgreed",
                                                    NULL });
      g_assert_cmpstr (json_object_get_string_member (agreement, "templateId"), ==,
                       attest_sandbox_get_template_id (fixture->sandbox));
      g_assert_cmpstr (json_object_get_string_member (agreement, "dateAgreed"), ==,
                       "2026-03-14T00:00:00.000Z");
      assert_contact (agreement, record);
    }
}

static void
test_per_customer_body (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(AttestPartnerRecord) record = record_for (fixture, 4, "zoe@northwind.de");
  g_autoptr(GDateTime) date = g_date_time_new_utc (2025, 12, 1, 0, 0, 0);
  g_autofree char *path = g_strdup_printf ("/v1/customers/%s/agreements", record->customer_id);
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  const AttestSandboxRequest *request;
  JsonObject *object;

  g_assert_true (attest_one (fixture, date, record, &error));
  g_assert_no_error (error);
  g_assert_true (attest_sandbox_lookup_customer (fixture->sandbox, record->customer_id)->attested);

  posts = find (fixture, "POST", path);
  g_assert_cmpuint (posts->len, ==, 1);
  request = g_ptr_array_index (posts, 0);
  g_assert_cmpuint (request->status, ==, 201);
  g_assert_true (g_uuid_string_is_valid (header (request, "MS-RequestId")));

  body = parse_body (request);
  object = json_node_get_object (body);
  assert_members (object, (const char *[]) { "primaryContact", "templateId", "dateAgreed", "type",
                                             NULL });
  assert_contact (object, record);
  g_assert_cmpstr (json_object_get_string_member (object, "templateId"), ==,
                   attest_sandbox_get_template_id (fixture->sandbox));
  g_assert_cmpstr (json_object_get_string_member (object, "dateAgreed"), ==,
                   "2025-12-01T00:00:00.000Z");
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==,
                   "MicrosoftCustomerAgreement");
}

static void
test_already_attested (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(AttestPartnerRecord) record = record_for (fixture, 5, "kenji@tailspin.co.uk");
  g_autoptr(AttestPartnerRecord) corrected = record_for (fixture, 5, "kenji.new@tailspin.co.uk");
  g_autoptr(GDateTime) date = g_date_time_new_utc (2025, 12, 1, 0, 0, 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_one (fixture, date, record, &error));
  g_assert_false (attest_one (fixture, date, record, &error));
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_CONFLICT);
  g_assert_cmpstr (attest_partner_error_get_service_code (error), ==,
                   ATTEST_PARTNER_SERVICE_CODE_ALREADY_ATTESTED);
  g_assert_cmpstr (attest_partner_error_get_error_name (error), ==,
                   "PartnerConfirmedAgreementAlreadyExists");
  g_assert_cmpstr (attest_partner_error_get_service_message (error), ==,
                   "A partner confirmed agreement already exists for the customer.");
  g_assert_false (attest_partner_error_is_retryable (error));
  g_assert_true (g_uuid_string_is_valid (attest_partner_error_get_request_id (error)));
  g_clear_error (&error);

  /* A changed contact is a correction, which the service takes. */
  g_assert_true (attest_one (fixture, date, corrected, &error));
  g_assert_no_error (error);
}

static void
test_future_date (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(AttestPartnerRecord) record = record_for (fixture, 6, "renee@contoso.com");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (attest_one (fixture, tomorrow, record, &error));
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_BAD_REQUEST);
  g_assert_cmpuint (attest_partner_error_get_http_status (error), ==, 400);
  g_assert_cmpstr (attest_partner_error_get_service_code (error), ==,
                   ATTEST_PARTNER_SERVICE_CODE_FUTURE_DATE);
  g_assert_nonnull (strstr (error->message, "cannot be greater than the current date"));
  g_clear_error (&error);

  g_ptr_array_add (records, record);
  g_assert_false (send_bulk (fixture, NULL, tomorrow, records, &error));
  g_assert_cmpstr (attest_partner_error_get_service_code (error), ==,
                   ATTEST_PARTNER_SERVICE_CODE_FUTURE_DATE);
  g_assert_cmpstrv (attest_partner_error_get_customer_ids (error),
                    ((const char *[]) { record->customer_id, NULL }));
  g_assert_cmpuint (attest_sandbox_count_pending (fixture->sandbox), ==, CUSTOMERS);
}

static void
test_bulk_invalid_email (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_partner_record_free);
  g_autoptr(GDateTime) date = g_date_time_new_utc (2025, 12, 1, 0, 0, 0);
  g_autoptr(GError) error = NULL;
  const char *bad;

  g_ptr_array_add (records, record_for (fixture, 0, "good@contoso.com"));
  g_ptr_array_add (records, record_for (fixture, 1, "not-an-address.contoso.com"));
  g_ptr_array_add (records, record_for (fixture, 2, "also@good.fr"));
  bad = ((AttestPartnerRecord *) g_ptr_array_index (records, 1))->customer_id;

  g_assert_false (send_bulk (fixture, NULL, date, records, &error));
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_BAD_REQUEST);
  g_assert_cmpstr (attest_partner_error_get_service_code (error), ==, "2000");
  g_assert_cmpstr (attest_partner_error_get_error_name (error), ==, "InvalidInput");
  g_assert_cmpstrv (attest_partner_error_get_customer_ids (error),
                    ((const char *[]) { bad, NULL }));
  g_assert_nonnull (strstr (attest_partner_error_get_service_message (error), bad));
  /* Refused as a whole: nobody was attested. */
  g_assert_cmpuint (attest_sandbox_count_pending (fixture->sandbox), ==, CUSTOMERS);
}

static void
test_unauthorized_refreshes_once (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) gets = NULL;
  g_autoptr(GError) error = NULL;
  AttestTokenFlags flags;

  attest_sandbox_set_customer_count (fixture->sandbox, 3);
  g_ptr_array_set_size (fixture->tokens->tokens, 0);
  g_ptr_array_add (fixture->tokens->tokens, attest_sandbox_mint_access_token (fixture->sandbox,
                                                                              -10));
  g_ptr_array_add (fixture->tokens->tokens, attest_sandbox_mint_access_token (fixture->sandbox,
                                                                              600));

  records = fetch (fixture, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpuint (fixture->tokens->flags->len, ==, 2);
  flags = g_array_index (fixture->tokens->flags, AttestTokenFlags, 0);
  g_assert_cmpint (flags, ==, ATTEST_TOKEN_FLAGS_NONE);
  flags = g_array_index (fixture->tokens->flags, AttestTokenFlags, 1);
  g_assert_cmpint (flags, ==, ATTEST_TOKEN_FLAGS_FORCE_REFRESH);

  gets = find (fixture, "GET", "/v1/partners/customeragreementrecords");
  g_assert_cmpuint (gets->len, ==, 2);
  g_assert_cmpuint (((AttestSandboxRequest *) g_ptr_array_index (gets, 0))->status, ==, 401);
  g_assert_cmpstr (header (g_ptr_array_index (gets, 0), "MS-RequestId"), ==,
                   header (g_ptr_array_index (gets, 1), "MS-RequestId"));
}

/* A token in hand goes out with the request at once; the provider is asked
 * only when the server refuses it. */
static void
test_fresh_token (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) gets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bearer = NULL;
  AttestTokenFlags flags;

  attest_sandbox_set_customer_count (fixture->sandbox, 3);
  fixture->tokens->fresh = attest_sandbox_mint_access_token (fixture->sandbox, 600);
  bearer = g_strconcat ("Bearer ", fixture->tokens->fresh, NULL);

  records = fetch (fixture, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpuint (fixture->tokens->flags->len, ==, 0);
  gets = find (fixture, "GET", "/v1/partners/customeragreementrecords");
  g_assert_cmpuint (gets->len, ==, 1);
  g_assert_cmpstr (header (g_ptr_array_index (gets, 0), "Authorization"), ==, bearer);
  g_clear_pointer (&records, g_ptr_array_unref);
  g_clear_pointer (&gets, g_ptr_array_unref);

  /* Refused: one refresh through the provider, and the same request again. */
  g_free (fixture->tokens->fresh);
  fixture->tokens->fresh = attest_sandbox_mint_access_token (fixture->sandbox, -10);
  records = fetch (fixture, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpuint (fixture->tokens->flags->len, ==, 1);
  flags = g_array_index (fixture->tokens->flags, AttestTokenFlags, 0);
  g_assert_cmpint (flags, ==, ATTEST_TOKEN_FLAGS_FORCE_REFRESH);
  gets = find (fixture, "GET", "/v1/partners/customeragreementrecords");
  g_assert_cmpuint (gets->len, ==, 3);
  g_assert_cmpuint (((AttestSandboxRequest *) g_ptr_array_index (gets, 1))->status, ==, 401);
  g_assert_cmpuint (((AttestSandboxRequest *) g_ptr_array_index (gets, 2))->status, ==, 200);
  g_assert_cmpstr (header (g_ptr_array_index (gets, 1), "MS-RequestId"), ==,
                   header (g_ptr_array_index (gets, 2), "MS-RequestId"));
}

static void
test_unauthorized_gives_up (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) gets = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_set_size (fixture->tokens->tokens, 0);
  g_ptr_array_add (fixture->tokens->tokens, attest_sandbox_mint_access_token (fixture->sandbox,
                                                                              -10));

  records = fetch (fixture, NULL, &error);
  g_assert_null (records);
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (attest_partner_error_get_http_status (error), ==, 401);
  g_assert_false (attest_partner_error_is_retryable (error));
  g_assert_cmpuint (fixture->tokens->flags->len, ==, 2);
  gets = find (fixture, "GET", "/v1/partners/customeragreementrecords");
  g_assert_cmpuint (gets->len, ==, 2);
}

static void
test_static_token_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  /* Signed with another sandbox's key: this one refuses it. */
  g_autoptr(AttestSandbox) other = attest_sandbox_new (11);
  g_autofree char *token = attest_sandbox_mint_access_token (other, 600);
  g_autoptr(AttestTokenProvider) tokens = attest_static_token_provider_new (token);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->client);
  fixture->client = new_client (fixture->sandbox, tokens);
  records = fetch (fixture, NULL, &error);
  g_assert_null (records);
  g_assert_error (error, ATTEST_TOKEN_PROVIDER_ERROR, ATTEST_TOKEN_PROVIDER_ERROR_EXPIRED);
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 1);
}

static void
test_mfa_required (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  attest_sandbox_set_user_mfa (fixture->sandbox, FALSE);
  g_ptr_array_set_size (fixture->tokens->tokens, 0);
  g_ptr_array_add (fixture->tokens->tokens, attest_sandbox_mint_access_token (fixture->sandbox,
                                                                              600));

  records = fetch (fixture, NULL, &error);
  g_assert_null (records);
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_MFA_REQUIRED);
  g_assert_cmpuint (attest_partner_error_get_http_status (error), ==, 401);
  g_assert_cmpstr (attest_partner_error_get_service_code (error), ==, "900421");
  g_assert_nonnull (strstr (error->message, "multi-factor"));
  /* A new token would not have MFA either: no refresh. */
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 1);
}

static void
test_forbidden (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template_id = NULL;

  attest_sandbox_set_user_has_role (fixture->sandbox, FALSE);
  template_id = get_template (fixture, &error);
  g_assert_null (template_id);
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_FORBIDDEN);
  g_assert_cmpuint (attest_partner_error_get_http_status (error), ==, 403);
  g_assert_cmpstr (attest_partner_error_get_service_code (error), ==, "1002");
  g_assert_cmpstr (attest_partner_error_get_service_message (error), ==, "Authorization Failed");
  g_assert_nonnull (strstr (error->message, "Admin agent"));
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 1);
}

static void
assert_retried_with_same_id (Fixture    *fixture,
                             guint       expected_requests,
                             guint       first_status)
{
  g_autoptr(GPtrArray) gets = find (fixture, "GET", "/v1/agreements");
  const char *request_id = header (g_ptr_array_index (gets, 0), "MS-RequestId");

  g_assert_cmpuint (gets->len, ==, expected_requests);
  g_assert_cmpuint (((AttestSandboxRequest *) g_ptr_array_index (gets, 0))->status, ==,
                    first_status);
  for (guint i = 1; i < gets->len; i++)
    g_assert_cmpstr (header (g_ptr_array_index (gets, i), "MS-RequestId"), ==, request_id);
  g_assert_cmpuint (((AttestSandboxRequest *) g_ptr_array_index (gets, gets->len - 1))->status,
                    ==, 200);
}

static void
test_throttled_seconds (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template_id = NULL;

  attest_sandbox_queue_fault (fixture->sandbox, ATTEST_SANDBOX_FAULT_429_SECONDS, 1);
  template_id = get_template (fixture, &error);
  g_assert_no_error (error);
  assert_retried_with_same_id (fixture, 2, 429);
}

static void
test_throttled_http_date (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template_id = NULL;

  attest_sandbox_queue_fault (fixture->sandbox, ATTEST_SANDBOX_FAULT_429_HTTP_DATE, 1);
  template_id = get_template (fixture, &error);
  g_assert_no_error (error);
  assert_retried_with_same_id (fixture, 2, 429);
}

/* What "retrying" said: each error's code and each wait. */
static void
on_retrying (AttestPartnerClient *client,
             const GError        *error,
             guint                delay_ms,
             GArray              *retries)
{
  guint retry[2] = { error->code, delay_ms };

  g_assert_true (error->domain == ATTEST_PARTNER_ERROR);
  g_array_append_vals (retries, retry, 2);
}

static void
test_server_errors_retried (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template_id = NULL;
  g_autoptr(GArray) retries = g_array_new (FALSE, FALSE, sizeof (guint));

  g_signal_connect (fixture->client, "retrying", G_CALLBACK (on_retrying), retries);
  attest_sandbox_queue_fault (fixture->sandbox, ATTEST_SANDBOX_FAULT_503, 0);
  attest_sandbox_queue_fault (fixture->sandbox, ATTEST_SANDBOX_FAULT_500, 0);
  attest_sandbox_queue_fault (fixture->sandbox, ATTEST_SANDBOX_FAULT_DROP, 0);
  template_id = get_template (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (template_id, ==, attest_sandbox_get_template_id (fixture->sandbox));
  assert_retried_with_same_id (fixture, 4, 503);

  /* Each failure was announced with the policy's wait (5 to 40 ms here). */
  g_assert_cmpuint (retries->len, ==, 4);
  g_assert_cmpuint (g_array_index (retries, guint, 0), ==, ATTEST_PARTNER_ERROR_SERVER);
  g_assert_cmpuint (g_array_index (retries, guint, 2), ==, ATTEST_PARTNER_ERROR_SERVER);
  for (guint i = 1; i < retries->len; i += 2)
    {
      g_assert_cmpuint (g_array_index (retries, guint, i), >=, 2);
      g_assert_cmpuint (g_array_index (retries, guint, i), <=, 40);
    }
}

static void
test_retries_run_out (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template_id = NULL;

  attest_retry_policy_set_max_attempts (attest_partner_client_get_retry_policy (fixture->client),
                                        2);
  for (guint i = 0; i < 3; i++)
    attest_sandbox_queue_fault (fixture->sandbox, ATTEST_SANDBOX_FAULT_500, 0);
  template_id = get_template (fixture, &error);
  g_assert_null (template_id);
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_SERVER);
  g_assert_true (attest_partner_error_is_retryable (error));
  g_assert_cmpuint (attest_partner_error_get_http_status (error), ==, 500);
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 2);
}

static void
test_posts_not_retried (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_partner_record_free);
  g_autoptr(GDateTime) date = g_date_time_new_utc (2025, 12, 1, 0, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = attest_partner_new_request_id ();
  g_autoptr(GPtrArray) posts = NULL;

  g_ptr_array_add (records, record_for (fixture, 0, "good@contoso.com"));
  attest_sandbox_queue_fault (fixture->sandbox, ATTEST_SANDBOX_FAULT_503, 0);
  g_assert_false (send_bulk (fixture, request_id, date, records, &error));
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_SERVER);
  g_assert_cmpstr (attest_partner_error_get_request_id (error), ==, request_id);
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 1);
  g_clear_error (&error);

  /* The caller sends it again under the same ID. */
  g_assert_true (send_bulk (fixture, request_id, date, records, &error));
  g_assert_no_error (error);
  posts = find (fixture, "POST", "/v1/CreateBulkReAttestation");
  g_assert_cmpuint (posts->len, ==, 2);
  g_assert_cmpstr (header (g_ptr_array_index (posts, 1), "MS-RequestId"), ==, request_id);
  g_assert_true (g_bytes_equal (((AttestSandboxRequest *) g_ptr_array_index (posts, 0))->body,
                                ((AttestSandboxRequest *) g_ptr_array_index (posts, 1))->body));
}

static void
test_lost_answer_replayed (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_partner_record_free);
  g_autoptr(GDateTime) date = g_date_time_new_utc (2025, 12, 1, 0, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *request_id = attest_partner_new_request_id ();

  g_ptr_array_add (records, record_for (fixture, 0, "good@contoso.com"));
  attest_sandbox_queue_fault (fixture->sandbox, ATTEST_SANDBOX_FAULT_DROP_AFTER_ANSWER, 0);
  g_assert_false (send_bulk (fixture, request_id, date, records, &error));
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NETWORK);
  g_assert_true (attest_partner_error_is_retryable (error));
  g_clear_error (&error);
  /* It did happen... */
  g_assert_cmpuint (attest_sandbox_count_pending (fixture->sandbox), ==, CUSTOMERS - 1);

  /* ...and the same request again gets the same answer, not 600061. */
  g_assert_true (send_bulk (fixture, request_id, date, records, &error));
  g_assert_no_error (error);
}

static void
test_fetch_cancelled (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Progress progress = { .cancel_after_first = cancellable };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = fetch (fixture, &progress, &error);
  g_assert_null (records);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.calls, ==, 1);
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 1);
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             gpointer           user_data)
{
  GPtrArray *connections = user_data;

  g_ptr_array_add (connections, g_object_ref (connection));

  return TRUE;
}

static gboolean
three_connections (gpointer user_data)
{
  return ((GPtrArray *) user_data)->len >= 3;
}

static gboolean
time_passed (gpointer user_data)
{
  return FALSE;
}

/* Connections opened ahead reach the server before any request does, and
 * no more than were asked for. */
static void
test_preconnect (void)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GPtrArray) connections = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(AttestTokenProvider) tokens = attest_static_token_provider_new ("a.b.c");
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (on_incoming), connections);
  g_socket_service_start (service);

  uri = g_strdup_printf ("http://127.0.0.1:%u",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  client = attest_partner_client_new (uri, tokens, &error);
  g_assert_no_error (error);

  attest_partner_client_preconnect (client, 3);
  g_assert_true (attest_test_wait_until (three_connections, connections, 5000));
  attest_test_wait_until (time_passed, NULL, 100);
  g_assert_cmpuint (connections->len, ==, 3);

  g_socket_service_stop (service);
}

static void
test_insecure_urls (void)
{
  g_autoptr(AttestTokenProvider) tokens = attest_static_token_provider_new ("a.b.c");
  const char * const refused[] = {
    "http://api.partnercenter.microsoft.com", "http://10.0.0.1:8080", "http://128.0.0.1",
    "ftp://127.0.0.1", "not a url", "http://localhost.example.com",
  };
  const char * const allowed[] = {
    "https://api.partnercenter.microsoft.com", "http://127.0.0.1:4000", "http://127.4.5.6",
    "http://localhost:8080/", "http://[::1]:9000", "https://localhost",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttestPartnerClient) client = attest_partner_client_new (refused[i], tokens,
                                                                         &error);

      g_assert_null (client);
      g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INSECURE_URL);
      g_assert_nonnull (strstr (error->message, refused[i]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttestPartnerClient) client = attest_partner_client_new (allowed[i], tokens,
                                                                         &error);

      g_assert_no_error (error);
      g_assert_nonnull (client);
    }
}

static void
on_tls_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

static void
check_self_signed_https_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("attest-tls-XXXXXX", NULL);
  g_autofree char *cert_path = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key_path = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *base = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(AttestTokenProvider) tokens = attest_static_token_provider_new ("a.b.c");
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *template_id = NULL;
  g_autoslist(GUri) uris = NULL;
  GAsyncResult *slot = NULL;
  int status = 0;
  const char *argv[] = {
    "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key_path,
    "-out", cert_path, "-days", "2", "-subj", "/CN=localhost",
    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", NULL,
  };

  g_autofree char *openssl = g_find_program_in_path ("openssl");

  if (openssl == NULL)
    {
      g_test_skip ("openssl is needed to make a certificate");
      return;
    }

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, on_tls_request, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                            &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));

  client = attest_partner_client_new (base, tokens, &error);
  g_assert_no_error (error);
  attest_partner_client_get_template_id_async (client, NULL, attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);
  template_id = attest_partner_client_get_template_id_finish (client, result, &error);
  g_assert_null (template_id);
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "certificate of 127.0.0.1 could not be verified"));
  g_assert_false (attest_partner_error_is_retryable (error));

  soup_server_disconnect (server);
  attest_test_remove_tree (dir);
}

static void
test_self_signed_https_refused (void)
{
  /* In a child that leaves with _exit(): the TLS backend's worker threads
   * make LeakSanitizer's scan at exit crash, which says nothing of our
   * code (the parent's scan still covers everything else). */
  if (g_test_subprocess ())
    {
      check_self_signed_https_refused ();
      _exit (0);
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A request keeps the credential it was made for, and the journal's words
 * for the credentials read back as the same ones. */
static void
test_request_credential (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(AttestPartnerRequest) plain = NULL;
  g_autoptr(AttestPartnerRequest) app = NULL;
  AttestPartnerCredential read = ATTEST_PARTNER_CREDENTIAL_EITHER;

  plain = attest_partner_request_new ("POST", "/v1/x", "rid", "cid", body);
  g_assert_cmpint (attest_partner_request_get_credential (plain), ==,
                   ATTEST_PARTNER_CREDENTIAL_USER);

  app = attest_partner_request_new_full ("POST", "/v1/attestations/enhanced", "rid", "cid",
                                         ATTEST_PARTNER_CREDENTIAL_APP, body);
  g_assert_cmpint (attest_partner_request_get_credential (app), ==,
                   ATTEST_PARTNER_CREDENTIAL_APP);
  g_assert_cmpstr (attest_partner_request_get_request_id (app), ==, "rid");

  for (int c = ATTEST_PARTNER_CREDENTIAL_USER; c <= ATTEST_PARTNER_CREDENTIAL_EITHER; c++)
    {
      const char *word = attest_partner_credential_to_string (c);

      g_assert_nonnull (word);
      g_assert_true (attest_partner_credential_from_string (word, &read));
      g_assert_cmpint (read, ==, c);
    }
  g_assert_cmpstr (attest_partner_credential_to_string (ATTEST_PARTNER_CREDENTIAL_APP), ==,
                   "app");
  read = ATTEST_PARTNER_CREDENTIAL_EITHER;
  g_assert_false (attest_partner_credential_from_string ("App", &read));
  g_assert_false (attest_partner_credential_from_string (NULL, &read));
  g_assert_cmpint (read, ==, ATTEST_PARTNER_CREDENTIAL_EITHER);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/partner-client/request-credential", test_request_credential);

#define ADD(path, func) \
  g_test_add ("/partner-client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("fetch-pages", test_fetch_pages);
  g_test_add_func ("/partner-client/fetch-uneven-and-empty", test_fetch_uneven_and_empty);
  ADD ("fetch-cancelled", test_fetch_cancelled);
  ADD ("template-lookup", test_template_lookup);
  ADD ("bulk-body", test_bulk_body);
  ADD ("per-customer-body", test_per_customer_body);
  ADD ("already-attested", test_already_attested);
  ADD ("future-date", test_future_date);
  ADD ("bulk-invalid-email", test_bulk_invalid_email);
  ADD ("unauthorized-refreshes-once", test_unauthorized_refreshes_once);
  ADD ("fresh-token", test_fresh_token);
  ADD ("unauthorized-gives-up", test_unauthorized_gives_up);
  ADD ("static-token-refused", test_static_token_refused);
  ADD ("mfa-required", test_mfa_required);
  ADD ("forbidden", test_forbidden);
  ADD ("throttled-seconds", test_throttled_seconds);
  ADD ("throttled-http-date", test_throttled_http_date);
  ADD ("server-errors-retried", test_server_errors_retried);
  ADD ("retries-run-out", test_retries_run_out);
  ADD ("posts-not-retried", test_posts_not_retried);
  ADD ("lost-answer-replayed", test_lost_answer_replayed);
  g_test_add_func ("/partner-client/preconnect", test_preconnect);
  g_test_add_func ("/partner-client/insecure-urls", test_insecure_urls);
  g_test_add_func ("/partner-client/self-signed-https-refused", test_self_signed_https_refused);

#undef ADD

  return g_test_run ();
}
