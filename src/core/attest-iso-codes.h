/* attest-iso-codes.h: country codes and names, and language tags, from
 * Debian's iso-codes (SPEC §13 "Request")
 *
 * Every function here is thread-safe; each list is read once, when first
 * needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean    attest_country_code_is_valid  (const char *code);
const char *attest_country_code_get_name  (const char *code);
gboolean    attest_language_code_is_known (const char *code);
gboolean    attest_language_tag_is_valid  (const char *tag);

G_END_DECLS
