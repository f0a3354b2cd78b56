/* attest-cli-sign-in.c: `attest sign-in`, `attest sign-out`, `attest whoami`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-cli-sign-in"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <unistd.h>

#include "attest-auth-error.h"
#include "attest-cli-private.h"
#include "attest-session.h"

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

static gboolean
on_a_terminal (void)
{
  return isatty (STDIN_FILENO) && isatty (STDERR_FILENO);
}

/* Signs @session in for a command that needs Partner Center: silently with
 * the stored sign-in, else, when a person sits at a terminal, in the
 * browser. Without a terminal (CI, a pipe), it says what to do instead. */
gboolean
attest_cli_sign_in_session (AttestSession  *session,
                            GError        **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) silent_error = NULL;

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

const GOptionEntry attest_cli_sign_in_entries[] = {
  { "device-code", 0, 0, G_OPTION_ARG_NONE, &use_device_code,
    N_("Sign in by entering a code on another device instead of in this computer’s browser"),
    NULL },
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

  if (!expect_no_arguments ("whoami", argc, argv))
    return ATTEST_EXIT_USAGE;

  if (!sign_in_silently (session, cancellable, &error))
    {
      int status = report_failure (error);

      /* Not signed in is a sign-in problem, whatever the reason. */
      return status == ATTEST_EXIT_INTERRUPTED ? status : ATTEST_EXIT_SIGN_IN;
    }

  print_account (session);

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

  if (!attest_session_check_settings (session, &error))
    return report_failure (error);

  attest_session_sign_out_async (session, cancellable, on_done, &result);
  if (!attest_session_sign_out_finish (session, wait_for_result (&result, cancellable), &error))
    return report_failure (error);

  message = g_strdup_printf (_("Signed out %s."), attest_session_get_configured_user (session));
  g_print ("%s\n", message);

  return ATTEST_EXIT_OK;
}
