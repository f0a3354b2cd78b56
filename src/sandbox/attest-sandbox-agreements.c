/* attest-sandbox-agreements.c: telling request bodies apart
 *
 * A POST repeated under a request ID already answered gets the first
 * answer again only when its body is the same; the answers remember a
 * digest of each body rather than the body itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-agreements"

#include "config.h"

#include "attest-sandbox-agreements.h"

/* What tells two bodies apart, for the idempotency of a request ID. */
char *
attest_sandbox_body_digest (GBytes *body)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);
}
