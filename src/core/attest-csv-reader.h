/* attest-csv-reader.h: reading customer records from CSV, tolerantly
 * (SPEC §4.2)
 *
 * Encodings: UTF-8 with or without BOM, UTF-16 LE/BE with BOM. Delimiter
 * sniffed from the header line among `,` `;` and tab. Line ends CRLF, LF or
 * CR; RFC 4180 quoting. Headers are matched case-insensitively after trimming,
 * in any order; unknown columns are kept. Nothing here fails on content: a
 * missing column is a file problem, a bad row a row problem, an invalid byte
 * a U+FFFD and a problem on its field. Only an unreadable file is an error.
 *
 * Large files are parsed on two threads; the file is mapped, not copied.
 * The reader (attest-csv-reader.c) fills an AttestRecordTable; the
 * functions that return a store (attest-csv-load.c) give it one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-record-store.h"

G_BEGIN_DECLS

#define ATTEST_CSV_ERROR (attest_csv_error_quark ())

typedef enum
{
  ATTEST_CSV_ERROR_READ,
  ATTEST_CSV_ERROR_TOO_LARGE,
} AttestCsvError;

/* Called with the fraction of the file read so far, from the thread that
 * called attest_csv_load_file(), or on the main context for the async form. */
typedef void (*AttestCsvProgressFunc) (double   fraction,
                                       gpointer user_data);

GQuark             attest_csv_error_quark      (void);

/* A table: see attest-record-table.h, private to core. */
typedef struct _AttestRecordTable AttestRecordTable;

AttestRecordTable *attest_csv_read_table       (GBytes                *bytes);
AttestRecordTable *attest_csv_load_table       (GFile                 *file,
                                                gboolean               check,
                                                GCancellable          *cancellable,
                                                AttestCsvProgressFunc  progress,
                                                gpointer               progress_data,
                                                GError               **error);

AttestRecordStore *attest_csv_read_bytes       (GBytes                *bytes);
AttestRecordStore *attest_csv_load_file        (GFile                 *file,
                                                GCancellable          *cancellable,
                                                AttestCsvProgressFunc  progress,
                                                gpointer               progress_data,
                                                GError               **error);
void               attest_csv_load_file_async  (GFile                 *file,
                                                GCancellable          *cancellable,
                                                AttestCsvProgressFunc  progress,
                                                gpointer               progress_data,
                                                GDestroyNotify         progress_data_free,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data);
AttestRecordStore *attest_csv_load_file_finish (GAsyncResult          *result,
                                                GError               **error);

G_END_DECLS
