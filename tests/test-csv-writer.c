/* test-csv-writer.c: the compatible and results formats, byte for byte,
 * and formula neutralization both ways
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "attest-test-init.h"
#include "csv-test-helpers.h"

#define ID1 "0b1f3c6e-2a4d-4c8e-9f10-3d2e1a0b9c01"
#define ID2 "5d6e7f80-91a2-4b3c-8d4e-5f6a7b8c9d02"
#define ID3 "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c03"
#define HEADER "CustomerTenantId,FirstName,LastName,Email,PhoneNumber,LastAgreementDate," \
               "PartnerAttestationCompleted,CustomerAccountLink"
#define LINK(id) "https://partner.microsoft.com/dashboard/v2/customers/" id "/account"

static void
assert_written (AttestRecordStore *store,
                AttestCsvFormat    format,
                const char        *expected)
{
  g_autoptr(GBytes) written = attest_csv_write_bytes (store, format);
  g_autoptr(GBytes) wanted = g_bytes_new_static (expected, strlen (expected));

  csv_test_assert_bytes_equal (written, wanted);
}

/* A file as Microsoft's tool writes it comes out unchanged. */
static void
test_writer_microsoft_identical (void)
{
  static const char * const files[] = { "microsoft.csv", "formula.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GBytes) original = csv_test_load_bytes (files[i]);
      g_autoptr(AttestRecordStore) store = attest_csv_read_bytes (original);
      g_autoptr(GBytes) written = attest_csv_write_bytes (store, ATTEST_CSV_FORMAT_COMPATIBLE);

      csv_test_assert_bytes_equal (written, original);
    }
}

/* write → read → write gives the same bytes, for every test file. */
static void
test_writer_round_trip (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "csv", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autoptr(AttestRecordStore) store = csv_test_load (name);
      g_autoptr(AttestRecordStore) again = NULL;
      g_autoptr(GBytes) first = NULL;
      g_autoptr(GBytes) second = NULL;

      first = attest_csv_write_bytes (store, ATTEST_CSV_FORMAT_COMPATIBLE);
      again = attest_csv_read_bytes (first);
      second = attest_csv_write_bytes (again, ATTEST_CSV_FORMAT_COMPATIBLE);
      csv_test_assert_bytes_equal (second, first);
      g_assert_cmpuint (attest_record_store_get_n_records (again), ==,
                        attest_record_store_get_n_records (store));
      n_files++;
    }

  g_assert_cmpuint (n_files, >=, 15);
}

static void
test_writer_normalizes (void)
{
  g_autoptr(AttestRecordStore) french = csv_test_load ("excel-fr.csv");
  g_autoptr(AttestRecordStore) unicode = csv_test_load ("utf16le-tab.csv");

  /* No BOM, commas, CRLF, True/False, the link computed from the ID. */
  assert_written (french, ATTEST_CSV_FORMAT_COMPATIBLE,
                  HEADER "\r\n"
                  ID1 ",Élodie,Dupont,elodie@exemple.fr,+33 1 23 45 67 89,2023-02-14 00:00:00,True,"
                  LINK (ID1) "\r\n"
                  ID2 ",François,Lefèvre,francois@exemple.fr,,,False," LINK (ID2) "\r\n"
                  ID3 ",Anne; Marie,Roux,anne@exemple.fr,,,True," LINK (ID3) "\r\n");
  assert_written (unicode, ATTEST_CSV_FORMAT_COMPATIBLE,
                  HEADER "\r\n"
                  ID1 ",Ayşe,Yılmaz,ayse@ornek.com.tr,+90 212 555 01 02,,True," LINK (ID1) "\r\n"
                  ID2 ",Mehmet,Öztürk,mehmet@ornek.com.tr,,,False," LINK (ID2) "\r\n");
}

/* Unknown columns go after the eight standard ones, in their order;
 * surplus fields of a ragged row after those, so nothing is lost. */
static void
test_writer_extra_columns (void)
{
  g_autoptr(AttestRecordStore) missing = csv_test_load ("missing-columns.csv");
  g_autoptr(AttestRecordStore) ragged = csv_test_load ("ragged.csv");

  assert_written (missing, ATTEST_CSV_FORMAT_COMPATIBLE,
                  HEADER ",Notes,Region\r\n"
                  ID1 ",Jane,Doe,jane@contoso.com,,,False," LINK (ID1) ",call back,EMEA\r\n"
                  ID2 ",Lee,Smith,lee@fabrikam.com,,,False," LINK (ID2) ",,\r\n");
  assert_written (ragged, ATTEST_CSV_FORMAT_COMPATIBLE,
                  HEADER "\r\n"
                  ID1 ",Jane,Doe,jane@contoso.com,,,False," LINK (ID1) "\r\n"
                  ID2 ",Lee,Smith,lee@fabrikam.com,,,True," LINK (ID2) ",surplus,more\r\n"
                  ID3 ",Ana,Roux,ana@example.org,,,True," LINK (ID3) "\r\n");
}

static const struct
{
  const char *value;
  const char *cell;
} cells[] = {
  { "plain", "plain" },
  { "", "" },
  { "a,b", "\"a,b\"" },
  { "say \"hi\"", "\"say \"\"hi\"\"\"" },
  { "two\r\nlines", "\"two\r\nlines\"" },
  { "line\nfeed", "\"line\nfeed\"" },
  { " lead", "\" lead\"" },
  { "trail ", "\"trail \"" },
  { "in side", "in side" },
  { "semi;colon", "semi;colon" },
  { "tab\tinside", "tab\tinside" },
  { "=SUM(A1:A2)", "'=SUM(A1:A2)" },
  { "@cmd", "'@cmd" },
  { "\tstarts with tab", "'\tstarts with tab" },
  { "\rstarts with CR", "\"'\rstarts with CR\"" },
  { "+33 1 23 45 67 89", "+33 1 23 45 67 89" },
  { "+1 (425) 555-0100 x12", "+1 (425) 555-0100 x12" },
  { "-12.5", "-12.5" },
  { "+7", "+7" },
  { "-1e5", "-1e5" },
  { "+cmd", "'+cmd" },
  { "-", "'-" },
  { "-2+3", "'-2+3" },
  { "'=already", "''=already" },
  { "''@twice", "'''@twice" },
  { "'quoted", "'quoted" },
  { "'", "'" },
  { "=a,b", "\"'=a,b\"" },
};

static void
test_writer_cells (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      attest_csv_append_cell (out, cells[i].value, strlen (cells[i].value));
      g_assert_cmpstr (out->str, ==, cells[i].cell);
    }
}

/* Import removes exactly the prefix export put in, no more. */
static void
test_writer_neutralization_reversed (void)
{
  g_autoptr(GString) text = g_string_new (HEADER ",Note\r\n");
  g_autoptr(AttestRecordStore) store = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    g_string_append_printf (text, ID1 ",A,B,a@b.co,,,True,,%s\r\n", cells[i].cell);

  store = csv_test_read_string (text->str);
  g_assert_cmpuint (attest_record_store_get_n_records (store), ==, G_N_ELEMENTS (cells));
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_autofree char *value = attest_record_store_dup_extra_value (store, i, 0);

      g_assert_cmpstr (value, ==, cells[i].value);
    }
}

static void
test_writer_from_code_and_results (void)
{
  g_autoptr(AttestRecordStore) store = attest_record_store_new ();
  AttestRecordFields first = {
    ID1, "Jane", "Doe", "jane@contoso.com", "4255550100", 1676332800, FALSE,
  };
  AttestRecordFields second = {
    ID2, "=Lee", "Smith, Jr.", "lee@fabrikam.com", NULL, G_GINT64_CONSTANT (1669796100000), TRUE,
  };
  AttestRecordFields third = { ID3, "Ana", "Roux", "ana@example.org", "", 0, TRUE };

  attest_record_store_append (store, &first);
  attest_record_store_append (store, &second);
  attest_record_store_append (store, &third);

  assert_written (store, ATTEST_CSV_FORMAT_COMPATIBLE,
                  HEADER "\r\n"
                  ID1 ",Jane,Doe,jane@contoso.com,4255550100,2023-02-14 00:00:00,False,"
                  LINK (ID1) "\r\n"
                  ID2 ",'=Lee,\"Smith, Jr.\",lee@fabrikam.com,,2022-11-30 08:15:00,True,"
                  LINK (ID2) "\r\n"
                  ID3 ",Ana,Roux,ana@example.org,,,True," LINK (ID3) "\r\n");

  attest_record_store_set_outcome (store, 1, ATTEST_RECORD_STATUS_REJECTED,
                                   "The email address is not valid, \"x\".", "req-1", "corr-1",
                                   1700000000);
  attest_record_store_set_outcome (store, 2, ATTEST_RECORD_STATUS_ATTESTED, NULL, "req-1",
                                   "corr-1", 1700000001);
  assert_written (store, ATTEST_CSV_FORMAT_RESULTS,
                  HEADER ",Status,Message,RequestId,CorrelationId,SubmittedAt\r\n"
                  ID1 ",Jane,Doe,jane@contoso.com,4255550100,2023-02-14 00:00:00,False,"
                  LINK (ID1) ",not-marked,,,,\r\n"
                  ID2 ",'=Lee,\"Smith, Jr.\",lee@fabrikam.com,,2022-11-30 08:15:00,True,"
                  LINK (ID2) ",rejected,\"The email address is not valid, \"\"x\"\".\",req-1,"
                  "corr-1,2023-11-14T22:13:20Z\r\n"
                  ID3 ",Ana,Roux,ana@example.org,,,True," LINK (ID3)
                  ",attested,,req-1,corr-1,2023-11-14T22:13:21Z\r\n");
}

static void
test_writer_edits (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_load ("microsoft.csv");

  attest_record_store_set_field (store, 0, ATTEST_RECORD_FIELD_FIRST_NAME, "Janet, Q.");
  attest_record_store_set_field (store, 2, ATTEST_RECORD_FIELD_PHONE_NUMBER, "");
  attest_record_store_set_attested (store, 1, TRUE);
  assert_written (store, ATTEST_CSV_FORMAT_COMPATIBLE,
                  HEADER "\r\n"
                  ID1 ",\"Janet, Q.\",Doe,jane@contoso.com,4255550100,2023-02-14 00:00:00,False,"
                  LINK (ID1) "\r\n"
                  ID2 ",\"Lee, Jr.\",Smith,lee@fabrikam.com,,,True," LINK (ID2) "\r\n"
                  ID3 ",\" Ana \",\"O\"\"Neil\",ana@example.org,,2022-11-30 08:15:00,False,"
                  LINK (ID3) "\r\n");
}

static void
test_writer_save_file (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_load ("microsoft.csv");
  g_autoptr(GBytes) original = csv_test_load_bytes ("microsoft.csv");
  g_autofree char *dir = g_dir_make_tmp ("attest-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  attest_record_store_set_attested (store, 0, TRUE);
  attest_record_store_set_attested (store, 0, FALSE);
  g_assert_true (attest_record_store_get_dirty (store));

  g_assert_true (attest_csv_save_file (store, ATTEST_CSV_FORMAT_COMPATIBLE, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (attest_record_store_get_dirty (store));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (original, NULL), g_bytes_get_size (original));

  g_unlink (path);
  g_rmdir (dir);
}

/* The bytes of a writer stepped by uneven numbers of records, some of the
 * text taken on the way, the rest at the end. */
static GBytes *
write_in_steps (AttestRecordStore *store,
                AttestCsvFormat    format)
{
  static const guint steps[] = { 1, 0, 2, 1, 3, 5 };
  g_autoptr(AttestCsvWriter) writer = attest_csv_writer_new (store, format);
  g_autoptr(GByteArray) text = g_byte_array_new ();
  g_autoptr(GBytes) rest = NULL;
  guint n_steps = 0;

  while (attest_csv_writer_step (writer, steps[n_steps % G_N_ELEMENTS (steps)]))
    {
      if (n_steps % 3 != 2)
        {
          g_autoptr(GBytes) piece = attest_csv_writer_take_bytes (writer);

          g_byte_array_append (text, g_bytes_get_data (piece, NULL), g_bytes_get_size (piece));
        }
      n_steps++;
    }
  g_assert_cmpuint (n_steps, >=, G_N_ELEMENTS (steps));

  rest = attest_csv_writer_finish_to_bytes (g_steal_pointer (&writer));
  g_byte_array_append (text, g_bytes_get_data (rest, NULL), g_bytes_get_size (rest));

  return g_byte_array_free_to_bytes (g_steal_pointer (&text));
}

/* Stepped a few records at a time and taken in pieces, or through a
 * stream, the writer gives exactly the bytes of writing at once: extra
 * columns (one that a results file drops), quoted and neutralized values,
 * a ragged row, edits, records added from code and outcomes. */
static void
test_writer_incremental (void)
{
  g_autoptr(GString) text = g_string_new ("Notes," HEADER ",Status,Region\r\n");
  g_autoptr(AttestRecordStore) store = NULL;
  AttestRecordFields added = {
    ID2, "=Lee", "Smith, Jr.", "lee@fabrikam.com", NULL, G_GINT64_CONSTANT (1669796100000), TRUE,
  };
  static const AttestCsvFormat formats[] = {
    ATTEST_CSV_FORMAT_COMPATIBLE, ATTEST_CSV_FORMAT_RESULTS,
  };

  for (guint i = 0; i < 12; i++)
    g_string_append_printf (text, "\"n, %u\",%s,\" Ana \",\"O\"\"Neil\",a%u@example.org,,"
                            "2022-11-30 08:15:00,True,,old,\"multi\r\nline\"%s\r\n",
                            i, i == 7 ? ID3 : ID1, i, i == 5 ? ",surplus,more" : "");
  store = csv_test_read_string (text->str);
  attest_record_store_set_field (store, 0, ATTEST_RECORD_FIELD_FIRST_NAME, "Janet, Q.");
  attest_record_store_set_field (store, 3, ATTEST_RECORD_FIELD_PHONE_NUMBER, "+cmd");
  attest_record_store_set_attested (store, 4, FALSE);
  attest_record_store_append (store, &added);
  attest_record_store_set_outcome (store, 2, ATTEST_RECORD_STATUS_REJECTED,
                                   "Not valid, \"x\".", "req-1", "corr-1", 1700000000);
  attest_record_store_set_outcome (store, 12, ATTEST_RECORD_STATUS_ATTESTED, NULL, "req-2",
                                   "corr-2", 1700000001);

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autoptr(GBytes) at_once = attest_csv_write_bytes (store, formats[f]);
      g_autoptr(GBytes) stepped = write_in_steps (store, formats[f]);
      g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
      g_autoptr(GBytes) streamed = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (attest_csv_write_stream (store, formats[f], stream, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_output_stream_close (stream, NULL, NULL));
      streamed = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));

      g_assert_nonnull (g_strstr_len (g_bytes_get_data (at_once, NULL), g_bytes_get_size (at_once),
                                      "\"Janet, Q.\""));
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (at_once, NULL), g_bytes_get_size (at_once),
                                      LINK (ID3)));
      csv_test_assert_bytes_equal (stepped, at_once);
      csv_test_assert_bytes_equal (streamed, at_once);
    }
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/csv/writer/microsoft-identical", test_writer_microsoft_identical);
  g_test_add_func ("/csv/writer/round-trip", test_writer_round_trip);
  g_test_add_func ("/csv/writer/normalizes", test_writer_normalizes);
  g_test_add_func ("/csv/writer/extra-columns", test_writer_extra_columns);
  g_test_add_func ("/csv/writer/cells", test_writer_cells);
  g_test_add_func ("/csv/writer/neutralization-reversed", test_writer_neutralization_reversed);
  g_test_add_func ("/csv/writer/from-code-and-results", test_writer_from_code_and_results);
  g_test_add_func ("/csv/writer/edits", test_writer_edits);
  g_test_add_func ("/csv/writer/save-file", test_writer_save_file);
  g_test_add_func ("/csv/writer/incremental", test_writer_incremental);

  return g_test_run ();
}
