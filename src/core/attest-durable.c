/* attest-durable.c: writing files that must survive a crash
 *
 * The run journal, the run's copy of its records and the ledger of the
 * current flow all write with write(2) and make what they wrote durable
 * with fsync(2); the two steps every one of them needs are here once. Each
 * caller words its own error, naming its own file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-durable"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "attest-durable.h"

/* Writes all of @data, going on after interrupted and short writes. On
 * failure, returns FALSE with the system's error number in @out_errno. */
gboolean
attest_durable_write_all (int         fd,
                          const char *data,
                          gsize       length,
                          int        *out_errno)
{
  g_return_val_if_fail (fd >= 0, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  while (length > 0)
    {
      gssize written = write (fd, data, length);

      if (written < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          if (out_errno != NULL)
            *out_errno = saved_errno;
          return FALSE;
        }

      data += written;
      length -= (gsize) written;
    }

  return TRUE;
}

/* A new or renamed file is only durable once the folder that names it is.
 * A folder that cannot be opened or synced leaves the file as durable as
 * the file system makes it: there is nothing better to do. */
void
attest_durable_sync_directory (const char *directory)
{
  int fd;

  g_return_if_fail (directory != NULL);

  fd = g_open (directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      g_fsync (fd);
      g_close (fd, NULL);
    }
}
