/* attest-test-cli.c: running the attest binary in tests (e2e suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>

#include "attest-test-cli.h"
#include "attest-test-http.h"
#include "attest-test-utils.h"

/* Starts the binary of $ATTEST_BINARY with @args, without a display, in the
 * C locale, with ATTEST_ACCESS_TOKEN set to @access_token or unset. */
GSubprocess *
attest_test_cli_spawn (const char * const *args,
       const char         *cwd,
       const char         *access_token)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "ATTEST_API_BASE");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (access_token != NULL)
    g_subprocess_launcher_setenv (launcher, "ATTEST_ACCESS_TOKEN", access_token, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "ATTEST_ACCESS_TOKEN");
  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);

  g_ptr_array_add (argv, (gpointer) g_getenv ("ATTEST_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  return process;
}

int
attest_test_cli_finish (GSubprocess  *process,
        char        **out,
        char        **err)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

/* Runs `attest ARGS --api-base @api_base` as attest_test_cli_spawn()
 * does, to its end; returns its exit status, its output in @out and
 * @err. */
int
attest_test_cli_run_at (const char          *api_base,
                        const char * const  *args,
                        const char          *cwd,
                        const char          *access_token,
                        char               **out,
                        char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;

  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, "--api-base");
  g_ptr_array_add (argv, (gpointer) api_base);
  g_ptr_array_add (argv, NULL);

  process = attest_test_cli_spawn ((const char * const *) argv->pdata, cwd, access_token);
  return attest_test_cli_finish (process, out, err);
}

char *
attest_test_cli_read_line (GDataInputStream *stream)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (stream, NULL, NULL, &error);

  g_assert_no_error (error);

  return line;
}

/* Starts `attest sandbox` and returns its address, read from the first
 * line it prints. */
char *
attest_test_cli_start_sandbox (GSubprocess      **process,
               GDataInputStream **out,
               const char * const *extra)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  char *uri;

  g_ptr_array_add (args, "sandbox");
  g_ptr_array_add (args, "--port");
  g_ptr_array_add (args, "0");
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) extra[i]);
  g_ptr_array_add (args, NULL);

  *process = attest_test_cli_spawn ((const char * const *) args->pdata, NULL, NULL);
  *out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (*process));
  uri = attest_test_cli_read_line (*out);
  g_assert_nonnull (uri);
  g_assert_true (g_str_has_prefix (uri, "http://127.0.0.1:"));

  return uri;
}

void
attest_test_cli_stop_sandbox (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

void
attest_test_run_clear (AttestTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

typedef struct
{
  AttestTestRun *run;
  gboolean       done;
} RunWait;

static void
on_communicated (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RunWait *wait = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &wait->run->out,
                                        &wait->run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (G_SUBPROCESS (object)));
  wait->run->status = g_subprocess_get_exit_status (G_SUBPROCESS (object));
  wait->done = TRUE;
}

static gboolean
run_is_done (gpointer user_data)
{
  return ((RunWait *) user_data)->done;
}

/* Runs @argv from @launcher (whose flags say which pipes there are), with
 * @input on its stdin when not NULL, and keeps this process's main loop
 * going meanwhile, so that a sandbox in this process answers it. */
void
attest_test_cli_run (AttestTestRun       *run,
                     GSubprocessLauncher *launcher,
                     const char * const  *argv,
                     const char          *input)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  RunWait wait = { run, FALSE };

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, input, NULL, on_communicated, &wait);
  g_assert_true (attest_test_wait_until (run_is_done, &wait, 60000));
}

/* A token from the running sandbox, through its device code flow. */
char *
attest_test_cli_sign_in_by_device_code (const char *uri)
{
  g_autofree char *devicecode = g_strconcat (uri, "/organizations/oauth2/v2.0/devicecode", NULL);
  g_autofree char *token_uri = g_strconcat (uri, "/organizations/oauth2/v2.0/token", NULL);
  g_autoptr(AttestTestResponse) start = attest_test_http_form (devicecode,
                                                               "client_id", "attest-e2e",
                                                               "scope", "https://api."
                                                               "partnercenter.microsoft.com/"
                                                               ".default", NULL);
  g_autoptr(AttestTestResponse) tokens = NULL;

  g_assert_cmpuint (start->status, ==, 200);
  tokens = attest_test_http_form (token_uri,
                                  "grant_type", "urn:ietf:params:oauth:grant-type:device_code",
                                  "client_id", "attest-e2e",
                                  "device_code", attest_test_response_get_string (start,
                                                                                  "device_code"),
                                  NULL);
  g_assert_cmpuint (tokens->status, ==, 200);

  return g_strdup (attest_test_response_get_string (tokens, "access_token"));
}

