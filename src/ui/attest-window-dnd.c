/* attest-window-dnd.c: dropping a CSV file onto the window
 *
 * While a file is dragged over the window, a hint over the records or the
 * empty state says what dropping it does. While the window fetches the
 * customers from Partner Center, it takes no file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-window-dnd"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-window-private.h"

static GdkDragAction
on_drag_enter (GtkDropTarget *target,
               double         x,
               double         y,
               AttestWindow  *self)
{
  /* No file is opened while the customers are fetched. */
  if (_attest_window_is_fetching (self))
    return 0;

  gtk_widget_set_visible (self->drop_hint, TRUE);
  return GDK_ACTION_COPY;
}

static void
on_drag_leave (GtkDropTarget *target,
               AttestWindow  *self)
{
  gtk_widget_set_visible (self->drop_hint, FALSE);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         AttestWindow  *self)
{
  GSList *files;

  gtk_widget_set_visible (self->drop_hint, FALSE);
  if (_attest_window_is_fetching (self) || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
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

/* Lays the hint over the window's main area, below the header and search
 * bars and above the status bar. */
static void
add_drop_hint (AttestWindow *self)
{
  GtkWidget *main_area = GTK_WIDGET (self->main_stack);
  GtkWidget *box = gtk_widget_get_parent (main_area);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("document-open-symbolic");
  GtkWidget *label = gtk_label_new (_("Drop the CSV File to Open It"));

  gtk_box_insert_child_after (GTK_BOX (box), overlay, main_area);
  g_object_ref (main_area);
  gtk_box_remove (GTK_BOX (box), main_area);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), main_area);
  g_object_unref (main_area);

  gtk_image_set_pixel_size (GTK_IMAGE (icon), 64);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "title-2");
  gtk_box_append (GTK_BOX (content), icon);
  gtk_box_append (GTK_BOX (content), label);
  gtk_widget_set_halign (content, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (content, GTK_ALIGN_CENTER);

  self->drop_hint = adw_bin_new ();
  adw_bin_set_child (ADW_BIN (self->drop_hint), content);
  gtk_widget_add_css_class (self->drop_hint, "drop-hint");
  gtk_widget_set_can_target (self->drop_hint, FALSE);
  gtk_widget_set_visible (self->drop_hint, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->drop_hint);
}

void
_attest_window_dnd_init (AttestWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  add_drop_hint (self);
  g_signal_connect_object (target, "enter", G_CALLBACK (on_drag_enter), self, 0);
  g_signal_connect_object (target, "leave", G_CALLBACK (on_drag_leave), self, 0);
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
