/* attest-cli-fetch.c: `attest fetch -o FILE`
 *
 * Fetches every customer that needs attestation, page after page (a line
 * on stderr per page), then writes the compatible CSV (SPEC §4.1) into a
 * temporary file beside FILE and renames it over FILE. A fetch that fails
 * or is interrupted leaves no file behind, and an older FILE untouched.
 * FILE may hold a partner's edits: one that exists is replaced only with
 * --force (D15 of the review), else the command stops before it asks
 * Partner Center anything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-cli-fetch"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include <signal.h>

#include "attest-cli-private.h"
#include "attest-csv-writer.h"
#include "attest-record-store.h"

static char     *output_path;
static gboolean  force;

const GOptionEntry attest_cli_fetch_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path,
    N_("The CSV file to write"), N_("FILE") },
  { "force", 0, 0, G_OPTION_ARG_NONE, &force,
    N_("Replace the file when it exists"), NULL },
  { NULL }
};

static void
set_exists_error (GError     **error,
                  const char  *path)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("“%s” exists already, and may hold your changes: Attest does not write over "
                 "it. Name another file, or add --force to replace it."), path);
}

/* Gives @temporary the name @path: with --force over any file of that
 * name, else only when there is none, without a moment where another
 * file could be lost. */
static gboolean
move_into_place (const char  *temporary,
                 const char  *path,
                 GError     **error)
{
  int saved_errno;

  if (!force)
    {
      /* A hard link is made only under a free name. */
      if (link (temporary, path) == 0)
        {
          g_unlink (temporary);
          return TRUE;
        }
      saved_errno = errno;
      if (saved_errno == EEXIST)
        {
          set_exists_error (error, path);
          return FALSE;
        }
      /* A file system without hard links: look, then rename. */
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          set_exists_error (error, path);
          return FALSE;
        }
    }

  if (g_rename (temporary, path) != 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s."), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  GMainLoop    *loop;
  GCancellable *cancellable;
  GAsyncResult *result;
} Fetch;

static void
on_progress (GPtrArray *page_records,
             guint      page_number,
             guint      records_so_far,
             gpointer   user_data)
{
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Page %'u fetched: %'u customer so far.\n",
                           "Page %'u fetched: %'u customers so far.\n", records_so_far),
              page_number, records_so_far);
}

static void
on_fetched (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->result = g_object_ref (result);
  g_main_loop_quit (fetch->loop);
}

static gboolean
on_interrupt (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_CONTINUE;
}

/* Writes @store to a temporary file in @path's folder, then gives it the
 * name @path; on any failure the temporary file is removed. */
static gboolean
write_atomically (AttestRecordStore  *store,
                  const char         *path,
                  GCancellable       *cancellable,
                  GError            **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf (".%s.XXXXXX", name);
  g_autofree char *temporary = g_build_filename (folder, template, NULL);
  g_autoptr(GOutputStream) stream = NULL;
  int saved_errno;
  int fd;

  fd = g_mkstemp_full (temporary, O_WRONLY, 0644);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create a file in “%s”: %s. Check that the folder exists and "
                     "that you may write there."), folder, g_strerror (saved_errno));
      return FALSE;
    }

  stream = g_unix_output_stream_new (fd, TRUE);
  if (!attest_csv_write_stream (store, ATTEST_CSV_FORMAT_COMPATIBLE, stream, cancellable, error)
      || !g_output_stream_flush (stream, cancellable, error))
    {
      g_unlink (temporary);
      return FALSE;
    }

  /* On disk before the rename, so that a power cut leaves the old file or
   * the whole new one, never an empty one under the old name. */
  if (fsync (fd) != 0)
    {
      saved_errno = errno;
      g_unlink (temporary);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s."), path, g_strerror (saved_errno));
      return FALSE;
    }

  if (!g_output_stream_close (stream, cancellable, error))
    {
      g_unlink (temporary);
      return FALSE;
    }

  if (!move_into_place (temporary, path, error))
    {
      g_unlink (temporary);
      return FALSE;
    }

  return TRUE;
}

int
attest_cli_fetch_run (AttestCliGlobals  *globals,
                      int                argc,
                      char             **argv)
{
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(AttestRecordStore) store = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  Fetch fetch = { loop, cancellable, NULL };
  guint sigint_id, sigterm_id;

  if (output_path == NULL || argc > 1)
    {
      attest_cli_printerr ("%s", _("Name the file to write with -o FILE, and nothing else, for "
                                   "example: attest fetch -o customers.csv"));
      return ATTEST_EXIT_USAGE;
    }

  /* Said before anything is fetched; said again should the file appear
   * meanwhile. */
  if (!force && g_file_test (output_path, G_FILE_TEST_EXISTS))
    {
      set_exists_error (&error, output_path);
      attest_cli_printerr ("%s", error->message);
      return ATTEST_EXIT_USAGE;
    }

  client = attest_cli_new_partner_client (globals, &error);
  if (client == NULL)
    {
      attest_cli_printerr ("%s", error->message);
      return attest_cli_exit_code_for_partner_error (error);
    }

  g_printerr ("%s\n", _("Fetching the customers that need attestation from Partner Center…"));

  sigint_id = g_unix_signal_add (SIGINT, on_interrupt, cancellable);
  sigterm_id = g_unix_signal_add (SIGTERM, on_interrupt, cancellable);
  attest_partner_client_fetch_records_async (client, on_progress, NULL, cancellable, on_fetched,
                                             &fetch);
  g_main_loop_run (loop);
  records = attest_partner_client_fetch_records_finish (client, fetch.result, &error);
  g_clear_object (&fetch.result);

  if (records != NULL)
    {
      store = attest_partner_records_new_store (records);
      if (!write_atomically (store, output_path, cancellable, &error))
        g_clear_pointer (&records, g_ptr_array_unref);
    }
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  if (records == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        attest_cli_printerr ("%s", _("Fetch interrupted; no file was written."));
      else
        attest_cli_printerr ("%s", error->message);

      if (error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED)
        return ATTEST_EXIT_USAGE;
      return attest_cli_exit_code_for_partner_error (error);
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %'u customer that needs attestation to %s.\n",
                        "Wrote %'u customers that need attestation to %s.\n", records->len),
           records->len, output_path);

  return ATTEST_EXIT_OK;
}
