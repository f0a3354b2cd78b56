/* attest-csv-rows.h: CSV files that are not customer lists, such as the
 * links file of Microsoft's current flow: each row as its cells of text,
 * read as tolerantly as a customer list is (SPEC §4.2) and written the way
 * Attest writes one (SPEC §4.1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One row: its cells, however many it has. */
typedef struct
{
  guint     line;           /* the line it starts on */
  GStrv     cells;
  guint     n_cells;
  gboolean  unclosed;       /* a quote on it is never closed: it ran to the end */
  gboolean  invalid_bytes;  /* it held bytes that are not UTF-8, now U+FFFD */
} AttestCsvRow;

typedef struct
{
  GStrv      header;        /* the column names, as written */
  guint      n_columns;
  char       delimiter;
  GPtrArray *rows;          /* AttestCsvRow, blank lines left out */
} AttestCsvRows;

AttestCsvRows *attest_csv_rows_parse       (GBytes              *bytes,
                                            const char * const  *known_columns);
void           attest_csv_rows_free        (AttestCsvRows       *rows);
int            attest_csv_rows_find_column (const AttestCsvRows *rows,
                                            const char          *name);
gboolean       attest_csv_column_matches   (const char          *header,
                                            const char          *name);
void           attest_csv_append_row       (GString             *out,
                                            const char * const  *cells,
                                            guint                n_cells);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestCsvRows, attest_csv_rows_free)

G_END_DECLS
