/* attest-file-load.h: a CSV file being read, for whichever window shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-record-store.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_FILE_LOAD (attest_file_load_get_type ())

G_DECLARE_FINAL_TYPE (AttestFileLoad, attest_file_load, ATTEST, FILE_LOAD, GObject)

AttestFileLoad    *attest_file_load_new             (GFile           *file);
GFile             *attest_file_load_get_file        (AttestFileLoad  *self);
GCancellable      *attest_file_load_get_cancellable (AttestFileLoad  *self);
double             attest_file_load_get_fraction    (AttestFileLoad  *self);
gboolean           attest_file_load_get_finished    (AttestFileLoad  *self);
AttestRecordStore *attest_file_load_get_store       (AttestFileLoad  *self,
                                                     GError         **error);

G_END_DECLS
