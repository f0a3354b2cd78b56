/* attest-csv-scanner.h: finding the records and fields of CSV text
 * (private to core)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "attest-validation.h"

G_BEGIN_DECLS

/* One field, as raw bytes [start, end) of the text; a quoted field starts at
 * its opening quote. */
typedef struct
{
  gsize   start;
  gsize   end;
  guint32 flags;
} AttestCsvSpan;

enum
{
  ATTEST_CSV_SPAN_QUOTED = 1 << 0,
  /* Doubled quotes, text after the closing quote, or no closing quote:
   * the value must be rebuilt rather than sliced. */
  ATTEST_CSV_SPAN_DECODE = 1 << 1,
};

typedef struct
{
  gsize    start;
  gsize    end;       /* before the line end */
  gsize    next;      /* where the next record starts */
  guint    n_fields;  /* may exceed the spans given */
  guint    n_lines;   /* line breaks consumed, the final one included */
  gboolean unclosed;  /* a quote ran to the end of the text */
} AttestCsvRecord;

char        attest_csv_sniff_delimiter  (const char          *data,
                                         gsize                len);
void        attest_csv_scan_record      (const char          *data,
                                         gsize                len,
                                         char                 delimiter,
                                         gsize                pos,
                                         AttestCsvSpan       *spans,
                                         guint                max_spans,
                                         AttestCsvRecord     *record);
gboolean    attest_csv_record_is_blank  (const AttestCsvRecord *record);
const char *attest_csv_span_decode      (const char          *data,
                                         const AttestCsvSpan *span,
                                         GString             *scratch,
                                         gsize               *len);
void        attest_csv_append_cell      (GString             *out,
                                         const char          *value,
                                         gsize                len);

/* The value of a field: quotes removed, doubled quotes undone, and the `'`
 * that export put in front of a formula removed. Points into @data when it
 * can, into @scratch when it must be rebuilt; not NUL-terminated. Inline:
 * the reader calls it for every field of a million records. */
static inline const char *
attest_csv_span_value (const char          *data,
                       const AttestCsvSpan *span,
                       GString             *scratch,
                       gsize               *len)
{
  const char *value = data + span->start;
  gsize n = span->end - span->start;

  if (span->flags != 0)
    return attest_csv_span_decode (data, span, scratch, len);
  if (n > 0 && value[0] == '\'')
    {
      gsize prefix = attest_cell_neutralized_prefix (value, n);

      value += prefix;
      n -= prefix;
    }
  *len = n;

  return value;
}

G_END_DECLS
