/* test-window-french.c: the window in French (ui suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "attest-application.h"
#include "attest-test-gtk.h"
#include "attest-test-utils.h"
#include "attest-window.h"

static gboolean
showing_records (gpointer user_data)
{
  AttestWindow *window = user_data;

  return attest_window_get_store (window) != NULL
         && !attest_record_store_get_checking (attest_window_get_store (window))
         && gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                               ATTEST_TYPE_WINDOW,
                                                                               "status_bar")));
}

static void
test_window_in_french (void)
{
  g_autoptr(AttestApplication) application = attest_test_new_application ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ui", "customers.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AttestWindow *window;
  GtkWidget *empty_page;
  GtkWidget *counts;
  GtkWidget *overlay;

  window = attest_window_new (application);
  attest_test_present_and_wait (GTK_WINDOW (window));

  empty_page = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), ATTEST_TYPE_WINDOW,
                                                          "empty_page"));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (empty_page)), ==,
                   "Aucun client pour l’instant");
  attest_test_save_screenshot (GTK_WIDGET (window), "window-empty-french");

  attest_window_open (window, file);
  g_assert_true (attest_test_wait_until (showing_records, window, 20000));
  counts = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), ATTEST_TYPE_WINDOW,
                                                      "counts_label"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (counts)), "10 clients · 8 cochés"));
  attest_test_save_screenshot (GTK_WIDGET (window), "window-french");

  /* The shortcuts window says the grid's keys in French too. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  overlay = GTK_WIDGET (attest_test_wait_for_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  attest_test_present_and_wait (GTK_WINDOW (overlay));
  g_assert_true (attest_test_shows_label (overlay, "Cocher ou décocher le client actif"));
  g_assert_true (attest_test_shows_label (overlay, "Afficher les détails du client actif"));
  attest_test_save_screenshot (overlay, "help-overlay-french");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* French from the translations of this build. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  attest_test_init (&argc, &argv, ATTEST_TEST_GTK);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ATTEST_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/window/in-french", test_window_in_french);

  return g_test_run ();
}
