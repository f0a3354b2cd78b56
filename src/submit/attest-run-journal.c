/* attest-run-journal.c: the append-only record of a submission run (SPEC §6)
 *
 * One JSON object per line under $XDG_STATE_HOME/attest/runs/<run-id>.jsonl.
 * Nothing is reported to a person before the line that records it is on the
 * disk: appends are queued, and one worker thread writes whatever is queued
 * and fsyncs once for all of it (a group commit), so that hundreds of
 * outcomes arriving together cost one fsync, not hundreds.
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

#include "attest-json.h"
#include "attest-run-journal.h"

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

static JsonNode *
header_to_json (const AttestRunHeader *header)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "run");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, ATTEST_RUN_JOURNAL_VERSION);
  json_builder_set_member_name (builder, "runId");
  json_builder_add_string_value (builder, header->run_id);
  json_builder_set_member_name (builder, "createdAt");
  json_builder_add_string_value (builder, header->created_at);
  json_builder_set_member_name (builder, "inputPath");
  json_builder_add_string_value (builder, header->input_path ? header->input_path : "");
  json_builder_set_member_name (builder, "inputSha256");
  json_builder_add_string_value (builder, header->input_sha256 ? header->input_sha256 : "");
  json_builder_set_member_name (builder, "strategy");
  json_builder_add_string_value (builder, header->strategy == ATTEST_STRATEGY_BULK
                                          ? "bulk" : "per-customer");
  json_builder_set_member_name (builder, "templateId");
  json_builder_add_string_value (builder, header->template_id ? header->template_id : "");
  json_builder_set_member_name (builder, "dateAgreed");
  json_builder_add_string_value (builder, header->date_agreed ? header->date_agreed : "");
  json_builder_set_member_name (builder, "partnerId");
  json_builder_add_string_value (builder, header->partner_id ? header->partner_id : "");
  json_builder_set_member_name (builder, "apiBase");
  json_builder_add_string_value (builder, header->api_base ? header->api_base : "");
  json_builder_set_member_name (builder, "batchSize");
  json_builder_add_int_value (builder, header->batch_size);
  json_builder_set_member_name (builder, "totalRecords");
  json_builder_add_int_value (builder, header->total_records);
  json_builder_set_member_name (builder, "dryRun");
  json_builder_add_boolean_value (builder, header->dry_run);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           GError     **error)
{
  while (length > 0)
    {
      gssize written = write (fd, data, length);

      if (written < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;

          g_set_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_IO,
                       _("Cannot write to the run journal: %s"), g_strerror (saved_errno));
          return FALSE;
        }

      data += written;
      length -= written;
    }

  return TRUE;
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

/* A new file is only durable once the folder that names it is too. */
static void
sync_directory (const char *directory)
{
  int fd = g_open (directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      g_fsync (fd);
      g_close (fd, NULL);
    }
}


AttestRunJournal *
attest_run_journal_create (const char             *directory,
                           const AttestRunHeader  *header,
                           GError                **error)
{
  g_autoptr(AttestRunJournal) self = NULL;
  g_autoptr(JsonNode) node = NULL;
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

  node = header_to_json (header);
  text = json_to_string (node, FALSE);
  line = g_strconcat (text, "\n", NULL);
  if (!write_all (self->fd, line, strlen (line), error) || !sync_fd (self->fd, error))
    return NULL;
  sync_directory (directory);

  return g_steal_pointer (&self);
}

/* Where a run keeps its private copy of the records it sends: beside its
 * journal, <run-id>.csv. */
char *
attest_run_journal_dup_records_path (const char *journal_path)
{
  g_autofree char *stem = NULL;

  g_return_val_if_fail (journal_path != NULL, NULL);

  stem = g_str_has_suffix (journal_path, ".jsonl")
         ? g_strndup (journal_path, strlen (journal_path) - strlen (".jsonl"))
         : g_strdup (journal_path);

  return g_strconcat (stem, ".csv", NULL);
}

/* Creates the file of the copy of the records a run sends, to be written
 * with attest_run_journal_append_records() and synced with
 * attest_run_journal_sync_records() before its journal says anything was
 * sent. Returns the file descriptor, and the file's path in @path. */
int
attest_run_journal_create_records (const char  *directory,
                                   const char  *run_id,
                                   char       **path,
                                   GError     **error)
{
  g_autofree char *file_name = NULL;
  g_autofree char *records_path = NULL;
  int fd;

  g_return_val_if_fail (directory != NULL, -1);
  g_return_val_if_fail (run_id != NULL, -1);

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_IO,
                   _("Cannot create the folder for run journals %s: %s"),
                   directory, g_strerror (saved_errno));
      return -1;
    }

  file_name = g_strdup_printf ("%s.csv", run_id);
  records_path = g_build_filename (directory, file_name, NULL);
  fd = g_open (records_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_IO,
                   _("Cannot create the run journal %s: %s"), records_path,
                   g_strerror (saved_errno));
      return -1;
    }

  if (path != NULL)
    *path = g_steal_pointer (&records_path);

  return fd;
}

/* Writes the next piece of the copy, and has the system start writing it
 * to the disk, so that the final sync has little left to wait for. */
gboolean
attest_run_journal_append_records (int      fd,
                                   GBytes  *piece,
                                   GError **error)
{
  g_return_val_if_fail (fd >= 0, FALSE);
  g_return_val_if_fail (piece != NULL, FALSE);

  if (!write_all (fd, g_bytes_get_data (piece, NULL), g_bytes_get_size (piece), error))
    return FALSE;
#ifdef SYNC_FILE_RANGE_WRITE
  sync_file_range (fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif

  return TRUE;
}

gboolean
attest_run_journal_sync_records (int      fd,
                                 GError **error)
{
  g_return_val_if_fail (fd >= 0, FALSE);

  return sync_fd (fd, error);
}

/* Writes, and syncs, the copy of the records a run sends, at once. */
gboolean
attest_run_journal_write_records (const char  *directory,
                                  const char  *run_id,
                                  GBytes      *records,
                                  GError     **error)
{
  gboolean ok;
  int fd;

  g_return_val_if_fail (records != NULL, FALSE);

  fd = attest_run_journal_create_records (directory, run_id, NULL, error);
  if (fd < 0)
    return FALSE;

  ok = attest_run_journal_append_records (fd, records, error)
       && attest_run_journal_sync_records (fd, error);
  g_close (fd, NULL);

  return ok;
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
    self->kick_id = g_idle_add_full (G_PRIORITY_HIGH, kick_writer, g_object_ref (self),
                                     g_object_unref);
}

/* Appends @entry (the journal takes it). The callback runs once the line is
 * synced to disk: only then may the outcome it records be reported. Entries
 * are written in the order they are appended. Once queued, an entry is
 * written even if @cancellable is cancelled later, so that the journal never
 * misses what was done. */
void
attest_run_journal_append_async (AttestRunJournal    *self,
                                 char                *entry,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (ATTEST_IS_RUN_JOURNAL (self));
  g_return_if_fail (entry != NULL);

  append_pending (self, entry, NULL, cancellable, callback, user_data);
}

static GString *batch_sent_begin (guint               batch,
                                  const char         *request_id,
                                  const char         *correlation_id,
                                  const char * const *customer_ids,
                                  gsize               body_length);

/* Appends attest_journal_entry_batch_sent() for @body (NUL-terminated
 * text), as attest_run_journal_append_async() does: a batch's body is some
 * 150 kB to escape, which the writer thread does rather than the caller. */
void
attest_run_journal_append_batch_sent_async (AttestRunJournal    *self,
                                            guint                batch,
                                            const char          *request_id,
                                            const char          *correlation_id,
                                            const char * const  *customer_ids,
                                            GBytes              *body,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  GString *head;

  g_return_if_fail (ATTEST_IS_RUN_JOURNAL (self));
  g_return_if_fail (body != NULL);

  head = batch_sent_begin (batch, request_id, correlation_id, customer_ids, 0);
  append_pending (self, g_string_free (head, FALSE), body, cancellable, callback, user_data);
}

gboolean
attest_run_journal_append_finish (AttestRunJournal  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Appends and syncs @entry (the journal takes it) before returning. Only for
 * when no asynchronous append is under way, e.g. the last entry of a run. */
gboolean
attest_run_journal_append_sync (AttestRunJournal  *self,
                                char              *entry,
                                GError           **error)
{
  g_autofree char *owned_entry = entry;
  g_autofree char *line = NULL;

  g_return_val_if_fail (ATTEST_IS_RUN_JOURNAL (self), FALSE);
  g_return_val_if_fail (!self->writing && g_queue_is_empty (&self->pending), FALSE);

  if (self->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (self->failure));
      return FALSE;
    }

  line = g_strconcat (owned_entry, "\n", NULL);
  return write_all (self->fd, line, strlen (line), error) && sync_fd (self->fd, error);
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

static void
append_int_member (GString    *json,
                   const char *name,
                   gint64      value)
{
  if (json->str[json->len - 1] != '{')
    g_string_append_c (json, ',');
  attest_json_append_string (json, name);
  g_string_append_printf (json, ":%" G_GINT64_FORMAT, value);
}

static void
append_string_array (GString            *json,
                     const char         *name,
                     const char * const *values)
{
  g_string_append_c (json, ',');
  attest_json_append_string (json, name);
  g_string_append (json, ":[");
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      attest_json_append_string (json, values[i]);
    }
  g_string_append_c (json, ']');
}

/* What a record's outcome says, in `record` and `records` entries alike. */
static void
append_outcome_members (GString    *json,
                        const char *status,
                        const char *message,
                        const char *request_id,
                        const char *correlation_id,
                        const char *submitted_at)
{
  attest_json_append_member (json, "status", status);
  attest_json_append_member (json, "message", message);
  attest_json_append_member (json, "requestId", request_id);
  attest_json_append_member (json, "correlationId", correlation_id);
  attest_json_append_member (json, "submittedAt", submitted_at);
}

/* Entries are written as text: a batch's entry holds its whole body,
 * some 150 kB, which json-glib would copy into a node and then escape one
 * character at a time, on the thread that also sends the batches. */
static GString *
entry_begin (const char *type,
             gsize       size)
{
  GString *json = g_string_sized_new (size);

  g_string_append_c (json, '{');
  attest_json_append_member (json, "type", type);

  return json;
}

static char *
entry_end (GString *json)
{
  g_string_append_c (json, '}');

  return g_string_free (json, FALSE);
}

/* A batch-sent entry up to its body, without the object's end. */
static GString *
batch_sent_begin (guint               batch,
                  const char         *request_id,
                  const char         *correlation_id,
                  const char * const *customer_ids,
                  gsize               body_length)
{
  gsize n_ids = customer_ids != NULL ? g_strv_length ((char **) customer_ids) : 0;
  GString *json = entry_begin ("batch-sent", 256 + n_ids * 40 + body_length * 9 / 8);

  append_int_member (json, "batch", batch);
  attest_json_append_member (json, "requestId", request_id);
  attest_json_append_member (json, "correlationId", correlation_id);
  append_string_array (json, "customerIds", customer_ids);

  return json;
}

char *
attest_journal_entry_batch_sent (guint               batch,
                                 const char         *request_id,
                                 const char         *correlation_id,
                                 const char * const *customer_ids,
                                 const char         *body)
{
  GString *json = batch_sent_begin (batch, request_id, correlation_id, customer_ids,
                                    body != NULL ? strlen (body) : 0);

  /* The exact bytes sent: a batch whose answer was lost goes out again
   * byte-identical under the same request ID, Partner Center's idempotency key. */
  attest_json_append_member (json, "body", body);

  return entry_end (json);
}

char *
attest_journal_entry_batch_outcome (guint  batch,
                                    guint  http_status,
                                    gint64 duration_ms,
                                    guint  attempts)
{
  GString *json = entry_begin ("batch-outcome", 128);

  append_int_member (json, "batch", batch);
  append_int_member (json, "httpStatus", http_status);
  append_int_member (json, "durationMs", duration_ms);
  append_int_member (json, "attempts", attempts);

  return entry_end (json);
}

char *
attest_journal_entry_record (guint       batch,
                             const char *customer_id,
                             const char *status,
                             const char *message,
                             const char *request_id,
                             const char *correlation_id,
                             const char *submitted_at)
{
  GString *json = entry_begin ("record", 256);

  append_int_member (json, "batch", batch);
  attest_json_append_member (json, "customerId", customer_id);
  append_outcome_members (json, status, message, request_id, correlation_id, submitted_at);

  return entry_end (json);
}

/* The same outcome for several records of a batch, in one line: a batch of
 * 500 that Partner Center accepted is one entry, not 500. */
char *
attest_journal_entry_records (guint               batch,
                              const char * const *customer_ids,
                              const char         *status,
                              const char         *message,
                              const char         *request_id,
                              const char         *correlation_id,
                              const char         *submitted_at)
{
  GString *json = entry_begin ("records", 256 + 40 * (customer_ids != NULL
                                                      ? g_strv_length ((char **) customer_ids)
                                                      : 0));

  append_int_member (json, "batch", batch);
  append_string_array (json, "customerIds", customer_ids);
  append_outcome_members (json, status, message, request_id, correlation_id, submitted_at);

  return entry_end (json);
}

char *
attest_journal_entry_end (AttestRunState  state,
                          const char     *reason)
{
  GString *json = entry_begin ("end", 128);

  attest_json_append_member (json, "state", attest_run_state_to_string (state));
  attest_json_append_member (json, "reason", reason);

  return entry_end (json);
}
