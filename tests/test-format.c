/* test-format.c: dates and numbers as a person reads them (unit suite)
 *
 * In English from the sources, and in French and Turkish from this
 * build's catalogues with their locales' month names and digit grouping
 * (scripts/install-deps makes those locales).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "attest-format.h"
#include "attest-test-init.h"

static GDateTime *
utc (const char *text)
{
  GDateTime *time = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (time);

  return time;
}

static void
check_moment (const char *time_text,
              const char *now_text,
              const char *expected)
{
  g_autoptr(GDateTime) time = utc (time_text);
  g_autoptr(GDateTime) now = utc (now_text);
  g_autofree char *text = attest_format_moment (time, now);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_english (void)
{
  g_autoptr(GDateTime) day = utc ("2026-12-01T23:59:59Z");
  g_autofree char *day_text = attest_format_day (day);
  g_autofree char *count = g_strdup_printf ("%'u", 100000u);

  g_assert_cmpstr (day_text, ==, "1 December 2026");
  check_moment ("2026-12-06T15:37:25Z", "2026-12-06T18:00:00Z", "today at 15:37");
  check_moment ("2026-12-06T00:00:00Z", "2026-12-06T23:59:59Z", "today at 00:00");
  check_moment ("2026-12-05T23:59:59Z", "2026-12-06T00:00:01Z", "yesterday at 23:59");
  check_moment ("2026-12-04T09:05:00Z", "2026-12-06T10:00:00Z", "on 4 December 2026 at 09:05");
  /* Across a new year, "yesterday" is still the day before. */
  check_moment ("2025-12-31T20:00:00Z", "2026-01-01T08:00:00Z", "yesterday at 20:00");
  check_moment ("2025-12-06T15:37:00Z", "2026-12-06T18:00:00Z", "on 6 December 2025 at 15:37");
  /* C.UTF-8 does not group digits: nothing is made up in its place. */
  g_assert_cmpstr (count, ==, "100000");
}

/* In @locale with the catalogue of @language, or skipped where the
 * machine lacks the locale. */
static gboolean
use_language (const char *locale,
              const char *language)
{
  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("The locale %s is not installed; "
                                                  "scripts/install-deps makes it", locale);

      g_test_skip (message);
      return FALSE;
    }

  g_setenv ("LANGUAGE", language, TRUE);
  /* gettext caches what it found for the last language. */
  textdomain (GETTEXT_PACKAGE);

  return TRUE;
}

static void
restore_english (void)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static void
test_french (void)
{
  g_autoptr(GDateTime) day = utc ("2026-12-01T12:00:00Z");
  g_autofree char *day_text = NULL;
  g_autofree char *count = NULL;

  if (!use_language ("fr_FR.UTF-8", "fr"))
    return;

  day_text = attest_format_day (day);
  g_assert_cmpstr (day_text, ==, "1 décembre 2026");
  check_moment ("2026-12-06T15:37:25Z", "2026-12-06T18:00:00Z", "aujourd’hui à 15:37");
  check_moment ("2026-12-05T15:37:25Z", "2026-12-06T18:00:00Z", "hier à 15:37");
  check_moment ("2026-12-04T09:05:00Z", "2026-12-06T10:00:00Z", "le 4 décembre 2026 à 09:05");
  /* French groups thousands with a narrow no-break space. */
  count = g_strdup_printf ("%'u", 100000u);
  g_assert_cmpstr (count, ==, "100\u202f000");

  restore_english ();
}

static void
test_turkish (void)
{
  g_autoptr(GDateTime) day = utc ("2026-12-01T12:00:00Z");
  g_autofree char *day_text = NULL;
  g_autofree char *count = NULL;

  if (!use_language ("tr_TR.UTF-8", "tr"))
    return;

  day_text = attest_format_day (day);
  g_assert_cmpstr (day_text, ==, "1 Aralık 2026");
  check_moment ("2026-12-06T15:37:25Z", "2026-12-06T18:00:00Z", "bugün saat 15:37");
  check_moment ("2026-12-05T15:37:25Z", "2026-12-06T18:00:00Z", "dün saat 15:37");
  check_moment ("2026-12-04T09:05:00Z", "2026-12-06T10:00:00Z", "4 Aralık 2026 saat 09:05");
  count = g_strdup_printf ("%'u", 100000u);
  g_assert_cmpstr (count, ==, "100.000");

  restore_english ();
}

int
main (int   argc,
      char *argv[])
{
  /* Times are shown in the local time zone: make it UTC. */
  g_setenv ("TZ", "UTC", TRUE);
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);
  restore_english ();
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ATTEST_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/format/english", test_english);
  g_test_add_func ("/format/french", test_french);
  g_test_add_func ("/format/turkish", test_turkish);

  return g_test_run ();
}
