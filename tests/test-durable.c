/* test-durable.c: the durable writes the journals and the ledger share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "attest-durable.h"
#include "attest-test-init.h"

/* Everything given is written, larger than a pipe holds at once, so the
 * write comes back short and goes on. */
static gpointer
drain (gpointer data)
{
  int fd = GPOINTER_TO_INT (data);
  GString *read_back = g_string_new (NULL);
  char buffer[4096];
  gssize n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (read_back, buffer, n);

  return read_back;
}

static void
test_write_all_short_writes (void)
{
  int fds[2];
  gsize length = 1024 * 1024;
  g_autofree char *data = g_malloc (length);
  GThread *reader;
  GString *read_back;
  int saved_errno = 0;

  for (gsize i = 0; i < length; i++)
    data[i] = (char) ('a' + i % 26);

  g_assert_true (g_unix_open_pipe (fds, FD_CLOEXEC, NULL));
  reader = g_thread_new ("drain", drain, GINT_TO_POINTER (fds[0]));

  g_assert_true (attest_durable_write_all (fds[1], data, length, &saved_errno));
  g_assert_cmpint (saved_errno, ==, 0);
  g_close (fds[1], NULL);

  read_back = g_thread_join (reader);
  g_close (fds[0], NULL);
  g_assert_cmpmem (read_back->str, read_back->len, data, length);
  g_string_free (read_back, TRUE);
}

/* A write that fails says why, in the system's words. */
static void
test_write_all_failure (void)
{
  g_autofree char *path = NULL;
  int saved_errno = 0;
  int fd;

  fd = g_file_open_tmp ("attest-durable-XXXXXX", &path, NULL);
  g_assert_cmpint (fd, >=, 0);
  g_close (fd, NULL);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_false (attest_durable_write_all (fd, "x", 1, &saved_errno));
  g_assert_cmpint (saved_errno, ==, EBADF);
  g_close (fd, NULL);
  g_unlink (path);

  g_assert_true (attest_durable_write_all (1, "", 0, NULL));
}

/* Syncing a folder that is there, and one that is not, returns quietly. */
static void
test_sync_directory (void)
{
  g_autofree char *directory = g_dir_make_tmp ("attest-durable-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (directory, "missing", NULL);

  attest_durable_sync_directory (directory);
  attest_durable_sync_directory (missing);
  g_rmdir (directory);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/durable/write-all-short-writes", test_write_all_short_writes);
  g_test_add_func ("/durable/write-all-failure", test_write_all_failure);
  g_test_add_func ("/durable/sync-directory", test_sync_directory);

  return g_test_run ();
}
