/* attest-submission.c: sending the actionable records of a store, each
 * exactly once (SPEC §6)
 *
 * A run looks up the agreement template while it writes a private copy of
 * its records (attest-submission-start.c), writes its journal's first line
 * once both are there, then schedules batches: it plans them, journals each
 * one's request before it goes out, keeps up to `concurrency` of them
 * under way (attest-batch-send.c sends one until it has its outcome), and
 * applies each outcome: journaled first, then shown in the store and the
 * progress, then the records it sends back are planned again. The run ends
 * when its count of operations under way reaches zero (see
 * _attest_submission_op_finished()). Outcomes decide what happens next:
 *
 *   success                  every record of the batch is attested
 *   600061                   already attested (one record), else split
 *   400 naming records       those are rejected, the rest go out again
 *   400 naming none          split in halves, down to the bad record
 *   408, 429, 5xx, no answer retried under the same request ID, after the
 *                            policy's delay (Retry-After is its floor);
 *                            a 429 halves the concurrency
 *   401 after a refresh, 403 the run stops, resumable, with the reason
 *   any other 4xx naming no  before Partner Center took a batch of the run:
 *   record                   the classic attestation is refused (SPEC §13),
 *                            nothing more goes out, the run is over
 *
 * A batch that never got an answer may have been carried out, so its
 * records are never sent under a new request ID: a resume first asks
 * Partner Center which of them left the list of customers to attest, and
 * sends the batch again unchanged, same request ID and bytes, only if some
 * did not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-submission"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "attest-csv-writer.h"
#include "attest-submission-private.h"
#include "attest-validation.h"

/* A run that stops because of a failure below it (a refused sign-in, a
 * missing role) keeps that failure, whole, as the cause of its own error. */
typedef struct
{
  GError *cause;
} AttestSubmissionErrorPrivate;

/* GLib hands these the private data of an error of our domain, never
 * NULL. */
static void
attest_submission_error_private_init (AttestSubmissionErrorPrivate *priv)
{
}

static void
attest_submission_error_private_copy (const AttestSubmissionErrorPrivate *src,
                                      AttestSubmissionErrorPrivate       *dest)
{
  g_return_if_fail (src != NULL && dest != NULL);
  dest->cause = src->cause != NULL ? g_error_copy (src->cause) : NULL;
}

static void
attest_submission_error_private_clear (AttestSubmissionErrorPrivate *priv)
{
  g_return_if_fail (priv != NULL);
  g_clear_error (&priv->cause);
}

G_DEFINE_EXTENDED_ERROR (AttestSubmissionError, attest_submission_error)

/* The failure that stopped the run, with its own domain, code and details
 * (an ATTEST_PARTNER_ERROR keeps its request IDs), or NULL. */
const GError *
attest_submission_error_get_cause (const GError *error)
{
  AttestSubmissionErrorPrivate *priv;

  if (error == NULL || error->domain != ATTEST_SUBMISSION_ERROR)
    return NULL;

  priv = attest_submission_error_get_private (error);
  return priv != NULL ? priv->cause : NULL;
}

/* An ATTEST_SUBMISSION_ERROR_STOPPED with @cause's message, keeping
 * @cause. */
GError *
_attest_submission_error_new_stopped (const GError *cause)
{
  GError *error = g_error_new_literal (ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_STOPPED,
                                       cause->message);
  AttestSubmissionErrorPrivate *priv = attest_submission_error_get_private (error);

  if (priv != NULL)
    priv->cause = g_error_copy (cause);
  return error;
}

/* An ATTEST_SUBMISSION_ERROR_RETIRED keeping @cause, Partner Center's
 * refusal of the classic attestation, whose message quotes the server. */
GError *
_attest_submission_error_new_retired (const GError *cause)
{
  GError *error;
  AttestSubmissionErrorPrivate *priv;

  /* Translators: %s is Partner Center's refusal, a sentence of its own that
   * quotes the server. Write the date as your language writes dates. */
  error = g_error_new (ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_RETIRED,
                       _("%s Microsoft retired partner attestation on January 5, 2026: partners "
                         "can no longer attest for their customers."),
                       cause->message);
  priv = attest_submission_error_get_private (error);
  if (priv != NULL)
    priv->cause = g_error_copy (cause);
  return error;
}

gboolean
_attest_submission_run_is_retired (AttestSubmission *self)
{
  return g_error_matches (self->stop, ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_RETIRED);
}

G_DEFINE_FINAL_TYPE (AttestSubmission, attest_submission, G_TYPE_OBJECT)

guint _attest_submission_signals[N_SIGNALS];

/* Options and construction */

/* Parses a date agreed written YYYY-MM-DD: UTC midnight of that day, never
 * after today in UTC (Partner Center answers 600002 to a future date). */
GDateTime *
attest_submission_parse_date_agreed (const char  *text,
                                     GDateTime   *now,
                                     GError     **error)
{
  g_autoptr(GDate) date = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  /* The check, and the clock when @now is NULL, are core's. */
  date = attest_date_agreed_parse (text, now, &local_error);
  if (date == NULL)
    {
      g_set_error_literal (error, ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_DATE_AGREED,
                           local_error->message);
      return NULL;
    }

  return g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                              g_date_get_day (date), 0, 0, 0);
}

static GDateTime *
today_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                              g_date_time_get_day_of_month (now), 0, 0, 0);
}

AttestSubmission *
attest_submission_new (AttestPartnerClient           *client,
                       AttestRecordStore             *store,
                       const AttestSubmissionOptions *options)
{
  AttestSubmission *self;

  g_return_val_if_fail (ATTEST_IS_PARTNER_CLIENT (client), NULL);
  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (store), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  self = g_object_new (ATTEST_TYPE_SUBMISSION, NULL);
  self->client = g_object_ref (client);
  self->store = g_object_ref (store);

  self->header = attest_run_header_new ();
  self->header->strategy = options->strategy;
  self->header->batch_size = options->strategy == ATTEST_STRATEGY_BULK
                             ? CLAMP (options->batch_size, 1, ATTEST_MAX_BATCH_SIZE) : 1;
  self->header->input_path = g_strdup (options->input_path);
  self->header->dry_run = options->dry_run;
  self->header->api_base = g_strdup (attest_partner_client_get_base_uri (client));

  self->date_agreed = options->date_agreed != NULL ? g_date_time_to_utc (options->date_agreed)
                                                   : today_utc ();
  self->header->date_agreed = attest_partner_format_date_agreed (self->date_agreed);

  attest_concurrency_init (&self->concurrency,
                           options->concurrency > 0
                           ? options->concurrency
                           : options->strategy == ATTEST_STRATEGY_BULK
                             ? ATTEST_DEFAULT_BULK_CONCURRENCY
                             : ATTEST_DEFAULT_PER_CUSTOMER_CONCURRENCY);

  return self;
}

void
attest_submission_set_runs_directory (AttestSubmission *self,
                                      const char       *directory)
{
  g_return_if_fail (ATTEST_IS_SUBMISSION (self));

  g_free (self->runs_directory);
  self->runs_directory = g_strdup (directory);
}

void
attest_submission_set_retry_policy (AttestSubmission  *self,
                                    AttestRetryPolicy *policy)
{
  g_return_if_fail (ATTEST_IS_SUBMISSION (self));

  g_set_object (&self->retry_policy, policy);
}

AttestRecordStore *
attest_submission_get_store (AttestSubmission *self)
{
  g_return_val_if_fail (ATTEST_IS_SUBMISSION (self), NULL);

  return self->store;
}

const AttestProgress *
attest_submission_get_progress (AttestSubmission *self)
{
  g_return_val_if_fail (ATTEST_IS_SUBMISSION (self), NULL);

  return &self->meter.progress;
}

const char *
attest_submission_get_run_id (AttestSubmission *self)
{
  g_return_val_if_fail (ATTEST_IS_SUBMISSION (self), NULL);

  return self->header->run_id;
}

const char *
attest_submission_get_journal_path (AttestSubmission *self)
{
  g_return_val_if_fail (ATTEST_IS_SUBMISSION (self), NULL);

  return self->journal != NULL ? attest_run_journal_get_path (self->journal) : NULL;
}

const char *
attest_submission_get_date_agreed (AttestSubmission *self)
{
  g_return_val_if_fail (ATTEST_IS_SUBMISSION (self), NULL);

  return self->header->date_agreed;
}

guint
attest_submission_get_n_batches (AttestSubmission *self)
{
  g_return_val_if_fail (ATTEST_IS_SUBMISSION (self), 0);

  return self->n_batches;
}

/* Whether the run is asking Partner Center which of the batches that got
 * no answer before it was interrupted were carried out: a resume does
 * that before it sends anything. */
gboolean
attest_submission_is_reconciling (AttestSubmission *self)
{
  g_return_val_if_fail (ATTEST_IS_SUBMISSION (self), FALSE);

  return self->reconciling;
}

static gboolean
journal_ahead_wanted (AttestSubmission *self)
{
  return !_attest_submission_run_is_stopping (self)
         && self->ready.length + self->journaling < self->concurrency.limit
         && attest_batch_plan_get_remaining (self->plan) > 0;
}

/* Builds and journals one batch at a time, so that the network is served
 * between two; with nothing in flight yet, all that can go out at once, so
 * that they are journaled together and leave together. */
static gboolean
journal_ahead (gpointer user_data)
{
  AttestSubmission *self = user_data;
  gboolean built = FALSE;

  while (journal_ahead_wanted (self))
    {
      g_autoptr(AttestBatch) batch = attest_batch_plan_next (self->plan);

      if (batch == NULL)
        break;
      _attest_submission_flight_start (self, _attest_submission_flight_new (self, batch));
      built = TRUE;
      if (self->in_flight > 0)
        break;
    }

  if (built)
    return G_SOURCE_CONTINUE;

  self->journal_ahead_id = 0;
  _attest_submission_op_finished (self);

  return G_SOURCE_REMOVE;
}

void
_attest_submission_dispatch (AttestSubmission *self)
{
  Flight *flight;

  /* Send what the journal already holds, up to the concurrency. */
  while (!_attest_submission_run_is_stopping (self)
         && self->in_flight < self->concurrency.limit
         && (flight = g_queue_pop_head (&self->ready)) != NULL)
    {
      self->in_flight++;
      _attest_submission_op_started (self);
      self->n_batches++;
      if (self->n_batches == 1 && self->start.began != 0)
        g_debug ("Start-up: first batch out after %.1f ms",
                 (g_get_monotonic_time () - self->start.began) / 1000.0);
      _attest_submission_flight_send (flight);
    }

  /* Journal the next batches ahead, as many as could go out at once, so
   * that a free slot never waits for the disk. A batch journaled and then
   * never sent is said so when the run ends. */
  if (self->journal_ahead_id == 0 && journal_ahead_wanted (self))
    {
      self->journal_ahead_id = g_idle_add_full (ATTEST_RUN_PRIORITY,
                                               journal_ahead, self, NULL);
      g_source_set_name_by_id (self->journal_ahead_id, "[attest] journal ahead");
      _attest_submission_op_started (self);
    }
}

/* Batches journaled as sent but never sent, because the run stops: the
 * journal says so, so that a resume plans their records anew instead of
 * asking Partner Center about them. Batches that got no answer before a
 * crash and wait to go out again keep their state. */
static void
journal_unsent (AttestSubmission *self)
{
  Flight *flight;

  while ((flight = g_queue_pop_head (&self->ready)) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *entry = attest_journal_entry_batch_outcome (flight->number, 0, 0, 0);

      /* Without it a resume asks Partner Center about these records
       * first, which costs it a fetch, not a record. */
      if (!flight->resend && self->journal != NULL
          && !attest_run_journal_append_sync (self->journal, entry, &error))
        g_message ("Cannot write to the run journal: %s", error->message);
      _attest_submission_flight_free (flight);
    }
}

/* The run ends when nothing it started is still under way: every
 * operation (the start-up, a batch being journaled, sent or answered, the
 * outcomes being recorded, the idle sources that build batches or record
 * outcomes) counts itself in n_pending, and the last one to end ends the
 * run. Each calls _attest_submission_dispatch() before it ends, which
 * starts whatever can be started, so that the count only reaches zero when
 * every batch is done or the run stops. */
void
_attest_submission_op_started (AttestSubmission *self)
{
  self->n_pending++;
}

static void finish_run (AttestSubmission *self);

void
_attest_submission_op_finished (AttestSubmission *self)
{
  g_assert (self->n_pending > 0);

  if (--self->n_pending > 0)
    return;

  finish_run (self);
}

static void
finish_run (AttestSubmission *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *end = NULL;
  AttestRunState state;
  gboolean cancelled;
  const char *reason = "";

  cancelled = g_cancellable_is_cancelled (g_task_get_cancellable (self->task));
  g_warn_if_fail (_attest_submission_run_is_stopping (self)
                  || (attest_batch_plan_get_remaining (self->plan) == 0
                      && g_queue_is_empty (&self->ready)));

  journal_unsent (self);

  if (self->stop != NULL)
    {
      /* A refused classic attestation ends the run for good. */
      state = _attest_submission_run_is_retired (self) ? ATTEST_RUN_STATE_RETIRED
                                                       : ATTEST_RUN_STATE_STOPPED;
      reason = self->stop->message;
    }
  else if (cancelled)
    {
      state = ATTEST_RUN_STATE_STOPPED;
      reason = "cancelled";
    }
  else if (self->unknown > 0)
    {
      state = ATTEST_RUN_STATE_STOPPED;
      self->stop = g_error_new (ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_NO_ANSWER,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%'u customer got no answer from Partner Center. "
                                             "Resume the run to confirm it.",
                                             "%'u customers got no answer from Partner Center. "
                                             "Resume the run to confirm them.",
                                             self->unknown),
                                self->unknown);
      reason = self->stop->message;
    }
  else
    state = ATTEST_RUN_STATE_COMPLETED;

  /* A journal without its end reads as a run that was interrupted: its
   * resume finds nothing left to send. */
  end = attest_journal_entry_end (state, reason);
  if (self->journal != NULL && !attest_run_journal_append_sync (self->journal, end, &error))
    g_message ("Cannot close the run journal: %s", error->message);

  g_info ("Run %s ended: %s; %u attested, %u already attested, %u rejected, %u failed",
          self->header->run_id, attest_run_state_to_string (state),
          self->meter.progress.attested, self->meter.progress.already_attested,
          self->meter.progress.rejected, self->meter.progress.failed);

  g_cancellable_disconnect (g_task_get_cancellable (self->task), self->cancelled_id);
  self->cancelled_id = 0;

  if (self->stop != NULL)
    g_task_return_error (self->task, g_error_copy (self->stop));
  else if (cancelled)
    g_task_return_new_error (self->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             _("The run was cancelled. Resume it to send the rest."));
  else
    g_task_return_int (self->task, state);

  g_clear_object (&self->task);
}

/* Starting a run */

GArray *
_attest_submission_pending_records (AttestSubmission *self,
                                    GHashTable       *already_planned)
{
  GArray *records = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = attest_record_store_get_n_records (self->store);

  for (guint i = attest_record_store_find_next_actionable (self->store, 0);
       i < n;
       i = attest_record_store_find_next_actionable (self->store, i + 1))
    {
      AttestRecordStatus status = attest_record_store_get_status (self->store, i);

      if (status != ATTEST_RECORD_STATUS_PENDING)
        continue;
      if (already_planned != NULL && g_hash_table_contains (already_planned, GUINT_TO_POINTER (i)))
        continue;
      g_array_append_val (records, i);
    }

  return records;
}

void
_attest_submission_start_dispatching (AttestSubmission *self,
                                      GHashTable       *resent)
{
  g_autoptr(GArray) records = resent == NULL && self->start.records != NULL
                              ? g_steal_pointer (&self->start.records)
                              : _attest_submission_pending_records (self, resent);
  guint resent_records = resent != NULL ? g_hash_table_size (resent) : 0;
  AttestRecordCounts counts = { 0 };

  self->plan = attest_batch_plan_new ((const guint *) records->data, records->len,
                                      self->header->batch_size);
  attest_batch_plan_reserve_numbers (self->plan, self->last_batch);

  attest_record_store_get_counts (self->store, &counts);
  attest_progress_meter_init (&self->meter, records->len + resent_records + counts.done
                                            + counts.failed,
                              counts.done + counts.failed, g_get_monotonic_time ());
  if (self->replay != NULL)
    _attest_submission_count_journaled_outcomes (self);
  g_signal_emit (self, _attest_submission_signals[SIGNAL_PROGRESS], 0);

  g_info ("Run %s: %u customers to send in batches of %u, %u at once", self->header->run_id,
          records->len + resent_records, self->header->batch_size, self->concurrency.limit);

  _attest_submission_dispatch (self);

  /* The start-up is over. */
  _attest_submission_op_finished (self);
}

void
_attest_submission_fail_run (AttestSubmission *self,
                             GError           *error)
{
  g_cancellable_disconnect (g_task_get_cancellable (self->task), self->cancelled_id);
  self->cancelled_id = 0;
  g_task_return_error (self->task, error);
  g_clear_object (&self->task);
}

static void
on_token (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(AttestSubmission) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *partner_id = NULL;

  token = attest_token_provider_get_token_finish (ATTEST_TOKEN_PROVIDER (object), result, &error);
  if (token == NULL)
    {
      _attest_submission_fail_run (self, _attest_submission_error_new_stopped (error));
      return;
    }

  partner_id = attest_partner_partner_id_from_token (token, &error);
  memset (token, 0, strlen (token));
  if (partner_id == NULL)
    {
      GError *stopped = _attest_submission_error_new_stopped (error);

      g_free (stopped->message);
      stopped->message = g_strdup (_("The access token does not name the partner tenant. "
                                     "Sign in again."));
      _attest_submission_fail_run (self, stopped);
      return;
    }

  /* The connections the batches will need are opened while the run
   * prepares. */
  if (!self->header->dry_run)
    attest_partner_client_preconnect (self->client, self->concurrency.limit);

  if (self->replay != NULL)
    {
      if (g_strcmp0 (self->header->partner_id, partner_id) != 0)
        {
          _attest_submission_fail_run (self, g_error_new (ATTEST_SUBMISSION_ERROR,
                                       ATTEST_SUBMISSION_ERROR_WRONG_PARTNER,
                                       _("Run %s was started by partner tenant %s, but you are "
                                         "signed in to %s. Sign in as that partner to resume "
                                         "it."),
                                       self->header->run_id, self->header->partner_id,
                                       partner_id));
          return;
        }
      _attest_submission_begin_resume (self);
      return;
    }

  _attest_submission_begin_new_run (self, partner_id);
}

/* Cancelling a run stops new batches and retry waits; requests already on
 * their way finish, so that their outcome is known. */
static void
on_run_cancelled (GCancellable *cancellable,
                  gpointer      user_data)
{
  AttestSubmission *self = user_data;

  g_cancellable_cancel (self->stop_signal);
}

void
attest_submission_run_async (AttestSubmission    *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  AttestTokenProvider *tokens;
  g_autoptr(GCancellable) own_cancellable = NULL;

  g_return_if_fail (ATTEST_IS_SUBMISSION (self));
  g_return_if_fail (self->task == NULL);

  if (cancellable == NULL)
    cancellable = own_cancellable = g_cancellable_new ();

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, attest_submission_run_async);

  /* Held while the run starts, until it has started what it can. */
  self->n_pending = 1;
  self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_run_cancelled),
                                              self, NULL);

  if (self->retry_policy == NULL)
    self->retry_policy = g_object_ref (attest_partner_client_get_retry_policy (self->client));

  if (self->replay == NULL)
    {
      if (attest_record_store_find_next_actionable (self->store, 0)
          >= attest_record_store_get_n_records (self->store))
        {
          _attest_submission_fail_run (self, g_error_new_literal (ATTEST_SUBMISSION_ERROR,
                                               ATTEST_SUBMISSION_ERROR_NOTHING_TO_SEND,
                                               _("No customer is ready to send: mark customers "
                                                 "as attested and fix their problems first.")));
          return;
        }
    }

  /* A partner with only the AppOnly credential has no user to attest with. */
  tokens = attest_partner_client_get_token_provider (self->client);
  if (tokens == NULL)
    {
      g_autoptr(GError) missing = NULL;

      missing = attest_partner_error_new_no_credential ("POST", ATTEST_PARTNER_BULK_PATH,
                                                        ATTEST_PARTNER_CREDENTIAL_USER);
      _attest_submission_fail_run (self, _attest_submission_error_new_stopped (missing));
      return;
    }

  attest_token_provider_get_token_async (tokens, ATTEST_TOKEN_FLAGS_NONE, cancellable, on_token,
                                         g_object_ref (self));
}

AttestRunState
attest_submission_run_finish (AttestSubmission  *self,
                              GAsyncResult      *result,
                              GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize state;

  g_return_val_if_fail (g_task_is_valid (result, self), ATTEST_RUN_STATE_STOPPED);

  state = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      state = g_error_matches (local_error, ATTEST_SUBMISSION_ERROR,
                               ATTEST_SUBMISSION_ERROR_RETIRED)
              ? ATTEST_RUN_STATE_RETIRED : ATTEST_RUN_STATE_STOPPED;
      g_propagate_error (error, g_steal_pointer (&local_error));
    }

  return state;
}

static void
attest_submission_finalize (GObject *object)
{
  AttestSubmission *self = ATTEST_SUBMISSION (object);

  g_clear_handle_id (&self->journal_ahead_id, g_source_remove);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  g_clear_handle_id (&self->start.copy_builder_id, g_source_remove);
  g_clear_pointer (&self->start.copy_writer, attest_csv_writer_free);
  g_clear_pointer (&self->start.copy, attest_run_copy_free);
  g_clear_error (&self->start.error);
  g_clear_pointer (&self->start.run_id, g_free);
  g_clear_pointer (&self->start.records, g_array_unref);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->retry_policy);
  g_clear_object (&self->journal);
  g_clear_pointer (&self->runs_directory, g_free);
  g_clear_pointer (&self->header, attest_run_header_free);
  g_clear_pointer (&self->replay, attest_run_replay_free);
  g_clear_pointer (&self->date_agreed, g_date_time_unref);
  g_clear_pointer (&self->index_by_id, g_hash_table_unref);
  g_clear_pointer (&self->plan, attest_batch_plan_free);
  g_queue_clear_full (&self->ready, (GDestroyNotify) _attest_submission_flight_free);
  g_clear_error (&self->stop);
  g_clear_object (&self->stop_signal);

  G_OBJECT_CLASS (attest_submission_parent_class)->finalize (object);
}

static void
attest_submission_class_init (AttestSubmissionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_submission_finalize;

  /* After outcomes are journaled and applied: read attest_submission_get_progress(). */
  _attest_submission_signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* A batch got its answer: number, records, milliseconds, attempts. */
  _attest_submission_signals[SIGNAL_BATCH_FINISHED] =
    g_signal_new ("batch-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_INT64, G_TYPE_UINT);

  /* A dry run's request: the path and the exact body it would send. */
  _attest_submission_signals[SIGNAL_WOULD_SEND] =
    g_signal_new ("would-send", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BYTES);

  /* Partner Center throttled a request (429), which waits this many
   * milliseconds before it goes again. */
  _attest_submission_signals[SIGNAL_THROTTLED] =
    g_signal_new ("throttled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
on_throttled_wait (guint    delay_ms,
                   gpointer user_data)
{
  g_signal_emit (user_data, _attest_submission_signals[SIGNAL_THROTTLED], 0, delay_ms);
}

static void
attest_submission_init (AttestSubmission *self)
{
  g_queue_init (&self->ready);
  g_queue_init (&self->answered);
  self->stop_signal = g_cancellable_new ();
  self->concurrency.on_wait = on_throttled_wait;
  self->concurrency.on_wait_data = self;
}
