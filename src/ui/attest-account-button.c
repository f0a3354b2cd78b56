/* attest-account-button.c: who is signed in, in the header bar
 *
 * "Sign In" while nobody is; once someone is, their avatar, which opens a
 * popover with their name, the partner tenant and "Sign Out".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-account-button"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-account-button.h"

struct _AttestAccountButton
{
  AdwBin          parent_instance;

  GSignalGroup   *session_signals;

  GtkStack       *stack;
  GtkButton      *sign_in_button;
  GtkMenuButton  *account_menu_button;
  AdwAvatar      *small_avatar;
  AdwAvatar      *large_avatar;
  GtkLabel       *user_label;
  GtkLabel       *tenant_label;
};

G_DEFINE_FINAL_TYPE (AttestAccountButton, attest_account_button, ADW_TYPE_BIN)

static void
update (AttestAccountButton *self)
{
  AttestSession *session = g_signal_group_dup_target (self->session_signals);
  g_autofree char *tooltip = NULL;
  g_autofree char *tenant = NULL;
  const char *user;

  if (session == NULL || !attest_session_is_signed_in (session))
    {
      gtk_stack_set_visible_child_name (self->stack, "signed-out");
      g_clear_object (&session);
      return;
    }

  user = attest_session_get_user (session);
  /* Translators: the tooltip of the account button; %s is a user name. */
  tooltip = g_strdup_printf (_("Signed in as %s"), user);
  /* Translators: %s is the ID (a GUID) of the partner's Microsoft Entra tenant. */
  tenant = g_strdup_printf (_("Tenant %s"), attest_session_get_tenant_id (session));

  adw_avatar_set_text (self->small_avatar, user);
  adw_avatar_set_text (self->large_avatar, user);
  gtk_label_set_text (self->user_label, user);
  gtk_label_set_text (self->tenant_label, tenant);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->account_menu_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->account_menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_stack_set_visible_child_name (self->stack, "signed-in");
  g_object_unref (session);
}

GtkWidget *
attest_account_button_new (AttestSession *session)
{
  AttestAccountButton *self = g_object_new (ATTEST_TYPE_ACCOUNT_BUTTON, NULL);

  attest_account_button_set_session (self, session);

  return GTK_WIDGET (self);
}

void
attest_account_button_set_session (AttestAccountButton *self,
                                   AttestSession       *session)
{
  g_return_if_fail (ATTEST_IS_ACCOUNT_BUTTON (self));
  g_return_if_fail (session == NULL || ATTEST_IS_SESSION (session));

  g_signal_group_set_target (self->session_signals, session);
  update (self);
}

static void
attest_account_button_dispose (GObject *object)
{
  AttestAccountButton *self = ATTEST_ACCOUNT_BUTTON (object);

  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  g_clear_object (&self->session_signals);
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
  gtk_widget_class_bind_template_child (widget_class, AttestAccountButton, user_label);
  gtk_widget_class_bind_template_child (widget_class, AttestAccountButton, tenant_label);
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
}
