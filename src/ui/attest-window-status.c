/* attest-window-status.c: the counts in the status bar
 *
 * The status bar says only what a person acts on: how many customers the
 * grid shows of how many, and how many are ready, or in the current flow
 * marked and waiting for something; the figures that ask for nothing are
 * left out. Its tooltip has every figure. Numbers are grouped as the
 * locale writes them ("3,000", "3 000").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-window-status"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-window-private.h"

/* Adds @figure to the figures in @text, unless it counts none (@n is 0)
 * and is not the first. Takes @figure. */
static void
append_figure (GString *text,
               guint    n,
               char    *figure)
{
  g_autofree char *owned = figure;

  if (n == 0 && text->len > 0)
    return;

  if (text->len > 0)
    /* Translators: separates the figures of the status bar. */
    g_string_append (text, _(" · "));
  g_string_append (text, owned);
}

/* "3,000 customers", or "17 of 3,000 shown" while a search or a filter
 * hides some. */
static void
append_shown (AttestWindow *self,
              GString      *text,
              guint         total)
{
  guint shown = self->view != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->view)) : total;

  if (shown < total)
    /* Translators: the customers the grid shows of all the file's, as in
     * "17 of 3,000 shown". */
    append_figure (text, 1, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u of %'u shown",
                                                          "%'u of %'u shown", shown),
                                             shown, total));
  else
    append_figure (text, 1, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u customer",
                                                          "%'u customers", total),
                                             total));
}

static void
append_marked (GString  *text,
               gboolean  always,
               guint     n)
{
  append_figure (text, always ? 1 : n, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                     "%'u marked",
                                                                     "%'u marked", n),
                                                        n));
}

static void
append_failed (GString *text,
               guint    n)
{
  append_figure (text, n, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%'u rejected or failed",
                                                        "%'u rejected or failed", n),
                                           n));
}

static void
append_problems (GString *text,
                 guint    n)
{
  append_figure (text, n, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u with problems",
                                                        "%'u with problems", n),
                                           n));
}

/* The classic flow: what can be sent, and what stops the rest. */
static char *
format_classic (AttestWindow             *self,
                const AttestRecordCounts *counts,
                gboolean                  every_figure)
{
  g_autoptr(GString) text = g_string_new (NULL);

  append_shown (self, text, counts->total);
  if (every_figure)
    append_marked (text, TRUE, counts->marked);
  append_figure (text, 1, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u ready",
                                                        "%'u ready", counts->actionable),
                                           counts->actionable));
  append_problems (text, counts->problems);
  if (every_figure)
    append_figure (text, counts->done, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                     "%'u done", "%'u done",
                                                                     counts->done),
                                                        counts->done));
  append_failed (text, counts->failed);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The current flow: how many customers are in each state that asks for
 * something; with @every_figure, also how many need nothing. */
static char *
format_current (AttestWindow             *self,
                const AttestRecordCounts *record,
                gboolean                  every_figure)
{
  guint counts[ATTEST_N_MCA_STATES];
  g_autoptr(GString) text = g_string_new (NULL);
  guint n;

  attest_record_store_get_mca_counts (self->store, counts);

  append_shown (self, text, record->total);
  append_marked (text, TRUE, record->marked);
  n = counts[ATTEST_MCA_STATE_NEEDS_ACCEPTANCE];
  append_figure (text, n, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u needs acceptance",
                                                        "%'u need acceptance", n),
                                           n));
  n = counts[ATTEST_MCA_STATE_REQUESTED];
  append_figure (text, n, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u requested",
                                                        "%'u requested", n),
                                           n));
  n = counts[ATTEST_MCA_STATE_REFUSED];
  append_figure (text, n, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u refused",
                                                        "%'u refused", n),
                                           n));
  if (every_figure)
    {
      n = counts[ATTEST_MCA_STATE_ACCEPTED_DIRECTLY] + counts[ATTEST_MCA_STATE_ATTESTED]
          + counts[ATTEST_MCA_STATE_DONE];
      append_figure (text, n, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u needs nothing",
                                                            "%'u need nothing", n),
                                               n));
      append_problems (text, record->problems);
    }
  n = counts[ATTEST_MCA_STATE_UNCHECKED];
  append_figure (text, n, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u not checked",
                                                        "%'u not checked", n),
                                           n));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Shows the counts of the window's records in the status bar. */
void
_attest_window_show_counts (AttestWindow *self)
{
  AttestRecordCounts counts = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *every_figure = NULL;

  if (self->store == NULL)
    return;

  attest_record_store_get_counts (self->store, &counts);
  /* The rows show while they are checked: their problems, and so the
   * counts, come in when it is done. */
  if (attest_record_store_get_checking (self->store))
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Checking %'u row…",
                                           "Checking %'u rows…", counts.total),
                              counts.total);
      every_figure = g_strdup (text);
    }
  else if (attest_record_grid_get_current_flow (self->grid))
    {
      text = format_current (self, &counts, FALSE);
      every_figure = format_current (self, &counts, TRUE);
    }
  else
    {
      text = format_classic (self, &counts, FALSE);
      every_figure = format_classic (self, &counts, TRUE);
    }

  gtk_label_set_text (self->counts_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_squeezer), every_figure);
}
