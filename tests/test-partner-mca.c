/* test-partner-mca.c: the Partner Center client in Microsoft's current
 * flow: the assumed shapes, the credential of each route, the documented
 * reads and the enhanced attestation against the sandbox (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-mca-shapes.h"
#include "attest-partner-client.h"
#include "attest-sandbox.h"
#include "attest-static-token-provider.h"
#include "attest-test-http.h"
#include "attest-test-utils.h"

static const AttestAttestationDetails turkish_details = {
  .country = "TR",
  .language = "tr-TR",
  .company_name = "Ağaç \"Yapı\"\tA.Ş.",
  .first_name = "Ayşe",
  .last_name = "Yılmaz",
  .email = "ayse@agac.com.tr",
  .phone_number = "+90 212 555 0100",
};

#define TURKISH_BODY \
  "{\"country\":\"TR\",\"language\":\"tr-TR\",\"companyName\":\"Ağaç \\\"Yapı\\\"\\tA.Ş.\"," \
  "\"signatoryFirstName\":\"Ayşe\",\"signatoryLastName\":\"Yılmaz\"," \
  "\"signatoryEmail\":\"ayse@agac.com.tr\",\"signatoryPhoneNumber\":\"+90 212 555 0100\"}"

static const char *
body_text (const AttestPartnerRequest *request)
{
  /* A NUL byte follows every request's body. */
  return g_bytes_get_data (attest_partner_request_get_body (request), NULL);
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

static JsonObject *
parse_object (const char *text,
              JsonNode  **root)
{
  *root = json_from_string (text, NULL);
  g_assert_nonnull (*root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*root));

  return json_node_get_object (*root);
}

/* The body is the same bytes for the same details, in the assumed member
 * order; each request has its own ID and goes out with the app's token. */
static void
test_attestation_body (void)
{
  g_autoptr(AttestPartnerRequest) first = attest_mca_shapes_new_attestation (&turkish_details);
  g_autoptr(AttestPartnerRequest) second = attest_mca_shapes_new_attestation (&turkish_details);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  g_assert_cmpstr (attest_partner_request_get_method (first), ==, "POST");
  g_assert_cmpstr (attest_partner_request_get_path (first), ==, "/v1/attestations/enhanced");
  g_assert_cmpint (attest_partner_request_get_credential (first), ==,
                   ATTEST_PARTNER_CREDENTIAL_APP);
  g_assert_true (g_uuid_string_is_valid (attest_partner_request_get_request_id (first)));
  g_assert_true (g_uuid_string_is_valid (attest_partner_request_get_correlation_id (first)));
  g_assert_cmpstr (attest_partner_request_get_request_id (first), !=,
                   attest_partner_request_get_request_id (second));

  g_assert_cmpstr (body_text (first), ==, TURKISH_BODY);
  g_assert_true (g_bytes_equal (attest_partner_request_get_body (first),
                                attest_partner_request_get_body (second)));

  object = parse_object (body_text (first), &root);
  assert_members (object, (const char *[]) { "country", "language", "companyName",
                                             "signatoryFirstName", "signatoryLastName",
                                             "signatoryEmail", "signatoryPhoneNumber", NULL });
  g_assert_cmpstr (json_object_get_string_member (object, "companyName"), ==,
                   turkish_details.company_name);
}

static void
test_attestation_body_without_phone (void)
{
  const char * const phones[] = { NULL, "" };

  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      AttestAttestationDetails details = {
        "FR", "fr-FR", "Fabrikam", "Renée", "Lefèvre", "renee@fabrikam.fr", phones[i],
      };
      g_autoptr(AttestPartnerRequest) request = attest_mca_shapes_new_attestation (&details);
      g_autoptr(JsonNode) root = NULL;

      g_assert_cmpstr (body_text (request), ==,
                       "{\"country\":\"FR\",\"language\":\"fr-FR\",\"companyName\":\"Fabrikam\","
                       "\"signatoryFirstName\":\"Renée\",\"signatoryLastName\":\"Lefèvre\","
                       "\"signatoryEmail\":\"renee@fabrikam.fr\"}");
      assert_members (parse_object (body_text (request), &root),
                      (const char *[]) { "country", "language", "companyName",
                                         "signatoryFirstName", "signatoryLastName",
                                         "signatoryEmail", NULL });
    }
}

static void
test_completion_body (void)
{
  const AttestPartnerContact contact = {
    "ignored", "Jane", "Doe", "jane@contoso.com", "",
  };
  const char *customer_id = "0b1f3c6e-2a4d-4c8e-9f10-3d2e1a0b9c01";
  const char *attestation_id = "5d0e8f4a-9b1c-4e2d-8a7f-6c3b2a1d0e9f";
  const char *template_id = "117a77b0-9360-443b-8795-c6dedc750cf9";
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("+01:00");
  g_autoptr(GDateTime) date = g_date_time_new (paris, 2026, 2, 3, 11, 20, 30);
  g_autoptr(AttestPartnerRequest) request = NULL;
  g_autoptr(AttestPartnerRequest) again = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  request = attest_mca_shapes_new_completion (customer_id, attestation_id, template_id, date,
                                              &contact);
  again = attest_mca_shapes_new_completion (customer_id, attestation_id, template_id, date,
                                            &contact);

  g_assert_cmpstr (attest_partner_request_get_method (request), ==, "POST");
  g_assert_cmpstr (attest_partner_request_get_path (request), ==,
                   "/v1/customers/0b1f3c6e-2a4d-4c8e-9f10-3d2e1a0b9c01/agreements");
  g_assert_cmpint (attest_partner_request_get_credential (request), ==,
                   ATTEST_PARTNER_CREDENTIAL_APP);
  g_assert_cmpstr (attest_partner_request_get_request_id (request), !=,
                   attest_partner_request_get_request_id (again));
  g_assert_cmpstr (body_text (request), ==,
                   "{\"attestationId\":\"5d0e8f4a-9b1c-4e2d-8a7f-6c3b2a1d0e9f\","
                   "\"type\":\"MicrosoftCustomerAgreement\","
                   "\"templateId\":\"117a77b0-9360-443b-8795-c6dedc750cf9\","
                   "\"primaryContact\":{\"firstName\":\"Jane\",\"lastName\":\"Doe\","
                   "\"email\":\"jane@contoso.com\",\"phoneNumber\":\"\"},"
                   "\"dateAgreed\":\"2026-02-03T10:20:30.000Z\"}");
  g_assert_true (g_bytes_equal (attest_partner_request_get_body (request),
                                attest_partner_request_get_body (again)));

  object = parse_object (body_text (request), &root);
  assert_members (object, (const char *[]) { "attestationId", "type", "templateId",
                                             "primaryContact", "dateAgreed", NULL });
  assert_members (json_object_get_object_member (object, "primaryContact"),
                  (const char *[]) { "firstName", "lastName", "email", "phoneNumber", NULL });
}

typedef struct
{
  const char *answer;
  const char *id;
  const char *link;   /* NULL: the default link made with the ID */
} GoodAnswer;

static const GoodAnswer good_answers[] = {
  { "{\"attestationId\":\"a-1\"}", "a-1", NULL },
  { "{\"id\":\"a-2\"}", "a-2", NULL },
  { "{\"attestationId\":\"a-3\",\"id\":\"other\"}", "a-3", NULL },
  { "{\"attestationId\":null,\"id\":\"a-4\"}", "a-4", NULL },
  { "{\"attestationId\":\"\",\"id\":\"a-5\"}", "a-5", NULL },
  { "{\"attestationId\":\"a-6\",\"attestationUrl\":\"https://example.com/accept?x=6\"}", "a-6",
    "https://example.com/accept?x=6" },
  { "{\"attestationId\":\"a-7\",\"acceptanceUrl\":\"https://example.com/7\"}", "a-7",
    "https://example.com/7" },
  { "{\"id\":\"a-8\",\"url\":\"http://127.0.0.1:8080/mca/?attestationid=a-8\"}", "a-8",
    "http://127.0.0.1:8080/mca/?attestationid=a-8" },
  { "{\"attestationId\":\"a-9\",\"attestationUrl\":\"https://example.com/first\","
    "\"acceptanceUrl\":\"https://example.com/second\",\"url\":\"https://example.com/third\"}",
    "a-9", "https://example.com/first" },
  { "{\"attestationId\":\"a-10\",\"attestationUrl\":null,\"acceptanceUrl\":\"\","
    "\"url\":\"https://example.com/third\"}", "a-10", "https://example.com/third" },
  { "{\"attestationId\":\"a-11\",\"url\":\"\",\"status\":\"Pending\",\"extra\":[1,2]}", "a-11",
    NULL },
  /* The ID goes into the default link escaped. */
  { "{\"attestationId\":\"a 12/ü\"}", "a 12/ü", NULL },
};

static void
test_answer_names (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (good_answers); i++)
    {
      const GoodAnswer *good = &good_answers[i];
      g_autoptr(JsonNode) answer = json_from_string (good->answer, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *id = NULL;
      g_autofree char *link = NULL;
      g_autofree char *escaped = g_uri_escape_string (good->id, NULL, FALSE);
      g_autofree char *default_link = g_strconcat (
        "https://cdn.partner.microsoft.com/mca/?attestationid=", escaped, NULL);

      g_test_message ("%s", good->answer);
      g_assert_true (attest_mca_shapes_read_attestation (answer, &id, &link, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (id, ==, good->id);
      g_assert_cmpstr (link, ==, good->link != NULL ? good->link : default_link);
    }
}

typedef struct
{
  const char *answer;    /* NULL: no body */
  const char *problem;   /* in the message */
} BadAnswer;

static const BadAnswer bad_answers[] = {
  { NULL, "it is empty" },
  { "[{\"attestationId\":\"a\"}]", "it is not a JSON object" },
  { "\"a\"", "it is not a JSON object" },
  { "{}", "it has no attestation ID (“attestationId” or “id”)" },
  { "{\"attestationId\":\"\",\"id\":null}", "it has no attestation ID" },
  { "{\"attestationId\":5}", "“attestationId” is not a text" },
  { "{\"attestationId\":{\"value\":\"a\"}}", "“attestationId” is not a text" },
  { "{\"id\":true}", "“id” is not a text" },
  { "{\"attestationId\":7,\"id\":\"a\"}", "“attestationId” is not a text" },
  { "{\"attestationId\":\"a\",\"attestationUrl\":7}", "“attestationUrl” is not a text" },
  { "{\"attestationId\":\"a\",\"acceptanceUrl\":[\"https://x\"]}",
    "“acceptanceUrl” is not a text" },
  { "{\"attestationId\":\"a\",\"url\":\"not a link\"}", "“url” is not a web address" },
  { "{\"attestationId\":\"a\",\"url\":\"ftp://example.com/a\"}", "“url” is not a web address" },
  { "{\"attestationId\":\"a\",\"attestationUrl\":\"javascript:alert(1)\"}",
    "“attestationUrl” is not a web address" },
  { "{\"attestationId\":\"a\",\"acceptanceUrl\":\"/mca/?attestationid=a\"}",
    "“acceptanceUrl” is not a web address" },
  /* The server's own words and code, when it sends some, are kept. */
  { "{\"description\":\"The attestation could not be created.\"}",
    "Partner Center said “The attestation could not be created.”" },
  { "{\"code\":\"PC4001\",\"status\":\"Failed\"}", "Partner Center said code PC4001" },
};

static void
test_bad_answers (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_answers); i++)
    {
      const BadAnswer *bad = &bad_answers[i];
      g_autoptr(JsonNode) answer = bad->answer != NULL ? json_from_string (bad->answer, NULL)
                                                       : NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *id = NULL;
      g_autofree char *link = NULL;

      g_test_message ("%s", bad->answer);
      g_assert_true (bad->answer == NULL || answer != NULL);
      g_assert_false (attest_mca_shapes_read_attestation (answer, &id, &link, &error));
      g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INVALID_RESPONSE);
      g_assert_null (id);
      g_assert_null (link);
      if (strstr (error->message, bad->problem) == NULL)
        g_error ("“%s” is not in “%s”", bad->problem, error->message);
      g_assert_nonnull (strstr (error->message, "POST /v1/attestations/enhanced"));
      g_assert_nonnull (strstr (error->message, "Nothing is taken from it."));
      /* Nothing of the answer's own is shown but the server's words. */
      g_assert_null (strstr (error->message, "example.com"));
      g_assert_null (strstr (error->message, "alert"));
      g_assert_false (attest_partner_error_is_retryable (error));
    }
}

/* What the client checks of an answer before its caller sees it: the
 * attestation's, with its status; no other request's. */
static void
test_check_answer (void)
{
  g_autoptr(AttestPartnerRequest) attestation = attest_mca_shapes_new_attestation (
    &turkish_details);
  g_autoptr(JsonNode) good = json_from_string ("{\"attestationId\":\"a\"}", NULL);
  g_autoptr(JsonNode) empty = json_from_string ("{\"message\":\"Accepted for later.\"}", NULL);
  const AttestPartnerContact contact = { "c", "Jane", "Doe", "jane@contoso.com", "" };
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 2, 3, 0, 0, 0);
  g_autoptr(AttestPartnerRequest) completion = attest_mca_shapes_new_completion (
    "c", "a", "t", date, &contact);
  g_autoptr(GError) error = NULL;

  g_assert_null (attest_mca_shapes_check_answer (attestation, 200, good));
  g_assert_null (attest_mca_shapes_check_answer (attestation, 201, good));
  g_assert_null (attest_mca_shapes_check_answer (completion, 201, empty));
  g_assert_null (attest_mca_shapes_check_answer (completion, 200, NULL));

  error = attest_mca_shapes_check_answer (attestation, 202, good);
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (attest_partner_error_get_http_status (error), ==, 202);
  g_assert_nonnull (strstr (error->message, "with HTTP 202, but Attest cannot read the answer: "
                                            "its status is neither 200 nor 201"));
  g_clear_error (&error);

  error = attest_mca_shapes_check_answer (attestation, 201, empty);
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INVALID_RESPONSE);
  g_assert_cmpuint (attest_partner_error_get_http_status (error), ==, 201);
  g_assert_cmpstr (attest_partner_error_get_service_message (error), ==, "Accepted for later.");
  g_assert_cmpstr (error->message, ==,
                   "Partner Center answered POST /v1/attestations/enhanced with HTTP 201, but "
                   "Attest cannot read the answer: it has no attestation ID (“attestationId” or "
                   "“id”). Partner Center said “Accepted for later.”. Nothing is taken from it.");
}

/* The error of a call whose credential the client lacks names the one. */
static void
test_no_credential_error (void)
{
  const struct
  {
    AttestPartnerCredential  missing;
    const char              *words;
  } cases[] = {
    { ATTEST_PARTNER_CREDENTIAL_USER, "needs the partner user’s sign-in (App+User)" },
    { ATTEST_PARTNER_CREDENTIAL_APP, "needs the partner’s AppOnly credential" },
    { ATTEST_PARTNER_CREDENTIAL_EITHER, "sign-in or the partner’s AppOnly credential" },
  };
  g_autoptr(GError) other = g_error_new_literal (ATTEST_PARTNER_ERROR,
                                                 ATTEST_PARTNER_ERROR_SERVER, "x");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = attest_partner_error_new_no_credential ("POST", "/v1/x",
                                                                        cases[i].missing);
      g_autoptr(GError) copy = g_error_copy (error);

      g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NO_CREDENTIAL);
      g_assert_true (g_str_has_prefix (error->message, "POST /v1/x "));
      g_assert_nonnull (strstr (error->message, cases[i].words));
      g_assert_cmpint (attest_partner_error_get_missing_credential (copy), ==, cases[i].missing);
      g_assert_false (attest_partner_error_is_retryable (error));
      g_assert_cmpuint (attest_partner_error_get_http_status (error), ==, 0);
    }
  g_assert_cmpint (attest_partner_error_get_missing_credential (other), ==,
                   ATTEST_PARTNER_CREDENTIAL_USER);
}

/* Against the sandbox */

typedef struct
{
  AttestSandbox       *sandbox;
  AttestTokenProvider *user_tokens;
  AttestTokenProvider *app_tokens;
  char                *user_bearer;
  char                *app_bearer;
  AttestPartnerClient *client;        /* with both credentials */
} Fixture;

/* A client of the sandbox with @user_tokens and @app_tokens (either may
 * be NULL), retrying quickly. */
static AttestPartnerClient *
new_client (Fixture             *fixture,
            AttestTokenProvider *user_tokens,
            AttestTokenProvider *app_tokens)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestRetryPolicy) policy = attest_retry_policy_new ();
  AttestPartnerClient *client;

  client = attest_partner_client_new (attest_sandbox_get_uri (fixture->sandbox), user_tokens,
                                      &error);
  g_assert_no_error (error);
  attest_partner_client_set_app_token_provider (client, app_tokens);
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
  g_autofree char *user_token = NULL;
  g_autofree char *app_token = NULL;

  fixture->sandbox = attest_sandbox_new (21);
  attest_sandbox_start (fixture->sandbox, 0, &error);
  g_assert_no_error (error);

  user_token = attest_sandbox_mint_access_token (fixture->sandbox, 3600);
  app_token = attest_sandbox_mint_app_token (fixture->sandbox, NULL);
  fixture->user_tokens = attest_static_token_provider_new (user_token);
  fixture->app_tokens = attest_static_token_provider_new (app_token);
  fixture->user_bearer = g_strconcat ("Bearer ", user_token, NULL);
  fixture->app_bearer = g_strconcat ("Bearer ", app_token, NULL);
  fixture->client = new_client (fixture, fixture->user_tokens, fixture->app_tokens);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->user_tokens);
  g_clear_object (&fixture->app_tokens);
  g_clear_pointer (&fixture->user_bearer, g_free);
  g_clear_pointer (&fixture->app_bearer, g_free);
  g_clear_object (&fixture->sandbox);
}

static const char *
header (const AttestSandboxRequest *request,
        const char                 *name)
{
  return soup_message_headers_get_one (request->headers, name);
}

static const AttestSandboxRequest *
only_request (Fixture    *fixture,
              const char *method,
              const char *path)
{
  g_autoptr(GPtrArray) requests = attest_sandbox_find_requests (fixture->sandbox, method, path);

  g_assert_cmpuint (requests->len, ==, 1);

  return g_ptr_array_index (requests, 0);
}

/* Every request the sandbox logged, borrowed, oldest first. */
static GPtrArray *
all_requests (Fixture *fixture)
{
  GPtrArray *requests = g_ptr_array_new ();

  for (guint i = 0; i < attest_sandbox_get_request_count (fixture->sandbox); i++)
    g_ptr_array_add (requests, (gpointer) attest_sandbox_get_request (fixture->sandbox, i));

  return requests;
}

static char *
get_template (AttestPartnerClient  *client,
              GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  attest_partner_client_get_template_id_async (client, NULL, attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);

  return attest_partner_client_get_template_id_finish (client, result, error);
}

/* Sends @request as the current flow does; sets @out_answer (may be NULL). */
static gboolean
send (AttestPartnerClient   *client,
      AttestPartnerRequest  *request,
      JsonNode             **out_answer,
      GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  attest_partner_client_send_async (client, request, G_PRIORITY_DEFAULT, NULL,
                                    attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);

  return attest_partner_client_send_finish_answer (client, result, out_answer, error);
}

/* A route that takes either credential goes out with the user's when the
 * client has both, and with the app's when it has only that one. */
static void
test_either_prefers_user (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(AttestPartnerClient) app_only = new_client (fixture, NULL, fixture->app_tokens);
  g_autoptr(GPtrArray) gets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  first = get_template (fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, attest_sandbox_get_template_id (fixture->sandbox));

  second = get_template (app_only, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, first);

  gets = attest_sandbox_find_requests (fixture->sandbox, "GET", "/v1/agreements");
  g_assert_cmpuint (gets->len, ==, 2);
  g_assert_cmpstr (header (g_ptr_array_index (gets, 0), "Authorization"), ==,
                   fixture->user_bearer);
  g_assert_cmpstr (header (g_ptr_array_index (gets, 1), "Authorization"), ==,
                   fixture->app_bearer);
  g_assert_cmpstr (fixture->user_bearer, !=, fixture->app_bearer);
  g_assert_true (attest_partner_client_get_app_token_provider (app_only) == fixture->app_tokens);
  g_assert_null (attest_partner_client_get_token_provider (app_only));
}

/* An attestation needs the app's credential: without it, nothing is sent
 * and the error says which credential is missing. */
static void
test_missing_app_credential (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(AttestPartnerClient) user_only = new_client (fixture, fixture->user_tokens, NULL);
  g_autoptr(AttestPartnerRequest) request = attest_mca_shapes_new_attestation (&turkish_details);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (send (user_only, request, &answer, &error));
  g_assert_null (answer);
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NO_CREDENTIAL);
  g_assert_cmpint (attest_partner_error_get_missing_credential (error), ==,
                   ATTEST_PARTNER_CREDENTIAL_APP);
  g_assert_nonnull (strstr (error->message, "POST /v1/attestations/enhanced needs the partner’s "
                                            "AppOnly credential"));
  g_assert_cmpstr (attest_partner_error_get_request_id (error), ==,
                   attest_partner_request_get_request_id (request));
  g_assert_false (attest_partner_error_is_retryable (error));
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 0);

  /* Once it has one, the same request goes out with it. */
  attest_partner_client_set_app_token_provider (user_only, fixture->app_tokens);
  g_clear_error (&error);
  send (user_only, request, NULL, &error);
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 1);
  g_assert_cmpstr (header (attest_sandbox_get_request (fixture->sandbox, 0), "Authorization"), ==,
                   fixture->app_bearer);
}

/* The reads of the user's routes need the user's credential; a client
 * with neither credential has nothing for any route. Nothing is sent. */
static void
test_missing_user_credential (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(AttestPartnerClient) app_only = new_client (fixture, NULL, fixture->app_tokens);
  g_autoptr(AttestPartnerClient) neither = new_client (fixture, NULL, NULL);
  const char *customer_id = attest_sandbox_get_customer (fixture->sandbox, 0)->customer_id;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) agreements = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *template_id = NULL;
  GAsyncResult *slot = NULL;
  gboolean is_signed = TRUE;

  attest_partner_client_get_agreements_async (app_only, customer_id, NULL,
                                              attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);
  agreements = attest_partner_client_get_agreements_finish (app_only, result, &error);
  g_assert_null (agreements);
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NO_CREDENTIAL);
  g_assert_cmpint (attest_partner_error_get_missing_credential (error), ==,
                   ATTEST_PARTNER_CREDENTIAL_USER);
  g_assert_nonnull (strstr (error->message, "GET /v1/customers/"));
  g_assert_nonnull (strstr (error->message, "/agreements needs the partner user’s sign-in"));
  g_clear_error (&error);
  g_clear_object (&result);

  attest_partner_client_get_direct_signed_async (app_only, customer_id, NULL,
                                                 attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);
  g_assert_false (attest_partner_client_get_direct_signed_finish (app_only, result, &is_signed,
                                                                  &error));
  g_assert_true (is_signed);
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NO_CREDENTIAL);
  g_assert_cmpint (attest_partner_error_get_missing_credential (error), ==,
                   ATTEST_PARTNER_CREDENTIAL_USER);
  g_clear_error (&error);
  g_clear_object (&result);

  /* The classic records list is the user's as well. */
  attest_partner_client_fetch_records_async (app_only, NULL, NULL, NULL,
                                             attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);
  records = attest_partner_client_fetch_records_finish (app_only, result, &error);
  g_assert_null (records);
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NO_CREDENTIAL);
  g_clear_error (&error);

  template_id = get_template (neither, &error);
  g_assert_null (template_id);
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NO_CREDENTIAL);
  g_assert_cmpint (attest_partner_error_get_missing_credential (error), ==,
                   ATTEST_PARTNER_CREDENTIAL_EITHER);

  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 0);
}

/* The documented reads */

typedef struct
{
  guint         calls;
  guint         last_total;
  guint         items;
  AttestSandbox *fault_after_first;   /* queues a 503 for the second page */
  GCancellable  *cancel_after_first;
} Progress;

static void
on_progress (GPtrArray *page,
             guint      page_number,
             guint      so_far,
             gpointer   user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (page_number, ==, progress->calls + 1);
  progress->calls++;
  progress->last_total = so_far;
  progress->items += page->len;
  if (progress->fault_after_first != NULL && page_number == 1)
    attest_sandbox_queue_fault (progress->fault_after_first, ATTEST_SANDBOX_FAULT_503, 0);
  if (progress->cancel_after_first != NULL)
    g_cancellable_cancel (progress->cancel_after_first);
}

static GPtrArray *
list_customers (AttestPartnerClient  *client,
                Progress             *progress,
                GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  attest_partner_client_list_customers_async (client, on_progress, progress,
                                              progress->cancel_after_first,
                                              attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);

  return attest_partner_client_list_customers_finish (client, result, error);
}

static void
assert_customers (Fixture   *fixture,
                  GPtrArray *customers)
{
  g_assert_cmpuint (customers->len, ==, attest_sandbox_get_customer_count (fixture->sandbox));
  for (guint i = 0; i < customers->len; i++)
    {
      const AttestSandboxCustomer *expected = attest_sandbox_get_customer (fixture->sandbox, i);
      AttestPartnerCustomer *customer = g_ptr_array_index (customers, i);

      g_assert_cmpstr (attest_partner_customer_get_tenant_id (customer), ==,
                       expected->customer_id);
      g_assert_cmpstr (attest_partner_customer_get_company_name (customer), ==,
                       expected->company_name);
      g_assert_cmpstr (attest_partner_customer_get_domain (customer), ==, expected->domain);
    }
}

/* Every customer, page after page through links.next with its
 * MS-ContinuationToken, one correlation ID for the list and a request ID
 * per page; with the user's token, or the app's when that is all there is. */
static void
test_list_customers (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AttestPartnerClient) app_only = new_client (fixture, NULL, fixture->app_tokens);
  g_autoptr(GHashTable) request_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) tokens = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) gets = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { 0 };
  Progress app_progress = { 0 };
  const char *correlation_id;

  attest_sandbox_set_customer_count (fixture->sandbox, 30);
  attest_sandbox_set_page_size (fixture->sandbox, 7);

  customers = list_customers (fixture->client, &progress, &error);
  g_assert_no_error (error);
  assert_customers (fixture, customers);
  g_assert_cmpuint (progress.calls, ==, 5);
  g_assert_cmpuint (progress.last_total, ==, 30);
  g_assert_cmpuint (progress.items, ==, 30);

  gets = attest_sandbox_find_requests (fixture->sandbox, "GET", "/v1/customers");
  g_assert_cmpuint (gets->len, ==, 5);
  correlation_id = header (g_ptr_array_index (gets, 0), "MS-CorrelationId");
  g_assert_true (g_uuid_string_is_valid (correlation_id));
  for (guint i = 0; i < gets->len; i++)
    {
      const AttestSandboxRequest *request = g_ptr_array_index (gets, i);
      const char *token = header (request, "MS-ContinuationToken");

      g_assert_cmpuint (request->status, ==, 200);
      g_assert_cmpstr (header (request, "Authorization"), ==, fixture->user_bearer);
      g_assert_cmpstr (header (request, "MS-CorrelationId"), ==, correlation_id);
      g_assert_true (g_hash_table_add (request_ids, (char *) header (request, "MS-RequestId")));
      if (i == 0)
        {
          g_assert_cmpstr (request->query, ==, "size=100");
          g_assert_null (token);
        }
      else
        {
          g_assert_nonnull (strstr (request->query, "seekOperation=Next"));
          g_assert_nonnull (token);
          g_assert_true (g_hash_table_add (tokens, (char *) token));
        }
    }

  again = list_customers (app_only, &app_progress, &error);
  g_assert_no_error (error);
  assert_customers (fixture, again);
  g_clear_pointer (&gets, g_ptr_array_unref);
  gets = attest_sandbox_find_requests (fixture->sandbox, "GET", "/v1/customers");
  g_assert_cmpuint (gets->len, ==, 10);
  for (guint i = 5; i < gets->len; i++)
    g_assert_cmpstr (header (g_ptr_array_index (gets, i), "Authorization"), ==,
                     fixture->app_bearer);
}

/* A page that fails is asked for again as it was: the same request ID and
 * the same continuation token. */
static void
test_list_customers_retried (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) gets = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { .fault_after_first = fixture->sandbox };
  const AttestSandboxRequest *failed;
  const AttestSandboxRequest *retried;

  attest_sandbox_set_customer_count (fixture->sandbox, 12);
  attest_sandbox_set_page_size (fixture->sandbox, 5);

  customers = list_customers (fixture->client, &progress, &error);
  g_assert_no_error (error);
  assert_customers (fixture, customers);

  gets = attest_sandbox_find_requests (fixture->sandbox, "GET", "/v1/customers");
  g_assert_cmpuint (gets->len, ==, 4);
  failed = g_ptr_array_index (gets, 1);
  retried = g_ptr_array_index (gets, 2);
  g_assert_cmpuint (failed->status, ==, 503);
  g_assert_cmpuint (retried->status, ==, 200);
  g_assert_cmpstr (header (failed, "MS-RequestId"), ==, header (retried, "MS-RequestId"));
  g_assert_cmpstr (header (failed, "MS-ContinuationToken"), ==,
                   header (retried, "MS-ContinuationToken"));
  g_assert_cmpstr (failed->query, ==, retried->query);
}

/* Cancelled after its first page, the list asks for no other. */
static void
test_list_customers_cancelled (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { .cancel_after_first = cancellable };

  attest_sandbox_set_customer_count (fixture->sandbox, 12);
  attest_sandbox_set_page_size (fixture->sandbox, 5);

  customers = list_customers (fixture->client, &progress, &error);
  g_assert_null (customers);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.calls, ==, 1);
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 1);
}

static GPtrArray *
get_agreements (AttestPartnerClient  *client,
                const char           *customer_id,
                GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  attest_partner_client_get_agreements_async (client, customer_id, NULL,
                                              attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);

  return attest_partner_client_get_agreements_finish (client, result, error);
}

static gboolean
get_direct_signed (AttestPartnerClient  *client,
                   const char           *customer_id,
                   gboolean             *is_signed,
                   GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  attest_partner_client_get_direct_signed_async (client, customer_id, NULL,
                                                 attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);

  return attest_partner_client_get_direct_signed_finish (client, result, is_signed, error);
}

/* The Microsoft Customer Agreements of each kind of customer the sandbox
 * seeds, read with the user's token and agreementType; none is 600009,
 * an empty list. */
static void
test_agreements (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GDateTime) cutoff = g_date_time_new_utc (2023, 4, 1, 0, 0, 0);
  g_autoptr(GPtrArray) gets = NULL;
  guint seen[ATTEST_SANDBOX_MCA_SEED_NONE + 1] = { 0 };
  guint exactly_cutoff = 0;
  guint n = 60;

  attest_sandbox_set_customer_count (fixture->sandbox, n);
  for (guint i = 0; i < n; i++)
    {
      const char *id = attest_sandbox_get_customer (fixture->sandbox, i)->customer_id;
      AttestSandboxMcaSeed seed = attest_sandbox_get_customer_mca_seed (fixture->sandbox, id);
      g_autoptr(GPtrArray) agreements = NULL;
      g_autoptr(GError) error = NULL;
      gboolean recent = FALSE;

      agreements = get_agreements (fixture->client, id, &error);
      g_assert_no_error (error);
      seen[seed]++;

      for (guint a = 0; a < agreements->len; a++)
        {
          AttestPartnerAgreement *agreement = g_ptr_array_index (agreements, a);
          GDateTime *date = attest_partner_agreement_get_date_agreed (agreement);

          g_assert_cmpstr (attest_partner_agreement_get_agreement_type (agreement), ==,
                           "MicrosoftCustomerAgreement");
          g_assert_cmpstr (attest_partner_agreement_get_template_id (agreement), ==,
                           attest_sandbox_get_template_id (fixture->sandbox));
          g_assert_nonnull (attest_partner_agreement_get_email (agreement));
          g_assert_nonnull (attest_partner_agreement_get_first_name (agreement));
          g_assert_nonnull (attest_partner_agreement_get_last_name (agreement));
          g_assert_cmpint (g_date_time_get_utc_offset (date), ==, 0);
          recent |= g_date_time_compare (date, cutoff) >= 0;
          exactly_cutoff += g_date_time_equal (date, cutoff);
        }

      if (seed == ATTEST_SANDBOX_MCA_SEED_NONE)
        g_assert_cmpuint (agreements->len, ==, 0);
      else if (seed == ATTEST_SANDBOX_MCA_SEED_ATTESTED)
        g_assert_true (recent);
      else if (seed == ATTEST_SANDBOX_MCA_SEED_OLDER_ONLY)
        g_assert_true (agreements->len > 0 && !recent);
    }

  /* The seed gives every kind, and the cutoff itself. */
  for (guint k = 0; k < G_N_ELEMENTS (seen); k++)
    g_assert_cmpuint (seen[k], >, 0);
  g_assert_cmpuint (exactly_cutoff, >, 0);

  gets = all_requests (fixture);
  g_assert_cmpuint (gets->len, ==, n);
  for (guint i = 0; i < gets->len; i++)
    {
      const AttestSandboxRequest *request = g_ptr_array_index (gets, i);

      g_assert_true (g_str_has_suffix (request->path, "/agreements"));
      g_assert_cmpstr (request->query, ==, "agreementType=MicrosoftCustomerAgreement");
      g_assert_cmpstr (header (request, "Authorization"), ==, fixture->user_bearer);
    }
}

/* An unknown customer is not “no agreements”; a read that fails for a
 * while is retried under the same request ID. */
static void
test_agreements_errors (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *id = NULL;
  g_autoptr(GPtrArray) agreements = NULL;
  g_autoptr(GPtrArray) gets = NULL;
  g_autoptr(GError) error = NULL;
  gboolean is_signed = TRUE;

  /* A customer with an agreement to read. */
  for (guint i = 0; id == NULL; i++)
    {
      const char *candidate = attest_sandbox_get_customer (fixture->sandbox, i)->customer_id;

      if (attest_sandbox_get_customer_mca_seed (fixture->sandbox, candidate)
          == ATTEST_SANDBOX_MCA_SEED_ATTESTED)
        id = candidate;
    }

  agreements = get_agreements (fixture->client, "5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f", &error);
  g_assert_null (agreements);
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NOT_FOUND);
  g_assert_cmpstr (attest_partner_error_get_service_code (error), ==, "600008");
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 1);
  g_clear_error (&error);
  attest_sandbox_clear_requests (fixture->sandbox);

  attest_sandbox_queue_fault (fixture->sandbox, ATTEST_SANDBOX_FAULT_429_SECONDS, 0);
  attest_sandbox_queue_fault (fixture->sandbox, ATTEST_SANDBOX_FAULT_DROP, 0);
  agreements = get_agreements (fixture->client, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (agreements->len, >, 0);

  attest_sandbox_queue_fault (fixture->sandbox, ATTEST_SANDBOX_FAULT_500, 0);
  g_assert_true (get_direct_signed (fixture->client, id, &is_signed, &error));
  g_assert_no_error (error);

  gets = all_requests (fixture);
  g_assert_cmpuint (gets->len, ==, 5);
  g_assert_cmpuint (((AttestSandboxRequest *) g_ptr_array_index (gets, 0))->status, ==, 429);
  for (guint i = 1; i < 3; i++)
    g_assert_cmpstr (header (g_ptr_array_index (gets, i), "MS-RequestId"), ==,
                     header (g_ptr_array_index (gets, 0), "MS-RequestId"));
  g_assert_cmpuint (((AttestSandboxRequest *) g_ptr_array_index (gets, 2))->status, ==, 200);
  g_assert_cmpuint (((AttestSandboxRequest *) g_ptr_array_index (gets, 3))->status, ==, 500);
  g_assert_cmpstr (header (g_ptr_array_index (gets, 3), "MS-RequestId"), ==,
                   header (g_ptr_array_index (gets, 4), "MS-RequestId"));
  g_assert_cmpstr (header (g_ptr_array_index (gets, 3), "MS-RequestId"), !=,
                   header (g_ptr_array_index (gets, 0), "MS-RequestId"));
}

/* isSigned as the customer left it in the admin center. */
static void
test_direct_signed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) gets = NULL;
  guint signed_count = 0;
  guint n = 40;

  attest_sandbox_set_customer_count (fixture->sandbox, n);
  for (guint i = 0; i < n; i++)
    {
      const char *id = attest_sandbox_get_customer (fixture->sandbox, i)->customer_id;
      gboolean expected = attest_sandbox_get_customer_mca_seed (fixture->sandbox, id)
                          == ATTEST_SANDBOX_MCA_SEED_ACCEPTED_DIRECTLY;
      g_autoptr(GError) error = NULL;
      gboolean is_signed = !expected;

      g_assert_true (get_direct_signed (fixture->client, id, &is_signed, &error));
      g_assert_no_error (error);
      g_assert_cmpint (is_signed, ==, expected);
      signed_count += is_signed;

      /* The customer accepts (or the acceptance is taken back). */
      g_assert_true (attest_sandbox_set_direct_signed (fixture->sandbox, id, !expected));
      g_assert_true (get_direct_signed (fixture->client, id, &is_signed, &error));
      g_assert_cmpint (is_signed, ==, !expected);
    }
  g_assert_cmpuint (signed_count, >, 0);
  g_assert_cmpuint (signed_count, <, n);

  gets = all_requests (fixture);
  g_assert_cmpuint (gets->len, ==, 2 * n);
  for (guint i = 0; i < gets->len; i++)
    {
      const AttestSandboxRequest *request = g_ptr_array_index (gets, i);

      g_assert_true (g_str_has_suffix (request->path,
                                       "/directSignedMicrosoftCustomerAgreementStatus"));
      g_assert_cmpstr (header (request, "Authorization"), ==, fixture->user_bearer);
    }
}

static const char *
member_text (JsonObject *object,
             const char *name)
{
  const char *text = object != NULL && json_object_has_member (object, name)
                     ? json_object_get_string_member (object, name) : NULL;

  /* Absent, null and empty are all missing. */
  return text != NULL && text[0] != '\0' ? text : NULL;
}

/* The billing profile as the service gives it, values missing where it
 * has none; with the app's token when that is all the client has. */
static void
test_billing_profile (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AttestPartnerClient) app_only = new_client (fixture, NULL, fixture->app_tokens);
  const char *auth[] = { "Authorization", fixture->app_bearer, NULL };
  guint missing_culture = 0, missing_country = 0, missing_email = 0, missing_name = 0;
  guint n = 60;

  attest_sandbox_set_customer_count (fixture->sandbox, n);
  for (guint i = 0; i < n; i++)
    {
      const char *id = attest_sandbox_get_customer (fixture->sandbox, i)->customer_id;
      g_autofree char *uri = g_strdup_printf ("%s/v1/customers/%s/profiles/billing",
                                              attest_sandbox_get_uri (fixture->sandbox), id);
      g_autoptr(AttestTestResponse) raw = NULL;
      g_autoptr(AttestBillingProfile) profile = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      GAsyncResult *slot = NULL;
      JsonObject *object, *address;

      attest_partner_client_get_billing_profile_async (app_only, id, NULL,
                                                       attest_test_store_result, &slot);
      result = attest_test_wait_result (&slot);
      profile = attest_partner_client_get_billing_profile_finish (app_only, result, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (header (attest_sandbox_get_request (fixture->sandbox,
                                                           attest_sandbox_get_request_count (
                                                             fixture->sandbox) - 1),
                               "Authorization"), ==, fixture->app_bearer);

      raw = attest_test_http ("GET", uri, NULL, NULL, auth);
      g_assert_cmpuint (raw->status, ==, 200);
      object = json_node_get_object (raw->json);
      address = json_object_get_object_member (object, "defaultAddress");

      g_assert_cmpstr (attest_billing_profile_get_first_name (profile), ==,
                       member_text (object, "firstName"));
      g_assert_cmpstr (attest_billing_profile_get_last_name (profile), ==,
                       member_text (object, "lastName"));
      g_assert_cmpstr (attest_billing_profile_get_email (profile), ==,
                       member_text (object, "email"));
      g_assert_cmpstr (attest_billing_profile_get_culture (profile), ==,
                       member_text (object, "culture"));
      g_assert_cmpstr (attest_billing_profile_get_language (profile), ==,
                       member_text (object, "language"));
      g_assert_cmpstr (attest_billing_profile_get_company_name (profile), ==,
                       member_text (object, "companyName"));
      g_assert_cmpstr (attest_billing_profile_get_country (profile), ==,
                       member_text (address, "country"));
      g_assert_cmpstr (attest_billing_profile_get_phone_number (profile), ==,
                       member_text (address, "phoneNumber"));

      missing_culture += attest_billing_profile_get_culture (profile) == NULL;
      missing_country += attest_billing_profile_get_country (profile) == NULL;
      missing_email += attest_billing_profile_get_email (profile) == NULL;
      missing_name += attest_billing_profile_get_first_name (profile) == NULL;
    }

  /* The seed leaves values out, and the client takes them as missing. */
  g_assert_cmpuint (missing_culture, >, 0);
  g_assert_cmpuint (missing_country, >, 0);
  g_assert_cmpuint (missing_email, >, 0);
  g_assert_cmpuint (missing_name, >, 0);
}

/* Where the classic records list is not served, its fetch says so as
 * NOT_FOUND, which callers take as the cue to list /v1/customers. */
static void
test_records_list_not_served (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  attest_sandbox_set_records_list_served (fixture->sandbox, FALSE);
  attest_partner_client_fetch_records_async (fixture->client, NULL, NULL, NULL,
                                             attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);
  records = attest_partner_client_fetch_records_finish (fixture->client, result, &error);
  g_assert_null (records);
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NOT_FOUND);
  g_assert_cmpuint (attest_partner_error_get_http_status (error), ==, 404);
  /* Not retried. */
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 1);
}

/* The enhanced attestation and its completion */

/* An attestation goes out with the app's token, even where the user's is
 * there too, and its answer gives the ID and the link. */
static void
test_attestation_created (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(AttestPartnerRequest) request = attest_mca_shapes_new_attestation (&turkish_details);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *link = NULL;
  g_autofree char *expected_link = NULL;
  const AttestSandboxRequest *post;

  g_assert_true (send (fixture->client, request, &answer, &error));
  g_assert_no_error (error);
  g_assert_true (attest_mca_shapes_read_attestation (answer, &id, &link, &error));
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (id));
  expected_link = g_strconcat (attest_sandbox_get_uri (fixture->sandbox), "/mca/?attestationid=",
                               id, NULL);
  g_assert_cmpstr (link, ==, expected_link);
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, 1);

  post = only_request (fixture, "POST", "/v1/attestations/enhanced");
  g_assert_cmpuint (post->status, ==, 201);
  g_assert_cmpstr (header (post, "Authorization"), ==, fixture->app_bearer);
  g_assert_cmpstr (header (post, "MS-RequestId"), ==,
                   attest_partner_request_get_request_id (request));
  g_assert_cmpstr (header (post, "MS-CorrelationId"), ==,
                   attest_partner_request_get_correlation_id (request));
  g_assert_true (g_bytes_equal (post->body, attest_partner_request_get_body (request)));
}

/* A value the service refuses: its status, code and words, and no
 * attestation. */
static void
test_attestation_refused (Fixture       *fixture,
                          gconstpointer  data)
{
  AttestAttestationDetails details = turkish_details;
  g_autoptr(AttestPartnerRequest) request = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;

  details.country = "tr";
  request = attest_mca_shapes_new_attestation (&details);
  g_assert_false (send (fixture->client, request, &answer, &error));
  g_assert_null (answer);
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_BAD_REQUEST);
  g_assert_cmpuint (attest_partner_error_get_http_status (error), ==, 400);
  g_assert_nonnull (attest_partner_error_get_service_code (error));
  g_assert_nonnull (strstr (attest_partner_error_get_service_message (error), "country"));
  g_assert_nonnull (strstr (error->message, "refused POST /v1/attestations/enhanced (HTTP 400)"));
  g_assert_nonnull (strstr (error->message, attest_partner_error_get_service_message (error)));
  g_assert_false (attest_partner_error_is_retryable (error));
  g_assert_cmpstr (attest_partner_error_get_request_id (error), ==,
                   attest_partner_request_get_request_id (request));
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, 0);
}

/* An attestation whose answer was lost is sent again as it was, byte for
 * byte under the same MS-RequestId, and gets its first answer: one
 * attestation, not two. */
static void
test_attestation_lost_answer (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(AttestPartnerRequest) request = attest_mca_shapes_new_attestation (&turkish_details);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *link = NULL;
  const AttestSandboxRequest *first;
  const AttestSandboxRequest *second;

  attest_sandbox_queue_fault (fixture->sandbox, ATTEST_SANDBOX_FAULT_DROP_AFTER_ANSWER, 0);
  g_assert_false (send (fixture->client, request, &answer, &error));
  g_assert_null (answer);
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NETWORK);
  g_assert_true (attest_partner_error_is_retryable (error));
  g_clear_error (&error);
  /* It did happen... */
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, 1);

  /* ...and the same request again gets the same attestation. */
  g_assert_true (send (fixture->client, request, &answer, &error));
  g_assert_no_error (error);
  g_assert_true (attest_mca_shapes_read_attestation (answer, &id, &link, &error));
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, 1);

  posts = attest_sandbox_find_requests (fixture->sandbox, "POST", "/v1/attestations/enhanced");
  g_assert_cmpuint (posts->len, ==, 2);
  first = g_ptr_array_index (posts, 0);
  second = g_ptr_array_index (posts, 1);
  g_assert_cmpstr (header (first, "MS-RequestId"), ==, header (second, "MS-RequestId"));
  g_assert_cmpstr (header (first, "MS-RequestId"), ==,
                   attest_partner_request_get_request_id (request));
  g_assert_true (g_bytes_equal (first->body, second->body));
  g_assert_true (g_bytes_equal (first->body, attest_partner_request_get_body (request)));
  g_assert_cmpuint (second->status, ==, 201);
}

/* Creates an attestation for the signatory of customer @index; returns its
 * ID. */
static char *
create_attestation (Fixture *fixture,
                    guint    index)
{
  const AttestSandboxCustomer *customer = attest_sandbox_get_customer (fixture->sandbox, index);
  AttestAttestationDetails details = {
    "FR", "fr-FR", customer->company_name, customer->first_name, customer->last_name,
    customer->email, customer->phone_number,
  };
  g_autoptr(AttestPartnerRequest) request = attest_mca_shapes_new_attestation (&details);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;
  char *id = NULL;

  g_assert_true (send (fixture->client, request, &answer, &error));
  g_assert_no_error (error);
  g_assert_true (attest_mca_shapes_read_attestation (answer, &id, &link, &error));
  g_assert_no_error (error);

  return id;
}

/* Sends a new completion of @attestation_id for customer @index, dated
 * @date; sets @out_request (may be NULL) to the request. */
static gboolean
complete (Fixture               *fixture,
          guint                  index,
          const char            *attestation_id,
          GDateTime             *date,
          AttestPartnerRequest **out_request,
          GError               **error)
{
  const AttestSandboxCustomer *customer = attest_sandbox_get_customer (fixture->sandbox, index);
  const AttestPartnerContact contact = {
    customer->customer_id, customer->first_name, customer->last_name, customer->email,
    customer->phone_number,
  };
  g_autoptr(AttestPartnerRequest) request = NULL;
  gboolean done;

  request = attest_mca_shapes_new_completion (customer->customer_id, attestation_id,
                                              attest_sandbox_get_template_id (fixture->sandbox),
                                              date, &contact);
  done = send (fixture->client, request, NULL, error);
  if (out_request != NULL)
    *out_request = g_steal_pointer (&request);

  return done;
}

/* The index of a customer that has no MCA, and so needs acceptance. */
static guint
customer_without_mca (Fixture *fixture)
{
  for (guint i = 0; i < attest_sandbox_get_customer_count (fixture->sandbox); i++)
    {
      const char *id = attest_sandbox_get_customer (fixture->sandbox, i)->customer_id;

      if (attest_sandbox_get_customer_mca_seed (fixture->sandbox, id)
          == ATTEST_SANDBOX_MCA_SEED_NONE)
        return i;
    }

  g_assert_not_reached ();
}

/* Not accepted yet: refused with the server's words, and the customer
 * still has no agreement. Accepted: the agreement is created with the
 * app's token and the agreements read shows it, dated as sent. Again:
 * 600061, done already. */
static void
test_completion (Fixture       *fixture,
                 gconstpointer  data)
{
  guint index = customer_without_mca (fixture);
  const char *customer_id = attest_sandbox_get_customer (fixture->sandbox, index)->customer_id;
  g_autofree char *attestation_id = create_attestation (fixture, index);
  /* The day the attestation was made, as the acceptance date. */
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) date = g_date_time_new_utc (g_date_time_get_year (now),
                                                   g_date_time_get_month (now),
                                                   g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autofree char *path = g_strdup_printf ("/v1/customers/%s/agreements", customer_id);
  g_autoptr(AttestPartnerRequest) first = NULL;
  g_autoptr(AttestPartnerRequest) second = NULL;
  g_autoptr(GPtrArray) agreements = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  AttestPartnerAgreement *agreement;

  g_assert_false (complete (fixture, index, attestation_id, date, &first, &error));
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_BAD_REQUEST);
  g_assert_cmpuint (attest_partner_error_get_http_status (error), ==, 400);
  g_assert_nonnull (attest_partner_error_get_service_code (error));
  g_assert_nonnull (strstr (attest_partner_error_get_service_message (error),
                            "has not accepted"));
  g_assert_nonnull (strstr (error->message, "has not accepted"));
  g_clear_error (&error);
  agreements = get_agreements (fixture->client, customer_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (agreements->len, ==, 0);
  g_clear_pointer (&agreements, g_ptr_array_unref);

  /* The customer's signatory accepts on the page of the link. */
  g_assert_true (attest_sandbox_accept_attestation (fixture->sandbox, attestation_id));
  g_assert_true (complete (fixture, index, attestation_id, date, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (attest_partner_request_get_request_id (first), !=,
                   attest_partner_request_get_request_id (second));

  agreements = get_agreements (fixture->client, customer_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (agreements->len, ==, 1);
  agreement = g_ptr_array_index (agreements, 0);
  g_assert_true (g_date_time_equal (attest_partner_agreement_get_date_agreed (agreement), date));
  g_assert_cmpstr (attest_partner_agreement_get_agreement_type (agreement), ==,
                   "MicrosoftCustomerAgreement");

  posts = attest_sandbox_find_requests (fixture->sandbox, "POST", path);
  g_assert_cmpuint (posts->len, ==, 2);
  g_assert_cmpuint (((AttestSandboxRequest *) g_ptr_array_index (posts, 1))->status, ==, 201);
  for (guint i = 0; i < posts->len; i++)
    g_assert_cmpstr (header (g_ptr_array_index (posts, i), "Authorization"), ==,
                     fixture->app_bearer);

  /* Done already. */
  g_assert_false (complete (fixture, index, attestation_id, date, NULL, &error));
  g_assert_cmpstr (attest_partner_error_get_service_code (error), ==,
                   ATTEST_PARTNER_SERVICE_CODE_ALREADY_ATTESTED);
}

/* An expired attestation and an unknown one are refused, each with the
 * server's words. */
static void
test_completion_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  guint index = customer_without_mca (fixture);
  g_autofree char *attestation_id = create_attestation (fixture, index);
  g_autoptr(GDateTime) date = g_date_time_new_now_utc ();
  g_autofree char *unknown = g_uuid_string_random ();
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_sandbox_expire_attestation (fixture->sandbox, attestation_id));
  g_assert_false (complete (fixture, index, attestation_id, date, NULL, &error));
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (attest_partner_error_get_service_message (error), "expired"));
  g_clear_error (&error);

  g_assert_false (complete (fixture, index, unknown, date, NULL, &error));
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NOT_FOUND);
  g_assert_cmpuint (attest_partner_error_get_http_status (error), ==, 404);
  g_assert_nonnull (attest_partner_error_get_service_message (error));
}

/* A token refused with 401 is renewed by the provider of the call's
 * credential: the app's for an attestation, even with the user's at hand. */
static void
test_refresh_asks_own_provider (Fixture       *fixture,
                                gconstpointer  data)
{
  /* Signed with another sandbox's key: this one refuses it. */
  g_autoptr(AttestSandbox) other = attest_sandbox_new (21);
  g_autofree char *foreign = attest_sandbox_mint_app_token (other, NULL);
  g_autoptr(AttestTokenProvider) refused = attest_static_token_provider_new (foreign);
  g_autoptr(AttestPartnerClient) client = new_client (fixture, fixture->user_tokens, refused);
  g_autoptr(AttestPartnerRequest) request = attest_mca_shapes_new_attestation (&turkish_details);
  g_autoptr(GError) error = NULL;

  g_assert_false (send (client, request, NULL, &error));
  /* The app's provider could not renew it; the user's was not asked. */
  g_assert_error (error, ATTEST_TOKEN_PROVIDER_ERROR, ATTEST_TOKEN_PROVIDER_ERROR_EXPIRED);
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 1);
  g_assert_cmpuint (attest_sandbox_get_request (fixture->sandbox, 0)->status, ==, 401);
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/partner-mca/shapes/attestation-body", test_attestation_body);
  g_test_add_func ("/partner-mca/shapes/attestation-body-without-phone",
                   test_attestation_body_without_phone);
  g_test_add_func ("/partner-mca/shapes/completion-body", test_completion_body);
  g_test_add_func ("/partner-mca/shapes/answer-names", test_answer_names);
  g_test_add_func ("/partner-mca/shapes/bad-answers", test_bad_answers);
  g_test_add_func ("/partner-mca/shapes/check-answer", test_check_answer);
  g_test_add_func ("/partner-mca/no-credential-error", test_no_credential_error);

#define ADD(path, func) \
  g_test_add ("/partner-mca/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("credentials/either-prefers-user", test_either_prefers_user);
  ADD ("credentials/missing-app", test_missing_app_credential);
  ADD ("credentials/missing-user", test_missing_user_credential);
  ADD ("reads/list-customers", test_list_customers);
  ADD ("reads/list-customers-retried", test_list_customers_retried);
  ADD ("reads/list-customers-cancelled", test_list_customers_cancelled);
  ADD ("reads/agreements", test_agreements);
  ADD ("reads/agreements-errors", test_agreements_errors);
  ADD ("reads/direct-signed", test_direct_signed);
  ADD ("reads/billing-profile", test_billing_profile);
  ADD ("reads/records-list-not-served", test_records_list_not_served);
  ADD ("attestation/created", test_attestation_created);
  ADD ("attestation/refused", test_attestation_refused);
  ADD ("attestation/lost-answer", test_attestation_lost_answer);
  ADD ("attestation/refresh-asks-own-provider", test_refresh_asks_own_provider);
  ADD ("completion/done", test_completion);
  ADD ("completion/refused", test_completion_refused);

#undef ADD

  return g_test_run ();
}
