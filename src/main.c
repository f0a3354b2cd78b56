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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AttestApplication) application = NULL;
  g_autofree char *commands_help = NULL;
  const AttestCliCommand *command;
  const char *unknown_word = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
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
  return g_application_run (G_APPLICATION (application), argc, argv);
}
