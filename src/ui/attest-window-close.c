/* attest-window-close.c: closing the window, or quitting, without losing
 * edits
 *
 * Edits and marks live in the window until they are exported. Closing a
 * window that has some, or quitting with it open, asks first: Export…
 * (the window closes once the file is written; a cancelled or failed
 * export keeps it open), Discard, or Cancel. Nothing is asked when nothing
 * would be lost. A cell being edited keeps what was typed first, as moving
 * the focus away would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-window-close"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-window-private.h"

/* Whether closing the window now would lose edits or marks that were not
 * exported. */
gboolean
attest_window_has_unsaved_changes (AttestWindow *self)
{
  g_return_val_if_fail (ATTEST_IS_WINDOW (self), FALSE);

  return self->store != NULL && attest_record_store_get_dirty (self->store);
}

/* Ends the edit of the cell that has the focus, keeping its text. */
static void
keep_cell_edit (AttestWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL)
    gtk_widget_activate_action (focus, "editing.stop", "b", TRUE);
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!_attest_window_export_finish (ATTEST_WINDOW (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  g_autoptr(GTask) task = user_data;
  AttestWindow *self = g_task_get_source_object (task);

  self->close_question = NULL;
  /* The answer may close the window before the question is gone: the
   * question must not outlive it still tied to it (GTK 4.8 then unties
   * it from a freed window). */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);

  if (g_str_equal (response, "discard"))
    g_task_return_boolean (task, TRUE);
  else if (g_str_equal (response, "export"))
    _attest_window_export_async (self, on_exported, g_steal_pointer (&task));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Closing was cancelled");
}

/* Asks, when closing the window would lose edits or marks, whether to
 * export them first (@quitting: because Attest quits). Finishes with TRUE
 * when the window may go: nothing to lose, discarded, or exported; else
 * with G_IO_ERROR_CANCELLED, or the error of an export that failed, which
 * the window has shown. It does not close the window. */
void
attest_window_ask_to_close_async (AttestWindow        *self,
                                  gboolean             quitting,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (ATTEST_IS_WINDOW (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, attest_window_ask_to_close_async);

  keep_cell_edit (self);
  if (!attest_window_has_unsaved_changes (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Asked already: the question stands, and this one is answered no. */
  if (self->close_question != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->close_question));
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Asked already");
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Export Your Changes?"),
                                                       quitting
                                                       ? _("The customers you edited or marked "
                                                           "have not been exported. If you quit "
                                                           "without exporting them, those "
                                                           "changes are lost.")
                                                       : _("The customers you edited or marked "
                                                           "have not been exported. If you close "
                                                           "the window without exporting them, "
                                                           "those changes are lost.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "export", _("_Export…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "export");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_response), g_steal_pointer (&task));
  self->close_question = GTK_WIDGET (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
attest_window_ask_to_close_finish (AttestWindow  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_close_answered (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AttestWindow *self = ATTEST_WINDOW (object);

  if (!attest_window_ask_to_close_finish (self, result, NULL))
    return;

  self->close_allowed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* GtkWindow::close-request: TRUE keeps the window open, while the
 * question is asked. */
gboolean
_attest_window_close_request (AttestWindow *self)
{
  keep_cell_edit (self);
  if (self->close_allowed || !attest_window_has_unsaved_changes (self))
    return FALSE;

  attest_window_ask_to_close_async (self, FALSE, on_close_answered, NULL);
  return TRUE;
}
