/* attest-record-store-guids.c: the duplicate check of tenant IDs
 *
 * Every ID that is a GUID goes into an open-addressing table of record
 * indexes, by the 32-bit tag each record keeps of its ID; a repeat flags
 * every copy (SPEC §4.3). Records whose tags agree have their IDs read
 * again from their text, which a million random IDs make happen about a
 * hundred times.
 *
 * The table is cut into 256 segments by the top bits of the tag, and
 * a probe stays within its segment. After an import, the IDs are first
 * sorted out by segment, then each segment, small enough to stay in the
 * cache, is filled in one go: a million random places in a table of many
 * megabytes would each cost a cache and a TLB miss. Two threads share each
 * step. IDs that crowd into a few segments (they would have to be made to)
 * get a table of one segment instead, filled on one thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-store-guids"

#include "config.h"

#include <string.h>

#include "attest-record-store-private.h"

#define SEGMENT_BITS   8
#define N_SEGMENTS     (1u << SEGMENT_BITS)
#define MIN_SIZE       (N_SEGMENTS * 16)
#define HUGE_PAGE_SIZE (2 * 1024 * 1024)

/* Below this many records, one thread indexes quicker than two. */
#define PARALLEL_THRESHOLD 65536

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

/* A slot: the tag and the record index + 1 (0 for an empty slot). */
static inline guint64
slot_new (guint32 tag,
          guint   index)
{
  return (guint64) tag << 32 | ((guint64) index + 1);
}

/* The tenant ID of a record that has a GUID for one, read from its text.
 * Safe on any thread: it leaves the store's cache of the last record
 * scanned alone. */
static void
read_guid (AttestRecordStore *self,
           guint              index,
           AttestGuid        *guid)
{
  const AttestRow *row = attest_record_store_row_at (self, index);
  gboolean in_arena = (row->flags & ROW_IN_ARENA) != 0;
  const AttestCsvLayout *layout = in_arena ? self->arena_layout : self->layout;
  const char *data = in_arena ? self->arena->str : self->text->data;
  guint column = (guint) layout->field_columns[ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID];
  g_autofree AttestCsvSpan *spans = g_new (AttestCsvSpan, column + 1);
  g_autoptr(GString) scratch = g_string_new (NULL);
  AttestCsvRecord record;
  const char *value;
  gsize len;

  attest_csv_scan_record (data, row->offset + row->length, layout->delimiter, row->offset, spans,
                          column + 1, &record);
  value = attest_csv_span_value (data, &spans[column], scratch, &len);
  if (!attest_guid_parse (value, len, guid))
    {
      /* The record was flagged as having a GUID when it was read. */
      g_warn_if_reached ();
      memset (guid, 0, sizeof *guid);
    }
}

static gboolean
same_guid (AttestRecordStore *self,
           guint              a,
           guint              b)
{
  AttestGuid guid_a, guid_b;

  read_guid (self, a, &guid_a);
  read_guid (self, b, &guid_b);

  return guid_a.high == guid_b.high && guid_a.low == guid_b.low;
}

/* Adds @index to the table, or on a repeat returns the index of the copy
 * already there (a third copy finds the first); G_MAXUINT otherwise.
 * Touches only the segment of the ID's tag. */
static guint
table_add (AttestRecordStore *self,
           guint              index,
           guint32            tag)
{
  guint64 *table = self->guid_table;
  gsize size = self->guid_table_size;
  guint bits = self->guid_segment_bits;
  gsize h;

  for (h = tag_home (tag, size, bits); table[h] != 0; h = slot_next (h, size, bits))
    {
      guint64 slot = table[h];
      guint other_index = (slot & G_MAXUINT32) - 1;

      if ((guint32) (slot >> 32) == tag && same_guid (self, other_index, index))
        return other_index;
    }

  table[h] = slot_new (tag, index);
  return G_MAXUINT;
}

/* A table of @size slots in segments of @segment_bits, aligned for huge
 * pages. Zeroed unless @zero is FALSE, in which case each segment must be
 * cleared before it is used. */
static void
table_reset (AttestRecordStore *self,
             gsize              size,
             guint              segment_bits,
             gboolean           zero)
{
  gsize bytes = size * sizeof (guint64);

  g_clear_pointer (&self->guid_table, g_aligned_free);
  self->guid_table = g_aligned_alloc (size, sizeof (guint64), HUGE_PAGE_SIZE);
  self->guid_table_size = size;
  attest_advise_huge_pages (self->guid_table, bytes);
  if (zero)
    memset (self->guid_table, 0, bytes);
  self->guid_segment_bits = segment_bits;
  g_free (self->guid_counts);
  self->guid_counts = g_new0 (guint, 1u << segment_bits);
}

static void
guid_table_grow (AttestRecordStore *self)
{
  guint64 *old_table = g_steal_pointer (&self->guid_table);
  gsize old_size = self->guid_table_size;
  guint bits = old_table != NULL ? self->guid_segment_bits : SEGMENT_BITS;

  table_reset (self, MAX (old_size * 2, MIN_SIZE), bits, TRUE);
  for (gsize i = 0; i < old_size; i++)
    {
      guint32 tag = (guint32) (old_table[i] >> 32);
      gsize h;

      if (old_table[i] == 0)
        continue;
      for (h = tag_home (tag, self->guid_table_size, bits); self->guid_table[h] != 0;
           h = slot_next (h, self->guid_table_size, bits))
        ;
      self->guid_table[h] = old_table[i];
      self->guid_counts[tag_segment (tag, bits)]++;
    }
  g_aligned_free (old_table);
}

/* Adds a record's tenant ID to the duplicate check. Returns the index of
 * an earlier copy of the ID, or G_MAXUINT; the caller flags both. */
guint
attest_record_store_add_guid (AttestRecordStore *self,
                              guint              index)
{
  guint32 tag = g_array_index (self->id_tags, guint32, index);
  guint other;

  /* Each segment at most half full, however the IDs fall. */
  while (self->guid_table == NULL ||
         (gsize) (self->guid_counts[tag_segment (tag, self->guid_segment_bits)] + 1) * 2 >
           self->guid_table_size >> self->guid_segment_bits)
    guid_table_grow (self);

  other = table_add (self, index, tag);
  if (other == G_MAXUINT)
    self->guid_counts[tag_segment (tag, self->guid_segment_bits)]++;

  return other;
}

/* An ID on its way into the table, after an import. */
typedef struct
{
  guint32 tag;
  guint32 index;
} Pending;

typedef struct
{
  AttestRecordStore *store;
  guint              begin;          /* the rows this part sorts out */
  guint              end;
  guint              counts[N_SEGMENTS];
  gsize              offsets[N_SEGMENTS];
  guint              first_group;    /* the groups of pending IDs this part adds */
  guint              last_group;
  Pending           *pending;
  const gsize       *group_starts;   /* N_SEGMENTS + 1 */
} Part;

static gpointer
count_part (gpointer data)
{
  Part *part = data;
  const guint32 *tags = (const guint32 *) (gpointer) part->store->id_tags->data;
  const AttestRow *rows = (const AttestRow *) (gpointer) part->store->rows->data;

  for (guint i = part->begin; i < part->end; i++)
    {
      if (rows[i].flags & ROW_HAS_GUID)
        part->counts[tag_segment (tags[i], SEGMENT_BITS)]++;
    }

  return NULL;
}

static gpointer
sort_out_part (gpointer data)
{
  Part *part = data;
  const guint32 *tags = (const guint32 *) (gpointer) part->store->id_tags->data;
  const AttestRow *rows = (const AttestRow *) (gpointer) part->store->rows->data;

  for (guint i = part->begin; i < part->end; i++)
    {
      guint32 tag = tags[i];
      Pending *pending;

      if (!(rows[i].flags & ROW_HAS_GUID))
        continue;
      pending = &part->pending[part->offsets[tag_segment (tag, SEGMENT_BITS)]++];
      pending->tag = tag;
      pending->index = i;
    }

  return NULL;
}

/* Adds the pending IDs of the part's groups: with segments, each group is
 * one segment of the table, cleared here. */
static gpointer
fill_part (gpointer data)
{
  Part *part = data;
  AttestRecordStore *self = part->store;
  AttestRow *rows = (AttestRow *) (gpointer) self->rows->data;
  guint bits = self->guid_segment_bits;
  gsize segment_size = self->guid_table_size >> bits;

  for (guint group = part->first_group; group < part->last_group; group++)
    {
      if (bits > 0)
        memset (self->guid_table + group * segment_size, 0, segment_size * sizeof (guint64));
      for (gsize k = part->group_starts[group]; k < part->group_starts[group + 1]; k++)
        {
          const Pending *pending = &part->pending[k];
          guint other = table_add (self, pending->index, pending->tag);

          if (other == G_MAXUINT)
            self->guid_counts[tag_segment (pending->tag, bits)]++;
          else
            {
              rows[other].problems |= ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_DUPLICATE);
              rows[pending->index].problems |=
                ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_DUPLICATE);
            }
        }
    }

  return NULL;
}

/* Runs @func on each part: the second on a thread of its own when there
 * are two. */
static void
run_parts (GThreadFunc func,
           Part       *parts,
           guint       n_parts)
{
  GThread *thread = n_parts > 1 ? g_thread_new ("attest-guids", func, &parts[1]) : NULL;

  func (&parts[0]);
  if (thread != NULL)
    g_thread_join (thread);
}

/* Adds every record with a GUID, after an import. Rows keep their order
 * within each group, so the first copy of an ID is the one in the table,
 * as when they are added one by one. */
void
attest_record_store_index_guids (AttestRecordStore *self)
{
  guint n = self->rows->len;
  guint n_parts = n >= PARALLEL_THRESHOLD && g_get_num_processors () > 1 ? 2 : 1;
  g_autofree Part *parts = g_new0 (Part, n_parts);
  g_autofree Pending *pending = NULL;
  gsize group_starts[N_SEGMENTS + 1];
  guint segment_bits = SEGMENT_BITS;
  gsize size = MIN_SIZE;
  gsize total = 0;
  guint fullest = 0;

  for (guint p = 0; p < n_parts; p++)
    {
      parts[p].store = self;
      parts[p].begin = (guint) ((guint64) n * p / n_parts);
      parts[p].end = (guint) ((guint64) n * (p + 1) / n_parts);
      parts[p].first_group = N_SEGMENTS * p / n_parts;
      parts[p].last_group = N_SEGMENTS * (p + 1) / n_parts;
      parts[p].group_starts = group_starts;
    }
  run_parts (count_part, parts, n_parts);

  /* Each group takes the IDs of the first part's rows, then the
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
  run_parts (sort_out_part, parts, n_parts);

  if (segment_bits == 0)
    {
      /* One segment: one thread adds every group. */
      parts[0].first_group = 0;
      parts[0].last_group = N_SEGMENTS;
      n_parts = 1;
    }
  run_parts (fill_part, parts, n_parts);
}
