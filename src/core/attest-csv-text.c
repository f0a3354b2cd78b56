/* attest-csv-text.c: from the bytes of a file to valid UTF-8 text
 *
 * The common case, a UTF-8 file with or without BOM and nothing wrong in it,
 * costs no copy: the text is the mapped file, which the reader checks just
 * ahead of what it parses. Only UTF-16 files and files with invalid
 * sequences are rewritten, the latter with a U+FFFD for each invalid byte,
 * whose place is remembered so that the reader can name the field it
 * landed in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-csv-text"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "attest-bytes.h"
#include "attest-csv-reader.h"
#include "attest-csv-text.h"

#define REPLACEMENT "\xef\xbf\xbd"

/* The length of the valid UTF-8 character at @p, or 0 when the bytes there
 * are not one. NUL counts as invalid: no field can hold it. */
static inline gsize
utf8_char_length (const guchar *p,
                  gsize         avail)
{
  guchar c = p[0];

  if (c == 0)
    return 0;
  if (c < 0x80)
    return 1;
  if (c < 0xc2)
    return 0;
  if (c < 0xe0)
    return (avail >= 2 && (p[1] & 0xc0) == 0x80) ? 2 : 0;
  if (c < 0xf0)
    {
      guchar lo = c == 0xe0 ? 0xa0 : 0x80;
      guchar hi = c == 0xed ? 0x9f : 0xbf;

      return (avail >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xc0) == 0x80) ? 3 : 0;
    }
  if (c < 0xf5)
    {
      guchar lo = c == 0xf0 ? 0x90 : 0x80;
      guchar hi = c == 0xf4 ? 0x8f : 0xbf;

      return (avail >= 4 && p[1] >= lo && p[1] <= hi && (p[2] & 0xc0) == 0x80 &&
              (p[3] & 0xc0) == 0x80) ? 4 : 0;
    }

  return 0;
}

/* The length of the longest valid prefix of @data. ASCII goes sixteen bytes
 * at a time; only the characters beyond it are decoded one by one. */
static gsize
utf8_valid_prefix (const guchar *data,
                   gsize         len)
{
  gsize i = 0;

  while (i < len)
    {
      gsize n;

      i += attest_bytes_span_ascii_no_nul ((const char *) data + i, len - i);
      if (i == len)
        break;
      n = utf8_char_length (data + i, len - i);
      if (n == 0)
        return i;
      i += n;
    }

  return len;
}

static void
add_replacement (GByteArray *out,
                 GArray     *replacements)
{
  gsize at = out->len;

  g_array_append_val (replacements, at);
  g_byte_array_append (out, (const guint8 *) REPLACEMENT, 3);
}

static void
sanitize_utf8 (AttestCsvText *text,
               const guchar  *data,
               gsize          len)
{
  GByteArray *out = g_byte_array_sized_new (len + len / 8 + 16);
  gsize i = 0;

  text->replacements = g_array_new (FALSE, FALSE, sizeof (gsize));
  while (i < len)
    {
      gsize valid = utf8_valid_prefix (data + i, len - i);

      g_byte_array_append (out, data + i, valid);
      i += valid;
      if (i < len)
        {
          add_replacement (out, text->replacements);
          i++;
        }
    }

  g_clear_pointer (&text->bytes, g_bytes_unref);
  text->len = out->len;
  text->bytes = g_byte_array_free_to_bytes (out);
  text->data = g_bytes_get_data (text->bytes, NULL);
}

static void
transcode_utf16 (AttestCsvText *text,
                 const guchar  *data,
                 gsize          len,
                 gboolean       big_endian)
{
  GByteArray *out = g_byte_array_sized_new (len + 16);
  gsize i = 0;

  text->replacements = g_array_new (FALSE, FALSE, sizeof (gsize));
  while (i + 1 < len)
    {
      gunichar unit = big_endian ? (data[i] << 8 | data[i + 1]) : (data[i + 1] << 8 | data[i]);
      char buffer[6];
      int n;

      i += 2;
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < len)
        {
          gunichar low = big_endian ? (data[i] << 8 | data[i + 1]) : (data[i + 1] << 8 | data[i]);

          if (low >= 0xdc00 && low <= 0xdfff)
            {
              unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
              i += 2;
            }
        }

      if (unit == 0 || (unit >= 0xd800 && unit <= 0xdfff))
        {
          add_replacement (out, text->replacements);
          continue;
        }

      n = g_unichar_to_utf8 (unit, buffer);
      g_byte_array_append (out, (const guint8 *) buffer, n);
    }
  if (i < len)
    add_replacement (out, text->replacements);

  g_clear_pointer (&text->bytes, g_bytes_unref);
  text->len = out->len;
  text->bytes = g_byte_array_free_to_bytes (out);
  text->data = g_bytes_get_data (text->bytes, NULL);
}

AttestCsvText *
attest_csv_text_new (GBytes *raw)
{
  AttestCsvText *text = g_new0 (AttestCsvText, 1);
  gsize len = 0;
  const guchar *data = g_bytes_get_data (raw, &len);

  text->bytes = g_bytes_ref (raw);
  text->encoding = ATTEST_CSV_ENCODING_UTF8;

  if (len >= 2 && data[0] == 0xff && data[1] == 0xfe)
    {
      text->encoding = ATTEST_CSV_ENCODING_UTF16LE;
      transcode_utf16 (text, data + 2, len - 2, FALSE);
      return text;
    }
  if (len >= 2 && data[0] == 0xfe && data[1] == 0xff)
    {
      text->encoding = ATTEST_CSV_ENCODING_UTF16BE;
      transcode_utf16 (text, data + 2, len - 2, TRUE);
      return text;
    }
  if (len >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf)
    {
      text->encoding = ATTEST_CSV_ENCODING_UTF8_BOM;
      data += 3;
      len -= 3;
    }

  text->data = (const char *) data;
  text->len = len;
  text->unchecked = TRUE;

  return text;
}

/* Checks that [start, end) of a text not yet validated is UTF-8, with end
 * moved forward to a character boundary; returns that end, or 0 when the
 * range is not valid. The reader calls this just ahead of what it parses,
 * so that the bytes are still in the cache when it gets there. */
gsize
attest_csv_text_check_utf8 (const AttestCsvText *text,
                            gsize                start,
                            gsize                end)
{
  const guchar *data = (const guchar *) text->data;

  end = MIN (end, text->len);
  while (end < text->len && (data[end] & 0xc0) == 0x80)
    end++;

  if (utf8_valid_prefix (data + start, end - start) != end - start)
    return 0;

  return end;
}

/* Rewrites a UTF-8 text with U+FFFD for each invalid byte, once the reader
 * found one. */
void
attest_csv_text_sanitize (AttestCsvText *text)
{
  if (!text->unchecked)
    return;

  text->unchecked = FALSE;
  sanitize_utf8 (text, (const guchar *) text->data, text->len);
}

void
attest_csv_text_free (AttestCsvText *text)
{
  if (text == NULL)
    return;

  g_clear_pointer (&text->bytes, g_bytes_unref);
  g_clear_pointer (&text->replacements, g_array_unref);
  g_free (text);
}

/* Whether a U+FFFD put in for an invalid sequence lies in [start, end). */
gboolean
attest_csv_text_has_replacement (const AttestCsvText *text,
                                 gsize                start,
                                 gsize                end)
{
  const gsize *at;
  guint lo = 0;
  guint hi;

  if (text->replacements == NULL || start >= end)
    return FALSE;

  at = (const gsize *) (gpointer) text->replacements->data;
  hi = text->replacements->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (at[mid] < start)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo < text->replacements->len && at[lo] < end;
}

typedef struct
{
  void  *address;
  gsize  length;
} Mapping;

static void
mapping_free (gpointer data)
{
  Mapping *mapping = data;

  munmap (mapping->address, mapping->length);
  g_free (mapping);
}

/* The file's bytes: mapped when it is a regular local file (so a 200 MB file
 * costs no copy), read into memory otherwise. The mapping is private; files
 * are saved by replacing them, never by rewriting them in place. */
GBytes *
attest_csv_map_file (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) local_error = NULL;
  struct stat st;
  Mapping *mapping;
  char *contents = NULL;
  gsize length = 0;
  int fd;

  if (path != NULL && (fd = g_open (path, O_RDONLY | O_CLOEXEC, 0)) >= 0)
    {
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > 0)
        {
          /* Not MAP_POPULATE: the reading threads fault their own halves
           * in, in parallel. */
          void *address = mmap (NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);

          if (address != MAP_FAILED)
            {
              close (fd);
              madvise (address, st.st_size, MADV_SEQUENTIAL);
              mapping = g_new (Mapping, 1);
              mapping->address = address;
              mapping->length = st.st_size;
              return g_bytes_new_with_free_func (address, st.st_size, mapping_free, mapping);
            }
        }
      close (fd);
    }

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      g_set_error (error, ATTEST_CSV_ERROR, ATTEST_CSV_ERROR_READ,
                   _("Could not read “%s”: %s. Check that the file exists and that you may "
                     "read it."),
                   name, local_error->message);
      return NULL;
    }

  return g_bytes_new_take (contents, length);
}
