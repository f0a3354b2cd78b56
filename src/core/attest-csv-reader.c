/* attest-csv-reader.c: reading customer records from CSV, tolerantly
 *
 * The file is mapped and checked for valid UTF-8 in one pass; the header
 * decides the delimiter and which column is which; then the records are
 * scanned, checked and kept as offsets in a table. A large file is cut in two at a
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

#include "attest-bytes.h"
#include "attest-csv-header.h"
#include "attest-csv-reader.h"
#include "attest-parallel.h"
#include "attest-record-check.h"
#include "attest-record-table.h"

/* Below this, one thread is quicker than starting a second. */
#define SPLIT_THRESHOLD (4 * 1024 * 1024)
#define ROWS_PER_CHECK  4096
/* How far ahead of the parser UTF-8 is checked: small enough to stay in
 * the cache until parsed. */
#define UTF8_WINDOW     (128 * 1024)

G_DEFINE_QUARK (attest-csv-error-quark, attest_csv_error)

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
  gboolean               check;     /* check each record, or only read its shape and mark */
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
      memcpy (rows + first_in_room, first->more_rows->data,
              first->more_rows->len * sizeof (AttestRow));
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

/* One string per field, for values the scanner must rebuild. */
typedef struct
{
  GString *values[ATTEST_N_RECORD_FIELDS];
  GString *request_values[ATTEST_N_REQUEST_FIELDS];
} Scratch;

static void
scratch_init (Scratch *scratch)
{
  for (guint i = 0; i < ATTEST_N_RECORD_FIELDS; i++)
    scratch->values[i] = g_string_new (NULL);
  for (guint i = 0; i < ATTEST_N_REQUEST_FIELDS; i++)
    scratch->request_values[i] = g_string_new (NULL);
}

static void
scratch_clear (Scratch *scratch)
{
  for (guint i = 0; i < ATTEST_N_RECORD_FIELDS; i++)
    g_string_free (g_steal_pointer (&scratch->values[i]), TRUE);
  for (guint i = 0; i < ATTEST_N_REQUEST_FIELDS; i++)
    g_string_free (g_steal_pointer (&scratch->request_values[i]), TRUE);
}

/* What reading alone finds wrong with a record: its shape. */
static guint32
shape_problems (const AttestCsvLayout *layout,
                const AttestCsvRecord *record)
{
  guint32 problems = 0;

  if (record->n_fields < layout->n_columns)
    problems |= ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TOO_FEW_FIELDS);
  else if (record->n_fields > layout->n_columns)
    problems |= ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TOO_MANY_FIELDS);
  if (record->unclosed)
    problems |= ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_UNCLOSED_QUOTE);

  return problems;
}

/* Checks one scanned record: its shape, its fields, its bytes. */
static void
check_row (const AttestCsvText   *text,
           const AttestCsvLayout *layout,
           const AttestCsvRecord *record,
           const AttestCsvSpan   *spans,
           Scratch               *scratch,
           AttestRow             *row,
           guint32               *id_tag)
{
  AttestRecordValues values = { { NULL, }, { 0, }, ATTEST_BOOLEAN_FALSE, 0, FALSE, { NULL, },
                                { 0, } };
  const char *attested;
  gsize attested_len;

  values.shape_problems = shape_problems (layout, record);

  /* Only the fields the check reads: the date and the link are not
   * checked. */
  for (guint f = 0; f <= ATTEST_RECORD_FIELD_PARTNER_ATTESTATION_COMPLETED; f++)
    {
      int column = layout->field_columns[f];

      if (f != ATTEST_RECORD_FIELD_LAST_AGREEMENT_DATE && column >= 0 &&
          (guint) column < record->n_fields)
        values.values[f] = attest_csv_span_value (text->data, &spans[column],
                                                  scratch->values[f], &values.lengths[f]);
    }

  /* Most files have none of the optional columns of a request. */
  for (guint f = 0; f < ATTEST_N_REQUEST_FIELDS; f++)
    {
      int column = layout->request_columns[f];

      if (column >= 0 && (guint) column < record->n_fields)
        values.request_values[f] = attest_csv_span_value (text->data, &spans[column],
                                                          scratch->request_values[f],
                                                          &values.request_lengths[f]);
    }

  attested = values.values[ATTEST_RECORD_FIELD_PARTNER_ATTESTATION_COMPLETED];
  attested_len = values.lengths[ATTEST_RECORD_FIELD_PARTNER_ATTESTATION_COMPLETED];
  values.attested = attest_boolean_parse (attested != NULL ? attested : "", attested_len);
  values.invalid_bytes =
    text->replacements != NULL &&
    attest_csv_find_replaced_field (text, spans, MIN (record->n_fields, layout->n_columns + 1),
                                    0) != G_MAXUINT;

  row->problems = attest_record_check (&values, id_tag);
  row->attested = values.attested;
  row->flags = 0;
}

/* What a record shows before it is checked: its shape and its mark. */
static void
mark_row (const AttestCsvText   *text,
          const AttestCsvLayout *layout,
          const AttestCsvRecord *record,
          const AttestCsvSpan   *spans,
          Scratch               *scratch,
          AttestRow             *row,
          guint32               *id_tag)
{
  AttestRecordField field = ATTEST_RECORD_FIELD_PARTNER_ATTESTATION_COMPLETED;
  int column = layout->field_columns[field];
  const char *attested = NULL;
  gsize attested_len = 0;

  if (column >= 0 && (guint) column < record->n_fields)
    attested = attest_csv_span_value (text->data, &spans[column], scratch->values[field],
                                      &attested_len);
  row->problems = shape_problems (layout, record);
  row->attested = attest_boolean_parse (attested != NULL ? attested : "", attested_len);
  row->flags = 0;
  *id_tag = 0;
}

/* Checking the records of a table read unchecked, a record at a time; a
 * checker is used on one thread. */
struct _AttestCsvChecker
{
  const AttestRecordTable *table;
  AttestCsvSpan           *spans;
  guint                    max_spans;
  Scratch                  scratch;
};

AttestCsvChecker *
attest_csv_checker_new (const AttestRecordTable *table)
{
  AttestCsvChecker *self = g_new0 (AttestCsvChecker, 1);

  self->table = table;
  self->max_spans = table->layout->n_columns + 1;
  self->spans = g_new (AttestCsvSpan, self->max_spans);
  scratch_init (&self->scratch);

  return self;
}

void
attest_csv_checker_free (AttestCsvChecker *self)
{
  scratch_clear (&self->scratch);
  g_free (self->spans);
  g_free (self);
}

/* The problems of @row, as reading it checked would have found them, and
 * the tag of its customer ID. */
guint32
attest_csv_checker_check (AttestCsvChecker *self,
                          const AttestRow  *row,
                          guint32          *id_tag)
{
  AttestCsvRecord record;
  AttestRow checked;

  attest_record_table_scan (self->table, row, self->spans, self->max_spans, &record);
  check_row (self->table->text, self->table->layout, &record, self->spans, &self->scratch,
             &checked, id_tag);

  return checked.problems;
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
  Scratch scratch;
  gsize start = chunk->pos;
  guint until_check = ROWS_PER_CHECK;

  scratch_init (&scratch);
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
          if (chunk->check)
            check_row (chunk->text, chunk->layout, &record, spans, &scratch, &row, &id_tag);
          else
            mark_row (chunk->text, chunk->layout, &record, spans, &scratch, &row, &id_tag);
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
  scratch_clear (&scratch);
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

/* The part of the file each thread reads: the first reports progress,
 * counting what the second read too. */
typedef struct
{
  Chunk    *chunk;
  Chunk    *other;
  Progress *progress;
} Half;

static void
read_half (gpointer data)
{
  Half *half = data;

  if (half->progress != NULL)
    read_with_progress (half->chunk, half->other, half->progress);
  else
    chunk_read (half->chunk);
}

/* Reads the records of @text once its header is known. Returns FALSE when
 * a byte that is not UTF-8 turned up: the text must be sanitized and read
 * again. */
static gboolean
read_records (AttestCsvText          *text,
              const AttestCsvLayout  *layout,
              gsize                   body,
              guint32                 body_line,
              GCancellable           *cancellable,
              gboolean                check,
              Progress               *progress,
              Records                *records,
              GError                **error)
{
  Chunk first = { 0, };
  Chunk second = { 0, };
  Half halves[2] = { { &first, &second, progress }, { &second, NULL, NULL } };
  guint first_room, second_room = 0;
  gboolean two = FALSE;
  gsize split = text->len;

  if (attest_parallel_worth_it (text->len - body, SPLIT_THRESHOLD))
    {
      const char *newline = memchr (text->data + body + (text->len - body) / 2, '\n',
                                    text->len - body - (text->len - body) / 2);

      if (newline != NULL && (gsize) (newline + 1 - text->data) < text->len)
        split = newline + 1 - text->data;
    }

  first_room = estimate_records (text, body, split, body);
  if (split < text->len)
    second_room = estimate_records (text, split, text->len, body);
  records_init (records, first_room + second_room);
  chunk_init (&first, text, layout, cancellable, body, split, body_line, records, 0, first_room);
  first.check = second.check = check;
  if (split < text->len)
    {
      chunk_init (&second, text, layout, cancellable, split, text->len, 0, records, first_room,
                  second_room);
      two = TRUE;
    }
  else
    halves[0].other = NULL;

  attest_run_in_two_halves (read_half, &halves[0], two ? &halves[1] : NULL);

  if (two)
    {
      if (first.pos == split && !first.cancelled && !first.too_long && !first.invalid &&
          !second.invalid)
        {
          chunk_shift_lines (&second, first.line);
          records_join (records, &first, &second, first_room);
          first.n_rows += second.n_rows;
          first.room = first.n_rows;
          g_array_set_size (first.more_rows, 0);
          first.pos = second.pos;
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
          read_with_progress (&first, NULL, progress);
          records_join (records, &first, NULL, 0);
        }
      first.invalid |= second.invalid;
      chunk_clear (&second);
    }
  else
    records_join (records, &first, NULL, 0);

  if (first.invalid && !chunk_failed (&first, NULL))
    {
      chunk_clear (&first);
      records_clear (records);
      return FALSE;
    }

  if (chunk_failed (&first, error))
    records_clear (records);
  chunk_clear (&first);

  return TRUE;
}

/* Reads @text whole. A byte that is not UTF-8, found in the header or in
 * a record, restarts reading from a copy of the text with each such byte
 * replaced and remembered. */
static AttestRecordTable *
read_text (AttestCsvText          *text,
           gboolean                check,
           GCancellable           *cancellable,
           AttestCsvProgressFunc   progress_func,
           gpointer                progress_data,
           GError                **error)
{
  g_autoptr(AttestCsvText) owned_text = text;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(AttestCsvLayout) layout = NULL;
  Progress progress = { progress_func, progress_data, text->len, -1.0 };
  Records records = { NULL, NULL };
  gint64 started = g_get_monotonic_time ();
  AttestRecordTable *table;
  gboolean restart;

  do
    {
      gboolean invalid = FALSE;
      gsize body;
      guint32 body_line;

      g_clear_pointer (&layout, attest_csv_layout_free);
      g_clear_pointer (&problems, g_ptr_array_unref);
      problems = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_record_problem_free);
      layout = attest_csv_read_header (text, problems, &body, &body_line, &invalid);
      restart = invalid ||
                !read_records (text, layout, body, body_line, cancellable, check, &progress,
                               &records, error);
      if (restart)
        attest_csv_text_sanitize (text);
    }
  while (restart);

  if (records.rows == NULL)
    return NULL;

  report_progress (&progress, progress.total);
  g_debug ("Read %u records%s in %.3f s", records.rows->len, check ? "" : " unchecked",
           (g_get_monotonic_time () - started) / 1e6);

  table = attest_record_table_new (g_steal_pointer (&owned_text), g_steal_pointer (&layout),
                                   g_steal_pointer (&records.rows),
                                   g_steal_pointer (&records.id_tags),
                                   g_steal_pointer (&problems));
  table->checked = check;

  return table;
}

/* Reads records from bytes already in memory. Never fails: whatever is
 * wrong with the content is in the table's problems. */
AttestRecordTable *
attest_csv_read_table (GBytes *bytes)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  return read_text (attest_csv_text_new (bytes), TRUE, NULL, NULL, NULL, NULL);
}

/* Reads a file, on the calling thread (and one more for a large file).
 * Fails only when the file cannot be read, or on cancellation. Unless
 * @check, each record's shape and mark are read and the rest of its check
 * is left to a store (attest_record_store_check_async()). */
AttestRecordTable *
attest_csv_load_table (GFile                  *file,
                       gboolean                check,
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

  return read_text (attest_csv_text_new (bytes), check, cancellable, progress, progress_data,
                    error);
}
