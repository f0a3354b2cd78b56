/* attest-sandbox-enhanced.h: the enhanced attestation and its completion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "attest-sandbox-attestations.h"
#include "attest-sandbox-customers.h"

G_BEGIN_DECLS

typedef struct _AttestSandboxEnhanced AttestSandboxEnhanced;

AttestSandboxEnhanced *
     attest_sandbox_enhanced_new      (AttestSandboxAttestations    *attestations,
                                       AttestSandboxCustomers       *customers);
void attest_sandbox_enhanced_free     (AttestSandboxEnhanced        *self);
void attest_sandbox_enhanced_create   (AttestSandboxEnhanced        *self,
                                       SoupServerMessage            *msg,
                                       GBytes                       *body);
void attest_sandbox_enhanced_complete (AttestSandboxEnhanced        *self,
                                       SoupServerMessage            *msg,
                                       const char                   *customer_id,
                                       const AttestSandboxAgreement *agreement,
                                       const char                   *type,
                                       const char                   *template_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSandboxEnhanced, attest_sandbox_enhanced_free)

G_END_DECLS
