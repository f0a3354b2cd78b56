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
    tally |= ATTEST_TALLY_MARKED;
  /* Ready to send: marked and valid, and not sent yet. */
  if (status == ATTEST_RECORD_STATUS_PENDING)
    tally |= ATTEST_TALLY_ACTIONABLE;
  if (row->problems != 0)
    tally |= ATTEST_TALLY_PROBLEMS;
  if (status == ATTEST_RECORD_STATUS_ATTESTED || status == ATTEST_RECORD_STATUS_ALREADY_ATTESTED)
    tally |= ATTEST_TALLY_DONE;
  if (status == ATTEST_RECORD_STATUS_REJECTED || status == ATTEST_RECORD_STATUS_FAILED)
    tally |= ATTEST_TALLY_FAILED;

  return tally;
}

/* Marked as attested and valid: what a submission sends (SPEC §4.3). */
gboolean
attest_record_store_is_actionable (AttestRecordStore *self,
                                   guint              index)
{
  CHECK_INDEX (self, index, FALSE);

  return attest_record_store_get_status (self, index) == ATTEST_RECORD_STATUS_PENDING;
}

/* The first actionable record at or after @from in file order, or
 * G_MAXUINT. Loop with from = found + 1 to walk them all. */
guint
attest_record_store_find_next_actionable (AttestRecordStore *self,
                                          guint              from)
{
  const AttestRow *rows;
  guint n;

  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), G_MAXUINT);

  _attest_record_store_settle (self);
  n = attest_record_store_get_n_records (self);
  if (from >= n)
    return G_MAXUINT;

  /* The rows lie one after the other. */
  rows = _attest_record_store_row (self, 0);
  for (guint i = from; i < n; i++)
    {
      if (rows[i].attested == ATTEST_BOOLEAN_TRUE && rows[i].problems == 0)
        return i;
    }

  return G_MAXUINT;
}

AttestRecordStatus
attest_record_store_get_status (AttestRecordStore *self,
                                guint              index)
{
  CHECK_INDEX (self, index, ATTEST_RECORD_STATUS_INVALID);

  return row_status (_attest_record_store_row (self, index));
}

/* The record's outcome; all empty when none is set. */
static const AttestOutcome *
outcome_at (AttestRecordStore *self,
            guint              index)
{
  static const AttestOutcome none = { NULL, NULL, NULL, 0 };

  CHECK_INDEX (self, index, &none);

  if (!(_attest_record_store_row (self, index)->flags & ATTEST_ROW_HAS_OUTCOME))
    return &none;

  return _attest_record_store_get_outcome (self, index, FALSE);
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
  AttestRecordCounts before, after;
  guint n_records;

  g_return_if_fail (ATTEST_IS_RECORD_STORE (self));
  g_return_if_fail (indexes != NULL || n == 0);
  g_return_if_fail (status <= ATTEST_RECORD_STATUS_FAILED);

  n_records = attest_record_store_get_n_records (self);
  for (guint i = 0; i < n; i++)
    g_return_if_fail (indexes[i] < n_records);
  if (n == 0)
    return;

  message = _attest_record_store_intern (self, message);
  request_id = _attest_record_store_intern (self, request_id);
  correlation_id = _attest_record_store_intern (self, correlation_id);

  attest_record_store_get_counts (self, &before);
  for (guint i = 0; i < n; i++)
    {
      AttestRow *row;
      AttestOutcome *outcome;
      guint old_tally;

      row = _attest_record_store_row (self, indexes[i]);
      old_tally = _attest_record_store_tally (row);
      row->status = status;
      row->flags |= ATTEST_ROW_HAS_OUTCOME;

      outcome = _attest_record_store_get_outcome (self, indexes[i], TRUE);
      outcome->message = message;
      outcome->request_id = request_id;
      outcome->correlation_id = correlation_id;
      outcome->submitted_at = submitted_at;

      _attest_record_store_move_tally (self, old_tally, _attest_record_store_tally (row));
      _attest_record_store_record_changed (self, indexes[i]);
    }

  attest_record_store_get_counts (self, &after);
  if (memcmp (&before, &after, sizeof before) != 0)
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
  g_return_if_fail (index < attest_record_store_get_n_records (self));

  row = _attest_record_store_row (self, index);
  if (!(row->flags & ATTEST_ROW_HAS_OUTCOME))
    return;

  old_tally = _attest_record_store_tally (row);
  row->flags &= ~ATTEST_ROW_HAS_OUTCOME;
  memset (_attest_record_store_get_outcome (self, index, FALSE), 0, sizeof (AttestOutcome));
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
