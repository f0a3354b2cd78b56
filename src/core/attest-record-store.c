/* attest-record-store.c: up to a million customer records without an object
 * per record
 *
 * A record is an AttestRow of 24 bytes: where its text is, its line, its
 * problems, its status. Its fields are found again in the text when asked
 * for (a record is a couple of hundred bytes: scanning it is cheaper than
 * keeping it), edited contact fields come from a small table, and outcomes
 * from an array that exists once the first outcome is set. Tenant IDs are
 * kept as 128-bit numbers in an open-addressing table for the duplicate
 * check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <sys/mman.h>

#include "attest-csv-writer.h"
#include "attest-record-store-private.h"

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
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (AttestRecordStore, attest_record_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      attest_record_store_list_model_init))

void
attest_record_problem_free (AttestRecordProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

void
attest_record_store_reclassify (AttestRecordStore *self,
            guint              old_class,
            guint              new_class)
{
  if (old_class == new_class)
    return;

  attest_record_counts_add (&self->counts, old_class, -1);
  attest_record_counts_add (&self->counts, new_class, 1);
  g_signal_emit (self, signals[COUNTS_CHANGED], 0);
}

void
attest_record_store_counts_changed (AttestRecordStore *self)
{
  g_signal_emit (self, signals[COUNTS_CHANGED], 0);
}


void
attest_record_store_record_changed (AttestRecordStore *self,
                guint              index)
{
  AttestRecord *item = g_hash_table_lookup (self->live, GUINT_TO_POINTER (index));

  g_signal_emit (self, signals[RECORD_CHANGED], 0, index);
  if (item != NULL)
    attest_record_emit_changed (item);
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
  return (row->flags & ROW_IN_ARENA) ? self->arena_layout : self->layout;
}

static const char *
row_data (AttestRecordStore *self,
          const AttestRow   *row)
{
  return (row->flags & ROW_IN_ARENA) ? self->arena->str : self->text->data;
}

/* Finds the fields of a record again; they stay in self->spans until the
 * next record is scanned. */
static void
scan_row (AttestRecordStore *self,
          guint              index)
{
  const AttestRow *row = attest_record_store_row_at (self, index);
  const AttestCsvLayout *layout = row_layout (self, row);

  if (self->scanned_index == index)
    return;

  ensure_spans (self, layout);
  attest_csv_scan_record (row_data (self, row), row->offset + row->length, layout->delimiter,
                          row->offset, self->spans, self->max_spans, &self->scanned);
  if (self->scanned.n_fields > self->max_spans)
    {
      /* A row with more fields than the header: keep them all. */
      self->max_spans = self->scanned.n_fields;
      self->spans = g_renew (AttestCsvSpan, self->spans, self->max_spans);
      attest_csv_scan_record (row_data (self, row), row->offset + row->length, layout->delimiter,
                              row->offset, self->spans, self->max_spans, &self->scanned);
    }
  self->scanned_index = index;
}

static inline gpointer
edit_key (guint             index,
          AttestRecordField field)
{
  return GSIZE_TO_POINTER ((gsize) index * ATTEST_N_RECORD_FIELDS + field);
}

static gboolean
field_is_editable (AttestRecordField field)
{
  return field >= ATTEST_RECORD_FIELD_FIRST_NAME && field <= ATTEST_RECORD_FIELD_PHONE_NUMBER;
}

static const char *
lookup_edit (AttestRecordStore *self,
             guint              index,
             AttestRecordField  field)
{
  if (!(attest_record_store_row_at (self, index)->flags & ROW_EDITED) || !field_is_editable (field))
    return NULL;

  return g_hash_table_lookup (self->edits, edit_key (index, field));
}

const char *
attest_record_store_peek_column (AttestRecordStore *self,
                                 guint              index,
                                 guint              column,
                                 GString           *scratch,
                                 gsize             *len)
{
  const AttestRow *row = attest_record_store_row_at (self, index);

  scan_row (self, index);
  if (column >= self->scanned.n_fields || column >= self->max_spans)
    return NULL;

  return attest_csv_span_value (row_data (self, row), &self->spans[column], scratch, len);
}

/* A field's value, edits included; NULL when the record has no such field
 * (the column is missing, or the record too short). Not NUL-terminated. */
const char *
attest_record_store_peek_field (AttestRecordStore *self,
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

  column = row_layout (self, attest_record_store_row_at (self, index))->field_columns[field];
  if (column < 0)
    return NULL;

  return attest_record_store_peek_column (self, index, column, scratch, len);
}

guint
attest_record_store_get_n_fields (AttestRecordStore *self,
                                  guint              index)
{
  scan_row (self, index);

  return self->scanned.n_fields;
}

const AttestRow *
attest_record_store_get_row (AttestRecordStore *self,
                             guint              index)
{
  return attest_record_store_row_at (self, index);
}

const AttestCsvLayout *
attest_record_store_get_layout (AttestRecordStore *self)
{
  return self->layout != NULL ? self->layout : self->arena_layout;
}

/* Checks a record again after an edit: what reading found about its shape
 * stays, the rest is computed from the current values. */
static void
revalidate (AttestRecordStore *self,
            guint              index)
{
  AttestRow *row = attest_record_store_row_at (self, index);
  const AttestCsvLayout *layout = row_layout (self, row);
  AttestRowScratch scratch;
  AttestContactFields contact = { 0, };
  AttestGuid guid;
  gboolean has_guid;
  guint32 problems = row->problems & ATTEST_STRUCTURAL_PROBLEMS;
  const char *values[5];
  gsize lengths[5];

  attest_row_scratch_init (&scratch);
  for (guint f = 0; f < 5; f++)
    {
      values[f] = attest_record_store_peek_field (self, index, f, scratch.values[f], &lengths[f]);
      if (values[f] == NULL)
        {
          values[f] = "";
          lengths[f] = 0;
        }
    }
  contact = (AttestContactFields) {
    values[0], lengths[0], values[1], lengths[1], values[2], lengths[2],
    values[3], lengths[3], values[4], lengths[4],
  };
  problems |= attest_validate_contact (&contact, &guid, &has_guid);
  attest_row_scratch_clear (&scratch);
  if (row->attested == ATTEST_BOOLEAN_INVALID)
    problems |= ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_ATTESTED_VALUE);

  if (!(row->flags & ROW_IN_ARENA) && self->text->replacements != NULL)
    {
      scan_row (self, index);
      for (guint c = 0; c < MIN (self->scanned.n_fields, self->max_spans); c++)
        {
          gboolean edited = FALSE;

          for (guint f = 0; f < ATTEST_N_RECORD_FIELDS; f++)
            edited |= layout->field_columns[f] == (int) c && lookup_edit (self, index, f) != NULL;
          if (!edited &&
              attest_csv_text_has_replacement (self->text, self->spans[c].start, self->spans[c].end))
            problems |= ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_INVALID_BYTES);
        }
    }

  row->problems = problems;
}

static void
attest_record_store_finalize (GObject *object)
{
  AttestRecordStore *self = (AttestRecordStore *) object;

  g_clear_pointer (&self->text, attest_csv_text_free);
  g_clear_pointer (&self->layout, attest_csv_layout_free);
  g_clear_pointer (&self->arena_layout, attest_csv_layout_free);
  g_string_free (g_steal_pointer (&self->arena), TRUE);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->id_tags, g_array_unref);
  g_clear_pointer (&self->guid_table, g_aligned_free);
  g_clear_pointer (&self->guid_counts, g_free);
  g_clear_pointer (&self->edits, g_hash_table_unref);
  g_clear_pointer (&self->outcomes, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->file_problems, g_ptr_array_unref);
  g_clear_pointer (&self->spans, g_free);
  if (self->field_scratch != NULL)
    g_string_free (g_steal_pointer (&self->field_scratch), TRUE);
  attest_record_store_view_clear (self);

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
}

static void
attest_record_store_init (AttestRecordStore *self)
{
  self->arena = g_string_new (NULL);
  self->arena_layout = attest_csv_layout_new_standard ();
  self->rows = g_array_new (FALSE, FALSE, sizeof (AttestRow));
  self->id_tags = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->edits = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->file_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_record_problem_free);
  self->scanned_index = G_MAXUINT;
  attest_record_store_view_init (self);
}

AttestRecordStore *
attest_record_store_new (void)
{
  return g_object_new (ATTEST_TYPE_RECORD_STORE, NULL);
}

/* Asks the kernel to back a large array with huge pages where it can: in a
 * fresh array of many megabytes, every 4 kB page would cost a page fault.
 * Only the whole pages inside [data, data + bytes) are advised. */
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

/* Takes what the reader found; called once, on a new store, from the
 * reader's thread before anything else can see the store. */
void
attest_record_store_take_import (AttestRecordStore *self,
                                 AttestCsvText     *text,
                                 AttestCsvLayout   *layout,
                                 GArray            *rows,
                                 GArray            *id_tags,
                                 GPtrArray         *file_problems)
{
  g_return_if_fail (self->text == NULL && self->rows->len == 0);

  self->text = text;
  self->layout = layout;
  g_array_unref (self->rows);
  self->rows = rows;
  g_array_unref (self->id_tags);
  self->id_tags = id_tags;
  g_ptr_array_unref (self->file_problems);
  self->file_problems = file_problems;

  attest_record_store_index_guids (self);

  self->counts.total = rows->len;
  for (guint i = 0; i < rows->len; i++)
    attest_record_counts_add (&self->counts, attest_row_class (attest_record_store_row_at (self, i)), 1);
}

/* Adds a record, as Partner Center's fetch returns it; returns its index. */
guint
attest_record_store_append (AttestRecordStore        *self,
                            const AttestRecordFields *fields)
{
  const char *values[ATTEST_N_RECORD_FIELDS] = {
    fields->customer_tenant_id, fields->first_name, fields->last_name, fields->email,
    fields->phone_number, NULL, fields->attested ? "True" : "False", "",
  };
  g_autofree char *date = attest_format_agreement_epoch (fields->last_agreement_epoch);
  AttestRowScratch scratch;
  AttestCsvRecord record;
  AttestRow row = { 0, };
  guint32 id_tag;
  guint index = self->rows->len;
  guint earlier = G_MAXUINT;
  guint32 duplicate = ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_DUPLICATE);

  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), G_MAXUINT);
  g_return_val_if_fail (fields != NULL, G_MAXUINT);

  values[ATTEST_RECORD_FIELD_LAST_AGREEMENT_DATE] = date;
  if (self->arena->len > 0)
    g_string_append_c (self->arena, '\n');
  row.offset = self->arena->len;
  for (guint f = 0; f < ATTEST_N_RECORD_FIELDS; f++)
    {
      const char *value = values[f] != NULL ? values[f] : "";
      g_autofree char *valid = g_utf8_make_valid (value, -1);

      if (f > 0)
        g_string_append_c (self->arena, ',');
      attest_csv_append_cell (self->arena, valid, strlen (valid));
    }
  row.length = self->arena->len - row.offset;

  ensure_spans (self, self->arena_layout);
  attest_csv_scan_record (self->arena->str, self->arena->len, ',', row.offset,
                          self->spans, self->max_spans, &record);
  self->scanned_index = G_MAXUINT;
  attest_row_scratch_init (&scratch);
  attest_row_check (NULL, self->arena->str, self->arena_layout, &record, self->spans,
                    &scratch, &row, &id_tag);
  attest_row_scratch_clear (&scratch);
  row.flags |= ROW_IN_ARENA;
  row.line = index + 2;

  g_array_append_val (self->rows, row);
  g_array_append_val (self->id_tags, id_tag);
  if (self->outcomes != NULL)
    g_array_set_size (self->outcomes, self->rows->len);
  if (row.flags & ROW_HAS_GUID)
    earlier = attest_record_store_add_guid (self, index);
  if (earlier != G_MAXUINT)
    attest_record_store_row_at (self, index)->problems |= duplicate;

  self->counts.total++;
  attest_record_counts_add (&self->counts, attest_row_class (attest_record_store_row_at (self, index)), 1);
  g_signal_emit (self, signals[COUNTS_CHANGED], 0);

  /* A duplicate flags the earlier copy too, unless a third copy finds it
   * flagged already. */
  if (earlier != G_MAXUINT && !(attest_record_store_row_at (self, earlier)->problems & duplicate))
    {
      AttestRow *other = attest_record_store_row_at (self, earlier);
      guint old_class = attest_row_class (other);

      other->problems |= duplicate;
      attest_record_store_reclassify (self, old_class, attest_row_class (other));
      attest_record_store_record_changed (self, earlier);
    }

  attest_record_store_view_appended (self, index);

  return index;
}

guint
attest_record_store_get_n_records (AttestRecordStore *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), 0);

  return self->rows->len;
}

/* The field's text, edits included; NULL when the record has no such column
 * or is too short to reach it. */
char *
attest_record_store_dup_field (AttestRecordStore *self,
                               guint              index,
                               AttestRecordField  field)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  const char *value;
  gsize len;

  CHECK_INDEX (self, index, NULL);
  g_return_val_if_fail (field < ATTEST_N_RECORD_FIELDS, NULL);

  if (field == ATTEST_RECORD_FIELD_CUSTOMER_ACCOUNT_LINK)
    {
      g_autofree char *id = attest_record_store_dup_field (self, index,
                                                           ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID);

      if (id == NULL || *id == '\0')
        return NULL;
      return attest_account_link (id, strlen (id));
    }

  value = attest_record_store_peek_field (self, index, field, scratch, &len);

  return value != NULL ? g_strndup (value, len) : NULL;
}

/* Appends a field's value, edits included, to @buffer, without a NUL:
 * many fields read into one buffer cost no allocation each. Returns FALSE,
 * appending nothing, when the record has no such field. */
gboolean
attest_record_store_append_field (AttestRecordStore *self,
                                  guint              index,
                                  AttestRecordField  field,
                                  GString           *buffer)
{
  const char *value;
  gsize len;

  CHECK_INDEX (self, index, FALSE);
  g_return_val_if_fail (field < ATTEST_N_RECORD_FIELDS, FALSE);
  g_return_val_if_fail (buffer != NULL, FALSE);

  if (field == ATTEST_RECORD_FIELD_CUSTOMER_ACCOUNT_LINK)
    {
      g_autofree char *link = attest_record_store_dup_field (self, index, field);

      if (link == NULL)
        return FALSE;
      g_string_append (buffer, link);
      return TRUE;
    }

  if (self->field_scratch == NULL)
    self->field_scratch = g_string_new (NULL);
  value = attest_record_store_peek_field (self, index, field, self->field_scratch, &len);
  if (value == NULL)
    return FALSE;
  g_string_append_len (buffer, value, len);

  return TRUE;
}

gboolean
attest_record_store_has_field (AttestRecordStore *self,
                               guint              index,
                               AttestRecordField  field)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  gsize len;

  CHECK_INDEX (self, index, FALSE);

  return attest_record_store_peek_field (self, index, field, scratch, &len) != NULL;
}

AttestBoolean
attest_record_store_get_attested_value (AttestRecordStore *self,
                                        guint              index)
{
  CHECK_INDEX (self, index, ATTEST_BOOLEAN_INVALID);

  return attest_record_store_row_at (self, index)->attested;
}

gboolean
attest_record_store_get_attested (AttestRecordStore *self,
                                  guint              index)
{
  CHECK_INDEX (self, index, FALSE);

  return attest_record_store_row_at (self, index)->attested == ATTEST_BOOLEAN_TRUE;
}

/* The line number of the record's first line in the file (SPEC §9). */
guint
attest_record_store_get_line (AttestRecordStore *self,
                              guint              index)
{
  CHECK_INDEX (self, index, 0);

  return attest_record_store_row_at (self, index)->line;
}

guint32
attest_record_store_get_problems (AttestRecordStore *self,
                                  guint              index)
{
  CHECK_INDEX (self, index, 0);

  return attest_record_store_row_at (self, index)->problems;
}

static AttestRecordProblem *
problem_new (const char *field,
             char       *message)
{
  AttestRecordProblem *problem = g_new0 (AttestRecordProblem, 1);

  problem->field = g_strdup (field);
  problem->message = message;

  return problem;
}

/* The record's problems, each with its column, in field order. */
GPtrArray *
attest_record_store_dup_problems (AttestRecordStore *self,
                                  guint              index)
{
  GPtrArray *problems;
  guint32 mask;

  CHECK_INDEX (self, index, NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_record_problem_free);
  mask = attest_record_store_row_at (self, index)->problems;
  for (AttestProblem p = 0; p < ATTEST_N_PROBLEMS; p++)
    {
      gboolean has_field;
      AttestRecordField field;

      if (!(mask & ATTEST_PROBLEM_BIT (p)))
        continue;

      if (p == ATTEST_PROBLEM_INVALID_BYTES)
        {
          const AttestRow *row = attest_record_store_row_at (self, index);
          const AttestCsvLayout *layout = row_layout (self, row);

          scan_row (self, index);
          for (guint c = 0; c < MIN (self->scanned.n_fields, self->max_spans); c++)
            {
              const char *name = c < layout->n_columns ? layout->names[c] : "";

              if (attest_csv_text_has_replacement (self->text, self->spans[c].start,
                                                   self->spans[c].end))
                g_ptr_array_add (problems, problem_new (name, attest_problem_dup_message (p, name)));
            }
          continue;
        }

      field = attest_problem_get_field (p, &has_field);
      g_ptr_array_add (problems,
                       problem_new (has_field ? attest_record_field_get_column (field) : NULL,
                                    g_strdup (attest_problem_get_message (p))));
    }

  return problems;
}

/* Marked as attested and valid: what a submission sends (SPEC §4.3). */
gboolean
attest_record_store_is_actionable (AttestRecordStore *self,
                                   guint              index)
{
  CHECK_INDEX (self, index, FALSE);

  return (attest_row_class (attest_record_store_row_at (self, index)) & CLASS_ACTIONABLE) != 0;
}

/* The first actionable record at or after @from in file order, or
 * G_MAXUINT. Loop with from = found + 1 to walk them all. */
guint
attest_record_store_find_next_actionable (AttestRecordStore *self,
                                          guint              from)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), G_MAXUINT);

  for (guint i = from; i < self->rows->len; i++)
    {
      const AttestRow *row = attest_record_store_row_at (self, i);

      if (row->attested == ATTEST_BOOLEAN_TRUE && row->problems == 0)
        return i;
    }

  return G_MAXUINT;
}

static void
edited (AttestRecordStore *self,
        guint              index,
        guint              old_class)
{
  revalidate (self, index);
  attest_record_store_reclassify (self, old_class, attest_row_class (attest_record_store_row_at (self, index)));
  attest_record_store_set_dirty (self, TRUE);
  attest_record_store_record_changed (self, index);
}

void
attest_record_store_set_field (AttestRecordStore *self,
                               guint              index,
                               AttestRecordField  field,
                               const char        *value)
{
  g_autofree char *current = NULL;
  AttestRow *row;

  g_return_if_fail (ATTEST_IS_RECORD_STORE (self));
  g_return_if_fail (index < self->rows->len);
  g_return_if_fail (field_is_editable (field));
  g_return_if_fail (value != NULL && g_utf8_validate (value, -1, NULL));

  current = attest_record_store_dup_field (self, index, field);
  if (g_strcmp0 (current, value) == 0)
    return;

  row = attest_record_store_row_at (self, index);
  g_hash_table_insert (self->edits, edit_key (index, field), g_strdup (value));
  row->flags |= ROW_EDITED;
  edited (self, index, attest_row_class (row));
}

void
attest_record_store_set_attested (AttestRecordStore *self,
                                  guint              index,
                                  gboolean           attested)
{
  AttestRow *row;
  AttestBoolean value = attested ? ATTEST_BOOLEAN_TRUE : ATTEST_BOOLEAN_FALSE;
  guint old_class;

  g_return_if_fail (ATTEST_IS_RECORD_STORE (self));
  g_return_if_fail (index < self->rows->len);

  row = attest_record_store_row_at (self, index);
  if (row->attested == value)
    return;

  old_class = attest_row_class (row);
  row->attested = value;
  edited (self, index, old_class);
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

void
attest_record_store_forget_item (AttestRecordStore *self,
                                 guint              index,
                                 AttestRecord      *item)
{
  if (g_hash_table_lookup (self->live, GUINT_TO_POINTER (index)) == item)
    g_hash_table_remove (self->live, GUINT_TO_POINTER (index));
}
