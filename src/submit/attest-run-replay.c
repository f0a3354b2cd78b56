/* attest-run-replay.c: reading a run journal back (SPEC §6)
 *
 * A line without its line end was cut short by a crash before it was
 * synced, so nothing was reported from it: it is ignored (and
 * attest_run_journal_open_append() drops it). Any other line that does not
 * read is damage that a person must know about, so it is an error naming the
 * line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-run-replay"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-json.h"
#include "attest-run-replay.h"

static void
replay_batch_free (AttestReplayBatch *batch)
{
  g_clear_pointer (&batch->request, attest_partner_request_unref);
  g_strfreev (batch->customer_ids);
  g_free (batch);
}

static void
replay_record_free (AttestReplayRecord *record)
{
  g_free (record->customer_id);
  g_free (record->status);
  g_free (record->message);
  g_free (record->request_id);
  g_free (record->correlation_id);
  g_free (record->submitted_at);
  g_free (record);
}

void
attest_run_replay_free (AttestRunReplay *replay)
{
  if (replay == NULL)
    return;

  g_free (replay->path);
  attest_run_header_free (replay->header);
  g_ptr_array_unref (replay->batches);
  g_hash_table_unref (replay->records);
  g_free (replay->end_reason);
  g_free (replay);
}

static char *
dup_member (JsonObject *object,
            const char *name)
{
  const char *value = attest_json_get_string (object, name);

  return g_strdup (value != NULL ? value : "");
}

static gboolean
read_header (AttestRunReplay  *replay,
             JsonObject       *object,
             GError          **error)
{
  AttestRunHeader *header;
  gint64 version = 0;
  gint64 batch_size = ATTEST_MAX_BATCH_SIZE;
  gint64 total_records = 0;

  attest_json_get_int (object, "version", &version);

  if (version != ATTEST_RUN_JOURNAL_VERSION)
    {
      g_set_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_UNSUPPORTED_VERSION,
                   _("The run journal %s was written by another version of Attest "
                     "(journal version %lld)."), replay->path, (long long) version);
      return FALSE;
    }

  attest_json_get_int (object, "batchSize", &batch_size);
  attest_json_get_int (object, "totalRecords", &total_records);
  if (batch_size < 1 || batch_size > ATTEST_MAX_BATCH_SIZE
      || total_records < 0 || total_records > G_MAXUINT)
    {
      g_set_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_CORRUPT,
                   _("The run description in the run journal %s is damaged (batch size "
                     "%lld, %lld records)."),
                   replay->path, (long long) batch_size, (long long) total_records);
      return FALSE;
    }

  header = replay->header = attest_run_header_new ();
  header->run_id = dup_member (object, "runId");
  header->created_at = dup_member (object, "createdAt");
  attest_json_get_int (object, "createdAtUs", &header->created_at_us);
  header->input_path = dup_member (object, "inputPath");
  header->input_sha256 = dup_member (object, "inputSha256");
  header->strategy = g_strcmp0 (attest_json_get_string (object, "strategy"), "per-customer") == 0
                     ? ATTEST_STRATEGY_PER_CUSTOMER : ATTEST_STRATEGY_BULK;
  header->template_id = dup_member (object, "templateId");
  header->date_agreed = dup_member (object, "dateAgreed");
  header->partner_id = dup_member (object, "partnerId");
  header->api_base = dup_member (object, "apiBase");
  header->batch_size = batch_size;
  header->total_records = total_records;
  header->dry_run = attest_json_get_boolean (object, "dryRun", FALSE);

  return TRUE;
}

static GStrv
dup_string_array (JsonObject *object,
                  const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element)
              && json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
    }

  return g_strv_builder_end (builder);
}

/* The request a batch-sent entry keeps, whole. Journals written before
 * entries named their method and path hold only the body: the path follows
 * from the run's strategy, as it did when they were written. */
static AttestPartnerRequest *
read_request (AttestRunReplay    *replay,
              JsonObject         *object,
              const char * const *customer_ids)
{
  const char *method = attest_json_get_string (object, "method");
  const char *path = attest_json_get_string (object, "path");
  const char *request_id = attest_json_get_string (object, "requestId");
  const char *body = attest_json_get_string (object, "body");
  g_autofree char *legacy_path = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (body != NULL ? body : "",
                                         body != NULL ? strlen (body) : 0);

  if (path == NULL || path[0] != '/')
    path = legacy_path = replay->header->strategy == ATTEST_STRATEGY_BULK
                         || customer_ids[0] == NULL
                         ? g_strdup (ATTEST_PARTNER_BULK_PATH)
                         : attest_partner_agreements_path (customer_ids[0]);

  return attest_partner_request_new (method != NULL ? method : "POST", path,
                                     request_id != NULL ? request_id : "",
                                     attest_json_get_string (object, "correlationId"), bytes);
}

static gboolean
read_entry (AttestRunReplay  *replay,
            JsonObject       *object,
            guint             line_number,
            GError          **error)
{
  const char *type = attest_json_get_string (object, "type");
  gint64 batch_number = 0;

  if (type == NULL)
    type = "";

  if (json_object_has_member (object, "batch")
      && (!attest_json_get_int (object, "batch", &batch_number)
          || batch_number < 0 || batch_number > G_MAXUINT))
    {
      g_set_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_CORRUPT,
                   _("Line %u of the run journal %s has a damaged batch number."),
                   line_number, replay->path);
      return FALSE;
    }

  if (replay->header == NULL && !g_str_equal (type, "run"))
    {
      g_set_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_CORRUPT,
                   _("The run journal %s does not start with a run description."), replay->path);
      return FALSE;
    }

  if (g_str_equal (type, "run"))
    {
      if (replay->header != NULL)
        {
          g_set_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_CORRUPT,
                       _("Line %u of the run journal %s describes a second run."),
                       line_number, replay->path);
          return FALSE;
        }
      return read_header (replay, object, error);
    }
  else if (g_str_equal (type, "batch-sent"))
    {
      AttestReplayBatch *batch = g_new0 (AttestReplayBatch, 1);

      batch->number = batch_number;
      batch->customer_ids = dup_string_array (object, "customerIds");
      batch->request = read_request (replay, object,
                                     (const char * const *) batch->customer_ids);
      g_ptr_array_add (replay->batches, batch);
    }
  else if (g_str_equal (type, "batch-outcome"))
    {
      AttestReplayBatch *batch = attest_run_replay_find_batch (replay, batch_number);
      gint64 http_status = 0;

      if (batch == NULL)
        {
          g_set_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_CORRUPT,
                       _("Line %u of the run journal %s answers batch %u, which was never sent."),
                       line_number, replay->path, (guint) batch_number);
          return FALSE;
        }
      batch->answered = TRUE;
      batch->http_status = 0;
      if (attest_json_get_int (object, "httpStatus", &http_status)
          && http_status >= 0 && http_status <= 999)
        batch->http_status = http_status;
    }
  else if (g_str_equal (type, "record") || g_str_equal (type, "records"))
    {
      const char *customer_id = attest_json_get_string (object, "customerId");
      g_auto(GStrv) ids = g_str_equal (type, "records")
                          ? dup_string_array (object, "customerIds")
                          : g_strdupv ((char *[]) { (char *) customer_id, NULL });

      for (guint i = 0; ids[i] != NULL; i++)
        {
          AttestReplayRecord *record = g_new0 (AttestReplayRecord, 1);

          record->batch = batch_number;
          record->customer_id = g_strdup (ids[i]);
          record->status = dup_member (object, "status");
          record->message = dup_member (object, "message");
          record->request_id = dup_member (object, "requestId");
          record->correlation_id = dup_member (object, "correlationId");
          record->submitted_at = dup_member (object, "submittedAt");
          g_hash_table_replace (replay->records, record->customer_id, record);
        }
    }
  else if (g_str_equal (type, "end"))
    {
      const char *state = attest_json_get_string (object, "state");

      if (g_strcmp0 (state, "completed") == 0)
        replay->state = ATTEST_RUN_STATE_COMPLETED;
      else if (g_strcmp0 (state, "retired") == 0)
        replay->state = ATTEST_RUN_STATE_RETIRED;
      else if (g_strcmp0 (state, "discarded") == 0)
        replay->state = ATTEST_RUN_STATE_DISCARDED;
      else
        replay->state = ATTEST_RUN_STATE_STOPPED;
      g_free (replay->end_reason);
      replay->end_reason = dup_member (object, "reason");
    }
  else
    {
      g_set_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_CORRUPT,
                   _("Line %u of the run journal %s has an unknown entry type “%s”."),
                   line_number, replay->path, type);
      return FALSE;
    }

  /* A run that goes on after a stop (a resume) is running again. */
  if (!g_str_equal (type, "end") && !g_str_equal (type, "run"))
    replay->state = ATTEST_RUN_STATE_RUNNING;

  return TRUE;
}

AttestRunReplay *
attest_run_replay_read (const char  *path,
                        GError     **error)
{
  g_autoptr(AttestRunReplay) replay = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  const char *line;
  const char *end;
  guint line_number = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  replay = g_new0 (AttestRunReplay, 1);
  replay->path = g_strdup (path);
  replay->batches = g_ptr_array_new_with_free_func ((GDestroyNotify) replay_batch_free);
  replay->records = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) replay_record_free);
  replay->state = ATTEST_RUN_STATE_RUNNING;

  for (line = contents; line < contents + length; line = end + 1)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) parse_error = NULL;
      JsonNode *root;

      line_number++;
      end = memchr (line, '\n', contents + length - line);
      if (end == NULL)
        {
          replay->dropped_tail = contents + length - line;
          break;
        }

      if (!json_parser_load_from_data (parser, line, end - line, &parse_error)
          || (root = json_parser_get_root (parser)) == NULL
          || !JSON_NODE_HOLDS_OBJECT (root))
        {
          g_set_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_CORRUPT,
                       _("Line %u of the run journal %s is damaged and cannot be read."),
                       line_number, path);
          return NULL;
        }

      if (!read_entry (replay, json_node_get_object (root), line_number, error))
        return NULL;
    }

  if (replay->header == NULL)
    {
      g_set_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_CORRUPT,
                   _("The run journal %s is empty."), path);
      return NULL;
    }

  return g_steal_pointer (&replay);
}

AttestReplayBatch *
attest_run_replay_find_batch (AttestRunReplay *replay,
                              guint            number)
{
  g_return_val_if_fail (replay != NULL, NULL);

  /* The last one wins: a batch resent after a crash is journaled again. */
  for (guint i = replay->batches->len; i > 0; i--)
    {
      AttestReplayBatch *batch = g_ptr_array_index (replay->batches, i - 1);

      if (batch->number == number)
        return batch;
    }

  return NULL;
}

/* The batches that were sent and never answered: their outcome is unknown. */
GPtrArray *
attest_run_replay_list_unanswered (AttestRunReplay *replay)
{
  GPtrArray *unanswered = g_ptr_array_new ();
  g_autoptr(GHashTable) answered = g_hash_table_new (NULL, NULL);

  g_return_val_if_fail (replay != NULL, unanswered);

  for (guint i = 0; i < replay->batches->len; i++)
    {
      AttestReplayBatch *batch = g_ptr_array_index (replay->batches, i);

      if (batch->answered)
        g_hash_table_add (answered, GUINT_TO_POINTER (batch->number));
    }

  for (guint i = 0; i < replay->batches->len; i++)
    {
      AttestReplayBatch *batch = g_ptr_array_index (replay->batches, i);

      if (!g_hash_table_contains (answered, GUINT_TO_POINTER (batch->number))
          && batch == attest_run_replay_find_batch (replay, batch->number))
        g_ptr_array_add (unanswered, batch);
    }

  return unanswered;
}

guint
attest_run_replay_count_status (AttestRunReplay *replay,
                                const char      *status)
{
  GHashTableIter iter;
  gpointer value;
  guint count = 0;

  g_return_val_if_fail (replay != NULL, 0);

  g_hash_table_iter_init (&iter, replay->records);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (g_strcmp0 (((AttestReplayRecord *) value)->status, status) == 0)
        count++;
    }

  return count;
}

/* Whether `attest resume` and the window may finish the run: not a dry
 * run, not complete, not one that Partner Center ended by refusing the
 * classic attestation, and not one the partner discarded. */
gboolean
attest_run_replay_is_resumable (AttestRunReplay *replay)
{
  g_return_val_if_fail (replay != NULL, FALSE);

  return !replay->header->dry_run
         && replay->state != ATTEST_RUN_STATE_COMPLETED
         && replay->state != ATTEST_RUN_STATE_RETIRED
         && replay->state != ATTEST_RUN_STATE_DISCARDED;
}

/* Whether the run of @header started after the run of @than. */
static gboolean
started_after (const AttestRunHeader *header,
               const AttestRunHeader *than)
{
  if (header->created_at_us != 0 && than->created_at_us != 0)
    return header->created_at_us > than->created_at_us;

  return g_strcmp0 (header->created_at, than->created_at) > 0;
}

/* The customers that the runs of @runs (AttestRunReplay) started after
 * the run of @header, for the same partner and Partner Center, attested or
 * found attested already: their IDs in lower case, each with the ID of the
 * run. */
GHashTable *
attest_run_replay_collect_attested (GPtrArray             *runs,
                                    const AttestRunHeader *header)
{
  GHashTable *attested = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_return_val_if_fail (runs != NULL, attested);
  g_return_val_if_fail (header != NULL, attested);

  for (guint i = 0; i < runs->len; i++)
    {
      AttestRunReplay *replay = g_ptr_array_index (runs, i);
      GHashTableIter iter;
      gpointer value;

      if (!started_after (replay->header, header) || replay->header->dry_run
          || g_strcmp0 (replay->header->partner_id, header->partner_id) != 0
          || g_strcmp0 (replay->header->api_base, header->api_base) != 0)
        continue;

      g_hash_table_iter_init (&iter, replay->records);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          AttestReplayRecord *record = value;

          if (g_strcmp0 (record->status, "attested") == 0
              || g_strcmp0 (record->status, "already-attested") == 0)
            g_hash_table_replace (attested, g_ascii_strdown (record->customer_id, -1),
                                  g_strdup (replay->header->run_id));
        }
    }

  return attested;
}

static int
compare_by_run_id (gconstpointer a,
                   gconstpointer b)
{
  const AttestRunReplay *ra = *(AttestRunReplay * const *) a;
  const AttestRunReplay *rb = *(AttestRunReplay * const *) b;

  return g_strcmp0 (ra->header->run_id, rb->header->run_id);
}

/* Reads every journal in @directory, oldest first. A journal that cannot be
 * read is left out with a warning in the log, so that one damaged file does
 * not hide the others. A missing folder means no runs yet. */
GPtrArray *
attest_run_replay_list_directory (const char  *directory,
                                  GError     **error)
{
  g_autoptr(GPtrArray) runs =
    g_ptr_array_new_with_free_func ((GDestroyNotify) attest_run_replay_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  dir = g_dir_open (directory, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&runs);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GError) read_error = NULL;
      AttestRunReplay *replay;

      if (!g_str_has_suffix (name, ".jsonl"))
        continue;

      path = g_build_filename (directory, name, NULL);
      replay = attest_run_replay_read (path, &read_error);
      if (replay == NULL)
        {
          g_warning ("%s", read_error->message);
          continue;
        }
      g_ptr_array_add (runs, replay);
    }

  g_ptr_array_sort (runs, compare_by_run_id);
  return g_steal_pointer (&runs);
}
