/* attest-log.c: the application log file (SPEC §11)
 *
 * One file per start, named as Microsoft's tool names its own
 * (log_MM-dd-yyyy_HH-mm-ss.txt, local time), under $XDG_STATE_HOME/attest/Logs.
 * Lines follow Serilog's default template so that partners who know that
 * tool's logs can read ours, and support can grep both the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-log"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "attest-log.h"

static GMutex          log_mutex;
static FILE           *log_file;
static char           *log_path;
static AttestLogLevel  current_level = ATTEST_LOG_LEVEL_INFORMATION;
static gboolean        writer_installed;

char *
attest_log_file_name_for_time (GDateTime *local_time)
{
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (local_time != NULL, NULL);

  stamp = g_date_time_format (local_time, "%m-%d-%Y_%H-%M-%S");
  return g_strdup_printf ("log_%s.txt", stamp);
}

char *
attest_log_dup_directory (void)
{
  return g_build_filename (g_get_user_state_dir (), "attest", "Logs", NULL);
}

static const char *
level_tag (GLogLevelFlags log_level)
{
  if (log_level & G_LOG_LEVEL_ERROR)
    return "FTL";
  if (log_level & G_LOG_LEVEL_CRITICAL)
    return "ERR";
  if (log_level & G_LOG_LEVEL_WARNING)
    return "WRN";
  if (log_level & (G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO))
    return "INF";
  return "DBG";
}

char *
attest_log_format_line (GLogLevelFlags  log_level,
                        const char     *domain,
                        const char     *message,
                        GDateTime      *time)
{
  g_autofree char *stamp = NULL;
  g_autofree char *offset = NULL;
  GTimeSpan utc_offset;
  int minutes;

  g_return_val_if_fail (time != NULL, NULL);

  stamp = g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
  utc_offset = g_date_time_get_utc_offset (time);
  minutes = (int) (ABS (utc_offset) / G_TIME_SPAN_MINUTE);
  offset = g_strdup_printf ("%c%02d:%02d", utc_offset < 0 ? '-' : '+', minutes / 60, minutes % 60);

  return g_strdup_printf ("%s.%03d %s [%s] %s: %s\n",
                          stamp,
                          g_date_time_get_microsecond (time) / 1000,
                          offset,
                          level_tag (log_level),
                          domain != NULL ? domain : "attest",
                          message != NULL ? message : "");
}

static gboolean
level_enabled (GLogLevelFlags log_level)
{
  if (log_level & G_LOG_LEVEL_DEBUG)
    return g_atomic_int_get (&current_level) == ATTEST_LOG_LEVEL_DEBUG;
  return TRUE;
}

static GLogWriterOutput
attest_log_writer (GLogLevelFlags   level,
                   const GLogField *fields,
                   gsize            n_fields,
                   gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }

  if (level_enabled (level))
    {
      g_mutex_lock (&log_mutex);
      if (log_file != NULL)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          g_autofree char *line = attest_log_format_line (level, domain, message, now);

          fputs (line, log_file);
          fflush (log_file);
        }
      g_mutex_unlock (&log_mutex);
    }

  /* The terminal keeps GLib's usual behaviour: warnings always, debug output
   * only for the domains named in G_MESSAGES_DEBUG. */
  return g_log_writer_default (level, fields, n_fields, user_data);
}

gboolean
attest_log_init (AttestLogLevel   level,
                 GError         **error)
{
  g_autofree char *directory = attest_log_dup_directory ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = attest_log_file_name_for_time (now);
  g_autofree char *path = g_build_filename (directory, name, NULL);
  FILE *file;

  attest_log_set_level (level);

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot create the log folder %s: %s"), directory, g_strerror (saved_errno));
      return FALSE;
    }

  /* "a": two starts within the same second share a file rather than one
   * truncating the other. */
  file = g_fopen (path, "a");
  if (file == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot open the log file %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  g_chmod (path, 0600);

  g_mutex_lock (&log_mutex);
  if (log_file != NULL)
    fclose (log_file);
  log_file = file;
  g_free (log_path);
  log_path = g_steal_pointer (&path);
  g_mutex_unlock (&log_mutex);

  /* GLib allows one writer per process. */
  if (!writer_installed)
    {
      g_log_set_writer_func (attest_log_writer, NULL, NULL);
      writer_installed = TRUE;
    }

  g_info ("Attest %s started, log level %s", PACKAGE_VERSION,
          level == ATTEST_LOG_LEVEL_DEBUG ? "Debug" : "Information");

  return TRUE;
}

void
attest_log_shutdown (void)
{
  g_mutex_lock (&log_mutex);
  g_clear_pointer (&log_file, fclose);
  g_clear_pointer (&log_path, g_free);
  g_mutex_unlock (&log_mutex);
}

void
attest_log_set_level (AttestLogLevel level)
{
  g_atomic_int_set (&current_level, level);
}

AttestLogLevel
attest_log_get_level (void)
{
  return g_atomic_int_get (&current_level);
}

const char *
attest_log_get_path (void)
{
  return log_path;
}
