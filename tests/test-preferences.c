/* test-preferences.c: the preferences window (ui suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "attest-preferences-window.h"
#include "attest-settings.h"
#include "attest-test-gtk.h"
#include "attest-test-init.h"

static GtkWidget *
child (AttestPreferencesWindow *window,
       const char              *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window),
                                                   ATTEST_TYPE_PREFERENCES_WINDOW, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static GSettings *
fresh_settings (void)
{
  g_autoptr(GError) error = NULL;
  GSettings *settings = attest_settings_new (&error);
  const char *keys[] = { "strategy", "batch-size", "concurrency", "api-base", "authority",
                         "log-level" };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);

  return settings;
}

static void
test_preferences_show_settings (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  AttestPreferencesWindow *window;

  g_settings_set_enum (settings, "strategy", 1);
  g_settings_set_int (settings, "batch-size", 123);
  g_settings_set_string (settings, "api-base", "http://127.0.0.1:4000");

  window = attest_preferences_window_new (NULL, settings);
  attest_test_present_and_wait (GTK_WINDOW (window));

  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (window, "strategy_row"))),
                    ==, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (child (window,
                                                                             "batch_size_spin"))),
                   ==, 123);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (window, "api_base_row"))), ==,
                   "http://127.0.0.1:4000");
  /* Zero concurrency reads as a word, not a number. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (window, "concurrency_spin"))), ==,
                   "Automatic");

  g_settings_reset (settings, "strategy");
  g_settings_reset (settings, "batch-size");
  g_settings_reset (settings, "api-base");
  attest_test_present_and_wait (GTK_WINDOW (window));
  attest_test_save_screenshot (GTK_WIDGET (window), "preferences");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_preferences_write_settings (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  AttestPreferencesWindow *window = attest_preferences_window_new (NULL, settings);

  attest_test_present_and_wait (GTK_WINDOW (window));

  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "strategy_row")), 1);
  g_assert_cmpint (g_settings_get_enum (settings, "strategy"), ==, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (window, "log_level_row")), 1);
  g_assert_cmpint (g_settings_get_enum (settings, "log-level"), ==, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (window, "batch_size_spin")), 250);
  g_assert_cmpint (g_settings_get_int (settings, "batch-size"), ==, 250);
  /* The adjustment keeps the value within the schema's range. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (window, "batch_size_spin")), 900);
  g_assert_cmpint (g_settings_get_int (settings, "batch-size"), ==, 500);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (window, "concurrency_spin")), 6);
  g_assert_cmpint (g_settings_get_int (settings, "concurrency"), ==, 6);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
assert_setting (GSettings  *settings,
                const char *key,
                const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_preferences_endpoints_are_checked (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  AttestPreferencesWindow *window = attest_preferences_window_new (NULL, settings);
  GtkWidget *api_base = child (window, "api_base_row");
  GtkWidget *warning = child (window, "endpoint_warning_row");

  attest_test_present_and_wait (GTK_WINDOW (window));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "advanced");

  /* The endpoints are advanced settings, on a page of their own. */
  g_assert_cmpstr (adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (
                     gtk_widget_get_ancestor (api_base, ADW_TYPE_PREFERENCES_PAGE))), ==,
                   "Advanced");
  g_assert_cmpstr (adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (
                     gtk_widget_get_ancestor (child (window, "strategy_row"),
                                              ADW_TYPE_PREFERENCES_PAGE))), ==,
                   "General");
  g_assert_false (gtk_widget_get_visible (warning));

  /* Plain HTTP to another machine is warned of as it is typed, then
   * refused and the setting kept. */
  gtk_editable_set_text (GTK_EDITABLE (api_base), "http://partner.example.com");
  g_assert_true (gtk_widget_get_visible (warning));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (warning)),
                            "http://partner.example.com” uses plain HTTP"));
  g_assert_false (gtk_widget_has_css_class (api_base, "error"));
  g_signal_emit_by_name (api_base, "apply");
  g_assert_true (gtk_widget_has_css_class (api_base, "error"));
  g_assert_true (gtk_widget_get_visible (warning));
  assert_setting (settings, "api-base", "https://api.partnercenter.microsoft.com");
  attest_test_save_screenshot (GTK_WIDGET (window), "preferences-endpoint-warning");

  /* What is not an address is said when applied. */
  gtk_editable_set_text (GTK_EDITABLE (api_base), "partner center");
  g_assert_false (gtk_widget_get_visible (warning));
  g_signal_emit_by_name (api_base, "apply");
  g_assert_true (gtk_widget_get_visible (warning));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (warning)),
                            "is not a web address"));

  /* This computer may be reached in plain HTTP. */
  gtk_editable_set_text (GTK_EDITABLE (api_base), "  http://127.0.0.1:8080 ");
  g_assert_false (gtk_widget_get_visible (warning));
  g_signal_emit_by_name (api_base, "apply");
  g_assert_false (gtk_widget_has_css_class (api_base, "error"));
  g_assert_false (gtk_widget_get_visible (warning));
  assert_setting (settings, "api-base", "http://127.0.0.1:8080");

  /* Restore puts the defaults back, and the rows follow. */
  g_signal_emit_by_name (child (window, "reset_endpoints_button"), "clicked");
  assert_setting (settings, "api-base", "https://api.partnercenter.microsoft.com");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (api_base)), ==,
                   "https://api.partnercenter.microsoft.com");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_GTK);

  g_test_add_func ("/preferences/show-settings", test_preferences_show_settings);
  g_test_add_func ("/preferences/write-settings", test_preferences_write_settings);
  g_test_add_func ("/preferences/endpoints-are-checked", test_preferences_endpoints_are_checked);

  return g_test_run ();
}
