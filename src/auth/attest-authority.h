/* attest-authority.h: the Entra ID endpoint that signs partners in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  attest_authority_check          (const char  *authority,
                                           GError     **error);
char     *attest_authority_dup_normalized (const char  *authority);
char     *attest_authority_build_endpoint (const char  *authority,
                                           const char  *tenant,
                                           const char  *endpoint);

G_END_DECLS
