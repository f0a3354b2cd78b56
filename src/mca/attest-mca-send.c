/* attest-mca-send.c: the journaled requests of Microsoft's current flow,
 * each sent and sent again until it has an answer
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
 * A run's requests go through a queue: each is journaled, and sent once
 * the journal is on the disk, a few at a time; the run records what came
 * of each, and hears when nothing more will go out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-send"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-mca-send.h"

G_DEFINE_QUARK (attest-mca-send-error-quark, attest_mca_send_error)

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

/* The queue of a run */

struct _AttestMcaSendQueue
{
  gatomicrefcount        ref_count;
  AttestPartnerClient   *client;
  AttestMcaLedger       *ledger;
  char                  *run_id;
  GCancellable          *cancellable;   /* the caller's */
  gulong                 cancelled_id;
  GCancellable          *stop;          /* the caller's cancelled, or a stop */
  GError                *error;         /* why it stopped, when not cancelled */
  AttestMcaSendAnswered  answered;
  AttestMcaSendDrained   drained;
  gpointer               user_data;
  GQueue                 ready;         /* AttestMcaIntent journaled, not sent yet */
  guint                  n_queued;
  guint                  n_journaling;
  guint                  n_sending;
  gboolean               started;
  gboolean               is_drained;
};

static AttestMcaSendQueue *
queue_ref (AttestMcaSendQueue *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
attest_mca_send_queue_unref (AttestMcaSendQueue *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;

  if (self->cancelled_id != 0)
    g_cancellable_disconnect (self->cancellable, self->cancelled_id);
  g_clear_object (&self->client);
  g_clear_object (&self->ledger);
  g_free (self->run_id);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->stop);
  g_clear_error (&self->error);
  g_queue_clear_full (&self->ready, (GDestroyNotify) attest_mca_intent_unref);
  g_free (self);
}

static void
on_queue_cancelled (GCancellable *cancellable,
                    gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* A queue for the requests of the run @run_id: each journaled in @ledger,
 * then sent with @client, ATTEST_MCA_SEND_CONCURRENCY at once. @answered
 * hears what came of each, @drained once nothing more will go out: all
 * was sent, or the queue stopped (@cancellable cancelled, or
 * attest_mca_send_queue_stop()) and what was under way was answered. A
 * request journaled and not sent stays journaled, for a resume. */
AttestMcaSendQueue *
attest_mca_send_queue_new (AttestPartnerClient   *client,
                           AttestMcaLedger       *ledger,
                           const char            *run_id,
                           GCancellable          *cancellable,
                           AttestMcaSendAnswered  answered,
                           AttestMcaSendDrained   drained,
                           gpointer               user_data)
{
  AttestMcaSendQueue *self = g_new0 (AttestMcaSendQueue, 1);

  g_return_val_if_fail (ATTEST_IS_PARTNER_CLIENT (client), NULL);
  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (ledger), NULL);
  g_return_val_if_fail (answered != NULL && drained != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->client = g_object_ref (client);
  self->ledger = g_object_ref (ledger);
  self->run_id = g_strdup (run_id);
  self->answered = answered;
  self->drained = drained;
  self->user_data = user_data;
  self->stop = g_cancellable_new ();
  g_queue_init (&self->ready);
  if (cancellable != NULL)
    {
      self->cancellable = g_object_ref (cancellable);
      self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_queue_cancelled),
                                                  g_object_ref (self->stop), g_object_unref);
    }

  return self;
}

static void queue_dispatch (AttestMcaSendQueue *self);

typedef struct
{
  AttestMcaSendQueue *queue;
  AttestMcaIntent    *intent;
} Sending;

static void
on_queue_sent (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Sending *sending = user_data;
  g_autoptr(AttestMcaSendQueue) self = sending->queue;
  g_autoptr(AttestMcaIntent) intent = sending->intent;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  AttestMcaSendResult sent;

  g_free (sending);
  sent = attest_mca_send_finish (result, &answer, &error);
  if (sent == ATTEST_MCA_SENT_STOPPED)
    attest_mca_send_queue_stop (self, error);

  self->answered (intent, sent, answer, error, self->user_data);
  self->n_sending--;
  queue_dispatch (self);
}

/* Sends what is journaled, up to the concurrency; says so once nothing
 * is under way and nothing more may go out. */
static void
queue_dispatch (AttestMcaSendQueue *self)
{
  g_autoptr(AttestMcaSendQueue) held = queue_ref (self);

  if (!self->started || self->is_drained)
    return;

  while (!g_cancellable_is_cancelled (self->stop)
         && self->n_sending < ATTEST_MCA_SEND_CONCURRENCY && !g_queue_is_empty (&self->ready))
    {
      Sending *sending = g_new0 (Sending, 1);

      sending->queue = queue_ref (self);
      sending->intent = g_queue_pop_head (&self->ready);
      self->n_sending++;
      attest_mca_send_async (self->client, attest_mca_intent_get_request (sending->intent),
                             self->stop, on_queue_sent, sending);
    }

  if (self->n_sending == 0 && self->n_journaling == 0
      && (g_queue_is_empty (&self->ready) || g_cancellable_is_cancelled (self->stop)))
    {
      self->is_drained = TRUE;
      self->drained (self->user_data);
    }
}

typedef struct
{
  AttestMcaSendQueue *queue;
  char               *customer_id;
} Journaling;

static void
on_queue_journaled (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Journaling *journaling = user_data;
  g_autoptr(AttestMcaSendQueue) self = journaling->queue;
  g_autofree char *customer_id = journaling->customer_id;
  g_autoptr(AttestMcaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  AttestMcaIntent *pending;

  g_free (journaling);
  self->n_journaling--;

  if (!attest_mca_ledger_record_intent_finish (ATTEST_MCA_LEDGER (object), result, &error))
    {
      attest_mca_send_queue_stop (self, error);
      self->n_queued--;
    }
  else
    {
      customer = attest_mca_ledger_lookup (self->ledger, customer_id);
      pending = attest_mca_customer_get_pending (customer);
      g_queue_push_tail (&self->ready, attest_mca_intent_ref (pending));
    }

  queue_dispatch (self);
}

/* Journals @request, of @kind, for @signatory's customer; it is sent once
 * the journal is on the disk. */
void
attest_mca_send_queue_journal (AttestMcaSendQueue         *self,
                               AttestMcaIntentKind         kind,
                               const AttestPartnerContact *signatory,
                               const char                 *company_name,
                               AttestPartnerRequest       *request)
{
  Journaling *journaling;

  g_return_if_fail (self != NULL);
  g_return_if_fail (signatory != NULL && request != NULL);

  journaling = g_new0 (Journaling, 1);
  journaling->queue = queue_ref (self);
  journaling->customer_id = g_strdup (signatory->customer_id);
  self->n_journaling++;
  self->n_queued++;
  attest_mca_ledger_record_intent_async (self->ledger, kind, self->run_id, signatory,
                                         company_name, request, NULL, on_queue_journaled,
                                         journaling);
}

/* Queues @intent, journaled already (by this run, before it was stopped):
 * it goes out again unchanged. */
void
attest_mca_send_queue_push (AttestMcaSendQueue *self,
                            AttestMcaIntent    *intent)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (intent != NULL);

  g_queue_push_tail (&self->ready, attest_mca_intent_ref (intent));
  self->n_queued++;
}

/* Lets the queue send, once everything is journaled or pushed. */
void
attest_mca_send_queue_start (AttestMcaSendQueue *self)
{
  g_return_if_fail (self != NULL);

  self->started = TRUE;
  queue_dispatch (self);
}

/* Records @answer in the ledger, from the queue's answered callback. When
 * it cannot be recorded, nothing more goes out: what is not recorded may
 * not be known to have been sent. */
void
attest_mca_send_queue_record (AttestMcaSendQueue    *self,
                              const AttestMcaAnswer *answer)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (answer != NULL);

  if (answer->kind == ATTEST_MCA_ANSWER_LOST)
    g_info ("Customer %s: no answer to MS-RequestId %s: %s", answer->customer_id,
            answer->request_id, answer->message != NULL ? answer->message : "–");

  if (!attest_mca_ledger_record_answer (self->ledger, answer, &error))
    attest_mca_send_queue_stop (self, error);
}

/* Sends nothing more, because of @error (NULL: none), which is the
 * queue's when it is the first. What is under way is answered first. */
void
attest_mca_send_queue_stop (AttestMcaSendQueue *self,
                            const GError       *error)
{
  g_return_if_fail (self != NULL);

  if (error != NULL && self->error == NULL)
    self->error = g_error_copy (error);
  g_cancellable_cancel (self->stop);
}

/* Why the queue stopped, or NULL when it did not, or was cancelled. */
const GError *
attest_mca_send_queue_get_error (AttestMcaSendQueue *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->error;
}

/* Requests journaled or pushed. */
guint
attest_mca_send_queue_get_n_queued (AttestMcaSendQueue *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_queued;
}

/* Ends the run of the queue, once drained, when nothing of it is left to
 * send; else says why not: what stopped the queue, @cancellable cancelled
 * (G_IO_ERROR_CANCELLED), or ATTEST_MCA_SEND_ERROR_UNANSWERED for the
 * requests that got no answer, which a resume sends again. */
gboolean
attest_mca_send_queue_end_run (AttestMcaSendQueue  *self,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_autoptr(GPtrArray) unanswered = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->is_drained, FALSE);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The run %s was stopped."),
                   self->run_id);
      return FALSE;
    }

  unanswered = attest_mca_ledger_list_unanswered (self->ledger, self->run_id);
  if (unanswered->len > 0)
    {
      g_set_error (error, ATTEST_MCA_SEND_ERROR, ATTEST_MCA_SEND_ERROR_UNANSWERED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%'u request got no answer. “attest resume” sends it again, "
                                "unchanged.",
                                "%'u requests got no answer. “attest resume” sends them again, "
                                "unchanged.",
                                unanswered->len),
                   unanswered->len);
      return FALSE;
    }

  if (!attest_mca_ledger_end_run (self->ledger, self->run_id, NULL, error))
    return FALSE;

  g_info ("Run %s finished", self->run_id);
  return TRUE;
}
