/* attest-submit-dialog-run.c: the submit wizard's progress and results
 * (SPEC §8)
 *
 * Progress shows what the run has done, how fast it goes once that is
 * known, when Partner Center asks it to wait, and, while a resume asks
 * which of the batches that got no answer were carried out, that it does
 * so. Results say what came of the run; a run that stopped says how far it
 * got and offers to go on (the same run, resumed: nothing is sent twice).
 * When a run ends while Attest is in the background, a notification says
 * so.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-submit-dialog-run"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-csv-writer.h"
#include "attest-submit-dialog-private.h"

/* Progress */

static char *
format_duration (gint64 seconds)
{
  if (seconds >= 3600)
    return g_strdup_printf (_("%d h %02d min"), (int) (seconds / 3600), (int) (seconds / 60 % 60));
  if (seconds >= 60)
    return g_strdup_printf (_("%d min %02d s"), (int) (seconds / 60), (int) (seconds % 60));
  return g_strdup_printf (_("%d s"), (int) seconds);
}

static gboolean
pulse (gpointer user_data)
{
  AttestSubmitDialog *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

/* The bar pulses while the run has no figures to show. */
static void
set_pulsing (AttestSubmitDialog *self,
             gboolean            pulsing)
{
  if (pulsing && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (100, pulse, self);
  else if (!pulsing)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static void
on_progress (AttestSubmitDialog *self)
{
  const AttestProgress *progress = attest_submission_get_progress (self->submission);
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *fraction_text = NULL;
  double fraction;

  if (attest_submission_is_reconciling (self->submission))
    {
      set_pulsing (self, TRUE);
      gtk_progress_bar_set_text (self->progress_bar, NULL);
      gtk_label_set_text (self->progress_label,
                          _("Checking the last batch with Partner Center…"));
      return;
    }

  set_pulsing (self, FALSE);
  fraction = progress->total > 0 ? (double) progress->done / progress->total : 1.0;
  fraction_text = g_strdup_printf (_("%'u of %'u"), progress->done, progress->total);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, fraction_text);

  g_string_append_printf (details, _("Attested %'u · Already attested %'u · Rejected %'u · "
                                     "Failed %'u"),
                          progress->attested, progress->already_attested, progress->rejected,
                          progress->failed);

  /* How fast, and how long still, once that is known: never "0 per
   * second". */
  if (progress->done < progress->total && progress->eta_seconds > 0)
    {
      g_autofree char *eta = format_duration (progress->eta_seconds);

      g_string_append_c (details, '\n');
      if (progress->rate >= 1)
        /* Translators: the speed of a run and the time it still takes. */
        g_string_append_printf (details, _("%'.0f per second · %s left"), progress->rate, eta);
      else
        g_string_append_printf (details, _("%s left"), eta);
    }

  if (g_get_monotonic_time () < self->throttled_until)
    {
      g_autofree char *wait = format_duration ((self->throttle_wait_ms + 999) / 1000);

      g_string_append_c (details, '\n');
      /* Translators: Partner Center answered 429; %s is how long, as "3 s". */
      g_string_append_printf (details, _("Partner Center asked to wait %s"), wait);
    }

  gtk_label_set_text (self->progress_label, details->str);
}

/* Partner Center throttled a request, which waits before it goes again. */
static void
on_throttled (AttestSubmitDialog *self,
              guint               delay_ms)
{
  self->throttle_wait_ms = delay_ms;
  self->throttled_until = g_get_monotonic_time () + (gint64) delay_ms * 1000;
  if (!attest_submission_is_reconciling (self->submission))
    on_progress (self);
}

/* Results */

/* Whether the session bus has someone to show a notification. */
static gboolean
can_notify (GApplication *application)
{
  static const char * const services[] = {
    "org.freedesktop.portal.Desktop", "org.gtk.Notifications", "org.freedesktop.Notifications",
  };
  GDBusConnection *bus = g_application_get_dbus_connection (application);

  for (guint i = 0; bus != NULL && i < G_N_ELEMENTS (services); i++)
    {
      g_autoptr(GVariant) reply = NULL;
      gboolean owned = FALSE;

      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner",
                                           g_variant_new ("(s)", services[i]),
                                           G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 1000,
                                           NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &owned);
      if (owned)
        return TRUE;
    }

  return FALSE;
}

/* A long run ended while the partner was doing something else: the
 * desktop tells them. */
static void
notify_if_away (AttestSubmitDialog *self,
                const char         *title,
                const char         *body)
{
  GApplication *application = g_application_get_default ();
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GNotification) notification = NULL;

  if (gtk_window_is_active (GTK_WINDOW (self)) || (parent != NULL && gtk_window_is_active (parent)))
    return;
  if (application == NULL || !g_application_get_is_registered (application)
      || !can_notify (application))
    return;

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_application_send_notification (application, "run-ended", notification);
}

static void
describe_retired (AttestSubmitDialog *self,
                  GString            *description)
{
  AttestRecordCounts counts = { 0 };

  /* SPEC §13: the run is over; the current flow takes the same
   * customers. */
  attest_record_store_get_counts (self->store, &counts);
  g_string_append (description, self->stop->message);
  g_string_append (description, "\n\n");
  g_string_append_printf (description,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Nothing more was sent: %'u customer is not attested "
                                       "and stays pending. This run is over: it will not be "
                                       "offered to be finished.",
                                       "Nothing more was sent: %'u customers are not "
                                       "attested and stay pending. This run is over: it will "
                                       "not be offered to be finished.",
                                       counts.actionable),
                          counts.actionable);
  g_string_append (description, "\n\n");
  g_string_append (description, _("Each customer now accepts the Microsoft Customer "
                                  "Agreement itself, through a link you request for it. "
                                  "Attest checks which of these customers still need to "
                                  "accept; then you request their links."));
}

/* A run that stopped: how far it got, and that it can go on. */
static char *
describe_stopped (AttestSubmitDialog *self,
                  GString            *description)
{
  const AttestProgress *progress = attest_submission_get_progress (self->submission);
  AttestRecordCounts counts = { 0 };

  attest_record_store_get_counts (self->store, &counts);
  if (g_error_matches (self->stop, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_string_append_printf (description,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Nothing more was sent. Continue sends the %'u "
                                         "customer left; none is sent twice.",
                                         "Nothing more was sent. Continue sends the %'u "
                                         "customers left; none is sent twice.",
                                         counts.actionable),
                            counts.actionable);
  else
    {
      g_string_append (description, self->stop->message);
      g_string_append (description, "\n\n");
      g_string_append (description, _("Continue once the cause is fixed: nothing is sent "
                                      "twice."));
    }

  /* Translators: the title of a run that stopped; the numbers count
   * customers. */
  return g_strdup_printf (_("Stopped — %'u of %'u Attested"),
                          MIN (counts.done, progress->total), progress->total);
}

static char *
describe_done (AttestSubmitDialog *self,
               GString            *description)
{
  const AttestProgress *progress = attest_submission_get_progress (self->submission);
  guint done = progress->attested + progress->already_attested;

  g_string_append_printf (description, _("Attested: %'u\nAlready attested: %'u\n"
                                         "Rejected: %'u\nFailed: %'u"),
                          progress->attested, progress->already_attested,
                          progress->rejected, progress->failed);
  /* Only what was attested now takes Partner Center that long. */
  if (progress->attested > 0)
    {
      g_string_append (description, "\n\n");
      g_string_append (description, _("Partner Center shows the attestations within four "
                                      "hours."));
    }

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u Customer Attested",
                                       "%'u Customers Attested", done),
                          done);
}

static void
show_results (AttestSubmitDialog *self)
{
  const AttestProgress *progress = attest_submission_get_progress (self->submission);
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *title = NULL;
  AttestRecordCounts counts = { 0 };
  gboolean retired = g_error_matches (self->stop, ATTEST_SUBMISSION_ERROR,
                                      ATTEST_SUBMISSION_ERROR_RETIRED);
  gboolean stopped = self->stop != NULL && !retired;
  gboolean can_continue = stopped && attest_submission_get_journal_path (self->submission) != NULL;
  GtkWidget *suggested = NULL;

  attest_record_store_get_counts (self->store, &counts);
  if (retired)
    {
      title = g_strdup (_("Partner Attestation Was Retired"));
      describe_retired (self, description);
      adw_status_page_set_icon_name (self->results_page, "dialog-warning-symbolic");
      suggested = self->current_flow_button;
    }
  else if (stopped)
    {
      title = describe_stopped (self, description);
      adw_status_page_set_icon_name (self->results_page,
                                     g_error_matches (self->stop, G_IO_ERROR,
                                                      G_IO_ERROR_CANCELLED)
                                     ? "media-playback-pause-symbolic"
                                     : "dialog-warning-symbolic");
      if (can_continue)
        suggested = self->continue_button;
    }
  else
    {
      title = describe_done (self, description);
      adw_status_page_set_icon_name (self->results_page,
                                     progress->rejected + progress->failed > 0
                                     ? "dialog-warning-symbolic" : "emblem-ok-symbolic");
    }

  adw_status_page_set_title (self->results_page, title);
  adw_status_page_set_description (self->results_page, description->str);
  /* Retired: the way on is the current flow, for the same customers, and
   * there is no result worth keeping. */
  gtk_widget_set_visible (self->current_flow_button, retired);
  gtk_widget_set_visible (self->continue_button, can_continue);
  gtk_widget_set_visible (self->show_rejected_button, !retired && counts.failed > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button),
                          progress->failed > 0 && self->stop == NULL);
  _attest_submit_dialog_show_page (self, "results");

  /* One suggested action: the way on when there is one, else Close. */
  if (suggested != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->next_button), "suggested-action");
      gtk_window_set_default_widget (GTK_WINDOW (self), suggested);
      gtk_widget_grab_focus (suggested);
    }

  notify_if_away (self, title, description->str);
}

static void
on_run_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AttestSubmitDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  /* A run replaced meanwhile (Continue) is not this dialog's any more. */
  attest_submission_run_finish (ATTEST_SUBMISSION (object), result, &error);
  if (ATTEST_SUBMISSION (object) != self->submission)
    return;

  self->running = FALSE;
  set_pulsing (self, FALSE);
  g_clear_error (&self->stop);

  if (error != NULL && !g_error_matches (error, ATTEST_SUBMISSION_ERROR,
                                         ATTEST_SUBMISSION_ERROR_NOTHING_TO_SEND))
    self->stop = g_steal_pointer (&error);

  show_results (self);
}

void
_attest_submit_dialog_start_run (AttestSubmitDialog *self)
{
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;
  self->throttled_until = 0;

  if (self->runs_directory != NULL)
    attest_submission_set_runs_directory (self->submission, self->runs_directory);

  g_signal_connect_object (self->submission, "progress", G_CALLBACK (on_progress), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->submission, "throttled", G_CALLBACK (on_throttled), self,
                           G_CONNECT_SWAPPED);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_label_set_text (self->progress_label, _("Getting ready…"));
  set_pulsing (self, TRUE);
  _attest_submit_dialog_show_page (self, "progress");

  attest_submission_run_async (self->submission, self->cancellable, on_run_done,
                               g_object_ref (self));
}

void
_attest_submit_dialog_stop_run (AttestSubmitDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  gtk_button_set_label (self->back_button, _("Stopping…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), FALSE);
}

static void
show_error (AttestSubmitDialog *self,
            const char         *heading,
            const char         *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The run that stopped goes on where it stopped, on its own copy of its
 * records, as finishing an interrupted run does. */
static void
on_continue_clicked (AttestSubmitDialog *self)
{
  g_autofree char *journal = g_strdup (attest_submission_get_journal_path (self->submission));
  g_autoptr(AttestSubmission) resumed = NULL;
  g_autoptr(GError) error = NULL;
  gboolean dirty = attest_record_store_get_dirty (self->store);

  resumed = attest_submission_new_resume (self->client, journal, &error);
  if (resumed == NULL)
    {
      show_error (self, _("Cannot Continue the Run"), error->message);
      return;
    }

  g_set_object (&self->store, attest_submission_get_store (resumed));
  /* Edits not exported are in the copy, and still not exported. */
  attest_record_store_set_dirty (self->store, dirty);
  g_set_object (&self->submission, resumed);
  g_signal_emit (self, _attest_submit_dialog_signals[SIGNAL_RESUMED], 0);
  _attest_submit_dialog_start_run (self);
}

/* The rejected and failed customers, with their reasons, in the window. */
static void
on_show_rejected_clicked (AttestSubmitDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-rejected", NULL);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_results_saved (GtkNativeDialog    *chooser,
                  int                 response,
                  AttestSubmitDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (!attest_csv_save_file (attest_submission_get_store (self->submission),
                                 ATTEST_CSV_FORMAT_RESULTS, file, NULL, &error))
        show_error (self, _("Cannot Export the Results"), error->message);
    }

  g_object_unref (chooser);
}

static void
on_export_results_clicked (AttestSubmitDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = g_strdup_printf ("AttestationResults-%s.csv",
                                           attest_submission_get_run_id (self->submission));

  chooser = gtk_file_chooser_native_new (_("Export Results"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_results_saved), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The customers of the retired run go on in the current flow: the window
 * takes them there once the wizard is closed. */
static void
on_current_flow_clicked (AttestSubmitDialog *self)
{
  g_signal_emit (self, _attest_submit_dialog_signals[SIGNAL_CURRENT_FLOW], 0);
  gtk_window_close (GTK_WINDOW (self));
}

void
_attest_submit_dialog_class_run_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, results_page);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, retry_button);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, current_flow_button);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, continue_button);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, show_rejected_button);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog,
                                        export_results_button);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_show_rejected_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_export_results_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_current_flow_clicked);
}
