/* attest-format.c: dates as a person reads them in a sentence
 *
 * What the window and the terminal tell a person, in their language and
 * their locale's words: "1 December 2026", "today at 15:37". Numbers need
 * no helper: a format's %'u groups digits as the locale does (main() sets
 * it), "100,000" in English, "100 000" in French, "100.000" in Turkish.
 * Machine-readable output (CSV, JSON, the journal) never goes through here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-format"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-format.h"

/* The calendar day of @time, in the local time zone, as a person writes it:
 * "1 December 2026". */
char *
attest_format_day (GDateTime *day)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (day != NULL, NULL);

  local = g_date_time_to_local (day);

  /* Translators: a day in a sentence, "the customers accepted on 1 December
   * 2026", as a format of g_date_time_format(): %-d is the day of the
   * month, %B the name of the month, %Y the year. */
  return g_date_time_format (local, _("%-d %B %Y"));
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b)
         && g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

/* When @time was, seen from @now, both shown in the local time zone, as
 * words that fit after "started" or "checked": "today at 15:37",
 * "yesterday at 09:05", "on 1 December 2026 at 15:37". */
char *
attest_format_moment (GDateTime *time,
                      GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) yesterday = NULL;
  const char *format;

  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  local = g_date_time_to_local (time);
  local_now = g_date_time_to_local (now);
  yesterday = g_date_time_add_days (local_now, -1);

  if (same_day (local, local_now))
    /* Translators: a time earlier today, in a sentence ("the run started
     * today at 15:37"), as a format of g_date_time_format(): %H:%M is the
     * hour and minute on a 24-hour clock; use %l:%M %p for a 12-hour one. */
    format = _("today at %H:%M");
  else if (same_day (local, yesterday))
    /* Translators: as "today at %H:%M", for a time yesterday. */
    format = _("yesterday at %H:%M");
  else
    /* Translators: as "today at %H:%M", for an earlier day: %-d is the
     * day of the month, %B the name of the month, %Y the year. */
    format = _("on %-d %B %Y at %H:%M");

  return g_date_time_format (local, format);
}
