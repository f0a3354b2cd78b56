/* attest-test-cli.h: running the attest binary in tests (e2e suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GSubprocess *attest_test_cli_spawn          (const char * const  *args,
                                             const char          *cwd,
                                             const char          *access_token);
int          attest_test_cli_finish         (GSubprocess         *process,
                                             char               **out,
                                             char               **err);
int          attest_test_cli_run_at         (const char          *api_base,
                                             const char * const  *args,
                                             const char          *cwd,
                                             const char          *access_token,
                                             char               **out,
                                             char               **err);
char        *attest_test_cli_read_line      (GDataInputStream    *stream);
char        *attest_test_cli_start_sandbox  (GSubprocess        **process,
                                             GDataInputStream   **out,
                                             const char * const  *extra);
void         attest_test_cli_stop_sandbox   (GSubprocess         *process);
char        *attest_test_cli_sign_in_by_device_code (const char  *uri);

/* What a process said and how it ended. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} AttestTestRun;

void         attest_test_run_clear          (AttestTestRun       *run);
void         attest_test_cli_run            (AttestTestRun       *run,
                                             GSubprocessLauncher *launcher,
                                             const char * const  *argv,
                                             const char          *input);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AttestTestRun, attest_test_run_clear)

G_END_DECLS
