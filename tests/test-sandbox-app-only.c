/* test-sandbox-app-only.c: the sandbox's web app, its client credentials
 * grant and what Partner Center does with its tokens (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-base64url.h"
#include "attest-sandbox.h"
#include "attest-test-http.h"
#include "attest-test-init.h"
#include "attest-token-claims.h"

#define SCOPE        "https://api.partnercenter.microsoft.com/.default"
#define OTHER_TENANT "5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f"

typedef struct
{
  AttestSandbox *sandbox;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = attest_sandbox_new (13);
  attest_sandbox_start (fixture->sandbox, 0, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->sandbox);
}

/* A client credentials grant at the token endpoint of @tenant. */
static AttestTestResponse *
grant (Fixture    *fixture,
       const char *tenant,
       const char *client_id,
       const char *secret,
       const char *scope)
{
  g_autofree char *uri = g_strdup_printf ("%s/%s/oauth2/v2.0/token",
                                          attest_sandbox_get_uri (fixture->sandbox), tenant);

  if (secret == NULL)
    return attest_test_http_form (uri, "grant_type", "client_credentials",
                                  "client_id", client_id, "scope", scope, NULL);
  if (scope == NULL)
    return attest_test_http_form (uri, "grant_type", "client_credentials",
                                  "client_id", client_id, "client_secret", secret, NULL);

  return attest_test_http_form (uri, "grant_type", "client_credentials",
                                "client_id", client_id, "client_secret", secret,
                                "scope", scope, NULL);
}

static AttestTestResponse *
grant_partner (Fixture    *fixture,
               const char *tenant)
{
  return grant (fixture, tenant, attest_sandbox_get_app_client_id (fixture->sandbox),
                attest_sandbox_get_app_client_secret (fixture->sandbox), SCOPE);
}

/* Entra's error: the status, the error word and the AADSTS code that
 * starts the description and is the only one in error_codes. */
static void
assert_entra_error (AttestTestResponse *response,
                    guint               status,
                    const char         *error,
                    gint64              aadsts)
{
  JsonObject *object;
  JsonArray *codes;
  g_autofree char *prefix = g_strdup_printf ("AADSTS%" G_GINT64_FORMAT ": ", aadsts);

  g_assert_cmpuint (response->status, ==, status);
  g_assert_cmpstr (attest_test_response_get_string (response, "error"), ==, error);
  object = json_node_get_object (response->json);
  codes = json_object_get_array_member (object, "error_codes");
  g_assert_cmpuint (json_array_get_length (codes), ==, 1);
  g_assert_cmpint (json_array_get_int_element (codes, 0), ==, aadsts);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "error_description"),
                                   prefix));
  g_assert_false (json_object_has_member (object, "access_token"));
}

/* The payload of a JWT, unverified. */
static JsonObject *
payload_of (const char *token)
{
  g_auto(GStrv) parts = g_strsplit (token, ".", -1);
  g_autofree guint8 *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  gsize length = 0;

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  text = attest_base64url_decode (parts[1], &length);
  g_assert_nonnull (text);
  node = json_from_string ((const char *) text, NULL);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return json_object_ref (json_node_get_object (node));
}

static AttestTestResponse *
call (Fixture    *fixture,
      const char *path,
      const char *token)
{
  g_autofree char *uri = g_strconcat (attest_sandbox_get_uri (fixture->sandbox), path, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  const char *headers[] = { "Authorization", authorization, NULL };

  return attest_test_http ("GET", uri, NULL, NULL, headers);
}

static void
test_grant (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(AttestTestResponse) response =
    grant_partner (fixture, attest_sandbox_get_tenant_id (fixture->sandbox));
  const char *token = attest_test_response_get_string (response, "access_token");
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(AttestTokenClaims) parsed = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (attest_test_response_get_string (response, "token_type"), ==, "Bearer");
  g_assert_cmpint (attest_test_response_get_int (response, "expires_in"), ==,
                   ATTEST_SANDBOX_DEFAULT_TOKEN_LIFETIME);
  g_assert_false (json_object_has_member (json_node_get_object (response->json),
                                          "refresh_token"));
  g_assert_false (json_object_has_member (json_node_get_object (response->json), "id_token"));

  /* An application's own token: no user, no amr. */
  claims = payload_of (token);
  g_assert_cmpstr (json_object_get_string_member (claims, "tid"), ==,
                   attest_sandbox_get_tenant_id (fixture->sandbox));
  g_assert_cmpstr (json_object_get_string_member (claims, "appid"), ==,
                   attest_sandbox_get_app_client_id (fixture->sandbox));
  g_assert_cmpstr (json_object_get_string_member (claims, "idtyp"), ==, "app");
  g_assert_cmpstr (json_object_get_string_member (claims, "aud"), ==,
                   "https://api.partnercenter.microsoft.com");
  g_assert_false (json_object_has_member (claims, "amr"));
  g_assert_false (json_object_has_member (claims, "upn"));
  g_assert_false (json_object_has_member (claims, "unique_name"));
  g_assert_false (json_object_has_member (claims, "scp"));
  g_assert_cmpstr (json_object_get_string_member (claims, "oid"), !=,
                   attest_sandbox_get_user_object_id (fixture->sandbox));

  parsed = attest_token_claims_parse (token, NULL);
  g_assert_nonnull (parsed);
  g_assert_null (parsed->user);
  g_assert_false (parsed->mfa);
  g_assert_cmpint (parsed->expires_at, >=, now + ATTEST_SANDBOX_DEFAULT_TOKEN_LIFETIME - 10);

  /* The secret never reaches the request log's path or query. */
  for (guint i = 0; i < attest_sandbox_get_request_count (fixture->sandbox); i++)
    {
      const AttestSandboxRequest *request = attest_sandbox_get_request (fixture->sandbox, i);

      g_assert_null (request->query);
      g_assert_null (strstr (request->path,
                             attest_sandbox_get_app_client_secret (fixture->sandbox)));
    }
}

static void
test_tenant_by_domain (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(AttestTestResponse) response = grant_partner (fixture,
                                                          "attestsandbox.onmicrosoft.com");
  g_autoptr(JsonObject) claims = NULL;

  g_assert_cmpuint (response->status, ==, 200);
  claims = payload_of (attest_test_response_get_string (response, "access_token"));
  g_assert_cmpstr (json_object_get_string_member (claims, "tid"), ==,
                   attest_sandbox_get_tenant_id (fixture->sandbox));
}

/* Another tenant's GUID gets a token of that tenant, which Partner Center
 * refuses for this partner. */
static void
test_foreign_tenant (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AttestTestResponse) response = grant_partner (fixture, OTHER_TENANT);
  g_autoptr(AttestTestResponse) refused = NULL;
  g_autoptr(JsonObject) claims = NULL;
  const char *token = attest_test_response_get_string (response, "access_token");

  g_assert_cmpuint (response->status, ==, 200);
  claims = payload_of (token);
  g_assert_cmpstr (json_object_get_string_member (claims, "tid"), ==, OTHER_TENANT);

  refused = call (fixture, "/v1/agreements?agreementType=MicrosoftCustomerAgreement", token);
  g_assert_cmpuint (refused->status, ==, 401);
  g_assert_nonnull (soup_message_headers_get_one (refused->headers, "WWW-Authenticate"));
}

static void
test_tenant_must_be_named (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(AttestTestResponse) common = grant_partner (fixture, "common");
  g_autoptr(AttestTestResponse) organizations = grant_partner (fixture, "organizations");
  g_autoptr(AttestTestResponse) unknown = grant_partner (fixture, "fabrikam.onmicrosoft.com");

  assert_entra_error (common, 400, "invalid_request", 50059);
  assert_entra_error (organizations, 400, "invalid_request", 50059);
  assert_entra_error (unknown, 400, "invalid_request", 90002);
  g_assert_nonnull (strstr (attest_test_response_get_string (unknown, "error_description"),
                            "fabrikam.onmicrosoft.com"));
}

static void
test_wrong_secret (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *tenant = attest_sandbox_get_tenant_id (fixture->sandbox);
  const char *client_id = attest_sandbox_get_app_client_id (fixture->sandbox);
  g_autofree char *wrong = g_strconcat (attest_sandbox_get_app_client_secret (fixture->sandbox),
                                        "x", NULL);
  g_autoptr(AttestTestResponse) response = grant (fixture, tenant, client_id, wrong, SCOPE);
  g_autoptr(AttestTestResponse) missing = grant (fixture, tenant, client_id, NULL, SCOPE);
  g_autoptr(AttestTestResponse) unknown_client =
    grant (fixture, tenant, attest_sandbox_get_app_id (fixture->sandbox),
           attest_sandbox_get_app_client_secret (fixture->sandbox), SCOPE);

  assert_entra_error (response, 401, "invalid_client", 7000215);
  assert_entra_error (missing, 401, "invalid_client", 7000216);
  assert_entra_error (unknown_client, 400, "unauthorized_client", 700016);
}

static void
test_expired_secret (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *tenant = attest_sandbox_get_tenant_id (fixture->sandbox);
  g_autoptr(AttestTestResponse) before = grant_partner (fixture, tenant);
  g_autoptr(AttestTestResponse) after = NULL;
  g_autoptr(AttestTestResponse) wrong = NULL;

  g_assert_cmpuint (before->status, ==, 200);

  attest_sandbox_expire_app_secret (fixture->sandbox);
  after = grant_partner (fixture, tenant);
  assert_entra_error (after, 401, "invalid_client", 7000222);
  g_assert_nonnull (strstr (attest_test_response_get_string (after, "error_description"),
                            attest_sandbox_get_app_client_id (fixture->sandbox)));

  /* A wrong secret is still wrong, not expired. */
  wrong = grant (fixture, tenant, attest_sandbox_get_app_client_id (fixture->sandbox), "nope",
                 SCOPE);
  assert_entra_error (wrong, 401, "invalid_client", 7000215);
}

static void
test_scope (Fixture       *fixture,
            gconstpointer  data)
{
  const char *tenant = attest_sandbox_get_tenant_id (fixture->sandbox);
  const char *client_id = attest_sandbox_get_app_client_id (fixture->sandbox);
  const char *secret = attest_sandbox_get_app_client_secret (fixture->sandbox);
  g_autoptr(AttestTestResponse) user_scope =
    grant (fixture, tenant, client_id, secret,
           "https://api.partnercenter.microsoft.com/user_impersonation");
  g_autoptr(AttestTestResponse) missing = grant (fixture, tenant, client_id, secret, NULL);

  assert_entra_error (user_scope, 400, "invalid_scope", 1002012);
  assert_entra_error (missing, 400, "invalid_request", 900144);
}

/* Partner Center takes the app's token on routes that take either kind,
 * and refuses it where only a user's will do, saying which. */
static void
test_partner_center_routes (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *token = attest_sandbox_mint_app_token (fixture->sandbox, NULL);
  g_autoptr(AttestTestResponse) templates =
    call (fixture, "/v1/agreements?agreementType=MicrosoftCustomerAgreement", token);
  g_autoptr(AttestTestResponse) records = call (fixture, "/v1/partners/customeragreementrecords",
                                                token);

  g_assert_cmpuint (templates->status, ==, 200);
  g_assert_cmpuint (records->status, ==, 403);
  g_assert_nonnull (strstr (attest_test_response_get_string (records, "description"),
                            "App+User"));

  /* No amr, no role: neither the MFA rule nor the role applies. */
  attest_sandbox_set_user_has_role (fixture->sandbox, FALSE);
  attest_sandbox_set_user_mfa (fixture->sandbox, FALSE);
  {
    g_autofree char *later = attest_sandbox_mint_app_token (fixture->sandbox, NULL);
    g_autoptr(AttestTestResponse) again =
      call (fixture, "/v1/agreements?agreementType=MicrosoftCustomerAgreement", later);

    g_assert_cmpuint (again->status, ==, 200);
  }
}

static void
test_mint_app_token (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *partner = NULL;
  g_autofree char *other = NULL;
  g_autoptr(JsonObject) partner_claims = NULL;
  g_autoptr(JsonObject) other_claims = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  attest_sandbox_set_token_lifetime (fixture->sandbox, 90);
  partner = attest_sandbox_mint_app_token (fixture->sandbox, NULL);
  other = attest_sandbox_mint_app_token (fixture->sandbox, OTHER_TENANT);
  partner_claims = payload_of (partner);
  other_claims = payload_of (other);

  g_assert_cmpstr (json_object_get_string_member (partner_claims, "tid"), ==,
                   attest_sandbox_get_tenant_id (fixture->sandbox));
  g_assert_cmpstr (json_object_get_string_member (other_claims, "tid"), ==, OTHER_TENANT);
  g_assert_cmpstr (json_object_get_string_member (partner_claims, "idtyp"), ==, "app");
  g_assert_cmpint (json_object_get_int_member (partner_claims, "exp"), <=, now + 91);
  g_assert_cmpint (json_object_get_int_member (partner_claims, "exp"), >=, now + 80);
}

static void
test_follows_seed (void)
{
  g_autoptr(AttestSandbox) one = attest_sandbox_new (1);
  g_autoptr(AttestSandbox) same = attest_sandbox_new (1);
  g_autoptr(AttestSandbox) other = attest_sandbox_new (2);
  const char *secret = attest_sandbox_get_app_client_secret (one);

  g_assert_true (g_uuid_string_is_valid (attest_sandbox_get_app_client_id (one)));
  g_assert_cmpstr (attest_sandbox_get_app_client_id (one), ==,
                   attest_sandbox_get_app_client_id (same));
  g_assert_cmpstr (attest_sandbox_get_app_client_secret (one), ==,
                   attest_sandbox_get_app_client_secret (same));
  g_assert_cmpstr (attest_sandbox_get_app_client_id (one), !=,
                   attest_sandbox_get_app_client_id (other));
  g_assert_cmpstr (attest_sandbox_get_app_client_secret (one), !=,
                   attest_sandbox_get_app_client_secret (other));
  g_assert_cmpstr (attest_sandbox_get_app_client_id (one), !=, attest_sandbox_get_app_id (one));

  /* The form of Entra's secrets. */
  g_assert_cmpuint (strlen (secret), ==, 40);
  g_assert_true (g_str_has_prefix (secret + 3, "8Q~"));
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

#define ADD(path, func) \
  g_test_add ("/sandbox/app-only/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("grant", test_grant);
  ADD ("tenant-by-domain", test_tenant_by_domain);
  ADD ("foreign-tenant", test_foreign_tenant);
  ADD ("tenant-must-be-named", test_tenant_must_be_named);
  ADD ("wrong-secret", test_wrong_secret);
  ADD ("expired-secret", test_expired_secret);
  ADD ("scope", test_scope);
  ADD ("partner-center-routes", test_partner_center_routes);
  ADD ("mint-app-token", test_mint_app_token);
  g_test_add_func ("/sandbox/app-only/follows-seed", test_follows_seed);

#undef ADD

  return g_test_run ();
}
