/* attest-csv-text.h: the bytes of a CSV file as valid UTF-8, with the places
 * where invalid byte sequences were replaced by U+FFFD (private to core)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  ATTEST_CSV_ENCODING_UTF8,
  ATTEST_CSV_ENCODING_UTF8_BOM,
  ATTEST_CSV_ENCODING_UTF16LE,
  ATTEST_CSV_ENCODING_UTF16BE,
} AttestCsvEncoding;

typedef struct
{
  GBytes            *bytes;
  const char        *data;
  gsize              len;
  AttestCsvEncoding  encoding;
  /* Sorted byte offsets (into data) of every U+FFFD put in for an invalid
   * sequence; NULL when the file had none. */
  GArray            *replacements;
  gboolean           unchecked;     /* UTF-8 not validated yet */
} AttestCsvText;

AttestCsvText *attest_csv_text_new                  (GBytes              *raw);
gsize          attest_csv_text_check_utf8           (const AttestCsvText *text,
                                                     gsize                start,
                                                     gsize                end);
void           attest_csv_text_sanitize             (AttestCsvText       *text);
void           attest_csv_text_free                 (AttestCsvText       *text);
gboolean       attest_csv_text_has_replacement      (const AttestCsvText *text,
                                                     gsize                start,
                                                     gsize                end);
GBytes        *attest_csv_map_file                  (GFile               *file,
                                                     GCancellable        *cancellable,
                                                     GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestCsvText, attest_csv_text_free)

G_END_DECLS
