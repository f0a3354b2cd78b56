/* ui-open-bench.c: opens a CSV file as `attest FILE` does, and ends the
 * process as soon as a frame showing its rows has been drawn;
 * bench/ui-open times it.
 *
 * Usage: ui-open-bench FILE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "attest-application.h"
#include "attest-window.h"

typedef struct
{
  AttestWindow *window;
  gboolean      shown;
  gint64        started;
} Opening;

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Opening *opening = user_data;
  AttestRecordStore *store = attest_window_get_store (opening->window);

  if (g_getenv ("ATTEST_BENCH_TRACE") != NULL)
    g_printerr ("frame at %.3f s, store %s\n", (g_get_monotonic_time () - opening->started) / 1e6,
                store != NULL ? "set" : "not yet");

  /* The frame after the one in which the rows appeared has them on screen.
   * What is timed ends there: closing the window and freeing a million
   * records is not part of it, so the process ends at once. */
  if (opening->shown)
    {
      g_print ("records=%u seconds_in_process=%.3f\n",
               attest_record_store_get_n_records (store),
               (g_get_monotonic_time () - opening->started) / 1e6);
      fflush (stdout);
      fflush (stderr);
      _exit (0);
    }

  if (store != NULL && attest_record_store_get_n_records (store) > 0)
    opening->shown = TRUE;

  return G_SOURCE_CONTINUE;
}

static void
on_window_added (GtkApplication *application,
                 GtkWindow      *window,
                 Opening        *opening)
{
  if (opening->window != NULL || !ATTEST_IS_WINDOW (window))
    return;

  opening->window = ATTEST_WINDOW (window);
  gtk_widget_add_tick_callback (GTK_WIDGET (window), on_tick, opening, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AttestApplication) application = NULL;
  Opening opening = { .started = g_get_monotonic_time () };

  if (argc != 2)
    {
      g_printerr ("Usage: %s FILE\n", argv[0]);
      return 2;
    }

  /* As src/main.c does for `attest FILE`. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = attest_application_new (G_APPLICATION_DEFAULT_FLAGS, NULL);
  g_signal_connect (application, "window-added", G_CALLBACK (on_window_added), &opening);
  g_application_run (G_APPLICATION (application), argc, argv);

  /* Only reached if no frame with the rows was drawn: the file could not be
   * read, or another Attest took the file to open. */
  g_printerr ("%s: no frame with the rows of %s was drawn\n", argv[0], argv[1]);
  return 1;
}
