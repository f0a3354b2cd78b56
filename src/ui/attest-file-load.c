/* attest-file-load.c: a CSV file being read, for whichever window shows it
 *
 * Reading starts as the load is made, before anyone shows it: the
 * application starts reading a file it was asked to open before it builds
 * the window for it, and hands the window the load in flight. The window
 * follows "progress" and "finished" from then on, and what happened before
 * through the getters.
 *
 * The records come unchecked, so that the window shows them as soon as
 * they are read; the window then has the store check them
 * (attest_record_store_check_async()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-file-load"

#include "config.h"

#include "attest-csv-reader.h"
#include "attest-file-load.h"

struct _AttestFileLoad
{
  GObject            parent_instance;

  GFile             *file;
  GCancellable      *cancellable;
  double             fraction;
  gboolean           finished;
  AttestRecordStore *store;
  GError            *error;
};

G_DEFINE_FINAL_TYPE (AttestFileLoad, attest_file_load, G_TYPE_OBJECT)

enum {
  PROGRESS,
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_progress (double   fraction,
             gpointer user_data)
{
  AttestFileLoad *self = ATTEST_FILE_LOAD (user_data);

  self->fraction = fraction;
  g_signal_emit (self, signals[PROGRESS], 0, fraction);
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AttestFileLoad) self = ATTEST_FILE_LOAD (user_data);

  self->store = attest_csv_load_file_finish (result, &self->error);
  self->finished = TRUE;
  g_signal_emit (self, signals[FINISHED], 0);
}

/* Starts reading @file on the reader's threads. */
AttestFileLoad *
attest_file_load_new (GFile *file)
{
  AttestFileLoad *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (ATTEST_TYPE_FILE_LOAD, NULL);
  self->file = g_object_ref (file);
  self->cancellable = g_cancellable_new ();
  attest_csv_load_file_async (file, self->cancellable, on_progress, g_object_ref (self),
                              g_object_unref, on_loaded, g_object_ref (self));

  return self;
}

GFile *
attest_file_load_get_file (AttestFileLoad *self)
{
  g_return_val_if_fail (ATTEST_IS_FILE_LOAD (self), NULL);

  return self->file;
}

/* Cancelling it ends the load with G_IO_ERROR_CANCELLED. */
GCancellable *
attest_file_load_get_cancellable (AttestFileLoad *self)
{
  g_return_val_if_fail (ATTEST_IS_FILE_LOAD (self), NULL);

  return self->cancellable;
}

double
attest_file_load_get_fraction (AttestFileLoad *self)
{
  g_return_val_if_fail (ATTEST_IS_FILE_LOAD (self), 0);

  return self->fraction;
}

gboolean
attest_file_load_get_finished (AttestFileLoad *self)
{
  g_return_val_if_fail (ATTEST_IS_FILE_LOAD (self), FALSE);

  return self->finished;
}

/* The records read once the load has finished, or NULL with @error set
 * when they could not be read. They are not checked yet. */
AttestRecordStore *
attest_file_load_get_store (AttestFileLoad  *self,
                            GError         **error)
{
  g_return_val_if_fail (ATTEST_IS_FILE_LOAD (self), NULL);
  g_return_val_if_fail (self->finished, NULL);

  if (self->store == NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return NULL;
    }

  return self->store;
}

static void
attest_file_load_finalize (GObject *object)
{
  AttestFileLoad *self = ATTEST_FILE_LOAD (object);

  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (attest_file_load_parent_class)->finalize (object);
}

static void
attest_file_load_class_init (AttestFileLoadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attest_file_load_finalize;

  /* The fraction of the file read so far, on the main context. */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  /* Reading has ended, with records or with an error. */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
attest_file_load_init (AttestFileLoad *self)
{
}
