/* attest-window-request.c: Request Acceptance and Complete Accepted, the
 * window's steps of Microsoft's current flow that write to Partner Center
 * (SPEC §13 "Request", "Complete")
 *
 * Both write with the AppOnly credential: a window without one says so,
 * and offers to add it, before anything else happens. Each holds the
 * partner's ledger while it works (attest-window-mca.c), and the grid shows
 * each customer's new state as its answer comes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-window-request"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-mca-complete.h"
#include "attest-mca-shapes.h"
#include "attest-request-dialog.h"
#include "attest-window-private.h"

/* A client that can write to Partner Center in the current flow, or NULL
 * with the reason shown under @heading (a missing credential named, with a
 * button to add it). */
AttestPartnerClient *
_attest_window_new_writing_client (AttestWindow *self,
                                   const char   *method,
                                   const char   *path,
                                   const char   *heading,
                                   const char   *then)
{
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = attest_connection_new_partner_client (self->connection, &error);
  if (client == NULL)
    {
      attest_window_show_error (self, heading, error->message);
      return NULL;
    }

  if (attest_partner_client_get_app_token_provider (client) == NULL)
    {
      error = attest_partner_error_new_no_credential (method, path, ATTEST_PARTNER_CREDENTIAL_APP);
      _attest_window_show_credential_error (self, heading, error, then);
      return NULL;
    }

  return g_steal_pointer (&client);
}

/* Request Acceptance */

static void
on_request_customer_done (AttestWindow *self,
                          const char   *customer_id)
{
  _attest_window_update_row (self, customer_id, NULL);
}

/* The grid says why, in the row of the customer, as a sentence. */
static void
on_request_held_back (AttestWindow *self,
                      const char   *customer_id,
                      const char   *message)
{
  g_autofree char *sentence = NULL;

  if (message != NULL && message[0] != '\0')
    {
      gunichar first = g_utf8_get_char (message);
      char capital[8] = { 0, };

      g_unichar_to_utf8 (g_unichar_totitle (first), capital);
      sentence = g_strconcat (capital, g_utf8_next_char (message), NULL);
    }
  _attest_window_update_row (self, customer_id, sentence);
}

static void
on_request_failed (AttestWindow        *self,
                   const GError        *error,
                   AttestRequestDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  _attest_window_show_credential_error (self, _("Cannot Request Acceptance"), error,
                                        "win.request-acceptance");
}

/* The dialog lent the ledger back; each row it touched shows its answer,
 * or why it was held back, already. */
static void
on_request_dialog_gone (AttestWindow *self)
{
  if (self->view != NULL)
    attest_record_view_refresh (self->view);
  _attest_window_end_work (self);
}

/* Shows @dialog, which works with the ledger the work holds until it is
 * gone, and each customer's answer in its row as it comes. */
void
_attest_window_follow_request (AttestWindow        *self,
                               AttestRequestDialog *dialog)
{
  _attest_window_map_rows (self);
  g_signal_connect_object (dialog, "customer-done", G_CALLBACK (on_request_customer_done), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "held-back", G_CALLBACK (on_request_held_back), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "failed", G_CALLBACK (on_request_failed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_request_dialog_gone), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_request_ledger_opened (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  AttestWindow *self = ATTEST_WINDOW (object);
  g_autoptr(AttestPartnerClient) client = user_data;
  AttestMcaLedger *ledger = _attest_window_open_ledger_finish (self, result,
                                                               _("Cannot Request Acceptance"));
  AttestRequestDialog *dialog;

  if (ledger == NULL)
    return;
  if (self->store == NULL)
    {
      _attest_window_end_work (self);
      return;
    }

  dialog = attest_request_dialog_new (GTK_WINDOW (self), client, ledger, self->store);
  _attest_window_follow_request (self, dialog);
}

static void
request_acceptance_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  AttestPartnerClient *client;

  if (self->connection == NULL || self->store == NULL || _attest_window_is_working (self))
    return;

  if (attest_connection_needs_sign_in (self->connection))
    {
      _attest_window_sign_in_then (self, "win.request-acceptance", FALSE);
      return;
    }

  client = _attest_window_new_writing_client (self, "POST", ATTEST_MCA_ATTESTATION_PATH,
                                              _("Cannot Request Acceptance"),
                                              "win.request-acceptance");
  if (client == NULL)
    return;

  g_object_set (self, "flow", "current", NULL);
  _attest_window_open_ledger_async (self, on_request_ledger_opened, client);
}

/* Complete Accepted */

static void
on_completion_progress (AttestWindow *self)
{
  guint n = 0, done = 0;
  g_autofree char *text = NULL;

  g_object_get (self->work_object, "n-customers", &n, "n-done", &done, NULL);
  /* Translators: the progress of creating the agreements of requested customers. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Completing the agreement of %2$'u customer: %1$'u done",
                                       "Completing the agreements of %2$'u customers: %1$'u done",
                                       n),
                          done, n);
  _attest_window_show_work (self, text, n > 0 ? (double) done / n : -1);
}

static void
on_completion_customer_done (AttestWindow *self,
                             const char   *customer_id)
{
  _attest_window_update_row (self, customer_id, NULL);
}

static void
announce_completion (AttestWindow        *self,
                     AttestMcaCompletion *completion,
                     gboolean             stopped)
{
  AttestMcaCompletionCounts counts = { 0 };
  g_autofree char *title = NULL;
  AdwToast *toast;

  attest_mca_completion_get_counts (completion, &counts);
  if (stopped)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Completion stopped: %'u agreement created",
                                          "Completion stopped: %'u agreements created",
                                          counts.done),
                             counts.done);
  else
    /* Translators: both numbers count customers. */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%'u done; %'u still waits for the customer to accept",
                                          "%'u done; %'u still wait for the customers to accept",
                                          counts.waiting),
                             counts.done, counts.waiting);

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 8);
  if (counts.waiting > 0)
    {
      adw_toast_set_button_label (toast, _("_Show Them"));
      adw_toast_set_action_name (toast, "win.show-state");
      adw_toast_set_action_target_value (toast, g_variant_new_string ("requested"));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_completed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AttestWindow) self = user_data;
  AttestMcaCompletion *completion = ATTEST_MCA_COMPLETION (object);
  g_autoptr(GError) error = NULL;
  gboolean stopped;

  attest_mca_completion_run_finish (completion, result, &error);
  stopped = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* The window closed meanwhile. */
  if (self->work == NULL)
    return;
  if (self->work_ledger != NULL)
    _attest_window_apply_ledger (self, self->work_ledger, self->store);

  if (error == NULL || stopped)
    announce_completion (self, completion, stopped);
  else
    _attest_window_show_credential_error (self, _("Cannot Complete the Agreements"), error,
                                          "win.complete");

  if (self->view != NULL)
    attest_record_view_refresh (self->view);
  _attest_window_end_work (self);
}

/* Runs @completion (the work takes it) over the ledger the work holds:
 * its progress under the grid, each customer's answer in its row as it
 * comes, and what came of it in a toast. A completion resumed writes its
 * results file again where it wrote it. */
void
_attest_window_run_completion (AttestWindow        *self,
                               AttestMcaCompletion *completion)
{
  self->work_object = G_OBJECT (completion);
  _attest_window_map_rows (self);
  g_signal_connect_object (completion, "customer-done", G_CALLBACK (on_completion_customer_done),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (completion, "notify::n-done", G_CALLBACK (on_completion_progress),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (completion, "notify::n-customers",
                           G_CALLBACK (on_completion_progress), self, G_CONNECT_SWAPPED);
  on_completion_progress (self);
  attest_mca_completion_run_async (completion, NULL, self->work, on_completed,
                                   g_object_ref (self));
}

static void
on_complete_ledger_opened (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  AttestWindow *self = ATTEST_WINDOW (object);
  g_autoptr(AttestPartnerClient) client = user_data;
  g_autoptr(GError) error = NULL;
  AttestMcaCompletion *completion;
  AttestMcaLedger *ledger = _attest_window_open_ledger_finish (self, result,
                                                               _("Cannot Complete the "
                                                                 "Agreements"));

  if (ledger == NULL)
    return;

  completion = attest_mca_completion_new (client, ledger, NULL, &error);
  if (completion == NULL)
    {
      _attest_window_end_work (self);
      attest_window_show_error (self, _("Cannot Complete the Agreements"), error->message);
      return;
    }
  if (attest_mca_completion_get_n_to_send (completion) == 0)
    {
      g_object_unref (completion);
      _attest_window_end_work (self);
      attest_window_show_toast (self, _("No customer waits for an agreement: request acceptance "
                                        "first"));
      return;
    }

  _attest_window_run_completion (self, completion);
}

static void
complete_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  AttestPartnerClient *client;

  if (self->connection == NULL || _attest_window_is_working (self))
    return;

  if (attest_connection_needs_sign_in (self->connection))
    {
      _attest_window_sign_in_then (self, "win.complete", FALSE);
      return;
    }

  client = _attest_window_new_writing_client (self, "POST", "/v1/customers/{id}/agreements",
                                              _("Cannot Complete the Agreements"), "win.complete");
  if (client == NULL)
    return;

  g_object_set (self, "flow", "current", NULL);
  _attest_window_open_ledger_async (self, on_complete_ledger_opened, client);
}

void
_attest_window_class_request_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.request-acceptance", NULL,
                                   request_acceptance_action);
  gtk_widget_class_install_action (widget_class, "win.complete", NULL, complete_action);
}
