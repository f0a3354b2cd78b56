/* attest-run-copy.h: the private copy of the records a run sends (SPEC §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *attest_run_copy_dup_path     (const char           *journal_path);
char     *attest_run_copy_checksum     (GBytes               *contents);
void      attest_run_copy_write_async  (const char           *directory,
                                        const char           *run_id,
                                        GBytes               *contents,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
char     *attest_run_copy_write_finish (GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
