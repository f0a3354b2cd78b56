/* attest-sandbox-latency.h: holding the sandbox's answers back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _AttestSandboxLatency AttestSandboxLatency;

AttestSandboxLatency *attest_sandbox_latency_new   (SoupServer           *server);
void                  attest_sandbox_latency_free  (AttestSandboxLatency *self);
gboolean              attest_sandbox_latency_hold  (AttestSandboxLatency *self,
                                                    SoupServerMessage    *msg,
                                                    gint64                latency);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSandboxLatency, attest_sandbox_latency_free)

G_END_DECLS
