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

/* A launcher for the binary, signed in with a token from outside, in the
 * fixture's folder, with @flags. */
static GSubprocessLauncher *
new_launcher (Fixture          *fixture,
              GSubprocessFlags  flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "BROWSER", "false", TRUE);
  g_subprocess_launcher_setenv (launcher, "ATTEST_ACCESS_TOKEN", fixture->token, TRUE);
  g_subprocess_launcher_set_cwd (launcher, fixture->folder);

  return launcher;
}

/* `attest COMMAND ARGS…` for the sandbox's partner. */
static GPtrArray *
new_argv (Fixture    *fixture,
          const char *command,
          va_list     args)
{
  GPtrArray *argv = g_ptr_array_new ();
  const char *arg;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ATTEST_BINARY"));
  g_ptr_array_add (argv, (gpointer) command);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, "--user");
  g_ptr_array_add (argv, (gpointer) attest_sandbox_get_user (fixture->sandbox));
  g_ptr_array_add (argv, "--authority");
  g_ptr_array_add (argv, (gpointer) attest_sandbox_get_uri (fixture->sandbox));
  g_ptr_array_add (argv, "--api-base");
  g_ptr_array_add (argv, (gpointer) attest_sandbox_get_uri (fixture->sandbox));
  g_ptr_array_add (argv, NULL);

  return argv;
}

/* Runs `attest COMMAND ARGS…` with @input on stdin, while this process
 * serves the sandbox. */
static void
run_attest (AttestTestRun *result,
            Fixture       *fixture,
            const char    *input,
            const char    *command,
            ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  va_list args;

  launcher = new_launcher (fixture, G_SUBPROCESS_FLAGS_STDIN_PIPE
                                    | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                    | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  va_start (args, command);
  argv = new_argv (fixture, command, args);
  va_end (args);

  attest_test_cli_run (result, launcher, (const char * const *) argv->pdata, input);
  g_test_message ("attest %s: %d\n%s%s", command, result->status, result->out, result->err);
}

/* Kills a process when the sandbox received the @kill_at-th POST to a path
 * ending with @suffix: its answer is decided, and never reaches it. */
typedef struct
{
  GSubprocess *process;
  const char  *suffix;
  guint        kill_at;
  guint        seen;
  gboolean     killed;
  gboolean     exited;
} Killer;

static void
on_request_received (AttestSandbox              *sandbox,
                     const AttestSandboxRequest *request,
                     Killer                     *killer)
{
  if (killer->killed || !g_str_equal (request->method, "POST")
      || !g_str_has_suffix (request->path, killer->suffix) || ++killer->seen < killer->kill_at)
    return;

  g_subprocess_send_signal (killer->process, SIGKILL);
  killer->killed = TRUE;
}

static void
on_exited (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Killer *killer = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  killer->exited = TRUE;
}

static gboolean
has_exited (gpointer user_data)
{
  return ((Killer *) user_data)->exited;
}

/* Runs `attest COMMAND ARGS…` until the sandbox received the @kill_at-th
 * POST to a path ending with @suffix, and kills it there with SIGKILL. */
static void
run_attest_until_killed (Fixture    *fixture,
                         const char *suffix,
                         guint       kill_at,
                         const char *command,
                         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  Killer killer = { NULL, suffix, kill_at, 0, FALSE, FALSE };
  gulong handler;
  va_list args;

  launcher = new_launcher (fixture, G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                    | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  va_start (args, command);
  argv = new_argv (fixture, command, args);
  va_end (args);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  killer.process = process;
  handler = g_signal_connect (fixture->sandbox, "request-received",
                              G_CALLBACK (on_request_received), &killer);
  g_subprocess_wait_async (process, NULL, on_exited, &killer);
  g_assert_true (attest_test_wait_until (has_exited, &killer, 60000));
  g_signal_handler_disconnect (fixture->sandbox, handler);

  g_assert_true (killer.killed);
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
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
  /* The whole flow checks the customers itself, with `attest status`. */
  if (data == NULL)
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
 * complete → status → done: every step with its exit code, one
 * attestation per customer, and the runs listed. */
static void
test_whole_flow (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(AttestTestRun) checked = { 0 };
  g_auto(AttestTestRun) checked_after = { 0 };
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
  g_autofree char *needing = g_strdup_printf ("needs-acceptance: %u\n", fixture->n_needing);
  g_autofree char *all_done = g_strdup_printf ("done: %u\n", fixture->n_needing);

  run_attest (&checked, fixture, NULL, "status", fixture->customers, NULL);
  g_assert_cmpint (checked.status, ==, 0);
  g_assert_nonnull (strstr (checked.out, needing));

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

  /* The service lists the agreements, and a check sees them done. */
  run_attest (&checked_after, fixture, NULL, "status", fixture->customers, NULL);
  g_assert_cmpint (checked_after.status, ==, 0);
  g_assert_nonnull (strstr (checked_after.out, all_done));
  g_assert_nonnull (strstr (checked_after.out, "needs-acceptance: 0\n"));
  g_assert_nonnull (strstr (checked_after.out, "\nrequested: 0\n"));

  run_attest (&runs, fixture, NULL, "runs", NULL);
  g_assert_cmpint (runs.status, ==, 0);
  g_assert_nonnull (strstr (runs.out, "request"));
  g_assert_nonnull (strstr (runs.out, "completion"));
  g_assert_null (strstr (runs.out, "interrupted"));
  run_attest (&resumed, fixture, NULL, "resume", NULL);
  g_assert_cmpint (resumed.status, ==, 0);
  g_assert_nonnull (strstr (resumed.out, "Nothing to resume"));
}

/* The requests' answers are held back a little, so that several are under
 * way when the kill comes. */
static void
hold_answers (Fixture *fixture)
{
  AttestSandboxFaults faults = { 0 };

  faults.latency_ms = 150;
  attest_sandbox_set_faults (fixture->sandbox, &faults);
}

/* SIGKILL while the attestations are on their way, some already made by
 * the service: the resume sends what was journaled, unchanged, and writes
 * the links file in full; no customer gets a second attestation, none is
 * left out. */
static void
test_killed_request (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(AttestTestRun) runs = { 0 };
  g_auto(AttestTestRun) resumed = { 0 };
  g_auto(AttestTestRun) after = { 0 };
  g_autoptr(AttestMcaLinks) links = NULL;
  g_autoptr(GPtrArray) posts = NULL;

  hold_answers (fixture);
  run_attest_until_killed (fixture, ATTEST_TEST_MCA_ENHANCED_PATH, 3, "request",
                           fixture->customers, "-o", fixture->links, "--yes", NULL);
  g_assert_false (g_file_test (fixture->links, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), >=, 3);

  run_attest (&runs, fixture, NULL, "runs", NULL);
  g_assert_nonnull (strstr (runs.out, "interrupted"));

  run_attest (&resumed, fixture, NULL, "resume", NULL);
  g_assert_cmpint (resumed.status, ==, 0);
  g_assert_nonnull (strstr (resumed.err, "Resuming run"));

  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==,
                    fixture->n_needing);
  posts = find_requests (fixture, "POST", ATTEST_TEST_MCA_ENHANCED_PATH);
  /* One request ID per customer, the ones the service had answered sent
   * again as they were. */
  g_assert_cmpuint (assert_repeats_unchanged (posts), ==, fixture->n_needing);
  g_assert_cmpuint (posts->len, >=, fixture->n_needing + 3);

  links = attest_test_mca_read_links (fixture->links);
  g_assert_cmpuint (links->rows->len, ==, N_CUSTOMERS);
  g_assert_cmpuint (count_rows_in_state (links, "requested"), ==, fixture->n_needing);

  run_attest (&after, fixture, NULL, "resume", NULL);
  g_assert_nonnull (strstr (after.out, "Nothing to resume"));
}

/* The line of `attest runs` that names @run_id. */
static char *
dup_runs_line (const char *out,
               const char *run_id)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], run_id) != NULL)
        return g_strdup (lines[i]);
    }

  return NULL;
}

/* A request run discarded after SIGKILL is listed as discarded, as a
 * classic run is, and there is nothing to resume. */
static void
test_discarded_listed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(AttestTestRun) runs = { 0 };
  g_auto(AttestTestRun) resumed = { 0 };
  g_autoptr(AttestMcaLedger) ledger = NULL;
  g_autoptr(GPtrArray) ledger_runs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *run_id = NULL;
  g_autofree char *line = NULL;

  hold_answers (fixture);
  run_attest_until_killed (fixture, ATTEST_TEST_MCA_ENHANCED_PATH, 3, "request",
                           fixture->customers, "-o", fixture->links, "--yes", NULL);

  ledger = attest_mca_ledger_open (NULL, attest_sandbox_get_tenant_id (fixture->sandbox), &error);
  g_assert_no_error (error);
  ledger_runs = attest_mca_ledger_list_runs (ledger);
  g_assert_cmpuint (ledger_runs->len, ==, 1);
  run_id = g_strdup (attest_mca_run_get_id (g_ptr_array_index (ledger_runs, 0)));
  g_assert_true (attest_mca_ledger_discard_run (ledger, run_id, &error));
  g_assert_no_error (error);
  g_clear_object (&ledger);

  run_attest (&runs, fixture, NULL, "runs", NULL);
  g_assert_cmpint (runs.status, ==, 0);
  line = dup_runs_line (runs.out, run_id);
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, " discarded "));
  g_assert_null (strstr (line, "finished"));
  g_assert_null (strstr (line, "interrupted"));

  run_attest (&resumed, fixture, NULL, "resume", NULL);
  g_assert_cmpint (resumed.status, ==, 0);
  g_assert_nonnull (strstr (resumed.out, "Nothing to resume"));
}

/* How many lines of @text name one of @ids. */
static guint
count_lines_naming (const char *text,
                    GPtrArray  *ids)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      for (guint j = 0; j < ids->len; j++)
        {
          if (strstr (lines[i], g_ptr_array_index (ids, j)) != NULL)
            {
              n++;
              break;
            }
        }
    }

  return n;
}

/* D2 for the current flow: customers that cannot be requested, or wait,
 * for one reason make one line with their count and the first three; the
 * links and results files have each customer's reason; without a results
 * file, how to get one. */
static void
test_summed_up_by_reason (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(AttestTestRun) requested = { 0 };
  g_auto(AttestTestRun) waiting = { 0 };
  g_auto(AttestTestRun) kept = { 0 };
  g_autoptr(GPtrArray) strangers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) requested_ids = g_ptr_array_new ();
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(AttestMcaLinks) links = NULL;
  g_autoptr(AttestMcaLinks) results = NULL;
  g_autofree char *contents = attest_test_read_file (fixture->customers);
  g_autofree char *unknown = NULL;
  g_autofree char *not_accepted = NULL;
  g_autofree char *counted = g_strdup_printf (": %u customers (", fixture->n_needing);
  g_autofree char *results_line = g_strdup_printf ("Results: %s\n", fixture->results);
  g_autofree char *links_line = g_strdup_printf ("Links: %s\n", fixture->links);
  const guint n_strangers = 7;
  guint n_unknown_rows = 0;

  /* Customers Attest knows nothing of: none can be requested. */
  g_string_append (csv, contents);
  for (guint i = 0; i < n_strangers; i++)
    {
      char *id = g_strdup_printf ("0badc0de-0000-4000-8000-%012u", i);

      g_string_append_printf (csv, "%s,Ada,Lovelace,signatory@contoso.com,,,True,,Contoso,FR,"
                                   "fr-FR\r\n", id);
      g_ptr_array_add (strangers, id);
    }
  g_assert_true (g_file_set_contents (fixture->customers, csv->str, csv->len, NULL));

  run_attest (&requested, fixture, NULL, "request", fixture->customers, "-o", fixture->links,
              "--yes", NULL);
  g_assert_cmpint (requested.status, ==, 1);
  unknown = g_strdup_printf ("Not requested: %u\n  Attest does not know yet whether this "
                             "customer needs to accept the agreement. Check it with “attest "
                             "status” first.: %u customers (%s, %s, %s, …)\n", n_strangers,
                             n_strangers, (char *) g_ptr_array_index (strangers, 0),
                             (char *) g_ptr_array_index (strangers, 1),
                             (char *) g_ptr_array_index (strangers, 2));
  g_assert_nonnull (strstr (requested.out, unknown));
  g_assert_cmpuint (count_lines_naming (requested.out, strangers), ==, 1);
  g_assert_nonnull (strstr (requested.out, links_line));

  links = attest_test_mca_read_links (fixture->links);
  g_assert_cmpuint (links->rows->len, ==, N_CUSTOMERS + n_strangers);
  for (guint i = 0; i < links->rows->len; i++)
    {
      const char *id = attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_CUSTOMER_TENANT_ID);

      if (g_str_has_prefix (id, "0badc0de"))
        {
          g_assert_nonnull (strstr (attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_MESSAGE),
                                    "does not know yet"));
          n_unknown_rows++;
        }
      else if (g_str_equal (attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_STATE),
                            "requested"))
        g_ptr_array_add (requested_ids, (gpointer) id);
    }
  g_assert_cmpuint (n_unknown_rows, ==, n_strangers);
  g_assert_cmpuint (requested_ids->len, ==, fixture->n_needing);

  /* Nobody accepted yet: one line for them all, and how to get each one's
   * reason. */
  run_attest (&waiting, fixture, NULL, "complete", NULL);
  g_assert_cmpint (waiting.status, ==, 1);
  not_accepted = g_strdup_printf ("Waiting: %u\n  Partner Center refused POST /v1/customers/…/"
                                  "agreements (HTTP 400): “The customer has not accepted the "
                                  "Microsoft Customer ", fixture->n_needing);
  g_assert_nonnull (strstr (waiting.out, not_accepted));
  g_assert_nonnull (strstr (waiting.out, counted));
  g_assert_cmpuint (count_lines_naming (waiting.out, requested_ids), ==, 1);
  g_assert_nonnull (strstr (waiting.err, "Add --results FILE"));
  g_assert_null (strstr (waiting.out, "Results: "));

  /* With a results file: named, and each customer's reason in it. */
  run_attest (&kept, fixture, NULL, "complete", "--results", fixture->results, NULL);
  g_assert_cmpint (kept.status, ==, 1);
  g_assert_nonnull (strstr (kept.out, results_line));
  g_assert_null (strstr (kept.err, "Add --results FILE"));
  g_assert_cmpuint (count_lines_naming (kept.out, requested_ids), ==, 1);
  results = attest_test_mca_read_links (fixture->results);
  g_assert_cmpuint (results->rows->len, ==, fixture->n_needing);
  for (guint i = 0; i < results->rows->len; i++)
    g_assert_nonnull (strstr (attest_test_mca_cell (results, i, ATTEST_MCA_LINKS_MESSAGE),
                              "has not accepted"));
}

/* SIGKILL while the agreements are on their way: the resume sends the same
 * calls; each customer is done once, nothing is lost. */
static void
test_killed_completion (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(AttestTestRun) requested = { 0 };
  g_auto(AttestTestRun) resumed = { 0 };
  g_autoptr(AttestMcaLinks) links = NULL;
  g_autoptr(AttestMcaLinks) results = NULL;
  g_autoptr(GPtrArray) completions = NULL;
  g_autofree char *results_line = g_strdup_printf ("Results: %s\n", fixture->results);

  run_attest (&requested, fixture, NULL, "request", fixture->customers, "-o", fixture->links,
              "--yes", NULL);
  g_assert_cmpint (requested.status, ==, 0);
  links = attest_test_mca_read_links (fixture->links);
  for (guint i = 0; i < links->rows->len; i++)
    {
      const char *id = attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_ATTESTATION_ID);

      if (id[0] != '\0')
        g_assert_true (attest_sandbox_accept_attestation (fixture->sandbox, id));
    }
  attest_sandbox_clear_requests (fixture->sandbox);

  hold_answers (fixture);
  run_attest_until_killed (fixture, COMPLETION_SUFFIX, 2, "complete", "--results",
                           fixture->results, NULL);
  run_attest (&resumed, fixture, NULL, "resume", NULL);
  g_assert_cmpint (resumed.status, ==, 0);
  /* The summary names the run's own results file. */
  g_assert_nonnull (strstr (resumed.out, results_line));

  completions = find_requests (fixture, "POST", COMPLETION_SUFFIX);
  g_assert_cmpuint (assert_repeats_unchanged (completions), ==, fixture->n_needing);
  g_assert_cmpuint (completions->len, >=, fixture->n_needing + 2);
  for (guint i = 0; i < completions->len; i++)
    g_assert_cmpuint (((AttestSandboxRequest *) g_ptr_array_index (completions, i))->status,
                      ==, 201);

  results = attest_test_mca_read_links (fixture->results);
  g_assert_cmpuint (results->rows->len, ==, fixture->n_needing);
  g_assert_cmpuint (count_rows_in_state (results, "done"), ==, fixture->n_needing);
}

/* The links file, edited in a spreadsheet (other delimiter, columns
 * moved, one added, the country and language corrected, some of them
 * wrongly), read again by `attest request --renew`: each mistake is named
 * with its line and column, and only those rows are left out. */
static void
test_links_edited (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(AttestTestRun) requested = { 0 };
  g_auto(AttestTestRun) renewed = { 0 };
  g_autoptr(AttestMcaLinks) links = NULL;
  g_autoptr(AttestMcaLinks) again = NULL;
  g_autoptr(GString) edited = g_string_new ("Notes;State;Email;CustomerTenantId;CompanyName;"
                                            "FirstName;LastName;Country;Language\r\n");
  g_autofree char *edited_path = g_build_filename (fixture->folder, "edited.csv", NULL);
  g_autofree char *links2 = g_build_filename (fixture->folder, "links2.csv", NULL);
  static const struct { const char *country, *language, *email, *problem; } mistakes[] = {
    { "fr", "fr-FR", NULL, "Country: “fr” is not a country code" },
    { "France", "fr-FR", NULL, "Country: “France” is not a country code" },
    { "FR", "en_US", NULL, "Language: “en_US” is not a language tag" },
    { "FR", "fr-FR", "", "Email: The signatory’s email address is empty" },
  };
  guint mistake_lines[G_N_ELEMENTS (mistakes)];
  guint n_mistakes = 0;

  run_attest (&requested, fixture, NULL, "request", fixture->customers, "-o", fixture->links,
              "--yes", NULL);
  g_assert_cmpint (requested.status, ==, 0);
  links = attest_test_mca_read_links (fixture->links);

  for (guint i = 0; i < links->rows->len; i++)
    {
      gboolean requested_row = g_str_equal (attest_test_mca_cell (links, i,
                                                                 ATTEST_MCA_LINKS_STATE),
                                            "requested");
      const char *country = "FR";
      const char *language = "fr-FR";
      const char *email = attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_EMAIL);

      if (requested_row && n_mistakes < G_N_ELEMENTS (mistakes))
        {
          country = mistakes[n_mistakes].country;
          language = mistakes[n_mistakes].language;
          if (mistakes[n_mistakes].email != NULL)
            email = mistakes[n_mistakes].email;
          /* After the header line. */
          mistake_lines[n_mistakes++] = i + 2;
        }
      g_string_append_printf (edited, "checked;%s;%s;%s;%s;%s;%s;%s;%s\r\n",
                              attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_STATE),
                              email[0] != '\0' ? email : "",
                              attest_test_mca_cell (links, i,
                                                    ATTEST_MCA_LINKS_CUSTOMER_TENANT_ID),
                              attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_COMPANY_NAME),
                              attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_FIRST_NAME),
                              attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_LAST_NAME),
                              country, language);
    }
  g_assert_cmpuint (n_mistakes, ==, G_N_ELEMENTS (mistakes));
  g_assert_true (g_file_set_contents (edited_path, edited->str, edited->len, NULL));

  run_attest (&renewed, fixture, NULL, "request", edited_path, "-o", links2, "--renew", "--yes",
              NULL);
  g_assert_cmpint (renewed.status, ==, 1);
  for (guint m = 0; m < G_N_ELEMENTS (mistakes); m++)
    {
      g_autofree char *expected = g_strdup_printf ("Line %u, %s", mistake_lines[m],
                                                   mistakes[m].problem);

      g_assert_nonnull (strstr (renewed.err, expected));
    }
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==,
                    2 * fixture->n_needing - G_N_ELEMENTS (mistakes));

  /* Every row written again, the left-out ones with their reason. */
  again = attest_test_mca_read_links (links2);
  g_assert_cmpuint (again->rows->len, ==, N_CUSTOMERS);
  g_assert_cmpuint (count_rows_in_state (again, "requested"), ==, fixture->n_needing);
}

/* --direct: the admin center's address for each customer that needs
 * acceptance, and nothing sent. */
static void
test_direct (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(AttestTestRun) directed = { 0 };
  g_autoptr(AttestMcaLinks) links = NULL;
  g_autofree char *counted = g_strdup_printf ("To accept in the admin center: %u\n",
                                              fixture->n_needing);
  guint direct = 0;

  run_attest (&directed, fixture, NULL, "request", fixture->customers, "-o", fixture->links,
              "--direct", "--yes", NULL);
  g_assert_cmpint (directed.status, ==, 0);
  g_assert_nonnull (strstr (directed.out, counted));
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, 0);

  links = attest_test_mca_read_links (fixture->links);
  for (guint i = 0; i < links->rows->len; i++)
    direct += g_str_equal (attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_ACCEPTANCE_LINK),
                           ATTEST_MCA_ADMIN_CENTER_URI);
  g_assert_cmpuint (direct, ==, fixture->n_needing);
}

/* What the command line gets wrong: exit code 2, and a sentence. */
static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  const char *cases[][5] = {
    { "request", NULL },
    { "request", "customers.csv", NULL },
    { "request", "no-such-file.csv", "-o", "links.csv", NULL },
    { "complete", "one", "two", NULL },
    { "complete", "19990101-000000-0000", NULL },
    { "resume", "19990101-000000-0000", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(AttestTestRun) run = { 0 };

      run_attest (&run, fixture, NULL, cases[i][0], cases[i][1], cases[i][2], cases[i][3],
                  cases[i][4]);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.err, !=, "");
    }
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, 0);
}

/* Without the AppOnly credential the run stops before anything is made,
 * saying how to add it (exit 3); added, the resume sends what was
 * journaled. An expired secret says how to make a new one. */
static void
test_credentials (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(AttestTestRun) signed_out = { 0 };
  g_auto(AttestTestRun) without = { 0 };
  g_auto(AttestTestRun) signed_in = { 0 };
  g_auto(AttestTestRun) resumed = { 0 };
  g_auto(AttestTestRun) expired = { 0 };
  g_autofree char *secret = g_strconcat (attest_sandbox_get_app_client_secret (fixture->sandbox),
                                         "\n", NULL);
  g_autoptr(GPtrArray) posts = NULL;

  run_attest (&signed_out, fixture, NULL, "sign-out", "--app-only", NULL);
  g_assert_cmpint (signed_out.status, ==, 0);
  run_attest (&without, fixture, NULL, "request", fixture->customers, "-o", fixture->links,
              "--yes", NULL);
  g_assert_cmpint (without.status, ==, 3);
  g_assert_nonnull (strstr (without.err, "attest sign-in --app-only"));
  g_assert_nonnull (strstr (without.err, "attest resume"));
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, 0);

  run_attest (&signed_in, fixture, secret, "sign-in", "--app-only", "--application-id",
              attest_sandbox_get_app_client_id (fixture->sandbox), NULL);
  g_assert_cmpint (signed_in.status, ==, 0);
  run_attest (&resumed, fixture, NULL, "resume", NULL);
  g_assert_cmpint (resumed.status, ==, 0);
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==,
                    fixture->n_needing);
  posts = find_requests (fixture, "POST", ATTEST_TEST_MCA_ENHANCED_PATH);
  g_assert_cmpuint (posts->len, ==, fixture->n_needing);

  attest_sandbox_expire_app_secret (fixture->sandbox);
  run_attest (&expired, fixture, NULL, "request", fixture->customers, "-o", fixture->links,
              "--renew", "--yes", NULL);
  g_assert_cmpint (expired.status, ==, 3);
  g_assert_nonnull (strstr (expired.err, "AADSTS7000222"));
  g_assert_nonnull (strstr (expired.err, "App management"));
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==,
                    fixture->n_needing);
}

/* Every log file's text, one after the other. */
static char *
read_logs (void)
{
  g_autofree char *folder = g_build_filename (g_get_user_state_dir (), "attest", "Logs", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GString *text = g_string_new (NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *contents = attest_test_read_file (path);

      g_string_append (text, contents);
    }

  return g_string_free (text, FALSE);
}

/* The links reach the log file at debug level only: not with the default
 * level, and with --debug. */
static void
test_links_not_logged (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(AttestTestRun) requested = { 0 };
  g_auto(AttestTestRun) renewed = { 0 };
  g_autoptr(AttestMcaLinks) links = NULL;
  g_autofree char *quiet = NULL;
  g_autofree char *verbose = NULL;
  guint n_links = 0;

  run_attest (&requested, fixture, NULL, "request", fixture->customers, "-o", fixture->links,
              "--yes", NULL);
  g_assert_cmpint (requested.status, ==, 0);
  quiet = read_logs ();
  g_assert_nonnull (strstr (quiet, "POST /v1/attestations/enhanced"));
  links = attest_test_mca_read_links (fixture->links);
  for (guint i = 0; i < links->rows->len; i++)
    {
      const char *link = attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_ACCEPTANCE_LINK);

      if (link[0] == '\0')
        continue;
      n_links++;
      g_assert_null (strstr (quiet, link));
      g_assert_null (strstr (requested.err, link));
      g_assert_null (strstr (quiet, attest_test_mca_cell (links, i,
                                                          ATTEST_MCA_LINKS_ATTESTATION_ID)));
    }
  g_assert_cmpuint (n_links, ==, fixture->n_needing);

  /* The same run with --debug writes them: the check above could fail. */
  run_attest (&renewed, fixture, NULL, "request", fixture->customers, "-o", fixture->links,
              "--renew", "--yes", "--debug", NULL);
  g_assert_cmpint (renewed.status, ==, 0);
  g_clear_pointer (&links, attest_mca_links_free);
  links = attest_test_mca_read_links (fixture->links);
  verbose = read_logs ();
  for (guint i = 0; i < links->rows->len; i++)
    {
      const char *link = attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_ACCEPTANCE_LINK);

      if (link[0] != '\0')
        g_assert_nonnull (strstr (verbose, link));
    }
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

#define ADD(path, test) \
  g_test_add ("/cli-request/" path, Fixture, NULL, fixture_setup, test, fixture_teardown)

  g_test_add ("/cli-request/whole-flow", Fixture, GINT_TO_POINTER (1), fixture_setup,
              test_whole_flow, fixture_teardown);
  ADD ("killed-request", test_killed_request);
  ADD ("killed-completion", test_killed_completion);
  ADD ("discarded-listed", test_discarded_listed);
  ADD ("summed-up-by-reason", test_summed_up_by_reason);
  ADD ("links-edited", test_links_edited);
  ADD ("direct", test_direct);
  ADD ("usage", test_usage);
  ADD ("credentials", test_credentials);
  ADD ("links-not-logged", test_links_not_logged);

#undef ADD

  return g_test_run ();
}
