/* attest-mca-request-run.c: a request run sending its attestations
 *
 * The run is recorded with its members before anything else; then every
 * attestation it sends is journaled, whole, and only once the journal is
 * on the disk is it sent, at most ATTEST_MCA_REQUEST_CONCURRENCY at once,
 * each until it has an answer (attest-mca-send.c). An answer is recorded
 * as it comes: the attestation's ID and link, or the service's refusal; a
 * request with no answer, or one sent with a credential that was refused,
 * stays journaled, to go out again unchanged under the same MS-RequestId,
 * never as a new request while the first may have created an attestation.
 * A run resumed sends its journaled requests that were not answered, and
 * journals and sends those of its members it never journaled.
 *
 * The links file is written in full when the run stops, whatever stopped
 * it, and again by a resume; the run ends once nothing of it is left
 * unanswered. Links need no sign-in: they are logged at debug level only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-request-run"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-mca-request-private.h"
#include "attest-mca-send.h"

static void dispatch (AttestMcaRequest *self);

/* Stops sending: the first reason given is the run's. */
static void
stop (AttestMcaRequest *self,
      const GError     *error)
{
  if (error != NULL && self->stop_error == NULL)
    self->stop_error = g_error_copy (error);
  g_cancellable_cancel (self->stop);
}

static void
finish (AttestMcaRequest *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->run_task);
  g_autoptr(AttestMcaLinks) links = NULL;
  g_autoptr(GPtrArray) unanswered = NULL;
  g_autoptr(GError) error = NULL;
  const char *run_id = attest_mca_run_get_id (self->run);
  const char *path = attest_mca_run_get_output_path (self->run);

  if (self->cancelled_id != 0)
    g_cancellable_disconnect (self->cancellable, self->cancelled_id);
  self->cancelled_id = 0;

  /* The links file, in full, whatever stopped the run. */
  links = attest_mca_request_build_links (self->ledger, self->run);
  if (path != NULL && !attest_mca_links_write (links, path, &error))
    {
      g_prefix_error (&error, _("The links file %s could not be written: "), path);
      stop (self, error);
    }

  unanswered = attest_mca_ledger_list_unanswered (self->ledger, run_id);
  if (self->stop_error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&self->stop_error));
      return;
    }
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("The request run %s was stopped."), run_id);
      return;
    }
  if (unanswered->len > 0)
    {
      g_task_return_new_error (task, ATTEST_MCA_REQUEST_ERROR,
                               ATTEST_MCA_REQUEST_ERROR_UNANSWERED,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%u request got no answer. “attest resume” sends "
                                            "it again, unchanged.",
                                            "%u requests got no answer. “attest resume” sends "
                                            "them again, unchanged.",
                                            unanswered->len),
                               unanswered->len);
      return;
    }

  if (!attest_mca_ledger_end_run (self->ledger, run_id, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_info ("Request run %s finished", run_id);
  g_task_return_boolean (task, TRUE);
}

/* One attestation being sent. */
typedef struct
{
  AttestMcaRequest *self;
  AttestMcaIntent  *intent;
} Sending;

static void
record (AttestMcaRequest *self,
        AttestMcaAnswer  *answer)
{
  g_autoptr(GError) error = NULL;

  if (!attest_mca_ledger_record_answer (self->ledger, answer, &error))
    stop (self, error);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Sending *sending = user_data;
  g_autoptr(AttestMcaRequest) self = sending->self;
  g_autoptr(AttestMcaIntent) intent = sending->intent;
  AttestPartnerRequest *request = attest_mca_intent_get_request (intent);
  const char *customer_id = attest_mca_intent_get_customer_id (intent);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *attestation_id = NULL;
  g_autofree char *link = NULL;
  AttestMcaAnswer recorded = {
    ATTEST_MCA_ANSWER_LOST, customer_id, attest_partner_request_get_request_id (request),
    NULL, NULL, NULL, NULL,
  };

  g_free (sending);

  switch (attest_mca_send_finish (result, &answer, &error))
    {
    case ATTEST_MCA_SENT_ANSWERED:
      if (attest_mca_shapes_read_attestation (answer, &attestation_id, &link, &error))
        {
          recorded.kind = ATTEST_MCA_ANSWER_ATTESTATION;
          recorded.attestation_id = attestation_id;
          recorded.link = link;
          g_info ("Customer %s: attestation created, MS-RequestId %s", customer_id,
                  recorded.request_id);
          g_debug ("Customer %s: attestation %s, link %s", customer_id, attestation_id, link);
        }
      else
        recorded.message = error->message;
      break;

    case ATTEST_MCA_SENT_REFUSED:
      recorded.kind = ATTEST_MCA_ANSWER_REFUSED;
      recorded.message = error->message;
      g_info ("Customer %s: attestation refused: %s", customer_id, error->message);
      break;

    case ATTEST_MCA_SENT_STOPPED:
      stop (self, error);
      G_GNUC_FALLTHROUGH;
    case ATTEST_MCA_SENT_LOST:
    default:
      recorded.message = error != NULL ? error->message : NULL;
      g_info ("Customer %s: no answer to MS-RequestId %s: %s", customer_id,
              recorded.request_id, recorded.message != NULL ? recorded.message : "–");
      break;
    }

  record (self, &recorded);
  self->n_sending--;
  self->n_done++;
  g_signal_emit (self, _attest_mca_request_signals[ATTEST_MCA_REQUEST_SIGNAL_CUSTOMER_DONE], 0,
                 customer_id);
  _attest_mca_request_notify_progress (self);
  dispatch (self);
}

/* Sends what is journaled, up to the concurrency; finishes the run once
 * nothing is under way and nothing more may go out. */
static void
dispatch (AttestMcaRequest *self)
{
  if (self->run_task == NULL)
    return;

  while (!g_cancellable_is_cancelled (self->stop)
         && self->n_sending < ATTEST_MCA_REQUEST_CONCURRENCY && !g_queue_is_empty (&self->ready))
    {
      Sending *sending = g_new0 (Sending, 1);

      sending->self = g_object_ref (self);
      sending->intent = g_queue_pop_head (&self->ready);
      self->n_sending++;
      attest_mca_send_async (self->client, attest_mca_intent_get_request (sending->intent),
                             self->stop, on_sent, sending);
    }

  if (self->n_sending == 0 && self->n_journaling == 0
      && (g_queue_is_empty (&self->ready) || g_cancellable_is_cancelled (self->stop)))
    finish (self);
}

static void
queue_pending (AttestMcaRequest *self,
               const char       *customer_id)
{
  g_autoptr(AttestMcaCustomer) customer = attest_mca_ledger_lookup (self->ledger, customer_id);
  AttestMcaIntent *pending = customer != NULL ? attest_mca_customer_get_pending (customer) : NULL;

  if (pending != NULL)
    g_queue_push_tail (&self->ready, attest_mca_intent_ref (pending));
}

typedef struct
{
  AttestMcaRequest *self;
  char             *customer_id;
} Journaling;

static void
on_journaled (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Journaling *journaling = user_data;
  g_autoptr(AttestMcaRequest) self = journaling->self;
  g_autofree char *customer_id = journaling->customer_id;
  g_autoptr(GError) error = NULL;

  g_free (journaling);
  self->n_journaling--;

  if (!attest_mca_ledger_record_intent_finish (ATTEST_MCA_LEDGER (object), result, &error))
    {
      stop (self, error);
      self->n_customers--;
    }
  else
    queue_pending (self, customer_id);

  dispatch (self);
}

/* Journals a new attestation for @member; it is sent once on the disk. */
static void
journal_member (AttestMcaRequest         *self,
                const AttestMcaRunMember *member)
{
  g_autoptr(AttestPartnerRequest) request = NULL;
  AttestAttestationDetails details;
  AttestPartnerContact signatory;
  Journaling *journaling;

  attest_mca_run_member_get_details (member, &details);
  if (details.country == NULL || details.language == NULL || details.company_name == NULL
      || details.first_name == NULL || details.last_name == NULL || details.email == NULL)
    {
      /* Only a damaged ledger keeps such a member. */
      g_warning ("The request run %s has no details to send for the customer %s",
                 attest_mca_run_get_id (self->run), attest_mca_run_member_get_customer_id (member));
      return;
    }

  signatory.customer_id = attest_mca_run_member_get_customer_id (member);
  signatory.first_name = details.first_name;
  signatory.last_name = details.last_name;
  signatory.email = details.email;
  signatory.phone_number = details.phone_number != NULL ? details.phone_number : "";
  request = attest_mca_shapes_new_attestation (&details);

  journaling = g_new0 (Journaling, 1);
  journaling->self = g_object_ref (self);
  journaling->customer_id = g_strdup (signatory.customer_id);
  self->n_journaling++;
  self->n_customers++;
  attest_mca_ledger_record_intent_async (self->ledger, ATTEST_MCA_INTENT_ATTESTATION,
                                         attest_mca_run_get_id (self->run), &signatory,
                                         details.company_name, request, NULL, on_journaled,
                                         journaling);
}

/* Queues what the run has journaled and not had answered, and journals
 * what it has not journaled yet. */
static void
plan_sending (AttestMcaRequest *self)
{
  const char *run_id = attest_mca_run_get_id (self->run);

  if (self->members == NULL)
    {
      /* A run recorded before the ledger kept its members: what it
       * journaled is all it has. */
      g_autoptr(GPtrArray) unanswered = attest_mca_ledger_list_unanswered (self->ledger, run_id);

      for (guint i = 0; i < unanswered->len; i++)
        g_queue_push_tail (&self->ready,
                           attest_mca_intent_ref (g_ptr_array_index (unanswered, i)));
      self->n_customers = unanswered->len;
      return;
    }

  for (guint i = 0; i < self->members->len; i++)
    {
      AttestMcaRunMember *member = g_ptr_array_index (self->members, i);
      g_autoptr(AttestMcaCustomer) customer = NULL;
      AttestMcaIntent *pending;

      if (attest_mca_run_member_get_action (member) != ATTEST_MCA_RUN_ACTION_ATTESTATION)
        continue;

      customer = attest_mca_ledger_lookup (self->ledger,
                                           attest_mca_run_member_get_customer_id (member));
      pending = customer != NULL ? attest_mca_customer_get_pending (customer) : NULL;
      if (pending != NULL)
        {
          /* Another run's request is that run's to finish. */
          if (g_strcmp0 (attest_mca_intent_get_run_id (pending), run_id) == 0)
            {
              g_queue_push_tail (&self->ready, attest_mca_intent_ref (pending));
              self->n_customers++;
            }
          continue;
        }
      if (customer != NULL && _attest_mca_request_answered_since (self->ledger, customer,
                                                                  self->run))
        continue;

      journal_member (self, member);
    }
}

static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/* Runs the run: records it in the ledger with its members and the links
 * file @links_path (may be NULL: none; a resumed run keeps its own), then
 * journals and sends every attestation, and writes the links file in full
 * at the end. @cancellable stops it: the requests under way are answered
 * and recorded first, and what was journaled and not sent goes out when
 * the run is resumed. Fails with the error that stopped it (a credential
 * missing or refused, the ledger or the links file not written),
 * G_IO_ERROR_CANCELLED, or ATTEST_MCA_REQUEST_ERROR_UNANSWERED; the run is
 * over only when it returns TRUE. */
void
attest_mca_request_run_async (AttestMcaRequest    *self,
                              const char          *links_path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ATTEST_IS_MCA_REQUEST (self));
  g_return_if_fail (self->run_task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_mca_request_run_async);
  g_task_set_check_cancellable (task, FALSE);

  if (self->run == NULL)
    {
      if (self->members == NULL)
        {
          g_task_return_new_error (task, ATTEST_MCA_REQUEST_ERROR,
                                   ATTEST_MCA_REQUEST_ERROR_NOT_PREPARED,
                                   "The request run was not prepared");
          return;
        }

      self->run = attest_mca_ledger_begin_request_run (self->ledger, links_path, self->members,
                                                       NULL, &error);
      if (self->run == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_info ("Request run %s began with %u customers", attest_mca_run_get_id (self->run),
              self->members->len);
    }

  self->run_task = g_steal_pointer (&task);
  g_clear_object (&self->stop);
  g_clear_error (&self->stop_error);
  self->stop = g_cancellable_new ();
  g_clear_object (&self->cancellable);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  self->cancelled_id = g_cancellable_connect (self->cancellable, G_CALLBACK (on_cancelled),
                                              g_object_ref (self->stop), g_object_unref);
  self->n_customers = 0;
  self->n_done = 0;

  plan_sending (self);
  _attest_mca_request_notify_progress (self);
  dispatch (self);
}

gboolean
attest_mca_request_run_finish (AttestMcaRequest  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
