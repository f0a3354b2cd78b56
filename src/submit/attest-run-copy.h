/* attest-run-copy.h: the private copy of the records a run sends (SPEC §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A copy being written, piece by piece, by a thread of its own. */
typedef struct _AttestRunCopy AttestRunCopy;

AttestRunCopy *attest_run_copy_new      (const char           *directory,
                                         const char           *run_id,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
void           attest_run_copy_append   (AttestRunCopy        *self,
                                         GBytes               *piece);
void           attest_run_copy_close    (AttestRunCopy        *self);
void           attest_run_copy_abandon  (AttestRunCopy        *self);
char          *attest_run_copy_finish   (GAsyncResult         *result,
                                         GError              **error);
void           attest_run_copy_free     (AttestRunCopy        *self);

char          *attest_run_copy_dup_path (const char           *journal_path);
char          *attest_run_copy_checksum (GBytes               *contents);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestRunCopy, attest_run_copy_free)

G_END_DECLS
