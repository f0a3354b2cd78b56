/* test-bytes.c: each byte primitive's fast path against its scalar twin,
 * on edge inputs (every length up to 64, every alignment, every special
 * byte at every place) and on many random ones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-bytes.h"
#include "attest-test-init.h"

#define MAX_LEN 64
#define N_RANDOM 20000

/* Bytes that some primitive treats apart from its neighbours. */
static const guchar specials[] = {
  0x00, 0x01, 0x09, '\n', '\r', 0x1f, ' ', '"', ',', ';', '\\', 0x7e, 0x7f, 0x80, 0xc3, 0xff,
};

/* A buffer with room for every alignment and for reads of sixteen bytes
 * past the length asked for, filled with plain letters. */
typedef struct
{
  char bytes[16 + MAX_LEN + 64];
} Buffer;

static char *
buffer_fill (Buffer  *buffer,
             guint    align,
             GRand   *rand)
{
  for (guint i = 0; i < sizeof buffer->bytes; i++)
    buffer->bytes[i] = rand != NULL ? (char) g_rand_int_range (rand, 0, 256)
                                    : (char) ('a' + i % 26);

  return buffer->bytes + align;
}

static void
check_find (const char    *p,
            gsize          len,
            AttestByteSet  set)
{
  const char *fast = attest_bytes_find_any (p, p + len, set);
  const char *slow = attest_bytes_find_any_scalar (p, p + len, set);

  if (fast != slow)
    g_error ("find_any of %" G_GSIZE_FORMAT " bytes: %td, scalar %td", len, fast - p, slow - p);
  if (len >= 16 && attest_bytes_mask16 (p, set) != attest_bytes_mask16_scalar (p, set))
    g_error ("mask16: %x, scalar %x", attest_bytes_mask16 (p, set),
             attest_bytes_mask16_scalar (p, set));
}

static void
check_all (const char *p,
           gsize       len)
{
  static const char * const sets[] = { ",\r\n\"", ",\r\n", "\",\r\n", ";\r\n\"", "\t\r\n\"" };
  gsize fast, slow;

  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    {
      AttestByteSet set = attest_byte_set (sets[s], strlen (sets[s]));

      check_find (p, len, set);
    }

  fast = attest_bytes_span_ascii_no_nul (p, len);
  slow = attest_bytes_span_ascii_no_nul_scalar (p, len);
  if (fast != slow)
    g_error ("span_ascii_no_nul of %" G_GSIZE_FORMAT " bytes: %" G_GSIZE_FORMAT
             ", scalar %" G_GSIZE_FORMAT, len, fast, slow);

  fast = attest_bytes_json_escaped_length (p, len);
  slow = attest_bytes_json_escaped_length_scalar (p, len);
  if (fast != slow)
    g_error ("json_escaped_length of %" G_GSIZE_FORMAT " bytes: %" G_GSIZE_FORMAT
             ", scalar %" G_GSIZE_FORMAT, len, fast, slow);
  if (len >= 16 && attest_bytes_json_mask16 (p) != attest_bytes_json_mask16_scalar (p))
    g_error ("json_mask16: %x, scalar %x", attest_bytes_json_mask16 (p),
             attest_bytes_json_mask16_scalar (p));
}

/* Every length and alignment, with each special byte at each place, alone
 * and after a second one earlier on. */
static void
test_bytes_edges (void)
{
  for (guint align = 0; align < 16; align++)
    for (gsize len = 0; len <= MAX_LEN; len++)
      {
        Buffer buffer;
        char *p = buffer_fill (&buffer, align, NULL);

        check_all (p, len);
        for (guint s = 0; s < G_N_ELEMENTS (specials); s++)
          for (gsize at = 0; at < len; at++)
            {
              p = buffer_fill (&buffer, align, NULL);
              p[at] = (char) specials[s];
              check_all (p, len);
              p[len - 1 - at / 2] = (char) specials[(s + 5) % G_N_ELEMENTS (specials)];
              check_all (p, len);
            }
      }
}

static void
test_bytes_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);

  for (guint round = 0; round < N_RANDOM; round++)
    {
      Buffer buffer;
      guint align = g_rand_int_range (rand, 0, 16);
      gsize len = g_rand_int_range (rand, 0, MAX_LEN + 1);
      char *p = buffer_fill (&buffer, align, rand);

      /* Mostly letters, as in real text, so that hits come late. */
      for (gsize i = 0; i < len; i++)
        {
          if (g_rand_int_range (rand, 0, 8) != 0)
            p[i] = (char) ('a' + g_rand_int_range (rand, 0, 26));
        }
      check_all (p, len);
    }
}

/* The known answers the scalar paths must give, so that two paths agreeing
 * on a wrong answer still fail. */
static void
test_bytes_known (void)
{
  const char text[] = "Jane,Doe\r\n\"quoted\"";
  AttestByteSet set = attest_byte_set (",\r\n\"", 4);
  const char json[] = "a\"b\\c\nd\x01" "e\x7f";
  guint8 bytes[16];

  g_assert_true (attest_bytes_find_any (text, text + strlen (text), set) == text + 4);
  g_assert_true (attest_bytes_find_any (text, text + 4, set) == text + 4);
  g_assert_true (attest_bytes_find_any (text + 5, text + strlen (text), set) == text + 8);
  g_assert_cmpuint (attest_bytes_mask16 ("a,b\rc\nd\"efghijkl", set), ==, 0xaa);
  g_assert_cmpuint (attest_bytes_span_ascii_no_nul ("abc\xc3\xa9", 5), ==, 3);
  g_assert_cmpuint (attest_bytes_span_ascii_no_nul ("ab\0c", 4), ==, 2);
  g_assert_cmpuint (attest_bytes_span_ascii_no_nul ("abc", 3), ==, 3);
  /* a " b \ c \n d \x01 e \x7f: 5 plain, 3 short escapes, 2 long ones. */
  g_assert_cmpuint (attest_bytes_json_escaped_length (json, strlen (json)), ==,
                    5 + 3 * 2 + 2 * 6);
  g_assert_cmpuint (attest_bytes_json_mask16 ("a\"b\\c\nd\x01" "e\x7f" "ghijkl"), ==, 0x2aa);

  g_assert_true (attest_bytes_parse_guid_hex ("0b1f3c6e-2a4d-4c8e-9f10-3d2e1a0b9c01", bytes));
  g_assert_cmpuint (bytes[0], ==, 0x0b);
  g_assert_cmpuint (bytes[4], ==, 0x2a);
  g_assert_cmpuint (bytes[15], ==, 0x01);
  g_assert_true (attest_bytes_parse_guid_hex_scalar ("0B1F3C6E-2A4D-4C8E-9F10-3D2E1A0B9C01",
                                                     bytes));
  g_assert_cmpuint (bytes[0], ==, 0x0b);
  g_assert_cmpuint (bytes[15], ==, 0x01);
}

/* Random GUIDs in both cases; then every digit of one replaced by every
 * byte value in turn. */
static void
test_bytes_guid (void)
{
  static const guint dashes[] = { 8, 13, 18, 23 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (128);

  for (guint round = 0; round < 2000; round++)
    {
      char text[37];
      guint8 fast[16], slow[16];
      gboolean fast_ok, slow_ok;

      for (guint i = 0; i < 36; i++)
        {
          guint digit = g_rand_int_range (rand, 0, 16);

          text[i] = "0123456789abcdef"[digit];
          if (digit >= 10 && g_rand_boolean (rand))
            text[i] = g_ascii_toupper (text[i]);
        }
      for (guint d = 0; d < G_N_ELEMENTS (dashes); d++)
        text[dashes[d]] = '-';
      text[36] = '\0';

      fast_ok = attest_bytes_parse_guid_hex (text, fast);
      slow_ok = attest_bytes_parse_guid_hex_scalar (text, slow);
      g_assert_true (fast_ok && slow_ok);
      g_assert_cmpmem (fast, 16, slow, 16);

      if (round > 0)
        continue;
      for (guint at = 0; at < 36; at++)
        {
          char saved = text[at];

          if (at == 8 || at == 13 || at == 18 || at == 23)
            continue;
          for (guint b = 0; b < 256; b++)
            {
              gboolean is_hex = g_ascii_isxdigit ((char) b);

              text[at] = (char) b;
              fast_ok = attest_bytes_parse_guid_hex (text, fast);
              slow_ok = attest_bytes_parse_guid_hex_scalar (text, slow);
              if (fast_ok != is_hex || slow_ok != is_hex)
                g_error ("digit %u as %02x: %d, scalar %d", at, b, fast_ok, slow_ok);
              if (is_hex)
                g_assert_cmpmem (fast, 16, slow, 16);
            }
          text[at] = saved;
        }
    }
}

int
main (int    argc,
      char **argv)
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/bytes/known", test_bytes_known);
  g_test_add_func ("/bytes/edges", test_bytes_edges);
  g_test_add_func ("/bytes/random", test_bytes_random);
  g_test_add_func ("/bytes/guid", test_bytes_guid);

  return g_test_run ();
}
