/* attest-cli-status.c: `attest status [FILE] [-o OUT] [--concurrency N]`
 * (SPEC §13 "Status" and its command line contract)
 *
 * Which customers still need to accept the Microsoft Customer Agreement:
 * those FILE names (a CustomerTenantId column, and CompanyName when there
 * is one), or every customer of the partner. Without -o, stdout has one
 * line per state, "STATE: COUNT", the state a word of SPEC §13 and the
 * count in plain digits, for scripts; with -o, OUT is a CSV file with a row
 * per customer (CustomerTenantId, State, CompanyName, CheckedAt, Message).
 * Progress (a bar on a terminal, a line a second otherwise), the customers
 * that could not be checked and a summary in sentences go to stderr.
 *
 * Exit status: 0 every customer was checked, 1 some could not be, 2 usage,
 * file or ledger error, 3 sign-in or permission problem, 4 interrupted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-cli-status"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <unistd.h>

#include "attest-cli-private.h"
#include "attest-mca-status.h"

G_STATIC_ASSERT (ATTEST_MCA_STATUS_MAX_CONCURRENCY == 64);

static char *output_path;
static int   concurrency = -1;

const GOptionEntry attest_cli_status_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path,
    N_("Write each customer’s state to this CSV file"), N_("FILE") },
  { "concurrency", 0, 0, G_OPTION_ARG_INT, &concurrency,
    N_("Requests under way at once (default 8)"), N_("N") },
  { NULL }
};

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  GAsyncResult *result;
  gboolean      terminal;
  gint64        last_line;
} Status;

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Status *status = user_data;

  status->result = g_object_ref (result);
  g_main_loop_quit (status->loop);
}

/* Runs the main loop until on_done() has the result; hands it over. */
static GAsyncResult *
wait_for_result (Status *status)
{
  g_main_loop_run (status->loop);

  return g_steal_pointer (&status->result);
}

static gboolean
on_interrupt (gpointer user_data)
{
  Status *status = user_data;

  if (!g_cancellable_is_cancelled (status->cancellable))
    {
      g_printerr ("\n%s\n", _("Stopping: the reads under way are dropped…"));
      g_cancellable_cancel (status->cancellable);
    }

  return G_SOURCE_CONTINUE;
}

static void
on_progress (AttestMcaStatusCheck *check,
             GParamSpec           *pspec,
             Status               *status)
{
  guint checked = attest_mca_status_check_get_n_checked (check);
  guint total = attest_mca_status_check_get_n_customers (check);
  gint64 now = g_get_monotonic_time ();

  if (status->terminal)
    {
      const int width = 30;
      int filled = total > 0 ? (int) ((double) checked / total * width) : 0;
      g_autofree char *bar = g_strnfill (filled, '#');
      g_autofree char *rest = g_strnfill (width - filled, '.');

      g_printerr ("\r[%s%s] %'u/%'u ", bar, rest, checked, total);
      return;
    }

  /* Not a terminal: a line a second at most, and the last one. */
  if (now - status->last_line < G_USEC_PER_SEC && checked < total)
    return;

  status->last_line = now;
  /* Translators: progress of attest status; the numbers are grouped as the locale does. */
  g_printerr (_("Checked %'u of %'u customers\n"), checked, total);
}

/* "m:ss", or "h:mm:ss" past an hour. */
static char *
format_duration (gint64 microseconds)
{
  gint64 seconds = (microseconds + G_USEC_PER_SEC / 2) / G_USEC_PER_SEC;

  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", seconds / 3600,
                            (int) (seconds / 60 % 60), (int) (seconds % 60));

  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

/* For scripts: a line per state, its word and how many customers are in
 * it, those the check did not come to counted as unchecked. */
static void
print_counts (AttestMcaStatusCheck *check)
{
  guint counts[ATTEST_N_MCA_STATES] = { 0 };

  for (guint i = 0; i < attest_mca_status_check_get_n_customers (check); i++)
    counts[attest_mca_status_check_get_result (check, i)->state]++;

  for (AttestMcaState state = 0; state < ATTEST_N_MCA_STATES; state++)
    g_print ("%s: %u\n", attest_mca_state_to_string (state), counts[state]);
}

/* For people, on stderr: the customers that could not be checked, and what
 * the check found, in sentences. */
static void
print_summary (AttestMcaStatusCheck *check,
               gint64                elapsed)
{
  g_autofree char *duration = format_duration (elapsed);
  guint checked = attest_mca_status_check_get_n_checked (check);
  guint settled = attest_mca_status_check_get_n_settled (check);
  guint failed = attest_mca_status_check_get_n_failed (check);
  guint waiting = attest_mca_status_check_get_count (check, ATTEST_MCA_STATE_NEEDS_ACCEPTANCE)
                  + attest_mca_status_check_get_count (check, ATTEST_MCA_STATE_REFUSED);
  guint requested = attest_mca_status_check_get_count (check, ATTEST_MCA_STATE_REQUESTED);

  for (guint i = 0; i < attest_mca_status_check_get_n_customers (check); i++)
    {
      const AttestMcaStatusResult *result = attest_mca_status_check_get_result (check, i);

      if (result->failed)
        /* Translators: a customer that could not be checked: its ID, then why. */
        attest_cli_printerr (_("%s: %s"), result->customer_id, result->message);
    }

  /* Translators: %'u is a number grouped as the locale does, %s a duration such as 2:05. */
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Checked %'u customer in %s.\n",
                           "Checked %'u customers in %s.\n", checked),
              checked, duration);
  if (settled > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "%'u of them was known to need nothing more and was not asked "
                             "about again.\n",
                             "%'u of them were known to need nothing more and were not asked "
                             "about again.\n", settled),
                settled);
  if (failed > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "%'u customer could not be checked; “attest status” checks it again "
                             "next time.\n",
                             "%'u customers could not be checked; “attest status” checks them "
                             "again next time.\n", failed),
                failed);
  if (requested > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "%'u customer was asked to accept and has not been seen to yet.\n",
                             "%'u customers were asked to accept and have not been seen to "
                             "yet.\n", requested),
                requested);
  if (waiting > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "%'u customer still needs to accept the Microsoft Customer "
                             "Agreement: “attest request” asks Microsoft for a link to send "
                             "them.\n",
                             "%'u customers still need to accept the Microsoft Customer "
                             "Agreement: “attest request” asks Microsoft for a link to send "
                             "each of them.\n", waiting),
                waiting);
}

static AttestMcaLedger *
open_ledger (Status               *status,
             AttestPartnerClient  *client,
             GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  attest_mca_ledger_open_for_client_async (client, NULL, status->cancellable, on_done, status);
  result = wait_for_result (status);

  return attest_mca_ledger_open_for_client_finish (result, error);
}

/* Exit codes of SPEC §9 for a check that could not start or go on. */
static int
report_error (const GError *error)
{
  if (error->domain == ATTEST_MCA_LEDGER_ERROR || error->domain == ATTEST_MCA_STATUS_ERROR)
    {
      attest_cli_printerr ("%s", error->message);
      return ATTEST_EXIT_USAGE;
    }

  return attest_cli_report_partner_error (error);
}

static int
run_check (AttestMcaStatusCheck *check,
           Status               *status)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) write_error = NULL;
  gint64 started = g_get_monotonic_time ();
  guint sigint = g_unix_signal_add (SIGINT, on_interrupt, status);
  guint sigterm = g_unix_signal_add (SIGTERM, on_interrupt, status);
  gboolean interrupted;

  g_signal_connect (check, "notify::n-checked", G_CALLBACK (on_progress), status);
  attest_mca_status_check_run_async (check, status->cancellable, on_done, status);
  result = wait_for_result (status);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  if (status->terminal)
    g_printerr ("\n");

  attest_mca_status_check_run_finish (check, result, &error);
  interrupted = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  if (error != NULL && !interrupted)
    return report_error (error);

  if (output_path != NULL && !attest_mca_status_check_write_csv (check, output_path,
                                                                 &write_error))
    {
      attest_cli_printerr (_("Cannot write %s: %s"), output_path, write_error->message);
      return ATTEST_EXIT_USAGE;
    }
  if (output_path == NULL)
    print_counts (check);

  print_summary (check, g_get_monotonic_time () - started);
  if (interrupted)
    {
      attest_cli_printerr ("%s", _("Interrupted: the customers checked so far are kept, and "
                                   "“attest status” does not ask about those that need nothing "
                                   "more again."));
      return ATTEST_EXIT_INTERRUPTED;
    }

  return attest_mca_status_check_get_n_failed (check) > 0 ? ATTEST_EXIT_PROBLEMS
                                                          : ATTEST_EXIT_OK;
}

int
attest_cli_status_run (AttestCliGlobals  *globals,
                       int                argc,
                       char             **argv)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(AttestMcaLedger) ledger = NULL;
  g_autoptr(AttestMcaStatusCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  Status status = { loop, cancellable, NULL, isatty (2), 0 };

  if (argc > 2)
    {
      attest_cli_printerr ("%s", _("Name at most one CSV file of customers, such as: attest "
                                   "status customers.csv"));
      return ATTEST_EXIT_USAGE;
    }
  if (concurrency != -1
      && (concurrency < 1 || concurrency > ATTEST_MCA_STATUS_MAX_CONCURRENCY))
    {
      attest_cli_printerr (_("The concurrency must be between 1 and 64, not %'d."), concurrency);
      return ATTEST_EXIT_USAGE;
    }

  client = attest_cli_new_partner_client (globals, &error);
  if (client == NULL)
    return attest_cli_report_partner_error (error);

  ledger = open_ledger (&status, client, &error);
  if (ledger == NULL)
    return report_error (error);

  check = attest_mca_status_check_new (client, ledger);
  if (concurrency != -1)
    attest_mca_status_check_set_concurrency (check, concurrency);
  if (argc == 2 && !attest_mca_status_check_add_file (check, argv[1], &error))
    return report_error (error);
  if (argc == 1)
    g_printerr ("%s\n", _("Listing the partner’s customers and checking each of them…"));

  return run_check (check, &status);
}
