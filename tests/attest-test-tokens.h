/* attest-test-tokens.h: a token provider for tests, minting from the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-sandbox.h"
#include "attest-token-provider.h"

G_BEGIN_DECLS

/* Like the real sign-in: it mints a new token from the sandbox when asked to
 * refresh (after a 401), and counts how often it was. */
#define ATTEST_TYPE_TEST_TOKENS (attest_test_tokens_get_type ())
G_DECLARE_FINAL_TYPE (AttestTestTokens, attest_test_tokens, ATTEST, TEST_TOKENS, GObject)

struct _AttestTestTokens
{
  GObject        parent_instance;
  AttestSandbox *sandbox;
  char          *token;
  gint64         lifetime;   /* seconds each minted token lives; 3600 unless changed */
  guint          refreshes;
};

AttestTestTokens *attest_test_tokens_new (AttestSandbox *sandbox);

G_END_DECLS
