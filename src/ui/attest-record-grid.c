/* attest-record-grid.c: the grid of customer records (SPEC §8, §13)
 *
 * A GtkColumnView straight over a record view: the view is the
 * GListModel, already sorted and filtered, and its items exist only for the
 * rows on screen, and so do the cells (attest-record-grid-cells.c). A
 * GtkInscription asks for the same size whatever its text, so laying out a
 * row measures no text.
 *
 * The grid shows the columns of one flow: Microsoft's current flow (the
 * state of each customer, its company, country and language) or the
 * classic attestation (the last agreement and the outcome of a submission);
 * the column view holds those only, in their order.
 * Rows can be selected; each has a menu (its button, a right click, or the
 * Menu key) of what can be done with the selected rows, and its details
 * (the menu's Details, a double click, Enter on the row or Alt+Enter), which
 * follow the row selected while they are open. Space marks the row with
 * the focus, or says why a done customer's mark stays.
 *
 * After a sort, a filter or a search the rows are shown from the first; a
 * newly opened file in its own order.
 *
 * A long view is shown first as the rows that fit the window, and the
 * rest of it a frame later, some rows a frame (attest-first-rows.c): GTK
 * 4.8 makes its 200 rows for the first frame otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-grid"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-column-sorter.h"
#include "attest-editable-cell.h"
#include "attest-record-grid-private.h"

#define columns _attest_record_grid_columns

/* The rows a GtkColumnView of GTK 4.8 makes, whatever it shows. */
#define GTK_ROWS 200
/* No row is lower than this: the rows that fit the window are fewer than
 * its height over it. */
#define ROW_HEIGHT_MIN 24
/* The rows made in each frame after the first, while there are more. */
#define ROWS_A_FRAME 40

G_DEFINE_FINAL_TYPE (AttestRecordGrid, attest_record_grid, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW,
  PROP_CURRENT_FLOW,
  N_PROPS
};

enum {
  EDIT_REFUSED,
  MARK_KEPT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
on_view_sorter_changed (AttestRecordGrid *self)
{
  gboolean descending = FALSE;
  AttestRecordSort sort;

  /* The column view drops its columns, and its sort, as the grid goes. */
  if (self->column_view == NULL)
    return;

  sort = attest_record_grid_get_sort (self, &descending);
  if (self->view != NULL)
    attest_record_view_set_sort (self->view, sort, descending);
  _attest_record_grid_fit_columns (self);
}

AttestRecordSort
attest_record_grid_get_sort (AttestRecordGrid *self,
                             gboolean         *descending)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_GRID (self), ATTEST_RECORD_SORT_INDEX);

  return attest_column_sorter_read_view_sorter (gtk_column_view_get_sorter (self->column_view),
                                                descending);
}

/* The column the rows are sorted by, named by the record property it shows
 * ("email"), or "" while they are in the file's order. */
const char *
attest_record_grid_get_sort_column (AttestRecordGrid *self,
                                    gboolean         *descending)
{
  AttestRecordSort sort;

  g_return_val_if_fail (ATTEST_IS_RECORD_GRID (self), "");

  sort = attest_record_grid_get_sort (self, descending);
  for (guint i = 0; i < N_GRID_COLUMNS && sort != ATTEST_RECORD_SORT_INDEX; i++)
    {
      if (column_spec_sorts (&columns[i]) && columns[i].sort == sort)
        return columns[i].property;
    }

  return "";
}

static void show_all_rows (AttestRecordGrid *self);

/* Sorts as a click on @column's header does, for the keyboard (the headers
 * take no focus); "" or NULL puts the rows back in the file's order, or in
 * its reverse when @descending. Of two columns that sort alike, the one
 * shown sorts; a column that gave way to a narrow grid comes back. */
gboolean
attest_record_grid_sort_by_column (AttestRecordGrid *self,
                                   const char       *column,
                                   gboolean          descending)
{
  int found = -1;

  g_return_val_if_fail (ATTEST_IS_RECORD_GRID (self), FALSE);

  show_all_rows (self);
  if (column == NULL || column[0] == '\0')
    {
      if (!descending)
        {
          gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
          return TRUE;
        }
      column = "line";
    }

  for (guint i = 0; i < N_GRID_COLUMNS && found < 0; i++)
    {
      if (column_spec_sorts (&columns[i]) && g_str_equal (columns[i].property, column))
        found = i;
    }
  if (found < 0)
    return FALSE;

  /* A column hidden with its flow sorts as the one shown in its place. */
  for (guint i = 0; i < N_GRID_COLUMNS && !_attest_record_grid_column_is_shown (self, found); i++)
    {
      if (column_spec_sorts (&columns[i]) && columns[i].sort == columns[found].sort &&
          _attest_record_grid_column_is_shown (self, i))
        found = i;
    }

  if (gtk_column_view_column_get_column_view (self->view_columns[found]) != self->column_view)
    {
      self->gave_way[found] = 0;
      _attest_record_grid_show_columns (self);
    }
  if (gtk_column_view_column_get_column_view (self->view_columns[found]) != self->column_view)
    return FALSE;

  gtk_column_view_sort_by_column (self->column_view, self->view_columns[found],
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);

  return TRUE;
}

GtkWidget *
attest_record_grid_new (void)
{
  return g_object_new (ATTEST_TYPE_RECORD_GRID, NULL);
}

AttestRecordView *
attest_record_grid_get_view (AttestRecordGrid *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_GRID (self), NULL);

  return self->view;
}

/* The list inside the column view, whose actions scroll. */
static GtkWidget *
inner_list (AttestRecordGrid *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        return child;
    }

  return NULL;
}

/* Shows the rows from the first. */
static void
scroll_to_top (AttestRecordGrid *self)
{
  GtkWidget *list = inner_list (self);

  if (list != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", 0);
}

/* An edit open in the grid ends, kept for the record it was opened on,
 * before the row that shows it is bound to another record or goes. */
static void
end_edit (AttestRecordGrid *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  for (GtkWidget *widget = root != NULL ? gtk_root_get_focus (root) : NULL; widget != NULL;
       widget = gtk_widget_get_parent (widget))
    {
      if (ATTEST_IS_EDITABLE_CELL (widget) && gtk_widget_is_ancestor (widget, GTK_WIDGET (self)))
        {
          attest_editable_cell_stop_editing (ATTEST_EDITABLE_CELL (widget), TRUE);
          return;
        }
    }
}

/* The view was sorted, filtered or searched again (or refreshed, which
 * sorts and filters again): every row changed, and the rows are shown from
 * the first, not from wherever the focus or the old first row went. A
 * long view announces its new rows before the old ones and scrolling to
 * them then lets the list bind the old rows to them (attest-record-view.h);
 * an edit open in one of those ends first, kept.
 * A record appended changes one row, at the end. */
static void
on_view_items_changed (AttestRecordGrid *self,
                       guint             position,
                       guint             removed,
                       guint             added)
{
  gboolean whole = position == 0 && removed == self->n_items && removed > 0;
  gboolean before = position == 0 && removed == 0 && self->n_items > 0;

  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (self->view));
  if (before)
    end_edit (self);
  if (whole || before)
    scroll_to_top (self);
}

/* The rest of the view from now on. */
static void
show_all_rows (AttestRecordGrid *self)
{
  if (self->more_rows_id == 0)
    return;
  gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->more_rows_id);
  self->more_rows_id = 0;
  attest_first_rows_set_limit (self->first_rows, G_MAXUINT);
}

/* Once the frame with the first rows has begun, each frame shows some more
 * rows, and the rest of the view with the last of GTK's rows. */
static gboolean
show_more_rows (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  AttestRecordGrid *self = ATTEST_RECORD_GRID (widget);
  guint limit = attest_first_rows_get_limit (self->first_rows);

  if (!self->first_drawn)
    {
      self->first_drawn = TRUE;
      return G_SOURCE_CONTINUE;
    }
  if (limit + ROWS_A_FRAME < GTK_ROWS)
    {
      attest_first_rows_set_limit (self->first_rows, limit + ROWS_A_FRAME);
      return G_SOURCE_CONTINUE;
    }

  self->more_rows_id = 0;
  attest_first_rows_set_limit (self->first_rows, G_MAXUINT);
  return G_SOURCE_REMOVE;
}

/* Whether the grid shows its view whole, not only the first rows of it. */
gboolean
attest_record_grid_get_all_rows (AttestRecordGrid *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_GRID (self), FALSE);

  return self->more_rows_id == 0;
}

/* Shows @view, first as the rows that fit the window if it is shown and
 * the view longer than what GTK makes rows for at once. */
static void
show_view (AttestRecordGrid *self,
           AttestRecordView *view)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  guint limit = G_MAXUINT;

  if (self->more_rows_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->more_rows_id);
  self->more_rows_id = 0;

  if (view != NULL && root != NULL && gtk_widget_get_mapped (GTK_WIDGET (root)) &&
      g_list_model_get_n_items (G_LIST_MODEL (view)) > GTK_ROWS)
    limit = MIN (gtk_widget_get_height (GTK_WIDGET (root)) / ROW_HEIGHT_MIN + 1, GTK_ROWS);

  attest_first_rows_set_model (self->first_rows, G_LIST_MODEL (view), limit);
  if (limit != G_MAXUINT)
    {
      self->first_drawn = FALSE;
      self->more_rows_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), show_more_rows,
                                                         NULL, NULL);
    }
}

void
attest_record_grid_set_view (AttestRecordGrid *self,
                             AttestRecordView *view)
{
  gboolean other_store;

  g_return_if_fail (ATTEST_IS_RECORD_GRID (self));
  g_return_if_fail (view == NULL || ATTEST_IS_RECORD_VIEW (view));

  if (self->view == view)
    return;

  other_store = view == NULL || self->view == NULL ||
                attest_record_view_get_store (view) != attest_record_view_get_store (self->view);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_func (self->view, on_view_items_changed, self);
  g_set_object (&self->view, view);

  /* Another store's records: their own details, and a newly opened file in
   * its own order, not in the one the last file was sorted in. The same
   * store again (a file that could not be read leaves the last one) keeps
   * both. */
  if (other_store)
    {
      attest_record_grid_hide_details (self);
      gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
    }

  show_view (self, view);
  self->n_items = view != NULL ? g_list_model_get_n_items (G_LIST_MODEL (view)) : 0;
  if (view != NULL)
    {
      g_signal_connect_object (view, "items-changed", G_CALLBACK (on_view_items_changed), self,
                               G_CONNECT_SWAPPED);
      on_view_sorter_changed (self);
    }
  _attest_record_grid_show_columns (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

GtkColumnView *
attest_record_grid_get_column_view (AttestRecordGrid *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_GRID (self), NULL);

  return self->column_view;
}

gboolean
attest_record_grid_get_current_flow (AttestRecordGrid *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_GRID (self), FALSE);

  return self->current_flow;
}

/* Shows the columns of Microsoft's current flow, or of the classic
 * attestation. */
void
attest_record_grid_set_current_flow (AttestRecordGrid *self,
                                     gboolean          current_flow)
{
  g_return_if_fail (ATTEST_IS_RECORD_GRID (self));

  current_flow = !!current_flow;
  if (self->current_flow == current_flow)
    return;

  self->current_flow = current_flow;
  /* The other flow's columns all try to fit again. */
  memset (self->gave_way, 0, sizeof self->gave_way);
  _attest_record_grid_show_columns (self);
  attest_record_details_set_current_flow (self->details, current_flow);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_FLOW]);
}

/* The menu each row offers for the rows selected; its actions find the
 * rows with attest_record_grid_dup_selected(). */
void
attest_record_grid_set_row_menu (AttestRecordGrid *self,
                                 GMenuModel       *menu)
{
  g_return_if_fail (ATTEST_IS_RECORD_GRID (self));

  g_set_object (&self->row_menu, menu);
}

/* The records (indexes in the store) of the rows selected, in the order
 * shown. */
GArray *
attest_record_grid_dup_selected (AttestRecordGrid *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  GArray *indexes;
  guint position;

  g_return_val_if_fail (ATTEST_IS_RECORD_GRID (self), NULL);

  indexes = g_array_new (FALSE, FALSE, sizeof (guint));
  if (self->view == NULL)
    return indexes;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      guint index = attest_record_view_get_index (self->view, position);

      g_array_append_val (indexes, index);
    }

  return indexes;
}

/* Selects the rows at @positions only. */
void
attest_record_grid_select (AttestRecordGrid *self,
                           const guint      *positions,
                           guint             n)
{
  g_autoptr(GtkBitset) wanted = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) all = NULL;
  guint n_items;

  g_return_if_fail (ATTEST_IS_RECORD_GRID (self));

  show_all_rows (self);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  for (guint i = 0; i < n; i++)
    {
      if (positions[i] < n_items)
        gtk_bitset_add (wanted, positions[i]);
    }
  all = gtk_bitset_new_range (0, n_items);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), wanted, all);
}

/* A row's menu is about the rows selected: opened on a row that is not,
 * it selects that row alone first, as a file manager does. */
static void
select_for_menu (AttestRecordGrid *self,
                 guint             position)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (self->selection);

  if (position != GTK_INVALID_LIST_POSITION && !gtk_selection_model_is_selected (model, position))
    gtk_selection_model_select_item (model, position, TRUE);
}

static void
on_menu_shown (GtkListItem *list_item)
{
  CellState *state = _attest_record_grid_cell_state (list_item);

  select_for_menu (state->grid, gtk_list_item_get_position (list_item));
}

void
_attest_record_grid_prepare_menu (AttestRecordGrid *self,
                                  GtkListItem      *list_item,
                                  GtkMenuButton    *button)
{
  GtkPopover *popover;

  gtk_menu_button_set_menu_model (button, self->row_menu);
  popover = gtk_menu_button_get_popover (button);
  if (popover != NULL)
    g_signal_connect_swapped (popover, "show", G_CALLBACK (on_menu_shown), list_item);
}

void
_attest_record_grid_menu_bound (AttestRecordGrid *self,
                                GtkListItem      *list_item,
                                GtkWidget        *button,
                                gboolean          bound)
{
  if (bound)
    g_hash_table_insert (self->menu_buttons, list_item, button);
  else
    g_hash_table_remove (self->menu_buttons, list_item);
}

/* Opens the menu of the row at @position, when it is on screen. */
gboolean
attest_record_grid_popup_row_menu (AttestRecordGrid *self,
                                   guint             position)
{
  GHashTableIter iter;
  gpointer list_item, button;

  g_return_val_if_fail (ATTEST_IS_RECORD_GRID (self), FALSE);

  g_hash_table_iter_init (&iter, self->menu_buttons);
  while (g_hash_table_iter_next (&iter, &list_item, &button))
    {
      if (gtk_list_item_get_position (list_item) != position)
        continue;
      select_for_menu (self, position);
      gtk_menu_button_popup (GTK_MENU_BUTTON (button));
      return TRUE;
    }

  return FALSE;
}

/* The row of a cell's widget, or of any widget within it. */
static guint
position_of (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      GtkListItem *list_item = g_object_get_data (G_OBJECT (widget), "attest-list-item");

      if (list_item != NULL)
        return gtk_list_item_get_position (list_item);
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
on_secondary_click (GtkGestureClick  *gesture,
                    int               n_press,
                    double            x,
                    double            y,
                    AttestRecordGrid *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);
  guint position = position_of (picked);

  if (position != GTK_INVALID_LIST_POSITION &&
      attest_record_grid_popup_row_menu (self, position))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

/* The row with the focus, whether on one of its cells or on the row
 * itself, around them. */
guint
_attest_record_grid_position_of_focus (AttestRecordGrid *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  guint position = position_of (focus);

  for (GtkWidget *child = focus; position == GTK_INVALID_LIST_POSITION && child != NULL;
       child = gtk_widget_get_first_child (child))
    position = position_of (child);

  return position;
}

/* The Menu key, or Shift+F10, opens the menu of the row with the focus. */
static void
row_menu_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttestRecordGrid *self = ATTEST_RECORD_GRID (widget);
  guint position = _attest_record_grid_position_of_focus (self);

  if (position != GTK_INVALID_LIST_POSITION)
    attest_record_grid_popup_row_menu (self, position);
}

void
_attest_record_grid_mark_kept (AttestRecordGrid *self,
                               AttestRecord     *item,
                               const char       *reason)
{
  g_signal_emit (self, signals[MARK_KEPT], 0, item, reason);
}

void
_attest_record_grid_edit_refused (AttestRecordGrid *self,
                                  AttestRecord     *item,
                                  const char       *message)
{
  g_signal_emit (self, signals[EDIT_REFUSED], 0, item, message);
}

static void
attest_record_grid_dispose (GObject *object)
{
  AttestRecordGrid *self = ATTEST_RECORD_GRID (object);

  g_clear_weak_pointer (&self->focus_before);
  /* The column view's sorter changes as its columns go, after it. */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view),
                                          on_view_sorter_changed, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_RECORD_GRID);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_func (self->view, on_view_items_changed, self);
  g_clear_object (&self->view);
  g_clear_object (&self->first_rows);
  g_clear_object (&self->row_menu);
  g_clear_pointer (&self->menu_buttons, g_hash_table_unref);
  _attest_record_grid_columns_dispose (self);

  G_OBJECT_CLASS (attest_record_grid_parent_class)->dispose (object);
}

static void
attest_record_grid_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AttestRecordGrid *self = ATTEST_RECORD_GRID (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;

    case PROP_CURRENT_FLOW:
      g_value_set_boolean (value, self->current_flow);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_record_grid_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AttestRecordGrid *self = ATTEST_RECORD_GRID (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      attest_record_grid_set_view (self, g_value_get_object (value));
      break;

    case PROP_CURRENT_FLOW:
      attest_record_grid_set_current_flow (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_record_grid_class_init (AttestRecordGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_record_grid_dispose;
  object_class->get_property = attest_record_grid_get_property;
  object_class->set_property = attest_record_grid_set_property;

  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL, ATTEST_TYPE_RECORD_VIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_FLOW] =
    g_param_spec_boolean ("current-flow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A value typed in a request's optional column that the service would
   * refuse was put back: the record, and why. */
  signals[EDIT_REFUSED] =
    g_signal_new ("edit-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, ATTEST_TYPE_RECORD, G_TYPE_STRING);
  /* A done customer's mark was not cleared: the record, and why. */
  signals[MARK_KEPT] =
    g_signal_new ("mark-kept", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, ATTEST_TYPE_RECORD, G_TYPE_STRING);

  g_type_ensure (ATTEST_TYPE_RECORD_DETAILS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/attest-record-grid.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestRecordGrid, flap);
  gtk_widget_class_bind_template_child (widget_class, AttestRecordGrid, scroller);
  gtk_widget_class_bind_template_child (widget_class, AttestRecordGrid, column_view);
  gtk_widget_class_bind_template_child (widget_class, AttestRecordGrid, selection);
  gtk_widget_class_bind_template_child (widget_class, AttestRecordGrid, details);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "attest-record-grid");

  gtk_widget_class_install_action (widget_class, "grid.row-menu", NULL, row_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "grid.row-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "grid.row-menu", NULL);

  _attest_record_grid_class_rows_init (widget_class);
}

static void
attest_record_grid_init (AttestRecordGrid *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->current_flow = TRUE;
  self->menu_buttons = g_hash_table_new (NULL, NULL);
  self->first_rows = attest_first_rows_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_multi_selection_set_model (self->selection, G_LIST_MODEL (self->first_rows));
  /* A grid no longer drawn has no frames to show more rows in. */
  g_signal_connect (self, "unmap", G_CALLBACK (show_all_rows), NULL);

  _attest_record_grid_columns_init (self);
  attest_record_details_set_current_flow (self->details, self->current_flow);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_view_sorter_changed), self, G_CONNECT_SWAPPED);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (click));

  _attest_record_grid_rows_init (self);
}
