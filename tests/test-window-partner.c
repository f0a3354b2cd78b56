/* test-window-partner.c: the window with Partner Center (the in-process
 * sandbox): fetch, the submit wizard from review to results, stop, and the
 * offer to finish an interrupted run (ui suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "attest-application.h"
#include "attest-submit-dialog.h"
#include "attest-test-gtk.h"
#include "attest-test-utils.h"
#include "attest-window.h"

static AttestApplication *application;

static gboolean
showing_records (gpointer user_data)
{
  AttestWindow *window = user_data;
  GtkStack *stack = GTK_STACK (attest_test_child (window, ATTEST_TYPE_WINDOW, "main_stack"));

  return attest_window_get_store (window) != NULL
         && g_strcmp0 (gtk_stack_get_visible_child_name (stack), "records") == 0;
}

static void
click (AttestSubmitDialog *dialog,
       const char         *button)
{
  g_signal_emit_by_name (attest_test_child (GTK_WIDGET (dialog), ATTEST_TYPE_SUBMIT_DIALOG, button),
                         "clicked");
}

static AttestWindow *
window_with_fetched_customers (void)
{
  AttestWindow *window = attest_window_new (application);

  attest_test_present_and_wait (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.fetch", NULL);
  g_assert_true (attest_test_wait_until (showing_records, window, 20000));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-shown", NULL);

  return window;
}

static void
test_fetch_and_submit (void)
{
  AttestConnection *connection = attest_application_get_connection (application);
  AttestSandbox *sandbox = attest_connection_get_sandbox (connection);
  AttestWindow *window = window_with_fetched_customers ();
  AttestRecordStore *store = attest_window_get_store (window);
  AttestSubmitDialog *dialog;
  AttestRecordCounts counts;
  const char *title;

  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.total, ==, attest_sandbox_count_pending (sandbox));
  g_assert_cmpuint (counts.marked, ==, counts.total);
  g_assert_cmpuint (counts.actionable, >, 0);
  attest_test_save_screenshot (GTK_WIDGET (window), "window-fetched");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL);
  dialog = ATTEST_SUBMIT_DIALOG (attest_test_find_toplevel (ATTEST_TYPE_SUBMIT_DIALOG));
  g_assert_nonnull (dialog);
  attest_test_present_and_wait (GTK_WINDOW (dialog));
  g_assert_cmpstr (attest_submit_dialog_get_page (dialog), ==, "review");
  attest_test_save_screenshot (GTK_WIDGET (dialog), "submit-review");

  click (dialog, "next_button");
  g_assert_cmpstr (attest_submit_dialog_get_page (dialog), ==, "confirm");
  attest_test_save_screenshot (GTK_WIDGET (dialog), "submit-confirm");

  click (dialog, "next_button");
  attest_test_wait_for_submit_page (dialog, "results");
  title = adw_status_page_get_title (ADW_STATUS_PAGE (attest_test_child (GTK_WIDGET (dialog),
                                                             ATTEST_TYPE_SUBMIT_DIALOG,
                                                             "results_page")));
  g_assert_nonnull (strstr (title, "Customers Attested"));
  attest_test_save_screenshot (GTK_WIDGET (dialog), "submit-results");

  /* What was sent left the list; the invalid stayed. */
  g_assert_cmpuint (attest_sandbox_count_pending (sandbox), ==, counts.total - counts.actionable);
  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.done, ==, counts.marked - counts.problems);

  gtk_window_close (GTK_WINDOW (dialog));
  attest_test_present_and_wait (GTK_WINDOW (window));
  attest_test_save_screenshot (GTK_WIDGET (window), "window-after-submit");

  /* The same in the dark style. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  attest_test_save_screenshot (GTK_WIDGET (window), "window-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Activates what @key (no modifier) does in @widget's own shortcuts, as
 * pressing it there does; FALSE if it does nothing. */
static gboolean
press_key (GtkWidget *widget,
           guint      key)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autofree char *wanted = gtk_accelerator_name (key, 0);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (trigger, wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

/* The wizard closes with Escape, as dialogs do. */
static void
test_escape_closes_the_wizard (void)
{
  AttestWindow *window = window_with_fetched_customers ();
  AttestSubmitDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL);
  dialog = ATTEST_SUBMIT_DIALOG (attest_test_find_toplevel (ATTEST_TYPE_SUBMIT_DIALOG));
  g_assert_nonnull (dialog);
  attest_test_present_and_wait (GTK_WINDOW (dialog));
  g_assert_cmpstr (attest_submit_dialog_get_page (dialog), ==, "review");

  g_assert_true (press_key (GTK_WIDGET (dialog), GDK_KEY_Escape));
  g_assert_null (attest_test_find_toplevel (ATTEST_TYPE_SUBMIT_DIALOG));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
progress_started (gpointer user_data)
{
  AttestSubmission *submission = attest_submit_dialog_get_submission (user_data);

  return submission != NULL && attest_submission_get_progress (submission)->done > 0;
}

static gboolean
answered_throttled (gpointer user_data)
{
  AttestSandbox *sandbox = user_data;

  for (guint i = 0; i < attest_sandbox_get_request_count (sandbox); i++)
    {
      if (attest_sandbox_get_request (sandbox, i)->status == 429)
        return TRUE;
    }

  return FALSE;
}

static void
test_stop_then_finish_on_next_start (void)
{
  AttestConnection *connection = attest_application_get_connection (application);
  AttestSandbox *sandbox = attest_connection_get_sandbox (connection);
  AttestSandboxFaults slow = { .latency_ms = 150 };
  AttestSandboxFaults none = { 0 };
  AttestWindow *window = NULL;
  AttestSubmitDialog *dialog;
  AdwStatusPage *results;
  AdwMessageDialog *offer;

  /* Fresh customers to attest. */
  attest_sandbox_set_customer_count (sandbox, 60);
  window = window_with_fetched_customers ();
  attest_sandbox_set_faults (sandbox, &slow);
  g_settings_set_int (attest_application_get_settings (application), "batch-size", 5);
  g_settings_set_int (attest_application_get_settings (application), "concurrency", 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL));
  dialog = ATTEST_SUBMIT_DIALOG (attest_test_find_toplevel (ATTEST_TYPE_SUBMIT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (attest_submit_dialog_get_page (dialog), ==, "review");
  click (dialog, "next_button");
  click (dialog, "next_button");
  g_assert_true (attest_test_wait_until (progress_started, dialog, 30000));

  /* Hold the run where it is: the next request is told to come back in an
   * hour, a wait that only stopping cuts short. Otherwise the run could end
   * by itself while the screenshot waits for its frame. */
  attest_sandbox_clear_requests (sandbox);
  attest_sandbox_queue_fault (sandbox, ATTEST_SANDBOX_FAULT_429_SECONDS, 3600);
  g_assert_true (attest_test_wait_until (answered_throttled, sandbox, 30000));
  attest_test_save_screenshot (GTK_WIDGET (dialog), "submit-progress");

  /* Stop: the run ends at once, without waiting out the hour. */
  click (dialog, "back_button");
  attest_test_wait_for_submit_page (dialog, "results");
  results = ADW_STATUS_PAGE (attest_test_child (dialog, ATTEST_TYPE_SUBMIT_DIALOG, "results_page"));
  {
    AttestSubmission *submission = attest_submit_dialog_get_submission (dialog);
    AttestRecordCounts counts = { 0 };
    g_autofree char *stopped = NULL;

    attest_record_store_get_counts (attest_submission_get_store (submission), &counts);
    stopped = g_strdup_printf ("Stopped — %u of %u Attested", counts.done,
                               attest_submission_get_progress (submission)->total);
    g_assert_cmpstr (adw_status_page_get_title (results), ==, stopped);
  }
  g_assert_cmpuint (attest_sandbox_count_pending (sandbox), >, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));

  /* Next start: the window offers to finish it. */
  attest_sandbox_set_faults (sandbox, &none);
  window = attest_window_new (application);
  attest_test_present_and_wait (GTK_WINDOW (window));
  attest_window_offer_resume (window);
  offer = ADW_MESSAGE_DIALOG (attest_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (offer);
  g_assert_cmpstr (adw_message_dialog_get_heading (offer), ==, "Finish the Interrupted Run?");
  attest_test_present_and_wait (GTK_WINDOW (offer));
  attest_test_save_screenshot (GTK_WIDGET (offer), "resume-offer");
  adw_message_dialog_response (offer, "resume");
  gtk_window_destroy (GTK_WINDOW (offer));

  dialog = ATTEST_SUBMIT_DIALOG (attest_test_find_toplevel (ATTEST_TYPE_SUBMIT_DIALOG));
  g_assert_nonnull (dialog);
  attest_test_wait_for_submit_page (dialog, "results");
  results = ADW_STATUS_PAGE (attest_test_child (dialog, ATTEST_TYPE_SUBMIT_DIALOG, "results_page"));
  /* The results count the whole run, what was attested before the stop
   * too: every customer it sent. */
  {
    const AttestProgress *progress = attest_submission_get_progress (
                                       attest_submit_dialog_get_submission (dialog));
    g_autofree char *attested = g_strdup_printf ("%u Customers Attested", progress->done);

    g_assert_cmpuint (progress->done, ==, progress->total);
    g_assert_cmpuint (progress->attested + progress->already_attested, ==, progress->done);
    g_assert_cmpstr (adw_status_page_get_title (results), ==, attested);
  }
  g_assert_cmpuint (attest_sandbox_count_pending (sandbox), ==,
                    attest_record_store_get_n_records (attest_window_get_store (window))
                    - attest_submission_get_progress (attest_submit_dialog_get_submission (dialog))->done);

  g_settings_reset (attest_application_get_settings (application), "batch-size");
  g_settings_reset (attest_application_get_settings (application), "concurrency");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Whether any button, or any widget of @action inside @widget, is
 * sensitive: those of an action that is off are not. */
static gboolean
action_widgets_sensitive (GtkWidget  *widget,
                          const char *action)
{
  for (GtkWidget *item = gtk_widget_get_first_child (widget);
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      if (GTK_IS_ACTIONABLE (item)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (item)), action) == 0
          && gtk_widget_get_sensitive (item))
        return TRUE;
      if (action_widgets_sensitive (item, action))
        return TRUE;
    }

  return FALSE;
}

static gboolean
fetch_over (gpointer user_data)
{
  return !attest_window_is_empty (user_data) && showing_records (user_data);
}

/* While the window fetches, Import is off, and a file opened or dropped
 * is refused with a toast that says why: the fetch goes on and brings its
 * customers, and the window never has both. Import is back after it. */
static void
test_no_import_while_fetching (void)
{
  AttestSandbox *sandbox = attest_connection_get_sandbox (
                             attest_application_get_connection (application));
  AttestSandboxFaults slow = { .latency_ms = 200 };
  AttestSandboxFaults none = { 0 };
  AttestWindow *window = attest_window_new (application);
  GtkDropTarget *target = attest_test_find_drop_target (GTK_WIDGET (window));
  g_autofree char *path = g_build_filename (attest_test_get_root (), "opened-while-fetching.csv",
                                            NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GdkDragAction action = GDK_ACTION_COPY;
  GValue dropped = G_VALUE_INIT;
  gboolean taken = TRUE;
  GSList *files;

  g_file_set_contents (path, "CustomerTenantId,FirstName,LastName,Email,PhoneNumber,"
                             "LastAgreementDate,PartnerAttestationCompleted\n"
                             "0e63f704-90fa-4de1-987d-5e5301f34efd,Kim,Lee,kim@contoso.com,,"
                             "2023-02-14,True\n", -1, &error);
  g_assert_no_error (error);
  attest_test_present_and_wait (GTK_WINDOW (window));
  g_assert_true (action_widgets_sensitive (GTK_WIDGET (window), "win.import"));

  attest_sandbox_set_faults (sandbox, &slow);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fetch", NULL));
  g_assert_false (action_widgets_sensitive (GTK_WIDGET (window), "win.import"));

  /* Opened (as Import's chooser and a drop do), then dropped. */
  attest_window_open (window, file);
  g_assert_true (attest_test_shows_label (GTK_WIDGET (window), "Customers are being fetched: cancel the "
                                                  "fetch to open a file"));
  g_signal_emit_by_name (target, "enter", 200.0, 300.0, &action);
  g_assert_cmpint (action, ==, 0);
  files = g_slist_prepend (NULL, file);
  g_value_init (&dropped, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&dropped, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &dropped, 200.0, 300.0, &taken);
  g_value_unset (&dropped);
  g_slist_free (files);
  g_assert_false (taken);

  /* The fetch was not cancelled: its customers come. */
  g_assert_true (attest_test_wait_until (fetch_over, window, 20000));
  attest_sandbox_set_faults (sandbox, &none);
  g_assert_cmpuint (attest_record_store_get_n_records (attest_window_get_store (window)), >, 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (attest_test_child (window, ATTEST_TYPE_WINDOW,
                                                                     "subtitle_label"))), ==,
                   "From Partner Center");
  g_assert_true (action_widgets_sensitive (GTK_WIDGET (window), "win.import"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every customer of the window has a state, and the window is done. */
static gboolean
all_checked (gpointer user_data)
{
  AttestWindow *window = user_data;
  AttestRecordStore *store = attest_window_get_store (window);
  guint counts[ATTEST_N_MCA_STATES];

  if (store == NULL || attest_window_is_working (window))
    return FALSE;
  attest_record_store_get_mca_counts (store, counts);

  return counts[ATTEST_MCA_STATE_UNCHECKED] == 0;
}

/* SPEC §13: Partner Center, as it is today, refuses the classic
 * attestation from the first answer on. The wizard says that Microsoft retired it, with the server's
 * words, and takes the same customers into the current flow; nothing is
 * left to finish. */
static void
test_classic_refused (void)
{
  AttestConnection *connection = attest_application_get_connection (application);
  AttestSandbox *sandbox = attest_connection_get_sandbox (connection);
  AttestWindow *window = NULL;
  AttestSubmitDialog *dialog;
  AdwStatusPage *results;
  const char *description;
  GtkWidget *button;
  g_autofree char *flow = NULL;
  guint counts[ATTEST_N_MCA_STATES];
  guint pending;

  attest_sandbox_set_customer_count (sandbox, 30);
  window = window_with_fetched_customers ();
  pending = attest_sandbox_count_pending (sandbox);

  attest_sandbox_set_classic (sandbox, FALSE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL));
  dialog = ATTEST_SUBMIT_DIALOG (attest_test_find_toplevel (ATTEST_TYPE_SUBMIT_DIALOG));
  g_assert_nonnull (dialog);
  click (dialog, "next_button");
  click (dialog, "next_button");
  attest_test_wait_for_submit_page (dialog, "results");

  results = ADW_STATUS_PAGE (attest_test_child (GTK_WIDGET (dialog), ATTEST_TYPE_SUBMIT_DIALOG,
                                    "results_page"));
  g_assert_cmpstr (adw_status_page_get_title (results), ==, "Partner Attestation Was Retired");
  description = adw_status_page_get_description (results);
  g_assert_nonnull (strstr (description, "retired partner attestation on January 5, 2026"));
  g_assert_nonnull (strstr (description, "Partner Center refused POST "
                                         "/v1/CreateBulkReAttestation (HTTP 400)"));
  g_assert_nonnull (strstr (description, "stay pending"));
  g_assert_nonnull (strstr (description, "through a link you request for it"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (attest_test_child (GTK_WIDGET (dialog),
                                                             ATTEST_TYPE_SUBMIT_DIALOG,
                                                             "retry_button"))));
  button = GTK_WIDGET (attest_test_child (GTK_WIDGET (dialog), ATTEST_TYPE_SUBMIT_DIALOG,
                              "current_flow_button"));
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==,
                   "_Check Which Need to Accept");
  attest_test_save_screenshot (GTK_WIDGET (dialog), "submit-classic-refused");

  /* Nothing was attested, and nothing is offered to be finished. */
  g_assert_cmpuint (attest_sandbox_count_pending (sandbox), ==, pending);

  /* The button takes the same customers into the current flow: the wizard
   * closes, and the window checks which of them need to accept. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_null (attest_test_find_toplevel (ATTEST_TYPE_SUBMIT_DIALOG));
  g_assert_true (attest_test_wait_until (all_checked, window, 30000));
  g_object_get (window, "flow", &flow, NULL);
  g_assert_cmpstr (flow, ==, "current");
  attest_record_store_get_mca_counts (attest_window_get_store (window), counts);
  g_assert_cmpuint (counts[ATTEST_MCA_STATE_UNCHECKED], ==, 0);
  g_assert_cmpuint (counts[ATTEST_MCA_STATE_NEEDS_ACCEPTANCE], >, 0);
  attest_test_save_screenshot (GTK_WIDGET (window), "window-retired-to-current-flow");

  attest_window_offer_resume (window);
  g_assert_null (attest_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  attest_sandbox_set_classic (sandbox, TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  attest_test_init (&argc, &argv, ATTEST_TEST_GTK);

  /* The classic service of SPEC §5, which the submit wizard writes to, as
   * `attest --sandbox --classic` has it. */
  application = attest_test_new_application ();
  attest_connection_get_config (attest_application_get_connection (application))->classic = TRUE;
  g_assert_true (attest_connection_start_sandbox (attest_application_get_connection (application),
                                                   40, &error));
  g_assert_no_error (error);

  /* First: it sends nothing, and the sandbox still has customers to send. */
  g_test_add_func ("/window-partner/escape-closes-the-wizard", test_escape_closes_the_wizard);
  g_test_add_func ("/window-partner/fetch-and-submit", test_fetch_and_submit);
  g_test_add_func ("/window-partner/no-import-while-fetching", test_no_import_while_fetching);
  g_test_add_func ("/window-partner/stop-then-finish-on-next-start",
                   test_stop_then_finish_on_next_start);
  g_test_add_func ("/window-partner/classic-refused", test_classic_refused);

  status = g_test_run ();
  g_clear_object (&application);

  return status;
}
