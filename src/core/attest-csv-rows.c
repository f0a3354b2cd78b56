/* attest-csv-rows.c: CSV files that are not customer lists, as rows of
 * text cells
 *
 * The same text handling (BOM, UTF-16, invalid bytes), scanner and cell
 * writer as customer lists, for files small enough to hold as strings: a
 * links file has a row per customer that needs acceptance.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-csv-rows"

#include "config.h"

#include <string.h>

#include "attest-csv-rows.h"
#include "attest-csv-scanner.h"
#include "attest-csv-text.h"

static void
csv_row_free (AttestCsvRow *row)
{
  g_strfreev (row->cells);
  g_free (row);
}

void
attest_csv_rows_free (AttestCsvRows *rows)
{
  if (rows == NULL)
    return;

  g_strfreev (rows->header);
  g_ptr_array_unref (rows->rows);
  g_free (rows);
}

/* Whether the header cell @header names the column @name: as a customer
 * list's header is read, ignoring case and the spaces around it. */
gboolean
attest_csv_column_matches (const char *header,
                           const char *name)
{
  gsize len = strlen (header);

  while (len > 0 && header[len - 1] == ' ')
    len--;
  while (*header == ' ')
    {
      header++;
      len--;
    }

  return len == strlen (name) && g_ascii_strncasecmp (header, name, len) == 0;
}

/* The cells of the record at @pos, decoded. */
static GStrv
scan_cells (const AttestCsvText *text,
            char                 delimiter,
            gsize                pos,
            AttestCsvRecord     *record)
{
  g_autofree AttestCsvSpan *spans = NULL;
  g_autoptr(GString) scratch = g_string_new (NULL);
  GStrv cells;

  attest_csv_scan_record (text->data, text->len, delimiter, pos, NULL, 0, record);
  spans = g_new (AttestCsvSpan, record->n_fields);
  attest_csv_scan_record (text->data, text->len, delimiter, pos, spans, record->n_fields, record);

  cells = g_new0 (char *, record->n_fields + 1);
  for (guint c = 0; c < record->n_fields; c++)
    {
      gsize len;
      const char *value = attest_csv_span_value (text->data, &spans[c], scratch, &len);

      cells[c] = g_strndup (value, len);
    }

  return cells;
}

/* How many of @known_columns the header at @pos names, cut at @delimiter. */
static guint
count_known (const AttestCsvText *text,
             gsize                pos,
             char                 delimiter,
             const char * const  *known_columns)
{
  AttestCsvRecord record;
  g_auto(GStrv) cells = scan_cells (text, delimiter, pos, &record);
  guint known = 0;

  for (guint k = 0; known_columns != NULL && known_columns[k] != NULL; k++)
    {
      for (guint c = 0; cells[c] != NULL; c++)
        {
          if (attest_csv_column_matches (cells[c], known_columns[k]))
            {
              known++;
              break;
            }
        }
    }

  return known;
}

/* The delimiter that cuts the header into the most known column names,
 * comma on a tie; the most frequent when none does, as for a customer
 * list (SPEC §4.2). */
static char
choose_delimiter (const AttestCsvText *text,
                  gsize                pos,
                  const char * const  *known_columns)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint best_known = 0;
  char best = 0;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      guint n_known = count_known (text, pos, candidates[i], known_columns);

      if (n_known > best_known)
        {
          best = candidates[i];
          best_known = n_known;
        }
    }

  return best != 0 ? best : attest_csv_sniff_delimiter (text->data + pos, text->len - pos);
}

/* Reads @bytes as a header line and rows. @known_columns (NULL-terminated)
 * choose the delimiter. Never fails: an empty file has no header and no
 * rows, and each row says what was wrong with it. */
AttestCsvRows *
attest_csv_rows_parse (GBytes             *bytes,
                       const char * const *known_columns)
{
  g_autoptr(AttestCsvText) text = attest_csv_text_new (bytes);
  AttestCsvRows *rows = g_new0 (AttestCsvRows, 1);
  AttestCsvRecord record;
  gsize pos = 0;
  guint line = 1;

  rows->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) csv_row_free);
  if (text->unchecked && attest_csv_text_check_utf8 (text, 0, text->len) != text->len)
    attest_csv_text_sanitize (text);

  /* Blank lines before the header are skipped, as for a customer list. */
  while (pos < text->len)
    {
      attest_csv_scan_record (text->data, text->len, ',', pos, NULL, 0, &record);
      if (!attest_csv_record_is_blank (&record))
        break;
      line += record.n_lines;
      pos = record.next;
    }

  if (pos >= text->len)
    {
      rows->header = g_new0 (char *, 1);
      rows->delimiter = ',';
      return rows;
    }

  rows->delimiter = choose_delimiter (text, pos, known_columns);
  rows->header = scan_cells (text, rows->delimiter, pos, &record);
  rows->n_columns = record.n_fields;
  line += record.n_lines;
  pos = record.next;

  while (pos < text->len)
    {
      AttestCsvRow *row;
      GStrv cells = scan_cells (text, rows->delimiter, pos, &record);

      if (attest_csv_record_is_blank (&record))
        {
          g_strfreev (cells);
          line += record.n_lines;
          pos = record.next;
          continue;
        }

      row = g_new0 (AttestCsvRow, 1);
      row->line = line;
      row->cells = cells;
      row->n_cells = record.n_fields;
      row->unclosed = record.unclosed;
      row->invalid_bytes = attest_csv_text_has_replacement (text, record.start, record.end);
      g_ptr_array_add (rows->rows, row);

      line += record.n_lines;
      pos = record.next;
    }

  return rows;
}

/* The first column whose header names @name, or -1. */
int
attest_csv_rows_find_column (const AttestCsvRows *rows,
                             const char          *name)
{
  g_return_val_if_fail (rows != NULL && name != NULL, -1);

  for (guint c = 0; c < rows->n_columns; c++)
    {
      if (attest_csv_column_matches (rows->header[c], name))
        return c;
    }

  return -1;
}

/* Appends a row of @n_cells cells (a NULL cell is empty) and its CRLF, each
 * cell quoted and neutralized as Attest writes a customer list's. */
void
attest_csv_append_row (GString            *out,
                       const char * const *cells,
                       guint               n_cells)
{
  for (guint c = 0; c < n_cells; c++)
    {
      const char *cell = cells[c] != NULL ? cells[c] : "";

      if (c > 0)
        g_string_append_c (out, ',');
      attest_csv_append_cell (out, cell, strlen (cell));
    }
  g_string_append (out, "\r\n");
}
