/* attest-first-rows.h: a list model that shows the first items of another
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATTEST_TYPE_FIRST_ROWS (attest_first_rows_get_type ())

G_DECLARE_FINAL_TYPE (AttestFirstRows, attest_first_rows, ATTEST, FIRST_ROWS, GObject)

AttestFirstRows *attest_first_rows_new       (void);
GListModel      *attest_first_rows_get_model (AttestFirstRows *self);
void             attest_first_rows_set_model (AttestFirstRows *self,
                                              GListModel      *model,
                                              guint            limit);
guint            attest_first_rows_get_limit (AttestFirstRows *self);
void             attest_first_rows_set_limit (AttestFirstRows *self,
                                              guint            limit);

G_END_DECLS
