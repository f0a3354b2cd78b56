/* main.c: the window, on files or none, or a command, from one binary (SPEC §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "attest-application.h"
#include "attest-cli.h"

/* A word that is no command but names a file to open in the window: one
 * that exists, or that looks like a path to a CSV file. */
static gboolean
looks_like_file (const char *word)
{
  gsize length = strlen (word);

  return g_file_test (word, G_FILE_TEST_EXISTS)
         || strchr (word, '/') != NULL
         || (length > 4 && g_ascii_strcasecmp (word + length - 4, ".csv") == 0);
}

static GPrintFunc default_printerr;
static gboolean   option_refused;

/* GApplication says on stderr, in its own words, that the window's options
 * could not be read, and ends with status 1: said here as a command says
 * a usage error, "attest: …" and status 2. */
static void
print_option_error (const char *text)
{
  g_autofree char *message = g_strchomp (g_strdup (text));

  option_refused = TRUE;
  g_set_printerr_handler (default_printerr);
  g_printerr (_("attest: %s. Run “attest --help” to see the commands and options."), message);
  g_printerr ("\n");
}

static int
on_options_read (GApplication *application,
                 GVariantDict *options,
                 gpointer      user_data)
{
  g_set_printerr_handler (default_printerr);

  return -1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AttestApplication) application = NULL;
  g_autofree char *commands_help = NULL;
  const AttestCliCommand *command;
  const char *unknown_word = NULL;
  const char *localedir;
  int status;

  setlocale (LC_ALL, "");
  /* Run from the build folder (meson devenv, the tests), the catalogues
   * are there rather than under the prefix. */
  localedir = g_getenv ("ATTEST_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && localedir[0] != '\0' ? localedir
                                                                             : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  command = attest_cli_find_command (argc, argv, &unknown_word);
  if (command != NULL)
    return attest_cli_run (command, argc, argv);

  if (unknown_word != NULL && looks_like_file (unknown_word))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (unknown_word);

      /* Said here, where it was typed, rather than in a window. */
      if (g_file_is_native (file) && !g_file_query_exists (file, NULL))
        {
          g_printerr (_("attest: there is no file “%s”."), unknown_word);
          g_printerr ("\n");
          return ATTEST_EXIT_USAGE;
        }
    }
  else if (unknown_word != NULL)
    {
      g_printerr (_("attest: unknown command “%s”. Run “attest --help” to see "
                    "the commands."),
                  unknown_word);
      g_printerr ("\n");
      return ATTEST_EXIT_USAGE;
    }

  /* The window's --help lists the commands too. */
  commands_help = attest_cli_dup_commands_help ();
  application = attest_application_new (G_APPLICATION_DEFAULT_FLAGS, commands_help);
  g_signal_connect (application, "handle-local-options", G_CALLBACK (on_options_read), NULL);
  default_printerr = g_set_printerr_handler (print_option_error);
  status = g_application_run (G_APPLICATION (application), argc, argv);
  g_set_printerr_handler (default_printerr);

  return option_refused ? ATTEST_EXIT_USAGE : status;
}
