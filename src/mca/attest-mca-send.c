/* attest-mca-send.c: one journaled request of Microsoft's current flow,
 * sent and sent again until it has an answer
 *
 * The request goes out as the ledger journaled it, and every retry sends
 * that same request: the same MS-RequestId, the same bytes, which Partner
 * Center takes as the same request. Timeouts, 429 and 5xx answers and
 * lost connections are tried again after the client's retry policy's
 * delay (Retry-After is its floor), unless the run stops meanwhile; then,
 * or once the tries are spent, the request is lost: it may have been
 * carried out, so only it, unchanged, may go out again. As in the run of
 * the classic attestation (attest-batch-send.c), a request once on its way
 * is not cancelled: its answer is worth more than a quick stop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-send"

#include "config.h"

#include "attest-mca-send.h"

typedef struct
{
  AttestPartnerClient  *client;
  AttestPartnerRequest *request;
  guint                 attempts;
  AttestMcaSendResult   result;
  JsonNode             *answer;
  GError               *error;
} Send;

static void
send_free (Send *send)
{
  g_clear_object (&send->client);
  g_clear_pointer (&send->request, attest_partner_request_unref);
  g_clear_pointer (&send->answer, json_node_unref);
  g_clear_error (&send->error);
  g_free (send);
}

/* Whether @error means that nothing can go out until the partner acts: a
 * credential that is missing or refused (an expired secret, a sign-in
 * gone), a role the user lacks, or a server that cannot be trusted. */
gboolean
attest_mca_error_stops_run (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  return error->domain == ATTEST_TOKEN_PROVIDER_ERROR
         || g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NO_CREDENTIAL)
         || g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_UNAUTHORIZED)
         || g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_MFA_REQUIRED)
         || g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_FORBIDDEN)
         || g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_TLS)
         || g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INSECURE_URL);
}

static void
send_return (GTask               *task,
             AttestMcaSendResult  result,
             GError              *error)
{
  Send *send = g_task_get_task_data (task);

  send->result = result;
  g_clear_error (&send->error);
  send->error = error;
  g_task_return_boolean (task, TRUE);
}

static void send_once (GTask *task);

static void
on_waited (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Send *send = g_task_get_task_data (task);

  if (!attest_retry_policy_wait_finish (result, NULL)
      || g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      send_return (task, ATTEST_MCA_SENT_LOST, g_steal_pointer (&send->error));
      return;
    }

  send_once (g_steal_pointer (&task));
}

static void
on_answered (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Send *send = g_task_get_task_data (task);
  GCancellable *stop_signal = g_task_get_cancellable (task);
  AttestRetryPolicy *policy = attest_partner_client_get_retry_policy (send->client);
  GError *error = NULL;
  guint status;
  guint delay;

  if (attest_partner_client_send_finish_answer (send->client, result, &send->answer, &error))
    {
      send_return (task, ATTEST_MCA_SENT_ANSWERED, NULL);
      return;
    }

  if (attest_mca_error_stops_run (error))
    {
      send_return (task, ATTEST_MCA_SENT_STOPPED, error);
      return;
    }

  if (!attest_retry_policy_is_retryable (error))
    {
      status = error->domain == ATTEST_PARTNER_ERROR ? attest_partner_error_get_http_status (error)
                                                     : 0;
      /* A success Attest could not read may have created something: only
       * the same request may go out again. */
      if (error->domain != ATTEST_PARTNER_ERROR
          || (g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INVALID_RESPONSE)
              && (status == 0 || SOUP_STATUS_IS_SUCCESSFUL (status))))
        send_return (task, ATTEST_MCA_SENT_LOST, error);
      else
        send_return (task, ATTEST_MCA_SENT_REFUSED, error);
      return;
    }

  g_clear_error (&send->error);
  send->error = error;
  if (!attest_retry_policy_should_retry (policy, error, send->attempts)
      || g_cancellable_is_cancelled (stop_signal))
    {
      send_return (task, ATTEST_MCA_SENT_LOST, g_steal_pointer (&send->error));
      return;
    }

  delay = attest_retry_policy_next_delay (policy, error, send->attempts);
  g_info ("%s %s: %s; trying again in %u ms under request ID %s",
          attest_partner_request_get_method (send->request),
          attest_partner_request_get_path (send->request), error->message, delay,
          attest_partner_request_get_request_id (send->request));
  attest_retry_policy_wait_async (delay, stop_signal, on_waited, g_steal_pointer (&task));
}

/* Takes @task. */
static void
send_once (GTask *task)
{
  Send *send = g_task_get_task_data (task);

  send->attempts++;
  attest_partner_client_send_async (send->client, send->request, G_PRIORITY_DEFAULT, NULL,
                                    on_answered, task);
}

/* Sends @request, journaled already, until it has an answer: retried under
 * @client's retry policy with the same MS-RequestId and bytes, unless
 * @stop_signal is cancelled, which also ends a wait between two tries
 * (the request is then lost, never stopped halfway). */
void
attest_mca_send_async (AttestPartnerClient  *client,
                       AttestPartnerRequest *request,
                       GCancellable         *stop_signal,
                       GAsyncReadyCallback   callback,
                       gpointer              user_data)
{
  GTask *task;
  Send *send;

  g_return_if_fail (ATTEST_IS_PARTNER_CLIENT (client));
  g_return_if_fail (request != NULL);

  send = g_new0 (Send, 1);
  send->client = g_object_ref (client);
  send->request = attest_partner_request_ref (request);

  task = g_task_new (NULL, stop_signal, callback, user_data);
  g_task_set_source_tag (task, attest_mca_send_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, send, (GDestroyNotify) send_free);

  send_once (task);
}

/* What came of the request: @out_answer (may be NULL) is set to the
 * answer's JSON root (NULL when it had no body) when ANSWERED, @out_error
 * (may be NULL) to the service's error or why none came otherwise. */
AttestMcaSendResult
attest_mca_send_finish (GAsyncResult  *result,
                        JsonNode     **out_answer,
                        GError       **out_error)
{
  Send *send;

  g_return_val_if_fail (g_task_is_valid (result, NULL), ATTEST_MCA_SENT_LOST);

  send = g_task_get_task_data (G_TASK (result));
  if (out_answer != NULL)
    *out_answer = g_steal_pointer (&send->answer);
  if (out_error != NULL)
    *out_error = g_steal_pointer (&send->error);

  return send->result;
}
