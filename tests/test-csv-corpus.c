/* test-csv-corpus.c: every test file and every input the fuzzer once
 * crashed on, through everything the program does with a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "attest-test-init.h"
#include "fuzz/csv-exercise.h"

static void
exercise_file (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  csv_exercise ((const guint8 *) contents, length);
}

static guint
add_folder (GPtrArray  *paths,
            const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      char *path = g_build_filename (folder, name, NULL);
      g_autofree char *kind = g_path_get_basename (folder);
      g_autofree char *test_path = g_strdup_printf ("/csv/corpus/%s/%s", kind, name);

      if (name[0] == '.' || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_free (path);
          continue;
        }
      g_ptr_array_add (paths, path);
      g_test_add_data_func (test_path, path, exercise_file);
      n++;
    }

  return n;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *data = NULL;
  g_autofree char *regressions = NULL;
  guint n;

  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  data = g_test_build_filename (G_TEST_DIST, "data", "csv", NULL);
  regressions = g_test_build_filename (G_TEST_DIST, "fuzz", "regressions", NULL);
  n = add_folder (paths, data);
  g_assert_cmpuint (n, >=, 15);
  add_folder (paths, regressions);

  return g_test_run ();
}
