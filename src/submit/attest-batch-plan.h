/* attest-batch-plan.h: which records go out together (SPEC §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A batch: record indices (positions in the record store, in file order). */
typedef struct
{
  guint   number;      /* 1, 2, … in the order batches are made */
  GArray *records;     /* guint */
} AttestBatch;

typedef struct _AttestBatchPlan AttestBatchPlan;

AttestBatchPlan *attest_batch_plan_new           (const guint     *records,
                                                  guint            n_records,
                                                  guint            batch_size);
void             attest_batch_plan_free          (AttestBatchPlan *self);
AttestBatch     *attest_batch_plan_next          (AttestBatchPlan *self);
void             attest_batch_plan_requeue       (AttestBatchPlan *self,
                                                  const guint     *records,
                                                  guint            n_records);
gboolean         attest_batch_plan_split         (AttestBatchPlan *self,
                                                  AttestBatch     *batch);
guint            attest_batch_plan_get_remaining (AttestBatchPlan *self);
void             attest_batch_plan_reserve_numbers (AttestBatchPlan *self,
                                                    guint            last_used);
void             attest_batch_free               (AttestBatch     *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestBatchPlan, attest_batch_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestBatch, attest_batch_free)

G_END_DECLS
