/* attest-csv-scanner.c: finding the records and fields of CSV text, and
 * writing one field back
 *
 * RFC 4180 made tolerant. Outside quotes, CRLF, LF and CR each end a record.
 * A field that starts with a quote is quoted: inside, a doubled quote is a
 * quote and line ends are data; after the closing quote, any text up to the
 * delimiter belongs to the field, and a further quote opens quotes again.
 * A quote in the middle of an unquoted field is just a character.
 *
 * This is the hot loop of a million-row import: unquoted fields, nearly all
 * of them, are found sixteen bytes at a time and never copied.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-csv-scanner"

#include "config.h"

#include <string.h>

#include "attest-bytes.h"
#include "attest-csv-scanner.h"
#include "attest-validation.h"

/* Picks the delimiter from the first line: the most frequent of `,` `;` and
 * tab outside quotes; comma when there is none, and on a tie. */
char
attest_csv_sniff_delimiter (const char *data,
                            gsize       len)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0, };
  gboolean quoted = FALSE;
  gsize i = 0;
  char best = ',';
  guint best_count = 0;

  /* Skip blank lines before the header. */
  while (i < len && (data[i] == '\r' || data[i] == '\n'))
    i++;

  for (; i < len; i++)
    {
      char c = data[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\r' || c == '\n'))
        break;
      else if (!quoted)
        {
          for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
            counts[k] += c == candidates[k];
        }
    }

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    {
      if (counts[k] > best_count)
        {
          best = candidates[k];
          best_count = counts[k];
        }
    }

  return best;
}

/* Scans a quoted field from its opening quote; returns where the field ends
 * (at a delimiter, a line end outside quotes, or the end of the text). */
static const char *
scan_quoted_field (const char      *p,
                   const char      *end,
                   char             delimiter,
                   AttestCsvSpan   *span,
                   AttestCsvRecord *record)
{
  gboolean quoted = FALSE;
  guint n_segments = 0;

  while (p < end)
    {
      if (quoted)
        {
          const char *q = memchr (p, '"', end - p);
          const char *stop = q != NULL ? q : end;

          for (const char *c = p; c < stop; c++)
            {
              if (*c == '\n' || (*c == '\r' && (c + 1 == end || c[1] != '\n')))
                record->n_lines++;
            }

          if (q == NULL)
            {
              record->unclosed = TRUE;
              span->flags |= ATTEST_CSV_SPAN_DECODE;
              return end;
            }
          if (q + 1 < end && q[1] == '"')
            {
              span->flags |= ATTEST_CSV_SPAN_DECODE;
              p = q + 2;
              continue;
            }
          quoted = FALSE;
          p = q + 1;
        }
      else
        {
          if (*p == delimiter || *p == '\r' || *p == '\n')
            break;
          if (*p == '"')
            {
              quoted = TRUE;
              if (++n_segments > 1)
                span->flags |= ATTEST_CSV_SPAN_DECODE;
            }
          else
            span->flags |= ATTEST_CSV_SPAN_DECODE;
          p++;
        }
    }

  if (quoted)
    {
      /* The text ended right after an opening quote. */
      record->unclosed = TRUE;
      span->flags |= ATTEST_CSV_SPAN_DECODE;
    }

  return p;
}

/* The common record, without a quote: sixteen bytes at a time, with a mask
 * of the delimiters and line ends in them, whose bits end the fields one
 * after the other. Returns FALSE when the record holds a quote or comes
 * within sixteen bytes of the end of the text: the general scan then reads
 * it from its start, over any spans filled here. */
static inline gboolean
scan_unquoted_record (const char      *data,
                      gsize            len,
                      char             delimiter,
                      gsize            pos,
                      AttestCsvSpan   *spans,
                      guint            max_spans,
                      AttestCsvRecord *record)
{
  const AttestByteSet stops = attest_byte_set ((const char[]) { delimiter, '\r', '\n', '"' }, 4);
  const char *end = data + len;
  const char *p = data + pos;
  gsize field_start = pos;
  guint n_fields = 0;

  for (; end - p >= 16; p += 16)
    {
      guint mask = attest_bytes_mask16 (p, stops);

      for (; mask != 0; mask &= mask - 1)
        {
          const char *at = p + __builtin_ctz (mask);

          if (*at == '"')
            return FALSE;

          if (n_fields < max_spans)
            {
              spans[n_fields].start = field_start;
              spans[n_fields].end = at - data;
              spans[n_fields].flags = 0;
            }
          n_fields++;
          if (*at == delimiter)
            {
              field_start = at + 1 - data;
              continue;
            }

          record->start = pos;
          record->end = at - data;
          record->n_fields = n_fields;
          record->n_lines = 1;
          record->unclosed = FALSE;
          record->next = (at[0] == '\r' && at + 1 < end && at[1] == '\n' ? at + 2 : at + 1) - data;
          return TRUE;
        }
    }

  return FALSE;
}

/* Scans the record that starts at @pos (< @len). Fills at most @max_spans
 * spans; record->n_fields counts them all. */
void
attest_csv_scan_record (const char      *data,
                        gsize            len,
                        char             delimiter,
                        gsize            pos,
                        AttestCsvSpan   *spans,
                        guint            max_spans,
                        AttestCsvRecord *record)
{
  const AttestByteSet field_ends = attest_byte_set ((const char[]) { delimiter, '\r', '\n' }, 3);
  const char *p = data + pos;
  const char *end = data + len;

  if (delimiter != '"' && delimiter != '\r' && delimiter != '\n' &&
      scan_unquoted_record (data, len, delimiter, pos, spans, max_spans, record))
    return;

  memset (record, 0, sizeof *record);
  record->start = pos;

  for (;;)
    {
      AttestCsvSpan span = { p - data, 0, 0 };

      if (p < end && *p == '"')
        {
          span.flags = ATTEST_CSV_SPAN_QUOTED;
          p = scan_quoted_field (p, end, delimiter, &span, record);
        }
      else
        p = attest_bytes_find_any (p, end, field_ends);

      span.end = p - data;
      if (record->n_fields < max_spans)
        spans[record->n_fields] = span;
      record->n_fields++;

      if (p < end && *p == delimiter)
        {
          p++;
          continue;
        }
      break;
    }

  record->end = p - data;
  if (p < end)
    {
      if (*p == '\r' && p + 1 < end && p[1] == '\n')
        p += 2;
      else
        p++;
      record->n_lines++;
    }
  record->next = p - data;
}

/* A line with nothing on it, which the reader skips: empty, or only
 * delimiters, as spreadsheets write an empty row of a sheet. Each field
 * is then empty and unquoted, so the record holds nothing but the
 * delimiters between them. */
gboolean
attest_csv_record_is_blank (const AttestCsvRecord *record)
{
  return record->end - record->start == record->n_fields - 1;
}

/* attest_csv_span_value() for quoted fields. */
const char *
attest_csv_span_decode (const char          *data,
                        const AttestCsvSpan *span,
                        GString             *scratch,
                        gsize               *len)
{
  const char *value = data + span->start;
  gsize n = span->end - span->start;
  gsize prefix;

  if (span->flags & ATTEST_CSV_SPAN_DECODE)
    {
      gboolean quoted = FALSE;

      g_string_truncate (scratch, 0);
      for (gsize i = 0; i < n; i++)
        {
          char c = value[i];

          if (c != '"' || !(span->flags & ATTEST_CSV_SPAN_QUOTED))
            g_string_append_c (scratch, c);
          else if (quoted && i + 1 < n && value[i + 1] == '"')
            {
              g_string_append_c (scratch, '"');
              i++;
            }
          else
            quoted = !quoted;
        }
      value = scratch->str;
      n = scratch->len;
    }
  else if (span->flags & ATTEST_CSV_SPAN_QUOTED)
    {
      value++;
      n -= 2;
    }

  prefix = (n > 0 && value[0] == '\'') ? attest_cell_neutralized_prefix (value, n) : 0;
  *len = n - prefix;

  return value + prefix;
}

/* Whether @value holds `"`, `,`, CR or LF, as a run's copy asks of some
 * 800,000 cells. */
static inline gboolean
has_special_bytes (const char *value,
                   gsize       len)
{
  const AttestByteSet special = attest_byte_set ("\",\r\n", 4);

  return attest_bytes_find_any (value, value + len, special) != value + len;
}

/* Appends one cell: with a leading `'` when a spreadsheet would take it for
 * a formula, in quotes when it holds `"`, `,`, CR or LF or starts or ends
 * with a space (CsvHelper's rule, which Microsoft's tool uses). */
void
attest_csv_append_cell (GString    *out,
                        const char *value,
                        gsize       len)
{
  gboolean neutralize = len > 0 && attest_cell_needs_neutralizing (value, len);
  gboolean quote = len > 0 && (value[0] == ' ' || value[len - 1] == ' ');

  quote = quote || has_special_bytes (value, len);

  if (!quote)
    {
      if (neutralize)
        g_string_append_c (out, '\'');
      attest_bytes_append (out, value, len);
      return;
    }

  g_string_append_c (out, '"');
  if (neutralize)
    g_string_append_c (out, '\'');
  for (gsize i = 0; i < len; i++)
    {
      const char *quote_at = memchr (value + i, '"', len - i);
      gsize run = quote_at != NULL ? (gsize) (quote_at - value) - i + 1 : len - i;

      attest_bytes_append (out, value + i, run);
      if (quote_at != NULL)
        g_string_append_c (out, '"');
      i += run - 1;
    }
  g_string_append_c (out, '"');
}
