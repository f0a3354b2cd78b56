/* attest-session-browser.c: signing in in the system browser, with the
 * authorization code flow and PKCE (RFC 7636, RFC 8252)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-session-browser"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-auth-error.h"
#include "attest-loopback-listener.h"
#include "attest-pkce.h"
#include "attest-session-private.h"

typedef struct
{
  AttestLoopbackListener *listener;
  char                   *verifier;
} BrowserSignIn;

static void
browser_sign_in_free (BrowserSignIn *data)
{
  g_clear_object (&data->listener);
  attest_secret_free (data->verifier);
  g_free (data);
}

/* Runs one $BROWSER command with @uri in place of "%s", or after its last
 * argument when it has no "%s". */
static gboolean
spawn_browser_command (const char  *command,
                       const char  *uri,
                       GError     **error)
{
  g_auto(GStrv) argv = NULL;
  g_autoptr(GPtrArray) args = NULL;
  gboolean substituted = FALSE;

  if (!g_shell_parse_argv (command, NULL, &argv, error))
    return FALSE;

  args = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; argv[i] != NULL; i++)
    {
      g_autoptr(GString) arg = g_string_new (argv[i]);

      if (g_string_replace (arg, "%s", uri, 0) > 0)
        substituted = TRUE;
      g_ptr_array_add (args, g_string_free (g_steal_pointer (&arg), FALSE));
    }
  if (!substituted)
    g_ptr_array_add (args, g_strdup (uri));
  g_ptr_array_add (args, NULL);

  return g_spawn_async (NULL, (char **) args->pdata, NULL,
                        G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                        error);
}

/* Opens @uri in $BROWSER when set (commands separated by colons, the first
 * that starts wins), else in the desktop's web browser. */
gboolean
attest_browser_launch (const char  *uri,
                       GError     **error)
{
  const char *browser = g_getenv ("BROWSER");
  g_autoptr(GError) local_error = NULL;

  if (browser == NULL || browser[0] == '\0')
    {
      if (g_app_info_launch_default_for_uri (uri, NULL, &local_error))
        return TRUE;
    }
  else
    {
      g_auto(GStrv) commands = g_strsplit (browser, ":", -1);

      for (guint i = 0; commands[i] != NULL; i++)
        {
          if (commands[i][0] == '\0')
            continue;

          g_clear_error (&local_error);
          if (spawn_browser_command (commands[i], uri, &local_error))
            return TRUE;
        }
    }

  g_set_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_BROWSER,
               _("No web browser could be opened for signing in (%s). Set the BROWSER "
                 "variable to your browser, or sign in with a device code instead."),
               local_error != NULL ? local_error->message : browser);
  return FALSE;
}

static void
on_code_redeemed (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  AttestTokenResponse *response;

  response = attest_oauth_client_get_token_finish (ATTEST_OAUTH_CLIENT (object), result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  attest_session_complete_sign_in (g_steal_pointer (&task), response);
}

static void
on_redirected (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttestSession *self = g_task_get_source_object (task);
  BrowserSignIn *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  g_autofree char *code = NULL;

  code = attest_loopback_listener_wait_finish (data->listener, result, &error);
  if (code == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  attest_oauth_client_redeem_code_async (attest_session_get_oauth_client (self), code,
                                         attest_loopback_listener_get_redirect_uri (data->listener),
                                         data->verifier, cancellable,
                                         on_code_redeemed, g_steal_pointer (&task));
  g_clear_pointer (&code, attest_secret_free);
}

/* Opens the sign-in page in the browser and waits, at most 5 minutes, for
 * Entra ID to send the browser back to a listener on 127.0.0.1. */
void
attest_session_sign_in_with_browser_async (AttestSession       *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *state = NULL;
  g_autofree char *challenge = NULL;
  g_autofree char *uri = NULL;
  const char *redirect_uri;
  BrowserSignIn *data;
  GError *error = NULL;

  g_return_if_fail (ATTEST_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_session_sign_in_with_browser_async);

  data = g_new0 (BrowserSignIn, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) browser_sign_in_free);

  if (!attest_session_check_settings (self, &error)
      || (data->verifier = attest_pkce_new_verifier (&error)) == NULL
      || (state = attest_pkce_new_state (&error)) == NULL
      || (data->listener = attest_loopback_listener_new (state, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  challenge = attest_pkce_challenge_for (data->verifier);
  redirect_uri = attest_loopback_listener_get_redirect_uri (data->listener);
  uri = attest_oauth_client_build_authorize_uri (attest_session_get_oauth_client (self),
                                                 redirect_uri, state, challenge,
                                                 attest_session_get_configured_user (self));

  g_info ("Opening the sign-in page in the browser");
  if (!attest_browser_launch (uri, &error))
    {
      attest_loopback_listener_close (data->listener);
      g_task_return_error (task, error);
      return;
    }

  attest_loopback_listener_wait_async (data->listener, attest_session_get_browser_timeout (self),
                                       cancellable, on_redirected, g_steal_pointer (&task));
}
