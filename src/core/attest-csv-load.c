/* attest-csv-load.c: reading a CSV file into a new record store, at once
 * or on a worker thread with progress on the caller's main context
 *
 * The reader makes a table of what the file holds; a store takes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-csv-load"

#include "config.h"

#include "attest-csv-reader.h"
#include "attest-record-table.h"

/* Reads records from bytes already in memory. Never fails: whatever is
 * wrong with the content is in the store's problems. */
AttestRecordStore *
attest_csv_read_bytes (GBytes *bytes)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  return attest_record_store_new_for_table (attest_csv_read_table (bytes));
}

static AttestRecordStore *
load_file (GFile                  *file,
           gboolean                check,
           GCancellable           *cancellable,
           AttestCsvProgressFunc   progress,
           gpointer                progress_data,
           GError                **error)
{
  AttestRecordTable *table;

  table = attest_csv_load_table (file, check, cancellable, progress, progress_data, error);
  if (table == NULL)
    return NULL;

  return attest_record_store_new_for_table (table);
}

/* Reads a file, on the calling thread (and one more for a large file).
 * Fails only when the file cannot be read, or on cancellation. */
AttestRecordStore *
attest_csv_load_file (GFile                  *file,
                      GCancellable           *cancellable,
                      AttestCsvProgressFunc   progress,
                      gpointer                progress_data,
                      GError                **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  return load_file (file, TRUE, cancellable, progress, progress_data, error);
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

  GSource *source = g_idle_source_new ();

  report->relay = progress_relay_ref (relay);
  report->fraction = fraction;
  /* Always from the caller's context, never here: g_main_context_invoke()
   * would call the function on this worker thread whenever it can take the
   * context, as it can while the main thread is between two iterations,
   * and the function may reach into GTK, which only the main thread may. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_progress, report, progress_report_free);
  g_source_set_static_name (source, "[attest] CSV progress");
  g_source_attach (source, relay->context);
  g_source_unref (source);
}

/* What the worker thread reads, and where its progress goes. */
typedef struct
{
  GFile         *file;
  ProgressRelay *relay;
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *load = data;

  g_object_unref (load->file);
  progress_relay_unref (load->relay);
  g_free (load);
}

static void
load_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  LoadData *load = task_data;
  ProgressRelay *relay = load->relay;
  g_autoptr(GError) error = NULL;
  AttestRecordStore *store;

  store = load_file (load->file, FALSE, cancellable, relay->func != NULL ? relay_progress : NULL,
                     relay, &error);
  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/* Reads a file on a worker thread; @progress is called on the thread-default
 * main context of the caller. The records come unchecked, to be shown at
 * once: their problems are in once attest_record_store_check_async() has
 * checked them. */
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
  LoadData *load;

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
  load = g_new (LoadData, 1);
  load->file = g_object_ref (file);
  load->relay = relay;
  g_task_set_task_data (task, load, load_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_file_thread);
}

AttestRecordStore *
attest_csv_load_file_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == attest_csv_load_file_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
