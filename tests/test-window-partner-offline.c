/* test-window-partner-offline.c: the window against a sandbox set by the
 * environment, as the commands are: a fetch that asks for the sign-in
 * and goes on once signed in, then fetches while Partner Center does not
 * answer (every connection dropped): the bar that pulses from the start,
 * the countdown to the next try, Try Again, and the failure's plain words
 * with the technical reason under Details; on the way, the device code
 * offered when no browser opens, a file read after the fetch, and the
 * question on closing with a change (ui suite). Built in English and
 * in French (ATTEST_TEST_LANGUAGE), whose screenshots are looked at.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "attest-application.h"
#include "attest-settings.h"
#include "attest-sign-in-dialog.h"
#include "attest-test-gtk.h"
#include "attest-test-sign-in.h"
#include "attest-test-utils.h"
#include "attest-window-private.h"

static const char *language = ATTEST_TEST_LANGUAGE;
static AttestApplication *application;
static AttestSandbox *sandbox;

static GtkWidget *
window_child (AttestWindow *window,
              const char   *name)
{
  return GTK_WIDGET (attest_test_child (window, ATTEST_TYPE_WINDOW, name));
}

static char *
screenshot_name (const char *name)
{
  return g_strdup_printf ("%s-%s", name, language);
}

static gboolean
showing_records (gpointer user_data)
{
  AttestWindow *window = user_data;

  return attest_window_get_store (window) != NULL
         && g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (window_child (window,
                                                                                  "main_stack"))),
                       "records") == 0;
}

static gboolean
fetching (gpointer user_data)
{
  AttestWindow *window = user_data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (window_child (window,
                                                                               "main_stack"))),
                    "loading") == 0
         && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (window_child (window,
                                                                                 "loading_page"))),
                       _("Fetching Customers…")) == 0;
}

/* Whether the bar is in activity mode, which GTK marks with "pulse". */
static gboolean
pulses (GtkWidget *widget)
{
  if (gtk_widget_has_css_class (widget, "pulse"))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (pulses (child))
        return TRUE;
    }

  return FALSE;
}

/* The beginning of a translated message, up to its first %. */
static char *
dup_prefix (const char *message)
{
  return g_strndup (message, strcspn (message, "%"));
}

static gboolean
counting_down (gpointer user_data)
{
  AttestWindow *window = user_data;
  const char *text = gtk_progress_bar_get_text (GTK_PROGRESS_BAR (window_child (window,
                                                                                "loading_progress")));
  g_autofree char *prefix = dup_prefix (g_dngettext (GETTEXT_PACKAGE,
                                                     "No connection — retrying in %'u s",
                                                     "No connection — retrying in %'u s", 2));

  return text != NULL && g_str_has_prefix (text, prefix)
         && gtk_widget_get_visible (window_child (window, "loading_retry_button"));
}

static guint
count_dropped_fetches (void)
{
  guint dropped = 0;

  for (guint i = 0; i < attest_sandbox_get_request_count (sandbox); i++)
    {
      const AttestSandboxRequest *request = attest_sandbox_get_request (sandbox, i);

      if (request->status == 0 && g_str_has_prefix (request->path, "/v1/"))
        dropped++;
    }

  return dropped;
}

static void
drop_every_connection (gboolean drop)
{
  AttestSandboxFaults faults = { 0 };

  faults.rate_drop = drop ? 1.0 : 0.0;
  attest_sandbox_set_faults (sandbox, &faults);
}

static gboolean
window_is_gone (gpointer user_data)
{
  return *(GtkWindow **) user_data == NULL;
}

static gboolean
bar_has_text (gpointer user_data)
{
  const char *text = gtk_progress_bar_get_text (user_data);

  return text != NULL && text[0] != '\0';
}

/* A file read after a fetch: the page keeps none of the fetch's words or
 * its icon, and says how much of the file is read once its size is known. */
static void
assert_reading_page (AttestWindow *window)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "ui", "customers.csv",
                                                 NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkProgressBar *progress = GTK_PROGRESS_BAR (window_child (window, "loading_progress"));
  AdwStatusPage *page = ADW_STATUS_PAGE (window_child (window, "loading_page"));
  g_autofree char *title = g_strdup_printf (_("Reading %s…"), "customers.csv");
  g_autofree char *half = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  attest_window_open (window, file);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, title);
  g_assert_cmpstr (adw_status_page_get_icon_name (page), ==, "document-open-symbolic");
  g_assert_cmpstr (gtk_progress_bar_get_text (progress), ==, "");
  g_assert_false (gtk_widget_get_visible (window_child (window, "loading_retry_button")));
  g_assert_true (attest_test_wait_until (showing_records, window, 20000));

  /* The page on its own: the reading of this small file is too quick to
   * be caught in the middle. */
  _attest_window_show_reading (window, file);
  g_assert_true (attest_test_wait_until (bar_has_text, progress, 10000));
  _attest_window_show_read_fraction (window, 0.5);
  half = g_format_size (size / 2);
  whole = g_format_size (size);
  expected = g_strdup_printf (_("%1$s of %2$s"), half, whole);
  g_assert_cmpstr (gtk_progress_bar_get_text (progress), ==, expected);
  name = screenshot_name ("window-reading");
  attest_test_save_screenshot (GTK_WIDGET (window), name);
}

static gboolean
sign_in_error_shown (gpointer user_data)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (attest_test_child (
                                                       user_data, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                       "error_revealer")));
}

static gboolean
sign_in_error_settled (gpointer user_data)
{
  return gtk_revealer_get_child_revealed (GTK_REVEALER (attest_test_child (
                                                          user_data, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                          "error_revealer")));
}

/* Closing the window after a mark was taken away asks first. */
static void
assert_close_asks (AttestWindow *window)
{
  AdwMessageDialog *question;
  g_autofree char *name = screenshot_name ("close-question");

  attest_record_store_set_attested (attest_window_get_store (window), 0,
                                    !attest_record_store_get_attested (
                                       attest_window_get_store (window), 0));
  gtk_window_close (GTK_WINDOW (window));
  question = ADW_MESSAGE_DIALOG (attest_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, _("Export Your Changes?"));
  attest_test_present_and_wait (GTK_WINDOW (question));
  attest_test_save_screenshot (GTK_WIDGET (question), name);
  adw_message_dialog_response (question, "discard");
  gtk_window_destroy (GTK_WINDOW (question));
}

/* What a newcomer sees first: the empty state's icon, an SVG, which needs
 * gdk-pixbuf's SVG loader (librsvg2-common on Debian) to be drawn. */
static void
assert_first_sight (AttestWindow *window)
{
  AdwStatusPage *page = ADW_STATUS_PAGE (window_child (window, "empty_page"));
  const char *icon = adw_status_page_get_icon_name (page);
  GSList *formats = gdk_pixbuf_get_formats ();
  gboolean svg = FALSE;
  g_autofree char *name = screenshot_name ("window-empty");

  for (GSList *l = formats; l != NULL; l = l->next)
    {
      g_autofree char *format = gdk_pixbuf_format_get_name (l->data);

      svg |= g_str_equal (format, "svg");
    }
  g_slist_free (formats);

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_cmpstr (icon, ==, APP_ID "-symbolic");
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (
                                            gtk_widget_get_display (GTK_WIDGET (window))),
                                          icon));
  g_assert_true (svg);
  attest_test_save_screenshot (GTK_WIDGET (window), name);
}

/* Fetch while signed out: the sign-in dialog, filled in from the
 * environment; once signed in, the fetch starts, with a toast. Partner
 * Center drops every connection: the page counts down to the next try,
 * and Try Again fetches at once, here with the connection back. */
static void
test_sign_in_then_fetch_offline (void)
{
  AttestWindow *window = attest_window_new (application);
  AttestSession *session = attest_application_get_session (application);
  AttestSignInDialog *dialog;
  GtkWidget *loading_page;
  GtkWidget *progress;
  g_autofree char *toast = NULL;
  g_autofree char *name = NULL;
  g_autofree char *browser = g_strdup (g_getenv ("BROWSER"));
  AttestRecordCounts counts;

  attest_test_present_and_wait (GTK_WINDOW (window));
  g_assert_false (attest_session_is_signed_in (session));
  assert_first_sight (window);
  drop_every_connection (TRUE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fetch", NULL));
  dialog = ATTEST_SIGN_IN_DIALOG (attest_test_wait_for_toplevel (ATTEST_TYPE_SIGN_IN_DIALOG));
  attest_test_present_and_wait (GTK_WINDOW (dialog));
  /* ATTEST_APP_ID and ATTEST_USER, over the settings'. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (attest_test_child (dialog,
                                                                          ATTEST_TYPE_SIGN_IN_DIALOG,
                                                                          "app_id_row"))),
                   ==, attest_sandbox_get_app_id (sandbox));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (attest_test_child (dialog,
                                                                          ATTEST_TYPE_SIGN_IN_DIALOG,
                                                                          "user_row"))),
                   ==, attest_sandbox_get_user (sandbox));

  /* No browser at first: the device code is offered. */
  g_setenv ("BROWSER", "no-such-browser-for-attest", TRUE);
  g_signal_emit_by_name (attest_test_child (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "browser_button"),
                         "clicked");
  g_assert_true (attest_test_wait_until (sign_in_error_shown, dialog, 30000));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (attest_test_child (
                                             dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                             "device_code_button")),
                                           "suggested-action"));
  g_assert_true (attest_test_wait_until (sign_in_error_settled, dialog, 5000));
  name = screenshot_name ("sign-in-no-browser");
  attest_test_save_screenshot (GTK_WIDGET (dialog), name);
  g_clear_pointer (&name, g_free);
  g_setenv ("BROWSER", browser, TRUE);
  g_signal_emit_by_name (attest_test_child (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "browser_button"),
                         "clicked");

  /* Signed in: the dialog goes, and the fetch it was opened for starts. */
  g_assert_true (attest_test_wait_until (fetching, window, 30000));
  g_assert_true (attest_session_is_signed_in (session));
  g_assert_null (attest_test_find_toplevel (ATTEST_TYPE_SIGN_IN_DIALOG));
  toast = g_strdup_printf (_("Signed in as %s"), attest_sandbox_get_user (sandbox));
  g_assert_true (attest_test_shows_label (window_child (window, "toast_overlay"), toast));

  /* From the start, the bar pulses and says what it waits for, with the
   * network's icon. */
  loading_page = window_child (window, "loading_page");
  progress = window_child (window, "loading_progress");
  g_assert_true (pulses (progress));
  g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (loading_page)), ==,
                   "network-transmit-receive-symbolic");

  /* Every connection dropped: the countdown, Try Again, no connection's
   * icon; what was asked went to ATTEST_API_BASE, not the settings'. */
  g_assert_true (attest_test_wait_until (counting_down, window, 30000));
  g_assert_true (pulses (progress));
  g_assert_cmpuint (count_dropped_fetches (), >=, 1);
  g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (loading_page)), ==,
                   "network-offline-symbolic");
  g_assert_true (gtk_widget_is_sensitive (window_child (window, "loading_retry_button")));
  name = screenshot_name ("window-fetch-offline");
  attest_test_save_screenshot (GTK_WIDGET (window), name);

  /* The connection is back; Try Again does not wait for the countdown. */
  drop_every_connection (FALSE);
  gtk_widget_activate (window_child (window, "loading_retry_button"));
  g_assert_true (attest_test_wait_until (showing_records, window, 30000));
  attest_record_store_get_counts (attest_window_get_store (window), &counts);
  g_assert_cmpuint (counts.total, ==, attest_sandbox_count_pending (sandbox));

  assert_reading_page (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  assert_close_asks (window);
  g_assert_true (attest_test_wait_until (window_is_gone, &window, 10000));
}

static gboolean
fetch_failed (gpointer user_data)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (attest_test_find_toplevel (
                                                   ADW_TYPE_MESSAGE_DIALOG));

  return dialog != NULL
         && g_strcmp0 (adw_message_dialog_get_heading (dialog),
                       _("Cannot Fetch the Customers")) == 0;
}

/* Every try dropped: the fetch ends with plain words, the technical
 * reason under Details, and Try Again, which fetches again. */
static void
test_fetch_fails_offline (void)
{
  AttestWindow *window = attest_window_new (application);
  AdwMessageDialog *dialog;
  GtkWidget *expander;
  const char *details;
  g_autofree char *name = NULL;

  attest_test_present_and_wait (GTK_WINDOW (window));
  drop_every_connection (TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fetch", NULL));
  g_assert_true (attest_test_wait_until (fetching, window, 10000));

  /* Five tries, waiting up to some 15 s in all. */
  g_assert_true (attest_test_wait_until (fetch_failed, NULL, 60000));
  dialog = ADW_MESSAGE_DIALOG (attest_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   _("Partner Center could not be reached. Check the network connection, then "
                     "try again."));
  g_assert_true (adw_message_dialog_has_response (dialog, "try-again"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "try-again");

  expander = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_EXPANDER (expander));
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  details = gtk_label_get_text (GTK_LABEL (gtk_expander_get_child (GTK_EXPANDER (expander))));
  g_assert_nonnull (strstr (details, "127.0.0.1"));
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  attest_test_present_and_wait (GTK_WINDOW (dialog));
  name = screenshot_name ("fetch-offline-error");
  attest_test_save_screenshot (GTK_WIDGET (dialog), name);

  /* The window is as it was; Try Again fetches, with the connection back. */
  g_assert_true (gtk_widget_get_visible (window_child (window, "empty_page")));
  drop_every_connection (FALSE);
  adw_message_dialog_response (dialog, "try-again");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (attest_test_wait_until (showing_records, window, 30000));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettings) settings = NULL;
  int status;

  /* The language from the translations of this build; French groups
   * digits as France does where that locale is installed. */
  g_setenv ("LANGUAGE", language, TRUE);
  attest_test_init (&argc, &argv, ATTEST_TEST_GTK | ATTEST_TEST_SIGN_IN);
  if (g_str_equal (language, "en") || setlocale (LC_ALL, "fr_FR.UTF-8") == NULL)
    setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ATTEST_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Partner Center and Entra ID both at the sandbox, as the environment
   * says; the settings say otherwise, and lose. */
  sandbox = attest_test_start_sandbox ();
  g_setenv ("ATTEST_API_BASE", attest_sandbox_get_uri (sandbox), TRUE);
  g_setenv ("ATTEST_AUTHORITY", attest_sandbox_get_uri (sandbox), TRUE);
  g_setenv ("ATTEST_APP_ID", attest_sandbox_get_app_id (sandbox), TRUE);
  g_setenv ("ATTEST_USER", attest_sandbox_get_user (sandbox), TRUE);
  settings = attest_settings_new (NULL);
  g_assert_nonnull (settings);
  g_settings_set_string (settings, "api-base", "http://127.0.0.1:9");
  g_settings_set_string (settings, "app-id", "4e5f6a7b-0000-4000-8000-000000000001");
  g_settings_set_string (settings, "user", "someone@else.example");

  application = attest_test_new_application ();
  /* Changed while Attest runs, the settings still lose. */
  g_settings_set_string (settings, "api-base", "http://127.0.0.1:7");

  g_test_add_func ("/window-partner-offline/sign-in-then-fetch-offline",
                   test_sign_in_then_fetch_offline);
  g_test_add_func ("/window-partner-offline/fetch-fails-offline", test_fetch_fails_offline);

  status = g_test_run ();
  g_clear_object (&application);
  g_clear_object (&sandbox);

  return status;
}
