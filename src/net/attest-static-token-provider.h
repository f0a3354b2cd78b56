/* attest-static-token-provider.h: a bearer token handed in from outside
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-token-provider.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_STATIC_TOKEN_PROVIDER (attest_static_token_provider_get_type ())

G_DECLARE_FINAL_TYPE (AttestStaticTokenProvider, attest_static_token_provider, ATTEST,
                      STATIC_TOKEN_PROVIDER, GObject)

AttestTokenProvider *attest_static_token_provider_new (const char *token);

G_END_DECLS
