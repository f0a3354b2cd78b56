/* attest-editable-cell.h: a grid cell whose text a person can edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ATTEST_TYPE_EDITABLE_CELL (attest_editable_cell_get_type ())

G_DECLARE_FINAL_TYPE (AttestEditableCell, attest_editable_cell, ATTEST, EDITABLE_CELL, GtkWidget)

GtkWidget   *attest_editable_cell_new           (void);
const char  *attest_editable_cell_get_text      (AttestEditableCell *self);
void         attest_editable_cell_set_text      (AttestEditableCell *self,
                                                 const char         *text);
const char  *attest_editable_cell_get_label     (AttestEditableCell *self);
void         attest_editable_cell_set_label     (AttestEditableCell *self,
                                                 const char         *label);
gboolean     attest_editable_cell_get_editing   (AttestEditableCell *self);
void         attest_editable_cell_start_editing (AttestEditableCell *self);
void         attest_editable_cell_stop_editing  (AttestEditableCell *self,
                                                 gboolean            commit);
GtkEditable *attest_editable_cell_get_editor    (AttestEditableCell *self);

G_END_DECLS
