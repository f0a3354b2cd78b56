/* attest-application.c: the AdwApplication, its options and app.* actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-application"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-application.h"
#include "attest-ui.h"
#include "attest-log.h"
#include "attest-preferences-window.h"
#include "attest-settings.h"
#include "attest-window.h"

struct _AttestApplication
{
  AdwApplication  parent_instance;

  GSettings        *settings;
  AttestConnection *connection;
  GCancellable     *cancellable;
  gboolean          sandbox_requested;
  gboolean          classic_requested;
};

G_DEFINE_FINAL_TYPE (AttestApplication, attest_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { "debug", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Write debug messages to the log file"), NULL },
  { "sandbox", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Work against a sandbox run inside Attest, signed in as its partner"), NULL },
  { "classic", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Let the sandbox serve the classic attestation, which Microsoft retired on 2026-01-05, "
       "instead of the current flow"), NULL },
  { NULL }
};

/* @commands_help lists the commands in --help, under the window's own
 * options; NULL when there are none. */
AttestApplication *
attest_application_new (GApplicationFlags  flags,
                        const char        *commands_help)
{
  AttestApplication *self = g_object_new (ATTEST_TYPE_APPLICATION,
                                          "application-id", APP_ID,
                                          "flags", flags | G_APPLICATION_HANDLES_OPEN,
                                          "resource-base-path", RESOURCE_BASE,
                                          NULL);

  if (commands_help != NULL)
    {
      g_application_set_option_context_parameter_string (G_APPLICATION (self),
                                                         _("[COMMAND … | FILE…]"));
      g_application_set_option_context_description (G_APPLICATION (self), commands_help);
    }

  return self;
}

GSettings *
attest_application_get_settings (AttestApplication *self)
{
  g_return_val_if_fail (ATTEST_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* Which Partner Center the windows work with, signed in how; NULL before
 * startup. */
AttestConnection *
attest_application_get_connection (AttestApplication *self)
{
  g_return_val_if_fail (ATTEST_IS_APPLICATION (self), NULL);

  return self->connection;
}

/* Who is signed in to Partner Center; NULL before startup. */
AttestSession *
attest_application_get_session (AttestApplication *self)
{
  g_return_val_if_fail (ATTEST_IS_APPLICATION (self), NULL);

  return self->connection != NULL ? attest_connection_get_session (self->connection) : NULL;
}

static void
on_app_credential_loaded (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!attest_connection_load_app_credential_finish (ATTEST_CONNECTION (object), result, &error))
    g_info ("No AppOnly credential at start: %s", error->message);
}

/* The AppOnly credential of the signed-in tenant, once the sign-in says
 * which tenant that is. */
static void
load_app_credential (AttestApplication *self)
{
  attest_connection_load_app_credential_async (self->connection, self->cancellable,
                                               on_app_credential_loaded, NULL);
}

static void
on_silent_sign_in (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AttestApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!attest_session_sign_in_finish (ATTEST_SESSION (object), result, &error))
    g_info ("Not signed in at start: %s", error->message);
  /* With the sandbox, Attest is its partner both ways. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !self->sandbox_requested)
    load_app_credential (self);
}

/* The address changed in the preferences, read again as at start: the
 * environment's ATTEST_API_BASE, when set, still wins over it. */
static void
on_api_base_changed (AttestApplication *self)
{
  g_autoptr(AttestConfig) config = attest_config_new_from_sources (self->settings, NULL);

  attest_connection_set_api_base (self->connection, config->api_base);
}

/* The connection of the saved settings and the environment, read as the
 * commands read them; signed in from the keyring when it holds a sign-in,
 * so that the window shows who is signed in at once. */
static void
start_connection (AttestApplication *self)
{
  g_autoptr(AttestConfig) config = attest_config_new_from_sources (self->settings, NULL);
  AttestSession *session;

  config->classic = self->classic_requested;

  self->connection = attest_connection_new (g_steal_pointer (&config));
  self->cancellable = g_cancellable_new ();

  /* Clients made after the address is changed in the preferences use it. */
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::api-base",
                             G_CALLBACK (on_api_base_changed), self, G_CONNECT_SWAPPED);

  session = attest_connection_get_session (self->connection);
  if (attest_session_check_settings (session, NULL))
    attest_session_sign_in_silently_async (session, self->cancellable, on_silent_sign_in,
                                           g_object_ref (self));
  else if (!self->sandbox_requested)
    load_app_credential (self);
}

static int
attest_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  AttestApplication *self = ATTEST_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  AttestLogLevel level = ATTEST_LOG_LEVEL_INFORMATION;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("attest %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (self->settings == NULL && !(self->settings = attest_settings_new (&error)))
    {
      g_printerr ("attest: %s\n", error->message);
      return 2;
    }

  if (g_variant_dict_contains (options, "debug")
      || g_settings_get_enum (self->settings, "log-level") == ATTEST_LOG_LEVEL_DEBUG)
    level = ATTEST_LOG_LEVEL_DEBUG;

  if (!attest_log_init (level, &error))
    g_printerr ("attest: %s\n", error->message);

  self->sandbox_requested = g_variant_dict_contains (options, "sandbox");
  self->classic_requested = g_variant_dict_contains (options, "classic");
  if (self->classic_requested && !self->sandbox_requested)
    {
      g_printerr ("attest: %s\n", _("--classic applies only to the sandbox: use it with "
                                     "--sandbox or with “attest sandbox”."));
      return 2;
    }

  return -1;
}

static void
attest_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  AttestApplication *self = ATTEST_APPLICATION (application);
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (attest_application_parent_class)->startup (application);

  if (self->settings == NULL && !(self->settings = attest_settings_new (&error)))
    g_warning ("%s", error->message);

  /* The name GTK gives the accessibility bus and the window manager. */
  g_set_prgname ("Attest");
  g_set_application_name (_("Attest"));
  gtk_window_set_default_icon_name (APP_ID);
  attest_ui_name_buttons_by_content ();

  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.preferences",
                                         preferences_accels);

  start_connection (self);

  if (self->sandbox_requested
      && !attest_connection_start_sandbox (self->connection, 250, &error))
    g_warning ("Cannot start the sandbox: %s", error->message);
}

static void
attest_application_shutdown (GApplication *application)
{
  AttestApplication *self = ATTEST_APPLICATION (application);

  g_cancellable_cancel (self->cancellable);

  G_APPLICATION_CLASS (attest_application_parent_class)->shutdown (application);
}

static void
attest_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    {
      window = GTK_WINDOW (attest_window_new (ATTEST_APPLICATION (application)));
      gtk_window_present (window);
      attest_window_offer_resume (ATTEST_WINDOW (window));
      return;
    }

  gtk_window_present (window);
}

/* A window that shows nothing yet, to open a file in rather than a new one. */
static AttestWindow *
find_empty_window (AttestApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (ATTEST_IS_WINDOW (l->data) && attest_window_is_empty (ATTEST_WINDOW (l->data)))
        return ATTEST_WINDOW (l->data);
    }

  return NULL;
}

/* `attest FILE…`, and "Open With" in Files: a window for each file. Each
 * file is read from the start, while its window is built and shown, and
 * the window takes over the load in flight. */
static void
attest_application_open (GApplication  *application,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  AttestApplication *self = ATTEST_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      g_autoptr(AttestFileLoad) load = attest_file_load_new (files[i]);
      AttestWindow *window = find_empty_window (self);

      if (window == NULL)
        window = attest_window_new (self);
      attest_window_open_load (window, load);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void close_next_window (AttestApplication *self);

static void
on_quit_answered (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AttestApplication) self = user_data;
  AttestWindow *window = ATTEST_WINDOW (object);

  /* Cancelled, or an export that failed, or asked already: Attest stays,
   * or waits for that answer. */
  if (!attest_window_ask_to_close_finish (window, result, NULL))
    return;

  gtk_window_destroy (GTK_WINDOW (window));
  close_next_window (self);
}

/* Closes the windows one by one, each asking first when it has edits not
 * exported, then quits. Those with edits go first, so that Cancel in any
 * of them leaves the others open too. */
static void
close_next_window (AttestApplication *self)
{
  AttestWindow *next = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (!ATTEST_IS_WINDOW (l->data))
        continue;

      if (attest_window_has_unsaved_changes (l->data))
        {
          next = l->data;
          gtk_window_present (GTK_WINDOW (next));
          break;
        }
      if (next == NULL)
        next = l->data;
    }

  if (next == NULL)
    {
      g_application_quit (G_APPLICATION (self));
      return;
    }

  attest_window_ask_to_close_async (next, TRUE, on_quit_answered, g_object_ref (self));
}

/* Ctrl+Q: as closing every window, then quitting; edits that were not
 * exported are asked about first. Pressed again while a window asks, it
 * shows that question. */
static void
attest_application_quit_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  close_next_window (ATTEST_APPLICATION (user_data));
}

static void
attest_application_about_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  static const char *developers[] = { "The Attest developers", NULL };
  GtkApplication *application = GTK_APPLICATION (user_data);

  adw_show_about_window (gtk_application_get_active_window (application),
                         "application-name", _("Attest"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Attest developers"),
                         "developers", developers,
                         "version", PACKAGE_VERSION,
                         "website", "https://github.com/attest/attest",
                         "issue-url", "https://github.com/attest/attest/issues",
                         "comments", _("Attest, in bulk, that your customers accepted the "
                                       "Microsoft Customer Agreement."),
                         "copyright", "© 2026 The Attest developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: put your names here, one per line. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
attest_application_preferences_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  AttestApplication *self = ATTEST_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AttestPreferencesWindow *preferences;

  if (self->settings == NULL)
    return;

  preferences = attest_preferences_window_new (parent, self->settings);
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "quit", attest_application_quit_action },
  { "preferences", attest_application_preferences_action },
  { "about", attest_application_about_action },
};

static void
attest_application_finalize (GObject *object)
{
  AttestApplication *self = ATTEST_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->connection);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (attest_application_parent_class)->finalize (object);
}

static void
attest_application_class_init (AttestApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = attest_application_finalize;

  app_class->handle_local_options = attest_application_handle_local_options;
  app_class->startup = attest_application_startup;
  app_class->shutdown = attest_application_shutdown;
  app_class->activate = attest_application_activate;
  app_class->open = attest_application_open;
}

static void
attest_application_init (AttestApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Attest, in bulk, that your customers accepted "
                                              "the Microsoft Customer Agreement.\n\n"
                                              "Without a command, Attest opens its window, "
                                              "with the CSV files given, if any."));

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
}
