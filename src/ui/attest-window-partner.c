/* attest-window-partner.c: what the window does with Partner Center:
 * fetching the customers who need attestation, and submitting them (the
 * wizard and the runs: attest-window-runs.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-window-partner"

#include "config.h"

#include <glib/gi18n.h>

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

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AttestWindow *self = ATTEST_WINDOW (widget);

  if (self->connection == NULL || self->store == NULL)
    return;

  if (attest_connection_needs_sign_in (self->connection))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.sign-in", NULL);
      return;
    }

  _attest_window_submit (self);
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
