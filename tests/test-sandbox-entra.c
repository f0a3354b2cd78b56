/* test-sandbox-entra.c: the sandbox's Entra ID endpoints (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-sandbox.h"
#include "attest-test-http.h"
#include "attest-test-init.h"
#include "attest-token-claims.h"

/* An S256 pair computed outside Attest (Python's hashlib and base64). */
#define VERIFIER  "dBjftJeZ4CVP-mJ92K9D6eTXpyAD5RD2M6sf4f6u6FU"
#define CHALLENGE "E6-SAKlEJUoSBsP2jzXu06Ig5U2ZhFzTR_r9DnTy3Ew"
#define CLIENT_ID "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"
#define REDIRECT  "http://localhost:48213/"
#define SCOPE     "https://api.partnercenter.microsoft.com/.default offline_access openid profile"

typedef struct
{
  AttestSandbox *sandbox;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = attest_sandbox_new (7);
  attest_sandbox_start (fixture->sandbox, 0, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->sandbox);
}

static char *
endpoint (Fixture    *fixture,
          const char *name)
{
  return g_strdup_printf ("%s/attestsandbox.onmicrosoft.com/oauth2/v2.0/%s",
                          attest_sandbox_get_uri (fixture->sandbox), name);
}

static char *
authorize_uri (Fixture    *fixture,
               const char *redirect_uri)
{
  g_autofree char *base = endpoint (fixture, "authorize");
  g_autofree char *redirect = g_uri_escape_string (redirect_uri, NULL, FALSE);
  g_autofree char *scope = g_uri_escape_string (SCOPE, NULL, FALSE);

  return g_strdup_printf ("%s?client_id=" CLIENT_ID "&response_type=code&redirect_uri=%s"
                          "&response_mode=query&scope=%s&state=st4te"
                          "&code_challenge=" CHALLENGE "&code_challenge_method=S256"
                          "&login_hint=admin%%40attestsandbox.onmicrosoft.com",
                          base, redirect, scope);
}

/* The AADSTS code of an Entra error body. */
static gint64
error_code (AttestTestResponse *response)
{
  JsonObject *object = json_node_get_object (response->json);
  JsonArray *codes = json_object_get_array_member (object, "error_codes");
  const char *description = json_object_get_string_member (object, "error_description");
  g_autofree char *prefix = NULL;
  gint64 code;

  g_assert_cmpuint (json_array_get_length (codes), ==, 1);
  code = json_array_get_int_element (codes, 0);
  prefix = g_strdup_printf ("AADSTS%" G_GINT64_FORMAT ": ", code);
  g_assert_true (g_str_has_prefix (description, prefix));
  g_assert_nonnull (json_object_get_string_member (object, "trace_id"));
  g_assert_nonnull (json_object_get_string_member (object, "correlation_id"));
  g_assert_nonnull (json_object_get_string_member (object, "timestamp"));

  return code;
}

/* Signs in on the page and returns the code the redirect carries. */
static char *
get_code (Fixture *fixture)
{
  g_autofree char *uri = authorize_uri (fixture, REDIRECT);
  g_autoptr(AttestTestResponse) response = NULL;
  g_autofree char *state = NULL;

  attest_sandbox_set_auto_approve (fixture->sandbox, TRUE);
  response = attest_test_http ("GET", uri, NULL, NULL, NULL);
  g_assert_cmpuint (response->status, ==, 302);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (response->headers, "Location"),
                                   REDIRECT "?code="));
  state = attest_test_response_get_query (response, "state");
  g_assert_cmpstr (state, ==, "st4te");

  return attest_test_response_get_query (response, "code");
}

static AttestTestResponse *
redeem (Fixture    *fixture,
        const char *code,
        const char *verifier,
        const char *redirect_uri)
{
  g_autofree char *uri = endpoint (fixture, "token");

  return attest_test_http_form (uri,
                                "client_id", CLIENT_ID,
                                "grant_type", "authorization_code",
                                "scope", SCOPE,
                                "code", code,
                                "redirect_uri", redirect_uri,
                                "code_verifier", verifier,
                                NULL);
}

static AttestTestResponse *
refresh (Fixture    *fixture,
         const char *refresh_token)
{
  g_autofree char *uri = endpoint (fixture, "token");

  return attest_test_http_form (uri,
                                "client_id", CLIENT_ID,
                                "grant_type", "refresh_token",
                                "scope", SCOPE,
                                "refresh_token", refresh_token,
                                NULL);
}

static void
assert_error (AttestTestResponse *response,
              guint               status,
              const char         *error,
              gint64              aadsts)
{
  g_assert_cmpuint (response->status, ==, status);
  g_assert_cmpstr (attest_test_response_get_string (response, "error"), ==, error);
  if (aadsts != 0)
    g_assert_cmpint (error_code (response), ==, aadsts);
}

static void
test_sign_in_page (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *uri = authorize_uri (fixture, REDIRECT);
  g_autofree char *action = endpoint (fixture, "authorize");
  g_autoptr(AttestTestResponse) page = attest_test_http ("GET", uri, NULL, NULL, NULL);
  g_autoptr(AttestTestResponse) redirect = NULL;
  g_autoptr(AttestTestResponse) cancelled = NULL;
  g_autofree char *code = NULL;
  g_autofree char *state = NULL;
  g_autofree char *error = NULL;

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (page->headers, NULL), ==, "text/html");
  g_assert_nonnull (strstr (page->body, ">Sign in</button>"));
  g_assert_nonnull (strstr (page->body, ">Cancel</button>"));
  g_assert_nonnull (strstr (page->body, "value=\"" CHALLENGE "\""));

  /* What the browser posts when the button is pressed. */
  redirect = attest_test_http_form (action,
                                    "client_id", CLIENT_ID,
                                    "response_type", "code",
                                    "redirect_uri", REDIRECT,
                                    "scope", SCOPE,
                                    "state", "st4te",
                                    "code_challenge", CHALLENGE,
                                    "code_challenge_method", "S256",
                                    "action", "approve",
                                    NULL);
  g_assert_cmpuint (redirect->status, ==, 302);
  code = attest_test_response_get_query (redirect, "code");
  state = attest_test_response_get_query (redirect, "state");
  g_assert_nonnull (code);
  g_assert_cmpuint (strlen (code), >=, 32);
  g_assert_cmpstr (state, ==, "st4te");

  cancelled = attest_test_http_form (action,
                                     "client_id", CLIENT_ID,
                                     "response_type", "code",
                                     "redirect_uri", REDIRECT,
                                     "state", "st4te",
                                     "code_challenge", CHALLENGE,
                                     "code_challenge_method", "S256",
                                     "action", "cancel",
                                     NULL);
  g_assert_cmpuint (cancelled->status, ==, 302);
  error = attest_test_response_get_query (cancelled, "error");
  g_assert_cmpstr (error, ==, "access_denied");
  g_assert_null (attest_test_response_get_query (cancelled, "code"));
}

static void
test_code_and_pkce (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *code = get_code (fixture);
  g_autoptr(AttestTestResponse) tokens = redeem (fixture, code, VERIFIER, REDIRECT);
  g_autoptr(AttestTestResponse) again = redeem (fixture, code, VERIFIER, REDIRECT);
  g_autoptr(AttestTokenClaims) claims = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (tokens->status, ==, 200);
  g_assert_cmpstr (attest_test_response_get_string (tokens, "token_type"), ==, "Bearer");
  g_assert_cmpint (attest_test_response_get_int (tokens, "expires_in"), ==,
                   ATTEST_SANDBOX_DEFAULT_TOKEN_LIFETIME);
  g_assert_nonnull (attest_test_response_get_string (tokens, "refresh_token"));
  g_assert_nonnull (attest_test_response_get_string (tokens, "id_token"));

  claims = attest_token_claims_parse (attest_test_response_get_string (tokens, "access_token"),
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpstr (claims->tenant_id, ==, attest_sandbox_get_tenant_id (fixture->sandbox));
  g_assert_cmpstr (claims->user, ==, "admin@attestsandbox.onmicrosoft.com");
  g_assert_cmpstr (claims->app_id, ==, CLIENT_ID);
  g_assert_cmpstr (claims->object_id, ==, attest_sandbox_get_user_object_id (fixture->sandbox));
  g_assert_true (claims->mfa);

  /* A code is good for one redemption. */
  assert_error (again, 400, "invalid_grant", 54005);
}

static void
test_wrong_verifier (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *code = get_code (fixture);
  g_autoptr(AttestTestResponse) wrong = redeem (fixture, code, VERIFIER "x", REDIRECT);
  g_autoptr(AttestTestResponse) then_right = redeem (fixture, code, VERIFIER, REDIRECT);

  assert_error (wrong, 400, "invalid_grant", 50148);
  /* The failed attempt spent the code. */
  assert_error (then_right, 400, "invalid_grant", 54005);
}

static void
test_redirect_uri_must_match (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *code = get_code (fixture);
  g_autoptr(AttestTestResponse) response = redeem (fixture, code, VERIFIER,
                                                   "http://localhost:48214/");

  assert_error (response, 400, "invalid_grant", 500112);
}

static void
test_unknown_code (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(AttestTestResponse) response = redeem (fixture, "bm90LWEtY29kZQ", VERIFIER, REDIRECT);

  assert_error (response, 400, "invalid_grant", 70000);
}

static void
test_refresh_rotation (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *code = get_code (fixture);
  g_autoptr(AttestTestResponse) tokens = redeem (fixture, code, VERIFIER, REDIRECT);
  const char *first = attest_test_response_get_string (tokens, "refresh_token");
  g_autoptr(AttestTestResponse) renewed = refresh (fixture, first);
  g_autoptr(AttestTestResponse) reused = NULL;
  g_autoptr(AttestTestResponse) second_renewal = NULL;
  const char *second;

  g_assert_cmpuint (renewed->status, ==, 200);
  second = attest_test_response_get_string (renewed, "refresh_token");
  g_assert_nonnull (second);
  g_assert_cmpstr (second, !=, first);
  g_assert_nonnull (attest_test_response_get_string (renewed, "access_token"));

  reused = refresh (fixture, first);
  assert_error (reused, 400, "invalid_grant", 70000);

  second_renewal = refresh (fixture, second);
  g_assert_cmpuint (second_renewal->status, ==, 200);
}

static AttestTestResponse *
start_device_code (Fixture *fixture)
{
  g_autofree char *uri = endpoint (fixture, "devicecode");

  return attest_test_http_form (uri, "client_id", CLIENT_ID, "scope", SCOPE, NULL);
}

static AttestTestResponse *
poll_device_code (Fixture    *fixture,
                  const char *device_code)
{
  g_autofree char *uri = endpoint (fixture, "token");

  return attest_test_http_form (uri,
                                "grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                                "client_id", CLIENT_ID,
                                "device_code", device_code,
                                NULL);
}

static void
test_device_code (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(AttestTestResponse) start = start_device_code (fixture);
  g_autoptr(AttestTestResponse) pending = NULL;
  g_autoptr(AttestTestResponse) too_fast = NULL;
  g_autoptr(AttestTestResponse) tokens = NULL;
  g_autoptr(AttestTestResponse) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *verification_uri = NULL;
  const char *device_code;
  const char *user_code;

  g_assert_cmpuint (start->status, ==, 200);
  device_code = attest_test_response_get_string (start, "device_code");
  user_code = attest_test_response_get_string (start, "user_code");
  verification_uri = g_strconcat (attest_sandbox_get_uri (fixture->sandbox), "/devicelogin",
                                  NULL);
  g_assert_cmpstr (attest_test_response_get_string (start, "verification_uri"), ==,
                   verification_uri);
  g_assert_cmpint (attest_test_response_get_int (start, "interval"), ==, 5);
  g_assert_cmpint (attest_test_response_get_int (start, "expires_in"), ==, 900);
  g_assert_nonnull (strstr (attest_test_response_get_string (start, "message"), user_code));

  pending = poll_device_code (fixture, device_code);
  assert_error (pending, 400, "authorization_pending", 70016);

  /* Polled again at once, well inside the interval. */
  too_fast = poll_device_code (fixture, device_code);
  assert_error (too_fast, 400, "slow_down", 0);

  attest_sandbox_approve_device_code (fixture->sandbox, user_code, &error);
  g_assert_no_error (error);
  tokens = poll_device_code (fixture, device_code);
  g_assert_cmpuint (tokens->status, ==, 200);
  g_assert_nonnull (attest_test_response_get_string (tokens, "access_token"));
  g_assert_nonnull (attest_test_response_get_string (tokens, "refresh_token"));

  again = poll_device_code (fixture, device_code);
  assert_error (again, 400, "invalid_grant", 54005);
}

static void
test_device_login_page (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(AttestTestResponse) start = start_device_code (fixture);
  g_autoptr(AttestTestResponse) declined_start = start_device_code (fixture);
  const char *verification_uri = attest_test_response_get_string (start, "verification_uri");
  g_autoptr(AttestTestResponse) page = attest_test_http ("GET", verification_uri, NULL, NULL,
                                                         NULL);
  g_autoptr(AttestTestResponse) wrong = NULL;
  g_autoptr(AttestTestResponse) approved = NULL;
  g_autoptr(AttestTestResponse) declined = NULL;
  g_autoptr(AttestTestResponse) tokens = NULL;
  g_autoptr(AttestTestResponse) refused = NULL;

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (page->body, "name=\"user_code\""));
  g_assert_nonnull (strstr (page->body, ">Sign in</button>"));

  wrong = attest_test_http_form (verification_uri, "user_code", "NOTACODE1", "action", "approve",
                                 NULL);
  g_assert_cmpuint (wrong->status, ==, 400);

  approved = attest_test_http_form (verification_uri,
                                    "user_code", attest_test_response_get_string (start,
                                                                                  "user_code"),
                                    "action", "approve", NULL);
  g_assert_cmpuint (approved->status, ==, 200);
  tokens = poll_device_code (fixture, attest_test_response_get_string (start, "device_code"));
  g_assert_cmpuint (tokens->status, ==, 200);

  declined = attest_test_http_form (verification_uri,
                                    "user_code",
                                    attest_test_response_get_string (declined_start, "user_code"),
                                    "action", "cancel", NULL);
  g_assert_cmpuint (declined->status, ==, 200);
  refused = poll_device_code (fixture,
                              attest_test_response_get_string (declined_start, "device_code"));
  assert_error (refused, 400, "authorization_declined", 70000);
}

static void
test_device_code_expires (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(AttestTestResponse) start = NULL;
  g_autoptr(AttestTestResponse) expired = NULL;
  g_autoptr(GError) error = NULL;

  attest_sandbox_set_device_code_lifetime (fixture->sandbox, 0);
  start = start_device_code (fixture);
  g_assert_cmpint (attest_test_response_get_int (start, "expires_in"), ==, 0);
  expired = poll_device_code (fixture, attest_test_response_get_string (start, "device_code"));
  assert_error (expired, 400, "expired_token", 70019);

  /* An expired code can no longer be approved either. */
  g_assert_false (attest_sandbox_approve_device_code (fixture->sandbox,
                                                      attest_test_response_get_string (start,
                                                                                       "user_code"),
                                                      &error));
  g_assert_error (error, ATTEST_SANDBOX_ERROR, ATTEST_SANDBOX_ERROR_NOT_FOUND);
}

static void
test_device_code_auto_approve (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(AttestTestResponse) start = NULL;
  g_autoptr(AttestTestResponse) tokens = NULL;

  attest_sandbox_set_auto_approve (fixture->sandbox, TRUE);
  attest_sandbox_set_device_code_interval (fixture->sandbox, 0);
  start = start_device_code (fixture);
  g_assert_cmpint (attest_test_response_get_int (start, "interval"), ==, 0);
  tokens = poll_device_code (fixture, attest_test_response_get_string (start, "device_code"));
  g_assert_cmpuint (tokens->status, ==, 200);
}

static void
test_fault_redirect_uri (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *registered = authorize_uri (fixture, REDIRECT);
  g_autofree char *unregistered = authorize_uri (fixture, "http://localhost:48213/callback");
  g_autoptr(AttestTestResponse) other_path = NULL;
  g_autoptr(AttestTestResponse) switched = NULL;

  attest_sandbox_set_auto_approve (fixture->sandbox, TRUE);
  other_path = attest_test_http ("GET", unregistered, NULL, NULL, NULL);
  g_assert_cmpuint (other_path->status, ==, 400);
  g_assert_nonnull (strstr (other_path->body, "AADSTS50011"));

  attest_sandbox_set_entra_faults (fixture->sandbox,
                                   ATTEST_SANDBOX_ENTRA_FAULT_REDIRECT_URI_MISMATCH);
  switched = attest_test_http ("GET", registered, NULL, NULL, NULL);
  g_assert_cmpuint (switched->status, ==, 400);
  g_assert_nonnull (strstr (switched->body, "AADSTS50011"));
  g_assert_null (soup_message_headers_get_one (switched->headers, "Location"));
}

static void
test_fault_public_client (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(AttestTestResponse) start = NULL;
  g_autoptr(AttestTestResponse) refused = NULL;

  attest_sandbox_set_auto_approve (fixture->sandbox, TRUE);
  attest_sandbox_set_entra_faults (fixture->sandbox,
                                   ATTEST_SANDBOX_ENTRA_FAULT_PUBLIC_CLIENT_DISABLED);
  start = start_device_code (fixture);
  refused = poll_device_code (fixture, attest_test_response_get_string (start, "device_code"));
  assert_error (refused, 401, "invalid_client", 7000218);
}

static void
test_fault_mfa_and_consent (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *code = get_code (fixture);
  g_autofree char *second_code = get_code (fixture);
  g_autoptr(AttestTestResponse) mfa = NULL;
  g_autoptr(AttestTestResponse) consent = NULL;

  attest_sandbox_set_entra_faults (fixture->sandbox, ATTEST_SANDBOX_ENTRA_FAULT_MFA_REQUIRED);
  mfa = redeem (fixture, code, VERIFIER, REDIRECT);
  assert_error (mfa, 400, "invalid_grant", 50076);

  attest_sandbox_set_entra_faults (fixture->sandbox,
                                   ATTEST_SANDBOX_ENTRA_FAULT_CONSENT_REQUIRED);
  consent = redeem (fixture, second_code, VERIFIER, REDIRECT);
  assert_error (consent, 400, "invalid_grant", 65001);
  g_assert_cmpstr (attest_test_response_get_string (consent, "suberror"), ==,
                   "consent_required");
}

static void
test_fault_user_cancels (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *uri = authorize_uri (fixture, REDIRECT);
  g_autoptr(AttestTestResponse) response = NULL;
  g_autoptr(AttestTestResponse) start = NULL;
  g_autoptr(AttestTestResponse) refused = NULL;
  g_autofree char *error = NULL;
  g_autofree char *state = NULL;

  attest_sandbox_set_auto_approve (fixture->sandbox, TRUE);
  attest_sandbox_set_entra_faults (fixture->sandbox, ATTEST_SANDBOX_ENTRA_FAULT_USER_CANCELS);
  response = attest_test_http ("GET", uri, NULL, NULL, NULL);
  g_assert_cmpuint (response->status, ==, 302);
  error = attest_test_response_get_query (response, "error");
  state = attest_test_response_get_query (response, "state");
  g_assert_cmpstr (error, ==, "access_denied");
  g_assert_cmpstr (state, ==, "st4te");

  start = start_device_code (fixture);
  refused = poll_device_code (fixture, attest_test_response_get_string (start, "device_code"));
  assert_error (refused, 400, "authorization_declined", 70000);
}

static void
test_user_without_mfa (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *code = get_code (fixture);
  g_autoptr(AttestTestResponse) tokens = NULL;
  g_autoptr(AttestTokenClaims) claims = NULL;

  attest_sandbox_set_user_mfa (fixture->sandbox, FALSE);
  tokens = redeem (fixture, code, VERIFIER, REDIRECT);
  g_assert_cmpuint (tokens->status, ==, 200);
  claims = attest_token_claims_parse (attest_test_response_get_string (tokens, "access_token"),
                                      NULL);
  g_assert_nonnull (claims);
  g_assert_false (claims->mfa);
}

static void
test_pkce_required (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *base = endpoint (fixture, "authorize");
  g_autofree char *uri = g_strdup_printf ("%s?client_id=" CLIENT_ID "&response_type=code"
                                          "&redirect_uri=http%%3A%%2F%%2Flocalhost%%3A1234%%2F"
                                          "&state=s&code_challenge=abc&code_challenge_method=plain",
                                          base);
  g_autoptr(AttestTestResponse) response = NULL;
  g_autofree char *error = NULL;

  attest_sandbox_set_auto_approve (fixture->sandbox, TRUE);
  response = attest_test_http ("GET", uri, NULL, NULL, NULL);
  g_assert_cmpuint (response->status, ==, 302);
  error = attest_test_response_get_query (response, "error");
  g_assert_cmpstr (error, ==, "invalid_request");
}

static void
test_mint_access_token (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *token = attest_sandbox_mint_access_token (fixture->sandbox, 600);
  g_autofree char *expired = NULL;
  g_autofree char *no_mfa = NULL;
  g_autofree guint8 *payload = NULL;
  g_autoptr(AttestTokenClaims) claims = attest_token_claims_parse (token, NULL);
  g_autoptr(AttestTokenClaims) expired_claims = NULL;
  g_autoptr(AttestTokenClaims) no_mfa_claims = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_nonnull (claims);
  g_assert_cmpstr (claims->tenant_id, ==, attest_sandbox_get_tenant_id (fixture->sandbox));
  g_assert_cmpstr (claims->app_id, ==, attest_sandbox_get_app_id (fixture->sandbox));
  g_assert_true (claims->mfa);
  g_assert_cmpint (claims->expires_at, >=, now + 590);
  g_assert_cmpint (claims->expires_at, <=, now + 610);
  g_assert_nonnull (strstr (token, "."));

  expired = attest_sandbox_mint_access_token (fixture->sandbox, -60);
  expired_claims = attest_token_claims_parse (expired, NULL);
  g_assert_cmpint (expired_claims->expires_at, <, now);

  attest_sandbox_set_user_mfa (fixture->sandbox, FALSE);
  no_mfa = attest_sandbox_mint_access_token (fixture->sandbox, 600);
  no_mfa_claims = attest_token_claims_parse (no_mfa, NULL);
  g_assert_false (no_mfa_claims->mfa);
}

static void
test_identity_follows_seed (void)
{
  g_autoptr(AttestSandbox) one = attest_sandbox_new (1);
  g_autoptr(AttestSandbox) same = attest_sandbox_new (1);
  g_autoptr(AttestSandbox) other = attest_sandbox_new (2);

  g_assert_cmpstr (attest_sandbox_get_tenant_id (one), ==, attest_sandbox_get_tenant_id (same));
  g_assert_cmpstr (attest_sandbox_get_tenant_id (one), !=, attest_sandbox_get_tenant_id (other));
  g_assert_true (g_uuid_string_is_valid (attest_sandbox_get_tenant_id (one)));
  g_assert_true (g_uuid_string_is_valid (attest_sandbox_get_app_id (one)));
  g_assert_true (g_uuid_string_is_valid (attest_sandbox_get_user_object_id (one)));
  g_assert_null (attest_sandbox_get_uri (one));
}

static void
test_request_log (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *code = get_code (fixture);
  g_autoptr(AttestTestResponse) tokens = redeem (fixture, code, VERIFIER, REDIRECT);
  g_autoptr(GPtrArray) posts = attest_sandbox_find_requests (fixture->sandbox, "POST",
                                                              "/attestsandbox.onmicrosoft.com/"
                                                              "oauth2/v2.0/token");
  const AttestSandboxRequest *get = attest_sandbox_get_request (fixture->sandbox, 0);
  const AttestSandboxRequest *post;
  g_autofree char *body = NULL;

  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 2);
  g_assert_cmpstr (get->method, ==, "GET");
  g_assert_cmpuint (get->status, ==, 302);
  g_assert_nonnull (strstr (get->query, "code_challenge=" CHALLENGE));
  g_assert_cmpint (get->time, >, 0);

  g_assert_cmpuint (posts->len, ==, 1);
  post = g_ptr_array_index (posts, 0);
  g_assert_cmpuint (post->status, ==, 200);
  g_assert_null (post->query);
  g_assert_cmpstr (soup_message_headers_get_content_type (post->headers, NULL), ==,
                   "application/x-www-form-urlencoded");
  body = g_strndup (g_bytes_get_data (post->body, NULL), g_bytes_get_size (post->body));
  g_assert_nonnull (strstr (body, "code_verifier=" VERIFIER));

  attest_sandbox_clear_requests (fixture->sandbox);
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 0);
}

static void
test_port_in_use (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(AttestSandbox) second = attest_sandbox_new (7);
  g_autoptr(GUri) uri = g_uri_parse (attest_sandbox_get_uri (fixture->sandbox),
                                     G_URI_FLAGS_NONE, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (attest_sandbox_start (second, g_uri_get_port (uri), &error));
  g_assert_error (error, ATTEST_SANDBOX_ERROR, ATTEST_SANDBOX_ERROR_LISTEN);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

#define ADD(path, func) \
  g_test_add ("/sandbox/entra/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("sign-in-page", test_sign_in_page);
  ADD ("code-and-pkce", test_code_and_pkce);
  ADD ("wrong-verifier", test_wrong_verifier);
  ADD ("redirect-uri-must-match", test_redirect_uri_must_match);
  ADD ("unknown-code", test_unknown_code);
  ADD ("pkce-required", test_pkce_required);
  ADD ("refresh-rotation", test_refresh_rotation);
  ADD ("device-code", test_device_code);
  ADD ("device-login-page", test_device_login_page);
  ADD ("device-code-expires", test_device_code_expires);
  ADD ("device-code-auto-approve", test_device_code_auto_approve);
  ADD ("fault/redirect-uri", test_fault_redirect_uri);
  ADD ("fault/public-client", test_fault_public_client);
  ADD ("fault/mfa-and-consent", test_fault_mfa_and_consent);
  ADD ("fault/user-cancels", test_fault_user_cancels);
  ADD ("user-without-mfa", test_user_without_mfa);
  ADD ("mint-access-token", test_mint_access_token);
  ADD ("request-log", test_request_log);
  ADD ("port-in-use", test_port_in_use);
  g_test_add_func ("/sandbox/entra/identity-follows-seed", test_identity_follows_seed);

#undef ADD

  return g_test_run ();
}
