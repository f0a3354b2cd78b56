/* attest-window-actions.c: the window's actions (win.*)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-window-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-csv-reader.h"
#include "attest-csv-writer.h"
#include "attest-window-private.h"

/* Importing */

/* The bar moves at most ten times a second: each move redraws the window,
 * and on the main thread, which shares the processor with the threads that
 * read the file. */
#define PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 10)

static void
on_loading_progress (AttestWindow   *self,
                     double          fraction,
                     AttestFileLoad *load)
{
  gint64 now = g_get_monotonic_time ();

  if (fraction < 1.0 && now - self->progress_shown_at < PROGRESS_INTERVAL_US)
    return;

  self->progress_shown_at = now;
  gtk_progress_bar_set_fraction (self->loading_progress, CLAMP (fraction, 0.0, 1.0));
}

static void
show_file_problems (AttestWindow *self,
                    GPtrArray    *problems)
{
  g_autoptr(GString) body = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      AttestRecordProblem *problem = g_ptr_array_index (problems, i);

      if (body->len > 0)
        g_string_append (body, "\n\n");
      g_string_append (body, problem->message);
    }

  attest_window_show_error (self, _("The File Needs Attention"), body->str);
}

static void
announce_import (AttestWindow      *self,
                 AttestRecordStore *store,
                 GFile             *file)
{
  AttestRecordCounts counts = { 0 };
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *message = NULL;
  GPtrArray *file_problems = attest_record_store_get_file_problems (store);

  attest_record_store_get_counts (store, &counts);
  if (counts.problems > 0)
    /* Translators: the first %s is a file name. */
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Imported %2$u customers from %1$s; %3$u needs fixing",
                                            "Imported %2$u customers from %1$s; %3$u need fixing",
                                            counts.problems),
                               name, counts.total, counts.problems);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Imported %2$u customer from %1$s",
                                            "Imported %2$u customers from %1$s",
                                            counts.total),
                               name, counts.total);
  attest_window_show_toast (self, message);

  if (file_problems != NULL && file_problems->len > 0)
    show_file_problems (self, file_problems);
}

/* What a file holds is told once its records are checked. */
static void
on_store_checked (AttestWindow      *self,
                  AttestRecordStore *store)
{
  g_signal_handlers_disconnect_by_func (store, on_store_checked, self);
  if (store == self->store && self->file != NULL)
    announce_import (self, store, self->file);
}

static void
on_records_checked (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!attest_record_store_check_finish (ATTEST_RECORD_STORE (object), result, &error))
    g_warning ("Could not check the records: %s", error->message);
}

static void
check_records (AttestWindow *self)
{
  if (self->store != NULL && attest_record_store_get_checking (self->store))
    attest_record_store_check_async (self->store, NULL, on_records_checked, NULL);
}

static void
on_rows_painted (GdkFrameClock *clock,
                 AttestWindow  *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_rows_painted, self);
  check_records (self);
}

/* The records of a file come unchecked: they are checked once the frame
 * that shows their rows is drawn, as checking on both cores would hold
 * that frame back. Until then the status bar says so, and nothing can be
 * sent or exported (attest_window_update_actions()). */
static void
check_records_after_paint (AttestWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      check_records (self);
      return;
    }

  g_signal_handlers_disconnect_by_func (clock, on_rows_painted, self);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_rows_painted), self, 0);
}

static void
on_file_loaded (AttestWindow   *self,
                AttestFileLoad *load)
{
  g_autoptr(AttestFileLoad) finished = g_steal_pointer (&self->file_load);
  g_autoptr(GError) error = NULL;
  AttestRecordStore *store = attest_file_load_get_store (load, &error);
  GFile *file = attest_file_load_get_file (load);

  g_signal_handlers_disconnect_by_data (load, self);
  g_clear_object (&self->loading);

  if (store == NULL)
    {
      attest_window_set_store (self, self->store, self->file);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        attest_window_show_error (self, _("Cannot Open the File"), error->message);
      return;
    }

  attest_window_set_store (self, store, file);
  if (!attest_record_store_get_checking (store))
    {
      announce_import (self, store, file);
      return;
    }
  g_signal_connect_object (store, "checked", G_CALLBACK (on_store_checked), self,
                           G_CONNECT_SWAPPED);
  check_records_after_paint (self);
}

/* Shows the loading page for @load and its records once read; a load
 * followed before drops the one before. */
void
_attest_window_follow_load (AttestWindow   *self,
                            AttestFileLoad *load)
{
  g_autofree char *name = g_file_get_basename (attest_file_load_get_file (load));
  g_autofree char *title = NULL;

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->file_load != NULL)
    g_signal_handlers_disconnect_by_data (self->file_load, self);
  g_clear_object (&self->file_load);

  self->file_load = g_object_ref (load);
  self->loading = g_object_ref (attest_file_load_get_cancellable (load));

  /* Translators: %s is a file name. */
  title = g_strdup_printf (_("Reading %s…"), name);
  adw_status_page_set_title (self->loading_page, title);
  gtk_progress_bar_set_fraction (self->loading_progress, attest_file_load_get_fraction (load));
  self->progress_shown_at = 0;
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  gtk_action_bar_set_revealed (self->status_bar, FALSE);
  attest_window_update_actions (self);

  if (attest_file_load_get_finished (load))
    {
      on_file_loaded (self, load);
      return;
    }

  g_signal_connect_object (load, "progress", G_CALLBACK (on_loading_progress), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (load, "finished", G_CALLBACK (on_file_loaded), self,
                           G_CONNECT_SWAPPED);
}

static void
load_file (AttestWindow *self,
           GFile        *file)
{
  g_autoptr(AttestFileLoad) load = NULL;
  g_autofree char *name = g_file_get_basename (file);

  g_info ("Importing %s", name);
  load = attest_file_load_new (file);
  _attest_window_follow_load (self, load);
}

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     AttestWindow     *self)
{
  g_autoptr(GFile) file = g_steal_pointer (&self->pending_open);

  if (g_strcmp0 (response, "discard") == 0 && file != NULL)
    load_file (self, file);
}

/* Unsaved edits are never dropped silently: ask first. */
void
_attest_window_open_file (AttestWindow *self,
                          GFile        *file)
{
  if (self->store == NULL || !attest_record_store_get_dirty (self->store))
    {
      load_file (self, file);
      return;
    }

  g_set_object (&self->pending_open, file);
  attest_window_confirm_discard (self,
                                 _("The customers you edited have not been exported. Opening "
                                   "another file discards those edits."),
                                 G_CALLBACK (on_discard_response));
}

static GtkFileFilter *
csv_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "txt");

  return filter;
}

static void
on_import_response (GtkNativeDialog *chooser,
                    int              response,
                    AttestWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      _attest_window_open_file (self, file);
    }

  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = csv_filter ();

  chooser = gtk_file_chooser_native_new (_("Import Customers"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Exporting */

typedef struct
{
  AttestWindow      *window;
  AttestRecordStore *store;
} ExportData;

static void
on_export_written (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GFile *file = G_FILE (object);
  ExportData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (file, result, NULL, &error))
    {
      attest_window_show_error (data->window, _("Cannot Export the Customers"), error->message);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: %s is a file name. */
      g_autofree char *message = g_strdup_printf (_("Exported to %s"), name);

      attest_record_store_set_dirty (data->store, FALSE);
      attest_window_show_toast (data->window, message);
    }

  g_object_unref (data->window);
  g_object_unref (data->store);
  g_free (data);
}

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    AttestWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GBytes) bytes = attest_csv_write_bytes (self->store, ATTEST_CSV_FORMAT_COMPATIBLE);
      ExportData *data = g_new0 (ExportData, 1);

      data->window = g_object_ref (self);
      data->store = g_object_ref (self->store);
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                           G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                           on_export_written, data);
    }

  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = csv_filter ();
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Export Customers"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  /* Microsoft's tool reads and writes this name. */
  name = self->file != NULL ? g_file_get_basename (self->file)
                            : g_strdup ("CustomerAgreementRecords.csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Marking */

static void
mark_shown (AttestWindow *self,
            gboolean      attested)
{
  GListModel *view;
  guint n;

  if (self->store == NULL)
    return;

  view = G_LIST_MODEL (self->view);
  n = g_list_model_get_n_items (view);
  for (guint position = 0; position < n; position++)
    attest_record_store_set_attested (self->store,
                                      attest_record_view_get_index (self->view, position),
                                      attested);
}

static void
mark_shown_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  mark_shown (ATTEST_WINDOW (widget), TRUE);
}

static void
unmark_shown_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  mark_shown (ATTEST_WINDOW (widget), FALSE);
}

void
_attest_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.mark-shown", NULL, mark_shown_action);
  gtk_widget_class_install_action (widget_class, "win.unmark-shown", NULL, unmark_shown_action);
  gtk_widget_class_install_property_action (widget_class, "win.search", "search-mode");
  gtk_widget_class_install_property_action (widget_class, "win.sort-column", "sort-column");
  gtk_widget_class_install_property_action (widget_class, "win.sort-descending",
                                            "sort-descending");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
}
