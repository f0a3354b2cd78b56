/* attest-batch-plan.c: which records go out together (SPEC §6)
 *
 * Records are handed out in file order, in batches of exactly
 * min(batch size, remaining): every record goes into exactly one batch.
 * (Microsoft's tool skips every 500th record; a test proves this does not.)
 *
 * When Partner Center refuses a whole batch, the records it named go their
 * own way and the others are requeued, to go out again in a new batch; when
 * it named none, the batch is split in halves, each half queued ahead of the
 * rest, down to single records, so that nothing valid is held back by a
 * bad neighbour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-batch-plan"

#include "config.h"

#include "attest-batch-plan.h"

struct _AttestBatchPlan
{
  GArray *pending;        /* guint record indices, not yet in a batch, in order */
  guint   position;       /* the next one in pending to hand out */
  GQueue  splits;         /* AttestBatch halves, handed out before pending */
  guint   batch_size;
  guint   next_number;
};

AttestBatchPlan *
attest_batch_plan_new (const guint *records,
                       guint        n_records,
                       guint        batch_size)
{
  AttestBatchPlan *self;

  g_return_val_if_fail (records != NULL || n_records == 0, NULL);
  g_return_val_if_fail (batch_size >= 1, NULL);

  self = g_new0 (AttestBatchPlan, 1);
  self->pending = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_records);
  g_array_append_vals (self->pending, records, n_records);
  g_queue_init (&self->splits);
  self->batch_size = batch_size;
  self->next_number = 1;

  return self;
}

void
attest_batch_free (AttestBatch *batch)
{
  if (batch == NULL)
    return;

  g_array_unref (batch->records);
  g_free (batch);
}

void
attest_batch_plan_free (AttestBatchPlan *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->pending);
  g_queue_clear_full (&self->splits, (GDestroyNotify) attest_batch_free);
  g_free (self);
}

static AttestBatch *
new_batch (AttestBatchPlan *self,
           const guint     *records,
           guint            n_records)
{
  AttestBatch *batch = g_new0 (AttestBatch, 1);

  batch->number = self->next_number++;
  batch->records = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_records);
  g_array_append_vals (batch->records, records, n_records);

  return batch;
}

/* A resumed run goes on numbering after the batches its journal holds. */
void
attest_batch_plan_reserve_numbers (AttestBatchPlan *self,
                                   guint            last_used)
{
  g_return_if_fail (self != NULL);

  self->next_number = MAX (self->next_number, last_used + 1);
}

/* Returns the next batch, or NULL when every record has been handed out. */
AttestBatch *
attest_batch_plan_next (AttestBatchPlan *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, NULL);

  if (!g_queue_is_empty (&self->splits))
    return g_queue_pop_head (&self->splits);

  n = MIN (self->batch_size, self->pending->len - self->position);
  if (n == 0)
    return NULL;

  self->position += n;
  return new_batch (self, &g_array_index (self->pending, guint, self->position - n), n);
}

/* Puts records back, ahead of those not yet handed out, to go out again in
 * a new batch (e.g. the valid rest of a batch refused for records it named). */
void
attest_batch_plan_requeue (AttestBatchPlan *self,
                           const guint     *records,
                           guint            n_records)
{
  g_return_if_fail (self != NULL);

  if (n_records == 0)
    return;

  g_array_remove_range (self->pending, 0, self->position);
  self->position = 0;
  g_array_prepend_vals (self->pending, records, n_records);
}

/* Splits a refused batch into two halves that go out next. Returns FALSE
 * when @batch holds a single record: that one is the bad record. */
gboolean
attest_batch_plan_split (AttestBatchPlan *self,
                         AttestBatch     *batch)
{
  guint half;
  const guint *records;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (batch != NULL, FALSE);

  if (batch->records->len <= 1)
    return FALSE;

  half = batch->records->len / 2;
  records = (const guint *) batch->records->data;
  g_queue_push_head (&self->splits, new_batch (self, records + half, batch->records->len - half));
  g_queue_push_head (&self->splits, new_batch (self, records, half));

  /* The halves were numbered after the second; keep them in order. */
  ((AttestBatch *) g_queue_peek_nth (&self->splits, 0))->number = self->next_number - 2;
  ((AttestBatch *) g_queue_peek_nth (&self->splits, 1))->number = self->next_number - 1;

  return TRUE;
}

guint
attest_batch_plan_get_remaining (AttestBatchPlan *self)
{
  guint remaining;

  g_return_val_if_fail (self != NULL, 0);

  remaining = self->pending->len - self->position;
  for (GList *l = self->splits.head; l != NULL; l = l->next)
    remaining += ((AttestBatch *) l->data)->records->len;

  return remaining;
}
