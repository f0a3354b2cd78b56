/* attest-durable.h: writing files that must survive a crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean attest_durable_write_all      (int         fd,
                                        const char *data,
                                        gsize       length,
                                        int        *out_errno);
void     attest_durable_sync_directory (const char *directory);

G_END_DECLS
