/* test-record-store.c: edits, outcomes, counts and the view of the record
 * store, and items that live only while held
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-record.h"
#include "attest-test-init.h"
#include "csv-test-helpers.h"

#define HEADER "CustomerTenantId,FirstName,LastName,Email,PhoneNumber,LastAgreementDate," \
               "PartnerAttestationCompleted,CustomerAccountLink\r\n"

/* 0 actionable, 1 not marked, 2 marked with a bad phone, 3 actionable,
 * 4 not marked with no last name. */
static AttestRecordStore *
make_store (void)
{
  return csv_test_read_string (HEADER
    "a0000000-0000-4000-8000-000000000000,Zoe,Adams,zoe@contoso.com,,,True,\r\n"
    "b0000000-0000-4000-8000-000000000000,alice,Brown,alice@fabrikam.com,,,False,\r\n"
    "c0000000-0000-4000-8000-000000000000,Élodie,Dupont,elodie@exemple.fr,12,,True,\r\n"
    "d0000000-0000-4000-8000-000000000000,Bob,carter,bob@contoso.com,,,True,\r\n"
    "e0000000-0000-4000-8000-000000000000,Chloé,,chloe@x.org,,,False,\r\n");
}

static char *
view_indexes (AttestRecordStore *store)
{
  GString *text = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%u", i > 0 ? " " : "",
                            attest_record_store_get_view_index (store, i));

  return g_string_free (text, FALSE);
}

#define assert_view(store, expected) \
  G_STMT_START { \
    g_autofree char *_view = view_indexes (store); \
    g_assert_cmpstr (_view, ==, (expected)); \
  } G_STMT_END

static void
count_signal (gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_store_counts_and_edits (void)
{
  g_autoptr(AttestRecordStore) store = make_store ();
  AttestRecordCounts counts;
  guint n_counts = 0;
  guint n_dirty = 0;

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
  g_autoptr(AttestRecordStore) store = make_store ();
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
  g_autoptr(AttestRecordStore) store = make_store ();
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

static void
test_store_filter (void)
{
  g_autoptr(AttestRecordStore) store = make_store ();

  assert_view (store, "0 1 2 3 4");
  attest_record_store_set_filter (store, ATTEST_RECORD_FILTER_MARKED);
  assert_view (store, "0 2 3");
  attest_record_store_set_filter (store, ATTEST_RECORD_FILTER_ACTIONABLE);
  assert_view (store, "0 3");
  attest_record_store_set_filter (store, ATTEST_RECORD_FILTER_PROBLEMS);
  assert_view (store, "2 4");

  attest_record_store_set_outcome (store, 0, ATTEST_RECORD_STATUS_ATTESTED, NULL, NULL, NULL, 1);
  attest_record_store_set_outcome (store, 3, ATTEST_RECORD_STATUS_FAILED, NULL, NULL, NULL, 1);
  attest_record_store_set_filter (store, ATTEST_RECORD_FILTER_DONE);
  assert_view (store, "0");
  attest_record_store_set_filter (store, ATTEST_RECORD_FILTER_FAILED);
  assert_view (store, "3");
  attest_record_store_set_filter (store, ATTEST_RECORD_FILTER_ALL);
  assert_view (store, "0 1 2 3 4");
}

static void
test_store_search (void)
{
  g_autoptr(AttestRecordStore) store = make_store ();

  attest_record_store_set_search (store, "contoso");
  assert_view (store, "0 3");
  attest_record_store_set_search (store, "ALICE");
  assert_view (store, "1");
  attest_record_store_set_search (store, "ÉLO");
  assert_view (store, "2");
  attest_record_store_set_search (store, "c0000000-");
  assert_view (store, "2");
  attest_record_store_set_search (store, "nobody");
  assert_view (store, "");

  /* Search and filter together. */
  attest_record_store_set_search (store, "o");
  attest_record_store_set_filter (store, ATTEST_RECORD_FILTER_ACTIONABLE);
  assert_view (store, "0 3");
  attest_record_store_set_search (store, NULL);
  attest_record_store_set_filter (store, ATTEST_RECORD_FILTER_ALL);
  assert_view (store, "0 1 2 3 4");
}

static void
test_store_sort (void)
{
  static const struct
  {
    AttestRecordSort  sort;
    gboolean          descending;
    const char       *view;
  } sorts[] = {
    /* Case does not matter; letters beyond ASCII come after it. */
    { ATTEST_RECORD_SORT_FIRST_NAME, FALSE, "1 3 4 0 2" },
    { ATTEST_RECORD_SORT_FIRST_NAME, TRUE, "2 0 4 3 1" },
    { ATTEST_RECORD_SORT_LAST_NAME, FALSE, "4 0 1 3 2" },
    { ATTEST_RECORD_SORT_EMAIL, FALSE, "1 3 4 2 0" },
    { ATTEST_RECORD_SORT_CUSTOMER_TENANT_ID, TRUE, "4 3 2 1 0" },
    /* Ties keep file order, whichever the direction. */
    { ATTEST_RECORD_SORT_STATUS, FALSE, "0 3 1 2 4" },
    { ATTEST_RECORD_SORT_STATUS, TRUE, "2 4 1 0 3" },
    { ATTEST_RECORD_SORT_ATTESTED, FALSE, "1 4 0 2 3" },
    { ATTEST_RECORD_SORT_PROBLEM, FALSE, "0 1 3 4 2" },
    { ATTEST_RECORD_SORT_INDEX, TRUE, "4 3 2 1 0" },
  };
  g_autoptr(AttestRecordStore) store = make_store ();

  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    {
      g_autofree char *view = NULL;

      attest_record_store_set_sort (store, sorts[i].sort, sorts[i].descending);
      view = view_indexes (store);
      g_assert_cmpstr (view, ==, sorts[i].view);
    }

  /* Sorting and filtering together; a record that stops matching after an
   * edit stays until the view is refreshed. */
  attest_record_store_set_filter (store, ATTEST_RECORD_FILTER_ACTIONABLE);
  attest_record_store_set_sort (store, ATTEST_RECORD_SORT_FIRST_NAME, FALSE);
  assert_view (store, "3 0");
  attest_record_store_set_attested (store, 0, FALSE);
  assert_view (store, "3 0");
  attest_record_store_refresh_view (store);
  assert_view (store, "3");
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  ItemsChanged *change = user_data;

  *change = (ItemsChanged) { position, removed, added };
}

static void
test_store_items_changed (void)
{
  g_autoptr(AttestRecordStore) store = make_store ();
  ItemsChanged change = { 0, };
  AttestRecordFields fields = {
    "f0000000-0000-4000-8000-000000000000", "Finn", "Gray", "finn@contoso.com", "", 0, TRUE,
  };

  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed), &change);
  attest_record_store_set_filter (store, ATTEST_RECORD_FILTER_ACTIONABLE);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 5);
  g_assert_cmpuint (change.added, ==, 2);

  /* An appended record that matches goes at the end of the view. */
  g_assert_cmpuint (attest_record_store_append (store, &fields), ==, 5);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  assert_view (store, "0 3 5");
  g_assert_cmpuint (attest_record_store_get_line (store, 5), ==, 7);

  attest_record_store_set_filter (store, ATTEST_RECORD_FILTER_ALL);
  fields.attested = FALSE;
  fields.customer_tenant_id = "a0000000-0000-4000-8000-000000000000";
  g_assert_cmpuint (attest_record_store_append (store, &fields), ==, 6);
  g_assert_cmpuint (change.position, ==, 6);
  g_assert_cmpuint (change.added, ==, 1);
  /* A repeated ID flags both copies. */
  g_assert_cmpuint (attest_record_store_get_problems (store, 6), ==,
                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_DUPLICATE));
  g_assert_cmpuint (attest_record_store_get_problems (store, 0), ==,
                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_DUPLICATE));
}

static void
test_store_items_not_kept (void)
{
  g_autoptr(AttestRecordStore) store = make_store ();
  AttestRecord *item = g_list_model_get_item (G_LIST_MODEL (store), 1);
  AttestRecord *again = g_list_model_get_item (G_LIST_MODEL (store), 1);
  gpointer weak = item;
  gpointer weak_store = store;

  g_assert_true (item == again);
  g_assert_cmpuint (attest_record_get_index (item), ==, 1);
  g_assert_true (attest_record_get_store (item) == store);
  g_object_unref (again);

  g_object_add_weak_pointer (G_OBJECT (item), &weak);
  g_object_unref (item);
  /* The store holds no reference to its items. */
  g_assert_null (weak);

  item = g_list_model_get_item (G_LIST_MODEL (store), 2);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (store), 5));
  g_object_add_weak_pointer (G_OBJECT (store), &weak_store);
  g_clear_object (&store);
  /* An item keeps its store alive, not the other way round. */
  g_assert_nonnull (weak_store);
  g_object_unref (item);
  g_assert_null (weak_store);
}

static void
test_store_item_properties (void)
{
  g_autoptr(AttestRecordStore) store = make_store ();
  g_autoptr(AttestRecord) item = g_list_model_get_item (G_LIST_MODEL (store), 2);
  g_autofree char *id = NULL;
  g_autofree char *first = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *label = NULL;
  g_autofree char *link = NULL;
  AttestRecordStatus status;
  gboolean attested, has_problems, actionable;
  guint line;
  guint n_first = 0;
  guint n_status = 0;

  g_object_get (item, "customer-tenant-id", &id, "first-name", &first, "phone-number", &phone,
                "problem", &problem, "status", &status, "status-label", &label,
                "attested", &attested, "has-problems", &has_problems, "actionable", &actionable,
                "line", &line, "account-link", &link, NULL);
  g_assert_cmpstr (id, ==, "c0000000-0000-4000-8000-000000000000");
  g_assert_cmpstr (first, ==, "Élodie");
  g_assert_cmpstr (phone, ==, "12");
  g_assert_cmpstr (problem, ==, "The phone number must have between 4 and 25 digits.");
  g_assert_cmpint (status, ==, ATTEST_RECORD_STATUS_INVALID);
  g_assert_cmpstr (label, ==, "Needs fixing");
  g_assert_true (attested);
  g_assert_true (has_problems);
  g_assert_false (actionable);
  g_assert_cmpuint (line, ==, 4);
  g_assert_cmpstr (link, ==, "https://partner.microsoft.com/dashboard/v2/customers/"
                   "c0000000-0000-4000-8000-000000000000/account");

  g_signal_connect_swapped (item, "notify::first-name", G_CALLBACK (count_signal), &n_first);
  g_signal_connect_swapped (item, "notify::status", G_CALLBACK (count_signal), &n_status);

  /* An edit through the store reaches the item... */
  attest_record_store_set_field (store, 2, ATTEST_RECORD_FIELD_FIRST_NAME, "Elodie");
  g_assert_cmpuint (n_first, ==, 1);
  g_clear_pointer (&first, g_free);
  g_object_get (item, "first-name", &first, NULL);
  g_assert_cmpstr (first, ==, "Elodie");

  /* ...and an edit through the item reaches the store. */
  g_object_set (item, "phone-number", "+33 1 23 45 67 89", NULL);
  csv_test_assert_field (store, 2, ATTEST_RECORD_FIELD_PHONE_NUMBER, "+33 1 23 45 67 89");
  g_assert_true (attest_record_store_is_actionable (store, 2));
  g_assert_cmpuint (n_status, >=, 1);
  g_object_get (item, "status", &status, "actionable", &actionable, NULL);
  g_assert_cmpint (status, ==, ATTEST_RECORD_STATUS_PENDING);
  g_assert_true (actionable);

  g_object_set (item, "attested", FALSE, NULL);
  g_assert_false (attest_record_store_get_attested (store, 2));
  g_assert_true (attest_record_store_get_dirty (store));
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
  g_test_add_func ("/record-store/filter", test_store_filter);
  g_test_add_func ("/record-store/search", test_store_search);
  g_test_add_func ("/record-store/sort", test_store_sort);
  g_test_add_func ("/record-store/items-changed", test_store_items_changed);
  g_test_add_func ("/record-store/items-not-kept", test_store_items_not_kept);
  g_test_add_func ("/record-store/item-properties", test_store_item_properties);

  return g_test_run ();
}
