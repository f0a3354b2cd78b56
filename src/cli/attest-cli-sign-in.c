/* attest-cli-sign-in.c: `attest sign-in`, `attest sign-out`, `attest whoami`
 *
 * Both credentials: the App+User sign-in, in the browser or with a device
 * code, and with --app-only the AppOnly credential of SPEC §13, the web
 * app whose client secret is read as one line from stdin (never from the
 * command line or the settings), without echo on a terminal, and kept in
 * the keyring once a token was got with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-cli-sign-in"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "attest-auth-error.h"
#include "attest-cli-private.h"
#include "attest-oauth-response.h"
#include "attest-session.h"

/* Longer than any client secret Entra ID makes (40 characters). */
#define MAX_SECRET_LENGTH 1024

static gboolean
on_interrupt (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_CONTINUE;
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* Runs the main loop until an operation that reports to on_done() is over;
 * Ctrl+C cancels it. Returns its result (owned by the caller). */
static GAsyncResult *
wait_for_result (GAsyncResult **slot,
                 GCancellable  *cancellable)
{
  guint interrupt_id = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  guint terminate_id = g_unix_signal_add (SIGTERM, on_interrupt, cancellable);

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (interrupt_id);
  g_source_remove (terminate_id);

  return *slot;
}

int
attest_cli_exit_code_for_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return ATTEST_EXIT_INTERRUPTED;

  if (g_error_matches (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_SETTINGS))
    return ATTEST_EXIT_USAGE;

  return ATTEST_EXIT_SIGN_IN;
}

static int
report_failure (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    attest_cli_printerr ("%s", _("Sign-in cancelled."));
  else
    attest_cli_printerr ("%s", error->message);

  return attest_cli_exit_code_for_error (error);
}

static gboolean
sign_in_with_browser (AttestSession  *session,
                      GCancellable   *cancellable,
                      GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  attest_cli_printerr ("%s", _("Sign in to Partner Center in your web browser. Attest waits up "
                               "to 5 minutes; press Ctrl+C to stop."));
  attest_session_sign_in_with_browser_async (session, cancellable, on_done, &result);

  return attest_session_sign_in_finish (session, wait_for_result (&result, cancellable), error);
}

static gboolean
sign_in_with_device_code (AttestSession  *session,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_autoptr(GAsyncResult) requested = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AttestDeviceCode) code = NULL;

  attest_session_request_device_code_async (session, cancellable, on_done, &requested);
  code = attest_session_request_device_code_finish (session,
                                                    wait_for_result (&requested, cancellable),
                                                    error);
  if (code == NULL)
    return FALSE;

  attest_cli_printerr (_("To sign in, open %s in a web browser on any device and enter the "
                         "code %s."),
                       code->verification_uri, code->user_code);
  attest_session_sign_in_with_device_code_async (session, code, cancellable, on_done, &result);

  return attest_session_sign_in_finish (session, wait_for_result (&result, cancellable), error);
}

static gboolean
sign_in_silently (AttestSession  *session,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  attest_session_sign_in_silently_async (session, cancellable, on_done, &result);

  return attest_session_sign_in_finish (session, wait_for_result (&result, cancellable), error);
}

/* Whether the App+User sign-in is set up: an application ID and a user
 * from the options, the environment or the settings. Else an error that
 * says with which option or variable to give what is missing (the
 * session's own words are the window's, whose dialog has the fields):
 * nobody can be signed in without them (exit code 3), and one that is
 * not a GUID is a wrong value (2). */
static gboolean
check_set_up (AttestCliGlobals  *globals,
              GError           **error)
{
  AttestSession *session = attest_connection_get_session (globals->connection);
  const AttestConfig *config = globals->config;
  g_autoptr(GError) local_error = NULL;

  if (attest_session_check_settings (session, &local_error))
    return TRUE;

  if (config->app_id == NULL || config->app_id[0] == '\0')
    g_set_error_literal (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_NOT_SIGNED_IN,
                         _("Nobody can sign in yet: no application ID is set. Give the "
                           "application (client) ID of your app registration in Microsoft "
                           "Entra ID with --app-id GUID, or in the ATTEST_APP_ID variable."));
  else if (!attest_auth_app_id_is_valid (config->app_id))
    g_set_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_SETTINGS,
                 _("The application ID “%s” is not a GUID. Give the application (client) ID of "
                   "your app registration in Microsoft Entra ID with --app-id GUID, or in the "
                   "ATTEST_APP_ID variable."),
                 config->app_id);
  else if (config->user == NULL || config->user[0] == '\0')
    g_set_error_literal (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_NOT_SIGNED_IN,
                         _("Nobody can sign in yet: no user is set. Give the user principal "
                           "name of the partner admin who signs in, such as "
                           "admin@contoso.onmicrosoft.com, with --user UPN, or in the "
                           "ATTEST_USER variable."));
  else
    g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}

static gboolean
on_a_terminal (void)
{
  return isatty (STDIN_FILENO) && isatty (STDERR_FILENO);
}

/* Signs @session in for a command that needs Partner Center: silently with
 * the stored sign-in, else, when a person sits at a terminal, in the
 * browser. Without a terminal (CI, a pipe), it says what to do instead. */
gboolean
attest_cli_sign_in_session (AttestCliGlobals  *globals,
                            GError           **error)
{
  AttestSession *session = attest_connection_get_session (globals->connection);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) silent_error = NULL;

  if (!check_set_up (globals, error))
    return FALSE;

  if (sign_in_silently (session, cancellable, &silent_error))
    return TRUE;

  if (!g_error_matches (silent_error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_NOT_SIGNED_IN)
      && !g_error_matches (silent_error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_GRANT))
    {
      g_propagate_error (error, g_steal_pointer (&silent_error));
      return FALSE;
    }

  if (!on_a_terminal ())
    {
      g_set_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_NOT_SIGNED_IN,
                   _("%s is not signed in to Partner Center, and without a terminal Attest "
                     "cannot ask them to sign in. Run “attest sign-in” on a terminal first, or "
                     "set ATTEST_ACCESS_TOKEN."),
                   attest_session_get_configured_user (session));
      return FALSE;
    }

  return sign_in_with_browser (session, cancellable, error);
}

static gboolean
expect_no_arguments (const char  *command,
                     int          argc,
                     char       **argv)
{
  if (argc <= 1)
    return TRUE;

  attest_cli_printerr (_("“%s” takes no file or word, but got “%s”."), command, argv[1]);
  return FALSE;
}

static gboolean use_device_code;
static gboolean app_only;
static char *application_id;

const GOptionEntry attest_cli_sign_in_entries[] = {
  { "device-code", 0, 0, G_OPTION_ARG_NONE, &use_device_code,
    N_("Sign in by entering a code on another device instead of in this computer’s browser"),
    NULL },
  { "app-only", 0, 0, G_OPTION_ARG_NONE, &app_only,
    N_("Add the AppOnly credential: the web app of --application-id, its client secret read "
       "from the standard input"),
    NULL },
  { "application-id", 0, 0, G_OPTION_ARG_STRING, &application_id,
    N_("The Application ID of the web app in Partner Center’s App management"), N_("GUID") },
  { NULL }
};

const GOptionEntry attest_cli_sign_out_entries[] = {
  { "app-only", 0, 0, G_OPTION_ARG_NONE, &app_only,
    N_("Remove the AppOnly credential instead of the sign-in"), NULL },
  { NULL }
};

static void
print_account (AttestSession *session)
{
  gint64 expires_at = attest_session_get_expires_at (session);
  g_autoptr(GDateTime) expires = g_date_time_new_from_unix_utc (expires_at);
  g_autofree char *expires_text = g_date_time_format_iso8601 (expires);
  const char *tenant_id = attest_session_get_tenant_id (session);

  g_print ("user: %s\n", attest_session_get_user (session));
  g_print ("tenant: %s\n", tenant_id != NULL ? tenant_id : "");
  g_print ("expires: %s\n", expires_text);
}

static volatile sig_atomic_t secret_interrupted;

static void
on_secret_interrupt (int signal_number)
{
  secret_interrupted = 1;
}

typedef struct
{
  struct termios   terminal;
  struct sigaction interrupt;
  struct sigaction terminate;
} TerminalState;

/* While a person types the secret: no echo, and Ctrl+C ends the reading
 * (so that the echo comes back) rather than the program. */
static void
quiet_terminal (TerminalState *saved)
{
  struct termios quiet;
  struct sigaction stop = { 0 };

  tcgetattr (STDIN_FILENO, &saved->terminal);
  quiet = saved->terminal;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);

  stop.sa_handler = on_secret_interrupt;
  sigemptyset (&stop.sa_mask);
  sigaction (SIGINT, &stop, &saved->interrupt);
  sigaction (SIGTERM, &stop, &saved->terminate);
}

static void
restore_terminal (const TerminalState *saved)
{
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved->terminal);
  sigaction (SIGINT, &saved->interrupt, NULL);
  sigaction (SIGTERM, &saved->terminate, NULL);
  g_printerr ("\n");
}

/* The client secret: one line of the standard input, without its line
 * end and the blanks around it, and without echo on a terminal. Free it
 * with attest_secret_free(). */
static char *
read_secret (GError **error)
{
  char buffer[MAX_SECRET_LENGTH + 1];
  gboolean on_terminal = isatty (STDIN_FILENO);
  TerminalState saved;
  gsize length = 0;
  gboolean too_long = FALSE;
  int read_errno = 0;
  char *secret;

  if (on_terminal)
    {
      g_printerr ("%s", _("Client secret of the web app (not shown): "));
      quiet_terminal (&saved);
    }

  secret_interrupted = 0;
  while (!secret_interrupted)
    {
      char c;
      ssize_t n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        read_errno = errno;
      if (n <= 0 || c == '\n')
        break;
      if (length < MAX_SECRET_LENGTH)
        buffer[length++] = c;
      else
        too_long = TRUE;
    }
  buffer[length] = '\0';

  if (on_terminal)
    restore_terminal (&saved);

  secret = g_strstrip (g_strdup (buffer));
  explicit_bzero (buffer, sizeof buffer);

  if (secret_interrupted || read_errno != 0 || too_long)
    {
      attest_secret_free (secret);
      if (secret_interrupted)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Interrupted");
      else if (read_errno != 0)
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (read_errno),
                     _("The client secret could not be read from the standard input: %s"),
                     g_strerror (read_errno));
      else
        g_set_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_SETTINGS,
                     _("The client secret is longer than %'d characters. Give the secret alone, "
                       "on one line."),
                     MAX_SECRET_LENGTH);
      return NULL;
    }

  return secret;
}

/* The AppOnly credential the keyring keeps for this connection, now
 * loaded into it; NULL when there is none or the keyring cannot be
 * asked. */
static AttestAppOnlyTokens *
load_app_credential (AttestConnection  *connection,
                     GCancellable      *cancellable,
                     GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  attest_connection_load_app_credential_async (connection, cancellable, on_done, &result);
  if (!attest_connection_load_app_credential_finish (connection,
                                                     wait_for_result (&result, cancellable),
                                                     error))
    return NULL;

  return attest_connection_get_app_only_tokens (connection);
}

/* For the commands that call Partner Center: the AppOnly credential, when
 * there is one, goes with the sign-in. Without a keyring, the command
 * goes on with what it has. */
void
attest_cli_load_app_credential (AttestConnection *connection)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  if (load_app_credential (connection, cancellable, &error) == NULL && error != NULL
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    attest_cli_printerr (_("The keyring could not be reached (%s): Attest goes on without the "
                           "AppOnly credential."),
                         error->message);
}

/* `attest sign-in --app-only --application-id GUID`: the secret from the
 * standard input, checked by getting a token, then kept in the keyring.
 * A refused secret is reported (exit code 3), and nothing is kept. */
static int
sign_in_app_only (AttestCliGlobals *globals,
                  GCancellable     *cancellable)
{
  AttestConnection *connection = globals->connection;
  AttestSession *session = attest_connection_get_session (connection);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) silent_error = NULL;
  AttestAppOnlyTokens *tokens;
  gboolean added;
  char *secret;

  if (use_device_code)
    {
      attest_cli_printerr ("%s", _("--device-code signs a person in: it does not go with "
                                   "--app-only."));
      return ATTEST_EXIT_USAGE;
    }

  if (application_id == NULL)
    {
      attest_cli_printerr ("%s", _("Name the web app with --application-id GUID: its "
                                   "Application ID in Partner Center’s Account settings › App "
                                   "management."));
      return ATTEST_EXIT_USAGE;
    }

  if (!attest_auth_app_id_is_valid (g_strstrip (application_id)))
    {
      attest_cli_printerr (_("The Application ID “%s” given with --application-id is not a "
                             "GUID, such as 00000000-0000-0000-0000-000000000000."),
                           application_id);
      return ATTEST_EXIT_USAGE;
    }

  secret = read_secret (&error);
  if (secret == NULL)
    return report_failure (error);

  /* The signed-in partner tenant, if any, is the credential's, and its
   * tokens must name it. */
  if (attest_session_check_settings (session, NULL)
      && !sign_in_silently (session, cancellable, &silent_error))
    g_debug ("Adding the AppOnly credential without a sign-in: %s", silent_error->message);

  attest_connection_add_app_credential_async (connection, application_id, secret, cancellable,
                                              on_done, &result);
  added = attest_connection_add_app_credential_finish (connection,
                                                       wait_for_result (&result, cancellable),
                                                       &error);
  attest_secret_free (secret);
  if (!added)
    return report_failure (error);

  tokens = attest_connection_get_app_only_tokens (connection);
  g_print ("app-only: %s\n", attest_app_only_tokens_get_application_id (tokens));

  return ATTEST_EXIT_OK;
}

/* `attest sign-out --app-only`. */
static int
sign_out_app_only (AttestCliGlobals *globals,
                   GCancellable     *cancellable)
{
  AttestConnection *connection = globals->connection;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *removed_id = NULL;
  g_autofree char *message = NULL;
  AttestAppOnlyTokens *tokens;

  tokens = load_app_credential (connection, cancellable, &error);
  if (error != NULL)
    return report_failure (error);

  if (tokens == NULL)
    {
      g_print ("%s\n", _("No AppOnly credential is kept in the keyring."));
      return ATTEST_EXIT_OK;
    }

  removed_id = g_strdup (attest_app_only_tokens_get_application_id (tokens));
  attest_connection_remove_app_credential_async (connection, cancellable, on_done, &result);
  if (!attest_connection_remove_app_credential_finish (connection,
                                                       wait_for_result (&result, cancellable),
                                                       &error)
      && error != NULL)
    return report_failure (error);

  message = g_strdup_printf (_("Removed the AppOnly credential %s."), removed_id);
  g_print ("%s\n", message);

  return ATTEST_EXIT_OK;
}

int
attest_cli_sign_in (AttestCliGlobals  *globals,
                    int                argc,
                    char             **argv)
{
  g_autoptr(AttestSession) session = attest_cli_new_session (globals);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gboolean signed_in;

  if (!expect_no_arguments ("sign-in", argc, argv))
    return ATTEST_EXIT_USAGE;

  if (app_only)
    return sign_in_app_only (globals, cancellable);

  if (application_id != NULL)
    {
      attest_cli_printerr ("%s", _("--application-id names the web app of the AppOnly "
                                   "credential: use it with --app-only."));
      return ATTEST_EXIT_USAGE;
    }

  /* Said before the browser is asked for: a sign-in that cannot start. */
  if (!check_set_up (globals, &error))
    return report_failure (error);

  if (use_device_code)
    signed_in = sign_in_with_device_code (session, cancellable, &error);
  else
    signed_in = sign_in_with_browser (session, cancellable, &error);

  if (!signed_in)
    return report_failure (error);

  print_account (session);

  return ATTEST_EXIT_OK;
}

int
attest_cli_whoami (AttestCliGlobals  *globals,
                   int                argc,
                   char             **argv)
{
  g_autoptr(AttestSession) session = attest_cli_new_session (globals);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_autoptr(GError) app_error = NULL;
  AttestAppOnlyTokens *app_tokens;
  gboolean set_up;
  gboolean signed_in;

  if (!expect_no_arguments ("whoami", argc, argv))
    return ATTEST_EXIT_USAGE;

  /* The sign-in first: its tenant says which AppOnly credential is ours. */
  set_up = check_set_up (globals, &error);
  signed_in = set_up && sign_in_silently (session, cancellable, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return report_failure (error);
  app_tokens = load_app_credential (globals->connection, cancellable, &app_error);
  if (app_error != NULL)
    attest_cli_printerr (_("The keyring could not be reached (%s): Attest goes on without the "
                           "AppOnly credential."),
                         app_error->message);

  if (signed_in)
    print_account (session);
  if (app_tokens != NULL)
    g_print ("app-only: %s\n", attest_app_only_tokens_get_application_id (app_tokens));

  if (!signed_in && app_tokens == NULL)
    {
      int status = report_failure (error);

      /* Not signed in is a sign-in problem, whatever the reason. */
      return status == ATTEST_EXIT_INTERRUPTED ? status : ATTEST_EXIT_SIGN_IN;
    }

  /* Said, unless the App+User sign-in is not set up at all. */
  if (!signed_in && set_up)
    attest_cli_printerr ("%s", error->message);

  return ATTEST_EXIT_OK;
}

int
attest_cli_sign_out (AttestCliGlobals  *globals,
                     int                argc,
                     char             **argv)
{
  g_autoptr(AttestSession) session = attest_cli_new_session (globals);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!expect_no_arguments ("sign-out", argc, argv))
    return ATTEST_EXIT_USAGE;

  if (app_only)
    return sign_out_app_only (globals, cancellable);

  if (!check_set_up (globals, &error))
    return report_failure (error);

  attest_session_sign_out_async (session, cancellable, on_done, &result);
  if (!attest_session_sign_out_finish (session, wait_for_result (&result, cancellable), &error))
    return report_failure (error);

  message = g_strdup_printf (_("Signed out %s."), attest_session_get_configured_user (session));
  g_print ("%s\n", message);

  return ATTEST_EXIT_OK;
}
