/* csv-exercise.c: everything the program can do with a CSV file, on any
 * bytes
 *
 * Reads the bytes, looks at every field, problem and column of every
 * record, edits, sorts, filters and searches, writes both formats, and
 * checks that what Attest writes it reads back to the same bytes. Aborts
 * on any difference, so that the fuzzer reports it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "attest-csv-reader.h"
#include "attest-csv-writer.h"
#include "attest-record-view.h"
#include "csv-exercise.h"

/* abort(), not g_error(): the fuzzer catches SIGABRT and keeps the input. */
#define fail(...) G_STMT_START { g_printerr (__VA_ARGS__); g_printerr ("\n"); abort (); } G_STMT_END

static void
look_at_records (AttestRecordStore *store)
{
  guint n = attest_record_store_get_n_records (store);
  g_autoptr(GString) scratch = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GPtrArray) problems = attest_record_store_dup_problems (store, i);

      for (AttestRecordField f = 0; f < ATTEST_N_RECORD_FIELDS; f++)
        {
          g_autofree char *value = attest_record_store_dup_field (store, i, f);

          if (value != NULL && !g_utf8_validate (value, -1, NULL))
            fail ("Record %u has invalid UTF-8 in field %d", i, f);
        }
      for (guint c = 0; c < attest_record_store_get_n_columns (store); c++)
        g_free (attest_record_store_dup_column_value (store, i, c));
      for (guint c = 0; c < attest_record_store_get_n_extra_columns (store); c++)
        g_free (attest_record_store_dup_extra_value (store, i, c));
      for (guint c = 0; c < attest_record_store_get_n_fields (store, i); c++)
        {
          gsize len;
          const char *value = attest_record_store_peek_column (store, i, c, scratch, &len);

          if (value != NULL && !g_utf8_validate_len (value, len, NULL))
            fail ("Record %u has invalid UTF-8 in column %u", i, c);
        }
      attest_record_store_get_status (store, i);
      attest_record_store_is_actionable (store, i);
    }
}

static void
use_view (AttestRecordStore *store)
{
  guint n = attest_record_store_get_n_records (store);
  g_autoptr(AttestRecordView) view = attest_record_view_new (store);

  attest_record_view_set_sort (view, ATTEST_RECORD_SORT_EMAIL, TRUE);
  attest_record_view_set_filter (view, ATTEST_RECORD_FILTER_PROBLEMS);
  attest_record_view_set_search (view, "a");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (view)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (view), i);
      g_autofree char *problem = NULL;

      g_object_get (item, "problem", &problem, NULL);
    }
  attest_record_view_set_search (view, NULL);
  attest_record_view_set_filter (view, ATTEST_RECORD_FILTER_ALL);
  attest_record_view_set_sort (view, ATTEST_RECORD_SORT_INDEX, FALSE);

  if (n > 0)
    {
      attest_record_store_set_field (store, 0, ATTEST_RECORD_FIELD_EMAIL, "a\"b,c\r\n@d.e");
      attest_record_store_set_attested (store, n - 1, TRUE);
      attest_record_store_set_outcome (store, n - 1, ATTEST_RECORD_STATUS_REJECTED, "=no", "r",
                                       "c", 1);
    }
}

static void
assert_same (GBytes     *a,
             GBytes     *b,
             const char *what)
{
  if (!g_bytes_equal (a, b))
    fail ("Writing what was read back from %s gave different bytes", what);
}

void
csv_exercise (const guint8 *data,
              gsize         size)
{
  g_autoptr(GBytes) input = g_bytes_new (data, size);
  g_autoptr(AttestRecordStore) store = attest_csv_read_bytes (input);
  g_autoptr(AttestRecordStore) again = NULL;
  g_autoptr(AttestRecordStore) edited = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) edited_first = NULL;
  g_autoptr(GBytes) edited_second = NULL;
  g_autoptr(GBytes) results = NULL;

  look_at_records (store);

  first = attest_csv_write_bytes (store, ATTEST_CSV_FORMAT_COMPATIBLE);
  again = attest_csv_read_bytes (first);
  second = attest_csv_write_bytes (again, ATTEST_CSV_FORMAT_COMPATIBLE);
  assert_same (first, second, "the compatible format");
  if (attest_record_store_get_n_records (again) != attest_record_store_get_n_records (store))
    fail ("Writing and reading again changed the number of records");

  use_view (store);
  look_at_records (store);
  edited_first = attest_csv_write_bytes (store, ATTEST_CSV_FORMAT_COMPATIBLE);
  edited = attest_csv_read_bytes (edited_first);
  edited_second = attest_csv_write_bytes (edited, ATTEST_CSV_FORMAT_COMPATIBLE);
  assert_same (edited_first, edited_second, "an edited store");

  results = attest_csv_write_bytes (store, ATTEST_CSV_FORMAT_RESULTS);
  g_clear_object (&again);
  again = attest_csv_read_bytes (results);
  look_at_records (again);
}
