/* attest-run-journal.c: the append-only record of a submission run (SPEC §6)
 *
 * One JSON object per line under $XDG_STATE_HOME/attest/runs/<run-id>.jsonl.
 * Nothing is reported to a person before the line that records it is on the
 * disk: appends are queued, and one worker thread writes whatever is queued
 * and fsyncs once for all of it (a group commit), so that hundreds of
 * outcomes arriving together cost one fsync, not hundreds. The lines are
 * made by attest-run-journal-entry.c, and read back by attest-run-replay.c;
 * the run's copy of its records is attest-run-copy.c's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-run-journal"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "attest-durable.h"
#include "attest-json.h"
#include "attest-run-journal-entry.h"
#include "attest-run-priority.h"

G_DEFINE_QUARK (attest-run-journal-error-quark, attest_run_journal_error)

struct _AttestRunJournal
{
  GObject   parent_instance;

  char     *path;
  int       fd;
  GQueue    pending;    /* PendingAppend, not yet handed to the writer */
  gboolean  writing;
  guint     kick_id;    /* idle source that hands what is queued to the writer */
  GError   *failure;    /* once a write failed, every later append fails */
};

typedef struct
{
  char   *line;
  GBytes *body;      /* a text member to escape and add on the writer thread, ending the line */
  GTask  *task;
} PendingAppend;

G_DEFINE_FINAL_TYPE (AttestRunJournal, attest_run_journal, G_TYPE_OBJECT)

static void
pending_append_free (PendingAppend *pending)
{
  g_free (pending->line);
  g_clear_pointer (&pending->body, g_bytes_unref);
  g_clear_object (&pending->task);
  g_free (pending);
}

AttestRunHeader *
attest_run_header_new (void)
{
  AttestRunHeader *header = g_new0 (AttestRunHeader, 1);

  header->batch_size = ATTEST_MAX_BATCH_SIZE;
  return header;
}

AttestRunHeader *
attest_run_header_copy (const AttestRunHeader *header)
{
  AttestRunHeader *copy;

  g_return_val_if_fail (header != NULL, NULL);

  copy = g_memdup2 (header, sizeof *header);
  copy->run_id = g_strdup (header->run_id);
  copy->created_at = g_strdup (header->created_at);
  copy->input_path = g_strdup (header->input_path);
  copy->input_sha256 = g_strdup (header->input_sha256);
  copy->template_id = g_strdup (header->template_id);
  copy->date_agreed = g_strdup (header->date_agreed);
  copy->partner_id = g_strdup (header->partner_id);
  copy->api_base = g_strdup (header->api_base);

  return copy;
}

void
attest_run_header_free (AttestRunHeader *header)
{
  if (header == NULL)
    return;

  g_free (header->run_id);
  g_free (header->created_at);
  g_free (header->input_path);
  g_free (header->input_sha256);
  g_free (header->template_id);
  g_free (header->date_agreed);
  g_free (header->partner_id);
  g_free (header->api_base);
  g_free (header);
}

const char *
attest_run_state_to_string (AttestRunState state)
{
  switch (state)
    {
    case ATTEST_RUN_STATE_COMPLETED:
      return "completed";
    case ATTEST_RUN_STATE_STOPPED:
      return "stopped";
    case ATTEST_RUN_STATE_RETIRED:
      return "retired";
    case ATTEST_RUN_STATE_DISCARDED:
      return "discarded";
    case ATTEST_RUN_STATE_RUNNING:
    default:
      return "running";
    }
}

char *
attest_run_journal_dup_directory (void)
{
  return g_build_filename (g_get_user_state_dir (), "attest", "runs", NULL);
}

/* Run IDs sort by time and stay unique when two runs start in the same second. */
char *
attest_run_journal_new_run_id (GDateTime *now)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (now);
  g_autofree char *stamp = g_date_time_format (utc, "%Y%m%d-%H%M%S");

  return g_strdup_printf ("%s-%04x", stamp, g_random_int_range (0, 0x10000));
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           GError     **error)
{
  int saved_errno = 0;

  if (attest_durable_write_all (fd, data, length, &saved_errno))
    return TRUE;

  g_set_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_IO,
               _("Cannot write to the run journal: %s"), g_strerror (saved_errno));
  return FALSE;
}

static gboolean
sync_fd (int          fd,
         GError     **error)
{
  if (g_fsync (fd) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_IO,
                   _("Cannot save the run journal to disk: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}


AttestRunJournal *
attest_run_journal_create (const char             *directory,
                           const AttestRunHeader  *header,
                           GError                **error)
{
  g_autoptr(AttestRunJournal) self = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;

  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (header != NULL && header->run_id != NULL, NULL);

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_IO,
                   _("Cannot create the folder for run journals %s: %s"),
                   directory, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (ATTEST_TYPE_RUN_JOURNAL, NULL);
  file_name = g_strdup_printf ("%s.jsonl", header->run_id);
  self->path = g_build_filename (directory, file_name, NULL);
  self->fd = g_open (self->path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0600);
  if (self->fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_IO,
                   _("Cannot create the run journal %s: %s"), self->path,
                   g_strerror (saved_errno));
      return NULL;
    }

  text = attest_journal_entry_run (header);
  line = g_strconcat (text, "\n", NULL);
  if (!write_all (self->fd, line, strlen (line), error) || !sync_fd (self->fd, error))
    return NULL;
  attest_durable_sync_directory (directory);

  return g_steal_pointer (&self);
}

/* Opens a journal to continue it. A last line without its line end was cut
 * short by a crash before it was synced, so nothing was reported from it:
 * it is dropped, so that the next entry starts on a line of its own. */
AttestRunJournal *
attest_run_journal_open_append (const char  *path,
                                GError     **error)
{
  g_autoptr(AttestRunJournal) self = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  const char *last_newline;
  gsize keep;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  last_newline = length > 0 ? memrchr (contents, '\n', length) : NULL;
  keep = last_newline != NULL ? (gsize) (last_newline - contents) + 1 : 0;

  self = g_object_new (ATTEST_TYPE_RUN_JOURNAL, NULL);
  self->path = g_strdup (path);
  self->fd = g_open (path, O_WRONLY | O_APPEND | O_CLOEXEC, 0);
  if (self->fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_IO,
                   _("Cannot open the run journal %s: %s"), path, g_strerror (saved_errno));
      return NULL;
    }

  if (keep < length)
    {
      g_info ("Dropping %" G_GSIZE_FORMAT " bytes of an unfinished line at the end of %s",
              length - keep, path);
      if (ftruncate (self->fd, keep) != 0 || !sync_fd (self->fd, NULL))
        {
          int saved_errno = errno;

          g_set_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_IO,
                       _("Cannot repair the end of the run journal %s: %s"), path,
                       g_strerror (saved_errno));
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

const char *
attest_run_journal_get_path (AttestRunJournal *self)
{
  g_return_val_if_fail (ATTEST_IS_RUN_JOURNAL (self), NULL);

  return self->path;
}

static void
write_lines_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  AttestRunJournal *self = source_object;
  GPtrArray *batch = task_data;
  g_autoptr(GString) buffer = g_string_new (NULL);
  GError *error = NULL;

  for (guint i = 0; i < batch->len; i++)
    {
      PendingAppend *pending = g_ptr_array_index (batch, i);

      g_string_append (buffer, pending->line);
      if (pending->body != NULL)
        {
          attest_json_append_member (buffer, "body", g_bytes_get_data (pending->body, NULL));
          g_string_append_c (buffer, '}');
        }
      g_string_append_c (buffer, '\n');
    }

  if (!write_all (self->fd, buffer->str, buffer->len, &error) || !sync_fd (self->fd, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void start_writing (AttestRunJournal *self);

static void
on_lines_written (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AttestRunJournal *self = ATTEST_RUN_JOURNAL (object);
  GPtrArray *batch = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->writing = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error) && self->failure == NULL)
    self->failure = g_error_copy (error);

  for (guint i = 0; i < batch->len; i++)
    {
      PendingAppend *pending = g_ptr_array_index (batch, i);

      if (error != NULL)
        g_task_return_error (pending->task, g_error_copy (error));
      else
        g_task_return_boolean (pending->task, TRUE);
    }

  start_writing (self);
}

static void
start_writing (AttestRunJournal *self)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *batch;

  if (self->writing || g_queue_is_empty (&self->pending))
    return;

  batch = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_append_free);
  while (!g_queue_is_empty (&self->pending))
    g_ptr_array_add (batch, g_queue_pop_head (&self->pending));

  if (self->failure != NULL)
    {
      for (guint i = 0; i < batch->len; i++)
        g_task_return_error (((PendingAppend *) g_ptr_array_index (batch, i))->task,
                             g_error_copy (self->failure));
      g_ptr_array_unref (batch);
      return;
    }

  self->writing = TRUE;
  task = g_task_new (self, NULL, on_lines_written, NULL);
  g_task_set_source_tag (task, start_writing);
  g_task_set_task_data (task, batch, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, write_lines_in_thread);
}

static gboolean
kick_writer (gpointer user_data)
{
  AttestRunJournal *self = user_data;

  self->kick_id = 0;
  start_writing (self);

  return G_SOURCE_REMOVE;
}

static void
append_pending (AttestRunJournal    *self,
                char                *line,
                GBytes              *body,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autofree char *owned_line = line;
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  PendingAppend *pending;

  g_task_set_source_tag (task, attest_run_journal_append_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  pending = g_new0 (PendingAppend, 1);
  pending->line = g_steal_pointer (&owned_line);
  pending->body = body != NULL ? g_bytes_ref (body) : NULL;
  pending->task = g_steal_pointer (&task);
  g_queue_push_tail (&self->pending, pending);

  /* Whatever is appended before the main loop turns goes to the disk in
   * one write and one sync. */
  if (!self->writing && self->kick_id == 0)
    self->kick_id = g_idle_add_full (ATTEST_RUN_PRIORITY, kick_writer,
                                     g_object_ref (self), g_object_unref);
}

/* Appends @entry, a copy of it. The callback runs once the line is
 * synced to disk: only then may the outcome it records be reported. Entries
 * are written in the order they are appended. Once queued, an entry is
 * written even if @cancellable is cancelled later, so that the journal never
 * misses what was done. */
void
attest_run_journal_append_async (AttestRunJournal    *self,
                                 const char          *entry,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (ATTEST_IS_RUN_JOURNAL (self));
  g_return_if_fail (entry != NULL);

  append_pending (self, g_strdup (entry), NULL, cancellable, callback, user_data);
}

/* Appends that batch @batch, the records @customer_ids, goes out as
 * @request, whole: a batch whose answer is lost goes out again as the very
 * same request, byte for byte, under the same MS-RequestId, Partner
 * Center's idempotency key. As attest_run_journal_append_async() does; a
 * batch's body is some 150 kB to escape, which the writer thread does
 * rather than the caller. */
void
attest_run_journal_append_batch_sent_async (AttestRunJournal     *self,
                                            guint                 batch,
                                            AttestPartnerRequest *request,
                                            const char * const   *customer_ids,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data)
{
  GString *head;

  g_return_if_fail (ATTEST_IS_RUN_JOURNAL (self));
  g_return_if_fail (request != NULL);

  head = attest_journal_entry_batch_sent_begin (batch, request, customer_ids);
  append_pending (self, g_string_free (head, FALSE),
                  attest_partner_request_get_body (request), cancellable, callback, user_data);
}

gboolean
attest_run_journal_append_finish (AttestRunJournal  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Appends and syncs @entry before returning. Only for when no asynchronous
 * append is under way, e.g. the last entry of a run. */
gboolean
attest_run_journal_append_sync (AttestRunJournal  *self,
                                const char        *entry,
                                GError           **error)
{
  g_autofree char *line = NULL;

  g_return_val_if_fail (ATTEST_IS_RUN_JOURNAL (self), FALSE);
  g_return_val_if_fail (!self->writing && g_queue_is_empty (&self->pending), FALSE);

  if (self->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }

  line = g_strconcat (entry, "\n", NULL);
  return write_all (self->fd, line, strlen (line), error) && sync_fd (self->fd, error);
}

/* Ends the interrupted run of the journal @path as discarded: nothing more
 * of it is sent, and it is offered to be finished no more. What it sent
 * stays as recorded. */
gboolean
attest_run_journal_discard (const char  *path,
                            GError     **error)
{
  g_autoptr(AttestRunJournal) journal = NULL;
  g_autofree char *entry = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  journal = attest_run_journal_open_append (path, error);
  if (journal == NULL)
    return FALSE;

  entry = attest_journal_entry_end (ATTEST_RUN_STATE_DISCARDED, "discarded by the partner");
  return attest_run_journal_append_sync (journal, entry, error);
}

static void
attest_run_journal_finalize (GObject *object)
{
  AttestRunJournal *self = ATTEST_RUN_JOURNAL (object);

  /* Every queued append holds a reference through its task. */
  g_assert (g_queue_is_empty (&self->pending));

  if (self->fd >= 0)
    g_close (self->fd, NULL);
  g_free (self->path);
  g_clear_error (&self->failure);

  G_OBJECT_CLASS (attest_run_journal_parent_class)->finalize (object);
}

static void
attest_run_journal_class_init (AttestRunJournalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_run_journal_finalize;
}

static void
attest_run_journal_init (AttestRunJournal *self)
{
  self->fd = -1;
  g_queue_init (&self->pending);
}
