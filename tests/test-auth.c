/* test-auth.c: PKCE, settings checks, error explanations and the answers of
 * Entra ID, without a server (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-auth-error.h"
#include "attest-authority.h"
#include "attest-oauth-client.h"
#include "attest-oauth-response.h"
#include "attest-pkce.h"
#include "attest-session-private.h"
#include "attest-test-utils.h"

static void
assert_url_safe (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_');
}

static void
test_pkce_verifier (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = attest_pkce_new_verifier (&error);
  g_autofree char *second = NULL;
  g_autofree char *state = NULL;

  g_assert_no_error (error);
  /* RFC 7636 §4.1: 43 to 128 unreserved characters. */
  g_assert_cmpuint (strlen (first), ==, 43);
  assert_url_safe (first);

  second = attest_pkce_new_verifier (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, !=, second);

  state = attest_pkce_new_state (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (state), >=, 43);
  assert_url_safe (state);
  g_assert_cmpstr (state, !=, first);
}

static void
test_pkce_challenge (void)
{
  /* RFC 7636 appendix B. */
  g_autofree char *challenge = attest_pkce_challenge_for ("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

static void
test_app_id (void)
{
  g_assert_true (attest_auth_app_id_is_valid ("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"));
  g_assert_true (attest_auth_app_id_is_valid ("0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0"));
  g_assert_false (attest_auth_app_id_is_valid (""));
  g_assert_false (attest_auth_app_id_is_valid (NULL));
  g_assert_false (attest_auth_app_id_is_valid ("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f"));
  g_assert_false (attest_auth_app_id_is_valid ("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f00"));
  g_assert_false (attest_auth_app_id_is_valid ("0f1e2d3c4b5a69788796a5b4c3d2e1f0"));
  g_assert_false (attest_auth_app_id_is_valid ("{0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0}"));
  g_assert_false (attest_auth_app_id_is_valid ("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1fg"));
  g_assert_false (attest_auth_app_id_is_valid ("0f1e2d3c_4b5a-6978-8796-a5b4c3d2e1f0"));
}

static void
test_authority_public_cloud (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_authority_check ("https://login.microsoftonline.com", &error));
  g_assert_no_error (error);
  g_assert_true (attest_authority_check ("https://login.microsoftonline.com/", &error));
  g_assert_no_error (error);
  /* A local emulator may use plain http; nothing else may. */
  g_assert_true (attest_authority_check ("http://127.0.0.1:43210", &error));
  g_assert_no_error (error);
  g_assert_true (attest_authority_check ("http://localhost:8080/", &error));
  g_assert_no_error (error);

  g_assert_false (attest_authority_check ("http://login.microsoftonline.com", &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_SETTINGS);
  g_assert_nonnull (strstr (error->message, "https://"));
  g_clear_error (&error);

  g_assert_false (attest_authority_check ("not a url", &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_SETTINGS);
  g_clear_error (&error);

  g_assert_false (attest_authority_check ("", &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_SETTINGS);
}

static void
test_authority_national_clouds (void)
{
  const char *authorities[] = {
    "https://login.chinacloudapi.cn",
    "https://login.partner.microsoftonline.cn/",
    "https://login.microsoftonline.us",
    "https://LOGIN.MICROSOFTONLINE.US/contoso.com",
  };

  for (guint i = 0; i < G_N_ELEMENTS (authorities); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (attest_authority_check (authorities[i], &error));
      g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_NATIONAL_CLOUD);
      g_assert_nonnull (strstr (error->message, "only in the public cloud"));
      g_assert_nonnull (strstr (error->message, authorities[i]));
    }
}

static void
test_authority_endpoint (void)
{
  g_autofree char *plain = attest_authority_build_endpoint ("https://login.microsoftonline.com",
                                                            "contoso.com", "token");
  g_autofree char *slashed = attest_authority_build_endpoint ("http://127.0.0.1:9/", "organizations",
                                                              "devicecode");

  g_assert_cmpstr (plain, ==, "https://login.microsoftonline.com/contoso.com/oauth2/v2.0/token");
  g_assert_cmpstr (slashed, ==, "http://127.0.0.1:9/organizations/oauth2/v2.0/devicecode");
}

static void
test_authorize_uri (void)
{
  g_autoptr(AttestOAuthClient) client = attest_oauth_client_new ("https://login.microsoftonline.com",
                                                                 "contoso.com",
                                                                 "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
  g_autofree char *text = attest_oauth_client_build_authorize_uri (client, "http://localhost:4711/",
                                                                   "the-state", "the-challenge",
                                                                   "admin@contoso.com");
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GHashTable) query = NULL;

  g_assert_nonnull (uri);
  g_assert_cmpstr (g_uri_get_scheme (uri), ==, "https");
  g_assert_cmpstr (g_uri_get_host (uri), ==, "login.microsoftonline.com");
  g_assert_cmpstr (g_uri_get_path (uri), ==, "/contoso.com/oauth2/v2.0/authorize");

  query = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  g_assert_cmpstr (g_hash_table_lookup (query, "client_id"), ==,
                   "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
  g_assert_cmpstr (g_hash_table_lookup (query, "response_type"), ==, "code");
  g_assert_cmpstr (g_hash_table_lookup (query, "redirect_uri"), ==, "http://localhost:4711/");
  g_assert_cmpstr (g_hash_table_lookup (query, "scope"), ==,
                   "https://api.partnercenter.microsoft.com/.default offline_access openid profile");
  g_assert_cmpstr (g_hash_table_lookup (query, "state"), ==, "the-state");
  g_assert_cmpstr (g_hash_table_lookup (query, "code_challenge"), ==, "the-challenge");
  g_assert_cmpstr (g_hash_table_lookup (query, "code_challenge_method"), ==, "S256");
  g_assert_cmpstr (g_hash_table_lookup (query, "login_hint"), ==, "admin@contoso.com");
}

typedef struct
{
  gint64      code;
  const char *oauth_error;
  int         expected;
  const char *fix;
} ErrorCase;

static void
test_errors_explained (void)
{
  const ErrorCase cases[] = {
    { 50011, "invalid_request", ATTEST_AUTH_ERROR_REDIRECT_URI, "http://localhost" },
    { 50011, "invalid_request", ATTEST_AUTH_ERROR_REDIRECT_URI, "“Mobile and desktop applications”" },
    { 7000218, "invalid_client", ATTEST_AUTH_ERROR_PUBLIC_CLIENT_FLOWS, "“Allow public client flows”" },
    { 50076, "invalid_grant", ATTEST_AUTH_ERROR_MFA_REQUIRED, "multi-factor authentication" },
    { 65001, "invalid_grant", ATTEST_AUTH_ERROR_CONSENT, "admin consent for Partner Center" },
    { 0, "invalid_grant", ATTEST_AUTH_ERROR_INVALID_GRANT, "Sign in again" },
    { 0, "access_denied", ATTEST_AUTH_ERROR_ACCESS_DENIED, "cancelled in the browser" },
    { 0, "expired_token", ATTEST_AUTH_ERROR_DEVICE_CODE_EXPIRED, "new code" },
    { 0, "authorization_declined", ATTEST_AUTH_ERROR_DEVICE_CODE_DECLINED, "declined" },
    { 0, "authorization_pending", ATTEST_AUTH_ERROR_AUTHORIZATION_PENDING, "" },
    { 0, "slow_down", ATTEST_AUTH_ERROR_SLOW_DOWN, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *description = g_strdup_printf ("AADSTS%" G_GINT64_FORMAT ": Something.",
                                                      cases[i].code);
      g_autoptr(GError) from_codes = NULL;
      g_autoptr(GError) from_text = NULL;

      /* The number comes in error_codes, and at the start of the description. */
      from_codes = attest_auth_error_new_from_oauth (cases[i].oauth_error, "",
                                                     cases[i].code != 0 ? &cases[i].code : NULL,
                                                     cases[i].code != 0 ? 1 : 0);
      g_assert_error (from_codes, ATTEST_AUTH_ERROR, cases[i].expected);
      g_assert_nonnull (strstr (from_codes->message, cases[i].fix));

      from_text = attest_auth_error_new_from_oauth (cases[i].oauth_error,
                                                    cases[i].code != 0 ? description : NULL,
                                                    NULL, 0);
      g_assert_error (from_text, ATTEST_AUTH_ERROR, cases[i].expected);
      g_assert_cmpstr (from_text->message, ==, from_codes->message);
    }
}

static void
test_errors_unknown (void)
{
  g_autoptr(GError) described = attest_auth_error_new_from_oauth ("temporarily_unavailable",
                                                                  "AADSTS90000: Try later.",
                                                                  NULL, 0);
  g_autoptr(GError) bare = attest_auth_error_new_from_oauth ("server_error", NULL, NULL, 0);

  g_assert_error (described, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_SERVER);
  g_assert_nonnull (strstr (described->message, "AADSTS90000: Try later."));
  g_assert_error (bare, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_SERVER);
  g_assert_nonnull (strstr (bare->message, "server_error"));
}

static void
test_errors_service_codes (void)
{
  g_autoptr(GError) legacy = attest_auth_error_new_for_service_code (10001);
  g_autoptr(GError) current = attest_auth_error_new_for_service_code (900421);
  g_autoptr(GError) from_sign_in = attest_auth_error_new_mfa_required ();

  g_assert_error (legacy, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_MFA_REQUIRED);
  g_assert_error (current, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_MFA_REQUIRED);
  /* The same words as a sign-in without MFA. */
  g_assert_cmpstr (current->message, ==, from_sign_in->message);
  g_assert_cmpstr (legacy->message, ==, from_sign_in->message);
  g_assert_null (attest_auth_error_new_for_service_code (600061));
  g_assert_true (attest_auth_error_is_mfa_service_code (900421));
  g_assert_false (attest_auth_error_is_mfa_service_code (401));
}

static GBytes *
bytes_for (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static void
test_token_response (void)
{
  g_autoptr(GBytes) body = bytes_for ("{\"token_type\":\"Bearer\",\"expires_in\":3599,"
                                      "\"access_token\":\"a.b.c\",\"refresh_token\":\"r1\","
                                      "\"id_token\":\"i.d.t\",\"scope\":\"x\"}");
  g_autoptr(GBytes) as_text = bytes_for ("{\"access_token\":\"a\",\"expires_in\":\"120\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestTokenResponse) response = attest_token_response_parse (200, body, &error);
  g_autoptr(AttestTokenResponse) text_response = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (response->access_token, ==, "a.b.c");
  g_assert_cmpstr (response->refresh_token, ==, "r1");
  g_assert_cmpstr (response->id_token, ==, "i.d.t");
  g_assert_cmpint (response->expires_in, ==, 3599);

  text_response = attest_token_response_parse (200, as_text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (text_response->expires_in, ==, 120);
  g_assert_null (text_response->refresh_token);
}

static void
test_token_response_errors (void)
{
  g_autoptr(GBytes) refused = bytes_for ("{\"error\":\"invalid_grant\",\"error_description\":"
                                         "\"AADSTS65001: The user or administrator has not "
                                         "consented.\",\"error_codes\":[65001],"
                                         "\"trace_id\":\"t\"}");
  g_autoptr(GBytes) html = bytes_for ("<html>Bad gateway</html>");
  g_autoptr(GBytes) empty_object = bytes_for ("{}");
  g_autoptr(GBytes) no_token = bytes_for ("{\"token_type\":\"Bearer\"}");
  g_autoptr(GBytes) wrong_types = bytes_for ("{\"access_token\":{\"value\":\"a\"},"
                                             "\"expires_in\":[1]}");
  g_autoptr(GBytes) wrong_error = bytes_for ("{\"error\":7,\"error_description\":[]}");
  g_autoptr(GError) error = NULL;

  g_assert_null (attest_token_response_parse (400, refused, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_CONSENT);
  g_clear_error (&error);

  g_assert_null (attest_token_response_parse (502, html, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "502"));
  g_clear_error (&error);

  g_assert_null (attest_token_response_parse (500, empty_object, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_SERVER);
  g_clear_error (&error);

  g_assert_null (attest_token_response_parse (200, no_token, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  g_assert_null (attest_token_response_parse (200, NULL, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  /* A member of the wrong type counts as missing. */
  g_assert_null (attest_token_response_parse (200, wrong_types, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_RESPONSE);
  g_clear_error (&error);

  g_assert_null (attest_token_response_parse (400, wrong_error, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_SERVER);
}

static void
test_token_response_lifetime (void)
{
  g_autoptr(GBytes) huge = bytes_for ("{\"access_token\":\"a\",\"expires_in\":1e300}");
  g_autoptr(GBytes) negative = bytes_for ("{\"access_token\":\"a\",\"expires_in\":\"-5\"}");
  g_autoptr(GBytes) fraction = bytes_for ("{\"access_token\":\"a\",\"expires_in\":3599.9}");
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestTokenResponse) unreadable = attest_token_response_parse (200, huge, &error);
  g_autoptr(AttestTokenResponse) in_past = attest_token_response_parse (200, negative, &error);
  g_autoptr(AttestTokenResponse) rounded = attest_token_response_parse (200, fraction, &error);

  g_assert_no_error (error);
  /* Unreadable counts as "expires now", so the token is refreshed before use. */
  g_assert_cmpint (unreadable->expires_in, ==, 0);
  g_assert_cmpint (in_past->expires_in, ==, 0);
  g_assert_cmpint (rounded->expires_in, ==, 3599);
}

static void
test_device_code_response (void)
{
  g_autoptr(GBytes) body = bytes_for ("{\"device_code\":\"dc\",\"user_code\":\"ABCD-EFGH\","
                                      "\"verification_uri\":\"https://microsoft.com/devicelogin\","
                                      "\"expires_in\":900,\"interval\":5,"
                                      "\"message\":\"To sign in, use a web browser.\"}");
  g_autoptr(GBytes) refused = bytes_for ("{\"error\":\"invalid_client\",\"error_description\":"
                                         "\"AADSTS7000218: The request body must contain "
                                         "client_assertion or client_secret.\"}");
  g_autoptr(GBytes) incomplete = bytes_for ("{\"device_code\":\"dc\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestDeviceCode) code = attest_device_code_parse (200, body, &error);
  g_autoptr(AttestDeviceCode) copy = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (code->user_code, ==, "ABCD-EFGH");
  g_assert_cmpstr (code->verification_uri, ==, "https://microsoft.com/devicelogin");
  g_assert_cmpstr (code->device_code, ==, "dc");
  g_assert_cmpint (code->expires_in, ==, 900);
  g_assert_cmpuint (code->interval, ==, 5);

  copy = attest_device_code_copy (code);
  g_assert_cmpstr (copy->device_code, ==, "dc");
  g_assert_cmpstr (copy->message, ==, code->message);

  g_assert_null (attest_device_code_parse (400, refused, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_PUBLIC_CLIENT_FLOWS);
  g_clear_error (&error);

  g_assert_null (attest_device_code_parse (200, incomplete, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_RESPONSE);
}

/* The browser runs on its own and no one waits for it: the test watches
 * its directory, whose events wake the main context to look again. */
static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* $BROWSER: commands separated by colons, the first that starts wins; the
 * address replaces "%s", or comes last. */
static void
test_browser_command (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_dir_make_tmp ("attest-browser-XXXXXX", &error);
  g_autofree char *substituted = g_build_filename (directory, "opened-page", NULL);
  g_autofree char *appended = g_build_filename (directory, "appended", NULL);
  g_autofree char *browser = NULL;
  g_autoptr(GFile) watched = NULL;
  g_autoptr(GFileMonitor) monitor = NULL;

  g_assert_no_error (error);
  watched = g_file_new_for_path (directory);
  monitor = g_file_monitor_directory (watched, G_FILE_MONITOR_NONE, NULL, &error);
  g_assert_no_error (error);

  browser = g_strdup_printf ("no-such-browser-for-attest:touch '%s/opened-%%s'", directory);
  g_setenv ("BROWSER", browser, TRUE);
  g_assert_true (attest_browser_launch ("page", &error));
  g_assert_no_error (error);
  g_assert_true (attest_test_wait_until (file_exists, substituted, 20000));

  g_setenv ("BROWSER", "touch", TRUE);
  g_assert_true (attest_browser_launch (appended, &error));
  g_assert_no_error (error);
  g_assert_true (attest_test_wait_until (file_exists, appended, 20000));

  g_setenv ("BROWSER", "no-such-browser-for-attest", TRUE);
  g_assert_false (attest_browser_launch ("page", &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_BROWSER);
  g_assert_nonnull (strstr (error->message, "device code"));

  g_unsetenv ("BROWSER");
  g_clear_object (&monitor);
  attest_test_remove_tree (directory);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/auth/pkce/verifier", test_pkce_verifier);
  g_test_add_func ("/auth/pkce/challenge", test_pkce_challenge);
  g_test_add_func ("/auth/settings/app-id", test_app_id);
  g_test_add_func ("/auth/authority/public-cloud", test_authority_public_cloud);
  g_test_add_func ("/auth/authority/national-clouds", test_authority_national_clouds);
  g_test_add_func ("/auth/authority/endpoint", test_authority_endpoint);
  g_test_add_func ("/auth/authorize-uri", test_authorize_uri);
  g_test_add_func ("/auth/errors/explained", test_errors_explained);
  g_test_add_func ("/auth/errors/unknown", test_errors_unknown);
  g_test_add_func ("/auth/errors/service-codes", test_errors_service_codes);
  g_test_add_func ("/auth/response/token", test_token_response);
  g_test_add_func ("/auth/response/token-errors", test_token_response_errors);
  g_test_add_func ("/auth/response/token-lifetime", test_token_response_lifetime);
  g_test_add_func ("/auth/response/device-code", test_device_code_response);
  g_test_add_func ("/auth/browser-command", test_browser_command);

  return g_test_run ();
}
