/* attest-window-shortcuts.c: the shortcuts window, made when it is asked for
 *
 * GtkApplication would make each window's shortcuts window up front and
 * keep it hidden, never realized, among the program's toplevels. GTK 4.8
 * answers a screen reader that asks for a toplevel past the shown ones
 * with that hidden window's accessible, which it has never given a path,
 * and crashes. So the shortcuts window is made from its .ui file when it is
 * shown and is destroyed when it closes, and no hidden window waits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-window-shortcuts"

#include "config.h"

#include "attest-window-private.h"

#define SHORTCUTS_RESOURCE "/io/github/attest/Attest/ui/shortcuts-window.ui"

static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (SHORTCUTS_RESOURCE);
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

void
_attest_window_class_shortcuts_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK,
                                       "win.show-help-overlay", NULL);
}
