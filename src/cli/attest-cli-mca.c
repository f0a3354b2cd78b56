/* attest-cli-mca.c: what the commands of Microsoft's current flow share
 * (SPEC §13): the partner's ledger, progress on stderr, stopping on
 * Ctrl+C, the exit codes, and the request and completion runs of every
 * partner on this computer, to list and to resume
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-cli-mca"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <string.h>
#include <unistd.h>

#include "attest-cli-private.h"
#include "attest-format.h"
#include "attest-mca-send.h"
#include "attest-validation.h"

/* A GAsyncReadyCallback that keeps the result in @slot (a GAsyncResult
 * pointer), for attest_cli_wait(). */
void
attest_cli_store_result (GObject      *object,
                         GAsyncResult *result,
                         gpointer      slot)
{
  *(GAsyncResult **) slot = g_object_ref (result);
}

/* Spins the main context until @slot holds a result; returns it. */
GAsyncResult *
attest_cli_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (slot);
}

/* The ledger of the partner @client is signed in to. */
AttestMcaLedger *
attest_cli_open_ledger (AttestPartnerClient  *client,
                        GError              **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  attest_mca_ledger_open_for_client_async (client, NULL, NULL, attest_cli_store_result,
                                           &slot);
  result = attest_cli_wait (&slot);

  return attest_mca_ledger_open_for_client_finish (result, error);
}

/* The exit code of SPEC §9 for what stopped a command of the current
 * flow: 3 for a credential missing or refused, 4 for a run to resume, 2
 * for the ledger or a file that could not be read or written. */
int
attest_cli_mca_exit_code (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_error_matches (error, ATTEST_MCA_SEND_ERROR, ATTEST_MCA_SEND_ERROR_UNANSWERED))
    return ATTEST_EXIT_INTERRUPTED;

  if (error->domain == ATTEST_PARTNER_ERROR || error->domain == ATTEST_TOKEN_PROVIDER_ERROR
      || attest_mca_error_stops_run (error))
    return attest_cli_exit_code_for_partner_error (error);

  return ATTEST_EXIT_USAGE;
}

/* Says on stderr what stopped a command of the current flow, with how to
 * add a credential it lacked; returns the exit code. */
int
attest_cli_mca_report_error (const GError *error)
{
  if (error->domain == ATTEST_PARTNER_ERROR || error->domain == ATTEST_TOKEN_PROVIDER_ERROR)
    attest_cli_report_partner_error (error);
  else
    attest_cli_printerr ("%s", error->message);

  return attest_cli_mca_exit_code (error);
}

/* Progress */

void
attest_cli_progress_init (AttestCliProgress *progress)
{
  progress->terminal = isatty (2);
  progress->last_line = 0;
  progress->shown = FALSE;
}

/* Shows @done of @total on stderr: a bar on a terminal, else @line, a
 * sentence that says it, a second at most, and the last one. */
void
attest_cli_progress_show (AttestCliProgress *progress,
                          guint              done,
                          guint              total,
                          const char        *line)
{
  gint64 now = g_get_monotonic_time ();

  if (progress->terminal)
    {
      const int width = 30;
      int filled = total > 0 ? (int) ((double) done / total * width) : width;
      g_autofree char *bar = g_strnfill (filled, '#');
      g_autofree char *rest = g_strnfill (width - filled, '.');

      g_printerr ("\r[%s%s] %'u/%'u ", bar, rest, done, total);
      progress->shown = TRUE;
      return;
    }

  if (now - progress->last_line < G_USEC_PER_SEC && done < total)
    return;

  progress->last_line = now;
  g_printerr ("%s\n", line);
}

/* Ends the bar's line. */
void
attest_cli_progress_end (AttestCliProgress *progress)
{
  if (progress->terminal && progress->shown)
    g_printerr ("\n");
  progress->shown = FALSE;
}

static gboolean
on_interrupt (gpointer user_data)
{
  GCancellable *cancellable = user_data;

  if (!g_cancellable_is_cancelled (cancellable))
    {
      g_printerr ("\n%s\n", _("Stopping: the requests under way finish first…"));
      g_cancellable_cancel (cancellable);
    }

  return G_SOURCE_CONTINUE;
}

/* Ctrl+C and SIGTERM cancel @cancellable until attest_cli_release_interrupt(). */
void
attest_cli_catch_interrupt (AttestCliInterrupt *interrupt,
                            GCancellable       *cancellable)
{
  interrupt->sigint = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  interrupt->sigterm = g_unix_signal_add (SIGTERM, on_interrupt, cancellable);
}

void
attest_cli_release_interrupt (AttestCliInterrupt *interrupt)
{
  g_clear_handle_id (&interrupt->sigint, g_source_remove);
  g_clear_handle_id (&interrupt->sigterm, g_source_remove);
}

/* Runs of every partner */

void
attest_cli_mca_run_free (AttestCliMcaRun *run)
{
  g_free (run->tenant_id);
  attest_mca_run_unref (run->run);
  g_free (run);
}

static int
compare_runs (gconstpointer a,
              gconstpointer b)
{
  const AttestCliMcaRun *first = *(AttestCliMcaRun * const *) a;
  const AttestCliMcaRun *second = *(AttestCliMcaRun * const *) b;

  return g_date_time_compare (attest_mca_run_get_started_at (first->run),
                              attest_mca_run_get_started_at (second->run));
}

/* The request and completion runs of every partner whose ledger is on
 * this computer (AttestCliMcaRun), oldest first. A ledger another Attest
 * has open is passed over, saying so. */
GPtrArray *
attest_cli_list_mca_runs (GError **error)
{
  g_autofree char *folder = g_build_filename (g_get_user_state_dir (), "attest", "mca", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  GPtrArray *runs = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_cli_mca_run_free);
  const char *name;

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          g_ptr_array_unref (runs);
          return NULL;
        }
      return runs;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(AttestMcaLedger) ledger = NULL;
      g_autoptr(GPtrArray) ledger_runs = NULL;

      if (!attest_guid_parse (name, strlen (name), NULL)
          || !g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;

      ledger = attest_mca_ledger_open (path, name, &local_error);
      if (ledger == NULL)
        {
          if (!g_error_matches (local_error, ATTEST_MCA_LEDGER_ERROR,
                                ATTEST_MCA_LEDGER_ERROR_BUSY))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              g_ptr_array_unref (runs);
              return NULL;
            }
          attest_cli_printerr (_("The runs of the partner tenant %s are left out: another "
                                 "Attest has its ledger open."), name);
          g_clear_error (&local_error);
          continue;
        }

      ledger_runs = attest_mca_ledger_list_runs (ledger);
      for (guint i = 0; i < ledger_runs->len; i++)
        {
          AttestCliMcaRun *run = g_new0 (AttestCliMcaRun, 1);
          g_autoptr(GPtrArray) customers = NULL;
          AttestMcaRun *ledger_run = g_ptr_array_index (ledger_runs, i);

          run->tenant_id = g_strdup (attest_mca_ledger_get_tenant_id (ledger));
          run->run = attest_mca_run_ref (ledger_run);
          customers = attest_mca_ledger_list_run_customers (ledger,
                                                            attest_mca_run_get_id (ledger_run));
          run->n_customers = attest_mca_run_get_members (ledger_run) != NULL
                             ? attest_mca_run_get_members (ledger_run)->len : customers->len;
          g_ptr_array_add (runs, run);
        }
    }

  g_ptr_array_sort (runs, compare_runs);
  return runs;
}

/* The table of `attest runs` for @runs (AttestCliMcaRun). */
void
attest_cli_print_mca_runs (GPtrArray *runs)
{
  g_autoptr(AttestCliTable) table = attest_cli_table_new ("llllrl");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* Translators: the column headers of the current flow's runs in attest runs. */
  attest_cli_table_add_row (table, _("RUN"), _("KIND"), _("STATE"), _("STARTED"), _("CUSTOMERS"),
                            _("FILE"));
  for (guint i = 0; i < runs->len; i++)
    {
      AttestCliMcaRun *run = g_ptr_array_index (runs, i);
      GDateTime *started_at = attest_mca_run_get_started_at (run->run);
      g_autofree char *started = started_at != NULL ? attest_format_moment (started_at, now)
                                                    : g_strdup ("–");
      g_autofree char *customers = g_strdup_printf ("%'u", run->n_customers);
      const char *path = attest_mca_run_get_output_path (run->run);
      const char *state;

      /* The journal's words, as for the classic runs. */
      if (attest_mca_run_is_discarded (run->run))
        state = "discarded";
      else if (attest_mca_run_is_finished (run->run))
        state = "finished";
      else
        state = "interrupted";

      attest_cli_table_add_row (table, attest_mca_run_get_id (run->run),
                                attest_mca_run_kind_to_string (attest_mca_run_get_kind (run->run)),
                                state, started, customers, path != NULL ? path : "–");
    }

  attest_cli_table_print (table);
}

/* Finishes @run, interrupted, with @client, which must be signed in to the
 * run's partner; returns the exit code. */
int
attest_cli_resume_mca_run (AttestPartnerClient *client,
                           AttestCliMcaRun     *run)
{
  g_autoptr(AttestMcaLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  const char *run_id = attest_mca_run_get_id (run->run);

  ledger = attest_cli_open_ledger (client, &error);
  if (ledger == NULL)
    return attest_cli_mca_report_error (error);

  if (g_ascii_strcasecmp (attest_mca_ledger_get_tenant_id (ledger), run->tenant_id) != 0)
    {
      attest_cli_printerr (_("Run %s is of the partner tenant %s, and Attest is signed in to %s: "
                             "sign in to that tenant to resume it."), run_id, run->tenant_id,
                           attest_mca_ledger_get_tenant_id (ledger));
      return ATTEST_EXIT_SIGN_IN;
    }

  g_printerr (_("Resuming run %s\n"), run_id);
  if (attest_mca_run_get_kind (run->run) == ATTEST_MCA_RUN_REQUEST)
    {
      g_autoptr(AttestMcaRequest) request = attest_mca_request_new_resume (client, ledger, run_id,
                                                                           &error);

      if (request == NULL)
        return attest_cli_mca_report_error (error);
      return attest_cli_request_send (request);
    }
  else
    {
      g_autoptr(AttestMcaCompletion) completion = NULL;

      completion = attest_mca_completion_new_resume (client, ledger, run_id, &error);
      if (completion == NULL)
        return attest_cli_mca_report_error (error);
      /* Its own results file, which the summary names. */
      return attest_cli_complete_send (completion, attest_mca_run_get_output_path (run->run), 0);
    }
}
