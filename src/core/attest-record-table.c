/* attest-record-table.c: what reading a CSV file found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-table"

#include "config.h"

#include "attest-record-table.h"

G_DEFINE_BOXED_TYPE (AttestRecordTable, attest_record_table,
                     attest_record_table_ref, attest_record_table_unref)

/* Takes all it is given. */
AttestRecordTable *
attest_record_table_new (AttestCsvText   *text,
                         AttestCsvLayout *layout,
                         GArray          *rows,
                         GArray          *id_tags,
                         GPtrArray       *file_problems)
{
  AttestRecordTable *table = g_new0 (AttestRecordTable, 1);

  g_return_val_if_fail (rows->len == id_tags->len, NULL);

  g_atomic_ref_count_init (&table->ref_count);
  table->text = text;
  table->layout = layout;
  table->rows = rows;
  table->id_tags = id_tags;
  table->file_problems = file_problems;
  table->checked = TRUE;

  return table;
}

AttestRecordTable *
attest_record_table_ref (AttestRecordTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  g_atomic_ref_count_inc (&table->ref_count);

  return table;
}

void
attest_record_table_unref (AttestRecordTable *table)
{
  if (table == NULL || !g_atomic_ref_count_dec (&table->ref_count))
    return;

  g_clear_pointer (&table->text, attest_csv_text_free);
  g_clear_pointer (&table->layout, attest_csv_layout_free);
  g_clear_pointer (&table->rows, g_array_unref);
  g_clear_pointer (&table->id_tags, g_array_unref);
  g_clear_pointer (&table->file_problems, g_ptr_array_unref);
  g_free (table);
}

/* Finds the fields of a row of the table again. */
void
attest_record_table_scan (const AttestRecordTable *table,
                          const AttestRow         *row,
                          AttestCsvSpan           *spans,
                          guint                    max_spans,
                          AttestCsvRecord         *record)
{
  attest_csv_scan_record (table->text->data, row->offset + row->length, table->layout->delimiter,
                          row->offset, spans, max_spans, record);
}

/* The first of the fields @from to @n_spans - 1 whose bytes hold a U+FFFD
 * put in for a byte that was not UTF-8, or G_MAXUINT: the rule behind
 * ATTEST_PROBLEM_INVALID_BYTES, for the reader, the store and its list of
 * problems alike. */
guint
attest_csv_find_replaced_field (const AttestCsvText *text,
                                const AttestCsvSpan *spans,
                                guint                n_spans,
                                guint                from)
{
  if (text == NULL || text->replacements == NULL)
    return G_MAXUINT;

  for (guint c = from; c < n_spans; c++)
    {
      if (attest_csv_text_has_replacement (text, spans[c].start, spans[c].end))
        return c;
    }

  return G_MAXUINT;
}

/* The columns of the compatible format, as Attest writes it. */
AttestCsvLayout *
attest_csv_layout_new_standard (void)
{
  AttestCsvLayout *layout = g_new0 (AttestCsvLayout, 1);

  layout->delimiter = ',';
  layout->n_columns = ATTEST_N_RECORD_FIELDS;
  layout->names = g_new0 (char *, ATTEST_N_RECORD_FIELDS + 1);
  for (guint i = 0; i < ATTEST_N_RECORD_FIELDS; i++)
    {
      layout->names[i] = g_strdup (attest_record_field_get_column (i));
      layout->field_columns[i] = i;
    }
  for (guint f = 0; f < ATTEST_N_REQUEST_FIELDS; f++)
    layout->request_columns[f] = -1;

  return layout;
}

void
attest_csv_layout_free (AttestCsvLayout *layout)
{
  if (layout == NULL)
    return;

  g_strfreev (layout->names);
  g_free (layout->extra_columns);
  g_free (layout);
}
