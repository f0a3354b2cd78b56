/* test-grid-language.c: the grid's statuses and a row's details in another
 * language (ATTEST_TEST_LANGUAGE, fr or tr, as built), from the translations
 * of this build: each status fits its column, and the details speak the
 * language (ui suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "attest-application.h"
#include "attest-format.h"
#include "attest-record.h"
#include "attest-record-details.h"
#include "attest-record-grid.h"
#include "attest-test-gtk.h"
#include "attest-test-utils.h"
#include "attest-window.h"

static const char *language = ATTEST_TEST_LANGUAGE;
static AttestApplication *application;

static GtkWidget *
child (AttestWindow *window,
       const char   *name)
{
  return GTK_WIDGET (attest_test_child (window, ATTEST_TYPE_WINDOW, name));
}

static gboolean
store_loaded (gpointer user_data)
{
  GtkStack *stack = GTK_STACK (child (user_data, "main_stack"));

  return attest_window_get_store (user_data) != NULL
         && g_strcmp0 (gtk_stack_get_visible_child_name (stack), "records") == 0;
}

/* The inscriptions that show @text, each checked to show it whole: on
 * one line, or on the lines it may wrap onto, with no word broken. */
static guint
count_whole (GtkWidget  *root,
             const char *text)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  guint whole = 0;

  attest_test_find_shown (root, GTK_TYPE_INSCRIPTION, found);
  for (guint i = 0; i < found->len; i++)
    {
      GtkInscription *inscription = g_ptr_array_index (found, i);
      int shown_width = gtk_widget_get_width (GTK_WIDGET (inscription));
      int shown_height = gtk_widget_get_height (GTK_WIDGET (inscription));
      g_autoptr(PangoLayout) layout = NULL;
      int width = 0;
      int height = 0;

      if (g_strcmp0 (gtk_inscription_get_text (inscription), text) != 0)
        continue;
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (inscription), text);
      if (gtk_inscription_get_nat_lines (inscription) > 1)
        {
          /* Wrapped at word ends only: a word wider than the cell would be
           * broken, which is cut short too. */
          pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
          pango_layout_set_width (layout, shown_width * PANGO_SCALE);
          if ((guint) pango_layout_get_line_count (layout)
              > gtk_inscription_get_nat_lines (inscription))
            g_error ("“%s” takes %d lines of %u", text, pango_layout_get_line_count (layout),
                     gtk_inscription_get_nat_lines (inscription));
        }
      pango_layout_get_pixel_size (layout, &width, &height);
      if (width > shown_width || height > shown_height)
        g_error ("“%s” is cut short: %d × %d pixels shown of %d × %d", text, shown_width,
                 shown_height, width, height);
      whole++;
    }

  return whole;
}

static gboolean
phone_shown (gpointer user_data)
{
  AttestRecordGrid *grid = ATTEST_RECORD_GRID (child (user_data, "grid"));
  GListModel *columns = gtk_column_view_get_columns (attest_record_grid_get_column_view (grid));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), _("Phone")) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Every status of the classic flow fits its column ("Gönderilmeye hazır"),
 * a done one with when; the details of a rejected customer are in the
 * language. */
static void
test_statuses_fit (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ui", "customers.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AttestWindow *window = attest_window_new (application);
  AttestRecordGrid *grid;
  AttestRecordStore *store;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *shot = NULL;
  static const struct
  {
    AttestRecordStatus  status;
    const char         *english;
  } statuses[] = {
    { ATTEST_RECORD_STATUS_PENDING, "Ready to send" },
    { ATTEST_RECORD_STATUS_NOT_MARKED, "Not marked" },
    { ATTEST_RECORD_STATUS_INVALID, "Needs fixing" },
    { ATTEST_RECORD_STATUS_REJECTED, "Rejected" },
  };

  g_object_set (window, "flow", "classic", NULL);
  attest_test_present_and_wait (GTK_WINDOW (window));
  attest_window_open (window, file);
  g_assert_true (attest_test_wait_until (store_loaded, window, 20000));
  grid = ATTEST_RECORD_GRID (child (window, "grid"));
  store = attest_window_get_store (window);
  attest_record_store_set_outcome (store, 0, ATTEST_RECORD_STATUS_ATTESTED, NULL, "r", "c", now);
  attest_record_store_set_outcome (store, 1, ATTEST_RECORD_STATUS_REJECTED,
                                   "The customer has no agreement to attest.", "r", "c", now);
  attest_test_present_and_wait (GTK_WINDOW (window));

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      const char *label = attest_record_status_get_label (statuses[i].status);

      g_assert_cmpstr (label, !=, statuses[i].english);
      g_assert_cmpuint (count_whole (GTK_WIDGET (grid), label), >, 0);
    }
  {
    GListModel *view = G_LIST_MODEL (attest_record_grid_get_view (grid));
    g_autoptr(AttestRecord) done = g_list_model_get_item (view, 0);
    g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (now);
    g_autoptr(GDateTime) today = g_date_time_new_now_local ();
    g_autofree char *moment = attest_format_moment (time, today);
    g_autofree char *attested = g_strdup_printf (_("Attested %s"), moment);

    g_assert_nonnull (done);
    g_assert_cmpuint (count_whole (GTK_WIDGET (grid), attested), ==, 1);
  }

  attest_record_grid_show_details (grid, 1);
  attest_test_present_and_wait (GTK_WINDOW (window));
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    gboolean reason = FALSE;

    attest_test_find_shown (GTK_WIDGET (attest_record_grid_get_details (grid)),
                            ADW_TYPE_ACTION_ROW, rows);
    for (guint i = 0; i < rows->len; i++)
      reason |= g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)),
                           _("Partner Center’s Reason")) == 0;
    g_assert_true (reason);
    g_assert_cmpstr (_("Partner Center’s Reason"), !=, "Partner Center’s Reason");
  }
  shot = g_strdup_printf ("grid-details-%s", language);
  attest_test_save_screenshot (GTK_WIDGET (window), shot);

  /* The columns that gave way to the details come back. */
  attest_record_grid_hide_details (grid);
  g_assert_true (attest_test_wait_until (phone_shown, window, 5000));
  g_free (shot);
  shot = g_strdup_printf ("grid-statuses-%s", language);
  attest_test_save_screenshot (GTK_WIDGET (window), shot);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *locale = g_strdup_printf ("%s_%s.UTF-8", language,
                                             g_str_equal (language, "fr") ? "FR" : "TR");
  int status;

  /* The language from the translations of this build, and its locale's
   * dates and numbers where the machine has it. */
  g_setenv ("LANGUAGE", language, TRUE);
  attest_test_init (&argc, &argv, ATTEST_TEST_GTK);
  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_test_message ("No %s locale: dates and numbers as C.UTF-8 writes them", locale);
      setlocale (LC_ALL, "C.UTF-8");
    }
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ATTEST_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = attest_test_new_application ();

  g_test_add_func ("/grid-language/statuses-fit", test_statuses_fit);

  status = g_test_run ();
  g_clear_object (&application);

  return status;
}
