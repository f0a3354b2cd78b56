/* attest-sandbox-faults.h: the faults the sandbox's Partner Center suffers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "attest-sandbox.h"

G_BEGIN_DECLS

typedef struct _AttestSandboxFaultPlan AttestSandboxFaultPlan;

AttestSandboxFaultPlan *
         attest_sandbox_fault_plan_new         (guint32                     seed);
void     attest_sandbox_fault_plan_free        (AttestSandboxFaultPlan     *self);
void     attest_sandbox_fault_plan_set_faults  (AttestSandboxFaultPlan     *self,
                                                const AttestSandboxFaults  *faults);
void     attest_sandbox_fault_plan_queue       (AttestSandboxFaultPlan     *self,
                                                AttestSandboxFault          fault,
                                                guint                       retry_after);
gboolean attest_sandbox_fault_plan_apply       (AttestSandboxFaultPlan     *self,
                                                SoupServerMessage          *msg,
                                                gboolean                   *dropped);
gboolean attest_sandbox_fault_plan_take_drop_after_answer (AttestSandboxFaultPlan *self);
gint64   attest_sandbox_fault_plan_draw_latency (AttestSandboxFaultPlan    *self,
                                                gboolean                   read);

void     attest_sandbox_drop_connection        (SoupServerMessage          *msg);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSandboxFaultPlan, attest_sandbox_fault_plan_free)

G_END_DECLS
