/* csv-import-bench.c: times one import of a CSV file (read, validate, fill
 * the store) and reports the process's peak memory
 *
 * Usage: csv-import-bench FILE [--view]
 * Prints: records=N problems=N seconds=S peak_rss_kb=K, and with --view
 * the time the grid's operations take on the whole store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "attest-csv-reader.h"
#include "attest-record-view.h"

static void
time_step (const char       *what,
           AttestRecordView *view,
           void            (*step) (AttestRecordView *view))
{
  gint64 start = g_get_monotonic_time ();

  step (view);
  printf ("%s: %.3f s, %u rows shown\n", what, (g_get_monotonic_time () - start) / 1e6,
          g_list_model_get_n_items (G_LIST_MODEL (view)));
}

static void
sort_by_last_name (AttestRecordView *view)
{
  attest_record_view_set_sort (view, ATTEST_RECORD_SORT_LAST_NAME, FALSE);
}

static void
sort_by_status (AttestRecordView *view)
{
  attest_record_view_set_sort (view, ATTEST_RECORD_SORT_STATUS, TRUE);
}

static void
filter_marked (AttestRecordView *view)
{
  attest_record_view_set_filter (view, ATTEST_RECORD_FILTER_MARKED);
}

static void
search_text (AttestRecordView *view)
{
  attest_record_view_set_filter (view, ATTEST_RECORD_FILTER_ALL);
  attest_record_view_set_search (view, "lefèvre12");
}

static void
clear_view (AttestRecordView *view)
{
  attest_record_view_set_search (view, NULL);
  attest_record_view_set_sort (view, ATTEST_RECORD_SORT_INDEX, FALSE);
}

static void
time_view (AttestRecordStore *store)
{
  g_autoptr(AttestRecordView) view = attest_record_view_new (store);

  time_step ("sort by last name", view, sort_by_last_name);
  time_step ("sort by status, descending", view, sort_by_status);
  time_step ("filter marked", view, filter_marked);
  time_step ("search", view, search_text);
  time_step ("back to file order", view, clear_view);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(AttestRecordStore) store = NULL;
  g_autoptr(GError) error = NULL;
  AttestRecordCounts counts;
  struct rusage usage;
  gint64 start, end;

  if (argc < 2 || argc > 3)
    {
      fprintf (stderr, "Usage: %s FILE [--view]\n", argv[0]);
      return 2;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  start = g_get_monotonic_time ();
  store = attest_csv_load_file (file, NULL, NULL, NULL, &error);
  end = g_get_monotonic_time ();
  if (store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }

  attest_record_store_get_counts (store, &counts);
  getrusage (RUSAGE_SELF, &usage);
  printf ("records=%u problems=%u seconds=%.3f peak_rss_kb=%ld\n", counts.total, counts.problems,
          (end - start) / 1e6, usage.ru_maxrss);

  if (argc == 3 && g_str_equal (argv[2], "--view"))
    time_view (store);

  return 0;
}
