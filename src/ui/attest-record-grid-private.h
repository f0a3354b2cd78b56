/* attest-record-grid-private.h: what the grid (attest-record-grid.c) and
 * its cells (attest-record-grid-cells.c) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-record.h"
#include "attest-record-grid.h"

G_BEGIN_DECLS

typedef enum
{
  CELL_CHECK,
  CELL_TEXT,
  CELL_DATE,
  CELL_EDITABLE,
  CELL_REQUEST,   /* a request's optional column: editable, checked before it is kept */
  CELL_STATUS,
  CELL_STATE,
  CELL_PROBLEM,
  CELL_MENU,
} CellKind;

/* Which flow a column belongs to: the grid shows one flow's columns. */
typedef enum
{
  FLOW_BOTH,
  FLOW_CLASSIC,
  FLOW_CURRENT,
} ColumnFlow;

typedef struct
{
  const char       *title;       /* translatable, N_() */
  const char       *property;    /* of AttestRecord */
  CellKind          kind;
  AttestRecordSort  sort;
  int               width;       /* fixed width in pixels, or -1 */
  gboolean          expand;
  gboolean          tooltip;     /* shows the whole value, or what a button does */
  ColumnFlow        flow;
} ColumnSpec;

/* What a cell remembers while it shows an item. */
typedef struct
{
  AttestRecordGrid *grid;
  const ColumnSpec *spec;
  AttestRecord     *item;
  gulong            notify_id;
  gboolean          syncing;
} CellState;

void       _attest_record_grid_setup_cell   (GtkSignalListItemFactory *factory,
                                             GtkListItem              *list_item,
                                             const ColumnSpec         *spec);
void       _attest_record_grid_bind_cell    (GtkSignalListItemFactory *factory,
                                             GtkListItem              *list_item,
                                             gpointer                  user_data);
void       _attest_record_grid_unbind_cell  (GtkSignalListItemFactory *factory,
                                             GtkListItem              *list_item,
                                             gpointer                  user_data);
CellState *_attest_record_grid_cell_state   (GtkListItem              *list_item);

char      *_attest_record_grid_describe     (AttestRecord             *item);
void       _attest_record_grid_menu_bound   (AttestRecordGrid         *self,
                                             GtkListItem              *list_item,
                                             GtkWidget                *button,
                                             gboolean                  bound);
void       _attest_record_grid_prepare_menu (AttestRecordGrid         *self,
                                             GtkListItem              *list_item,
                                             GtkMenuButton            *button);
void       _attest_record_grid_edit_refused (AttestRecordGrid         *self,
                                             AttestRecord             *item,
                                             const char               *message);

G_END_DECLS
