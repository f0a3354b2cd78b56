/* attest-bench.c: what the benchmarks share: `attest sandbox` in a process
 * of its own (so that it has a core of its own), the connection signed in
 * as its partner, and the CPU time this process used
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "attest-bench.h"

/* The sandbox ends with the benchmark, even one that crashed. */
static void
end_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Starts @argv, `attest sandbox` and its options, and sets @out_uri to
 * the address it prints first. Its account of itself, on stderr, is of
 * no use here. */
GSubprocess *
attest_bench_start_sandbox (const char * const  *argv,
                            char               **out_uri)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *sandbox;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, end_with_parent, NULL, NULL);
  sandbox = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sandbox));
  *out_uri = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*out_uri);

  return sandbox;
}

static void
on_signed_in (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* A client signed in as the sandbox's partner at @uri, through its device
 * code flow, which --auto-approve approves at once. */
AttestPartnerClient *
attest_bench_sign_in (AttestConnection *connection,
                      const char       *uri)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AttestPartnerClient *client;

  attest_connection_sign_in_to_sandbox_async (connection, uri, "attest-bench", NULL, on_signed_in,
                                              &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  attest_connection_sign_in_to_sandbox_finish (connection, result, &error);
  g_assert_no_error (error);

  client = attest_connection_new_partner_client (connection, &error);
  g_assert_no_error (error);

  return client;
}

double
attest_bench_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
         + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}
