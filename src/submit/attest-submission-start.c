/* attest-submission-start.c: what a new run does before its first request
 * (SPEC §6)
 *
 * A run needs the agreement template and a durable private copy of its
 * records, both named in the journal's first line, before it sends
 * anything. They are prepared at once: the template request goes out while
 * the copy is built as CSV text on the main thread (the record store is not
 * thread-safe), a few thousand records per dispatch, and each piece goes to
 * the thread that writes and hashes it (attest-run-copy.c). The journal is
 * created, and the run starts sending, once all of that is done; if any of
 * it fails, the run waits for the rest to stop and then fails with the
 * first error: the pending count below, as GNOME Software's jobs do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-submission-start"

#include "config.h"

#include <glib/gstdio.h>

#include "attest-csv-writer.h"
#include "attest-run-copy.h"
#include "attest-submission-private.h"

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

  g_cancellable_cancel (self->stop_signal);
  if (self->start.copy_builder_id != 0)
    {
      g_clear_handle_id (&self->start.copy_builder_id, g_source_remove);
      g_clear_pointer (&self->start.copy_writer, attest_csv_writer_free);
      attest_run_copy_abandon (self->start.copy);
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

static void
on_copy_written (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AttestSubmission) self = user_data;
  GError *error = NULL;
  char *sha256;

  self->start.pending--;
  g_clear_pointer (&self->start.copy, attest_run_copy_free);
  sha256 = attest_run_copy_finish (result, &error);
  if (sha256 != NULL)
    {
      g_debug ("Start-up: copy written, synced and hashed after %.1f ms", elapsed_ms (self));
      self->start.copy_written = TRUE;
      self->header->input_sha256 = sha256;
    }
  else
    start_failed (self, error);

  start_continue (self);
}

/* The run keeps its own copy of the records it sends, edits included, so
 * that a resume sends exactly what this run would have sent. */
static gboolean
build_copy_step (gpointer user_data)
{
  AttestSubmission *self = user_data;
  g_autoptr(GBytes) piece = NULL;
  GError *error = NULL;
  gboolean more;

  if (g_cancellable_set_error_if_cancelled (self->stop_signal, &error))
    {
      start_failed (self, error);
      start_continue (self);
      return G_SOURCE_REMOVE;
    }

  more = attest_csv_writer_step (self->start.copy_writer, COPY_RECORDS_PER_STEP);
  piece = attest_csv_writer_take_bytes (self->start.copy_writer);
  attest_run_copy_append (self->start.copy, piece);
  if (more)
    return G_SOURCE_CONTINUE;

  attest_run_copy_close (self->start.copy);
  self->start.copy_builder_id = 0;
  g_clear_pointer (&self->start.copy_writer, attest_csv_writer_free);
  self->start.pending--;
  g_debug ("Start-up: copy built after %.1f ms", elapsed_ms (self));

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
  self->header->created_at_us = g_date_time_to_unix (now) * G_USEC_PER_SEC
                                + g_date_time_get_microsecond (now);
  if (self->runs_directory == NULL)
    self->runs_directory = attest_run_journal_dup_directory ();

  self->start.pending++;
  attest_partner_client_get_template_id_async (self->client, self->stop_signal, on_template,
                                               g_object_ref (self));

  count_total_records (self);
  if (self->header->dry_run)
    return;

  /* Written and hashed, on a thread, as it is built. */
  self->start.pending++;
  self->start.copy = attest_run_copy_new (self->runs_directory, self->start.run_id,
                                          on_copy_written, g_object_ref (self));

  /* Built a few thousand records per dispatch, so that the template
   * request and its answer never wait for more than one step. */
  self->start.pending++;
  self->start.copy_writer = attest_csv_writer_new (self->store, ATTEST_CSV_FORMAT_COMPATIBLE);
  self->start.copy_builder_id = g_idle_add_full (ATTEST_RUN_PRIORITY,
                                                 build_copy_step, self, NULL);
  g_source_set_name_by_id (self->start.copy_builder_id, "[attest] copy of the records");
}
