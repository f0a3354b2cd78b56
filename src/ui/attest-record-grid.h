/* attest-record-grid.h: the grid of customer records (SPEC §8, §13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attest-record-details.h"
#include "attest-record-view.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_RECORD_GRID (attest_record_grid_get_type ())

G_DECLARE_FINAL_TYPE (AttestRecordGrid, attest_record_grid, ATTEST, RECORD_GRID, GtkWidget)

GtkWidget         *attest_record_grid_new                (void);
AttestRecordView  *attest_record_grid_get_view           (AttestRecordGrid  *self);
void               attest_record_grid_set_view           (AttestRecordGrid  *self,
                                                          AttestRecordView  *view);
GtkColumnView     *attest_record_grid_get_column_view    (AttestRecordGrid  *self);
gboolean           attest_record_grid_get_all_rows       (AttestRecordGrid  *self);
AttestRecordSort   attest_record_grid_get_sort           (AttestRecordGrid  *self,
                                                          gboolean          *descending);
const char        *attest_record_grid_get_sort_column    (AttestRecordGrid  *self,
                                                          gboolean          *descending);
gboolean           attest_record_grid_sort_by_column     (AttestRecordGrid  *self,
                                                          const char        *column,
                                                          gboolean           descending);
gboolean           attest_record_grid_get_current_flow   (AttestRecordGrid  *self);
void               attest_record_grid_set_current_flow   (AttestRecordGrid  *self,
                                                          gboolean           current_flow);
void               attest_record_grid_set_row_menu       (AttestRecordGrid  *self,
                                                          GMenuModel        *menu);
GArray            *attest_record_grid_dup_selected       (AttestRecordGrid  *self);
void               attest_record_grid_select             (AttestRecordGrid  *self,
                                                          const guint       *positions,
                                                          guint              n);
gboolean           attest_record_grid_popup_row_menu     (AttestRecordGrid  *self,
                                                          guint              position);
void               attest_record_grid_show_details       (AttestRecordGrid  *self,
                                                          guint              position);
void               attest_record_grid_hide_details       (AttestRecordGrid  *self);
gboolean           attest_record_grid_get_details_shown  (AttestRecordGrid  *self);
AttestRecordDetails *attest_record_grid_get_details      (AttestRecordGrid  *self);

G_END_DECLS
