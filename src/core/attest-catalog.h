/* attest-catalog.h: Attest's own translation of a message into a language
 * other than the one it runs in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *attest_catalog_dup_language    (const char *language_tag);
char *attest_catalog_dup_translation (const char *language_tag,
                                      const char *context,
                                      const char *message);

G_END_DECLS
