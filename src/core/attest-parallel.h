/* attest-parallel.h: the one way core splits work over threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef void (*AttestHalfFunc) (gpointer half);

gboolean attest_parallel_worth_it  (gsize           amount,
                                    gsize           threshold);
void     attest_run_in_two_halves  (AttestHalfFunc  func,
                                    gpointer        first,
                                    gpointer        second);

G_END_DECLS
