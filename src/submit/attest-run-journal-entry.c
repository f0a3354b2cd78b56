/* attest-run-journal-entry.c: the lines of a run journal (SPEC §6)
 *
 * One JSON object per line, written as text with the writer request bodies
 * use (attest_json_append_*()), which writes what json-glib's generator
 * writes: a batch's entry holds its whole body, some 150 kB, which
 * json-glib would copy into a node and then escape one character at a
 * time, on the thread that also sends the batches. attest-run-replay.c
 * reads the lines back with json-glib.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-run-journal-entry"

#include "config.h"

#include "attest-json.h"
#include "attest-run-journal-entry.h"

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

/* What a record's outcome says. */
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

/* A batch-sent entry up to its body, without the body and the object's
 * end: the journal's writer thread adds them, see
 * attest_run_journal_append_batch_sent_async(). */
GString *
attest_journal_entry_batch_sent_begin (guint                       batch,
                                       const AttestPartnerRequest *request,
                                       const char * const         *customer_ids)
{
  gsize n_ids = customer_ids != NULL ? g_strv_length ((char **) customer_ids) : 0;
  gsize body_length = g_bytes_get_size (attest_partner_request_get_body (request));
  GString *json = entry_begin ("batch-sent", 256 + n_ids * 40 + body_length * 9 / 8);

  append_int_member (json, "batch", batch);
  attest_json_append_member (json, "requestId", attest_partner_request_get_request_id (request));
  attest_json_append_member (json, "correlationId",
                             attest_partner_request_get_correlation_id (request));
  append_string_array (json, "customerIds", customer_ids);
  attest_json_append_member (json, "method", attest_partner_request_get_method (request));
  attest_json_append_member (json, "path", attest_partner_request_get_path (request));

  return json;
}

/* The first line: what the run is. */
char *
attest_journal_entry_run (const AttestRunHeader *header)
{
  GString *json = entry_begin ("run", 512);

  append_int_member (json, "version", ATTEST_RUN_JOURNAL_VERSION);
  attest_json_append_member (json, "runId", header->run_id);
  attest_json_append_member (json, "createdAt", header->created_at);
  append_int_member (json, "createdAtUs", header->created_at_us);
  attest_json_append_member (json, "inputPath", header->input_path);
  attest_json_append_member (json, "inputSha256", header->input_sha256);
  attest_json_append_member (json, "strategy", header->strategy == ATTEST_STRATEGY_BULK
                                               ? "bulk" : "per-customer");
  attest_json_append_member (json, "templateId", header->template_id);
  attest_json_append_member (json, "dateAgreed", header->date_agreed);
  attest_json_append_member (json, "partnerId", header->partner_id);
  attest_json_append_member (json, "apiBase", header->api_base);
  append_int_member (json, "batchSize", header->batch_size);
  append_int_member (json, "totalRecords", header->total_records);
  g_string_append (json, header->dry_run ? ",\"dryRun\":true" : ",\"dryRun\":false");

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
