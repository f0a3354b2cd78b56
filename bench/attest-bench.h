/* attest-bench.h: what the benchmarks share: `attest sandbox` in a process
 * of its own, the connection signed in as its partner, and the CPU time
 * this process used
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-connection.h"

G_BEGIN_DECLS

GSubprocess         *attest_bench_start_sandbox (const char * const  *argv,
                                                 char               **out_uri);
AttestPartnerClient *attest_bench_sign_in       (AttestConnection    *connection,
                                                 const char          *uri);
double               attest_bench_cpu_seconds   (void);

G_END_DECLS
