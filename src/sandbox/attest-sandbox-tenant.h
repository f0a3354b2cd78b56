/* attest-sandbox-tenant.h: the sandbox's partner tenant and its tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _AttestSandboxTenant AttestSandboxTenant;

AttestSandboxTenant *attest_sandbox_tenant_new               (GRand               *rand);
void                 attest_sandbox_tenant_free              (AttestSandboxTenant *self);

const char          *attest_sandbox_tenant_get_id            (AttestSandboxTenant *self);
const char          *attest_sandbox_tenant_get_user          (AttestSandboxTenant *self);
const char          *attest_sandbox_tenant_get_user_object_id (AttestSandboxTenant *self);
const char          *attest_sandbox_tenant_get_app_id        (AttestSandboxTenant *self);
void                 attest_sandbox_tenant_set_user_mfa      (AttestSandboxTenant *self,
                                                              gboolean             mfa);
gboolean             attest_sandbox_tenant_get_user_has_role (AttestSandboxTenant *self);
void                 attest_sandbox_tenant_set_user_has_role (AttestSandboxTenant *self,
                                                              gboolean             has_role);

char                *attest_sandbox_tenant_mint_access_token (AttestSandboxTenant *self,
                                                              const char          *client_id,
                                                              gint64               expires_in);
char                *attest_sandbox_tenant_mint_app_token    (AttestSandboxTenant *self,
                                                              const char          *tenant_id,
                                                              const char          *client_id,
                                                              const char          *object_id,
                                                              gint64               expires_in);
char                *attest_sandbox_tenant_mint_id_token     (AttestSandboxTenant *self,
                                                              const char          *client_id,
                                                              gint64               expires_in);
JsonNode            *attest_sandbox_tenant_verify_token      (AttestSandboxTenant *self,
                                                              const char          *token);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSandboxTenant, attest_sandbox_tenant_free)

G_END_DECLS
