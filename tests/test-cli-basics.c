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

/* An unknown option is a usage error, said as the commands say theirs,
 * whether the window or a command would have read it. */
static void
test_cli_unknown_option (void)
{
  g_auto(RunResult) result = { 0 };

  run_attest (&result, (const char *[]) { "--no-such-option", NULL });
  g_assert_cmpint (result.status, ==, 2);
  g_assert_true (g_str_has_prefix (result.err, "attest: "));
  g_assert_nonnull (strstr (result.err, "--no-such-option"));
  g_assert_nonnull (strstr (result.err, "attest --help"));
  g_assert_cmpstr (result.out, ==, "");
  run_result_clear (&result);

  run_attest (&result, (const char *[]) { "runs", "--no-such-option", NULL });
  g_assert_cmpint (result.status, ==, 2);
  g_assert_true (g_str_has_prefix (result.err, "attest: "));
  g_assert_nonnull (strstr (result.err, "--no-such-option"));
  g_assert_nonnull (strstr (result.err, "attest runs --help"));
}

/* `attest sign-in --help` shows the options that say who signs in, not
 * only --help-global. */
static void
test_cli_sign_in_help (void)
{
  g_auto(RunResult) result = { 0 };

  run_attest (&result, (const char *[]) { "sign-in", "--help", NULL });
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "  --app-id=GUID"));
  g_assert_nonnull (strstr (result.out, "  --user=UPN"));
  g_assert_nonnull (strstr (result.out, "  --device-code"));
  run_result_clear (&result);

  /* The others keep them with the global options. */
  run_attest (&result, (const char *[]) { "fetch", "--help", NULL });
  g_assert_cmpint (result.status, ==, 0);
  g_assert_null (strstr (result.out, "--app-id"));
  g_assert_nonnull (strstr (result.out, "--help-global"));
}

/* Without an application ID or a user nobody can sign in: every command
 * that needs the sign-in says which option or variable gives it, before
 * it would open a browser, and ends as a sign-in problem (exit code 3). */
static void
test_cli_sign_in_not_set_up (void)
{
  const char * const commands[][4] = {
    { "sign-in", NULL },
    { "sign-in", "--device-code", NULL },
    { "whoami", NULL },
    { "sign-out", NULL },
    { "fetch", "-o", "never.csv", NULL },
  };
  g_autofree char *folder = g_dir_make_tmp ("attest-cli-XXXXXX", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(RunResult) result = { 0 };
      g_auto(RunResult) no_user = { 0 };
      g_autoptr(GStrvBuilder) with_app_id = g_strv_builder_new ();
      g_auto(GStrv) args = NULL;

      g_strv_builder_addv (with_app_id, (const char **) commands[i]);
      g_strv_builder_add_many (with_app_id, "--app-id", "00000000-0000-0000-0000-000000000001",
                               NULL);
      args = g_strv_builder_end (with_app_id);

      run_attest_with (&result, folder, (const char *[]) { "ATTEST_APP_ID", "", "ATTEST_USER",
                                                            "", NULL },
                       commands[i]);
      g_assert_cmpint (result.status, ==, 3);
      g_assert_nonnull (strstr (result.err, "attest: Nobody can sign in yet: no application ID "
                                            "is set."));
      g_assert_nonnull (strstr (result.err, "--app-id GUID"));
      g_assert_nonnull (strstr (result.err, "ATTEST_APP_ID"));
      g_assert_null (strstr (result.err, "browser"));
      g_assert_cmpstr (result.out, ==, "");

      run_attest_with (&no_user, folder, (const char *[]) { "ATTEST_USER", "", NULL },
                       (const char * const *) args);
      g_assert_cmpint (no_user.status, ==, 3);
      g_assert_nonnull (strstr (no_user.err, "no user is set"));
      g_assert_nonnull (strstr (no_user.err, "--user UPN"));
      g_assert_nonnull (strstr (no_user.err, "ATTEST_USER"));
    }

  g_assert_false (g_file_test ("never.csv", G_FILE_TEST_EXISTS));
  attest_test_remove_tree (folder);
}

/* Translated --help: never the catalogue's header for a command without
 * parameters (D4), and the summaries of the commands in one column,
 * counted in characters: "GÖNDERİM-KİMLİĞİ" is longer in bytes. */
static void
test_cli_help_translated (void)
{
  const struct
  {
    const char *locale;
    const char *runs_summary;
  } languages[] = {
    { "fr_FR.UTF-8", "Lister les envois et leur état" },
    { "tr_TR.UTF-8", "Gönderimleri ve durumlarını listele" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_auto(RunResult) result = { 0 };
      g_auto(RunResult) runs = { 0 };
      g_auto(GStrv) lines = NULL;
      guint commands = 0;

      if (!attest_test_have_locale (languages[i].locale))
        return;

      run_attest_with (&result, NULL, (const char *[]) { "LC_ALL", languages[i].locale, NULL },
                       (const char *[]) { "--help", NULL });
      g_assert_cmpint (result.status, ==, 0);
      g_assert_null (strstr (result.out, "Project-Id-Version"));
      g_assert_nonnull (strstr (result.out, languages[i].runs_summary));

      lines = g_strsplit (result.out, "\n", -1);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          static const char * const names[] = {
            "check", "complete", "fetch", "request", "resume", "runs", "sandbox", "sign-in",
            "sign-out", "status", "submit", "whoami", NULL
          };
          const char *line = lines[l];
          g_autofree char *word = NULL;

          if (!g_str_has_prefix (line, "  "))
            continue;
          word = g_strndup (line + 2, strcspn (line + 2, " "));
          if (!g_strv_contains (names, word))
            continue;
          /* "  usage", padded to 34 characters, a space, the summary. */
          g_assert_cmpuint (g_utf8_strlen (line, -1), >, 38);
          g_assert_cmpint (*g_utf8_offset_to_pointer (line, 36), ==, ' ');
          g_assert_cmpint (*g_utf8_offset_to_pointer (line, 37), !=, ' ');
          commands++;
        }
      g_assert_cmpuint (commands, ==, 12);

      run_attest_with (&runs, NULL, (const char *[]) { "LC_ALL", languages[i].locale, NULL },
                       (const char *[]) { "runs", "--help", NULL });
      g_assert_cmpint (runs.status, ==, 0);
      g_assert_null (strstr (runs.out, "Project-Id-Version"));
      g_assert_nonnull (strstr (runs.out, "] runs\n"));
      g_assert_nonnull (strstr (runs.out, languages[i].runs_summary));
    }
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
  g_test_add_func ("/cli/sign-in-help", test_cli_sign_in_help);
  g_test_add_func ("/cli/sign-in-not-set-up", test_cli_sign_in_not_set_up);
  g_test_add_func ("/cli/help-translated", test_cli_help_translated);
  g_test_add_func ("/cli/missing-file", test_cli_missing_file);
  g_test_add_func ("/cli/command-wins-over-file", test_cli_command_wins_over_file);
  g_test_add_func ("/cli/messages-on-stderr", test_cli_messages_on_stderr);

  return g_test_run ();
}
