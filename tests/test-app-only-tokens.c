/* test-app-only-tokens.c: the AppOnly credential's tokens, by the
 * client-credentials grant against the sandbox's Entra ID (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "attest-app-only-tokens.h"
#include "attest-auth-error.h"
#include "attest-test-sign-in.h"
#include "attest-test-utils.h"
#include "attest-token-claims.h"

#define FOREIGN_TENANT "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"

static AttestAppOnlyTokens *
new_tokens (AttestSandbox *sandbox,
            const char    *tenant,
            const char    *secret)
{
  return attest_app_only_tokens_new (attest_sandbox_get_uri (sandbox), tenant,
                                     attest_sandbox_get_app_client_id (sandbox), secret);
}

static char *
get_token (AttestAppOnlyTokens  *tokens,
           AttestTokenFlags      flags,
           GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  attest_token_provider_get_token_async (ATTEST_TOKEN_PROVIDER (tokens), flags, NULL,
                                         attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);

  return attest_token_provider_get_token_finish (ATTEST_TOKEN_PROVIDER (tokens), result, error);
}

static const AttestSandboxRequest *
last_token_request (AttestSandbox *sandbox)
{
  for (guint i = attest_sandbox_get_request_count (sandbox); i > 0; i--)
    {
      const AttestSandboxRequest *request = attest_sandbox_get_request (sandbox, i - 1);

      if (g_str_equal (request->method, "POST") && g_str_has_suffix (request->path, "/token"))
        return request;
    }

  g_assert_not_reached ();
}

static GHashTable *
decode_form (const AttestSandboxRequest *request)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (request->body, NULL),
                                     g_bytes_get_size (request->body));

  return soup_form_decode (text);
}

/* The grant: a token of the partner's tenant for the web app, with no user
 * in it, kept and served again until it nears its end. */
static void
test_token (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_test_start_sandbox ();
  g_autoptr(AttestAppOnlyTokens) tokens = NULL;
  g_autoptr(AttestTokenClaims) claims = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autofree char *token = NULL;
  g_autofree char *again = NULL;
  g_autofree char *renewed = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  const AttestSandboxRequest *request;

  tokens = new_tokens (sandbox, attest_sandbox_get_tenant_id (sandbox),
                       attest_sandbox_get_app_client_secret (sandbox));
  g_assert_null (attest_token_provider_dup_fresh_token (ATTEST_TOKEN_PROVIDER (tokens)));

  token = get_token (tokens, ATTEST_TOKEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);

  claims = attest_token_claims_parse (token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (claims->tenant_id, ==, attest_sandbox_get_tenant_id (sandbox));
  g_assert_cmpstr (claims->app_id, ==, attest_sandbox_get_app_client_id (sandbox));
  g_assert_null (claims->user);
  g_assert_false (claims->mfa);
  g_assert_cmpstr (attest_app_only_tokens_get_tenant_id (tokens), ==,
                   attest_sandbox_get_tenant_id (sandbox));

  /* What went to the token endpoint: the client-credentials grant in the
   * partner's tenant, for Partner Center. */
  request = last_token_request (sandbox);
  path = g_strdup_printf ("/%s/oauth2/v2.0/token", attest_sandbox_get_tenant_id (sandbox));
  g_assert_cmpstr (request->path, ==, path);
  form = decode_form (request);
  g_assert_cmpstr (g_hash_table_lookup (form, "grant_type"), ==, "client_credentials");
  g_assert_cmpstr (g_hash_table_lookup (form, "client_id"), ==,
                   attest_sandbox_get_app_client_id (sandbox));
  g_assert_cmpstr (g_hash_table_lookup (form, "client_secret"), ==,
                   attest_sandbox_get_app_client_secret (sandbox));
  g_assert_cmpstr (g_hash_table_lookup (form, "scope"), ==,
                   "https://api.partnercenter.microsoft.com/.default");

  /* Kept: served again without a request, until Partner Center refuses it. */
  again = get_token (tokens, ATTEST_TOKEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, token);
  g_assert_cmpuint (attest_test_count_requests (sandbox, "POST", "/token"), ==, 1);
  g_clear_pointer (&again, g_free);
  again = attest_token_provider_dup_fresh_token (ATTEST_TOKEN_PROVIDER (tokens));
  g_assert_cmpstr (again, ==, token);

  renewed = get_token (tokens, ATTEST_TOKEN_FLAGS_FORCE_REFRESH, &error);
  g_assert_no_error (error);
  g_assert_nonnull (renewed);
  g_assert_cmpuint (attest_test_count_requests (sandbox, "POST", "/token"), ==, 2);
}

static gboolean
both_arrived (gpointer user_data)
{
  GAsyncResult **slots = user_data;

  return slots[0] != NULL && slots[1] != NULL;
}

/* Requests that need a token at once share one grant. */
static void
test_one_grant_for_many (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_test_start_sandbox ();
  g_autoptr(AttestAppOnlyTokens) tokens = NULL;
  GAsyncResult *slots[2] = { NULL, NULL };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;

  tokens = new_tokens (sandbox, attest_sandbox_get_tenant_id (sandbox),
                       attest_sandbox_get_app_client_secret (sandbox));
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    attest_token_provider_get_token_async (ATTEST_TOKEN_PROVIDER (tokens),
                                           ATTEST_TOKEN_FLAGS_NONE, NULL,
                                           attest_test_store_result, &slots[i]);
  g_assert_true (attest_test_wait_until (both_arrived, slots, 30000));

  first = attest_token_provider_get_token_finish (ATTEST_TOKEN_PROVIDER (tokens), slots[0],
                                                  &error);
  g_assert_no_error (error);
  second = attest_token_provider_get_token_finish (ATTEST_TOKEN_PROVIDER (tokens), slots[1],
                                                   &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpuint (attest_test_count_requests (sandbox, "POST", "/token"), ==, 1);

  g_object_unref (slots[0]);
  g_object_unref (slots[1]);
}

/* The partner tenant named by its domain: the tokens say its ID, which is
 * what the keyring keeps. */
static void
test_tenant_by_domain (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_test_start_sandbox ();
  g_autoptr(AttestAppOnlyTokens) tokens = NULL;
  g_autoptr(AttestAppCredential) credential = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;
  const char *domain = strrchr (attest_sandbox_get_user (sandbox), '@') + 1;

  tokens = new_tokens (sandbox, domain, attest_sandbox_get_app_client_secret (sandbox));
  credential = attest_app_only_tokens_dup_credential (tokens);
  g_assert_cmpstr (credential->tenant_id, ==, domain);
  g_clear_pointer (&credential, attest_app_credential_free);

  token = get_token (tokens, ATTEST_TOKEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attest_app_only_tokens_get_tenant (tokens), ==, domain);
  g_assert_cmpstr (attest_app_only_tokens_get_tenant_id (tokens), ==,
                   attest_sandbox_get_tenant_id (sandbox));

  credential = attest_app_only_tokens_dup_credential (tokens);
  g_assert_cmpstr (credential->tenant_id, ==, attest_sandbox_get_tenant_id (sandbox));
  g_assert_cmpstr (credential->secret, ==, attest_sandbox_get_app_client_secret (sandbox));
}

static void
assert_explained (const GError    *error,
                  AttestAuthError  cause,
                  const char      *code,
                  const char      *secret)
{
  const GError *own = attest_token_provider_error_get_cause (error);

  g_assert_nonnull (own);
  g_assert_error (own, ATTEST_AUTH_ERROR, (gint) cause);
  g_assert_cmpstr (error->message, ==, own->message);
  g_assert_nonnull (strstr (error->message, code));
  g_assert_nonnull (strstr (error->message, "Account settings › App management"));
  g_assert_nonnull (strstr (error->message, "Add new key"));
  g_assert_null (strstr (error->message, secret));
}

/* A wrong secret, then the right one once it has expired: each says what
 * happened and how to make a new secret, and no token is kept. */
static void
test_secret_refused (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_test_start_sandbox ();
  g_autoptr(AttestAppOnlyTokens) wrong = NULL;
  g_autoptr(AttestAppOnlyTokens) expired = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;
  const char *secret = attest_sandbox_get_app_client_secret (sandbox);
  g_autofree char *wrong_secret = g_strconcat (secret, "x", NULL);

  wrong = new_tokens (sandbox, attest_sandbox_get_tenant_id (sandbox), wrong_secret);
  token = get_token (wrong, ATTEST_TOKEN_FLAGS_NONE, &error);
  g_assert_null (token);
  g_assert_error (error, ATTEST_TOKEN_PROVIDER_ERROR, ATTEST_TOKEN_PROVIDER_ERROR_NOT_SIGNED_IN);
  assert_explained (error, ATTEST_AUTH_ERROR_CLIENT_SECRET_REFUSED, "AADSTS7000215",
                    wrong_secret);
  g_assert_null (attest_token_provider_dup_fresh_token (ATTEST_TOKEN_PROVIDER (wrong)));
  g_assert_null (attest_app_only_tokens_get_tenant_id (wrong));
  g_clear_error (&error);

  attest_sandbox_expire_app_secret (sandbox);
  expired = new_tokens (sandbox, attest_sandbox_get_tenant_id (sandbox), secret);
  token = get_token (expired, ATTEST_TOKEN_FLAGS_NONE, &error);
  g_assert_null (token);
  g_assert_error (error, ATTEST_TOKEN_PROVIDER_ERROR, ATTEST_TOKEN_PROVIDER_ERROR_EXPIRED);
  assert_explained (error, ATTEST_AUTH_ERROR_CLIENT_SECRET_EXPIRED, "AADSTS7000222", secret);
}

/* A token of another tenant than the App+User sign-in's is refused, with
 * both tenants named; with no sign-in to compare with, it is taken. */
static void
test_foreign_tenant_refused (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_test_start_sandbox ();
  g_autoptr(AttestAppOnlyTokens) tokens = NULL;
  g_autoptr(AttestTokenClaims) claims = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;
  const GError *cause;

  tokens = new_tokens (sandbox, FOREIGN_TENANT, attest_sandbox_get_app_client_secret (sandbox));
  attest_app_only_tokens_set_expected_tenant_id (tokens, attest_sandbox_get_tenant_id (sandbox));
  g_assert_cmpstr (attest_app_only_tokens_get_expected_tenant_id (tokens), ==,
                   attest_sandbox_get_tenant_id (sandbox));

  token = get_token (tokens, ATTEST_TOKEN_FLAGS_NONE, &error);
  g_assert_null (token);
  g_assert_error (error, ATTEST_TOKEN_PROVIDER_ERROR, ATTEST_TOKEN_PROVIDER_ERROR_NOT_SIGNED_IN);
  cause = attest_token_provider_error_get_cause (error);
  g_assert_error (cause, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_WRONG_TENANT);
  g_assert_nonnull (strstr (error->message, FOREIGN_TENANT));
  g_assert_nonnull (strstr (error->message, attest_sandbox_get_tenant_id (sandbox)));
  g_assert_null (attest_token_provider_dup_fresh_token (ATTEST_TOKEN_PROVIDER (tokens)));
  g_clear_error (&error);

  /* The sandbox did hand out a token: the check is the client's. */
  attest_app_only_tokens_set_expected_tenant_id (tokens, NULL);
  token = get_token (tokens, ATTEST_TOKEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  claims = attest_token_claims_parse (token, NULL);
  g_assert_cmpstr (claims->tenant_id, ==, FOREIGN_TENANT);

  /* Naming the sign-in's tenant again drops the token checked without it. */
  attest_app_only_tokens_set_expected_tenant_id (tokens, attest_sandbox_get_tenant_id (sandbox));
  g_assert_null (attest_token_provider_dup_fresh_token (ATTEST_TOKEN_PROVIDER (tokens)));
}

/* An Application ID the tenant does not know says where to copy it from. */
static void
test_unknown_application (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_test_start_sandbox ();
  g_autoptr(AttestAppOnlyTokens) tokens = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  tokens = attest_app_only_tokens_new (attest_sandbox_get_uri (sandbox),
                                       attest_sandbox_get_tenant_id (sandbox), FOREIGN_TENANT,
                                       attest_sandbox_get_app_client_secret (sandbox));
  token = get_token (tokens, ATTEST_TOKEN_FLAGS_NONE, &error);
  g_assert_null (token);
  g_assert_error (error, ATTEST_TOKEN_PROVIDER_ERROR, ATTEST_TOKEN_PROVIDER_ERROR_NOT_SIGNED_IN);
  g_assert_error (attest_token_provider_error_get_cause (error), ATTEST_AUTH_ERROR,
                  ATTEST_AUTH_ERROR_APP_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "AADSTS700016"));
  g_assert_nonnull (strstr (error->message, "App management"));
}

/* The tenant "organizations" is no tenant for this grant. */
static void
test_tenant_required (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_test_start_sandbox ();
  g_autoptr(AttestAppOnlyTokens) tokens = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  tokens = new_tokens (sandbox, "organizations", attest_sandbox_get_app_client_secret (sandbox));
  token = get_token (tokens, ATTEST_TOKEN_FLAGS_NONE, &error);
  g_assert_null (token);
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_SERVER);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/app-only-tokens/token", test_token);
  g_test_add_func ("/app-only-tokens/one-grant-for-many", test_one_grant_for_many);
  g_test_add_func ("/app-only-tokens/tenant-by-domain", test_tenant_by_domain);
  g_test_add_func ("/app-only-tokens/secret-refused", test_secret_refused);
  g_test_add_func ("/app-only-tokens/foreign-tenant-refused", test_foreign_tenant_refused);
  g_test_add_func ("/app-only-tokens/unknown-application", test_unknown_application);
  g_test_add_func ("/app-only-tokens/tenant-required", test_tenant_required);

  return g_test_run ();
}
