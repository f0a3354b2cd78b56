/* test-connection.c: which Partner Center a client talks to, and with which
 * token (unit suite: the sandbox on 127.0.0.1, in this process)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-auth-error.h"
#include "attest-connection.h"
#include "attest-test-sign-in.h"
#include "attest-token-claims.h"
#include "attest-test-submission.h"
#include "attest-test-utils.h"

/* How many customers @client fetches; fails the test when it cannot. */
static guint
count_fetched (AttestPartnerClient *client)
{
  g_autoptr(GPtrArray) records = attest_test_fetch_records (client);

  return records->len;
}

/* The settings of a partner signed in to nobody yet, for @sandbox. */
static AttestConfig *
new_config (AttestSandbox *sandbox)
{
  AttestConfig *config = attest_test_new_sandbox_config (sandbox);

  g_free (config->api_base);
  config->api_base = g_strdup (attest_sandbox_get_uri (sandbox));

  return config;
}

static AttestSandbox *
start_sandbox (guint customers)
{
  AttestSandbox *sandbox = attest_sandbox_new (3);
  g_autoptr(GError) error = NULL;

  attest_sandbox_set_customer_count (sandbox, customers);
  attest_sandbox_set_auto_approve (sandbox, TRUE);
  g_assert_true (attest_sandbox_start (sandbox, 0, &error));
  g_assert_no_error (error);

  return sandbox;
}

/* Nobody signed in: the sign-in comes first, and a client made anyway
 * asks the session, which says so in the client's words. */
static void
test_sign_in_needed (void)
{
  g_autoptr(AttestSandbox) sandbox = start_sandbox (5);
  g_autoptr(AttestConfig) config = new_config (sandbox);
  g_autoptr(AttestConnection) connection = attest_connection_new (g_steal_pointer (&config));
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  g_assert_true (attest_connection_needs_sign_in (connection));
  g_assert_false (attest_session_is_signed_in (attest_connection_get_session (connection)));

  client = attest_connection_new_partner_client (connection, &error);
  g_assert_no_error (error);
  attest_partner_client_fetch_records_async (client, NULL, NULL, NULL, attest_test_store_result,
                                             &slot);
  result = attest_test_wait_result (&slot);
  records = attest_partner_client_fetch_records_finish (client, result, &error);
  g_assert_null (records);
  g_assert_error (error, ATTEST_TOKEN_PROVIDER_ERROR, ATTEST_TOKEN_PROVIDER_ERROR_NOT_SIGNED_IN);
  g_assert_cmpuint (attest_sandbox_get_request_count (sandbox), ==, 0);

  attest_sandbox_stop (sandbox);
}

/* --sandbox: a sandbox of its own, signed in as its partner, with the
 * configuration pointed at it. */
static void
test_sandbox_in_process (void)
{
  g_autoptr(AttestConnection) connection = attest_connection_new (attest_config_new ());
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(GError) error = NULL;
  AttestSandbox *sandbox;

  g_assert_null (attest_connection_get_sandbox (connection));
  g_assert_true (attest_connection_start_sandbox (connection, 7, &error));
  g_assert_no_error (error);

  sandbox = attest_connection_get_sandbox (connection);
  g_assert_nonnull (sandbox);
  g_assert_false (attest_connection_needs_sign_in (connection));
  g_assert_cmpstr (attest_connection_get_config (connection)->api_base, ==,
                   attest_sandbox_get_uri (sandbox));
  g_assert_cmpstr (attest_connection_get_config (connection)->authority, ==,
                   attest_sandbox_get_uri (sandbox));

  /* A second start keeps the first sandbox. */
  g_assert_true (attest_connection_start_sandbox (connection, 9, &error));
  g_assert_true (attest_connection_get_sandbox (connection) == sandbox);

  client = attest_connection_new_partner_client (connection, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_fetched (client), ==, 7);

  /* Microsoft's current flow unless the settings ask for the classic one. */
  g_assert_false (attest_sandbox_get_classic (sandbox));
}

/* --sandbox --classic: the sandbox serves the classic service. */
static void
test_sandbox_classic (void)
{
  AttestConfig *config = attest_config_new ();
  g_autoptr(AttestConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  config->classic = TRUE;
  connection = attest_connection_new (config);
  g_assert_true (attest_connection_start_sandbox (connection, 3, &error));
  g_assert_no_error (error);
  g_assert_true (attest_sandbox_get_classic (attest_connection_get_sandbox (connection)));
}

/* A sandbox in another process is reached by its address, signed in by
 * the device code flow it approves at once. */
static void
test_sandbox_by_address (void)
{
  g_autoptr(AttestSandbox) sandbox = start_sandbox (4);
  g_autoptr(AttestConnection) connection = attest_connection_new (attest_config_new ());
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  attest_connection_sign_in_to_sandbox_async (connection, attest_sandbox_get_uri (sandbox),
                                              attest_sandbox_get_app_id (sandbox), NULL,
                                              attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);
  g_assert_true (attest_connection_sign_in_to_sandbox_finish (connection, result, &error));
  g_assert_no_error (error);

  g_assert_null (attest_connection_get_sandbox (connection));
  g_assert_false (attest_connection_needs_sign_in (connection));
  g_assert_cmpuint (attest_test_count_requests (sandbox, "POST", "/devicecode"), ==, 1);

  client = attest_connection_new_partner_client (connection, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_fetched (client), ==, 4);

  attest_sandbox_stop (sandbox);
}

/* ATTEST_ACCESS_TOKEN: used as it is, when it is a token with MFA; else
 * the command says what is wrong with it. */
static void
test_access_token (void)
{
  g_autoptr(AttestSandbox) sandbox = start_sandbox (3);
  g_autoptr(AttestConfig) config = new_config (sandbox);
  g_autoptr(AttestConnection) connection = attest_connection_new (g_steal_pointer (&config));
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(AttestPartnerClient) refused = NULL;
  g_autofree char *token = attest_sandbox_mint_access_token (sandbox, 3600);
  g_autofree char *without_mfa = NULL;
  g_autoptr(GError) error = NULL;

  attest_connection_set_access_token (connection, "");
  g_assert_true (attest_connection_needs_sign_in (connection));

  attest_connection_set_access_token (connection, "Bearer not-a-token");
  g_assert_false (attest_connection_needs_sign_in (connection));
  refused = attest_connection_new_partner_client (connection, &error);
  g_assert_null (refused);
  g_assert_error (error, ATTEST_TOKEN_PROVIDER_ERROR, ATTEST_TOKEN_PROVIDER_ERROR_NOT_SIGNED_IN);
  g_assert_nonnull (strstr (error->message, "ATTEST_ACCESS_TOKEN"));
  g_clear_error (&error);

  attest_sandbox_set_user_mfa (sandbox, FALSE);
  without_mfa = attest_sandbox_mint_access_token (sandbox, 3600);
  attest_sandbox_set_user_mfa (sandbox, TRUE);
  attest_connection_set_access_token (connection, without_mfa);
  refused = attest_connection_new_partner_client (connection, &error);
  g_assert_null (refused);
  g_assert_error (error, ATTEST_TOKEN_PROVIDER_ERROR, ATTEST_TOKEN_PROVIDER_ERROR_MFA_REQUIRED);
  g_clear_error (&error);

  attest_connection_set_access_token (connection, token);
  client = attest_connection_new_partner_client (connection, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_fetched (client), ==, 3);

  attest_sandbox_stop (sandbox);
}

static char *
get_app_token (AttestTokenProvider  *tokens,
               GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  attest_token_provider_get_token_async (tokens, ATTEST_TOKEN_FLAGS_NONE, NULL,
                                         attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);

  return attest_token_provider_get_token_finish (tokens, result, error);
}

/* --sandbox: the sandbox partner's web app is there too, without asking,
 * and goes with every client for the AppOnly routes. */
static void
test_sandbox_app_credential (void)
{
  g_autoptr(AttestConnection) connection = attest_connection_new (attest_config_new ());
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(AttestTokenClaims) claims = NULL;
  g_autofree char *token = NULL;
  g_autofree char *tenant = NULL;
  g_autoptr(GError) error = NULL;
  AttestAppOnlyTokens *app_tokens;
  AttestSandbox *sandbox;

  g_assert_null (attest_connection_get_app_only_tokens (connection));
  g_assert_true (attest_connection_start_sandbox (connection, 3, &error));
  g_assert_no_error (error);
  sandbox = attest_connection_get_sandbox (connection);

  app_tokens = attest_connection_get_app_only_tokens (connection);
  g_assert_nonnull (app_tokens);
  g_assert_cmpstr (attest_app_only_tokens_get_application_id (app_tokens), ==,
                   attest_sandbox_get_app_client_id (sandbox));
  g_assert_cmpstr (attest_app_only_tokens_get_expected_tenant_id (app_tokens), ==,
                   attest_sandbox_get_tenant_id (sandbox));
  tenant = attest_connection_dup_app_tenant (connection);
  g_assert_cmpstr (tenant, ==, attest_sandbox_get_tenant_id (sandbox));

  client = attest_connection_new_partner_client (connection, &error);
  g_assert_no_error (error);
  g_assert_true (attest_partner_client_get_app_token_provider (client)
                 == ATTEST_TOKEN_PROVIDER (app_tokens));
  g_assert_true (attest_partner_client_get_token_provider (client)
                 != ATTEST_TOKEN_PROVIDER (app_tokens));

  token = get_app_token (attest_partner_client_get_app_token_provider (client), &error);
  g_assert_no_error (error);
  claims = attest_token_claims_parse (token, NULL);
  g_assert_cmpstr (claims->tenant_id, ==, attest_sandbox_get_tenant_id (sandbox));
  g_assert_null (claims->user);
}

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* Nobody to tell the tenant: Attest says so and asks nothing. */
static void
test_app_credential_needs_tenant (void)
{
  g_autoptr(AttestSandbox) sandbox = start_sandbox (1);
  g_autoptr(AttestConfig) config = new_config (sandbox);
  g_autoptr(AttestConnection) connection = NULL;
  g_autofree char *tenant = NULL;
  g_autoptr(GError) error = NULL;

  g_free (config->user);
  config->user = g_strdup ("");
  connection = attest_connection_new (g_steal_pointer (&config));
  tenant = attest_connection_dup_app_tenant (connection);
  g_assert_null (tenant);

  g_assert_false (attest_test_add_app_credential (connection, attest_sandbox_get_app_client_id (sandbox),
                                      attest_sandbox_get_app_client_secret (sandbox), &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_SETTINGS);
  g_assert_nonnull (strstr (error->message, "--tenant"));
  g_clear_error (&error);

  g_assert_false (attest_test_add_app_credential (connection, "not-a-guid",
                                      attest_sandbox_get_app_client_secret (sandbox), &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_SETTINGS);
  g_assert_cmpuint (attest_sandbox_get_request_count (sandbox), ==, 0);
  g_assert_null (attest_connection_get_app_only_tokens (connection));

  attest_sandbox_stop (sandbox);
}

/* Added: checked with a token first, so a refused secret leaves nothing;
 * then kept, used by the clients made from then on, and found by the
 * next run. (The keyring is written once here; removing it is tested
 * against a real keyring, test-app-credential-keyring.c.) */
static void
test_app_credential_add (void)
{
  g_autoptr(AttestSandbox) sandbox = start_sandbox (2);
  g_autoptr(AttestConfig) config = new_config (sandbox);
  g_autoptr(AttestConfig) next_config = new_config (sandbox);
  g_autoptr(AttestConnection) connection = NULL;
  g_autoptr(AttestConnection) next_run = NULL;
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autofree char *wrong_secret = NULL;
  g_autofree char *tenant = NULL;
  g_autoptr(GError) error = NULL;
  const char *secret = attest_sandbox_get_app_client_secret (sandbox);
  const char *domain = strrchr (attest_sandbox_get_user (sandbox), '@') + 1;
  AttestAppOnlyTokens *app_tokens;
  guint notified = 0;

  connection = attest_connection_new (g_steal_pointer (&config));
  g_signal_connect (connection, "notify::app-only-tokens", G_CALLBACK (on_notify_count),
                    &notified);
  tenant = attest_connection_dup_app_tenant (connection);
  g_assert_cmpstr (tenant, ==, domain);

  wrong_secret = g_strconcat ("x", secret, NULL);
  g_assert_false (attest_test_add_app_credential (connection, attest_sandbox_get_app_client_id (sandbox),
                                      wrong_secret, &error));
  g_assert_error (error, ATTEST_TOKEN_PROVIDER_ERROR, ATTEST_TOKEN_PROVIDER_ERROR_NOT_SIGNED_IN);
  g_assert_nonnull (strstr (error->message, "AADSTS7000215"));
  g_clear_error (&error);
  g_assert_null (attest_connection_get_app_only_tokens (connection));
  g_assert_cmpuint (notified, ==, 0);
  attest_test_load_app_credential (connection);
  g_assert_null (attest_connection_get_app_only_tokens (connection));

  g_assert_true (attest_test_add_app_credential (connection, attest_sandbox_get_app_client_id (sandbox),
                                     secret, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  app_tokens = attest_connection_get_app_only_tokens (connection);
  g_assert_nonnull (app_tokens);
  g_assert_cmpstr (attest_app_only_tokens_get_tenant_id (app_tokens), ==,
                   attest_sandbox_get_tenant_id (sandbox));
  client = attest_connection_new_partner_client (connection, &error);
  g_assert_no_error (error);
  g_assert_true (attest_partner_client_get_app_token_provider (client)
                 == ATTEST_TOKEN_PROVIDER (app_tokens));

  /* The next run finds it, kept under the tenant's ID. */
  next_run = attest_connection_new (g_steal_pointer (&next_config));
  attest_test_load_app_credential (next_run);
  app_tokens = attest_connection_get_app_only_tokens (next_run);
  g_assert_nonnull (app_tokens);
  g_assert_cmpstr (attest_app_only_tokens_get_application_id (app_tokens), ==,
                   attest_sandbox_get_app_client_id (sandbox));
  g_assert_cmpstr (attest_app_only_tokens_get_tenant (app_tokens), ==,
                   attest_sandbox_get_tenant_id (sandbox));

  attest_sandbox_stop (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_SIGN_IN);

  g_test_add_func ("/connection/sign-in-needed", test_sign_in_needed);
  g_test_add_func ("/connection/sandbox-in-process", test_sandbox_in_process);
  g_test_add_func ("/connection/sandbox-classic", test_sandbox_classic);
  g_test_add_func ("/connection/sandbox-by-address", test_sandbox_by_address);
  g_test_add_func ("/connection/access-token", test_access_token);
  g_test_add_func ("/connection/sandbox-app-credential", test_sandbox_app_credential);
  g_test_add_func ("/connection/app-credential-needs-tenant", test_app_credential_needs_tenant);
  g_test_add_func ("/connection/app-credential-add", test_app_credential_add);

  return g_test_run ();
}
