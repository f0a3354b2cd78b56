/* attest-sandbox-sign-in.h: signed in as the partner of a sandbox in
 * another process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-token-provider.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_SANDBOX_SIGN_IN (attest_sandbox_sign_in_get_type ())

G_DECLARE_FINAL_TYPE (AttestSandboxSignIn, attest_sandbox_sign_in, ATTEST, SANDBOX_SIGN_IN,
                      GObject)

void                 attest_sandbox_sign_in_new_async  (const char           *uri,
                                                        const char           *app_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
AttestTokenProvider *attest_sandbox_sign_in_new_finish (GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
