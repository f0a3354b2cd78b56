/* submit-bench.c: times a submission against `attest sandbox` running as a
 * separate process (so that it has a core of its own), and prints the wall
 * time, the ideal time (batches × latency ÷ concurrency), their ratio and
 * the CPU time spent per record.
 *
 * Usage: submit-bench ATTEST-BINARY bulk|per-customer RECORDS LATENCY-MS CONCURRENCY
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attest-bench.h"
#include "attest-partner-client.h"
#include "attest-record-store.h"
#include "attest-submission.h"
#include "attest-test-submission.h"

typedef struct
{
  gboolean      done;
  GPtrArray    *records;
  GError       *error;
} Wait;

static void
on_fetched (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->records = attest_partner_client_fetch_records_finish (ATTEST_PARTNER_CLIENT (object),
                                                             result, &wait->error);
  wait->done = TRUE;
}

/* CPU seconds a child process has used so far, from /proc. */
static double
process_cpu_seconds (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", pid);
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (pid == NULL || !g_file_get_contents (path, &stat, NULL, NULL))
    return 0;

  after_name = strrchr (stat, ')');
  fields = g_strsplit (after_name + 2, " ", -1);
  /* utime and stime are fields 14 and 15; the state (3) is fields[0] here. */
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL))
         / sysconf (_SC_CLK_TCK);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocess) sandbox = NULL;
  g_autoptr(AttestConnection) connection = attest_connection_new (attest_config_new ());
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(AttestRecordStore) store = NULL;
  g_autoptr(AttestSubmission) submission = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *runs = NULL;
  g_autofree char *customers = NULL;
  g_autofree char *latency = NULL;
  AttestSubmissionOptions options = { 0 };
  Wait fetched = { 0 };
  guint records;
  guint latency_ms;
  guint batches;
  double cpu_before, sandbox_cpu_before, ideal, wall;
  gint64 started;

  if (argc != 6)
    {
      g_printerr ("Usage: %s ATTEST-BINARY bulk|per-customer RECORDS LATENCY-MS CONCURRENCY\n",
                  argv[0]);
      return 2;
    }

  options.strategy = g_str_equal (argv[2], "bulk") ? ATTEST_STRATEGY_BULK
                                                   : ATTEST_STRATEGY_PER_CUSTOMER;
  records = atoi (argv[3]);
  latency_ms = atoi (argv[4]);
  options.concurrency = atoi (argv[5]);
  options.batch_size = options.strategy == ATTEST_STRATEGY_BULK ? 500 : 1;

  customers = g_strdup_printf ("%u", records);
  latency = g_strdup_printf ("%u", latency_ms);
  /* The classic service of SPEC §5, which a submission writes to. */
  sandbox = attest_bench_start_sandbox ((const char *[]) { argv[1], "sandbox", "--classic",
                                                           "--port", "0", "--customers",
                                                           customers, "--latency", latency,
                                                           "--auto-approve", "--page-size",
                                                           "5000", NULL },
                                        &uri);
  client = attest_bench_sign_in (connection, uri);

  /* Every customer the sandbox lists, marked, with a contact that passes. */
  attest_partner_client_fetch_records_async (client, NULL, NULL, NULL, on_fetched, &fetched);
  while (!fetched.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (fetched.error);
  store = attest_test_store_of_records (fetched.records);
  g_ptr_array_unref (fetched.records);

  runs = g_dir_make_tmp ("attest-bench-runs-XXXXXX", &error);
  g_assert_no_error (error);
  submission = attest_submission_new (client, store, &options);
  attest_submission_set_runs_directory (submission, runs);

  cpu_before = attest_bench_cpu_seconds ();
  sandbox_cpu_before = process_cpu_seconds (g_subprocess_get_identifier (sandbox));
  started = g_get_monotonic_time ();
  attest_test_run_submission (submission, NULL, &error);
  wall = (g_get_monotonic_time () - started) / 1e6;
  g_assert_no_error (error);

  batches = attest_submission_get_n_batches (submission);
  ideal = (double) batches * latency_ms / 1000.0 / options.concurrency;
  g_print ("strategy=%s records=%u batches=%u latency_ms=%u concurrency=%u wall_s=%.3f "
           "ideal_s=%.3f ratio=%.3f cpu_us_per_record=%.1f sandbox_cpu_s=%.2f attested=%u\n",
           argv[2], attest_record_store_get_n_records (store), batches, latency_ms,
           options.concurrency, wall, ideal, wall / ideal,
           (attest_bench_cpu_seconds () - cpu_before) * 1e6
           / attest_record_store_get_n_records (store),
           process_cpu_seconds (g_subprocess_get_identifier (sandbox)) - sandbox_cpu_before,
           attest_submission_get_progress (submission)->attested);

  g_subprocess_send_signal (sandbox, SIGTERM);
  g_subprocess_wait (sandbox, NULL, NULL);

  return 0;
}
