/* attest-token-store.h: where the refresh token lives between runs: the
 * keyring, and nowhere else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsecret/secret.h>

G_BEGIN_DECLS

const SecretSchema *attest_token_store_get_schema      (void);
GHashTable         *attest_token_store_new_attributes  (const char           *authority,
                                                        const char           *tenant,
                                                        const char           *client_id,
                                                        const char           *user);

void                attest_token_store_store_async     (GHashTable           *attributes,
                                                        const char           *label,
                                                        const char           *refresh_token,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean            attest_token_store_store_finish    (GAsyncResult         *result,
                                                        GError              **error);
void                attest_token_store_lookup_async    (GHashTable           *attributes,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
char               *attest_token_store_lookup_finish   (GAsyncResult         *result,
                                                        GError              **error);
void                attest_token_store_clear_async     (GHashTable           *attributes,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean            attest_token_store_clear_finish    (GAsyncResult         *result,
                                                        GError              **error);

G_END_DECLS
