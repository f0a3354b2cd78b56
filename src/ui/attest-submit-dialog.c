/* attest-submit-dialog.c: the submit wizard (SPEC §8)
 *
 * Review (how many customers go, the date agreed, the strategy) → confirm
 * (how many, and that each primary contact receives an email) → progress
 * (with cancel) → results (by outcome; export them; retry the failed). It
 * drives an AttestSubmission and shows what it reports; the decisions are
 * the submission's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-submit-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-csv-writer.h"
#include "attest-submit-dialog.h"

struct _AttestSubmitDialog
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkButton           *back_button;
  GtkButton           *next_button;
  GtkStack            *pages;
  GtkLabel            *ready_label;
  GtkLabel            *held_label;
  AdwActionRow        *held_row;
  AdwEntryRow         *date_row;
  AdwComboRow         *strategy_row;
  AdwStatusPage       *confirm_page;
  AdwStatusPage       *progress_page;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_label;
  AdwStatusPage       *results_page;
  GtkButton           *retry_button;
  GtkWidget           *current_flow_button;
  GtkWidget           *export_results_button;

  AttestPartnerClient *client;
  AttestRecordStore   *store;
  GSettings           *settings;
  AttestSubmission    *submission;
  GCancellable        *cancellable;
  GDateTime           *date_agreed;
  char                *runs_directory;
  GError              *stop;
  gboolean             running;
};

G_DEFINE_FINAL_TYPE (AttestSubmitDialog, attest_submit_dialog, ADW_TYPE_WINDOW)

enum {
  CURRENT_FLOW,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
ready_count (AttestSubmitDialog *self)
{
  AttestRecordCounts counts = { 0 };

  attest_record_store_get_counts (self->store, &counts);
  return counts.actionable;
}

static void
show_page (AttestSubmitDialog *self,
           const char         *page)
{
  gtk_stack_set_visible_child_name (self->pages, page);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), !g_str_equal (page, "results"));
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), !g_str_equal (page, "progress"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), TRUE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->next_button), "destructive-action");
  gtk_widget_add_css_class (GTK_WIDGET (self->next_button), "suggested-action");

  if (g_str_equal (page, "review"))
    {
      gtk_button_set_label (self->back_button, _("_Cancel"));
      gtk_button_set_label (self->next_button, _("_Continue"));
      adw_window_title_set_title (self->window_title, _("Submit Attestations"));
    }
  else if (g_str_equal (page, "confirm"))
    {
      gtk_button_set_label (self->back_button, _("_Back"));
      gtk_button_set_label (self->next_button, _("_Attest"));
      adw_window_title_set_title (self->window_title, _("Confirm"));
    }
  else if (g_str_equal (page, "progress"))
    {
      gtk_button_set_label (self->back_button, _("_Stop"));
      adw_window_title_set_title (self->window_title, _("Sending"));
    }
  else
    {
      gtk_button_set_label (self->next_button, _("_Close"));
      adw_window_title_set_title (self->window_title, _("Results"));
    }
}

/* Review */

static void
update_review (AttestSubmitDialog *self)
{
  AttestRecordCounts counts = { 0 };
  g_autofree char *ready = NULL;
  g_autofree char *held = NULL;
  g_autoptr(GError) error = NULL;
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));

  attest_record_store_get_counts (self->store, &counts);
  ready = g_strdup_printf ("%u", counts.actionable);
  held = g_strdup_printf ("%u", counts.marked - counts.actionable);
  gtk_label_set_text (self->ready_label, ready);
  gtk_label_set_text (self->held_label, held);
  gtk_widget_set_visible (GTK_WIDGET (self->held_row), counts.marked > counts.actionable);

  g_clear_pointer (&self->date_agreed, g_date_time_unref);
  self->date_agreed = attest_submission_parse_date_agreed (date, NULL, &error);
  if (self->date_agreed == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_row), error->message);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_row), NULL);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button),
                            self->date_agreed != NULL && counts.actionable > 0);
}

static void
on_date_changed (AttestSubmitDialog *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->pages), "review") == 0)
    update_review (self);
}

static void
show_confirm (AttestSubmitDialog *self)
{
  guint ready = ready_count (self);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *date = g_date_time_format (self->date_agreed, "%Y-%m-%d");

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Attest %u Customer?",
                                        "Attest %u Customers?", ready),
                           ready);
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Partner Center will record that this customer "
                                              "accepted the Microsoft Customer Agreement on %s. "
                                              "Its primary contact receives an email from "
                                              "Microsoft about it.",
                                              "Partner Center will record that these customers "
                                              "accepted the Microsoft Customer Agreement on %s. "
                                              "Each primary contact receives an email from "
                                              "Microsoft about it.",
                                              ready),
                                 date);
  adw_status_page_set_title (self->confirm_page, title);
  adw_status_page_set_description (self->confirm_page, description);
  show_page (self, "confirm");
}

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

static void
on_progress (AttestSubmitDialog *self)
{
  const AttestProgress *progress = attest_submission_get_progress (self->submission);
  g_autofree char *fraction_text = NULL;
  g_autofree char *details = NULL;
  g_autofree char *eta = NULL;
  double fraction = progress->total > 0 ? (double) progress->done / progress->total : 1.0;

  fraction_text = g_strdup_printf (_("%u of %u"), progress->done, progress->total);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, fraction_text);

  eta = progress->eta_seconds >= 0 ? format_duration (progress->eta_seconds) : NULL;
  details = g_strdup_printf (_("Attested %u · Already attested %u · Rejected %u · Failed %u\n"
                               "%.0f per second · %s left"),
                             progress->attested, progress->already_attested, progress->rejected,
                             progress->failed, progress->rate, eta != NULL ? eta : "–");
  gtk_label_set_text (self->progress_label, details);
}

static void
show_results (AttestSubmitDialog *self)
{
  const AttestProgress *progress = attest_submission_get_progress (self->submission);
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *title = NULL;
  guint done = progress->attested + progress->already_attested;
  gboolean retired = g_error_matches (self->stop, ATTEST_SUBMISSION_ERROR,
                                      ATTEST_SUBMISSION_ERROR_RETIRED);

  if (retired)
    {
      AttestRecordCounts counts = { 0 };

      /* SPEC §13: the run is over; the current flow takes the same
       * customers. */
      attest_record_store_get_counts (self->store, &counts);
      title = g_strdup (_("Partner Attestation Was Retired"));
      g_string_append (description, self->stop->message);
      g_string_append (description, "\n\n");
      g_string_append_printf (description,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "Nothing more was sent: %u customer is not attested "
                                           "and stays pending. This run is over: it will not be "
                                           "offered to be finished.",
                                           "Nothing more was sent: %u customers are not "
                                           "attested and stay pending. This run is over: it will "
                                           "not be offered to be finished.",
                                           counts.actionable),
                              counts.actionable);
      g_string_append (description, "\n\n");
      g_string_append (description, _("Each customer now accepts the Microsoft Customer "
                                      "Agreement itself, through a link you request for it. "
                                      "Attest checks which of these customers still need to "
                                      "accept; then you request their links."));
      adw_status_page_set_icon_name (self->results_page, "dialog-warning-symbolic");
    }
  else if (self->stop != NULL)
    {
      title = g_strdup (_("The Run Stopped"));
      g_string_append (description, self->stop->message);
      g_string_append (description, "\n\n");
      g_string_append (description, _("Nothing is lost: open Attest again when the cause is "
                                      "fixed, and it offers to finish the run."));
      adw_status_page_set_icon_name (self->results_page, "dialog-warning-symbolic");
    }
  else
    {
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Customer Attested",
                                            "%u Customers Attested", done),
                               done);
      g_string_append_printf (description, _("Attested: %u\nAlready attested: %u\n"
                                             "Rejected: %u\nFailed: %u"),
                              progress->attested, progress->already_attested,
                              progress->rejected, progress->failed);
      g_string_append (description, "\n\n");
      g_string_append (description, _("Partner Center shows the attestations within four "
                                      "hours."));
      adw_status_page_set_icon_name (self->results_page,
                                     progress->rejected + progress->failed > 0
                                     ? "dialog-warning-symbolic" : "emblem-ok-symbolic");
    }

  adw_status_page_set_title (self->results_page, title);
  adw_status_page_set_description (self->results_page, description->str);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button),
                          progress->failed > 0 && self->stop == NULL);
  /* Retired: the way on is the current flow, for the same customers, and
   * there is no result worth keeping. */
  gtk_widget_set_visible (self->current_flow_button, retired);
  if (retired)
    gtk_widget_remove_css_class (self->export_results_button, "suggested-action");
  else
    gtk_widget_add_css_class (self->export_results_button, "suggested-action");
  show_page (self, "results");
  if (retired)
    gtk_widget_grab_focus (self->current_flow_button);
}

static void
on_run_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AttestSubmitDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  attest_submission_run_finish (ATTEST_SUBMISSION (object), result, &error);
  self->running = FALSE;
  g_clear_error (&self->stop);

  if (error != NULL && !g_error_matches (error, ATTEST_SUBMISSION_ERROR,
                                         ATTEST_SUBMISSION_ERROR_NOTHING_TO_SEND))
    self->stop = g_steal_pointer (&error);

  show_results (self);
}

static void
start_run (AttestSubmitDialog *self)
{
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;

  if (self->runs_directory != NULL)
    attest_submission_set_runs_directory (self->submission, self->runs_directory);

  g_signal_connect_object (self->submission, "progress", G_CALLBACK (on_progress), self,
                           G_CONNECT_SWAPPED);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_text (self->progress_label, "");
  show_page (self, "progress");

  attest_submission_run_async (self->submission, self->cancellable, on_run_done,
                               g_object_ref (self));
}

static void
start_new_run (AttestSubmitDialog *self)
{
  AttestSubmissionOptions options = {
    .strategy = adw_combo_row_get_selected (self->strategy_row) == 1
                ? ATTEST_STRATEGY_PER_CUSTOMER : ATTEST_STRATEGY_BULK,
    .batch_size = self->settings != NULL ? g_settings_get_int (self->settings, "batch-size")
                                         : ATTEST_MAX_BATCH_SIZE,
    .concurrency = self->settings != NULL ? g_settings_get_int (self->settings, "concurrency") : 0,
    .date_agreed = self->date_agreed,
  };

  g_clear_object (&self->submission);
  self->submission = attest_submission_new (self->client, self->store, &options);
  start_run (self);
}

/* Buttons */

static void
on_back_clicked (AttestSubmitDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->pages);

  if (g_str_equal (page, "confirm"))
    show_page (self, "review");
  else if (g_str_equal (page, "progress"))
    {
      g_cancellable_cancel (self->cancellable);
      gtk_button_set_label (self->back_button, _("Stopping…"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), FALSE);
    }
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_next_clicked (AttestSubmitDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->pages);

  if (g_str_equal (page, "review"))
    show_confirm (self);
  else if (g_str_equal (page, "confirm"))
    start_new_run (self);
  else if (g_str_equal (page, "results"))
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_retry_clicked (AttestSubmitDialog *self)
{
  guint n = attest_record_store_get_n_records (self->store);

  /* Failed records were refused for a passing reason (a server error, a
   * throttling that outlasted the retries): they go out again. Rejected
   * ones need fixing first. */
  for (guint i = 0; i < n; i++)
    {
      if (attest_record_store_get_status (self->store, i) == ATTEST_RECORD_STATUS_FAILED)
        attest_record_store_clear_outcome (self->store, i);
    }

  start_new_run (self);
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
        {
          AdwMessageDialog *dialog;

          dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                               _("Cannot Export the Results"),
                                                               error->message));
          adw_message_dialog_add_response (dialog, "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
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
  g_signal_emit (self, signals[CURRENT_FLOW], 0);
  gtk_window_close (GTK_WINDOW (self));
}

/* A run under way is stopped, not abandoned: closing asks it to stop and
 * waits for the requests on their way. */
static gboolean
attest_submit_dialog_close_request (GtkWindow *window)
{
  AttestSubmitDialog *self = ATTEST_SUBMIT_DIALOG (window);

  if (self->running)
    {
      on_back_clicked (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (attest_submit_dialog_parent_class)->close_request (window);
}

/* Construction */

AttestSubmitDialog *
attest_submit_dialog_new (GtkWindow           *parent,
                          AttestPartnerClient *client,
                          AttestRecordStore   *store,
                          GSettings           *settings)
{
  AttestSubmitDialog *self;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_return_val_if_fail (ATTEST_IS_PARTNER_CLIENT (client), NULL);
  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (store), NULL);

  self = g_object_new (ATTEST_TYPE_SUBMIT_DIALOG, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  self->store = g_object_ref (store);
  g_set_object (&self->settings, settings);

  if (settings != NULL)
    adw_combo_row_set_selected (self->strategy_row, g_settings_get_enum (settings, "strategy"));
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);

  update_review (self);
  show_page (self, "review");

  return self;
}

/* Opens straight on the progress of an interrupted run, finishing it. */
AttestSubmitDialog *
attest_submit_dialog_new_resume (GtkWindow            *parent,
                                 AttestPartnerClient  *client,
                                 const char           *journal_path,
                                 GError              **error)
{
  g_autoptr(AttestSubmission) submission = NULL;
  AttestSubmitDialog *self;

  submission = attest_submission_new_resume (client, journal_path, error);
  if (submission == NULL)
    return NULL;

  self = g_object_new (ATTEST_TYPE_SUBMIT_DIALOG, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  self->store = g_object_ref (attest_submission_get_store (submission));
  self->submission = g_steal_pointer (&submission);
  start_run (self);

  return self;
}

AttestSubmission *
attest_submit_dialog_get_submission (AttestSubmitDialog *self)
{
  g_return_val_if_fail (ATTEST_IS_SUBMIT_DIALOG (self), NULL);

  return self->submission;
}

const char *
attest_submit_dialog_get_page (AttestSubmitDialog *self)
{
  g_return_val_if_fail (ATTEST_IS_SUBMIT_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->pages);
}

void
attest_submit_dialog_set_runs_directory (AttestSubmitDialog *self,
                                         const char         *directory)
{
  g_return_if_fail (ATTEST_IS_SUBMIT_DIALOG (self));

  g_free (self->runs_directory);
  self->runs_directory = g_strdup (directory);
}

static void
attest_submit_dialog_dispose (GObject *object)
{
  AttestSubmitDialog *self = ATTEST_SUBMIT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_SUBMIT_DIALOG);
  g_clear_object (&self->submission);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->date_agreed, g_date_time_unref);
  g_clear_pointer (&self->runs_directory, g_free);
  g_clear_error (&self->stop);

  G_OBJECT_CLASS (attest_submit_dialog_parent_class)->dispose (object);
}

static void
attest_submit_dialog_class_init (AttestSubmitDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = attest_submit_dialog_dispose;
  window_class->close_request = attest_submit_dialog_close_request;

  /* The person chose to take the customers of a retired run into
   * Microsoft's current flow (SPEC §13 "Classic refused"). */
  signals[CURRENT_FLOW] =
    g_signal_new ("current-flow", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/attest-submit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, pages);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, ready_label);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, held_label);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, held_row);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, strategy_row);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, confirm_page);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, results_page);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, retry_button);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, current_flow_button);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog,
                                        export_results_button);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_export_results_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_current_flow_clicked);

  /* As in any dialog; while a run is under way, closing stops it. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
attest_submit_dialog_init (AttestSubmitDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
