/* attest-cli-submit.c: `attest submit` and `attest resume` (SPEC §9, and
 * §13 for the runs of the current flow)
 *
 * Progress goes to stderr (a bar on a terminal, a line now and then
 * otherwise), results to stdout. Exit status: 0 all done, 1 some records
 * rejected or failed, 2 usage or file error, 3 sign-in or permission
 * problem, 4 interrupted (resumable).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-cli-submit"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "attest-cli-private.h"
#include "attest-csv-reader.h"
#include "attest-csv-writer.h"
#include "attest-run-replay.h"
#include "attest-submission.h"

static gboolean  dry_run;
static char     *strategy_name;
static int       batch_size = -1;
static int       concurrency = -1;
static char     *date_agreed_text;
static char     *results_path;
static gboolean  assume_yes;

const GOptionEntry attest_cli_submit_entries[] = {
  { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
    N_("Do everything but send: show what would be sent"), NULL },
  { "strategy", 0, 0, G_OPTION_ARG_STRING, &strategy_name,
    N_("Send in batches (bulk) or one request per customer (per-customer)"),
    N_("bulk|per-customer") },
  { "batch-size", 0, 0, G_OPTION_ARG_INT, &batch_size,
    N_("Customers per batch, from 1 to 500"), N_("N") },
  { "concurrency", 0, 0, G_OPTION_ARG_INT, &concurrency,
    N_("Requests under way at once"), N_("N") },
  { "date-agreed", 0, 0, G_OPTION_ARG_STRING, &date_agreed_text,
    N_("The date the customers accepted, in UTC (default: today)"), N_("YYYY-MM-DD") },
  { "results", 0, 0, G_OPTION_ARG_FILENAME, &results_path,
    N_("Write every customer's result to this CSV file"), N_("FILE") },
  { "yes", 'y', 0, G_OPTION_ARG_NONE, &assume_yes,
    N_("Do not ask for confirmation"), NULL },
  { NULL }
};

const GOptionEntry attest_cli_resume_entries[] = {
  { "results", 0, 0, G_OPTION_ARG_FILENAME, &results_path,
    N_("Write every customer's result to this CSV file"), N_("FILE") },
  { NULL }
};

typedef struct
{
  GMainLoop        *loop;
  GCancellable     *cancellable;
  AttestSubmission *submission;
  AttestRunState    state;
  GError           *error;
  gboolean          terminal;
  gint64            last_line;
  gint64            throttled_until;   /* monotonic; the wait last said */
} Run;

/* Progress */

/* Partner Center asked to wait (429): said once for each wait, however
 * many batches it holds back, on a line of its own. */
static void
on_throttled (AttestSubmission *submission,
              guint             delay_ms,
              Run              *run)
{
  gint64 now = g_get_monotonic_time ();
  guint seconds = (delay_ms + 999) / 1000;

  if (now < run->throttled_until)
    return;

  run->throttled_until = now + (gint64) delay_ms * 1000;
  if (run->terminal)
    g_printerr ("\r\033[K");
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Partner Center asked to wait %'u second.\n",
                           "Partner Center asked to wait %'u seconds.\n", seconds),
              seconds);
}

static char *
format_eta (gint64 seconds)
{
  if (seconds < 0)
    return g_strdup ("–");
  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                            (int) (seconds / 60 % 60), (int) (seconds % 60));
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

/* The rate, when it is known and not nought: a run whose customers are all
 * rejected, or one that ended before a rate was measured, shows none. */
static gboolean
has_rate (const AttestProgress *progress)
{
  return progress->rate >= 0.5 && progress->done < progress->total;
}

static void
on_progress (AttestSubmission *submission,
             Run              *run)
{
  const AttestProgress *progress = attest_submission_get_progress (submission);
  g_autofree char *eta = format_eta (progress->eta_seconds);
  gboolean eta_known = progress->eta_seconds >= 0 && progress->done < progress->total;
  gint64 now = g_get_monotonic_time ();

  if (run->terminal)
    {
      const int width = 30;
      int filled = progress->total > 0 ? (int) ((double) progress->done / progress->total * width)
                                       : width;
      g_autofree char *bar = g_strnfill (filled, '#');
      g_autofree char *rest = g_strnfill (width - filled, '.');
      g_autoptr(GString) line = g_string_new (NULL);

      /* Done/total, then the rate and the time left when they are known. */
      g_string_printf (line, "\r[%s%s] %'u/%'u", bar, rest, progress->done, progress->total);
      if (has_rate (progress))
        /* Translators: the rate in the progress bar of attest submit, customers a second. */
        g_string_append_printf (line, _(" · %'.0f/s"), progress->rate);
      if (eta_known)
        g_string_append_printf (line, " · %s %s", _("ETA"), eta);
      /* Wipes what a longer line before it left. */
      g_printerr ("%s\033[K", line->str);
      return;
    }

  /* Not a terminal: a line a second at most, and the last one. */
  if (now - run->last_line < G_USEC_PER_SEC && progress->done < progress->total)
    return;

  run->last_line = now;
  if (has_rate (progress) && eta_known)
    g_printerr (_("%'u of %'u customers done (%'.0f per second, %s left)\n"), progress->done,
                progress->total, progress->rate, eta);
  else
    g_printerr (_("%'u of %'u customers done\n"), progress->done, progress->total);
}

static void
on_would_send (AttestSubmission *submission,
               const char       *path,
               GBytes           *body,
               Run              *run)
{
  g_print ("POST %s\n%.*s\n", path, (int) g_bytes_get_size (body),
           (const char *) g_bytes_get_data (body, NULL));
}

static gboolean
on_interrupt (gpointer user_data)
{
  Run *run = user_data;

  if (!g_cancellable_is_cancelled (run->cancellable))
    {
      g_printerr ("\n%s\n", _("Stopping: the requests under way finish first…"));
      g_cancellable_cancel (run->cancellable);
    }

  return G_SOURCE_CONTINUE;
}

static void
on_run_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;

  run->state = attest_submission_run_finish (ATTEST_SUBMISSION (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
write_results (AttestRecordStore  *store,
               const char         *path,
               GError            **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  return attest_csv_save_file (store, ATTEST_CSV_FORMAT_RESULTS, file, NULL, error);
}

/* Under the count of @status: a line per reason Partner Center gave, with
 * how many customers and the first of them. The results file has each
 * customer's. */
static void
print_reasons (AttestRecordStore  *store,
               AttestRecordStatus  status)
{
  g_autoptr(AttestCliReasons) reasons = attest_cli_reasons_new ();
  guint n = attest_record_store_get_n_records (store);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = NULL;

      if (attest_record_store_get_status (store, i) != status)
        continue;

      id = attest_record_store_dup_field (store, i, ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID);
      attest_cli_reasons_add (reasons, attest_record_store_get_message (store, i), id);
    }

  attest_cli_reasons_print (reasons);
}

/* The counts of @submission's outcomes, each reason for not attesting
 * under its count, and where the results were written (@results, or NULL
 * when they were not). */
static void
print_summary (AttestSubmission *submission,
               const char       *results)
{
  const AttestProgress *progress = attest_submission_get_progress (submission);
  AttestRecordStore *store = attest_submission_get_store (submission);

  g_print (_("Attested: %'u\n"), progress->attested);
  g_print (_("Already attested: %'u\n"), progress->already_attested);
  g_print (_("Rejected: %'u\n"), progress->rejected);
  print_reasons (store, ATTEST_RECORD_STATUS_REJECTED);
  g_print (_("Failed: %'u\n"), progress->failed);
  print_reasons (store, ATTEST_RECORD_STATUS_FAILED);
  if (results != NULL)
    g_print (_("Results: %s\n"), results);
  g_print (_("Run: %s\n"), attest_submission_get_run_id (submission));

  if (results == NULL && progress->rejected + progress->failed > 0)
    g_printerr ("%s\n", _("Add --results FILE to write every customer’s result, with its "
                          "reason, to a CSV file."));
}

static int
exit_code_for_error (const GError *error)
{
  if (error->domain == ATTEST_SUBMISSION_ERROR)
    {
      switch (error->code)
        {
        case ATTEST_SUBMISSION_ERROR_STOPPED:
        case ATTEST_SUBMISSION_ERROR_WRONG_PARTNER:
          return ATTEST_EXIT_SIGN_IN;
        case ATTEST_SUBMISSION_ERROR_NO_ANSWER:
        case ATTEST_SUBMISSION_ERROR_JOURNAL:
          return ATTEST_EXIT_INTERRUPTED;
        case ATTEST_SUBMISSION_ERROR_RETIRED:
          return ATTEST_EXIT_PROBLEMS;
        default:
          return ATTEST_EXIT_USAGE;
        }
    }

  /* Cancelled, or a failure before anything was sent (the template
   * lookup, the sign-in). */
  return attest_cli_exit_code_for_partner_error (error);
}

/* @path as a shell word: as it is when that is safe, else quoted. */
static char *
shell_word (const char *path)
{
  static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                             "0123456789_-+.,/:@%=";

  if (path[0] != '\0' && strspn (path, safe) == strlen (path))
    return g_strdup (path);

  return g_shell_quote (path);
}

/* After Partner Center refused the classic attestation (SPEC §13): what
 * became of the records, and the commands of the current flow for the
 * same customers, read from @input_path (NULL or empty when not known). */
static void
print_current_flow (AttestRecordStore *store,
                    const char        *input_path)
{
  g_autofree char *file = input_path != NULL && input_path[0] != '\0'
                          ? shell_word (input_path) : g_strdup (_("FILE"));

  if (store != NULL)
    {
      AttestRecordCounts counts = { 0 };

      attest_record_store_get_counts (store, &counts);
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "Nothing more was sent: %'u customer is not attested and "
                               "stays pending. The run is over and cannot be resumed.\n",
                               "Nothing more was sent: %'u customers are not attested and "
                               "stay pending. The run is over and cannot be resumed.\n",
                               counts.actionable),
                  counts.actionable);
    }

  /* Translators: the commands stay as they are; LINKS stands for the links file to write;
   * %s is the file, twice. */
  g_printerr (_("Each customer now accepts the Microsoft Customer Agreement through a link you "
                "request for them. For the same customers:\n"
                "  attest status %s\n"
                "      shows which of them still need to accept;\n"
                "  attest request %s -o LINKS\n"
                "      requests a link for each of them and writes the links to LINKS.\n"),
              file, file);
}

/* Runs @submission, of the records of @input_path, to its end and says how
 * it went. */
static int
run_submission (AttestSubmission *submission,
                const char       *input_path)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Run run = { loop, cancellable, submission, ATTEST_RUN_STATE_RUNNING, NULL, isatty (2), 0, 0 };
  guint sigint = g_unix_signal_add (SIGINT, on_interrupt, &run);
  guint sigterm = g_unix_signal_add (SIGTERM, on_interrupt, &run);
  g_autoptr(GError) results_error = NULL;
  const char *results = NULL;
  const AttestProgress *progress;
  int status;

  g_signal_connect (submission, "progress", G_CALLBACK (on_progress), &run);
  g_signal_connect (submission, "would-send", G_CALLBACK (on_would_send), &run);
  g_signal_connect (submission, "throttled", G_CALLBACK (on_throttled), &run);

  attest_submission_run_async (submission, cancellable, on_run_done, &run);
  g_main_loop_run (loop);

  g_source_remove (sigint);
  g_source_remove (sigterm);
  if (run.terminal)
    g_printerr ("\n");

  if (results_path != NULL
      && !write_results (attest_submission_get_store (submission), results_path, &results_error))
    attest_cli_printerr (_("Cannot write the results: %s"), results_error->message);
  else
    results = results_path;

  progress = attest_submission_get_progress (submission);

  if (run.error != NULL)
    {
      if (g_error_matches (run.error, ATTEST_SUBMISSION_ERROR,
                           ATTEST_SUBMISSION_ERROR_NOTHING_TO_SEND))
        {
          g_print ("%s\n", run.error->message);
          g_clear_error (&run.error);
          return ATTEST_EXIT_OK;
        }

      attest_cli_printerr ("%s", run.error->message);
      if (g_error_matches (run.error, ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_RETIRED))
        {
          print_summary (submission, results);
          print_current_flow (attest_submission_get_store (submission), input_path);
        }
      else if (attest_submission_get_run_id (submission) != NULL)
        {
          print_summary (submission, results);
          if (!g_error_matches (run.error, ATTEST_SUBMISSION_ERROR,
                                ATTEST_SUBMISSION_ERROR_JOURNAL))
            g_printerr (_("Resume the run later with: attest resume %s\n"),
                        attest_submission_get_run_id (submission));
        }

      status = exit_code_for_error (run.error);

      g_clear_error (&run.error);
      return status;
    }

  if (!dry_run)
    print_summary (submission, results);

  return progress->rejected + progress->failed > 0 ? ATTEST_EXIT_PROBLEMS : ATTEST_EXIT_OK;
}

static gboolean
confirm (guint n_customers)
{
  char answer[16] = { 0 };

  /* Translators: asked before anything is sent; the answer is y or n. */
  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "Attest %'u customer to Partner Center? Its primary contact receives "
                           "an email from Microsoft. [y/N] ",
                           "Attest %'u customers to Partner Center? Each primary contact "
                           "receives an email from Microsoft. [y/N] ",
                           n_customers),
              n_customers);

  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;

  g_strstrip (answer);
  /* Translators: the answers that mean yes to the question above, lower case, separated by |. */
  {
    g_auto(GStrv) yes = g_strsplit (_("y|yes"), "|", -1);
    g_autofree char *lower = g_utf8_strdown (answer, -1);

    return g_strv_contains ((const char * const *) yes, lower) || g_str_equal (lower, "y");
  }
}

int
attest_cli_submit_run (AttestCliGlobals  *globals,
                       int                argc,
                       char             **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(AttestRecordStore) store = NULL;
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(AttestSubmission) submission = NULL;
  g_autoptr(GDateTime) date_agreed = NULL;
  AttestSubmissionOptions options = { 0 };
  AttestRecordCounts counts = { 0 };

  if (argc != 2)
    {
      attest_cli_printerr (_("Name one CSV file to submit, such as: attest submit customers.csv"));
      return ATTEST_EXIT_USAGE;
    }

  options.strategy = globals->config->strategy;
  if (strategy_name != NULL)
    {
      if (g_str_equal (strategy_name, "bulk"))
        options.strategy = ATTEST_STRATEGY_BULK;
      else if (g_str_equal (strategy_name, "per-customer"))
        options.strategy = ATTEST_STRATEGY_PER_CUSTOMER;
      else
        {
          attest_cli_printerr (_("The strategy must be “bulk” or “per-customer”, "
                                 "not “%s”."),
                               strategy_name);
          return ATTEST_EXIT_USAGE;
        }
    }

  options.batch_size = globals->config->batch_size;
  if (batch_size != -1)
    {
      if (batch_size < 1 || batch_size > ATTEST_MAX_BATCH_SIZE)
        {
          attest_cli_printerr (_("The batch size must be between 1 and 500, not %'d."), batch_size);
          return ATTEST_EXIT_USAGE;
        }
      options.batch_size = batch_size;
    }

  options.concurrency = globals->config->concurrency;
  if (concurrency != -1)
    {
      if (concurrency < 1 || concurrency > 64)
        {
          attest_cli_printerr (_("The concurrency must be between 1 and 64, not %'d."),
                               concurrency);
          return ATTEST_EXIT_USAGE;
        }
      options.concurrency = concurrency;
    }

  if (date_agreed_text != NULL
      && !(date_agreed = attest_submission_parse_date_agreed (date_agreed_text, NULL, &error)))
    {
      attest_cli_printerr ("%s", error->message);
      return ATTEST_EXIT_USAGE;
    }
  options.date_agreed = date_agreed;
  options.dry_run = dry_run;
  options.input_path = argv[1];

  file = g_file_new_for_commandline_arg (argv[1]);
  store = attest_csv_load_file (file, NULL, NULL, NULL, &error);
  if (store == NULL)
    {
      attest_cli_printerr ("%s", error->message);
      return ATTEST_EXIT_USAGE;
    }

  attest_record_store_get_counts (store, &counts);
  if (counts.actionable == 0)
    {
      g_print ("%s\n", _("No customer is ready to send: mark customers as attested and fix their "
                         "problems first. “attest check” lists the problems."));
      return counts.marked > 0 ? ATTEST_EXIT_PROBLEMS : ATTEST_EXIT_OK;
    }

  if (counts.marked > counts.actionable)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "%'u marked customer has problems and will not be sent; "
                             "“attest check” lists them.\n",
                             "%'u marked customers have problems and will not be sent; "
                             "“attest check” lists them.\n",
                             counts.marked - counts.actionable),
                counts.marked - counts.actionable);

  if (!dry_run && !assume_yes && isatty (0) && !confirm (counts.actionable))
    {
      g_printerr ("%s\n", _("Nothing was sent."));
      return ATTEST_EXIT_OK;
    }

  client = attest_cli_new_partner_client (globals, &error);
  if (client == NULL)
    {
      attest_cli_printerr ("%s", error->message);
      return attest_cli_exit_code_for_partner_error (error);
    }

  submission = attest_submission_new (client, store, &options);
  return run_submission (submission, argv[1]);
}

static AttestRunReplay *
find_run (GPtrArray  *runs,
          const char *run_id)
{
  for (guint i = runs->len; i > 0; i--)
    {
      AttestRunReplay *replay = g_ptr_array_index (runs, i - 1);

      if (run_id != NULL ? g_str_equal (replay->header->run_id, run_id)
                         : attest_run_replay_is_resumable (replay))
        return replay;
    }

  return NULL;
}

/* Finishes the classic run @replay; returns the exit code. */
static int
resume_classic (AttestCliGlobals *globals,
                AttestRunReplay  *replay)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(AttestSubmission) submission = NULL;

  if (replay->state == ATTEST_RUN_STATE_COMPLETED)
    {
      g_print (_("Run %s is already complete.\n"), replay->header->run_id);
      return ATTEST_EXIT_OK;
    }

  if (replay->state == ATTEST_RUN_STATE_RETIRED)
    {
      attest_cli_printerr (_("Run %s is over and cannot be resumed: %s"), replay->header->run_id,
                           replay->end_reason != NULL ? replay->end_reason : "");
      print_current_flow (NULL, replay->header->input_path);
      return ATTEST_EXIT_PROBLEMS;
    }

  client = attest_cli_new_partner_client (globals, &error);
  if (client == NULL)
    {
      attest_cli_printerr ("%s", error->message);
      return attest_cli_exit_code_for_partner_error (error);
    }

  submission = attest_submission_new_resume (client, replay->path, &error);
  if (submission == NULL)
    {
      attest_cli_printerr ("%s", error->message);
      return ATTEST_EXIT_USAGE;
    }

  g_printerr (_("Resuming run %s\n"), replay->header->run_id);
  return run_submission (submission, replay->header->input_path);
}

/* Finishes the request and completion runs of @mca_runs (AttestCliMcaRun)
 * that are interrupted, or the one @run_id names, with one client; returns
 * the exit code of the worst. */
static int
resume_mca_runs (AttestCliGlobals *globals,
                 GPtrArray        *mca_runs,
                 const char       *run_id)
{
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(GError) error = NULL;
  int status = ATTEST_EXIT_OK;
  int resumed;

  for (guint i = 0; i < mca_runs->len; i++)
    {
      AttestCliMcaRun *run = g_ptr_array_index (mca_runs, i);
      gboolean named = run_id != NULL && g_str_equal (attest_mca_run_get_id (run->run), run_id);

      if (run_id != NULL && !named)
        continue;
      if (attest_mca_run_is_finished (run->run))
        {
          if (named)
            g_print (_("Run %s is already complete.\n"), run_id);
          continue;
        }

      if (client == NULL && (client = attest_cli_new_partner_client (globals, &error)) == NULL)
        return attest_cli_report_partner_error (error);
      resumed = attest_cli_resume_mca_run (client, run);
      status = MAX (status, resumed);
    }

  return status;
}

static gboolean
has_interrupted (GPtrArray *mca_runs)
{
  for (guint i = 0; i < mca_runs->len; i++)
    {
      if (!attest_mca_run_is_finished (((AttestCliMcaRun *) g_ptr_array_index (mca_runs,
                                                                                i))->run))
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_run (GPtrArray  *mca_runs,
         const char *run_id)
{
  for (guint i = 0; i < mca_runs->len; i++)
    {
      AttestCliMcaRun *run = g_ptr_array_index (mca_runs, i);

      if (g_str_equal (attest_mca_run_get_id (run->run), run_id))
        return TRUE;
    }

  return FALSE;
}

/* `attest resume [RUN-ID]`: the run named, classic or of the current
 * flow; without one, the last classic run interrupted and every request
 * and completion run interrupted (SPEC §13: their links and results
 * files are written again in full). */
int
attest_cli_resume_run (AttestCliGlobals  *globals,
                       int                argc,
                       char             **argv)
{
  g_autofree char *directory = attest_run_journal_dup_directory ();
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) mca_runs = NULL;
  g_autoptr(GError) error = NULL;
  const char *run_id = argc == 2 ? argv[1] : NULL;
  AttestRunReplay *replay;
  int status = ATTEST_EXIT_OK;

  if (argc > 2)
    {
      attest_cli_printerr (_("Name at most one run to resume; “attest runs” lists them."));
      return ATTEST_EXIT_USAGE;
    }

  runs = attest_run_replay_list_directory (directory, &error);
  if (runs == NULL || (mca_runs = attest_cli_list_mca_runs (&error)) == NULL)
    {
      attest_cli_printerr ("%s", error->message);
      return ATTEST_EXIT_USAGE;
    }

  replay = find_run (runs, run_id);
  if (run_id != NULL)
    {
      if (replay != NULL)
        return resume_classic (globals, replay);
      if (has_run (mca_runs, run_id))
        return resume_mca_runs (globals, mca_runs, run_id);

      attest_cli_printerr (_("There is no run “%s”; “attest runs” lists them."), run_id);
      return ATTEST_EXIT_USAGE;
    }

  if (replay == NULL && !has_interrupted (mca_runs))
    {
      g_print ("%s\n", _("Nothing to resume: no run is waiting to be finished."));
      return ATTEST_EXIT_OK;
    }

  if (replay != NULL)
    status = resume_classic (globals, replay);
  if (has_interrupted (mca_runs))
    {
      int resumed = resume_mca_runs (globals, mca_runs, NULL);

      status = MAX (status, resumed);
    }

  return status;
}
