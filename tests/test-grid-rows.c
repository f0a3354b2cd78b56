/* test-grid-rows.c: the grid's rows when a long file is opened, sorted or
 * searched: the rows that fit the window come first and the others in the
 * frames after, the rows it had are bound to the new records rather than
 * made anew, and an edit open meanwhile stays with its customer (ui suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "attest-application.h"
#include "attest-editable-cell.h"
#include "attest-file-load.h"
#include "attest-record-grid.h"
#include "attest-test-gtk.h"
#include "attest-test-utils.h"
#include "attest-window.h"

#define N_RECORDS 1000

static AttestApplication *application;

/* Marked records whose last names run backwards ("Name0999" first) and
 * whose emails follow the file ("a0@example.com" first). */
static char *
write_file (void)
{
  g_autoptr(GString) text = g_string_new ("CustomerTenantId,FirstName,LastName,Email,PhoneNumber,"
                                          "LastAgreementDate,PartnerAttestationCompleted,"
                                          "CustomerAccountLink\r\n");
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("attest-grid-rows-XXXXXX.csv", &path, &error);

  g_assert_no_error (error);
  g_close (fd, NULL);
  for (guint i = 0; i < N_RECORDS; i++)
    g_string_append_printf (text, "%08x-0000-4000-8000-000000000001,Ann,Name%04u,a%u@example.com,"
                            ",,True,\r\n", i, N_RECORDS - 1 - i, i);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  return path;
}

static gboolean
checked (gpointer user_data)
{
  AttestRecordStore *store = attest_window_get_store (user_data);

  return store != NULL && !attest_record_store_get_checking (store);
}

static AttestWindow *
open_window (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AttestFileLoad) load = attest_file_load_new (file);
  AttestWindow *window = attest_window_new (application);

  g_object_set (window, "flow", "classic", NULL);
  attest_window_open_load (window, load);
  attest_test_present_and_wait (GTK_WINDOW (window));
  g_assert_true (attest_test_wait_until (checked, window, 30000));
  attest_test_present_and_wait (GTK_WINDOW (window));

  return window;
}

static AttestRecordGrid *
grid_of (AttestWindow *window)
{
  return ATTEST_RECORD_GRID (attest_test_child (window, ATTEST_TYPE_WINDOW, "grid"));
}

static GtkWidget *
inner_list (AttestWindow *window)
{
  GtkWidget *view = GTK_WIDGET (attest_record_grid_get_column_view (grid_of (window)));

  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        return child;
    }
  g_assert_not_reached ();
}

/* The row widgets the grid has, shown or kept. */
static GHashTable *
rows_of (AttestWindow *window)
{
  GHashTable *rows = g_hash_table_new (NULL, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (inner_list (window)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_str_equal (gtk_widget_get_css_name (child), "row"))
        g_hash_table_add (rows, child);
    }

  return rows;
}

static guint
n_kept (GHashTable *before,
        GHashTable *after)
{
  GHashTableIter iter;
  gpointer row;
  guint kept = 0;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    kept += g_hash_table_contains (before, row);

  return kept;
}

static void
find_cells (GtkWidget *widget,
            GPtrArray *found)
{
  if (ATTEST_IS_EDITABLE_CELL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (found, widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    find_cells (c, found);
}

/* The editable cell on screen that shows @text. */
static GtkWidget *
find_cell (AttestWindow *window,
           const char   *text)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  find_cells (GTK_WIDGET (window), cells);
  for (guint i = 0; i < cells->len; i++)
    {
      if (g_strcmp0 (attest_editable_cell_get_text (cells->pdata[i]), text) == 0)
        return cells->pdata[i];
    }

  return NULL;
}

typedef struct
{
  AttestWindow *window;
  const char   *text;
} Shown;

static gboolean
cell_shown (gpointer user_data)
{
  Shown *shown = user_data;

  return find_cell (shown->window, shown->text) != NULL;
}

static void
assert_first_row (AttestWindow *window,
                  const char   *last_name)
{
  AttestRecordView *view = attest_record_grid_get_view (grid_of (window));
  g_autoptr(AttestRecord) first = g_list_model_get_item (G_LIST_MODEL (view), 0);
  g_autofree char *name = NULL;
  Shown shown = { window, last_name };

  g_object_get (first, "last-name", &name, NULL);
  g_assert_cmpstr (name, ==, last_name);
  /* Drawn, in a row of the grid. */
  g_assert_true (attest_test_wait_until (cell_shown, &shown, 5000));
}

/* Sorting and searching bind the rows the grid had to the records it shows
 * next, as scrolling does; a few rows may be new (the one that had the
 * focus follows its record). */
static void
test_rows_kept (void)
{
  g_autofree char *path = write_file ();
  AttestWindow *window = open_window (path);
  g_autoptr(GHashTable) before = rows_of (window);
  g_autoptr(GHashTable) sorted = NULL;
  g_autoptr(GHashTable) searched = NULL;
  guint n_rows = g_hash_table_size (before);

  /* GTK 4.8 keeps some 200 rows for a long list. */
  g_assert_cmpuint (n_rows, >, 100);
  assert_first_row (window, "Name0999");
  /* As when a search is typed: no row has the focus. */
  gtk_widget_grab_focus (GTK_WIDGET (attest_test_child (window, ATTEST_TYPE_WINDOW,
                                                        "search_entry")));

  g_assert_true (attest_record_grid_sort_by_column (grid_of (window), "last-name", FALSE));
  sorted = rows_of (window);
  g_assert_cmpuint (n_kept (before, sorted), >=, n_rows - 5);
  assert_first_row (window, "Name0000");

  /* "Name01…": 100 records. */
  gtk_editable_set_text (GTK_EDITABLE (attest_test_child (window, ATTEST_TYPE_WINDOW,
                                                          "search_entry")), "name01");
  g_assert_true (attest_test_wait_until (cell_shown, &(Shown) { window, "Name0100" }, 5000));
  searched = rows_of (window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (attest_record_grid_get_view
                                                               (grid_of (window)))), ==, 100);
  g_assert_cmpuint (n_kept (sorted, searched), >=, 95);
  assert_first_row (window, "Name0100");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
}

static guint
n_rows_shown (AttestWindow *window)
{
  GtkColumnView *view = attest_record_grid_get_column_view (grid_of (window));

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view)));
}

static gboolean
all_rows_shown (gpointer user_data)
{
  return n_rows_shown (user_data) == N_RECORDS;
}

typedef struct
{
  AttestWindow      *window;
  AttestRecordStore *old_store;
} Opening;

static gboolean
store_set (gpointer user_data)
{
  Opening *opening = user_data;
  AttestRecordStore *store = attest_window_get_store (opening->window);

  return store != NULL && store != opening->old_store;
}

/* A long file opened in a window on screen shows the rows that fit the
 * window first, and the others in the frames after, keeping the rows it
 * made first; a sort meanwhile shows them all at once. */
static void
test_first_rows_first (void)
{
  g_autofree char *path = write_file ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AttestWindow *window = attest_window_new (application);
  g_autoptr(GHashTable) first = NULL;
  g_autoptr(GHashTable) all = NULL;
  Opening opening = { window, NULL };
  int height;

  g_object_set (window, "flow", "classic", NULL);
  attest_test_present_and_wait (GTK_WINDOW (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  attest_window_open (window, file);
  g_assert_true (attest_test_wait_until (store_set, &opening, 20000));

  /* No row is lower than 24 pixels. */
  g_assert_cmpuint (n_rows_shown (window), >, 0);
  g_assert_cmpuint (n_rows_shown (window), <=, height / 24 + 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (attest_record_grid_get_view
                                                               (grid_of (window)))), ==, N_RECORDS);
  assert_first_row (window, "Name0999");
  first = rows_of (window);
  g_assert_cmpuint (g_hash_table_size (first), ==, n_rows_shown (window));

  g_assert_true (attest_test_wait_until (all_rows_shown, window, 5000));
  all = rows_of (window);
  g_assert_cmpuint (g_hash_table_size (all), >, 100);
  g_assert_cmpuint (n_kept (first, all), ==, g_hash_table_size (first));

  /* Opened again: sorted before the frames after, with all the rows. */
  opening.old_store = attest_window_get_store (window);
  attest_window_open (window, file);
  g_assert_true (attest_test_wait_until (store_set, &opening, 20000));
  g_assert_cmpuint (n_rows_shown (window), <, N_RECORDS);
  g_assert_true (attest_record_grid_sort_by_column (grid_of (window), "last-name", FALSE));
  g_assert_cmpuint (n_rows_shown (window), ==, N_RECORDS);
  assert_first_row (window, "Name0000");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
}

/* The email of record @index, as the store has it. */
static char *
dup_email (AttestWindow *window,
           guint         index)
{
  return attest_record_store_dup_field (attest_window_get_store (window), index,
                                        ATTEST_RECORD_FIELD_EMAIL);
}

static gboolean
not_editing (gpointer user_data)
{
  return !attest_editable_cell_get_editing (user_data);
}

/* An edit open while the rows are sorted goes to the customer it was
 * opened on, whichever row shows that customer afterwards, and to no
 * other. */
static void
test_edit_across_sort (void)
{
  g_autofree char *path = write_file ();
  AttestWindow *window = open_window (path);
  g_autoptr(GtkWidget) cell = NULL;
  GtkEditable *editor;
  guint n_typed = 0;

  /* Record 5 is on screen, and by last name far down. */
  cell = g_object_ref (find_cell (window, "a5@example.com"));
  g_assert_nonnull (cell);
  gtk_widget_grab_focus (cell);
  g_assert_true (gtk_widget_activate_action (cell, "editing.start", NULL));
  editor = attest_editable_cell_get_editor (ATTEST_EDITABLE_CELL (cell));
  g_assert_nonnull (editor);
  gtk_editable_set_text (editor, "typed@example.com");

  g_assert_true (attest_record_grid_sort_by_column (grid_of (window), "last-name", FALSE));
  assert_first_row (window, "Name0000");

  /* The edit ends as the focus leaves it, if it is still open. */
  if (attest_editable_cell_get_editing (ATTEST_EDITABLE_CELL (cell)))
    g_signal_emit_by_name (editor, "activate");
  g_assert_true (attest_test_wait_until (not_editing, cell, 5000));

  for (guint i = 0; i < N_RECORDS; i++)
    {
      g_autofree char *email = dup_email (window, i);

      if (g_strcmp0 (email, "typed@example.com") == 0)
        {
          g_assert_cmpuint (i, ==, 5);
          n_typed++;
        }
    }
  g_assert_cmpuint (n_typed, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  attest_test_init (&argc, &argv, ATTEST_TEST_GTK);
  application = attest_test_new_application ();

  g_test_add_func ("/grid-rows/first-rows-first", test_first_rows_first);
  g_test_add_func ("/grid-rows/kept", test_rows_kept);
  g_test_add_func ("/grid-rows/edit-across-sort", test_edit_across_sort);

  status = g_test_run ();
  g_clear_object (&application);

  return status;
}
