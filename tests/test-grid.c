/* test-grid.c: the window with customers in it: dropping a file, the grid,
 * editing, searching, filtering, sorting, marking, and unsaved edits
 * (ui suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "attest-application.h"
#include "attest-editable-cell.h"
#include "attest-record.h"
#include "attest-record-grid.h"
#include "attest-test-gtk.h"
#include "attest-test-utils.h"
#include "attest-window.h"

/* tests/data/ui/customers.csv: 10 customers, 8 marked, 5 with problems
 * (an email with two @, an empty first name, an ID that is no GUID, one ID
 * twice), so 4 ready to send. */
#define N_CUSTOMERS  10
#define N_MARKED      8
#define N_PROBLEMS    5
#define N_ACTIONABLE  4

static AttestApplication *shared_application;

static GFile *
fixture_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ui", "customers.csv", NULL);

  return g_file_new_for_path (path);
}

static GtkWidget *
child (AttestWindow *window,
       const char   *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), ATTEST_TYPE_WINDOW, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static gboolean
store_loaded (gpointer user_data)
{
  AttestWindow *window = user_data;
  GtkStack *stack = GTK_STACK (child (window, "main_stack"));

  return attest_window_get_store (window) != NULL
         && g_strcmp0 (gtk_stack_get_visible_child_name (stack), "records") == 0;
}

/* Drops tests/data/ui/customers.csv onto @window as a file manager would. */
static void
drop_fixture (AttestWindow *window)
{
  GtkDropTarget *target = attest_test_find_drop_target (GTK_WIDGET (window));
  g_autoptr(GFile) file = fixture_file ();
  GSList *files = g_slist_append (NULL, file);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free (files);

  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
  g_assert_true (attest_test_wait_until (store_loaded, window, 20000));
}

static AttestWindow *
new_window_with_fixture (void)
{
  AttestWindow *window = attest_window_new (shared_application);

  /* The grid of the classic flow (SPEC §8): its columns, its counts. */
  g_object_set (window, "flow", "classic", NULL);
  attest_test_present_and_wait (GTK_WINDOW (window));
  drop_fixture (window);
  attest_test_present_and_wait (GTK_WINDOW (window));

  return window;
}

static const char *
counts_text (AttestWindow *window)
{
  return gtk_label_get_text (GTK_LABEL (child (window, "counts_label")));
}

/* What the grid shows. */
static GListModel *
shown (AttestWindow *window)
{
  return G_LIST_MODEL (attest_record_grid_get_view (ATTEST_RECORD_GRID (child (window, "grid"))));
}

static guint
n_shown (AttestWindow *window)
{
  return g_list_model_get_n_items (shown (window));
}

static AttestRecord *
shown_item (AttestWindow *window,
            guint         position)
{
  return g_list_model_get_item (shown (window), position);
}

/* The email of the record shown at @position. */
static char *
dup_shown_email (AttestWindow *window,
                 guint         position)
{
  g_autoptr(AttestRecord) record = shown_item (window, position);
  char *email = NULL;

  g_object_get (record, "email", &email, NULL);
  return email;
}

/* Edits @cell as a person does: Enter on the cell, the new text typed in
 * the field that takes the focus, and Enter again. */
static void
edit_cell (GtkWidget  *cell,
           const char *text)
{
  GtkWidget *focus;

  gtk_widget_grab_focus (cell);
  g_assert_true (gtk_widget_activate_action (cell, "editing.start", NULL));
  g_assert_true (attest_editable_cell_get_editing (ATTEST_EDITABLE_CELL (cell)));

  focus = gtk_root_get_focus (gtk_widget_get_root (cell));
  g_assert_true (GTK_IS_TEXT (focus));
  g_assert_true (gtk_widget_is_ancestor (focus, cell));
  gtk_editable_set_text (GTK_EDITABLE (focus), text);
  g_signal_emit_by_name (focus, "activate");

  g_assert_false (attest_editable_cell_get_editing (ATTEST_EDITABLE_CELL (cell)));
  g_assert_true (gtk_root_get_focus (gtk_widget_get_root (cell)) == cell);
}

static void
test_grid_drop_fills_the_grid (void)
{
  AttestWindow *window = new_window_with_fixture ();
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autofree char *expected = g_strdup_printf ("%u customers · %u ready · %u with problems",
                                               N_CUSTOMERS, N_ACTIONABLE, N_PROBLEMS);

  g_assert_cmpuint (n_shown (window), ==, N_CUSTOMERS);
  g_assert_cmpstr (counts_text (window), ==, expected);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (window, "subtitle_label"))), ==,
                   "customers.csv");

  /* The visible rows are real widgets, and their check boxes are named
   * after their customer for screen readers. */
  attest_test_find_shown (child (window, "grid"), GTK_TYPE_CHECK_BUTTON, checks);
  g_assert_cmpuint (checks->len, ==, N_CUSTOMERS);
  g_assert_nonnull (attest_test_find_editable_with_text (GTK_WIDGET (window), "Amélie"));
  g_assert_nonnull (attest_test_find_editable_with_text (GTK_WIDGET (window),
                                                         "wei.zhang@@northwind.cn"));

  attest_test_save_screenshot (GTK_WIDGET (window), "grid-with-problems");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
text_is (gpointer user_data)
{
  const char **pair = user_data;

  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (pair[0])), pair[1]) == 0;
}

/* The grid's column titled @title. */
static GtkColumnViewColumn *
find_column (AttestWindow *window,
             const char   *title)
{
  GtkColumnView *view = attest_record_grid_get_column_view (ATTEST_RECORD_GRID (child (window,
                                                                                      "grid")));
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  g_assert_not_reached ();
}

static int
text_width (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

typedef struct
{
  GtkWidget *cell;
  GtkWidget *editor;
} Editing;

/* The cell's text field is on screen, laid out. */
static gboolean
editor_shown (gpointer user_data)
{
  Editing *editing = user_data;

  editing->editor = GTK_WIDGET (attest_editable_cell_get_editor (ATTEST_EDITABLE_CELL (
                                                                   editing->cell)));
  return editing->editor != NULL && gtk_widget_get_mapped (editing->editor)
         && gtk_widget_get_width (editing->editor) > 0;
}

/* In a column narrower than the text, the text field is wide enough for
 * thirty characters, an email address, and shows the whole text edited. */
static void
assert_editor_wide (GtkWidget *cell)
{
  Editing editing = { cell, NULL };
  const char *thirty = "francois.vanderberg@contoso.fr";

  g_assert_cmpuint (strlen (thirty), ==, 30);
  g_assert_true (attest_test_wait_until (editor_shown, &editing, 5000));
  g_assert_cmpint (gtk_widget_get_width (cell), <, text_width (editing.editor, thirty));
  g_assert_cmpint (gtk_widget_get_width (editing.editor), >=, text_width (editing.editor, thirty));
  g_assert_cmpint (gtk_widget_get_width (editing.editor), >=,
                   text_width (editing.editor,
                               gtk_editable_get_text (GTK_EDITABLE (editing.editor))));
}

static void
test_grid_edit_updates_validation_and_counts (void)
{
  AttestWindow *window = new_window_with_fixture ();
  g_autofree char *expected = g_strdup_printf ("%u customers · %u ready · %u with problems",
                                               N_CUSTOMERS, N_ACTIONABLE + 1, N_PROBLEMS - 1);
  GtkWidget *email = attest_test_find_editable_with_text (GTK_WIDGET (window),
                                                          "wei.zhang@@northwind.cn");
  AttestRecordStore *store = attest_window_get_store (window);
  const char *pair[2] = { NULL, NULL };

  g_assert_nonnull (email);
  g_assert_false (attest_record_store_get_dirty (store));

  /* A narrow Email column: its text field is wide all the same. */
  gtk_column_view_column_set_fixed_width (find_column (window, "Email"), 70);
  attest_test_present_and_wait (GTK_WINDOW (window));
  g_assert_cmpint (gtk_widget_get_width (email), <, 70);
  gtk_widget_grab_focus (email);
  attest_editable_cell_start_editing (ATTEST_EDITABLE_CELL (email));
  assert_editor_wide (email);
  attest_editable_cell_stop_editing (ATTEST_EDITABLE_CELL (email), FALSE);

  /* Fix the email the way a person does: edit the cell and press Enter. */
  edit_cell (email, "wei.zhang@northwind.cn");

  pair[0] = (const char *) child (window, "counts_label");
  pair[1] = expected;
  g_assert_true (attest_test_wait_until (text_is, pair, 5000));
  g_assert_true (attest_record_store_get_dirty (store));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child (window, "subtitle_label"))),
                            "edited"));

  /* An invalid edit shows its problem at once. */
  email = attest_test_find_editable_with_text (GTK_WIDGET (window), "amelie.dubois@contoso.fr");
  edit_cell (email, "amelie dubois@contoso.fr");
  {
    g_autoptr(AttestRecord) first = shown_item (window, 0);
    g_autofree char *problem = NULL;

    g_object_get (first, "problem", &problem, NULL);
    g_assert_nonnull (problem);
    g_assert_nonnull (strstr (problem, "mail"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
cell_not_editing (gpointer user_data)
{
  return !attest_editable_cell_get_editing (ATTEST_EDITABLE_CELL (user_data));
}

/* Escape drops what was typed; moving the focus elsewhere keeps it. */
static void
test_grid_edit_cancel_and_focus_out (void)
{
  AttestWindow *window = new_window_with_fixture ();
  AttestRecordStore *store = attest_window_get_store (window);
  GtkWidget *email = attest_test_find_editable_with_text (GTK_WIDGET (window),
                                                          "wei.zhang@@northwind.cn");
  GtkWidget *search = child (window, "search_entry");
  GtkWidget *focus;

  g_assert_nonnull (email);
  gtk_widget_grab_focus (email);
  g_assert_true (gtk_widget_activate_action (email, "editing.start", NULL));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_TEXT (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), "typed by mistake");
  g_assert_true (attest_editable_cell_get_editing (ATTEST_EDITABLE_CELL (email)));
  g_assert_true (gtk_widget_activate_action (email, "editing.stop", "b", FALSE));

  g_assert_false (attest_editable_cell_get_editing (ATTEST_EDITABLE_CELL (email)));
  g_assert_cmpstr (attest_editable_cell_get_text (ATTEST_EDITABLE_CELL (email)), ==,
                   "wei.zhang@@northwind.cn");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == email);
  g_assert_false (attest_record_store_get_dirty (store));

  attest_editable_cell_start_editing (ATTEST_EDITABLE_CELL (email));
  gtk_editable_set_text (attest_editable_cell_get_editor (ATTEST_EDITABLE_CELL (email)),
                         "wei.zhang@northwind.cn");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  gtk_widget_grab_focus (search);
  g_assert_true (attest_test_wait_until (cell_not_editing, email, 5000));

  g_assert_cmpstr (attest_editable_cell_get_text (ATTEST_EDITABLE_CELL (email)), ==,
                   "wei.zhang@northwind.cn");
  g_assert_true (attest_record_store_get_dirty (store));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), search)
                 || gtk_root_get_focus (GTK_ROOT (window)) == search);

  /* Last, as the frame it waits for may end the edit (see
   * attest_test_save_screenshot()). */
  attest_editable_cell_start_editing (ATTEST_EDITABLE_CELL (email));
  gtk_editable_set_text (attest_editable_cell_get_editor (ATTEST_EDITABLE_CELL (email)),
                         "typed by mistake");
  attest_test_save_screenshot (GTK_WIDGET (window), "grid-editing");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Runs the shortcut of @widget's controllers that @keyval with @modifiers
 * triggers, as that key pressed would: those of the capture phase first. */
static void
press_shortcut (GtkWidget       *widget,
                guint            keyval,
                GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint n = g_list_model_get_n_items (controllers);

  for (guint i = 0; i < 2 * n; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i % n);
      GtkPropagationPhase phase = i < n ? GTK_PHASE_CAPTURE : GTK_PHASE_BUBBLE;

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller)
          || gtk_event_controller_get_propagation_phase (controller) != phase)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }

  g_assert_not_reached ();
}

/* Tab in a cell's text field keeps the text and goes on to the focus stop
 * after the cell, Shift+Tab to the one before it; Escape drops the text,
 * and the focus stays on the cell. */
static void
test_grid_edit_tab_goes_on (void)
{
  AttestWindow *window = new_window_with_fixture ();
  GtkRoot *root = GTK_ROOT (window);
  GtkWidget *email = attest_test_find_editable_with_text (GTK_WIDGET (window),
                                                          "wei.zhang@@northwind.cn");
  GtkWidget *after;
  GtkWidget *before;
  GtkWidget *popover;
  Editing editing = { email, NULL };

  g_assert_nonnull (email);

  /* Where Tab and Shift+Tab go from the cell itself. */
  gtk_widget_grab_focus (email);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  after = gtk_root_get_focus (root);
  gtk_widget_grab_focus (email);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_BACKWARD));
  before = gtk_root_get_focus (root);
  /* (GTK 4.8 moves the focus of a row's cells forwards either way.) */
  g_assert_true (after != email && before != email);

  gtk_widget_grab_focus (email);
  attest_editable_cell_start_editing (ATTEST_EDITABLE_CELL (email));
  g_assert_true (attest_test_wait_until (editor_shown, &editing, 5000));
  popover = gtk_widget_get_ancestor (editing.editor, GTK_TYPE_POPOVER);
  gtk_editable_set_text (GTK_EDITABLE (editing.editor), "wei.zhang@northwind.cn");
  press_shortcut (popover, GDK_KEY_Tab, 0);
  g_assert_false (attest_editable_cell_get_editing (ATTEST_EDITABLE_CELL (email)));
  g_assert_cmpstr (attest_editable_cell_get_text (ATTEST_EDITABLE_CELL (email)), ==,
                   "wei.zhang@northwind.cn");
  g_assert_true (gtk_root_get_focus (root) == after);

  gtk_widget_grab_focus (email);
  attest_editable_cell_start_editing (ATTEST_EDITABLE_CELL (email));
  g_assert_true (attest_test_wait_until (editor_shown, &editing, 5000));
  popover = gtk_widget_get_ancestor (editing.editor, GTK_TYPE_POPOVER);
  gtk_editable_set_text (GTK_EDITABLE (editing.editor), "wei.zhang@contoso.cn");
  press_shortcut (popover, GDK_KEY_Tab, GDK_SHIFT_MASK);
  g_assert_cmpstr (attest_editable_cell_get_text (ATTEST_EDITABLE_CELL (email)), ==,
                   "wei.zhang@contoso.cn");
  g_assert_true (gtk_root_get_focus (root) == before);

  gtk_widget_grab_focus (email);
  attest_editable_cell_start_editing (ATTEST_EDITABLE_CELL (email));
  g_assert_true (attest_test_wait_until (editor_shown, &editing, 5000));
  popover = gtk_widget_get_ancestor (editing.editor, GTK_TYPE_POPOVER);
  gtk_editable_set_text (GTK_EDITABLE (editing.editor), "typed by mistake");
  press_shortcut (popover, GDK_KEY_Escape, 0);
  g_assert_false (attest_editable_cell_get_editing (ATTEST_EDITABLE_CELL (email)));
  g_assert_cmpstr (attest_editable_cell_get_text (ATTEST_EDITABLE_CELL (email)), ==,
                   "wei.zhang@contoso.cn");
  g_assert_true (gtk_root_get_focus (root) == email);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
object_is_gone (gpointer user_data)
{
  return *(gpointer *) user_data == NULL;
}

/* A window closed in the middle of an edit: the edit ends after the row
 * that showed the cell is gone, and must not reach for it. */
static void
test_grid_close_while_editing (void)
{
  AttestWindow *window = new_window_with_fixture ();
  GtkWidget *email = attest_test_find_editable_with_text (GTK_WIDGET (window),
                                                          "wei.zhang@@northwind.cn");
  gpointer cell = email;

  g_assert_nonnull (email);
  gtk_widget_grab_focus (email);
  attest_editable_cell_start_editing (ATTEST_EDITABLE_CELL (email));
  g_assert_true (attest_editable_cell_get_editing (ATTEST_EDITABLE_CELL (email)));
  g_object_add_weak_pointer (G_OBJECT (email), &cell);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (attest_test_wait_until (object_is_gone, &cell, 5000));
}

typedef struct
{
  AttestWindow *window;
  guint         count;
  const char   *first_email;
} ShownWait;

static gboolean
shown_rows_are (gpointer user_data)
{
  ShownWait *wait = user_data;
  g_autofree char *email = NULL;

  if (n_shown (wait->window) != wait->count)
    return FALSE;
  if (wait->first_email == NULL)
    return TRUE;

  email = dup_shown_email (wait->window, 0);
  return g_strcmp0 (email, wait->first_email) == 0;
}

/* Waits until the grid shows @count rows, the first of them @first_email's
 * when given: a search narrows the rows after the entry's delay, and the
 * count alone would be met at once by a search that finds as many rows as
 * the one before. */
static void
wait_for_shown (AttestWindow *window,
                guint         count,
                const char   *first_email)
{
  ShownWait wait = { window, count, first_email };

  g_assert_true (attest_test_wait_until (shown_rows_are, &wait, 5000));
}

static void
test_grid_search_and_filter_narrow_rows (void)
{
  AttestWindow *window = new_window_with_fixture ();
  GtkWidget *entry = child (window, "search_entry");
  GtkWidget *filter = child (window, "filter_dropdown");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (child (window, "search_bar"))));

  /* By email… */
  gtk_editable_set_text (GTK_EDITABLE (entry), "proseware");
  wait_for_shown (window, 2, NULL);
  /* …by name, whatever the case… */
  gtk_editable_set_text (GTK_EDITABLE (entry), "YILMAZ");
  wait_for_shown (window, 1, "mehmet@fabrikam.com.tr");
  /* …by ID. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "d9428888");
  wait_for_shown (window, 1, "priya.raman@fourthcoffee.in");
  gtk_editable_set_text (GTK_EDITABLE (entry), "no such customer");
  wait_for_shown (window, 0, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (window, "records_stack"))),
                   ==, "no-match");
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  wait_for_shown (window, N_CUSTOMERS, NULL);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (filter), 3);   /* With problems */
  wait_for_shown (window, N_PROBLEMS, NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (filter), 2);   /* Ready to send */
  wait_for_shown (window, N_ACTIONABLE, NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (filter), 1);   /* Marked */
  wait_for_shown (window, N_MARKED, NULL);

  /* Search and filter together. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "lars");
  wait_for_shown (window, 1, NULL);
  attest_test_save_screenshot (GTK_WIDGET (window), "grid-search");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_grid_sort_by_column_header (void)
{
  AttestWindow *window = new_window_with_fixture ();
  AttestRecordGrid *grid = ATTEST_RECORD_GRID (child (window, "grid"));
  GtkColumnView *view = attest_record_grid_get_column_view (grid);
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GtkColumnViewColumn) email_column = NULL;
  g_autofree char *first_email = NULL;
  g_autofree char *last_email = NULL;
  gboolean descending = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), "Email") == 0)
        email_column = g_object_ref (column);
    }
  g_assert_nonnull (email_column);

  gtk_column_view_sort_by_column (view, email_column, GTK_SORT_DESCENDING);
  g_assert_cmpint (attest_record_grid_get_sort (grid, &descending), ==, ATTEST_RECORD_SORT_EMAIL);
  g_assert_true (descending);

  first_email = dup_shown_email (window, 0);
  last_email = dup_shown_email (window, N_CUSTOMERS - 1);
  g_assert_cmpstr (first_email, ==, "wei.zhang@@northwind.cn");
  g_assert_cmpstr (last_email, ==, "amelie.dubois@contoso.fr");

  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  g_assert_cmpint (attest_record_grid_get_sort (grid, NULL), ==, ATTEST_RECORD_SORT_INDEX);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The headers take no focus: the primary menu's Sort By does the same from
 * the keyboard, and follows what the headers do. */
static void
test_grid_sort_from_the_menu (void)
{
  AttestWindow *window = new_window_with_fixture ();
  AttestRecordGrid *grid = ATTEST_RECORD_GRID (child (window, "grid"));
  GtkColumnView *view = attest_record_grid_get_column_view (grid);
  g_autofree char *column = NULL;
  gboolean descending = TRUE;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sort-column", "s", "email"));
  g_assert_cmpint (attest_record_grid_get_sort (grid, &descending), ==, ATTEST_RECORD_SORT_EMAIL);
  g_assert_false (descending);
  {
    g_autofree char *email = dup_shown_email (window, 0);

    g_assert_cmpstr (email, ==, "amelie.dubois@contoso.fr");
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sort-descending", NULL));
  g_assert_cmpint (attest_record_grid_get_sort (grid, &descending), ==, ATTEST_RECORD_SORT_EMAIL);
  g_assert_true (descending);
  {
    g_autofree char *email = dup_shown_email (window, 0);

    g_assert_cmpstr (email, ==, "wei.zhang@@northwind.cn");
  }

  /* A click on a header shows in the menu. */
  {
    GListModel *columns = gtk_column_view_get_columns (view);
    /* Attested, Line, Customer ID, First Name, Last Name. */
    g_autoptr(GtkColumnViewColumn) last_name = g_list_model_get_item (columns, 4);

    g_assert_cmpstr (gtk_column_view_column_get_title (last_name), ==, "Last Name");
    gtk_column_view_sort_by_column (view, last_name, GTK_SORT_ASCENDING);
  }
  g_object_get (window, "sort-column", &column, "sort-descending", &descending, NULL);
  g_assert_cmpstr (column, ==, "last-name");
  g_assert_false (descending);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sort-column", "s", ""));
  g_assert_cmpint (attest_record_grid_get_sort (grid, NULL), ==, ATTEST_RECORD_SORT_INDEX);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_grid_mark_all_shown (void)
{
  AttestWindow *window = new_window_with_fixture ();
  AttestRecordStore *store = attest_window_get_store (window);
  AttestRecordCounts counts;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (child (window, "search_entry")), "proseware");
  wait_for_shown (window, 2, NULL);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.unmark-shown", NULL);
  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.marked, ==, N_MARKED - 1);
  g_assert_true (attest_record_store_get_dirty (store));

  /* Both have the same ID: neither could be sent, and neither is marked. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-shown", NULL);
  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.marked, ==, N_MARKED - 1);

  gtk_editable_set_text (GTK_EDITABLE (child (window, "search_entry")), "adventure-works");
  wait_for_shown (window, 1, "sofia.garcia@adventure-works.es");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-shown", NULL);
  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.marked, ==, N_MARKED);
  g_assert_cmpuint (counts.actionable, ==, N_ACTIONABLE + 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
message_dialog_shown (gpointer user_data)
{
  return find_message_dialog () != NULL;
}

/* The application's window, made for a file it was asked to open. */
static AttestWindow *
opened_window (void)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (shared_application));

  g_assert_nonnull (windows);
  g_assert_true (ATTEST_IS_WINDOW (windows->data));
  return ATTEST_WINDOW (windows->data);
}

/* `attest customers.csv`, or "Open With" in Files, opens a window with
 * the file's rows, in the columns of Microsoft's current flow, where no
 * customer was checked yet. */
static void
test_grid_open_file_at_start (void)
{
  g_autoptr(GFile) file = fixture_file ();
  g_autofree char *expected = g_strdup_printf ("%u customers · %u marked · %u not checked",
                                               N_CUSTOMERS, N_MARKED, N_CUSTOMERS);
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  AttestWindow *window;
  AttestWindow *second;

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (shared_application)));
  g_application_open (G_APPLICATION (shared_application), &file, 1, "");
  window = opened_window ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (attest_test_wait_until (store_loaded, window, 20000));
  attest_test_present_and_wait (GTK_WINDOW (window));

  g_assert_cmpuint (n_shown (window), ==, N_CUSTOMERS);
  g_assert_cmpstr (counts_text (window), ==, expected);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (window, "subtitle_label"))), ==,
                   "customers.csv");
  attest_test_find_shown (child (window, "grid"), GTK_TYPE_CHECK_BUTTON, checks);
  g_assert_cmpuint (checks->len, ==, N_CUSTOMERS);
  g_assert_nonnull (attest_test_find_editable_with_text (GTK_WIDGET (window), "Amélie"));
  g_assert_nonnull (attest_test_find_editable_with_text (GTK_WIDGET (window),
                                                         "wei.zhang@@northwind.cn"));

  /* Another file opens in a window of its own, next to this one. */
  g_application_open (G_APPLICATION (shared_application), &file, 1, "");
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (shared_application))),
                    ==, 2);
  second = opened_window ();
  g_assert_true (second != window);
  g_assert_true (attest_test_wait_until (store_loaded, second, 20000));
  g_assert_cmpuint (n_shown (second), ==, N_CUSTOMERS);
  g_assert_cmpuint (n_shown (window), ==, N_CUSTOMERS);

  attest_test_save_screenshot (GTK_WIDGET (window), "window-opened-file");
  gtk_window_destroy (GTK_WINDOW (second));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A file that cannot be read (gone since it was chosen) leaves the window
 * empty and says why. */
static void
test_grid_open_missing_file (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "attest-no-such-dir",
                                            "customers.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AttestWindow *window;
  AdwMessageDialog *dialog;

  g_application_open (G_APPLICATION (shared_application), &file, 1, "");
  window = opened_window ();
  g_assert_true (attest_test_wait_until (message_dialog_shown, NULL, 20000));

  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Cannot Open the File");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "customers.csv"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_null (attest_window_get_store (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (window, "main_stack"))),
                   ==, "empty");

  attest_test_present_and_wait (GTK_WINDOW (dialog));
  attest_test_save_screenshot (GTK_WIDGET (dialog), "open-missing-file");
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_grid_import_over_unsaved_edits_asks (void)
{
  AttestWindow *window = new_window_with_fixture ();
  AttestRecordStore *first_store = attest_window_get_store (window);
  g_autoptr(GFile) file = fixture_file ();
  AdwMessageDialog *dialog;

  attest_record_store_set_attested (first_store, 3, TRUE);
  g_assert_true (attest_record_store_get_dirty (first_store));

  /* Cancel keeps the edits. */
  attest_window_open (window, file);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard Your Edits?");
  attest_test_present_and_wait (GTK_WINDOW (dialog));
  attest_test_save_screenshot (GTK_WIDGET (dialog), "discard-edits");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (attest_window_get_store (window) == first_store);
  g_assert_true (attest_record_store_get_attested (first_store, 3));

  /* Discard opens the file afresh. */
  attest_window_open (window, file);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (attest_test_wait_until (store_loaded, window, 20000));
  g_assert_true (attest_window_get_store (window) != first_store);
  g_assert_false (attest_record_store_get_attested (attest_window_get_store (window), 3));
  g_assert_false (attest_record_store_get_dirty (attest_window_get_store (window)));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  attest_test_init (&argc, &argv, ATTEST_TEST_GTK);

  shared_application = attest_test_new_application ();

  g_test_add_func ("/grid/drop-fills-the-grid", test_grid_drop_fills_the_grid);
  g_test_add_func ("/grid/edit-updates-validation-and-counts",
                   test_grid_edit_updates_validation_and_counts);
  g_test_add_func ("/grid/edit-cancel-and-focus-out", test_grid_edit_cancel_and_focus_out);
  g_test_add_func ("/grid/edit-tab-goes-on", test_grid_edit_tab_goes_on);
  g_test_add_func ("/grid/close-while-editing", test_grid_close_while_editing);
  g_test_add_func ("/grid/search-and-filter", test_grid_search_and_filter_narrow_rows);
  g_test_add_func ("/grid/sort-by-column-header", test_grid_sort_by_column_header);
  g_test_add_func ("/grid/sort-from-the-menu", test_grid_sort_from_the_menu);
  g_test_add_func ("/grid/mark-all-shown", test_grid_mark_all_shown);
  g_test_add_func ("/grid/import-over-unsaved-edits-asks", test_grid_import_over_unsaved_edits_asks);
  g_test_add_func ("/grid/open-file-at-start", test_grid_open_file_at_start);
  g_test_add_func ("/grid/open-missing-file", test_grid_open_missing_file);

  status = g_test_run ();
  g_clear_object (&shared_application);

  return status;
}
