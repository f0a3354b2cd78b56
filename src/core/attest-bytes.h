/* attest-bytes.h: the byte-level primitives that the hot loops of an import
 * and of a submission share, sixteen bytes at a time where the processor
 * can
 *
 * Every primitive has a scalar twin, which other processors run and which
 * tests/test-bytes.c holds the fast path to. SIMD appears in core only in
 * this header and attest-bytes.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

G_BEGIN_DECLS

/* Up to four bytes to look for; unused places repeat the first byte. */
typedef struct
{
  guchar bytes[4];
} AttestByteSet;

static inline AttestByteSet
attest_byte_set (const char *bytes,
                 guint       n)
{
  AttestByteSet set;

  for (guint i = 0; i < 4; i++)
    set.bytes[i] = (guchar) bytes[i < n ? i : 0];

  return set;
}

guint       attest_bytes_mask16_scalar               (const char          *p,
                                                      AttestByteSet        set);
gsize       attest_bytes_span_ascii_no_nul           (const char          *p,
                                                      gsize                len);
gsize       attest_bytes_span_ascii_no_nul_scalar    (const char          *p,
                                                      gsize                len);
guint       attest_bytes_json_mask16_scalar          (const char          *p);
gsize       attest_bytes_json_escaped_length         (const char          *p,
                                                      gsize                len);
gsize       attest_bytes_json_escaped_length_scalar  (const char          *p,
                                                      gsize                len);
gboolean    attest_bytes_parse_guid_hex              (const char          *text,
                                                      guint8               bytes[16]);
gboolean    attest_bytes_parse_guid_hex_scalar       (const char          *text,
                                                      guint8               bytes[16]);
void        attest_advise_huge_pages                 (gpointer             data,
                                                      gsize                bytes);

/* The bytes of p[0..16) that are in @set, as a mask: bit i for p[i].
 * Inline, as the scanner calls it for every sixteen bytes of a file; the
 * set is passed by value so that it stays in registers across a loop. */
static inline guint
attest_bytes_mask16 (const char    *p,
                     AttestByteSet  set)
{
#ifdef __SSE2__
  __m128i v = _mm_loadu_si128 ((const __m128i *) (gconstpointer) p);
  __m128i hit = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 (set.bytes[0])),
                                            _mm_cmpeq_epi8 (v, _mm_set1_epi8 (set.bytes[1]))),
                              _mm_or_si128 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 (set.bytes[2])),
                                            _mm_cmpeq_epi8 (v, _mm_set1_epi8 (set.bytes[3]))));

  return (guint) _mm_movemask_epi8 (hit);
#else
  return attest_bytes_mask16_scalar (p, set);
#endif
}

/* attest_bytes_find_any() a byte at a time: its tail, and its twin. */
static inline const char *
attest_bytes_find_any_scalar (const char    *p,
                              const char    *end,
                              AttestByteSet  set)
{
  guchar a = set.bytes[0], b = set.bytes[1], c = set.bytes[2], d = set.bytes[3];

  for (; p < end; p++)
    {
      guchar x = (guchar) *p;

      if (x == a || x == b || x == c || x == d)
        break;
    }

  return p;
}

/* The first byte of [p, end) that is in @set, or @end. */
static inline const char *
attest_bytes_find_any (const char    *p,
                       const char    *end,
                       AttestByteSet  set)
{
#ifdef __SSE2__
  for (; end - p >= 16; p += 16)
    {
      guint mask = attest_bytes_mask16 (p, set);

      if (mask != 0)
        return p + __builtin_ctz (mask);
    }
#endif

  return attest_bytes_find_any_scalar (p, end, set);
}

/* How many bytes @c takes in a JSON string: 1, or 2 for a quote, a
 * backslash and the controls with a short escape, or 6 for \u00XX, which
 * other controls and DEL (as json-glib writes it) take. */
static inline gsize
attest_bytes_json_escape_length (guchar c)
{
  switch (c)
    {
    case '"':
    case '\\':
    case '\b':
    case '\f':
    case '\n':
    case '\r':
    case '\t':
      return 2;
    default:
      return c < 0x20 || c == 0x7f ? 6 : 1;
    }
}

/* The bytes of p[0..16) that JSON must escape, as a mask. */
static inline guint
attest_bytes_json_mask16 (const char *p)
{
#ifdef __SSE2__
  __m128i v = _mm_loadu_si128 ((const __m128i *) (gconstpointer) p);
  __m128i control = _mm_cmpeq_epi8 (_mm_max_epu8 (v, _mm_set1_epi8 (0x1f)), _mm_set1_epi8 (0x1f));
  __m128i other = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 ('"')),
                                              _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('\\'))),
                                _mm_cmpeq_epi8 (v, _mm_set1_epi8 (0x7f)));

  return (guint) _mm_movemask_epi8 (_mm_or_si128 (control, other));
#else
  return attest_bytes_json_mask16_scalar (p);
#endif
}

/* g_string_append_len() without a function call when the bytes fit, as
 * writing a run's copy appends a few million short pieces. */
static inline void
attest_bytes_append (GString    *out,
                     const char *text,
                     gsize       len)
{
  if (G_LIKELY (out->len + len < out->allocated_len))
    {
      memcpy (out->str + out->len, text, len);
      out->len += len;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, text, len);
}

G_END_DECLS
