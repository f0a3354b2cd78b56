/* attest-cli-runs.c: `attest runs`, the runs on this computer (SPEC §9,
 * and §13 for the runs of the current flow)
 *
 * A table for people: when each run started in words ("today at 15:37"),
 * counts grouped as the locale groups digits, the columns as wide as what
 * they hold. The words of the states and strategies are the journal's,
 * which `attest resume` and the tests name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-cli-runs"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-cli-private.h"
#include "attest-format.h"
#include "attest-run-replay.h"

/* When @iso8601 was, as attest_format_moment() says it; the text itself
 * when it is not a time. */
static char *
format_started (const char *iso8601,
                GDateTime  *now)
{
  g_autoptr(GDateTime) time = iso8601 != NULL ? g_date_time_new_from_iso8601 (iso8601, NULL)
                                              : NULL;

  if (time == NULL)
    return g_strdup (iso8601 != NULL ? iso8601 : "–");

  return attest_format_moment (time, now);
}

/* A count, its digits grouped as the locale does. */
static char *
format_count (guint count)
{
  return g_strdup_printf ("%'u", count);
}

static void
print_classic_runs (GPtrArray *runs)
{
  g_autoptr(AttestCliTable) table = attest_cli_table_new ("llllrrrrr");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* Translators: the column headers of the classic runs in attest runs. */
  attest_cli_table_add_row (table, _("RUN"), _("STATE"), _("STARTED"), _("STRATEGY"), _("TOTAL"),
                            _("ATTESTED"), _("ALREADY"), _("REJECTED"), _("FAILED"));
  for (guint i = 0; i < runs->len; i++)
    {
      AttestRunReplay *replay = g_ptr_array_index (runs, i);
      const char *state = replay->header->dry_run ? "dry-run"
                                                  : attest_run_state_to_string (replay->state);
      g_autofree char *started = format_started (replay->header->created_at, now);
      g_autofree char *total = format_count (replay->header->total_records);
      g_autofree char *attested = format_count (attest_run_replay_count_status (replay,
                                                                                "attested"));
      g_autofree char *already = format_count (attest_run_replay_count_status (replay,
                                                                               "already-attested"));
      g_autofree char *rejected = format_count (attest_run_replay_count_status (replay,
                                                                                "rejected"));
      g_autofree char *failed = format_count (attest_run_replay_count_status (replay, "failed"));

      attest_cli_table_add_row (table, replay->header->run_id, state, started,
                                replay->header->strategy == ATTEST_STRATEGY_BULK
                                ? "bulk" : "per-customer",
                                total, attested, already, rejected, failed);
    }

  attest_cli_table_print (table);
}

int
attest_cli_runs_run (AttestCliGlobals  *globals,
                     int                argc,
                     char             **argv)
{
  g_autofree char *directory = attest_run_journal_dup_directory ();
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) mca_runs = NULL;
  g_autoptr(GError) error = NULL;

  if (argc > 1)
    {
      attest_cli_printerr (_("“%s” takes no file or word, but got “%s”."), "runs", argv[1]);
      return ATTEST_EXIT_USAGE;
    }

  runs = attest_run_replay_list_directory (directory, &error);
  if (runs == NULL || (mca_runs = attest_cli_list_mca_runs (&error)) == NULL)
    {
      attest_cli_printerr ("%s", error->message);
      return ATTEST_EXIT_USAGE;
    }

  if (runs->len == 0 && mca_runs->len == 0)
    {
      g_print ("%s\n", _("No runs yet."));
      return ATTEST_EXIT_OK;
    }

  if (runs->len > 0)
    print_classic_runs (runs);

  if (mca_runs->len > 0)
    {
      if (runs->len > 0)
        g_print ("\n");
      attest_cli_print_mca_runs (mca_runs);
    }

  return ATTEST_EXIT_OK;
}
