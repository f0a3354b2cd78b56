/* attest-window-partner.c: what the window does with Partner Center:
 * submitting, and finishing a classic run that was interrupted (fetching:
 * attest-window-loading.c; a run of the current flow:
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

  /* Sign in first; the wizard opens once signed in. */
  if (attest_connection_needs_sign_in (self->connection))
    {
      _attest_window_sign_in_then (self, "win.submit", FALSE);
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
  gtk_widget_class_install_action (widget_class, "win.submit", NULL, submit_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.submit", NULL);
}
