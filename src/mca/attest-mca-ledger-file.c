/* attest-mca-ledger-file.c: the file of a ledger: reading it back,
 * appending to it, syncing it, compacting it, and its lock
 *
 * Lines are written as they are recorded, on the calling thread: a write
 * into the page cache is quick, and once it returned a kill of the process
 * loses nothing. Only a sync waits for the disk, on a thread, in one fsync
 * for all that were asked for while the previous one ran.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-ledger-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "attest-durable.h"
#include "attest-mca-ledger-private.h"

#define LEDGER_FILE_NAME "ledger.jsonl"
#define LOCK_FILE_NAME "ledger.lock"
#define TEMP_SUFFIX ".tmp"
/* Compaction waits for this many lines at least, so that a small ledger
 * is not rewritten over and over. */
#define COMPACT_MIN_LINES 1024

static void set_io_error (GError     **error,
                          const char  *format,
                          ...) G_GNUC_PRINTF (2, 3);

static void
set_io_error (GError     **error,
              const char  *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_IO, message);
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize       length,
           const char  *path,
           GError     **error)
{
  int saved_errno = 0;

  if (attest_durable_write_all (fd, data, length, &saved_errno))
    return TRUE;

  set_io_error (error, _("Cannot write to the ledger %s: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
sync_fd (int          fd,
         const char  *path,
         GError     **error)
{
  if (g_fsync (fd) != 0)
    {
      set_io_error (error, _("Cannot save the ledger %s to disk: %s"), path, g_strerror (errno));
      return FALSE;
    }

  return TRUE;
}

static void
update_compact_at (AttestMcaLedger *self)
{
  guint live = 1 + self->model->customers->len + self->model->runs->len;

  self->compact_at = MAX (COMPACT_MIN_LINES, 2 * live);
}

/* Writes the whole model, one line per run and per customer, in place of
 * the file. The rename is atomic: a crash leaves the old file or the new. */
static gboolean
compact (AttestMcaLedger  *self,
         GError          **error)
{
  g_autofree char *temp_path = g_strconcat (self->path, TEMP_SUFFIX, NULL);
  g_autoptr(GString) text = g_string_sized_new (256 * (self->model->customers->len + 1));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *header = _attest_mca_entry_header (self->tenant_id, now);
  guint n_lines = 1;
  int fd;

  g_string_append (text, header);
  g_string_append_c (text, '\n');
  for (guint i = 0; i < self->model->runs->len; i++, n_lines++)
    {
      g_autofree char *line = _attest_mca_entry_run (g_ptr_array_index (self->model->runs, i));

      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }
  for (guint i = 0; i < self->model->customers->len; i++, n_lines++)
    {
      g_autofree char *line =
        _attest_mca_entry_customer (g_ptr_array_index (self->model->customers, i));

      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }

  fd = g_open (temp_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_io_error (error, _("Cannot rewrite the ledger %s: %s"), temp_path,
                    g_strerror (errno));
      return FALSE;
    }
  if (!write_all (fd, text->str, text->len, temp_path, error)
      || !sync_fd (fd, temp_path, error))
    {
      g_close (fd, NULL);
      g_unlink (temp_path);
      return FALSE;
    }
  g_close (fd, NULL);

  if (g_rename (temp_path, self->path) != 0)
    {
      set_io_error (error, _("Cannot rewrite the ledger %s: %s"), self->path,
                    g_strerror (errno));
      g_unlink (temp_path);
      return FALSE;
    }
  attest_durable_sync_directory (self->directory);

  fd = g_open (self->path, O_WRONLY | O_APPEND | O_CLOEXEC, 0);
  if (fd < 0)
    {
      /* The ledger is whole, under its name, but cannot be written. */
      set_io_error (&self->failure, _("Cannot open the ledger %s: %s"), self->path,
                    g_strerror (errno));
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }

  g_debug ("Compacted %s from %u lines to %u", self->path, self->n_lines, n_lines);
  g_close (self->fd, NULL);
  self->fd = fd;
  self->version = ATTEST_MCA_LEDGER_VERSION;
  self->file_size = text->len;
  self->n_lines = n_lines;
  update_compact_at (self);

  return TRUE;
}

void
_attest_mca_ledger_maybe_compact (AttestMcaLedger *self)
{
  g_autoptr(GError) error = NULL;

  if (self->n_lines < self->compact_at || self->failure != NULL)
    return;

  if (!compact (self, &error))
    {
      /* The file as it was is still whole: go on with it, and try again
       * once it has grown as much again. */
      g_warning ("%s", error->message);
      self->compact_at = self->n_lines * 2;
    }
}

/* Appends @line and its line end. A write cut short by a full disk is
 * undone, so that the next line starts on a line of its own. */
gboolean
_attest_mca_ledger_append (AttestMcaLedger  *self,
                           const char       *line,
                           GError          **error)
{
  g_autofree char *text = g_strconcat (line, "\n", NULL);
  gsize length = strlen (text);
  GError *write_error = NULL;

  if (self->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }

  if (!write_all (self->fd, text, length, self->path, &write_error))
    {
      if (ftruncate (self->fd, self->file_size) != 0)
        self->failure = g_error_copy (write_error);
      g_propagate_error (error, write_error);
      return FALSE;
    }

  self->file_size += length;
  self->n_lines++;

  return TRUE;
}

static gboolean
lock_directory (AttestMcaLedger  *self,
                GError          **error)
{
  g_autofree char *lock_path = g_build_filename (self->directory, LOCK_FILE_NAME, NULL);

  self->lock_fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (self->lock_fd < 0)
    {
      set_io_error (error, _("Cannot open the ledger’s lock %s: %s"), lock_path,
                    g_strerror (errno));
      return FALSE;
    }

  if (flock (self->lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == EWOULDBLOCK)
        g_set_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_BUSY,
                     _("Another Attest is working with this partner’s customers (%s). Close it, "
                       "or wait until it is done, and try again."), self->directory);
      else
        set_io_error (error, _("Cannot lock the ledger %s: %s"), lock_path,
                      g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* Reads every complete line of @contents into the model; returns the
 * length of those lines: what follows is an unfinished last line. */
static gboolean
read_lines (AttestMcaLedger  *self,
            const char       *contents,
            gsize             length,
            gsize            *out_keep,
            GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *tenant_id = NULL;
  const char *line = contents;
  const char *end;
  guint line_number = 0;

  for (; line < contents + length && (end = memchr (line, '\n', contents + length - line));
       line = end + 1)
    {
      g_autoptr(GError) entry_error = NULL;
      JsonNode *root;

      line_number++;
      if (!json_parser_load_from_data (parser, line, end - line, NULL)
          || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        {
          g_set_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_CORRUPT,
                       _("Line %u of the ledger %s is damaged and cannot be read."),
                       line_number, self->path);
          return FALSE;
        }

      if (!_attest_mca_entry_read (self->model, json_node_get_object (root), &tenant_id,
                                   &self->version, &entry_error))
        {
          if (g_error_matches (entry_error, ATTEST_MCA_LEDGER_ERROR,
                               ATTEST_MCA_LEDGER_ERROR_UNSUPPORTED_VERSION))
            g_set_error (error, ATTEST_MCA_LEDGER_ERROR,
                         ATTEST_MCA_LEDGER_ERROR_UNSUPPORTED_VERSION,
                         _("The ledger %s was written by another version of Attest (ledger "
                           "version %s)."), self->path, entry_error->message);
          else
            /* Translators: the last %s names what is damaged, a member of the line such as
             * “requestId”. */
            g_set_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_CORRUPT,
                         _("Line %u of the ledger %s is damaged (%s) and cannot be read."),
                         line_number, self->path, entry_error->message);
          return FALSE;
        }

      if (line_number == 1 && g_ascii_strcasecmp (tenant_id, self->tenant_id) != 0)
        {
          g_set_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_CORRUPT,
                       _("The ledger %s belongs to the partner tenant %s, not %s."),
                       self->path, tenant_id, self->tenant_id);
          return FALSE;
        }
    }

  self->n_lines = line_number;
  *out_keep = line - contents;

  return TRUE;
}

/* Makes the file of a new ledger: its first line, synced. */
static gboolean
create_file (AttestMcaLedger  *self,
             GError          **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *header = _attest_mca_entry_header (self->tenant_id, now);

  self->fd = g_open (self->path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
  if (self->fd < 0)
    {
      set_io_error (error, _("Cannot create the ledger %s: %s"), self->path, g_strerror (errno));
      return FALSE;
    }
  self->file_size = 0;
  self->n_lines = 0;
  self->version = ATTEST_MCA_LEDGER_VERSION;
  if (!_attest_mca_ledger_append (self, header, error) || !sync_fd (self->fd, self->path, error))
    return FALSE;
  attest_durable_sync_directory (self->directory);

  return TRUE;
}

static gboolean
read_file (AttestMcaLedger  *self,
           GError          **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *temp_path = g_strconcat (self->path, TEMP_SUFFIX, NULL);
  g_autoptr(GError) read_error = NULL;
  gsize length = 0;
  gsize keep = 0;

  /* A rewrite that a crash interrupted: the ledger itself is whole. */
  g_unlink (temp_path);

  if (!g_file_get_contents (self->path, &contents, &length, &read_error))
    {
      if (g_error_matches (read_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return create_file (self, error);
      g_set_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_IO,
                   _("Cannot read the ledger: %s"), read_error->message);
      return FALSE;
    }

  if (!read_lines (self, contents, length, &keep, error))
    return FALSE;
  if (self->n_lines == 0)
    return create_file (self, error);

  self->fd = g_open (self->path, O_WRONLY | O_APPEND | O_CLOEXEC, 0);
  if (self->fd < 0)
    {
      set_io_error (error, _("Cannot open the ledger %s: %s"), self->path, g_strerror (errno));
      return FALSE;
    }

  if (keep < length)
    {
      g_info ("Dropping %" G_GSIZE_FORMAT " bytes of an unfinished line at the end of %s",
              length - keep, self->path);
      if (ftruncate (self->fd, keep) != 0 || !sync_fd (self->fd, self->path, NULL))
        {
          set_io_error (error, _("Cannot repair the end of the ledger %s: %s"), self->path,
                        g_strerror (errno));
          return FALSE;
        }
    }
  self->file_size = keep;

  return TRUE;
}

typedef struct
{
  int        fd;     /* a duplicate: a compaction may close the ledger's meanwhile */
  int        dup_errno;
  char      *path;
  GPtrArray *tasks;  /* GTask, each waiting for this sync */
} SyncData;

static void
sync_data_free (SyncData *data)
{
  if (data->fd >= 0)
    g_close (data->fd, NULL);
  g_free (data->path);
  g_ptr_array_unref (data->tasks);
  g_free (data);
}

static void
sync_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SyncData *data = task_data;
  GError *error = NULL;

  if (data->fd < 0)
    set_io_error (&error, _("Cannot save the ledger %s to disk: %s"), data->path,
                  g_strerror (data->dup_errno));

  if (error != NULL || !sync_fd (data->fd, data->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void start_sync (AttestMcaLedger *self);

static void
on_synced (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AttestMcaLedger *self = ATTEST_MCA_LEDGER (object);
  SyncData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->syncing = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error) && self->failure == NULL)
    self->failure = g_error_copy (error);

  for (guint i = 0; i < data->tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (data->tasks, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }

  start_sync (self);
}

/* One fsync for every sync asked for since the last one started: a group
 * commit, so that the requests of a run's concurrent calls cost one. */
static void
start_sync (AttestMcaLedger *self)
{
  g_autoptr(GTask) task = NULL;
  SyncData *data;

  if (self->syncing || self->waiting->len == 0)
    return;

  data = g_new0 (SyncData, 1);
  data->fd = dup (self->fd);
  data->dup_errno = errno;
  data->path = g_strdup (self->path);
  data->tasks = g_steal_pointer (&self->waiting);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);

  self->syncing = TRUE;
  task = g_task_new (self, NULL, on_synced, NULL);
  g_task_set_source_tag (task, start_sync);
  g_task_set_task_data (task, data, (GDestroyNotify) sync_data_free);
  g_task_run_in_thread (task, sync_in_thread);
}

/* Puts everything recorded so far on the disk, on a thread. */
void
attest_mca_ledger_sync_async (AttestMcaLedger     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTEST_IS_MCA_LEDGER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_mca_ledger_sync_async);

  if (self->failure != NULL)
    {
      g_task_return_error (task, g_error_copy (self->failure));
      return;
    }

  g_ptr_array_add (self->waiting, g_steal_pointer (&task));
  start_sync (self);
}

gboolean
attest_mca_ledger_sync_finish (AttestMcaLedger  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Puts everything recorded so far on the disk before it returns. */
gboolean
attest_mca_ledger_sync (AttestMcaLedger  *self,
                        GError          **error)
{
  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (self), FALSE);

  if (self->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }

  /* What failed to reach the disk may be lost: nothing more is recorded. */
  if (!sync_fd (self->fd, self->path, &self->failure))
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }

  return TRUE;
}

/* Rewrites the file with one line per customer and per run now, rather
 * than when it has grown to twice that. */
gboolean
attest_mca_ledger_compact (AttestMcaLedger  *self,
                           GError          **error)
{
  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (self), FALSE);

  if (self->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }

  return compact (self, error);
}

/* Locks the ledger's folder and reads its file into the model, making it
 * when there is none, or rewriting it when it has grown too long or was
 * written by an older version: lines of this version never follow the
 * first line of an older one, which an older Attest would take for
 * damage. */
gboolean
_attest_mca_ledger_load (AttestMcaLedger  *self,
                         GError          **error)
{
  self->path = g_build_filename (self->directory, LEDGER_FILE_NAME, NULL);
  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      set_io_error (error, _("Cannot create the folder of the ledger %s: %s"), self->directory,
                    g_strerror (errno));
      return FALSE;
    }

  if (!lock_directory (self, error) || !read_file (self, error))
    return FALSE;
  if (self->version < ATTEST_MCA_LEDGER_VERSION && !compact (self, error))
    return FALSE;

  update_compact_at (self);
  _attest_mca_ledger_maybe_compact (self);

  return TRUE;
}
