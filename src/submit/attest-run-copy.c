/* attest-run-copy.c: the private copy of the records a run sends (SPEC §6)
 *
 * A run keeps its own copy of the records it sends, edits included, beside
 * its journal as <run-id>.csv, so that a resume sends exactly what the run
 * would have sent. The journal's first line holds the copy's SHA-256, and a
 * resume refuses a copy that does not match it. The copy is written,
 * synced and hashed on one thread while the run looks up its template.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-run-copy"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "attest-run-copy.h"
#include "attest-run-journal.h"

/* The copy of the run of @journal_path: <run-id>.csv beside it. */
char *
attest_run_copy_dup_path (const char *journal_path)
{
  g_autofree char *stem = NULL;

  g_return_val_if_fail (journal_path != NULL, NULL);

  stem = g_str_has_suffix (journal_path, ".jsonl")
         ? g_strndup (journal_path, strlen (journal_path) - strlen (".jsonl"))
         : g_strdup (journal_path);

  return g_strconcat (stem, ".csv", NULL);
}

/* The SHA-256 of @contents, in lower-case hexadecimal, as the journal
 * keeps it. */
char *
attest_run_copy_checksum (GBytes *contents)
{
  g_return_val_if_fail (contents != NULL, NULL);

  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, contents);
}

#define set_io_error(error, format, path) \
  g_set_error ((error), ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_IO, (format), (path), \
               g_strerror (errno))

/* Writes @contents to a new file at @path and syncs it; a run never
 * overwrites another's copy. */
static gboolean
write_new_file (const char  *path,
                GBytes      *contents,
                GError     **error)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (contents, &length);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      set_io_error (error, _("Cannot create the run journal %s: %s"), path);
      return FALSE;
    }

  while (length > 0)
    {
      gssize written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        {
          set_io_error (error, _("Cannot write the records of the run to %s: %s"), path);
          g_close (fd, NULL);
          g_unlink (path);
          return FALSE;
        }
      data += written;
      length -= written;
    }

  if (g_fsync (fd) != 0)
    {
      set_io_error (error, _("Cannot save the records of the run to disk at %s: %s"), path);
      g_close (fd, NULL);
      g_unlink (path);
      return FALSE;
    }

  g_close (fd, NULL);
  return TRUE;
}

typedef struct
{
  char   *directory;
  char   *path;
  GBytes *contents;
} CopyWrite;

static void
copy_write_free (CopyWrite *write)
{
  g_free (write->directory);
  g_free (write->path);
  g_bytes_unref (write->contents);
  g_free (write);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CopyWrite *write = task_data;
  GError *error = NULL;

  if (g_mkdir_with_parents (write->directory, 0700) != 0)
    {
      set_io_error (&error, _("Cannot create the folder for run journals %s: %s"),
                    write->directory);
      g_task_return_error (task, error);
      return;
    }

  if (!write_new_file (write->path, write->contents, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, attest_run_copy_checksum (write->contents), g_free);
}

/* Writes @contents as the copy of the records of run @run_id in
 * @directory, syncs it and hashes it, on a thread. */
void
attest_run_copy_write_async (const char          *directory,
                             const char          *run_id,
                             GBytes              *contents,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *file_name = NULL;
  CopyWrite *write;

  g_return_if_fail (directory != NULL);
  g_return_if_fail (run_id != NULL);
  g_return_if_fail (contents != NULL);

  file_name = g_strdup_printf ("%s.csv", run_id);
  write = g_new0 (CopyWrite, 1);
  write->directory = g_strdup (directory);
  write->path = g_build_filename (directory, file_name, NULL);
  write->contents = g_bytes_ref (contents);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_run_copy_write_async);
  g_task_set_task_data (task, write, (GDestroyNotify) copy_write_free);
  g_task_run_in_thread (task, write_in_thread);
}

/* Returns the copy's SHA-256, or NULL with @error set; then no copy was
 * left behind. */
char *
attest_run_copy_write_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
