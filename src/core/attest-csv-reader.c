/* attest-csv-reader.c: reading customer records from CSV, tolerantly
 *
 * The file is mapped and checked for valid UTF-8 in one pass; the header
 * decides the delimiter and which column is which; then the records are
 * scanned, checked and stored as offsets. A large file is cut in two at a
 * line end near its middle and the halves are read on two threads. The
 * second half's guess that the cut is a record boundary is confirmed when
 * the first half ends exactly there; when a quoted field spans the cut,
 * the guess is dropped and the first thread reads on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-csv-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-csv-reader.h"
#include "attest-record-store-private.h"

/* Below this, one thread is quicker than starting a second. */
#define SPLIT_THRESHOLD (4 * 1024 * 1024)
#define ROWS_PER_CHECK  4096
/* How far ahead of the parser UTF-8 is checked: small enough to stay in
 * the cache until parsed. */
#define UTF8_WINDOW     (128 * 1024)

G_DEFINE_QUARK (attest-csv-error-quark, attest_csv_error)

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

static gboolean
header_matches (const char *name,
                const char *column)
{
  gsize len = strlen (name);

  while (len > 0 && name[len - 1] == ' ')
    len--;
  while (*name == ' ')
    {
      name++;
      len--;
    }

  return len == strlen (column) && g_ascii_strncasecmp (name, column, len) == 0;
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
          if (header_matches (name, attest_record_field_get_column (f)))
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
static AttestCsvLayout *
read_header (const AttestCsvText *text,
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
                        g_strdup (_("The file is empty: it has no header line. Choose a CSV file "
                                    "written by Attest, by Microsoft’s tool or by a spreadsheet.")));
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
          if (!header_matches (layout->names[c], attest_record_field_get_column (f)))
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
        g_array_append_val (extra, c);
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
                          g_strdup_printf (_("The required column “%s” is missing from the header "
                                             "line. Add it; the rows are read without it."),
                                           column));
    }

  layout->n_extra = extra->len;
  layout->extra_columns = (guint *) (gpointer) g_array_free (g_steal_pointer (&extra), FALSE);
  *body = record.next;
  *body_line = line + record.n_lines;

  return layout;
}

typedef struct
{
  const AttestCsvText   *text;
  const AttestCsvLayout *layout;
  GCancellable          *cancellable;
  gsize                  stop;
  gsize                  pos;       /* where reading goes on */
  guint32                line;      /* the line number at pos */
  AttestRow             *rows;      /* room in the shared arrays, from the chunk's */
  guint32               *id_tags;   /* first record on */
  guint                  room;
  GArray                *more_rows; /* the records beyond that room */
  GArray                *more_id_tags;
  guint                  n_rows;    /* in the room, then in more_rows */
  gpointer               done;      /* bytes read (as a pointer, for atomic access) */
  gsize                  validated; /* UTF-8 checked up to here */
  gboolean               invalid;   /* found bytes that are not UTF-8 */
  gboolean               too_long;
  gboolean               cancelled;
} Chunk;

/* The records of both halves go into one pair of arrays, sized from an
 * estimate: the first half's from its start, the second half's from
 * where the first half's estimate ends, so that joining them moves the
 * second half down a little rather than copying it into fresh memory.
 * Records beyond a chunk's room go into arrays of its own. */
typedef struct
{
  GArray *rows;
  GArray *id_tags;
} Records;

static void
records_init (Records *records,
              guint    size)
{
  records->rows = g_array_sized_new (FALSE, FALSE, sizeof (AttestRow), size);
  records->id_tags = g_array_sized_new (FALSE, FALSE, sizeof (guint32), size);
  /* Pages never written cost nothing. */
  g_array_set_size (records->rows, size);
  g_array_set_size (records->id_tags, size);
  attest_advise_huge_pages (records->rows->data, (gsize) size * sizeof (AttestRow));
  attest_advise_huge_pages (records->id_tags->data, (gsize) size * sizeof (guint32));
}

static void
records_clear (Records *records)
{
  g_clear_pointer (&records->rows, g_array_unref);
  g_clear_pointer (&records->id_tags, g_array_unref);
}

/* About how many records [begin, end) holds, from the line ends in its
 * first 256 kB, with a margin: too many costs only address space. */
static guint
estimate_records (const AttestCsvText *text,
                  gsize                begin,
                  gsize                end,
                  gsize                sample_begin)
{
  gsize sample = MIN (text->len - sample_begin, 256 * 1024);
  guint64 n_lines = 1;
  guint64 estimate;

  if (sample > 0)
    {
      const char *p = text->data + sample_begin;
      const char *sample_end = p + sample;

      while ((p = memchr (p, '\n', sample_end - p)) != NULL)
        {
          n_lines++;
          p++;
        }
    }
  estimate = (guint64) (end - begin) * n_lines / MAX (sample, 1);

  return (guint) MIN (estimate + estimate / 8 + 4096, G_MAXUINT / 4);
}

static void
chunk_init (Chunk                 *chunk,
            const AttestCsvText   *text,
            const AttestCsvLayout *layout,
            GCancellable          *cancellable,
            gsize                  begin,
            gsize                  stop,
            guint32                line,
            Records               *records,
            guint                  first,
            guint                  room)
{
  chunk->text = text;
  chunk->layout = layout;
  chunk->cancellable = cancellable;
  chunk->pos = begin;
  chunk->stop = stop;
  chunk->validated = begin;
  chunk->line = line;
  chunk->rows = &g_array_index (records->rows, AttestRow, first);
  chunk->id_tags = &g_array_index (records->id_tags, guint32, first);
  chunk->room = room;
  chunk->more_rows = g_array_new (FALSE, FALSE, sizeof (AttestRow));
  chunk->more_id_tags = g_array_new (FALSE, FALSE, sizeof (guint32));
}

static void
chunk_clear (Chunk *chunk)
{
  g_clear_pointer (&chunk->more_rows, g_array_unref);
  g_clear_pointer (&chunk->more_id_tags, g_array_unref);
}

static inline void
chunk_add (Chunk           *chunk,
           const AttestRow *row,
           guint32          id_tag)
{
  if (G_LIKELY (chunk->n_rows < chunk->room))
    {
      chunk->rows[chunk->n_rows] = *row;
      chunk->id_tags[chunk->n_rows] = id_tag;
    }
  else
    {
      g_array_append_vals (chunk->more_rows, row, 1);
      g_array_append_val (chunk->more_id_tags, id_tag);
    }
  chunk->n_rows++;
}

/* Puts the records of @first and then, unless NULL, of @second (whose
 * room starts at @second_begin) one after the other at the start of the
 * shared arrays. */
static void
records_join (Records *records,
              Chunk   *first,
              Chunk   *second,
              guint    second_begin)
{
  guint first_in_room = MIN (first->n_rows, first->room);
  guint second_in_room = second != NULL ? MIN (second->n_rows, second->room) : 0;
  guint total = first->n_rows + (second != NULL ? second->n_rows : 0);
  guint size = MAX (total, second_begin + second_in_room);
  AttestRow *rows;
  guint32 *id_tags;

  if (records->rows->len < size)
    {
      g_array_set_size (records->rows, size);
      g_array_set_size (records->id_tags, size);
    }
  rows = (AttestRow *) (gpointer) records->rows->data;
  id_tags = (guint32 *) (gpointer) records->id_tags->data;

  /* The second chunk's records first, since the first chunk's extra ones
   * may go where they were. */
  if (second_in_room > 0 && first->n_rows != second_begin)
    {
      memmove (rows + first->n_rows, rows + second_begin, second_in_room * sizeof (AttestRow));
      memmove (id_tags + first->n_rows, id_tags + second_begin, second_in_room * sizeof (guint32));
    }
  if (first->more_rows->len > 0)
    {
      memcpy (rows + first_in_room, first->more_rows->data, first->more_rows->len * sizeof (AttestRow));
      memcpy (id_tags + first_in_room, first->more_id_tags->data,
              first->more_id_tags->len * sizeof (guint32));
    }
  if (second != NULL && second->more_rows->len > 0)
    {
      memcpy (rows + first->n_rows + second_in_room, second->more_rows->data,
              second->more_rows->len * sizeof (AttestRow));
      memcpy (id_tags + first->n_rows + second_in_room, second->more_id_tags->data,
              second->more_id_tags->len * sizeof (guint32));
    }

  g_array_set_size (records->rows, total);
  g_array_set_size (records->id_tags, total);
}

/* The second chunk counted its lines from 0. */
static void
chunk_shift_lines (Chunk   *chunk,
                   guint32  lines)
{
  AttestRow *more = (AttestRow *) (gpointer) chunk->more_rows->data;

  for (guint i = 0; i < MIN (chunk->n_rows, chunk->room); i++)
    chunk->rows[i].line += lines;
  for (guint i = 0; i < chunk->more_rows->len; i++)
    more[i].line += lines;
}

static gpointer
chunk_read (gpointer data)
{
  Chunk *chunk = data;
  const char *text = chunk->text->data;
  gsize len = chunk->text->len;
  guint max_spans = chunk->layout->n_columns + 1;
  g_autofree AttestCsvSpan *spans = g_new (AttestCsvSpan, max_spans);
  AttestRowScratch scratch;
  gsize start = chunk->pos;
  guint until_check = ROWS_PER_CHECK;

  attest_row_scratch_init (&scratch);
  while (chunk->pos < len && chunk->pos < chunk->stop)
    {
      AttestCsvRecord record;
      AttestRow row;
      guint32 id_tag;

      attest_csv_scan_record (text, len, chunk->layout->delimiter, chunk->pos, spans, max_spans,
                              &record);
      if (chunk->text->unchecked && record.next > chunk->validated)
        {
          chunk->validated = attest_csv_text_check_utf8 (chunk->text, chunk->validated,
                                                         MAX (record.next,
                                                              chunk->validated + UTF8_WINDOW));
          if (chunk->validated == 0)
            {
              chunk->invalid = TRUE;
              break;
            }
        }
      if (!attest_csv_record_is_blank (&record))
        {
          if (record.end - record.start > G_MAXUINT32)
            {
              chunk->too_long = TRUE;
              break;
            }
          row.offset = record.start;
          row.length = record.end - record.start;
          row.line = chunk->line;
          row.status = 0;
          attest_row_check (chunk->text, text, chunk->layout, &record, spans, &scratch, &row, &id_tag);
          chunk_add (chunk, &row, id_tag);
        }
      chunk->line += record.n_lines;
      chunk->pos = record.next;

      if (--until_check == 0)
        {
          until_check = ROWS_PER_CHECK;
          g_atomic_pointer_set (&chunk->done, GSIZE_TO_POINTER (chunk->pos - start));
          if (g_cancellable_is_cancelled (chunk->cancellable))
            {
              chunk->cancelled = TRUE;
              break;
            }
        }
    }
  attest_row_scratch_clear (&scratch);
  g_atomic_pointer_set (&chunk->done, GSIZE_TO_POINTER (chunk->pos - start));

  return NULL;
}

typedef struct
{
  AttestCsvProgressFunc  func;
  gpointer               data;
  gsize                  total;
  double                 reported;
} Progress;

static void
report_progress (Progress *progress,
                 gsize     done)
{
  double fraction = progress->total > 0 ? (double) done / progress->total : 1.0;

  if (progress->func == NULL || fraction < progress->reported + 0.01)
    return;

  progress->reported = fraction;
  progress->func (MIN (fraction, 1.0), progress->data);
}

/* Reads the first chunk on this thread, reporting progress as it goes. */
static void
read_with_progress (Chunk    *chunk,
                    Chunk    *other,
                    Progress *progress)
{
  gsize stop = chunk->stop;
  gsize step = 8 * 1024 * 1024;

  while (chunk->pos < stop && chunk->pos < chunk->text->len && !chunk->cancelled &&
         !chunk->too_long && !chunk->invalid)
    {
      gsize other_done = other != NULL ? GPOINTER_TO_SIZE (g_atomic_pointer_get (&other->done)) : 0;

      chunk->stop = MIN (stop, chunk->pos + step);
      chunk_read (chunk);
      report_progress (progress, chunk->pos + other_done);
    }
  chunk->stop = stop;
}

static gboolean
chunk_failed (Chunk   *chunk,
              GError **error)
{
  if (chunk->cancelled || g_cancellable_is_cancelled (chunk->cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Reading was cancelled."));
      return TRUE;
    }
  if (chunk->too_long)
    {
      g_set_error_literal (error, ATTEST_CSV_ERROR, ATTEST_CSV_ERROR_TOO_LARGE,
                           _("A record of this file is longer than 4 GB; it cannot be a list of "
                             "customers."));
      return TRUE;
    }

  return FALSE;
}

static AttestRecordStore *
read_text (AttestCsvText          *text,
           GCancellable           *cancellable,
           AttestCsvProgressFunc   progress_func,
           gpointer                progress_data,
           GError                **error)
{
  g_autoptr(AttestCsvText) owned_text = text;
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) attest_record_problem_free);
  g_autoptr(AttestCsvLayout) layout = NULL;
  g_autoptr(AttestRecordStore) store = NULL;
  Progress progress = { progress_func, progress_data, text->len, -1.0 };
  Chunk first = { 0, };
  Chunk second = { 0, };
  Records records = { NULL, NULL };
  guint first_room, second_room = 0;
  GThread *thread = NULL;
  gsize body;
  guint32 body_line;
  gsize split = text->len;

  gboolean invalid = FALSE;
  gint64 started = g_get_monotonic_time ();
  gint64 parsed;

  layout = read_header (text, problems, &body, &body_line, &invalid);
  if (invalid)
    {
      attest_csv_text_sanitize (text);
      return read_text (g_steal_pointer (&owned_text), cancellable, progress_func, progress_data,
                        error);
    }

  if (text->len - body > SPLIT_THRESHOLD && g_get_num_processors () > 1)
    {
      const char *newline = memchr (text->data + body + (text->len - body) / 2, '\n',
                                    text->len - body - (text->len - body) / 2);

      if (newline != NULL && (gsize) (newline + 1 - text->data) < text->len)
        split = newline + 1 - text->data;
    }

  first_room = estimate_records (text, body, split, body);
  if (split < text->len)
    second_room = estimate_records (text, split, text->len, body);
  records_init (&records, first_room + second_room);
  chunk_init (&first, text, layout, cancellable, body, split, body_line, &records, 0, first_room);
  if (split < text->len)
    {
      chunk_init (&second, text, layout, cancellable, split, text->len, 0, &records, first_room,
                  second_room);
      thread = g_thread_new ("attest-csv-reader", chunk_read, &second);
    }

  read_with_progress (&first, thread != NULL ? &second : NULL, &progress);

  if (thread != NULL)
    {
      g_thread_join (thread);
      if (first.pos == split && !first.cancelled && !first.too_long && !first.invalid &&
          !second.invalid)
        {
          chunk_shift_lines (&second, first.line);
          records_join (&records, &first, &second, first_room);
          first.n_rows += second.n_rows;
          first.room = first.n_rows;
          g_array_set_size (first.more_rows, 0);
          first.pos = second.pos;
          first.invalid |= second.invalid;
          first.cancelled |= second.cancelled;
          first.too_long |= second.too_long;
        }
      else if (!first.invalid && !second.invalid)
        {
          /* A quoted field spans the cut: the second half started in the
           * middle of it. Read on from where the first half stopped. */
          g_debug ("Record boundary guess at %" G_GSIZE_FORMAT " was wrong", split);
          if (first.n_rows <= first.room)
            first.room = first_room + second_room;
          first.stop = text->len;
          read_with_progress (&first, NULL, &progress);
          records_join (&records, &first, NULL, 0);
        }
      first.invalid |= second.invalid;
      chunk_clear (&second);
    }
  else
    records_join (&records, &first, NULL, 0);

  if (first.invalid && !chunk_failed (&first, NULL))
    {
      /* Bytes that are not UTF-8: read again, from a copy with each one
       * replaced and remembered. */
      chunk_clear (&first);
      records_clear (&records);
      attest_csv_text_sanitize (text);
      return read_text (g_steal_pointer (&owned_text), cancellable, progress_func, progress_data,
                        error);
    }

  if (chunk_failed (&first, error))
    {
      chunk_clear (&first);
      records_clear (&records);
      return NULL;
    }

  chunk_clear (&first);
  parsed = g_get_monotonic_time ();
  store = attest_record_store_new ();
  attest_record_store_take_import (store, g_steal_pointer (&owned_text), g_steal_pointer (&layout),
                                   g_steal_pointer (&records.rows), g_steal_pointer (&records.id_tags),
                                   g_steal_pointer (&problems));
  report_progress (&progress, progress.total);
  g_debug ("Read %u records: %.3f s parsing, %.3f s storing",
           attest_record_store_get_n_records (store), (parsed - started) / 1e6,
           (g_get_monotonic_time () - parsed) / 1e6);

  return g_steal_pointer (&store);
}

/* Reads records from bytes already in memory. Never fails: whatever is
 * wrong with the content is in the store's problems. */
AttestRecordStore *
attest_csv_read_bytes (GBytes *bytes)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  return read_text (attest_csv_text_new (bytes), NULL, NULL, NULL, NULL);
}

/* Reads a file, on the calling thread (and one helper thread for a large
 * file). Fails only when the file cannot be read, or on cancellation. */
AttestRecordStore *
attest_csv_load_file (GFile                  *file,
                      GCancellable           *cancellable,
                      AttestCsvProgressFunc   progress,
                      gpointer                progress_data,
                      GError                **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  bytes = attest_csv_map_file (file, cancellable, error);
  if (bytes == NULL)
    return NULL;

  return read_text (attest_csv_text_new (bytes), cancellable, progress, progress_data, error);
}

/* Progress crosses from the reading thread to the caller's main context;
 * the relay outlives the task until the last report has been delivered. */
typedef struct
{
  gatomicrefcount        ref_count;
  AttestCsvProgressFunc  func;
  gpointer               data;
  GDestroyNotify         data_free;
  GMainContext          *context;
} ProgressRelay;

typedef struct
{
  ProgressRelay *relay;
  double         fraction;
} ProgressReport;

static ProgressRelay *
progress_relay_ref (ProgressRelay *relay)
{
  g_atomic_ref_count_inc (&relay->ref_count);
  return relay;
}

static void
progress_relay_unref (ProgressRelay *relay)
{
  if (!g_atomic_ref_count_dec (&relay->ref_count))
    return;

  if (relay->data_free != NULL)
    relay->data_free (relay->data);
  g_main_context_unref (relay->context);
  g_free (relay);
}

static gboolean
deliver_progress (gpointer data)
{
  ProgressReport *report = data;

  report->relay->func (report->fraction, report->relay->data);

  return G_SOURCE_REMOVE;
}

static void
progress_report_free (gpointer data)
{
  ProgressReport *report = data;

  progress_relay_unref (report->relay);
  g_free (report);
}

static void
relay_progress (double   fraction,
                gpointer user_data)
{
  ProgressRelay *relay = user_data;
  ProgressReport *report = g_new (ProgressReport, 1);

  report->relay = progress_relay_ref (relay);
  report->fraction = fraction;
  g_main_context_invoke_full (relay->context, G_PRIORITY_DEFAULT, deliver_progress, report,
                              progress_report_free);
}

static void
load_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ProgressRelay *relay = task_data;
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  g_autoptr(GError) error = NULL;
  AttestRecordStore *store;

  store = attest_csv_load_file (file, cancellable, relay->func != NULL ? relay_progress : NULL,
                                relay, &error);
  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/* Reads a file on a worker thread; @progress is called on the thread-default
 * main context of the caller. */
void
attest_csv_load_file_async (GFile                 *file,
                            GCancellable          *cancellable,
                            AttestCsvProgressFunc  progress,
                            gpointer               progress_data,
                            GDestroyNotify         progress_data_free,
                            GAsyncReadyCallback    callback,
                            gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ProgressRelay *relay;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  relay = g_new0 (ProgressRelay, 1);
  g_atomic_ref_count_init (&relay->ref_count);
  relay->func = progress;
  relay->data = progress_data;
  relay->data_free = progress_data_free;
  relay->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_csv_load_file_async);
  g_task_set_task_data (task, relay, (GDestroyNotify) progress_relay_unref);
  g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_file_thread);
}

AttestRecordStore *
attest_csv_load_file_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attest_csv_load_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
