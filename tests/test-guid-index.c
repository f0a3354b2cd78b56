/* test-guid-index.c: the duplicate check of customer IDs, by tags, one by
 * one and built at once on two threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-guid-index.h"
#include "attest-test-init.h"

/* Record i has the ID ids[i]; its tag is chosen by the test. */
typedef struct
{
  GArray *ids;    /* guint64 */
  GArray *tags;   /* guint32 */
} Records;

static gboolean
same_id (guint    a,
         guint    b,
         gpointer user_data)
{
  Records *records = user_data;

  return g_array_index (records->ids, guint64, a) == g_array_index (records->ids, guint64, b);
}

static void
records_add (Records *records,
             guint64  id,
             guint32  tag)
{
  g_array_append_val (records->ids, id);
  g_array_append_val (records->tags, tag);
}

static void
records_init (Records *records)
{
  records->ids = g_array_new (FALSE, FALSE, sizeof (guint64));
  records->tags = g_array_new (FALSE, FALSE, sizeof (guint32));
}

static void
records_clear (Records *records)
{
  g_array_unref (records->ids);
  g_array_unref (records->tags);
}

/* The tag the store would give: a hash of the ID, never 0. */
static guint32
tag_of (guint64 id)
{
  AttestGuid guid = { id, ~id };

  return attest_guid_tag (&guid);
}

static void
test_guid_index_add (void)
{
  Records records;
  g_autoptr(AttestGuidIndex) index = NULL;

  records_init (&records);
  index = attest_guid_index_new (same_id, &records);
  records_add (&records, 1, tag_of (1));
  records_add (&records, 2, tag_of (2));
  records_add (&records, 1, tag_of (1));
  records_add (&records, 1, tag_of (1));
  /* Same tag as record 0, another ID: told apart by the owner. */
  records_add (&records, 99, tag_of (1));

  g_assert_cmpuint (attest_guid_index_add (index, tag_of (1), 0), ==, G_MAXUINT);
  g_assert_cmpuint (attest_guid_index_add (index, tag_of (2), 1), ==, G_MAXUINT);
  g_assert_cmpuint (attest_guid_index_add (index, tag_of (1), 2), ==, 0);
  /* A third copy finds the first. */
  g_assert_cmpuint (attest_guid_index_add (index, tag_of (1), 3), ==, 0);
  g_assert_cmpuint (attest_guid_index_add (index, tag_of (1), 4), ==, G_MAXUINT);

  g_assert_cmpuint (attest_guid_tag (&(AttestGuid) { 0, 0 }), !=, 0);
  records_clear (&records);
}

/* Builds an index of @n random IDs with some copies, at once, and checks
 * the repeats against adding the same records one by one. */
static void
check_build (guint    n,
             gboolean crowded)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (n);
  g_autoptr(GHashTable) expected = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) repeats = NULL;
  g_autoptr(AttestGuidIndex) built = NULL;
  g_autoptr(AttestGuidIndex) one_by_one = NULL;
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree gint64 *keys = g_new (gint64, n);
  Records records;
  guint n_expected = 0;

  records_init (&records);
  for (guint i = 0; i < n; i++)
    {
      /* Every 97th record repeats an earlier one; every 13th has no ID. */
      guint64 id = (i % 97 == 50 && i > 0)
                   ? g_array_index (records.ids, guint64, g_rand_int_range (rand, 0, i))
                   : ((guint64) g_rand_int (rand) << 32 | g_rand_int (rand));
      guint32 tag = i % 13 == 5 ? 0 : tag_of (id);

      if (crowded && tag != 0)
        tag = (tag & 0x00ffffff) | 0x01000000;
      records_add (&records, id, tag);
    }

  one_by_one = attest_guid_index_new (same_id, &records);
  for (guint i = 0; i < n; i++)
    {
      guint32 tag = g_array_index (records.tags, guint32, i);
      guint earlier;

      if (tag == 0)
        continue;
      earlier = attest_guid_index_add (one_by_one, tag, i);
      if (earlier != G_MAXUINT)
        {
          keys[i] = (gint64) earlier << 32 | i;
          g_hash_table_add (expected, &keys[i]);
          n_expected++;
        }
    }

  built = attest_guid_index_new (same_id, &records);
  repeats = attest_guid_index_build (built, (const guint32 *) (gpointer) records.tags->data, n);
  g_assert_cmpuint (repeats->len, ==, n_expected);
  for (guint i = 0; i < repeats->len; i++)
    {
      const AttestGuidRepeat *repeat = &g_array_index (repeats, AttestGuidRepeat, i);
      gint64 key = (gint64) repeat->earlier << 32 | repeat->later;

      if (!g_hash_table_contains (expected, &key))
        g_error ("unexpected repeat %u of %u", repeat->later, repeat->earlier);
      g_assert_false (g_hash_table_contains (found, &key));
      g_hash_table_add (found, g_memdup2 (&key, sizeof key));
    }
  g_assert_cmpuint (n_expected, >, n / 200);

  /* After a build, records are added one by one as before. */
  for (guint i = 0; i < 3; i++)
    {
      guint first = g_rand_int_range (rand, 0, n);
      guint32 tag = g_array_index (records.tags, guint32, first);
      guint earlier;

      if (tag == 0)
        continue;
      records_add (&records, g_array_index (records.ids, guint64, first), tag);
      earlier = attest_guid_index_add (built, tag, records.ids->len - 1);
      g_assert_cmpuint (earlier, !=, G_MAXUINT);
      g_assert_true (same_id (earlier, first, &records));
    }

  if (crowded)
    {
      /* A table for the IDs there are, not 256 segments each as large as
       * one for all of them. */
      g_assert_cmpuint (attest_guid_index_get_size (built), <=, 4 * (gsize) n);
    }

  records_clear (&records);
}

static void
test_guid_index_build_small (void)
{
  check_build (5000, FALSE);
}

static void
test_guid_index_build_two_threads (void)
{
  check_build (200000, FALSE);
}

static void
test_guid_index_build_crowded (void)
{
  check_build (20000, TRUE);
}

int
main (int    argc,
      char **argv)
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/guid-index/add", test_guid_index_add);
  g_test_add_func ("/guid-index/build-small", test_guid_index_build_small);
  g_test_add_func ("/guid-index/build-two-threads", test_guid_index_build_two_threads);
  g_test_add_func ("/guid-index/build-crowded", test_guid_index_build_crowded);

  return g_test_run ();
}
