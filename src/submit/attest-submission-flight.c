/* attest-submission-flight.c: one batch of a run, from its journal entry
 * to what its outcome means for its records (SPEC §6)
 *
 * A flight is the run's side of a batch: its records, and the request the
 * journal holds for it. attest-batch-send.c sends it until it has its
 * outcome; this file journals that the batch goes out, and then its
 * records' outcomes before the store and the progress show them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-submission-flight"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-batch-send.h"
#include "attest-submission-private.h"

void
_attest_submission_flight_free (Flight *flight)
{
  g_clear_object (&flight->self);
  g_clear_pointer (&flight->records, g_array_unref);
  g_free (flight->customer_ids);
  g_free (flight->fields);
  g_clear_pointer (&flight->request, attest_partner_request_unref);
  g_free (flight);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Outcomes */

/* Counts @status in the run's progress, when it is an outcome. */
void
_attest_submission_count_outcome (AttestSubmission   *self,
                                  AttestRecordStatus  status)
{
  AttestProgress *progress = &self->meter.progress;

  switch (status)
    {
    case ATTEST_RECORD_STATUS_ATTESTED:
      progress->attested++;
      break;
    case ATTEST_RECORD_STATUS_ALREADY_ATTESTED:
      progress->already_attested++;
      break;
    case ATTEST_RECORD_STATUS_REJECTED:
      progress->rejected++;
      break;
    case ATTEST_RECORD_STATUS_FAILED:
      progress->failed++;
      break;
    default:
      break;
    }
}

/* The outcomes of a flight's records, written to the journal and then,
 * once synced, shown. */
typedef struct
{
  AttestSubmission   *self;
  GArray             *records;
  GPtrArray          *customer_ids;   /* in @strings */
  GArray             *statuses;       /* AttestRecordStatus per record */
  GPtrArray          *messages;       /* in @strings, each kept once */
  GStringChunk       *strings;
  char               *request_id;
  char               *correlation_id;
  gint64              submitted_at;
} Outcomes;

static void
outcomes_free (Outcomes *outcomes)
{
  g_clear_object (&outcomes->self);
  g_array_unref (outcomes->records);
  g_ptr_array_unref (outcomes->customer_ids);
  g_array_unref (outcomes->statuses);
  g_ptr_array_unref (outcomes->messages);
  g_string_chunk_free (outcomes->strings);
  g_free (outcomes->request_id);
  g_free (outcomes->correlation_id);
  g_free (outcomes);
}

static Outcomes *
outcomes_new (AttestSubmission *self,
              Flight           *flight)
{
  Outcomes *outcomes = g_new0 (Outcomes, 1);

  outcomes->self = g_object_ref (self);
  outcomes->records = g_array_new (FALSE, FALSE, sizeof (guint));
  outcomes->customer_ids = g_ptr_array_new ();
  outcomes->statuses = g_array_new (FALSE, FALSE, sizeof (AttestRecordStatus));
  outcomes->messages = g_ptr_array_new ();
  outcomes->strings = g_string_chunk_new (16 * 1024);
  outcomes->request_id = g_strdup (attest_partner_request_get_request_id (flight->request));
  outcomes->correlation_id =
    g_strdup (attest_partner_request_get_correlation_id (flight->request));
  outcomes->submitted_at = g_get_real_time () / G_USEC_PER_SEC;

  return outcomes;
}

static void
outcomes_add (Outcomes           *outcomes,
              guint               index,
              const char         *customer_id,
              AttestRecordStatus  status,
              const char         *message)
{
  g_array_append_val (outcomes->records, index);
  g_ptr_array_add (outcomes->customer_ids, g_string_chunk_insert (outcomes->strings, customer_id));
  g_array_append_val (outcomes->statuses, status);
  g_ptr_array_add (outcomes->messages,
                   g_string_chunk_insert_const (outcomes->strings, message != NULL ? message : ""));
}

gboolean
_attest_submission_run_is_stopping (AttestSubmission *self)
{
  return self->stop != NULL || g_cancellable_is_cancelled (self->stop_signal);
}

/* Stops the run: nothing new goes out, retries stop waiting. */
void
_attest_submission_stop_run (AttestSubmission *self,
                             GError           *error)
{
  if (self->stop == NULL)
    self->stop = error;
  else
    g_error_free (error);

  g_cancellable_cancel (self->stop_signal);
}

static void
stop_for_journal (AttestSubmission *self,
                  const GError     *error)
{
  _attest_submission_stop_run (self, g_error_new (ATTEST_SUBMISSION_ERROR,
                                                  ATTEST_SUBMISSION_ERROR_JOURNAL,
                                                  _("The run stopped because its journal cannot "
                                                    "be written: %s"),
                                                  error->message));
}

static void
on_outcomes_journaled (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Outcomes *outcomes = user_data;
  AttestSubmission *self = outcomes->self;
  g_autoptr(GError) error = NULL;

  if (object != NULL
      && !attest_run_journal_append_finish (ATTEST_RUN_JOURNAL (object), result, &error))
    {
      stop_for_journal (self, error);
    }
  else
    {
      const guint *records = (const guint *) outcomes->records->data;
      const AttestRecordStatus *statuses = (const AttestRecordStatus *) outcomes->statuses->data;
      guint n = outcomes->records->len;

      /* Records that share an outcome, one after another, at once; a
       * message is kept once, so the same text is the same pointer. */
      for (guint i = 0, end; i < n; i = end)
        {
          const char *message = g_ptr_array_index (outcomes->messages, i);

          for (end = i + 1;
               end < n && statuses[end] == statuses[i]
               && g_ptr_array_index (outcomes->messages, end) == message;
               end++)
            ;
          attest_record_store_set_outcomes (self->store, records + i, end - i, statuses[i],
                                            message, outcomes->request_id,
                                            outcomes->correlation_id, outcomes->submitted_at);
          for (guint j = i; j < end; j++)
            _attest_submission_count_outcome (self, statuses[j]);
        }

      attest_progress_meter_update (&self->meter, outcomes->records->len, g_get_monotonic_time ());
      g_signal_emit (self, _attest_submission_signals[SIGNAL_PROGRESS], 0);
    }

  outcomes_free (outcomes);
  _attest_submission_dispatch (self);
  _attest_submission_op_finished (self);
}

/* Journals the outcomes of @flight's records (any number, even none) and
 * that the batch was answered with @http_status, then applies them. Takes
 * @outcomes. The run does not end before they are written; new batches
 * need not wait for it. */
static void
record_outcomes (AttestSubmission *self,
                 Flight           *flight,
                 Outcomes         *outcomes,
                 guint             http_status)
{
  g_autofree char *submitted = now_iso8601 ();
  g_autofree gboolean *written = NULL;
  g_autofree char *batch_outcome = NULL;
  gint64 duration_ms;

  _attest_submission_op_started (self);

  if (self->journal == NULL)
    {
      on_outcomes_journaled (NULL, NULL, outcomes);
      return;
    }

  /* One line for each outcome the batch's records share. */
  written = g_new0 (gboolean, outcomes->records->len);
  for (guint i = 0; i < outcomes->records->len; i++)
    {
      AttestRecordStatus status = g_array_index (outcomes->statuses, AttestRecordStatus, i);
      const char *message = g_ptr_array_index (outcomes->messages, i);
      g_autoptr(GPtrArray) group = g_ptr_array_new ();
      g_autofree char *entry = NULL;

      if (written[i])
        continue;

      for (guint j = i; j < outcomes->records->len; j++)
        {
          if (written[j]
              || g_array_index (outcomes->statuses, AttestRecordStatus, j) != status
              || g_ptr_array_index (outcomes->messages, j) != message)
            continue;

          g_ptr_array_add (group, g_ptr_array_index (outcomes->customer_ids, j));
          written[j] = TRUE;
        }

      g_ptr_array_add (group, NULL);
      entry = attest_journal_entry_records (flight->number, (const char * const *) group->pdata,
                                            attest_record_status_to_string (status), message,
                                            outcomes->request_id, outcomes->correlation_id,
                                            submitted);
      attest_run_journal_append_async (self->journal, entry, NULL, NULL, NULL);
    }

  /* Entries are written in order: once this last one is synced, all are. */
  duration_ms = flight->started > 0 ? (g_get_monotonic_time () - flight->started) / 1000 : 0;
  batch_outcome = attest_journal_entry_batch_outcome (flight->number, http_status, duration_ms,
                                                      flight->attempts);
  attest_run_journal_append_async (self->journal, batch_outcome, NULL, on_outcomes_journaled,
                                   outcomes);
}

/* Building and sending flights */

/* Reads @n_fields fields of each of @records from the store, trimmed, into
 * one block of NUL-terminated strings, and returns it: the value of field
 * f of the i-th record starts at @offsets[i × @n_fields + f]. One
 * allocation for a batch, not one per field. */
static char *
read_fields (AttestSubmission        *self,
             GArray                  *records,
             const AttestRecordField *fields,
             guint                    n_fields,
             gsize                   *offsets)
{
  GString *text = g_string_sized_new (records->len * n_fields * 24);

  for (guint i = 0; i < records->len; i++)
    {
      guint index = g_array_index (records, guint, i);

      for (guint f = 0; f < n_fields; f++)
        {
          gsize start = text->len;
          gsize end;

          attest_record_store_append_field (self->store, index, fields[f], text);
          end = text->len;
          while (end > start && g_ascii_isspace (text->str[end - 1]))
            end--;
          while (start < end && g_ascii_isspace (text->str[start]))
            start++;
          g_string_truncate (text, end);
          g_string_append_c (text, '\0');
          offsets[i * n_fields + f] = start;
        }
    }

  return g_string_free (text, FALSE);
}

static const AttestRecordField sent_fields[] = {
  ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID,
  ATTEST_RECORD_FIELD_FIRST_NAME,
  ATTEST_RECORD_FIELD_LAST_NAME,
  ATTEST_RECORD_FIELD_EMAIL,
  ATTEST_RECORD_FIELD_PHONE_NUMBER,
};

Flight *
_attest_submission_flight_new (AttestSubmission *self,
                               AttestBatch      *batch)
{
  Flight *flight = g_new0 (Flight, 1);
  guint n = batch->records->len;
  guint n_fields = G_N_ELEMENTS (sent_fields);
  g_autofree gsize *offsets = g_new (gsize, (gsize) n * n_fields);
  g_autofree AttestPartnerContact *contacts = g_new0 (AttestPartnerContact, n);

  flight->self = g_object_ref (self);
  flight->number = batch->number;
  flight->records = g_array_ref (batch->records);

  /* The records as sent, their fields trimmed, borrowed from one block. */
  flight->fields = read_fields (self, batch->records, sent_fields, n_fields, offsets);
  flight->customer_ids = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      const gsize *at = offsets + (gsize) i * n_fields;

      contacts[i].customer_id = flight->fields + at[0];
      contacts[i].first_name = flight->fields + at[1];
      contacts[i].last_name = flight->fields + at[2];
      contacts[i].email = flight->fields + at[3];
      contacts[i].phone_number = flight->fields + at[4];
      flight->customer_ids[i] = contacts[i].customer_id;
    }

  if (self->header->strategy == ATTEST_STRATEGY_BULK)
    flight->request = attest_partner_request_new_bulk (self->header->partner_id,
                                                       self->header->template_id,
                                                       self->date_agreed, contacts, n);
  else
    flight->request = attest_partner_request_new_agreement (self->header->template_id,
                                                            self->date_agreed, &contacts[0]);

  return flight;
}

/* The customer IDs of @flight's records, trimmed, read from the store the
 * first time they are needed (a flight from a journal being resumed has
 * none yet). */
const char * const *
_attest_submission_flight_customer_ids (Flight *flight)
{
  if (flight->customer_ids == NULL)
    {
      static const AttestRecordField id_field[] = { ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID };
      guint n = flight->records->len;
      g_autofree gsize *offsets = g_new (gsize, n);

      flight->fields = read_fields (flight->self, flight->records, id_field, 1, offsets);
      flight->customer_ids = g_new0 (const char *, n + 1);
      for (guint i = 0; i < n; i++)
        flight->customer_ids[i] = flight->fields + offsets[i];
    }

  return (const char * const *) flight->customer_ids;
}

/* A whole flight gets one outcome. */
void
_attest_submission_flight_settle (Flight             *flight,
                                  AttestRecordStatus  status,
                                  const char         *message,
                                  guint               http_status)
{
  AttestSubmission *self = flight->self;
  Outcomes *outcomes = outcomes_new (self, flight);
  const char * const *ids = _attest_submission_flight_customer_ids (flight);

  for (guint i = 0; i < flight->records->len; i++)
    outcomes_add (outcomes, g_array_index (flight->records, guint, i), ids[i], status, message);

  g_signal_emit (self, _attest_submission_signals[SIGNAL_BATCH_FINISHED], 0, flight->number,
                 flight->records->len, (g_get_monotonic_time () - flight->started) / 1000,
                 flight->attempts);
  record_outcomes (self, flight, outcomes, http_status);
}

/* The email addresses of @flight's records, trimmed as they were sent, in
 * one block: the i-th starts at @offsets[i]. Only a refusal that names
 * addresses needs them, so they are read then. */
static char *
read_emails (Flight *flight,
             gsize  *offsets)
{
  static const AttestRecordField email_field[] = { ATTEST_RECORD_FIELD_EMAIL };

  return read_fields (flight->self, flight->records, email_field, 1, offsets);
}

/* A set of the texts in @values, compared without case: customer IDs are
 * GUIDs and may come back in another case, and so may an address. */
static GHashTable *
folded_set (const char * const *values)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    g_hash_table_add (set, g_ascii_strdown (values[i], -1));

  return set;
}

static gboolean
folded_set_has (GHashTable *set,
                const char *value)
{
  g_autofree char *folded = NULL;

  if (value[0] == '\0' || g_hash_table_size (set) == 0)
    return FALSE;

  folded = g_ascii_strdown (value, -1);

  return g_hash_table_contains (set, folded);
}

/* The records a refusal names, by the customer IDs and email addresses
 * Partner Center gave (attest_partner_error_get_customer_ids() and
 * _get_emails()), each equal to the record's as sent, never a part of it:
 * they get @status, each with its own reason of the refusal, and the
 * others go back to be sent again. */
static gboolean
split_named (Flight             *flight,
             const GError       *error,
             AttestRecordStatus  status,
             Outcomes           *named,
             GArray             *rest)
{
  const char * const *named_ids = attest_partner_error_get_customer_ids (error);
  const char * const *named_emails = attest_partner_error_get_emails (error);
  const char * const *ids = _attest_submission_flight_customer_ids (flight);
  g_autoptr(GHashTable) refused_ids = NULL;
  g_autoptr(GHashTable) refused_emails = NULL;
  g_autofree gsize *email_offsets = NULL;
  g_autofree char *emails = NULL;
  gboolean any = FALSE;

  if (named_ids == NULL && named_emails == NULL)
    return FALSE;

  refused_ids = folded_set (named_ids);
  refused_emails = folded_set (named_emails);
  if (named_emails != NULL)
    {
      email_offsets = g_new (gsize, flight->records->len);
      emails = read_emails (flight, email_offsets);
    }

  for (guint i = 0; i < flight->records->len; i++)
    {
      guint index = g_array_index (flight->records, guint, i);

      const char *email = emails != NULL ? emails + email_offsets[i] : NULL;

      if (folded_set_has (refused_ids, ids[i])
          || (email != NULL && folded_set_has (refused_emails, email)))
        {
          outcomes_add (named, index, ids[i], status,
                        attest_partner_error_get_record_message (error, ids[i], email));
          any = TRUE;
        }
      else
        g_array_append_val (rest, index);
    }

  return any;
}

/* Whether @error is a refusal of the kind that, as the first answer of a
 * run, means the classic attestation is refused (SPEC §13): a 4xx other
 * than 401, 403, 408 and 429, which keep their meaning (§5, §6). Whatever
 * its service code: Microsoft has not published the one it answers. */
static gboolean
is_plain_refusal (const GError *error)
{
  guint status = attest_partner_error_get_http_status (error);

  return status >= 400 && status < 500
         && status != 401 && status != 403 && status != 408 && status != 429;
}

/* Partner Center refused the classic attestation itself: nothing more goes
 * out, and @flight's records stay pending, as do all those not sent. */
static void
flight_retired (Flight       *flight,
                const GError *error)
{
  AttestSubmission *self = flight->self;

  if (!_attest_submission_run_is_retired (self))
    {
      g_info ("Batch %u refused without naming a record before any batch was taken: the "
              "classic attestation is refused, nothing more goes out", flight->number);
      _attest_submission_stop_run (self, _attest_submission_error_new_retired (error));
    }

  record_outcomes (self, flight, outcomes_new (self, flight),
                   attest_partner_error_get_http_status (error));
}

/* Partner Center refused the batch: the records it names are rejected (or,
 * for 600061, were attested already, which is a success); the others go out
 * again in a new batch. When it names none, the batch is split in halves,
 * down to the single record at fault; but when no batch of the run was
 * taken yet, the classic attestation itself is refused. */
static void
flight_refused (Flight       *flight,
                const GError *error)
{
  AttestSubmission *self = flight->self;
  gboolean already = g_strcmp0 (attest_partner_error_get_service_code (error),
                                ATTEST_PARTNER_SERVICE_CODE_ALREADY_ATTESTED) == 0;
  AttestRecordStatus status = already ? ATTEST_RECORD_STATUS_ALREADY_ATTESTED
                                      : ATTEST_RECORD_STATUS_REJECTED;
  const char *message = attest_partner_error_get_service_message (error);
  guint http_status = attest_partner_error_get_http_status (error);
  AttestBatch batch = { flight->number, flight->records };
  g_autoptr(GArray) rest = g_array_new (FALSE, FALSE, sizeof (guint));
  Outcomes *named;

  if (message == NULL || message[0] == '\0')
    message = error->message;

  named = outcomes_new (self, flight);
  if (split_named (flight, error, status, named, rest))
    {
      /* Partner Center judged the records: it serves the classic attestation. */
      self->classic_served = TRUE;
      attest_batch_plan_requeue (self->plan, (const guint *) rest->data, rest->len);
      g_signal_emit (self, _attest_submission_signals[SIGNAL_BATCH_FINISHED], 0, flight->number,
                     flight->records->len, (g_get_monotonic_time () - flight->started) / 1000,
                     flight->attempts);
      record_outcomes (self, flight, named, http_status);
      return;
    }
  outcomes_free (named);

  if (already)
    self->classic_served = TRUE;
  else if (is_plain_refusal (error)
           && (!self->classic_served || _attest_submission_run_is_retired (self)))
    {
      flight_retired (flight, error);
      return;
    }

  if (flight->records->len == 1)
    {
      _attest_submission_flight_settle (flight, status, message, http_status);
      return;
    }

  g_debug ("Batch %u refused without naming records; splitting it", flight->number);
  attest_batch_plan_split (self->plan, &batch);
  record_outcomes (self, flight, outcomes_new (self, flight), http_status);
}

static gboolean
settle_answered (gpointer user_data)
{
  AttestSubmission *self = user_data;
  Flight *flight;

  self->settle_id = 0;
  while ((flight = g_queue_pop_head (&self->answered)) != NULL)
    {
      _attest_submission_flight_settle (flight, ATTEST_RECORD_STATUS_ATTESTED, NULL, 200);
      _attest_submission_flight_free (flight);
    }
  _attest_submission_op_finished (self);

  return G_SOURCE_REMOVE;
}

/* Applies the outcome of @flight's batch to its records. */
static void
on_batch_sent (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Flight *flight = user_data;
  AttestSubmission *self = flight->self;
  g_autoptr(AttestBatchOutcome) outcome = attest_batch_send_finish (result);
  const GError *error = outcome->error;
  guint http_status = MAX (attest_partner_error_get_http_status (error), 1);

  flight->attempts = outcome->attempts;
  switch (outcome->result)
    {
    case ATTEST_BATCH_ACCEPTED:
      /* The next batch goes out first: the bookkeeping can wait, the
       * free slot should not. */
      self->classic_served = TRUE;
      self->in_flight--;
      g_queue_push_tail (&self->answered, flight);
      _attest_submission_dispatch (self);
      if (self->settle_id == 0)
        {
          self->settle_id = g_idle_add_full (ATTEST_RUN_PRIORITY, settle_answered,
                                             self, NULL);
          g_source_set_name_by_id (self->settle_id, "[attest] record outcomes");
          _attest_submission_op_started (self);
        }
      _attest_submission_op_finished (self);
      return;

    case ATTEST_BATCH_REFUSED:
      flight_refused (flight, error);
      break;

    case ATTEST_BATCH_SIGN_IN:
      /* Nothing was done; the records wait for a resume. */
      _attest_submission_stop_run (self, _attest_submission_error_new_stopped (error));
      record_outcomes (self, flight, outcomes_new (self, flight), http_status);
      break;

    case ATTEST_BATCH_NO_ANSWER:
      /* They may have been attested: a resume asks Partner Center. */
      self->unknown += flight->records->len;
      break;

    case ATTEST_BATCH_STOPPED:
      record_outcomes (self, flight, outcomes_new (self, flight), http_status);
      break;

    case ATTEST_BATCH_FAILED:
    default:
      _attest_submission_flight_settle (flight, ATTEST_RECORD_STATUS_FAILED, error->message,
                                        http_status);
      break;
    }

  self->in_flight--;
  _attest_submission_flight_free (flight);
  _attest_submission_dispatch (self);
  _attest_submission_op_finished (self);
}

void
_attest_submission_flight_send (Flight *flight)
{
  AttestSubmission *self = flight->self;

  flight->started = g_get_monotonic_time ();
  attest_batch_send_async (self->client, flight->request, flight->number, self->retry_policy,
                           &self->concurrency, self->stop_signal, on_batch_sent, flight);
}

static void
on_flight_journaled (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Flight *flight = user_data;
  AttestSubmission *self = flight->self;
  g_autoptr(GError) error = NULL;

  self->journaling--;

  if (!attest_run_journal_append_finish (ATTEST_RUN_JOURNAL (object), result, &error))
    {
      /* Not sent, and the journal does not say it was: nothing to confirm later. */
      stop_for_journal (self, error);
      _attest_submission_flight_free (flight);
      _attest_submission_op_finished (self);
      return;
    }

  g_queue_push_tail (&self->ready, flight);
  _attest_submission_dispatch (self);
  _attest_submission_op_finished (self);
}

/* Journals that @flight goes out, then sends it. */
void
_attest_submission_flight_start (AttestSubmission *self,
                                 Flight           *flight)
{
  if (self->header->dry_run)
    {
      self->n_batches++;
      g_signal_emit (self, _attest_submission_signals[SIGNAL_WOULD_SEND], 0,
                     attest_partner_request_get_path (flight->request),
                     attest_partner_request_get_body (flight->request));
      _attest_submission_flight_free (flight);
      return;
    }

  self->journaling++;
  _attest_submission_op_started (self);
  attest_run_journal_append_batch_sent_async (self->journal, flight->number, flight->request,
                                              _attest_submission_flight_customer_ids (flight),
                                              NULL, on_flight_journaled, flight);
}
