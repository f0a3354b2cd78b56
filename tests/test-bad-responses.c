/* test-bad-responses.c: the catalogue of malformed answers a server can
 * send, each sent by a real HTTP server on 127.0.0.1 to the Partner Center
 * client, with the message Attest must give (unit suite)
 *
 * Truncated JSON, members of the wrong type, huge strings, empty bodies,
 * web pages, wrong content types and success statuses with an error body:
 * every one gets a clear error naming the call, or is read as far as it can
 * be, and none crashes or fails an assertion (criticals are fatal here).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-mca-shapes.h"
#include "attest-partner-client.h"
#include "attest-partner-error.h"
#include "attest-partner-record.h"
#include "attest-retry-policy.h"
#include "attest-static-token-provider.h"
#include "attest-test-utils.h"

/* A token whose claims name a partner tenant, as the client needs them. */
#define TOKEN "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0." \
              "eyJ0aWQiOiIxMTExMTExMS0yMjIyLTMzMzMtNDQ0NC01NTU1NTU1NTU1NTUiLCJ1cG4iOiJhZG1p" \
              "bkBjb250b3NvLmNvbSIsImV4cCI6NDEwMjQ0NDgwMCwiYW1yIjpbInB3ZCIsIm1mYSJdfQ.c2lnbmF0dXJl"

#define RECORDS_GET   "GET /v1/partners/customeragreementrecords"
#define TEMPLATES_GET "GET /v1/agreements"
#define BULK_POST     "POST /v1/CreateBulkReAttestation"
#define CUSTOMER_POST "POST /v1/customers/"
#define CUSTOMER_ID   "0b1f3c6e-2a4d-4c8e-9f10-3d2e1a0b9c01"
#define CUSTOMERS_GET "GET /v1/customers"
#define ATTESTATION_POST "POST /v1/attestations/enhanced"
#define UNREADABLE    " but Attest cannot read the answer: "

#define SUCCESS (-1)

/* Bodies too large to write out: the server builds them. */
#define HUGE_NAME        "@huge-name"
#define HUGE_DESCRIPTION "@huge-description"

typedef enum
{
  CALL_FETCH,
  CALL_TEMPLATE,
  CALL_BULK,
  CALL_CUSTOMER,
  CALL_CUSTOMERS,
  CALL_AGREEMENTS,
  CALL_DIRECT_SIGNED,
  CALL_BILLING,
  CALL_ATTESTATION,
  CALL_COMPLETION,
} Call;

typedef struct
{
  const char *name;
  Call        call;
  guint       status;
  const char *content_type;  /* NULL: none */
  const char *body;
  int         code;          /* an AttestPartnerError, or SUCCESS */
  const char *message;       /* in the error's message */
} BadResponse;

static const BadResponse catalogue[] = {
  /* The records pages */
  { "fetch/empty-body", CALL_FETCH, 200, "application/json", "",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE,
    "answered " RECORDS_GET " with an empty body (HTTP 200)" },
  { "fetch/truncated-json", CALL_FETCH, 200, "application/json",
    "{\"customerAgreementRecords\":[{\"customerTenantId\":\"c1\"",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE,
    "answered " RECORDS_GET " with something that is not JSON (HTTP 200, application/json)" },
  { "fetch/xml", CALL_FETCH, 200, "application/json", "<?xml version=\"1.0\"?><records/>",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "something that is not JSON" },
  { "fetch/web-page", CALL_FETCH, 200, "text/html; charset=utf-8",
    "<!DOCTYPE html><html><body>Sign in to this network</body></html>",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE,
    RECORDS_GET " was answered with a web page instead of Partner Center’s data (HTTP 200)" },
  { "fetch/web-page-as-text", CALL_FETCH, 200, "text/plain", "  <html><body>Blocked</body></html>",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "a web page instead" },
  { "fetch/array", CALL_FETCH, 200, "application/json", "[]",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "has no customerAgreementRecords list" },
  { "fetch/null", CALL_FETCH, 200, "application/json", "null",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "has no customerAgreementRecords list" },
  { "fetch/list-is-object", CALL_FETCH, 200, "application/json",
    "{\"customerAgreementRecords\":{\"customerTenantId\":\"c1\"}}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "has no customerAgreementRecords list" },
  { "fetch/code-without-description", CALL_FETCH, 200, "application/json", "{\"code\":\"x\"}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "has no customerAgreementRecords list" },
  { "fetch/tenant-id-is-number", CALL_FETCH, 200, "application/json",
    "{\"customerAgreementRecords\":[{\"customerTenantId\":\"c1\"},{\"customerTenantId\":12}]}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "Record 2 of the page Partner Center sent" },
  { "fetch/record-is-number", CALL_FETCH, 200, "application/json",
    "{\"customerAgreementRecords\":[1]}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "Record 1 of the page" },
  { "fetch/error-body-with-200", CALL_FETCH, 200, "application/json",
    "{\"code\":600041,\"description\":\"The request is not valid.\",\"data\":[]}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE,
    "answered " RECORDS_GET " with success (HTTP 200) but sent an error: "
    "“The request is not valid.” (code 600041)" },
  { "fetch/wrong-member-types", CALL_FETCH, 200, "application/json",
    "{\"customerAgreementRecords\":[{\"customerTenantId\":\"c1\",\"lastAgreementPrimaryContact\":"
    "{\"firstName\":7,\"email\":[\"a@b.c\"]},\"lastAgreementDateEpoch\":\"soon\","
    "\"partnerAttestationCompleted\":\"yes\"}],\"continuationToken\":5}",
    SUCCESS, NULL },
  { "fetch/json-as-text", CALL_FETCH, 200, "text/plain",
    "{\"customerAgreementRecords\":[{\"customerTenantId\":\"c1\"}]}", SUCCESS, NULL },
  { "fetch/huge-name", CALL_FETCH, 200, "application/json", HUGE_NAME, SUCCESS, NULL },
  { "fetch/truncated-error", CALL_FETCH, 400, "application/json", "{\"code\":400,\"desc",
    ATTEST_PARTNER_ERROR_BAD_REQUEST,
    "refused " RECORDS_GET " (HTTP 400): an answer that is not Partner Center’s JSON" },
  { "fetch/mfa", CALL_FETCH, 401, "application/json",
    "{\"code\":900421,\"description\":\"Multi-factor authentication is required.\"}",
    ATTEST_PARTNER_ERROR_MFA_REQUIRED, "(HTTP 401, “Multi-factor authentication is required.”" },
  { "fetch/forbidden-empty", CALL_FETCH, 403, NULL, "",
    ATTEST_PARTNER_ERROR_FORBIDDEN, "refused access (HTTP 403, no reason given)" },
  { "fetch/not-found-page", CALL_FETCH, 404, "text/html", "<html>Not Found</html>",
    ATTEST_PARTNER_ERROR_NOT_FOUND, "(HTTP 404): an answer that is not Partner Center’s JSON" },
  { "fetch/huge-description", CALL_FETCH, 500, "application/json", HUGE_DESCRIPTION,
    ATTEST_PARTNER_ERROR_SERVER, "xxxxxxxxxx…” (code 500)" },
  { "fetch/throttled", CALL_FETCH, 429, "application/json",
    "{\"code\":\"TooManyRequests\",\"description\":\"Rate limit is exceeded.\"}",
    ATTEST_PARTNER_ERROR_THROTTLED, "limiting the rate of requests (HTTP 429, “Rate limit" },
  { "fetch/unavailable-page", CALL_FETCH, 503, "text/html", "<html>Service Unavailable</html>",
    ATTEST_PARTNER_ERROR_SERVER, "could not answer " RECORDS_GET " (HTTP 503" },

  /* The agreement template */
  { "template/no-items", CALL_TEMPLATE, 200, "application/json", "{\"items\":[]}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "sent no template" },
  { "template/id-is-number", CALL_TEMPLATE, 200, "application/json",
    "{\"items\":[{\"templateId\":5}]}", ATTEST_PARTNER_ERROR_INVALID_RESPONSE,
    "(items[0].templateId of GET /v1/agreements)" },
  { "template/items-is-string", CALL_TEMPLATE, 200, "application/json", "{\"items\":\"x\"}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "sent no template" },
  { "template/empty-body", CALL_TEMPLATE, 200, "application/json", "",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, TEMPLATES_GET " with an empty body" },

  /* A bulk attestation; its answer's body is not documented, so anything
   * but an error or a web page is taken as done. */
  { "bulk/empty-body", CALL_BULK, 200, NULL, "", SUCCESS, NULL },
  { "bulk/accepted-object", CALL_BULK, 202, "application/json", "{}", SUCCESS, NULL },
  { "bulk/plain-text", CALL_BULK, 200, "text/plain", "OK", SUCCESS, NULL },
  { "bulk/captive-portal", CALL_BULK, 200, "text/html",
    "<html><head><title>Welcome</title></head><body>Accept the terms</body></html>",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE,
    BULK_POST " was answered with a web page instead of Partner Center’s data (HTTP 200)" },
  { "bulk/error-body-with-200", CALL_BULK, 200, "application/json",
    "{\"code\":600041,\"message\":\"The email is not valid.\",\"errorName\":\"InvalidInput\"}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE,
    "answered " BULK_POST " with success (HTTP 200) but sent an error: "
    "“The email is not valid.” (code 600041). Nothing is taken as done" },
  /* The same, its member names written with escapes, as JSON allows. */
  { "bulk/escaped-error-body-with-200", CALL_BULK, 200, "application/json",
    "{\"\\u0063ode\":600041,\"\\u006dessage\":\"The email is not valid.\"}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE,
    "answered " BULK_POST " with success (HTTP 200) but sent an error: "
    "“The email is not valid.” (code 600041). Nothing is taken as done" },
  { "customer/error-body-with-201", CALL_CUSTOMER, 201, "application/json",
    "{\"code\":\"600002\",\"description\":\"Date of agreement cannot be in the future.\"}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "(code 600002). Nothing is taken as done" },
  { "bulk/already-attested", CALL_BULK, 400, "application/json",
    "{\"code\":600061,\"description\":\"Already attested.\",\"source\":\"PartnerFD\"}",
    ATTEST_PARTNER_ERROR_BAD_REQUEST,
    "refused " BULK_POST " (HTTP 400): “Already attested.” (code 600061)" },
  { "bulk/wrong-error-types", CALL_BULK, 400, "application/json",
    "{\"code\":{},\"description\":[\"bad\"],\"parameters\":7}",
    ATTEST_PARTNER_ERROR_BAD_REQUEST, "(HTTP 400): no reason given" },
  { "bulk/conflict-text", CALL_BULK, 409, "text/plain", "Conflict",
    ATTEST_PARTNER_ERROR_CONFLICT, "(HTTP 409): an answer that is not Partner Center’s JSON" },
  { "bulk/gateway-timeout", CALL_BULK, 504, NULL, "", ATTEST_PARTNER_ERROR_SERVER,
    "could not answer " BULK_POST " (HTTP 504, no reason given)" },

  /* One customer's attestation */
  { "customer/created", CALL_CUSTOMER, 201, "application/json",
    "{\"templateId\":\"117a77b0-9360-443b-8795-c6dedc750cf9\",\"primaryContact\":{}}",
    SUCCESS, NULL },
  { "customer/truncated-error", CALL_CUSTOMER, 500, "application/json", "{\"code\":5",
    ATTEST_PARTNER_ERROR_SERVER, "(HTTP 500, an answer that is not Partner Center’s JSON)" },
  { "customer/web-page", CALL_CUSTOMER, 200, "text/html", "<html></html>",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, CUSTOMER_POST },

  /* The customers list of the current flow (reference §2.6) */
  { "customers/no-items", CALL_CUSTOMERS, 200, "application/json", "{\"totalCount\":0}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE,
    CUSTOMERS_GET " with HTTP 200," UNREADABLE "it has no “items” list" },
  { "customers/item-without-id", CALL_CUSTOMERS, 200, "application/json",
    "{\"items\":[{\"id\":\"c1\"},{\"companyProfile\":{\"domain\":\"a.com\"}}]}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "“items[1]” has no customer ID" },
  { "customers/company-name-is-number", CALL_CUSTOMERS, 200, "application/json",
    "{\"items\":[{\"id\":\"c1\",\"companyProfile\":{\"companyName\":5}}]}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "“items[0].companyProfile.companyName” is not a text" },
  { "customers/profile-is-text", CALL_CUSTOMERS, 200, "application/json",
    "{\"items\":[{\"id\":\"c1\",\"companyProfile\":\"Contoso\"}]}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "“items[0].companyProfile” is not an object" },
  { "customers/next-without-uri", CALL_CUSTOMERS, 200, "application/json",
    "{\"items\":[],\"links\":{\"next\":{\"method\":\"GET\"}}}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "“links.next.uri” is missing" },
  { "customers/next-elsewhere", CALL_CUSTOMERS, 200, "application/json",
    "{\"items\":[],\"links\":{\"next\":{\"uri\":\"https://example.com/v1/customers\"}}}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "“links.next.uri” leads away from Partner Center" },
  { "customers/next-is-itself", CALL_CUSTOMERS, 200, "application/json",
    "{\"items\":[{\"id\":\"c1\"}],\"links\":{\"next\":{\"uri\":"
    "\"/customers?size=100&seekOperation=Next\",\"headers\":[{\"key\":"
    "\"MS-ContinuationToken\",\"value\":\"T1\"}]}}}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "its next page is the page itself" },
  { "customers/next-headers-not-a-list", CALL_CUSTOMERS, 200, "application/json",
    "{\"items\":[],\"links\":{\"next\":{\"uri\":\"/customers\",\"headers\":"
    "{\"key\":\"MS-ContinuationToken\",\"value\":\"T1\"}}}}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "“links.next.headers” is not a list" },
  { "customers/next-header-without-value", CALL_CUSTOMERS, 200, "application/json",
    "{\"items\":[],\"links\":{\"next\":{\"uri\":\"/customers\",\"headers\":"
    "[{\"key\":\"MS-ContinuationToken\"}]}}}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE,
    "“links.next.headers[0]” is not a header with a key and a value" },

  /* A customer's agreements: 600009 means none (reference §2.4) */
  { "agreements/none", CALL_AGREEMENTS, 404, "application/json",
    "{\"code\":600009,\"description\":\"No agreements found for the customer.\"}",
    SUCCESS, NULL },
  { "agreements/none-code-as-text", CALL_AGREEMENTS, 404, "application/json",
    "{\"code\":\"600009\",\"message\":\"No agreements.\"}", SUCCESS, NULL },
  { "agreements/customer-not-found", CALL_AGREEMENTS, 404, "application/json",
    "{\"code\":600008,\"description\":\"The customer was not found.\"}",
    ATTEST_PARTNER_ERROR_NOT_FOUND, "(HTTP 404): “The customer was not found.” (code 600008)" },
  { "agreements/no-items", CALL_AGREEMENTS, 200, "application/json", "{\"totalCount\":1}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE,
    "/agreements with HTTP 200," UNREADABLE "it has no “items” list" },
  { "agreements/date-missing", CALL_AGREEMENTS, 200, "application/json",
    "{\"items\":[{\"type\":\"MicrosoftCustomerAgreement\"}]}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "“items[0].dateAgreed” is missing" },
  { "agreements/date-not-a-date", CALL_AGREEMENTS, 200, "application/json",
    "{\"items\":[{\"dateAgreed\":\"yesterday\"}]}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "“items[0].dateAgreed” is not a date" },
  { "agreements/date-is-number", CALL_AGREEMENTS, 200, "application/json",
    "{\"items\":[{\"dateAgreed\":1680307200}]}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "“items[0].dateAgreed” is not a text" },
  { "agreements/contact-is-list", CALL_AGREEMENTS, 200, "application/json",
    "{\"items\":[{\"dateAgreed\":\"2023-04-01T00:00:00Z\"},"
    "{\"dateAgreed\":\"2023-04-01T00:00:00Z\",\"primaryContact\":[]}]}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "“items[1].primaryContact” is not an object" },
  { "agreements/email-is-number", CALL_AGREEMENTS, 200, "application/json",
    "{\"items\":[{\"dateAgreed\":\"2023-04-01T00:00:00Z\",\"primaryContact\":"
    "{\"email\":7}}]}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "“items[0].primaryContact.email” is not a text" },

  /* Whether the customer accepted in the admin center */
  { "direct-signed/missing", CALL_DIRECT_SIGNED, 200, "application/json", "{}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "“isSigned” is missing" },
  { "direct-signed/text", CALL_DIRECT_SIGNED, 200, "application/json", "{\"isSigned\":\"true\"}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "“isSigned” is neither true nor false" },
  { "direct-signed/null", CALL_DIRECT_SIGNED, 200, "application/json", "{\"isSigned\":null}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "“isSigned” is neither true nor false" },

  /* A billing profile: missing values are missing, values of another type
   * are not taken */
  { "billing/all-missing", CALL_BILLING, 200, "application/json", "{\"id\":\"p1\"}",
    SUCCESS, NULL },
  { "billing/array", CALL_BILLING, 200, "application/json", "[]",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "it is not a JSON object" },
  { "billing/culture-is-number", CALL_BILLING, 200, "application/json", "{\"culture\":1033}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "“culture” is not a text" },
  { "billing/address-is-text", CALL_BILLING, 200, "application/json",
    "{\"defaultAddress\":\"1 rue de Rivoli, Paris\"}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "“defaultAddress” is not an object" },
  { "billing/country-is-object", CALL_BILLING, 200, "application/json",
    "{\"defaultAddress\":{\"country\":{\"code\":\"FR\"}}}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "“defaultAddress.country” is not a text" },

  /* An enhanced attestation: its answer's shape is assumed
   * (attest-mca-shapes.h); what does not fit is reported, never guessed */
  { "attestation/fits", CALL_ATTESTATION, 201, "application/json",
    "{\"attestationId\":\"a1\",\"attestationUrl\":"
    "\"https://cdn.partner.microsoft.com/mca/?attestationid=a1\"}", SUCCESS, NULL },
  { "attestation/no-id", CALL_ATTESTATION, 201, "application/json", "{\"status\":\"Pending\"}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE,
    ATTESTATION_POST " with HTTP 201," UNREADABLE "it has no attestation ID" },
  { "attestation/id-is-number", CALL_ATTESTATION, 200, "application/json",
    "{\"attestationId\":42}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "“attestationId” is not a text" },
  { "attestation/accepted", CALL_ATTESTATION, 202, "application/json",
    "{\"attestationId\":\"a1\"}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "its status is neither 200 nor 201" },
  { "attestation/empty-body", CALL_ATTESTATION, 201, NULL, "",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, UNREADABLE "it is empty" },
  { "attestation/description-only", CALL_ATTESTATION, 201, "application/json",
    "{\"description\":\"Queued for review.\"}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "Partner Center said “Queued for review.”" },
  { "attestation/link-is-a-file", CALL_ATTESTATION, 201, "application/json",
    "{\"attestationId\":\"a1\",\"acceptanceUrl\":\"file:///etc/passwd\"}",
    ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "“acceptanceUrl” is not a web address" },
  { "attestation/field-refused", CALL_ATTESTATION, 400, "application/json",
    "{\"code\":2000,\"description\":\"The country XX is not valid.\","
    "\"errorName\":\"InvalidInput\"}",
    ATTEST_PARTNER_ERROR_BAD_REQUEST,
    "refused " ATTESTATION_POST " (HTTP 400): “The country XX is not valid.” (code 2000)" },
  { "completion/empty-201", CALL_COMPLETION, 201, NULL, "", SUCCESS, NULL },
};

typedef struct
{
  SoupServer          *server;
  AttestPartnerClient *client;
  const BadResponse   *current;
  guint                requests;
} Fixture;

static char *
build_body (const char *body)
{
  if (g_str_equal (body, HUGE_NAME))
    {
      g_autofree char *name = g_strnfill (4 * 1024 * 1024, 'n');

      return g_strdup_printf ("{\"customerAgreementRecords\":[{\"customerTenantId\":\"c1\","
                              "\"lastAgreementPrimaryContact\":{\"firstName\":\"%s\"}}]}", name);
    }

  if (g_str_equal (body, HUGE_DESCRIPTION))
    {
      g_autofree char *text = g_strnfill (1024 * 1024, 'x');

      return g_strdup_printf ("{\"code\":500,\"description\":\"%s\"}", text);
    }

  return g_strdup (body);
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Fixture *fixture = user_data;
  const BadResponse *response = fixture->current;
  char *body = build_body (response->body);

  fixture->requests++;
  soup_server_message_set_status (msg, response->status, NULL);

  /* Without a content type, libsoup sends no body and does not take this one. */
  if (response->content_type == NULL)
    {
      g_assert_cmpstr (body, ==, "");
      g_free (body);
      return;
    }

  soup_server_message_set_response (msg, response->content_type, SOUP_MEMORY_TAKE,
                                    body, strlen (body));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestTokenProvider) tokens = attest_static_token_provider_new (TOKEN);
  g_autoptr(AttestRetryPolicy) policy = attest_retry_policy_new ();
  g_autoslist(GUri) uris = NULL;
  g_autofree char *base = NULL;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, on_request, fixture, NULL);
  g_assert_true (soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));

  fixture->client = attest_partner_client_new (base, tokens, &error);
  g_assert_no_error (error);
  attest_partner_client_set_app_token_provider (fixture->client, tokens);
  /* One answer per case: what a retry would get is the same answer. */
  attest_retry_policy_set_max_attempts (policy, 1);
  attest_partner_client_set_retry_policy (fixture->client, policy);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
}

/* Makes a call of Microsoft's current flow, and checks what a success
 * gave. */
static GPtrArray *
make_current_flow_call (Fixture  *fixture,
                        GError  **error)
{
  const AttestAttestationDetails details = {
    "FR", "fr-FR", "Fabrikam", "Renée", "Lefèvre", "renee@fabrikam.fr", NULL,
  };
  const AttestPartnerContact contact = { CUSTOMER_ID, "Renée", "Lefèvre", "renee@fabrikam.fr", "" };
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 2, 0, 0, 0);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(AttestBillingProfile) profile = NULL;
  g_autoptr(AttestPartnerRequest) request = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *id = NULL;
  g_autofree char *link = NULL;
  AttestPartnerClient *client = fixture->client;
  GAsyncResult *slot = NULL;
  gboolean is_signed = FALSE;

  switch (fixture->current->call)
    {
    case CALL_CUSTOMERS:
      attest_partner_client_list_customers_async (client, NULL, NULL, NULL,
                                                  attest_test_store_result, &slot);
      result = attest_test_wait_result (&slot);
      list = attest_partner_client_list_customers_finish (client, result, error);
      g_assert_true ((list == NULL) != (*error == NULL));
      return NULL;

    case CALL_AGREEMENTS:
      attest_partner_client_get_agreements_async (client, CUSTOMER_ID, NULL,
                                                  attest_test_store_result, &slot);
      result = attest_test_wait_result (&slot);
      list = attest_partner_client_get_agreements_finish (client, result, error);
      g_assert_true ((list == NULL) != (*error == NULL));
      /* 600009: none. */
      g_assert_true (list == NULL || list->len == 0);
      return NULL;

    case CALL_DIRECT_SIGNED:
      attest_partner_client_get_direct_signed_async (client, CUSTOMER_ID, NULL,
                                                     attest_test_store_result, &slot);
      result = attest_test_wait_result (&slot);
      g_assert_true (attest_partner_client_get_direct_signed_finish (client, result, &is_signed,
                                                                     error)
                     == (*error == NULL));
      return NULL;

    case CALL_BILLING:
      attest_partner_client_get_billing_profile_async (client, CUSTOMER_ID, NULL,
                                                       attest_test_store_result, &slot);
      result = attest_test_wait_result (&slot);
      profile = attest_partner_client_get_billing_profile_finish (client, result, error);
      g_assert_true ((profile == NULL) != (*error == NULL));
      g_assert_true (profile == NULL || (attest_billing_profile_get_culture (profile) == NULL
                                         && attest_billing_profile_get_country (profile) == NULL
                                         && attest_billing_profile_get_email (profile) == NULL));
      return NULL;

    case CALL_ATTESTATION:
    case CALL_COMPLETION:
      request = fixture->current->call == CALL_ATTESTATION
                ? attest_mca_shapes_new_attestation (&details)
                : attest_mca_shapes_new_completion (CUSTOMER_ID, "a1", "t1", date, &contact);
      attest_partner_client_send_async (client, request, G_PRIORITY_DEFAULT, NULL,
                                        attest_test_store_result, &slot);
      result = attest_test_wait_result (&slot);
      if (!attest_partner_client_send_finish_answer (client, result, &answer, error))
        return NULL;
      if (fixture->current->call == CALL_ATTESTATION)
        {
          /* What the client let through reads. */
          g_assert_true (attest_mca_shapes_read_attestation (answer, &id, &link, error));
          g_assert_cmpstr (id, ==, "a1");
        }
      return NULL;

    default:
      g_assert_not_reached ();
    }
}

/* Makes the case's call; returns the records of a fetch, or NULL. */
static GPtrArray *
make_call (Fixture   *fixture,
           GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  const AttestPartnerContact contact = {
    "0b1f3c6e-2a4d-4c8e-9f10-3d2e1a0b9c01", "Jane", "Doe", "jane@contoso.com", "",
  };
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 2, 0, 0, 0);
  g_autofree char *template_id = NULL;
  g_autofree char *partner_id = NULL;
  g_autoptr(AttestPartnerRequest) request = NULL;
  AttestPartnerClient *client = fixture->client;
  const char *template = "117a77b0-9360-443b-8795-c6dedc750cf9";
  GAsyncResult *slot = NULL;

  switch (fixture->current->call)
    {
    case CALL_FETCH:
      attest_partner_client_fetch_records_async (client, NULL, NULL, NULL,
                                                 attest_test_store_result, &slot);
      result = attest_test_wait_result (&slot);
      return attest_partner_client_fetch_records_finish (client, result, error);

    case CALL_TEMPLATE:
      attest_partner_client_get_template_id_async (client, NULL, attest_test_store_result, &slot);
      result = attest_test_wait_result (&slot);
      template_id = attest_partner_client_get_template_id_finish (client, result, error);
      g_assert_true ((template_id == NULL) != (*error == NULL));
      return NULL;

    case CALL_BULK:
    case CALL_CUSTOMER:
      /* As a submission sends them. */
      partner_id = attest_partner_partner_id_from_token (TOKEN, NULL);
      g_assert_nonnull (partner_id);
      request = fixture->current->call == CALL_BULK
                ? attest_partner_request_new_bulk (partner_id, template, date, &contact, 1)
                : attest_partner_request_new_agreement (template, date, &contact);
      attest_partner_client_send_async (client, request, G_PRIORITY_DEFAULT, NULL,
                                        attest_test_store_result, &slot);
      result = attest_test_wait_result (&slot);
      g_assert_true (attest_partner_client_send_finish (client, result, error)
                     == (*error == NULL));
      return NULL;

    default:
      return make_current_flow_call (fixture, error);
    }
}

static void
test_bad_response (Fixture       *fixture,
                   gconstpointer  data)
{
  const BadResponse *response = data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  fixture->current = response;
  records = make_call (fixture, &error);
  g_assert_cmpuint (fixture->requests, >, 0);

  if (response->code == SUCCESS)
    {
      g_assert_no_error (error);
      if (response->call == CALL_FETCH)
        {
          AttestPartnerRecord *record;

          g_assert_cmpuint (records->len, ==, 1);
          record = g_ptr_array_index (records, 0);
          g_assert_cmpstr (record->customer_id, ==, "c1");
          if (g_str_equal (response->body, HUGE_NAME))
            g_assert_cmpuint (strlen (record->first_name), ==, 4 * 1024 * 1024);
          else
            g_assert_cmpstr (record->email, ==, "");
        }
      return;
    }

  g_assert_error (error, ATTEST_PARTNER_ERROR, response->code);
  g_test_message ("%s: %s", response->name, error->message);
  if (strstr (error->message, response->message) == NULL)
    g_error ("“%s” is not in “%s”", response->message, error->message);

  /* A message fit for a dialog: valid text, never a page of the server's. */
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (strlen (error->message), <, 1000);
  g_assert_null (strstr (error->message, "(null)"));
}

/* The catalogue keeps at least the 30 cases it was asked for, each named
 * once. */
static void
test_catalogue_size (void)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (G_N_ELEMENTS (catalogue), >=, 30);
  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    g_assert_true (g_hash_table_add (names, (gpointer) catalogue[i].name));
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/bad-responses/catalogue-size", test_catalogue_size);
  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    {
      g_autofree char *path = g_strconcat ("/bad-responses/", catalogue[i].name, NULL);

      g_test_add (path, Fixture, &catalogue[i], fixture_set_up, test_bad_response,
                  fixture_tear_down);
    }

  return g_test_run ();
}
