/* test-record-search.c: searching records whatever their case and accents
 * (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-record-view.h"
#include "attest-test-init.h"

static AttestRecordStore *
store_with_names (void)
{
  static const char *names[][2] = {
    { "Amélie", "Dubois" },
    { "Mehmet", "Yılmaz" },
    { "Jürgen", "Straße" },
    { "Søren", "Kierkegaard" },
    { "İlker", "Çelik" },
    { "Zoë", "Ørsted" },
    { "Alice", "Smith" },
  };
  AttestRecordStore *store = attest_record_store_new ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *id = g_strdup_printf ("00000000-0000-4000-8000-%012u", i);
      AttestRecordFields fields = {
        .customer_tenant_id = id,
        .first_name = names[i][0],
        .last_name = names[i][1],
        .email = "someone@example.com",
        .phone_number = "",
      };

      attest_record_store_append (store, &fields);
    }

  return store;
}

static guint
count_matches (AttestRecordView *view,
               const char       *search)
{
  attest_record_view_set_search (view, search);
  return g_list_model_get_n_items (G_LIST_MODEL (view));
}

static void
test_search_ignores_case_and_accents (void)
{
  g_autoptr(AttestRecordStore) store = store_with_names ();
  g_autoptr(AttestRecordView) view = attest_record_view_new (store);

  g_assert_cmpuint (count_matches (view, "amelie"), ==, 1);
  g_assert_cmpuint (count_matches (view, "AMÉLIE"), ==, 1);
  g_assert_cmpuint (count_matches (view, "amélie"), ==, 1);
  /* The Turkish dotless ı and dotted İ, typed on any keyboard. */
  g_assert_cmpuint (count_matches (view, "YILMAZ"), ==, 1);
  g_assert_cmpuint (count_matches (view, "yılmaz"), ==, 1);
  g_assert_cmpuint (count_matches (view, "ilker"), ==, 1);
  g_assert_cmpuint (count_matches (view, "celik"), ==, 1);
  g_assert_cmpuint (count_matches (view, "strasse"), ==, 1);
  g_assert_cmpuint (count_matches (view, "juergen"), ==, 0);
  g_assert_cmpuint (count_matches (view, "jurgen"), ==, 1);
  g_assert_cmpuint (count_matches (view, "soren"), ==, 1);
  g_assert_cmpuint (count_matches (view, "orsted"), ==, 1);
  g_assert_cmpuint (count_matches (view, "zoe"), ==, 1);
  g_assert_cmpuint (count_matches (view, "smith"), ==, 1);
  g_assert_cmpuint (count_matches (view, "000000000003"), ==, 1);
  g_assert_cmpuint (count_matches (view, "example.com"), ==, 7);
  g_assert_cmpuint (count_matches (view, "nobody"), ==, 0);
  g_assert_cmpuint (count_matches (view, ""), ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/record-search/ignores-case-and-accents", test_search_ignores_case_and_accents);

  return g_test_run ();
}
