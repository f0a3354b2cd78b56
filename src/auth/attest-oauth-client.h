/* attest-oauth-client.h: the OAuth 2.0 requests a public client makes to
 * Microsoft Entra ID
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-oauth-response.h"

G_BEGIN_DECLS

/* Partner Center's own permissions (.default), a refresh token, and the
 * id_token that names the user. */
#define ATTEST_OAUTH_SCOPES \
  "https://api.partnercenter.microsoft.com/.default offline_access openid profile"

/* What an application asks for on its own (AppOnly): Partner Center's
 * permissions granted to the web app, and nothing else. */
#define ATTEST_OAUTH_APP_SCOPE "https://api.partnercenter.microsoft.com/.default"

#define ATTEST_TYPE_OAUTH_CLIENT (attest_oauth_client_get_type ())

G_DECLARE_FINAL_TYPE (AttestOAuthClient, attest_oauth_client, ATTEST, OAUTH_CLIENT, GObject)

AttestOAuthClient *attest_oauth_client_new                 (const char        *authority,
                                                            const char        *tenant,
                                                            const char        *client_id);
char              *attest_oauth_client_build_authorize_uri (AttestOAuthClient *self,
                                                            const char        *redirect_uri,
                                                            const char        *state,
                                                            const char        *code_challenge,
                                                            const char        *login_hint);

void attest_oauth_client_redeem_code_async      (AttestOAuthClient   *self,
                                                 const char          *code,
                                                 const char          *redirect_uri,
                                                 const char          *code_verifier,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
void attest_oauth_client_refresh_async          (AttestOAuthClient   *self,
                                                 const char          *refresh_token,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
void attest_oauth_client_poll_device_code_async (AttestOAuthClient   *self,
                                                 const char          *device_code,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
void attest_oauth_client_request_app_token_async (AttestOAuthClient   *self,
                                                  const char          *client_secret,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);

/* Finishes any of the four calls above. */
AttestTokenResponse *attest_oauth_client_get_token_finish (AttestOAuthClient  *self,
                                                           GAsyncResult       *result,
                                                           GError            **error);

void              attest_oauth_client_request_device_code_async  (AttestOAuthClient    *self,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
AttestDeviceCode *attest_oauth_client_request_device_code_finish (AttestOAuthClient    *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);

G_END_DECLS
