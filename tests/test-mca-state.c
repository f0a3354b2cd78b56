/* test-mca-state.c: the words and labels of a customer's state in
 * Microsoft's current flow (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-mca-state.h"
#include "attest-test-init.h"

/* The words of SPEC §13, in the enumeration's order. */
static const char * const words[ATTEST_N_MCA_STATES] = {
  "unchecked", "accepted-directly", "attested", "needs-acceptance", "requested", "done",
  "refused",
};

static void
test_words (void)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (ATTEST_TYPE_MCA_STATE);

  g_assert_cmpuint (enum_class->n_values, ==, ATTEST_N_MCA_STATES);
  for (guint i = 0; i < ATTEST_N_MCA_STATES; i++)
    {
      AttestMcaState state = ATTEST_MCA_STATE_REFUSED + 1;

      g_assert_cmpstr (attest_mca_state_to_string (i), ==, words[i]);
      g_assert_true (attest_mca_state_from_string (words[i], &state));
      g_assert_cmpint (state, ==, i);
      g_assert_cmpstr (g_enum_get_value (enum_class, i)->value_nick, ==, words[i]);
    }

  g_assert_cmpint (ATTEST_MCA_STATE_UNCHECKED, ==, 0);
  g_assert_cmpstr (attest_mca_state_to_string (ATTEST_MCA_STATE_NEEDS_ACCEPTANCE), ==,
                   "needs-acceptance");
}

static void
test_from_string_is_exact (void)
{
  static const char * const not_words[] = {
    "", "Requested", "REFUSED", "accepted_directly", "accepted directly", " done", "done ",
    "needs acceptance", "accepted", "pending", "unchecked\n",
  };
  AttestMcaState state = ATTEST_MCA_STATE_DONE;

  for (guint i = 0; i < G_N_ELEMENTS (not_words); i++)
    {
      g_assert_false (attest_mca_state_from_string (not_words[i], &state));
      g_assert_cmpint (state, ==, ATTEST_MCA_STATE_DONE);
    }
  g_assert_false (attest_mca_state_from_string (NULL, &state));
  g_assert_true (attest_mca_state_from_string ("refused", NULL));
}

static void
test_labels (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < ATTEST_N_MCA_STATES; i++)
    {
      const char *label = attest_mca_state_get_label (i);

      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, "");
      g_assert_cmpstr (label, !=, words[i]);
      g_assert_true (g_hash_table_add (seen, (gpointer) label));
    }
  g_assert_cmpstr (attest_mca_state_get_label (ATTEST_MCA_STATE_UNCHECKED), ==, "Not checked");
  g_assert_cmpstr (attest_mca_state_get_label (ATTEST_MCA_STATE_NEEDS_ACCEPTANCE), ==,
                   "Needs acceptance");
}

static void
test_needs_nothing (void)
{
  for (guint i = 0; i < ATTEST_N_MCA_STATES; i++)
    {
      gboolean expected = i == ATTEST_MCA_STATE_ACCEPTED_DIRECTLY
                          || i == ATTEST_MCA_STATE_ATTESTED || i == ATTEST_MCA_STATE_DONE;

      g_assert_cmpint (attest_mca_state_needs_nothing (i), ==, expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/mca-state/words", test_words);
  g_test_add_func ("/mca-state/from-string-is-exact", test_from_string_is_exact);
  g_test_add_func ("/mca-state/labels", test_labels);
  g_test_add_func ("/mca-state/needs-nothing", test_needs_nothing);

  return g_test_run ();
}
