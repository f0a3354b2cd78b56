/* test-csv-reader.c: every import rule of SPEC §4.2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "attest-csv-scanner.h"
#include "attest-guid-index.h"
#include "attest-test-utils.h"
#include "csv-test-helpers.h"

#define ID1 "0b1f3c6e-2a4d-4c8e-9f10-3d2e1a0b9c01"
#define ID2 "5d6e7f80-91a2-4b3c-8d4e-5f6a7b8c9d02"
#define ID3 "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c03"
#define HEADER "CustomerTenantId,FirstName,LastName,Email,PhoneNumber,LastAgreementDate," \
               "PartnerAttestationCompleted,CustomerAccountLink"

static void
test_reader_microsoft (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_load ("microsoft.csv");
  AttestRecordCounts counts;

  g_assert_cmpuint (attest_record_store_get_n_records (store), ==, 3);
  g_assert_cmpuint (attest_record_store_get_file_problems (store)->len, ==, 0);
  g_assert_cmpuint (attest_record_store_get_n_columns (store), ==, 8);
  g_assert_cmpuint (attest_record_store_get_n_extra_columns (store), ==, 0);

  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID, ID1);
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_FIRST_NAME, "Jane");
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_EMAIL, "jane@contoso.com");
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_PHONE_NUMBER, "4255550100");
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_LAST_AGREEMENT_DATE, "2023-02-14 00:00:00");
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_CUSTOMER_ACCOUNT_LINK,
                         "https://partner.microsoft.com/dashboard/v2/customers/" ID1 "/account");
  csv_test_assert_field (store, 1, ATTEST_RECORD_FIELD_FIRST_NAME, "Lee, Jr.");
  csv_test_assert_field (store, 1, ATTEST_RECORD_FIELD_PHONE_NUMBER, "");
  csv_test_assert_field (store, 1, ATTEST_RECORD_FIELD_LAST_AGREEMENT_DATE, "");
  csv_test_assert_field (store, 2, ATTEST_RECORD_FIELD_FIRST_NAME, " Ana ");
  csv_test_assert_field (store, 2, ATTEST_RECORD_FIELD_LAST_NAME, "O\"Neil");
  csv_test_assert_field (store, 2, ATTEST_RECORD_FIELD_PHONE_NUMBER, "+1 (425) 555-0199 ext. 12");

  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpuint (attest_record_store_get_line (store, i), ==, i + 2);
      g_assert_cmpuint (attest_record_store_get_problems (store, i), ==, 0);
      g_assert_false (attest_record_store_get_attested (store, i));
      g_assert_cmpint (attest_record_store_get_status (store, i), ==,
                       ATTEST_RECORD_STATUS_NOT_MARKED);
    }

  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.total, ==, 3);
  g_assert_cmpuint (counts.marked, ==, 0);
  g_assert_cmpuint (counts.actionable, ==, 0);
  g_assert_cmpuint (counts.problems, ==, 0);
}

static void
test_reader_excel_french (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_load ("excel-fr.csv");
  AttestRecordCounts counts;

  g_assert_cmpuint (attest_record_store_get_n_records (store), ==, 3);
  g_assert_cmpuint (attest_record_store_get_file_problems (store)->len, ==, 0);
  /* The BOM is not part of the first column's name. */
  g_assert_cmpstr (attest_record_store_get_column_name (store, 0), ==, "CustomerTenantId");
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID, ID1);
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_FIRST_NAME, "Élodie");
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_PHONE_NUMBER, "+33 1 23 45 67 89");
  csv_test_assert_field (store, 1, ATTEST_RECORD_FIELD_LAST_NAME, "Lefèvre");
  csv_test_assert_field (store, 2, ATTEST_RECORD_FIELD_FIRST_NAME, "Anne; Marie");

  g_assert_true (attest_record_store_get_attested (store, 0));
  g_assert_false (attest_record_store_get_attested (store, 1));
  g_assert_true (attest_record_store_get_attested (store, 2));

  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.marked, ==, 2);
  g_assert_cmpuint (counts.actionable, ==, 2);
  g_assert_cmpuint (counts.problems, ==, 0);
}

static void
check_utf16 (const char *name)
{
  g_autoptr(AttestRecordStore) store = csv_test_load (name);

  g_assert_cmpuint (attest_record_store_get_n_records (store), ==, 2);
  g_assert_cmpuint (attest_record_store_get_file_problems (store)->len, ==, 0);
  g_assert_cmpstr (attest_record_store_get_column_name (store, 0), ==, "email");
  g_assert_cmpint (attest_record_store_get_column_field (store, 0), ==, ATTEST_RECORD_FIELD_EMAIL);
  g_assert_cmpint (attest_record_store_get_column_field (store, 1), ==,
                   ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID);

  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID, ID1);
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_FIRST_NAME, "Ayşe");
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_LAST_NAME, "Yılmaz");
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_EMAIL, "ayse@ornek.com.tr");
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_PHONE_NUMBER, "+90 212 555 01 02");
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_LAST_AGREEMENT_DATE, NULL);
  csv_test_assert_field (store, 1, ATTEST_RECORD_FIELD_LAST_NAME, "Öztürk");
  g_assert_true (attest_record_store_get_attested (store, 0));
  g_assert_false (attest_record_store_get_attested (store, 1));
  g_assert_true (attest_record_store_is_actionable (store, 0));
  g_assert_cmpuint (attest_record_store_get_line (store, 1), ==, 3);
}

static void
test_reader_utf16 (void)
{
  check_utf16 ("utf16le-tab.csv");
  check_utf16 ("utf16be-tab.csv");
}

static void
test_reader_quoted (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_load ("quoted.csv");

  g_assert_cmpuint (attest_record_store_get_n_records (store), ==, 3);
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_FIRST_NAME, "Multi\r\nLine");
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_LAST_NAME, "Comma, Inside");
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_EMAIL, "quote\"inside@x.com");
  csv_test_assert_field (store, 1, ATTEST_RECORD_FIELD_LAST_NAME, "Line\nTwo");
  csv_test_assert_field (store, 2, ATTEST_RECORD_FIELD_FIRST_NAME, "");
  /* A record's row is the line it starts on; line breaks in quotes count. */
  g_assert_cmpuint (attest_record_store_get_line (store, 0), ==, 2);
  g_assert_cmpuint (attest_record_store_get_line (store, 1), ==, 4);
  g_assert_cmpuint (attest_record_store_get_line (store, 2), ==, 6);
  /* A line break in a name is a control character. */
  g_assert_cmpuint (attest_record_store_get_problems (store, 0) &
                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_FIRST_NAME_CONTROL), !=, 0);
  g_assert_cmpuint (attest_record_store_get_problems (store, 2), ==,
                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_FIRST_NAME_EMPTY));
}

static void
test_reader_line_ends (void)
{
  g_autoptr(AttestRecordStore) last = csv_test_load ("no-final-newline.csv");
  g_autoptr(AttestRecordStore) blank = csv_test_load ("blank-lines.csv");
  g_autoptr(AttestRecordStore) cr = csv_test_load ("cr-only.csv");

  g_assert_cmpuint (attest_record_store_get_n_records (last), ==, 2);
  csv_test_assert_field (last, 1, ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID, ID2);
  csv_test_assert_field (last, 1, ATTEST_RECORD_FIELD_LAST_NAME, "Smith");
  csv_test_assert_field (last, 1, ATTEST_RECORD_FIELD_CUSTOMER_ACCOUNT_LINK,
                         "https://partner.microsoft.com/dashboard/v2/customers/" ID2 "/account");
  g_assert_true (attest_record_store_get_attested (last, 1));
  g_assert_cmpuint (attest_record_store_get_problems (last, 1), ==, 0);

  g_assert_cmpuint (attest_record_store_get_n_records (blank), ==, 2);
  g_assert_cmpuint (attest_record_store_get_file_problems (blank)->len, ==, 0);
  g_assert_cmpuint (attest_record_store_get_line (blank, 0), ==, 5);
  g_assert_cmpuint (attest_record_store_get_line (blank, 1), ==, 8);
  g_assert_true (attest_record_store_get_attested (blank, 1));

  /* Rows of only delimiters, as a spreadsheet writes an empty row, are
   * blank lines too; a quoted empty field is not. */
  {
    g_autoptr(AttestRecordStore) rows =
      csv_test_read_string (HEADER "\r\n,,,,,,,\r\n" ID1 ",A,B,a@b.co,,,True,\r\n,,\r\n"
                            ",\r\n\"\",,,,,,,\r\n" ID2 ",C,D,c@d.co,,,False,\r\n");

    g_assert_cmpuint (attest_record_store_get_n_records (rows), ==, 3);
    g_assert_cmpuint (attest_record_store_get_line (rows, 0), ==, 3);
    g_assert_cmpuint (attest_record_store_get_line (rows, 1), ==, 6);
    g_assert_cmpuint (attest_record_store_get_problems (rows, 1) &
                      ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_EMPTY), !=, 0);
    g_assert_cmpuint (attest_record_store_get_line (rows, 2), ==, 7);
    csv_test_assert_field (rows, 2, ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID, ID2);
  }

  g_assert_cmpuint (attest_record_store_get_n_records (cr), ==, 2);
  g_assert_cmpuint (attest_record_store_get_line (cr, 1), ==, 3);
  csv_test_assert_field (cr, 1, ATTEST_RECORD_FIELD_EMAIL, "lee@fabrikam.com");
  g_assert_true (attest_record_store_get_attested (cr, 0));
  g_assert_false (attest_record_store_get_attested (cr, 1));
}

static void
test_reader_invalid_utf8 (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_load ("invalid-utf8.csv");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  g_assert_cmpuint (attest_record_store_get_n_records (store), ==, 3);
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_FIRST_NAME, "Ren\xef\xbf\xbd");
  csv_test_assert_field (store, 1, ATTEST_RECORD_FIELD_LAST_NAME, "A\xef\xbf\xbd" "B");
  csv_test_assert_field (store, 2, ATTEST_RECORD_FIELD_FIRST_NAME, "Ana");

  first = csv_test_dup_problems (store, 0);
  g_assert_cmpstr (first, ==, "FirstName: The column “FirstName” contains bytes that are not valid "
                   "text; they are shown as �. Save the file as UTF-8 and import it again.\n");
  second = csv_test_dup_problems (store, 1);
  g_assert_true (g_str_has_prefix (second, "LastName: The column “LastName”"));
  third = csv_test_dup_problems (store, 2);
  g_assert_cmpstr (third, ==, "");
  g_assert_false (attest_record_store_is_actionable (store, 0));
  g_assert_true (attest_record_store_is_actionable (store, 2));
}

static void
test_reader_empty (void)
{
  g_autoptr(AttestRecordStore) empty = csv_test_load ("empty.csv");
  g_autoptr(AttestRecordStore) header = csv_test_load ("header-only.csv");
  g_autoptr(AttestRecordStore) blank = csv_test_read_string ("\r\n\n\r");
  AttestRecordProblem *problem;

  g_assert_cmpuint (attest_record_store_get_n_records (empty), ==, 0);
  g_assert_cmpuint (attest_record_store_get_file_problems (empty)->len, ==, 1);
  problem = g_ptr_array_index (attest_record_store_get_file_problems (empty), 0);
  g_assert_null (problem->field);
  g_assert_true (g_str_has_prefix (problem->message, "The file is empty"));
  g_assert_cmpuint (attest_record_store_get_file_problems (blank)->len, ==, 1);

  g_assert_cmpuint (attest_record_store_get_n_records (header), ==, 0);
  g_assert_cmpuint (attest_record_store_get_file_problems (header)->len, ==, 0);
  g_assert_cmpuint (attest_record_store_get_n_columns (header), ==, 8);
}

static void
test_reader_missing_columns (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_load ("missing-columns.csv");
  GPtrArray *problems = attest_record_store_get_file_problems (store);
  AttestRecordProblem *problem;
  g_autofree char *notes = NULL;
  g_autofree char *region = NULL;

  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->field, ==, "PartnerAttestationCompleted");
  g_assert_cmpstr (problem->message, ==, "The required column “PartnerAttestationCompleted” is "
                   "missing from the header line. Add it; the rows are read without it.");

  /* The rows are still read, with headers matched whatever their case and
   * spaces, and unknown columns kept. */
  g_assert_cmpuint (attest_record_store_get_n_records (store), ==, 2);
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_FIRST_NAME, "Jane");
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_EMAIL, "jane@contoso.com");
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_PHONE_NUMBER, NULL);
  g_assert_false (attest_record_store_has_field (store, 0,
                                                 ATTEST_RECORD_FIELD_PARTNER_ATTESTATION_COMPLETED));
  g_assert_false (attest_record_store_get_attested (store, 0));
  g_assert_cmpuint (attest_record_store_get_problems (store, 0), ==, 0);

  g_assert_cmpuint (attest_record_store_get_n_extra_columns (store), ==, 2);
  g_assert_cmpstr (attest_record_store_get_extra_column (store, 0), ==, "Notes");
  g_assert_cmpstr (attest_record_store_get_extra_column (store, 1), ==, "Region");
  notes = attest_record_store_dup_extra_value (store, 0, 0);
  region = attest_record_store_dup_extra_value (store, 0, 1);
  g_assert_cmpstr (notes, ==, "call back");
  g_assert_cmpstr (region, ==, "EMEA");
}

static void
test_reader_duplicate_column (void)
{
  g_autoptr(AttestRecordStore) store =
    csv_test_read_string (HEADER ",email\r\n" ID1 ",A,B,a@b.co,,,1,,second@b.co\r\n");
  AttestRecordProblem *problem;
  g_autofree char *second = NULL;

  g_assert_cmpuint (attest_record_store_get_file_problems (store)->len, ==, 1);
  problem = g_ptr_array_index (attest_record_store_get_file_problems (store), 0);
  g_assert_cmpstr (problem->field, ==, "Email");
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_EMAIL, "a@b.co");
  g_assert_cmpuint (attest_record_store_get_n_extra_columns (store), ==, 1);
  second = attest_record_store_dup_extra_value (store, 0, 0);
  g_assert_cmpstr (second, ==, "second@b.co");
}

static void
test_reader_ragged (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_load ("ragged.csv");
  g_autofree char *surplus = NULL;

  g_assert_cmpuint (attest_record_store_get_n_records (store), ==, 3);
  g_assert_cmpuint (attest_record_store_get_problems (store, 0), ==,
                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TOO_FEW_FIELDS));
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_EMAIL, "jane@contoso.com");
  csv_test_assert_field (store, 0, ATTEST_RECORD_FIELD_PHONE_NUMBER, NULL);
  g_assert_cmpuint (attest_record_store_get_problems (store, 1), ==,
                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TOO_MANY_FIELDS));
  g_assert_cmpuint (attest_record_store_get_problems (store, 2), ==, 0);
  surplus = csv_test_dup_problems (store, 1);
  g_assert_cmpstr (surplus, ==, "-: This row has more fields than the header; check for an "
                   "unquoted delimiter.\n");
}

static void
test_reader_unclosed_quote (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_load ("unclosed-quote.csv");

  g_assert_cmpuint (attest_record_store_get_n_records (store), ==, 2);
  g_assert_cmpuint (attest_record_store_get_problems (store, 0), ==, 0);
  g_assert_cmpuint (attest_record_store_get_problems (store, 1) &
                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_UNCLOSED_QUOTE), !=, 0);
  csv_test_assert_field (store, 1, ATTEST_RECORD_FIELD_FIRST_NAME,
                         "Lee,Smith,lee@fabrikam.com,,,True,\r\n" ID3
                         ",Ana,Roux,ana@example.org,,,True,\r\n");
}

static void
test_reader_duplicates (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_load ("duplicates.csv");
  guint32 duplicate = ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_DUPLICATE);
  AttestRecordCounts counts;

  g_assert_cmpuint (attest_record_store_get_n_records (store), ==, 5);
  /* Every copy is flagged, whatever the case of its letters. */
  g_assert_cmpuint (attest_record_store_get_problems (store, 0), ==, duplicate);
  g_assert_cmpuint (attest_record_store_get_problems (store, 1), ==, 0);
  g_assert_cmpuint (attest_record_store_get_problems (store, 2), ==, duplicate);
  g_assert_cmpuint (attest_record_store_get_problems (store, 3), ==, 0);
  g_assert_cmpuint (attest_record_store_get_problems (store, 4), ==, duplicate);

  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.marked, ==, 4);
  g_assert_cmpuint (counts.actionable, ==, 2);
  g_assert_cmpuint (counts.problems, ==, 3);
}

/* Records without quotes, of random shape, scanned as they are written:
 * fields split at the delimiter, records at CR, LF or CRLF. The scanner
 * reads such records sixteen bytes at a time, so the cuts fall at every
 * place of a block, and near the end of the text. */
static void
test_reader_scanner_unquoted (void)
{
  static const char alphabet[] = "abcdefghé,,,;\t\r\n\n ";
  g_autoptr(GRand) rand = g_rand_new_with_seed (4180);

  for (guint round = 0; round < 2000; round++)
    {
      gsize len = g_rand_int_range (rand, 1, 200);
      g_autofree char *text = g_malloc (len + 1);
      g_autofree AttestCsvSpan *spans = g_new (AttestCsvSpan, len + 2);
      gsize pos = 0;

      for (gsize i = 0; i < len; i++)
        text[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      text[len] = '\0';
      /* Now and then a quote, which only the records before it must not
       * notice. */
      if (round % 4 == 0)
        text[g_rand_int_range (rand, 0, len)] = '"';

      while (pos < len)
        {
          AttestCsvRecord record;
          gsize expected_start = pos;
          guint n_fields = 0;
          gsize p = pos;

          if (memchr (text + pos, '"', strcspn (text + pos, "\r\n")) != NULL)
            break;

          attest_csv_scan_record (text, len, ',', pos, spans, len + 2, &record);
          g_assert_cmpuint (record.start, ==, pos);
          g_assert_false (record.unclosed);
          for (;; p++)
            {
              if (p == len || text[p] == ',' || text[p] == '\r' || text[p] == '\n')
                {
                  g_assert_cmpuint (spans[n_fields].start, ==, expected_start);
                  g_assert_cmpuint (spans[n_fields].end, ==, p);
                  g_assert_cmpuint (spans[n_fields].flags, ==, 0);
                  n_fields++;
                  expected_start = p + 1;
                  if (p == len || text[p] != ',')
                    break;
                }
            }
          g_assert_cmpuint (record.n_fields, ==, n_fields);
          g_assert_cmpuint (record.end, ==, p);
          if (p < len && text[p] == '\r' && p + 1 < len && text[p + 1] == '\n')
            p++;
          g_assert_cmpuint (record.n_lines, ==, p < len ? 1 : 0);
          g_assert_cmpuint (record.next, ==, MIN (p + 1, len));
          pos = record.next;
        }
    }
}

/* Duplicates in a file large enough for the table of IDs to be filled by
 * two threads: copies far apart, in both halves, three of one ID, and a
 * copy in other letters; then records added one by one, past the point
 * where the table grows. */
static void
test_reader_large_duplicates (void)
{
  static const guint copies[][2] = {
    { 0, 99999 }, { 10, 50000 }, { 10, 70000 }, { 49999, 50001 }, { 123, 124 },
  };
  guint32 duplicate = ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_DUPLICATE);
  g_autoptr(GString) text = g_string_new (HEADER "\r\n");
  g_autoptr(AttestRecordStore) store = NULL;
  g_autoptr(GHashTable) flagged = g_hash_table_new (NULL, NULL);
  guint ids[100000];
  AttestRecordCounts counts;
  guint n;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = i;
  for (guint k = 0; k < G_N_ELEMENTS (copies); k++)
    {
      ids[copies[k][1]] = ids[copies[k][0]];
      g_hash_table_add (flagged, GUINT_TO_POINTER (copies[k][0]));
      g_hash_table_add (flagged, GUINT_TO_POINTER (copies[k][1]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_string_append_printf (text, i == 124 ? "%08X-0000-4000-8000-00000000ABCD,A,B,a@b.co,,,True,\r\n"
                                           : "%08x-0000-4000-8000-00000000abcd,A,B,a@b.co,,,True,\r\n",
                            ids[i] * 2654435761u);

  store = csv_test_read_string (text->str);
  g_assert_cmpuint (attest_record_store_get_n_records (store), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      guint32 expected = g_hash_table_contains (flagged, GUINT_TO_POINTER (i)) ? duplicate : 0;

      if (attest_record_store_get_problems (store, i) != expected)
        g_error ("record %u: problems %x, expected %x", i,
                 attest_record_store_get_problems (store, i), expected);
    }
  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.problems, ==, g_hash_table_size (flagged));

  /* One by one: 40,000 new IDs make the table grow; then a copy of a
   * record that had none, and one of the last new ID. */
  for (guint i = 0; i < 40000; i++)
    {
      g_autofree char *id = g_strdup_printf ("%08x-1111-4000-8000-00000000abcd", i);
      AttestRecordFields fields = { id, "A", "B", "a@b.co", NULL, 0, FALSE };

      attest_record_store_append (store, &fields);
    }
  {
    g_autofree char *id = g_strdup_printf ("%08x-0000-4000-8000-00000000abcd", 777 * 2654435761u);
    g_autofree char *new_id = g_strdup_printf ("%08x-1111-4000-8000-00000000abcd", 39999);
    AttestRecordFields fields = { id, "A", "B", "a@b.co", NULL, 0, FALSE };
    AttestRecordFields new_fields = { new_id, "A", "B", "a@b.co", NULL, 0, FALSE };

    attest_record_store_append (store, &fields);
    attest_record_store_append (store, &new_fields);
  }
  n = attest_record_store_get_n_records (store);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (ids) + 40002);
  g_assert_cmpuint (attest_record_store_get_problems (store, 777), ==, duplicate);
  g_assert_cmpuint (attest_record_store_get_problems (store, n - 2), ==, duplicate);
  g_assert_cmpuint (attest_record_store_get_problems (store, n - 1), ==, duplicate);
  g_assert_cmpuint (attest_record_store_get_problems (store, G_N_ELEMENTS (ids) + 39999), ==,
                    duplicate);
  g_assert_cmpuint (attest_record_store_get_problems (store, G_N_ELEMENTS (ids) + 39998), ==, 0);
  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.problems, ==, g_hash_table_size (flagged) + 4);
}

static void
append_guid_row (GString          *text,
                 const AttestGuid *guid)
{
  g_string_append_printf (text, "%08x-%04x-%04x-%04x-%012" G_GINT64_MODIFIER "x,A,B,a@b.co,,,True,\r\n",
                          (guint) (guid->high >> 32), (guint) (guid->high >> 16) & 0xffff,
                          (guint) guid->high & 0xffff, (guint) (guid->low >> 48),
                          guid->low & G_GUINT64_CONSTANT (0xffffffffffff));
}

/* IDs made to share the top byte of their tag, which picks the segment
 * of the duplicate check's table: the duplicates are found all the same
 * (test-guid-index.c checks that the table stays small). */
static void
test_reader_crowded_ids (void)
{
  g_autoptr(GString) text = g_string_new (HEADER "\r\n");
  g_autoptr(AttestRecordStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (256);
  guint32 duplicate = ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_DUPLICATE);
  AttestRecordCounts counts;
  guint n = 0;

  while (n < 2000)
    {
      AttestGuid guid = { g_rand_int (rand) | (guint64) g_rand_int (rand) << 32,
                          g_rand_int (rand) | (guint64) g_rand_int (rand) << 32 };

      if (attest_guid_tag (&guid) >> 24 != 0)
        continue;
      /* Every hundredth ID twice. */
      for (guint copy = 0; copy < (n % 100 == 0 ? 2 : 1); copy++)
        append_guid_row (text, &guid);
      n++;
    }

  store = csv_test_read_string (text->str);
  g_assert_cmpuint (attest_record_store_get_n_records (store), ==, 2020);
  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.problems, ==, 40);
  g_assert_cmpuint (attest_record_store_get_problems (store, 0), ==, duplicate);
  g_assert_cmpuint (attest_record_store_get_problems (store, 1), ==, duplicate);
  g_assert_cmpuint (attest_record_store_get_problems (store, 2), ==, 0);
}

/* Two different IDs with the same tag, the 32 bits the duplicate check
 * keeps of each: they are told apart by their text, on import and when
 * added one by one; a real copy of one is still found. */
static void
test_reader_same_tag (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (32);
  g_autoptr(GString) text = g_string_new (HEADER "\r\n");
  g_autoptr(AttestRecordStore) store = NULL;
  guint32 duplicate = ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_DUPLICATE);
  AttestGuid pair[2];
  g_autofree char *id = NULL;
  AttestRecordFields fields = { NULL, "A", "B", "a@b.co", NULL, 0, FALSE };

  for (;;)
    {
      AttestGuid guid = { g_rand_int (rand) | (guint64) g_rand_int (rand) << 32,
                          g_rand_int (rand) | (guint64) g_rand_int (rand) << 32 };
      guint32 tag = attest_guid_tag (&guid);
      AttestGuid *other = g_hash_table_lookup (seen, GUINT_TO_POINTER (tag));

      if (other != NULL && (other->high != guid.high || other->low != guid.low))
        {
          pair[0] = *other;
          pair[1] = guid;
          break;
        }
      g_hash_table_insert (seen, GUINT_TO_POINTER (tag), g_memdup2 (&guid, sizeof guid));
    }

  append_guid_row (text, &pair[0]);
  append_guid_row (text, &pair[1]);
  store = csv_test_read_string (text->str);
  g_assert_cmpuint (attest_record_store_get_problems (store, 0), ==, 0);
  g_assert_cmpuint (attest_record_store_get_problems (store, 1), ==, 0);

  /* Added one by one: another record with the first ID is a copy, and
   * only of the first. */
  id = attest_record_store_dup_field (store, 0, ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID);
  fields.customer_tenant_id = id;
  attest_record_store_append (store, &fields);
  g_assert_cmpuint (attest_record_store_get_problems (store, 0), ==, duplicate);
  g_assert_cmpuint (attest_record_store_get_problems (store, 1), ==, 0);
  g_assert_cmpuint (attest_record_store_get_problems (store, 2), ==, duplicate);
}

/* Large files whose records change length along the way, so that the
 * reader's estimate of how many records each half holds, taken from the
 * start of the file, is far off in either direction; with and without a
 * quoted field across the middle. Every record arrives once, in order,
 * with its line. */
static void
test_reader_large_uneven (void)
{
  for (guint variant = 0; variant < 4; variant++)
    {
      gboolean long_first = variant % 2 == 0;
      gboolean quoted_at_middle = variant >= 2;
      g_autoptr(GString) text = g_string_new ("CustomerTenantId,FirstName,LastName,Email,"
                                              "PhoneNumber,LastAgreementDate,"
                                              "PartnerAttestationCompleted,Notes\r\n");
      g_autoptr(AttestRecordStore) store = NULL;
      g_autofree char *padding = g_strnfill (2000, 'p');
      g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint32));
      gboolean quoted_done = FALSE;
      guint32 line = 2;
      guint n = 0;

      while (text->len < 9 * 1024 * 1024)
        {
          /* Long records for the first 512 kB or after it. */
          gboolean is_long = (text->len < 512 * 1024) == long_first;
          guint32 record_lines = 1;

          g_string_append_printf (text, "%08x-0000-4000-8000-000000000000,A,B,a@b.co,,,True,", n);
          if (quoted_at_middle && !quoted_done && text->len > 4300 * 1024)
            {
              g_string_append_c (text, '"');
              for (guint k = 0; k < 300000; k++)
                g_string_append (text, "x\n");
              g_string_append_c (text, '"');
              record_lines += 300000;
              quoted_done = TRUE;
            }
          g_string_append (text, is_long ? padding : "p");
          g_string_append (text, "\r\n");
          g_array_append_val (lines, line);
          line += record_lines;
          n++;
        }

      store = csv_test_read_string (text->str);
      g_assert_cmpuint (attest_record_store_get_n_records (store), ==, n);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *id = attest_record_store_dup_field (store, i,
                                                               ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID);
          g_autofree char *expected = g_strdup_printf ("%08x-0000-4000-8000-000000000000", i);

          if (g_strcmp0 (id, expected) != 0 ||
              attest_record_store_get_line (store, i) != g_array_index (lines, guint32, i))
            g_error ("variant %u, record %u: %s on line %u, expected %s on line %u", variant, i,
                     id, attest_record_store_get_line (store, i), expected,
                     g_array_index (lines, guint32, i));
        }
    }
}

static void
test_reader_booleans (void)
{
  static const struct
  {
    const char    *text;
    AttestBoolean  value;
  } cases[] = {
    { "True", ATTEST_BOOLEAN_TRUE }, { "TRUE", ATTEST_BOOLEAN_TRUE }, { "1", ATTEST_BOOLEAN_TRUE },
    { "yes", ATTEST_BOOLEAN_TRUE }, { "Y", ATTEST_BOOLEAN_TRUE }, { "x", ATTEST_BOOLEAN_TRUE },
    { "X", ATTEST_BOOLEAN_TRUE }, { "VRAI", ATTEST_BOOLEAN_TRUE }, { "DOĞRU", ATTEST_BOOLEAN_TRUE },
    { "doğru", ATTEST_BOOLEAN_TRUE }, { "WAHR", ATTEST_BOOLEAN_TRUE },
    { "VERDADERO", ATTEST_BOOLEAN_TRUE }, { "Vero", ATTEST_BOOLEAN_TRUE },
    { "WAAR", ATTEST_BOOLEAN_TRUE }, { " true ", ATTEST_BOOLEAN_TRUE },
    { "False", ATTEST_BOOLEAN_FALSE }, { "0", ATTEST_BOOLEAN_FALSE }, { "no", ATTEST_BOOLEAN_FALSE },
    { "n", ATTEST_BOOLEAN_FALSE }, { "", ATTEST_BOOLEAN_FALSE }, { "FAUX", ATTEST_BOOLEAN_FALSE },
    { "YANLIŞ", ATTEST_BOOLEAN_FALSE }, { "yanlış", ATTEST_BOOLEAN_FALSE },
    { "FALSCH", ATTEST_BOOLEAN_FALSE }, { "FALSO", ATTEST_BOOLEAN_FALSE },
    { "ONWAAR", ATTEST_BOOLEAN_FALSE },
    { "maybe", ATTEST_BOOLEAN_INVALID }, { "2", ATTEST_BOOLEAN_INVALID },
    { "truee", ATTEST_BOOLEAN_INVALID }, { "oui", ATTEST_BOOLEAN_INVALID },
  };
  g_autoptr(GString) text = g_string_new (HEADER "\r\n");
  g_autoptr(AttestRecordStore) store = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (attest_boolean_parse (cases[i].text, strlen (cases[i].text)), ==,
                       cases[i].value);
      g_string_append_printf (text, "%08x-0000-4000-8000-000000000000,A,B,a@b.co,,,%s,\r\n", i,
                              cases[i].text);
    }

  /* The same through the reader: a bad value is a problem of its row only. */
  store = csv_test_read_string (text->str);
  g_assert_cmpuint (attest_record_store_get_n_records (store), ==, G_N_ELEMENTS (cases));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (attest_record_store_get_attested_value (store, i), ==, cases[i].value);
      g_assert_cmpuint (attest_record_store_get_problems (store, i), ==,
                        cases[i].value == ATTEST_BOOLEAN_INVALID
                        ? ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_ATTESTED_VALUE) : 0);
    }
}

static void
test_reader_delimiter_sniffing (void)
{
  g_autoptr(AttestRecordStore) tab = csv_test_read_string ("CustomerTenantId\tFirstName\t\"A,B,C\"\n"
                                                           ID1 "\tJo\tx\n");
  g_autoptr(AttestRecordStore) semicolon = csv_test_read_string ("\"Customer,TenantId\";FirstName\n"
                                                                 "1;2\n");
  g_autoptr(AttestRecordStore) single = csv_test_read_string ("CustomerTenantId\n" ID1 "\n");
  /* More semicolons than commas, but only commas cut known column names. */
  g_autoptr(AttestRecordStore) names = csv_test_read_string ("CustomerTenantId,FirstName,Notes;a;b;c;d\n"
                                                             ID1 ",Jo,x;y\n");

  g_assert_cmpuint (attest_record_store_get_n_columns (tab), ==, 3);
  csv_test_assert_field (tab, 0, ATTEST_RECORD_FIELD_FIRST_NAME, "Jo");
  g_assert_cmpuint (attest_record_store_get_n_columns (semicolon), ==, 2);
  g_assert_cmpstr (attest_record_store_get_column_name (semicolon, 0), ==, "Customer,TenantId");
  g_assert_cmpuint (attest_record_store_get_n_columns (single), ==, 1);
  g_assert_cmpuint (attest_record_store_get_n_columns (names), ==, 3);
  g_assert_cmpstr (attest_record_store_get_column_name (names, 2), ==, "Notes;a;b;c;d");
  csv_test_assert_field (names, 0, ATTEST_RECORD_FIELD_FIRST_NAME, "Jo");
  csv_test_assert_field (single, 0, ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID, ID1);
}

/* Large enough to be read on two threads, with a quoted line break on the
 * cut or not: the records must be the same either way. */
static GString *
make_large_csv (gboolean quoted_at_middle)
{
  GString *text = g_string_new (HEADER "\r\n");
  guint n = 60000;

  for (guint i = 0; i < n; i++)
    {
      if (quoted_at_middle && i == n / 2 - 2)
        {
          /* A field with many line breaks around the middle of the file. */
          g_string_append_printf (text, "%08x-0000-4000-8000-000000000000,\"", i);
          for (guint k = 0; k < 20000; k++)
            g_string_append (text, "line\n");
          g_string_append (text, "\",Last,a@b.co,,,True,\r\n");
          continue;
        }
      g_string_append_printf (text, "%08x-0000-4000-8000-000000000000,First %u,Last,"
                              "user%u@example.com,+1 425 555 %04u,,%s,\r\n",
                              i, i, i, i % 10000, i % 3 == 0 ? "True" : "False");
    }

  return text;
}

static void
check_large (gboolean quoted_at_middle)
{
  g_autoptr(GString) text = make_large_csv (quoted_at_middle);
  g_autoptr(AttestRecordStore) store = csv_test_read_string (text->str);
  guint n = attest_record_store_get_n_records (store);
  guint extra_lines = quoted_at_middle ? 20000 : 0;
  AttestRecordCounts counts;

  g_assert_cmpuint (n, ==, 60000);
  for (guint i = 0; i < n; i += 997)
    {
      g_autofree char *id = g_strdup_printf ("%08x-0000-4000-8000-000000000000", i);
      guint line = i + 2 + (quoted_at_middle && i > n / 2 - 2 ? extra_lines : 0);

      csv_test_assert_field (store, i, ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID, id);
      g_assert_cmpuint (attest_record_store_get_line (store, i), ==, line);
    }
  csv_test_assert_field (store, n - 1, ATTEST_RECORD_FIELD_EMAIL, "user59999@example.com");
  g_assert_cmpuint (attest_record_store_get_line (store, n - 1), ==, n + 1 + extra_lines);

  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.total, ==, 60000);
  g_assert_cmpuint (counts.problems, ==, quoted_at_middle ? 1 : 0);
}

/* An invalid byte deep in the second half of a large file, found while the
 * two threads read: the file is read again with the byte replaced. */
static void
test_reader_large_invalid (void)
{
  g_autoptr(GString) text = make_large_csv (FALSE);
  g_autoptr(AttestRecordStore) store = NULL;
  char *at = strstr (text->str, "First 45000,");
  g_autofree char *problems = NULL;

  g_assert_nonnull (at);
  at[2] = '\xff';
  store = csv_test_read_string (text->str);
  g_assert_cmpuint (attest_record_store_get_n_records (store), ==, 60000);
  csv_test_assert_field (store, 45000, ATTEST_RECORD_FIELD_FIRST_NAME, "Fi\xef\xbf\xbdst 45000");
  problems = csv_test_dup_problems (store, 45000);
  g_assert_true (g_str_has_prefix (problems, "FirstName: The column “FirstName” contains bytes"));
  g_assert_cmpuint (attest_record_store_get_problems (store, 44999), ==, 0);
  g_assert_cmpuint (attest_record_store_get_line (store, 59999), ==, 60001);
}

static void
test_reader_large (void)
{
  check_large (FALSE);
  check_large (TRUE);
}

typedef struct
{
  AttestRecordStore *store;
  GError            *error;
  double             last_progress;
  guint              n_progress;
  gboolean           done;
} AsyncState;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_cmpfloat (fraction, >=, state->last_progress);
  state->last_progress = fraction;
  state->n_progress++;
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncState *state = user_data;

  state->store = attest_csv_load_file_finish (result, &state->error);
  state->done = TRUE;
}

static gboolean
async_done (gpointer user_data)
{
  return ((AsyncState *) user_data)->done;
}

static void
test_reader_async (void)
{
  g_autoptr(GString) text = make_large_csv (FALSE);
  g_autofree char *dir = g_dir_make_tmp ("attest-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { 0, };
  AsyncState cancelled = { 0, };

  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  attest_csv_load_file_async (file, NULL, on_progress, &state, NULL, on_loaded, &state);
  g_assert_true (attest_test_wait_until (async_done, &state, 30000));
  g_assert_no_error (state.error);
  g_assert_cmpuint (attest_record_store_get_n_records (state.store), ==, 60000);
  /* Reports that were on their way arrive before or just after the result. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (state.n_progress, >=, 1);
  g_assert_cmpfloat (state.last_progress, ==, 1.0);
  g_clear_object (&state.store);

  g_cancellable_cancel (cancellable);
  attest_csv_load_file_async (file, cancellable, NULL, NULL, NULL, on_loaded, &cancelled);
  g_assert_true (attest_test_wait_until (async_done, &cancelled, 30000));
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled.store);
  g_clear_error (&cancelled.error);

  g_unlink (path);
  g_rmdir (dir);
}

typedef struct
{
  GThread *main_thread;
  gint     n_elsewhere;   /* atomic: reports on another thread */
  guint    n_progress;
  gboolean done;
} ThreadState;

static void
on_progress_thread (double   fraction,
                    gpointer user_data)
{
  ThreadState *state = user_data;

  if (g_thread_self () != state->main_thread)
    g_atomic_int_inc (&state->n_elsewhere);
  else
    state->n_progress++;
}

static void
on_loaded_thread (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ThreadState *state = user_data;
  g_autoptr(AttestRecordStore) store = attest_csv_load_file_finish (result, NULL);

  g_assert_nonnull (store);
  state->done = TRUE;
}

static gboolean
thread_state_done (gpointer user_data)
{
  return ((ThreadState *) user_data)->done;
}

/* The progress of the async form comes through the main context, on the
 * thread that runs it, even while that thread is not running it, as a
 * window's thread is not between two iterations: the reports may reach
 * into GTK. */
static void
test_reader_async_progress_thread (void)
{
  g_autoptr(GString) text = make_large_csv (FALSE);
  g_autofree char *dir = g_dir_make_tmp ("attest-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ThreadState state = { g_thread_self (), 0, 0, FALSE };

  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

  attest_csv_load_file_async (file, NULL, on_progress_thread, &state, NULL, on_loaded_thread,
                              &state);
  /* Out of the main loop until something waits in it, or a report came
   * on the worker's thread, which could take the free context. Between two
   * looks the context is left free: looking takes it for a moment. */
  while (!g_main_context_pending (NULL) && g_atomic_int_get (&state.n_elsewhere) == 0)
    g_usleep (100);
  g_assert_true (attest_test_wait_until (thread_state_done, &state, 30000));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (g_atomic_int_get (&state.n_elsewhere), ==, 0);
  g_assert_cmpuint (state.n_progress, >=, 1);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_reader_unreadable (void)
{
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/attest.csv");
  g_autoptr(GFile) folder = g_file_new_for_path (g_get_tmp_dir ());
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestRecordStore) store = NULL;

  store = attest_csv_load_file (missing, NULL, NULL, NULL, &error);
  g_assert_error (error, ATTEST_CSV_ERROR, ATTEST_CSV_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "/nonexistent/attest.csv"));
  g_assert_null (store);
  g_clear_error (&error);

  store = attest_csv_load_file (folder, NULL, NULL, NULL, &error);
  g_assert_error (error, ATTEST_CSV_ERROR, ATTEST_CSV_ERROR_READ);
  g_assert_null (store);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/csv/reader/microsoft", test_reader_microsoft);
  g_test_add_func ("/csv/reader/excel-french", test_reader_excel_french);
  g_test_add_func ("/csv/reader/utf16", test_reader_utf16);
  g_test_add_func ("/csv/reader/quoted", test_reader_quoted);
  g_test_add_func ("/csv/reader/line-ends", test_reader_line_ends);
  g_test_add_func ("/csv/reader/invalid-utf8", test_reader_invalid_utf8);
  g_test_add_func ("/csv/reader/empty", test_reader_empty);
  g_test_add_func ("/csv/reader/missing-columns", test_reader_missing_columns);
  g_test_add_func ("/csv/reader/duplicate-column", test_reader_duplicate_column);
  g_test_add_func ("/csv/reader/ragged", test_reader_ragged);
  g_test_add_func ("/csv/reader/unclosed-quote", test_reader_unclosed_quote);
  g_test_add_func ("/csv/reader/duplicates", test_reader_duplicates);
  g_test_add_func ("/csv/reader/scanner-unquoted", test_reader_scanner_unquoted);
  g_test_add_func ("/csv/reader/large-duplicates", test_reader_large_duplicates);
  g_test_add_func ("/csv/reader/crowded-ids", test_reader_crowded_ids);
  g_test_add_func ("/csv/reader/same-tag", test_reader_same_tag);
  g_test_add_func ("/csv/reader/large-uneven", test_reader_large_uneven);
  g_test_add_func ("/csv/reader/booleans", test_reader_booleans);
  g_test_add_func ("/csv/reader/delimiter-sniffing", test_reader_delimiter_sniffing);
  g_test_add_func ("/csv/reader/large", test_reader_large);
  g_test_add_func ("/csv/reader/large-invalid", test_reader_large_invalid);
  g_test_add_func ("/csv/reader/async", test_reader_async);
  g_test_add_func ("/csv/reader/async-progress-thread", test_reader_async_progress_thread);
  g_test_add_func ("/csv/reader/unreadable", test_reader_unreadable);

  return g_test_run ();
}
