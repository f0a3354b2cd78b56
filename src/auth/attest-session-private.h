/* attest-session-private.h: what the sign-in flows share with the session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-oauth-client.h"
#include "attest-session.h"

G_BEGIN_DECLS

AttestOAuthClient *attest_session_get_oauth_client      (AttestSession        *self);
guint              attest_session_get_browser_timeout   (AttestSession        *self);
void               attest_session_complete_sign_in      (GTask                *task,
                                                         AttestTokenResponse  *response);
gboolean           attest_browser_launch                (const char           *uri,
                                                         GError              **error);

G_END_DECLS
