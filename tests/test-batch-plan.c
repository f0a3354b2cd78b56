/* test-batch-plan.c: batching and adaptive concurrency (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-batch-plan.h"
#include "attest-concurrency.h"
#include "attest-test-init.h"

static guint *
sequence (guint n)
{
  guint *records = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    records[i] = i * 3;   /* record indices need not be contiguous */

  return records;
}

static void
test_batches_of_exactly_min_size_remaining (void)
{
  const guint sizes[] = { 1, 7, 499, 500 };
  const guint counts[] = { 0, 1, 499, 500, 501, 1000, 1234 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
      {
        g_autofree guint *records = sequence (counts[c]);
        g_autoptr(AttestBatchPlan) plan = attest_batch_plan_new (records, counts[c], sizes[s]);
        g_autofree gboolean *seen = g_new0 (gboolean, counts[c]);
        guint handed = 0;
        guint expected_number = 1;
        AttestBatch *batch;

        while ((batch = attest_batch_plan_next (plan)) != NULL)
          {
            guint remaining = counts[c] - handed;

            g_assert_cmpuint (batch->number, ==, expected_number++);
            g_assert_cmpuint (batch->records->len, ==, MIN (sizes[s], remaining));
            for (guint i = 0; i < batch->records->len; i++)
              {
                guint record = g_array_index (batch->records, guint, i);

                /* In file order, each exactly once. */
                g_assert_cmpuint (record, ==, (handed + i) * 3);
                g_assert_false (seen[record / 3]);
                seen[record / 3] = TRUE;
              }
            handed += batch->records->len;
            g_assert_cmpuint (attest_batch_plan_get_remaining (plan), ==, counts[c] - handed);
            attest_batch_free (batch);
          }

        g_assert_cmpuint (handed, ==, counts[c]);
      }
}

static void
test_1234_records_make_500_500_234 (void)
{
  g_autofree guint *records = sequence (1234);
  g_autoptr(AttestBatchPlan) plan = attest_batch_plan_new (records, 1234, 500);
  g_autoptr(AttestBatch) a = attest_batch_plan_next (plan);
  g_autoptr(AttestBatch) b = attest_batch_plan_next (plan);
  g_autoptr(AttestBatch) c = attest_batch_plan_next (plan);

  g_assert_cmpuint (a->records->len, ==, 500);
  g_assert_cmpuint (b->records->len, ==, 500);
  g_assert_cmpuint (c->records->len, ==, 234);
  /* The 500th record is in the first batch, not dropped. */
  g_assert_cmpuint (g_array_index (a->records, guint, 499), ==, 499 * 3);
  g_assert_cmpuint (g_array_index (b->records, guint, 0), ==, 500 * 3);
  g_assert_null (attest_batch_plan_next (plan));
}

static void
test_split_down_to_single_records (void)
{
  const guint records[] = { 10, 11, 12, 13, 14 };
  g_autoptr(AttestBatchPlan) plan = attest_batch_plan_new (records, 5, 4);
  g_autoptr(AttestBatch) first = attest_batch_plan_next (plan);
  g_autoptr(AttestBatch) left = NULL;
  g_autoptr(AttestBatch) right = NULL;
  g_autoptr(AttestBatch) single = NULL;
  g_autoptr(AttestBatch) last = NULL;

  g_assert_cmpuint (first->records->len, ==, 4);
  g_assert_true (attest_batch_plan_split (plan, first));
  g_assert_cmpuint (attest_batch_plan_get_remaining (plan), ==, 5);

  /* The halves go out before the records not yet sent. */
  left = attest_batch_plan_next (plan);
  right = attest_batch_plan_next (plan);
  g_assert_cmpuint (left->number, ==, 2);
  g_assert_cmpuint (right->number, ==, 3);
  g_assert_cmpuint (left->records->len, ==, 2);
  g_assert_cmpuint (g_array_index (left->records, guint, 0), ==, 10);
  g_assert_cmpuint (g_array_index (right->records, guint, 1), ==, 13);

  g_assert_true (attest_batch_plan_split (plan, right));
  single = attest_batch_plan_next (plan);
  g_assert_cmpuint (single->records->len, ==, 1);
  g_assert_cmpuint (g_array_index (single->records, guint, 0), ==, 12);
  g_assert_false (attest_batch_plan_split (plan, single));
  attest_batch_free (attest_batch_plan_next (plan));   /* 13 */

  last = attest_batch_plan_next (plan);
  g_assert_cmpuint (last->records->len, ==, 1);
  g_assert_cmpuint (g_array_index (last->records, guint, 0), ==, 14);
  g_assert_null (attest_batch_plan_next (plan));
}

static void
test_requeue_goes_out_next (void)
{
  const guint records[] = { 1, 2, 3, 4, 5, 6, 7 };
  const guint valid_rest[] = { 1, 3 };
  g_autoptr(AttestBatchPlan) plan = attest_batch_plan_new (records, 7, 3);
  g_autoptr(AttestBatch) first = attest_batch_plan_next (plan);
  g_autoptr(AttestBatch) again = NULL;
  g_autoptr(AttestBatch) then = NULL;
  g_autoptr(AttestBatch) last = NULL;

  /* Record 2 was named as bad; 1 and 3 go out again, ahead of 4… */
  attest_batch_plan_requeue (plan, valid_rest, 2);
  g_assert_cmpuint (attest_batch_plan_get_remaining (plan), ==, 6);
  again = attest_batch_plan_next (plan);
  g_assert_cmpuint (again->records->len, ==, 3);
  g_assert_cmpuint (g_array_index (again->records, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (again->records, guint, 1), ==, 3);
  g_assert_cmpuint (g_array_index (again->records, guint, 2), ==, 4);
  then = attest_batch_plan_next (plan);
  g_assert_cmpuint (then->records->len, ==, 3);
  g_assert_cmpuint (g_array_index (then->records, guint, 2), ==, 7);
  last = attest_batch_plan_next (plan);
  g_assert_null (last);
}

static void
test_numbers_continue_after_a_resume (void)
{
  const guint records[] = { 1, 2 };
  g_autoptr(AttestBatchPlan) plan = attest_batch_plan_new (records, 2, 1);
  g_autoptr(AttestBatch) batch = NULL;

  attest_batch_plan_reserve_numbers (plan, 41);
  batch = attest_batch_plan_next (plan);
  g_assert_cmpuint (batch->number, ==, 42);
}

static void
test_concurrency_halves_and_recovers (void)
{
  AttestConcurrency c;

  attest_concurrency_init (&c, 8);
  g_assert_cmpuint (c.limit, ==, 8);
  attest_concurrency_succeeded (&c);
  g_assert_cmpuint (c.limit, ==, 8);

  attest_concurrency_throttled (&c);
  g_assert_cmpuint (c.limit, ==, 4);
  attest_concurrency_throttled (&c);
  attest_concurrency_throttled (&c);
  attest_concurrency_throttled (&c);
  g_assert_cmpuint (c.limit, ==, 1);

  /* One step up after as many successes as the limit. */
  attest_concurrency_succeeded (&c);
  g_assert_cmpuint (c.limit, ==, 2);
  attest_concurrency_succeeded (&c);
  g_assert_cmpuint (c.limit, ==, 2);
  attest_concurrency_succeeded (&c);
  g_assert_cmpuint (c.limit, ==, 3);
  for (guint i = 0; i < 100; i++)
    attest_concurrency_succeeded (&c);
  g_assert_cmpuint (c.limit, ==, 8);

  attest_concurrency_init (&c, 0);
  g_assert_cmpuint (c.limit, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/batch-plan/exact-sizes", test_batches_of_exactly_min_size_remaining);
  g_test_add_func ("/batch-plan/1234-records", test_1234_records_make_500_500_234);
  g_test_add_func ("/batch-plan/split", test_split_down_to_single_records);
  g_test_add_func ("/batch-plan/requeue", test_requeue_goes_out_next);
  g_test_add_func ("/batch-plan/numbers-after-resume", test_numbers_continue_after_a_resume);
  g_test_add_func ("/concurrency/halves-and-recovers", test_concurrency_halves_and_recovers);

  return g_test_run ();
}
