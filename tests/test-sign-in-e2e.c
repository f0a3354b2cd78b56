/* test-sign-in-e2e.c: `attest sign-in`, `whoami` and `sign-out` as
 * separate processes against the sandbox (e2e suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

#include "attest-test-cli.h"
#include "attest-test-sign-in.h"
#include "attest-test-utils.h"

typedef enum
{
  RUN_DEFAULT         = 0,
  RUN_WITHOUT_KEYRING = 1 << 0,  /* no session bus, so no Secret Service */
  RUN_WITHOUT_BROWSER = 1 << 1,  /* a $BROWSER that fails */
  RUN_ON_TERMINAL     = 1 << 2,  /* on a pseudo-terminal, through script(1) */
} RunFlags;

/* Runs `attest COMMAND ARGS… --app-id … --user … --authority URI
 * --api-base URI` for the user and app registration of @identity, serving
 * the in-process sandbox, if any, meanwhile. */
static void
run_attest (AttestTestRun *result,
            AttestSandbox *identity,
            const char    *uri,
            RunFlags       flags,
            const char    *command,
            ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *command_line = NULL;
  const char *binary = g_getenv ("ATTEST_BINARY");
  const char *arg;
  va_list args;

  g_assert_nonnull (binary);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (flags & RUN_WITHOUT_KEYRING)
    g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS",
                                  "unix:path=/nonexistent/attest-test-bus", TRUE);
  if (flags & RUN_WITHOUT_BROWSER)
    g_subprocess_launcher_setenv (launcher, "BROWSER", "false", TRUE);

  g_ptr_array_add (argv, (gpointer) binary);
  g_ptr_array_add (argv, (gpointer) command);
  va_start (args, command);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, "--debug");
  g_ptr_array_add (argv, "--app-id");
  g_ptr_array_add (argv, (gpointer) attest_sandbox_get_app_id (identity));
  g_ptr_array_add (argv, "--user");
  g_ptr_array_add (argv, (gpointer) attest_sandbox_get_user (identity));
  g_ptr_array_add (argv, "--authority");
  g_ptr_array_add (argv, (gpointer) uri);
  g_ptr_array_add (argv, "--api-base");
  g_ptr_array_add (argv, (gpointer) uri);
  g_ptr_array_add (argv, NULL);

  if (flags & RUN_ON_TERMINAL)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint i = 0; i + 1 < argv->len; i++)
        {
          g_autofree char *quoted = g_shell_quote (g_ptr_array_index (argv, i));

          g_string_append_printf (line, "%s%s", i > 0 ? " " : "", quoted);
        }
      command_line = g_string_free (g_steal_pointer (&line), FALSE);
      g_ptr_array_set_size (argv, 0);
      g_ptr_array_add (argv, "script");
      g_ptr_array_add (argv, "-q");
      g_ptr_array_add (argv, "-e");
      g_ptr_array_add (argv, "-c");
      g_ptr_array_add (argv, command_line);
      g_ptr_array_add (argv, "/dev/null");
      g_ptr_array_add (argv, NULL);
    }

  attest_test_cli_run (result, launcher, (const char * const *) argv->pdata, NULL);
}

static void
assert_account (const char    *out,
                AttestSandbox *sandbox)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_autofree char *user = g_strdup_printf ("user: %s", attest_sandbox_get_user (sandbox));
  g_autofree char *tenant = g_strdup_printf ("tenant: %s", attest_sandbox_get_tenant_id (sandbox));
  g_autoptr(GDateTime) expires = NULL;

  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==, user);
  g_assert_cmpstr (lines[1], ==, tenant);
  g_assert_true (g_str_has_prefix (lines[2], "expires: "));
  g_assert_true (g_str_has_suffix (lines[2], "Z"));
  expires = g_date_time_new_from_iso8601 (lines[2] + strlen ("expires: "), NULL);
  g_assert_nonnull (expires);
  g_assert_cmpint (g_date_time_to_unix (expires), >, g_get_real_time () / G_USEC_PER_SEC + 3000);
  g_assert_cmpstr (lines[3], ==, "");
}

/* The secrets the sandbox saw: authorization codes, verifiers, refresh
 * tokens and bearer tokens. */
static GPtrArray *
collect_secrets (AttestSandbox *sandbox)
{
  static const char * const form_fields[] = { "code", "code_verifier", "refresh_token",
                                              "device_code" };
  GPtrArray *secrets = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < attest_sandbox_get_request_count (sandbox); i++)
    {
      const AttestSandboxRequest *request = attest_sandbox_get_request (sandbox, i);
      const char *authorization = soup_message_headers_get_one (request->headers, "Authorization");

      if (authorization != NULL && g_str_has_prefix (authorization, "Bearer "))
        g_ptr_array_add (secrets, g_strdup (authorization + strlen ("Bearer ")));

      if (request->body != NULL && g_bytes_get_size (request->body) > 0
          && g_str_equal (request->method, "POST"))
        {
          g_autofree char *text = g_strndup (g_bytes_get_data (request->body, NULL),
                                             g_bytes_get_size (request->body));
          g_autoptr(GHashTable) form = soup_form_decode (text);

          for (guint f = 0; f < G_N_ELEMENTS (form_fields); f++)
            {
              const char *value = g_hash_table_lookup (form, form_fields[f]);

              if (value != NULL && value[0] != '\0')
                g_ptr_array_add (secrets, g_strdup (value));
            }
        }
    }

  return secrets;
}

static guint
assert_no_secret_in (GFile     *file,
                     GPtrArray *secrets)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint files = 0;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;
      GFile *child;

      while (g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
        files += assert_no_secret_in (child, secrets);
      return files;
    }

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, NULL))
    return 0;

  for (guint i = 0; i < secrets->len; i++)
    {
      const char *secret = g_ptr_array_index (secrets, i);

      if (g_strstr_len (contents, length, secret) != NULL)
        g_error ("%s holds a secret", g_file_peek_path (file));
    }

  return 1;
}

/* Sign in, then in new processes whoami and a fetch, with no second
 * browser visit; then no token, code or verifier in the log or anywhere
 * under the test's home and XDG folders. */
static void
test_sign_in_whoami_fetch (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_test_start_sandbox ();
  const char *uri = attest_sandbox_get_uri (sandbox);
  g_autoptr(GPtrArray) secrets = NULL;
  g_autoptr(GFile) home = g_file_new_for_path (attest_test_get_root ());
  g_autofree char *logs = g_build_filename (g_get_user_state_dir (), "attest", "Logs", NULL);
  g_autofree char *csv = g_build_filename (g_get_home_dir (), "records.csv", NULL);
  g_auto(AttestTestRun) signed_in = { 0 };
  g_auto(AttestTestRun) whoami = { 0 };
  g_auto(AttestTestRun) fetched = { 0 };
  g_auto(AttestTestRun) signed_out = { 0 };
  g_auto(AttestTestRun) after = { 0 };
  guint bearer_tokens = 0;

  run_attest (&signed_in, sandbox, uri, RUN_DEFAULT, "sign-in", NULL);
  g_assert_cmpint (signed_in.status, ==, 0);
  assert_account (signed_in.out, sandbox);
  g_assert_cmpuint (attest_test_count_requests (sandbox, "GET", "/authorize"), ==, 1);

  attest_sandbox_set_auto_approve (sandbox, FALSE);
  run_attest (&whoami, sandbox, uri, RUN_WITHOUT_BROWSER, "whoami", NULL);
  g_assert_cmpint (whoami.status, ==, 0);
  assert_account (whoami.out, sandbox);

  run_attest (&fetched, sandbox, uri, RUN_WITHOUT_BROWSER, "fetch", "-o", csv, NULL);
  g_assert_cmpint (fetched.status, ==, 0);
  g_assert_true (g_file_test (csv, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (attest_test_count_requests (sandbox, "GET", "/authorize"), ==, 1);

  for (guint i = 0; i < attest_sandbox_get_request_count (sandbox); i++)
    {
      const AttestSandboxRequest *request = attest_sandbox_get_request (sandbox, i);

      if (soup_message_headers_get_one (request->headers, "Authorization") != NULL)
        bearer_tokens++;
    }
  g_assert_cmpuint (bearer_tokens, >, 0);

  secrets = collect_secrets (sandbox);
  g_assert_cmpuint (secrets->len, >=, 4);
  g_assert_true (g_file_test (logs, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (assert_no_secret_in (home, secrets), >, 0);
  for (guint i = 0; i < secrets->len; i++)
    {
      g_assert_null (strstr (signed_in.out, g_ptr_array_index (secrets, i)));
      g_assert_null (strstr (signed_in.err, g_ptr_array_index (secrets, i)));
      g_assert_null (strstr (fetched.err, g_ptr_array_index (secrets, i)));
    }

  run_attest (&signed_out, sandbox, uri, RUN_DEFAULT, "sign-out", NULL);
  g_assert_cmpint (signed_out.status, ==, 0);

  run_attest (&after, sandbox, uri, RUN_DEFAULT, "whoami", NULL);
  g_assert_cmpint (after.status, ==, 3);
  g_assert_cmpstr (after.out, ==, "");
  g_assert_nonnull (strstr (after.err, "is not signed in"));
}

/* A command that needs Partner Center, without a sign-in and without a
 * terminal to sign in from, says what to do and exits with 3. */
static void
test_fetch_not_signed_in (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_test_start_sandbox ();
  const char *uri = attest_sandbox_get_uri (sandbox);
  g_autofree char *csv = g_build_filename (g_get_home_dir (), "never.csv", NULL);
  g_auto(AttestTestRun) fetched = { 0 };

  run_attest (&fetched, sandbox, uri, RUN_WITHOUT_BROWSER, "fetch", "-o", csv, NULL);
  g_assert_cmpint (fetched.status, ==, 3);
  g_assert_nonnull (strstr (fetched.err, "Run “attest sign-in” on a terminal first"));
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (attest_test_count_requests (sandbox, "GET", "/authorize"), ==, 0);
}

/* On a terminal, a command that needs Partner Center signs in in the
 * browser first, then goes on. */
static void
test_fetch_on_terminal (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_test_start_sandbox ();
  const char *uri = attest_sandbox_get_uri (sandbox);
  g_autofree char *csv = g_build_filename (g_get_home_dir (), "on-terminal.csv", NULL);
  g_auto(AttestTestRun) fetched = { 0 };
  g_auto(AttestTestRun) signed_out = { 0 };

  run_attest (&fetched, sandbox, uri, RUN_ON_TERMINAL, "fetch", "-o", csv, NULL);
  g_assert_cmpint (fetched.status, ==, 0);
  g_assert_nonnull (strstr (fetched.out, "Sign in to Partner Center in your web browser"));
  g_assert_cmpuint (attest_test_count_requests (sandbox, "GET", "/authorize"), ==, 1);
  g_assert_true (g_file_test (csv, G_FILE_TEST_IS_REGULAR));

  run_attest (&signed_out, sandbox, uri, RUN_DEFAULT, "sign-out", NULL);
  g_assert_cmpint (signed_out.status, ==, 0);
}

/* The same against `attest sandbox` running as a process of its own. */
static void
test_against_sandbox_process (void)
{
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestSandbox) identity = attest_sandbox_new (7);
  g_autofree char *uri = NULL;
  g_autofree char *csv = g_build_filename (g_get_home_dir (), "from-process.csv", NULL);
  g_auto(AttestTestRun) signed_in = { 0 };
  g_auto(AttestTestRun) whoami = { 0 };
  g_auto(AttestTestRun) fetched = { 0 };
  g_auto(AttestTestRun) signed_out = { 0 };

  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                             &error, g_getenv ("ATTEST_BINARY"), "sandbox", "--seed", "7",
                             "--auto-approve", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  uri = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (uri, "http://127.0.0.1:"));

  run_attest (&signed_in, identity, uri, RUN_DEFAULT, "sign-in", NULL);
  g_assert_cmpint (signed_in.status, ==, 0);
  assert_account (signed_in.out, identity);

  run_attest (&whoami, identity, uri, RUN_WITHOUT_BROWSER, "whoami", NULL);
  g_assert_cmpint (whoami.status, ==, 0);
  assert_account (whoami.out, identity);

  run_attest (&fetched, identity, uri, RUN_WITHOUT_BROWSER, "fetch", "-o", csv, NULL);
  g_assert_cmpint (fetched.status, ==, 0);
  g_assert_true (g_file_test (csv, G_FILE_TEST_IS_REGULAR));

  run_attest (&signed_out, identity, uri, RUN_DEFAULT, "sign-out", NULL);
  g_assert_cmpint (signed_out.status, ==, 0);

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, &error);
  g_assert_no_error (error);
}

static void
test_sign_in_without_keyring (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_test_start_sandbox ();
  const char *uri = attest_sandbox_get_uri (sandbox);
  g_auto(AttestTestRun) signed_in = { 0 };
  g_auto(AttestTestRun) whoami = { 0 };
  const char *first;

  run_attest (&signed_in, sandbox, uri, RUN_WITHOUT_KEYRING, "sign-in", NULL);
  g_assert_cmpint (signed_in.status, ==, 0);
  assert_account (signed_in.out, sandbox);
  first = strstr (signed_in.err, "The keyring could not be reached");
  g_assert_nonnull (first);
  g_assert_null (strstr (first + 1, "The keyring could not be reached"));

  run_attest (&whoami, sandbox, uri, RUN_WITHOUT_BROWSER, "whoami", NULL);
  g_assert_cmpint (whoami.status, ==, 3);
}

static void
test_sign_in_refused (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_test_start_sandbox ();
  const char *uri = attest_sandbox_get_uri (sandbox);
  g_auto(AttestTestRun) signed_in = { 0 };

  attest_sandbox_set_user_mfa (sandbox, FALSE);
  run_attest (&signed_in, sandbox, uri, RUN_DEFAULT, "sign-in", NULL);
  g_assert_cmpint (signed_in.status, ==, 3);
  g_assert_cmpstr (signed_in.out, ==, "");
  g_assert_nonnull (strstr (signed_in.err, "multi-factor authentication"));
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_SIGN_IN);

  g_test_add_func ("/sign-in-e2e/sign-in-whoami-fetch", test_sign_in_whoami_fetch);
  g_test_add_func ("/sign-in-e2e/fetch-not-signed-in", test_fetch_not_signed_in);
  g_test_add_func ("/sign-in-e2e/fetch-on-terminal", test_fetch_on_terminal);
  g_test_add_func ("/sign-in-e2e/sandbox-process", test_against_sandbox_process);
  g_test_add_func ("/sign-in-e2e/without-keyring", test_sign_in_without_keyring);
  g_test_add_func ("/sign-in-e2e/mfa-refused", test_sign_in_refused);

  return g_test_run ();
}
