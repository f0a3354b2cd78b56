/* attest-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-window"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-account-button.h"
#include "attest-sign-in-dialog.h"
#include "attest-window.h"

struct _AttestWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkWidget            *account_button;
  GtkStack             *main_stack;
  AdwStatusPage        *empty_page;
  GtkMenuButton        *primary_menu_button;
};

G_DEFINE_FINAL_TYPE (AttestWindow, attest_window, ADW_TYPE_APPLICATION_WINDOW)

AttestWindow *
attest_window_new (AttestApplication *application)
{
  return g_object_new (ATTEST_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

static AttestSession *
get_session (AttestWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  return application != NULL ? attest_application_get_session (ATTEST_APPLICATION (application))
                             : NULL;
}

static void
show_toast (AttestWindow *self,
            const char   *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
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

  set_action_enabled (self, "sign-in", session != NULL);
  set_action_enabled (self, "sign-out", session != NULL && attest_session_is_signed_in (session));
}

static void
on_keyring_unavailable (AttestWindow *self,
                        const char   *message)
{
  show_toast (self, _("The keyring cannot be reached: you will have to sign in again next time"));
}

static void
on_dialog_signed_in (AttestWindow *self)
{
  g_autofree char *title = NULL;

  /* Translators: %s is the user who just signed in. */
  title = g_strdup_printf (_("Signed in as %s"), attest_session_get_user (get_session (self)));
  show_toast (self, title);
}

static void
attest_window_sign_in_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  AttestWindow *self = ATTEST_WINDOW (user_data);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  AttestSignInDialog *dialog;

  dialog = attest_sign_in_dialog_new (GTK_WINDOW (self), get_session (self),
                                      attest_application_get_settings (ATTEST_APPLICATION (application)));
  g_signal_connect_object (dialog, "signed-in", G_CALLBACK (on_dialog_signed_in), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_signed_out (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AttestWindow) self = user_data;

  attest_session_sign_out_finish (ATTEST_SESSION (object), result, NULL);
  show_toast (self, _("Signed out"));
}

static void
attest_window_sign_out_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  AttestWindow *self = ATTEST_WINDOW (user_data);

  attest_session_sign_out_async (get_session (self), NULL, on_signed_out, g_object_ref (self));
}

/* The application, and so the session, arrives after construction. */
static void
on_application_changed (AttestWindow *self)
{
  AttestSession *session = get_session (self);

  attest_account_button_set_session (ATTEST_ACCOUNT_BUTTON (self->account_button), session);
  update_account_actions (self);
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::signed-in",
                               G_CALLBACK (update_account_actions), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "keyring-unavailable",
                               G_CALLBACK (on_keyring_unavailable), self, G_CONNECT_SWAPPED);
    }
}

static void
attest_window_constructed (GObject *object)
{
  AttestWindow *self = ATTEST_WINDOW (object);
  GtkApplication *application;
  GSettings *settings;

  G_OBJECT_CLASS (attest_window_parent_class)->constructed (object);

  application = gtk_window_get_application (GTK_WINDOW (self));
  if (application == NULL)
    return;

  settings = attest_application_get_settings (ATTEST_APPLICATION (application));
  if (settings == NULL)
    return;

  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

static void
attest_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ATTEST_TYPE_WINDOW);

  G_OBJECT_CLASS (attest_window_parent_class)->dispose (object);
}

static void
attest_window_class_init (AttestWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = attest_window_constructed;
  object_class->dispose = attest_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/attest-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, primary_menu_button);
}

static const GActionEntry account_actions[] = {
  { "sign-in", attest_window_sign_in_action },
  { "sign-out", attest_window_sign_out_action },
};

static void
attest_window_init (AttestWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (self), account_actions,
                                   G_N_ELEMENTS (account_actions), self);

  self->account_button = attest_account_button_new (NULL);
  adw_header_bar_pack_end (self->header_bar, self->account_button);
  update_account_actions (self);
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed), NULL);
}
