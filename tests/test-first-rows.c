/* test-first-rows.c: a list model that shows the first items of another,
 * and tells each change so that a list following it stays the same
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-first-rows.h"
#include "attest-test-init.h"

/* A list kept as a GtkListView keeps its rows: from the model's signals
 * only, the items fetched when they are told added. */
typedef struct
{
  GListStore *mirror;
  guint       n_changes;
  guint       position;
  guint       removed;
  guint       added;
} Follower;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Follower   *follower)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < added; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, position + i));
  g_list_store_splice (follower->mirror, position, removed, items->pdata, added);

  follower->n_changes++;
  follower->position = position;
  follower->removed = removed;
  follower->added = added;
}

static GFile *
numbered (guint number)
{
  g_autofree char *path = g_strdup_printf ("/%u", number);

  return g_file_new_for_path (path);
}

static GListStore *
numbers (guint from,
         guint to)
{
  GListStore *store = g_list_store_new (G_TYPE_FILE);

  for (guint i = from; i < to; i++)
    {
      g_autoptr(GFile) file = numbered (i);

      g_list_store_append (store, file);
    }

  return store;
}

static char *
describe (GListModel *model)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (model, i);
      g_autofree char *name = g_file_get_basename (file);

      g_string_append_printf (text, "%s%s", i > 0 ? " " : "", name);
    }

  return g_string_free (text, FALSE);
}

/* The model shows @expected, and the follower saw the same. */
#define assert_shows(rows, follower, expected) \
  G_STMT_START { \
    g_autofree char *_shown = describe (G_LIST_MODEL (rows)); \
    g_autofree char *_followed = describe (G_LIST_MODEL ((follower)->mirror)); \
    g_assert_cmpstr (_shown, ==, (expected)); \
    g_assert_cmpstr (_followed, ==, (expected)); \
    g_assert_null (g_list_model_get_item (G_LIST_MODEL (rows), \
                                          g_list_model_get_n_items (G_LIST_MODEL (rows)))); \
  } G_STMT_END

#define assert_change(follower, p, r, a) \
  G_STMT_START { \
    g_assert_cmpuint ((follower)->position, ==, (p)); \
    g_assert_cmpuint ((follower)->removed, ==, (r)); \
    g_assert_cmpuint ((follower)->added, ==, (a)); \
  } G_STMT_END

static void
replace (GListStore *store,
         guint       position,
         guint       removed,
         guint       from,
         guint       to)
{
  g_autoptr(GListStore) added = numbers (from, to);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < to - from; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (added), i));
  g_list_store_splice (store, position, removed, items->pdata, to - from);
}

/* The first rows, then more, then all: each time the rows shown are added
 * at the end. */
static void
test_limit_grows (void)
{
  g_autoptr(GListStore) store = numbers (0, 10);
  g_autoptr(AttestFirstRows) rows = attest_first_rows_new ();
  Follower follower = { g_list_store_new (G_TYPE_FILE) };

  g_signal_connect (rows, "items-changed", G_CALLBACK (on_items_changed), &follower);
  g_assert_cmpuint (attest_first_rows_get_limit (rows), ==, G_MAXUINT);
  attest_first_rows_set_model (rows, G_LIST_MODEL (store), 3);
  g_assert_true (attest_first_rows_get_model (rows) == G_LIST_MODEL (store));
  assert_shows (rows, &follower, "0 1 2");
  assert_change (&follower, 0, 0, 3);

  attest_first_rows_set_limit (rows, 5);
  assert_shows (rows, &follower, "0 1 2 3 4");
  assert_change (&follower, 3, 0, 2);

  attest_first_rows_set_limit (rows, 2);
  assert_shows (rows, &follower, "0 1");
  assert_change (&follower, 2, 3, 0);

  attest_first_rows_set_limit (rows, G_MAXUINT);
  assert_shows (rows, &follower, "0 1 2 3 4 5 6 7 8 9");
  assert_change (&follower, 2, 0, 8);

  /* A limit past the end shows all, and changes nothing more. */
  follower.n_changes = 0;
  attest_first_rows_set_limit (rows, 20);
  attest_first_rows_set_limit (rows, 10);
  g_assert_cmpuint (follower.n_changes, ==, 0);

  g_object_unref (follower.mirror);
}

/* Without a limit each change is told as the model told it, so that a
 * list keeps the rows of the items that stay. */
static void
test_changes_passed_on (void)
{
  g_autoptr(GListStore) store = numbers (0, 6);
  g_autoptr(AttestFirstRows) rows = attest_first_rows_new ();
  Follower follower = { g_list_store_new (G_TYPE_FILE) };

  g_signal_connect (rows, "items-changed", G_CALLBACK (on_items_changed), &follower);
  attest_first_rows_set_model (rows, G_LIST_MODEL (store), G_MAXUINT);
  assert_shows (rows, &follower, "0 1 2 3 4 5");

  replace (store, 0, 0, 10, 12);
  assert_shows (rows, &follower, "10 11 0 1 2 3 4 5");
  assert_change (&follower, 0, 0, 2);
  replace (store, 2, 6, 0, 0);
  assert_shows (rows, &follower, "10 11");
  assert_change (&follower, 2, 6, 0);

  g_object_unref (follower.mirror);
}

/* With a limit, what changes within it is told; what changes past it is
 * not; the items pushed past it go, and those pulled within come. */
static void
test_changes_within_the_limit (void)
{
  g_autoptr(GListStore) store = numbers (0, 8);
  g_autoptr(AttestFirstRows) rows = attest_first_rows_new ();
  Follower follower = { g_list_store_new (G_TYPE_FILE) };

  g_signal_connect (rows, "items-changed", G_CALLBACK (on_items_changed), &follower);
  attest_first_rows_set_model (rows, G_LIST_MODEL (store), 4);
  assert_shows (rows, &follower, "0 1 2 3");

  /* One item for another: that item only. */
  replace (store, 1, 1, 20, 21);
  assert_shows (rows, &follower, "0 20 2 3");
  assert_change (&follower, 1, 1, 1);

  /* Past the limit: nothing to tell. */
  follower.n_changes = 0;
  replace (store, 5, 1, 30, 33);
  replace (store, 4, 0, 40, 41);
  g_assert_cmpuint (follower.n_changes, ==, 0);
  assert_shows (rows, &follower, "0 20 2 3");

  /* Inserted within: the last ones are pushed out. */
  replace (store, 0, 0, 50, 52);
  assert_shows (rows, &follower, "50 51 0 20");

  /* Removed within: the next ones come in. */
  replace (store, 1, 3, 0, 0);
  assert_shows (rows, &follower, "50 2 3 40");

  /* Fewer items than the limit, then more. */
  replace (store, 1, g_list_model_get_n_items (G_LIST_MODEL (store)) - 1, 0, 0);
  assert_shows (rows, &follower, "50");
  replace (store, 1, 0, 60, 66);
  assert_shows (rows, &follower, "50 60 61 62");

  attest_first_rows_set_limit (rows, G_MAXUINT);
  assert_shows (rows, &follower, "50 60 61 62 63 64 65");

  g_object_unref (follower.mirror);
}

/* Another model, or none: all the rows go and the new ones come. */
static void
test_other_model (void)
{
  g_autoptr(GListStore) first = numbers (0, 3);
  g_autoptr(GListStore) second = numbers (10, 15);
  g_autoptr(AttestFirstRows) rows = attest_first_rows_new ();
  Follower follower = { g_list_store_new (G_TYPE_FILE) };

  g_signal_connect (rows, "items-changed", G_CALLBACK (on_items_changed), &follower);
  g_assert_null (attest_first_rows_get_model (rows));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 0);
  attest_first_rows_set_model (rows, G_LIST_MODEL (first), G_MAXUINT);
  assert_shows (rows, &follower, "0 1 2");
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (rows)) == G_TYPE_FILE);

  attest_first_rows_set_model (rows, G_LIST_MODEL (second), 2);
  assert_shows (rows, &follower, "10 11");
  assert_change (&follower, 0, 3, 2);

  /* The model left is no longer followed. */
  follower.n_changes = 0;
  replace (first, 0, 0, 20, 21);
  g_assert_cmpuint (follower.n_changes, ==, 0);

  attest_first_rows_set_model (rows, NULL, G_MAXUINT);
  assert_shows (rows, &follower, "");
  assert_change (&follower, 0, 2, 0);

  g_object_unref (follower.mirror);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/first-rows/limit-grows", test_limit_grows);
  g_test_add_func ("/first-rows/changes-passed-on", test_changes_passed_on);
  g_test_add_func ("/first-rows/changes-within-the-limit", test_changes_within_the_limit);
  g_test_add_func ("/first-rows/other-model", test_other_model);

  return g_test_run ();
}
