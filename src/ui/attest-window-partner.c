/* attest-window-partner.c: what the window does with Partner Center:
 * the Submit action, which signs in first when it must (the wizard and the
 * runs: attest-window-runs.c; fetching: attest-window-loading.c; a run of
 * the current flow: attest-window-resume.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-window-partner"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-window-private.h"

/* Submitting */

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttestWindow *self = ATTEST_WINDOW (widget);

  if (self->connection == NULL || self->store == NULL)
    return;

  /* Sign in first; the wizard opens once signed in. */
  if (attest_connection_needs_sign_in (self->connection))
    {
      _attest_window_sign_in_then (self, "win.submit", FALSE);
      return;
    }

  _attest_window_submit (self);
}

void
_attest_window_class_partner_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.submit", NULL, submit_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.submit", NULL);
}
