/* attest-sandbox-entra.h: the Entra ID endpoints of the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "attest-sandbox.h"
#include "attest-sandbox-app-only.h"
#include "attest-sandbox-device-code.h"
#include "attest-sandbox-tenant.h"

G_BEGIN_DECLS

typedef struct _AttestSandboxEntra AttestSandboxEntra;

AttestSandboxEntra *attest_sandbox_entra_new          (AttestSandboxTenant      *tenant,
                                                       AttestSandboxAppOnly     *app_only);
void                attest_sandbox_entra_free         (AttestSandboxEntra       *self);

void                attest_sandbox_entra_set_uri      (AttestSandboxEntra       *self,
                                                       const char               *uri);
void                attest_sandbox_entra_set_auto_approve (AttestSandboxEntra   *self,
                                                       gboolean                  auto_approve);
void                attest_sandbox_entra_set_faults   (AttestSandboxEntra       *self,
                                                       AttestSandboxEntraFaults  faults);
void                attest_sandbox_entra_set_token_lifetime (AttestSandboxEntra *self,
                                                       guint                     seconds);
guint               attest_sandbox_entra_get_token_lifetime (AttestSandboxEntra *self);
AttestSandboxDeviceCodes *
                    attest_sandbox_entra_get_device_codes (AttestSandboxEntra   *self);

gboolean            attest_sandbox_entra_handle       (AttestSandboxEntra       *self,
                                                       SoupServerMessage        *msg,
                                                       const char               *path,
                                                       GHashTable               *query);

void                attest_sandbox_entra_respond_error (SoupServerMessage       *msg,
                                                        guint                    status,
                                                        const char              *error,
                                                        guint                    aadsts,
                                                        const char              *suberror,
                                                        const char              *description);
void                attest_sandbox_entra_respond_missing (SoupServerMessage     *msg,
                                                          const char            *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSandboxEntra, attest_sandbox_entra_free)

G_END_DECLS
