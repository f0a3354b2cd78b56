/* attest-submission-start.c: what a new run does before its first request
 * (SPEC §6)
 *
 * A run needs the agreement template and a durable private copy of its
 * records, both named in the journal's first line, before it sends
 * anything. They are prepared at once: the template request goes out while
 * the copy is written as CSV text on the main thread, a few thousand
 * records per dispatch below the sockets' priority (the record store is not
 * thread-safe); the finished text is then hashed on one thread while
 * another writes and syncs it. The journal is created, and the run starts
 * sending, once all of that is done; if any of it fails, the run waits for
 * the rest to stop and then fails with the first error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-submission"

#include "config.h"

#include <glib/gstdio.h>

#include "attest-csv-writer.h"
#include "attest-submission-private.h"

/* Below G_PRIORITY_DEFAULT, so that the template request and its answer
 * never wait for more than one step; above redraws, as the run's other
 * work. */
#define COPY_PRIORITY (G_PRIORITY_DEFAULT + 50)

/* About 3 ms of work each. */
#define COPY_RECORDS_PER_STEP 4096

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
      self->start.pending--;
    }
}

static void
count_total_records (AttestSubmission *self)
{
  guint n = attest_record_store_get_n_records (self->store);
  guint total = 0;

  for (guint i = attest_record_store_find_next_actionable (self->store, 0);
       i < n;
       i = attest_record_store_find_next_actionable (self->store, i + 1))
    {
      if (attest_record_store_get_status (self->store, i) == ATTEST_RECORD_STATUS_PENDING)
        total++;
    }

  self->header->total_records = total;
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

/* The copy, written and synced */

typedef struct
{
  GBytes *copy;
  char   *directory;
  char   *run_id;
  gint64  began;
} CopyJob;

static void
copy_job_free (CopyJob *job)
{
  g_bytes_unref (job->copy);
  g_free (job->directory);
  g_free (job->run_id);
  g_free (job);
}

static void
write_copy_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CopyJob *job = task_data;
  GError *error = NULL;

  if (!attest_run_journal_write_records (job->directory, job->run_id, job->copy, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("Start-up: copy written and synced after %.1f ms",
           (g_get_monotonic_time () - job->began) / 1000.0);
  g_task_return_boolean (task, TRUE);
}

static void
hash_copy_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  CopyJob *job = task_data;
  char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, job->copy);

  g_debug ("Start-up: copy hashed after %.1f ms",
           (g_get_monotonic_time () - job->began) / 1000.0);
  g_task_return_pointer (task, sha256, g_free);
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

  self->start.pending--;
  self->header->input_sha256 = g_task_propagate_pointer (G_TASK (result), NULL);

  start_continue (self);
}

static void
run_copy_job (AttestSubmission      *self,
              GBytes                *copy,
              GTaskThreadFunc        thread_func,
              GAsyncReadyCallback    callback)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, NULL);
  CopyJob *job = g_new0 (CopyJob, 1);

  job->copy = g_bytes_ref (copy);
  job->directory = g_strdup (self->runs_directory);
  job->run_id = g_strdup (self->start.run_id);
  job->began = self->start.began;
  g_task_set_source_tag (task, run_copy_job);
  g_task_set_task_data (task, job, (GDestroyNotify) copy_job_free);
  self->start.pending++;
  g_task_run_in_thread (task, thread_func);
}

/* The run keeps its own copy of the records it sends, edits included, so
 * that a resume sends exactly what this run would have sent. */
static gboolean
write_copy_step (gpointer user_data)
{
  AttestSubmission *self = user_data;
  g_autoptr(GBytes) copy = NULL;
  GError *error = NULL;

  if (g_cancellable_set_error_if_cancelled (self->waits, &error))
    {
      self->start.copy_writer_id = 0;
      g_clear_pointer (&self->start.copy_writer, attest_csv_writer_free);
      self->start.pending--;
      start_failed (self, error);
      start_continue (self);
      return G_SOURCE_REMOVE;
    }

  if (attest_csv_writer_step (self->start.copy_writer, COPY_RECORDS_PER_STEP))
    return G_SOURCE_CONTINUE;

  self->start.copy_writer_id = 0;
  copy = attest_csv_writer_finish_to_bytes (g_steal_pointer (&self->start.copy_writer));
  self->start.pending--;
  g_debug ("Start-up: copy of %zu bytes built after %.1f ms", g_bytes_get_size (copy),
           elapsed_ms (self));

  run_copy_job (self, copy, write_copy_thread, on_copy_written);
  run_copy_job (self, copy, hash_copy_thread, on_copy_hashed);
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

  self->start.pending++;
  self->start.copy_writer = attest_csv_writer_new (self->store, ATTEST_CSV_FORMAT_COMPATIBLE);
  self->start.copy_writer_id = g_idle_add_full (COPY_PRIORITY, write_copy_step, self, NULL);
  g_source_set_name_by_id (self->start.copy_writer_id, "[attest] copy of the records");
}
