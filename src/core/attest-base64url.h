/* attest-base64url.h: base64url without padding (RFC 4648 §5), as JWTs and
 * PKCE use it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char   *attest_base64url_encode (const guint8 *data,
                                 gsize         length);
guint8 *attest_base64url_decode (const char   *text,
                                 gsize        *out_length);

G_END_DECLS
