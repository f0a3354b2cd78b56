/* soak-client.c: the Attest side of the fault soak, in a process of its own
 *
 * Usage: soak-client URI APP_ID BATCH_SIZE RUNS_DIRECTORY
 *
 * Signs in to the sandbox at URI with a device code, as the application
 * APP_ID, and refreshes the token with its refresh token whenever Partner
 * Center refuses it; fetches every customer that needs attestation and
 * submits them all. Being its own process, its resident memory is Attest's
 * alone, not the sandbox's. Prints one line of results:
 *
 *   state=N attested=N already=N rejected=N failed=N refreshes=N
 *   rss_sample_kb=N rss_end_kb=N rss_peak_kb=N memory_measured=0|1
 *
 * where the sample is taken once a tenth of the customers are settled, and
 * memory_measured is 0 in a build with AddressSanitizer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-oauth-client.h"
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

/* The sign-in's tokens; a refused one is replaced by a refresh, as the real
 * session does. */
#define SOAK_TYPE_TOKENS (soak_tokens_get_type ())
G_DECLARE_FINAL_TYPE (SoakTokens, soak_tokens, SOAK, TOKENS, GObject)

struct _SoakTokens
{
  GObject            parent_instance;
  AttestOAuthClient *oauth;
  char              *access_token;
  char              *refresh_token;
  guint              refreshes;
  GPtrArray         *waiting;    /* tasks waiting for the refresh under way, or NULL */
};

static void soak_tokens_iface_init (AttestTokenProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SoakTokens, soak_tokens, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ATTEST_TYPE_TOKEN_PROVIDER,
                                                      soak_tokens_iface_init))

static void
soak_tokens_take (SoakTokens          *self,
                  AttestTokenResponse *response)
{
  g_free (self->access_token);
  self->access_token = g_strdup (response->access_token);
  if (response->refresh_token != NULL)
    {
      g_free (self->refresh_token);
      self->refresh_token = g_strdup (response->refresh_token);
    }
  attest_token_response_free (response);
}

/* One refresh at a time, as the real session does: a refresh token is
 * good for one use, so parallel refreshes would all but one fail. */
static void
on_refreshed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SoakTokens *self = user_data;
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);
  g_autoptr(GError) error = NULL;
  AttestTokenResponse *response = attest_oauth_client_get_token_finish (self->oauth, result,
                                                                         &error);

  if (response != NULL)
    {
      self->refreshes++;
      soak_tokens_take (self, response);
    }

  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_pointer (task, g_strdup (self->access_token), g_free);
    }
  g_object_unref (self);
}

static void
soak_tokens_get_token_async (AttestTokenProvider *provider,
                             AttestTokenFlags     flags,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  SoakTokens *self = SOAK_TOKENS (provider);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  if ((flags & ATTEST_TOKEN_FLAGS_FORCE_REFRESH) == 0 && self->waiting == NULL)
    {
      g_task_return_pointer (task, g_strdup (self->access_token), g_free);
      g_object_unref (task);
      return;
    }

  if (self->waiting != NULL)
    {
      g_ptr_array_add (self->waiting, task);
      return;
    }

  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->waiting, task);
  attest_oauth_client_refresh_async (self->oauth, self->refresh_token, NULL, on_refreshed,
                                     g_object_ref (self));
}

static char *
soak_tokens_get_token_finish (AttestTokenProvider  *provider,
                              GAsyncResult         *result,
                              GError              **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
soak_tokens_iface_init (AttestTokenProviderInterface *iface)
{
  iface->get_token_async = soak_tokens_get_token_async;
  iface->get_token_finish = soak_tokens_get_token_finish;
}

static void
soak_tokens_finalize (GObject *object)
{
  SoakTokens *self = SOAK_TOKENS (object);

  g_clear_object (&self->oauth);
  g_free (self->access_token);
  g_free (self->refresh_token);
  G_OBJECT_CLASS (soak_tokens_parent_class)->finalize (object);
}

static void
soak_tokens_class_init (SoakTokensClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = soak_tokens_finalize;
}

static void
soak_tokens_init (SoakTokens *self)
{
}

static SoakTokens *
sign_in (const char *uri,
         const char *app_id)
{
  g_autoptr(SoakTokens) self = g_object_new (SOAK_TYPE_TOKENS, NULL);
  g_autoptr(AttestDeviceCode) code = NULL;
  g_autoptr(GAsyncResult) asked = NULL;
  g_autoptr(GAsyncResult) polled = NULL;
  g_autoptr(GError) error = NULL;
  AttestTokenResponse *response;
  GAsyncResult *slot = NULL;

  self->oauth = attest_oauth_client_new (uri, "organizations", app_id);

  attest_oauth_client_request_device_code_async (self->oauth, NULL, attest_test_store_result,
                                                 &slot);
  asked = attest_test_wait_result (&slot);
  code = attest_oauth_client_request_device_code_finish (self->oauth, asked, &error);
  g_assert_no_error (error);

  /* The sandbox approves it at once (--auto-approve). */
  attest_oauth_client_poll_device_code_async (self->oauth, code->device_code, NULL,
                                              attest_test_store_result, &slot);
  polled = attest_test_wait_result (&slot);
  response = attest_oauth_client_get_token_finish (self->oauth, polled, &error);
  g_assert_no_error (error);
  soak_tokens_take (self, response);

  return g_steal_pointer (&self);
}

static AttestRecordStore *
fetch_customers (AttestPartnerClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  attest_partner_client_fetch_records_async (client, NULL, NULL, NULL, attest_test_store_result,
                                             &slot);
  result = attest_test_wait_result (&slot);
  records = attest_partner_client_fetch_records_finish (client, result, &error);
  g_assert_no_error (error);

  return attest_test_store_of_records (records);
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
  g_autoptr(SoakTokens) tokens = NULL;
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(AttestRetryPolicy) policy = attest_retry_policy_new ();
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

  tokens = sign_in (argv[1], argv[2]);
  client = attest_partner_client_new (argv[1], ATTEST_TOKEN_PROVIDER (tokens), &error);
  g_assert_no_error (error);
  /* A patient policy: with 17% of the answers faulty, five attempts in a
   * row fail about once in 7,000 requests, and the soak is about delivery. */
  attest_retry_policy_set_max_attempts (policy, 12);
  attest_retry_policy_set_delays (policy, 50, 2000);
  attest_partner_client_set_retry_policy (client, policy);

  store = fetch_customers (client);
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
  g_print ("state=%d attested=%u already=%u rejected=%u failed=%u refreshes=%u "
           "rss_sample_kb=%zu rss_end_kb=%zu rss_peak_kb=%zu memory_measured=%d\n",
           run.state, progress->attested, progress->already_attested, progress->rejected,
           progress->failed, tokens->refreshes, run.rss_sample, resident_kb (), run.rss_peak,
           MEMORY_MEASURED);

  g_clear_error (&run.error);
  g_clear_object (&run.submission);

  return 0;
}
