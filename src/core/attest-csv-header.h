/* attest-csv-header.h: the header line of a CSV file (private to core)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-record-table.h"

G_BEGIN_DECLS

AttestCsvLayout *attest_csv_read_header (const AttestCsvText *text,
                                         GPtrArray           *problems,
                                         gsize               *body,
                                         guint32             *body_line,
                                         gboolean            *invalid);

G_END_DECLS
