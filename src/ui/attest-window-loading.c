/* attest-window-loading.c: the loading page, and fetching the customers
 *
 * The page shows what the window waits for, and only that: reading a
 * file, with how much of it is read ("12.0 MB of 22.0 MB"), or fetching
 * the partner's customers from Partner Center. A fetch has no
 * total, so its bar pulses from the start. When Partner Center does not
 * answer, the client tries again under its retry policy; the page says so
 * ("No connection — retrying in 8 s") and offers to try again at once. A
 * fetch that fails for good says what happened in plain words, the
 * technical reason in a details expander, and offers to try again when
 * trying again can help.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-window-loading"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-window-private.h"

/* How often the fetch's bar moves, and its countdown is said again. */
#define PULSE_INTERVAL_MS 100

#define FETCH_ICON   "network-transmit-receive-symbolic"
#define OFFLINE_ICON "network-offline-symbolic"
#define FILE_ICON    "document-open-symbolic"

static void stop_fetching (AttestWindow *self);

/* The page */

static void
show_loading (AttestWindow *self,
              const char   *title,
              const char   *icon_name)
{
  adw_status_page_set_title (self->loading_page, title);
  adw_status_page_set_icon_name (self->loading_page, icon_name);
  gtk_progress_bar_set_text (self->loading_progress, "");
  gtk_progress_bar_set_fraction (self->loading_progress, 0);
  gtk_widget_set_visible (self->loading_retry_button, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.try-again", FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");
  gtk_action_bar_set_revealed (self->status_bar, FALSE);
  attest_window_update_actions (self);
}

static void
on_size_known (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AttestWindow) self = user_data;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (object), result, NULL);

  /* A fetch may have taken the page over meanwhile. */
  if (info == NULL || !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE)
      || self->fetch_client != NULL)
    return;

  self->loading_size = g_file_info_get_size (info);
  _attest_window_show_read_fraction (self, gtk_progress_bar_get_fraction (self->loading_progress));
}

/* The loading page for reading @file: its name, and once its size is
 * known, how much of it is read. */
void
_attest_window_show_reading (AttestWindow *self,
                             GFile        *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = NULL;

  stop_fetching (self);
  /* Translators: %s is a file name. */
  title = g_strdup_printf (_("Reading %s…"), name);
  show_loading (self, title, FILE_ICON);
  self->loading_size = 0;
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, self->loading, on_size_known,
                           g_object_ref (self));
}

/* How much of the file is read: @fraction of it. */
void
_attest_window_show_read_fraction (AttestWindow *self,
                                   double        fraction)
{
  g_autofree char *read = NULL;
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;

  fraction = CLAMP (fraction, 0.0, 1.0);
  gtk_progress_bar_set_fraction (self->loading_progress, fraction);
  if (self->loading_size == 0)
    return;

  read = g_format_size ((guint64) (fraction * self->loading_size));
  size = g_format_size (self->loading_size);
  /* Translators: how much of a file is read, such as “12.0 MB of 22.0 MB”. */
  text = g_strdup_printf (_("%1$s of %2$s"), read, size);
  gtk_progress_bar_set_text (self->loading_progress, text);
}

/* Fetching */

/* One fetch: the window it fills, and its cancellable, which tells it
 * from a fetch started after it (Try Again). */
typedef struct
{
  AttestWindow *window;
  GCancellable *cancellable;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->window);
  g_clear_object (&fetch->cancellable);
  g_free (fetch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fetch, fetch_free)

static void
set_waiting (AttestWindow *self,
             gboolean      waiting)
{
  gtk_widget_set_visible (self->loading_retry_button, waiting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.try-again", waiting);
  adw_status_page_set_icon_name (self->loading_page,
                                 waiting && self->retry_offline ? OFFLINE_ICON : FETCH_ICON);
  if (!waiting)
    self->retry_due = 0;
}

/* While a try waits: why, and in how many seconds it is made. */
static void
show_countdown (AttestWindow *self)
{
  gint64 left = self->retry_due - g_get_monotonic_time ();
  guint seconds = (guint) ((MAX (left, 0) + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  g_autofree char *text = NULL;

  if (left <= 0)
    {
      set_waiting (self, FALSE);
      gtk_progress_bar_set_text (self->loading_progress, _("Asking Partner Center"));
      return;
    }

  if (self->retry_offline)
    /* Translators: the fetch waits before it tries again; %u counts seconds. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No connection — retrying in %'u s",
                                         "No connection — retrying in %'u s", seconds),
                            seconds);
  else
    /* Translators: the fetch waits before it tries again; %u counts seconds. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Partner Center is busy — retrying in %'u s",
                                         "Partner Center is busy — retrying in %'u s", seconds),
                            seconds);
  gtk_progress_bar_set_text (self->loading_progress, text);
}

static gboolean
pulse (gpointer user_data)
{
  AttestWindow *self = user_data;

  gtk_progress_bar_pulse (self->loading_progress);
  if (self->retry_due != 0)
    show_countdown (self);

  return G_SOURCE_CONTINUE;
}

static void
stop_fetching (AttestWindow *self)
{
  g_clear_handle_id (&self->loading_pulse, g_source_remove);
  if (self->fetch_client != NULL)
    g_signal_handlers_disconnect_by_data (self->fetch_client, self);
  g_clear_object (&self->fetch_client);
  set_waiting (self, FALSE);
  attest_window_update_actions (self);
}

static void
on_fetch_retrying (AttestWindow        *self,
                   const GError        *error,
                   guint                delay_ms,
                   AttestPartnerClient *client)
{
  self->retry_offline = g_error_matches (error, ATTEST_PARTNER_ERROR,
                                         ATTEST_PARTNER_ERROR_NETWORK);
  self->retry_due = g_get_monotonic_time () + (gint64) delay_ms * 1000;
  set_waiting (self, TRUE);
  show_countdown (self);
}

static void
on_fetch_page (GPtrArray *page_records,
               guint      page_number,
               guint      records_so_far,
               gpointer   user_data)
{
  AttestWindow *self = ATTEST_WINDOW (user_data);
  g_autofree char *text = NULL;

  set_waiting (self, FALSE);
  /* Translators: the progress of a fetch, page by page. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Page %'u: %'u customer so far",
                                       "Page %'u: %'u customers so far", records_so_far),
                          page_number, records_so_far);
  gtk_progress_bar_set_text (self->loading_progress, text);
}

static void
on_fetch_error_response (AdwMessageDialog *dialog,
                         const char       *response,
                         AttestWindow     *self)
{
  if (g_str_equal (response, "try-again"))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.fetch", NULL);
}

/* A fetch that failed for good: what happened in plain words, with the
 * technical reason under Details, and Try Again where that can help. */
static void
show_fetch_error (AttestWindow *self,
                  const GError *error)
{
  gboolean offline = g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NETWORK);
  gboolean retryable = error->domain == ATTEST_PARTNER_ERROR
                       && attest_partner_error_is_retryable (error);
  AdwMessageDialog *dialog;
  GtkWidget *expander;
  GtkWidget *details;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Cannot Fetch the Customers"), NULL));
  if (offline)
    {
      adw_message_dialog_set_body (dialog, _("Partner Center could not be reached. Check the "
                                             "network connection, then try again."));
      details = gtk_label_new (error->message);
      gtk_label_set_wrap (GTK_LABEL (details), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (details), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (details), TRUE);
      gtk_label_set_xalign (GTK_LABEL (details), 0);
      gtk_label_set_max_width_chars (GTK_LABEL (details), 40);
      gtk_widget_add_css_class (details, "caption");
      expander = gtk_expander_new_with_mnemonic (_("_Details"));
      gtk_expander_set_child (GTK_EXPANDER (expander), details);
      adw_message_dialog_set_extra_child (dialog, expander);
    }
  else
    adw_message_dialog_set_body (dialog, error->message);

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_close_response (dialog, "close");
  if (retryable)
    {
      adw_message_dialog_add_response (dialog, "try-again", _("_Try Again"));
      adw_message_dialog_set_response_appearance (dialog, "try-again", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "try-again");
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_fetch_error_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_fetched (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Fetch) fetch = user_data;
  AttestWindow *self = fetch->window;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(AttestRecordStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  records = attest_partner_client_fetch_records_finish (ATTEST_PARTNER_CLIENT (object), result,
                                                        &error);
  /* Another fetch, or a file, took the page over. */
  if (self->loading != fetch->cancellable)
    return;

  stop_fetching (self);
  g_clear_object (&self->loading);

  if (records == NULL)
    {
      attest_window_set_store (self, self->store, self->file);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_fetch_error (self, error);
      return;
    }

  store = attest_partner_records_new_store (records);

  attest_window_set_store (self, store, NULL);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Fetched %'u customer from Partner Center",
                                          "Fetched %'u customers from Partner Center",
                                          records->len),
                             records->len);
  attest_window_show_toast (self, message);
}

/* Asks Partner Center for the customers; what the window read or fetched
 * before stays until they came. */
static void
start_fetch (AttestWindow *self)
{
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(GError) error = NULL;
  Fetch *fetch;

  client = attest_connection_new_partner_client (self->connection, &error);
  if (client == NULL)
    {
      attest_window_show_error (self, _("Cannot Fetch the Customers"), error->message);
      return;
    }

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  stop_fetching (self);
  self->loading = g_cancellable_new ();
  self->fetch_client = g_object_ref (client);
  g_signal_connect_object (client, "retrying", G_CALLBACK (on_fetch_retrying), self,
                           G_CONNECT_SWAPPED);

  show_loading (self, _("Fetching Customers…"), FETCH_ICON);
  gtk_progress_bar_set_text (self->loading_progress, _("Asking Partner Center"));
  gtk_progress_bar_pulse (self->loading_progress);
  self->loading_pulse = g_timeout_add (PULSE_INTERVAL_MS, pulse, self);

  fetch = g_new0 (Fetch, 1);
  fetch->window = g_object_ref (self);
  fetch->cancellable = g_object_ref (self->loading);
  attest_partner_client_fetch_records_async (client, on_fetch_page, self, self->loading,
                                             on_fetched, fetch);
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

  if (self->connection == NULL)
    return;

  /* Sign in first; the dialog says how, and the fetch starts once signed in. */
  if (attest_connection_needs_sign_in (self->connection))
    {
      _attest_window_sign_in_then (self, "win.fetch", FALSE);
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

  start_fetch (self);
}

/* Try Again while the fetch waits to try again: a new fetch, now. */
static void
try_again_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AttestWindow *self = ATTEST_WINDOW (widget);

  if (self->fetch_client != NULL)
    start_fetch (self);
}

/* Whether the window fetches the customers: the page is the fetch's until
 * it is over or cancelled, and no file is opened meanwhile. */
gboolean
_attest_window_is_fetching (AttestWindow *self)
{
  return self->fetch_client != NULL;
}

void
_attest_window_loading_dispose (AttestWindow *self)
{
  g_clear_handle_id (&self->loading_pulse, g_source_remove);
  if (self->fetch_client != NULL)
    g_signal_handlers_disconnect_by_data (self->fetch_client, self);
  g_clear_object (&self->fetch_client);
}

void
_attest_window_class_loading_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.fetch", NULL, fetch_action);
  gtk_widget_class_install_action (widget_class, "win.try-again", NULL, try_again_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.fetch", NULL);
}
