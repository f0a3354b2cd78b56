/* attest-bytes.c: byte-level primitives, each with a scalar twin
 *
 * The vector forms use SSE2, which every x86-64 processor has; elsewhere
 * the scalar twins run. tests/test-bytes.c runs both on the same inputs,
 * every length and alignment around a vector's width, so that the fast
 * path cannot drift from the plain one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-bytes"

#include "config.h"

#include <string.h>
#include <sys/mman.h>

#include "attest-bytes.h"

#define BYTES(b) (G_GUINT64_CONSTANT (0x0101010101010101) * (b))

guint
attest_bytes_mask16_scalar (const char    *p,
                            AttestByteSet  set)
{
  guint mask = 0;

  for (guint i = 0; i < 16; i++)
    {
      guchar x = (guchar) p[i];

      if (x == set.bytes[0] || x == set.bytes[1] || x == set.bytes[2] || x == set.bytes[3])
        mask |= 1u << i;
    }

  return mask;
}

/* The length of the longest prefix of @p that is ASCII without NUL: what
 * UTF-8 checking can skip without decoding. */
gsize
attest_bytes_span_ascii_no_nul (const char *p,
                                gsize       len)
{
  gsize i = 0;

#ifdef __SSE2__
  for (; len - i >= 16; i += 16)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) (gconstpointer) (p + i));
      __m128i zero = _mm_cmpeq_epi8 (v, _mm_setzero_si128 ());
      int mask = _mm_movemask_epi8 (v) | _mm_movemask_epi8 (zero);

      if (mask != 0)
        return i + __builtin_ctz (mask);
    }
#endif

  return i + attest_bytes_span_ascii_no_nul_scalar (p + i, len - i);
}

gsize
attest_bytes_span_ascii_no_nul_scalar (const char *p,
                                       gsize       len)
{
  gsize i = 0;

  while (i < len && (guchar) (p[i] - 1) < 0x7f)
    i++;

  return i;
}

guint
attest_bytes_json_mask16_scalar (const char *p)
{
  guint mask = 0;

  for (guint i = 0; i < 16; i++)
    mask |= (guint) (attest_bytes_json_escape_length ((guchar) p[i]) > 1) << i;

  return mask;
}

/* The length of @p, @len bytes, once escaped as a JSON string, quotes not
 * counted: only the bytes to escape are looked at one by one. */
gsize
attest_bytes_json_escaped_length (const char *p,
                                  gsize       len)
{
  gsize escaped = len;
  gsize i = 0;

#ifdef __SSE2__
  for (; i + 16 <= len; i += 16)
    {
      for (guint special = attest_bytes_json_mask16 (p + i); special != 0;
           special &= special - 1)
        escaped += attest_bytes_json_escape_length ((guchar) p[i + __builtin_ctz (special)]) - 1;
    }
#endif

  return escaped - (len - i) + attest_bytes_json_escaped_length_scalar (p + i, len - i);
}

gsize
attest_bytes_json_escaped_length_scalar (const char *p,
                                         gsize       len)
{
  gsize escaped = 0;

  for (gsize i = 0; i < len; i++)
    escaped += attest_bytes_json_escape_length ((guchar) p[i]);

  return escaped;
}

#ifdef __SSE2__
static inline __m128i
load16 (const char *p)
{
  return _mm_loadu_si128 ((const __m128i *) (gconstpointer) p);
}
#endif

/* The 16 bytes that the 32 hexadecimal digits of an 8-4-4-4-12 GUID at
 * @text spell (the dashes are not looked at), or FALSE when one is not a
 * digit. Sixteen digits at a time, each taken from a load at the right
 * offset, so that nothing is stored and loaded again. */
gboolean
attest_bytes_parse_guid_hex (const char *text,
                             guint8      bytes[16])
{
#ifdef __SSE2__
  const __m128i first_8 = _mm_set_epi32 (0, 0, -1, -1);
  const __m128i next_4 = _mm_set_epi32 (0, -1, 0, 0);
  const __m128i last_4 = _mm_set_epi32 (-1, 0, 0, 0);
  __m128i halves[2];
  __m128i values[2];

  /* Digits 0-7 at 0, 8-11 at 9, 12-15 at 14; then 16-19 at 19, 20-31 at 24. */
  halves[0] = _mm_or_si128 (_mm_or_si128 (_mm_and_si128 (load16 (text), first_8),
                                          _mm_and_si128 (load16 (text + 1), next_4)),
                            _mm_and_si128 (load16 (text + 2), last_4));
  halves[1] = _mm_or_si128 (_mm_and_si128 (load16 (text + 19), _mm_set_epi32 (0, 0, 0, -1)),
                            _mm_and_si128 (load16 (text + 20), _mm_set_epi32 (-1, -1, -1, 0)));

  for (guint i = 0; i < 2; i++)
    {
      __m128i v = halves[i];
      __m128i lower = _mm_or_si128 (v, _mm_set1_epi8 (0x20));
      /* Signed compares: a byte of 0x80 or more is negative, so neither. */
      __m128i digit = _mm_and_si128 (_mm_cmpgt_epi8 (v, _mm_set1_epi8 ('0' - 1)),
                                     _mm_cmplt_epi8 (v, _mm_set1_epi8 ('9' + 1)));
      __m128i letter = _mm_and_si128 (_mm_cmpgt_epi8 (lower, _mm_set1_epi8 ('a' - 1)),
                                      _mm_cmplt_epi8 (lower, _mm_set1_epi8 ('f' + 1)));
      __m128i nibbles;

      if (_mm_movemask_epi8 (_mm_or_si128 (digit, letter)) != 0xffff)
        return FALSE;
      nibbles = _mm_add_epi8 (_mm_and_si128 (v, _mm_set1_epi8 (0x0f)),
                              _mm_and_si128 (letter, _mm_set1_epi8 (9)));
      /* Each 16-bit lane holds two digits, the first in its low byte: the
       * first times 16 plus the second. */
      values[i] = _mm_or_si128 (_mm_and_si128 (_mm_slli_epi16 (nibbles, 4),
                                               _mm_set1_epi16 (0xf0)),
                                _mm_srli_epi16 (nibbles, 8));
    }
  _mm_storeu_si128 ((__m128i *) (gpointer) bytes, _mm_packus_epi16 (values[0], values[1]));

  return TRUE;
#else
  return attest_bytes_parse_guid_hex_scalar (text, bytes);
#endif
}

/* The value of eight hexadecimal digits, or FALSE when one is not: all
 * eight at once in a 64-bit word, since the digits of random IDs defeat
 * any branch predictor. */
static inline gboolean
parse_hex8 (const char *text,
            guint32    *value)
{
  guint64 v, lower, digits, letters, nibbles, pairs;

  memcpy (&v, text, 8);
  v = GUINT64_FROM_LE (v);
  lower = v | BYTES (0x20);

  /* Adding 0x80 - n sets a byte's top bit when the byte is at least n;
   * no byte carries into the next while all are below 0x80. */
  digits = (v + BYTES (0x80 - '0')) & ~(v + BYTES (0x80 - '9' - 1));
  letters = (lower + BYTES (0x80 - 'a')) & ~(lower + BYTES (0x80 - 'f' - 1));
  if ((v & BYTES (0x80)) != 0 || ((digits | letters) & BYTES (0x80)) != BYTES (0x80))
    return FALSE;

  nibbles = (v & BYTES (0x0f)) + ((letters & BYTES (0x80)) >> 7) * 9;
  /* Each 16-bit lane: its first digit times 16 plus its second. */
  pairs = ((nibbles & G_GUINT64_CONSTANT (0x000f000f000f000f)) << 4) |
          ((nibbles & G_GUINT64_CONSTANT (0x0f000f000f000f00)) >> 8);
  *value = (guint32) ((pairs & 0xff) << 24 | ((pairs >> 16) & 0xff) << 16 |
                      ((pairs >> 32) & 0xff) << 8 | ((pairs >> 48) & 0xff));

  return TRUE;
}

gboolean
attest_bytes_parse_guid_hex_scalar (const char *text,
                                    guint8      bytes[16])
{
  char digits[32];

  memcpy (digits, text, 8);
  memcpy (digits + 8, text + 9, 4);
  memcpy (digits + 12, text + 14, 4);
  memcpy (digits + 16, text + 19, 4);
  memcpy (digits + 20, text + 24, 12);
  for (guint i = 0; i < 4; i++)
    {
      guint32 word;

      if (!parse_hex8 (digits + 8 * i, &word))
        return FALSE;
      word = GUINT32_TO_BE (word);
      memcpy (bytes + 4 * i, &word, 4);
    }

  return TRUE;
}

/* Asks the kernel to back a large array with huge pages where it can: in
 * a fresh array of many megabytes, every 4 kB page would cost a page
 * fault. Only the whole pages inside [data, data + bytes) are advised. */
void
attest_advise_huge_pages (gpointer data,
                          gsize    bytes)
{
#ifdef MADV_HUGEPAGE
  gsize page = 4096;
  guintptr begin = ((guintptr) data + page - 1) & ~(guintptr) (page - 1);
  guintptr end = ((guintptr) data + bytes) & ~(guintptr) (page - 1);

  if (bytes >= 2 * 1024 * 1024 && end > begin)
    madvise ((gpointer) begin, end - begin, MADV_HUGEPAGE);
#endif
}
