/* test-cli-fetch.c: `attest sandbox` and `attest fetch`, as processes
 * (e2e suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "attest-sandbox.h"
#include "attest-test-http.h"
#include "attest-test-utils.h"

static char *root;

static GSubprocess *
spawn (const char * const *args,
       const char         *cwd,
       const char         *access_token)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "ATTEST_API_BASE");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (access_token != NULL)
    g_subprocess_launcher_setenv (launcher, "ATTEST_ACCESS_TOKEN", access_token, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "ATTEST_ACCESS_TOKEN");
  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);

  g_ptr_array_add (argv, (gpointer) g_getenv ("ATTEST_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  return process;
}

static int
finish (GSubprocess  *process,
        char        **out,
        char        **err)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

static char *
read_line (GDataInputStream *stream)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (stream, NULL, NULL, &error);

  g_assert_no_error (error);

  return line;
}

static char *
new_folder (const char *name)
{
  char *folder = g_build_filename (root, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);

  return folder;
}

static guint
count_entries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* The compatible CSV, written here from the rules of SPEC §4.1, not with
 * Attest's writer. The sandbox's cells hold no formula-like text but phone
 * numbers starting with "+", which stay as they are. */
static void
append_cell (GString    *out,
             const char *value)
{
  gsize length = strlen (value);

  if (strpbrk (value, "\",\r\n") != NULL
      || (length > 0 && (value[0] == ' ' || value[length - 1] == ' ')))
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);
}

static char *
expected_csv (AttestSandbox *sandbox)
{
  GString *out = g_string_new ("CustomerTenantId,FirstName,LastName,Email,PhoneNumber,"
                               "LastAgreementDate,PartnerAttestationCompleted,"
                               "CustomerAccountLink\r\n");

  for (guint i = 0; i < attest_sandbox_get_customer_count (sandbox); i++)
    {
      const AttestSandboxCustomer *customer = attest_sandbox_get_customer (sandbox, i);
      const char *cells[] = {
        customer->customer_id, customer->first_name, customer->last_name, customer->email,
        customer->phone_number,
      };
      gint64 epoch = customer->last_agreement_epoch;

      for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
        {
          g_assert_false (strchr ("=@\t\r-", cells[c][0]) != NULL && cells[c][0] != '\0');
          append_cell (out, cells[c]);
          g_string_append_c (out, ',');
        }
      if (epoch != 0)
        {
          g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (epoch > 9999999999
                                                                     ? epoch / 1000 : epoch);
          g_autofree char *text = g_date_time_format (date, "%Y-%m-%d %H:%M:%S");

          g_string_append (out, text);
        }
      g_string_append_printf (out, ",False,https://partner.microsoft.com/dashboard/v2/"
                                   "customers/%s/account\r\n", customer->customer_id);
    }

  return g_string_free (out, FALSE);
}

static void
test_fetch_with_sandbox (void)
{
  g_autofree char *folder = new_folder ("fetch");
  g_autofree char *path = g_build_filename (folder, "customers.csv", NULL);
  g_autoptr(GSubprocess) process = spawn ((const char *[]) { "--sandbox", "fetch", "-o",
                                                             "customers.csv", NULL },
                                          folder, NULL);
  g_autoptr(AttestSandbox) sandbox = attest_sandbox_new (ATTEST_SANDBOX_DEFAULT_SEED);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *written = NULL;
  g_autofree char *expected = expected_csv (sandbox);

  g_assert_cmpint (finish (process, &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "Page 1 fetched: 50 customers so far."));
  g_assert_nonnull (strstr (err, "Page 3 fetched: 120 customers so far."));
  g_assert_cmpstr (out, ==, "Wrote 120 customers that need attestation to customers.csv.\n");

  written = attest_test_read_file (path);
  g_assert_cmpstr (written, ==, expected);
  /* Nothing else was left in the folder. */
  g_assert_cmpuint (count_entries (folder), ==, 1);
}

static void
test_fetch_needs_output (void)
{
  g_autoptr(GSubprocess) process = spawn ((const char *[]) { "--sandbox", "fetch", NULL }, NULL,
                                          NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (finish (process, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "-o FILE"));
}

static void
test_fetch_to_missing_folder (void)
{
  g_autofree char *path = g_build_filename (root, "no-such-folder", "customers.csv", NULL);
  g_autoptr(GSubprocess) process = spawn ((const char *[]) { "--sandbox", "fetch", "-o", path,
                                                             NULL }, NULL, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (finish (process, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "no-such-folder"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_fetch_refuses_plain_http (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_sandbox_new (4);
  g_autofree char *token = attest_sandbox_mint_access_token (sandbox, 600);
  g_autofree char *folder = new_folder ("insecure");
  g_autoptr(GSubprocess) process = spawn ((const char *[]) { "fetch", "-o", "x.csv",
                                                             "--api-base",
                                                             "http://partner.example.com",
                                                             NULL }, folder, token);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (finish (process, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "http://partner.example.com"));
  g_assert_nonnull (strstr (err, "plain HTTP"));
  g_assert_null (strstr (err, token));
  g_assert_cmpuint (count_entries (folder), ==, 0);
}

static void
test_fetch_access_token_checked (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_sandbox_new (4);
  g_autofree char *expired = attest_sandbox_mint_access_token (sandbox, -60);
  g_autofree char *without_mfa = NULL;
  g_autofree char *folder = new_folder ("checked");
  const char *args[] = { "fetch", "-o", "x.csv", "--api-base", "http://127.0.0.1:9", NULL };
  g_autoptr(GSubprocess) old = spawn (args, folder, expired);
  g_autoptr(GSubprocess) no_mfa = NULL;
  g_autoptr(GSubprocess) not_a_token = spawn (args, folder, "secret-but-not-a-jwt");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (finish (old, &out, &err), ==, 3);
  g_assert_nonnull (strstr (err, "expired"));
  g_assert_null (strstr (err, expired));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  attest_sandbox_set_user_mfa (sandbox, FALSE);
  without_mfa = attest_sandbox_mint_access_token (sandbox, 600);
  no_mfa = spawn (args, folder, without_mfa);
  g_assert_cmpint (finish (no_mfa, &out, &err), ==, 3);
  g_assert_nonnull (strstr (err, "--no-mfa"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (finish (not_a_token, &out, &err), ==, 3);
  g_assert_nonnull (strstr (err, "ATTEST_ACCESS_TOKEN"));
  g_assert_null (strstr (err, "secret-but-not-a-jwt"));
  g_assert_cmpuint (count_entries (folder), ==, 0);
}

/* Starts `attest sandbox` and returns its address, read from the first
 * line it prints. */
static char *
start_sandbox (GSubprocess      **process,
               GDataInputStream **out,
               const char * const *extra)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  char *uri;

  g_ptr_array_add (args, "sandbox");
  g_ptr_array_add (args, "--port");
  g_ptr_array_add (args, "0");
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) extra[i]);
  g_ptr_array_add (args, NULL);

  *process = spawn ((const char * const *) args->pdata, NULL, NULL);
  *out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (*process));
  uri = read_line (*out);
  g_assert_nonnull (uri);
  g_assert_true (g_str_has_prefix (uri, "http://127.0.0.1:"));

  return uri;
}

static void
stop_sandbox (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

/* A token from the running sandbox, through its device code flow. */
static char *
sign_in_by_device_code (const char *uri)
{
  g_autofree char *devicecode = g_strconcat (uri, "/organizations/oauth2/v2.0/devicecode", NULL);
  g_autofree char *token_uri = g_strconcat (uri, "/organizations/oauth2/v2.0/token", NULL);
  g_autoptr(AttestTestResponse) start = attest_test_http_form (devicecode,
                                                               "client_id", "attest-e2e",
                                                               "scope", "https://api."
                                                               "partnercenter.microsoft.com/"
                                                               ".default", NULL);
  g_autoptr(AttestTestResponse) tokens = NULL;

  g_assert_cmpuint (start->status, ==, 200);
  tokens = attest_test_http_form (token_uri,
                                  "grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                                  "client_id", "attest-e2e",
                                  "device_code", attest_test_response_get_string (start,
                                                                                  "device_code"),
                                  NULL);
  g_assert_cmpuint (tokens->status, ==, 200);

  return g_strdup (attest_test_response_get_string (tokens, "access_token"));
}

static void
test_sandbox_serves (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *uri = start_sandbox (&process, &out, (const char *[]) { "--customers", "3",
                                                                           "--seed", "9",
                                                                           NULL });
  g_autofree char *agreements = g_strconcat (uri, "/v1/agreements", NULL);
  g_autofree char *page_uri = g_strconcat (uri, "/common/oauth2/v2.0/authorize?client_id=x"
                                           "&response_type=code&redirect_uri=http%3A%2F%2F"
                                           "localhost%3A5%2F&code_challenge=abc"
                                           "&code_challenge_method=S256", NULL);
  g_autoptr(AttestTestResponse) refused = attest_test_http ("GET", agreements, NULL, NULL, NULL);
  g_autoptr(AttestTestResponse) page = attest_test_http ("GET", page_uri, NULL, NULL, NULL);

  g_assert_cmpuint (refused->status, ==, 401);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (page->body, "Sign in"));

  stop_sandbox (process);
}

static void
test_sandbox_usage_errors (void)
{
  g_autoptr(GSubprocess) process = spawn ((const char *[]) { "sandbox", "--rate-429", "2",
                                                             NULL }, NULL, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (finish (process, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--rate-429"));
  g_assert_cmpstr (out, ==, "");
}

static void
test_fetch_with_access_token (void)
{
  g_autoptr(GSubprocess) sandbox = NULL;
  g_autoptr(GDataInputStream) sandbox_out = NULL;
  g_autofree char *uri = start_sandbox (&sandbox, &sandbox_out,
                                        (const char *[]) { "--auto-approve", "--customers", "7",
                                                           "--page-size", "3", NULL });
  g_autofree char *token = sign_in_by_device_code (uri);
  g_autofree char *folder = new_folder ("token");
  g_autoptr(GSubprocess) process = spawn ((const char *[]) { "fetch", "-o", "c.csv",
                                                             "--api-base", uri, NULL },
                                          folder, token);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *path = g_build_filename (folder, "c.csv", NULL);
  g_autofree char *written = NULL;

  g_assert_cmpint (finish (process, &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "Page 3 fetched: 7 customers so far."));
  g_assert_null (strstr (err, token));
  g_assert_null (strstr (out, token));
  written = attest_test_read_file (path);
  g_assert_true (g_str_has_prefix (written, "CustomerTenantId,FirstName,"));

  stop_sandbox (sandbox);
}

static void
test_fetch_interrupted_leaves_nothing (void)
{
  g_autoptr(GSubprocess) sandbox = NULL;
  g_autoptr(GDataInputStream) sandbox_out = NULL;
  g_autofree char *uri = start_sandbox (&sandbox, &sandbox_out,
                                        (const char *[]) { "--auto-approve", "--page-size", "10",
                                                           "--latency", "300", NULL });
  g_autofree char *token = sign_in_by_device_code (uri);
  g_autofree char *folder = new_folder ("interrupted");
  g_autofree char *path = g_build_filename (folder, "c.csv", NULL);
  g_autoptr(GSubprocess) process = spawn ((const char *[]) { "fetch", "-o", "c.csv",
                                                             "--api-base", uri, NULL },
                                          folder, token);
  g_autoptr(GDataInputStream) err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  g_autoptr(GError) error = NULL;

  /* Interrupt once the first page has come, well before the twelfth. */
  for (;;)
    {
      g_autofree char *line = read_line (err);

      g_assert_nonnull (line);
      if (g_str_has_prefix (line, "Page 1 fetched"))
        break;
    }
  g_subprocess_send_signal (process, SIGINT);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 4);

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (folder), ==, 0);

  stop_sandbox (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  root = attest_test_isolate_dirs ();

  g_test_add_func ("/cli-fetch/with-sandbox", test_fetch_with_sandbox);
  g_test_add_func ("/cli-fetch/needs-output", test_fetch_needs_output);
  g_test_add_func ("/cli-fetch/to-missing-folder", test_fetch_to_missing_folder);
  g_test_add_func ("/cli-fetch/refuses-plain-http", test_fetch_refuses_plain_http);
  g_test_add_func ("/cli-fetch/with-access-token", test_fetch_with_access_token);
  g_test_add_func ("/cli-fetch/access-token-checked", test_fetch_access_token_checked);
  g_test_add_func ("/cli-fetch/interrupted-leaves-nothing", test_fetch_interrupted_leaves_nothing);
  g_test_add_func ("/cli-sandbox/serves", test_sandbox_serves);
  g_test_add_func ("/cli-sandbox/usage-errors", test_sandbox_usage_errors);

  status = g_test_run ();
  attest_test_remove_tree (root);
  g_free (root);

  return status;
}
