/* test-run-journal.c: writing and reading back run journals, power cuts
 * included (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "attest-run-copy.h"
#include "attest-run-journal-entry.h"
#include "attest-run-journal.h"
#include "attest-run-replay.h"
#include "attest-test-utils.h"

typedef struct
{
  char *directory;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->directory = g_dir_make_tmp ("attest-journal-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  attest_test_remove_tree (fixture->directory);
  g_free (fixture->directory);
}

static AttestRunHeader *
sample_header (const char *run_id)
{
  AttestRunHeader *header = attest_run_header_new ();

  header->run_id = g_strdup (run_id);
  header->created_at = g_strdup ("2026-11-21T10:00:00Z");
  header->input_path = g_strdup ("/home/admin/Customers, “Q4”.csv");
  header->input_sha256 = g_strdup ("ab12");
  header->strategy = ATTEST_STRATEGY_BULK;
  header->template_id = g_strdup ("117a77b0-9360-443b-8795-c6dedc750cf9");
  header->date_agreed = g_strdup ("2026-11-21T00:00:00.000Z");
  header->partner_id = g_strdup ("partner-tid");
  header->api_base = g_strdup ("http://127.0.0.1:1234");
  header->batch_size = 2;
  header->total_records = 3;

  return header;
}

typedef struct
{
  guint    completed;
  GString *order;
} AppendState;

static void
on_appended (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AppendState *state = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_run_journal_append_finish (ATTEST_RUN_JOURNAL (object), result, &error));
  g_assert_no_error (error);
  state->completed++;
}

/* Appends @entries, which it frees, and waits until all are on the disk. */
static void
append_and_wait (AttestRunJournal *journal,
                 char             *entries[],
                 guint             n_entries)
{
  AppendState state = { 0 };

  for (guint i = 0; i < n_entries; i++)
    {
      attest_run_journal_append_async (journal, entries[i], NULL, on_appended, &state);
      g_free (entries[i]);
    }

  while (state.completed < n_entries)
    g_main_context_iteration (NULL, TRUE);
}

static char *
entry_record (guint       batch,
              const char *customer_id,
              const char *status,
              const char *message,
              const char *submitted_at)
{
  const char *ids[] = { customer_id, NULL };

  return attest_journal_entry_records (batch, ids, status, message, "req", "cor", submitted_at);
}

static void
append_batch_sent (AttestRunJournal   *journal,
                   guint               batch,
                   const char         *request_id,
                   const char * const *customer_ids,
                   const char         *body,
                   AppendState        *state)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(AttestPartnerRequest) request =
    attest_partner_request_new ("POST", ATTEST_PARTNER_BULK_PATH, request_id, "cor", bytes);

  attest_run_journal_append_batch_sent_async (journal, batch, request, customer_ids, NULL,
                                              on_appended, state);
}

/* Writes the journal of a run of three records in two batches: the first
 * answered, the second sent and never answered (a crash). */
static char *
write_sample_journal (const char *directory)
{
  g_autoptr(AttestRunHeader) header = sample_header ("20261121-100000-0001");
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestRunJournal) journal = attest_run_journal_create (directory, header, &error);
  const char *first[] = { "c1", "c2", NULL };
  const char *second[] = { "c3", NULL };
  char *entries[] = {
    entry_record (1, "c1", "attested", "", "2026-11-21T10:00:01Z"),
    entry_record (1, "c2", "rejected", "The email “x@” is not valid.", "2026-11-21T10:00:01Z"),
    attest_journal_entry_batch_outcome (1, 200, 35, 2),
  };
  AppendState state = { 0 };

  g_assert_no_error (error);
  g_assert_nonnull (journal);
  append_batch_sent (journal, 1, "req-1", first, "[{\"customerId\":\"c1\"}]", &state);
  append_and_wait (journal, entries, G_N_ELEMENTS (entries));
  append_batch_sent (journal, 2, "req-2", second, "[{\"customerId\":\"c3\"}]\n", &state);
  while (state.completed < 2)
    g_main_context_iteration (NULL, TRUE);

  return g_strdup (attest_run_journal_get_path (journal));
}

static void
test_journal_write_and_read (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = write_sample_journal (fixture->directory);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestRunReplay) replay = attest_run_replay_read (path, &error);
  g_autoptr(GPtrArray) unanswered = NULL;
  AttestReplayRecord *record;
  AttestReplayBatch *batch;
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (path, "/20261121-100000-0001.jsonl"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpstr (replay->header->run_id, ==, "20261121-100000-0001");
  g_assert_cmpstr (replay->header->input_path, ==, "/home/admin/Customers, “Q4”.csv");
  g_assert_cmpstr (replay->header->date_agreed, ==, "2026-11-21T00:00:00.000Z");
  g_assert_cmpstr (replay->header->template_id, ==, "117a77b0-9360-443b-8795-c6dedc750cf9");
  g_assert_cmpint (replay->header->strategy, ==, ATTEST_STRATEGY_BULK);
  g_assert_cmpuint (replay->header->batch_size, ==, 2);
  g_assert_cmpuint (replay->header->total_records, ==, 3);
  g_assert_cmpint (replay->state, ==, ATTEST_RUN_STATE_RUNNING);
  g_assert_cmpuint (replay->dropped_tail, ==, 0);

  g_assert_cmpuint (replay->batches->len, ==, 2);
  batch = attest_run_replay_find_batch (replay, 1);
  g_assert_true (batch->answered);
  g_assert_cmpuint (batch->http_status, ==, 200);
  g_assert_cmpstr (attest_partner_request_get_request_id (batch->request), ==, "req-1");
  g_assert_cmpstr (attest_partner_request_get_path (batch->request), ==,
                   ATTEST_PARTNER_BULK_PATH);
  g_assert_cmpuint (g_strv_length (batch->customer_ids), ==, 2);

  /* The body survives byte for byte, line end included. */
  batch = attest_run_replay_find_batch (replay, 2);
  g_assert_false (batch->answered);
  g_assert_cmpmem (g_bytes_get_data (attest_partner_request_get_body (batch->request), NULL),
                   g_bytes_get_size (attest_partner_request_get_body (batch->request)),
                   "[{\"customerId\":\"c3\"}]\n", strlen ("[{\"customerId\":\"c3\"}]\n"));

  unanswered = attest_run_replay_list_unanswered (replay);
  g_assert_cmpuint (unanswered->len, ==, 1);
  g_assert_true (g_ptr_array_index (unanswered, 0) == batch);

  g_assert_cmpuint (g_hash_table_size (replay->records), ==, 2);
  record = g_hash_table_lookup (replay->records, "c2");
  g_assert_cmpstr (record->status, ==, "rejected");
  g_assert_cmpstr (record->message, ==, "The email “x@” is not valid.");
  g_assert_cmpuint (attest_run_replay_count_status (replay, "attested"), ==, 1);
  g_assert_null (g_hash_table_lookup (replay->records, "c3"));
}

static void
test_journal_resume_and_end (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = write_sample_journal (fixture->directory);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestRunJournal) journal = attest_run_journal_open_append (path, &error);
  g_autoptr(AttestRunReplay) replay = NULL;
  g_autoptr(GPtrArray) unanswered = NULL;
  char *entries[] = {
    attest_journal_entry_batch_outcome (2, 201, 12, 1),
    entry_record (2, "c3", "attested", "", "2026-11-21T11:00:00Z"),
  };
  g_autofree char *end = attest_journal_entry_end (ATTEST_RUN_STATE_COMPLETED, "");

  g_assert_no_error (error);
  append_and_wait (journal, entries, G_N_ELEMENTS (entries));
  g_assert_true (attest_run_journal_append_sync (journal, end, &error));
  g_assert_no_error (error);

  replay = attest_run_replay_read (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (replay->state, ==, ATTEST_RUN_STATE_COMPLETED);
  unanswered = attest_run_replay_list_unanswered (replay);
  g_assert_cmpuint (unanswered->len, ==, 0);
  g_assert_cmpuint (attest_run_replay_count_status (replay, "attested"), ==, 2);
}

static void
test_journal_group_commit_keeps_order (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(AttestRunHeader) header = sample_header ("20261121-100000-0002");
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestRunJournal) journal = attest_run_journal_create (fixture->directory, header,
                                                                   &error);
  g_autoptr(AttestRunReplay) replay = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  char *entries[1000];

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autofree char *id = g_strdup_printf ("customer-%04u", i);

      entries[i] = entry_record (1, id, "attested", "", "t");
    }
  append_and_wait (journal, entries, G_N_ELEMENTS (entries));

  contents = attest_test_read_file (attest_run_journal_get_path (journal));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1002);   /* header, 1000, and "" after the last \n */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_autofree char *expected = g_strdup_printf ("\"customerIds\":[\"customer-%04u\"]", i);

      g_assert_nonnull (strstr (lines[i + 1], expected));
    }

  replay = attest_run_replay_read (attest_run_journal_get_path (journal), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (replay->records), ==, 1000);
}

/* A power cut can stop the file at any byte. Whatever is left must read
 * back, lose nothing that was complete, and take new entries. */
static void
test_journal_power_cut_at_every_byte (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autofree char *path = write_sample_journal (fixture->directory);
  g_autofree char *contents = NULL;
  g_autofree char *cut_path = g_build_filename (fixture->directory, "cut.jsonl", NULL);
  gsize length = 0;
  gsize first_line_end;
  guint previous_records = 0;
  guint previous_batches = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  first_line_end = strchr (contents, '\n') - contents + 1;

  for (gsize cut = 0; cut <= length; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttestRunReplay) replay = NULL;
      g_autoptr(AttestRunReplay) after = NULL;
      g_autoptr(AttestRunJournal) journal = NULL;
      g_autofree char *end = attest_journal_entry_end (ATTEST_RUN_STATE_STOPPED, "cut");
      gsize expected_tail;

      g_assert_true (g_file_set_contents (cut_path, contents, cut, NULL));
      replay = attest_run_replay_read (cut_path, &error);

      if (cut < first_line_end)
        {
          /* Not even the run description made it: there was no run. */
          g_assert_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_CORRUPT);
          g_assert_null (replay);
          continue;
        }

      g_assert_no_error (error);
      expected_tail = contents[cut - 1] == '\n'
                      ? 0 : cut - (memrchr (contents, '\n', cut) - (void *) contents + 1);
      g_assert_cmpuint (replay->dropped_tail, ==, expected_tail);

      /* Nothing complete is lost as the cut moves later. */
      g_assert_cmpuint (g_hash_table_size (replay->records), >=, previous_records);
      g_assert_cmpuint (replay->batches->len, >=, previous_batches);
      previous_records = g_hash_table_size (replay->records);
      previous_batches = replay->batches->len;

      journal = attest_run_journal_open_append (cut_path, &error);
      g_assert_no_error (error);
      g_assert_true (attest_run_journal_append_sync (journal, end, &error));
      g_assert_no_error (error);

      after = attest_run_replay_read (cut_path, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (after->dropped_tail, ==, 0);
      g_assert_cmpint (after->state, ==, ATTEST_RUN_STATE_STOPPED);
      g_assert_cmpuint (g_hash_table_size (after->records), ==, previous_records);
    }

  g_assert_cmpuint (previous_records, ==, 2);
  g_assert_cmpuint (previous_batches, ==, 2);
}

static void
test_journal_damage_is_named (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->directory, "damaged.jsonl", NULL);
  const char *cases[][2] = {
    { "{\"type\":\"run\",\"version\":1,\"runId\":\"r\"}\n{\"type\":\"rec\n{\"type\":\"end\"}\n",
      "Line 2" },
    { "{\"type\":\"run\",\"version\":1,\"runId\":\"r\"}\n{\"type\":\"batch-outcome\",\"batch\":7}\n",
      "batch 7, which was never sent" },
    { "{\"type\":\"run\",\"version\":1,\"runId\":\"r\"}\n{\"type\":\"mystery\"}\n",
      "unknown entry type “mystery”" },
    { "{\"type\":\"record\"}\n", "does not start with a run description" },
    { "[1,2]\n", "Line 1" },
    /* Members of the wrong type are damage too, named like any other. */
    { "{\"type\":null}\n", "does not start with a run description" },
    { "{\"type\":\"run\",\"version\":1}\n{\"type\":{\"a\":1}}\n", "unknown entry type “”" },
    { "{\"type\":\"run\",\"version\":1}\n{\"type\":\"batch-outcome\",\"batch\":{}}\n",
      "damaged batch number" },
    { "{\"type\":\"run\",\"version\":1}\n{\"type\":\"batch-sent\",\"batch\":-3}\n",
      "damaged batch number" },
    { "{\"type\":\"run\",\"version\":1}\n{\"type\":\"record\",\"batch\":1e300}\n",
      "damaged batch number" },
    { "{\"type\":\"run\",\"version\":1,\"batchSize\":100000}\n", "batch size 100000" },
    { "{\"type\":\"run\",\"version\":1,\"batchSize\":500,\"totalRecords\":-1}\n",
      "-1 records" },
    { "", "is empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttestRunReplay) replay = NULL;

      g_assert_true (g_file_set_contents (path, cases[i][0], -1, NULL));
      replay = attest_run_replay_read (path, &error);
      g_assert_null (replay);
      g_assert_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, cases[i][1]));
      g_assert_nonnull (strstr (error->message, path));
    }
}

static void
test_journal_future_version (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->directory, "future.jsonl", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestRunReplay) replay = NULL;

  g_assert_true (g_file_set_contents (path, "{\"type\":\"run\",\"version\":2}\n", -1, NULL));
  replay = attest_run_replay_read (path, &error);
  g_assert_null (replay);
  g_assert_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_UNSUPPORTED_VERSION);
}

static void
test_journal_list_directory (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(AttestRunHeader) later = sample_header ("20261122-090000-00ff");
  g_autoptr(AttestRunJournal) journal = NULL;
  g_autofree char *sample = write_sample_journal (fixture->directory);
  g_autofree char *damaged = g_build_filename (fixture->directory, "damaged.jsonl", NULL);
  g_autofree char *missing = g_build_filename (fixture->directory, "none", NULL);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;

  journal = attest_run_journal_create (fixture->directory, later, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (damaged, "not json\n", -1, NULL));

  g_test_expect_message ("attest-run-replay", G_LOG_LEVEL_WARNING, "*damaged.jsonl*");
  runs = attest_run_replay_list_directory (fixture->directory, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 2);
  g_assert_cmpstr (((AttestRunReplay *) g_ptr_array_index (runs, 0))->header->run_id, ==,
                   "20261121-100000-0001");
  g_assert_cmpstr (((AttestRunReplay *) g_ptr_array_index (runs, 1))->header->run_id, ==,
                   "20261122-090000-00ff");

  none = attest_run_replay_list_directory (missing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

static char *
write_copy (const char  *directory,
            const char  *run_id,
            GBytes      *records,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(AttestRunCopy) copy = NULL;
  gsize half = g_bytes_get_size (records) / 2;
  g_autoptr(GBytes) first = g_bytes_new_from_bytes (records, 0, half);
  g_autoptr(GBytes) second = g_bytes_new_from_bytes (records, half,
                                                     g_bytes_get_size (records) - half);
  GAsyncResult *slot = NULL;

  /* In two pieces, as a run writes it. */
  copy = attest_run_copy_new (directory, run_id, attest_test_store_result, &slot);
  attest_run_copy_append (copy, first);
  attest_run_copy_append (copy, second);
  attest_run_copy_close (copy);
  result = attest_test_wait_result (&slot);

  return attest_run_copy_finish (result, error);
}

static void
test_journal_records_copy (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char text[] = "CustomerTenantId\r\nx\r\n";
  g_autoptr(GBytes) records = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autofree char *journal_path = g_build_filename (fixture->directory, "run-1.jsonl", NULL);
  g_autofree char *path = attest_run_copy_dup_path (journal_path);
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *again = NULL;
  GStatBuf st;

  g_assert_true (g_str_has_suffix (path, "/run-1.csv"));
  sha256 = write_copy (fixture->directory, "run-1", records, &error);
  g_assert_no_error (error);
  /* sha256sum of the same bytes. */
  g_assert_cmpstr (sha256, ==, "9705a0c7007aedad88fbb82967fd14d258b13fedfe5aaacba2da33e1780c20f7");
  contents = attest_test_read_file (path);
  g_assert_cmpstr (contents, ==, "CustomerTenantId\r\nx\r\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A run never overwrites another's copy. */
  again = write_copy (fixture->directory, "run-1", records, &error);
  g_assert_null (again);
  g_assert_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_IO);
  g_clear_pointer (&contents, g_free);
  contents = attest_test_read_file (path);
  g_assert_cmpstr (contents, ==, "CustomerTenantId\r\nx\r\n");
}

/* A run that does not start leaves no copy behind. */
static void
test_journal_records_copy_abandoned (Fixture       *fixture,
                                     gconstpointer  data)
{
  static const char text[] = "CustomerTenantId\r\nx\r\n";
  g_autoptr(GBytes) records = g_bytes_new_static (text, strlen (text));
  g_autofree char *path = g_build_filename (fixture->directory, "run-2.csv", NULL);
  g_autoptr(AttestRunCopy) copy = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  GAsyncResult *slot = NULL;

  copy = attest_run_copy_new (fixture->directory, "run-2", attest_test_store_result, &slot);
  attest_run_copy_append (copy, records);
  attest_run_copy_abandon (copy);
  result = attest_test_wait_result (&slot);
  sha256 = attest_run_copy_finish (result, &error);
  g_assert_null (sha256);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* The run's line is written as json-glib's generator writes it, as it was
 * before it was written by hand. */
static void
test_journal_run_line_as_json_glib_writes_it (void)
{
  g_autoptr(AttestRunHeader) header = sample_header ("20261121-100000-0003");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *line = NULL;
  const struct { const char *name; const char *value; } strings[] = {
    { "runId", header->run_id },
    { "createdAt", header->created_at },
    { "inputPath", "/home/admin/Customers, “Q4”\t\"x\\y\"\x01\x7f.csv" },
    { "inputSha256", header->input_sha256 },
    { "strategy", "per-customer" },
    { "templateId", header->template_id },
    { "dateAgreed", header->date_agreed },
    { "partnerId", header->partner_id },
    { "apiBase", header->api_base },
  };

  g_free (header->input_path);
  header->input_path = g_strdup (strings[2].value);
  header->strategy = ATTEST_STRATEGY_PER_CUSTOMER;
  header->dry_run = TRUE;
  header->created_at_us = G_GINT64_CONSTANT (1795255200123456);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "run");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, ATTEST_RUN_JOURNAL_VERSION);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      json_builder_set_member_name (builder, strings[i].name);
      json_builder_add_string_value (builder, strings[i].value);
      /* When it started, to the microsecond, follows when it started. */
      if (g_str_equal (strings[i].name, "createdAt"))
        {
          json_builder_set_member_name (builder, "createdAtUs");
          json_builder_add_int_value (builder, header->created_at_us);
        }
    }
  json_builder_set_member_name (builder, "batchSize");
  json_builder_add_int_value (builder, header->batch_size);
  json_builder_set_member_name (builder, "totalRecords");
  json_builder_add_int_value (builder, header->total_records);
  json_builder_set_member_name (builder, "dryRun");
  json_builder_add_boolean_value (builder, header->dry_run);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  expected = json_to_string (root, FALSE);

  line = attest_journal_entry_run (header);
  g_assert_cmpstr (line, ==, expected);
}

static void
test_journal_run_ids (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) now = g_date_time_new (zone, 2026, 11, 21, 1, 2, 3);
  g_autofree char *id = attest_run_journal_new_run_id (now);

  /* UTC, sortable by time. */
  g_assert_true (g_str_has_prefix (id, "20261121-000203-"));
  g_assert_cmpuint (strlen (id), ==, strlen ("20261121-000203-abcd"));
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/run-journal/write-and-read", test_journal_write_and_read);
  ADD ("/run-journal/resume-and-end", test_journal_resume_and_end);
  ADD ("/run-journal/group-commit-keeps-order", test_journal_group_commit_keeps_order);
  ADD ("/run-journal/power-cut-at-every-byte", test_journal_power_cut_at_every_byte);
  ADD ("/run-journal/damage-is-named", test_journal_damage_is_named);
  ADD ("/run-journal/future-version", test_journal_future_version);
  ADD ("/run-journal/list-directory", test_journal_list_directory);
  ADD ("/run-journal/records-copy", test_journal_records_copy);
  ADD ("/run-journal/records-copy-abandoned", test_journal_records_copy_abandoned);
#undef ADD
  g_test_add_func ("/run-journal/run-ids", test_journal_run_ids);
  g_test_add_func ("/run-journal/run-line-as-json-glib-writes-it",
                   test_journal_run_line_as_json_glib_writes_it);

  return g_test_run ();
}
