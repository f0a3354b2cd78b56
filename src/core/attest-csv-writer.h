/* attest-csv-writer.h: writing records as CSV (SPEC §4.1, §6)
 *
 * Both formats are exactly what Microsoft's tool writes: UTF-8 without BOM,
 * comma, CRLF, quoting only when a field holds `"`, `,`, CR or LF or starts
 * or ends with a space, `True`/`False`, the account link computed from the
 * tenant ID. Cells a spreadsheet would take for a formula get a leading `'`,
 * which the reader removes again.
 *
 * Column order: the eight columns of the compatible format first, then the
 * columns the file had that Attest does not know, in their original order;
 * the results format adds Status, Message, RequestId, CorrelationId and
 * SubmittedAt (ISO 8601 UTC) after those. Records are written in file order,
 * whatever the view shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-record-store.h"

G_BEGIN_DECLS

typedef enum
{
  ATTEST_CSV_FORMAT_COMPATIBLE,
  ATTEST_CSV_FORMAT_RESULTS,
} AttestCsvFormat;

/* Writes a store a few records at a time, so that a main loop can serve
 * other sources between two steps; the store must not change meanwhile. */
typedef struct _AttestCsvWriter AttestCsvWriter;

AttestCsvWriter *attest_csv_writer_new            (AttestRecordStore  *store,
                                                   AttestCsvFormat     format);
gboolean         attest_csv_writer_step           (AttestCsvWriter    *self,
                                                   guint               n_records);
GBytes          *attest_csv_writer_take_bytes     (AttestCsvWriter    *self);
GBytes          *attest_csv_writer_finish_to_bytes (AttestCsvWriter   *self);
void             attest_csv_writer_free           (AttestCsvWriter    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestCsvWriter, attest_csv_writer_free)

GBytes   *attest_csv_write_bytes    (AttestRecordStore  *store,
                                     AttestCsvFormat     format);
gboolean  attest_csv_write_stream   (AttestRecordStore  *store,
                                     AttestCsvFormat     format,
                                     GOutputStream      *stream,
                                     GCancellable       *cancellable,
                                     GError            **error);
gboolean  attest_csv_save_file      (AttestRecordStore  *store,
                                     AttestCsvFormat     format,
                                     GFile              *file,
                                     GCancellable       *cancellable,
                                     GError            **error);

G_END_DECLS
