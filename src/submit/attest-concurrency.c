/* attest-concurrency.c: how many requests may be under way (SPEC §6)
 *
 * Additive increase, multiplicative decrease: a 429 halves the limit at
 * once; the limit creeps back up by one after as many successful answers
 * as the limit itself, so that recovery takes about one round of requests
 * per step and a throttled partner is not hammered straight away again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-concurrency"

#include "config.h"

#include "attest-concurrency.h"

void
attest_concurrency_init (AttestConcurrency *self,
                         guint              maximum)
{
  g_return_if_fail (self != NULL);

  self->maximum = MAX (maximum, 1);
  self->limit = self->maximum;
  self->successes = 0;
}

void
attest_concurrency_throttled (AttestConcurrency *self)
{
  g_return_if_fail (self != NULL);

  self->limit = MAX (self->limit / 2, 1);
  self->successes = 0;
  g_debug ("Throttled: at most %u requests at once now", self->limit);
}

void
attest_concurrency_succeeded (AttestConcurrency *self)
{
  g_return_if_fail (self != NULL);

  if (self->limit >= self->maximum)
    return;

  if (++self->successes >= self->limit)
    {
      self->limit++;
      self->successes = 0;
      g_debug ("Recovering: at most %u requests at once now", self->limit);
    }
}

/* A throttled request waits @delay_ms (at least what Partner Center asked)
 * before it goes again: whoever follows the run hears of it. */
void
attest_concurrency_waiting (AttestConcurrency *self,
                            guint              delay_ms)
{
  g_return_if_fail (self != NULL);

  if (self->on_wait != NULL)
    self->on_wait (delay_ms, self->on_wait_data);
}
