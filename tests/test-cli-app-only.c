/* test-cli-app-only.c: `attest sign-in --app-only`, `whoami` and
 * `sign-out --app-only` as separate processes against the sandbox and a
 * real gnome-keyring (e2e suite, under keyring-session.sh)
 *
 * libsecret 0.20's file backend loses the etag of a keyring file it loaded
 * when it rewrites it, which `sign-out --app-only` does; a real keyring
 * keeps the sanitizer build's leak check on the commands. This program
 * never opens the keyring itself: the commands say what it holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-cli-private.h"
#include "attest-test-cli.h"
#include "attest-test-sign-in.h"
#include "attest-test-utils.h"

/* Runs `attest COMMAND ARGS…` for the sandbox's partner (its user's
 * domain names the tenant), with @input on stdin, while this process
 * serves the sandbox. */
static void
run_attest (AttestTestRun *result,
            AttestSandbox *sandbox,
            const char    *input,
            const char    *command,
            ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "ATTEST_ACCESS_TOKEN");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "BROWSER", "false", TRUE);

  g_ptr_array_add (argv, (gpointer) g_getenv ("ATTEST_BINARY"));
  g_ptr_array_add (argv, (gpointer) command);
  va_start (args, command);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, "--debug");
  g_ptr_array_add (argv, "--app-id");
  g_ptr_array_add (argv, (gpointer) attest_sandbox_get_app_id (sandbox));
  g_ptr_array_add (argv, "--user");
  g_ptr_array_add (argv, (gpointer) attest_sandbox_get_user (sandbox));
  g_ptr_array_add (argv, "--authority");
  g_ptr_array_add (argv, (gpointer) attest_sandbox_get_uri (sandbox));
  g_ptr_array_add (argv, "--api-base");
  g_ptr_array_add (argv, (gpointer) attest_sandbox_get_uri (sandbox));
  g_ptr_array_add (argv, NULL);

  attest_test_cli_run (result, launcher, (const char * const *) argv->pdata, input);
}

/* A refused secret: exit code 3, the reason with its fix, nothing kept. */
static void
test_refused_secret (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_test_start_sandbox ();
  const char *client_id = attest_sandbox_get_app_client_id (sandbox);
  g_autofree char *wrong = g_strconcat (attest_sandbox_get_app_client_secret (sandbox), "0\n",
                                        NULL);
  g_auto(AttestTestRun) signed_in = { 0 };
  g_auto(AttestTestRun) expired = { 0 };
  g_auto(AttestTestRun) whoami = { 0 };

  run_attest (&signed_in, sandbox, wrong, "sign-in", "--app-only", "--application-id",
              client_id, NULL);
  g_assert_cmpint (signed_in.status, ==, 3);
  g_assert_cmpstr (signed_in.out, ==, "");
  g_assert_nonnull (strstr (signed_in.err, "AADSTS7000215"));
  g_assert_nonnull (strstr (signed_in.err, "Account settings › App management"));
  g_assert_null (strstr (signed_in.err, g_strstrip (wrong)));

  attest_sandbox_expire_app_secret (sandbox);
  run_attest (&expired, sandbox, attest_sandbox_get_app_client_secret (sandbox), "sign-in",
              "--app-only", "--application-id", client_id, NULL);
  g_assert_cmpint (expired.status, ==, 3);
  g_assert_nonnull (strstr (expired.err, "expired (AADSTS7000222)"));

  /* Neither credential: whoami says so with 3. */
  run_attest (&whoami, sandbox, NULL, "whoami", NULL);
  g_assert_cmpint (whoami.status, ==, 3);
  g_assert_cmpstr (whoami.out, ==, "");
  g_assert_nonnull (strstr (whoami.err, "is not signed in"));
}

/* The secret from a pipe (its line end and blanks aside), checked with a
 * token, kept; whoami shows the Application ID; sign-out removes it. */
static void
test_sign_in_whoami_sign_out (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_test_start_sandbox ();
  const char *client_id = attest_sandbox_get_app_client_id (sandbox);
  const char *secret = attest_sandbox_get_app_client_secret (sandbox);
  g_autofree char *piped = g_strdup_printf ("  %s \r\nsomething after the line\n", secret);
  g_autofree char *expected = g_strdup_printf ("app-only: %s\n", client_id);
  g_autofree char *removed = g_strdup_printf ("Removed the AppOnly credential %s.\n", client_id);
  g_autofree char *upper_id = g_ascii_strup (client_id, -1);
  g_autofree char *logs = g_build_filename (g_get_user_state_dir (), "attest", "Logs", NULL);
  g_auto(AttestTestRun) signed_in = { 0 };
  g_auto(AttestTestRun) whoami = { 0 };
  g_auto(AttestTestRun) signed_out = { 0 };
  g_auto(AttestTestRun) after = { 0 };
  g_auto(AttestTestRun) again = { 0 };

  run_attest (&signed_in, sandbox, piped, "sign-in", "--app-only", "--application-id", upper_id,
              NULL);
  g_assert_cmpint (signed_in.status, ==, 0);
  g_assert_cmpstr (signed_in.out, ==, expected);
  g_assert_cmpuint (attest_test_count_requests (sandbox, "POST", "/token"), ==, 1);

  /* The secret is nowhere but in the (encrypted) keyring: not in the log,
   * the settings or any other file, nor in what the command said. */
  g_assert_true (g_file_test (logs, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (attest_test_count_files_holding (attest_test_get_root (), secret), ==, 0);
  g_assert_null (strstr (signed_in.err, secret));

  /* Nobody signed in App+User: whoami shows the AppOnly credential, says
   * that the user is not signed in, and exits with 0. */
  run_attest (&whoami, sandbox, NULL, "whoami", NULL);
  g_assert_cmpint (whoami.status, ==, 0);
  g_assert_cmpstr (whoami.out, ==, expected);
  g_assert_nonnull (strstr (whoami.err, "is not signed in"));

  run_attest (&signed_out, sandbox, NULL, "sign-out", "--app-only", NULL);
  g_assert_cmpint (signed_out.status, ==, 0);
  g_assert_cmpstr (signed_out.out, ==, removed);

  run_attest (&after, sandbox, NULL, "whoami", NULL);
  g_assert_cmpint (after.status, ==, 3);
  g_assert_cmpstr (after.out, ==, "");

  run_attest (&again, sandbox, NULL, "sign-out", "--app-only", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.out, ==, "No AppOnly credential is kept in the keyring.\n");
}

/* What the command line gets wrong is said before the secret is asked
 * for, with exit code 2. */
static void
test_usage (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_test_start_sandbox ();
  g_auto(AttestTestRun) no_id = { 0 };
  g_auto(AttestTestRun) not_guid = { 0 };
  g_auto(AttestTestRun) id_alone = { 0 };
  g_auto(AttestTestRun) with_device_code = { 0 };
  g_auto(AttestTestRun) empty = { 0 };

  run_attest (&no_id, sandbox, "secret\n", "sign-in", "--app-only", NULL);
  g_assert_cmpint (no_id.status, ==, 2);
  g_assert_nonnull (strstr (no_id.err, "--application-id"));

  run_attest (&not_guid, sandbox, "secret\n", "sign-in", "--app-only", "--application-id",
              "contoso-web-app", NULL);
  g_assert_cmpint (not_guid.status, ==, 2);
  g_assert_nonnull (strstr (not_guid.err, "“contoso-web-app”"));

  run_attest (&id_alone, sandbox, "secret\n", "sign-in", "--application-id",
              attest_sandbox_get_app_client_id (sandbox), NULL);
  g_assert_cmpint (id_alone.status, ==, 2);

  run_attest (&with_device_code, sandbox, "secret\n", "sign-in", "--app-only", "--device-code",
              "--application-id", attest_sandbox_get_app_client_id (sandbox), NULL);
  g_assert_cmpint (with_device_code.status, ==, 2);

  run_attest (&empty, sandbox, "\n", "sign-in", "--app-only", "--application-id",
              attest_sandbox_get_app_client_id (sandbox), NULL);
  g_assert_cmpint (empty.status, ==, 2);
  g_assert_nonnull (strstr (empty.err, "client secret is empty"));

  g_assert_cmpuint (attest_test_count_requests (sandbox, "POST", "/token"), ==, 0);
}

/* A command whose route lacks a credential says which one and how to add
 * it, and exits with 3. */
static void
test_missing_app_credential (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;

      error = attest_partner_error_new_no_credential ("POST", "/v1/attestations/enhanced",
                                                      ATTEST_PARTNER_CREDENTIAL_APP);
      g_assert_cmpint (attest_cli_report_partner_error (error), ==, 3);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* In the C locale, stderr has "?" for the quotation marks. */
  g_test_trap_assert_stderr ("*POST /v1/attestations/enhanced needs the partner*AppOnly "
                             "credential*attest sign-in --app-only --application-id GUID*");
  g_test_trap_assert_stderr_unmatched ("*Sign in with*");
}

static void
test_missing_sign_in (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;

      error = attest_partner_error_new_no_credential ("GET", "/v1/customers/x/agreements",
                                                      ATTEST_PARTNER_CREDENTIAL_USER);
      g_assert_cmpint (attest_cli_report_partner_error (error), ==, 3);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*needs the partner user*sign-in*Sign in with ?attest sign-in?*");
  g_test_trap_assert_stderr_unmatched ("*--app-only*");
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/cli-app-only/usage", test_usage);
  g_test_add_func ("/cli-app-only/refused-secret", test_refused_secret);
  g_test_add_func ("/cli-app-only/sign-in-whoami-sign-out", test_sign_in_whoami_sign_out);
  g_test_add_func ("/cli-app-only/missing-app-credential", test_missing_app_credential);
  g_test_add_func ("/cli-app-only/missing-sign-in", test_missing_sign_in);

  return g_test_run ();
}
