/* test-window-close.c: closing the window and quitting with edits not
 * exported: the question, and each of its answers (ui suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "attest-application.h"
#include "attest-test-gtk.h"
#include "attest-test-init.h"
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

/* A window showing tests/data/ui/customers.csv, as read: nothing to lose. */
static AttestWindow *
open_window (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ui", "customers.csv",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AttestWindow *window = attest_window_new (application);

  attest_test_present_and_wait (GTK_WINDOW (window));
  attest_window_open (window, file);
  g_assert_true (attest_test_wait_until (showing_records, window, 20000));
  g_assert_false (attest_window_has_unsaved_changes (window));

  return window;
}

/* The first row's mark taken away: a change to lose. */
static void
change_a_mark (AttestWindow *window)
{
  AttestRecordStore *store = attest_window_get_store (window);

  g_assert_true (attest_record_store_get_attested (store, 0));
  attest_record_store_set_attested (store, 0, FALSE);
  g_assert_true (attest_window_has_unsaved_changes (window));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  return ADW_MESSAGE_DIALOG (attest_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static gboolean
window_is_gone (gpointer user_data)
{
  GtkWindow **window = user_data;

  return *window == NULL;
}

/* Closes @window as its close button does; returns the question asked. */
static AdwMessageDialog *
close_and_get_question (AttestWindow *window)
{
  AdwMessageDialog *question;

  g_assert_null (find_message_dialog ());
  gtk_window_close (GTK_WINDOW (window));
  question = ADW_MESSAGE_DIALOG (attest_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (question)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Export Your Changes?");
  g_assert_true (adw_message_dialog_has_response (question, "cancel"));
  g_assert_true (adw_message_dialog_has_response (question, "discard"));
  g_assert_true (adw_message_dialog_has_response (question, "export"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (question, "export"), ==, "_Export…");
  g_assert_cmpstr (adw_message_dialog_get_default_response (question), ==, "export");
  g_assert_cmpstr (adw_message_dialog_get_close_response (question), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (question, "discard"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);

  return question;
}

static gboolean
message_dialog_is_gone (gpointer user_data)
{
  return find_message_dialog () == NULL;
}

/* Answers @dialog as its button would, which also closes it. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (attest_test_wait_until (message_dialog_is_gone, NULL, 5000));
}

/* Nothing to lose: the window closes without a question. */
static void
test_close_nothing_to_lose (void)
{
  AttestWindow *window = open_window ();

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (attest_test_wait_until (window_is_gone, &window, 5000));
  g_assert_null (find_message_dialog ());

  /* An empty window neither. */
  window = attest_window_new (application);
  attest_test_present_and_wait (GTK_WINDOW (window));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (attest_test_wait_until (window_is_gone, &window, 5000));
  g_assert_null (find_message_dialog ());
}

static void
test_close_cancel_and_discard (void)
{
  AttestWindow *window = open_window ();
  AdwMessageDialog *question;

  change_a_mark (window);
  question = close_and_get_question (window);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "close the window"));
  attest_test_present_and_wait (GTK_WINDOW (question));
  attest_test_save_screenshot (GTK_WIDGET (question), "close-question");

  /* A second close while it is asked asks nothing more. */
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (find_message_dialog () == question);

  respond (question, "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (attest_window_has_unsaved_changes (window));
  g_assert_false (attest_record_store_get_attested (attest_window_get_store (window), 0));

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  question = close_and_get_question (window);
  respond (question, "discard");
  g_assert_true (attest_test_wait_until (window_is_gone, &window, 5000));
}

static GtkFileChooser *
wait_for_file_chooser (void)
{
  GtkWindow *chooser = attest_test_wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);

  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SAVE);
  return GTK_FILE_CHOOSER (chooser);
}

static gboolean
chooser_is_gone (gpointer user_data)
{
  return attest_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL;
}

static gboolean
chooser_has_file (gpointer user_data)
{
  GtkFileChooser *chooser = GTK_FILE_CHOOSER (attest_test_find_toplevel (
                                                GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);

  return file != NULL && g_file_equal (file, user_data);
}

/* Chooses @path, or cancels when NULL. */
static void
answer_chooser (GtkFileChooser *chooser,
                const char     *path)
{
  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      /* Typed whole into the name, as a person may. */
      gtk_file_chooser_set_current_name (chooser, path);
      g_assert_true (attest_test_wait_until (chooser_has_file, file, 10000));
    }

  /* As a click on its button does. */
  gtk_widget_activate (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser),
                                                           path != NULL ? GTK_RESPONSE_ACCEPT
                                                                        : GTK_RESPONSE_CANCEL));
  g_assert_true (attest_test_wait_until (chooser_is_gone, NULL, 10000));
}

/* Export… with the chooser cancelled: the window stays, and so do the
 * changes. */
static void
test_close_export_cancelled (void)
{
  AttestWindow *window = open_window ();

  change_a_mark (window);
  respond (close_and_get_question (window), "export");
  answer_chooser (wait_for_file_chooser (), NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (attest_window_has_unsaved_changes (window));
  g_assert_null (find_message_dialog ());

  attest_record_store_set_dirty (attest_window_get_store (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
error_shown (gpointer user_data)
{
  AdwMessageDialog *dialog = find_message_dialog ();

  return dialog != NULL
         && g_strcmp0 (adw_message_dialog_get_heading (dialog), "Cannot Export the Customers") == 0;
}

/* Export… that cannot write the file: the error is shown, the window
 * stays, and so do the changes. The folder is one where no file can be
 * made, whoever runs the test: the kernel’s list of processes. */
static void
test_close_export_fails (void)
{
  AttestWindow *window = open_window ();

  change_a_mark (window);
  respond (close_and_get_question (window), "export");
  answer_chooser (wait_for_file_chooser (), "/proc/customers.csv");

  g_assert_true (attest_test_wait_until (error_shown, NULL, 10000));
  g_assert_false (g_file_test ("/proc/customers.csv", G_FILE_TEST_EXISTS));
  respond (find_message_dialog (), "close");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (attest_window_has_unsaved_changes (window));

  attest_record_store_set_dirty (attest_window_get_store (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Export… that writes the file: the window closes. */
static void
test_close_export_then_close (void)
{
  AttestWindow *window = open_window ();
  g_autofree char *path = g_build_filename (attest_test_get_root (), "exported.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  change_a_mark (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  respond (close_and_get_question (window), "export");
  answer_chooser (wait_for_file_chooser (), path);
  g_assert_true (attest_test_wait_until (window_is_gone, &window, 10000));

  /* The first customer was written unmarked, the second as it was. */
  contents = attest_test_read_file (path);
  lines = g_strsplit (contents, "\n", -1);
  g_assert_nonnull (strstr (lines[1], "0f8fad5b-d9cb-469f-a165-70867728950e"));
  g_assert_nonnull (strstr (lines[1], ",False,"));
  g_assert_nonnull (strstr (lines[2], ",True,"));
}

/* Ctrl+Q asks each window with changes, and closes the others. */
static void
test_quit (void)
{
  AttestWindow *changed = open_window ();
  AttestWindow *unchanged = open_window ();
  AdwMessageDialog *question;

  g_object_add_weak_pointer (G_OBJECT (changed), (gpointer *) &changed);
  g_object_add_weak_pointer (G_OBJECT (unchanged), (gpointer *) &unchanged);
  change_a_mark (changed);

  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  question = ADW_MESSAGE_DIALOG (attest_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (question)) == GTK_WINDOW (changed));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (question), "If you quit"));

  /* Cancel: Attest stays, with both windows. */
  respond (question, "cancel");
  g_assert_nonnull (changed);
  g_assert_nonnull (unchanged);
  g_assert_true (attest_window_has_unsaved_changes (changed));

  /* Discard: both windows go. */
  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  question = ADW_MESSAGE_DIALOG (attest_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  respond (question, "discard");
  g_assert_true (attest_test_wait_until (window_is_gone, &changed, 10000));
  g_assert_true (attest_test_wait_until (window_is_gone, &unchanged, 10000));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  attest_test_init (&argc, &argv, ATTEST_TEST_GTK);

  application = attest_test_new_application ();

  g_test_add_func ("/window-close/nothing-to-lose", test_close_nothing_to_lose);
  g_test_add_func ("/window-close/cancel-and-discard", test_close_cancel_and_discard);
  g_test_add_func ("/window-close/export-cancelled", test_close_export_cancelled);
  g_test_add_func ("/window-close/export-fails", test_close_export_fails);
  g_test_add_func ("/window-close/export-then-close", test_close_export_then_close);
  /* Last: it quits the application. */
  g_test_add_func ("/window-close/quit", test_quit);

  status = g_test_run ();
  g_object_unref (application);

  return status;
}
