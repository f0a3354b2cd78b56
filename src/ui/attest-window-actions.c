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
  _attest_window_show_read_fraction (self, fraction);
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
                                            "Imported %2$'u customers from %1$s; %3$'u needs "
                                            "fixing",
                                            "Imported %2$'u customers from %1$s; %3$'u need "
                                            "fixing",
                                            counts.problems),
                               name, counts.total, counts.problems);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Imported %2$'u customer from %1$s",
                                            "Imported %2$'u customers from %1$s",
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
  if (!attest_record_grid_get_all_rows (self->grid))
    return;
  g_signal_handlers_disconnect_by_func (clock, on_rows_painted, self);
  check_records (self);
}

/* The records of a file come unchecked: they are checked once the frames
 * that show their rows are drawn (the grid shows a long file's first rows
 * first, and makes the others in the frames after), as checking on both
 * cores would hold those frames back. Until then the status bar says so, and nothing can be
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
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->file_load != NULL)
    g_signal_handlers_disconnect_by_data (self->file_load, self);
  g_clear_object (&self->file_load);

  self->file_load = g_object_ref (load);
  self->loading = g_object_ref (attest_file_load_get_cancellable (load));

  _attest_window_show_reading (self, attest_file_load_get_file (load));
  _attest_window_show_read_fraction (self, attest_file_load_get_fraction (load));
  self->progress_shown_at = 0;

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

/* While the customers are fetched, no file is opened: the window shows
 * one or the other, never both. Says so and returns TRUE then. */
static gboolean
refuse_while_fetching (AttestWindow *self)
{
  if (!_attest_window_is_fetching (self))
    return FALSE;

  attest_window_show_toast (self, _("Customers are being fetched: cancel the fetch to open a "
                                    "file"));
  return TRUE;
}

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     AttestWindow     *self)
{
  g_autoptr(GFile) file = g_steal_pointer (&self->pending_open);

  if (g_strcmp0 (response, "discard") == 0 && file != NULL && !refuse_while_fetching (self))
    load_file (self, file);
}

/* Unsaved edits are never dropped silently: ask first. */
void
_attest_window_open_file (AttestWindow *self,
                          GFile        *file)
{
  if (refuse_while_fetching (self))
    return;

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

static void
on_export_written (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GFile *file = G_FILE (object);
  g_autoptr(GTask) task = user_data;
  AttestWindow *self = g_task_get_source_object (task);
  AttestRecordStore *store = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (file, result, NULL, &error))
    {
      attest_window_show_error (self, _("Cannot Export the Customers"), error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  name = g_file_get_basename (file);
  /* Translators: %s is a file name. */
  message = g_strdup_printf (_("Exported to %s"), name);
  attest_record_store_set_dirty (store, FALSE);
  attest_window_show_toast (self, message);
  g_task_return_boolean (task, TRUE);
}

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  AttestWindow *self = g_task_get_source_object (task);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (response != GTK_RESPONSE_ACCEPT || self->store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The export was cancelled");
      g_object_unref (chooser);
      return;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  bytes = attest_csv_write_bytes (self->store, ATTEST_CSV_FORMAT_COMPATIBLE);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                       on_export_written, g_steal_pointer (&task));
  g_object_unref (chooser);
}

/* Asks where to export the customers and writes them there; finishes with
 * TRUE once written, with G_IO_ERROR_CANCELLED when no file was chosen, or
 * with the error the window has shown. */
void
_attest_window_export_async (AttestWindow        *self,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = csv_filter ();
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  g_autofree char *name = NULL;

  g_task_set_source_tag (task, _attest_window_export_async);

  chooser = gtk_file_chooser_native_new (_("Export Customers"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  /* Microsoft's tool reads and writes this name. */
  name = self->file != NULL ? g_file_get_basename (self->file)
                            : g_strdup ("CustomerAgreementRecords.csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response),
                    g_steal_pointer (&task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

gboolean
_attest_window_export_finish (AttestWindow  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _attest_window_export_async (ATTEST_WINDOW (widget), NULL, NULL);
}

/* Marking */

/* Whether Partner Center has the customer's attestation: its mark stays. */
static gboolean
is_done (AttestRecordStore *store,
         guint              index)
{
  AttestRecordStatus status = attest_record_store_get_status (store, index);

  return status == ATTEST_RECORD_STATUS_ATTESTED || status == ATTEST_RECORD_STATUS_ALREADY_ATTESTED;
}

/* Whether a record marked could be sent: attested in the classic flow,
 * which takes no record with problems to fix; in the current flow, asked
 * for its acceptance unless it needs nothing more (a request's review
 * shows those it holds back, and why). */
static gboolean
can_be_sent (AttestWindow *self,
             guint         index)
{
  if (is_done (self->store, index))
    return FALSE;
  if (attest_record_grid_get_current_flow (self->grid))
    return !attest_mca_state_needs_nothing (attest_record_store_get_mca_state (self->store,
                                                                               index));

  return attest_record_store_get_problems (self->store, index) == 0;
}

static void
forget_marks (AttestWindow *self)
{
  if (self->marks_toast != NULL)
    adw_toast_dismiss (self->marks_toast);
  g_clear_weak_pointer (&self->marks_toast);
  g_clear_object (&self->marks_store);
  g_clear_pointer (&self->marks_changed, g_array_unref);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-marks", FALSE);
}

/* Marks (or unmarks) the customers shown that can be sent (or that are
 * not done), says how many changed, and offers to undo it. */
static void
mark_shown (AttestWindow *self,
            gboolean      attested)
{
  g_autofree char *message = NULL;
  AdwToast *toast;
  GListModel *view;
  GArray *changed;
  guint n;

  if (self->store == NULL || self->view == NULL)
    return;

  forget_marks (self);
  changed = g_array_new (FALSE, FALSE, sizeof (guint));
  view = G_LIST_MODEL (self->view);
  n = g_list_model_get_n_items (view);
  for (guint position = 0; position < n; position++)
    {
      guint index = attest_record_view_get_index (self->view, position);

      if (attest_record_store_get_attested (self->store, index) == attested)
        continue;
      if (attested ? !can_be_sent (self, index) : is_done (self->store, index))
        continue;

      attest_record_store_set_attested (self->store, index, attested);
      g_array_append_val (changed, index);
    }

  if (changed->len == 0)
    {
      g_array_unref (changed);
      attest_window_show_toast (self, attested
                                ? _("Nothing to mark: the customers shown are marked already, "
                                    "done, or have problems to fix first")
                                : _("Nothing to unmark: the customers shown are not marked, or "
                                    "are done"));
      return;
    }

  self->marks_store = g_object_ref (self->store);
  self->marks_changed = changed;
  self->marks_attested = attested;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-marks", TRUE);

  if (attested)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Marked %'u customer",
                                            "Marked %'u customers", changed->len),
                               changed->len);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Unmarked %'u customer",
                                            "Unmarked %'u customers", changed->len),
                               changed->len);
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-marks");
  g_set_weak_pointer (&self->marks_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
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

/* Puts back the marks the last Mark All Shown or Unmark All Shown changed
 * (its toast's Undo, or Ctrl+Z), in the store it changed them in. */
static void
undo_marks_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AttestWindow *self = ATTEST_WINDOW (widget);

  if (self->marks_changed != NULL && self->marks_store == self->store)
    {
      for (guint i = 0; i < self->marks_changed->len; i++)
        attest_record_store_set_attested (self->store,
                                          g_array_index (self->marks_changed, guint, i),
                                          !self->marks_attested);
    }

  forget_marks (self);
}

/* Space or a click on a done customer's check box: say why it stays. */
static void
on_mark_kept (AttestWindow *self,
              AttestRecord *record,
              const char   *reason)
{
  attest_window_show_toast (self, reason);
}

void
_attest_window_actions_init (AttestWindow *self)
{
  g_signal_connect_object (self->grid, "mark-kept", G_CALLBACK (on_mark_kept), self,
                           G_CONNECT_SWAPPED);
}

/* What the actions keep: dropped with the window. */
void
_attest_window_actions_dispose (AttestWindow *self)
{
  g_clear_weak_pointer (&self->marks_toast);
  g_clear_object (&self->marks_store);
  g_clear_pointer (&self->marks_changed, g_array_unref);
}

void
_attest_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.mark-shown", NULL, mark_shown_action);
  gtk_widget_class_install_action (widget_class, "win.unmark-shown", NULL, unmark_shown_action);
  gtk_widget_class_install_action (widget_class, "win.undo-marks", NULL, undo_marks_action);
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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo-marks", NULL);
}
