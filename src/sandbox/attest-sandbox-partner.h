/* attest-sandbox-partner.h: the Partner Center endpoints of the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "attest-sandbox-attestations.h"
#include "attest-sandbox-customers.h"
#include "attest-sandbox-mca.h"
#include "attest-sandbox-tenant.h"

G_BEGIN_DECLS

typedef struct _AttestSandboxPartner AttestSandboxPartner;

AttestSandboxPartner *
            attest_sandbox_partner_new             (AttestSandboxTenant       *tenant,
                                                    AttestSandboxCustomers    *customers,
                                                    AttestSandboxMca          *mca,
                                                    AttestSandboxAttestations *attestations,
                                                    GRand                     *rand);
void        attest_sandbox_partner_free            (AttestSandboxPartner      *self);
const char *attest_sandbox_partner_get_template_id (AttestSandboxPartner      *self);
void        attest_sandbox_partner_set_template_id (AttestSandboxPartner      *self,
                                                    const char                *template_id);
void        attest_sandbox_partner_set_page_size   (AttestSandboxPartner      *self,
                                                    guint                      page_size);
void        attest_sandbox_partner_forget_pages    (AttestSandboxPartner      *self);
void        attest_sandbox_partner_set_records_list_served (AttestSandboxPartner *self,
                                                    gboolean                   served);
void        attest_sandbox_partner_set_classic     (AttestSandboxPartner      *self,
                                                    gboolean                   classic);
gboolean    attest_sandbox_partner_get_classic     (AttestSandboxPartner      *self);
gboolean    attest_sandbox_partner_handle          (AttestSandboxPartner      *self,
                                                    SoupServerMessage         *msg,
                                                    const char                *path,
                                                    GHashTable                *query);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSandboxPartner, attest_sandbox_partner_free)

G_END_DECLS
