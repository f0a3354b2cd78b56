/* test-window-checking.c: a file's rows show before its records are
 * checked, and nothing can be sent, exported or marked in bulk until they
 * are (ui suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "attest-application.h"
#include "attest-file-load.h"
#include "attest-record-grid.h"
#include "attest-test-gtk.h"
#include "attest-test-utils.h"
#include "attest-window.h"

#define N_RECORDS 30000

/* Marked records, every fifth with an email the check refuses. */
static char *
write_file (void)
{
  g_autoptr(GString) text = g_string_new ("CustomerTenantId,FirstName,LastName,Email,PhoneNumber,"
                                          "LastAgreementDate,PartnerAttestationCompleted,"
                                          "CustomerAccountLink\r\n");
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("attest-window-checking-XXXXXX.csv", &path, &error);

  g_assert_no_error (error);
  g_close (fd, NULL);
  for (guint i = 0; i < N_RECORDS; i++)
    g_string_append_printf (text, "%08x-0000-4000-8000-000000000001,Ann,Lee,%s,,,True,\r\n", i,
                            i % 5 == 0 ? "ann.example.com" : "ann@example.com");
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  return path;
}

/* The button of the window that activates @action. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_sensitive (AttestWindow *window,
              const char   *action)
{
  GtkWidget *button = find_button (GTK_WIDGET (window), action);

  g_assert_nonnull (button);
  return gtk_widget_is_sensitive (button);
}

static const char *
counts_text (AttestWindow *window)
{
  return gtk_label_get_text (GTK_LABEL (attest_test_child (window, ATTEST_TYPE_WINDOW,
                                                           "counts_label")));
}

typedef struct
{
  AttestWindow *window;
  gboolean      seen;
} Opening;

/* Runs right after the window took the records read, before the main
 * loop turns again: nothing has been checked yet. */
static void
on_read (AttestFileLoad *load,
         Opening        *opening)
{
  AttestWindow *window = opening->window;
  AttestRecordStore *store = attest_window_get_store (window);
  AttestRecordGrid *grid = ATTEST_RECORD_GRID (attest_test_child (window, ATTEST_TYPE_WINDOW,
                                                                  "grid"));

  opening->seen = TRUE;
  g_assert_nonnull (store);
  g_assert_true (attest_record_store_get_checking (store));

  /* The rows are there to be seen... */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (attest_record_grid_get_view (grid))),
                    ==, N_RECORDS);
  g_assert_cmpstr (counts_text (window), ==, "Checking 30,000 rows…");

  /* ...but nothing leaves or is marked in bulk. */
  g_assert_false (is_sensitive (window, "win.submit"));
  g_assert_false (is_sensitive (window, "win.export"));
  g_assert_false (is_sensitive (window, "win.mark-shown"));
  g_assert_false (is_sensitive (window, "win.unmark-shown"));
}

static gboolean
checked (gpointer user_data)
{
  AttestRecordStore *store = attest_window_get_store (user_data);

  return store != NULL && !attest_record_store_get_checking (store);
}

static void
test_rows_before_check (void)
{
  g_autoptr(AttestApplication) application = attest_test_new_application ();
  g_autofree char *path = write_file ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AttestFileLoad) load = NULL;
  AttestWindow *window = attest_window_new (application);
  Opening opening = { window, FALSE };
  AttestRecordCounts counts;

  attest_test_present_and_wait (GTK_WINDOW (window));

  load = attest_file_load_new (file);
  attest_window_open_load (window, load);
  /* After the window's own handler. */
  g_signal_connect (load, "finished", G_CALLBACK (on_read), &opening);
  g_assert_true (attest_test_wait_until (checked, window, 30000));
  g_assert_true (opening.seen);

  attest_record_store_get_counts (attest_window_get_store (window), &counts);
  g_assert_cmpuint (counts.problems, ==, N_RECORDS / 5);
  g_assert_cmpuint (counts.actionable, ==, N_RECORDS - N_RECORDS / 5);
  /* The status bar shows the counts (their wording is tested with the window's). */
  g_assert_false (g_str_has_prefix (counts_text (window), "Checking"));
  g_assert_true (is_sensitive (window, "win.submit"));
  g_assert_true (is_sensitive (window, "win.export"));
  g_assert_true (is_sensitive (window, "win.mark-shown"));
  g_assert_true (is_sensitive (window, "win.unmark-shown"));
  attest_test_save_screenshot (GTK_WIDGET (window), "window-checked");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_GTK);

  g_test_add_func ("/window-checking/rows-before-check", test_rows_before_check);

  return g_test_run ();
}
