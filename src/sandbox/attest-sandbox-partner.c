/* attest-sandbox-partner.c: the Partner Center endpoints of the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-partner"

#include "config.h"

#include "attest-sandbox-private.h"

/* Returns FALSE when @path is none of Partner Center's. */
gboolean
attest_sandbox_partner_handle (AttestSandbox     *self,
                               SoupServerMessage *msg,
                               const char        *path,
                               GHashTable        *query)
{
  return FALSE;
}
