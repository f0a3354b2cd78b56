/* attest-session.h: who is signed in to Partner Center, and their tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-config.h"
#include "attest-oauth-response.h"

G_BEGIN_DECLS

/* How long a browser sign-in may take before it is given up. */
#define ATTEST_SESSION_BROWSER_TIMEOUT_MS (5 * 60 * 1000)

#define ATTEST_TYPE_SESSION (attest_session_get_type ())

G_DECLARE_FINAL_TYPE (AttestSession, attest_session, ATTEST, SESSION, GObject)

AttestSession    *attest_session_new                            (const AttestConfig   *config);
void              attest_session_configure                      (AttestSession        *self,
                                                                 const char           *app_id,
                                                                 const char           *user,
                                                                 const char           *tenant);
const char       *attest_session_get_app_id                     (AttestSession        *self);
const char       *attest_session_get_configured_user            (AttestSession        *self);
const char       *attest_session_get_configured_tenant          (AttestSession        *self);
void              attest_session_set_browser_timeout            (AttestSession        *self,
                                                                 guint                 timeout_ms);
gboolean          attest_session_check_settings                 (AttestSession        *self,
                                                                 GError              **error);

gboolean          attest_session_is_signed_in                   (AttestSession        *self);
const char       *attest_session_get_user                       (AttestSession        *self);
const char       *attest_session_get_tenant_id                  (AttestSession        *self);
gint64            attest_session_get_expires_at                 (AttestSession        *self);

void              attest_session_sign_in_with_browser_async     (AttestSession        *self,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
void              attest_session_request_device_code_async      (AttestSession        *self,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
AttestDeviceCode *attest_session_request_device_code_finish     (AttestSession        *self,
                                                                 GAsyncResult         *result,
                                                                 GError              **error);
void              attest_session_sign_in_with_device_code_async (AttestSession        *self,
                                                                 const AttestDeviceCode *code,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
void              attest_session_sign_in_silently_async         (AttestSession        *self,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
gboolean          attest_session_sign_in_finish                 (AttestSession        *self,
                                                                 GAsyncResult         *result,
                                                                 GError              **error);
void              attest_session_sign_out_async                 (AttestSession        *self,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
gboolean          attest_session_sign_out_finish                (AttestSession        *self,
                                                                 GAsyncResult         *result,
                                                                 GError              **error);

G_END_DECLS
