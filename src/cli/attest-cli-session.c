/* attest-cli-session.c: where a command's Partner Center client gets its
 * address and its token
 *
 * AttestConnection (app/) chooses, as it does for the window: the sandbox
 * under --sandbox, ATTEST_ACCESS_TOKEN (a token minted elsewhere, never
 * stored, never logged), else the sign-in remembered in the keyring,
 * renewed silently. What is the command line's own is asking: on a
 * terminal the person signs in in the browser; without one the command
 * says to sign in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-cli-session"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-cli-private.h"

static void
on_keyring_unavailable (AttestSession *session,
                        const char    *message,
                        gpointer       user_data)
{
  attest_cli_printerr ("%s", message);
}

/* The connection of this run, made from @config (which it takes), whose
 * sign-in says on stderr when the keyring cannot be used. */
AttestConnection *
attest_cli_new_connection (AttestConfig *config)
{
  AttestConnection *connection = attest_connection_new (config);

  g_signal_connect (attest_connection_get_session (connection), "keyring-unavailable",
                    G_CALLBACK (on_keyring_unavailable), NULL);
  attest_connection_set_access_token (connection, g_getenv ("ATTEST_ACCESS_TOKEN"));

  return connection;
}

/* The sign-in of this run, for the commands that manage it. */
AttestSession *
attest_cli_new_session (AttestCliGlobals *globals)
{
  return g_object_ref (attest_connection_get_session (globals->connection));
}

/* The client for a command that calls Partner Center: the sandbox's
 * partner under --sandbox, ATTEST_ACCESS_TOKEN when set, else the
 * remembered sign-in, renewed silently; when there is none, a browser
 * sign-in if a person sits at a terminal, else an error (exit code 3). */
AttestPartnerClient *
attest_cli_new_partner_client (AttestCliGlobals  *globals,
                               GError           **error)
{
  AttestConnection *connection = globals->connection;

  if (globals->config->sandbox && !attest_connection_start_sandbox (connection, 0, error))
    return NULL;

  if (attest_connection_needs_sign_in (connection)
      && !attest_cli_sign_in_session (globals, error))
    return NULL;
  attest_cli_load_app_credential (connection);

  return attest_connection_new_partner_client (connection, error);
}

/* Says on stderr why a Partner Center call failed, and, when the client
 * lacked the credential the route needs, how to add it (SPEC §13).
 * Returns the exit code of SPEC §9. */
int
attest_cli_report_partner_error (const GError *error)
{
  attest_cli_printerr ("%s", error->message);

  if (g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NO_CREDENTIAL))
    {
      AttestPartnerCredential missing = attest_partner_error_get_missing_credential (error);

      if (missing != ATTEST_PARTNER_CREDENTIAL_APP)
        attest_cli_printerr ("%s", _("Sign in with “attest sign-in”."));
      if (missing != ATTEST_PARTNER_CREDENTIAL_USER)
        attest_cli_printerr ("%s", _("Add the AppOnly credential with “attest sign-in --app-only "
                                     "--application-id GUID”, the Application ID of the web app "
                                     "in Partner Center’s App management; the command asks for "
                                     "its client secret."));
    }

  return attest_cli_exit_code_for_partner_error (error);
}

/* Exit codes of SPEC §9 for a failed Partner Center call. */
int
attest_cli_exit_code_for_partner_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return ATTEST_EXIT_INTERRUPTED;

  if (error->domain == ATTEST_TOKEN_PROVIDER_ERROR
      || g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NO_CREDENTIAL)
      || g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_UNAUTHORIZED)
      || g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_MFA_REQUIRED)
      || g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_FORBIDDEN))
    return ATTEST_EXIT_SIGN_IN;

  if (g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INSECURE_URL))
    return ATTEST_EXIT_USAGE;

  if (error->domain == ATTEST_SANDBOX_ERROR)
    return ATTEST_EXIT_PROBLEMS;

  if (error->domain != ATTEST_PARTNER_ERROR)
    return attest_cli_exit_code_for_error (error);

  return ATTEST_EXIT_PROBLEMS;
}
