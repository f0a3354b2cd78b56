/* attest-run-priority.h: the main-loop priority of a submission run's own
 * work (SPEC §6)
 *
 * Everything a run schedules itself, its sends and their answers, the
 * journal's hand-over to its writer thread, recording outcomes, building the
 * copy of the records and the next batches, goes at the priority of the
 * sockets it talks through, G_PRIORITY_DEFAULT. The order that matters comes
 * from the code, not from priorities: an answered batch's successor is sent
 * from the answer's callback, and its bookkeeping waits in an idle made after
 * that send, so it runs after it. Four priorities were measured against this
 * one with bench/submit at 20 ms, taking turns: bulk 1.157 to 1.202 times the
 * ideal against 1.171 to 1.224, per-customer 1.086 to 1.102 against 1.073 to
 * 1.077: no gain worth the rules.
 *
 * Each step of the run's work is short, a few milliseconds at most, so none
 * of them makes a redraw (G_PRIORITY_HIGH_IDLE and later) wait for long.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#define ATTEST_RUN_PRIORITY G_PRIORITY_DEFAULT
