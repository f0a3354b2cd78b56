/* test-record-store-mca.c: what a record store keeps for Microsoft's
 * current flow: the optional CompanyName, Country and Language columns,
 * read, checked, corrected and written back; each record's state with what
 * Partner Center says of its customer; and the view's filters and sorts by
 * them (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-record.h"
#include "attest-record-view.h"
#include "attest-test-init.h"
#include "csv-test-helpers.h"

#define HEADER "CustomerTenantId,FirstName,LastName,Email,PhoneNumber,LastAgreementDate," \
               "PartnerAttestationCompleted,CustomerAccountLink"

static char *
view_indexes (AttestRecordView *view)
{
  GString *text = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (view));

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%u", i > 0 ? " " : "",
                            attest_record_view_get_index (view, i));

  return g_string_free (text, FALSE);
}

#define assert_view(view, expected) \
  G_STMT_START { \
    g_autofree char *_view = view_indexes (view); \
    g_assert_cmpstr (_view, ==, (expected)); \
  } G_STMT_END

static char *
written (AttestRecordStore *store)
{
  g_autoptr(GBytes) bytes = attest_csv_write_bytes (store, ATTEST_CSV_FORMAT_COMPATIBLE);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
problem_text (AttestRecordStore *store,
              guint              index)
{
  g_autoptr(GPtrArray) problems = attest_record_store_dup_problems (store, index);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      AttestRecordProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (text, "%s%s: %s", i > 0 ? "\n" : "",
                              problem->field != NULL ? problem->field : "-", problem->message);
    }

  return g_string_free (text, FALSE);
}

/* The columns are read whatever their case and place; a value given must
 * be one the service takes, an empty one is left to the billing profile. */
static void
test_request_columns_read_and_checked (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_read_string (
    "country;CustomerTenantId;FirstName;LastName;Email;PartnerAttestationCompleted;"
    "COMPANYNAME;Language;Notes\r\n"
    "FR;a0000000-0000-4000-8000-000000000000;Zoe;Adams;zoe@contoso.com;True;Contoso;fr-FR;x\r\n"
    "France;b0000000-0000-4000-8000-000000000000;Al;Brown;al@contoso.com;True;Fabrikam;en;y\r\n"
    ";c0000000-0000-4000-8000-000000000000;Cy;Dahl;cy@contoso.com;True;;;z\r\n"
    "tr;d0000000-0000-4000-8000-000000000000;Di;Eve;di@contoso.com;True;A\x01" "B;klingon;w\r\n");
  g_autofree char *company = NULL;
  g_autofree char *message = NULL;
  AttestRecordCounts counts;

  company = attest_record_store_dup_request_value (store, 0, ATTEST_REQUEST_FIELD_COMPANY_NAME);
  g_assert_cmpstr (company, ==, "Contoso");
  g_assert_true (attest_record_store_is_actionable (store, 0));
  g_assert_cmpuint (attest_record_store_get_problems (store, 0), ==, 0);

  g_assert_cmpuint (attest_record_store_get_problems (store, 1), ==,
                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_COUNTRY_INVALID));
  message = problem_text (store, 1);
  g_assert_cmpstr (message, ==, "Country: “France” is not a country code. Enter the ISO 3166-1 "
                                "code in two capital letters, such as FR; names and other "
                                "spellings are not read.");

  /* Empty: the billing profile gives them. */
  g_assert_cmpuint (attest_record_store_get_problems (store, 2), ==, 0);

  g_assert_cmpuint (attest_record_store_get_problems (store, 3), ==,
                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_COMPANY_NAME_CONTROL)
                    | ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_COUNTRY_INVALID)
                    | ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_LANGUAGE_INVALID));
  g_assert_cmpstr (attest_problem_get_column (ATTEST_PROBLEM_LANGUAGE_INVALID), ==, "Language");

  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.problems, ==, 2);
  g_assert_cmpuint (counts.actionable, ==, 2);

  /* The columns stay the file's own, in their place. */
  g_assert_cmpuint (attest_record_store_get_n_extra_columns (store), ==, 4);
  g_assert_cmpstr (attest_record_store_get_extra_column (store, 0), ==, "country");
}

/* A correction is checked at once, and written in the file's own column. */
static void
test_request_values_edited_in_place (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_read_string (
    HEADER ",Country,Notes\r\n"
    "a0000000-0000-4000-8000-000000000000,Zoe,Adams,zoe@contoso.com,,,True,,France,keep\r\n"
    "b0000000-0000-4000-8000-000000000000,Al,Brown,al@contoso.com,,,True,,DE,also\r\n");
  g_autofree char *text = NULL;
  g_autofree char *country = NULL;
  g_autoptr(AttestRecordStore) again = NULL;

  g_assert_false (attest_record_store_is_actionable (store, 0));
  attest_record_store_set_request_value (store, 0, ATTEST_REQUEST_FIELD_COUNTRY, "FR");
  g_assert_true (attest_record_store_get_dirty (store));
  g_assert_cmpuint (attest_record_store_get_problems (store, 0), ==, 0);
  g_assert_true (attest_record_store_is_actionable (store, 0));

  attest_record_store_set_request_value (store, 1, ATTEST_REQUEST_FIELD_COUNTRY, "de");
  g_assert_cmpuint (attest_record_store_get_problems (store, 1), ==,
                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_COUNTRY_INVALID));

  text = written (store);
  g_assert_cmpstr (text, ==,
                   HEADER ",Country,Notes\r\n"
                   "a0000000-0000-4000-8000-000000000000,Zoe,Adams,zoe@contoso.com,,,True,"
                   "https://partner.microsoft.com/dashboard/v2/customers/"
                   "a0000000-0000-4000-8000-000000000000/account,FR,keep\r\n"
                   "b0000000-0000-4000-8000-000000000000,Al,Brown,al@contoso.com,,,True,"
                   "https://partner.microsoft.com/dashboard/v2/customers/"
                   "b0000000-0000-4000-8000-000000000000/account,de,also\r\n");

  again = csv_test_read_string (text);
  country = attest_record_store_dup_request_value (again, 0, ATTEST_REQUEST_FIELD_COUNTRY);
  g_assert_cmpstr (country, ==, "FR");
}

/* A file without the columns gains them, in the order of the fields, once
 * a value is corrected; records added from code take corrections too. */
static void
test_request_columns_added_by_edits (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_five_records ();
  g_autoptr(AttestRecordStore) fetched = attest_record_store_new ();
  AttestRecordFields fields = { "f0000000-0000-4000-8000-000000000000", "Fay", "Gray",
                                "fay@contoso.com", NULL, 0, TRUE };
  g_autofree char *text = NULL;
  g_autofree char *language = NULL;
  g_autoptr(AttestRecordStore) again = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpuint (attest_record_store_get_n_extra_columns (store), ==, 0);
  attest_record_store_set_request_value (store, 3, ATTEST_REQUEST_FIELD_LANGUAGE, "en-GB");
  attest_record_store_set_request_value (store, 0, ATTEST_REQUEST_FIELD_COMPANY_NAME, "Contoso");
  g_assert_cmpuint (attest_record_store_get_n_extra_columns (store), ==, 2);
  g_assert_cmpstr (attest_record_store_get_extra_column (store, 0), ==, "CompanyName");
  g_assert_cmpstr (attest_record_store_get_extra_column (store, 1), ==, "Language");

  text = written (store);
  lines = g_strsplit (text, "\r\n", -1);
  g_assert_true (g_str_has_suffix (lines[0], ",CustomerAccountLink,CompanyName,Language"));
  g_assert_true (g_str_has_suffix (lines[1], "/account,Contoso,"));
  g_assert_true (g_str_has_suffix (lines[2], "/account,,"));
  g_assert_true (g_str_has_suffix (lines[4], "/account,,en-GB"));

  again = csv_test_read_string (text);
  language = attest_record_store_dup_request_value (again, 3, ATTEST_REQUEST_FIELD_LANGUAGE);
  g_assert_cmpstr (language, ==, "en-GB");

  attest_record_store_append (fetched, &fields);
  attest_record_store_set_request_value (fetched, 0, ATTEST_REQUEST_FIELD_COUNTRY, "Turkey");
  g_assert_cmpuint (attest_record_store_get_problems (fetched, 0), ==,
                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_COUNTRY_INVALID));
  g_clear_pointer (&text, g_free);
  text = written (fetched);
  g_assert_true (g_str_has_suffix (text, "/account,Turkey\r\n"));
}

static AttestRecordMcaInfo
info_of (AttestMcaState state)
{
  AttestRecordMcaInfo info = { state, };

  return info;
}

/* States from the ledger: counts, a filter per state, a sort by state. */
static void
test_states_counted_filtered_and_sorted (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_five_records ();
  g_autoptr(AttestRecordView) view = attest_record_view_new (store);
  guint indexes[] = { 4, 1, 3 };
  AttestRecordMcaInfo infos[] = {
    info_of (ATTEST_MCA_STATE_NEEDS_ACCEPTANCE), info_of (ATTEST_MCA_STATE_ATTESTED),
    info_of (ATTEST_MCA_STATE_NEEDS_ACCEPTANCE),
  };
  AttestRecordMcaInfo refused = { ATTEST_MCA_STATE_REFUSED, "The country is not supported." };
  AttestRecordMcaInfo got;
  guint counts[ATTEST_N_MCA_STATES];
  guint n_counted = 0;

  attest_record_store_get_mca_counts (store, counts);
  g_assert_cmpuint (counts[ATTEST_MCA_STATE_UNCHECKED], ==, 5);

  attest_record_store_set_mca_infos (store, indexes, infos, G_N_ELEMENTS (indexes));
  attest_record_store_set_mca_info (store, 2, &refused);
  attest_record_store_get_mca_counts (store, counts);
  g_assert_cmpuint (counts[ATTEST_MCA_STATE_UNCHECKED], ==, 1);
  g_assert_cmpuint (counts[ATTEST_MCA_STATE_NEEDS_ACCEPTANCE], ==, 2);
  g_assert_cmpuint (counts[ATTEST_MCA_STATE_ATTESTED], ==, 1);
  g_assert_cmpuint (counts[ATTEST_MCA_STATE_REFUSED], ==, 1);
  for (guint s = 0; s < ATTEST_N_MCA_STATES; s++)
    n_counted += counts[s];
  g_assert_cmpuint (n_counted, ==, 5);

  g_assert_true (attest_record_store_get_mca_info (store, 2, &got));
  g_assert_cmpint (got.state, ==, ATTEST_MCA_STATE_REFUSED);
  g_assert_cmpstr (got.message, ==, "The country is not supported.");
  g_assert_false (attest_record_store_get_mca_info (store, 0, &got));
  g_assert_cmpint (got.state, ==, ATTEST_MCA_STATE_UNCHECKED);

  attest_record_view_set_filter (view, ATTEST_RECORD_FILTER_NEEDS_ACCEPTANCE);
  assert_view (view, "3 4");
  attest_record_view_set_filter (view, ATTEST_RECORD_FILTER_FOR_STATE (ATTEST_MCA_STATE_UNCHECKED));
  assert_view (view, "0");
  attest_record_view_set_filter (view, ATTEST_RECORD_FILTER_REFUSED);
  assert_view (view, "2");
  attest_record_view_set_filter (view, ATTEST_RECORD_FILTER_ALL);
  attest_record_view_set_sort (view, ATTEST_RECORD_SORT_MCA_STATE, FALSE);
  assert_view (view, "0 1 3 4 2");

  /* A state moving on is counted again. */
  refused.state = ATTEST_MCA_STATE_REQUESTED;
  attest_record_store_set_mca_info (store, 2, &refused);
  attest_record_store_get_mca_counts (store, counts);
  g_assert_cmpuint (counts[ATTEST_MCA_STATE_REFUSED], ==, 0);
  g_assert_cmpuint (counts[ATTEST_MCA_STATE_REQUESTED], ==, 1);
}

/* Where a record has no value of its own, it shows Partner Center's:
 * the company's name, the billing profile's country, language and
 * signatory. Its own value wins, and an edit writes its own. */
static void
test_values_shown_from_partner_center (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_read_string (
    HEADER ",CompanyName\r\n"
    "a0000000-0000-4000-8000-000000000000,Zoe,Adams,zoe@contoso.com,,,True,,Own Name\r\n"
    "b0000000-0000-4000-8000-000000000000,,,,,,True,,\r\n");
  g_autoptr(AttestRecordView) view = attest_record_view_new (store);
  AttestRecordMcaInfo known = {
    ATTEST_MCA_STATE_NEEDS_ACCEPTANCE, NULL, NULL, "Zebra Listed", "TR", "tr-TR", "Ayşe",
    "Yılmaz", "ayse@example.com.tr", NULL,
  };
  g_autoptr(AttestRecord) first = NULL;
  g_autoptr(AttestRecord) second = NULL;
  g_autofree char *company = NULL;
  g_autofree char *first_name = NULL;
  g_autofree char *country = NULL;
  guint fallbacks = 0;

  attest_record_store_set_mca_info (store, 0, &known);
  attest_record_store_set_mca_info (store, 1, &known);
  first = g_list_model_get_item (G_LIST_MODEL (view), 0);
  second = g_list_model_get_item (G_LIST_MODEL (view), 1);

  g_object_get (first, "company-name", &company, "first-name", &first_name, "fallbacks",
                &fallbacks, NULL);
  g_assert_cmpstr (company, ==, "Own Name");
  g_assert_cmpstr (first_name, ==, "Zoe");
  g_assert_cmpuint (fallbacks, ==, ATTEST_RECORD_FALLBACK_COUNTRY
                                   | ATTEST_RECORD_FALLBACK_LANGUAGE);
  g_clear_pointer (&company, g_free);
  g_clear_pointer (&first_name, g_free);

  g_object_get (second, "company-name", &company, "first-name", &first_name, "country", &country,
                "fallbacks", &fallbacks, NULL);
  g_assert_cmpstr (company, ==, "Zebra Listed");
  g_assert_cmpstr (first_name, ==, "Ayşe");
  g_assert_cmpstr (country, ==, "TR");
  g_assert_cmpuint (fallbacks, ==, ATTEST_RECORD_FALLBACK_FIRST_NAME
                                   | ATTEST_RECORD_FALLBACK_LAST_NAME
                                   | ATTEST_RECORD_FALLBACK_EMAIL
                                   | ATTEST_RECORD_FALLBACK_COMPANY_NAME
                                   | ATTEST_RECORD_FALLBACK_COUNTRY
                                   | ATTEST_RECORD_FALLBACK_LANGUAGE);

  /* Shown values search and sort as they show. */
  attest_record_view_set_search (view, "zebra");
  assert_view (view, "1");
  attest_record_view_set_search (view, NULL);
  attest_record_view_set_sort (view, ATTEST_RECORD_SORT_COMPANY_NAME, TRUE);
  assert_view (view, "1 0");

  /* The partner's correction becomes the record's own. */
  g_object_set (second, "country", "CY", NULL);
  g_clear_pointer (&country, g_free);
  g_object_get (second, "country", &country, "fallbacks", &fallbacks, NULL);
  g_assert_cmpstr (country, ==, "CY");
  g_assert_false (fallbacks & ATTEST_RECORD_FALLBACK_COUNTRY);
  g_assert_true (attest_record_store_get_dirty (store));
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, 0);

  g_test_add_func ("/record-store-mca/request-columns-read-and-checked",
                   test_request_columns_read_and_checked);
  g_test_add_func ("/record-store-mca/request-values-edited-in-place",
                   test_request_values_edited_in_place);
  g_test_add_func ("/record-store-mca/request-columns-added-by-edits",
                   test_request_columns_added_by_edits);
  g_test_add_func ("/record-store-mca/states-counted-filtered-and-sorted",
                   test_states_counted_filtered_and_sorted);
  g_test_add_func ("/record-store-mca/values-shown-from-partner-center",
                   test_values_shown_from_partner_center);

  return g_test_run ();
}
