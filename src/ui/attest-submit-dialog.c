/* attest-submit-dialog.c: the submit wizard (SPEC §8)
 *
 * Review (how many customers go, how many are held back for problems and
 * how many are done already; the date agreed, the strategy) → confirm (how
 * many, and that each primary contact receives an email) → progress (with
 * stop) → results (by outcome; continue a run stopped, export the results,
 * show the rejected customers, retry the failed). It drives an
 * AttestSubmission and shows what it reports; the decisions are the
 * submission's. The progress and results pages are
 * attest-submit-dialog-run.c's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-submit-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-format.h"
#include "attest-submit-dialog-private.h"

G_DEFINE_FINAL_TYPE (AttestSubmitDialog, attest_submit_dialog, ADW_TYPE_WINDOW)

guint _attest_submit_dialog_signals[N_SIGNALS];

static guint
ready_count (AttestSubmitDialog *self)
{
  AttestRecordCounts counts = { 0 };

  attest_record_store_get_counts (self->store, &counts);
  return counts.actionable;
}

/* The suggested button of each page is the default one, and has the
 * focus, so that Enter does what the page suggests. */
void
_attest_submit_dialog_show_page (AttestSubmitDialog *self,
                                 const char         *page)
{
  gtk_stack_set_visible_child_name (self->pages, page);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), !g_str_equal (page, "results"));
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), !g_str_equal (page, "progress"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->next_button), "suggested-action");
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->next_button));

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
      gtk_window_set_default_widget (GTK_WINDOW (self), NULL);
    }
  else
    {
      gtk_button_set_label (self->next_button, _("_Close"));
      adw_window_title_set_title (self->window_title, _("Results"));
    }

  if (!g_str_equal (page, "progress"))
    gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

/* Review */

static void
set_count (GtkLabel     *label,
           AdwActionRow *row,
           guint         n)
{
  g_autofree char *text = g_strdup_printf ("%'u", n);

  gtk_label_set_text (label, text);
  if (row != NULL)
    gtk_widget_set_visible (GTK_WIDGET (row), n > 0);
}

/* The marked customers that do not go: with problems to fix (held back),
 * attested already, or refused by an earlier run. */
static void
update_counts (AttestSubmitDialog *self)
{
  guint n = attest_record_store_get_n_records (self->store);
  guint held = 0;
  guint done = 0;
  guint refused = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!attest_record_store_get_attested (self->store, i))
        continue;

      switch (attest_record_store_get_status (self->store, i))
        {
        case ATTEST_RECORD_STATUS_INVALID:
          held++;
          break;
        case ATTEST_RECORD_STATUS_ATTESTED:
        case ATTEST_RECORD_STATUS_ALREADY_ATTESTED:
          done++;
          break;
        case ATTEST_RECORD_STATUS_REJECTED:
        case ATTEST_RECORD_STATUS_FAILED:
          refused++;
          break;
        case ATTEST_RECORD_STATUS_PENDING:
        case ATTEST_RECORD_STATUS_NOT_MARKED:
        default:
          break;
        }
    }

  set_count (self->ready_label, NULL, ready_count (self));
  set_count (self->held_label, self->held_row, held);
  set_count (self->done_label, self->done_row, done);
  set_count (self->refused_label, self->refused_row, refused);
}

/* The date agreed: the error under the field, where everyone reads it. */
static void
update_date (AttestSubmitDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));

  g_clear_pointer (&self->date_agreed, g_date_time_unref);
  self->date_agreed = attest_submission_parse_date_agreed (date, NULL, &error);
  if (self->date_agreed == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
      gtk_label_set_text (self->date_error_label, error->message);
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->date_error_label), self->date_agreed == NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button),
                            self->date_agreed != NULL && ready_count (self) > 0);
}

static void
on_date_changed (AttestSubmitDialog *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->pages), "review") == 0)
    update_date (self);
}

/* The calendar opens on the date typed, or on today when it is none. */
static void
on_calendar_shown (AttestSubmitDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDateTime *shown = self->date_agreed != NULL ? self->date_agreed : now;
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (shown),
                                                    g_date_time_get_month (shown),
                                                    g_date_time_get_day_of_month (shown),
                                                    12, 0, 0);

  self->syncing_calendar = TRUE;
  gtk_calendar_select_day (self->calendar, day);
  self->syncing_calendar = FALSE;
}

static void
on_day_selected (AttestSubmitDialog *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *text = NULL;

  if (self->syncing_calendar)
    return;

  day = gtk_calendar_get_date (self->calendar);
  text = g_date_time_format (day, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
  gtk_popover_popdown (self->calendar_popover);
}

static void
show_confirm (AttestSubmitDialog *self)
{
  guint ready = ready_count (self);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *date = NULL;
  g_autoptr(GDateTime) day = NULL;

  /* The day written in the field, whatever the local time zone. */
  day = g_date_time_new_local (g_date_time_get_year (self->date_agreed),
                               g_date_time_get_month (self->date_agreed),
                               g_date_time_get_day_of_month (self->date_agreed), 12, 0, 0);
  date = attest_format_day (day);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Attest %'u Customer?",
                                        "Attest %'u Customers?", ready),
                           ready);
  /* Translators: %s is a day, as "1 December 2026". */
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
  _attest_submit_dialog_show_page (self, "confirm");
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
  _attest_submit_dialog_start_run (self);
}

/* Buttons */

static void
on_back_clicked (AttestSubmitDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->pages);

  if (g_str_equal (page, "confirm"))
    _attest_submit_dialog_show_page (self, "review");
  else if (g_str_equal (page, "progress"))
    _attest_submit_dialog_stop_run (self);
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

/* A run under way is stopped, not abandoned: closing asks it to stop and
 * waits for the requests on their way. */
static gboolean
attest_submit_dialog_close_request (GtkWindow *window)
{
  AttestSubmitDialog *self = ATTEST_SUBMIT_DIALOG (window);

  if (self->running)
    {
      _attest_submit_dialog_stop_run (self);
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

  update_counts (self);
  update_date (self);
  _attest_submit_dialog_show_page (self, "review");

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
  _attest_submit_dialog_start_run (self);

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
  g_clear_handle_id (&self->pulse_id, g_source_remove);

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
  _attest_submit_dialog_signals[SIGNAL_CURRENT_FLOW] =
    g_signal_new ("current-flow", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  /* A run that stopped goes on (Continue): it finishes on the run's own
   * copy of its records, attest_submission_get_store() of
   * attest_submit_dialog_get_submission(), which the window then shows. */
  _attest_submit_dialog_signals[SIGNAL_RESUMED] =
    g_signal_new ("resumed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
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
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, done_label);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, done_row);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, refused_label);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, refused_row);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, date_error_label);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, strategy_row);
  gtk_widget_class_bind_template_child (widget_class, AttestSubmitDialog, confirm_page);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_date_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_shown);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_retry_clicked);
  _attest_submit_dialog_class_run_init (widget_class);

  /* As in any dialog; while a run is under way, closing stops it. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
attest_submit_dialog_init (AttestSubmitDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* A screen reader reads the date's error with the field. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->date_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->date_error_label,
                                  NULL, -1);
}
