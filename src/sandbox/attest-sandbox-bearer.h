/* attest-sandbox-bearer.h: who a Partner Center request comes from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "attest-sandbox-tenant.h"

G_BEGIN_DECLS

/* Which token a route takes (SPEC §13, "Credentials per route"). */
typedef enum
{
  ATTEST_SANDBOX_CREDENTIAL_USER,    /* App+User: a person signed in */
  ATTEST_SANDBOX_CREDENTIAL_APP,     /* AppOnly: the client credentials grant */
  ATTEST_SANDBOX_CREDENTIAL_EITHER,
} AttestSandboxCredential;

gboolean attest_sandbox_bearer_check (AttestSandboxTenant     *tenant,
                                      SoupServerMessage       *msg,
                                      AttestSandboxCredential  needed);

G_END_DECLS
