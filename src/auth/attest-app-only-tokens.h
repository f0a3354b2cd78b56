/* attest-app-only-tokens.h: the tokens of the AppOnly credential, for the
 * Partner Center routes that take no user
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-app-credential.h"
#include "attest-token-provider.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_APP_ONLY_TOKENS (attest_app_only_tokens_get_type ())

G_DECLARE_FINAL_TYPE (AttestAppOnlyTokens, attest_app_only_tokens, ATTEST, APP_ONLY_TOKENS,
                      GObject)

AttestAppOnlyTokens *attest_app_only_tokens_new            (const char          *authority,
                                                            const char          *tenant,
                                                            const char          *application_id,
                                                            const char          *secret);
AttestAppCredential *attest_app_only_tokens_dup_credential (AttestAppOnlyTokens *self);

const char *attest_app_only_tokens_get_application_id (AttestAppOnlyTokens *self);
const char *attest_app_only_tokens_get_authority      (AttestAppOnlyTokens *self);
const char *attest_app_only_tokens_get_tenant         (AttestAppOnlyTokens *self);
const char *attest_app_only_tokens_get_tenant_id      (AttestAppOnlyTokens *self);

void        attest_app_only_tokens_set_expected_tenant_id (AttestAppOnlyTokens *self,
                                                           const char          *tenant_id);
const char *attest_app_only_tokens_get_expected_tenant_id (AttestAppOnlyTokens *self);

G_END_DECLS
