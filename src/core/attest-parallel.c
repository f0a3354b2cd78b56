/* attest-parallel.c: the one way core splits work over threads
 *
 * Two jobs of an import are worth two threads on a million records:
 * reading the halves of the file and indexing the customer IDs. Both cut
 * their work in two and run one half here and the other beside it, so
 * that one helper serves both and the rest of core stays single-threaded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-parallel"

#include "config.h"

#include "attest-parallel.h"

typedef struct
{
  AttestHalfFunc func;
  gpointer       half;
} Job;

static gpointer
run_job (gpointer data)
{
  Job *job = data;

  job->func (job->half);

  return NULL;
}

/* Whether @amount of work is large enough for a second thread to pay for
 * starting it, on a machine that has a second processor. */
gboolean
attest_parallel_worth_it (gsize amount,
                          gsize threshold)
{
  return amount >= threshold && g_get_num_processors () > 1;
}

/* Runs @func on @first on this thread and, unless @second is NULL, on
 * @second on a thread of its own; returns when both are done. */
void
attest_run_in_two_halves (AttestHalfFunc func,
                          gpointer       first,
                          gpointer       second)
{
  Job job = { func, second };
  GThread *thread = NULL;

  g_return_if_fail (func != NULL);

  if (second != NULL)
    thread = g_thread_new ("attest-half", run_job, &job);
  func (first);
  if (thread != NULL)
    g_thread_join (thread);
}
