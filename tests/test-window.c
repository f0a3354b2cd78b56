/* test-window.c: the main window in a real display (ui suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "attest-account-button.h"
#include "attest-application.h"
#include "attest-editable-cell.h"
#include "attest-record-grid.h"
#include "attest-test-gtk.h"
#include "attest-test-init.h"
#include "attest-window.h"

/* One application per process: it exports itself on the session bus. */
static AttestApplication *shared_application;

static AttestApplication *
new_registered_application (void)
{
  return g_object_ref (shared_application);
}

static GtkWidget *
template_child (AttestWindow *window,
                const char   *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (window), ATTEST_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static void
test_window_empty_state (void)
{
  g_autoptr(AttestApplication) application = new_registered_application ();
  AttestWindow *window = attest_window_new (application);
  GtkWidget *stack;
  GtkWidget *empty_page;

  attest_test_present_and_wait (GTK_WINDOW (window));

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Attest");

  stack = template_child (window, "main_stack");
  empty_page = template_child (window, "empty_page");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  g_assert_true (gtk_widget_get_mapped (empty_page));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (empty_page)), ==,
                   "No Customers Yet");
  /* The job as it is since 2026-01-05: who has accepted the agreement. */
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (empty_page)), ==,
                   "Fetch your customers from Partner Center to see which have accepted the "
                   "Microsoft Customer Agreement, or drop a CSV file here.");

  attest_test_save_screenshot (GTK_WIDGET (window), "window-empty");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The actions of the items of @menu, its sections and submenus, in order;
 * every item has one. */
static void
collect_menu_actions (GMenuModel *menu,
                      GPtrArray  *actions)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);
      char *action = NULL;

      if (section != NULL)
        collect_menu_actions (section, actions);
      else if (submenu != NULL)
        collect_menu_actions (submenu, actions);
      else
        {
          g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION,
                                                          "s", &action));
          g_ptr_array_add (actions, action);
        }
    }
}

/* Whether @widget's class installs the action @name. */
static gboolean
has_class_action (GtkWidget  *widget,
                  const char *name)
{
  const GVariantType *parameter_type;
  const char *property_name;
  const char *action_name;
  GType owner;

  for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (widget), i, &owner,
                                                   &action_name, &parameter_type,
                                                   &property_name); i++)
    {
      if (g_str_equal (action_name, name))
        return TRUE;
    }

  return FALSE;
}

static void
test_window_primary_menu (void)
{
  g_autoptr(AttestApplication) application = new_registered_application ();
  AttestWindow *window = attest_window_new (application);
  GtkWidget *button;
  GMenuModel *menu;
  g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);

  attest_test_present_and_wait (GTK_WINDOW (window));

  button = template_child (window, "primary_menu_button");
  g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (button)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Main Menu");

  /* Every item of the primary menu names an action that exists: the
   * columns of either flow, the sort submenu (the keyboard's way to sort),
   * then the application's items. */
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_nonnull (menu);
  collect_menu_actions (menu, actions);
  g_assert_cmpuint (actions->len, ==, 21);
  g_assert_cmpstr (g_ptr_array_index (actions, 0), ==, "win.flow");
  g_assert_cmpstr (g_ptr_array_index (actions, 1), ==, "win.flow");
  for (guint i = 2; i < 16; i++)
    g_assert_cmpstr (g_ptr_array_index (actions, i), ==, "win.sort-column");
  g_assert_cmpstr (g_ptr_array_index (actions, 16), ==, "win.sort-descending");
  g_assert_cmpstr (g_ptr_array_index (actions, 17), ==, "win.show-runs");
  g_assert_cmpstr (g_ptr_array_index (actions, 18), ==, "app.preferences");
  g_assert_cmpstr (g_ptr_array_index (actions, 19), ==, "win.show-help-overlay");
  g_assert_cmpstr (g_ptr_array_index (actions, 20), ==, "app.about");
  g_assert_true (has_class_action (GTK_WIDGET (window), "win.show-help-overlay"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (application), "about"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_quit_accelerator (void)
{
  g_autoptr(AttestApplication) application = new_registered_application ();
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                                 "app.quit");

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (application), "quit"));
  g_assert_nonnull (accels);
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>q"));
}

static AdwAboutWindow *
find_about_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window))
        return ADW_ABOUT_WINDOW (window);
    }

  return NULL;
}

static void
test_window_about (void)
{
  g_autoptr(AttestApplication) application = new_registered_application ();
  AttestWindow *window = attest_window_new (application);
  AdwAboutWindow *about;

  attest_test_present_and_wait (GTK_WINDOW (window));
  g_assert_null (find_about_window ());

  g_action_group_activate_action (G_ACTION_GROUP (application), "about", NULL);
  about = find_about_window ();
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Attest");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));

  attest_test_present_and_wait (GTK_WINDOW (about));
  attest_test_save_screenshot (GTK_WIDGET (about), "about");

  gtk_window_destroy (GTK_WINDOW (about));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The shortcuts of the shortcuts window, in @found. */
static void
find_shortcuts (GtkWidget *widget,
                GPtrArray *found)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    g_ptr_array_add (found, widget);

  for (GtkWidget *item = gtk_widget_get_first_child (widget);
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    find_shortcuts (item, found);
}

/* The accelerators @shortcuts show, as gtk_accelerator_name() writes
 * them: a shortcut naming an action shows the application's accelerators
 * for it. */
static GHashTable *
shown_accelerators (GtkApplication *application,
                    GPtrArray      *shortcuts)
{
  GHashTable *shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;
      g_auto(GStrv) accels = NULL;

      g_object_get (g_ptr_array_index (shortcuts, i), "accelerator", &accelerator,
                    "action-name", &action, NULL);
      if (action != NULL)
        accels = gtk_application_get_accels_for_action (application, action);
      else
        accels = g_strsplit (accelerator, " ", -1);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          guint key = 0;
          GdkModifierType mods = 0;

          g_assert_true (gtk_accelerator_parse (accels[j], &key, &mods));
          g_hash_table_add (shown, gtk_accelerator_name (key, mods));
        }
    }

  return shown;
}

/* Asserts that every key binding @widget's class gives an action of
 * @prefix ("win.") is in @shown, by one of its keys at least. */
static void
assert_bindings_shown (GtkWidget  *widget,
                       const char *prefix,
                       GHashTable *shown)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GHashTable) missing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_bindings = 0;
  GHashTableIter iter;
  const char *action;
  const char *keys;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *named = gtk_shortcut_get_action (shortcut);
          GtkKeyvalTrigger *keys_trigger;
          g_autofree char *key = NULL;

          if (!GTK_IS_NAMED_ACTION (named) || !GTK_IS_KEYVAL_TRIGGER (trigger)
              || !g_str_has_prefix (gtk_named_action_get_action_name (GTK_NAMED_ACTION (named)),
                                    prefix))
            continue;

          n_bindings++;
          action = gtk_named_action_get_action_name (GTK_NAMED_ACTION (named));
          keys_trigger = GTK_KEYVAL_TRIGGER (trigger);
          key = gtk_accelerator_name (gtk_keyval_trigger_get_keyval (keys_trigger),
                                      gtk_keyval_trigger_get_modifiers (keys_trigger));
          if (g_hash_table_contains (shown, key))
            g_hash_table_add (found, g_strdup (action));
          else
            g_hash_table_insert (missing, g_strdup (action), g_steal_pointer (&key));
        }
    }

  g_assert_cmpuint (n_bindings, >, 0);
  g_hash_table_iter_init (&iter, missing);
  while (g_hash_table_iter_next (&iter, (gpointer *) &action, (gpointer *) &keys))
    if (!g_hash_table_contains (found, action))
      g_error ("The shortcuts window does not show %s (%s)", keys, action);
}

static void
test_window_help_overlay (void)
{
  g_autoptr(AttestApplication) application = new_registered_application ();
  AttestWindow *window = attest_window_new (application);
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  g_autoptr(GHashTable) shown = NULL;
  g_autoptr(GtkWidget) cell = NULL;
  GtkShortcutsWindow *overlay;

  attest_test_present_and_wait (GTK_WINDOW (window));

  /* No hidden shortcuts window waits among the toplevels: GTK 4.8 crashes
   * when a screen reader asks for one (attest-window-shortcuts.c). */
  g_assert_null (attest_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  overlay = GTK_SHORTCUTS_WINDOW (attest_test_wait_for_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  attest_test_present_and_wait (GTK_WINDOW (overlay));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  attest_test_save_screenshot (GTK_WIDGET (overlay), "help-overlay");

  /* Shortcuts are described in sentence case: "Fetch from Partner Center",
   * as the empty state's button says it. */
  find_shortcuts (GTK_WIDGET (overlay), shortcuts);
  g_assert_cmpuint (shortcuts->len, >=, 10);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *title = NULL;
      g_auto(GStrv) words = NULL;

      g_object_get (g_ptr_array_index (shortcuts, i), "title", &title, NULL);
      words = g_strsplit (title, " ", -1);
      g_assert_true (g_ascii_isupper (title[0]));
      for (guint j = 1; words[j] != NULL; j++)
        if (!g_strv_contains ((const char * const[]) { "Partner", "Center", "CSV", NULL },
                              words[j]))
          g_assert_false (g_ascii_isupper (words[j][0]));
    }

  /* Every key the window, its grid and the grid's cells bind is there,
   * and so is Space, which marks or unmarks the focused row. */
  shown = shown_accelerators (GTK_APPLICATION (application), shortcuts);
  cell = g_object_ref_sink (attest_editable_cell_new ());
  assert_bindings_shown (GTK_WIDGET (window), "win.", shown);
  assert_bindings_shown (GTK_WIDGET (template_child (window, "grid")), "grid.", shown);
  assert_bindings_shown (cell, "editing.", shown);
  g_assert_true (g_hash_table_contains (shown, "space"));
  g_assert_true (g_hash_table_contains (shown, "<Control>q"));
  g_assert_true (g_hash_table_contains (shown, "<Control>comma"));

  /* Closed, it is gone, not hidden. */
  gtk_window_close (GTK_WINDOW (overlay));
  g_assert_null (attest_test_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The widget inside @widget with the style class @name, or NULL. */
static GtkWidget *
find_styled (GtkWidget  *widget,
             const char *name)
{
  if (gtk_widget_has_css_class (widget, name))
    return widget;

  for (GtkWidget *item = gtk_widget_get_first_child (widget);
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *found = find_styled (item, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whether @widget shows a widget of @type. */
static gboolean
shows_type (GtkWidget *widget,
            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    return TRUE;

  for (GtkWidget *item = gtk_widget_get_first_child (widget);
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    if (shows_type (item, type))
      return TRUE;

  return FALSE;
}

/* While a file is dragged over the window, a hint says that dropping it
 * opens it; it goes when the drag leaves. The drag is its drop target's
 * signals, as GTK emits them. */
static void
test_window_drop_hint (void)
{
  g_autoptr(AttestApplication) application = new_registered_application ();
  AttestWindow *window = attest_window_new (application);
  GtkDropTarget *target = attest_test_find_drop_target (GTK_WIDGET (window));
  GtkWidget *hint = find_styled (GTK_WIDGET (window), "drop-hint");
  GdkDragAction action = 0;

  g_assert_nonnull (target);
  g_assert_nonnull (hint);
  attest_test_present_and_wait (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_mapped (hint));

  g_signal_emit_by_name (target, "enter", 200.0, 300.0, &action);
  g_assert_cmpint (action, ==, GDK_ACTION_COPY);
  attest_test_present_and_wait (GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_mapped (hint));
  g_assert_false (gtk_widget_get_can_target (hint));
  attest_test_save_screenshot (GTK_WIDGET (window), "window-drop-hint");

  g_signal_emit_by_name (target, "leave");
  g_assert_false (gtk_widget_get_visible (hint));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* In the sandbox, a small tag beside the title says so, in place of the
 * account button. Runs last: the application stays in the sandbox. */
static void
test_window_sandbox_badge (void)
{
  g_autoptr(AttestApplication) application = new_registered_application ();
  g_autoptr(GError) error = NULL;
  AttestWindow *window;
  GtkWidget *badge;
  GtkWidget *header;

  g_assert_true (attest_connection_start_sandbox (attest_application_get_connection (application),
                                                   5, &error));
  g_assert_no_error (error);
  window = attest_window_new (application);
  attest_test_present_and_wait (GTK_WINDOW (window));

  badge = template_child (window, "sandbox_badge");
  header = template_child (window, "header_bar");
  g_assert_true (gtk_widget_get_mapped (badge));
  g_assert_true (gtk_widget_is_ancestor (badge, adw_header_bar_get_title_widget (
                                                  ADW_HEADER_BAR (header))));
  g_assert_false (shows_type (header, ATTEST_TYPE_ACCOUNT_BUTTON));
  g_assert_cmpint (gtk_widget_get_height (badge), <=, gtk_widget_get_height (header) / 2);
  attest_test_save_screenshot (header, "window-sandbox-badge");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  attest_test_init (&argc, &argv, ATTEST_TEST_GTK);

  shared_application = attest_test_new_application ();

  g_test_add_func ("/window/empty-state", test_window_empty_state);
  g_test_add_func ("/window/primary-menu", test_window_primary_menu);
  g_test_add_func ("/window/quit-accelerator", test_window_quit_accelerator);
  g_test_add_func ("/window/about", test_window_about);
  g_test_add_func ("/window/help-overlay", test_window_help_overlay);
  g_test_add_func ("/window/drop-hint", test_window_drop_hint);
  g_test_add_func ("/window/sandbox-badge", test_window_sandbox_badge);

  status = g_test_run ();
  g_clear_object (&shared_application);

  return status;
}
