/* attest-sandbox-app-only.h: the partner's web app and its client credentials grant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "attest-sandbox-tenant.h"

G_BEGIN_DECLS

typedef struct _AttestSandboxAppOnly AttestSandboxAppOnly;

AttestSandboxAppOnly *attest_sandbox_app_only_new           (guint32               seed,
                                                             AttestSandboxTenant  *tenant);
void                  attest_sandbox_app_only_free          (AttestSandboxAppOnly *self);

const char           *attest_sandbox_app_only_get_client_id (AttestSandboxAppOnly *self);
const char           *attest_sandbox_app_only_get_secret    (AttestSandboxAppOnly *self);
void                  attest_sandbox_app_only_expire_secret (AttestSandboxAppOnly *self);
char                 *attest_sandbox_app_only_mint_token    (AttestSandboxAppOnly *self,
                                                             const char           *tenant_id,
                                                             gint64                expires_in);
void                  attest_sandbox_app_only_grant         (AttestSandboxAppOnly *self,
                                                             SoupServerMessage    *msg,
                                                             const char           *tenant,
                                                             GHashTable           *form,
                                                             gint64                expires_in);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSandboxAppOnly, attest_sandbox_app_only_free)

G_END_DECLS
