/* attest-connection.h: which Partner Center, signed in how
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-app-only-tokens.h"
#include "attest-config.h"
#include "attest-partner-client.h"
#include "attest-sandbox.h"
#include "attest-session.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_CONNECTION (attest_connection_get_type ())

G_DECLARE_FINAL_TYPE (AttestConnection, attest_connection, ATTEST, CONNECTION, GObject)

AttestConnection    *attest_connection_new                (AttestConfig      *config);
AttestConfig        *attest_connection_get_config         (AttestConnection  *self);
AttestSession       *attest_connection_get_session        (AttestConnection  *self);
void                 attest_connection_set_api_base       (AttestConnection  *self,
                                                           const char        *api_base);
void                 attest_connection_set_access_token   (AttestConnection  *self,
                                                           const char        *access_token);

gboolean             attest_connection_start_sandbox      (AttestConnection  *self,
                                                           guint              customers,
                                                           GError           **error);
void                 attest_connection_use_sandbox        (AttestConnection  *self,
                                                           AttestSandbox     *sandbox);
AttestSandbox       *attest_connection_get_sandbox        (AttestConnection  *self);
void                 attest_connection_sign_in_to_sandbox_async  (AttestConnection    *self,
                                                                  const char          *uri,
                                                                  const char          *app_id,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
gboolean             attest_connection_sign_in_to_sandbox_finish (AttestConnection    *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);

gboolean             attest_connection_needs_sign_in      (AttestConnection  *self);
AttestPartnerClient *attest_connection_new_partner_client (AttestConnection  *self,
                                                           GError           **error);

AttestAppOnlyTokens *attest_connection_get_app_only_tokens (AttestConnection *self);
char                *attest_connection_dup_app_tenant      (AttestConnection *self);

void     attest_connection_load_app_credential_async  (AttestConnection     *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean attest_connection_load_app_credential_finish (AttestConnection     *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

void     attest_connection_add_app_credential_async  (AttestConnection     *self,
                                                      const char           *application_id,
                                                      const char           *secret,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean attest_connection_add_app_credential_finish (AttestConnection     *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

void     attest_connection_remove_app_credential_async  (AttestConnection     *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean attest_connection_remove_app_credential_finish (AttestConnection     *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
