/* attest-submission-start.c: what a new run does before its first request
 * (SPEC §6)
 *
 * A run needs the agreement template and a durable private copy of its
 * records, both named in the journal's first line, before it sends
 * anything. They are prepared at once: the template request goes out while
 * the copy is built as CSV text on the main thread, a few thousand records
 * per dispatch below the sockets' priority (the record store is not
 * thread-safe). Each piece of text goes to two threads as it is built: one
 * hashes it, the other writes it and has the system start writing it to
 * the disk, and syncs the file at the end. The journal is created, and the
 * run starts sending, once all of that is done; if any of it fails, the
 * run waits for the rest to stop and then fails with the first error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-submission"

#include "config.h"

#include <glib/gstdio.h>

#include "attest-csv-writer.h"
#include "attest-sha256.h"
#include "attest-submission-private.h"

/* Below G_PRIORITY_DEFAULT, so that the template request and its answer
 * never wait for more than one step; above redraws, as the run's other
 * work. */
#define COPY_PRIORITY (G_PRIORITY_DEFAULT + 50)

/* About 3 ms of work each. */
#define COPY_RECORDS_PER_STEP 4096

/* What the threads that take the pieces of the copy get last. */
static char end_of_copy;
static char copy_abandoned;
#define END_OF_COPY ((gpointer) &end_of_copy)
#define COPY_ABANDONED ((gpointer) &copy_abandoned)

static void
push_to_sinks (AttestSubmission *self,
               gpointer          item)
{
  g_async_queue_push (self->start.to_disk, item == END_OF_COPY || item == COPY_ABANDONED
                                           ? item : g_bytes_ref (item));
  g_async_queue_push (self->start.to_hash, item == END_OF_COPY || item == COPY_ABANDONED
                                           ? item : g_bytes_ref (item));
}

static double
elapsed_ms (AttestSubmission *self)
{
  return (g_get_monotonic_time () - self->start.began) / 1000.0;
}

static char *
dup_copy_path (AttestSubmission *self)
{
  g_autofree char *file_name = g_strdup_printf ("%s.csv", self->start.run_id);

  return g_build_filename (self->runs_directory, file_name, NULL);
}

static void
start_continue (AttestSubmission *self)
{
  g_autoptr(GError) error = NULL;

  if (self->start.pending > 0)
    return;

  if (self->start.error != NULL)
    {
      /* Nothing refers to a copy that no journal names. */
      if (self->start.copy_written)
        {
          g_autofree char *copy_path = dup_copy_path (self);

          g_unlink (copy_path);
        }
      _attest_submission_fail_run (self, g_steal_pointer (&self->start.error));
      return;
    }

  if (!self->header->dry_run)
    {
      /* A run is known by its ID once it has a journal to resume from. */
      self->header->run_id = g_steal_pointer (&self->start.run_id);
      self->journal = attest_run_journal_create (self->runs_directory, self->header, &error);
      if (self->journal == NULL)
        {
          _attest_submission_fail_run (self, g_steal_pointer (&error));
          return;
        }
      g_debug ("Start-up: journal created after %.1f ms", elapsed_ms (self));
    }

  _attest_submission_start_dispatching (self, NULL);
}

/* The first error is the one the run fails with; the others follow from it. */
static void
start_failed (AttestSubmission *self,
              GError           *error)
{
  g_debug ("Start-up: failed after %.1f ms: %s", elapsed_ms (self), error->message);

  if (self->start.error == NULL)
    self->start.error = error;
  else
    g_error_free (error);

  g_cancellable_cancel (self->waits);
  if (self->start.copy_writer_id != 0)
    {
      g_clear_handle_id (&self->start.copy_writer_id, g_source_remove);
      g_clear_pointer (&self->start.copy_writer, attest_csv_writer_free);
      push_to_sinks (self, COPY_ABANDONED);
      self->start.pending--;
    }
}

/* The records the run sends, kept for when it starts sending. */
static void
count_total_records (AttestSubmission *self)
{
  g_clear_pointer (&self->start.records, g_array_unref);
  self->start.records = _attest_submission_pending_records (self, NULL);
  self->header->total_records = self->start.records->len;
}

static void
on_template (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AttestSubmission) self = user_data;
  g_autoptr(GError) error = NULL;
  char *template_id;

  self->start.pending--;
  template_id = attest_partner_client_get_template_id_finish (ATTEST_PARTNER_CLIENT (object),
                                                              result, &error);
  if (template_id == NULL)
    start_failed (self, g_steal_pointer (&error));
  else
    {
      g_debug ("Start-up: template after %.1f ms", elapsed_ms (self));
      self->header->template_id = template_id;
    }

  start_continue (self);
}

/* The copy, written and synced, and hashed, piece by piece as it is built:
 * each of two threads takes every piece from its own queue, then the end
 * (or that the copy was abandoned). */

typedef struct
{
  GAsyncQueue *pieces;
  char        *directory;
  char        *run_id;
  gint64       began;
} CopySink;

static void
copy_sink_free (CopySink *sink)
{
  g_async_queue_unref (sink->pieces);
  g_free (sink->directory);
  g_free (sink->run_id);
  g_free (sink);
}

/* Every piece is taken, whatever happened, until the end. */
static gpointer
pop_piece (CopySink *sink)
{
  return g_async_queue_pop (sink->pieces);
}

static void
write_copy_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CopySink *sink = task_data;
  g_autofree char *path = NULL;
  GError *error = NULL;
  gpointer piece;
  int fd;

  fd = attest_run_journal_create_records (sink->directory, sink->run_id, &path, &error);
  while ((piece = pop_piece (sink)) != END_OF_COPY && piece != COPY_ABANDONED)
    {
      if (error == NULL)
        attest_run_journal_append_records (fd, piece, &error);
      g_bytes_unref (piece);
    }
  if (error == NULL && piece == COPY_ABANDONED)
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "The copy was abandoned");
  if (error == NULL)
    attest_run_journal_sync_records (fd, &error);

  if (fd >= 0)
    {
      g_close (fd, NULL);
      /* Nothing refers to a copy that is not whole. */
      if (error != NULL)
        g_unlink (path);
    }

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("Start-up: copy written and synced after %.1f ms",
           (g_get_monotonic_time () - sink->began) / 1000.0);
  g_task_return_boolean (task, TRUE);
}

static void
hash_copy_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  CopySink *sink = task_data;
  g_autoptr(AttestSha256) checksum = attest_sha256_new ();
  gpointer piece;

  while ((piece = pop_piece (sink)) != END_OF_COPY && piece != COPY_ABANDONED)
    {
      attest_sha256_update (checksum, g_bytes_get_data (piece, NULL), g_bytes_get_size (piece));
      g_bytes_unref (piece);
    }

  if (piece == COPY_ABANDONED)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The copy was abandoned");
      return;
    }

  g_debug ("Start-up: copy hashed after %.1f ms",
           (g_get_monotonic_time () - sink->began) / 1000.0);
  g_task_return_pointer (task, g_strdup (attest_sha256_get_string (checksum)), g_free);
}

static void
on_copy_written (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AttestSubmission *self = ATTEST_SUBMISSION (object);
  GError *error = NULL;

  self->start.pending--;
  if (g_task_propagate_boolean (G_TASK (result), &error))
    self->start.copy_written = TRUE;
  else
    start_failed (self, error);

  start_continue (self);
}

static void
on_copy_hashed (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AttestSubmission *self = ATTEST_SUBMISSION (object);
  GError *error = NULL;
  char *sha256;

  self->start.pending--;
  sha256 = g_task_propagate_pointer (G_TASK (result), &error);
  if (sha256 != NULL)
    self->header->input_sha256 = sha256;
  else
    start_failed (self, error);

  start_continue (self);
}

static void
start_copy_sink (AttestSubmission    *self,
                 GAsyncQueue         *pieces,
                 GTaskThreadFunc      thread_func,
                 GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, NULL);
  CopySink *sink = g_new0 (CopySink, 1);

  sink->pieces = g_async_queue_ref (pieces);
  sink->directory = g_strdup (self->runs_directory);
  sink->run_id = g_strdup (self->start.run_id);
  sink->began = self->start.began;
  g_task_set_source_tag (task, start_copy_sink);
  g_task_set_task_data (task, sink, (GDestroyNotify) copy_sink_free);
  self->start.pending++;
  g_task_run_in_thread (task, thread_func);
}

/* The run keeps its own copy of the records it sends, edits included, so
 * that a resume sends exactly what this run would have sent. */
static gboolean
write_copy_step (gpointer user_data)
{
  AttestSubmission *self = user_data;
  g_autoptr(GBytes) piece = NULL;
  GError *error = NULL;
  gboolean more;

  if (g_cancellable_set_error_if_cancelled (self->waits, &error))
    {
      start_failed (self, error);
      start_continue (self);
      return G_SOURCE_REMOVE;
    }

  more = attest_csv_writer_step (self->start.copy_writer, COPY_RECORDS_PER_STEP);
  piece = attest_csv_writer_take_bytes (self->start.copy_writer);
  push_to_sinks (self, piece);
  if (more)
    return G_SOURCE_CONTINUE;

  push_to_sinks (self, END_OF_COPY);
  self->start.copy_writer_id = 0;
  g_clear_pointer (&self->start.copy_writer, attest_csv_writer_free);
  self->start.pending--;
  g_debug ("Start-up: copy built after %.1f ms", elapsed_ms (self));
  count_total_records (self);

  return G_SOURCE_REMOVE;
}

/* Starts a new run, signed in as @partner_id. */
void
_attest_submission_begin_new_run (AttestSubmission *self,
                                  const char       *partner_id)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  self->start.began = g_get_monotonic_time ();
  self->header->partner_id = g_strdup (partner_id);
  self->start.run_id = attest_run_journal_new_run_id (now);
  self->header->created_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  if (self->runs_directory == NULL)
    self->runs_directory = attest_run_journal_dup_directory ();

  self->start.pending++;
  attest_partner_client_get_template_id_async (self->client, self->waits, on_template,
                                               g_object_ref (self));

  if (self->header->dry_run)
    {
      count_total_records (self);
      return;
    }

  self->start.to_disk = g_async_queue_new ();
  self->start.to_hash = g_async_queue_new ();
  start_copy_sink (self, self->start.to_disk, write_copy_thread, on_copy_written);
  start_copy_sink (self, self->start.to_hash, hash_copy_thread, on_copy_hashed);

  self->start.pending++;
  self->start.copy_writer = attest_csv_writer_new (self->store, ATTEST_CSV_FORMAT_COMPATIBLE);
  self->start.copy_writer_id = g_idle_add_full (COPY_PRIORITY, write_copy_step, self, NULL);
  g_source_set_name_by_id (self->start.copy_writer_id, "[attest] copy of the records");
}
