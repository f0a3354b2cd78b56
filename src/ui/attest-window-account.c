/* attest-window-account.c: who the window works as
 *
 * The account button in the header bar, the sign-in dialog, signing out,
 * and removing the AppOnly credential, which asks first: its client
 * secret cannot be shown again, so adding it back takes a new one. In the
 * sandbox, Attest is its partner both ways, and a badge says so instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-window-account"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-account-button.h"
#include "attest-sign-in-dialog.h"
#include "attest-window-private.h"

static AttestSession *
get_session (AttestWindow *self)
{
  return self->connection != NULL ? attest_connection_get_session (self->connection) : NULL;
}

static void
set_action_enabled (AttestWindow *self,
                    const char   *name,
                    gboolean      enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
update_account_actions (AttestWindow *self)
{
  AttestSession *session = get_session (self);
  gboolean own_credentials = self->connection != NULL
                             && attest_connection_get_sandbox (self->connection) == NULL;

  set_action_enabled (self, "sign-in", session != NULL);
  set_action_enabled (self, "add-app-credential", session != NULL);
  set_action_enabled (self, "sign-out", session != NULL && attest_session_is_signed_in (session));
  set_action_enabled (self, "remove-app-credential",
                      own_credentials
                      && attest_connection_get_app_only_tokens (self->connection) != NULL);
}

static void
on_keyring_unavailable (AttestWindow *self,
                        const char   *message)
{
  attest_window_show_toast (self, _("The keyring cannot be reached: you will have to sign in "
                                    "again next time"));
}

/* Goes on with what asked for the sign-in or the credential. */
static void
go_on (AttestWindow *self)
{
  g_autofree char *action = g_steal_pointer (&self->after_sign_in);

  if (action != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
}

static void
on_dialog_signed_in (AttestWindow *self)
{
  g_autofree char *title = NULL;

  /* Translators: %s is the user who just signed in. */
  title = g_strdup_printf (_("Signed in as %s"), attest_session_get_user (get_session (self)));
  attest_window_show_toast (self, title);
  _attest_window_show_states (self);
  go_on (self);
  _attest_window_offer_mca_resume (self);
}

static void
on_dialog_app_credential_added (AttestWindow *self)
{
  attest_window_show_toast (self, _("AppOnly credential saved in the keyring"));
  /* Opened for what waits on the credential: that goes on in its place. */
  if (self->after_sign_in != NULL && self->sign_in_dialog != NULL)
    gtk_window_close (GTK_WINDOW (self->sign_in_dialog));
  go_on (self);
  _attest_window_offer_mca_resume (self);
}

static void
on_sign_in_dialog_destroyed (AttestWindow *self,
                             GtkWidget    *dialog)
{
  if (self->sign_in_dialog == dialog)
    self->sign_in_dialog = NULL;
}

/* Signed in without the dialog (at start, from the keyring): a run that
 * did not end is offered. After the dialog's sign-in, on_dialog_signed_in()
 * offers it once what the sign-in was for has begun. */
static void
on_signed_in_changed (AttestWindow *self)
{
  AttestSession *session = get_session (self);

  if (self->sign_in_dialog == NULL && session != NULL && attest_session_is_signed_in (session))
    _attest_window_offer_mca_resume_soon (self);
}

/* Opens the sign-in dialog, on its AppOnly section when @app_only; once
 * the sign-in or the credential works, activates @action (or nothing). */
void
_attest_window_sign_in_then (AttestWindow *self,
                             const char   *action,
                             gboolean      app_only)
{
  AttestSignInDialog *dialog;

  g_free (self->after_sign_in);
  self->after_sign_in = g_strdup (action);

  dialog = attest_sign_in_dialog_new (GTK_WINDOW (self), self->connection, self->settings);
  self->sign_in_dialog = GTK_WIDGET (dialog);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_sign_in_dialog_destroyed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "signed-in", G_CALLBACK (on_dialog_signed_in), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "app-credential-added",
                           G_CALLBACK (on_dialog_app_credential_added), self, G_CONNECT_SWAPPED);
  if (app_only)
    attest_sign_in_dialog_show_app_only (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
attest_window_sign_in_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  _attest_window_sign_in_then (ATTEST_WINDOW (user_data), NULL, FALSE);
}

/* The account menu's Add AppOnly Credential…: the dialog for that alone. */
static void
attest_window_add_app_credential_action (GSimpleAction *action,
                                         GVariant      *parameter,
                                         gpointer       user_data)
{
  _attest_window_sign_in_then (ATTEST_WINDOW (user_data), NULL, TRUE);
}

static void
on_signed_out (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AttestWindow) self = user_data;

  attest_session_sign_out_finish (ATTEST_SESSION (object), result, NULL);
  attest_window_show_toast (self, _("Signed out"));
}

static void
attest_window_sign_out_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  AttestWindow *self = ATTEST_WINDOW (user_data);

  attest_session_sign_out_async (get_session (self), NULL, on_signed_out, g_object_ref (self));
}

static void
on_app_credential_removed (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(AttestWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!attest_connection_remove_app_credential_finish (ATTEST_CONNECTION (object), result,
                                                       &error)
      && error != NULL)
    {
      attest_window_show_error (self, _("The AppOnly Credential Stays in the Keyring"),
                                error->message);
      return;
    }

  attest_window_show_toast (self, _("AppOnly credential removed"));
}

static void
on_remove_app_credential_response (AdwMessageDialog *dialog,
                                   const char       *response,
                                   AttestWindow     *self)
{
  if (!g_str_equal (response, "remove") || self->connection == NULL)
    return;

  attest_connection_remove_app_credential_async (self->connection, NULL,
                                                 on_app_credential_removed, g_object_ref (self));
}

static void
attest_window_remove_app_credential_action (GSimpleAction *action,
                                            GVariant      *parameter,
                                            gpointer       user_data)
{
  AttestWindow *self = ATTEST_WINDOW (user_data);
  AttestAppOnlyTokens *tokens = attest_connection_get_app_only_tokens (self->connection);
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (tokens == NULL)
    return;

  /* Translators: %s is the Application ID (a GUID) of the partner's web app. */
  body = g_strdup_printf (_("Attest forgets the web app %s and its client secret. To add it "
                            "again you need a client secret, which Partner Center shows only "
                            "once, when the key is added."),
                          attest_app_only_tokens_get_application_id (tokens));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Remove the AppOnly Credential?"),
                                                       body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_app_credential_response),
                           self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The header bar says who the window works as: the sandbox's badge, or
 * the account button, which follows the connection. */
void
_attest_window_show_connection (AttestWindow *self)
{
  AttestSession *session = get_session (self);

  /* In the sandbox, Attest is signed in as the sandbox's partner, always. */
  if (self->connection != NULL && attest_connection_get_sandbox (self->connection) != NULL)
    {
      gtk_widget_set_visible (self->sandbox_badge, TRUE);
      gtk_widget_set_visible (self->account_button, FALSE);
      return;
    }

  attest_account_button_set_connection (ATTEST_ACCOUNT_BUTTON (self->account_button),
                                        self->connection);
  update_account_actions (self);
  if (self->connection != NULL)
    g_signal_connect_object (self->connection, "notify::app-only-tokens",
                             G_CALLBACK (update_account_actions), self, G_CONNECT_SWAPPED);
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::signed-in",
                               G_CALLBACK (update_account_actions), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::signed-in",
                               G_CALLBACK (on_signed_in_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "keyring-unavailable",
                               G_CALLBACK (on_keyring_unavailable), self, G_CONNECT_SWAPPED);
    }
}

static const GActionEntry account_actions[] = {
  { "sign-in", attest_window_sign_in_action },
  { "add-app-credential", attest_window_add_app_credential_action },
  { "sign-out", attest_window_sign_out_action },
  { "remove-app-credential", attest_window_remove_app_credential_action },
};

void
_attest_window_account_init (AttestWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), account_actions,
                                   G_N_ELEMENTS (account_actions), self);

  self->account_button = attest_account_button_new (NULL);
  adw_header_bar_pack_end (self->header_bar, self->account_button);
  update_account_actions (self);
}
