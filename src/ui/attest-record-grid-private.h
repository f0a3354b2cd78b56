/* attest-record-grid-private.h: what the grid (attest-record-grid.c), its
 * columns (attest-record-grid-columns.c), its rows' details and keys
 * (attest-record-grid-rows.c), its cells (attest-record-grid-cells.c) and
 * what they say of a record (attest-record-grid-text.c) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-first-rows.h"
#include "attest-record.h"
#include "attest-record-details.h"
#include "attest-record-grid.h"

G_BEGIN_DECLS

typedef enum
{
  CELL_CHECK,
  CELL_LINE,      /* the file's line number */
  CELL_TEXT,
  CELL_NAME,      /* the customer as a person knows it, in place of the names */
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
  guint             give_way;    /* 0: always shown; else hidden when the grid is
                                  * narrow, the highest first, those of one
                                  * rank together */
} ColumnSpec;

/* Whether a click on the column's header sorts the rows by it. */
static inline gboolean
column_spec_sorts (const ColumnSpec *spec)
{
  return spec->kind != CELL_MENU && spec->kind != CELL_NAME;
}

/* The columns of both flows, in their order (attest-record-grid-columns.c). */
#define N_GRID_COLUMNS 18
extern const ColumnSpec _attest_record_grid_columns[N_GRID_COLUMNS];

struct _AttestRecordGrid
{
  GtkWidget            parent_instance;

  AdwFlap             *flap;
  GtkScrolledWindow   *scroller;
  GtkColumnView       *column_view;
  GtkMultiSelection   *selection;
  AttestRecordDetails *details;
  AttestRecordView    *view;
  AttestFirstRows     *first_rows;    /* the view, as the selection has it */
  guint                more_rows_id;  /* the tick that shows the rest of the rows */
  gboolean             first_drawn;   /* the frame with the first rows has begun */
  GMenuModel          *row_menu;
  GHashTable          *menu_buttons;  /* GtkListItem -> GtkMenuButton, while bound */
  GtkColumnViewColumn *view_columns[N_GRID_COLUMNS];  /* shown or not */
  gboolean             current_flow;
  guint                n_items;       /* of the view, before its last change */
  GtkWidget           *focus_before;  /* where the focus was before the details, weakly */

  /* Columns that gave way to a narrow grid: the page width each needs to
   * come back, or 0 while it is shown. */
  int                  gave_way[N_GRID_COLUMNS];
  guint                give_way_idle;
  gboolean             narrow;        /* the names gave way: the customer's column
                                       * stands in for them */
};

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
void       _attest_record_grid_mark_kept    (AttestRecordGrid         *self,
                                             AttestRecord             *item,
                                             const char               *reason);

/* attest-record-grid.c */
guint      _attest_record_grid_position_of_focus (AttestRecordGrid *self);

/* attest-record-grid-rows.c */
void       _attest_record_grid_class_rows_init (GtkWidgetClass   *widget_class);
void       _attest_record_grid_rows_init       (AttestRecordGrid *self);

/* attest-record-grid-columns.c */
void       _attest_record_grid_add_columns     (AttestRecordGrid *self);
void       _attest_record_grid_show_columns    (AttestRecordGrid *self);
void       _attest_record_grid_fit_columns     (AttestRecordGrid *self);
gboolean   _attest_record_grid_column_is_shown (AttestRecordGrid *self,
                                                guint             column);
void       _attest_record_grid_columns_init    (AttestRecordGrid *self);
void       _attest_record_grid_columns_dispose (AttestRecordGrid *self);

/* attest-record-grid-text.c */
char      *_attest_record_grid_describe          (AttestRecord     *item);
char      *_attest_record_grid_dup_name          (AttestRecord     *item);
char      *_attest_record_grid_dup_status        (AttestRecord     *item,
                                                  gboolean          always_when);
char      *_attest_record_grid_dup_problem       (AttestRecord     *item,
                                                  const ColumnSpec *spec);
char      *_attest_record_grid_dup_agreement_day (AttestRecord     *item,
                                                  gboolean          in_words);
gboolean   _attest_record_grid_is_done           (AttestRecord     *item);
char      *_attest_record_grid_dup_done_reason   (AttestRecord     *item);

G_END_DECLS
