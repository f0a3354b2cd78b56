/* attest-token-store.h: where the refresh token lives between runs: the
 * keyring, and nowhere else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsecret/secret.h>

G_BEGIN_DECLS

const SecretSchema *attest_token_store_get_schema      (void);
GHashTable         *attest_token_store_new_attributes  (const char *authority,
                                                        const char *tenant,
                                                        const char *client_id,
                                                        const char *user);

G_END_DECLS
