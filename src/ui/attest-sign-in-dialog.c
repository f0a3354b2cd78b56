/* attest-sign-in-dialog.c: signing in to Partner Center from the window
 *
 * The application ID and the user principal name, checked as they are
 * typed; then the browser sign-in, or a device code to enter elsewhere.
 * What goes wrong is explained inline, with its fix, and the form stays
 * filled in for another try. The settings are saved once a sign-in works.
 *
 * Below, the AppOnly credential of Microsoft's current flow: the web
 * app's Application ID and client secret for the partner tenant shown,
 * kept in the keyring once a token was got with them. The secret is never
 * shown again, here or anywhere. Opened to add that credential, the dialog
 * shows it alone, titled so, once the partner tenant is known; before,
 * the sign-in that tells it stays above.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sign-in-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-auth-error.h"
#include "attest-oauth-response.h"
#include "attest-sign-in-dialog.h"

struct _AttestSignInDialog
{
  AdwWindow          parent_instance;

  AttestConnection  *connection;
  AttestSession     *session;
  GSettings         *settings;
  GCancellable      *cancellable;
  GCancellable      *app_only_cancellable;
  AttestDeviceCode  *device_code;

  AdwWindowTitle    *header_title;
  GtkStack          *stack;
  GtkScrolledWindow *form_scroller;
  GtkWidget         *sign_in_section;
  AdwEntryRow       *app_id_row;
  AdwEntryRow       *user_row;
  GtkLabel          *app_id_hint;
  GtkRevealer       *error_revealer;
  GtkButton         *browser_button;
  GtkButton         *device_code_button;
  GtkLabel          *error_label;
  GtkSpinner        *browser_spinner;
  GtkSpinner        *device_code_spinner;
  GtkLabel          *user_code_label;
  GtkLinkButton     *verification_link;
  GtkWidget         *app_only_group;
  AdwActionRow      *app_only_saved_row;
  AdwEntryRow       *app_only_id_row;
  AdwActionRow      *app_only_tenant_row;
  AdwEntryRow       *app_only_secret_row;
  GtkLabel          *app_only_id_hint;
  GtkRevealer       *app_only_error_revealer;
  GtkLabel          *app_only_error_label;
  GtkButton         *app_only_button;
  GtkSpinner        *app_only_spinner;

  /* What the form scrolls to once it is laid out (borrowed), or NULL. */
  GtkWidget         *scroll_from;
  GtkWidget         *scroll_to;

  /* Opened to add the AppOnly credential, not to sign in. */
  gboolean           app_only;
};

enum {
  SIGNED_IN,
  APP_CREDENTIAL_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AttestSignInDialog, attest_sign_in_dialog, ADW_TYPE_WINDOW)

static char *
dup_row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
user_is_plausible (const char *user)
{
  const char *at = strrchr (user, '@');

  return at != NULL && at != user && at[1] != '\0';
}

static gboolean
is_busy (AttestSignInDialog *self)
{
  return self->cancellable != NULL;
}

/* The live check of the fields: a wrong application ID is marked as soon
 * as it is typed, and signing in is possible only with both fields right. */
static void
update_form (AttestSignInDialog *self)
{
  g_autofree char *app_id = dup_row_text (self->app_id_row);
  g_autofree char *user = dup_row_text (self->user_row);
  gboolean app_id_valid = attest_auth_app_id_is_valid (app_id);
  gboolean app_id_wrong = app_id[0] != '\0' && !app_id_valid;
  gboolean ready = app_id_valid && user_is_plausible (user) && !is_busy (self);

  if (app_id_wrong)
    gtk_widget_add_css_class (GTK_WIDGET (self->app_id_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->app_id_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->app_id_hint), app_id_wrong);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.browser", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.device-code", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.cancel", is_busy (self));
}

static char *
dup_settings_tenant (AttestSignInDialog *self)
{
  return self->settings != NULL ? g_settings_get_string (self->settings, "tenant") : NULL;
}

/* While nobody is signed in, the form says who will be: the AppOnly
 * section's tenant follows the user principal name as it is typed. */
static void
follow_form (AttestSignInDialog *self)
{
  g_autofree char *app_id = NULL;
  g_autofree char *user = NULL;
  g_autofree char *tenant = NULL;

  if (attest_session_is_signed_in (self->session) || is_busy (self))
    return;

  app_id = dup_row_text (self->app_id_row);
  user = dup_row_text (self->user_row);
  tenant = dup_settings_tenant (self);
  attest_session_configure (self->session, app_id, user, tenant);
}

static void update_app_only_section (AttestSignInDialog *self);

static void
on_row_changed (AttestSignInDialog *self)
{
  update_form (self);
  follow_form (self);
  update_app_only_section (self);
}

static void
on_row_activated (AttestSignInDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.browser", NULL);
}

static void
show_form (AttestSignInDialog *self)
{
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->device_code, attest_device_code_free);
  gtk_spinner_stop (self->browser_spinner);
  gtk_spinner_stop (self->device_code_spinner);
  gtk_stack_set_visible_child_name (self->stack, "form");
  update_form (self);
}

/* Which way of signing in the dialog suggests: the browser, or the device
 * code when this computer has no browser to open. */
static void
suggest_device_code (AttestSignInDialog *self,
                     gboolean            device_code)
{
  GtkWidget *suggested = GTK_WIDGET (device_code ? self->device_code_button
                                                 : self->browser_button);
  GtkWidget *other = GTK_WIDGET (device_code ? self->browser_button
                                             : self->device_code_button);

  gtk_widget_remove_css_class (suggested, "flat");
  gtk_widget_add_css_class (suggested, "suggested-action");
  gtk_widget_remove_css_class (other, "suggested-action");
  gtk_widget_add_css_class (other, "flat");
}

static void
show_error (AttestSignInDialog *self,
            const GError       *error)
{
  gboolean no_browser = g_error_matches (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_BROWSER);

  /* The auth layer's words name the BROWSER variable, for a terminal; the
   * window offers the other way instead. */
  if (no_browser)
    gtk_label_set_text (self->error_label,
                        _("No web browser could be opened on this computer. Sign in with a "
                          "device code instead: Attest shows a code to enter in a web browser "
                          "on any device, such as your phone."));
  else
    gtk_label_set_text (self->error_label, error->message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  suggest_device_code (self, no_browser);
  gtk_widget_grab_focus (GTK_WIDGET (no_browser ? self->device_code_button
                                                : self->browser_button));
}

/* Starts a sign-in: the settings of the form go to the session. */
static void
begin (AttestSignInDialog *self,
       const char         *page)
{
  g_autofree char *app_id = dup_row_text (self->app_id_row);
  g_autofree char *user = dup_row_text (self->user_row);
  g_autofree char *tenant = dup_settings_tenant (self);

  attest_session_configure (self->session, app_id, user, tenant);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, page);
  update_form (self);
}

static void
finish (AttestSignInDialog *self,
        GAsyncResult       *result)
{
  g_autoptr(GError) error = NULL;

  if (!attest_session_sign_in_finish (self->session, result, &error))
    {
      show_form (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "app-id", attest_session_get_app_id (self->session));
      g_settings_set_string (self->settings, "user",
                             attest_session_get_configured_user (self->session));
      g_settings_set_string (self->settings, "tenant",
                             attest_session_get_configured_tenant (self->session));
    }

  g_clear_object (&self->cancellable);
  g_signal_emit (self, signals[SIGNED_IN], 0);
  gtk_window_close (GTK_WINDOW (self));
}

/* Whether the dialog was closed while an operation was under way. */
static gboolean
is_closed (AttestSignInDialog *self)
{
  return self->stack == NULL;
}

static void
on_signed_in (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AttestSignInDialog) self = user_data;

  if (is_closed (self))
    {
      attest_session_sign_in_finish (self->session, result, NULL);
      return;
    }

  finish (self, result);
}

static void
sign_in_with_browser (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AttestSignInDialog *self = ATTEST_SIGN_IN_DIALOG (widget);

  begin (self, "browser");
  gtk_spinner_start (self->browser_spinner);
  attest_session_sign_in_with_browser_async (self->session, self->cancellable, on_signed_in,
                                             g_object_ref (self));
}

static void
on_device_code (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(AttestSignInDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  AttestDeviceCode *code;

  code = attest_session_request_device_code_finish (self->session, result, &error);
  if (is_closed (self))
    {
      g_clear_pointer (&code, attest_device_code_free);
      return;
    }

  if (code == NULL)
    {
      show_form (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  self->device_code = code;
  gtk_label_set_text (self->user_code_label, code->user_code);
  gtk_button_set_label (GTK_BUTTON (self->verification_link), code->verification_uri);
  gtk_link_button_set_uri (self->verification_link, code->verification_uri);
  gtk_widget_set_visible (GTK_WIDGET (self->verification_link), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.copy-code", TRUE);

  attest_session_sign_in_with_device_code_async (self->session, code, self->cancellable,
                                                 on_signed_in, g_object_ref (self));
}

static void
sign_in_with_device_code (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  AttestSignInDialog *self = ATTEST_SIGN_IN_DIALOG (widget);

  /* The code page, waiting for its code. */
  gtk_label_set_text (self->user_code_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->verification_link), FALSE);
  gtk_widget_action_set_enabled (widget, "sign-in.copy-code", FALSE);
  begin (self, "device-code");
  gtk_spinner_start (self->device_code_spinner);
  attest_session_request_device_code_async (self->session, self->cancellable, on_device_code,
                                            g_object_ref (self));
}

static void
cancel (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  AttestSignInDialog *self = ATTEST_SIGN_IN_DIALOG (widget);

  /* The operation reports the cancellation and brings the form back. */
  g_cancellable_cancel (self->cancellable);
}

static void
copy_code (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  AttestSignInDialog *self = ATTEST_SIGN_IN_DIALOG (widget);

  if (self->device_code == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->device_code->user_code);
}

static gboolean
app_only_is_busy (AttestSignInDialog *self)
{
  return self->app_only_cancellable != NULL;
}

/* The AppOnly section: the credential kept, the tenant a new one is for,
 * the live check of the Application ID, and whether it can be saved. */
static void
update_app_only_section (AttestSignInDialog *self)
{
  AttestAppOnlyTokens *tokens;
  g_autofree char *tenant = NULL;
  g_autofree char *app_id = NULL;
  const char *secret;
  gboolean id_valid;
  gboolean id_wrong;
  gboolean with_sign_in;

  if (is_closed (self))
    return;

  tokens = attest_connection_get_app_only_tokens (self->connection);
  tenant = attest_connection_dup_app_tenant (self->connection);
  app_id = dup_row_text (self->app_only_id_row);
  secret = gtk_editable_get_text (GTK_EDITABLE (self->app_only_secret_row));
  id_valid = attest_auth_app_id_is_valid (app_id);
  id_wrong = app_id[0] != '\0' && !id_valid;

  gtk_widget_set_visible (GTK_WIDGET (self->app_only_saved_row), tokens != NULL);
  if (tokens != NULL)
    adw_action_row_set_subtitle (self->app_only_saved_row,
                                 attest_app_only_tokens_get_application_id (tokens));
  adw_action_row_set_subtitle (self->app_only_tenant_row,
                               tenant != NULL ? tenant : _("Not known yet: sign in first"));

  if (id_wrong)
    gtk_widget_add_css_class (GTK_WIDGET (self->app_only_id_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->app_only_id_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->app_only_id_hint), id_wrong);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.add-app-credential",
                                 id_valid && secret[0] != '\0' && tenant != NULL
                                 && !app_only_is_busy (self));

  /* Opened for the AppOnly credential, its section alone, once the tenant
   * it is for is known: the sign-in above tells it until then. */
  with_sign_in = !self->app_only || tenant == NULL;
  gtk_widget_set_visible (self->sign_in_section, with_sign_in);
  gtk_widget_set_margin_top (self->app_only_group, with_sign_in ? 12 : 0);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->app_only_group),
                                   with_sign_in ? _("AppOnly Credential") : "");
}

static void
on_app_only_row_changed (AttestSignInDialog *self)
{
  update_app_only_section (self);
}

static void
on_app_only_row_activated (AttestSignInDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.add-app-credential", NULL);
}

/* Scrolls the form to show @from to @to once the frame has laid out what
 * just appeared there. */
static gboolean
scroll_form (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       user_data)
{
  AttestSignInDialog *self = ATTEST_SIGN_IN_DIALOG (widget);
  GtkWidget *content = gtk_scrolled_window_get_child (self->form_scroller);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->form_scroller);
  graphene_rect_t from;
  graphene_rect_t to;
  double bottom;

  if (is_closed (self))
    return G_SOURCE_REMOVE;

  if (!gtk_widget_compute_bounds (self->scroll_from, content, &from)
      || !gtk_widget_compute_bounds (self->scroll_to, content, &to))
    return G_SOURCE_CONTINUE;

  /* Not laid out yet: what appeared has no size, or the form is not as
   * long as what it now holds. */
  bottom = to.origin.y + to.size.height;
  if (from.size.height == 0 || to.size.height == 0
      || bottom > gtk_adjustment_get_upper (adjustment))
    return G_SOURCE_CONTINUE;

  gtk_adjustment_clamp_page (adjustment, from.origin.y, bottom);
  self->scroll_from = self->scroll_to = NULL;

  return G_SOURCE_REMOVE;
}

static void
scroll_form_to (AttestSignInDialog *self,
                GtkWidget          *from,
                GtkWidget          *to)
{
  if (self->scroll_to == NULL)
    gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_form, NULL, NULL);
  self->scroll_from = from;
  self->scroll_to = to;
}

static void
set_app_only_busy (AttestSignInDialog *self,
                   gboolean            busy)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* A field made insensitive with the focus in it would keep its cursor
   * blinking: the focus leaves it first. */
  if (busy && focus != NULL
      && (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->app_only_id_row))
          || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->app_only_secret_row))))
    gtk_root_set_focus (GTK_ROOT (self), NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->app_only_spinner), busy);
  gtk_spinner_set_spinning (self->app_only_spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->app_only_id_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->app_only_secret_row), !busy);
}

static void
on_app_credential_added (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(AttestSignInDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean added;

  added = attest_connection_add_app_credential_finish (ATTEST_CONNECTION (object), result,
                                                       &error);
  if (is_closed (self))
    return;

  g_clear_object (&self->app_only_cancellable);
  set_app_only_busy (self, FALSE);

  if (!added)
    {
      update_app_only_section (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_text (self->app_only_error_label, error->message);
          gtk_revealer_set_reveal_child (self->app_only_error_revealer, TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (self->app_only_button));
          scroll_form_to (self, GTK_WIDGET (self->app_only_error_revealer),
                          GTK_WIDGET (self->app_only_button));
        }
      return;
    }

  /* Kept in the keyring: the form lets go of the secret. */
  gtk_editable_set_text (GTK_EDITABLE (self->app_only_secret_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->app_only_id_row), "");
  update_app_only_section (self);
  scroll_form_to (self, self->app_only_group, GTK_WIDGET (self->app_only_saved_row));
  g_signal_emit (self, signals[APP_CREDENTIAL_ADDED], 0);
}

/* "Validate and Save": a token is got with the credential before the
 * keyring keeps it. */
static void
add_app_credential (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  AttestSignInDialog *self = ATTEST_SIGN_IN_DIALOG (widget);
  g_autofree char *app_id = dup_row_text (self->app_only_id_row);
  char *secret = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->app_only_secret_row)));

  gtk_revealer_set_reveal_child (self->app_only_error_revealer, FALSE);
  self->app_only_cancellable = g_cancellable_new ();
  set_app_only_busy (self, TRUE);
  update_app_only_section (self);

  attest_connection_add_app_credential_async (self->connection, app_id, secret,
                                              self->app_only_cancellable,
                                              on_app_credential_added, g_object_ref (self));
  attest_secret_free (secret);
}

/* A dialog for signing in to @connection's Partner Center and adding its
 * AppOnly credential; @settings keep what a sign-in that worked used. */
AttestSignInDialog *
attest_sign_in_dialog_new (GtkWindow        *parent,
                           AttestConnection *connection,
                           GSettings        *settings)
{
  AttestSignInDialog *self;
  g_autofree char *app_id = NULL;
  g_autofree char *user = NULL;

  g_return_val_if_fail (ATTEST_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ATTEST_TYPE_SIGN_IN_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->connection = g_object_ref (connection);
  self->session = g_object_ref (attest_connection_get_session (connection));
  g_set_object (&self->settings, settings);

  /* Copies: filling the form in configures the session anew. */
  app_id = g_strdup (attest_session_get_app_id (self->session));
  user = g_strdup (attest_session_get_configured_user (self->session));
  gtk_editable_set_text (GTK_EDITABLE (self->app_id_row), app_id != NULL ? app_id : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user != NULL ? user : "");
  update_form (self);

  g_signal_connect_object (self->session, "notify::tenant-id",
                           G_CALLBACK (update_app_only_section), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (connection, "notify::app-only-tokens",
                           G_CALLBACK (update_app_only_section), self, G_CONNECT_SWAPPED);
  update_app_only_section (self);

  return self;
}

/* The AppOnly section in view, at its Application ID, once on screen. */
static void
focus_app_only (AttestSignInDialog *self)
{
  g_signal_handlers_disconnect_by_func (self, focus_app_only, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->app_only_id_row));
  scroll_form_to (self, self->app_only_group, self->app_only_group);
}

/* Makes the dialog one to add the AppOnly credential, for a step that
 * asked for it or the account menu: titled so, its section alone (the
 * App+User sign-in too while the partner tenant is not known), its
 * Application ID to type. Best called before the dialog is presented, so
 * that it opens at the section's size. */
void
attest_sign_in_dialog_show_app_only (AttestSignInDialog *self)
{
  g_return_if_fail (ATTEST_IS_SIGN_IN_DIALOG (self));

  self->app_only = TRUE;
  gtk_window_set_title (GTK_WINDOW (self), _("Add AppOnly Credential"));
  adw_window_title_set_title (self->header_title, _("Add AppOnly Credential"));
  /* The dialog is as tall as its form, not as the sign-in's other pages;
   * saving is what it is for. */
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->app_only_button), "suggested-action");
  update_app_only_section (self);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    focus_app_only (self);
  else
    g_signal_connect (self, "map", G_CALLBACK (focus_app_only), NULL);
}

/* Whether the AppOnly credential's section is where the form is scrolled
 * to, all of it in view. */
gboolean
attest_sign_in_dialog_shows_app_only (AttestSignInDialog *self)
{
  GtkWidget *content;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double top;

  g_return_val_if_fail (ATTEST_IS_SIGN_IN_DIALOG (self), FALSE);

  content = gtk_scrolled_window_get_child (self->form_scroller);
  adjustment = gtk_scrolled_window_get_vadjustment (self->form_scroller);
  if (!gtk_widget_compute_bounds (self->app_only_group, content, &bounds))
    return FALSE;

  top = gtk_adjustment_get_value (adjustment);
  return bounds.origin.y >= top
         && bounds.origin.y + bounds.size.height <= top + gtk_adjustment_get_page_size (adjustment);
}

static void
attest_sign_in_dialog_dispose (GObject *object)
{
  AttestSignInDialog *self = ATTEST_SIGN_IN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->app_only_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_SIGN_IN_DIALOG);

  G_OBJECT_CLASS (attest_sign_in_dialog_parent_class)->dispose (object);
}

static void
attest_sign_in_dialog_finalize (GObject *object)
{
  AttestSignInDialog *self = ATTEST_SIGN_IN_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->app_only_cancellable);
  g_clear_pointer (&self->device_code, attest_device_code_free);
  g_clear_object (&self->session);
  g_clear_object (&self->connection);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (attest_sign_in_dialog_parent_class)->finalize (object);
}

/* libadwaita 1.2 makes the button that shows a password row's text of an
 * image in the role of a button, with no name a screen reader could say:
 * it gets one. */
static void
name_peek_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (child))
          == GTK_ACCESSIBLE_ROLE_BUTTON)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Show the Client Secret"), -1);
      else
        name_peek_button (child);
    }
}

static void
attest_sign_in_dialog_class_init (AttestSignInDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_sign_in_dialog_dispose;
  object_class->finalize = attest_sign_in_dialog_finalize;

  /* Emitted when the sign-in worked, just before the dialog closes. */
  signals[SIGNED_IN] = g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* Emitted when the AppOnly credential was checked and kept. */
  signals[APP_CREDENTIAL_ADDED] = g_signal_new ("app-credential-added",
                                                G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/attest-sign-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, header_title);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, sign_in_section);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, app_id_row);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, app_id_hint);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, browser_button);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, device_code_button);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, browser_spinner);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, device_code_spinner);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, user_code_label);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, verification_link);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, form_scroller);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, app_only_group);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, app_only_saved_row);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, app_only_id_row);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, app_only_tenant_row);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, app_only_secret_row);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, app_only_id_hint);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog,
                                        app_only_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, app_only_error_label);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, app_only_button);
  gtk_widget_class_bind_template_child (widget_class, AttestSignInDialog, app_only_spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_app_only_row_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_app_only_row_activated);

  gtk_widget_class_install_action (widget_class, "sign-in.browser", NULL, sign_in_with_browser);
  gtk_widget_class_install_action (widget_class, "sign-in.device-code", NULL,
                                   sign_in_with_device_code);
  gtk_widget_class_install_action (widget_class, "sign-in.cancel", NULL, cancel);
  gtk_widget_class_install_action (widget_class, "sign-in.copy-code", NULL, copy_code);
  gtk_widget_class_install_action (widget_class, "sign-in.add-app-credential", NULL,
                                   add_app_credential);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
attest_sign_in_dialog_init (AttestSignInDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  name_peek_button (GTK_WIDGET (self->app_only_secret_row));
}
