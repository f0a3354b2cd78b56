/* attest-test-sign-in.h: a sandbox to sign in to, and sign-ins run to their
 * end, for the tests of sign-in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-connection.h"
#include "attest-sandbox.h"
#include "attest-session.h"
#include "attest-test-utils.h"
#include "attest-token-provider.h"

G_BEGIN_DECLS

AttestSandbox *attest_test_start_sandbox            (void);
AttestConfig  *attest_test_new_sandbox_config       (AttestSandbox  *sandbox);
GAsyncResult  *attest_test_wait_for_result          (GAsyncResult  **slot);
gboolean       attest_test_sign_in_with_browser     (AttestSession  *session,
                                                     GError        **error);
gboolean       attest_test_sign_in_silently         (AttestSession  *session,
                                                     GError        **error);
gboolean       attest_test_sign_in_with_device_code (AttestSession           *session,
                                                     const AttestDeviceCode  *code,
                                                     GCancellable            *cancellable,
                                                     GError                 **error);
char          *attest_test_get_token                (AttestSession          *session,
                                                     AttestTokenFlags        flags,
                                                     GError                **error);
void           attest_test_sign_out                 (AttestSession  *session);
char          *attest_test_lookup_refresh_token     (AttestSandbox  *sandbox);
char          *attest_test_lookup_app_secret        (AttestSandbox  *sandbox,
                                                     const char     *application_id);
guint          attest_test_count_requests           (AttestSandbox  *sandbox,
                                                     const char     *method,
                                                     const char     *path_suffix);

gboolean       attest_test_add_app_credential       (AttestConnection  *connection,
                                                     const char        *application_id,
                                                     const char        *secret,
                                                     GError           **error);
void           attest_test_load_app_credential      (AttestConnection  *connection);
gboolean       attest_test_remove_app_credential    (AttestConnection  *connection);

G_END_DECLS
