/* attest-submission-resume.c: finishing an interrupted run (SPEC §6)
 *
 * The run's own copy of its records is read back, checked against the hash
 * its journal holds, and the journal's outcomes applied to it. Batches that
 * were sent and never answered may have been carried out: Partner Center's
 * list of customers still to attest tells which. A batch whose customers
 * all left the list is done; any other goes out again as the request the
 * journal kept, unchanged: same path, request ID and bytes. A customer that
 * another run attested meanwhile (the partner submitted anew before
 * finishing this run) is not sent again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-submission-resume"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-csv-reader.h"
#include "attest-csv-text.h"
#include "attest-run-copy.h"
#include "attest-submission-private.h"

/* Only a resume looks records up by customer ID: the journal names them
 * so. */
static GHashTable *
index_customers (AttestRecordStore *store)
{
  GHashTable *index_by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = attest_record_store_get_n_records (store);

  for (guint i = 0; i < n; i++)
    {
      char *id = attest_record_store_dup_field (store, i, ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID);

      /* Duplicated IDs are invalid and never sent: the first one is enough. */
      if (!g_hash_table_contains (index_by_id, id))
        g_hash_table_insert (index_by_id, id, GUINT_TO_POINTER (i + 1));
      else
        g_free (id);
    }

  return index_by_id;
}

static gboolean
lookup_index (GHashTable *index_by_id,
              const char *customer_id,
              guint      *index)
{
  gpointer value = g_hash_table_lookup (index_by_id, customer_id);

  if (value == NULL)
    return FALSE;

  *index = GPOINTER_TO_UINT (value) - 1;
  return TRUE;
}

/* The run's private copy of its records, read back and checked against
 * the hash its journal holds. */
static AttestRecordStore *
read_copy (AttestRunReplay  *replay,
           const char       *journal_path,
           GError          **error)
{
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *copy_path = NULL;
  g_autoptr(GError) local_error = NULL;

  copy_path = attest_run_copy_dup_path (journal_path);
  copy = g_file_new_for_path (copy_path);
  bytes = attest_csv_map_file (copy, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_INPUT_CHANGED,
                   _("The records of run %s cannot be read back: %s"),
                   replay->header->run_id, local_error->message);
      return NULL;
    }

  /* A batch sent again must be what the run would have sent: a copy that
   * is not the one the run wrote is refused. */
  if (replay->header->input_sha256 != NULL && replay->header->input_sha256[0] != '\0')
    {
      g_autofree char *sha256 = attest_run_copy_checksum (bytes);

      if (g_ascii_strcasecmp (sha256, replay->header->input_sha256) != 0)
        {
          g_set_error (error, ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_INPUT_CHANGED,
                       _("The copy of the records of run %s is not the one the run wrote: it "
                         "was changed or damaged since. The run cannot be resumed."),
                       replay->header->run_id);
          return NULL;
        }
    }

  return attest_csv_read_bytes (bytes);
}

/* Applies every outcome the journal holds to the records; returns whether
 * an answer took or judged a record: the service serves the classic
 * attestation, and a later refusal is §6's. */
static gboolean
apply_outcomes (AttestRecordStore *store,
                GHashTable        *index_by_id,
                AttestRunReplay   *replay)
{
  gboolean classic_served = FALSE;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, replay->records);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      AttestReplayRecord *record = value;
      AttestRecordStatus status;
      g_autoptr(GDateTime) submitted = NULL;
      guint index;

      if (!lookup_index (index_by_id, record->customer_id, &index)
          || !attest_record_status_from_string (record->status, &status))
        continue;

      if (status == ATTEST_RECORD_STATUS_ATTESTED
          || status == ATTEST_RECORD_STATUS_ALREADY_ATTESTED
          || status == ATTEST_RECORD_STATUS_REJECTED)
        classic_served = TRUE;

      submitted = g_date_time_new_from_iso8601 (record->submitted_at, NULL);
      attest_record_store_set_outcome (store, index, status, record->message,
                                       record->request_id, record->correlation_id,
                                       submitted != NULL ? g_date_time_to_unix (submitted) : 0);
    }

  return classic_served;
}

/* The records of the run of @journal_path with what the journal says came
 * of each, as its results file has them; any run, finished or not. */
AttestRecordStore *
attest_submission_load_results (const char  *journal_path,
                                GError     **error)
{
  g_autoptr(AttestRunReplay) replay = NULL;
  g_autoptr(AttestRecordStore) store = NULL;
  g_autoptr(GHashTable) index_by_id = NULL;

  g_return_val_if_fail (journal_path != NULL, NULL);

  replay = attest_run_replay_read (journal_path, error);
  if (replay == NULL || (store = read_copy (replay, journal_path, error)) == NULL)
    return NULL;

  index_by_id = index_customers (store);
  apply_outcomes (store, index_by_id, replay);

  return g_steal_pointer (&store);
}

/* The customers of the batches that got no answer: they go out again as
 * they were, whatever another run did. */
static GHashTable *
collect_unanswered (AttestRunReplay *replay)
{
  g_autoptr(GPtrArray) unanswered = attest_run_replay_list_unanswered (replay);
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint b = 0; b < unanswered->len; b++)
    {
      AttestReplayBatch *batch = g_ptr_array_index (unanswered, b);

      for (guint i = 0; batch->customer_ids[i] != NULL; i++)
        g_hash_table_add (ids, g_ascii_strdown (batch->customer_ids[i], -1));
    }

  return ids;
}

/* Customers still to send that a later run of the same partner attested,
 * or found attested, are done: they take that outcome here and are not
 * sent. */
static void
apply_attested_elsewhere (AttestSubmission *self,
                          const char       *journal_path)
{
  g_autofree char *directory = g_path_get_dirname (journal_path);
  g_autoptr(GPtrArray) runs = attest_run_replay_list_directory (directory, NULL);
  g_autoptr(GHashTable) attested = NULL;
  g_autoptr(GHashTable) unanswered = NULL;
  guint n = attest_record_store_get_n_records (self->store);

  if (runs == NULL)
    return;
  attested = attest_run_replay_collect_attested (runs, self->header);
  if (g_hash_table_size (attested) == 0)
    return;

  unanswered = collect_unanswered (self->replay);
  for (guint i = attest_record_store_find_next_actionable (self->store, 0);
       i < n;
       i = attest_record_store_find_next_actionable (self->store, i + 1))
    {
      g_autofree char *id = attest_record_store_dup_field (self->store, i,
                                                           ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID);
      g_autofree char *key = g_ascii_strdown (id, -1);
      const char *run_id = g_hash_table_lookup (attested, key);
      g_autofree char *message = NULL;

      if (run_id == NULL || g_hash_table_contains (unanswered, key))
        continue;

      message = g_strdup_printf (_("Attested by run %s."), run_id);
      attest_record_store_set_outcome (self->store, i, ATTEST_RECORD_STATUS_ALREADY_ATTESTED,
                                       message, NULL, NULL, 0);
    }
}

/* Opens the run of @journal_path to finish it: its private copy of the
 * records is read back and every outcome the journal holds applied to it. */
AttestSubmission *
attest_submission_new_resume (AttestPartnerClient  *client,
                              const char           *journal_path,
                              GError              **error)
{
  g_autoptr(AttestSubmission) self = NULL;
  g_autoptr(AttestRunReplay) replay = NULL;
  g_autoptr(AttestRecordStore) store = NULL;

  g_return_val_if_fail (ATTEST_IS_PARTNER_CLIENT (client), NULL);
  g_return_val_if_fail (journal_path != NULL, NULL);

  replay = attest_run_replay_read (journal_path, error);
  if (replay == NULL)
    return NULL;

  if (replay->state == ATTEST_RUN_STATE_RETIRED)
    {
      g_set_error (error, ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_RETIRED,
                   _("Run %s is over: Partner Center refused the classic attestation. It cannot "
                     "be resumed."),
                   replay->header->run_id);
      return NULL;
    }

  if (replay->state == ATTEST_RUN_STATE_DISCARDED)
    {
      g_set_error (error, ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_DISCARDED,
                   _("Run %s was discarded: it cannot be resumed."), replay->header->run_id);
      return NULL;
    }

  store = read_copy (replay, journal_path, error);
  if (store == NULL)
    return NULL;

  self = g_object_new (ATTEST_TYPE_SUBMISSION, NULL);
  self->client = g_object_ref (client);
  self->store = g_steal_pointer (&store);
  self->header = attest_run_header_copy (replay->header);
  self->date_agreed = g_date_time_new_from_iso8601 (self->header->date_agreed, NULL);
  if (self->date_agreed == NULL)
    {
      g_set_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_CORRUPT,
                   _("The run journal %s has no valid date agreed."), journal_path);
      return NULL;
    }

  attest_concurrency_init (&self->concurrency,
                           self->header->strategy == ATTEST_STRATEGY_BULK
                           ? ATTEST_DEFAULT_BULK_CONCURRENCY
                           : ATTEST_DEFAULT_PER_CUSTOMER_CONCURRENCY);

  self->index_by_id = index_customers (self->store);
  self->classic_served = apply_outcomes (self->store, self->index_by_id, replay);

  for (guint i = 0; i < replay->batches->len; i++)
    self->last_batch = MAX (self->last_batch,
                            ((AttestReplayBatch *) g_ptr_array_index (replay->batches, i))->number);

  self->replay = g_steal_pointer (&replay);
  apply_attested_elsewhere (self, journal_path);

  return g_steal_pointer (&self);
}

/* A resumed run counts what its journal says came of its customers before
 * it was resumed, as `attest runs` does: what it shows at its end is the
 * whole run's. */
void
_attest_submission_count_journaled_outcomes (AttestSubmission *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->replay->records);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      AttestRecordStatus status;

      if (attest_record_status_from_string (((AttestReplayRecord *) value)->status, &status))
        _attest_submission_count_outcome (self, status);
    }
}

/* Resuming: the batches that got no answer are checked first. */
static void
on_confirm_fetched (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(AttestSubmission) self = user_data;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GHashTable) still_listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) resent = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) unanswered = attest_run_replay_list_unanswered (self->replay);
  g_autoptr(GError) error = NULL;

  listed = attest_partner_client_fetch_records_finish (ATTEST_PARTNER_CLIENT (object), result,
                                                       &error);
  self->reconciling = FALSE;
  if (listed == NULL)
    {
      _attest_submission_fail_run (self, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < listed->len; i++)
    g_hash_table_add (still_listed,
                      ((AttestPartnerRecord *) g_ptr_array_index (listed, i))->customer_id);

  for (guint b = 0; b < unanswered->len; b++)
    {
      AttestReplayBatch *batch = g_ptr_array_index (unanswered, b);
      g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
      gboolean all_left = TRUE;
      Flight *flight;

      for (guint i = 0; batch->customer_ids[i] != NULL; i++)
        {
          guint index;

          if (!lookup_index (self->index_by_id, batch->customer_ids[i], &index))
            continue;
          g_array_append_val (indices, index);
          if (g_hash_table_contains (still_listed, batch->customer_ids[i]))
            all_left = FALSE;
        }

      flight = g_new0 (Flight, 1);
      flight->self = g_object_ref (self);
      flight->number = batch->number;
      flight->records = g_array_ref (indices);
      flight->request = attest_partner_request_ref (batch->request);

      /* Either way these records are taken care of here, not planned anew. */
      for (guint i = 0; i < indices->len; i++)
        g_hash_table_add (resent, GUINT_TO_POINTER (g_array_index (indices, guint, i)));

      if (all_left)
        {
          /* Carried out before the crash: Partner Center no longer lists them. */
          g_info ("Batch %u was carried out: its customers left the list", batch->number);
          self->classic_served = TRUE;
          flight->started = g_get_monotonic_time ();
          _attest_submission_flight_settle (flight, ATTEST_RECORD_STATUS_ATTESTED,
                         _("Confirmed by Partner Center after the run was interrupted."), 200);
          _attest_submission_flight_free (flight);
          continue;
        }

      g_info ("Batch %u goes out again unchanged under request ID %s", batch->number,
              attest_partner_request_get_request_id (batch->request));
      flight->resend = TRUE;
      g_queue_push_tail (&self->ready, flight);
    }

  _attest_submission_start_dispatching (self, resent);
}

void
_attest_submission_begin_resume (AttestSubmission *self)
{
  g_autoptr(GPtrArray) unanswered = attest_run_replay_list_unanswered (self->replay);
  g_autoptr(GError) error = NULL;

  self->journal = attest_run_journal_open_append (self->replay->path, &error);
  if (self->journal == NULL)
    {
      _attest_submission_fail_run (self, g_steal_pointer (&error));
      return;
    }

  if (unanswered->len == 0)
    {
      _attest_submission_start_dispatching (self, NULL);
      return;
    }

  g_info ("Run %s: %u batches got no answer; asking Partner Center which were carried out",
          self->header->run_id, unanswered->len);
  self->reconciling = TRUE;
  g_signal_emit (self, _attest_submission_signals[SIGNAL_PROGRESS], 0);
  attest_partner_client_fetch_records_async (self->client, NULL, NULL,
                                             g_task_get_cancellable (self->task),
                                             on_confirm_fetched, g_object_ref (self));
}
