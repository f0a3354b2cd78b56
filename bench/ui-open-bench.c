/* ui-open-bench.c: opens the window on a CSV file and exits once a frame
 * showing its rows has been drawn, and ends the process at once; bench/ui-open
 * times it.
 *
 * Usage: ui-open-bench FILE
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <unistd.h>

#include "attest-application.h"
#include "attest-window.h"

typedef struct
{
  AttestWindow *window;
  gboolean      shown;
  gboolean      drawn;
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

  /* The frame after the one in which the rows appeared has them on screen. */
  if (opening->shown)
    {
      opening->drawn = TRUE;
      return G_SOURCE_REMOVE;
    }

  if (store != NULL && g_list_model_get_n_items (G_LIST_MODEL (store)) > 0)
    opening->shown = TRUE;

  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AttestApplication) application = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  Opening opening = { .started = started };

  if (argc != 2)
    {
      g_printerr ("Usage: %s FILE\n", argv[0]);
      return 2;
    }

  gtk_init ();
  adw_init ();

  application = attest_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  opening.window = attest_window_new (application);
  gtk_window_present (GTK_WINDOW (opening.window));
  file = g_file_new_for_commandline_arg (argv[1]);
  attest_window_open (opening.window, file);
  gtk_widget_add_tick_callback (GTK_WIDGET (opening.window), on_tick, &opening, NULL);

  while (!opening.drawn)
    g_main_context_iteration (NULL, TRUE);

  g_print ("records=%u seconds_in_process=%.3f\n",
           g_list_model_get_n_items (G_LIST_MODEL (attest_window_get_store (opening.window))),
           (g_get_monotonic_time () - started) / 1e6);

  /* What is timed ends with that frame: closing the window and freeing a
   * million records afterwards is not part of it, so the process ends
   * here, as soon as what it printed is out. */
  fflush (stdout);
  fflush (stderr);
  _exit (0);
}
