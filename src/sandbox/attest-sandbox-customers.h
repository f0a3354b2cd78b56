/* attest-sandbox-customers.h: the sandbox's seeded customers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-sandbox.h"
#include "attest-sandbox-agreements.h"

G_BEGIN_DECLS

typedef struct _AttestSandboxCustomers AttestSandboxCustomers;

AttestSandboxCustomers *
         attest_sandbox_customers_new           (guint32                       seed);
void     attest_sandbox_customers_free          (AttestSandboxCustomers       *self);
void     attest_sandbox_customers_generate      (AttestSandboxCustomers       *self,
                                                 guint                         count);
guint    attest_sandbox_customers_get_count     (AttestSandboxCustomers       *self);
const AttestSandboxCustomer *
         attest_sandbox_customers_get           (AttestSandboxCustomers       *self,
                                                 guint                         index);
const AttestSandboxCustomer *
         attest_sandbox_customers_lookup        (AttestSandboxCustomers       *self,
                                                 const char                   *customer_id);
guint    attest_sandbox_customers_count_pending (AttestSandboxCustomers       *self);
gboolean attest_sandbox_customers_attested_with (AttestSandboxCustomers       *self,
                                                 const char                   *customer_id,
                                                 const AttestSandboxAgreement *agreement);
void     attest_sandbox_customers_attest        (AttestSandboxCustomers       *self,
                                                 const char                   *customer_id,
                                                 const AttestSandboxAgreement *agreement);
gboolean attest_sandbox_customers_get_attested  (AttestSandboxCustomers       *self,
                                                 const char                   *customer_id,
                                                 AttestSandboxAgreement       *agreement);
gboolean attest_sandbox_customers_remove        (AttestSandboxCustomers       *self,
                                                 const char                   *customer_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSandboxCustomers, attest_sandbox_customers_free)

G_END_DECLS
