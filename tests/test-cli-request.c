/* test-cli-request.c: `attest request`, `attest complete`, `attest resume`
 * and `attest runs` in Microsoft's current flow, as processes against a
 * sandbox in this process: the whole flow, SIGKILL at a request the
 * sandbox received and the resume, the links file edited and read again,
 * --direct, the refusals, and the links kept out of the log (e2e suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "attest-mca-ledger.h"
#include "attest-mca-links.h"
#include "attest-mca-shapes.h"
#include "attest-sandbox.h"
#include "attest-test-cli.h"
#include "attest-test-http.h"
#include "attest-test-mca.h"
#include "attest-test-utils.h"

#define N_CUSTOMERS 24
#define COMPLETION_SUFFIX "/agreements"

typedef struct
{
  AttestSandbox *sandbox;
  char          *token;
  char          *folder;
  char          *customers;   /* every customer, marked, with every value */
  char          *links;
  char          *results;
  guint          n_needing;
} Fixture;

/* Runs `attest COMMAND ARGS…` for the sandbox's partner, signed in with a
 * token from outside, with @input on stdin, while this process serves the
 * sandbox. */
static void
run_attest (AttestTestRun *result,
            Fixture       *fixture,
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
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "BROWSER", "false", TRUE);
  if (fixture->token != NULL)
    g_subprocess_launcher_setenv (launcher, "ATTEST_ACCESS_TOKEN", fixture->token, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "ATTEST_ACCESS_TOKEN");
  g_subprocess_launcher_set_cwd (launcher, fixture->folder);

  g_ptr_array_add (argv, (gpointer) g_getenv ("ATTEST_BINARY"));
  g_ptr_array_add (argv, (gpointer) command);
  va_start (args, command);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, "--user");
  g_ptr_array_add (argv, (gpointer) attest_sandbox_get_user (fixture->sandbox));
  g_ptr_array_add (argv, "--authority");
  g_ptr_array_add (argv, (gpointer) attest_sandbox_get_uri (fixture->sandbox));
  g_ptr_array_add (argv, "--api-base");
  g_ptr_array_add (argv, (gpointer) attest_sandbox_get_uri (fixture->sandbox));
  g_ptr_array_add (argv, NULL);

  attest_test_cli_run (result, launcher, (const char * const *) argv->pdata, input);
  g_test_message ("attest %s: %d\n%s%s", command, result->status, result->out, result->err);
}

/* A cell of the compatible format, quoted. */
static void
append_cell (GString    *csv,
             const char *value,
             gboolean    last)
{
  g_autofree char *doubled = NULL;
  g_auto(GStrv) parts = g_strsplit (value != NULL ? value : "", "\"", -1);

  doubled = g_strjoinv ("\"\"", parts);
  g_string_append_printf (csv, "\"%s\"%s", doubled, last ? "\r\n" : ",");
}

/* The partner's file: every customer marked, with its contact and the
 * company, country and language the partner checked. */
static void
write_customers (Fixture *fixture)
{
  g_autoptr(GString) csv = g_string_new ("CustomerTenantId,FirstName,LastName,Email,PhoneNumber,"
                                         "LastAgreementDate,PartnerAttestationCompleted,"
                                         "CustomerAccountLink,CompanyName,Country,Language\r\n");

  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      const AttestSandboxCustomer *customer = attest_sandbox_get_customer (fixture->sandbox, i);

      append_cell (csv, customer->customer_id, FALSE);
      append_cell (csv, customer->first_name, FALSE);
      append_cell (csv, customer->last_name, FALSE);
      append_cell (csv, "signatory@contoso.com", FALSE);
      append_cell (csv, "", FALSE);
      append_cell (csv, "", FALSE);
      append_cell (csv, "True", FALSE);
      append_cell (csv, "", FALSE);
      append_cell (csv, customer->company_name, FALSE);
      append_cell (csv, "FR", FALSE);
      append_cell (csv, "fr-FR", TRUE);
    }

  g_assert_true (g_file_set_contents (fixture->customers, csv->str, csv->len, NULL));
}

/* What `attest status` would have recorded of each customer. */
static void
record_states (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMcaLedger) ledger = attest_mca_ledger_open (
                                        NULL, attest_sandbox_get_tenant_id (fixture->sandbox),
                                        &error);

  g_assert_no_error (error);
  attest_test_mca_record_states (fixture->sandbox, ledger);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_auto(AttestTestRun) signed_in = { 0 };
  static guint counter;
  g_autofree char *name = g_strdup_printf ("case-%u", ++counter);

  fixture->sandbox = attest_sandbox_new (31);
  attest_sandbox_set_customer_count (fixture->sandbox, N_CUSTOMERS);
  attest_sandbox_set_auto_approve (fixture->sandbox, TRUE);
  g_assert_true (attest_sandbox_start (fixture->sandbox, 0, &error));
  g_assert_no_error (error);
  fixture->token = attest_sandbox_mint_access_token (fixture->sandbox, 3600);
  fixture->folder = g_build_filename (attest_test_get_root (), name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->folder, 0700), ==, 0);
  fixture->customers = g_build_filename (fixture->folder, "customers.csv", NULL);
  fixture->links = g_build_filename (fixture->folder, "links.csv", NULL);
  fixture->results = g_build_filename (fixture->folder, "results.csv", NULL);
  fixture->n_needing = attest_test_mca_count_needing (fixture->sandbox);
  g_assert_cmpuint (fixture->n_needing, >=, 6);

  write_customers (fixture);
  record_states (fixture);

  /* The partner's web app, whose secret goes in on stdin. */
  secret = g_strconcat (attest_sandbox_get_app_client_secret (fixture->sandbox), "\n", NULL);
  run_attest (&signed_in, fixture, secret, "sign-in", "--app-only", "--application-id",
              attest_sandbox_get_app_client_id (fixture->sandbox), NULL);
  g_assert_cmpint (signed_in.status, ==, 0);
  attest_sandbox_clear_requests (fixture->sandbox);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *state = g_build_filename (g_get_user_state_dir (), "attest", NULL);

  g_clear_object (&fixture->sandbox);
  g_free (fixture->token);
  g_free (fixture->customers);
  g_free (fixture->links);
  g_free (fixture->results);
  attest_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
  /* Each case starts with no ledger, runs or logs. */
  attest_test_remove_tree (state);
}

static guint
count_rows_in_state (AttestMcaLinks *links,
                     const char     *state)
{
  guint n = 0;

  for (guint i = 0; i < links->rows->len; i++)
    n += g_str_equal (attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_STATE), state);

  return n;
}

/* The sandbox's requests of @method whose path ends with @suffix. */
static GPtrArray *
find_requests (Fixture    *fixture,
               const char *method,
               const char *suffix)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < attest_sandbox_get_request_count (fixture->sandbox); i++)
    {
      const AttestSandboxRequest *request = attest_sandbox_get_request (fixture->sandbox, i);

      if (g_str_equal (request->method, method) && g_str_has_suffix (request->path, suffix))
        g_ptr_array_add (found, (gpointer) request);
    }

  return found;
}

/* Requests sent more than once went out under the same MS-RequestId with
 * the same bytes: any two with one ID have one body. Returns how many IDs
 * there were. */
static guint
assert_repeats_unchanged (GPtrArray *requests)
{
  g_autoptr(GHashTable) bodies = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < requests->len; i++)
    {
      const AttestSandboxRequest *request = g_ptr_array_index (requests, i);
      const char *id = soup_message_headers_get_one (request->headers, "MS-RequestId");
      GBytes *first = g_hash_table_lookup (bodies, id);

      g_assert_nonnull (request->body);
      if (first != NULL)
        g_assert_true (g_bytes_equal (first, request->body));
      else
        g_hash_table_insert (bodies, (gpointer) id, request->body);
    }

  return g_hash_table_size (bodies);
}

/* status → request → the customers accept on the sandbox's page →
 * complete → done: every step with its exit code, one attestation per
 * customer, and the runs listed. */
static void
test_whole_flow (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(AttestTestRun) requested = { 0 };
  g_auto(AttestTestRun) again = { 0 };
  g_auto(AttestTestRun) waiting = { 0 };
  g_auto(AttestTestRun) completed = { 0 };
  g_auto(AttestTestRun) runs = { 0 };
  g_auto(AttestTestRun) resumed = { 0 };
  g_autoptr(AttestMcaLinks) links = NULL;
  g_autoptr(AttestMcaLinks) results = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autofree char *counted = g_strdup_printf ("Requested: %u\n", fixture->n_needing);
  g_autofree char *done = g_strdup_printf ("Done: %u\n", fixture->n_needing);
  g_autofree char *all_waiting = g_strdup_printf ("Waiting: %u\n", fixture->n_needing);
  g_autofree char *accept_uri = g_strconcat (attest_sandbox_get_uri (fixture->sandbox),
                                             "/mca/accept", NULL);

  run_attest (&requested, fixture, NULL, "request", fixture->customers, "-o", fixture->links,
              "--yes", NULL);
  g_assert_cmpint (requested.status, ==, 0);
  g_assert_nonnull (strstr (requested.out, counted));
  g_assert_nonnull (strstr (requested.out, "Not requested: 0\n"));
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==,
                    fixture->n_needing);
  posts = find_requests (fixture, "POST", ATTEST_TEST_MCA_ENHANCED_PATH);
  g_assert_cmpuint (assert_repeats_unchanged (posts), ==, fixture->n_needing);

  links = attest_test_mca_read_links (fixture->links);
  g_assert_cmpuint (links->rows->len, ==, N_CUSTOMERS);
  g_assert_cmpuint (count_rows_in_state (links, "requested"), ==, fixture->n_needing);

  /* Request again: nothing new. */
  run_attest (&again, fixture, NULL, "request", fixture->customers, "-o", fixture->links,
              "--yes", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "Requested: 0\n"));
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==,
                    fixture->n_needing);

  /* Nobody accepted yet. */
  run_attest (&waiting, fixture, NULL, "complete", NULL);
  g_assert_cmpint (waiting.status, ==, 1);
  g_assert_nonnull (strstr (waiting.out, all_waiting));
  g_assert_nonnull (strstr (waiting.out, "has not accepted"));

  /* Each signatory opens the link and accepts, as a browser would. */
  for (guint i = 0; i < links->rows->len; i++)
    {
      const char *id = attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_ATTESTATION_ID);
      g_autoptr(AttestTestResponse) page = NULL;
      g_autoptr(AttestTestResponse) accepted = NULL;

      if (id[0] == '\0')
        continue;
      page = attest_test_http ("GET", attest_test_mca_cell (links, i,
                                                           ATTEST_MCA_LINKS_ACCEPTANCE_LINK),
                               NULL, NULL, NULL);
      g_assert_cmpuint (page->status, ==, 200);
      accepted = attest_test_http_form (accept_uri, "attestationid", id, NULL);
      g_assert_cmpuint (accepted->status, ==, 200);
    }

  run_attest (&completed, fixture, NULL, "complete", "--results", fixture->results, NULL);
  g_assert_cmpint (completed.status, ==, 0);
  g_assert_nonnull (strstr (completed.out, done));
  g_assert_nonnull (strstr (completed.out, "Waiting: 0\n"));
  results = attest_test_mca_read_links (fixture->results);
  g_assert_cmpint (results->format, ==, ATTEST_MCA_LINKS_FORMAT_RESULTS);
  g_assert_cmpuint (results->rows->len, ==, fixture->n_needing);
  g_assert_cmpuint (count_rows_in_state (results, "done"), ==, fixture->n_needing);

  run_attest (&runs, fixture, NULL, "runs", NULL);
  g_assert_cmpint (runs.status, ==, 0);
  g_assert_nonnull (strstr (runs.out, "request"));
  g_assert_nonnull (strstr (runs.out, "completion"));
  g_assert_null (strstr (runs.out, "interrupted"));
  run_attest (&resumed, fixture, NULL, "resume", NULL);
  g_assert_cmpint (resumed.status, ==, 0);
  g_assert_nonnull (strstr (resumed.out, "Nothing to resume"));
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

#define ADD(path, test) \
  g_test_add ("/cli-request/" path, Fixture, NULL, fixture_setup, test, fixture_teardown)

  ADD ("whole-flow", test_whole_flow);

#undef ADD

  return g_test_run ();
}
