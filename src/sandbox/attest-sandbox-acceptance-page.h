/* attest-sandbox-acceptance-page.h: the page where a customer accepts the MCA
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "attest-sandbox-attestations.h"

G_BEGIN_DECLS

gboolean attest_sandbox_acceptance_page_handle (AttestSandboxAttestations *attestations,
                                                SoupServerMessage         *msg,
                                                const char                *path,
                                                GHashTable                *query);

G_END_DECLS
