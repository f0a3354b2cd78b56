/* attest-csv-writer.c: writing records as CSV, byte for byte as Microsoft's
 * tool does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-csv-writer"

#include "config.h"

#include <string.h>

#include "attest-bytes.h"
#include "attest-csv-scanner.h"
#include "attest-csv-writer.h"

#define FLUSH_SIZE (256 * 1024)
/* Records written between two checks of the size to flush */
#define FLUSH_RECORDS 256

static const char * const result_columns[] = {
  "Status", "Message", "RequestId", "CorrelationId", "SubmittedAt",
};

#define ACCOUNT_LINK_PREFIX "https://partner.microsoft.com/dashboard/v2/customers/"
#define ACCOUNT_LINK_SUFFIX "/account"

struct _AttestCsvWriter
{
  AttestRecordStore *store;
  AttestCsvFormat    format;
  GString           *out;
  GString           *scratch;      /* fields the store decodes */
  GString           *link;         /* the account link, built from the tenant ID */
  guint              n_columns;    /* of the file, or of the compatible format */
  guint              n_extra;
  gboolean          *skip_extra;   /* per extra column */
  guint              next;         /* the next record to write */
  guint              n_records;
};

/* A results file read back has these already: its own results replace
 * them rather than being written twice. */
static gboolean
skip_extra_column (AttestRecordStore *store,
                   AttestCsvFormat    format,
                   guint              column)
{
  const char *name = attest_record_store_get_extra_column (store, column);

  if (format != ATTEST_CSV_FORMAT_RESULTS)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (result_columns); i++)
    {
      if (g_ascii_strcasecmp (name, result_columns[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
append_header (AttestCsvWriter *self)
{
  guint n_extra = attest_record_store_get_n_extra_columns (self->store);
  GString *out = self->out;

  for (guint f = 0; f < ATTEST_N_RECORD_FIELDS; f++)
    {
      const char *name = attest_record_field_get_column (f);

      if (f > 0)
        g_string_append_c (out, ',');
      attest_csv_append_cell (out, name, strlen (name));
    }
  for (guint c = 0; c < n_extra; c++)
    {
      const char *name = attest_record_store_get_extra_column (self->store, c);

      if (self->skip_extra[c])
        continue;
      g_string_append_c (out, ',');
      attest_csv_append_cell (out, name, strlen (name));
    }
  if (self->format == ATTEST_CSV_FORMAT_RESULTS)
    {
      for (guint i = 0; i < G_N_ELEMENTS (result_columns); i++)
        {
          g_string_append_c (out, ',');
          g_string_append (out, result_columns[i]);
        }
    }
  g_string_append (out, "\r\n");
}

static void
append_optional (GString    *out,
                 const char *value)
{
  g_string_append_c (out, ',');
  if (value != NULL)
    attest_csv_append_cell (out, value, strlen (value));
}

static void
append_outcome (GString           *out,
                AttestRecordStore *store,
                guint              index)
{
  AttestRecordStatus status = attest_record_store_get_status (store, index);
  gint64 submitted_at = attest_record_store_get_submitted_at (store, index);
  g_autofree char *when = NULL;

  if (submitted_at != 0)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (submitted_at);

      if (time != NULL)
        when = g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
    }

  append_optional (out, attest_record_status_to_string (status));
  append_optional (out, attest_record_store_get_message (store, index));
  append_optional (out, attest_record_store_get_request_id (store, index));
  append_optional (out, attest_record_store_get_correlation_id (store, index));
  append_optional (out, when);
}

/* The link as attest_record_store_dup_field() builds it, in reused space. The ID
 * ends at a NUL, as it does there. */
static void
build_account_link (GString    *link,
                    const char *id,
                    gsize       len)
{
  g_string_truncate (link, strlen (ACCOUNT_LINK_PREFIX));
  attest_bytes_append (link, id, strnlen (id, len));
  attest_bytes_append (link, ACCOUNT_LINK_SUFFIX, strlen (ACCOUNT_LINK_SUFFIX));
}

/* Appends a record: the eight columns, the extra ones, then in the
 * compatible format fields beyond the header (a row that had too many), so
 * that nothing read is lost. */
static void
append_record (AttestCsvWriter *self,
               guint            index)
{
  AttestRecordStore *store = self->store;
  AttestBoolean attested = attest_record_store_get_attested_value (store, index);
  guint n_extra = self->n_extra;
  guint n_columns = self->n_columns;
  GString *out = self->out;
  gboolean has_link = FALSE;
  guint n_fields;

  for (guint f = 0; f < ATTEST_N_RECORD_FIELDS; f++)
    {
      const char *value;
      gsize len = 0;

      if (f > 0)
        g_string_append_c (out, ',');

      if (f == ATTEST_RECORD_FIELD_PARTNER_ATTESTATION_COMPLETED &&
          attested != ATTEST_BOOLEAN_INVALID)
        {
          if (attested == ATTEST_BOOLEAN_TRUE)
            attest_bytes_append (out, "True", 4);
          else
            attest_bytes_append (out, "False", 5);
          continue;
        }
      if (f == ATTEST_RECORD_FIELD_CUSTOMER_ACCOUNT_LINK)
        {
          if (has_link)
            attest_csv_append_cell (out, self->link->str, self->link->len);
          continue;
        }

      value = attest_record_store_peek_field (store, index, f, self->scratch, &len);
      if (value == NULL)
        continue;
      attest_csv_append_cell (out, value, len);
      if (f == ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID)
        {
          has_link = len > 0;
          if (has_link)
            build_account_link (self->link, value, len);
        }
    }

  /* A record added from code has no value in the extra columns. */
  for (guint c = 0; c < n_extra; c++)
    {
      gsize len = 0;
      const char *value = NULL;

      if (self->skip_extra[c])
        continue;
      value = attest_record_store_peek_extra_value (store, index, c, self->scratch, &len);
      g_string_append_c (out, ',');
      if (value != NULL)
        attest_csv_append_cell (out, value, len);
    }

  /* Fields beyond the header; the results format is a report, whose
   * columns must line up. */
  n_fields = self->format == ATTEST_CSV_FORMAT_COMPATIBLE
             ? attest_record_store_get_n_fields (store, index) : n_columns;
  for (guint c = n_columns; c < n_fields; c++)
    {
      gsize len = 0;
      const char *value = attest_record_store_peek_column (store, index, c, self->scratch, &len);

      g_string_append_c (out, ',');
      if (value != NULL)
        attest_csv_append_cell (out, value, len);
    }

  if (self->format == ATTEST_CSV_FORMAT_RESULTS)
    append_outcome (out, store, index);
  attest_bytes_append (out, "\r\n", 2);
}

/* A writer starts with the header line written. */
AttestCsvWriter *
attest_csv_writer_new (AttestRecordStore *store,
                       AttestCsvFormat    format)
{
  AttestCsvWriter *self;
  guint n_extra;

  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (store), NULL);

  n_extra = attest_record_store_get_n_extra_columns (store);
  self = g_new0 (AttestCsvWriter, 1);
  self->store = g_object_ref (store);
  self->format = format;
  self->out = g_string_sized_new (FLUSH_SIZE + 4096);
  self->scratch = g_string_new (NULL);
  self->link = g_string_new (ACCOUNT_LINK_PREFIX);
  self->n_columns = attest_record_store_get_n_columns (store);
  self->n_extra = n_extra;
  self->skip_extra = g_new0 (gboolean, MAX (n_extra, 1));
  self->n_records = attest_record_store_get_n_records (store);
  for (guint c = 0; c < n_extra; c++)
    self->skip_extra[c] = skip_extra_column (store, format, c);

  append_header (self);

  return self;
}

/* Writes up to @n_records more records. Returns whether records remain. */
gboolean
attest_csv_writer_step (AttestCsvWriter *self,
                        guint            n_records)
{
  guint end;

  g_return_val_if_fail (self != NULL, FALSE);

  end = self->next + MIN (n_records, self->n_records - self->next);
  for (; self->next < end; self->next++)
    append_record (self, self->next);

  return self->next < self->n_records;
}

/* Returns the text written since the writer was made or this was last
 * called, so that it can go elsewhere while the writer goes on. */
GBytes *
attest_csv_writer_take_bytes (AttestCsvWriter *self)
{
  GBytes *bytes;
  gsize size;

  g_return_val_if_fail (self != NULL, NULL);

  /* Room for as much again as was taken. */
  size = self->out->len;
  bytes = g_string_free_to_bytes (g_steal_pointer (&self->out));
  self->out = g_string_sized_new (size);

  return bytes;
}

/* Writes whatever records remain and returns the text not yet taken,
 * freeing the writer. */
GBytes *
attest_csv_writer_finish_to_bytes (AttestCsvWriter *self)
{
  GBytes *bytes;

  g_return_val_if_fail (self != NULL, NULL);

  attest_csv_writer_step (self, G_MAXUINT);
  bytes = g_string_free_to_bytes (g_steal_pointer (&self->out));
  attest_csv_writer_free (self);

  return bytes;
}

void
attest_csv_writer_free (AttestCsvWriter *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->store);
  if (self->out != NULL)
    g_string_free (self->out, TRUE);
  g_string_free (self->scratch, TRUE);
  g_string_free (self->link, TRUE);
  g_free (self->skip_extra);
  g_free (self);
}

static gboolean
flush (GString       *out,
       GOutputStream *stream,
       GCancellable  *cancellable,
       GError       **error)
{
  if (out->len == 0)
    return TRUE;
  if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (out, 0);

  return TRUE;
}

gboolean
attest_csv_write_stream (AttestRecordStore  *store,
                         AttestCsvFormat     format,
                         GOutputStream      *stream,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_autoptr(AttestCsvWriter) writer = NULL;
  gboolean more;

  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  writer = attest_csv_writer_new (store, format);
  do
    {
      more = attest_csv_writer_step (writer, FLUSH_RECORDS);
      if (writer->out->len >= FLUSH_SIZE && !flush (writer->out, stream, cancellable, error))
        return FALSE;
    }
  while (more);

  return flush (writer->out, stream, cancellable, error);
}

GBytes *
attest_csv_write_bytes (AttestRecordStore *store,
                        AttestCsvFormat    format)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (store), NULL);

  return attest_csv_writer_finish_to_bytes (attest_csv_writer_new (store, format));
}

/* Writes the file by replacing it, so that a reader that mapped the old one
 * keeps its bytes. Clears the store's dirty flag for the compatible format. */
gboolean
attest_csv_save_file (AttestRecordStore  *store,
                      AttestCsvFormat     format,
                      GFile              *file,
                      GCancellable       *cancellable,
                      GError            **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;

  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, error);
  if (stream == NULL)
    return FALSE;

  if (!attest_csv_write_stream (store, format, G_OUTPUT_STREAM (stream), cancellable, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
    return FALSE;

  if (format == ATTEST_CSV_FORMAT_COMPATIBLE)
    attest_record_store_set_dirty (store, FALSE);

  return TRUE;
}
