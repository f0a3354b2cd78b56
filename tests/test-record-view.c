/* test-record-view.c: the filtered, searched and sorted view of a record
 * store, and items that live only while held
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-record.h"
#include "attest-record-view.h"
#include "attest-test-init.h"
#include "csv-test-helpers.h"

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

static void
count_signal (gpointer user_data)
{
  (*(guint *) user_data)++;
}


static void
test_view_filter (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_five_records ();
  g_autoptr(AttestRecordView) view = attest_record_view_new (store);

  assert_view (view, "0 1 2 3 4");
  attest_record_view_set_filter (view, ATTEST_RECORD_FILTER_MARKED);
  assert_view (view, "0 2 3");
  attest_record_view_set_filter (view, ATTEST_RECORD_FILTER_ACTIONABLE);
  assert_view (view, "0 3");
  attest_record_view_set_filter (view, ATTEST_RECORD_FILTER_PROBLEMS);
  assert_view (view, "2 4");

  attest_record_store_set_outcome (store, 0, ATTEST_RECORD_STATUS_ATTESTED, NULL, NULL, NULL, 1);
  attest_record_store_set_outcome (store, 3, ATTEST_RECORD_STATUS_FAILED, NULL, NULL, NULL, 1);
  attest_record_view_set_filter (view, ATTEST_RECORD_FILTER_DONE);
  assert_view (view, "0");
  attest_record_view_set_filter (view, ATTEST_RECORD_FILTER_FAILED);
  assert_view (view, "3");
  attest_record_view_set_filter (view, ATTEST_RECORD_FILTER_ALL);
  assert_view (view, "0 1 2 3 4");
}

static void
test_view_search (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_five_records ();
  g_autoptr(AttestRecordView) view = attest_record_view_new (store);

  attest_record_view_set_search (view, "contoso");
  assert_view (view, "0 3");
  attest_record_view_set_search (view, "ALICE");
  assert_view (view, "1");
  attest_record_view_set_search (view, "ÉLO");
  assert_view (view, "2");
  attest_record_view_set_search (view, "c0000000-");
  assert_view (view, "2");
  attest_record_view_set_search (view, "nobody");
  assert_view (view, "");

  /* Search and filter together. */
  attest_record_view_set_search (view, "o");
  attest_record_view_set_filter (view, ATTEST_RECORD_FILTER_ACTIONABLE);
  assert_view (view, "0 3");
  attest_record_view_set_search (view, NULL);
  attest_record_view_set_filter (view, ATTEST_RECORD_FILTER_ALL);
  assert_view (view, "0 1 2 3 4");
}

static void
test_view_sort (void)
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
  g_autoptr(AttestRecordStore) store = csv_test_five_records ();
  g_autoptr(AttestRecordView) view = attest_record_view_new (store);

  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    {
      g_autofree char *order = NULL;

      attest_record_view_set_sort (view, sorts[i].sort, sorts[i].descending);
      order = view_indexes (view);
      g_assert_cmpstr (order, ==, sorts[i].view);
    }

  /* Sorting and filtering together; a record that stops matching after an
   * edit stays until the view is refreshed. */
  attest_record_view_set_filter (view, ATTEST_RECORD_FILTER_ACTIONABLE);
  attest_record_view_set_sort (view, ATTEST_RECORD_SORT_FIRST_NAME, FALSE);
  assert_view (view, "3 0");
  attest_record_store_set_attested (store, 0, FALSE);
  assert_view (view, "3 0");
  attest_record_view_refresh (view);
  assert_view (view, "3");
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

/* Keeps each change's position, removed and added, in turn. */
static void
record_change (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               GArray     *changes)
{
  g_array_append_val (changes, position);
  g_array_append_val (changes, removed);
  g_array_append_val (changes, added);
}

static void
test_view_items_changed (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_five_records ();
  g_autoptr(AttestRecordView) view = attest_record_view_new (store);
  ItemsChanged change = { 0, };
  AttestRecordFields fields = {
    "f0000000-0000-4000-8000-000000000000", "Finn", "Gray", "finn@contoso.com", "", 0, TRUE,
  };

  g_signal_connect (view, "items-changed", G_CALLBACK (on_items_changed), &change);
  attest_record_view_set_filter (view, ATTEST_RECORD_FILTER_ACTIONABLE);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 5);
  g_assert_cmpuint (change.added, ==, 2);

  /* An appended record that matches goes at the end of the view. */
  g_assert_cmpuint (attest_record_store_append (store, &fields), ==, 5);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  assert_view (view, "0 3 5");
  g_assert_cmpuint (attest_record_store_get_line (store, 5), ==, 7);

  attest_record_view_set_filter (view, ATTEST_RECORD_FILTER_ALL);
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

/* @n records whose last names run backwards: "Name0999", "Name0998", … */
static AttestRecordStore *
backwards_records (guint n)
{
  g_autoptr(GString) text = g_string_new ("CustomerTenantId,FirstName,LastName,Email,PhoneNumber,"
                                          "LastAgreementDate,PartnerAttestationCompleted,"
                                          "CustomerAccountLink\r\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%08x-0000-4000-8000-000000000000,Ann,Name%04u,a@b.org,,,True,"
                            "\r\n", i, n - 1 - i);

  return csv_test_read_string (text->str);
}

typedef struct
{
  GArray  *changes;   /* position, removed, added of each change */
  gboolean checked;   /* the view was looked at during the first */
} Announcement;

static void
on_announced (GListModel   *model,
              guint         position,
              guint         removed,
              guint         added,
              Announcement *announcement)
{
  guint n = g_list_model_get_n_items (model);

  g_array_append_val (announcement->changes, position);
  g_array_append_val (announcement->changes, removed);
  g_array_append_val (announcement->changes, added);
  if (announcement->changes->len > 3)
    return;

  /* Between the two changes: the new rows, then the old ones, whole. */
  g_assert_cmpuint (n, ==, 1000 + added);
  g_assert_cmpuint (attest_record_view_get_index (ATTEST_RECORD_VIEW (model), 0), ==, 999);
  g_assert_cmpuint (attest_record_view_get_index (ATTEST_RECORD_VIEW (model), added - 1), ==, 0);
  g_assert_cmpuint (attest_record_view_get_index (ATTEST_RECORD_VIEW (model), added), ==, 0);
  g_assert_cmpuint (attest_record_view_get_index (ATTEST_RECORD_VIEW (model), n - 1), ==, 999);
  {
    g_autoptr(AttestRecord) item = g_list_model_get_item (model, added);

    g_assert_cmpuint (attest_record_get_index (item), ==, 0);
  }
  announcement->checked = TRUE;
}

/* A long view's new order comes before its old one, which then goes; a
 * short one changes at once (attest-record-view.h). */
static void
test_view_new_order_announced (void)
{
  g_autoptr(AttestRecordStore) store = backwards_records (1000);
  g_autoptr(AttestRecordView) view = attest_record_view_new (store);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (guint));
  Announcement announcement = { changes, FALSE };
  guint *change;

  g_signal_connect (view, "items-changed", G_CALLBACK (on_announced), &announcement);
  attest_record_view_set_sort (view, ATTEST_RECORD_SORT_LAST_NAME, FALSE);
  g_assert_true (announcement.checked);
  g_assert_cmpuint (changes->len, ==, 6);
  change = (guint *) (gpointer) changes->data;
  g_assert_cmpuint (change[0], ==, 0);
  g_assert_cmpuint (change[1], ==, 0);
  g_assert_cmpuint (change[2], ==, 1000);
  g_assert_cmpuint (change[3], ==, 1000);
  g_assert_cmpuint (change[4], ==, 1000);
  g_assert_cmpuint (change[5], ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (view)), ==, 1000);
  for (guint i = 0; i < 1000; i++)
    g_assert_cmpuint (attest_record_view_get_index (view, i), ==, 999 - i);

  /* Searched down to a few: the few, then the thousand go. */
  g_signal_handlers_disconnect_by_func (view, on_announced, &announcement);
  g_array_set_size (changes, 0);
  g_signal_connect (view, "items-changed", G_CALLBACK (record_change), changes);
  attest_record_view_set_search (view, "name000");
  assert_view (view, "999 998 997 996 995 994 993 992 991 990");
  g_assert_cmpuint (changes->len, ==, 6);
  change = (guint *) (gpointer) changes->data;
  g_assert_cmpuint (change[2], ==, 10);
  g_assert_cmpuint (change[3], ==, 10);
  g_assert_cmpuint (change[4], ==, 1000);

  /* Ten rows change at once. */
  g_array_set_size (changes, 0);
  attest_record_view_set_sort (view, ATTEST_RECORD_SORT_INDEX, FALSE);
  assert_view (view, "990 991 992 993 994 995 996 997 998 999");
  g_assert_cmpuint (changes->len, ==, 3);
  change = (guint *) (gpointer) changes->data;
  g_assert_cmpuint (change[0], ==, 0);
  g_assert_cmpuint (change[1], ==, 10);
  g_assert_cmpuint (change[2], ==, 10);
}

/* @n records whose last names repeat every seven: "N0", "N1", … "N6". */
static AttestRecordStore *
repeating_records (guint n)
{
  g_autoptr(GString) text = g_string_new ("CustomerTenantId,FirstName,LastName,Email,PhoneNumber,"
                                          "LastAgreementDate,PartnerAttestationCompleted,"
                                          "CustomerAccountLink\r\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%08x-0000-4000-8000-000000000000,Ann,N%u,a%u@b.org,,,%s,"
                            "\r\n", i, i % 7, i, i % 3 == 0 ? "True" : "False");

  return csv_test_read_string (text->str);
}

/* A long view sorts each way with the records that sort alike in file
 * order, and searches among the marked. */
static void
test_view_long (void)
{
  g_autoptr(AttestRecordStore) store = repeating_records (50001);
  g_autoptr(AttestRecordView) view = attest_record_view_new (store);
  guint n;

  for (int descending = 0; descending <= 1; descending++)
    {
      attest_record_view_set_sort (view, ATTEST_RECORD_SORT_LAST_NAME, descending);
      n = g_list_model_get_n_items (G_LIST_MODEL (view));
      g_assert_cmpuint (n, ==, 50001);
      for (guint i = 1; i < n; i++)
        {
          guint before = attest_record_view_get_index (view, i - 1);
          guint after = attest_record_view_get_index (view, i);

          if (before % 7 == after % 7)
            g_assert_cmpuint (before, <, after);
          else if (descending)
            g_assert_cmpuint (before % 7, >, after % 7);
          else
            g_assert_cmpuint (before % 7, <, after % 7);
        }
    }

  /* "N3" among the marked: every 21st record from the 3rd, in the sort. */
  attest_record_view_set_sort (view, ATTEST_RECORD_SORT_INDEX, FALSE);
  attest_record_view_set_filter (view, ATTEST_RECORD_FILTER_MARKED);
  attest_record_view_set_search (view, "n3");
  n = g_list_model_get_n_items (G_LIST_MODEL (view));
  g_assert_cmpuint (n, ==, (50001 - 3 + 20) / 21);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (attest_record_view_get_index (view, i), ==, 3 + 21 * i);
}

static void
test_view_items_not_kept (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_five_records ();
  g_autoptr(AttestRecordView) view = attest_record_view_new (store);
  AttestRecord *item = g_list_model_get_item (G_LIST_MODEL (view), 1);
  AttestRecord *again = g_list_model_get_item (G_LIST_MODEL (view), 1);
  gpointer weak = item;
  gpointer weak_store = store;

  g_assert_true (item == again);
  g_assert_cmpuint (attest_record_get_index (item), ==, 1);
  g_assert_true (attest_record_get_store (item) == store);
  g_object_unref (again);

  g_object_add_weak_pointer (G_OBJECT (item), &weak);
  g_object_unref (item);
  /* Neither the view nor the store holds a reference to the items. */
  g_assert_null (weak);

  item = g_list_model_get_item (G_LIST_MODEL (view), 2);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (view), 5));
  g_object_add_weak_pointer (G_OBJECT (store), &weak_store);
  g_clear_object (&view);
  g_clear_object (&store);
  /* An item keeps its store alive, not the other way round. */
  g_assert_nonnull (weak_store);
  g_object_unref (item);
  g_assert_null (weak_store);
}

static void
test_view_item_properties (void)
{
  g_autoptr(AttestRecordStore) store = csv_test_five_records ();
  g_autoptr(AttestRecordView) view = attest_record_view_new (store);
  g_autoptr(AttestRecord) item = g_list_model_get_item (G_LIST_MODEL (view), 2);
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

  g_test_add_func ("/record-view/filter", test_view_filter);
  g_test_add_func ("/record-view/search", test_view_search);
  g_test_add_func ("/record-view/sort", test_view_sort);
  g_test_add_func ("/record-view/items-changed", test_view_items_changed);
  g_test_add_func ("/record-view/new-order-announced", test_view_new_order_announced);
  g_test_add_func ("/record-view/long", test_view_long);
  g_test_add_func ("/record-view/items-not-kept", test_view_items_not_kept);
  g_test_add_func ("/record-view/item-properties", test_view_item_properties);

  return g_test_run ();
}
