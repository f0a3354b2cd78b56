/* attest-app-credential.h: the AppOnly credential, the partner's web app
 * and its client secret, and where it lives between runs: the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsecret/secret.h>

G_BEGIN_DECLS

typedef struct
{
  char *authority;       /* where its tokens come from, without a trailing slash */
  char *tenant_id;       /* the partner tenant, as its tokens name it (tid) */
  char *application_id;  /* the web app's Application ID, a GUID in lower case */
  char *secret;          /* the client secret: a secret, overwritten when freed */
} AttestAppCredential;

AttestAppCredential *attest_app_credential_new  (const char                *authority,
                                                 const char                *tenant_id,
                                                 const char                *application_id,
                                                 const char                *secret);
AttestAppCredential *attest_app_credential_copy (const AttestAppCredential *credential);
void                 attest_app_credential_free (AttestAppCredential       *credential);

const SecretSchema *attest_app_credential_get_schema     (void);
GHashTable         *attest_app_credential_new_attributes (const char *authority,
                                                          const char *tenant_id,
                                                          const char *application_id);

void                 attest_app_credential_store_async   (const AttestAppCredential  *credential,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
gboolean             attest_app_credential_store_finish  (GAsyncResult               *result,
                                                          GError                    **error);
void                 attest_app_credential_lookup_async  (const char                 *authority,
                                                          const char                 *tenant_id,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
AttestAppCredential *attest_app_credential_lookup_finish (GAsyncResult               *result,
                                                          GError                    **error);
void                 attest_app_credential_clear_async   (const AttestAppCredential  *credential,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
gboolean             attest_app_credential_clear_finish  (GAsyncResult               *result,
                                                          GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestAppCredential, attest_app_credential_free)

G_END_DECLS
