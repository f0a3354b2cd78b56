/* test-session.c: signing in against the sandbox's Entra ID, keeping and
 * renewing tokens (unit suite; libsecret's file backend)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "attest-auth-error.h"
#include "attest-loopback-listener.h"
#include "attest-oauth-client.h"
#include "attest-pkce.h"
#include "attest-session-private.h"
#include "attest-test-sign-in.h"
#include "attest-test-utils.h"
#include "attest-token-claims.h"
#include "attest-token-provider.h"
#include "attest-token-store.h"

typedef struct
{
  AttestSandbox *sandbox;
  AttestConfig  *config;
  AttestSession *session;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GHashTable) nothing = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  /* Every test starts without a stored sign-in. */
  secret_password_clearv_sync (attest_token_store_get_schema (), nothing, NULL, &error);
  g_assert_no_error (error);

  fixture->sandbox = attest_test_start_sandbox ();
  fixture->config = attest_test_new_sandbox_config (fixture->sandbox);
  fixture->session = attest_session_new (fixture->config);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->config, attest_config_free);
  g_clear_object (&fixture->sandbox);
}

static const AttestSandboxRequest *
find_last_request (AttestSandbox *sandbox,
                   const char    *method,
                   const char    *path_suffix)
{
  for (guint i = attest_sandbox_get_request_count (sandbox); i > 0; i--)
    {
      const AttestSandboxRequest *request = attest_sandbox_get_request (sandbox, i - 1);

      if (g_str_equal (request->method, method) && g_str_has_suffix (request->path, path_suffix))
        return request;
    }

  /* g_error () rather than a NULL for g_assert_nonnull (): it never
   * returns, which the optimizer knows. */
  g_error ("The sandbox received no %s request to …%s", method, path_suffix);
}

static GHashTable *
decode_body (const AttestSandboxRequest *request)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (request->body, NULL),
                                     g_bytes_get_size (request->body));

  return soup_form_decode (text);
}

static void
test_browser_sign_in (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) authorize = NULL;
  g_autoptr(GHashTable) token = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *challenge = NULL;
  const AttestSandboxRequest *request;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_false (attest_session_is_signed_in (fixture->session));
  g_assert_true (attest_test_sign_in_with_browser (fixture->session, &error));
  g_assert_no_error (error);

  g_assert_true (attest_session_is_signed_in (fixture->session));
  g_assert_cmpstr (attest_session_get_user (fixture->session), ==,
                   attest_sandbox_get_user (fixture->sandbox));
  g_assert_cmpstr (attest_session_get_tenant_id (fixture->session), ==,
                   attest_sandbox_get_tenant_id (fixture->sandbox));
  g_assert_cmpint (attest_session_get_expires_at (fixture->session), >=, now + 3500);
  g_assert_cmpint (attest_session_get_expires_at (fixture->session), <=, now + 3700);

  /* What the browser was sent to: the tenant of the user's domain, PKCE
   * S256, the scopes, the login hint and a loopback redirect. */
  request = find_last_request (fixture->sandbox, "GET", "/authorize");
  g_assert_cmpstr (request->path, ==, "/attestsandbox.onmicrosoft.com/oauth2/v2.0/authorize");
  authorize = soup_form_decode (request->query);
  g_assert_cmpstr (g_hash_table_lookup (authorize, "code_challenge_method"), ==, "S256");
  g_assert_cmpstr (g_hash_table_lookup (authorize, "login_hint"), ==,
                   attest_sandbox_get_user (fixture->sandbox));
  g_assert_cmpstr (g_hash_table_lookup (authorize, "scope"), ==,
                   "https://api.partnercenter.microsoft.com/.default offline_access openid profile");
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (authorize, "redirect_uri"),
                                   "http://localhost:"));
  g_assert_cmpuint (strlen (g_hash_table_lookup (authorize, "state")), >=, 43);

  /* The code was redeemed with the verifier behind the challenge. */
  request = find_last_request (fixture->sandbox, "POST", "/token");
  token = decode_body (request);
  g_assert_cmpstr (g_hash_table_lookup (token, "grant_type"), ==, "authorization_code");
  g_assert_cmpstr (g_hash_table_lookup (token, "redirect_uri"), ==,
                   g_hash_table_lookup (authorize, "redirect_uri"));
  challenge = attest_pkce_challenge_for (g_hash_table_lookup (token, "code_verifier"));
  g_assert_cmpstr (challenge, ==, g_hash_table_lookup (authorize, "code_challenge"));

  /* The refresh token went to the keyring. */
  stored = attest_test_lookup_refresh_token (fixture->sandbox);
  g_assert_nonnull (stored);
}

static void
on_code (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  attest_test_store_result (object, result, user_data);
}

/* The server checks the verifier: a code redeemed with another verifier
 * than the one behind its challenge is refused. */
static void
test_browser_wrong_verifier (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(AttestOAuthClient) client = NULL;
  g_autoptr(AttestLoopbackListener) listener = NULL;
  g_autoptr(GAsyncResult) waited = NULL;
  g_autoptr(GAsyncResult) redeemed = NULL;
  g_autoptr(AttestTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *verifier = attest_pkce_new_verifier (&error);
  g_autofree char *other_verifier = attest_pkce_new_verifier (&error);
  g_autofree char *challenge = attest_pkce_challenge_for (verifier);
  g_autofree char *uri = NULL;
  g_autofree char *code = NULL;

  client = attest_oauth_client_new (attest_sandbox_get_uri (fixture->sandbox),
                                    "attestsandbox.onmicrosoft.com",
                                    attest_sandbox_get_app_id (fixture->sandbox));
  listener = attest_loopback_listener_new ("state", &error);
  g_assert_no_error (error);
  uri = attest_oauth_client_build_authorize_uri (client,
                                                 attest_loopback_listener_get_redirect_uri (listener),
                                                 "state", challenge, NULL);
  g_assert_true (attest_browser_launch (uri, &error));
  g_assert_no_error (error);

  attest_loopback_listener_wait_async (listener, 60000, NULL, on_code, &waited);
  code = attest_loopback_listener_wait_finish (listener, attest_test_wait_for_result (&waited),
                                               &error);
  g_assert_no_error (error);
  g_assert_nonnull (code);

  attest_oauth_client_redeem_code_async (client, code,
                                         attest_loopback_listener_get_redirect_uri (listener),
                                         other_verifier, NULL, attest_test_store_result,
                                         &redeemed);
  response = attest_oauth_client_get_token_finish (client, attest_test_wait_for_result (&redeemed),
                                                   &error);
  g_assert_null (response);
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_GRANT);
  g_assert_nonnull (strstr (error->message, "Sign in again"));
}

/* The person closed the tab: after the timeout, nothing is signed in. */
static void
test_browser_timeout (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  attest_sandbox_set_auto_approve (fixture->sandbox, FALSE);
  attest_session_set_browser_timeout (fixture->session, 300);

  g_assert_false (attest_test_sign_in_with_browser (fixture->session, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_TIMED_OUT);
  g_assert_false (attest_session_is_signed_in (fixture->session));
  stored = attest_test_lookup_refresh_token (fixture->sandbox);
  g_assert_null (stored);
}

static void
test_browser_cancel (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  attest_sandbox_set_auto_approve (fixture->sandbox, FALSE);
  attest_session_sign_in_with_browser_async (fixture->session, cancellable,
                                             attest_test_store_result, &result);
  g_cancellable_cancel (cancellable);

  g_assert_false (attest_session_sign_in_finish (fixture->session,
                                                 attest_test_wait_for_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (attest_session_is_signed_in (fixture->session));
}

typedef struct
{
  AttestSandboxEntraFaults fault;
  int                      expected;
} FaultCase;

/* The refusals Entra ID answers a browser sign-in with, explained. */
static void
test_browser_refusals (Fixture       *fixture,
                       gconstpointer  data)
{
  const FaultCase cases[] = {
    { ATTEST_SANDBOX_ENTRA_FAULT_USER_CANCELS, ATTEST_AUTH_ERROR_ACCESS_DENIED },
    { ATTEST_SANDBOX_ENTRA_FAULT_MFA_REQUIRED, ATTEST_AUTH_ERROR_MFA_REQUIRED },
    { ATTEST_SANDBOX_ENTRA_FAULT_CONSENT_REQUIRED, ATTEST_AUTH_ERROR_CONSENT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *stored = NULL;

      attest_sandbox_set_entra_faults (fixture->sandbox, cases[i].fault);
      g_assert_false (attest_test_sign_in_with_browser (fixture->session, &error));
      g_assert_error (error, ATTEST_AUTH_ERROR, cases[i].expected);
      g_assert_false (attest_session_is_signed_in (fixture->session));
      stored = attest_test_lookup_refresh_token (fixture->sandbox);
      g_assert_null (stored);
    }
}

/* A token whose amr lacks "mfa" is refused, and nothing of it is kept. */
static void
test_mfa_refused (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  attest_sandbox_set_user_mfa (fixture->sandbox, FALSE);

  g_assert_false (attest_test_sign_in_with_browser (fixture->session, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_MFA_REQUIRED);
  g_assert_nonnull (strstr (error->message, "multi-factor authentication"));
  g_assert_false (attest_session_is_signed_in (fixture->session));
  g_assert_null (attest_session_get_user (fixture->session));
  stored = attest_test_lookup_refresh_token (fixture->sandbox);
  g_assert_null (stored);
}

/* --no-mfa: the same token is accepted. */
static void
test_mfa_not_required (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(AttestSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  attest_sandbox_set_user_mfa (fixture->sandbox, FALSE);
  fixture->config->no_mfa = TRUE;
  session = attest_session_new (fixture->config);

  g_assert_true (attest_test_sign_in_with_browser (session, &error));
  g_assert_no_error (error);
  g_assert_true (attest_session_is_signed_in (session));
  stored = attest_test_lookup_refresh_token (fixture->sandbox);
  g_assert_nonnull (stored);
}

static void
test_settings_checked_first (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(AttestSession) national = NULL;
  g_autoptr(GError) error = NULL;
  guint before = attest_sandbox_get_request_count (fixture->sandbox);

  g_free (fixture->config->authority);
  fixture->config->authority = g_strdup ("https://login.microsoftonline.us");
  national = attest_session_new (fixture->config);
  g_assert_false (attest_test_sign_in_with_browser (national, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_NATIONAL_CLOUD);
  g_clear_error (&error);

  attest_session_configure (fixture->session, "not-a-guid", "admin@contoso.com", "");
  g_assert_false (attest_test_sign_in_with_browser (fixture->session, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_SETTINGS);
  g_assert_nonnull (strstr (error->message, "“not-a-guid”"));
  g_clear_error (&error);

  attest_session_configure (fixture->session, attest_sandbox_get_app_id (fixture->sandbox), "",
                            "");
  g_assert_false (attest_test_sign_in_silently (fixture->session, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_SETTINGS);

  /* None of this reached the server. */
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, before);
}

/* Each refresh brings a new refresh token, which replaces the stored one;
 * the old one is spent. */
static void
test_refresh_rotation (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestOAuthClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AttestTokenResponse) response = NULL;
  g_autofree char *first_token = NULL;
  g_autofree char *second_token = NULL;
  g_autofree char *first_refresh = NULL;
  g_autofree char *second_refresh = NULL;
  guint token_requests;

  g_assert_true (attest_test_sign_in_with_browser (fixture->session, &error));
  first_refresh = attest_test_lookup_refresh_token (fixture->sandbox);
  first_token = attest_test_get_token (fixture->session, ATTEST_TOKEN_FLAGS_NONE, &error);
  g_assert_no_error (error);

  /* Partner Center refused the token: one refresh. */
  token_requests = attest_test_count_requests (fixture->sandbox, "POST", "/token");
  second_token = attest_test_get_token (fixture->session, ATTEST_TOKEN_FLAGS_FORCE_REFRESH, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attest_test_count_requests (fixture->sandbox, "POST", "/token"), ==,
                    token_requests + 1);

  second_refresh = attest_test_lookup_refresh_token (fixture->sandbox);
  g_assert_nonnull (second_refresh);
  g_assert_cmpstr (second_refresh, !=, first_refresh);

  client = attest_oauth_client_new (attest_sandbox_get_uri (fixture->sandbox),
                                    "attestsandbox.onmicrosoft.com",
                                    attest_sandbox_get_app_id (fixture->sandbox));
  attest_oauth_client_refresh_async (client, first_refresh, NULL, attest_test_store_result,
                                     &result);
  response = attest_oauth_client_get_token_finish (client, attest_test_wait_for_result (&result),
                                                   &error);
  g_assert_null (response);
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_GRANT);
}

/* A token with more than 5 minutes left is served from memory; one closer
 * to its end is renewed first. */
static void
test_refresh_before_expiry (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *again = NULL;
  g_autofree char *renewed = NULL;
  guint token_requests;

  g_assert_true (attest_test_sign_in_with_browser (fixture->session, &error));
  token_requests = attest_test_count_requests (fixture->sandbox, "POST", "/token");
  fresh = attest_test_get_token (fixture->session, ATTEST_TOKEN_FLAGS_NONE, &error);
  again = attest_test_get_token (fixture->session, ATTEST_TOKEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fresh, ==, again);
  g_assert_cmpuint (attest_test_count_requests (fixture->sandbox, "POST", "/token"), ==,
                    token_requests);

  /* Tokens that live 2 minutes are always inside the margin. */
  attest_sandbox_set_token_lifetime (fixture->sandbox, 120);
  g_clear_pointer (&renewed, g_free);
  renewed = attest_test_get_token (fixture->session, ATTEST_TOKEN_FLAGS_FORCE_REFRESH, &error);
  g_assert_no_error (error);
  g_clear_pointer (&renewed, g_free);
  token_requests = attest_test_count_requests (fixture->sandbox, "POST", "/token");
  renewed = attest_test_get_token (fixture->session, ATTEST_TOKEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attest_test_count_requests (fixture->sandbox, "POST", "/token"), ==,
                    token_requests + 1);
}

typedef struct
{
  guint  done;
  char  *tokens[3];
} Concurrent;

static void
on_concurrent_token (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Concurrent *concurrent = user_data;
  g_autoptr(GError) error = NULL;

  concurrent->tokens[concurrent->done++] =
    attest_token_provider_get_token_finish (ATTEST_TOKEN_PROVIDER (object), result, &error);
  g_assert_no_error (error);
}

static gboolean
all_done (gpointer user_data)
{
  return ((Concurrent *) user_data)->done == 3;
}

/* Three requests refused at once make one refresh, not three. */
static void
test_refresh_shared (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Concurrent concurrent = { 0 };
  guint token_requests;

  g_assert_true (attest_test_sign_in_with_browser (fixture->session, &error));
  token_requests = attest_test_count_requests (fixture->sandbox, "POST", "/token");

  for (guint i = 0; i < 3; i++)
    attest_token_provider_get_token_async (ATTEST_TOKEN_PROVIDER (fixture->session),
                                           ATTEST_TOKEN_FLAGS_FORCE_REFRESH, NULL,
                                           on_concurrent_token, &concurrent);
  g_assert_true (attest_test_wait_until (all_done, &concurrent, 30000));

  g_assert_cmpuint (attest_test_count_requests (fixture->sandbox, "POST", "/token"), ==,
                    token_requests + 1);
  g_assert_cmpstr (concurrent.tokens[0], ==, concurrent.tokens[1]);
  g_assert_cmpstr (concurrent.tokens[1], ==, concurrent.tokens[2]);
  for (guint i = 0; i < 3; i++)
    g_free (concurrent.tokens[i]);
}

/* A new session (a new run) signs in from the keyring, without a browser. */
static void
test_silent_sign_in (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AttestSession) next_run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *fresh = NULL;
  guint authorize_requests;

  g_assert_true (attest_test_sign_in_with_browser (fixture->session, &error));
  authorize_requests = attest_test_count_requests (fixture->sandbox, "GET", "/authorize");

  next_run = attest_session_new (fixture->config);
  /* Nothing in hand before the keyring was read. */
  g_assert_null (attest_token_provider_dup_fresh_token (ATTEST_TOKEN_PROVIDER (next_run)));
  token = attest_test_get_token (next_run, ATTEST_TOKEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  fresh = attest_token_provider_dup_fresh_token (ATTEST_TOKEN_PROVIDER (next_run));
  g_assert_cmpstr (fresh, ==, token);
  g_assert_true (attest_session_is_signed_in (next_run));
  g_assert_cmpstr (attest_session_get_tenant_id (next_run), ==,
                   attest_sandbox_get_tenant_id (fixture->sandbox));
  g_assert_cmpuint (attest_test_count_requests (fixture->sandbox, "GET", "/authorize"), ==,
                    authorize_requests);
}

static void
test_sign_out (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(AttestSession) next_run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *token = NULL;
  const GError *cause;

  g_assert_true (attest_test_sign_in_with_browser (fixture->session, &error));
  attest_test_sign_out (fixture->session);

  g_assert_false (attest_session_is_signed_in (fixture->session));
  stored = attest_test_lookup_refresh_token (fixture->sandbox);
  g_assert_null (stored);

  next_run = attest_session_new (fixture->config);
  g_assert_false (attest_test_sign_in_silently (next_run, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);

  /* The client hears it in its own words, and the sign-in's error stays
   * with it as the cause, in the same words. */
  token = attest_test_get_token (next_run, ATTEST_TOKEN_FLAGS_NONE, &error);
  g_assert_null (token);
  g_assert_error (error, ATTEST_TOKEN_PROVIDER_ERROR, ATTEST_TOKEN_PROVIDER_ERROR_NOT_SIGNED_IN);
  cause = attest_token_provider_error_get_cause (error);
  g_assert_nonnull (cause);
  g_assert_true (g_error_matches (cause, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_NOT_SIGNED_IN));
  g_assert_cmpstr (error->message, ==, cause->message);
}

/* Every keyring call is AttestTokenStore's: what it stores it finds under
 * the same sign-in, however its names are written, and no more once
 * cleared; clearing what is not there is no error. */
static void
test_token_store_round_trip (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GHashTable) same = NULL;
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GAsyncResult) found = NULL;
  g_autoptr(GAsyncResult) cleared = NULL;
  g_autoptr(GAsyncResult) missing = NULL;
  g_autoptr(GAsyncResult) cleared_again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *no_token = NULL;
  GAsyncResult *slot = NULL;

  attributes = attest_token_store_new_attributes ("https://login.example.com/",
                                                  "Contoso.onmicrosoft.com",
                                                  "0A1B2C3D-0000-4000-8000-00000000000A",
                                                  "Admin@Contoso.onmicrosoft.com");
  same = attest_token_store_new_attributes ("https://login.example.com",
                                            "contoso.onmicrosoft.com",
                                            "0a1b2c3d-0000-4000-8000-00000000000a",
                                            "admin@contoso.onmicrosoft.com");

  attest_token_store_store_async (attributes, "Attest test sign-in", "refresh-one", NULL,
                                  attest_test_store_result, &slot);
  stored = attest_test_wait_result (&slot);
  g_assert_true (attest_token_store_store_finish (stored, &error));
  g_assert_no_error (error);

  attest_token_store_lookup_async (same, NULL, attest_test_store_result, &slot);
  found = attest_test_wait_result (&slot);
  token = attest_token_store_lookup_finish (found, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "refresh-one");

  attest_token_store_clear_async (same, NULL, attest_test_store_result, &slot);
  cleared = attest_test_wait_result (&slot);
  g_assert_true (attest_token_store_clear_finish (cleared, &error));
  g_assert_no_error (error);

  attest_token_store_lookup_async (attributes, NULL, attest_test_store_result, &slot);
  missing = attest_test_wait_result (&slot);
  no_token = attest_token_store_lookup_finish (missing, &error);
  g_assert_no_error (error);
  g_assert_null (no_token);

  attest_token_store_clear_async (attributes, NULL, attest_test_store_result, &slot);
  cleared_again = attest_test_wait_result (&slot);
  g_assert_false (attest_token_store_clear_finish (cleared_again, &error));
  g_assert_no_error (error);
}

/* A stored refresh token the server no longer honours is removed. */
static void
test_revoked_refresh_token (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  const char *user = attest_sandbox_get_user (fixture->sandbox);

  attributes = attest_token_store_new_attributes (attest_sandbox_get_uri (fixture->sandbox),
                                                  strrchr (user, '@') + 1,
                                                  attest_sandbox_get_app_id (fixture->sandbox),
                                                  user);
  secret_password_storev_sync (attest_token_store_get_schema (), attributes, NULL, "revoked",
                               "revoked-refresh-token", NULL, &error);
  g_assert_no_error (error);

  g_assert_false (attest_test_sign_in_silently (fixture->session, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_GRANT);

  stored = attest_test_lookup_refresh_token (fixture->sandbox);
  g_assert_null (stored);
}

/* A device code that the person (the test) enters in its own time, with
 * polls every second. */
static AttestDeviceCode *
request_device_code (Fixture  *fixture,
                     GError  **error)
{
  AttestSession *session = fixture->session;

  attest_sandbox_set_auto_approve (fixture->sandbox, FALSE);
  attest_sandbox_set_device_code_interval (fixture->sandbox, 1);

  g_autoptr(GAsyncResult) result = NULL;

  attest_session_request_device_code_async (session, NULL, attest_test_store_result, &result);

  return attest_session_request_device_code_finish (session, attest_test_wait_for_result (&result),
                                                    error);
}

typedef struct
{
  const char   *user_code;
  GCancellable *cancellable;
  guint         polls;
} DeviceScript;

/* Counts @request when it is a poll of the token endpoint, and returns
 * whether it was. */
static gboolean
count_poll (DeviceScript               *script,
            const AttestSandboxRequest *request)
{
  if (!g_str_equal (request->method, "POST") || !g_str_has_suffix (request->path, "/token"))
    return FALSE;

  script->polls++;
  return TRUE;
}

/* Plays the server's pace and the person, each on a poll's arrival: after
 * the first (pending) the sandbox wants a minute between polls, far more
 * than the client's second however slow the machine, so the second poll is
 * answered with slow_down; after that the person approves. */
static void
on_poll_sign_in (AttestSandbox              *sandbox,
                 const AttestSandboxRequest *request,
                 gpointer                    user_data)
{
  DeviceScript *script = user_data;
  g_autoptr(GError) error = NULL;

  if (!count_poll (script, request))
    return;

  /* The signal comes once the poll is answered, not before, so the
   * switches below reach only the next poll. */
  if (script->polls == 1)
    {
      g_assert_cmpuint (request->status, ==, 400);
      attest_sandbox_set_device_code_interval (sandbox, 60);
    }
  else if (script->polls == 2)
    {
      g_assert_cmpuint (request->status, ==, 400);
      attest_sandbox_approve_device_code (sandbox, script->user_code, &error);
      g_assert_no_error (error);
    }
}

static const AttestSandboxRequest *
poll_at (GPtrArray *polls,
         guint      index)
{
  return g_ptr_array_index (polls, index);
}

static void
test_device_code_sign_in (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(AttestDeviceCode) code = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(GPtrArray) polls = NULL;
  DeviceScript script = { NULL };
  gulong handler_id;

  code = request_device_code (fixture, &error);
  g_assert_no_error (error);
  g_assert_nonnull (code->user_code);
  g_assert_nonnull (code->verification_uri);
  g_assert_cmpuint (code->interval, ==, 1);
  script.user_code = code->user_code;

  handler_id = g_signal_connect (fixture->sandbox, "request-received",
                                 G_CALLBACK (on_poll_sign_in), &script);
  g_assert_true (attest_test_sign_in_with_device_code (fixture->session, code, NULL, &error));
  g_signal_handler_disconnect (fixture->sandbox, handler_id);
  g_assert_no_error (error);
  g_assert_true (attest_session_is_signed_in (fixture->session));
  stored = attest_test_lookup_refresh_token (fixture->sandbox);
  g_assert_nonnull (stored);

  /* The polls: pending, slow_down, then, 5 seconds slower, the tokens. The
   * client waits with a seconds timeout, which GLib aligns to whole seconds
   * and so may end up to a quarter of a second early: by as much as the
   * answer to the poll before came late, as on a busy machine. */
  polls = attest_sandbox_find_requests (fixture->sandbox, "POST",
                                        "/attestsandbox.onmicrosoft.com/oauth2/v2.0/token");
  g_assert_cmpuint (polls->len, ==, 3);
  g_assert_cmpuint (script.polls, ==, 3);
  g_assert_cmpuint (poll_at (polls, 0)->status, ==, 400);
  g_assert_cmpuint (poll_at (polls, 1)->status, ==, 400);
  g_assert_cmpuint (poll_at (polls, 2)->status, ==, 200);
  g_assert_cmpint (poll_at (polls, 2)->time - poll_at (polls, 1)->time, >=,
                   6 * G_USEC_PER_SEC - G_USEC_PER_SEC / 4);
}

/* The person declines once the first poll has arrived. */
static void
on_poll_decline (AttestSandbox              *sandbox,
                 const AttestSandboxRequest *request,
                 gpointer                    user_data)
{
  DeviceScript *script = user_data;
  g_autoptr(GError) error = NULL;

  if (!count_poll (script, request) || script->polls != 1)
    return;

  attest_sandbox_decline_device_code (sandbox, script->user_code, &error);
  g_assert_no_error (error);
}

static void
test_device_code_declined (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(AttestDeviceCode) code = NULL;
  g_autoptr(GError) error = NULL;
  DeviceScript script = { NULL };
  gulong handler_id;

  code = request_device_code (fixture, &error);
  g_assert_no_error (error);
  script.user_code = code->user_code;

  handler_id = g_signal_connect (fixture->sandbox, "request-received",
                                 G_CALLBACK (on_poll_decline), &script);
  g_assert_false (attest_test_sign_in_with_device_code (fixture->session, code, NULL, &error));
  g_signal_handler_disconnect (fixture->sandbox, handler_id);
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_DEVICE_CODE_DECLINED);
  g_assert_cmpuint (script.polls, ==, 2);
}

static void
test_device_code_expired (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(AttestDeviceCode) code = NULL;
  g_autoptr(GError) error = NULL;

  attest_sandbox_set_device_code_lifetime (fixture->sandbox, 2);
  code = request_device_code (fixture, &error);
  g_assert_no_error (error);

  g_assert_false (attest_test_sign_in_with_device_code (fixture->session, code, NULL, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_DEVICE_CODE_EXPIRED);
  g_assert_false (attest_session_is_signed_in (fixture->session));
}

static void
test_device_code_public_client_flows (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(AttestDeviceCode) code = NULL;
  g_autoptr(GError) error = NULL;

  attest_sandbox_set_entra_faults (fixture->sandbox,
                                   ATTEST_SANDBOX_ENTRA_FAULT_PUBLIC_CLIENT_DISABLED);
  code = request_device_code (fixture, &error);
  if (code == NULL)
    {
      g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_PUBLIC_CLIENT_FLOWS);
      return;
    }

  g_assert_false (attest_test_sign_in_with_device_code (fixture->session, code, NULL, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_PUBLIC_CLIENT_FLOWS);
  g_assert_nonnull (strstr (error->message, "Allow public client flows"));
}

/* The person gives up while the first poll is on the wire. */
static void
on_poll_cancel (AttestSandbox              *sandbox,
                const AttestSandboxRequest *request,
                gpointer                    user_data)
{
  DeviceScript *script = user_data;

  if (count_poll (script, request) && script->polls == 1)
    g_cancellable_cancel (script->cancellable);
}

static void
test_device_code_cancel (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(AttestDeviceCode) code = NULL;
  g_autoptr(GCancellable) waiting = g_cancellable_new ();
  g_autoptr(GCancellable) polling = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  DeviceScript script = { NULL };
  gulong handler_id;

  code = request_device_code (fixture, &error);
  g_assert_no_error (error);

  /* Cancelled while it waits out the interval before the first poll: the
   * wait is scheduled before the call returns. */
  attest_session_sign_in_with_device_code_async (fixture->session, code, waiting,
                                                 attest_test_store_result, &result);
  g_cancellable_cancel (waiting);
  g_assert_false (attest_session_sign_in_finish (fixture->session,
                                                 attest_test_wait_for_result (&result),
                                                 &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (attest_test_count_requests (fixture->sandbox, "POST", "/token"), ==, 0);
  g_clear_error (&error);

  /* Cancelled while a poll is on the wire. */
  script.cancellable = polling;
  handler_id = g_signal_connect (fixture->sandbox, "request-received",
                                 G_CALLBACK (on_poll_cancel), &script);
  g_assert_false (attest_test_sign_in_with_device_code (fixture->session, code, polling,
                                                        &error));
  g_signal_handler_disconnect (fixture->sandbox, handler_id);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (script.polls, ==, 1);
  g_assert_false (attest_session_is_signed_in (fixture->session));
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_SIGN_IN);

#define ADD(path, func) \
  g_test_add ("/session/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("browser/sign-in", test_browser_sign_in);
  ADD ("browser/wrong-verifier", test_browser_wrong_verifier);
  ADD ("browser/timeout", test_browser_timeout);
  ADD ("browser/cancel", test_browser_cancel);
  ADD ("browser/refusals", test_browser_refusals);
  ADD ("mfa/refused", test_mfa_refused);
  ADD ("mfa/not-required", test_mfa_not_required);
  ADD ("settings/checked-first", test_settings_checked_first);
  ADD ("refresh/rotation", test_refresh_rotation);
  ADD ("refresh/before-expiry", test_refresh_before_expiry);
  ADD ("refresh/shared", test_refresh_shared);
  ADD ("refresh/revoked", test_revoked_refresh_token);
  ADD ("token-store/round-trip", test_token_store_round_trip);
  ADD ("silent/next-run", test_silent_sign_in);
  ADD ("sign-out", test_sign_out);
  ADD ("device-code/sign-in", test_device_code_sign_in);
  ADD ("device-code/declined", test_device_code_declined);
  ADD ("device-code/expired", test_device_code_expired);
  ADD ("device-code/public-client-flows", test_device_code_public_client_flows);
  ADD ("device-code/cancel", test_device_code_cancel);

#undef ADD

  return g_test_run ();
}
