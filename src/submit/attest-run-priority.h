/* attest-run-priority.h: the order of a submission run's work on the main
 * loop (SPEC §6)
 *
 * A run's main loop does, from first to last:
 *
 *   1. hand the journal's queued lines to its writer thread, so that what
 *      was appended while the loop was busy goes to the disk in one write
 *      and one sync;
 *   2. send batches and read their answers, so that a batch answered while
 *      the loop is busy waits as little as can be;
 *   3. the sockets' and GIO's own work (G_PRIORITY_DEFAULT);
 *   4. record the outcomes of answered batches, once the batches that
 *      follow them are on their way;
 *   5. build the copy of the records and build and journal the next
 *      batches, a step at a time, so that an answer or a request body on
 *      its way never waits for more than one step;
 *   6. redraw (G_PRIORITY_HIGH_IDLE and later).
 *
 * Each step of the run's work is short, a few milliseconds at most, so
 * none of them makes a redraw wait for long.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#define ATTEST_RUN_PRIORITY_JOURNAL      G_PRIORITY_HIGH
#define ATTEST_RUN_PRIORITY_SEND         (G_PRIORITY_DEFAULT - 10)
#define ATTEST_RUN_PRIORITY_OUTCOMES     (G_PRIORITY_DEFAULT + 10)
#define ATTEST_RUN_PRIORITY_BOOKKEEPING  (G_PRIORITY_DEFAULT + 50)
