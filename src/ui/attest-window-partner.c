/* attest-window-partner.c: what the window does with Partner Center:
 * fetching the customers who need attestation, submitting, and finishing a
 * classic run that was interrupted (a run of the current flow:
 * attest-window-resume.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-window-partner"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-run-replay.h"
#include "attest-submit-dialog.h"
#include "attest-window-private.h"

/* Fetching */

static void
on_fetch_page (GPtrArray *page_records,
               guint      page_number,
               guint      records_so_far,
               gpointer   user_data)
{
  AttestWindow *self = ATTEST_WINDOW (user_data);
  g_autofree char *text = NULL;

  /* Translators: the progress of a fetch, page by page. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Page %u: %u customer so far",
                                       "Page %u: %u customers so far", records_so_far),
                          page_number, records_so_far);
  gtk_progress_bar_set_text (self->loading_progress, text);
  gtk_progress_bar_pulse (self->loading_progress);
}

static void
on_fetched (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AttestWindow) self = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(AttestRecordStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  records = attest_partner_client_fetch_records_finish (ATTEST_PARTNER_CLIENT (object), result,
                                                        &error);
  g_clear_object (&self->loading);

  if (records == NULL)
    {
      attest_window_set_store (self, self->store, self->file);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        attest_window_show_error (self, _("Cannot Fetch the Customers"), error->message);
      return;
    }

  store = attest_partner_records_new_store (records);

  attest_window_set_store (self, store, NULL);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Fetched %u customer who needs attestation",
                                          "Fetched %u customers who need attestation",
                                          records->len),
                             records->len);
  attest_window_show_toast (self, message);
}

static void
on_discard_before_fetch (AdwMessageDialog *dialog,
                         const char       *response,
                         AttestWindow     *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      attest_record_store_set_dirty (self->store, FALSE);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.fetch", NULL);
    }
}

static void
fetch_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(GError) error = NULL;

  if (self->connection == NULL)
    return;

  /* Sign in first; the dialog says how. */
  if (attest_connection_needs_sign_in (self->connection))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.sign-in", NULL);
      return;
    }

  if (self->store != NULL && attest_record_store_get_dirty (self->store))
    {
      attest_window_confirm_discard (self,
                                     _("The customers you edited have not been exported. "
                                       "Fetching the customers again discards those edits."),
                                     G_CALLBACK (on_discard_before_fetch));
      return;
    }

  client = attest_connection_new_partner_client (self->connection, &error);
  if (client == NULL)
    {
      attest_window_show_error (self, _("Cannot Fetch the Customers"), error->message);
      return;
    }

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();

  adw_status_page_set_title (self->loading_page, _("Fetching Customers…"));
  gtk_progress_bar_set_text (self->loading_progress, _("Asking Partner Center"));
  gtk_progress_bar_set_fraction (self->loading_progress, 0);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  gtk_action_bar_set_revealed (self->status_bar, FALSE);
  attest_window_update_actions (self);

  attest_partner_client_fetch_records_async (client, on_fetch_page, self, self->loading,
                                             on_fetched, g_object_ref (self));
}

/* Submitting */

static gboolean
on_submit_dialog_closed (AttestWindow *self)
{
  if (self->view != NULL)
    attest_record_view_refresh (self->view);
  attest_window_update_actions (self);

  return GDK_EVENT_PROPAGATE;
}

/* The same customers, in Microsoft's current flow: which need to accept. */
static void
on_submit_current_flow (AttestWindow *self)
{
  g_object_set (self, "flow", "current", NULL);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.check-status", NULL);
}

static void
present_submit_dialog (AttestWindow       *self,
                       AttestSubmitDialog *dialog)
{
  g_signal_connect_object (dialog, "close-request", G_CALLBACK (on_submit_dialog_closed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (dialog, "current-flow", G_CALLBACK (on_submit_current_flow), self,
                           G_CONNECT_SWAPPED);
  /* The wizard's results are about the classic flow's columns. */
  g_object_set (self, "flow", "classic", NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(GError) error = NULL;

  if (self->connection == NULL || self->store == NULL)
    return;

  if (attest_connection_needs_sign_in (self->connection))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.sign-in", NULL);
      return;
    }

  client = attest_connection_new_partner_client (self->connection, &error);
  if (client == NULL)
    {
      attest_window_show_error (self, _("Cannot Submit"), error->message);
      return;
    }

  present_submit_dialog (self, attest_submit_dialog_new (GTK_WINDOW (self), client, self->store,
                                                         self->settings));
}

/* Finishing an interrupted run */

/* What the offer's answer needs: the window, which may close first, and
 * the journal of the run to finish. */
typedef struct
{
  AttestWindow *window;
  char         *journal_path;
} ResumeOffer;

static void
resume_offer_free (gpointer  data,
                   GClosure *closure)
{
  ResumeOffer *offer = data;

  g_clear_weak_pointer (&offer->window);
  g_free (offer->journal_path);
  g_free (offer);
}

static void
on_resume_response (AdwMessageDialog *message,
                    const char       *response,
                    ResumeOffer      *offer)
{
  AttestWindow *self = offer->window;
  const char *path = offer->journal_path;
  g_autoptr(AttestPartnerClient) client = NULL;
  AttestSubmitDialog *dialog;
  AttestSubmission *submission;
  g_autoptr(GError) error = NULL;

  if (self == NULL || g_strcmp0 (response, "resume") != 0 || self->connection == NULL)
    return;

  client = attest_connection_new_partner_client (self->connection, &error);
  dialog = client != NULL ? attest_submit_dialog_new_resume (GTK_WINDOW (self), client, path,
                                                             &error)
                          : NULL;
  if (dialog == NULL)
    {
      attest_window_show_error (self, _("Cannot Finish the Run"), error->message);
      return;
    }

  /* The grid shows the run's customers as their outcomes come in. */
  submission = attest_submit_dialog_get_submission (dialog);
  attest_window_set_store (self, attest_submission_get_store (submission), NULL);
  _attest_window_follow_classic_resume (self, GTK_WIDGET (dialog));
  present_submit_dialog (self, dialog);
}

/* Offers to finish the newest classic run that did not end, if any:
 * nothing was lost, and nothing will be sent twice. */
static void
offer_classic_resume (AttestWindow *self)
{
  g_autofree char *directory = attest_run_journal_dup_directory ();
  g_autoptr(GPtrArray) runs = attest_run_replay_list_directory (directory, NULL);
  AttestRunReplay *unfinished = NULL;
  AdwMessageDialog *dialog;
  ResumeOffer *offer;
  g_autofree char *body = NULL;
  guint done;
  guint total;

  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      AttestRunReplay *replay = g_ptr_array_index (runs, i);

      if (attest_run_replay_is_resumable (replay))
        unfinished = replay;
    }

  if (unfinished == NULL)
    return;

  total = unfinished->header->total_records;
  done = g_hash_table_size (unfinished->records);
  /* Translators: %s is when the run started; the numbers count customers. */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The run started %s stopped before it was done: %u of "
                                       "%u customer has a result. Finish it now? Nothing is "
                                       "sent twice.",
                                       "The run started %s stopped before it was done: %u of "
                                       "%u customers have a result. Finish it now? Nothing is "
                                       "sent twice.",
                                       total),
                          unfinished->header->created_at, done, total);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Finish the Interrupted Run?"), body));
  adw_message_dialog_add_responses (dialog, "later", _("_Later"), "resume", _("_Finish Run"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "resume", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "resume");
  adw_message_dialog_set_close_response (dialog, "later");

  offer = g_new0 (ResumeOffer, 1);
  g_set_weak_pointer (&offer->window, self);
  offer->journal_path = g_strdup (unfinished->path);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_resume_response), offer,
                         resume_offer_free, 0);
  _attest_window_follow_classic_resume (self, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* At start: offers to finish the classic run that did not end, then the
 * request or completion run of the current flow that did not (once the
 * first offer, and the run it started, are gone). */
void
attest_window_offer_resume (AttestWindow *self)
{
  g_return_if_fail (ATTEST_IS_WINDOW (self));

  offer_classic_resume (self);
  _attest_window_offer_mca_resume (self);
}

void
_attest_window_class_partner_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.fetch", NULL, fetch_action);
  gtk_widget_class_install_action (widget_class, "win.submit", NULL, submit_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.fetch", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.submit", NULL);
}
