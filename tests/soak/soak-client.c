/* soak-client.c: the Attest side of the fault soak, in a process of its own
 *
 * Usage: soak-client URI APP_ID BATCH_SIZE RUNS_DIRECTORY
 *
 * Signs in to the sandbox at URI with a device code, as the application
 * APP_ID, and refreshes the token with its refresh token whenever Partner
 * Center refuses it (AttestConnection); fetches every customer that needs
 * attestation and submits them all. Being its own process, its resident
 * memory is Attest's alone, not the sandbox's. Prints one line of results:
 *
 *   state=N attested=N already=N rejected=N failed=N
 *   rss_sample_kb=N rss_end_kb=N rss_peak_kb=N memory_measured=0|1
 *
 * where the sample is taken once a tenth of the customers are settled, and
 * memory_measured is 0 in a build with AddressSanitizer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-connection.h"
#include "attest-partner-client.h"
#include "attest-record-store.h"
#include "attest-submission.h"
#include "attest-test-submission.h"
#include "attest-test-utils.h"

/* AddressSanitizer keeps freed memory in quarantine and maps its shadow:
 * resident memory then says nothing about Attest's. */
#if defined(__SANITIZE_ADDRESS__)
#define MEMORY_MEASURED 0
#else
#define MEMORY_MEASURED 1
#endif

/* Signed in as the sandbox's partner, through the same composition as the
 * window and the commands. */
static AttestPartnerClient *
sign_in (const char *uri,
         const char *app_id)
{
  g_autoptr(AttestConnection) connection = attest_connection_new (attest_config_new ());
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AttestPartnerClient *client;
  GAsyncResult *slot = NULL;

  attest_connection_sign_in_to_sandbox_async (connection, uri, app_id, NULL,
                                              attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);
  g_assert_true (attest_connection_sign_in_to_sandbox_finish (connection, result, &error));
  g_assert_no_error (error);

  client = attest_connection_new_partner_client (connection, &error);
  g_assert_no_error (error);

  return client;
}

/* VmRSS of this process, in kB. */
static gsize
resident_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      || (line = strstr (status, "VmRSS:")) == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}

typedef struct
{
  AttestSubmission *submission;
  gsize             rss_sample;
  gsize             rss_peak;
  AttestRunState    state;
  GError           *error;
} Run;

static gboolean
on_tick (gpointer user_data)
{
  Run *run = user_data;
  const AttestProgress *progress = attest_submission_get_progress (run->submission);
  gsize rss = resident_kb ();

  run->rss_peak = MAX (run->rss_peak, rss);
  if (run->rss_sample == 0 && progress->total > 0 && progress->done >= progress->total / 10)
    run->rss_sample = rss;

  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(AttestRetryPolicy) policy = attest_retry_policy_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(AttestRecordStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const AttestProgress *progress;
  AttestSubmissionOptions options = {
    .strategy = ATTEST_STRATEGY_BULK,
    .concurrency = 4,
  };
  Run run = { 0 };
  guint tick;

  if (argc != 5)
    {
      g_printerr ("Usage: %s URI APP_ID BATCH_SIZE RUNS_DIRECTORY\n", argv[0]);
      return 2;
    }
  options.batch_size = g_ascii_strtoull (argv[3], NULL, 10);

  client = sign_in (argv[1], argv[2]);
  /* A patient policy: with 17% of the answers faulty, five attempts in a
   * row fail about once in 7,000 requests, and the soak is about delivery. */
  attest_retry_policy_set_max_attempts (policy, 12);
  attest_retry_policy_set_delays (policy, 50, 2000);
  attest_partner_client_set_retry_policy (client, policy);

  records = attest_test_fetch_records (client);
  store = attest_test_store_of_records (records);
  run.submission = attest_submission_new (client, store, &options);
  attest_submission_set_runs_directory (run.submission, argv[4]);
  attest_submission_set_retry_policy (run.submission, policy);

  tick = g_timeout_add (100, on_tick, &run);
  run.state = attest_test_run_submission (run.submission, NULL, &run.error);
  g_source_remove (tick);
  on_tick (&run);
  if (run.error != NULL)
    g_printerr ("%s\n", run.error->message);

  /* Why a customer was not attested, once per distinct reason. */
  {
    g_autoptr(GHashTable) reasons = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < attest_record_store_get_n_records (store); i++)
      {
        const char *message = attest_record_store_get_message (store, i);

        if (attest_record_store_get_status (store, i) != ATTEST_RECORD_STATUS_ATTESTED
            && message != NULL && g_hash_table_add (reasons, (gpointer) message))
          g_printerr ("Not attested: %s\n", message);
      }
  }

  progress = attest_submission_get_progress (run.submission);
  g_print ("state=%d attested=%u already=%u rejected=%u failed=%u "
           "rss_sample_kb=%zu rss_end_kb=%zu rss_peak_kb=%zu memory_measured=%d\n",
           run.state, progress->attested, progress->already_attested, progress->rejected,
           progress->failed, run.rss_sample, resident_kb (), run.rss_peak, MEMORY_MEASURED);

  g_clear_error (&run.error);
  g_clear_object (&run.submission);

  return 0;
}
