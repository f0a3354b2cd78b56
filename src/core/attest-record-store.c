/* attest-record-store.c: up to a million customer records without an object
 * per record
 *
 * A record is an AttestRow of 24 bytes: where its text is, its line, its
 * problems, its status. Its fields are found again in the text when asked
 * for (a record is a couple of hundred bytes: scanning it is cheaper than
 * keeping it), edited contact fields come from a small table, and outcomes
 * from an array that exists once the first outcome is set. The duplicate
 * check keeps a tag of each tenant ID (attest-guid-index.c). The view the
 * grid shows is an AttestRecordView over the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-store"

#include "config.h"

#include <string.h>

#include "attest-guid-index.h"
#include "attest-record-check.h"
#include "attest-record-store-private.h"

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
  AttestRecordMca    *mca;           /* the current flow's values, or NULL */
  AttestRecordCounts  counts;
  gboolean            dirty;
  gboolean            unchecked;     /* read unchecked: see attest-record-store-check.c */

  /* The last record scanned, for reading several of its fields. */
  guint               scanned_index;
  AttestCsvRecord     scanned;
  AttestCsvSpan      *spans;
  guint               max_spans;
  GString            *field_scratch;  /* a quoted field, decoded */
};

/* Here the struct is at hand: a record is checked against the rows
 * without a second call, as the writer peeks at every field. */
#undef CHECK_INDEX
#define CHECK_INDEX(self, index, val) \
  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), val); \
  g_return_val_if_fail (index < self->rows->len, val)

enum
{
  PROP_0,
  PROP_DIRTY,
  N_PROPS
};

enum
{
  COUNTS_CHANGED,
  RECORD_CHANGED,
  RECORD_APPENDED,
  CHECKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AttestRecordStore, attest_record_store, G_TYPE_OBJECT)

static inline AttestRow *
row_at (AttestRecordStore *self,
        guint              index)
{
  return &g_array_index (self->rows, AttestRow, index);
}

AttestRow *
_attest_record_store_row (AttestRecordStore *self,
                          guint              index)
{
  return row_at (self, index);
}

/* Adds a record's tallies to the counts, or takes them away. */
static void
add_tally (AttestRecordStore *self,
           guint              tally,
           int                delta)
{
  AttestRecordCounts *counts = &self->counts;

  counts->marked += (tally & ATTEST_TALLY_MARKED) ? delta : 0;
  counts->actionable += (tally & ATTEST_TALLY_ACTIONABLE) ? delta : 0;
  counts->problems += (tally & ATTEST_TALLY_PROBLEMS) ? delta : 0;
  counts->done += (tally & ATTEST_TALLY_DONE) ? delta : 0;
  counts->failed += (tally & ATTEST_TALLY_FAILED) ? delta : 0;
}

/* Moves a record from one set of tallies to another, silently. */
void
_attest_record_store_move_tally (AttestRecordStore *self,
                                 guint              old_tally,
                                 guint              new_tally)
{
  if (old_tally == new_tally)
    return;

  add_tally (self, old_tally, -1);
  add_tally (self, new_tally, 1);
}

void
_attest_record_store_counts_changed (AttestRecordStore *self)
{
  g_signal_emit (self, signals[COUNTS_CHANGED], 0);
}

/* Moves a record from one set of tallies to another, and says so. */
void
_attest_record_store_retally (AttestRecordStore *self,
                              guint              old_tally,
                              guint              new_tally)
{
  if (old_tally == new_tally)
    return;

  _attest_record_store_move_tally (self, old_tally, new_tally);
  _attest_record_store_counts_changed (self);
}

void
_attest_record_store_record_changed (AttestRecordStore *self,
                                     guint              index)
{
  g_signal_emit (self, signals[RECORD_CHANGED], 0, index);
}

static inline guint
tally_of (AttestRecordStore *self,
          guint              index)
{
  return _attest_record_store_tally (row_at (self, index));
}

const AttestRecordTable *
_attest_record_store_get_table (AttestRecordStore *self)
{
  return self->table;
}

/* Room for a decoded field, reused from one call to the next. */
GString *
_attest_record_store_get_scratch (AttestRecordStore *self)
{
  if (self->field_scratch == NULL)
    self->field_scratch = g_string_new (NULL);

  return self->field_scratch;
}

/* The outcome of record @index; NULL when none was ever set in the store,
 * unless @create makes room for them. */
AttestOutcome *
_attest_record_store_get_outcome (AttestRecordStore *self,
                                  guint              index,
                                  gboolean           create)
{
  if (self->outcomes == NULL && create)
    {
      self->outcomes = g_array_sized_new (FALSE, TRUE, sizeof (AttestOutcome), self->rows->len);
      g_array_set_size (self->outcomes, self->rows->len);
    }
  if (self->outcomes == NULL)
    return NULL;

  return &g_array_index (self->outcomes, AttestOutcome, index);
}

/* What the store keeps for Microsoft's current flow (-mca.c); NULL until
 * something is, unless @create makes it. */
AttestRecordMca *
_attest_record_store_get_mca (AttestRecordStore *self,
                              gboolean           create)
{
  if (self->mca == NULL && create)
    self->mca = _attest_record_mca_new ();

  return self->mca;
}

/* Keeps @text once for all the outcomes that share it: a request ID is
 * shared by a batch of 500. */
const char *
_attest_record_store_intern (AttestRecordStore *self,
                             const char        *text)
{
  if (text == NULL)
    return NULL;
  if (self->strings == NULL)
    self->strings = g_string_chunk_new (4096);

  return g_string_chunk_insert_const (self->strings, text);
}

/* Problems of the file as a whole; AttestRecordProblem, owned by the store. */
GPtrArray *
attest_record_store_get_file_problems (AttestRecordStore *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), NULL);

  return self->file_problems;
}

static void
ensure_spans (AttestRecordStore     *self,
              const AttestCsvLayout *layout)
{
  if (self->max_spans < layout->n_columns + 1)
    {
      self->max_spans = layout->n_columns + 1;
      self->spans = g_renew (AttestCsvSpan, self->spans, self->max_spans);
    }
}

static const AttestCsvLayout *
row_layout (AttestRecordStore *self,
            const AttestRow   *row)
{
  return (row->flags & ATTEST_ROW_IN_ARENA) ? self->arena_layout : self->table->layout;
}

static const char *
row_data (AttestRecordStore *self,
          const AttestRow   *row)
{
  return (row->flags & ATTEST_ROW_IN_ARENA) ? self->arena->str : self->table->text->data;
}

/* Finds the fields of a record again: in the table it was read from, or
 * in the store's own text for one added from code. */
static void
scan_into (AttestRecordStore *self,
           const AttestRow   *row,
           AttestCsvSpan     *spans,
           guint              max_spans,
           AttestCsvRecord   *record)
{
  if (row->flags & ATTEST_ROW_IN_ARENA)
    attest_csv_scan_record (self->arena->str, row->offset + row->length,
                            self->arena_layout->delimiter, row->offset, spans, max_spans, record);
  else
    attest_record_table_scan (self->table, row, spans, max_spans, record);
}

/* Finds the fields of a record again; they stay in self->spans until the
 * next record is scanned. */
static void
rescan (AttestRecordStore *self,
        guint              index)
{
  const AttestRow *row = row_at (self, index);
  const AttestCsvLayout *layout = row_layout (self, row);

  ensure_spans (self, layout);
  scan_into (self, row, self->spans, self->max_spans, &self->scanned);
  if (self->scanned.n_fields > self->max_spans)
    {
      /* A row with more fields than the header: keep them all. */
      self->max_spans = self->scanned.n_fields;
      self->spans = g_renew (AttestCsvSpan, self->spans, self->max_spans);
      scan_into (self, row, self->spans, self->max_spans, &self->scanned);
    }
  self->scanned_index = index;
}

/* Finds the fields of record @index in self->spans, unless they are there
 * already: several fields of one record are read one after the other. */
static inline void
scan (AttestRecordStore *self,
      guint              index)
{
  if (self->scanned_index != index)
    rescan (self, index);
}

/* The fields of record @index, valid until another record is scanned. */
const AttestCsvSpan *
_attest_record_store_scan (AttestRecordStore *self,
                           guint              index,
                           guint             *n_spans)
{
  scan (self, index);
  *n_spans = MIN (self->scanned.n_fields, self->max_spans);

  return self->spans;
}

static inline gpointer
edit_key (guint             index,
          AttestRecordField field)
{
  return GSIZE_TO_POINTER ((gsize) index * ATTEST_N_RECORD_FIELDS + field);
}

static const char *
lookup_edit (AttestRecordStore *self,
             guint              index,
             AttestRecordField  field)
{
  if (!(row_at (self, index)->flags & ATTEST_ROW_EDITED) ||
      !_attest_record_field_is_editable (field))
    return NULL;

  return g_hash_table_lookup (self->edits, edit_key (index, field));
}

static inline const char *
peek_column (AttestRecordStore *self,
             guint              index,
             guint              column,
             GString           *scratch,
             gsize             *len)
{
  const AttestRow *row = row_at (self, index);

  scan (self, index);
  if (column >= self->scanned.n_fields || column >= self->max_spans)
    return NULL;

  return attest_csv_span_value (row_data (self, row), &self->spans[column], scratch, len);
}

static inline const char *
peek_field (AttestRecordStore *self,
            guint              index,
            AttestRecordField  field,
            GString           *scratch,
            gsize             *len)
{
  const char *edit = lookup_edit (self, index, field);
  int column;

  if (edit != NULL)
    {
      *len = strlen (edit);
      return edit;
    }

  column = row_layout (self, row_at (self, index))->field_columns[field];
  if (column < 0)
    return NULL;

  return peek_column (self, index, column, scratch, len);
}

const char *
_attest_record_store_peek_column (AttestRecordStore *self,
                                  guint              index,
                                  guint              column,
                                  GString           *scratch,
                                  gsize             *len)
{
  return peek_column (self, index, column, scratch, len);
}

const char *
_attest_record_store_peek_field (AttestRecordStore *self,
                                 guint              index,
                                 AttestRecordField  field,
                                 GString           *scratch,
                                 gsize             *len)
{
  return peek_field (self, index, field, scratch, len);
}

/* A field's value, edits included; NULL when the record has no such field
 * (the column is missing, or the record too short). Not NUL-terminated;
 * valid until the next call. The account link is not a field of the
 * text: see attest_record_store_dup_field(). */
const char *
attest_record_store_peek_field (AttestRecordStore *self,
                                guint              index,
                                AttestRecordField  field,
                                GString           *scratch,
                                gsize             *len)
{
  CHECK_INDEX (self, index, NULL);
  g_return_val_if_fail (field < ATTEST_N_RECORD_FIELDS, NULL);
  g_return_val_if_fail (scratch != NULL && len != NULL, NULL);

  return peek_field (self, index, field, scratch, len);
}

const AttestCsvLayout *
_attest_record_store_get_layout (AttestRecordStore *self)
{
  return self->table != NULL ? self->table->layout : self->arena_layout;
}

/* The edit of a contact field of record @index, or NULL. */
const char *
_attest_record_store_get_edit (AttestRecordStore *self,
                               guint              index,
                               AttestRecordField  field)
{
  return lookup_edit (self, index, field);
}

static void
attest_record_store_finalize (GObject *object)
{
  AttestRecordStore *self = (AttestRecordStore *) object;

  g_clear_pointer (&self->table, attest_record_table_unref);
  g_clear_pointer (&self->arena_layout, attest_csv_layout_free);
  g_string_free (g_steal_pointer (&self->arena), TRUE);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->id_tags, g_array_unref);
  g_clear_pointer (&self->guids, attest_guid_index_free);
  g_clear_pointer (&self->edits, g_hash_table_unref);
  g_clear_pointer (&self->outcomes, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->file_problems, g_ptr_array_unref);
  g_clear_pointer (&self->mca, _attest_record_mca_free);
  g_clear_pointer (&self->spans, g_free);
  if (self->field_scratch != NULL)
    g_string_free (g_steal_pointer (&self->field_scratch), TRUE);

  G_OBJECT_CLASS (attest_record_store_parent_class)->finalize (object);
}

static void
attest_record_store_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AttestRecordStore *self = ATTEST_RECORD_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_record_store_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AttestRecordStore *self = ATTEST_RECORD_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRTY:
      attest_record_store_set_dirty (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_record_store_class_init (AttestRecordStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attest_record_store_finalize;
  object_class->get_property = attest_record_store_get_property;
  object_class->set_property = attest_record_store_set_property;

  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[COUNTS_CHANGED] =
    g_signal_new ("counts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RECORD_CHANGED] =
    g_signal_new ("record-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[RECORD_APPENDED] =
    g_signal_new ("record-appended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /* The records of a store read unchecked have their problems now. */
  signals[CHECKED] =
    g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

/* The tenant ID of a record that has a GUID for one, read from its text.
 * Safe on the index's threads: it leaves the cache of the last record
 * scanned alone. */
static void
read_guid (AttestRecordStore *self,
           guint              index,
           AttestGuid        *guid)
{
  const AttestRow *row = row_at (self, index);
  const AttestCsvLayout *layout = row_layout (self, row);
  const char *data = row_data (self, row);
  guint column = (guint) layout->field_columns[ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID];
  g_autofree AttestCsvSpan *spans = g_new (AttestCsvSpan, column + 1);
  g_autoptr(GString) scratch = g_string_new (NULL);
  AttestCsvRecord record;
  const char *value;
  gsize len;

  scan_into (self, row, spans, column + 1, &record);
  value = attest_csv_span_value (data, &spans[column], scratch, &len);
  if (!attest_guid_parse (value, len, guid))
    {
      /* The record had a tag, so its ID was a GUID when it was read. */
      g_warn_if_reached ();
      memset (guid, 0, sizeof *guid);
    }
}

static gboolean
same_guid (guint    a,
           guint    b,
           gpointer user_data)
{
  AttestRecordStore *self = user_data;
  AttestGuid guid_a, guid_b;

  read_guid (self, a, &guid_a);
  read_guid (self, b, &guid_b);

  return guid_a.high == guid_b.high && guid_a.low == guid_b.low;
}

static void
attest_record_store_init (AttestRecordStore *self)
{
  self->arena = g_string_new (NULL);
  self->arena_layout = attest_csv_layout_new_standard ();
  self->rows = g_array_new (FALSE, FALSE, sizeof (AttestRow));
  self->id_tags = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->edits = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->file_problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) attest_record_problem_free);
  self->scanned_index = G_MAXUINT;
  self->guids = attest_guid_index_new (same_guid, self);
}

AttestRecordStore *
attest_record_store_new (void)
{
  return g_object_new (ATTEST_TYPE_RECORD_STORE, NULL);
}

/* Counts the records' tallies from scratch. */
static void
count (AttestRecordStore *self)
{
  memset (&self->counts, 0, sizeof self->counts);
  self->counts.total = self->rows->len;
  for (guint i = 0; i < self->rows->len; i++)
    add_tally (self, tally_of (self, i), 1);
}

/* Indexes the customer IDs of checked records, flags those that repeat,
 * and counts. */
static void
index_and_count (AttestRecordStore *self)
{
  g_autoptr(GArray) repeats = NULL;
  guint32 duplicate = ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_DUPLICATE);

  repeats = attest_guid_index_build (self->guids, (const guint32 *) (gpointer) self->id_tags->data,
                                     self->rows->len);
  for (guint i = 0; i < repeats->len; i++)
    {
      const AttestGuidRepeat *repeat = &g_array_index (repeats, AttestGuidRepeat, i);

      row_at (self, repeat->earlier)->problems |= duplicate;
      row_at (self, repeat->later)->problems |= duplicate;
    }
  count (self);
}

/* Makes a store of the records of @table, which it takes: nothing else may
 * hold the table, as the store changes its rows from then on. NULL gives
 * an empty store. */
AttestRecordStore *
attest_record_store_new_for_table (AttestRecordTable *table)
{
  AttestRecordStore *self = attest_record_store_new ();

  if (table == NULL)
    return self;

  /* The store is the only one to change the rows from here on. */
  self->table = table;
  g_array_unref (self->rows);
  self->rows = g_array_ref (table->rows);
  g_array_unref (self->id_tags);
  self->id_tags = g_array_ref (table->id_tags);
  g_ptr_array_unref (self->file_problems);
  self->file_problems = g_ptr_array_ref (table->file_problems);
  self->unchecked = !table->checked;
  if (!self->unchecked)
    index_and_count (self);
  else
    count (self);

  return self;
}

/* Whether the records were read unchecked and have not been checked since:
 * until they are, a record's problems are only those of its shape. */
gboolean
attest_record_store_get_checking (AttestRecordStore *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), FALSE);

  return self->unchecked;
}

/* Takes what checking the records found: the problems and the ID tag of
 * each (attest-record-store-check.c). */
void
_attest_record_store_checked (AttestRecordStore *self,
                              const guint32     *problems,
                              const guint32     *id_tags)
{
  g_return_if_fail (self->unchecked);

  for (guint i = 0; i < self->rows->len; i++)
    row_at (self, i)->problems = problems[i];
  if (self->rows->len > 0)
    memcpy (self->id_tags->data, id_tags, self->rows->len * sizeof (guint32));
  self->unchecked = FALSE;
  index_and_count (self);
  g_signal_emit (self, signals[CHECKED], 0);
  g_signal_emit (self, signals[COUNTS_CHANGED], 0);
}

/* Adds a record, as Partner Center's fetch returns it; returns its index.
 * It is kept as a line of CSV in the store's own text, so that it is read
 * like any other; it is checked from the values given. */
guint
attest_record_store_append (AttestRecordStore        *self,
                            const AttestRecordFields *fields)
{
  const char *given[ATTEST_N_RECORD_FIELDS] = {
    fields->customer_tenant_id, fields->first_name, fields->last_name, fields->email,
    fields->phone_number, NULL, fields->attested ? "True" : "False", "",
  };
  g_autofree char *date = attest_format_agreement_epoch (fields->last_agreement_epoch);
  char *valid[ATTEST_N_RECORD_FIELDS] = { NULL, };
  AttestRecordValues values = { { NULL, }, { 0, }, ATTEST_BOOLEAN_FALSE, 0, FALSE, { NULL, },
                                { 0, } };
  AttestRow row = { 0, };
  guint32 id_tag;
  guint index = self->rows->len;
  guint earlier = G_MAXUINT;
  guint32 duplicate = ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_DUPLICATE);

  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), G_MAXUINT);
  g_return_val_if_fail (fields != NULL, G_MAXUINT);

  _attest_record_store_settle (self);
  given[ATTEST_RECORD_FIELD_LAST_AGREEMENT_DATE] = date;
  if (self->arena->len > 0)
    g_string_append_c (self->arena, '\n');
  row.offset = self->arena->len;
  for (guint f = 0; f < ATTEST_N_RECORD_FIELDS; f++)
    {
      valid[f] = g_utf8_make_valid (given[f] != NULL ? given[f] : "", -1);
      values.values[f] = valid[f];
      values.lengths[f] = strlen (valid[f]);
      if (f > 0)
        g_string_append_c (self->arena, ',');
      attest_csv_append_cell (self->arena, valid[f], values.lengths[f]);
    }
  row.length = self->arena->len - row.offset;

  values.attested = fields->attested ? ATTEST_BOOLEAN_TRUE : ATTEST_BOOLEAN_FALSE;
  row.problems = attest_record_check (&values, &id_tag);
  for (guint f = 0; f < ATTEST_N_RECORD_FIELDS; f++)
    g_free (valid[f]);
  row.attested = values.attested;
  row.flags = ATTEST_ROW_IN_ARENA;
  row.line = index + 2;
  self->scanned_index = G_MAXUINT;

  g_array_append_val (self->rows, row);
  g_array_append_val (self->id_tags, id_tag);
  if (self->outcomes != NULL)
    g_array_set_size (self->outcomes, self->rows->len);
  if (id_tag != 0)
    earlier = attest_guid_index_add (self->guids, id_tag, index);
  if (earlier != G_MAXUINT)
    row_at (self, index)->problems |= duplicate;

  self->counts.total++;
  add_tally (self, tally_of (self, index), 1);
  g_signal_emit (self, signals[COUNTS_CHANGED], 0);

  /* A duplicate flags the earlier copy too, unless a third copy finds it
   * flagged already. */
  if (earlier != G_MAXUINT && !(row_at (self, earlier)->problems & duplicate))
    {
      AttestRow *other = row_at (self, earlier);
      guint old_tally = _attest_record_store_tally (other);

      other->problems |= duplicate;
      _attest_record_store_retally (self, old_tally, _attest_record_store_tally (other));
      _attest_record_store_record_changed (self, earlier);
    }

  g_signal_emit (self, signals[RECORD_APPENDED], 0, index);

  return index;
}

guint
attest_record_store_get_n_records (AttestRecordStore *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), 0);

  return self->rows->len;
}

/* Records @value as an edit of a contact field, which the record shows
 * instead of what was read. */
void
_attest_record_store_set_edit (AttestRecordStore *self,
                               guint              index,
                               AttestRecordField  field,
                               const char        *value)
{
  g_hash_table_insert (self->edits, edit_key (index, field), g_strdup (value));
  row_at (self, index)->flags |= ATTEST_ROW_EDITED;
}

gboolean
attest_record_store_get_dirty (AttestRecordStore *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), FALSE);

  return self->dirty;
}

/* Set FALSE once the records are saved. */
void
attest_record_store_set_dirty (AttestRecordStore *self,
                               gboolean           dirty)
{
  g_return_if_fail (ATTEST_IS_RECORD_STORE (self));

  dirty = !!dirty;
  if (self->dirty == dirty)
    return;

  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

void
attest_record_store_get_counts (AttestRecordStore  *self,
                                AttestRecordCounts *counts)
{
  g_return_if_fail (ATTEST_IS_RECORD_STORE (self));
  g_return_if_fail (counts != NULL);

  *counts = self->counts;
}
