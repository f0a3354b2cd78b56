/* attest-guid-index.c: the duplicate check of customer tenant IDs
 *
 * Every record whose ID is a GUID goes into an open-addressing table of
 * record numbers, by the 32-bit tag of its ID; records whose tags agree
 * have their IDs compared by the owner, which a million random IDs make
 * happen about a hundred times.
 *
 * The table is cut into 256 segments by the top bits of the tag, and a
 * probe stays within its segment. To build the index after an import, the
 * IDs are first sorted out by segment, then each segment, small enough to
 * stay in the cache, is filled in one go: a million random places in a
 * table of many megabytes would each cost a cache and a TLB miss. Two
 * threads share each step. IDs that crowd into a few segments (they would
 * have to be made to) get a table of one segment instead, filled on one
 * thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-guid-index"

#include "config.h"

#include <string.h>

#include "attest-bytes.h"
#include "attest-guid-index.h"
#include "attest-parallel.h"

#define SEGMENT_BITS   8
#define N_SEGMENTS     (1u << SEGMENT_BITS)
#define MIN_SIZE       (N_SEGMENTS * 16)
#define HUGE_PAGE_SIZE (2 * 1024 * 1024)

/* Below this many records, one thread indexes quicker than two. */
#define PARALLEL_THRESHOLD 65536

struct _AttestGuidIndex
{
  AttestGuidSameFunc  same;
  gpointer            user_data;
  guint64            *table;         /* slots, see slot_new () */
  gsize               size;
  guint              *counts;        /* IDs in each segment */
  guint               segment_bits;
};

/* A tag names the segment (its top bits) and the home slot within it (its
 * low bits). */
static inline guint
tag_segment (guint32 tag,
             guint   segment_bits)
{
  return segment_bits > 0 ? tag >> (32 - segment_bits) : 0;
}

/* Where the probe for @tag starts in a table of @size slots. */
static inline gsize
tag_home (guint32 tag,
          gsize   size,
          guint   segment_bits)
{
  gsize segment_size = size >> segment_bits;

  return tag_segment (tag, segment_bits) * segment_size + (tag & (segment_size - 1));
}

/* The slot after @h, wrapping around within its segment. */
static inline gsize
slot_next (gsize h,
           gsize size,
           guint segment_bits)
{
  gsize segment_size = size >> segment_bits;

  return (h & ~(segment_size - 1)) | ((h + 1) & (segment_size - 1));
}

/* A slot: the tag and the record number + 1 (0 for an empty slot). */
static inline guint64
slot_new (guint32 tag,
          guint   index)
{
  return (guint64) tag << 32 | ((guint64) index + 1);
}

AttestGuidIndex *
attest_guid_index_new (AttestGuidSameFunc same,
                       gpointer           user_data)
{
  AttestGuidIndex *self;

  g_return_val_if_fail (same != NULL, NULL);

  self = g_new0 (AttestGuidIndex, 1);
  self->same = same;
  self->user_data = user_data;

  return self;
}

void
attest_guid_index_free (AttestGuidIndex *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->table, g_aligned_free);
  g_free (self->counts);
  g_free (self);
}

/* The number of slots of the table, for tests. */
gsize
attest_guid_index_get_size (AttestGuidIndex *self)
{
  return self->size;
}

/* Adds @index to the table, or on a repeat returns the record already
 * there (a third copy finds the first); G_MAXUINT otherwise. Touches only
 * the segment of the tag. */
static guint
table_add (AttestGuidIndex *self,
           guint32          tag,
           guint            index)
{
  guint64 *table = self->table;
  gsize size = self->size;
  guint bits = self->segment_bits;
  gsize h;

  for (h = tag_home (tag, size, bits); table[h] != 0; h = slot_next (h, size, bits))
    {
      guint64 slot = table[h];
      guint other = (slot & G_MAXUINT32) - 1;

      if ((guint32) (slot >> 32) == tag && self->same (other, index, self->user_data))
        return other;
    }

  table[h] = slot_new (tag, index);
  return G_MAXUINT;
}

/* A table of @size slots in segments of @segment_bits, aligned for huge
 * pages. Zeroed unless @zero is FALSE, in which case each segment must be
 * cleared before it is used. */
static void
table_reset (AttestGuidIndex *self,
             gsize            size,
             guint            segment_bits,
             gboolean         zero)
{
  gsize bytes = size * sizeof (guint64);

  g_clear_pointer (&self->table, g_aligned_free);
  self->table = g_aligned_alloc (size, sizeof (guint64), HUGE_PAGE_SIZE);
  self->size = size;
  attest_advise_huge_pages (self->table, bytes);
  if (zero)
    memset (self->table, 0, bytes);
  self->segment_bits = segment_bits;
  g_free (self->counts);
  self->counts = g_new0 (guint, 1u << segment_bits);
}

static void
table_grow (AttestGuidIndex *self)
{
  guint64 *old_table = g_steal_pointer (&self->table);
  gsize old_size = self->size;
  guint bits = old_table != NULL ? self->segment_bits : SEGMENT_BITS;

  table_reset (self, MAX (old_size * 2, MIN_SIZE), bits, TRUE);
  for (gsize i = 0; i < old_size; i++)
    {
      guint32 tag = (guint32) (old_table[i] >> 32);
      gsize h;

      if (old_table[i] == 0)
        continue;
      for (h = tag_home (tag, self->size, bits); self->table[h] != 0;
           h = slot_next (h, self->size, bits))
        ;
      self->table[h] = old_table[i];
      self->counts[tag_segment (tag, bits)]++;
    }
  g_aligned_free (old_table);
}

/* Adds record @index, whose ID has @tag (not 0). Returns an earlier record
 * with the same ID, or G_MAXUINT; the caller flags both. */
guint
attest_guid_index_add (AttestGuidIndex *self,
                       guint32          tag,
                       guint            index)
{
  guint other;

  g_return_val_if_fail (tag != 0, G_MAXUINT);

  /* Each segment at most half full, however the IDs fall. */
  while (self->table == NULL ||
         (gsize) (self->counts[tag_segment (tag, self->segment_bits)] + 1) * 2 >
           self->size >> self->segment_bits)
    table_grow (self);

  other = table_add (self, tag, index);
  if (other == G_MAXUINT)
    self->counts[tag_segment (tag, self->segment_bits)]++;

  return other;
}

/* An ID on its way into the table. */
typedef struct
{
  guint32 tag;
  guint32 index;
} Pending;

typedef struct
{
  AttestGuidIndex   *index;
  const guint32     *tags;
  guint              begin;          /* the records this part sorts out */
  guint              end;
  guint              counts[N_SEGMENTS];
  gsize              offsets[N_SEGMENTS];
  guint              first_group;    /* the groups of pending IDs this part adds */
  guint              last_group;
  Pending           *pending;
  const gsize       *group_starts;   /* N_SEGMENTS + 1 */
  GArray            *repeats;        /* AttestGuidRepeat */
} Part;

static void
count_part (gpointer data)
{
  Part *part = data;

  for (guint i = part->begin; i < part->end; i++)
    {
      if (part->tags[i] != 0)
        part->counts[tag_segment (part->tags[i], SEGMENT_BITS)]++;
    }
}

static void
sort_out_part (gpointer data)
{
  Part *part = data;

  for (guint i = part->begin; i < part->end; i++)
    {
      guint32 tag = part->tags[i];
      Pending *pending;

      if (tag == 0)
        continue;
      pending = &part->pending[part->offsets[tag_segment (tag, SEGMENT_BITS)]++];
      pending->tag = tag;
      pending->index = i;
    }
}

/* Adds the pending IDs of the part's groups: with segments, each group is
 * one segment of the table, cleared here. */
static void
fill_part (gpointer data)
{
  Part *part = data;
  AttestGuidIndex *self = part->index;
  guint bits = self->segment_bits;
  gsize segment_size = self->size >> bits;

  for (guint group = part->first_group; group < part->last_group; group++)
    {
      if (bits > 0)
        memset (self->table + group * segment_size, 0, segment_size * sizeof (guint64));
      for (gsize k = part->group_starts[group]; k < part->group_starts[group + 1]; k++)
        {
          const Pending *pending = &part->pending[k];
          guint other = table_add (self, pending->tag, pending->index);

          if (other == G_MAXUINT)
            self->counts[tag_segment (pending->tag, bits)]++;
          else
            {
              AttestGuidRepeat repeat = { other, pending->index };

              g_array_append_val (part->repeats, repeat);
            }
        }
    }
}

/* Indexes records 0 to @n - 1 at once, on an empty index: @tags holds the
 * tag of each, or 0 for a record without an ID. Records keep their order
 * within each segment, so the first copy of an ID is the one in the table,
 * as when they are added one by one. Returns the repeats found
 * (AttestGuidRepeat), each with the first copy as its earlier record. */
GArray *
attest_guid_index_build (AttestGuidIndex *self,
                         const guint32   *tags,
                         guint            n)
{
  gboolean two = attest_parallel_worth_it (n, PARALLEL_THRESHOLD);
  guint n_parts = two ? 2 : 1;
  Part parts[2] = { { 0, }, { 0, } };
  g_autofree Pending *pending = NULL;
  gsize group_starts[N_SEGMENTS + 1];
  guint segment_bits = SEGMENT_BITS;
  gsize size = MIN_SIZE;
  gsize total = 0;
  guint fullest = 0;
  GArray *repeats;

  g_return_val_if_fail (self->table == NULL, NULL);
  g_return_val_if_fail (tags != NULL || n == 0, NULL);

  for (guint p = 0; p < n_parts; p++)
    {
      parts[p].index = self;
      parts[p].tags = tags;
      parts[p].begin = (guint) ((guint64) n * p / n_parts);
      parts[p].end = (guint) ((guint64) n * (p + 1) / n_parts);
      parts[p].first_group = N_SEGMENTS * p / n_parts;
      parts[p].last_group = N_SEGMENTS * (p + 1) / n_parts;
      parts[p].group_starts = group_starts;
      parts[p].repeats = g_array_new (FALSE, FALSE, sizeof (AttestGuidRepeat));
    }
  attest_run_in_two_halves (count_part, &parts[0], two ? &parts[1] : NULL);

  /* Each group takes the IDs of the first part's records, then the
   * second's. */
  for (guint group = 0; group < N_SEGMENTS; group++)
    {
      guint in_group = 0;

      group_starts[group] = total;
      for (guint p = 0; p < n_parts; p++)
        {
          parts[p].offsets[group] = total;
          total += parts[p].counts[group];
          in_group += parts[p].counts[group];
        }
      fullest = MAX (fullest, in_group);
    }
  group_starts[N_SEGMENTS] = total;

  /* Random IDs fill the segments evenly, give or take a few dozen; IDs
   * piled into a few would make every segment as large as the fullest. */
  if (fullest > 2 * (total / N_SEGMENTS) + 64)
    segment_bits = 0;

  /* The fullest segment at most three quarters full; the next ID added
   * one by one makes room first when it is more than half full. */
  if (segment_bits == 0)
    fullest = total;
  while ((size >> segment_bits) * 3 < (gsize) fullest * 4)
    size *= 2;
  table_reset (self, size, segment_bits, segment_bits == 0);

  pending = g_new (Pending, MAX (total, 1));
  for (guint p = 0; p < n_parts; p++)
    parts[p].pending = pending;
  attest_run_in_two_halves (sort_out_part, &parts[0], two ? &parts[1] : NULL);

  if (segment_bits == 0)
    {
      /* One segment: one thread adds every group. */
      parts[0].first_group = 0;
      parts[0].last_group = N_SEGMENTS;
      two = FALSE;
    }
  attest_run_in_two_halves (fill_part, &parts[0], two ? &parts[1] : NULL);

  repeats = parts[0].repeats;
  if (n_parts > 1)
    {
      g_array_append_vals (repeats, parts[1].repeats->data, parts[1].repeats->len);
      g_array_unref (parts[1].repeats);
    }

  return repeats;
}
