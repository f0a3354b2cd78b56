/* attest-cli.h: the headless commands of the attest binary (SPEC §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Exit codes of SPEC §9. */
typedef enum
{
  ATTEST_EXIT_OK          = 0,
  ATTEST_EXIT_PROBLEMS    = 1,
  ATTEST_EXIT_USAGE       = 2,
  ATTEST_EXIT_SIGN_IN     = 3,
  ATTEST_EXIT_INTERRUPTED = 4,
} AttestExitCode;

typedef struct _AttestCliCommand AttestCliCommand;

const AttestCliCommand *attest_cli_find_command         (int                      argc,
                                                         char                   **argv,
                                                         const char             **unknown_word);
int                     attest_cli_run                  (const AttestCliCommand  *command,
                                                         int                      argc,
                                                         char                   **argv);
char                   *attest_cli_dup_commands_help    (void);
gboolean                attest_cli_option_takes_value   (const char              *arg);

G_END_DECLS
