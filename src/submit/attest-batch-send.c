/* attest-batch-send.c: one batch sent, and sent again, until it has its
 * outcome (SPEC §6)
 *
 * A batch goes out as the request its journal entry holds, and every retry
 * sends that same request: same MS-RequestId, same bytes. Timeouts, 429
 * and 5xx answers and lost connections are retried after the policy's
 * delay (Retry-After is its floor), unless the run stops meanwhile; a 429
 * also lowers how many batches the run keeps under way. The operation ends
 * with one AttestBatchOutcome, which the run applies to the batch's
 * records; it knows nothing of the run itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-batch-send"

#include "config.h"

#include "attest-batch-send.h"
#include "attest-run-priority.h"

typedef struct
{
  AttestPartnerClient  *client;
  AttestPartnerRequest *request;
  guint                 number;
  AttestRetryPolicy    *policy;
  AttestConcurrency    *concurrency;   /* the run's, which outlives the batch */
  guint                 attempts;
  GError               *last_error;
} BatchSend;

static void
batch_send_free (BatchSend *send)
{
  g_clear_object (&send->client);
  g_clear_pointer (&send->request, attest_partner_request_unref);
  g_clear_object (&send->policy);
  g_clear_error (&send->last_error);
  g_free (send);
}

void
attest_batch_outcome_free (AttestBatchOutcome *outcome)
{
  if (outcome == NULL)
    return;

  g_clear_error (&outcome->error);
  g_free (outcome);
}

static void
batch_return (GTask             *task,
              AttestBatchResult  result)
{
  BatchSend *send = g_task_get_task_data (task);
  AttestBatchOutcome *outcome = g_new0 (AttestBatchOutcome, 1);

  outcome->result = result;
  outcome->error = g_steal_pointer (&send->last_error);
  outcome->attempts = send->attempts;
  g_task_return_pointer (task, outcome, (GDestroyNotify) attest_batch_outcome_free);
}

/* No more tries: a batch that got no answer may have been carried out;
 * after an answer that refused it, nothing was done. */
static void
batch_give_up (GTask *task)
{
  BatchSend *send = g_task_get_task_data (task);

  if (g_error_matches (send->last_error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NETWORK))
    {
      g_info ("Batch %u got no answer after %u tries: %s", send->number, send->attempts,
              send->last_error->message);
      batch_return (task, ATTEST_BATCH_NO_ANSWER);
    }
  else if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    batch_return (task, ATTEST_BATCH_STOPPED);
  else
    batch_return (task, ATTEST_BATCH_FAILED);
}

static void batch_send (GTask *task);

static void
on_waited (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  if (!attest_retry_policy_wait_finish (result, NULL)
      || g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      batch_give_up (task);
      return;
    }

  batch_send (g_steal_pointer (&task));
}

static gboolean
is_sign_in_refused (const GError *error)
{
  return g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_UNAUTHORIZED)
         || g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_MFA_REQUIRED)
         || g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_FORBIDDEN)
         || error->domain == ATTEST_TOKEN_PROVIDER_ERROR;
}

static void
on_answered (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BatchSend *send = g_task_get_task_data (task);
  GCancellable *stop_signal = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  guint delay;

  if (attest_partner_client_send_finish (ATTEST_PARTNER_CLIENT (object), result, &error))
    {
      attest_concurrency_succeeded (send->concurrency);
      g_clear_error (&send->last_error);
      batch_return (task, ATTEST_BATCH_ACCEPTED);
      return;
    }

  g_clear_error (&send->last_error);
  send->last_error = g_error_copy (error);

  if (g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_THROTTLED))
    attest_concurrency_throttled (send->concurrency);

  if (attest_retry_policy_is_retryable (error))
    {
      if (!attest_retry_policy_should_retry (send->policy, error, send->attempts)
          || g_cancellable_is_cancelled (stop_signal))
        {
          batch_give_up (task);
          return;
        }

      delay = attest_retry_policy_next_delay (send->policy, error, send->attempts);
      if (g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_THROTTLED))
        attest_concurrency_waiting (send->concurrency, delay);
      g_info ("Batch %u: %s; trying again in %u ms under request ID %s", send->number,
              error->message, delay, attest_partner_request_get_request_id (send->request));
      attest_retry_policy_wait_async (delay, stop_signal, on_waited, g_steal_pointer (&task));
    }
  else if (is_sign_in_refused (error))
    batch_return (task, ATTEST_BATCH_SIGN_IN);
  else if (error->domain == ATTEST_PARTNER_ERROR)
    batch_return (task, ATTEST_BATCH_REFUSED);
  else
    batch_return (task, ATTEST_BATCH_FAILED);
}

/* Takes @task. */
static void
batch_send (GTask *task)
{
  BatchSend *send = g_task_get_task_data (task);

  send->attempts++;

  /* Not cancellable: once a request is on its way, its answer is worth
   * more than a quick stop. */
  attest_partner_client_send_async (send->client, send->request, ATTEST_RUN_PRIORITY,
                                    NULL, on_answered, task);
}

/* Sends batch @number as @request until it has its outcome: retried under
 * @policy, unless @stop_signal is cancelled, which also ends a wait between
 * two tries. @concurrency hears of each success and each 429. */
void
attest_batch_send_async (AttestPartnerClient  *client,
                         AttestPartnerRequest *request,
                         guint                 number,
                         AttestRetryPolicy    *policy,
                         AttestConcurrency    *concurrency,
                         GCancellable         *stop_signal,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  GTask *task;
  BatchSend *send;

  g_return_if_fail (ATTEST_IS_PARTNER_CLIENT (client));
  g_return_if_fail (request != NULL);
  g_return_if_fail (ATTEST_IS_RETRY_POLICY (policy));
  g_return_if_fail (concurrency != NULL);

  send = g_new0 (BatchSend, 1);
  send->client = g_object_ref (client);
  send->request = attest_partner_request_ref (request);
  send->number = number;
  send->policy = g_object_ref (policy);
  send->concurrency = concurrency;

  /* The run's stop signal is the task's cancellable, but a batch that stops
   * still ends with its outcome, never with G_IO_ERROR_CANCELLED. */
  task = g_task_new (NULL, stop_signal, callback, user_data);
  g_task_set_source_tag (task, attest_batch_send_async);
  g_task_set_priority (task, ATTEST_RUN_PRIORITY);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, send, (GDestroyNotify) batch_send_free);

  batch_send (task);
}

AttestBatchOutcome *
attest_batch_send_finish (GAsyncResult *result)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}
