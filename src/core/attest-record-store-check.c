/* attest-record-store-check.c: checking a store's records, after reading
 * and after an edit
 *
 * A file opened in the window is read unchecked (attest_csv_load_file_async()):
 * each record's shape and mark only, so that its rows show as soon as they
 * are found. The store then checks the records on two threads. The threads
 * read the text and the rows and write only arrays of their own; what they
 * found goes into the rows on the main thread. Whatever would change a
 * record meanwhile first waits for the check (_attest_record_store_settle()),
 * so the rows the threads read stay as they were.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-store-check"

#include "config.h"

#include <gio/gio.h>

#include "attest-parallel.h"
#include "attest-record-check.h"
#include "attest-record-store-private.h"

/* Below this many records, one thread is quicker than starting a second. */
#define SPLIT_THRESHOLD 20000
#define ROWS_PER_CANCEL_CHECK 4096

/* One check of the records, shared by its task and the store. */
typedef struct
{
  gatomicrefcount    ref_count;
  AttestRecordTable *table;
  guint              n_rows;
  guint32           *problems;
  guint32           *id_tags;
  GMutex             lock;
  GCond              cond;
  gboolean           done;
  gboolean           cancelled;
} CheckRun;

/* Where a store keeps its check while it runs. */
static GQuark
check_run_quark (void)
{
  return g_quark_from_static_string ("attest-record-store-check-run");
}

static CheckRun *
check_run_new (AttestRecordStore *store)
{
  CheckRun *run = g_new0 (CheckRun, 1);
  const AttestRecordTable *table = _attest_record_store_get_table (store);

  g_atomic_ref_count_init (&run->ref_count);
  run->table = attest_record_table_ref ((AttestRecordTable *) table);
  run->n_rows = attest_record_store_get_n_records (store);
  run->problems = g_new (guint32, run->n_rows);
  run->id_tags = g_new (guint32, run->n_rows);
  g_mutex_init (&run->lock);
  g_cond_init (&run->cond);

  return run;
}

static CheckRun *
check_run_ref (CheckRun *run)
{
  g_atomic_ref_count_inc (&run->ref_count);
  return run;
}

static void
check_run_unref (CheckRun *run)
{
  if (!g_atomic_ref_count_dec (&run->ref_count))
    return;

  attest_record_table_unref (run->table);
  g_free (run->problems);
  g_free (run->id_tags);
  g_mutex_clear (&run->lock);
  g_cond_clear (&run->cond);
  g_free (run);
}

typedef struct
{
  CheckRun     *run;
  guint         begin;
  guint         end;
  GCancellable *cancellable;
  gboolean      cancelled;
} Half;

static void
check_half (gpointer data)
{
  Half *half = data;
  CheckRun *run = half->run;
  const AttestRow *rows = (const AttestRow *) (gpointer) run->table->rows->data;
  g_autoptr(AttestCsvChecker) checker = attest_csv_checker_new (run->table);

  for (guint i = half->begin; i < half->end; i++)
    {
      run->problems[i] = attest_csv_checker_check (checker, &rows[i], &run->id_tags[i]);
      if ((i - half->begin) % ROWS_PER_CANCEL_CHECK == 0 &&
          g_cancellable_is_cancelled (half->cancellable))
        {
          half->cancelled = TRUE;
          return;
        }
    }
}

/* Checks every record of @run, on this thread and, for many, one more. */
static void
check_run_check (CheckRun     *run,
                 GCancellable *cancellable)
{
  guint middle = run->n_rows / 2;
  Half halves[2] = { { run, 0, middle, cancellable, FALSE },
                     { run, middle, run->n_rows, cancellable, FALSE } };

  if (attest_parallel_worth_it (run->n_rows, SPLIT_THRESHOLD))
    attest_run_in_two_halves (check_half, &halves[0], &halves[1]);
  else
    {
      halves[0].end = run->n_rows;
      check_half (&halves[0]);
    }

  g_mutex_lock (&run->lock);
  run->cancelled = halves[0].cancelled || halves[1].cancelled;
  run->done = TRUE;
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  check_run_check (task_data, cancellable);
  g_task_return_boolean (task, TRUE);
}

/* Puts what @run found into the store, unless the store took another
 * check's findings meanwhile. */
static void
take (AttestRecordStore *self,
      CheckRun          *run)
{
  if (g_object_get_qdata (G_OBJECT (self), check_run_quark ()) == run)
    {
      g_debug ("Checked %u records", run->n_rows);
      _attest_record_store_checked (self, run->problems, run->id_tags);
      g_object_set_qdata (G_OBJECT (self), check_run_quark (), NULL);
    }
}

static void
on_checked (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  AttestRecordStore *self = ATTEST_RECORD_STORE (object);
  g_autoptr(GTask) task = user_data;
  CheckRun *run = g_task_get_task_data (G_TASK (result));

  if (run->cancelled)
    {
      if (g_object_get_qdata (G_OBJECT (self), check_run_quark ()) == run)
        g_object_set_qdata (G_OBJECT (self), check_run_quark (), NULL);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The check of the records was cancelled");
      return;
    }

  if (attest_record_store_get_checking (self))
    take (self, run);
  g_task_return_boolean (task, TRUE);
}

/* Checks the records of a store read unchecked, on two threads. When it
 * has, back on the caller's main context, the problems and the duplicates
 * are in the rows, the counts are right, and "checked" is emitted. A store
 * whose records are checked finishes at once. Cancelled, the records stay
 * unchecked until something needs them checked. */
void
attest_record_store_check_async (AttestRecordStore   *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GTask *thread_task;
  CheckRun *run;

  g_return_if_fail (ATTEST_IS_RECORD_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_record_store_check_async);
  if (!attest_record_store_get_checking (self) ||
      g_object_get_qdata (G_OBJECT (self), check_run_quark ()) != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  run = check_run_new (self);
  g_object_set_qdata_full (G_OBJECT (self), check_run_quark (), check_run_ref (run),
                           (GDestroyNotify) check_run_unref);
  thread_task = g_task_new (self, cancellable, on_checked, g_steal_pointer (&task));
  g_task_set_task_data (thread_task, run, (GDestroyNotify) check_run_unref);
  g_task_run_in_thread (thread_task, check_thread);
  g_object_unref (thread_task);
}

gboolean
attest_record_store_check_finish (AttestRecordStore  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        attest_record_store_check_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Makes sure the records are checked before something changes one: waits
 * for the check running, or checks them here when none is. */
void
_attest_record_store_settle (AttestRecordStore *self)
{
  CheckRun *run;

  if (!attest_record_store_get_checking (self))
    return;

  run = g_object_get_qdata (G_OBJECT (self), check_run_quark ());
  if (run != NULL)
    {
      g_mutex_lock (&run->lock);
      while (!run->done)
        g_cond_wait (&run->cond, &run->lock);
      g_mutex_unlock (&run->lock);
    }
  if (run == NULL || run->cancelled)
    {
      run = check_run_new (self);
      g_object_set_qdata_full (G_OBJECT (self), check_run_quark (), run,
                               (GDestroyNotify) check_run_unref);
      check_run_check (run, NULL);
    }

  take (self, run);
}

/* Checks a record again after an edit: what reading found about its shape
 * stays, the rest is computed from the current values. */
void
_attest_record_store_revalidate (AttestRecordStore *self,
                                 guint              index)
{
  AttestRow *row = _attest_record_store_row (self, index);
  AttestRecordValues values = { { NULL, }, { 0, }, row->attested, 0, FALSE, { NULL, }, { 0, } };
  GString *scratch[ATTEST_N_RECORD_FIELDS + ATTEST_N_REQUEST_FIELDS] = { NULL, };
  guint32 id_tag;

  values.shape_problems = row->problems & ATTEST_STRUCTURAL_PROBLEMS;
  for (AttestRecordField f = 0; f <= ATTEST_RECORD_FIELD_PHONE_NUMBER; f++)
    {
      scratch[f] = g_string_new (NULL);
      values.values[f] = _attest_record_store_peek_field (self, index, f, scratch[f],
                                                          &values.lengths[f]);
    }
  for (AttestRequestField f = 0; f < ATTEST_N_REQUEST_FIELDS; f++)
    {
      GString **room = &scratch[ATTEST_N_RECORD_FIELDS + f];

      *room = g_string_new (NULL);
      values.request_values[f] = _attest_record_store_peek_request (self, index, f, *room,
                                                                    &values.request_lengths[f]);
    }

  if (!(row->flags & ATTEST_ROW_IN_ARENA))
    {
      const AttestRecordTable *table = _attest_record_store_get_table (self);
      guint n;
      const AttestCsvSpan *spans = _attest_record_store_scan (self, index, &n);

      /* A field edited since holds what was typed, not the bytes read. */
      for (guint c = attest_csv_find_replaced_field (table->text, spans, n, 0);
           c != G_MAXUINT && !values.invalid_bytes;
           c = attest_csv_find_replaced_field (table->text, spans, n, c + 1))
        {
          gboolean edited = FALSE;

          for (AttestRecordField f = 0; f < ATTEST_N_RECORD_FIELDS; f++)
            edited |= table->layout->field_columns[f] == (int) c &&
                      _attest_record_store_get_edit (self, index, f) != NULL;
          values.invalid_bytes = !edited;
        }
    }

  row->problems = attest_record_check (&values, &id_tag);
  for (guint f = 0; f < G_N_ELEMENTS (scratch); f++)
    {
      if (scratch[f] != NULL)
        g_string_free (scratch[f], TRUE);
    }
}
