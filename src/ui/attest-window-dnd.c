/* attest-window-dnd.c: dropping a CSV file onto the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-window-dnd"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-window-private.h"

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         AttestWindow  *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;

  /* One window shows one file: the first one dropped. */
  if (files->next != NULL)
    attest_window_show_toast (self, _("Only the first of the dropped files was opened"));

  _attest_window_open_file (self, G_FILE (files->data));
  g_slist_free (files);

  return TRUE;
}

void
_attest_window_dnd_init (AttestWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
