/* attest-mfa.h: why a sign-in without multi-factor authentication is refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *attest_mfa_explanation (void);

G_END_DECLS
