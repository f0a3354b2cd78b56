/* attest-account-button.c: who is signed in, in the header bar
 *
 * "Sign In" while neither credential is there; once one is, an avatar
 * that opens a popover with the signed-in user, the partner tenant and
 * "Sign Out", and the AppOnly credential's Application ID (never its
 * secret) with "Remove".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-account-button"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-account-button.h"

struct _AttestAccountButton
{
  AdwBin            parent_instance;

  AttestConnection *connection;
  GSignalGroup     *session_signals;
  GSignalGroup     *connection_signals;

  GtkStack         *stack;
  GtkButton        *sign_in_button;
  GtkMenuButton    *account_menu_button;
  AdwAvatar        *small_avatar;
  AdwAvatar        *large_avatar;
  GtkWidget        *user_box;
  GtkLabel         *user_label;
  GtkLabel         *tenant_label;
  GtkWidget        *user_sign_in_button;
  GtkWidget        *app_only_box;
  GtkLabel         *app_only_label;
  GtkWidget        *add_app_credential_button;
};

G_DEFINE_FINAL_TYPE (AttestAccountButton, attest_account_button, ADW_TYPE_BIN)

static void
show_user (AttestAccountButton *self,
           AttestSession       *session)
{
  const char *user = attest_session_get_user (session);
  g_autofree char *tenant = NULL;

  /* Translators: %s is the ID (a GUID) of the partner's Microsoft Entra tenant. */
  tenant = g_strdup_printf (_("Tenant %s"), attest_session_get_tenant_id (session));
  adw_avatar_set_text (self->small_avatar, user);
  adw_avatar_set_text (self->large_avatar, user);
  gtk_label_set_text (self->user_label, user);
  gtk_label_set_text (self->tenant_label, tenant);
}

static void
update (AttestAccountButton *self)
{
  AttestSession *session = self->connection != NULL
                           ? attest_connection_get_session (self->connection) : NULL;
  AttestAppOnlyTokens *app_tokens = self->connection != NULL
                                    ? attest_connection_get_app_only_tokens (self->connection)
                                    : NULL;
  gboolean signed_in = session != NULL && attest_session_is_signed_in (session);
  g_autofree char *tooltip = NULL;

  if (!signed_in && app_tokens == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "signed-out");
      return;
    }

  if (signed_in)
    {
      show_user (self, session);
      /* Translators: the tooltip of the account button; %s is a user name. */
      tooltip = g_strdup_printf (_("Signed in as %s"), attest_session_get_user (session));
    }
  else
    {
      adw_avatar_set_text (self->small_avatar, NULL);
      tooltip = g_strdup (_("Nobody is signed in; the AppOnly credential is there"));
    }
  gtk_widget_set_visible (self->user_box, signed_in);
  gtk_widget_set_visible (self->user_sign_in_button, !signed_in);

  if (app_tokens != NULL)
    gtk_label_set_text (self->app_only_label,
                        attest_app_only_tokens_get_application_id (app_tokens));
  gtk_widget_set_visible (self->app_only_box, app_tokens != NULL);
  gtk_widget_set_visible (self->add_app_credential_button, app_tokens == NULL);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->account_menu_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->account_menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_stack_set_visible_child_name (self->stack, "signed-in");
}

GtkWidget *
attest_account_button_new (AttestConnection *connection)
{
  AttestAccountButton *self = g_object_new (ATTEST_TYPE_ACCOUNT_BUTTON, NULL);

  attest_account_button_set_connection (self, connection);

  return GTK_WIDGET (self);
}

/* Shows @connection's credentials from now on; NULL shows "Sign In". */
void
attest_account_button_set_connection (AttestAccountButton *self,
                                      AttestConnection    *connection)
{
  g_return_if_fail (ATTEST_IS_ACCOUNT_BUTTON (self));
  g_return_if_fail (connection == NULL || ATTEST_IS_CONNECTION (connection));

  g_set_object (&self->connection, connection);
  g_signal_group_set_target (self->connection_signals, connection);
  g_signal_group_set_target (self->session_signals,
                             connection != NULL ? attest_connection_get_session (connection)
                                                : NULL);
  update (self);
}

static void
attest_account_button_dispose (GObject *object)
{
  AttestAccountButton *self = ATTEST_ACCOUNT_BUTTON (object);

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  if (self->connection_signals != NULL)
    g_signal_group_set_target (self->connection_signals, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->connection_signals);
  g_clear_object (&self->connection);
  /* The stack is both the bin's child and a template child: let go once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_ACCOUNT_BUTTON);

  G_OBJECT_CLASS (attest_account_button_parent_class)->dispose (object);
}

static void
attest_account_button_class_init (AttestAccountButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_account_button_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/attest-account-button.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestAccountButton, stack);
  gtk_widget_class_bind_template_child (widget_class, AttestAccountButton, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, AttestAccountButton, account_menu_button);
  gtk_widget_class_bind_template_child (widget_class, AttestAccountButton, small_avatar);
  gtk_widget_class_bind_template_child (widget_class, AttestAccountButton, large_avatar);
  gtk_widget_class_bind_template_child (widget_class, AttestAccountButton, user_box);
  gtk_widget_class_bind_template_child (widget_class, AttestAccountButton, user_label);
  gtk_widget_class_bind_template_child (widget_class, AttestAccountButton, tenant_label);
  gtk_widget_class_bind_template_child (widget_class, AttestAccountButton, user_sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, AttestAccountButton, app_only_box);
  gtk_widget_class_bind_template_child (widget_class, AttestAccountButton, app_only_label);
  gtk_widget_class_bind_template_child (widget_class, AttestAccountButton,
                                        add_app_credential_button);
}

static void
attest_account_button_init (AttestAccountButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->session_signals = g_signal_group_new (ATTEST_TYPE_SESSION);
  g_signal_group_connect_swapped (self->session_signals, "notify::signed-in",
                                  G_CALLBACK (update), self);
  g_signal_group_connect_swapped (self->session_signals, "notify::user",
                                  G_CALLBACK (update), self);
  self->connection_signals = g_signal_group_new (ATTEST_TYPE_CONNECTION);
  g_signal_group_connect_swapped (self->connection_signals, "notify::app-only-tokens",
                                  G_CALLBACK (update), self);
}
