/* csv-import-bench.c: times one import of a CSV file (read, validate, fill
 * the store) and reports the process's peak memory
 *
 * Usage: csv-import-bench FILE
 * Prints: records=N problems=N seconds=S peak_rss_kb=K
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "attest-csv-reader.h"

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

  if (argc != 2)
    {
      fprintf (stderr, "Usage: %s FILE\n", argv[0]);
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

  return 0;
}
