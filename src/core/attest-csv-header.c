/* attest-csv-header.c: the header line of a CSV file: its delimiter, which
 * column is which field, and the problems of the file as a whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-csv-header"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-csv-header.h"
#include "attest-csv-rows.h"

static void
add_file_problem (GPtrArray  *problems,
                  const char *field,
                  char       *message)
{
  AttestRecordProblem *problem = g_new0 (AttestRecordProblem, 1);

  problem->field = g_strdup (field);
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

/* How many of the compatible format's columns the header at @pos names,
 * cut at @delimiter; each counts once however often it appears. */
static guint
count_known_columns (const AttestCsvText *text,
                     gsize                pos,
                     char                 delimiter)
{
  g_autofree AttestCsvSpan *spans = NULL;
  g_autoptr(GString) scratch = g_string_new (NULL);
  AttestCsvRecord record;
  guint known = 0;

  attest_csv_scan_record (text->data, text->len, delimiter, pos, NULL, 0, &record);
  spans = g_new (AttestCsvSpan, record.n_fields);
  attest_csv_scan_record (text->data, text->len, delimiter, pos, spans, record.n_fields, &record);
  for (guint c = 0; c < record.n_fields; c++)
    {
      gsize len;
      const char *value = attest_csv_span_value (text->data, &spans[c], scratch, &len);
      g_autofree char *name = g_strndup (value, len);

      for (guint f = 0; f < ATTEST_N_RECORD_FIELDS; f++)
        {
          if (attest_csv_column_matches (name, attest_record_field_get_column (f)))
            known |= 1u << f;
        }
    }

  return (guint) __builtin_popcount (known);
}

/* The delimiter that cuts the header into the most known column names,
 * comma on a tie, so that what Attest writes always reads back with comma;
 * when none does, the most frequent of the three (SPEC §4.2). Counting
 * alone would be fooled by a header with many `;` inside its names. */
static char
choose_delimiter (const AttestCsvText *text,
                  gsize                pos)
{
  static const char candidates[] = { ',', ';', '\t' };
  char best = 0;
  guint best_known = 0;

  if (pos >= text->len)
    return ',';

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      guint n_known = count_known_columns (text, pos, candidates[i]);

      if (n_known > best_known)
        {
          best = candidates[i];
          best_known = n_known;
        }
    }

  return best != 0 ? best : attest_csv_sniff_delimiter (text->data + pos, text->len - pos);
}

/* Reads the header line: the delimiter, the columns, the file's problems.
 * Returns where the records start and the line they start on. */
AttestCsvLayout *
attest_csv_read_header (const AttestCsvText *text,
                        GPtrArray           *problems,
                        gsize               *body,
                        guint32             *body_line,
                        gboolean            *invalid)
{
  static const AttestRecordField required[] = {
    ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID, ATTEST_RECORD_FIELD_FIRST_NAME,
    ATTEST_RECORD_FIELD_LAST_NAME, ATTEST_RECORD_FIELD_EMAIL,
    ATTEST_RECORD_FIELD_PARTNER_ATTESTATION_COMPLETED,
  };
  AttestCsvLayout *layout = g_new0 (AttestCsvLayout, 1);
  g_autofree AttestCsvSpan *spans = NULL;
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(GArray) extra = g_array_new (FALSE, FALSE, sizeof (guint));
  AttestCsvRecord record = { 0, };
  gsize pos = 0;
  guint32 line = 1;

  for (guint f = 0; f < ATTEST_N_RECORD_FIELDS; f++)
    layout->field_columns[f] = -1;
  for (guint f = 0; f < ATTEST_N_REQUEST_FIELDS; f++)
    layout->request_columns[f] = -1;

  while (pos < text->len)
    {
      attest_csv_scan_record (text->data, text->len, ',', pos, NULL, 0, &record);
      if (!attest_csv_record_is_blank (&record))
        break;
      line += record.n_lines;
      pos = record.next;
    }
  layout->delimiter = choose_delimiter (text, pos);
  if (pos < text->len)
    attest_csv_scan_record (text->data, text->len, layout->delimiter, pos, NULL, 0, &record);

  if (pos >= text->len)
    {
      layout->names = g_new0 (char *, 1);
      add_file_problem (problems, NULL,
                        g_strdup (_("The file is empty: it has no header line. Choose a CSV "
                                    "file written by Attest, by Microsoft’s tool or by a "
                                    "spreadsheet.")));
      *body = text->len;
      *body_line = line;
      return layout;
    }

  if (text->unchecked && attest_csv_text_check_utf8 (text, 0, record.next) == 0)
    {
      *invalid = TRUE;
      layout->names = g_new0 (char *, 1);
      return layout;
    }

  spans = g_new (AttestCsvSpan, record.n_fields);
  attest_csv_scan_record (text->data, text->len, layout->delimiter, pos, spans, record.n_fields,
                          &record);
  layout->n_columns = record.n_fields;
  layout->names = g_new0 (char *, record.n_fields + 1);
  if (record.unclosed)
    add_file_problem (problems, NULL,
                      g_strdup (_("A quote in the header line is never closed, so the whole file "
                                  "was read as the header. Add the missing quote.")));

  for (guint c = 0; c < record.n_fields; c++)
    {
      gsize len;
      const char *value = attest_csv_span_value (text->data, &spans[c], scratch, &len);
      gboolean known = FALSE;

      layout->names[c] = g_strndup (value, len);
      for (guint f = 0; f < ATTEST_N_RECORD_FIELDS && !known; f++)
        {
          if (!attest_csv_column_matches (layout->names[c], attest_record_field_get_column (f)))
            continue;
          if (layout->field_columns[f] >= 0)
            {
              add_file_problem (problems, attest_record_field_get_column (f),
                                g_strdup_printf (_("The column “%s” appears more than once in "
                                                   "the header line; only the first one is used."),
                                                 attest_record_field_get_column (f)));
              break;
            }
          layout->field_columns[f] = c;
          known = TRUE;
        }
      if (!known)
        {
          for (guint f = 0; f < ATTEST_N_REQUEST_FIELDS; f++)
            {
              if (layout->request_columns[f] < 0 &&
                  attest_csv_column_matches (layout->names[c], attest_request_field_get_column (f)))
                layout->request_columns[f] = c;
            }
          g_array_append_val (extra, c);
        }
    }

  /* A header of which nothing is known was not cut where the writer meant
   * it to be (another delimiter), or is not a customer list at all: one
   * message says so, not one per missing column. The same goes for a header
   * that an open quote ran into the rows. */
  if (extra->len == record.n_fields && !record.unclosed)
    add_file_problem (problems, NULL,
                      g_strdup (_("The header line names none of the columns of a customer "
                                  "list, such as CustomerTenantId and Email. Separate the "
                                  "columns with commas, semicolons or tabs, and keep the "
                                  "header line of Microsoft’s tool.")));

  for (guint i = 0; i < G_N_ELEMENTS (required) && extra->len < record.n_fields
                    && !record.unclosed; i++)
    {
      const char *column = attest_record_field_get_column (required[i]);

      if (layout->field_columns[required[i]] < 0)
        add_file_problem (problems, column,
                          g_strdup_printf (_("The required column “%s” is missing from the "
                                             "header line. Add it; the rows are read without "
                                             "it."),
                                           column));
    }

  layout->n_extra = extra->len;
  layout->extra_columns = (guint *) (gpointer) g_array_free (g_steal_pointer (&extra), FALSE);
  *body = record.next;
  *body_line = line + record.n_lines;

  return layout;
}
