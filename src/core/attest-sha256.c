/* attest-sha256.c: SHA-256 of large texts, with the processor's SHA
 * instructions when it has them
 *
 * A run hashes the private copy of its records (some 16 MB for 100,000
 * records) before it sends anything. GChecksum does that at about 450 MB/s;
 * x86-64 processors with the SHA extensions do it three to four times as
 * fast, so this uses them when the processor has them (FIPS 180-4, the
 * rounds as the instructions define them), and GChecksum otherwise. Both
 * give the same digest; the tests compare them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-sha256.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_SHA_INSTRUCTIONS 1
#include <cpuid.h>
#include <immintrin.h>
#endif

struct _AttestSha256
{
  GChecksum *fallback;     /* without the instructions */
  guint32    state[8];
  guint8     block[64];
  gsize      buffered;     /* bytes in @block */
  guint64    length;       /* bytes hashed so far */
  gboolean   finished;
  char       hex[65];
};

#ifdef HAVE_SHA_INSTRUCTIONS

static const guint32 round_constants[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* Hashes @n_blocks blocks of 64 bytes into @state. The instructions keep
 * the eight words as two vectors, A B E F and C D G H; each takes four
 * message words at a time and does two rounds. */
__attribute__ ((target ("sha,sse4.1,ssse3")))
static void
compress_blocks (guint32       state[8],
                 const guint8 *data,
                 gsize         n_blocks)
{
  const __m128i big_endian = _mm_set_epi64x (0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i abef, cdgh, dcba;

  dcba = _mm_shuffle_epi32 (_mm_loadu_si128 ((const __m128i *) &state[0]), 0xB1);
  cdgh = _mm_shuffle_epi32 (_mm_loadu_si128 ((const __m128i *) &state[4]), 0x1B);
  abef = _mm_alignr_epi8 (dcba, cdgh, 8);
  cdgh = _mm_blend_epi16 (cdgh, dcba, 0xF0);

  for (; n_blocks > 0; n_blocks--, data += 64)
    {
      __m128i abef_before = abef;
      __m128i cdgh_before = cdgh;
      __m128i words[4];

      for (guint i = 0; i < 4; i++)
        words[i] = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (data + 16 * i)),
                                     big_endian);

      for (guint i = 0; i < 16; i++)
        {
          __m128i schedule;

          /* Words 16 on, from the four vectors before: the oldest is
           * replaced. */
          if (i >= 4)
            {
              __m128i next = _mm_sha256msg1_epu32 (words[i & 3], words[(i + 1) & 3]);

              next = _mm_add_epi32 (next, _mm_alignr_epi8 (words[(i + 3) & 3],
                                                           words[(i + 2) & 3], 4));
              words[i & 3] = _mm_sha256msg2_epu32 (next, words[(i + 3) & 3]);
            }

          schedule = _mm_add_epi32 (words[i & 3],
                                    _mm_loadu_si128 ((const __m128i *) &round_constants[4 * i]));
          cdgh = _mm_sha256rnds2_epu32 (cdgh, abef, schedule);
          abef = _mm_sha256rnds2_epu32 (abef, cdgh, _mm_shuffle_epi32 (schedule, 0x0E));
        }

      abef = _mm_add_epi32 (abef, abef_before);
      cdgh = _mm_add_epi32 (cdgh, cdgh_before);
    }

  dcba = _mm_shuffle_epi32 (abef, 0x1B);
  cdgh = _mm_shuffle_epi32 (cdgh, 0xB1);
  _mm_storeu_si128 ((__m128i *) &state[0], _mm_blend_epi16 (dcba, cdgh, 0xF0));
  _mm_storeu_si128 ((__m128i *) &state[4], _mm_alignr_epi8 (cdgh, dcba, 8));
}

static gboolean
detect_instructions (void)
{
  unsigned int eax, ebx, ecx, edx;
  gboolean ssse3, sse41;

  if (!__get_cpuid (1, &eax, &ebx, &ecx, &edx))
    return FALSE;
  ssse3 = (ecx & bit_SSSE3) != 0;
  sse41 = (ecx & bit_SSE4_1) != 0;

  if (!__get_cpuid_count (7, 0, &eax, &ebx, &ecx, &edx))
    return FALSE;

  return ssse3 && sse41 && (ebx & bit_SHA) != 0;
}

#endif

/* Whether this processor hashes with its SHA instructions. */
gboolean
attest_sha256_is_accelerated (void)
{
#ifdef HAVE_SHA_INSTRUCTIONS
  static gsize accelerated = 0;

  if (g_once_init_enter (&accelerated))
    g_once_init_leave (&accelerated, detect_instructions () ? 2 : 1);

  return accelerated == 2;
#else
  return FALSE;
#endif
}

AttestSha256 *
attest_sha256_new (void)
{
  static const guint32 initial[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  };
  AttestSha256 *self = g_new0 (AttestSha256, 1);

  if (attest_sha256_is_accelerated ())
    memcpy (self->state, initial, sizeof initial);
  else
    self->fallback = g_checksum_new (G_CHECKSUM_SHA256);

  return self;
}

#ifdef HAVE_SHA_INSTRUCTIONS
static void
hash_blocks (AttestSha256 *self,
             const guint8 *data,
             gsize         n_blocks)
{
  compress_blocks (self->state, data, n_blocks);
}
#else
static void
hash_blocks (AttestSha256 *self,
             const guint8 *data,
             gsize         n_blocks)
{
  g_assert_not_reached ();
}
#endif

void
attest_sha256_update (AttestSha256 *self,
                      const guchar *data,
                      gsize         length)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->finished);
  g_return_if_fail (data != NULL || length == 0);

  if (length == 0)
    return;
  if (self->fallback != NULL)
    {
      g_checksum_update (self->fallback, data, length);
      return;
    }

  self->length += length;

  if (self->buffered > 0)
    {
      gsize taken = MIN (length, sizeof self->block - self->buffered);

      memcpy (self->block + self->buffered, data, taken);
      self->buffered += taken;
      data += taken;
      length -= taken;
      if (self->buffered < sizeof self->block)
        return;
      hash_blocks (self, self->block, 1);
      self->buffered = 0;
    }

  if (length >= sizeof self->block)
    {
      gsize whole = length / sizeof self->block;

      hash_blocks (self, data, whole);
      data += whole * sizeof self->block;
      length -= whole * sizeof self->block;
    }

  memcpy (self->block, data, length);
  self->buffered = length;
}

/* The digest in lowercase hexadecimal, as g_checksum_get_string() gives
 * it; nothing can be added after. */
const char *
attest_sha256_get_string (AttestSha256 *self)
{
  guint64 bits;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->fallback != NULL)
    return g_checksum_get_string (self->fallback);
  if (self->finished)
    return self->hex;

  /* 0x80, zeros up to 8 bytes before a block's end, the length in bits. */
  bits = self->length * 8;
  self->block[self->buffered++] = 0x80;
  if (self->buffered > sizeof self->block - 8)
    {
      memset (self->block + self->buffered, 0, sizeof self->block - self->buffered);
      hash_blocks (self, self->block, 1);
      self->buffered = 0;
    }
  memset (self->block + self->buffered, 0, sizeof self->block - 8 - self->buffered);
  for (guint i = 0; i < 8; i++)
    self->block[sizeof self->block - 1 - i] = (guint8) (bits >> (8 * i));
  hash_blocks (self, self->block, 1);

  for (guint i = 0; i < 8; i++)
    g_snprintf (self->hex + 8 * i, 9, "%08x", self->state[i]);
  self->finished = TRUE;

  return self->hex;
}

void
attest_sha256_free (AttestSha256 *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->fallback, g_checksum_free);
  g_free (self);
}

char *
attest_sha256_hex_for_bytes (GBytes *bytes)
{
  g_autoptr(AttestSha256) sha256 = attest_sha256_new ();
  gsize length = 0;
  const guchar *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  attest_sha256_update (sha256, data, length);

  return g_strdup (attest_sha256_get_string (sha256));
}
