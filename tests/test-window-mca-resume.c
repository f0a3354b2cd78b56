/* test-window-mca-resume.c: a request run and a completion run of
 * Microsoft's current flow, interrupted, offered at the window's next start
 * and finished there, against the in-process sandbox: Later keeps the run,
 * finishing sends each request that got no answer again under its
 * MS-RequestId and with its bytes (no customer gets a second attestation),
 * the grid shows each answer, and `attest resume` still finishes what the
 * window left; the Runs dialog lists these runs, exports their links and
 * results, continues one and discards one, as the offer at start
 * discards one too (ui suite)
 *
 * The runs are interrupted as the network going away leaves them: the
 * service carries out the first two requests and their answers are lost,
 * and the run stops while the others are on their way, with the rest
 * journaled and not sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "attest-application.h"
#include "attest-mca-ledger.h"
#include "attest-mca-links.h"
#include "attest-request-dialog.h"
#include "attest-runs-dialog.h"
#include "attest-test-cli.h"
#include "attest-test-gtk.h"
#include "attest-test-mca.h"
#include "attest-test-utils.h"
#include "attest-window.h"

#define N_CUSTOMERS 40   /* the customers of the runs offered at start */
#define N_MORE      60   /* those of the runs the Runs dialog lists, in three groups */
#define COMPLETION_SUFFIX "/agreements"

static AttestApplication *application;

static AttestSandbox *
get_sandbox (void)
{
  return attest_connection_get_sandbox (attest_application_get_connection (application));
}

static gboolean
not_working (gpointer user_data)
{
  return !attest_window_is_working (user_data);
}

static guint
n_in_state (AttestWindow   *window,
            AttestMcaState  state)
{
  guint counts[ATTEST_N_MCA_STATES];

  attest_record_store_get_mca_counts (attest_window_get_store (window), counts);
  return counts[state];
}

static gboolean
all_checked (gpointer user_data)
{
  AttestWindow *window = user_data;

  return attest_window_get_store (window) != NULL && !attest_window_is_working (window)
         && n_in_state (window, ATTEST_MCA_STATE_UNCHECKED) == 0;
}

/* The partner's ledger, once nothing else has it open. */
static gboolean
try_open_ledger (gpointer user_data)
{
  AttestMcaLedger **ledger = user_data;
  g_autoptr(GError) error = NULL;

  if (*ledger != NULL)
    return TRUE;

  *ledger = attest_mca_ledger_open (NULL, attest_sandbox_get_tenant_id (get_sandbox ()), &error);
  if (*ledger == NULL)
    g_assert_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_BUSY);

  return *ledger != NULL;
}

static AttestMcaLedger *
open_ledger (void)
{
  AttestMcaLedger *ledger = NULL;

  g_assert_true (attest_test_wait_until (try_open_ledger, &ledger, 20000));
  return ledger;
}

static gboolean
ledger_free (void)
{
  g_autoptr(AttestMcaLedger) ledger = NULL;

  return try_open_ledger (&ledger);
}

static gboolean
run_is_finished (const char *run_id)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger ();
  g_autoptr(AttestMcaRun) run = attest_mca_ledger_lookup_run (ledger, run_id);

  g_assert_nonnull (run);
  return attest_mca_run_is_finished (run);
}

/* The requests of @run_id journaled and not answered: MS-RequestId → body. */
static GHashTable *
dup_unanswered (const char *run_id)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger ();
  g_autoptr(GPtrArray) unanswered = attest_mca_ledger_list_unanswered (ledger, run_id);
  GHashTable *bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_bytes_unref);

  for (guint i = 0; i < unanswered->len; i++)
    {
      AttestPartnerRequest *request = attest_mca_intent_get_request (g_ptr_array_index (unanswered,
                                                                                        i));

      g_hash_table_insert (bodies, g_strdup (attest_partner_request_get_request_id (request)),
                           g_bytes_ref (attest_partner_request_get_body (request)));
    }

  return bodies;
}

static guint
count_posts (const char *suffix)
{
  AttestSandbox *sandbox = get_sandbox ();
  guint n = 0;

  for (guint i = 0; i < attest_sandbox_get_request_count (sandbox); i++)
    {
      const AttestSandboxRequest *request = attest_sandbox_get_request (sandbox, i);

      n += g_str_equal (request->method, "POST") && g_str_has_suffix (request->path, suffix);
    }

  return n;
}

/* Every POST to @suffix the sandbox received since its log was cleared is
 * one of @journaled, under its MS-RequestId with its bytes, and each of
 * them was sent: no request is new. */
static void
assert_sent_as_journaled (GHashTable *journaled,
                          const char *suffix)
{
  AttestSandbox *sandbox = get_sandbox ();
  g_autoptr(GHashTable) sent = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < attest_sandbox_get_request_count (sandbox); i++)
    {
      const AttestSandboxRequest *request = attest_sandbox_get_request (sandbox, i);
      const char *id;
      GBytes *body;

      if (!g_str_equal (request->method, "POST") || !g_str_has_suffix (request->path, suffix))
        continue;

      id = soup_message_headers_get_one (request->headers, "MS-RequestId");
      g_assert_nonnull (id);
      body = g_hash_table_lookup (journaled, id);
      g_assert_nonnull (body);
      g_assert_true (g_bytes_equal (request->body, body));
      g_hash_table_add (sent, (gpointer) id);
    }

  g_assert_cmpuint (g_hash_table_size (sent), ==, g_hash_table_size (journaled));
}

/* Interrupting a run */

typedef struct
{
  GCancellable *cancellable;
  const char   *after;    /* the path of a request to lose the next two after, or NULL */
  const char   *suffix;
  guint         stop_at;
  guint         seen;
} Stopper;

static void
lose_next_two (void)
{
  attest_sandbox_queue_fault (get_sandbox (), ATTEST_SANDBOX_FAULT_DROP_AFTER_ANSWER, 0);
  attest_sandbox_queue_fault (get_sandbox (), ATTEST_SANDBOX_FAULT_DROP_AFTER_ANSWER, 0);
}

/* Loses the answers of the two requests after the one to @after, and
 * stops the run once the sandbox received its @stop_at-th POST to
 * @suffix. */
static void
on_request_received (AttestSandbox              *sandbox,
                     const AttestSandboxRequest *request,
                     Stopper                    *stopper)
{
  if (stopper->after != NULL && g_str_equal (request->path, stopper->after))
    {
      lose_next_two ();
      stopper->after = NULL;
    }

  if (g_str_equal (request->method, "POST") && g_str_has_suffix (request->path, stopper->suffix)
      && ++stopper->seen == stopper->stop_at)
    g_cancellable_cancel (stopper->cancellable);
}

/* A client of the sandbox's partner that tries each request once: a lost
 * answer stays lost. */
static AttestPartnerClient *
new_client_trying_once (void)
{
  AttestConnection *connection = attest_application_get_connection (application);
  g_autoptr(GError) error = NULL;
  AttestPartnerClient *client = attest_connection_new_partner_client (connection, &error);

  g_assert_no_error (error);
  attest_retry_policy_set_max_attempts (attest_partner_client_get_retry_policy (client), 1);

  return client;
}

/* The answers of the first two POSTs to @suffix are lost (after the
 * request to @after, when not NULL: a completion looks its template up
 * first), and the run stops at the fourth. */
static gulong
lose_two_then_stop (Stopper    *stopper,
                    const char *after,
                    const char *suffix)
{
  stopper->cancellable = g_cancellable_new ();
  stopper->after = after;
  stopper->suffix = suffix;
  stopper->stop_at = 4;
  stopper->seen = 0;
  if (after == NULL)
    lose_next_two ();

  return g_signal_connect (get_sandbox (), "request-received", G_CALLBACK (on_request_received),
                           stopper);
}

/* A request run of the customers from @first to @last, interrupted, with
 * its links file @links; returns its ID and how many attestations it
 * sends. */
static char *
interrupt_request_run (guint       first,
                       guint       last,
                       const char *links,
                       guint      *n_to_send)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger ();
  g_autoptr(AttestPartnerClient) client = new_client_trying_once ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (
                                (GDestroyNotify) attest_mca_row_free);
  g_autoptr(AttestMcaRequest) request = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  Stopper stopper;
  gulong handler;

  for (guint i = first; i <= last; i++)
    g_ptr_array_add (rows, attest_test_mca_new_row (get_sandbox (), i, TRUE));
  request = attest_mca_request_new (client, ledger, ATTEST_MCA_REQUEST_DEFAULT);
  attest_test_mca_prepare (request, rows);
  *n_to_send = attest_mca_request_get_n_to_send (request);
  g_assert_cmpuint (*n_to_send, >=, 8);

  handler = lose_two_then_stop (&stopper, NULL, ATTEST_TEST_MCA_ENHANCED_PATH);
  attest_mca_request_run_async (request, links, stopper.cancellable, attest_test_store_result,
                                &slot);
  result = attest_test_wait_result (&slot);
  g_assert_false (attest_mca_request_run_finish (request, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_signal_handler_disconnect (get_sandbox (), handler);
  g_clear_object (&stopper.cancellable);

  return g_strdup (attest_mca_request_get_run_id (request));
}

/* A completion run of every customer requested, interrupted, with its
 * results file @results; returns its ID and how many it completes. */
static char *
interrupt_completion_run (const char *results,
                          guint      *n_to_send)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger ();
  g_autoptr(AttestPartnerClient) client = new_client_trying_once ();
  g_autoptr(AttestMcaCompletion) completion = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  Stopper stopper;
  gulong handler;

  completion = attest_mca_completion_new (client, ledger, NULL, &error);
  g_assert_no_error (error);
  *n_to_send = attest_mca_completion_get_n_to_send (completion);
  g_assert_cmpuint (*n_to_send, >=, 8);

  handler = lose_two_then_stop (&stopper, "/v1/agreements", COMPLETION_SUFFIX);
  attest_mca_completion_run_async (completion, results, stopper.cancellable,
                                   attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);
  g_assert_false (attest_mca_completion_run_finish (completion, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_signal_handler_disconnect (get_sandbox (), handler);
  g_clear_object (&stopper.cancellable);

  return g_strdup (attest_mca_completion_get_run_id (completion));
}

/* The window's start */

/* A new window, as at start: it offers what did not end; returns the
 * offer, once the window let the ledger go. */
static AdwMessageDialog *
start_and_wait_for_offer (AttestWindow **window)
{
  AdwMessageDialog *offer;

  *window = attest_window_new (application);
  attest_test_present_and_wait (GTK_WINDOW (*window));
  attest_window_offer_resume (*window);
  offer = ADW_MESSAGE_DIALOG (attest_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (offer)) == GTK_WINDOW (*window));
  g_assert_false (attest_window_is_working (*window));
  g_assert_true (ledger_free ());

  return offer;
}

/* A new window, as at start, offers nothing. */
static void
assert_nothing_offered (void)
{
  AttestWindow *window = attest_window_new (application);

  attest_test_present_and_wait (GTK_WINDOW (window));
  attest_window_offer_resume (window);
  g_assert_true (attest_test_wait_until (not_working, window, 20000));
  g_assert_null (attest_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
assert_offer (AdwMessageDialog *offer,
              const char       *heading,
              const char       *count,
              const char       *screenshot)
{
  const char *body = adw_message_dialog_get_body (offer);

  g_assert_cmpstr (adw_message_dialog_get_heading (offer), ==, heading);
  g_assert_nonnull (strstr (body, count));
  g_assert_nonnull (strstr (body, " started "));
  g_assert_true (adw_message_dialog_has_response (offer, "later"));
  g_assert_true (adw_message_dialog_has_response (offer, "resume"));
  g_assert_cmpstr (adw_message_dialog_get_close_response (offer), ==, "later");
  if (screenshot != NULL)
    {
      attest_test_present_and_wait (GTK_WINDOW (offer));
      attest_test_save_screenshot (GTK_WIDGET (offer), screenshot);
    }
}

static void
respond (AdwMessageDialog *offer,
         const char       *response)
{
  adw_message_dialog_response (offer, response);
  gtk_window_destroy (GTK_WINDOW (offer));
}

static gboolean
shows_results (gpointer user_data)
{
  return g_strcmp0 (attest_request_dialog_get_page (user_data), "results") == 0;
}

/* Tests */

/* Every customer gets its state, which the ledger keeps for the runs. */
static void
test_check_first (void)
{
  AttestWindow *window = attest_window_new (application);

  attest_test_present_and_wait (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.check-status", NULL));
  g_assert_true (attest_test_wait_until (all_checked, window, 30000));
  g_assert_cmpuint (attest_record_store_get_n_records (attest_window_get_store (window)), ==,
                    N_CUSTOMERS + N_MORE);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Nothing to finish yet: no offer. */
  assert_nothing_offered ();
}

/* Later leaves the request run as it is; the next start offers it again,
 * and finishing it resends only what was journaled, as it was. */
static void
test_request_later_then_finished (void)
{
  AttestSandbox *sandbox = get_sandbox ();
  g_autofree char *links_path = g_build_filename (attest_test_get_root (), "links-1.csv", NULL);
  g_autofree char *run_id = NULL;
  g_autofree char *count = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GHashTable) journaled = NULL;
  g_autoptr(AttestMcaLinks) links = NULL;
  guint before = attest_sandbox_count_attestations (sandbox);
  guint n_to_send = 0, n_left, created, n_requested = 0;
  AttestWindow *window;
  AdwMessageDialog *offer;
  AttestRequestDialog *dialog;

  run_id = interrupt_request_run (0, N_CUSTOMERS / 2 - 1, links_path, &n_to_send);
  journaled = dup_unanswered (run_id);
  n_left = g_hash_table_size (journaled);
  created = attest_sandbox_count_attestations (sandbox) - before;
  /* The two lost were carried out; some were answered; some never left. */
  g_assert_cmpuint (created + n_left, ==, n_to_send + 2);
  g_assert_cmpuint (n_left, >, 2);
  g_assert_cmpuint (n_left, <, n_to_send);

  offer = start_and_wait_for_offer (&window);
  count = g_strdup_printf ("%u customers still wait for their attestations", n_left);
  assert_offer (offer, "Finish the Interrupted Request?", count, "resume-offer-request");
  attest_sandbox_clear_requests (sandbox);
  respond (offer, "later");
  g_assert_false (attest_window_is_working (window));
  g_assert_true (attest_window_is_empty (window));
  g_assert_cmpuint (count_posts (ATTEST_TEST_MCA_ENHANCED_PATH), ==, 0);
  g_assert_false (run_is_finished (run_id));
  gtk_window_destroy (GTK_WINDOW (window));

  offer = start_and_wait_for_offer (&window);
  assert_offer (offer, "Finish the Interrupted Request?", count, NULL);
  respond (offer, "resume");
  g_assert_true (attest_window_is_working (window));
  dialog = ATTEST_REQUEST_DIALOG (attest_test_wait_for_toplevel (ATTEST_TYPE_REQUEST_DIALOG));
  g_assert_cmpstr (attest_mca_request_get_run_id (attest_request_dialog_get_request (dialog)), ==,
                   run_id);
  g_assert_true (attest_test_wait_until (shows_results, dialog, 30000));
  title = g_strdup_printf ("%u Customers Requested", n_to_send);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (attest_test_child (dialog,
                                                                      ATTEST_TYPE_REQUEST_DIALOG,
                                                                      "results_page"))),
                   ==, title);
  attest_test_present_and_wait (GTK_WINDOW (dialog));
  attest_test_save_screenshot (GTK_WIDGET (dialog), "resume-request-results");

  /* One attestation each: the lost ones were asked for again, as they
   * were, and the service gave back the attestation it had made. */
  g_assert_cmpuint (attest_sandbox_count_attestations (sandbox), ==, before + n_to_send);
  assert_sent_as_journaled (journaled, ATTEST_TEST_MCA_ENHANCED_PATH);

  /* The dialog holds the ledger until it closes. */
  g_assert_true (attest_window_is_working (window));
  g_signal_emit_by_name (attest_test_child (dialog, ATTEST_TYPE_REQUEST_DIALOG, "next_button"),
                         "clicked");
  g_assert_true (attest_test_wait_until (not_working, window, 10000));

  /* The window, empty at start, shows the run's customers and their states. */
  g_assert_cmpuint (attest_record_store_get_n_records (attest_window_get_store (window)), ==,
                    N_CUSTOMERS / 2);
  g_assert_cmpuint (n_in_state (window, ATTEST_MCA_STATE_REQUESTED), ==, n_to_send);
  attest_test_save_screenshot (GTK_WIDGET (window), "window-resumed-request");
  g_assert_true (run_is_finished (run_id));

  /* The links file, written again in full. */
  links = attest_test_mca_read_links (links_path);
  g_assert_cmpuint (links->rows->len, ==, N_CUSTOMERS / 2);
  for (guint i = 0; i < links->rows->len; i++)
    n_requested += g_str_equal (attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_STATE),
                                "requested");
  g_assert_cmpuint (n_requested, ==, n_to_send);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The customers requested accept; the completion run, interrupted, is
 * offered and finished: each done, no call made anew. */
static void
test_completion_finished (void)
{
  AttestSandbox *sandbox = get_sandbox ();
  g_autofree char *results_path = g_build_filename (attest_test_get_root (), "results.csv", NULL);
  g_autofree char *run_id = NULL;
  g_autofree char *count = NULL;
  g_autoptr(GHashTable) journaled = NULL;
  g_autoptr(AttestMcaLinks) results = NULL;
  guint attestations = attest_sandbox_count_attestations (sandbox);
  guint n_to_send = 0, n_left;
  AttestWindow *window;
  AdwMessageDialog *offer;

  {
    g_autoptr(AttestMcaLedger) ledger = open_ledger ();
    g_autoptr(GPtrArray) customers = attest_mca_ledger_list_customers (ledger);

    for (guint i = 0; i < customers->len; i++)
      {
        AttestMcaCustomer *customer = g_ptr_array_index (customers, i);

        if (attest_mca_customer_get_state (customer) == ATTEST_MCA_STATE_REQUESTED)
          g_assert_true (attest_sandbox_accept_attestation (
                           sandbox, attest_mca_customer_get_attestation_id (customer)));
      }
  }

  run_id = interrupt_completion_run (results_path, &n_to_send);
  journaled = dup_unanswered (run_id);
  n_left = g_hash_table_size (journaled);
  g_assert_cmpuint (n_left, >, 2);
  g_assert_cmpuint (n_left, <, n_to_send);

  offer = start_and_wait_for_offer (&window);
  count = g_strdup_printf ("%u customers still wait for their agreements", n_left);
  assert_offer (offer, "Finish the Interrupted Completion?", count, "resume-offer-completion");
  attest_sandbox_clear_requests (sandbox);
  respond (offer, "resume");
  g_assert_true (attest_window_is_working (window));
  g_assert_true (attest_test_wait_until (not_working, window, 30000));

  /* Each customer of the run is done, in the grid and in the results file
   * written again where the run wrote it. */
  g_assert_cmpuint (attest_record_store_get_n_records (attest_window_get_store (window)), ==,
                    n_to_send);
  g_assert_cmpuint (n_in_state (window, ATTEST_MCA_STATE_DONE), ==, n_to_send);
  attest_test_save_screenshot (GTK_WIDGET (window), "window-resumed-completion");
  assert_sent_as_journaled (journaled, COMPLETION_SUFFIX);
  g_assert_cmpuint (attest_sandbox_count_attestations (sandbox), ==, attestations);
  g_assert_true (run_is_finished (run_id));
  results = attest_test_mca_read_links (results_path);
  g_assert_cmpuint (results->rows->len, ==, n_to_send);
  for (guint i = 0; i < results->rows->len; i++)
    g_assert_cmpstr (attest_test_mca_cell (results, i, ATTEST_MCA_LINKS_STATE), ==, "done");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Runs `attest ARGS…` as the sandbox's partner, with @input on stdin. */
static void
run_attest (AttestTestRun *run,
            const char    *input,
            ...)
{
  AttestSandbox *sandbox = get_sandbox ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *token = attest_sandbox_mint_access_token (sandbox, 3600);
  const char *arg;
  va_list args;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "ATTEST_ACCESS_TOKEN", token, TRUE);

  g_ptr_array_add (argv, (gpointer) g_getenv ("ATTEST_BINARY"));
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, "--user");
  g_ptr_array_add (argv, (gpointer) attest_sandbox_get_user (sandbox));
  g_ptr_array_add (argv, "--authority");
  g_ptr_array_add (argv, (gpointer) attest_sandbox_get_uri (sandbox));
  g_ptr_array_add (argv, "--api-base");
  g_ptr_array_add (argv, (gpointer) attest_sandbox_get_uri (sandbox));
  g_ptr_array_add (argv, NULL);

  attest_test_cli_run (run, launcher, (const char * const *) argv->pdata, input);
  g_test_message ("attest: %d\n%s%s", run->status, run->out, run->err);
}

/* What the window left for later, `attest resume` finishes, the same way;
 * the next start has nothing to offer. */
static void
test_cli_resumes_what_the_window_left (void)
{
  AttestSandbox *sandbox = get_sandbox ();
  g_autofree char *links_path = g_build_filename (attest_test_get_root (), "links-2.csv", NULL);
  g_autofree char *secret = g_strconcat (attest_sandbox_get_app_client_secret (sandbox), "\n",
                                         NULL);
  g_autofree char *run_id = NULL;
  g_autofree char *count = NULL;
  g_autoptr(GHashTable) journaled = NULL;
  g_auto(AttestTestRun) signed_in = { 0, };
  g_auto(AttestTestRun) resumed = { 0, };
  guint before = attest_sandbox_count_attestations (sandbox);
  guint n_to_send = 0;
  AttestWindow *window;
  AdwMessageDialog *offer;

  run_id = interrupt_request_run (N_CUSTOMERS / 2, N_CUSTOMERS - 1, links_path, &n_to_send);
  journaled = dup_unanswered (run_id);

  offer = start_and_wait_for_offer (&window);
  count = g_strdup_printf ("%u customers still wait for their attestations",
                           g_hash_table_size (journaled));
  assert_offer (offer, "Finish the Interrupted Request?", count, NULL);
  respond (offer, "later");
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (ledger_free ());

  attest_sandbox_clear_requests (sandbox);
  run_attest (&signed_in, secret, "sign-in", "--app-only", "--application-id",
              attest_sandbox_get_app_client_id (sandbox), NULL);
  g_assert_cmpint (signed_in.status, ==, 0);
  run_attest (&resumed, NULL, "resume", NULL);
  g_assert_cmpint (resumed.status, ==, 0);
  g_assert_nonnull (strstr (resumed.err, run_id));

  g_assert_cmpuint (attest_sandbox_count_attestations (sandbox), ==, before + n_to_send);
  assert_sent_as_journaled (journaled, ATTEST_TEST_MCA_ENHANCED_PATH);
  g_assert_true (run_is_finished (run_id));

  assert_nothing_offered ();
}

/* The Runs dialog */

static AttestRunsDialog *
open_runs_dialog (AttestWindow *window)
{
  AttestRunsDialog *runs;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-runs", NULL));
  runs = ATTEST_RUNS_DIALOG (attest_test_find_toplevel (ATTEST_TYPE_RUNS_DIALOG));
  g_assert_nonnull (runs);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (runs)) == GTK_WINDOW (window));
  attest_test_present_and_wait (GTK_WINDOW (runs));

  return runs;
}

typedef struct
{
  AttestRunsDialog *runs;
  const char       *run_id;
  const char       *state;
} RowWanted;

/* The row of the run, once the ledger was read, says @state first. */
static gboolean
row_says (gpointer user_data)
{
  RowWanted *wanted = user_data;
  GtkWidget *row = attest_runs_dialog_find_row (wanted->runs, wanted->run_id);
  g_autofree char *prefix = g_strconcat (wanted->state, " · ", NULL);

  return row != NULL && g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                          prefix);
}

static GtkWidget *
wait_for_row (AttestRunsDialog *runs,
              const char       *run_id,
              const char       *state)
{
  RowWanted wanted = { runs, run_id, state };

  g_assert_true (attest_test_wait_until (row_says, &wanted, 20000));
  return attest_runs_dialog_find_row (runs, run_id);
}

static void
click_in_row (GtkWidget  *row,
              const char *name)
{
  GtkWidget *button = attest_test_find_button (row, name);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
chooser_has_file (gpointer user_data)
{
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (attest_test_find_toplevel (
                                                GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);

  return file != NULL && g_file_equal (file, user_data);
}

static gboolean
file_exported (gpointer user_data)
{
  gpointer *args = user_data;

  return !attest_window_is_working (args[0]) && g_file_test (args[1], G_FILE_TEST_EXISTS);
}

/* Exports the run of @row to @path through the file chooser, offered
 * @name first; returns what was written. */
static AttestMcaLinks *
export_row (AttestWindow *window,
            GtkWidget    *row,
            const char   *button,
            const char   *name,
            const char   *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *offered = NULL;
  GtkFileChooser *chooser;
  gpointer args[2] = { window, (gpointer) path };

  click_in_row (row, button);
  chooser = GTK_FILE_CHOOSER (attest_test_wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  offered = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (offered, ==, name);

  gtk_file_chooser_set_current_name (chooser, path);
  g_assert_true (attest_test_wait_until (chooser_has_file, file, 10000));
  gtk_widget_activate (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser),
                                                           GTK_RESPONSE_ACCEPT));
  g_assert_true (attest_test_wait_until (file_exported, args, 20000));

  return attest_test_mca_read_links (path);
}

static AttestMcaRun *
lookup_run (const char *run_id)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger ();
  AttestMcaRun *run = attest_mca_ledger_lookup_run (ledger, run_id);

  g_assert_nonnull (run);
  return run;
}

/* The newest run of @kind that ended. */
static char *
dup_finished_run (AttestMcaRunKind kind)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger ();
  g_autoptr(GPtrArray) runs = attest_mca_ledger_list_runs (ledger);

  for (guint i = runs->len; i > 0; i--)
    {
      AttestMcaRun *run = g_ptr_array_index (runs, i - 1);

      if (attest_mca_run_get_kind (run) == kind && attest_mca_run_is_finished (run))
        return g_strdup (attest_mca_run_get_id (run));
    }

  g_assert_not_reached ();
}

static AdwMessageDialog *
wait_for_question (const char *heading)
{
  AdwMessageDialog *question = ADW_MESSAGE_DIALOG (attest_test_wait_for_toplevel (
                                                     ADW_TYPE_MESSAGE_DIALOG));

  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, heading);
  return question;
}

/* A request run of the window, interrupted, with no file of its own: the
 * Runs dialog lists it with its state and its customers, beside the runs
 * that ended; it exports its links file, with a row per customer, and the
 * results file of the completion run; Discard, confirmed, ends it. */
static void
test_runs_dialog_lists_exports_discards (void)
{
  g_autofree char *run_id = NULL;
  g_autofree char *completion_id = dup_finished_run (ATTEST_MCA_RUN_COMPLETION);
  g_autofree char *links_path = g_build_filename (attest_test_get_root (), "exported-links.csv",
                                                  NULL);
  g_autofree char *results_path = g_build_filename (attest_test_get_root (),
                                                    "exported-results.csv", NULL);
  g_autofree char *links_name = NULL;
  g_autofree char *results_name = g_strdup_printf ("AgreementResults-%s.csv", completion_id);
  g_autofree char *customers = g_strdup_printf ("Interrupted · %u customers", N_MORE / 3);
  g_autoptr(GHashTable) journaled = NULL;
  g_autoptr(AttestMcaLinks) links = NULL;
  g_autoptr(AttestMcaLinks) results = NULL;
  g_autoptr(AttestMcaRun) run = NULL;
  guint n_to_send = 0, n_unanswered = 0, n_requested = 0;
  AttestRunsDialog *runs;
  AttestWindow *window;
  AdwMessageDialog *question;
  GtkWidget *row;

  run_id = interrupt_request_run (N_CUSTOMERS, N_CUSTOMERS + N_MORE / 3 - 1, NULL, &n_to_send);
  links_name = g_strdup_printf ("AcceptanceLinks-%s.csv", run_id);
  journaled = dup_unanswered (run_id);

  window = attest_window_new (application);
  attest_test_present_and_wait (GTK_WINDOW (window));
  runs = open_runs_dialog (window);

  /* Listed with what it is, its state and its customers, and no file:
   * Continue, Discard and Export. */
  row = wait_for_row (runs, run_id, "Interrupted");
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                   "Request for Acceptance · Started "));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, customers);
  g_assert_nonnull (attest_test_find_button (row, "C_ontinue"));
  g_assert_nonnull (attest_test_find_button (row, "Discard Run…"));
  g_assert_nonnull (attest_test_find_button (row, "Export Links…"));
  row = wait_for_row (runs, completion_id, "Finished");
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                   "Completion of Agreements · Started "));
  g_assert_null (attest_test_find_button (row, "C_ontinue"));
  g_assert_null (attest_test_find_button (row, "Discard Run…"));
  g_assert_nonnull (attest_test_find_button (row, "Export Results…"));
  attest_test_save_screenshot (GTK_WIDGET (runs), "runs-dialog-current-flow");

  /* Its links file, as the ledger knows its customers now: each of its
   * customers, those answered with their links, those still waiting for
   * an answer with why. */
  links = export_row (window, attest_runs_dialog_find_row (runs, run_id), "Export Links…",
                      links_name, links_path);
  g_assert_cmpint (links->format, ==, ATTEST_MCA_LINKS_FORMAT_LINKS);
  g_assert_cmpuint (links->rows->len, ==, N_MORE / 3);
  g_assert_cmpstr (attest_test_mca_cell (links, 0, ATTEST_MCA_LINKS_CUSTOMER_TENANT_ID), ==,
                   attest_sandbox_get_customer (get_sandbox (), N_CUSTOMERS)->customer_id);
  for (guint i = 0; i < links->rows->len; i++)
    {
      const char *state = attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_STATE);

      if (g_str_equal (state, "requested"))
        {
          g_assert_cmpstr (attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_ACCEPTANCE_LINK), !=,
                           "");
          n_requested++;
        }
      else if (g_str_equal (state, "needs-acceptance"))
        {
          /* Why it has no link: no answer yet, or the one that came. */
          g_assert_cmpstr (attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_MESSAGE), !=, "");
          n_unanswered++;
        }
    }
  g_assert_cmpuint (n_requested, >, 0);
  g_assert_cmpuint (n_unanswered, ==, g_hash_table_size (journaled));
  g_assert_cmpuint (n_requested + n_unanswered, <=, n_to_send);

  /* The completion run's results: its customers, done. */
  results = export_row (window, attest_runs_dialog_find_row (runs, completion_id),
                        "Export Results…", results_name, results_path);
  g_assert_cmpint (results->format, ==, ATTEST_MCA_LINKS_FORMAT_RESULTS);
  g_assert_cmpuint (results->rows->len, >, 0);
  for (guint i = 0; i < results->rows->len; i++)
    {
      g_assert_cmpstr (attest_test_mca_cell (results, i, ATTEST_MCA_LINKS_STATE), ==, "done");
      g_assert_cmpstr (attest_test_mca_cell (results, i, ATTEST_MCA_LINKS_REQUEST_ID), !=, "");
    }

  /* Discard asks first, Cancel the default; confirmed, the run is over
   * and listed so, and nothing more was sent. */
  attest_sandbox_clear_requests (get_sandbox ());
  click_in_row (attest_runs_dialog_find_row (runs, run_id), "Discard Run…");
  question = wait_for_question ("Discard the Run?");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (question)) == GTK_WINDOW (runs));
  g_assert_cmpstr (adw_message_dialog_get_default_response (question), ==, "cancel");
  respond (question, "discard");
  row = wait_for_row (runs, run_id, "Discarded");
  g_assert_null (attest_test_find_button (row, "C_ontinue"));
  g_assert_nonnull (attest_test_find_button (row, "Export Links…"));
  g_assert_true (attest_test_wait_until (not_working, window, 10000));
  run = lookup_run (run_id);
  g_assert_true (attest_mca_run_is_discarded (run));
  g_assert_cmpuint (count_posts (ATTEST_TEST_MCA_ENHANCED_PATH), ==, 0);
  attest_test_save_screenshot (GTK_WIDGET (runs), "runs-dialog-discarded");

  gtk_window_destroy (GTK_WINDOW (runs));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The offer at start discards too, once confirmed: nothing is sent, and
 * the next start offers nothing. */
static void
test_offer_discards (void)
{
  g_autofree char *run_id = NULL;
  g_autoptr(AttestMcaRun) run = NULL;
  guint n_to_send = 0;
  AttestWindow *window;
  AdwMessageDialog *offer;
  AdwMessageDialog *question;

  run_id = interrupt_request_run (N_CUSTOMERS + N_MORE / 3, N_CUSTOMERS + 2 * N_MORE / 3 - 1,
                                  NULL, &n_to_send);

  offer = start_and_wait_for_offer (&window);
  assert_offer (offer, "Finish the Interrupted Request?", " customers still wait ", NULL);
  g_assert_true (adw_message_dialog_has_response (offer, "discard"));
  attest_sandbox_clear_requests (get_sandbox ());
  respond (offer, "discard");

  /* Asked again, with Cancel the default: cancelled, the run stays. */
  question = wait_for_question ("Discard the Run?");
  g_assert_cmpstr (adw_message_dialog_get_default_response (question), ==, "cancel");
  respond (question, "cancel");
  g_assert_false (run_is_finished (run_id));
  gtk_window_destroy (GTK_WINDOW (window));

  offer = start_and_wait_for_offer (&window);
  respond (offer, "discard");
  respond (wait_for_question ("Discard the Run?"), "discard");
  g_assert_true (attest_window_is_working (window));
  g_assert_true (attest_test_wait_until (not_working, window, 10000));
  run = lookup_run (run_id);
  g_assert_true (attest_mca_run_is_finished (run));
  g_assert_true (attest_mca_run_is_discarded (run));
  g_assert_cmpuint (count_posts (ATTEST_TEST_MCA_ENHANCED_PATH), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));

  assert_nothing_offered ();
}

/* Continue in the Runs dialog finishes the run as the offer does: what
 * was journaled goes out as it was, one attestation per customer, and the
 * dialog lists it finished after. */
static void
test_runs_dialog_continues (void)
{
  AttestSandbox *sandbox = get_sandbox ();
  g_autofree char *run_id = NULL;
  g_autoptr(GHashTable) journaled = NULL;
  guint before = attest_sandbox_count_attestations (sandbox);
  guint n_to_send = 0;
  AttestRunsDialog *runs;
  AttestRequestDialog *dialog;
  AttestWindow *window;

  run_id = interrupt_request_run (N_CUSTOMERS + 2 * N_MORE / 3, N_CUSTOMERS + N_MORE - 1, NULL,
                                  &n_to_send);
  journaled = dup_unanswered (run_id);
  g_assert_cmpuint (g_hash_table_size (journaled), >, 0);

  window = attest_window_new (application);
  attest_test_present_and_wait (GTK_WINDOW (window));
  runs = open_runs_dialog (window);
  attest_sandbox_clear_requests (sandbox);
  click_in_row (wait_for_row (runs, run_id, "Interrupted"), "C_ontinue");
  g_assert_null (attest_test_find_toplevel (ATTEST_TYPE_RUNS_DIALOG));

  dialog = ATTEST_REQUEST_DIALOG (attest_test_wait_for_toplevel (ATTEST_TYPE_REQUEST_DIALOG));
  g_assert_cmpstr (attest_mca_request_get_run_id (attest_request_dialog_get_request (dialog)), ==,
                   run_id);
  g_assert_true (attest_test_wait_until (shows_results, dialog, 30000));
  g_signal_emit_by_name (attest_test_child (dialog, ATTEST_TYPE_REQUEST_DIALOG, "next_button"),
                         "clicked");
  g_assert_true (attest_test_wait_until (not_working, window, 10000));

  g_assert_cmpuint (attest_sandbox_count_attestations (sandbox), ==, before + n_to_send);
  assert_sent_as_journaled (journaled, ATTEST_TEST_MCA_ENHANCED_PATH);
  g_assert_true (run_is_finished (run_id));
  g_assert_cmpuint (attest_record_store_get_n_records (attest_window_get_store (window)), ==,
                    N_MORE / 3);

  runs = open_runs_dialog (window);
  g_assert_null (attest_test_find_button (wait_for_row (runs, run_id, "Finished"), "C_ontinue"));
  gtk_window_destroy (GTK_WINDOW (runs));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  attest_test_init (&argc, &argv, ATTEST_TEST_GTK);

  /* Partner Center as it is today (SPEC §13), in the process. */
  application = attest_test_new_application ();
  g_assert_true (attest_connection_start_sandbox (attest_application_get_connection (application),
                                                   N_CUSTOMERS + N_MORE, &error));
  g_assert_no_error (error);

  /* In this order: each goes on from what the one before left. */
  g_test_add_func ("/window-mca-resume/check-first", test_check_first);
  g_test_add_func ("/window-mca-resume/request-later-then-finished",
                   test_request_later_then_finished);
  g_test_add_func ("/window-mca-resume/completion-finished", test_completion_finished);
  g_test_add_func ("/window-mca-resume/cli-resumes-what-the-window-left",
                   test_cli_resumes_what_the_window_left);
  g_test_add_func ("/window-mca-resume/runs-dialog-lists-exports-discards",
                   test_runs_dialog_lists_exports_discards);
  g_test_add_func ("/window-mca-resume/offer-discards", test_offer_discards);
  g_test_add_func ("/window-mca-resume/runs-dialog-continues", test_runs_dialog_continues);

  status = g_test_run ();
  g_clear_object (&application);

  return status;
}
