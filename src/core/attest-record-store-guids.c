/* attest-record-store-guids.c: the duplicate check of tenant IDs
 *
 * Every ID that is a GUID goes, as 128 bits, into an open-addressing table
 * of record indexes; a repeat flags every copy (SPEC §4.3).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-store-guids"

#include "config.h"

#include "attest-record-store-private.h"

static inline guint64
guid_hash (const AttestGuid *guid)
{
  guint64 h = guid->high ^ (guid->low * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  return h ^ (h >> 29);
}

/* A slot holds the upper 32 bits of the ID's hash and the record index + 1
 * (0 for an empty slot), so that a probe reads the ID itself only when the
 * hashes agree: one cache miss per record rather than two. */
static inline guint64
guid_slot (guint64 hash,
           guint   index)
{
  return (hash & G_GUINT64_CONSTANT (0xffffffff00000000)) | ((guint64) index + 1);
}

static void
guid_table_grow (AttestRecordStore *self)
{
  gsize size = MAX (self->guid_table_size * 2, 1024);
  const AttestGuid *guids = (const AttestGuid *) (gpointer) self->guids->data;
  guint64 *table = g_new0 (guint64, size);

  for (gsize i = 0; i < self->guid_table_size; i++)
    {
      guint64 slot = self->guid_table[i];
      gsize h;

      if (slot == 0)
        continue;
      h = guid_hash (&guids[(slot & G_MAXUINT32) - 1]) & (size - 1);
      while (table[h] != 0)
        h = (h + 1) & (size - 1);
      table[h] = slot;
    }

  g_free (self->guid_table);
  self->guid_table = table;
  self->guid_table_size = size;
}

/* Adds a record's tenant ID to the duplicate check; on a repeat, flags the
 * first copy and this one (a third copy finds the first). */
void
attest_record_store_add_guid (AttestRecordStore *self,
                              guint              index)
{
  const AttestGuid *guids = (const AttestGuid *) (gpointer) self->guids->data;
  const AttestGuid *guid = &guids[index];
  guint64 hash = guid_hash (guid);
  guint64 tag = guid_slot (hash, 0) & G_GUINT64_CONSTANT (0xffffffff00000000);
  gsize mask;
  gsize h;

  if ((self->n_guids + 1) * 2 > self->guid_table_size)
    guid_table_grow (self);

  mask = self->guid_table_size - 1;
  for (h = hash & mask; self->guid_table[h] != 0; h = (h + 1) & mask)
    {
      guint64 slot = self->guid_table[h];
      guint other_index = (slot & G_MAXUINT32) - 1;
      const AttestGuid *other = &guids[other_index];

      if ((slot & G_GUINT64_CONSTANT (0xffffffff00000000)) == tag &&
          other->high == guid->high && other->low == guid->low)
        {
          attest_record_store_row_at (self, other_index)->problems |=
            ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_DUPLICATE);
          attest_record_store_row_at (self, index)->problems |=
            ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_DUPLICATE);
          return;
        }
    }

  self->guid_table[h] = guid_slot (hash, index);
  self->n_guids++;
}

/* Adds every record with a GUID, fetching the table slots a few records
 * ahead so that the cache misses overlap. */
void
attest_record_store_index_guids (AttestRecordStore *self)
{
  const AttestGuid *guids = (const AttestGuid *) (gpointer) self->guids->data;
  guint n = self->rows->len;
  gsize size = 1024;

  while (size < (gsize) n * 2)
    size *= 2;
  self->guid_table = g_new0 (guint64, size);
  self->guid_table_size = size;

  for (guint i = 0; i < n; i++)
    {
      if (i + 16 < n)
        __builtin_prefetch (&self->guid_table[guid_hash (&guids[i + 16]) & (size - 1)], 1);
      if (attest_record_store_row_at (self, i)->flags & ROW_HAS_GUID)
        attest_record_store_add_guid (self, i);
    }
}
