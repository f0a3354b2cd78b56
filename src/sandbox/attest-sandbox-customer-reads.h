/* attest-sandbox-customer-reads.h: the documented reads of a partner's customers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "attest-sandbox-customers.h"
#include "attest-sandbox-mca.h"

G_BEGIN_DECLS

typedef struct _AttestSandboxCustomerReads AttestSandboxCustomerReads;

AttestSandboxCustomerReads *
     attest_sandbox_customer_reads_new          (AttestSandboxCustomers     *customers,
                                                 AttestSandboxMca           *mca);
void attest_sandbox_customer_reads_free         (AttestSandboxCustomerReads *self);
void attest_sandbox_customer_reads_forget_pages (AttestSandboxCustomerReads *self);

void attest_sandbox_customer_reads_list         (AttestSandboxCustomerReads *self,
                                                 SoupServerMessage          *msg,
                                                 GHashTable                 *query,
                                                 guint                       page_size);
void attest_sandbox_customer_reads_agreements   (AttestSandboxCustomerReads *self,
                                                 SoupServerMessage          *msg,
                                                 const char                 *customer_id,
                                                 GHashTable                 *query,
                                                 const char                 *template_id);
void attest_sandbox_customer_reads_direct_signed (AttestSandboxCustomerReads *self,
                                                  SoupServerMessage          *msg,
                                                  const char                 *customer_id);
void attest_sandbox_customer_reads_billing_profile (AttestSandboxCustomerReads *self,
                                                    SoupServerMessage          *msg,
                                                    const char                 *customer_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSandboxCustomerReads, attest_sandbox_customer_reads_free)

G_END_DECLS
