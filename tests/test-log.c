/* test-log.c: the log file (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "attest-log.h"
#include "attest-test-utils.h"

static void
test_log_file_name (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = g_date_time_new (zone, 2026, 3, 4, 5, 6, 7.5);
  g_autofree char *name = attest_log_file_name_for_time (time);

  /* Microsoft's tool names its logs log_{MM-dd-yyyy_HH-mm-ss}.txt. */
  g_assert_cmpstr (name, ==, "log_03-04-2026_05-06-07.txt");
}

static void
test_log_line_format (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (2 * 3600);
  g_autoptr(GDateTime) time = g_date_time_new (zone, 2026, 11, 21, 23, 9, 1.25);
  g_autofree char *info = attest_log_format_line (G_LOG_LEVEL_INFO, "attest-client", "GET /v1 200", time);
  g_autofree char *warning = attest_log_format_line (G_LOG_LEVEL_WARNING, "attest-x", "careful", time);
  g_autofree char *debug = attest_log_format_line (G_LOG_LEVEL_DEBUG, NULL, "detail", time);
  g_autofree char *critical = attest_log_format_line (G_LOG_LEVEL_CRITICAL, "attest-y", "bad", time);

  g_assert_cmpstr (info, ==, "2026-11-21 23:09:01.250 +02:00 [INF] attest-client: GET /v1 200\n");
  g_assert_cmpstr (warning, ==, "2026-11-21 23:09:01.250 +02:00 [WRN] attest-x: careful\n");
  g_assert_cmpstr (debug, ==, "2026-11-21 23:09:01.250 +02:00 [DBG] attest: detail\n");
  g_assert_cmpstr (critical, ==, "2026-11-21 23:09:01.250 +02:00 [ERR] attest-y: bad\n");
}

static void
test_log_levels_in_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = attest_log_dup_directory ();
  g_autofree char *contents = NULL;
  g_autofree char *dir_of_file = NULL;
  const char *path;
  GStatBuf st;

  g_assert_true (attest_log_init (ATTEST_LOG_LEVEL_INFORMATION, &error));
  g_assert_no_error (error);

  path = attest_log_get_path ();
  g_assert_nonnull (path);
  dir_of_file = g_path_get_dirname (path);
  g_assert_cmpstr (dir_of_file, ==, directory);
  g_assert_true (g_str_has_suffix (directory, "/attest/Logs"));
  g_assert_true (g_str_has_prefix (directory, g_get_user_state_dir ()));

  g_log ("attest-test", G_LOG_LEVEL_INFO, "information line");
  g_log ("attest-test", G_LOG_LEVEL_DEBUG, "hidden debug line");
  attest_log_set_level (ATTEST_LOG_LEVEL_DEBUG);
  g_log ("attest-test", G_LOG_LEVEL_DEBUG, "visible debug line");

  contents = attest_test_read_file (path);
  g_assert_nonnull (strstr (contents, "[INF] attest-test: information line\n"));
  g_assert_null (strstr (contents, "hidden debug line"));
  g_assert_nonnull (strstr (contents, "[DBG] attest-test: visible debug line\n"));

  /* Only the user may read the log: it names customers. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  attest_log_shutdown ();
  g_assert_null (attest_log_get_path ());
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/log/file-name", test_log_file_name);
  g_test_add_func ("/log/line-format", test_log_line_format);
  g_test_add_func ("/log/levels-in-file", test_log_levels_in_file);

  return g_test_run ();
}
