/* attest-mca-request-run.c: a request run sending its attestations
 *
 * The run is recorded with its members before anything else; then every
 * attestation it sends is journaled, whole, and only once the journal is
 * on the disk is it sent (attest-mca-send.c), each until it has an
 * answer. An answer is recorded as it comes: the attestation's ID and
 * link, or the service's refusal; a request with no answer, or one sent
 * with a credential that was refused, stays journaled, to go out again
 * unchanged under the same MS-RequestId, never as a new request while the
 * first may have created an attestation. A run resumed sends its
 * journaled requests that were not answered, and journals and sends those
 * of its members it never journaled.
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

static void
on_drained (gpointer user_data)
{
  AttestMcaRequest *self = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&self->run_task);
  g_autoptr(AttestMcaSendQueue) queue = g_steal_pointer (&self->queue);
  g_autoptr(AttestMcaLinks) links = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = attest_mca_run_get_output_path (self->run);

  /* The links file, in full, whatever stopped the run. */
  links = attest_mca_request_build_links (self->ledger, self->run);
  if (path != NULL && !attest_mca_links_write (links, path, &error))
    g_prefix_error (&error, _("The links file %s could not be written: "), path);

  if (error != NULL
      || !attest_mca_send_queue_end_run (queue, g_task_get_cancellable (task), &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_answered (AttestMcaIntent     *intent,
             AttestMcaSendResult  result,
             JsonNode            *answer,
             const GError        *error,
             gpointer             user_data)
{
  AttestMcaRequest *self = user_data;
  AttestPartnerRequest *request = attest_mca_intent_get_request (intent);
  const char *customer_id = attest_mca_intent_get_customer_id (intent);
  g_autoptr(GError) unfit = NULL;
  g_autofree char *attestation_id = NULL;
  g_autofree char *link = NULL;
  AttestMcaAnswer recorded = {
    ATTEST_MCA_ANSWER_LOST, customer_id, attest_partner_request_get_request_id (request),
    NULL, NULL, error != NULL ? error->message : NULL, NULL,
  };

  switch (result)
    {
    case ATTEST_MCA_SENT_ANSWERED:
      if (attest_mca_shapes_read_attestation (answer, &attestation_id, &link, &unfit))
        {
          recorded.kind = ATTEST_MCA_ANSWER_ATTESTATION;
          recorded.attestation_id = attestation_id;
          recorded.link = link;
          g_info ("Customer %s: attestation created, MS-RequestId %s", customer_id,
                  recorded.request_id);
          g_debug ("Customer %s: attestation %s, link %s", customer_id, attestation_id, link);
        }
      else
        recorded.message = unfit->message;
      break;

    case ATTEST_MCA_SENT_REFUSED:
      recorded.kind = ATTEST_MCA_ANSWER_REFUSED;
      g_info ("Customer %s: attestation refused: %s", customer_id, recorded.message);
      break;

    case ATTEST_MCA_SENT_STOPPED:
    case ATTEST_MCA_SENT_LOST:
    default:
      break;
    }

  attest_mca_send_queue_record (self->queue, &recorded);

  self->n_done++;
  g_signal_emit (self, _attest_mca_request_signals[ATTEST_MCA_REQUEST_SIGNAL_CUSTOMER_DONE], 0,
                 customer_id);
  _attest_mca_request_notify_progress (self);
}

/* Journals a new attestation for @member. */
static void
journal_member (AttestMcaRequest         *self,
                const AttestMcaRunMember *member)
{
  g_autoptr(AttestPartnerRequest) request = NULL;
  AttestAttestationDetails details;
  AttestPartnerContact signatory;

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
  attest_mca_send_queue_journal (self->queue, ATTEST_MCA_INTENT_ATTESTATION, &signatory,
                                 details.company_name, request);
}

/* Whether the run still has an attestation to send for @member: one it
 * journaled and had no answer to (in @out_pending, a new reference), or
 * one it never journaled (@out_pending NULL). A request of another run is
 * that run's to finish. */
static gboolean
is_left (AttestMcaRequest          *self,
         const AttestMcaRunMember  *member,
         AttestMcaIntent          **out_pending)
{
  g_autoptr(AttestMcaCustomer) customer = NULL;
  AttestMcaIntent *pending;

  *out_pending = NULL;
  if (attest_mca_run_member_get_action (member) != ATTEST_MCA_RUN_ACTION_ATTESTATION)
    return FALSE;

  customer = attest_mca_ledger_lookup (self->ledger,
                                       attest_mca_run_member_get_customer_id (member));
  pending = customer != NULL ? attest_mca_customer_get_pending (customer) : NULL;
  if (pending != NULL)
    {
      if (g_strcmp0 (attest_mca_intent_get_run_id (pending),
                     attest_mca_run_get_id (self->run)) != 0)
        return FALSE;
      *out_pending = attest_mca_intent_ref (pending);
      return TRUE;
    }

  return customer == NULL || !_attest_mca_request_answered_since (self->ledger, customer,
                                                                  self->run);
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
        attest_mca_send_queue_push (self->queue, g_ptr_array_index (unanswered, i));
      return;
    }

  for (guint i = 0; i < self->members->len; i++)
    {
      AttestMcaRunMember *member = g_ptr_array_index (self->members, i);
      g_autoptr(AttestMcaIntent) pending = NULL;

      if (!is_left (self, member, &pending))
        continue;
      if (pending != NULL)
        attest_mca_send_queue_push (self->queue, pending);
      else
        journal_member (self, member);
    }
}

/* How many attestations the run still has to send: before it begins,
 * every one it sends; once begun, or resumed, those it journaled and had
 * no answer to, and those of its members it never journaled. Customers
 * answered already are not counted. */
guint
attest_mca_request_get_n_left (AttestMcaRequest *self)
{
  guint n = 0;

  g_return_val_if_fail (ATTEST_IS_MCA_REQUEST (self), 0);

  if (self->run == NULL)
    return attest_mca_request_get_n_to_send (self);

  if (self->members == NULL)
    {
      g_autoptr(GPtrArray) unanswered =
        attest_mca_ledger_list_unanswered (self->ledger, attest_mca_run_get_id (self->run));

      return unanswered->len;
    }

  for (guint i = 0; i < self->members->len; i++)
    {
      g_autoptr(AttestMcaIntent) pending = NULL;

      n += is_left (self, g_ptr_array_index (self->members, i), &pending);
    }

  return n;
}

/* Runs the run: records it in the ledger with its members and the links
 * file @links_path (may be NULL: none; a resumed run keeps its own), then
 * journals and sends every attestation, and writes the links file in full
 * at the end. @cancellable stops it: the requests under way are answered
 * and recorded first, and what was journaled and not sent goes out when
 * the run is resumed. Fails with the error that stopped it (a credential
 * missing or refused, the ledger or the links file not written),
 * G_IO_ERROR_CANCELLED, or ATTEST_MCA_SEND_ERROR_UNANSWERED; the run is
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
  self->queue = attest_mca_send_queue_new (self->client, self->ledger,
                                           attest_mca_run_get_id (self->run), cancellable,
                                           on_answered, on_drained, self);
  self->n_done = 0;
  plan_sending (self);
  self->n_customers = attest_mca_send_queue_get_n_queued (self->queue);
  _attest_mca_request_notify_progress (self);
  attest_mca_send_queue_start (self->queue);
}

gboolean
attest_mca_request_run_finish (AttestMcaRequest  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
