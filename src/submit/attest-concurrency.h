/* attest-concurrency.h: how many requests may be under way, adapting to
 * throttling (SPEC §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Told that a throttled request waits @delay_ms before it goes again. */
typedef void (*AttestConcurrencyWaitFunc) (guint    delay_ms,
                                           gpointer user_data);

typedef struct
{
  guint maximum;     /* what the person set */
  guint limit;       /* what is allowed now, 1 ≤ limit ≤ maximum */
  guint successes;   /* answers without throttling since the last change */
  AttestConcurrencyWaitFunc on_wait;  /* kept by attest_concurrency_init(); may be NULL */
  gpointer                  on_wait_data;
} AttestConcurrency;

void attest_concurrency_init      (AttestConcurrency *self,
                                   guint              maximum);
void attest_concurrency_throttled (AttestConcurrency *self);
void attest_concurrency_succeeded (AttestConcurrency *self);
void attest_concurrency_waiting   (AttestConcurrency *self,
                                   guint              delay_ms);

G_END_DECLS
