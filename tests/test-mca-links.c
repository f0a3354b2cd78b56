/* test-mca-links.c: the links file and the results file of Microsoft's
 * current flow, written and read back after a partner edited them (unit
 * suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "attest-mca-ledger.h"
#include "attest-mca-links.h"
#include "attest-test-utils.h"

#define TENANT "6f1e8c2a-0000-4000-8000-00000000beef"
#define ID_A "0b1f3c6e-2a4d-4c8e-9f10-3d2e1a0b9c01"
#define ID_B "1c2f3c6e-2a4d-4c8e-9f10-3d2e1a0b9c02"
#define ID_C "2d3f3c6e-2a4d-4c8e-9f10-3d2e1a0b9c03"
#define LINK_A "https://cdn.partner.microsoft.com/mca/?attestationid=4f6e2a10-77aa-4b9e-a1c0-1"
#define ADMIN_CENTER "https://admin.microsoft.com/AdminPortal/Home?ref=/BillingAccounts/agreement"

static AttestMcaLinkRow *
make_row (const char * const *values)
{
  AttestMcaLinkRow *row = attest_mca_link_row_new ();

  for (guint c = 0; c < ATTEST_MCA_RESULTS_N_COLUMNS && values[c] != NULL; c++)
    attest_mca_link_row_set (row, c, values[c]);

  return row;
}

/* A requested customer, one the service refused, one who should accept
 * directly. */
static AttestMcaLinks *
sample_links (AttestMcaLinksFormat format)
{
  AttestMcaLinks *links = attest_mca_links_new (format);

  g_ptr_array_add (links->rows, make_row ((const char *[]) {
    ID_A, "Contoso, Ltd.", "Zoë", "Çelik", "zoe@contoso.com", "4f6e2a10-77aa-4b9e-a1c0-1",
    LINK_A, "2026-01-06T10:30:15Z", "requested", "", "a0000000-0000-4000-8000-000000000001",
    "c0000000-0000-4000-8000-000000000001", "", NULL }));
  g_ptr_array_add (links->rows, make_row ((const char *[]) {
    ID_B, "=SUM(A1:A2)", "Ada", "Lovelace", "ada@fabrikam.com", "", "", "", "refused",
    "400 InvalidCountry: \"country\" must be\nan ISO 3166-1 code", "", "", "", NULL }));
  g_ptr_array_add (links->rows, make_row ((const char *[]) {
    ID_C, " Northwind ", "Grace", "Hopper", "grace@northwind.com", "", ADMIN_CENTER, "",
    "needs-acceptance", "", "", "", "", NULL }));

  return links;
}

static char *
bytes_to_string (GBytes *bytes)
{
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_columns (void)
{
  g_autoptr(AttestMcaLinks) links = sample_links (ATTEST_MCA_LINKS_FORMAT_LINKS);
  g_autoptr(AttestMcaLinks) results = sample_links (ATTEST_MCA_LINKS_FORMAT_RESULTS);
  g_autoptr(GBytes) links_bytes = attest_mca_links_to_bytes (links);
  g_autoptr(GBytes) results_bytes = attest_mca_links_to_bytes (results);
  g_autofree char *links_text = bytes_to_string (links_bytes);
  g_autofree char *results_text = bytes_to_string (results_bytes);

  g_assert_cmpstr (links_text, ==,
                   "CustomerTenantId,CompanyName,FirstName,LastName,Email,AttestationId,"
                   "AcceptanceLink,RequestedAt,State,Message\r\n"
                   ID_A ",\"Contoso, Ltd.\",Zoë,Çelik,zoe@contoso.com,4f6e2a10-77aa-4b9e-a1c0-1,"
                   LINK_A ",2026-01-06T10:30:15Z,requested,\r\n"
                   ID_B ",'=SUM(A1:A2),Ada,Lovelace,ada@fabrikam.com,,,,refused,"
                   "\"400 InvalidCountry: \"\"country\"\" must be\nan ISO 3166-1 code\"\r\n"
                   ID_C ",\" Northwind \",Grace,Hopper,grace@northwind.com,," ADMIN_CENTER
                   ",,needs-acceptance,\r\n");
  g_assert_true (g_str_has_prefix (results_text,
                                   "CustomerTenantId,CompanyName,FirstName,LastName,Email,"
                                   "AttestationId,AcceptanceLink,RequestedAt,State,Message,"
                                   "RequestId,CorrelationId,CompletedAt\r\n"));
  g_assert_nonnull (strstr (results_text, ",requested,,a0000000-0000-4000-8000-000000000001,"
                                          "c0000000-0000-4000-8000-000000000001,\r\n"));

  for (guint c = 0; c < ATTEST_MCA_RESULTS_N_COLUMNS; c++)
    g_assert_nonnull (strstr (results_text, attest_mca_links_column_get_name (c)));
}

static void
assert_same_rows (AttestMcaLinks *a,
                  AttestMcaLinks *b)
{
  g_assert_cmpuint (a->rows->len, ==, b->rows->len);
  for (guint i = 0; i < a->rows->len; i++)
    {
      AttestMcaLinkRow *row_a = g_ptr_array_index (a->rows, i);
      AttestMcaLinkRow *row_b = g_ptr_array_index (b->rows, i);

      for (guint c = 0; c < ATTEST_MCA_RESULTS_N_COLUMNS; c++)
        g_assert_cmpstr (row_a->values[c], ==, row_b->values[c]);
    }
}

static void
test_reads_back_what_it_writes (void)
{
  for (guint format = 0; format < 2; format++)
    {
      g_autoptr(AttestMcaLinks) links = sample_links (format);
      g_autoptr(GBytes) bytes = attest_mca_links_to_bytes (links);
      g_autoptr(GPtrArray) problems =
        g_ptr_array_new_with_free_func ((GDestroyNotify) attest_mca_links_problem_free);
      g_autoptr(AttestMcaLinks) read = attest_mca_links_parse (bytes, problems);
      g_autoptr(GBytes) again = attest_mca_links_to_bytes (read);

      g_assert_cmpuint (problems->len, ==, 0);
      g_assert_cmpint (read->format, ==, format);
      g_assert_cmpuint (g_strv_length (read->extra_columns), ==, 0);
      if (format == ATTEST_MCA_LINKS_FORMAT_LINKS)
        {
          /* The links file has no results columns: they read back empty. */
          for (guint i = 0; i < links->rows->len; i++)
            for (guint c = ATTEST_MCA_LINKS_N_COLUMNS; c < ATTEST_MCA_RESULTS_N_COLUMNS; c++)
              attest_mca_link_row_set (g_ptr_array_index (links->rows, i), c, NULL);
        }
      assert_same_rows (links, read);
      g_assert_cmpuint (((AttestMcaLinkRow *) g_ptr_array_index (read->rows, 1))->line, ==, 3);
      g_assert_cmpuint (((AttestMcaLinkRow *) g_ptr_array_index (read->rows, 2))->line, ==, 5);
      g_assert_true (g_bytes_equal (again, bytes));
    }
}

static void
test_write_replaces_at_once (void)
{
  g_autoptr(AttestMcaLinks) links = sample_links (ATTEST_MCA_LINKS_FORMAT_LINKS);
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (attest_test_get_root (), "links", NULL);
  g_autofree char *path = g_build_filename (folder, "links.csv", NULL);
  g_autofree char *missing = g_build_filename (folder, "nowhere", "links.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = attest_mca_links_to_bytes (links);
  g_autoptr(GDir) dir = NULL;
  GStatBuf info;
  guint n_files = 0;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  g_assert_true (attest_mca_links_write (links, path, &error));
  g_assert_no_error (error);
  contents = attest_test_read_file (path);
  g_assert_cmpmem (contents, strlen (contents), g_bytes_get_data (bytes, NULL),
                   g_bytes_get_size (bytes));
  /* The links need no sign-in: only the partner reads the file. */
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  dir = g_dir_open (folder, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  g_assert_false (attest_mca_links_write (links, missing, &error));
  g_assert_nonnull (error);
}

/* The file as a partner leaves it after a spreadsheet: a BOM, semicolons,
 * columns in another order with another case, a column of their own in
 * the middle, an email corrected, LF line ends. */
static const char edited[] =
  "\xef\xbb\xbf" "State;email;Notes;CustomerTenantId;AcceptanceLink;FirstName;LastName;"
  "CompanyName;AttestationId;RequestedAt;Message\n"
  "requested;zoe.celik@contoso.com;called 6 Jan;" ID_A ";" LINK_A ";Zoë;Çelik;"
  "\"Contoso, Ltd.\";4f6e2a10-77aa-4b9e-a1c0-1;2026-01-06T10:30:15Z;\n"
  "refused;ada@fabrikam.com;;" ID_B ";;Ada;Lovelace;'=SUM(A1:A2);;;"
  "\"400 InvalidCountry: \"\"country\"\" must be\nan ISO 3166-1 code\"\n"
  "needs-acceptance;grace@northwind.com;\"to ask; again\";" ID_C ";" ADMIN_CENTER ";Grace;Hopper;"
  "\" Northwind \";;;\n";

static void
test_reads_an_edited_file (void)
{
  g_autoptr(AttestMcaLinks) expected = sample_links (ATTEST_MCA_LINKS_FORMAT_LINKS);
  g_autoptr(GBytes) bytes = g_bytes_new_static (edited, sizeof edited - 1);
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) attest_mca_links_problem_free);
  g_autoptr(AttestMcaLinks) links = attest_mca_links_parse (bytes, problems);
  g_autoptr(GBytes) written = NULL;
  g_autoptr(AttestMcaLinks) reread = NULL;
  g_autofree char *text = NULL;
  const char * const notes[] = { "called 6 Jan", "", "to ask; again" };

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *problem = attest_mca_links_problem_to_string (g_ptr_array_index (problems,
                                                                                        i));

      g_test_message ("%s", problem);
    }
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpint (links->format, ==, ATTEST_MCA_LINKS_FORMAT_LINKS);
  g_assert_cmpuint (g_strv_length (links->extra_columns), ==, 1);
  g_assert_cmpstr (links->extra_columns[0], ==, "Notes");

  for (guint i = 0; i < expected->rows->len; i++)
    {
      AttestMcaLinkRow *row = g_ptr_array_index (expected->rows, i);

      for (guint c = ATTEST_MCA_LINKS_N_COLUMNS; c < ATTEST_MCA_RESULTS_N_COLUMNS; c++)
        attest_mca_link_row_set (row, c, NULL);
      g_assert_cmpstr (((AttestMcaLinkRow *) g_ptr_array_index (links->rows, i))->extra[0], ==,
                       notes[i]);
    }
  attest_mca_link_row_set (g_ptr_array_index (expected->rows, 0), ATTEST_MCA_LINKS_EMAIL,
                           "zoe.celik@contoso.com");
  assert_same_rows (expected, links);

  /* Written again: Attest's columns in its order, the partner's after
   * them, nothing lost; and that reads back the same. */
  written = attest_mca_links_to_bytes (links);
  text = bytes_to_string (written);
  g_assert_true (g_str_has_prefix (text, "CustomerTenantId,CompanyName,FirstName,LastName,Email,"
                                         "AttestationId,AcceptanceLink,RequestedAt,State,Message,"
                                         "Notes\r\n"));
  g_assert_nonnull (strstr (text, ",requested,,called 6 Jan\r\n"));
  g_assert_nonnull (strstr (text, ",needs-acceptance,,to ask; again\r\n"));
  reread = attest_mca_links_parse (written, problems);
  g_assert_cmpuint (problems->len, ==, 0);
  assert_same_rows (links, reread);
  g_assert_cmpstr (((AttestMcaLinkRow *) g_ptr_array_index (reread->rows, 2))->extra[0], ==,
                   "to ask; again");
}

static char *
problem_lines (GPtrArray *problems)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = attest_mca_links_problem_to_string (g_ptr_array_index (problems,
                                                                                     i));

      g_string_append_printf (text, "%s\n", line);
    }

  return g_string_free (text, FALSE);
}

/* Every problem a partner's edit can make is named with its line and
 * column, and every row is kept as written. */
static void
test_problems (void)
{
  static const char file[] =
    "CustomerTenantId,Email,State,RequestedAt,AcceptanceLink,email,FirstName\r\n"
    "not-a-guid,zoe@contoso.com,requested,2026-01-06T10:30:15Z,https://x.test/a,,Zoë\r\n"
    ID_A ",zoe at contoso,accepted,6 January,x.test/a,,Zoë\r\n"
    ID_A ",zoe@contoso.com,done,,,,\r\n"
    ID_B ",ada@fabrikam.com\r\n"
    ID_C ",grace@northwind.com,requested,,,,Grace,surplus\r\n"
    "\r\n"
    ",,needs-acceptance,,,,Ada\r\n"
    ID_C "x,grace@northwind,needs-acceptance,,,,Gr\x01" "ace\r\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (file, sizeof file - 1);
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) attest_mca_links_problem_free);
  g_autoptr(AttestMcaLinks) links = attest_mca_links_parse (bytes, problems);
  g_autofree char *lines = problem_lines (problems);
  g_autoptr(GBytes) written = NULL;
  g_autofree char *text = NULL;
  AttestMcaLinkRow *row;

  g_assert_cmpstr (lines, ==,
    "Header, Email: The column “Email” appears more than once in the header line; only the "
    "first one is used.\n"
    "Line 2, CustomerTenantId: The customer tenant ID is not a valid ID. It should look like "
    "00000000-0000-0000-0000-000000000000.\n"
    "Line 3, Email: The email address must contain exactly one “@”.\n"
    "Line 3, Email: The email address contains a space or an invisible character. Remove it.\n"
    "Line 3, State: “accepted” is not a state. Write one of unchecked, accepted-directly, "
    "attested, needs-acceptance, requested, done and refused.\n"
    "Line 3, AcceptanceLink: “x.test/a” is not a web address. Copy the link again from the "
    "links file Attest wrote.\n"
    "Line 3, RequestedAt: “6 January” is not a date and time. Write it in ISO 8601, such as "
    "2026-01-05T10:00:00Z.\n"
    "Line 4, CustomerTenantId: The customer tenant ID appears on more than one row. Keep one "
    "row per customer.\n"
    "Line 5: This row has fewer fields than the header; the missing ones are read as empty.\n"
    "Line 6: This row has more fields than the header; check for an unquoted delimiter.\n"
    "Line 8, CustomerTenantId: The customer tenant ID is empty. Copy it from Partner Center.\n"
    "Line 9, CustomerTenantId: The customer tenant ID is not a valid ID. It should look like "
    "00000000-0000-0000-0000-000000000000.\n"
    "Line 9, FirstName: The first name contains invisible control characters. Retype it.\n"
    "Line 9, Email: The domain of the email address is not valid: it needs a dot and no empty "
    "parts, as in contoso.com.\n");

  /* Nothing lost: every row, with what it held, the second "email"
   * column and the surplus cell included. An empty signatory is no
   * problem of the file: a customer that could not be requested has none. */
  g_assert_cmpuint (links->rows->len, ==, 7);
  g_assert_cmpstr (links->extra_columns[0], ==, "email");
  row = g_ptr_array_index (links->rows, 1);
  g_assert_cmpstr (row->values[ATTEST_MCA_LINKS_STATE], ==, "accepted");
  g_assert_cmpstr (row->values[ATTEST_MCA_LINKS_REQUESTED_AT], ==, "6 January");
  row = g_ptr_array_index (links->rows, 4);
  g_assert_cmpuint (row->line, ==, 6);
  g_assert_cmpuint (g_strv_length (row->extra), ==, 2);
  g_assert_cmpstr (row->extra[1], ==, "surplus");

  written = attest_mca_links_to_bytes (links);
  text = bytes_to_string (written);
  g_assert_nonnull (strstr (text, ID_C ",,Grace,,grace@northwind.com,,,,requested,,,surplus\r\n"));
}

static void
test_missing_columns (void)
{
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) no_id = g_bytes_new_static ("Email,State\nzoe@contoso.com,done\n", 33);
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) attest_mca_links_problem_free);
  g_autoptr(AttestMcaLinks) none = attest_mca_links_parse (empty, problems);
  g_autoptr(AttestMcaLinks) links = NULL;
  g_autofree char *lines = problem_lines (problems);

  g_assert_cmpuint (none->rows->len, ==, 0);
  g_assert_cmpstr (lines, ==, "File: The file is empty: it has no header line. Choose a CSV "
                              "file written by Attest, by Microsoft’s tool or by a "
                              "spreadsheet.\n");

  g_ptr_array_set_size (problems, 0);
  links = attest_mca_links_parse (no_id, problems);
  g_free (lines);
  lines = problem_lines (problems);
  g_assert_cmpstr (lines, ==,
                   "Header, CustomerTenantId: The required column “CustomerTenantId” is missing "
                   "from the header line. Add it; the rows are read without it.\n"
                   "Line 2, CustomerTenantId: The customer tenant ID is empty. Copy it from "
                   "Partner Center.\n");
  g_assert_cmpuint (links->rows->len, ==, 1);
  g_assert_cmpstr (((AttestMcaLinkRow *) g_ptr_array_index (links->rows, 0))->values[
                     ATTEST_MCA_LINKS_STATE], ==, "done");

  /* Problems need not be collected. */
  g_clear_pointer (&links, attest_mca_links_free);
  links = attest_mca_links_parse (no_id, NULL);
  g_assert_cmpuint (links->rows->len, ==, 1);
}

/* A customer of the ledger, as its row, and the row through a file back. */
static void
test_row_from_ledger (void)
{
  g_autofree char *directory = g_build_filename (attest_test_get_root (), "ledger", NULL);
  g_autofree char *path = g_build_filename (attest_test_get_root (), "results.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMcaLedger) ledger = attest_mca_ledger_open (directory, TENANT, &error);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 1, 6, 10, 30, 15);
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(AttestPartnerRequest) request =
    attest_partner_request_new_full ("POST", "/v1/attestations/enhanced", "req-1", "cor-1",
                                     ATTEST_PARTNER_CREDENTIAL_APP, body);
  const AttestPartnerContact signatory = { ID_A, "Zoë", "Çelik", "zoe@contoso.com", "" };
  AttestMcaAnswer answer = { ATTEST_MCA_ANSWER_ATTESTATION, ID_A, "req-1", "att-1", LINK_A, NULL,
                             when };
  g_autoptr(AttestMcaCustomer) customer = NULL;
  g_autoptr(AttestMcaLinkRow) row = NULL;
  g_autoptr(AttestMcaLinks) links = attest_mca_links_new (ATTEST_MCA_LINKS_FORMAT_RESULTS);
  g_autoptr(AttestMcaLinks) read = NULL;
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) attest_mca_links_problem_free);

  g_assert_no_error (error);
  g_assert_true (attest_mca_ledger_record_state (ledger, ID_A, ATTEST_MCA_STATE_NEEDS_ACCEPTANCE,
                                                 "Contoso", NULL, when, &error));
  g_assert_true (attest_mca_ledger_record_intent_sync (ledger, ATTEST_MCA_INTENT_ATTESTATION,
                                                       "run-1", &signatory, NULL, request,
                                                       &error));
  g_assert_true (attest_mca_ledger_record_answer (ledger, &answer, &error));
  g_assert_no_error (error);

  customer = attest_mca_ledger_lookup (ledger, ID_A);
  row = attest_mca_link_row_new_from_customer (customer);
  g_assert_cmpstr (row->values[ATTEST_MCA_LINKS_CUSTOMER_TENANT_ID], ==, ID_A);
  g_assert_cmpstr (row->values[ATTEST_MCA_LINKS_COMPANY_NAME], ==, "Contoso");
  g_assert_cmpstr (row->values[ATTEST_MCA_LINKS_FIRST_NAME], ==, "Zoë");
  g_assert_cmpstr (row->values[ATTEST_MCA_LINKS_LAST_NAME], ==, "Çelik");
  g_assert_cmpstr (row->values[ATTEST_MCA_LINKS_EMAIL], ==, "zoe@contoso.com");
  g_assert_cmpstr (row->values[ATTEST_MCA_LINKS_ATTESTATION_ID], ==, "att-1");
  g_assert_cmpstr (row->values[ATTEST_MCA_LINKS_ACCEPTANCE_LINK], ==, LINK_A);
  g_assert_cmpstr (row->values[ATTEST_MCA_LINKS_REQUESTED_AT], ==, "2026-01-06T10:30:15Z");
  g_assert_cmpstr (row->values[ATTEST_MCA_LINKS_STATE], ==, "requested");
  g_assert_cmpstr (row->values[ATTEST_MCA_LINKS_MESSAGE], ==, "");
  g_assert_cmpstr (row->values[ATTEST_MCA_LINKS_REQUEST_ID], ==, "req-1");
  g_assert_cmpstr (row->values[ATTEST_MCA_LINKS_CORRELATION_ID], ==, "cor-1");
  g_assert_cmpstr (row->values[ATTEST_MCA_LINKS_COMPLETED_AT], ==, "");
  g_assert_cmpuint (row->line, ==, 0);
  g_assert_null (row->extra);

  g_ptr_array_add (links->rows, g_steal_pointer (&row));
  g_assert_true (attest_mca_links_write (links, path, &error));
  read = attest_mca_links_read (path, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpint (read->format, ==, ATTEST_MCA_LINKS_FORMAT_RESULTS);
  assert_same_rows (links, read);

  g_assert_null (attest_mca_links_read ("/nonexistent/links.csv", problems, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/mca-links/columns", test_columns);
  g_test_add_func ("/mca-links/reads-back-what-it-writes", test_reads_back_what_it_writes);
  g_test_add_func ("/mca-links/write-replaces-at-once", test_write_replaces_at_once);
  g_test_add_func ("/mca-links/reads-an-edited-file", test_reads_an_edited_file);
  g_test_add_func ("/mca-links/problems", test_problems);
  g_test_add_func ("/mca-links/missing-columns", test_missing_columns);
  g_test_add_func ("/mca-links/row-from-ledger", test_row_from_ledger);

  return g_test_run ();
}
