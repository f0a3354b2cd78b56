/* attest-mfa.c: why a sign-in without multi-factor authentication is refused
 *
 * The sign-in finds out when the token it gets lacks the claim, Partner
 * Center when it refuses a call; both say it in the same words, so the
 * words live below both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mfa"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-mfa.h"

/* What happened, and what to do about it. */
const char *
attest_mfa_explanation (void)
{
  return _("Partner Center requires multi-factor authentication, and this sign-in did not use "
           "it. Sign in again and complete the multi-factor prompt; if none appears, ask your "
           "administrator to require multi-factor authentication for your account.");
}
