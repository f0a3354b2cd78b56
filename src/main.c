/* main.c: the window or a command, from one binary (SPEC §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "attest-application.h"
#include "attest-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AttestApplication) application = NULL;
  const AttestCliCommand *command;
  const char *unknown_word = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  command = attest_cli_find_command (argc, argv, &unknown_word);
  if (command != NULL)
    return attest_cli_run (command, argc, argv);

  if (unknown_word != NULL)
    {
      g_printerr (_("attest: unknown command “%s”. Run “attest --help” to see the commands."),
                  unknown_word);
      g_printerr ("\n");
      return ATTEST_EXIT_USAGE;
    }

  application = attest_application_new (G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
