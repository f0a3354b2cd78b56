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

typedef struct
{
  const char *message;
  const char *request_id;
  const char *correlation_id;
  gint64      submitted_at;
} AttestOutcome;

/* What a record counts as, for AttestRecordCounts: a set of the tallies
 * it adds to. */
enum
{
  TALLY_MARKED     = 1 << 0,
  TALLY_ACTIONABLE = 1 << 1,
  TALLY_PROBLEMS   = 1 << 2,
  TALLY_DONE       = 1 << 3,
  TALLY_FAILED     = 1 << 4,
};

static AttestRecordStatus
row_status (const AttestRow *row)
{
  if (row->flags & ATTEST_ROW_HAS_OUTCOME)
    return row->status;
  if (row->problems != 0)
    return ATTEST_RECORD_STATUS_INVALID;
  if (row->attested != ATTEST_BOOLEAN_TRUE)
    return ATTEST_RECORD_STATUS_NOT_MARKED;
  return ATTEST_RECORD_STATUS_PENDING;
}

guint
_attest_record_store_tally (const AttestRow *row)
{
  AttestRecordStatus status = row_status (row);
  guint tally = 0;

  if (row->attested == ATTEST_BOOLEAN_TRUE)
    tally |= TALLY_MARKED;
  /* Ready to send: marked and valid, and not sent yet. */
  if (status == ATTEST_RECORD_STATUS_PENDING)
    tally |= TALLY_ACTIONABLE;
  if (row->problems != 0)
    tally |= TALLY_PROBLEMS;
  if (status == ATTEST_RECORD_STATUS_ATTESTED || status == ATTEST_RECORD_STATUS_ALREADY_ATTESTED)
    tally |= TALLY_DONE;
  if (status == ATTEST_RECORD_STATUS_REJECTED || status == ATTEST_RECORD_STATUS_FAILED)
    tally |= TALLY_FAILED;

  return tally;
}

void
_attest_record_store_add_tally (AttestRecordStore *self,
                                guint              tally,
                                int                delta)
{
  AttestRecordCounts *counts = &self->counts;

  counts->marked += (tally & TALLY_MARKED) ? delta : 0;
  counts->actionable += (tally & TALLY_ACTIONABLE) ? delta : 0;
  counts->problems += (tally & TALLY_PROBLEMS) ? delta : 0;
  counts->done += (tally & TALLY_DONE) ? delta : 0;
  counts->failed += (tally & TALLY_FAILED) ? delta : 0;
}

/* Moves a record from one set of tallies to another, and says so. */
void
_attest_record_store_retally (AttestRecordStore *self,
                              guint              old_tally,
                              guint              new_tally)
{
  if (old_tally == new_tally)
    return;

  _attest_record_store_add_tally (self, old_tally, -1);
  _attest_record_store_add_tally (self, new_tally, 1);
  _attest_record_store_counts_changed (self);
}

AttestRecordStatus
attest_record_store_get_status (AttestRecordStore *self,
                                guint              index)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), ATTEST_RECORD_STATUS_INVALID);
  g_return_val_if_fail (index < self->rows->len, ATTEST_RECORD_STATUS_INVALID);

  return row_status (_attest_record_store_row (self, index));
}

/* The record's outcome; all empty when none is set. */
static const AttestOutcome *
outcome_at (AttestRecordStore *self,
            guint              index)
{
  static const AttestOutcome none = { NULL, NULL, NULL, 0 };

  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), &none);
  g_return_val_if_fail (index < self->rows->len, &none);

  if (self->outcomes == NULL ||
      !(_attest_record_store_row (self, index)->flags & ATTEST_ROW_HAS_OUTCOME))
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
      guint old_tally;

      row = _attest_record_store_row (self, indexes[i]);
      old_tally = _attest_record_store_tally (row);
      row->status = status;
      row->flags |= ATTEST_ROW_HAS_OUTCOME;

      outcome = &g_array_index (self->outcomes, AttestOutcome, indexes[i]);
      outcome->message = message;
      outcome->request_id = request_id;
      outcome->correlation_id = correlation_id;
      outcome->submitted_at = submitted_at;

      if (_attest_record_store_tally (row) != old_tally)
        {
          _attest_record_store_add_tally (self, old_tally, -1);
          _attest_record_store_add_tally (self, _attest_record_store_tally (row), 1);
        }
      _attest_record_store_record_changed (self, indexes[i]);
    }

  if (memcmp (&before, &self->counts, sizeof before) != 0)
    _attest_record_store_counts_changed (self);
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
  guint old_tally;

  g_return_if_fail (ATTEST_IS_RECORD_STORE (self));
  g_return_if_fail (index < self->rows->len);

  row = _attest_record_store_row (self, index);
  if (!(row->flags & ATTEST_ROW_HAS_OUTCOME))
    return;

  old_tally = _attest_record_store_tally (row);
  row->flags &= ~ATTEST_ROW_HAS_OUTCOME;
  memset (&g_array_index (self->outcomes, AttestOutcome, index), 0, sizeof (AttestOutcome));
  _attest_record_store_retally (self, old_tally, _attest_record_store_tally (row));
  _attest_record_store_record_changed (self, index);
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
