/* test-sign-in-dialog.c: the sign-in dialog and the account button, signing
 * in against the sandbox (ui suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <libsecret/secret.h>
#include <string.h>

#include "attest-application.h"
#include "attest-settings.h"
#include "attest-sign-in-dialog.h"
#include "attest-test-gtk.h"
#include "attest-test-sign-in.h"
#include "attest-test-utils.h"
#include "attest-token-store.h"
#include "attest-window.h"

static AttestApplication *application;
static AttestSandbox *sandbox;

static GtkWidget *
child_of (gpointer    widget,
          GType       type,
          const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static AttestSignInDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ATTEST_IS_SIGN_IN_DIALOG (window))
        return ATTEST_SIGN_IN_DIALOG (window);
    }

  return NULL;
}

static gboolean
dialog_is_gone (gpointer user_data)
{
  return find_dialog () == NULL;
}

static AttestSignInDialog *
open_dialog (AttestWindow *window)
{
  AttestSignInDialog *dialog;

  g_assert_null (find_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-in", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  attest_test_present_and_wait (GTK_WINDOW (dialog));

  return dialog;
}

static void
fill_in (AttestSignInDialog *dialog,
         const char         *app_id,
         const char         *user)
{
  gtk_editable_set_text (GTK_EDITABLE (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "app_id_row")),
                         app_id);
  gtk_editable_set_text (GTK_EDITABLE (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "user_row")),
                         user);
}

static gboolean
can_sign_in (AttestSignInDialog *dialog)
{
  return gtk_widget_get_sensitive (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "browser_button"))
         && gtk_widget_get_sensitive (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                "device_code_button"));
}

static void
close_dialog (AttestSignInDialog *dialog)
{
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (attest_test_wait_until (dialog_is_gone, NULL, 5000));
}

static void
test_dialog_guid_check (void)
{
  AttestWindow *window = attest_window_new (application);
  AttestSignInDialog *dialog;
  GtkWidget *app_id_row;
  GtkWidget *hint;

  attest_test_present_and_wait (GTK_WINDOW (window));
  dialog = open_dialog (window);
  app_id_row = child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "app_id_row");
  hint = child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "app_id_hint");

  /* Empty: nothing to complain about yet, nothing to sign in with either. */
  g_assert_false (gtk_widget_has_css_class (app_id_row, "error"));
  g_assert_false (gtk_widget_get_visible (hint));
  g_assert_false (can_sign_in (dialog));

  fill_in (dialog, "0f1e2d3c-4b5a-6978-8796", "admin@contoso.onmicrosoft.com");
  g_assert_true (gtk_widget_has_css_class (app_id_row, "error"));
  g_assert_true (gtk_widget_get_visible (hint));
  g_assert_false (can_sign_in (dialog));
  attest_test_present_and_wait (GTK_WINDOW (dialog));
  attest_test_save_screenshot (GTK_WIDGET (dialog), "sign-in-dialog-invalid-app-id");

  fill_in (dialog, " 0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0 ", "admin@contoso.onmicrosoft.com");
  g_assert_false (gtk_widget_has_css_class (app_id_row, "error"));
  g_assert_false (gtk_widget_get_visible (hint));
  g_assert_true (can_sign_in (dialog));

  /* A user principal name has a domain. */
  fill_in (dialog, "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "admin");
  g_assert_false (can_sign_in (dialog));

  close_dialog (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
session_signed_in (gpointer user_data)
{
  return attest_session_is_signed_in (ATTEST_SESSION (user_data));
}

static gboolean
keyring_is_empty (gpointer user_data)
{
  g_autofree char *stored = attest_test_lookup_refresh_token (sandbox);

  return stored == NULL;
}

static GtkWidget *
find_account_button_in (GtkWidget *widget)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "AttestAccountButton"))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_account_button_in (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static const char *
account_state (AttestWindow *window)
{
  GtkWidget *button = find_account_button_in (GTK_WIDGET (window));
  GType type;

  /* g_error () rather than g_assert_nonnull (): it never returns. */
  if (button == NULL)
    g_error ("The window has no account button");
  type = G_OBJECT_TYPE (button);
  return gtk_stack_get_visible_child_name (GTK_STACK (child_of (button, type, "stack")));
}

static void
test_dialog_browser_sign_in (void)
{
  AttestWindow *window = attest_window_new (application);
  AttestSession *session = attest_application_get_session (application);
  GSettings *settings = attest_application_get_settings (application);
  AttestSignInDialog *dialog;
  GtkWidget *account_button;
  GtkWidget *sign_in_button;
  GtkWidget *menu_button;
  GtkPopover *popover;
  g_autofree char *app_id = NULL;
  g_autofree char *user = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *tenant_text = NULL;

  attest_test_present_and_wait (GTK_WINDOW (window));

  /* Nobody signed in: the header bar says "Sign In". */
  g_assert_cmpstr (account_state (window), ==, "signed-out");
  account_button = find_account_button_in (GTK_WIDGET (window));
  sign_in_button = child_of (account_button, G_OBJECT_TYPE (account_button), "sign_in_button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (sign_in_button)), ==, "Sign In");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (sign_in_button)), ==,
                   "win.sign-in");
  attest_test_save_screenshot (GTK_WIDGET (window), "window-signed-out");

  dialog = open_dialog (window);
  fill_in (dialog, attest_sandbox_get_app_id (sandbox), attest_sandbox_get_user (sandbox));
  g_assert_true (can_sign_in (dialog));
  attest_test_present_and_wait (GTK_WINDOW (dialog));
  attest_test_save_screenshot (GTK_WIDGET (dialog), "sign-in-dialog");

  /* The stand-in browser approves; the dialog closes once signed in. */
  gtk_widget_activate (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "browser_button"));
  g_assert_true (attest_test_wait_until (session_signed_in, session, 30000));
  g_assert_true (attest_test_wait_until (dialog_is_gone, NULL, 5000));

  g_assert_cmpstr (attest_session_get_user (session), ==, attest_sandbox_get_user (sandbox));
  app_id = g_settings_get_string (settings, "app-id");
  user = g_settings_get_string (settings, "user");
  g_assert_cmpstr (app_id, ==, attest_sandbox_get_app_id (sandbox));
  g_assert_cmpstr (user, ==, attest_sandbox_get_user (sandbox));
  stored = attest_test_lookup_refresh_token (sandbox);
  g_assert_nonnull (stored);

  /* The account button shows who, and where. */
  g_assert_cmpstr (account_state (window), ==, "signed-in");
  menu_button = child_of (account_button, G_OBJECT_TYPE (account_button), "account_menu_button");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (menu_button),
                            attest_sandbox_get_user (sandbox)));
  tenant_text = g_strdup (gtk_label_get_text (GTK_LABEL (child_of (account_button,
                                                                   G_OBJECT_TYPE (account_button),
                                                                   "tenant_label"))));
  g_assert_nonnull (strstr (tenant_text, attest_sandbox_get_tenant_id (sandbox)));
  attest_test_present_and_wait (GTK_WINDOW (window));
  attest_test_save_screenshot (GTK_WIDGET (window), "window-signed-in");

  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));
  attest_test_present_and_wait (GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  attest_test_save_screenshot (GTK_WIDGET (popover), "account-popover");
  gtk_popover_popdown (popover);

  /* Sign out: the keyring item goes, the button says "Sign In" again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL));
  g_assert_false (attest_session_is_signed_in (session));
  g_assert_true (attest_test_wait_until (keyring_is_empty, NULL, 10000));
  g_assert_cmpstr (account_state (window), ==, "signed-out");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
error_shown (gpointer user_data)
{
  AttestSignInDialog *dialog = user_data;

  return gtk_revealer_get_reveal_child (GTK_REVEALER (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                                "error_revealer")));
}

static gboolean
revealer_settled (gpointer user_data)
{
  return gtk_revealer_get_child_revealed (GTK_REVEALER (user_data));
}

static void
test_dialog_error_inline (void)
{
  AttestWindow *window = attest_window_new (application);
  AttestSession *session = attest_application_get_session (application);
  AttestSignInDialog *dialog;
  GtkWidget *stack;
  const char *message;

  attest_test_present_and_wait (GTK_WINDOW (window));
  attest_sandbox_set_user_mfa (sandbox, FALSE);

  dialog = open_dialog (window);
  fill_in (dialog, attest_sandbox_get_app_id (sandbox), attest_sandbox_get_user (sandbox));
  gtk_widget_activate (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "browser_button"));
  g_assert_true (attest_test_wait_until (error_shown, dialog, 30000));

  /* The explanation is in the dialog, the form is back and still filled in. */
  stack = child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "form");
  message = gtk_label_get_text (GTK_LABEL (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                     "error_label")));
  g_assert_nonnull (strstr (message, "multi-factor authentication"));
  g_assert_true (can_sign_in (dialog));
  g_assert_false (attest_session_is_signed_in (session));
  g_assert_true (attest_test_wait_until (revealer_settled,
                                         child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                   "error_revealer"),
                                         5000));
  attest_test_present_and_wait (GTK_WINDOW (dialog));
  attest_test_save_screenshot (GTK_WIDGET (dialog), "sign-in-dialog-error");

  attest_sandbox_set_user_mfa (sandbox, TRUE);
  close_dialog (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  AttestSignInDialog *dialog;
  const char         *page;
} PageWait;

static gboolean
page_shown (gpointer user_data)
{
  PageWait *wait = user_data;
  GtkWidget *stack = child_of (wait->dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), wait->page) == 0;
}

/* Cancelling a browser sign-in brings the form back, without an error. */
static void
test_dialog_cancel (void)
{
  AttestWindow *window = attest_window_new (application);
  AttestSession *session = attest_application_get_session (application);
  PageWait wait = { NULL, "browser" };

  attest_test_present_and_wait (GTK_WINDOW (window));
  attest_sandbox_set_auto_approve (sandbox, FALSE);

  wait.dialog = open_dialog (window);
  fill_in (wait.dialog, attest_sandbox_get_app_id (sandbox), attest_sandbox_get_user (sandbox));
  gtk_widget_activate (child_of (wait.dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "browser_button"));
  g_assert_true (attest_test_wait_until (page_shown, &wait, 10000));
  g_assert_false (can_sign_in (wait.dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wait.dialog), "sign-in.cancel", NULL));
  wait.page = "form";
  g_assert_true (attest_test_wait_until (page_shown, &wait, 10000));
  g_assert_false (error_shown (wait.dialog));
  g_assert_true (can_sign_in (wait.dialog));
  g_assert_false (attest_session_is_signed_in (session));

  attest_sandbox_set_auto_approve (sandbox, TRUE);
  close_dialog (wait.dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
device_code_shown (gpointer user_data)
{
  GtkWidget *stack = child_of (user_data, ATTEST_TYPE_SIGN_IN_DIALOG, "stack");
  GtkWidget *code = child_of (user_data, ATTEST_TYPE_SIGN_IN_DIALOG, "user_code_label");

  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "device-code") == 0
         && !gtk_stack_get_transition_running (GTK_STACK (stack))
         && gtk_label_get_text (GTK_LABEL (code))[0] != '\0';
}

static void
test_dialog_device_code (void)
{
  AttestWindow *window = attest_window_new (application);
  AttestSession *session = attest_application_get_session (application);
  AttestSignInDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autofree char *user_code = NULL;

  attest_test_present_and_wait (GTK_WINDOW (window));
  attest_sandbox_set_auto_approve (sandbox, FALSE);
  attest_sandbox_set_device_code_interval (sandbox, 1);

  dialog = open_dialog (window);
  fill_in (dialog, attest_sandbox_get_app_id (sandbox), attest_sandbox_get_user (sandbox));
  gtk_widget_activate (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "device_code_button"));
  g_assert_true (attest_test_wait_until (device_code_shown, dialog, 10000));

  user_code = g_strdup (gtk_label_get_text (GTK_LABEL (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                                 "user_code_label"))));
  g_assert_cmpuint (strlen (user_code), >, 0);
  g_assert_true (g_str_has_prefix (gtk_link_button_get_uri (GTK_LINK_BUTTON (child_of (dialog,
                                                                                      ATTEST_TYPE_SIGN_IN_DIALOG,
                                                                                      "verification_link"))),
                                   attest_sandbox_get_uri (sandbox)));
  attest_test_present_and_wait (GTK_WINDOW (dialog));
  attest_test_save_screenshot (GTK_WIDGET (dialog), "sign-in-dialog-device-code");

  attest_sandbox_approve_device_code (sandbox, user_code, &error);
  g_assert_no_error (error);
  g_assert_true (attest_test_wait_until (session_signed_in, session, 30000));
  g_assert_true (attest_test_wait_until (dialog_is_gone, NULL, 5000));

  attest_sandbox_set_auto_approve (sandbox, TRUE);
  attest_test_sign_out (session);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  attest_test_init (&argc, &argv, ATTEST_TEST_GTK | ATTEST_TEST_SIGN_IN);

  /* The application reads the sign-in authority at start. */
  sandbox = attest_test_start_sandbox ();
  settings = attest_settings_new (&error);
  g_assert_no_error (error);
  g_settings_set_string (settings, "authority", attest_sandbox_get_uri (sandbox));

  application = attest_test_new_application ();

  g_test_add_func ("/sign-in-dialog/guid-check", test_dialog_guid_check);
  g_test_add_func ("/sign-in-dialog/browser-sign-in", test_dialog_browser_sign_in);
  g_test_add_func ("/sign-in-dialog/error-inline", test_dialog_error_inline);
  g_test_add_func ("/sign-in-dialog/cancel", test_dialog_cancel);
  g_test_add_func ("/sign-in-dialog/device-code", test_dialog_device_code);

  status = g_test_run ();
  g_clear_object (&application);
  g_clear_object (&sandbox);

  return status;
}
