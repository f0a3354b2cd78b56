/* status-bench.c: times a status check of every customer against `attest
 * sandbox` running as a separate process, and prints the wall time, the
 * ideal time (every request the check made, pages of the listing
 * included, × the read latency ÷ the concurrency), their ratio, the CPU
 * time spent per customer, and the reads per customer of each state.
 *
 * Usage: status-bench ATTEST-BINARY CUSTOMERS READ-LATENCY-MS [CONCURRENCY]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdlib.h>

#include "attest-bench.h"
#include "attest-mca-status.h"

/* The records list of the sandbox, a page at a time. */
#define PAGE_SIZE 100

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (&wait->result);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocess) sandbox = NULL;
  g_autoptr(AttestConnection) connection = attest_connection_new (attest_config_new ());
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(AttestMcaLedger) ledger = NULL;
  g_autoptr(AttestMcaStatusCheck) check = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) per_state = g_string_new (NULL);
  g_autofree char *uri = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *page_size = g_strdup_printf ("%u", PAGE_SIZE);
  const char *customers_arg;
  const char *latency_arg;
  Wait wait = { NULL };
  guint customers, latency_ms, concurrency, pages, requests = 0;
  double cpu_before, ideal, wall;
  gint64 started;

  if (argc != 4 && argc != 5)
    {
      g_printerr ("Usage: %s ATTEST-BINARY CUSTOMERS READ-LATENCY-MS [CONCURRENCY]\n", argv[0]);
      return 2;
    }

  customers_arg = argv[2];
  latency_arg = argv[3];
  customers = atoi (customers_arg);
  latency_ms = atoi (latency_arg);
  concurrency = argc == 5 ? (guint) atoi (argv[4]) : ATTEST_MCA_STATUS_DEFAULT_CONCURRENCY;

  sandbox = attest_bench_start_sandbox ((const char *[]) { argv[1], "sandbox", "--port", "0",
                                                           "--customers", customers_arg,
                                                           "--read-latency", latency_arg,
                                                           "--auto-approve", "--page-size",
                                                           page_size, NULL },
                                        &uri);
  client = attest_bench_sign_in (connection, uri);

  directory = g_dir_make_tmp ("attest-bench-ledger-XXXXXX", &error);
  g_assert_no_error (error);
  attest_mca_ledger_open_for_client_async (client, directory, NULL, on_done, &wait);
  result = wait_for (&wait);
  ledger = attest_mca_ledger_open_for_client_finish (result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  check = attest_mca_status_check_new (client, ledger);
  attest_mca_status_check_set_concurrency (check, concurrency);

  cpu_before = attest_bench_cpu_seconds ();
  started = g_get_monotonic_time ();
  attest_mca_status_check_run_async (check, NULL, on_done, &wait);
  result = wait_for (&wait);
  attest_mca_status_check_run_finish (check, result, &error);
  wall = (g_get_monotonic_time () - started) / 1e6;
  g_assert_no_error (error);
  g_assert_cmpuint (attest_mca_status_check_get_n_checked (check), ==, customers);
  g_assert_cmpuint (attest_mca_status_check_get_n_failed (check), ==, 0);

  for (AttestMcaState state = 0; state < ATTEST_N_MCA_STATES; state++)
    {
      guint count = attest_mca_status_check_get_count (check, state);
      guint reads = attest_mca_status_check_get_n_requests (check, state);

      requests += reads;
      if (count > 0)
        g_string_append_printf (per_state, " %s=%u:%.2f", attest_mca_state_to_string (state),
                                count, (double) reads / count);
    }
  /* The listing's pages, one after the other; an empty list is one. */
  pages = MAX (1, (customers + PAGE_SIZE - 1) / PAGE_SIZE);
  requests += pages;
  ideal = (double) requests * latency_ms / 1000.0 / concurrency;

  g_print ("customers=%u read_latency_ms=%u concurrency=%u pages=%u requests=%u wall_s=%.3f "
           "ideal_s=%.3f ratio=%.3f cpu_us_per_customer=%.1f\n",
           customers, latency_ms, concurrency, pages, requests, wall, ideal, wall / ideal,
           (attest_bench_cpu_seconds () - cpu_before) * 1e6 / customers);
  g_print ("state=customers:reads_per_customer%s\n", per_state->str);

  g_subprocess_send_signal (sandbox, SIGTERM);
  g_subprocess_wait (sandbox, NULL, NULL);
  g_clear_object (&check);
  g_clear_object (&ledger);
  g_clear_object (&client);

  return 0;
}
