/* attest-pkce.h: proof key for code exchange (RFC 7636, S256) and the
 * state that ties a redirect to its request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *attest_pkce_new_verifier      (GError     **error);
char *attest_pkce_new_state         (GError     **error);
char *attest_pkce_challenge_for     (const char  *verifier);

G_END_DECLS
