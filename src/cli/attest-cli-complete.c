/* attest-cli-complete.c: `attest complete [RUN-ID] [--results FILE]`
 * (SPEC §13 "Complete", CLI contract)
 *
 * The agreement of every requested customer (of every request run, or of
 * the request run RUN-ID), created with its attestation. Progress goes to
 * stderr, the summary to stdout. Exit status: 0 when every customer is
 * done, 1 while any waits (named with the service's words), 2 usage or
 * file error, 3 a credential missing or refused, 4 interrupted
 * (resumable).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-cli-complete"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-cli-private.h"

static char *results_path;

const GOptionEntry attest_cli_complete_entries[] = {
  { "results", 0, 0, G_OPTION_ARG_FILENAME, &results_path,
    N_("Write every customer's result to this CSV file"), N_("FILE") },
  { NULL }
};

static void
on_customer_done (AttestMcaCompletion *completion,
                  const char          *customer_id,
                  AttestCliProgress   *progress)
{
  guint done = 0;
  guint total = 0;
  g_autofree char *line = NULL;

  g_object_get (completion, "n-done", &done, "n-customers", &total, NULL);
  /* Translators: progress of attest complete. */
  line = g_strdup_printf (_("%'u of %'u agreements answered"), done, total);
  attest_cli_progress_show (progress, done, total, line);
}

/* The counts, each customer that still waits or has no answer counted
 * under the service's words, of which @n_held wait for another run, and
 * the results file (@results), which has each one's; with none, how to
 * get one (@resumed: the run of the window that is finished here). */
static void
print_summary (AttestMcaCompletion *completion,
               const char          *results,
               guint                n_held,
               gboolean             resumed)
{
  g_autoptr(GPtrArray) customers = attest_mca_completion_list_customers (completion);
  g_autoptr(AttestCliReasons) waiting = attest_cli_reasons_new ();
  g_autoptr(AttestCliReasons) unanswered = attest_cli_reasons_new ();
  AttestMcaCompletionCounts counts;

  for (guint i = 0; i < customers->len; i++)
    {
      AttestMcaCustomer *customer = g_ptr_array_index (customers, i);
      AttestMcaIntent *pending = attest_mca_customer_get_pending (customer);
      AttestMcaState state = attest_mca_customer_get_state (customer);
      const char *message = pending != NULL ? attest_mca_intent_get_message (pending)
                                            : attest_mca_customer_get_message (customer);

      if (state == ATTEST_MCA_STATE_DONE)
        continue;

      if (pending != NULL)
        attest_cli_reasons_add (unanswered,
                                message != NULL ? message
                                                : _("Not sent yet: “attest resume” sends it."),
                                attest_mca_customer_get_id (customer));
      else
        attest_cli_reasons_add (waiting,
                                message != NULL ? message : attest_mca_state_get_label (state),
                                attest_mca_customer_get_id (customer));
    }

  attest_mca_completion_get_counts (completion, &counts);
  g_print (_("Done: %'u\n"), counts.done);
  g_print (_("Waiting: %'u\n"), counts.waiting + n_held);
  attest_cli_reasons_print (waiting);
  if (counts.unanswered > 0)
    {
      g_print (_("No answer yet: %'u\n"), counts.unanswered);
      attest_cli_reasons_print (unanswered);
    }
  if (results != NULL)
    g_print (_("Results: %s\n"), results);
  if (attest_mca_completion_get_run_id (completion) != NULL)
    g_print (_("Run: %s\n"), attest_mca_completion_get_run_id (completion));

  if (results == NULL && !(attest_cli_reasons_is_empty (waiting)
                           && attest_cli_reasons_is_empty (unanswered)))
    g_printerr ("%s\n", resumed ? _("This run has no file of its own: the Runs dialog of the "
                                    "window exports every customer, with its reason.")
                                : _("Add --results FILE to write every customer’s result, with "
                                    "its reason, to a CSV file."));
}

/* Runs @completion, new or resumed, to its end with progress on stderr,
 * writes the results file to @results (NULL: none, or the resumed run's
 * own), and says how it went; @n_held customers wait for another run to
 * be finished. Returns the exit code. */
int
attest_cli_complete_send (AttestMcaCompletion *completion,
                          const char          *results,
                          guint                n_held)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  AttestCliInterrupt interrupt = { 0, 0 };
  AttestCliProgress progress;
  AttestMcaCompletionCounts counts;
  gboolean resumed = attest_mca_completion_get_run_id (completion) != NULL;
  gulong handler;
  int status;

  attest_cli_progress_init (&progress);
  handler = g_signal_connect (completion, "customer-done", G_CALLBACK (on_customer_done),
                              &progress);
  attest_cli_catch_interrupt (&interrupt, cancellable);
  attest_mca_completion_run_async (completion, results, cancellable, attest_cli_store_result,
                                   &slot);
  result = attest_cli_wait (&slot);
  attest_cli_release_interrupt (&interrupt);
  g_signal_handler_disconnect (completion, handler);
  attest_cli_progress_end (&progress);

  if (!attest_mca_completion_run_finish (completion, result, &error))
    {
      status = attest_cli_mca_report_error (error);
      print_summary (completion, results, n_held, resumed);
      if (attest_mca_completion_get_run_id (completion) != NULL && status != ATTEST_EXIT_USAGE)
        g_printerr (_("Resume the run later with: attest resume %s\n"),
                    attest_mca_completion_get_run_id (completion));
      return status;
    }

  if (attest_mca_completion_get_run_id (completion) == NULL && n_held == 0)
    {
      g_print ("%s\n", _("No customer is waiting to be completed: request attestations with "
                         "“attest request” first."));
      return ATTEST_EXIT_OK;
    }

  print_summary (completion, results, n_held, resumed);
  if (n_held > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "%'u customer has a request of an interrupted run: finish it with "
                             "“attest resume”.\n",
                             "%'u customers have a request of an interrupted run: finish it "
                             "with “attest resume”.\n",
                             n_held),
                n_held);

  attest_mca_completion_get_counts (completion, &counts);
  return counts.waiting + n_held > 0 ? ATTEST_EXIT_PROBLEMS : ATTEST_EXIT_OK;
}

/* Requested customers of @request_run_id (NULL: any) with a request of
 * another run unanswered. */
static guint
count_held (AttestMcaLedger *ledger,
            const char      *request_run_id)
{
  g_autoptr(GPtrArray) customers = attest_mca_ledger_list_customers (ledger);
  guint n = 0;

  for (guint i = 0; i < customers->len; i++)
    {
      AttestMcaCustomer *customer = g_ptr_array_index (customers, i);

      n += attest_mca_customer_get_state (customer) == ATTEST_MCA_STATE_REQUESTED
           && attest_mca_customer_get_pending (customer) != NULL
           && (request_run_id == NULL
               || g_strcmp0 (attest_mca_customer_get_request_run_id (customer),
                             request_run_id) == 0);
    }

  return n;
}

int
attest_cli_complete_run (AttestCliGlobals  *globals,
                         int                argc,
                         char             **argv)
{
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(AttestMcaLedger) ledger = NULL;
  g_autoptr(AttestMcaCompletion) completion = NULL;
  g_autoptr(GError) error = NULL;
  const char *request_run_id = argc == 2 ? argv[1] : NULL;

  if (argc > 2)
    {
      attest_cli_printerr (_("Name at most one request run to complete; “attest runs” lists "
                             "them."));
      return ATTEST_EXIT_USAGE;
    }

  client = attest_cli_new_partner_client (globals, &error);
  if (client == NULL)
    return attest_cli_report_partner_error (error);
  ledger = attest_cli_open_ledger (client, &error);
  if (ledger == NULL)
    return attest_cli_mca_report_error (error);

  completion = attest_mca_completion_new (client, ledger, request_run_id, &error);
  if (completion == NULL)
    return attest_cli_mca_report_error (error);

  return attest_cli_complete_send (completion, results_path,
                                   count_held (ledger, request_run_id));
}
