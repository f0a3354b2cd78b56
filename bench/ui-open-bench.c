/* ui-open-bench.c: opens a CSV file as `attest FILE` does, and ends the
 * process as soon as a frame showing its rows has been drawn;
 * bench/ui-open times it.
 *
 * The grid shows a long file first as the rows that fit the window, and
 * makes the rest of its rows in the frames after: with
 * ATTEST_BENCH_UNTIL=all-rows the process ends instead once a frame has
 * been drawn with all of them. ATTEST_BENCH_TRACE tells when each frame
 * began and when its layout and its drawing ended.
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
#include "attest-record-grid.h"
#include "attest-window.h"

typedef struct
{
  AttestWindow *window;
  gboolean      shown;
  gboolean      all_rows;  /* to wait for the grid's every row */
  gint64        started;
} Opening;

static double
seconds_since (gint64 started)
{
  return (g_get_monotonic_time () - started) / 1e6;
}

static void
on_layout_end (GdkFrameClock *clock,
               Opening       *opening)
{
  g_printerr ("  layout done at %.3f s\n", seconds_since (opening->started));
}

static void
on_paint_end (GdkFrameClock *clock,
              Opening       *opening)
{
  g_printerr ("  paint done at %.3f s\n", seconds_since (opening->started));
}

static void
on_realize (GtkWidget *window,
            Opening   *opening)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect_after (clock, "layout", G_CALLBACK (on_layout_end), opening);
  g_signal_connect_after (clock, "paint", G_CALLBACK (on_paint_end), opening);
}

static AttestRecordGrid *
find_grid (GtkWidget *widget)
{
  if (ATTEST_IS_RECORD_GRID (widget))
    return ATTEST_RECORD_GRID (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AttestRecordGrid *grid = find_grid (child);

      if (grid != NULL)
        return grid;
    }

  return NULL;
}

/* Whether the grid shows every row of the file, not only its first. */
static gboolean
has_all_rows (AttestWindow *window)
{
  AttestRecordGrid *grid = find_grid (GTK_WIDGET (window));

  return grid != NULL && attest_record_grid_get_view (grid) != NULL &&
         attest_record_grid_get_all_rows (grid);
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Opening *opening = user_data;
  AttestRecordStore *store = attest_window_get_store (opening->window);

  if (g_getenv ("ATTEST_BENCH_TRACE") != NULL)
    g_printerr ("frame at %.3f s, store %s\n", seconds_since (opening->started),
                store == NULL ? "not yet" : !has_all_rows (opening->window) ? "set, first rows"
                                                                           : "set");

  /* The frame after the one in which the rows appeared has them on screen.
   * What is timed ends there: closing the window and freeing a million
   * records is not part of it, so the process ends at once. */
  if (opening->shown)
    {
      g_print ("records=%u seconds_in_process=%.3f\n",
               attest_record_store_get_n_records (store),
               seconds_since (opening->started));
      fflush (stdout);
      fflush (stderr);
      _exit (0);
    }

  if (store != NULL && attest_record_store_get_n_records (store) > 0)
    opening->shown = !opening->all_rows || has_all_rows (opening->window);

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
  if (g_getenv ("ATTEST_BENCH_TRACE") != NULL)
    g_signal_connect_after (window, "realize", G_CALLBACK (on_realize), opening);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AttestApplication) application = NULL;
  Opening opening = {
    .started = g_get_monotonic_time (),
    .all_rows = g_strcmp0 (g_getenv ("ATTEST_BENCH_UNTIL"), "all-rows") == 0,
  };

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
