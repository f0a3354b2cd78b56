/* ui-sort-bench.c: times sorting and searching a file's records in the
 * window, from the click or the keystroke to the frame that shows the
 * change, beside a plain sort of the same values in the same process
 *
 * Opens FILE as `attest FILE` does, waits until its records are checked,
 * then, ROUNDS times: sorts by last name as a click on its header does,
 * sorts it the other way, puts the file's order back, and types a search
 * into the search entry and clears it. Each is timed from the action to
 * the end of the first frame drawn after the rows changed. The plain sort
 * is qsort() of the same last names, case-insensitive, as C strings.
 *
 * Usage: ui-sort-bench FILE [ROUNDS]
 * Prints one line per step and round: step=NAME seconds=S rows=N, then
 * plain_sort_seconds=S (the best of ROUNDS).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "attest-application.h"
#include "attest-record-grid.h"
#include "attest-window.h"

typedef enum
{
  STEP_SORT,
  STEP_SORT_DESCENDING,
  STEP_FILE_ORDER,
  STEP_SEARCH,
  STEP_CLEAR_SEARCH,
  N_STEPS
} Step;

static const char *step_names[N_STEPS] = {
  "sort-last-name", "sort-last-name-descending", "file-order", "search", "clear-search",
};

typedef struct
{
  AttestWindow *window;
  guint         rounds;
  guint         round;
  Step          step;
  gint64        started;    /* when the step's action was taken, or 0 */
  gint64        model_at;   /* when the view said its rows changed */
  gint64        rows_at;    /* when the grid had taken the change in */
  gint64        layout_at;  /* when the frame's layout ended */
  gboolean      changed;    /* the rows changed since */
  gulong        changed_id;
  gboolean      running;
} Bench;

static void run_step (Bench *bench);

static int
compare_names (const void *a,
               const void *b)
{
  return g_ascii_strcasecmp (*(const char * const *) a, *(const char * const *) b);
}

/* The reference: the same last names as C strings, sorted by qsort(). */
static double
time_plain_sort (AttestRecordStore *store)
{
  guint n = attest_record_store_get_n_records (store);
  g_autoptr(GPtrArray) names = g_ptr_array_new_full (n, g_free);
  g_autofree char **copy = g_new (char *, n);
  gint64 start;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, attest_record_store_dup_field (store, i,
                                                           ATTEST_RECORD_FIELD_LAST_NAME));
  memcpy (copy, names->pdata, n * sizeof (char *));
  start = g_get_monotonic_time ();
  qsort (copy, n, sizeof (char *), compare_names);

  return (g_get_monotonic_time () - start) / 1e6;
}

static AttestRecordGrid *
grid_of (AttestWindow *window)
{
  return ATTEST_RECORD_GRID (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                            ATTEST_TYPE_WINDOW, "grid"));
}

static GtkEditable *
search_entry_of (AttestWindow *window)
{
  return GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (window), ATTEST_TYPE_WINDOW,
                                                      "search_entry"));
}

static void
on_rows_changed (Bench *bench)
{
  bench->changed = TRUE;
  bench->rows_at = g_get_monotonic_time ();
}

/* Runs before any handler of the view's "items-changed": the view is
 * computed, the grid has not seen the change yet. */
static gboolean
on_items_changed_hook (GSignalInvocationHint *hint,
                       guint                  n_values,
                       const GValue          *values,
                       gpointer               data)
{
  Bench *bench = data;

  if (bench->started != 0 && bench->model_at == 0)
    bench->model_at = g_get_monotonic_time ();

  return TRUE;
}

static void
on_layout (GdkFrameClock *clock,
           Bench         *bench)
{
  if (bench->started != 0 && bench->changed)
    bench->layout_at = g_get_monotonic_time ();
}

static gboolean
next_step (gpointer data)
{
  run_step (data);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint (GdkFrameClock *clock,
                Bench         *bench)
{
  AttestRecordView *view = attest_record_grid_get_view (grid_of (bench->window));

  if (bench->started == 0 || !bench->changed)
    return;

  gint64 now = g_get_monotonic_time ();

  /* The whole, then its parts: the view computed, the grid's rows made
   * for it, the frame laid out, and drawn. */
  printf ("step=%s seconds=%.4f rows=%u model=%.4f rows_made=%.4f layout=%.4f paint=%.4f\n",
          step_names[bench->step], (now - bench->started) / 1e6,
          g_list_model_get_n_items (G_LIST_MODEL (view)),
          (bench->model_at - bench->started) / 1e6, (bench->rows_at - bench->model_at) / 1e6,
          (bench->layout_at - bench->rows_at) / 1e6, (now - bench->layout_at) / 1e6);
  fflush (stdout);
  bench->started = 0;
  if (++bench->step == N_STEPS)
    {
      bench->step = 0;
      bench->round++;
    }
  /* The next action once the main loop is idle, as a person's next click. */
  g_idle_add_full (G_PRIORITY_LOW, next_step, bench, NULL);
}

static void
run_step (Bench *bench)
{
  AttestRecordGrid *grid = grid_of (bench->window);

  if (bench->round == bench->rounds)
    {
      g_autoptr(AttestRecordStore) store = g_object_ref (attest_window_get_store (bench->window));
      double best = G_MAXDOUBLE;

      for (guint i = 0; i < bench->rounds; i++)
        best = MIN (best, time_plain_sort (store));
      printf ("plain_sort_seconds=%.4f rows=%u\n", best,
              attest_record_store_get_n_records (store));
      fflush (stdout);
      _exit (0);
    }

  bench->changed = FALSE;
  bench->model_at = 0;
  bench->started = g_get_monotonic_time ();
  switch (bench->step)
    {
    case STEP_SORT:
      attest_record_grid_sort_by_column (grid, "last-name", FALSE);
      break;
    case STEP_SORT_DESCENDING:
      attest_record_grid_sort_by_column (grid, "last-name", TRUE);
      break;
    case STEP_FILE_ORDER:
      attest_record_grid_sort_by_column (grid, NULL, FALSE);
      break;
    case STEP_SEARCH:
      /* As the last key of "yılmaz" is typed: the entry says when. */
      gtk_editable_set_text (search_entry_of (bench->window), "yılma");
      bench->model_at = 0;
      bench->started = g_get_monotonic_time ();
      gtk_editable_set_text (search_entry_of (bench->window), "yılmaz");
      break;
    case STEP_CLEAR_SEARCH:
      gtk_editable_set_text (search_entry_of (bench->window), "");
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
wait_for_records (gpointer data)
{
  Bench *bench = data;
  AttestRecordStore *store = attest_window_get_store (bench->window);
  AttestRecordView *view = attest_record_grid_get_view (grid_of (bench->window));

  if (store == NULL || view == NULL || attest_record_store_get_checking (store))
    return G_SOURCE_CONTINUE;

  g_signal_connect_swapped (view, "items-changed", G_CALLBACK (on_rows_changed), bench);
  g_signal_add_emission_hook (g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL), 0,
                              on_items_changed_hook, bench, NULL);
  g_signal_connect_after (gtk_widget_get_frame_clock (GTK_WIDGET (bench->window)), "layout",
                          G_CALLBACK (on_layout), bench);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (bench->window)), "after-paint",
                    G_CALLBACK (on_after_paint), bench);
  run_step (bench);

  return G_SOURCE_REMOVE;
}

static void
on_window_added (GtkApplication *application,
                 GtkWindow      *window,
                 Bench          *bench)
{
  if (bench->window != NULL || !ATTEST_IS_WINDOW (window))
    return;

  bench->window = ATTEST_WINDOW (window);
  g_timeout_add (50, wait_for_records, bench);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AttestApplication) application = NULL;
  Bench bench = { NULL, };

  if (argc < 2 || argc > 3)
    {
      g_printerr ("Usage: %s FILE [ROUNDS]\n", argv[0]);
      return 2;
    }
  bench.rounds = argc == 3 ? (guint) atoi (argv[2]) : 5;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = attest_application_new (G_APPLICATION_DEFAULT_FLAGS, NULL);
  g_signal_connect (application, "window-added", G_CALLBACK (on_window_added), &bench);
  g_application_run (G_APPLICATION (application), 2, argv);

  g_printerr ("%s: the window closed before the steps were done\n", argv[0]);
  return 1;
}
