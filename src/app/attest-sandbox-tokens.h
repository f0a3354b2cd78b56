/* attest-sandbox-tokens.h: the tokens of the sandbox's partner, for
 * `--sandbox`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-sandbox.h"
#include "attest-token-provider.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_SANDBOX_TOKENS (attest_sandbox_tokens_get_type ())

G_DECLARE_FINAL_TYPE (AttestSandboxTokens, attest_sandbox_tokens, ATTEST, SANDBOX_TOKENS, GObject)

AttestTokenProvider *attest_sandbox_tokens_new (AttestSandbox *sandbox);

G_END_DECLS
