/* attest-column-sorter.h: a column's sorter that lets the record store sort
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attest-record-types.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_COLUMN_SORTER (attest_column_sorter_get_type ())

G_DECLARE_FINAL_TYPE (AttestColumnSorter, attest_column_sorter, ATTEST, COLUMN_SORTER, GtkSorter)

GtkSorter        *attest_column_sorter_new      (AttestRecordSort  sort);
AttestRecordSort  attest_column_sorter_get_sort (AttestColumnSorter *self);
AttestRecordSort  attest_column_sorter_read_view_sorter (GtkSorter *view_sorter,
                                                         gboolean  *descending);

G_END_DECLS
