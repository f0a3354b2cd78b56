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
#include "attest-mca-ledger.h"
#include "attest-mca-shapes.h"
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

/* No browser can be opened: the dialog offers the device code instead,
 * without a word about the BROWSER variable. */
static void
test_dialog_no_browser (void)
{
  AttestWindow *window = attest_window_new (application);
  g_autofree char *browser = g_strdup (g_getenv ("BROWSER"));
  AttestSignInDialog *dialog;
  GtkWidget *browser_button;
  GtkWidget *device_code_button;
  const char *message;

  attest_test_present_and_wait (GTK_WINDOW (window));
  g_setenv ("BROWSER", "no-such-browser-for-attest", TRUE);

  dialog = open_dialog (window);
  fill_in (dialog, attest_sandbox_get_app_id (sandbox), attest_sandbox_get_user (sandbox));
  browser_button = child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "browser_button");
  device_code_button = child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "device_code_button");
  g_assert_true (gtk_widget_has_css_class (browser_button, "suggested-action"));
  gtk_widget_activate (browser_button);
  g_assert_true (attest_test_wait_until (error_shown, dialog, 30000));

  message = gtk_label_get_text (GTK_LABEL (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                     "error_label")));
  g_assert_nonnull (strstr (message, "device code"));
  g_assert_null (strstr (message, "BROWSER"));
  g_assert_true (gtk_widget_has_css_class (device_code_button, "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (browser_button, "suggested-action"));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == device_code_button);
  g_assert_true (attest_test_wait_until (revealer_settled,
                                         child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                   "error_revealer"),
                                         5000));
  attest_test_present_and_wait (GTK_WINDOW (dialog));
  attest_test_save_screenshot (GTK_WIDGET (dialog), "sign-in-dialog-no-browser");

  /* Another error suggests the browser again. */
  g_setenv ("BROWSER", browser, TRUE);
  attest_sandbox_set_user_mfa (sandbox, FALSE);
  /* Clicked at once: a button's activation waits for its pressed look. */
  g_signal_emit_by_name (browser_button, "clicked");
  g_assert_false (error_shown (dialog));
  g_assert_true (attest_test_wait_until (error_shown, dialog, 30000));
  message = gtk_label_get_text (GTK_LABEL (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                     "error_label")));
  g_assert_nonnull (strstr (message, "multi-factor authentication"));
  g_assert_true (gtk_widget_has_css_class (browser_button, "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (device_code_button, "suggested-action"));

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

/* The AppOnly credential kept for the sandbox's partner, or NULL. */
static char *
lookup_app_secret (void)
{
  return attest_test_lookup_app_secret (sandbox, attest_sandbox_get_app_client_id (sandbox));
}

typedef struct
{
  AttestSignInDialog *dialog;
  const char         *child;
} InView;

/* Whether the dialog's form, scrolled as it is, shows all of a child. */
static gboolean
in_view (gpointer user_data)
{
  InView *wait = user_data;
  GtkWidget *scroller = child_of (wait->dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "form_scroller");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  graphene_rect_t bounds;
  double top = gtk_adjustment_get_value (adjustment);

  return gtk_widget_compute_bounds (child_of (wait->dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                              wait->child),
                                    content, &bounds)
         && bounds.size.height > 0
         && bounds.origin.y >= top
         && bounds.origin.y + bounds.size.height
            <= top + gtk_adjustment_get_page_size (adjustment);
}

static gboolean
app_only_error_shown (gpointer user_data)
{
  GtkWidget *revealer = child_of (user_data, ATTEST_TYPE_SIGN_IN_DIALOG,
                                  "app_only_error_revealer");

  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer))
         && gtk_revealer_get_child_revealed (GTK_REVEALER (revealer));
}

static gboolean
app_credential_present (gpointer user_data)
{
  return attest_connection_get_app_only_tokens (ATTEST_CONNECTION (user_data)) != NULL;
}

static gboolean
app_credential_gone (gpointer user_data)
{
  g_autofree char *secret = lookup_app_secret ();

  return !app_credential_present (user_data) && secret == NULL;
}

static gboolean
can_save_app_credential (AttestSignInDialog *dialog)
{
  return gtk_widget_get_sensitive (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                             "app_only_button"));
}

static void
fill_in_app_only (AttestSignInDialog *dialog,
                  const char         *application_id,
                  const char         *secret)
{
  gtk_editable_set_text (GTK_EDITABLE (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                 "app_only_id_row")),
                         application_id);
  gtk_editable_set_text (GTK_EDITABLE (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                 "app_only_secret_row")),
                         secret);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
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

static GtkWidget *
open_account_popover (AttestWindow *window)
{
  GtkWidget *button = find_account_button_in (GTK_WIDGET (window));
  GtkWidget *menu_button = child_of (button, G_OBJECT_TYPE (button), "account_menu_button");
  GtkPopover *popover;

  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));
  attest_test_present_and_wait (GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));

  return GTK_WIDGET (popover);
}

static const char *
account_label (AttestWindow *window,
               const char   *name)
{
  GtkWidget *button = find_account_button_in (GTK_WIDGET (window));

  return gtk_label_get_text (GTK_LABEL (child_of (button, G_OBJECT_TYPE (button), name)));
}

static gboolean
account_child_visible (AttestWindow *window,
                       const char   *name)
{
  GtkWidget *button = find_account_button_in (GTK_WIDGET (window));

  return gtk_widget_get_visible (child_of (button, G_OBJECT_TYPE (button), name));
}

/* The dialog's AppOnly section: the tenant it is for, the Application ID
 * checked as typed, a refused secret explained inline with nothing kept,
 * then a secret that works kept in the keyring and shown by its ID only;
 * the account popover shows it beside the sign-in, and removes it after
 * asking. */
static void
test_dialog_app_only (void)
{
  AttestWindow *window = attest_window_new (application);
  AttestConnection *connection = attest_application_get_connection (application);
  AttestSession *session = attest_application_get_session (application);
  const char *client_id = attest_sandbox_get_app_client_id (sandbox);
  const char *secret = attest_sandbox_get_app_client_secret (sandbox);
  const char *domain = strrchr (attest_sandbox_get_user (sandbox), '@') + 1;
  g_autofree char *wrong_secret = g_strconcat (secret, "x", NULL);
  g_autofree char *stored = NULL;
  InView view = { NULL, NULL };
  AttestSignInDialog *dialog;
  AdwMessageDialog *confirm;
  GtkWidget *popover;
  GtkWidget *id_row;
  const char *message;

  attest_test_present_and_wait (GTK_WINDOW (window));
  g_assert_null (attest_connection_get_app_only_tokens (connection));
  dialog = open_dialog (window);
  fill_in (dialog, attest_sandbox_get_app_id (sandbox), attest_sandbox_get_user (sandbox));
  id_row = child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "app_only_id_row");

  /* Nobody signed in yet: the tenant is the user's domain. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child_of (dialog,
                                                ATTEST_TYPE_SIGN_IN_DIALOG,
                                                "app_only_tenant_row"))), ==, domain);
  g_assert_false (gtk_widget_get_visible (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                    "app_only_saved_row")));
  g_assert_false (can_save_app_credential (dialog));

  fill_in_app_only (dialog, "web-app", secret);
  g_assert_true (gtk_widget_has_css_class (id_row, "error"));
  g_assert_true (gtk_widget_get_visible (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                   "app_only_id_hint")));
  g_assert_false (can_save_app_credential (dialog));
  fill_in_app_only (dialog, client_id, "");
  g_assert_false (gtk_widget_has_css_class (id_row, "error"));
  g_assert_false (can_save_app_credential (dialog));

  /* A refused secret: explained in the section, nothing kept. */
  fill_in_app_only (dialog, client_id, wrong_secret);
  g_assert_true (can_save_app_credential (dialog));
  gtk_widget_activate (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "app_only_button"));
  g_assert_true (attest_test_wait_until (app_only_error_shown, dialog, 30000));
  message = gtk_label_get_text (GTK_LABEL (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                     "app_only_error_label")));
  g_assert_nonnull (strstr (message, "AADSTS7000215"));
  g_assert_nonnull (strstr (message, "App management"));
  g_assert_null (attest_connection_get_app_only_tokens (connection));
  stored = lookup_app_secret ();
  g_assert_null (stored);
  g_assert_true (can_save_app_credential (dialog));
  /* The form scrolls to the explanation, however small the screen. */
  view.dialog = dialog;
  view.child = "app_only_error_revealer";
  g_assert_true (attest_test_wait_until (in_view, &view, 5000));
  attest_test_save_screenshot (GTK_WIDGET (dialog), "sign-in-dialog-app-only-error");

  /* The right one: kept in the keyring, and the form lets go of it. */
  fill_in_app_only (dialog, client_id, secret);
  gtk_widget_activate (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "app_only_button"));
  g_assert_true (attest_test_wait_until (app_credential_present, connection, 30000));
  stored = lookup_app_secret ();
  g_assert_cmpstr (stored, ==, secret);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child_of (dialog,
                                                                  ATTEST_TYPE_SIGN_IN_DIALOG,
                                                                  "app_only_secret_row"))),
                   ==, "");
  g_assert_true (gtk_widget_get_visible (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                   "app_only_saved_row")));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child_of (dialog,
                                                ATTEST_TYPE_SIGN_IN_DIALOG,
                                                "app_only_saved_row"))), ==, client_id);
  g_assert_false (can_save_app_credential (dialog));
  view.child = "app_only_saved_row";
  g_assert_true (attest_test_wait_until (in_view, &view, 5000));
  attest_test_save_screenshot (GTK_WIDGET (dialog), "sign-in-dialog-app-only");
  close_dialog (dialog);

  /* The popover: nobody signed in, the AppOnly credential by its ID. */
  g_assert_cmpstr (account_state (window), ==, "signed-in");
  g_assert_false (account_child_visible (window, "user_box"));
  g_assert_true (account_child_visible (window, "user_sign_in_button"));
  g_assert_true (account_child_visible (window, "app_only_box"));
  g_assert_false (account_child_visible (window, "add_app_credential_button"));
  g_assert_cmpstr (account_label (window, "app_only_label"), ==, client_id);
  popover = open_account_popover (window);
  attest_test_save_screenshot (popover, "account-popover-app-only");
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* Signed in as well: both, one above the other. */
  dialog = open_dialog (window);
  gtk_widget_activate (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "browser_button"));
  g_assert_true (attest_test_wait_until (session_signed_in, session, 30000));
  g_assert_true (attest_test_wait_until (dialog_is_gone, NULL, 5000));
  g_assert_true (account_child_visible (window, "user_box"));
  g_assert_false (account_child_visible (window, "user_sign_in_button"));
  g_assert_true (account_child_visible (window, "app_only_box"));
  g_assert_cmpstr (attest_app_only_tokens_get_expected_tenant_id (
                     attest_connection_get_app_only_tokens (connection)), ==,
                   attest_sandbox_get_tenant_id (sandbox));
  popover = open_account_popover (window);
  attest_test_save_screenshot (popover, "account-popover-both");
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* Remove asks first; cancelling keeps it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-app-credential",
                                             NULL));
  confirm = find_message_dialog ();
  g_assert_nonnull (confirm);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (confirm), client_id));
  attest_test_present_and_wait (GTK_WINDOW (confirm));
  attest_test_save_screenshot (GTK_WIDGET (confirm), "remove-app-credential");
  respond (confirm, "cancel");
  g_assert_nonnull (attest_connection_get_app_only_tokens (connection));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-app-credential",
                                             NULL));
  confirm = find_message_dialog ();
  g_assert_nonnull (confirm);
  respond (confirm, "remove");
  g_assert_true (attest_test_wait_until (app_credential_gone, connection, 10000));
  g_assert_false (account_child_visible (window, "app_only_box"));
  g_assert_true (account_child_visible (window, "add_app_credential_button"));
  g_assert_true (attest_session_is_signed_in (session));

  attest_test_sign_out (session);
  g_assert_cmpstr (account_state (window), ==, "signed-out");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Opened to add the AppOnly credential (the account menu's Add AppOnly
 * Credential…, or a step that lacks it), the dialog is that section alone,
 * titled so, at its Application ID; opened to sign in, it has both. */
static void
test_dialog_add_app_only (void)
{
  AttestWindow *window = attest_window_new (application);
  AttestConnection *connection = attest_application_get_connection (application);
  AttestSession *session = attest_application_get_session (application);
  GtkWidget *account_button;
  AttestSignInDialog *dialog;
  AdwMessageDialog *confirm;
  GtkWidget *focus;
  GtkWidget *id_row;

  attest_test_present_and_wait (GTK_WINDOW (window));
  g_assert_null (attest_connection_get_app_only_tokens (connection));

  /* To sign in: the sign-in, and the AppOnly section below it. */
  dialog = open_dialog (window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Sign In");
  g_assert_true (gtk_widget_get_mapped (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                  "sign_in_section")));
  g_assert_true (gtk_widget_get_visible (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                   "app_only_group")));
  fill_in (dialog, attest_sandbox_get_app_id (sandbox), attest_sandbox_get_user (sandbox));
  gtk_widget_activate (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "browser_button"));
  g_assert_true (attest_test_wait_until (session_signed_in, session, 30000));
  g_assert_true (attest_test_wait_until (dialog_is_gone, NULL, 5000));

  /* The account menu's button asks for the AppOnly credential alone. */
  account_button = find_account_button_in (GTK_WIDGET (window));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (
                     child_of (account_button, G_OBJECT_TYPE (account_button),
                               "add_app_credential_button"))), ==, "win.add-app-credential");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-app-credential",
                                             NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  attest_test_present_and_wait (GTK_WINDOW (dialog));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Add AppOnly Credential");
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (
                     child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "header_title"))), ==,
                   "Add AppOnly Credential");
  g_assert_false (gtk_widget_get_visible (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                    "sign_in_section")));
  g_assert_false (gtk_widget_get_mapped (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                   "app_id_row")));
  g_assert_false (gtk_widget_get_mapped (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                   "browser_button")));
  id_row = child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "app_only_id_row");
  g_assert_true (gtk_widget_get_mapped (id_row));
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_true (focus != NULL && (focus == id_row || gtk_widget_is_ancestor (focus, id_row)));
  attest_test_save_screenshot (GTK_WIDGET (dialog), "sign-in-dialog-add-app-only");

  /* It is added as from the whole dialog, which stays to show it kept. */
  fill_in_app_only (dialog, attest_sandbox_get_app_client_id (sandbox),
                    attest_sandbox_get_app_client_secret (sandbox));
  gtk_widget_activate (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "app_only_button"));
  g_assert_true (attest_test_wait_until (app_credential_present, connection, 30000));
  g_assert_true (gtk_widget_get_mapped (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                  "app_only_saved_row")));
  g_assert_false (gtk_widget_get_visible (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG,
                                                    "sign_in_section")));
  close_dialog (dialog);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-app-credential",
                                             NULL));
  confirm = find_message_dialog ();
  g_assert_nonnull (confirm);
  respond (confirm, "remove");
  g_assert_true (attest_test_wait_until (app_credential_gone, connection, 10000));
  attest_test_sign_out (session);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A completion run of the sandbox's partner that stopped with one call
 * journaled and not answered. */
static void
write_interrupted_completion (void)
{
  const AttestSandboxCustomer *customer = attest_sandbox_get_customer (sandbox, 0);
  const AttestPartnerContact contact = { customer->customer_id, "Ada", "Lovelace",
                                         "ada@contoso.com", "" };
  g_autoptr(AttestMcaLedger) ledger = NULL;
  g_autoptr(AttestMcaRun) run = NULL;
  g_autoptr(AttestPartnerRequest) request = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_utc (2026, 3, 2, 0, 0, 0);
  g_autoptr(GError) error = NULL;

  ledger = attest_mca_ledger_open (NULL, attest_sandbox_get_tenant_id (sandbox), &error);
  g_assert_no_error (error);
  run = attest_mca_ledger_begin_run (ledger, ATTEST_MCA_RUN_COMPLETION, NULL, NULL, &error);
  g_assert_no_error (error);
  request = attest_mca_shapes_new_completion (customer->customer_id,
                                              "5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
                                              "117a69c1-ec52-4a5f-a2b3-c4d5e6f70819", today,
                                              &contact);
  g_assert_true (attest_mca_ledger_record_intent_sync (ledger, ATTEST_MCA_INTENT_COMPLETION,
                                                       attest_mca_run_get_id (run), &contact,
                                                       NULL, request, &error));
  g_assert_no_error (error);
}

static gboolean
message_dialog_shown (gpointer user_data)
{
  return find_message_dialog () != NULL;
}

/* The window offers to finish the run once it is signed in: without the
 * dialog (from the keyring, at start), and through it. */
static void
assert_offered (void)
{
  AdwMessageDialog *offer;

  g_assert_true (attest_test_wait_until (message_dialog_shown, NULL, 20000));
  offer = find_message_dialog ();
  g_assert_null (find_dialog ());
  g_assert_cmpstr (adw_message_dialog_get_heading (offer), ==,
                   "Finish the Interrupted Completion?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (offer),
                            "1 customer still waits for its agreement"));
  respond (offer, "later");
}

static void
test_sign_in_offers_interrupted_run (void)
{
  AttestSession *session = attest_application_get_session (application);
  AttestWindow *window = attest_window_new (application);
  AttestSignInDialog *dialog;
  g_autofree char *ledger_folder = attest_mca_ledger_dup_directory (
                                     attest_sandbox_get_tenant_id (sandbox));
  g_autoptr(GError) error = NULL;

  write_interrupted_completion ();
  attest_test_present_and_wait (GTK_WINDOW (window));

  /* Not signed in: nothing to offer yet. */
  g_assert_false (attest_session_is_signed_in (session));
  attest_window_offer_resume (window);
  g_assert_false (attest_window_is_working (window));
  g_assert_null (find_message_dialog ());

  attest_session_configure (session, attest_sandbox_get_app_id (sandbox),
                            attest_sandbox_get_user (sandbox), NULL);
  g_assert_true (attest_test_sign_in_with_browser (session, &error));
  g_assert_no_error (error);
  assert_offered ();
  attest_test_sign_out (session);

  dialog = open_dialog (window);
  fill_in (dialog, attest_sandbox_get_app_id (sandbox), attest_sandbox_get_user (sandbox));
  gtk_widget_activate (child_of (dialog, ATTEST_TYPE_SIGN_IN_DIALOG, "browser_button"));
  g_assert_true (attest_test_wait_until (session_signed_in, session, 30000));
  assert_offered ();

  attest_test_sign_out (session);
  gtk_window_destroy (GTK_WINDOW (window));
  attest_test_remove_tree (ledger_folder);
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
  g_test_add_func ("/sign-in-dialog/no-browser", test_dialog_no_browser);
  g_test_add_func ("/sign-in-dialog/cancel", test_dialog_cancel);
  g_test_add_func ("/sign-in-dialog/device-code", test_dialog_device_code);
  g_test_add_func ("/sign-in-dialog/app-only", test_dialog_app_only);
  g_test_add_func ("/sign-in-dialog/add-app-only", test_dialog_add_app_only);
  g_test_add_func ("/sign-in-dialog/offers-interrupted-run", test_sign_in_offers_interrupted_run);

  status = g_test_run ();
  g_clear_object (&application);
  g_clear_object (&sandbox);

  return status;
}
