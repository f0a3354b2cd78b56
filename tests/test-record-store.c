/* test-record-store.c: edits, outcomes and counts of the record store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-test-init.h"
#include "csv-test-helpers.h"

#define HEADER "CustomerTenantId,FirstName,LastName,Email,PhoneNumber,LastAgreementDate," \
               "PartnerAttestationCompleted,CustomerAccountLink\r\n"

static void
count_signal (gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_store_counts_and_edits (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_five_records ();
  AttestRecordCounts counts;
  guint n_counts = 0;
  guint n_dirty = 0;

  g_assert_true (attest_record_store_is_from_file (store, 0));
  g_assert_true (attest_record_store_is_from_file (store, 4));
  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.total, ==, 5);
  g_assert_cmpuint (counts.marked, ==, 3);
  g_assert_cmpuint (counts.actionable, ==, 2);
  g_assert_cmpuint (counts.problems, ==, 2);
  g_assert_false (attest_record_store_get_dirty (store));

  g_signal_connect_swapped (store, "counts-changed", G_CALLBACK (count_signal), &n_counts);
  g_signal_connect_swapped (store, "notify::dirty", G_CALLBACK (count_signal), &n_dirty);

  /* Fixing the phone makes record 2 actionable. */
  attest_record_store_set_field (store, 2, ATTEST_RECORD_FIELD_PHONE_NUMBER, "+33 1 23 45 67 89");
  csv_test_assert_field (store, 2, ATTEST_RECORD_FIELD_PHONE_NUMBER, "+33 1 23 45 67 89");
  g_assert_cmpuint (attest_record_store_get_problems (store, 2), ==, 0);
  g_assert_true (attest_record_store_is_actionable (store, 2));
  g_assert_cmpuint (n_counts, ==, 1);
  g_assert_cmpuint (n_dirty, ==, 1);
  g_assert_true (attest_record_store_get_dirty (store));
  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.actionable, ==, 3);
  g_assert_cmpuint (counts.problems, ==, 1);

  /* Setting the same value changes nothing. */
  attest_record_store_set_field (store, 2, ATTEST_RECORD_FIELD_PHONE_NUMBER, "+33 1 23 45 67 89");
  g_assert_cmpuint (n_counts, ==, 1);

  /* An edit that breaks the email. */
  attest_record_store_set_field (store, 0, ATTEST_RECORD_FIELD_EMAIL, "zoe at contoso");
  g_assert_cmpuint (attest_record_store_get_problems (store, 0), ==,
                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_EMAIL_SPACE) |
                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_EMAIL_AT_SIGN));
  g_assert_cmpint (attest_record_store_get_status (store, 0), ==, ATTEST_RECORD_STATUS_INVALID);
  g_assert_cmpuint (n_counts, ==, 2);

  attest_record_store_set_attested (store, 1, TRUE);
  g_assert_true (attest_record_store_is_actionable (store, 1));
  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.marked, ==, 4);
  g_assert_cmpuint (counts.actionable, ==, 3);
  g_assert_cmpuint (n_counts, ==, 3);

  attest_record_store_set_dirty (store, FALSE);
  g_assert_false (attest_record_store_get_dirty (store));
  g_assert_cmpuint (n_dirty, ==, 2);
}

static void
test_store_attested_value_fixed (void)
{
  g_autoptr(AttestRecordStore) store =
    csv_test_read_string (HEADER "a0000000-0000-4000-8000-000000000000,A,B,a@b.co,,,maybe,\r\n");

  g_assert_cmpuint (attest_record_store_get_problems (store, 0), ==,
                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_ATTESTED_VALUE));
  attest_record_store_set_attested (store, 0, TRUE);
  g_assert_cmpuint (attest_record_store_get_problems (store, 0), ==, 0);
  g_assert_true (attest_record_store_is_actionable (store, 0));
}

static void
on_record_changed (AttestRecordStore *store,
                   guint              index,
                   gpointer           user_data)
{
  g_array_append_val ((GArray *) user_data, index);
}

static void
test_store_outcomes (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_five_records ();
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (guint));
  AttestRecordCounts counts;
  GString *found = g_string_new (NULL);
  g_autofree char *actionable = NULL;

  for (guint i = attest_record_store_find_next_actionable (store, 0); i != G_MAXUINT;
       i = attest_record_store_find_next_actionable (store, i + 1))
    g_string_append_printf (found, "%u ", i);
  actionable = g_string_free (found, FALSE);
  g_assert_cmpstr (actionable, ==, "0 3 ");

  g_assert_cmpint (attest_record_store_get_status (store, 0), ==, ATTEST_RECORD_STATUS_PENDING);
  g_assert_cmpint (attest_record_store_get_status (store, 1), ==, ATTEST_RECORD_STATUS_NOT_MARKED);
  g_assert_cmpint (attest_record_store_get_status (store, 2), ==, ATTEST_RECORD_STATUS_INVALID);
  g_assert_null (attest_record_store_get_request_id (store, 0));

  g_signal_connect (store, "record-changed", G_CALLBACK (on_record_changed), changed);
  attest_record_store_set_outcome (store, 0, ATTEST_RECORD_STATUS_ATTESTED, NULL, "req-1", "corr-1",
                                   1700000000);
  attest_record_store_set_outcome (store, 3, ATTEST_RECORD_STATUS_REJECTED,
                                   "The email address is not valid.", "req-1", "corr-1", 1700000000);
  g_assert_cmpuint (changed->len, ==, 2);
  g_assert_cmpuint (g_array_index (changed, guint, 1), ==, 3);

  g_assert_cmpint (attest_record_store_get_status (store, 0), ==, ATTEST_RECORD_STATUS_ATTESTED);
  g_assert_cmpstr (attest_record_store_get_request_id (store, 0), ==, "req-1");
  g_assert_cmpstr (attest_record_store_get_correlation_id (store, 3), ==, "corr-1");
  g_assert_cmpstr (attest_record_store_get_message (store, 3), ==, "The email address is not valid.");
  g_assert_cmpint (attest_record_store_get_submitted_at (store, 3), ==, 1700000000);
  /* Outcomes do not count as unsaved edits. */
  g_assert_false (attest_record_store_get_dirty (store));

  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.done, ==, 1);
  g_assert_cmpuint (counts.failed, ==, 1);

  attest_record_store_clear_outcome (store, 3);
  g_assert_cmpint (attest_record_store_get_status (store, 3), ==, ATTEST_RECORD_STATUS_PENDING);
  g_assert_null (attest_record_store_get_message (store, 3));
  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.failed, ==, 0);

  g_assert_cmpstr (attest_record_status_to_string (ATTEST_RECORD_STATUS_ALREADY_ATTESTED), ==,
                   "already-attested");
  {
    AttestRecordStatus status;

    g_assert_true (attest_record_status_from_string ("not-marked", &status));
    g_assert_cmpint (status, ==, ATTEST_RECORD_STATUS_NOT_MARKED);
    g_assert_false (attest_record_status_from_string ("done", &status));
  }
}

/* Many records given one outcome at once: each is changed, the counts
 * only once. */
static void
test_store_outcomes_at_once (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_five_records ();
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (guint));
  const guint both[] = { 0, 3 };
  AttestRecordCounts counts;
  guint n_counts = 0;

  g_signal_connect (store, "record-changed", G_CALLBACK (on_record_changed), changed);
  g_signal_connect_swapped (store, "counts-changed", G_CALLBACK (count_signal), &n_counts);

  attest_record_store_set_outcomes (store, both, 0, ATTEST_RECORD_STATUS_ATTESTED, NULL, NULL,
                                    NULL, 1);
  g_assert_cmpuint (changed->len, ==, 0);
  g_assert_cmpuint (n_counts, ==, 0);

  attest_record_store_set_outcomes (store, both, G_N_ELEMENTS (both),
                                    ATTEST_RECORD_STATUS_ALREADY_ATTESTED, "Already done.",
                                    "req-2", "corr-2", 1700000100);
  g_assert_cmpuint (changed->len, ==, 2);
  g_assert_cmpuint (g_array_index (changed, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (changed, guint, 1), ==, 3);
  g_assert_cmpuint (n_counts, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (both); i++)
    {
      g_assert_cmpint (attest_record_store_get_status (store, both[i]), ==,
                       ATTEST_RECORD_STATUS_ALREADY_ATTESTED);
      g_assert_cmpstr (attest_record_store_get_message (store, both[i]), ==, "Already done.");
      g_assert_cmpstr (attest_record_store_get_request_id (store, both[i]), ==, "req-2");
      g_assert_cmpstr (attest_record_store_get_correlation_id (store, both[i]), ==, "corr-2");
      g_assert_cmpint (attest_record_store_get_submitted_at (store, both[i]), ==, 1700000100);
    }
  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.done, ==, 2);
  g_assert_cmpuint (counts.actionable, ==, 0);

  /* The same outcome again moves no count. */
  attest_record_store_set_outcomes (store, both, G_N_ELEMENTS (both),
                                    ATTEST_RECORD_STATUS_ALREADY_ATTESTED, "Already done.",
                                    "req-2", "corr-2", 1700000100);
  g_assert_cmpuint (changed->len, ==, 4);
  g_assert_cmpuint (n_counts, ==, 1);
}

/* Records added from code, as a fetch adds them: checked from the values
 * given, with the rules of a file; their columns read back as given,
 * quotes and formula prefix undone; invalid UTF-8 made valid. */
static void
test_store_appended (void)
{
  g_autoptr(AttestRecordStore) store = attest_record_store_new ();
  g_autoptr(GString) scratch = g_string_new (NULL);
  AttestRecordFields good = {
    "0b1f3c6e-2a4d-4c8e-9f10-3d2e1a0b9c01", "=Lee", "Smith, \"Jr.\"", "lee@fabrikam.com",
    "+1 425 555 0100", 1700000000, TRUE,
  };
  AttestRecordFields bad = { "not a guid", "Ana\xff", "", "ana-at-example.org", NULL, 0, FALSE };
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *bad_first = NULL;
  const char *value;
  gsize len;

  g_assert_cmpuint (attest_record_store_append (store, &good), ==, 0);
  g_assert_cmpuint (attest_record_store_append (store, &bad), ==, 1);

  g_assert_cmpuint (attest_record_store_get_problems (store, 0), ==, 0);
  g_assert_true (attest_record_store_is_actionable (store, 0));
  g_assert_cmpuint (attest_record_store_get_problems (store, 1), ==,
                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_NOT_GUID) |
                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_LAST_NAME_EMPTY) |
                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_EMAIL_AT_SIGN));

  first = attest_record_store_dup_column_value (store, 0, 1);
  last = attest_record_store_dup_column_value (store, 0, 2);
  g_assert_cmpstr (first, ==, "=Lee");
  g_assert_cmpstr (last, ==, "Smith, \"Jr.\"");
  bad_first = attest_record_store_dup_field (store, 1, ATTEST_RECORD_FIELD_FIRST_NAME);
  g_assert_cmpstr (bad_first, ==, "Ana\xef\xbf\xbd");

  /* They have no value in a column of a file, nor fields read. */
  g_assert_null (attest_record_store_peek_column (store, 0, 1, scratch, &len));
  g_assert_cmpuint (attest_record_store_get_n_fields (store, 0), ==, 0);
  g_assert_false (attest_record_store_is_from_file (store, 0));
  g_assert_false (attest_record_store_is_from_file (store, 1));
  value = attest_record_store_peek_field (store, 0, ATTEST_RECORD_FIELD_LAST_NAME, scratch, &len);
  g_assert_cmpmem (value, len, "Smith, \"Jr.\"", strlen ("Smith, \"Jr.\""));
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/record-store/counts-and-edits", test_store_counts_and_edits);
  g_test_add_func ("/record-store/attested-value-fixed", test_store_attested_value_fixed);
  g_test_add_func ("/record-store/outcomes", test_store_outcomes);
  g_test_add_func ("/record-store/outcomes-at-once", test_store_outcomes_at_once);
  g_test_add_func ("/record-store/appended", test_store_appended);

  return g_test_run ();
}
