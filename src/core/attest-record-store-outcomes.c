/* attest-record-store-outcomes.c: what happened to each record when it was
 * sent (SPEC §5)
 *
 * Outcomes live in an array parallel to the records, made when the first
 * one is set; their strings (request IDs are shared by a batch of 500) are
 * kept once each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-store-outcomes"

#include "config.h"

#include <string.h>

#include "attest-record-store-private.h"

AttestRecordStatus
attest_row_status (const AttestRow *row)
{
  if (row->flags & ROW_HAS_OUTCOME)
    return row->status;
  if (row->problems != 0)
    return ATTEST_RECORD_STATUS_INVALID;
  if (row->attested != ATTEST_BOOLEAN_TRUE)
    return ATTEST_RECORD_STATUS_NOT_MARKED;
  return ATTEST_RECORD_STATUS_PENDING;
}

guint
attest_row_class (const AttestRow *row)
{
  AttestRecordStatus status = attest_row_status (row);
  guint klass = 0;

  if (row->attested == ATTEST_BOOLEAN_TRUE)
    klass |= CLASS_MARKED;
  /* Ready to send: marked and valid, and not sent yet. */
  if (status == ATTEST_RECORD_STATUS_PENDING)
    klass |= CLASS_ACTIONABLE;
  if (row->problems != 0)
    klass |= CLASS_PROBLEMS;
  if (status == ATTEST_RECORD_STATUS_ATTESTED || status == ATTEST_RECORD_STATUS_ALREADY_ATTESTED)
    klass |= CLASS_DONE;
  if (status == ATTEST_RECORD_STATUS_REJECTED || status == ATTEST_RECORD_STATUS_FAILED)
    klass |= CLASS_FAILED;

  return klass;
}

void
attest_record_counts_add (AttestRecordCounts *counts,
                          guint               klass,
                          int                 delta)
{
  counts->marked += (klass & CLASS_MARKED) ? delta : 0;
  counts->actionable += (klass & CLASS_ACTIONABLE) ? delta : 0;
  counts->problems += (klass & CLASS_PROBLEMS) ? delta : 0;
  counts->done += (klass & CLASS_DONE) ? delta : 0;
  counts->failed += (klass & CLASS_FAILED) ? delta : 0;
}

AttestRecordStatus
attest_record_store_get_status (AttestRecordStore *self,
                                guint              index)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), ATTEST_RECORD_STATUS_INVALID);
  g_return_val_if_fail (index < self->rows->len, ATTEST_RECORD_STATUS_INVALID);

  return attest_row_status (attest_record_store_row_at (self, index));
}

/* The record's outcome; all empty when none is set. */
static const AttestOutcome *
outcome_at (AttestRecordStore *self,
            guint              index)
{
  static const AttestOutcome none = { NULL, NULL, NULL, 0 };

  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), &none);
  g_return_val_if_fail (index < self->rows->len, &none);

  if (self->outcomes == NULL || !(attest_record_store_row_at (self, index)->flags & ROW_HAS_OUTCOME))
    return &none;

  return &g_array_index (self->outcomes, AttestOutcome, index);
}

/* Gives @n records the same outcome: the strings are kept once, and the
 * counts change once, however many records there are. */
void
attest_record_store_set_outcomes (AttestRecordStore  *self,
                                  const guint        *indexes,
                                  guint               n,
                                  AttestRecordStatus  status,
                                  const char         *message,
                                  const char         *request_id,
                                  const char         *correlation_id,
                                  gint64              submitted_at)
{
  AttestRecordCounts before;

  g_return_if_fail (ATTEST_IS_RECORD_STORE (self));
  g_return_if_fail (indexes != NULL || n == 0);
  g_return_if_fail (status <= ATTEST_RECORD_STATUS_FAILED);

  for (guint i = 0; i < n; i++)
    g_return_if_fail (indexes[i] < self->rows->len);
  if (n == 0)
    return;

  if (self->outcomes == NULL)
    {
      self->outcomes = g_array_sized_new (FALSE, TRUE, sizeof (AttestOutcome), self->rows->len);
      g_array_set_size (self->outcomes, self->rows->len);
      self->strings = g_string_chunk_new (4096);
    }

  message = message != NULL ? g_string_chunk_insert_const (self->strings, message) : NULL;
  request_id = request_id != NULL ? g_string_chunk_insert_const (self->strings, request_id) : NULL;
  correlation_id = correlation_id != NULL
                   ? g_string_chunk_insert_const (self->strings, correlation_id) : NULL;

  before = self->counts;
  for (guint i = 0; i < n; i++)
    {
      AttestRow *row;
      AttestOutcome *outcome;
      guint old_class;

      row = attest_record_store_row_at (self, indexes[i]);
      old_class = attest_row_class (row);
      row->status = status;
      row->flags |= ROW_HAS_OUTCOME;

      outcome = &g_array_index (self->outcomes, AttestOutcome, indexes[i]);
      outcome->message = message;
      outcome->request_id = request_id;
      outcome->correlation_id = correlation_id;
      outcome->submitted_at = submitted_at;

      if (attest_row_class (row) != old_class)
        {
          attest_record_counts_add (&self->counts, old_class, -1);
          attest_record_counts_add (&self->counts, attest_row_class (row), 1);
        }
      attest_record_store_record_changed (self, indexes[i]);
    }

  if (memcmp (&before, &self->counts, sizeof before) != 0)
    attest_record_store_counts_changed (self);
}

void
attest_record_store_set_outcome (AttestRecordStore  *self,
                                 guint               index,
                                 AttestRecordStatus  status,
                                 const char         *message,
                                 const char         *request_id,
                                 const char         *correlation_id,
                                 gint64              submitted_at)
{
  attest_record_store_set_outcomes (self, &index, 1, status, message, request_id,
                                    correlation_id, submitted_at);
}

void
attest_record_store_clear_outcome (AttestRecordStore *self,
                                   guint              index)
{
  AttestRow *row;
  guint old_class;

  g_return_if_fail (ATTEST_IS_RECORD_STORE (self));
  g_return_if_fail (index < self->rows->len);

  row = attest_record_store_row_at (self, index);
  if (!(row->flags & ROW_HAS_OUTCOME))
    return;

  old_class = attest_row_class (row);
  row->flags &= ~ROW_HAS_OUTCOME;
  memset (&g_array_index (self->outcomes, AttestOutcome, index), 0, sizeof (AttestOutcome));
  attest_record_store_reclassify (self, old_class, attest_row_class (row));
  attest_record_store_record_changed (self, index);
}

const char *
attest_record_store_get_message (AttestRecordStore *self,
                                 guint              index)
{
  return outcome_at (self, index)->message;
}

const char *
attest_record_store_get_request_id (AttestRecordStore *self,
                                    guint              index)
{
  return outcome_at (self, index)->request_id;
}

const char *
attest_record_store_get_correlation_id (AttestRecordStore *self,
                                        guint              index)
{
  return outcome_at (self, index)->correlation_id;
}

/* When the record was sent, in Unix seconds UTC; 0 when it was not. */
gint64
attest_record_store_get_submitted_at (AttestRecordStore *self,
                                      guint              index)
{
  return outcome_at (self, index)->submitted_at;
}
