/* test-app-credential-keyring.c: the AppOnly credential in a real
 * gnome-keyring, beside the App+User sign-in (keyring suite, run through
 * keyring-session.sh)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "attest-app-credential.h"
#include "attest-auth-error.h"
#include "attest-connection.h"
#include "attest-test-cli.h"
#include "attest-test-sign-in.h"
#include "attest-test-utils.h"

#define FOREIGN_TENANT "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"
#define OTHER_APP_ID   "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d"

static AttestConnection *
new_connection (AttestSandbox *sandbox,
                const char    *tenant)
{
  AttestConfig *config = attest_test_new_sandbox_config (sandbox);

  g_free (config->api_base);
  config->api_base = g_strdup (attest_sandbox_get_uri (sandbox));
  g_free (config->tenant);
  config->tenant = g_strdup (tenant != NULL ? tenant : "");

  return attest_connection_new (config);
}

static gboolean
add_app_credential (AttestConnection  *connection,
                    const char        *secret,
                    GError           **error)
{
  AttestSandbox *sandbox = g_object_get_data (G_OBJECT (connection), "sandbox");

  return attest_test_add_app_credential (connection, attest_sandbox_get_app_client_id (sandbox),
                                         secret, error);
}

/* Every item of the AppOnly schema in the keyring. Asked on the test's own
 * main context: libsecret's _sync search runs a private one and leaves the
 * items' proxies half made when it returns. */
static GList *
list_app_credentials (void)
{
  g_autoptr(GHashTable) any = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  GList *items;

  secret_password_searchv (attest_app_credential_get_schema (), any,
                           SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK, NULL,
                           attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);
  items = secret_password_search_finish (result, &error);
  g_assert_no_error (error);

  return items;
}

static void
sign_in (AttestConnection *connection)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_test_sign_in_with_browser (attest_connection_get_session (connection),
                                                   &error));
  g_assert_no_error (error);
}

static void
store_directly (const AttestAppCredential *credential)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  attest_app_credential_store_async (credential, NULL, attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);
  g_assert_true (attest_app_credential_store_finish (result, &error));
  g_assert_no_error (error);
}

/* What `attest whoami` prints for @sandbox's partner, run while this
 * process serves the sandbox; it must exit with 0. */
static char *
run_whoami (AttestSandbox *sandbox)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_auto(AttestTestRun) run = { 0 };
  const char * const argv[] = {
    g_getenv ("ATTEST_BINARY"), "whoami",
    "--app-id", attest_sandbox_get_app_id (sandbox),
    "--user", attest_sandbox_get_user (sandbox),
    "--authority", attest_sandbox_get_uri (sandbox),
    "--api-base", attest_sandbox_get_uri (sandbox),
    NULL
  };

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  attest_test_cli_run (&run, launcher, argv, NULL);
  g_assert_cmpint (run.status, ==, 0);

  return g_steal_pointer (&run.out);
}

static void
assert_whoami_lines (const char    *out,
                     AttestSandbox *sandbox)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *user = g_strdup_printf ("user: %s", attest_sandbox_get_user (sandbox));
  g_autofree char *tenant = g_strdup_printf ("tenant: %s", attest_sandbox_get_tenant_id (sandbox));
  g_autofree char *app_only = g_strdup_printf ("app-only: %s",
                                               attest_sandbox_get_app_client_id (sandbox));

  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==, user);
  g_assert_cmpstr (lines[1], ==, tenant);
  g_assert_true (g_str_has_prefix (lines[2], "expires: "));
  g_assert_cmpstr (lines[3], ==, app_only);
  g_assert_cmpstr (lines[4], ==, "");
}

/* Signed in App+User, the AppOnly credential is added for the same
 * tenant and kept as one item; one of another tenant is refused and keeps
 * nothing; the next run finds it and checks it against its sign-in;
 * removing it leaves the sign-in alone. */
static void
test_beside_the_sign_in (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_test_start_sandbox ();
  const char *secret = attest_sandbox_get_app_client_secret (sandbox);
  const char *client_id = attest_sandbox_get_app_client_id (sandbox);
  g_autoptr(AttestConnection) connection = new_connection (sandbox, NULL);
  g_autoptr(AttestConnection) foreign = new_connection (sandbox, FOREIGN_TENANT);
  g_autoptr(AttestConnection) next_run = new_connection (sandbox, NULL);
  g_autoptr(AttestConnection) after = new_connection (sandbox, NULL);
  g_autoptr(AttestAppCredential) other = NULL;
  g_autolist(SecretRetrievable) items = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *label = NULL;
  g_autofree char *expected_label = NULL;
  g_autofree char *whoami = NULL;
  g_autofree char *refresh_token = NULL;
  g_autoptr(GError) error = NULL;
  AttestAppOnlyTokens *app_tokens;

  g_object_set_data (G_OBJECT (connection), "sandbox", sandbox);
  g_object_set_data (G_OBJECT (foreign), "sandbox", sandbox);
  sign_in (connection);

  g_assert_true (add_app_credential (connection, secret, &error));
  g_assert_no_error (error);
  stored = attest_test_lookup_app_secret (sandbox, client_id);
  g_assert_cmpstr (stored, ==, secret);
  items = list_app_credentials ();
  g_assert_cmpuint (g_list_length (items), ==, 1);
  label = secret_retrievable_get_label (items->data);
  expected_label = g_strdup_printf ("Attest AppOnly credential %s", client_id);
  g_assert_cmpstr (label, ==, expected_label);
  g_clear_list (&items, g_object_unref);

  /* A second web app for the same tenant takes the first one's place. */
  other = attest_app_credential_new (attest_sandbox_get_uri (sandbox),
                                     attest_sandbox_get_tenant_id (sandbox), OTHER_APP_ID,
                                     "another secret");
  store_directly (other);
  items = list_app_credentials ();
  g_assert_cmpuint (g_list_length (items), ==, 1);
  g_clear_list (&items, g_object_unref);
  g_clear_pointer (&stored, g_free);
  stored = attest_test_lookup_app_secret (sandbox, client_id);
  g_assert_null (stored);

  /* And the first comes back, checked again. */
  g_assert_true (add_app_credential (connection, secret, &error));
  g_assert_no_error (error);

  /* A web app of another tenant than the sign-in's: refused, nothing kept. */
  sign_in (foreign);
  g_assert_false (add_app_credential (foreign, secret, &error));
  g_assert_error (error, ATTEST_TOKEN_PROVIDER_ERROR, ATTEST_TOKEN_PROVIDER_ERROR_NOT_SIGNED_IN);
  g_assert_error (attest_token_provider_error_get_cause (error), ATTEST_AUTH_ERROR,
                  ATTEST_AUTH_ERROR_WRONG_TENANT);
  g_assert_nonnull (strstr (error->message, FOREIGN_TENANT));
  g_clear_error (&error);
  g_assert_null (attest_connection_get_app_only_tokens (foreign));
  items = list_app_credentials ();
  g_assert_cmpuint (g_list_length (items), ==, 1);
  g_clear_list (&items, g_object_unref);

  /* The next run: found before its sign-in, checked against it after. */
  attest_test_load_app_credential (next_run);
  app_tokens = attest_connection_get_app_only_tokens (next_run);
  g_assert_nonnull (app_tokens);
  g_assert_cmpstr (attest_app_only_tokens_get_application_id (app_tokens), ==, client_id);
  g_assert_null (attest_app_only_tokens_get_expected_tenant_id (app_tokens));
  g_assert_true (attest_test_sign_in_silently (attest_connection_get_session (next_run),
                                               &error));
  g_assert_no_error (error);
  g_assert_cmpstr (attest_app_only_tokens_get_expected_tenant_id (app_tokens), ==,
                   attest_sandbox_get_tenant_id (sandbox));

  /* `attest whoami` in another process: both credentials. */
  whoami = run_whoami (sandbox);
  assert_whoami_lines (whoami, sandbox);

  /* Removed: gone from the keyring; the App+User sign-in stays. */
  g_assert_true (attest_test_remove_app_credential (next_run));
  g_assert_null (attest_connection_get_app_only_tokens (next_run));
  g_assert_false (attest_test_remove_app_credential (next_run));
  items = list_app_credentials ();
  g_assert_null (items);
  attest_test_load_app_credential (after);
  g_assert_null (attest_connection_get_app_only_tokens (after));
  refresh_token = attest_test_lookup_refresh_token (sandbox);
  g_assert_nonnull (refresh_token);

  attest_test_sign_out (attest_connection_get_session (next_run));
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_SIGN_IN);

  g_test_add_func ("/app-credential-keyring/beside-the-sign-in", test_beside_the_sign_in);

  return g_test_run ();
}
