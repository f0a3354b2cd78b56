/* attest-submission-start.c: what a new run does before its first request
 * (SPEC §6)
 *
 * A run needs the agreement template and a durable private copy of its
 * records, both named in the journal's first line, before it sends
 * anything. They are prepared at once: the template request goes out, the
 * copy is built as CSV text on the main thread (the record store is not
 * thread-safe), and one thread writes, syncs and hashes it
 * (attest-run-copy.c). The journal is created, and the run starts sending,
 * once both are done; if either fails, the run waits for the other to stop
 * and then fails with the first error: the pending count below, as GNOME
 * Software's jobs do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-submission"

#include "config.h"

#include <glib/gstdio.h>

#include "attest-csv-writer.h"
#include "attest-run-copy.h"
#include "attest-submission-private.h"

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
  sha256 = attest_run_copy_write_finish (result, &error);
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
 * that a resume sends exactly what this run would have sent. It is built
 * here, as the record store is not thread-safe: some 30 ms for 100,000
 * records, while the template request is on its way. */
static void
write_copy (AttestSubmission *self)
{
  g_autoptr(GBytes) contents = attest_csv_write_bytes (self->store, ATTEST_CSV_FORMAT_COMPATIBLE);

  g_debug ("Start-up: copy built after %.1f ms", elapsed_ms (self));
  self->start.pending++;
  attest_run_copy_write_async (self->runs_directory, self->start.run_id, contents, NULL,
                               on_copy_written, g_object_ref (self));
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
  attest_partner_client_get_template_id_async (self->client, self->stop_signal, on_template,
                                               g_object_ref (self));

  if (!self->header->dry_run)
    write_copy (self);
  count_total_records (self);
}
