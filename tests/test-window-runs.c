/* test-window-runs.c: runs in the window against the in-process sandbox:
 * the review's counts, the date agreed, Stop with its counts and
 * Continue, a submit over an unfinished run, Discard, the Runs dialog,
 * Show Rejected, and the desktop's notification of a run that ended while
 * the window was away (ui suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "attest-application.h"
#include "attest-format.h"
#include "attest-run-replay.h"
#include "attest-runs-dialog.h"
#include "attest-submit-dialog.h"
#include "attest-test-gtk.h"
#include "attest-test-submission.h"
#include "attest-test-utils.h"
#include "attest-window.h"

static AttestApplication *application;

/* Built once in English and once for each language of po/LINGUAS but
 * English (ATTEST_TEST_LANGUAGE): every sentence is checked in the
 * language shown, and every screenshot is taken in it. */
#ifdef ATTEST_TEST_LANGUAGE
#define LANGUAGE_SUFFIX "-" ATTEST_TEST_LANGUAGE
#else
#define LANGUAGE_SUFFIX ""
#endif

static void
screenshot (gpointer    widget,
            const char *name)
{
  g_autofree char *full = g_strconcat (name, LANGUAGE_SUFFIX, NULL);

  attest_test_save_screenshot (GTK_WIDGET (widget), full);
}

/* When the run of @journal started, as its sentences say it. */
static char *
dup_run_moment (const char *journal)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestRunReplay) replay = attest_run_replay_read (journal, &error);
  g_autoptr(GDateTime) started = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_no_error (error);
  started = g_date_time_new_from_iso8601 (replay->header->created_at, NULL);
  g_assert_nonnull (started);

  return attest_format_moment (started, now);
}

static gboolean
showing_records (gpointer user_data)
{
  AttestWindow *window = user_data;
  GtkStack *stack = GTK_STACK (attest_test_child (window, ATTEST_TYPE_WINDOW, "main_stack"));

  return attest_window_get_store (window) != NULL
         && g_strcmp0 (gtk_stack_get_visible_child_name (stack), "records") == 0;
}

static GtkWidget *
child (gpointer    dialog,
       const char *name)
{
  return GTK_WIDGET (attest_test_child (dialog, G_OBJECT_TYPE (dialog), name));
}

static void
click (gpointer    dialog,
       const char *button)
{
  g_signal_emit_by_name (child (dialog, button), "clicked");
}

static AttestWindow *
window_with_fetched_customers (guint n_customers)
{
  AttestSandbox *sandbox = attest_connection_get_sandbox (
                             attest_application_get_connection (application));
  AttestWindow *window;

  attest_sandbox_set_customer_count (sandbox, n_customers);
  window = attest_window_new (application);
  attest_test_present_and_wait (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.fetch", NULL);
  g_assert_true (attest_test_wait_until (showing_records, window, 20000));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-shown", NULL);

  return window;
}

static AttestSubmitDialog *
open_wizard (AttestWindow *window)
{
  AttestSubmitDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL));
  dialog = ATTEST_SUBMIT_DIALOG (attest_test_find_toplevel (ATTEST_TYPE_SUBMIT_DIALOG));
  g_assert_nonnull (dialog);
  attest_test_present_and_wait (GTK_WINDOW (dialog));

  return dialog;
}

/* The focus within @window is on @widget, or inside it. */
static void
assert_focus_on (gpointer   window,
                 GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  g_assert_nonnull (focus);
  g_assert_true (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static const char *
label_text (gpointer    dialog,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (child (dialog, name)));
}

/* Review: the marked customers that do not go are counted apart (done
 * ones are not held back); the date's error is under the field; the
 * calendar writes the date; Continue has the focus. */
static void
test_review (void)
{
  AttestWindow *window = window_with_fetched_customers (40);
  AttestRecordStore *store = attest_window_get_store (window);
  AttestSubmitDialog *dialog;
  AttestRecordCounts counts = { 0 };
  g_autoptr(GDateTime) day = g_date_time_new_local (2024, 5, 31, 12, 0, 0);
  g_autofree char *held = NULL;
  g_autofree char *ready = NULL;
  g_autofree char *no_such_day = g_strdup_printf (_("There is no such day as %s: check the "
                                                    "month and the day."), "2026-02-30");
  g_autofree char *shown_day = attest_format_day (day);
  GtkWidget *next;
  guint first = attest_record_store_find_next_actionable (store, 0);
  guint second = attest_record_store_find_next_actionable (store, first + 1);

  /* One customer attested by an earlier run, one rejected by it. */
  attest_record_store_set_outcome (store, first, ATTEST_RECORD_STATUS_ATTESTED, NULL, NULL, NULL,
                                   0);
  attest_record_store_set_outcome (store, second, ATTEST_RECORD_STATUS_REJECTED, "no such customer",
                                   NULL, NULL, 0);
  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.problems, >, 0);

  dialog = open_wizard (window);
  next = child (dialog, "next_button");
  ready = g_strdup_printf ("%u", counts.actionable);
  held = g_strdup_printf ("%u", counts.marked - counts.actionable - 2);
  g_assert_cmpstr (label_text (dialog, "ready_label"), ==, ready);
  g_assert_cmpstr (label_text (dialog, "held_label"), ==, held);
  g_assert_cmpstr (label_text (dialog, "done_label"), ==, "1");
  g_assert_cmpstr (label_text (dialog, "refused_label"), ==, "1");
  g_assert_true (gtk_widget_get_visible (child (dialog, "held_row")));
  g_assert_true (gtk_widget_get_visible (child (dialog, "done_row")));
  g_assert_true (gtk_widget_get_visible (child (dialog, "refused_row")));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) == next);
  assert_focus_on (dialog, next);
  g_assert_false (gtk_widget_get_visible (child (dialog, "date_error_label")));
  screenshot (dialog, "runs-review");

  /* Written right, but no day: said under the field, and nothing goes. */
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, "date_row")), "2026-02-30");
  g_assert_true (gtk_widget_get_visible (child (dialog, "date_error_label")));
  g_assert_cmpstr (label_text (dialog, "date_error_label"), ==, no_such_day);
  g_assert_false (gtk_widget_get_sensitive (next));
  screenshot (dialog, "runs-review-no-such-day");

  /* The calendar opens on a day, and choosing one writes it. */
  gtk_popover_popup (GTK_POPOVER (child (dialog, "calendar_popover")));
  g_assert_true (gtk_widget_get_visible (child (dialog, "calendar_popover")));
  screenshot (dialog, "runs-review-calendar");
  gtk_calendar_select_day (GTK_CALENDAR (child (dialog, "calendar")), day);
  g_signal_emit_by_name (child (dialog, "calendar"), "day-selected");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "date_row"))), ==,
                   "2024-05-31");
  g_assert_false (gtk_widget_get_visible (child (dialog, "calendar_popover")));
  g_assert_false (gtk_widget_get_visible (child (dialog, "date_error_label")));
  g_assert_true (gtk_widget_get_sensitive (next));

  /* Confirm: the day as a person reads it, the number grouped. */
  click (dialog, "next_button");
  g_assert_cmpstr (attest_submit_dialog_get_page (dialog), ==, "confirm");
  g_assert_nonnull (strstr (adw_status_page_get_description (
                              ADW_STATUS_PAGE (child (dialog, "confirm_page"))),
                            shown_day));
  assert_focus_on (dialog, next);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
progress_started (gpointer user_data)
{
  AttestSubmission *submission = attest_submit_dialog_get_submission (user_data);

  return submission != NULL && attest_submission_get_progress (submission)->done > 0;
}

static gboolean
label_says (gpointer user_data)
{
  gpointer *args = user_data;

  return strstr (gtk_label_get_text (args[0]), args[1]) != NULL;
}

/* Starts a run of @window's customers, slowly, and stops it after its
 * first batches, once Partner Center has asked it to wait. */
static AttestSubmitDialog *
start_and_stop (AttestWindow *window)
{
  AttestSandbox *sandbox = attest_connection_get_sandbox (
                             attest_application_get_connection (application));
  AttestSandboxFaults slow = { .latency_ms = 150 };
  AttestSandboxFaults none = { 0 };
  AttestSubmitDialog *dialog;
  gpointer args[2];
  g_autofree char *hour = g_strdup_printf (_("%d h %02d min"), 1, 0);
  g_autofree char *wait = g_strdup_printf (_("Partner Center asked to wait %s"), hour);
  g_autofree char *zero = g_strdup_printf (_("%'.0f per second · %s left"), 0.0, "");

  attest_sandbox_set_faults (sandbox, &slow);
  g_settings_set_int (attest_application_get_settings (application), "batch-size", 5);
  g_settings_set_int (attest_application_get_settings (application), "concurrency", 1);

  dialog = open_wizard (window);
  click (dialog, "next_button");
  click (dialog, "next_button");
  g_assert_true (attest_test_wait_until (progress_started, dialog, 30000));

  /* The next request is told to come back in an hour: the progress says
   * so, and only stopping cuts the wait short. */
  attest_sandbox_queue_fault (sandbox, ATTEST_SANDBOX_FAULT_429_SECONDS, 3600);
  args[0] = child (dialog, "progress_label");
  args[1] = wait;
  g_assert_true (attest_test_wait_until (label_says, args, 30000));
  /* Never "0 per second". */
  *strstr (zero, " ·") = '\0';
  g_assert_null (strstr (gtk_label_get_text (args[0]), zero));

  click (dialog, "back_button");
  attest_test_wait_for_submit_page (dialog, "results");
  attest_sandbox_set_faults (sandbox, &none);
  g_settings_reset (attest_application_get_settings (application), "batch-size");
  g_settings_reset (attest_application_get_settings (application), "concurrency");

  return dialog;
}

/* Stop ends with how far the run got and Continue, which finishes the
 * same run: every customer attested once. */
static void
test_stop_then_continue (void)
{
  AttestSandbox *sandbox = attest_connection_get_sandbox (
                             attest_application_get_connection (application));
  AttestWindow *window = window_with_fetched_customers (60);
  AttestRecordCounts before = { 0 };
  AttestRecordCounts counts = { 0 };
  AttestSubmitDialog *dialog;
  AttestSubmission *submission;
  g_autofree char *title = NULL;
  g_autofree char *left = NULL;
  g_autofree char *attested = NULL;
  g_autofree char *journaled = NULL;
  g_autoptr(AttestRunReplay) replay = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *continue_button;

  attest_record_store_get_counts (attest_window_get_store (window), &before);
  screenshot (window, "runs-window");
  dialog = start_and_stop (window);

  submission = attest_submit_dialog_get_submission (dialog);
  attest_record_store_get_counts (attest_submission_get_store (submission), &counts);
  g_assert_cmpuint (counts.done, >, 0);
  g_assert_cmpuint (counts.actionable, >, 0);
  title = g_strdup_printf (_("Stopped — %'u of %'u Attested"), counts.done, before.actionable);
  left = g_strdup_printf (ngettext ("Nothing more was sent. Continue sends the %'u customer "
                                    "left; none is sent twice.",
                                    "Nothing more was sent. Continue sends the %'u customers "
                                    "left; none is sent twice.", counts.actionable),
                          counts.actionable);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (child (dialog, "results_page"))),
                   ==, title);
  g_assert_nonnull (strstr (adw_status_page_get_description (
                              ADW_STATUS_PAGE (child (dialog, "results_page"))), left));

  /* One suggested action, Continue, with the focus; Export Results too. */
  continue_button = child (dialog, "continue_button");
  g_assert_true (gtk_widget_get_visible (continue_button));
  g_assert_true (gtk_widget_has_css_class (continue_button, "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (child (dialog, "next_button"), "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (child (dialog, "export_results_button"),
                                            "suggested-action"));
  g_assert_true (gtk_widget_get_visible (child (dialog, "export_results_button")));
  assert_focus_on (dialog, continue_button);
  screenshot (dialog, "runs-stopped");

  click (dialog, "continue_button");
  attest_test_wait_for_submit_page (dialog, "results");
  submission = attest_submit_dialog_get_submission (dialog);
  /* The results are the whole run's, before the stop and after it, as its
   * journal has them (and `attest runs` says them): every customer. */
  replay = attest_run_replay_read (attest_submission_get_journal_path (submission), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attest_run_replay_count_status (replay, "attested")
                    + attest_run_replay_count_status (replay, "already-attested"), ==,
                    before.actionable);
  attested = g_strdup_printf (ngettext ("%'u Customer Attested", "%'u Customers Attested",
                                        before.actionable),
                              before.actionable);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (child (dialog, "results_page"))),
                   ==, attested);
  journaled = g_strdup_printf (_("Attested: %'u\nAlready attested: %'u\nRejected: %'u\n"
                                 "Failed: %'u"),
                               attest_run_replay_count_status (replay, "attested"),
                               attest_run_replay_count_status (replay, "already-attested"),
                               attest_run_replay_count_status (replay, "rejected"),
                               attest_run_replay_count_status (replay, "failed"));
  g_assert_true (g_str_has_prefix (adw_status_page_get_description (
                                     ADW_STATUS_PAGE (child (dialog, "results_page"))),
                                   journaled));
  /* The grid shows the run's own copy, which has every outcome. */
  g_assert_true (attest_window_get_store (window) == attest_submission_get_store (submission));
  attest_record_store_get_counts (attest_window_get_store (window), &counts);
  g_assert_cmpuint (counts.done, ==, before.actionable);
  g_assert_cmpuint (attest_sandbox_count_pending (sandbox), ==, before.total - before.actionable);
  g_assert_true (gtk_widget_has_css_class (child (dialog, "next_button"), "suggested-action"));
  g_assert_false (gtk_widget_get_visible (child (dialog, "show_rejected_button")));
  screenshot (dialog, "runs-continued");

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static AdwMessageDialog *
find_message (const char *heading)
{
  AdwMessageDialog *message = ADW_MESSAGE_DIALOG (attest_test_find_toplevel (
                                                    ADW_TYPE_MESSAGE_DIALOG));

  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, _(heading));
  return message;
}

/* Submit over a run that did not end asks first; Discard, confirmed, ends
 * that run for good and opens the wizard; the Runs dialog says so. */
static void
test_submit_over_unfinished_then_discard (void)
{
  AttestWindow *window = window_with_fetched_customers (40);
  AttestSubmitDialog *dialog = start_and_stop (window);
  g_autofree char *journal = g_strdup (attest_submission_get_journal_path (
                                         attest_submit_dialog_get_submission (dialog)));
  g_autofree char *run_id = g_strdup (attest_submission_get_run_id (
                                        attest_submit_dialog_get_submission (dialog)));
  g_autofree char *waiting = NULL;
  g_autofree char *moment = dup_run_moment (journal);
  g_autofree char *started = g_strdup_printf (_("Started %s"), moment);
  g_autofree char *discarded = g_strdup_printf ("%s · ", _("Discarded"));
  g_autoptr(AttestRunReplay) replay = NULL;
  g_autoptr(GError) error = NULL;
  AttestRecordCounts counts = { 0 };
  AdwMessageDialog *message;
  AttestRunsDialog *runs;
  GtkWidget *row;

  attest_record_store_get_counts (attest_window_get_store (window), &counts);
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL));
  message = find_message ("Finish the Unfinished Run First?");
  waiting = g_strdup_printf (ngettext ("The run started %s stopped before it was done: %'u "
                                       "customer still waits to be sent. Finish it now? Nothing "
                                       "is sent twice.",
                                       "The run started %s stopped before it was done: %'u "
                                       "customers still wait to be sent. Finish it now? Nothing "
                                       "is sent twice.", counts.actionable),
                             moment, counts.actionable);
  g_assert_cmpstr (adw_message_dialog_get_body (message), ==, waiting);
  g_assert_cmpstr (adw_message_dialog_get_default_response (message), ==, "resume");
  attest_test_present_and_wait (GTK_WINDOW (message));
  screenshot (message, "runs-submit-over-unfinished");
  adw_message_dialog_response (message, "discard");
  gtk_window_destroy (GTK_WINDOW (message));

  /* Discarding asks, and Cancel is the default. */
  message = find_message ("Discard the Run?");
  g_assert_cmpstr (adw_message_dialog_get_default_response (message), ==, "cancel");
  adw_message_dialog_response (message, "discard");
  gtk_window_destroy (GTK_WINDOW (message));

  replay = attest_run_replay_read (journal, &error);
  g_assert_no_error (error);
  g_assert_cmpint (replay->state, ==, ATTEST_RUN_STATE_DISCARDED);
  dialog = ATTEST_SUBMIT_DIALOG (attest_test_find_toplevel (ATTEST_TYPE_SUBMIT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (attest_submit_dialog_get_page (dialog), ==, "review");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Nothing is offered at the next start. */
  attest_window_offer_resume (window);
  g_assert_null (attest_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* The Runs dialog lists it, discarded, with no Continue. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-runs", NULL));
  runs = ATTEST_RUNS_DIALOG (attest_test_find_toplevel (ATTEST_TYPE_RUNS_DIALOG));
  g_assert_nonnull (runs);
  attest_test_present_and_wait (GTK_WINDOW (runs));
  row = attest_runs_dialog_find_row (runs, run_id);
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                   discarded));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, started);
  screenshot (runs, "runs-dialog");
  gtk_window_destroy (GTK_WINDOW (runs));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A run that stopped, whose customers a later run attested, is not offered
 * at the next start: nothing is left to send. */
static void
test_offer_leaves_out_attested_since (void)
{
  AttestWindow *window = window_with_fetched_customers (40);
  AttestSubmitDialog *dialog = start_and_stop (window);
  g_autofree char *run_id = g_strdup (attest_submission_get_run_id (
                                        attest_submit_dialog_get_submission (dialog)));
  AttestRunsDialog *runs;
  GtkWidget *row;
  g_autofree char *interrupted = g_strdup_printf ("%s · ", _("Interrupted"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));

  /* The same customers, fetched again, submitted anew (the question is
   * answered Cancel first: the wizard opens only past it). */
  window = window_with_fetched_customers (40);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL));
  adw_message_dialog_response (find_message ("Finish the Unfinished Run First?"), "cancel");
  gtk_window_destroy (GTK_WINDOW (attest_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)));
  g_assert_null (attest_test_find_toplevel (ATTEST_TYPE_SUBMIT_DIALOG));

  /* A run from elsewhere (`attest submit`) attests the rest. */
  {
    AttestSandbox *sandbox = attest_connection_get_sandbox (
                               attest_application_get_connection (application));
    g_autoptr(AttestPartnerClient) client = NULL;
    g_autoptr(AttestSubmission) submission = NULL;
    g_autoptr(GError) error = NULL;
    AttestSubmissionOptions options = { .strategy = ATTEST_STRATEGY_BULK, .batch_size = 500 };

    client = attest_connection_new_partner_client (attest_application_get_connection (application),
                                                   &error);
    g_assert_no_error (error);
    submission = attest_submission_new (client, attest_window_get_store (window), &options);
    g_assert_cmpint (attest_test_run_submission (submission, NULL, &error), ==,
                     ATTEST_RUN_STATE_COMPLETED);
    g_assert_no_error (error);
    g_assert_cmpuint (attest_sandbox_count_pending (sandbox), <, 40);
  }

  attest_window_offer_resume (window);
  g_assert_null (attest_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* It is still listed, interrupted, to be discarded or continued. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-runs", NULL));
  runs = ATTEST_RUNS_DIALOG (attest_test_find_toplevel (ATTEST_TYPE_RUNS_DIALOG));
  row = attest_runs_dialog_find_row (runs, run_id);
  g_assert_nonnull (row);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                   interrupted));
  gtk_window_destroy (GTK_WINDOW (runs));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Customers Partner Center rejects: the results offer Show Rejected,
 * which takes the window to them. */
static void
test_show_rejected (void)
{
  AttestSandbox *sandbox = attest_connection_get_sandbox (
                             attest_application_get_connection (application));
  AttestWindow *window = window_with_fetched_customers (20);
  AttestRecordStore *store = attest_window_get_store (window);
  AttestSubmitDialog *dialog;
  GtkDropDown *filter;
  g_autofree char *flow = NULL;
  guint first = attest_record_store_find_next_actionable (store, 0);
  g_autofree char *gone = attest_record_store_dup_field (store, first,
                                                         ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID);
  GtkWidget *button;
  gboolean search_mode;

  /* Removed from Partner Center since it was fetched. */
  g_assert_true (attest_sandbox_remove_customer (sandbox, gone));

  dialog = open_wizard (window);
  click (dialog, "next_button");
  click (dialog, "next_button");
  attest_test_wait_for_submit_page (dialog, "results");
  g_assert_cmpint (attest_record_store_get_status (attest_window_get_store (window), first), ==,
                   ATTEST_RECORD_STATUS_REJECTED);
  button = child (dialog, "show_rejected_button");
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_false (gtk_widget_has_css_class (button, "suggested-action"));
  g_assert_true (gtk_widget_has_css_class (child (dialog, "next_button"), "suggested-action"));
  /* Some were attested: Partner Center takes its time to show them. */
  g_assert_nonnull (strstr (adw_status_page_get_description (
                              ADW_STATUS_PAGE (child (dialog, "results_page"))),
                            _("Partner Center shows the attestations within four hours.")));
  screenshot (dialog, "runs-results-rejected");

  click (dialog, "show_rejected_button");
  g_assert_null (attest_test_find_toplevel (ATTEST_TYPE_SUBMIT_DIALOG));
  g_object_get (window, "flow", &flow, "search-mode", &search_mode, NULL);
  g_assert_cmpstr (flow, ==, "classic");
  g_assert_true (search_mode);
  filter = GTK_DROP_DOWN (attest_test_child (window, ATTEST_TYPE_WINDOW, "filter_dropdown"));
  g_assert_cmpuint (gtk_drop_down_get_selected (filter), ==, ATTEST_RECORD_FILTER_FAILED);
  screenshot (window, "runs-show-rejected");

  gtk_window_destroy (GTK_WINDOW (window));
}

#ifndef ATTEST_TEST_LANGUAGE

/* The desktop's notification service (org.freedesktop.Notifications), as
 * the test's own: it keeps what Attest's application asks it to show.
 * Other programs of the suite share the session bus; what they send is
 * not kept. */
typedef struct
{
  GDBusConnection *bus;
  guint            owner_id;
  guint            object_id;
  gboolean         owned;
  const char      *sender;     /* the application's unique name */
  GPtrArray       *summaries;
  GPtrArray       *bodies;
} Notifications;

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/><arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/><arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
  "    <method name='GetCapabilities'><arg type='as' direction='out'/></method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/><arg type='s' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
on_notifications_call (GDBusConnection       *connection,
                       const char            *sender,
                       const char            *object_path,
                       const char            *interface_name,
                       const char            *method_name,
                       GVariant              *parameters,
                       GDBusMethodInvocation *invocation,
                       gpointer               user_data)
{
  Notifications *notifications = user_data;

  if (g_str_equal (method_name, "Notify"))
    {
      const char *summary;
      const char *body;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_variant_get_child (parameters, 4, "&s", &body);
      if (g_strcmp0 (sender, notifications->sender) == 0)
        {
          g_ptr_array_add (notifications->summaries, g_strdup (summary));
          g_ptr_array_add (notifications->bodies, g_strdup (body));
        }
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(u)",
                                                            notifications->summaries->len + 1));
    }
  else if (g_str_equal (method_name, "GetCapabilities"))
    {
      const char *capabilities[] = { "body", NULL };

      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(^as)", capabilities));
    }
  else if (g_str_equal (method_name, "GetServerInformation"))
    g_dbus_method_invocation_return_value (invocation, g_variant_new ("(ssss)", "attest-test",
                                                                      "Attest", "1", "1.2"));
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
on_notifications_name_acquired (GDBusConnection *connection,
                                const char      *name,
                                gpointer         user_data)
{
  ((Notifications *) user_data)->owned = TRUE;
}

static gboolean
notifications_owned (gpointer user_data)
{
  return ((Notifications *) user_data)->owned;
}

/* Serves the notification service on the session bus, from a connection
 * of its own, for the application's notifications; FALSE without a
 * session bus. */
static gboolean
notifications_start (Notifications *notifications)
{
  static const GDBusInterfaceVTable vtable = { on_notifications_call, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  GDBusConnection *app_bus = g_application_get_dbus_connection (G_APPLICATION (application));

  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (address == NULL || app_bus == NULL)
    return FALSE;

  notifications->sender = g_dbus_connection_get_unique_name (app_bus);
  notifications->summaries = g_ptr_array_new_with_free_func (g_free);
  notifications->bodies = g_ptr_array_new_with_free_func (g_free);
  notifications->bus = g_dbus_connection_new_for_address_sync (
                         address, G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
                                  | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                         NULL, NULL, &error);
  g_assert_no_error (error);

  node = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  notifications->object_id = g_dbus_connection_register_object (notifications->bus,
                                                                "/org/freedesktop/Notifications",
                                                                node->interfaces[0], &vtable,
                                                                notifications, NULL, &error);
  g_assert_no_error (error);
  notifications->owner_id = g_bus_own_name_on_connection (notifications->bus,
                                                          "org.freedesktop.Notifications",
                                                          G_BUS_NAME_OWNER_FLAGS_NONE,
                                                          on_notifications_name_acquired, NULL,
                                                          notifications, NULL);
  g_assert_true (attest_test_wait_until (notifications_owned, notifications, 10000));

  return TRUE;
}

static void
notifications_stop (Notifications *notifications)
{
  g_bus_unown_name (notifications->owner_id);
  g_dbus_connection_unregister_object (notifications->bus, notifications->object_id);
  g_dbus_connection_close_sync (notifications->bus, NULL, NULL);
  g_clear_object (&notifications->bus);
  g_clear_pointer (&notifications->summaries, g_ptr_array_unref);
  g_clear_pointer (&notifications->bodies, g_ptr_array_unref);
}

static gboolean
notified (gpointer user_data)
{
  return ((Notifications *) user_data)->summaries->len > 0;
}

static gboolean
neither_active (gpointer user_data)
{
  gpointer *windows = user_data;

  return !gtk_window_is_active (windows[0]) && !gtk_window_is_active (windows[1]);
}

/* Another application's window, over the whole screen, given the keyboard
 * focus once it is on screen (presenting asks for it before the window can
 * have it, and under Xvfb no window manager gives it later). Only a window
 * given the focus explicitly takes it from this one then; when the focus
 * goes back to the screen, the window under the pointer gets it, and that
 * is this one, or another program's shown after it, not the test's. */
static GtkWidget *
present_elsewhere (void)
{
  GtkWidget *elsewhere = gtk_window_new ();

  gtk_window_set_title (GTK_WINDOW (elsewhere), "Elsewhere");
  gtk_window_set_default_size (GTK_WINDOW (elsewhere), 4096, 4096);
  attest_test_present_and_wait (GTK_WINDOW (elsewhere));
  gdk_toplevel_focus (GDK_TOPLEVEL (gtk_native_get_surface (GTK_NATIVE (elsewhere))),
                      GDK_CURRENT_TIME);

  return elsewhere;
}

/* A run that ends while the window is not the active one, the partner
 * working in another application, makes a desktop notification that
 * says what came of it, with the counts. */
static void
test_notified_when_away (void)
{
  Notifications notifications = { 0 };
  AttestWindow *window;
  AttestSubmitDialog *dialog;
  const AttestProgress *progress;
  g_autofree char *title = NULL;
  g_autofree char *counts = NULL;
  GtkWidget *elsewhere;
  gpointer windows[2];
  guint done;

  if (!notifications_start (&notifications))
    {
      g_test_skip ("No session bus: run the ui suite under dbus-run-session.");
      return;
    }

  window = window_with_fetched_customers (30);
  dialog = open_wizard (window);
  click (dialog, "next_button");
  g_assert_cmpstr (attest_submit_dialog_get_page (dialog), ==, "confirm");

  /* Elsewhere before anything is sent. */
  elsewhere = present_elsewhere ();
  windows[0] = dialog;
  windows[1] = window;
  g_assert_true (attest_test_wait_until (neither_active, windows, 10000));

  click (dialog, "next_button");
  attest_test_wait_for_submit_page (dialog, "results");
  g_assert_true (attest_test_wait_until (notified, &notifications, 10000));

  progress = attest_submission_get_progress (attest_submit_dialog_get_submission (dialog));
  done = progress->attested + progress->already_attested;
  g_assert_cmpuint (done, >, 0);
  title = g_strdup_printf (ngettext ("%'u Customer Attested", "%'u Customers Attested", done),
                           done);
  counts = g_strdup_printf (_("Attested: %'u\nAlready attested: %'u\nRejected: %'u\nFailed: %'u"),
                            progress->attested, progress->already_attested, progress->rejected,
                            progress->failed);
  g_assert_cmpuint (notifications.summaries->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (notifications.summaries, 0), ==, title);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (notifications.bodies, 0), counts));

  notifications_stop (&notifications);
  gtk_window_destroy (GTK_WINDOW (elsewhere));
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

#endif

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

#ifdef ATTEST_TEST_LANGUAGE
  g_setenv ("LANGUAGE", ATTEST_TEST_LANGUAGE, TRUE);
#endif
  attest_test_init (&argc, &argv, ATTEST_TEST_GTK);
  /* The translations of this build, in every language. */
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ATTEST_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The classic service of SPEC §5, as `attest --sandbox --classic`. */
  application = attest_test_new_application ();
  attest_connection_get_config (attest_application_get_connection (application))->classic = TRUE;
  g_assert_true (attest_connection_start_sandbox (attest_application_get_connection (application),
                                                   40, &error));
  g_assert_no_error (error);

  g_test_add_func ("/window-runs/review", test_review);
  g_test_add_func ("/window-runs/stop-then-continue", test_stop_then_continue);
  g_test_add_func ("/window-runs/submit-over-unfinished-then-discard",
                   test_submit_over_unfinished_then_discard);
  g_test_add_func ("/window-runs/offer-leaves-out-attested-since",
                   test_offer_leaves_out_attested_since);
  g_test_add_func ("/window-runs/show-rejected", test_show_rejected);
#ifndef ATTEST_TEST_LANGUAGE
  /* Once: the programs of the other languages share the session bus. */
  g_test_add_func ("/window-runs/notified-when-away", test_notified_when_away);
#endif

  return g_test_run ();
}
