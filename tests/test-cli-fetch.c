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
#include "attest-test-cli.h"
#include "attest-test-http.h"
#include "attest-test-utils.h"

static char *
new_folder (const char *name)
{
  char *folder = g_build_filename (attest_test_get_root (), name, NULL);

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
  g_autoptr(GSubprocess) process = attest_test_cli_spawn ((const char *[]) { "--sandbox", "fetch", "-o",
                                                             "customers.csv", NULL },
                                          folder, NULL);
  g_autoptr(AttestSandbox) sandbox = attest_sandbox_new (ATTEST_SANDBOX_DEFAULT_SEED);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *written = NULL;
  g_autofree char *expected = expected_csv (sandbox);

  g_assert_cmpint (attest_test_cli_finish (process, &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "Page 1 fetched: 50 customers so far."));
  g_assert_nonnull (strstr (err, "Page 3 fetched: 120 customers so far."));
  g_assert_cmpstr (out, ==, "Wrote 120 customers that need attestation to customers.csv.\n");

  written = attest_test_read_file (path);
  g_assert_cmpstr (written, ==, expected);
  /* Nothing else was left in the folder. */
  g_assert_cmpuint (count_entries (folder), ==, 1);
}

/* A file that exists may hold the partner's edits: it is replaced only
 * with --force, and without it nothing is fetched. */
static void
test_fetch_refuses_existing_file (void)
{
  g_autofree char *folder = new_folder ("existing");
  g_autofree char *path = g_build_filename (folder, "customers.csv", NULL);
  const char *edits = "CustomerTenantId,FirstName\r\nedited-in-excel,Ada\r\n";
  g_autoptr(GSubprocess) refused = NULL;
  g_autoptr(GSubprocess) forced = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *forced_out = NULL;
  g_autofree char *forced_err = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *written = NULL;

  g_assert_true (g_file_set_contents (path, edits, -1, NULL));

  refused = attest_test_cli_spawn ((const char *[]) { "--sandbox", "fetch", "-o", "customers.csv",
                                                      NULL }, folder, NULL);
  g_assert_cmpint (attest_test_cli_finish (refused, &out, &err), ==, 2);
  g_assert_true (g_str_has_prefix (err, "attest: “customers.csv” exists already"));
  g_assert_nonnull (strstr (err, "--force"));
  g_assert_null (strstr (err, "Fetching"));
  g_assert_cmpstr (out, ==, "");
  kept = attest_test_read_file (path);
  g_assert_cmpstr (kept, ==, edits);
  g_assert_cmpuint (count_entries (folder), ==, 1);

  forced = attest_test_cli_spawn ((const char *[]) { "--sandbox", "fetch", "-o", "customers.csv",
                                                     "--force", NULL }, folder, NULL);
  g_assert_cmpint (attest_test_cli_finish (forced, &forced_out, &forced_err), ==, 0);
  written = attest_test_read_file (path);
  g_assert_true (g_str_has_prefix (written, "CustomerTenantId,FirstName,LastName,Email"));
  g_assert_cmpuint (count_entries (folder), ==, 1);
}

static void
test_fetch_needs_output (void)
{
  g_autoptr(GSubprocess) process = attest_test_cli_spawn ((const char *[]) { "--sandbox", "fetch", NULL }, NULL,
                                          NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (attest_test_cli_finish (process, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "-o FILE"));
}

static void
test_fetch_to_missing_folder (void)
{
  g_autofree char *path = g_build_filename (attest_test_get_root (), "no-such-folder",
                                            "customers.csv", NULL);
  g_autoptr(GSubprocess) process = attest_test_cli_spawn ((const char *[]) { "--sandbox", "fetch", "-o", path,
                                                             NULL }, NULL, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (attest_test_cli_finish (process, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "no-such-folder"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_fetch_refuses_plain_http (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_sandbox_new (4);
  g_autofree char *token = attest_sandbox_mint_access_token (sandbox, 600);
  g_autofree char *folder = new_folder ("insecure");
  g_autoptr(GSubprocess) process = attest_test_cli_spawn ((const char *[]) { "fetch", "-o", "x.csv",
                                                             "--api-base",
                                                             "http://partner.example.com",
                                                             NULL }, folder, token);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (attest_test_cli_finish (process, &out, &err), ==, 2);
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
  g_autoptr(GSubprocess) old = attest_test_cli_spawn (args, folder, expired);
  g_autoptr(GSubprocess) no_mfa = NULL;
  g_autoptr(GSubprocess) not_a_token = attest_test_cli_spawn (args, folder, "secret-but-not-a-jwt");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (attest_test_cli_finish (old, &out, &err), ==, 3);
  g_assert_nonnull (strstr (err, "expired"));
  g_assert_null (strstr (err, expired));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  attest_sandbox_set_user_mfa (sandbox, FALSE);
  without_mfa = attest_sandbox_mint_access_token (sandbox, 600);
  no_mfa = attest_test_cli_spawn (args, folder, without_mfa);
  g_assert_cmpint (attest_test_cli_finish (no_mfa, &out, &err), ==, 3);
  g_assert_nonnull (strstr (err, "--no-mfa"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (attest_test_cli_finish (not_a_token, &out, &err), ==, 3);
  g_assert_nonnull (strstr (err, "ATTEST_ACCESS_TOKEN"));
  g_assert_null (strstr (err, "secret-but-not-a-jwt"));
  g_assert_cmpuint (count_entries (folder), ==, 0);
}

static void
test_sandbox_serves (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *uri = attest_test_cli_start_sandbox (&process, &out, (const char *[]) { "--customers", "3",
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

  attest_test_cli_stop_sandbox (process);
}

static void
test_sandbox_usage_errors (void)
{
  g_autoptr(GSubprocess) process = attest_test_cli_spawn ((const char *[]) { "sandbox", "--rate-429", "2",
                                                             NULL }, NULL, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (attest_test_cli_finish (process, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--rate-429"));
  g_assert_cmpstr (out, ==, "");
}

static void
test_fetch_with_access_token (void)
{
  g_autoptr(GSubprocess) sandbox = NULL;
  g_autoptr(GDataInputStream) sandbox_out = NULL;
  g_autofree char *uri = attest_test_cli_start_sandbox (&sandbox, &sandbox_out,
                                        (const char *[]) { "--auto-approve", "--customers", "7",
                                                           "--page-size", "3", NULL });
  g_autofree char *token = attest_test_cli_sign_in_by_device_code (uri);
  g_autofree char *folder = new_folder ("token");
  g_autoptr(GSubprocess) process = attest_test_cli_spawn ((const char *[]) { "fetch", "-o", "c.csv",
                                                             "--api-base", uri, NULL },
                                          folder, token);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *path = g_build_filename (folder, "c.csv", NULL);
  g_autofree char *written = NULL;

  g_assert_cmpint (attest_test_cli_finish (process, &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "Page 3 fetched: 7 customers so far."));
  g_assert_null (strstr (err, token));
  g_assert_null (strstr (out, token));
  written = attest_test_read_file (path);
  g_assert_true (g_str_has_prefix (written, "CustomerTenantId,FirstName,"));

  attest_test_cli_stop_sandbox (sandbox);
}

static void
test_fetch_interrupted_leaves_nothing (void)
{
  g_autoptr(GSubprocess) sandbox = NULL;
  g_autoptr(GDataInputStream) sandbox_out = NULL;
  g_autofree char *uri = attest_test_cli_start_sandbox (&sandbox, &sandbox_out,
                                        (const char *[]) { "--auto-approve", "--page-size", "10",
                                                           "--latency", "300", NULL });
  g_autofree char *token = attest_test_cli_sign_in_by_device_code (uri);
  g_autofree char *folder = new_folder ("interrupted");
  g_autofree char *path = g_build_filename (folder, "c.csv", NULL);
  g_autoptr(GSubprocess) process = attest_test_cli_spawn ((const char *[]) { "fetch", "-o", "c.csv",
                                                             "--api-base", uri, NULL },
                                          folder, token);
  g_autoptr(GDataInputStream) err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  g_autoptr(GError) error = NULL;

  /* Interrupt once the first page has come, well before the twelfth. */
  for (;;)
    {
      g_autofree char *line = attest_test_cli_read_line (err);

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

  attest_test_cli_stop_sandbox (sandbox);
}

static guint
count_lines (const char *text)
{
  guint lines = 0;

  for (const char *p = text; (p = strchr (p, '\n')) != NULL; p++)
    lines++;

  return lines;
}

/* SIGKILL at random points of a fetch, ten times: the file of the last
 * fetch that finished is never touched, and the next fetch completes. */
static void
test_fetch_killed_keeps_previous_file (void)
{
  g_autoptr(GSubprocess) sandbox = NULL;
  g_autoptr(GDataInputStream) sandbox_out = NULL;
  g_autofree char *uri = attest_test_cli_start_sandbox (&sandbox, &sandbox_out,
                                        (const char *[]) { "--auto-approve", "--page-size", "10",
                                                           "--latency", "50", NULL });
  g_autofree char *token = attest_test_cli_sign_in_by_device_code (uri);
  g_autofree char *folder = new_folder ("killed");
  g_autofree char *path = g_build_filename (folder, "c.csv", NULL);
  const char *previous = "CustomerTenantId,FirstName\r\nfrom-the-last-fetch,Ada\r\n";
  const char * const fetch[] = { "fetch", "-o", "c.csv", "--force", "--api-base", uri, NULL };
  g_autoptr(GSubprocess) last = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *written = NULL;
  guint killed = 0;

  g_assert_true (g_file_set_contents (path, previous, -1, NULL));

  /* The whole fetch takes 12 pages × 50 ms and more: kill anywhere in it. */
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GSubprocess) process = attest_test_cli_spawn (fetch, folder, token);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;

      g_usleep (g_rand_int_range (rand, 0, 700) * 1000 * attest_test_time_scale ());
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);

      /* The old file, or all of the new one: a kill can come after the
       * rename, while the process exits. */
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      if (!g_str_equal (contents, previous))
        {
          g_assert_cmpuint (count_lines (contents), ==, 121);
          g_assert_true (g_str_has_suffix (contents, "/account\r\n"));
          g_assert_true (g_file_set_contents (path, previous, -1, NULL));
        }
      else if (g_subprocess_get_if_signaled (process))
        killed++;
    }

  /* Most kills must have come before the end, or this proves nothing. */
  g_test_message ("%u of 10 fetches killed before they finished", killed);
  g_assert_cmpuint (killed, >=, 5);

  last = attest_test_cli_spawn (fetch, folder, token);
  g_assert_cmpint (attest_test_cli_finish (last, &out, &err), ==, 0);
  written = attest_test_read_file (path);
  g_assert_cmpuint (strlen (written), >, strlen (previous));
  g_assert_true (g_str_has_prefix (written, "CustomerTenantId,FirstName,LastName,Email"));
  /* The header and the sandbox's 120 customers */
  g_assert_cmpuint (count_lines (written), ==, 121);

  attest_test_cli_stop_sandbox (sandbox);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/cli-fetch/with-sandbox", test_fetch_with_sandbox);
  g_test_add_func ("/cli-fetch/needs-output", test_fetch_needs_output);
  g_test_add_func ("/cli-fetch/refuses-existing-file", test_fetch_refuses_existing_file);
  g_test_add_func ("/cli-fetch/to-missing-folder", test_fetch_to_missing_folder);
  g_test_add_func ("/cli-fetch/refuses-plain-http", test_fetch_refuses_plain_http);
  g_test_add_func ("/cli-fetch/with-access-token", test_fetch_with_access_token);
  g_test_add_func ("/cli-fetch/access-token-checked", test_fetch_access_token_checked);
  g_test_add_func ("/cli-fetch/interrupted-leaves-nothing", test_fetch_interrupted_leaves_nothing);
  g_test_add_func ("/cli-fetch/killed-keeps-previous-file", test_fetch_killed_keeps_previous_file);
  g_test_add_func ("/cli-sandbox/serves", test_sandbox_serves);
  g_test_add_func ("/cli-sandbox/usage-errors", test_sandbox_usage_errors);

  return g_test_run ();
}
