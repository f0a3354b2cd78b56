/* attest-record-store-private.h: the store's insides, for the CSV reader and
 * writer, the view and AttestRecord
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-csv-scanner.h"
#include "attest-csv-text.h"
#include "attest-record-store.h"
#include "attest-record.h"

G_BEGIN_DECLS

/* How the columns of a text map to fields. */
typedef struct
{
  char    delimiter;
  guint   n_columns;
  char  **names;                                   /* as the header wrote them */
  int     field_columns[ATTEST_N_RECORD_FIELDS];   /* column of each field, or -1 */
  guint   n_extra;
  guint  *extra_columns;                           /* columns that are no field */
} AttestCsvLayout;

/* One record: 24 bytes, whatever its size. */
typedef struct
{
  guint64 offset;    /* of the record in its text */
  guint32 length;    /* up to the line end */
  guint32 line;      /* line number of its first line */
  guint32 problems;  /* ATTEST_PROBLEM_BIT mask */
  guint8  status;    /* AttestRecordStatus, when ROW_HAS_OUTCOME */
  guint8  attested;  /* AttestBoolean */
  guint16 flags;
} AttestRow;

enum
{
  ROW_IN_ARENA    = 1 << 0,   /* appended from code: its text is the arena */
  ROW_HAS_OUTCOME = 1 << 1,
  ROW_EDITED      = 1 << 2,   /* a contact field is overridden */
  ROW_HAS_GUID    = 1 << 3,
};

typedef struct
{
  const char *message;
  const char *request_id;
  const char *correlation_id;
  gint64      submitted_at;
} AttestOutcome;

struct _AttestRecordStore
{
  GObject             parent_instance;

  AttestCsvText      *text;          /* the imported file, or NULL */
  AttestCsvLayout    *layout;        /* its columns */
  GString            *arena;         /* records appended from code */
  AttestCsvLayout    *arena_layout;  /* the compatible format's columns */

  GArray             *rows;          /* AttestRow, in file order */
  GArray             *id_tags;       /* guint32, parallel to rows: attest_guid_tag () */
  guint64            *guid_table;    /* open addressing, see slot_new () */
  gsize               guid_table_size;
  guint              *guid_counts;   /* IDs in each segment of the table */
  guint               guid_segment_bits;

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

  /* The view */
  AttestRecordSort    sort;
  gboolean            descending;
  AttestRecordFilter  filter;
  char               *search;        /* folded for search, or NULL */
  GArray             *view;          /* guint32 record indexes, or NULL for all in file order */
  GHashTable         *live;          /* index -> AttestRecord *, not referenced */
};

/* Problems found while reading that no edit can fix. */
#define ATTEST_STRUCTURAL_PROBLEMS (ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TOO_FEW_FIELDS) | \
                                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TOO_MANY_FIELDS) | \
                                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_UNCLOSED_QUOTE) | \
                                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_DUPLICATE))

char             *attest_account_link                (const char          *id,
                                                      gsize                len);
AttestCsvLayout  *attest_csv_layout_new_standard     (void);
void              attest_csv_layout_free             (AttestCsvLayout     *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestCsvLayout, attest_csv_layout_free)

/* The tag of a tenant ID in the duplicate check (attest-record-store-guids.c):
 * 32 bits of a hash that mixes both halves of the ID into every bit, so
 * that IDs that differ in a few bits only (sequential GUIDs) still spread
 * over the whole table. Records keep the tag, not the ID: copies always
 * have the same tag, and the IDs of records with the same tag are read
 * again to tell. */
static inline guint32
attest_guid_tag (const AttestGuid *guid)
{
  guint64 h = guid->high ^ (guid->low * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;

  return (guint32) (h >> 32);
}

/* Scratch space for attest_row_check(): one string per field. */
typedef struct
{
  GString *values[ATTEST_N_RECORD_FIELDS];
} AttestRowScratch;

void              attest_row_scratch_init            (AttestRowScratch      *scratch);
void              attest_row_scratch_clear           (AttestRowScratch      *scratch);
void              attest_row_check                   (const AttestCsvText   *text,
                                                      const char            *data,
                                                      const AttestCsvLayout *layout,
                                                      const AttestCsvRecord *record,
                                                      const AttestCsvSpan   *spans,
                                                      AttestRowScratch      *scratch,
                                                      AttestRow             *row,
                                                      guint32               *id_tag);

void              attest_advise_huge_pages           (gpointer             data,
                                                      gsize                bytes);
void              attest_record_store_take_import    (AttestRecordStore   *self,
                                                      AttestCsvText       *text,
                                                      AttestCsvLayout     *layout,
                                                      GArray              *rows,
                                                      GArray              *id_tags,
                                                      GPtrArray           *file_problems);
#define CHECK_INDEX(self, index, val) \
  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), val); \
  g_return_val_if_fail (index < self->rows->len, val)

static inline AttestRow *
attest_record_store_row_at (AttestRecordStore *self,
                            guint              index)
{
  return &g_array_index (self->rows, AttestRow, index);
}

/* What a record counts as, for AttestRecordCounts. */
enum
{
  CLASS_MARKED     = 1 << 0,
  CLASS_ACTIONABLE = 1 << 1,
  CLASS_PROBLEMS   = 1 << 2,
  CLASS_DONE       = 1 << 3,
  CLASS_FAILED     = 1 << 4,
};

void              attest_record_counts_add           (AttestRecordCounts  *counts,
                                                      guint                klass,
                                                      int                  delta);
AttestRecordStatus attest_row_status                 (const AttestRow     *row);
guint             attest_row_class                   (const AttestRow     *row);
void              attest_record_store_reclassify     (AttestRecordStore   *self,
                                                      guint                old_class,
                                                      guint                new_class);
void              attest_record_store_counts_changed (AttestRecordStore   *self);
void              attest_record_store_record_changed (AttestRecordStore   *self,
                                                      guint                index);
guint             attest_record_store_add_guid       (AttestRecordStore   *self,
                                                      guint                index);
void              attest_record_store_index_guids    (AttestRecordStore   *self);

const AttestRow  *attest_record_store_get_row        (AttestRecordStore   *self,
                                                      guint                index);
const AttestCsvLayout *attest_record_store_get_layout (AttestRecordStore  *self);
const char       *attest_record_store_peek_field     (AttestRecordStore   *self,
                                                      guint                index,
                                                      AttestRecordField    field,
                                                      GString             *scratch,
                                                      gsize               *len);
const char       *attest_record_store_peek_column    (AttestRecordStore   *self,
                                                      guint                index,
                                                      guint                column,
                                                      GString             *scratch,
                                                      gsize               *len);
guint             attest_record_store_get_n_fields   (AttestRecordStore   *self,
                                                      guint                index);
void              attest_record_store_forget_item    (AttestRecordStore   *self,
                                                      guint                index,
                                                      AttestRecord        *item);

/* The view (attest-record-store-view.c) */
void              attest_record_store_list_model_init (GListModelInterface *iface);
void              attest_record_store_view_init      (AttestRecordStore   *self);
void              attest_record_store_view_clear     (AttestRecordStore   *self);
void              attest_record_store_view_appended  (AttestRecordStore   *self,
                                                      guint                index);
guint             attest_record_store_view_get_n     (AttestRecordStore   *self);
gboolean          attest_record_store_row_matches    (AttestRecordStore   *self,
                                                      guint                index);

AttestRecord     *attest_record_new                  (AttestRecordStore   *store,
                                                      guint                index);
void              attest_record_emit_changed         (AttestRecord        *self);

char *attest_record_store_fold_for_search (const char *text,
                                           gssize      len);

G_END_DECLS
