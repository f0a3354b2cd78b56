/* attest-record-store-private.h: the store's insides, shared by its own
 * files only (attest-record-store.c, -outcomes.c, -columns.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-guid-index.h"
#include "attest-record-store.h"
#include "attest-record-table.h"

G_BEGIN_DECLS

struct _AttestRecordStore
{
  GObject             parent_instance;

  AttestRecordTable  *table;         /* the imported file, or NULL */
  GString            *arena;         /* records appended from code, as CSV */
  AttestCsvLayout    *arena_layout;  /* the compatible format's columns */

  GArray             *rows;          /* AttestRow, in file order */
  GArray             *id_tags;       /* guint32, parallel to rows: attest_guid_tag () or 0 */
  AttestGuidIndex    *guids;

  GHashTable         *edits;         /* edit_key () -> char * */
  GArray             *outcomes;      /* AttestOutcome, parallel to rows once any is set */
  GStringChunk       *strings;       /* outcome strings, each kept once */
  GPtrArray          *file_problems; /* AttestRecordProblem */
  AttestRecordCounts  counts;
  gboolean            dirty;

  /* The last record scanned, for reading several of its fields. */
  guint               scanned_index;
  AttestCsvRecord     scanned;
  AttestCsvSpan      *spans;
  guint               max_spans;
  GString            *field_scratch;  /* a quoted field, decoded */
};

#define CHECK_INDEX(self, index, val) \
  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), val); \
  g_return_val_if_fail (index < self->rows->len, val)

static inline AttestRow *
_attest_record_store_row (AttestRecordStore *self,
                          guint              index)
{
  return &g_array_index (self->rows, AttestRow, index);
}

void               _attest_record_store_rescan         (AttestRecordStore *self,
                                                        guint              index);

/* Finds the fields of record @index in self->spans, unless they are there
 * already: several fields of one record are read one after the other. */
static inline void
_attest_record_store_scan (AttestRecordStore *self,
                           guint              index)
{
  if (self->scanned_index != index)
    _attest_record_store_rescan (self, index);
}

const AttestCsvLayout *_attest_record_store_get_layout (AttestRecordStore *self);
const char        *_attest_record_store_peek_column    (AttestRecordStore *self,
                                                        guint              index,
                                                        guint              column,
                                                        GString           *scratch,
                                                        gsize             *len);
const char        *_attest_record_store_peek_field     (AttestRecordStore *self,
                                                        guint              index,
                                                        AttestRecordField  field,
                                                        GString           *scratch,
                                                        gsize             *len);
guint              _attest_record_store_tally          (const AttestRow   *row);
void               _attest_record_store_retally        (AttestRecordStore *self,
                                                        guint              old_tally,
                                                        guint              new_tally);
void               _attest_record_store_add_tally      (AttestRecordStore *self,
                                                        guint              tally,
                                                        int                delta);
void               _attest_record_store_counts_changed (AttestRecordStore *self);
void               _attest_record_store_record_changed (AttestRecordStore *self,
                                                        guint              index);

G_END_DECLS
