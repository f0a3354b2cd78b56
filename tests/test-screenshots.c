/* test-screenshots.c: every state a partner admin meets, photographed in a
 * language (ATTEST_TEST_LANGUAGE, en, fr or tr, as built), light and dark,
 * against the in-process sandbox (ui suite)
 *
 * Signed out, with the sign-in dialog; then in the sandbox: empty,
 * fetching, the grid in the classic flow with a problem being edited, the
 * details, a search that finds nothing, marks with their undo, the close
 * question, the Preferences; the submit wizard from review to results with
 * a rejection, stopped on the way; the current flow with every state
 * checked, Request Acceptance, the Runs dialog, and the AppOnly credential
 * asked for. Each state is reached by waiting for it, and what it shows
 * is asserted before and after its pictures, so that none is blank or of
 * another state. The pictures are build/tests/screenshots/shot-STATE-LANG
 * (-dark).png, at 1280 × 720 and, where the window adapts, 360 px wide.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdlib.h>

#include "attest-application.h"
#include "attest-editable-cell.h"
#include "attest-preferences-window.h"
#include "attest-record-grid.h"
#include "attest-request-dialog.h"
#include "attest-runs-dialog.h"
#include "attest-sign-in-dialog.h"
#include "attest-submit-dialog.h"
#include "attest-test-gtk.h"
#include "attest-test-utils.h"
#include "attest-window.h"

#define N_CUSTOMERS 60

static const char *language = ATTEST_TEST_LANGUAGE;
static AttestApplication *application;
static char *missing_locale;
static char *classic_run_id;
static char *request_run_id;

static AttestSandbox *
get_sandbox (void)
{
  return attest_connection_get_sandbox (attest_application_get_connection (application));
}

static gpointer
child (gpointer    widget,
       const char *name)
{
  return attest_test_child (widget, G_OBJECT_TYPE (widget), name);
}

static const char *
label_text (gpointer    widget,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (child (widget, name)));
}

/* Whether the test is skipped, for want of the language's locale. */
static gboolean
skipped_without_locale (void)
{
  if (missing_locale != NULL)
    g_test_skip (missing_locale);

  return missing_locale != NULL;
}

/* Saves @widget as shot-@name-LANGUAGE.png, and again in the dark style;
 * after each, @still (unless NULL) must hold of @data, since waiting for
 * the picture's frame runs the main loop. */
static void
shoot_while (gpointer             widget,
             const char          *name,
             AttestTestCondition  still,
             gpointer             data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("shot-%s-%s", name, language);
  g_autofree char *dark = g_strdup_printf ("shot-%s-%s-dark", name, language);

  attest_test_save_screenshot (GTK_WIDGET (widget), light);
  g_assert_true (still == NULL || still (data));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  attest_test_save_screenshot (GTK_WIDGET (widget), dark);
  g_assert_true (still == NULL || still (data));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static void
shoot (gpointer    widget,
       const char *name)
{
  shoot_while (widget, name, NULL, NULL);
}

/* A window of @width × 720, on screen. */
static AttestWindow *
new_window (int width)
{
  AttestWindow *window = attest_window_new (application);

  gtk_window_set_default_size (GTK_WINDOW (window), width, 720);
  attest_test_present_and_wait (GTK_WINDOW (window));
  g_assert_cmpint (gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window))), ==,
                   width);

  return window;
}

static const char *
main_page (AttestWindow *window)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child (window, "main_stack")));
}

static gboolean
showing_records (gpointer user_data)
{
  AttestWindow *window = user_data;

  return attest_window_get_store (window) != NULL && !attest_window_is_working (window)
         && g_strcmp0 (main_page (window), "records") == 0
         && g_strcmp0 (label_text (window, "counts_label"), "") != 0;
}

/* The button of @action inside @widget, shown, or NULL. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  for (GtkWidget *item = gtk_widget_get_first_child (widget);
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *found;

      if (!gtk_widget_get_mapped (item))
        continue;
      if (GTK_IS_BUTTON (item)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (item)), action) == 0)
        return item;
      if ((found = find_action_button (item, action)) != NULL)
        return found;
    }

  return NULL;
}

/* The close button of a toast shown inside @widget, or NULL. */
static GtkWidget *
find_toast_close_button (GtkWidget *widget,
                         gboolean   in_toast)
{
  in_toast = in_toast || g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget");
  if (in_toast && GTK_IS_BUTTON (widget)
      && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "window-close-symbolic") == 0)
    return widget;

  for (GtkWidget *item = gtk_widget_get_first_child (widget);
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *found;

      if (gtk_widget_get_mapped (item) && (found = find_toast_close_button (item, in_toast)))
        return found;
    }

  return NULL;
}

static gboolean
no_toast (gpointer user_data)
{
  return find_toast_close_button (GTK_WIDGET (user_data), FALSE) == NULL;
}

/* Dismisses the toasts @window shows, which under Xvfb, where no window
 * is active, stay until they are. */
static void
dismiss_toasts (AttestWindow *window)
{
  GtkWidget *close;

  while ((close = find_toast_close_button (GTK_WIDGET (window), FALSE)) != NULL)
    {
      g_signal_emit_by_name (close, "clicked");
      g_assert_true (attest_test_wait_until (no_toast, window, 10000));
    }
}

/* A window of @width × 720 with the customers fetched from the sandbox,
 * in @flow ("classic" or "current"), the toast that says so dismissed. */
static AttestWindow *
fetched_window (int         width,
                const char *flow)
{
  AttestWindow *window = new_window (width);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fetch", NULL));
  g_assert_true (attest_test_wait_until (showing_records, window, 30000));
  g_assert_nonnull (find_toast_close_button (GTK_WIDGET (window), FALSE));
  dismiss_toasts (window);
  g_object_set (window, "flow", flow, NULL);
  attest_test_present_and_wait (GTK_WINDOW (window));

  return window;
}

static guint
n_shown (AttestWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (attest_record_grid_get_view (
                                     ATTEST_RECORD_GRID (child (window, "grid")))));
}

/* Whether the status bar says @figure, which the call formats from
 * ngettext's words as the window does; freed here. */
static gboolean
counts_say (AttestWindow *window,
            char         *figure)
{
  g_autofree char *owned = figure;

  return strstr (label_text (window, "counts_label"), owned) != NULL;
}

/* Whether a label inside @widget says @text, in full, or has it as its
 * words with the access key marked. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && (g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0
          || g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0))
    return TRUE;

  for (GtkWidget *item = gtk_widget_get_first_child (widget);
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      if (shows_label (item, text))
        return TRUE;
    }

  return FALSE;
}

static void
start_sandbox (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_connection_start_sandbox (attest_application_get_connection (application),
                                                   N_CUSTOMERS, &error));
  g_assert_no_error (error);
}

/* Signed out */

static gboolean
sign_in_shown (gpointer user_data)
{
  return attest_test_find_toplevel (ATTEST_TYPE_SIGN_IN_DIALOG) != NULL;
}

/* Nobody signed in: the header offers Sign In, and Fetch asks for the
 * sign-in first. */
static void
test_signed_out (void)
{
  AttestWindow *window;
  GtkWindow *dialog;
  GtkWidget *sign_in;

  if (skipped_without_locale ())
    return;

  window = new_window (1280);
  sign_in = attest_test_find_button (GTK_WIDGET (child (window, "header_bar")), _("Sign In"));
  g_assert_nonnull (sign_in);
  g_assert_true (gtk_widget_get_mapped (sign_in));
  g_assert_cmpstr (main_page (window), ==, "empty");
  shoot (window, "signed-out");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fetch", NULL));
  g_assert_true (attest_test_wait_until (sign_in_shown, NULL, 10000));
  dialog = attest_test_find_toplevel (ATTEST_TYPE_SIGN_IN_DIALOG);
  attest_test_present_and_wait (dialog);
  g_assert_nonnull (attest_test_find_button (GTK_WIDGET (dialog), _("Sign In with _Browser")));
  shoot (dialog, "sign-in");

  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The empty window in the sandbox, wide and narrow. */
static void
test_empty (void)
{
  const int widths[] = { 1280, 360 };

  if (skipped_without_locale ())
    return;

  start_sandbox ();
  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      AttestWindow *window = new_window (widths[i]);
      AdwStatusPage *empty = ADW_STATUS_PAGE (child (window, "empty_page"));

      g_assert_cmpstr (main_page (window), ==, "empty");
      g_assert_cmpstr (adw_status_page_get_title (empty), ==, _("No Customers Yet"));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (child (window, "sandbox_badge"))));
      shoot (window, widths[i] == 360 ? "empty-360" : "empty");
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

static gboolean
fetching (gpointer user_data)
{
  AttestWindow *window = user_data;

  return g_strcmp0 (main_page (window), "loading") == 0
         && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (child (window, "loading_page"))),
                       _("Fetching Customers…")) == 0;
}

static gboolean
empty_again (gpointer user_data)
{
  return g_strcmp0 (main_page (user_data), "empty") == 0;
}

/* Partner Center slow to answer: the loading page while it fetches; Cancel
 * goes back to the empty window. */
static void
test_fetching (void)
{
  AttestSandboxFaults slow = { .latency_ms = 60000, .read_latency_ms = 60000 };
  AttestSandboxFaults none = { 0 };
  AttestWindow *window;

  if (skipped_without_locale ())
    return;

  window = new_window (1280);
  attest_sandbox_set_faults (get_sandbox (), &slow);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fetch", NULL));
  g_assert_true (attest_test_wait_until (fetching, window, 10000));
  shoot_while (window, "fetching", fetching, window);

  attest_sandbox_set_faults (get_sandbox (), &none);
  g_signal_emit_by_name (attest_test_find_button (GTK_WIDGET (child (window, "loading_page")),
                                                 _("_Cancel")), "clicked");
  g_assert_true (attest_test_wait_until (empty_again, window, 10000));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The classic flow */

static gboolean
cell_editing (gpointer user_data)
{
  return attest_editable_cell_get_editing (ATTEST_EDITABLE_CELL (user_data));
}

/* The email cell of the first row shown. */
static AttestEditableCell *
first_email_cell (AttestWindow *window)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  attest_test_find_shown (GTK_WIDGET (window), ATTEST_TYPE_EDITABLE_CELL, cells);
  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (cells, i);
      GtkListItem *list_item = g_object_get_data (G_OBJECT (cell), "attest-list-item");

      if (g_str_equal (gtk_widget_get_name (cell), "email")
          && gtk_list_item_get_position (list_item) == 0)
        return ATTEST_EDITABLE_CELL (cell);
    }

  g_assert_not_reached ();
}

/* The first row's email being edited, light and dark: a picture whose
 * frame ended the edit, the window having lost the keyboard focus to
 * another program's, is taken again. */
static void
shoot_editing (AttestWindow *window,
               const char   *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  const AdwColorScheme schemes[] = { ADW_COLOR_SCHEME_DEFAULT, ADW_COLOR_SCHEME_FORCE_DARK };

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *shot = g_strdup_printf ("shot-%s-%s%s", name, language,
                                               i == 0 ? "" : "-dark");
      AttestEditableCell *cell = first_email_cell (window);
      guint tries = 0;

      adw_style_manager_set_color_scheme (style, schemes[i]);
      do
        {
          g_assert_cmpuint (++tries, <=, 5);
          attest_editable_cell_start_editing (cell);
          g_assert_true (cell_editing (cell));
          attest_test_save_screenshot (GTK_WIDGET (window), shot);
        }
      while (!cell_editing (cell));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cell), "editing.stop", "b", FALSE));
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
details_shown (gpointer user_data)
{
  AttestRecordGrid *grid = ATTEST_RECORD_GRID (child (user_data, "grid"));

  return attest_record_grid_get_details_shown (grid)
         && gtk_widget_get_mapped (GTK_WIDGET (attest_record_grid_get_details (grid)));
}

/* The details of the first row shown. */
static void
show_details (AttestWindow *window)
{
  attest_record_grid_show_details (ATTEST_RECORD_GRID (child (window, "grid")), 0);
  g_assert_true (attest_test_wait_until (details_shown, window, 10000));
  attest_test_present_and_wait (GTK_WINDOW (window));
}

static gboolean
no_match_shown (gpointer user_data)
{
  GtkStack *records = GTK_STACK (child (user_data, "records_stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (records), "no-match") == 0;
}

typedef struct
{
  AttestWindow *window;
  char         *text;
} ToastWanted;

static gboolean
toast_shown (gpointer user_data)
{
  ToastWanted *wanted = user_data;

  return shows_label (GTK_WIDGET (child (wanted->window, "toast_overlay")), wanted->text);
}

static gboolean
window_gone (gpointer user_data)
{
  return *(gpointer *) user_data == NULL;
}

/* The grid of the classic flow as fetched, its customers with problems
 * with one edited, the details, a search that finds nothing, and Mark All
 * Shown with its undo; then the close question over those marks. */
static void
test_classic_grid (void)
{
  AttestRecordCounts counts = { 0 };
  AttestWindow *window;
  AttestWindow *narrow;
  AdwMessageDialog *question;
  ToastWanted marked = { 0 };
  GtkEditable *search;
  GtkDropDown *filter;

  if (skipped_without_locale ())
    return;

  /* Narrow first: the windows share their size through the settings. */
  attest_sandbox_set_classic (get_sandbox (), TRUE);
  narrow = fetched_window (360, "classic");
  g_assert_cmpuint (n_shown (narrow), ==, N_CUSTOMERS);
  shoot (narrow, "grid-classic-360");
  show_details (narrow);
  shoot_while (narrow, "details-360", details_shown, narrow);
  gtk_window_destroy (GTK_WINDOW (narrow));

  window = fetched_window (1280, "classic");
  attest_record_store_get_counts (attest_window_get_store (window), &counts);
  g_assert_cmpuint (counts.total, ==, N_CUSTOMERS);
  g_assert_cmpuint (counts.problems, >, 0);
  g_assert_true (counts_say (window, g_strdup_printf (ngettext ("%'u customer", "%'u customers",
                                                                N_CUSTOMERS), N_CUSTOMERS)));
  g_assert_true (counts_say (window, g_strdup_printf (ngettext ("%'u with problems",
                                                                "%'u with problems",
                                                                counts.problems),
                                                      counts.problems)));
  shoot (window, "grid-classic");

  /* The customers with problems, the first one's email being edited. */
  g_object_set (window, "search-mode", TRUE, NULL);
  filter = GTK_DROP_DOWN (child (window, "filter_dropdown"));
  gtk_drop_down_set_selected (filter, ATTEST_RECORD_FILTER_PROBLEMS);
  g_assert_cmpuint (n_shown (window), ==, counts.problems);
  attest_test_present_and_wait (GTK_WINDOW (window));
  shoot_editing (window, "editing");

  show_details (window);
  shoot_while (window, "details", details_shown, window);
  attest_record_grid_hide_details (ATTEST_RECORD_GRID (child (window, "grid")));

  /* A search that finds nothing: nothing to mark. */
  gtk_drop_down_set_selected (filter, ATTEST_RECORD_FILTER_ALL);
  search = GTK_EDITABLE (child (window, "search_entry"));
  gtk_editable_set_text (search, "contoso.example");
  g_assert_true (attest_test_wait_until (no_match_shown, window, 10000));
  g_assert_false (gtk_widget_get_sensitive (find_action_button (GTK_WIDGET (window),
                                                                "win.mark-shown")));
  shoot (window, "no-match");

  /* Every customer shown unmarked, then marked again: the toast offers to
   * undo it. */
  gtk_editable_set_text (search, "");
  g_object_set (window, "search-mode", FALSE, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.unmark-shown", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-shown", NULL));
  attest_record_store_get_counts (attest_window_get_store (window), &counts);
  g_assert_cmpuint (counts.actionable, ==, counts.total - counts.problems);
  marked.window = window;
  marked.text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Marked %'u customer",
                                              "Marked %'u customers", counts.actionable),
                                 counts.actionable);
  g_assert_true (attest_test_wait_until (toast_shown, &marked, 10000));
  shoot_while (window, "marked-with-undo", toast_shown, &marked);
  g_free (marked.text);

  /* The marks are not exported: closing asks; Discard closes. */
  g_assert_true (attest_window_has_unsaved_changes (window));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  question = ADW_MESSAGE_DIALOG (attest_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, _("Export Your Changes?"));
  attest_test_present_and_wait (GTK_WINDOW (question));
  shoot (question, "close-question");
  adw_message_dialog_response (question, "discard");
  gtk_window_destroy (GTK_WINDOW (question));
  g_assert_true (attest_test_wait_until (window_gone, &window, 10000));
}

static void
test_preferences (void)
{
  AttestPreferencesWindow *preferences;

  if (skipped_without_locale ())
    return;

  preferences = attest_preferences_window_new (NULL,
                                               attest_application_get_settings (application));
  attest_test_present_and_wait (GTK_WINDOW (preferences));
  g_assert_true (shows_label (GTK_WIDGET (preferences), _("_Strategy")));
  shoot (preferences, "preferences");
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* The submit wizard */

static void
click (gpointer    dialog,
       const char *button)
{
  g_signal_emit_by_name (child (dialog, button), "clicked");
}

static gboolean
progress_started (gpointer user_data)
{
  AttestSubmission *submission = attest_submit_dialog_get_submission (user_data);

  return submission != NULL && attest_submission_get_progress (submission)->done > 0;
}

static gboolean
told_to_wait (gpointer user_data)
{
  AttestSubmitDialog *dialog = user_data;
  g_autofree char *hour = g_strdup_printf (_("%d h %02d min"), 1, 0);
  g_autofree char *wait = g_strdup_printf (_("Partner Center asked to wait %s"), hour);

  return g_strcmp0 (attest_submit_dialog_get_page (dialog), "progress") == 0
         && strstr (label_text (dialog, "progress_label"), wait) != NULL;
}

static const char *
results_title (AttestSubmitDialog *dialog)
{
  return adw_status_page_get_title (ADW_STATUS_PAGE (child (dialog, "results_page")));
}

/* Review, confirm, the progress told to wait by Partner Center, Stop with
 * its counts, Continue to the results with a customer rejected, and the
 * grid showing why. */
static void
test_submit (void)
{
  AttestSandboxFaults slow = { .latency_ms = 150 };
  AttestSandboxFaults none = { 0 };
  GSettings *settings = attest_application_get_settings (application);
  AttestRecordCounts before = { 0 };
  AttestRecordCounts counts = { 0 };
  AttestSubmission *submission;
  AttestSubmitDialog *dialog;
  AttestWindow *window;
  AttestRecordStore *store;
  g_autofree char *gone = NULL;
  g_autofree char *ready = NULL;
  g_autofree char *stopped = NULL;

  if (skipped_without_locale ())
    return;

  window = fetched_window (1280, "classic");
  store = attest_window_get_store (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-shown", NULL));
  attest_record_store_get_counts (store, &before);
  g_assert_cmpuint (before.actionable, >, 10);

  /* One customer is gone from Partner Center since it was fetched. */
  gone = attest_record_store_dup_field (store, attest_record_store_find_next_actionable (store, 0),
                                        ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID);
  g_assert_true (attest_sandbox_remove_customer (get_sandbox (), gone));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.submit", NULL));
  dialog = ATTEST_SUBMIT_DIALOG (attest_test_wait_for_toplevel (ATTEST_TYPE_SUBMIT_DIALOG));
  attest_test_present_and_wait (GTK_WINDOW (dialog));
  attest_test_wait_for_submit_page (dialog, "review");
  ready = g_strdup_printf ("%'u", before.actionable);
  g_assert_cmpstr (label_text (dialog, "ready_label"), ==, ready);
  shoot (dialog, "submit-review");

  click (dialog, "next_button");
  attest_test_wait_for_submit_page (dialog, "confirm");
  shoot (dialog, "submit-confirm");

  /* Slowly, a few at a time, until Partner Center asks to wait an hour. */
  attest_sandbox_set_faults (get_sandbox (), &slow);
  g_settings_set_int (settings, "batch-size", 5);
  g_settings_set_int (settings, "concurrency", 1);
  click (dialog, "next_button");
  g_assert_true (attest_test_wait_until (progress_started, dialog, 30000));
  attest_sandbox_queue_fault (get_sandbox (), ATTEST_SANDBOX_FAULT_429_SECONDS, 3600);
  g_assert_true (attest_test_wait_until (told_to_wait, dialog, 30000));
  shoot_while (dialog, "submit-progress", told_to_wait, dialog);

  click (dialog, "back_button");
  attest_test_wait_for_submit_page (dialog, "results");
  attest_sandbox_set_faults (get_sandbox (), &none);
  g_settings_reset (settings, "batch-size");
  g_settings_reset (settings, "concurrency");
  submission = attest_submit_dialog_get_submission (dialog);
  attest_record_store_get_counts (attest_submission_get_store (submission), &counts);
  stopped = g_strdup_printf (_("Stopped — %'u of %'u Attested"), counts.done, before.actionable);
  g_assert_cmpstr (results_title (dialog), ==, stopped);
  g_assert_true (gtk_widget_get_visible (child (dialog, "continue_button")));
  shoot (dialog, "submit-stopped");

  click (dialog, "continue_button");
  attest_test_wait_for_submit_page (dialog, "results");
  submission = attest_submit_dialog_get_submission (dialog);
  attest_record_store_get_counts (attest_submission_get_store (submission), &counts);
  g_assert_cmpuint (counts.failed, ==, 1);
  g_assert_cmpuint (counts.done, ==, before.actionable - 1);
  g_assert_true (gtk_widget_get_visible (child (dialog, "show_rejected_button")));
  g_assert_cmpstr (results_title (dialog), !=, stopped);
  classic_run_id = g_strdup (attest_submission_get_run_id (submission));
  shoot (dialog, "submit-results");

  /* Show Rejected: the grid shows the customer, and why. */
  click (dialog, "show_rejected_button");
  g_assert_cmpuint (n_shown (window), ==, 1);
  dismiss_toasts (window);
  attest_test_present_and_wait (GTK_WINDOW (window));
  shoot (window, "rejected");

  attest_record_store_set_dirty (attest_window_get_store (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  attest_sandbox_set_classic (get_sandbox (), FALSE);
}

/* The current flow */

static guint
n_in_state (AttestWindow   *window,
            AttestMcaState  state)
{
  guint counts[ATTEST_N_MCA_STATES];

  attest_record_store_get_mca_counts (attest_window_get_store (window), counts);
  return counts[state];
}

static gboolean
all_checked (gpointer user_data)
{
  AttestWindow *window = user_data;

  return showing_records (window) && n_in_state (window, ATTEST_MCA_STATE_UNCHECKED) == 0;
}

static void
mark_in_state (AttestWindow   *window,
               AttestMcaState  state)
{
  GtkDropDown *filter = GTK_DROP_DOWN (child (window, "filter_dropdown"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.unmark-shown", NULL);
  gtk_drop_down_set_selected (filter, ATTEST_RECORD_FILTER_FOR_STATE (state));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-shown", NULL);
  gtk_drop_down_set_selected (filter, ATTEST_RECORD_FILTER_ALL);
}

/* The customers as fetched, then every one's state checked, wide and
 * narrow; then acceptance requested of those who need it. */
static void
test_current_flow (void)
{
  AttestWindow *window;
  AttestWindow *narrow;
  AttestRequestDialog *dialog;
  guint n_needing;
  guint to_send;
  guint n_held;

  if (skipped_without_locale ())
    return;

  /* As fetched, then checked: every customer waits again, as the run of
   * the classic flow before left none. */
  attest_sandbox_set_customer_count (get_sandbox (), N_CUSTOMERS);
  window = fetched_window (1280, "current");
  g_assert_cmpuint (n_in_state (window, ATTEST_MCA_STATE_UNCHECKED), ==, N_CUSTOMERS);
  g_assert_true (counts_say (window, g_strdup_printf (ngettext ("%'u not checked",
                                                                "%'u not checked", N_CUSTOMERS),
                                                      N_CUSTOMERS)));
  shoot (window, "grid-current");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.check-status", NULL));
  g_assert_true (attest_test_wait_until (all_checked, window, 30000));
  n_needing = n_in_state (window, ATTEST_MCA_STATE_NEEDS_ACCEPTANCE);
  g_assert_cmpuint (n_needing, >, 0);
  g_assert_cmpuint (n_needing, <, N_CUSTOMERS);
  g_assert_true (counts_say (window, g_strdup_printf (ngettext ("%'u needs acceptance",
                                                                "%'u need acceptance", n_needing),
                                                      n_needing)));
  dismiss_toasts (window);
  shoot (window, "status-checked");

  mark_in_state (window, ATTEST_MCA_STATE_NEEDS_ACCEPTANCE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.request-acceptance",
                                             NULL));
  dialog = ATTEST_REQUEST_DIALOG (attest_test_wait_for_toplevel (ATTEST_TYPE_REQUEST_DIALOG));
  attest_test_wait_for_request_page (dialog, "review");
  to_send = atoi (label_text (dialog, "to_send_label"));
  n_held = atoi (label_text (dialog, "held_label"));
  g_assert_cmpuint (to_send, >, 0);
  attest_test_present_and_wait (GTK_WINDOW (dialog));
  shoot (dialog, "request-review");

  click (dialog, "next_button");
  attest_test_wait_for_request_page (dialog, "confirm");
  click (dialog, "next_button");
  attest_test_wait_for_request_page (dialog, "results");
  request_run_id = g_strdup (attest_mca_request_get_run_id (
                               attest_request_dialog_get_request (dialog)));
  /* Held back at the review only: a success, which says how many, and
   * why. */
  {
    AdwStatusPage *results = ADW_STATUS_PAGE (child (dialog, "results_page"));
    g_autofree char *held_back = g_strdup_printf (ngettext ("%'u marked customer was held "
                                                            "back: it has something to fix "
                                                            "first, named in the Problem column "
                                                            "of its row.",
                                                            "%'u marked customers were held "
                                                            "back: each has something to fix "
                                                            "first, named in the Problem column "
                                                            "of its row.", n_held),
                                                  n_held);

    g_assert_cmpuint (n_held, >, 0);
    g_assert_cmpstr (adw_status_page_get_icon_name (results), ==, "emblem-ok-symbolic");
    g_assert_nonnull (strstr (adw_status_page_get_description (results), held_back));
  }
  shoot (dialog, "request-results");
  click (dialog, "next_button");
  g_assert_true (attest_test_wait_until (showing_records, window, 10000));
  g_assert_cmpuint (n_in_state (window, ATTEST_MCA_STATE_REQUESTED), ==, to_send);
  dismiss_toasts (window);
  shoot (window, "requested");
  attest_record_store_set_dirty (attest_window_get_store (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));

  /* A new window, narrow (the windows share their size through the
   * settings), shows the states the ledger kept. */
  narrow = fetched_window (360, "current");
  g_assert_true (attest_test_wait_until (all_checked, narrow, 30000));
  g_assert_cmpuint (n_in_state (narrow, ATTEST_MCA_STATE_REQUESTED), ==, to_send);
  shoot (narrow, "status-checked-360");
  gtk_window_destroy (GTK_WINDOW (narrow));
}

/* The Runs dialog lists the classic run and the request. */
static void
test_runs (void)
{
  AttestWindow *window;
  AttestRunsDialog *runs;

  if (skipped_without_locale ())
    return;

  g_assert_nonnull (classic_run_id);
  g_assert_nonnull (request_run_id);
  window = new_window (1280);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-runs", NULL));
  runs = ATTEST_RUNS_DIALOG (attest_test_wait_for_toplevel (ATTEST_TYPE_RUNS_DIALOG));
  attest_test_present_and_wait (GTK_WINDOW (runs));
  g_assert_nonnull (attest_runs_dialog_find_row (runs, classic_run_id));
  g_assert_nonnull (attest_runs_dialog_find_row (runs, request_run_id));
  shoot (runs, "runs");

  gtk_window_destroy (GTK_WINDOW (runs));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Request Acceptance without the AppOnly credential asks for it: the
 * sign-in dialog at its AppOnly part. Last: the credential is gone. */
static void
test_app_only (void)
{
  AttestConnection *connection = attest_application_get_connection (application);
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  AdwMessageDialog *question;
  AttestSignInDialog *sign_in;
  AttestWindow *window;

  if (skipped_without_locale ())
    return;

  attest_connection_remove_app_credential_async (connection, NULL, attest_test_store_result,
                                                 &slot);
  result = attest_test_wait_result (&slot);
  g_assert_true (attest_connection_remove_app_credential_finish (connection, result, NULL));

  window = fetched_window (1280, "current");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-shown", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.request-acceptance",
                                             NULL));
  question = ADW_MESSAGE_DIALOG (attest_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, _("Cannot Request Acceptance"));
  /* The window's own words, without the route the error names. */
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (question),
                                   _("Partner Center takes this step only with the partner’s "
                                     "AppOnly credential, and none is set up on this computer.")));
  g_assert_null (strstr (adw_message_dialog_get_body (question), "/v1/"));
  attest_test_present_and_wait (GTK_WINDOW (question));
  shoot (question, "app-only-missing");

  adw_message_dialog_response (question, "add-app-only");
  gtk_window_destroy (GTK_WINDOW (question));
  sign_in = ATTEST_SIGN_IN_DIALOG (attest_test_wait_for_toplevel (ATTEST_TYPE_SIGN_IN_DIALOG));
  attest_test_present_and_wait (GTK_WINDOW (sign_in));
  g_assert_true (attest_test_wait_until ((AttestTestCondition) attest_sign_in_dialog_shows_app_only,
                                         sign_in, 10000));
  /* That credential alone, not the App+User sign-in. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (sign_in)), ==, _("Add AppOnly Credential"));
  g_assert_false (gtk_widget_get_visible (child (sign_in, "sign_in_section")));
  shoot_while (sign_in, "sign-in-app-only",
               (AttestTestCondition) attest_sign_in_dialog_shows_app_only, sign_in);

  gtk_window_destroy (GTK_WINDOW (sign_in));
  attest_record_store_set_dirty (attest_window_get_store (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The language from the translations of this build, and its locale for
   * the digits and dates when it is installed (scripts/install-deps). */
  g_setenv ("LANGUAGE", language, TRUE);
  attest_test_init (&argc, &argv, ATTEST_TEST_GTK);
  missing_locale = attest_test_use_language (language);

  application = attest_test_new_application ();

  /* In this order: signed out first, then in the sandbox, each test going
   * on from the runs the one before left. */
  g_test_add_func ("/screenshots/signed-out", test_signed_out);
  g_test_add_func ("/screenshots/empty", test_empty);
  g_test_add_func ("/screenshots/fetching", test_fetching);
  g_test_add_func ("/screenshots/classic-grid", test_classic_grid);
  g_test_add_func ("/screenshots/preferences", test_preferences);
  g_test_add_func ("/screenshots/submit", test_submit);
  g_test_add_func ("/screenshots/current-flow", test_current_flow);
  g_test_add_func ("/screenshots/runs", test_runs);
  g_test_add_func ("/screenshots/app-only", test_app_only);

  status = g_test_run ();
  g_clear_object (&application);
  g_clear_pointer (&missing_locale, g_free);
  g_clear_pointer (&classic_run_id, g_free);
  g_clear_pointer (&request_run_id, g_free);

  return status;
}
