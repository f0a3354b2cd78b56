/* attest-sandbox-body-reader.h: reading agreements out of request bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-sandbox-agreements.h"

G_BEGIN_DECLS

gboolean attest_sandbox_read_bulk_body      (GBytes                 *body,
                                             GArray                 *items,
                                             GStringChunk           *strings);
gboolean attest_sandbox_read_agreement_body (GBytes                 *body,
                                             AttestSandboxAgreement *agreement,
                                             const char            **type,
                                             GStringChunk           *strings);
gboolean attest_sandbox_read_attestation_body (GBytes                          *body,
                                               AttestSandboxAttestationDetails *details,
                                               GStringChunk                    *strings);

G_END_DECLS
