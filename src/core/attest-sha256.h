/* attest-sha256.h: SHA-256 of large texts, with the processor's SHA
 * instructions when it has them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AttestSha256 AttestSha256;

AttestSha256 *attest_sha256_new             (void);
void          attest_sha256_update          (AttestSha256  *self,
                                             const guchar  *data,
                                             gsize          length);
const char   *attest_sha256_get_string      (AttestSha256  *self);
void          attest_sha256_free            (AttestSha256  *self);
char         *attest_sha256_hex_for_bytes   (GBytes        *bytes);
gboolean      attest_sha256_is_accelerated  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSha256, attest_sha256_free)

G_END_DECLS
