/* test-sha256.c: the digests of AttestSha256 against GChecksum's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-sha256.h"
#include "attest-test-init.h"

static char *
hash_in_pieces (const guchar *data,
                gsize         length,
                gsize         piece)
{
  g_autoptr(AttestSha256) sha256 = attest_sha256_new ();

  for (gsize at = 0; at < length; at += piece)
    attest_sha256_update (sha256, data + at, MIN (piece, length - at));

  return g_strdup (attest_sha256_get_string (sha256));
}

/* FIPS 180-4's examples. */
static void
test_known_digests (void)
{
  static const struct
  {
    const char *text;
    const char *digest;
  } cases[] = {
    { "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    { "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
    { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
  };

  g_test_message ("The processor's SHA instructions are %s",
                  attest_sha256_is_accelerated () ? "used" : "not available");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *digest = hash_in_pieces ((const guchar *) cases[i].text,
                                                strlen (cases[i].text), 7);

      g_assert_cmpstr (digest, ==, cases[i].digest);
    }
}

/* Every length around the block and padding boundaries, and a text larger
 * than many blocks, in pieces of every kind of size. */
static void
test_matches_gchecksum (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  gsize size = 3 * 1024 * 1024 + 17;
  g_autofree guchar *data = g_malloc (size);
  static const gsize pieces[] = { 1, 3, 63, 64, 65, 1000, 4096, G_MAXSIZE };

  for (gsize i = 0; i < size; i++)
    data[i] = g_rand_int (rand);

  for (gsize length = 0; length <= 200; length++)
    {
      g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);

      for (guint p = 0; p < G_N_ELEMENTS (pieces); p++)
        {
          g_autofree char *digest = hash_in_pieces (data, length, pieces[p]);

          g_assert_cmpstr (digest, ==, expected);
        }
    }

  for (guint p = 0; p < G_N_ELEMENTS (pieces); p++)
    {
      g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
      g_autofree char *digest = NULL;

      if (pieces[p] < 63)
        continue;
      digest = hash_in_pieces (data, size, pieces[p]);
      g_assert_cmpstr (digest, ==, expected);
    }
}

static void
test_bytes_and_finish (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("abc", 3);
  g_autoptr(AttestSha256) sha256 = attest_sha256_new ();
  g_autofree char *digest = attest_sha256_hex_for_bytes (bytes);
  g_autofree char *first = NULL;

  g_assert_cmpstr (digest, ==,
                   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

  /* Asked twice, the same digest. */
  attest_sha256_update (sha256, (const guchar *) "abc", 3);
  first = g_strdup (attest_sha256_get_string (sha256));
  g_assert_cmpstr (attest_sha256_get_string (sha256), ==, first);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/sha256/known-digests", test_known_digests);
  g_test_add_func ("/sha256/matches-gchecksum", test_matches_gchecksum);
  g_test_add_func ("/sha256/bytes-and-finish", test_bytes_and_finish);

  return g_test_run ();
}
