/* attest-run-copy.c: the private copy of the records a run sends (SPEC §6)
 *
 * A run keeps its own copy of the records it sends, edits included, beside
 * its journal as <run-id>.csv, so that a resume sends exactly what the run
 * would have sent. The journal's first line holds the copy's SHA-256, and a
 * resume refuses a copy that does not match it.
 *
 * The copy is built on the main thread (the record store is not
 * thread-safe), a few thousand records at a time, and each piece goes to
 * one thread that writes it and hashes it with GChecksum as it comes: the
 * copy is on the disk and hashed shortly after its last piece is built,
 * some 40 ms for 100,000 records, not that plus the 50 ms of hashing the
 * whole 20 MB afterwards.
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

#include "attest-durable.h"
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

/* What the thread takes, in order: pieces, then the end. */
typedef enum
{
  PIECE_DATA,
  PIECE_CLOSE,     /* every piece is there: sync the file */
  PIECE_ABANDON,   /* the run will not start: remove the file */
} PieceKind;

typedef struct
{
  PieceKind  kind;
  GBytes    *bytes;
} Piece;

static void
piece_free (Piece *piece)
{
  g_clear_pointer (&piece->bytes, g_bytes_unref);
  g_free (piece);
}

struct _AttestRunCopy
{
  GAsyncQueue *pieces;   /* Piece, for the thread */
  gboolean     ended;    /* closed or abandoned */
};

/* What the thread needs, its own. */
typedef struct
{
  GAsyncQueue *pieces;
  char        *directory;
  char        *path;
} CopyThread;

static void
copy_thread_free (CopyThread *thread)
{
  g_async_queue_unref (thread->pieces);
  g_free (thread->directory);
  g_free (thread->path);
  g_free (thread);
}

/* Creates the file; a run never overwrites another's copy. */
static int
create_file (CopyThread  *thread,
             GError     **error)
{
  int fd;

  if (g_mkdir_with_parents (thread->directory, 0700) != 0)
    {
      set_io_error (error, _("Cannot create the folder for run journals %s: %s"),
                    thread->directory);
      return -1;
    }

  fd = g_open (thread->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    set_io_error (error, _("Cannot create the run journal %s: %s"), thread->path);

  return fd;
}

/* Writes @piece and has the system start writing it to the disk, so that
 * the final sync has little left to wait for. */
static gboolean
write_piece (int          fd,
             const char  *path,
             GBytes      *piece,
             GError     **error)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (piece, &length);
  int saved_errno = 0;

  if (!attest_durable_write_all (fd, data, length, &saved_errno))
    {
      errno = saved_errno;  /* what set_io_error() names */
      set_io_error (error, _("Cannot write the records of the run to %s: %s"), path);
      return FALSE;
    }
#ifdef SYNC_FILE_RANGE_WRITE
  sync_file_range (fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif

  return TRUE;
}

/* Every piece is taken, whatever happened, until the end. */
static void
copy_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CopyThread *thread = task_data;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  GError *error = NULL;
  PieceKind end;
  int fd = create_file (thread, &error);

  for (;;)
    {
      Piece *piece = g_async_queue_pop (thread->pieces);

      end = piece->kind;
      if (end == PIECE_DATA && error == NULL
          && write_piece (fd, thread->path, piece->bytes, &error))
        {
          gsize size = 0;
          const guchar *data = g_bytes_get_data (piece->bytes, &size);

          g_checksum_update (checksum, data, size);
        }
      piece_free (piece);
      if (end != PIECE_DATA)
        break;
    }

  if (error == NULL && end == PIECE_ABANDON)
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "The copy was abandoned");
  if (error == NULL && g_fsync (fd) != 0)
    set_io_error (&error, _("Cannot save the records of the run to disk at %s: %s"),
                  thread->path);

  if (fd >= 0)
    {
      g_close (fd, NULL);
      /* Nothing refers to a copy that is not whole. */
      if (error != NULL)
        g_unlink (thread->path);
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_strdup (g_checksum_get_string (checksum)), g_free);
}

/* Starts the copy of the records of run @run_id in @directory, on a thread
 * that writes each piece as it comes and hashes it. @callback runs once
 * the copy is closed and synced, or abandoned, or failed; then
 * attest_run_copy_finish() tells which. */
AttestRunCopy *
attest_run_copy_new (const char          *directory,
                     const char          *run_id,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *file_name = NULL;
  AttestRunCopy *self;
  CopyThread *thread;

  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (run_id != NULL, NULL);

  self = g_new0 (AttestRunCopy, 1);
  self->pieces = g_async_queue_new_full ((GDestroyNotify) piece_free);

  file_name = g_strdup_printf ("%s.csv", run_id);
  thread = g_new0 (CopyThread, 1);
  thread->pieces = g_async_queue_ref (self->pieces);
  thread->directory = g_strdup (directory);
  thread->path = g_build_filename (directory, file_name, NULL);

  task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (task, attest_run_copy_new);
  g_task_set_task_data (task, thread, (GDestroyNotify) copy_thread_free);
  g_task_run_in_thread (task, copy_in_thread);

  return self;
}

static void
push (AttestRunCopy *self,
      PieceKind      kind,
      GBytes        *bytes)
{
  Piece *piece = g_new0 (Piece, 1);

  piece->kind = kind;
  piece->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  g_async_queue_push (self->pieces, piece);
}

void
attest_run_copy_append (AttestRunCopy *self,
                        GBytes        *piece)
{
  g_return_if_fail (self != NULL && !self->ended);
  g_return_if_fail (piece != NULL);

  push (self, PIECE_DATA, piece);
}

/* Every piece is appended: the copy is synced, and the callback given to
 * attest_run_copy_new() gets its SHA-256. */
void
attest_run_copy_close (AttestRunCopy *self)
{
  g_return_if_fail (self != NULL && !self->ended);

  self->ended = TRUE;
  push (self, PIECE_CLOSE, NULL);
}

/* The copy is not wanted: it is removed, and the callback gets
 * G_IO_ERROR_CANCELLED. */
void
attest_run_copy_abandon (AttestRunCopy *self)
{
  g_return_if_fail (self != NULL && !self->ended);

  self->ended = TRUE;
  push (self, PIECE_ABANDON, NULL);
}

/* Returns the copy's SHA-256, in lower-case hexadecimal, or NULL with
 * @error set; then no copy was left behind. */
char *
attest_run_copy_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A copy still open is abandoned. */
void
attest_run_copy_free (AttestRunCopy *self)
{
  if (self == NULL)
    return;

  if (!self->ended)
    attest_run_copy_abandon (self);
  g_async_queue_unref (self->pieces);
  g_free (self);
}
