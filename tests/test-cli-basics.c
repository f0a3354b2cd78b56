/* test-cli-basics.c: the binary's --help, --version and errors, without a
 * display (e2e suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "attest-test-utils.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} RunResult;

static void
run_result_clear (RunResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunResult, run_result_clear)

/* Runs the binary with @args in @directory, or in this one if NULL, with
 * the environment variables @env (NAME, VALUE, …, NULL) set. */
static void
run_attest_with (RunResult          *result,
                 const char         *directory,
                 const char * const *env,
                 const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("ATTEST_BINARY");

  g_assert_nonnull (binary);

  /* Nothing here may need a display. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);

  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
  if (directory != NULL)
    g_subprocess_launcher_set_cwd (launcher, directory);

  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
}

static void
run_attest_in (RunResult          *result,
               const char         *directory,
               const char * const *args)
{
  run_attest_with (result, directory, NULL, args);
}

static void
run_attest (RunResult          *result,
            const char * const *args)
{
  run_attest_in (result, NULL, args);
}

static void
test_cli_version (void)
{
  g_auto(RunResult) result = { 0 };

  run_attest (&result, (const char *[]) { "--version", NULL });
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "attest " PACKAGE_VERSION "\n");
  g_assert_cmpstr (result.err, ==, "");
}

static void
test_cli_help (void)
{
  g_auto(RunResult) result = { 0 };

  run_attest (&result, (const char *[]) { "--help", NULL });
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "Usage:"));
  g_assert_nonnull (strstr (result.out, "--version"));
  g_assert_nonnull (strstr (result.out, "--debug"));
  g_assert_nonnull (strstr (result.out, "Microsoft Customer Agreement"));
  g_assert_cmpstr (result.err, ==, "");
}

static void
test_cli_unknown_command (void)
{
  g_auto(RunResult) result = { 0 };

  run_attest (&result, (const char *[]) { "frobnicate", NULL });
  g_assert_cmpint (result.status, ==, 2);
  g_assert_nonnull (strstr (result.err, "unknown command “frobnicate”"));
  g_assert_cmpstr (result.out, ==, "");
}

/* A word that looks like a path opens the window on that file; said of a
 * file that is not there, at once, where it was typed, with no window. */
static void
test_cli_missing_file (void)
{
  g_auto(RunResult) result = { 0 };

  run_attest (&result, (const char *[]) { "no-such-dir/customers.csv", NULL });
  g_assert_cmpint (result.status, ==, 2);
  g_assert_nonnull (strstr (result.err, "there is no file “no-such-dir/customers.csv”"));
  g_assert_null (strstr (result.err, "unknown command"));
  g_assert_cmpstr (result.out, ==, "");
  run_result_clear (&result);

  run_attest (&result, (const char *[]) { "--debug", "missing.CSV", NULL });
  g_assert_cmpint (result.status, ==, 2);
  g_assert_nonnull (strstr (result.err, "there is no file “missing.CSV”"));
}

/* Commands win over files of the same name. */
static void
test_cli_command_wins_over_file (void)
{
  g_autofree char *directory = g_dir_make_tmp ("attest-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, "whoami", NULL);
  g_auto(RunResult) result = { 0 };

  g_assert_true (g_file_set_contents (path, "", 0, NULL));

  run_attest_in (&result, directory, (const char *[]) { "whoami", "--help", NULL });
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "whoami"));
  run_result_clear (&result);

  /* A word that names no command, no file and looks like none stays an
   * unknown command. */
  run_attest_in (&result, directory, (const char *[]) { "nonexistent-command", NULL });
  g_assert_cmpint (result.status, ==, 2);
  g_assert_nonnull (strstr (result.err, "unknown command “nonexistent-command”"));

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (directory), ==, 0);
}

static void
test_cli_unknown_option (void)
{
  g_auto(RunResult) result = { 0 };

  run_attest (&result, (const char *[]) { "--no-such-option", NULL });
  g_assert_cmpint (result.status, !=, 0);
  g_assert_nonnull (strstr (result.err, "--no-such-option"));
}

/* Debug messages never mix with a command's output on stdout. */
static void
test_cli_messages_on_stderr (void)
{
  g_auto(RunResult) result = { 0 };
  g_autofree char *state = g_dir_make_tmp ("attest-cli-state-XXXXXX", NULL);

  g_assert_nonnull (state);
  run_attest_with (&result, NULL,
                   (const char *[]) { "G_MESSAGES_DEBUG", "all", "XDG_STATE_HOME", state, NULL },
                   (const char *[]) { "runs", NULL });
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.err, "Command runs"));
  g_assert_null (strstr (result.out, "Command runs"));
  g_assert_null (strstr (result.out, "-INFO"));
  g_assert_null (strstr (result.out, "-DEBUG"));

  attest_test_remove_tree (state);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/cli/version", test_cli_version);
  g_test_add_func ("/cli/help", test_cli_help);
  g_test_add_func ("/cli/unknown-command", test_cli_unknown_command);
  g_test_add_func ("/cli/unknown-option", test_cli_unknown_option);
  g_test_add_func ("/cli/missing-file", test_cli_missing_file);
  g_test_add_func ("/cli/command-wins-over-file", test_cli_command_wins_over_file);
  g_test_add_func ("/cli/messages-on-stderr", test_cli_messages_on_stderr);

  return g_test_run ();
}
