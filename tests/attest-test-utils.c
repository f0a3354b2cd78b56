/* attest-test-utils.c: helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "attest-test-utils.h"

static void
on_timeout (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
}

/* Iterates the default main context until @condition holds or @timeout_ms
 * has passed; returns whether the condition held. */
gboolean
attest_test_wait_until (AttestTestCondition condition,
                        gpointer            user_data,
                        guint               timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_once (timeout_ms * attest_test_time_scale (), on_timeout,
                                         &timed_out);

  while (!condition (user_data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (timeout_id);

  return condition (user_data);
}

/* How much slower than usual the programs under test run: 1, or
 * ATTEST_TEST_TIME_SCALE when set (tests/valgrind/run.sh sets it, as
 * memcheck slows every process down). Tests that act at a chosen moment of
 * another process's work, such as a kill, scale that moment by it. */
guint
attest_test_time_scale (void)
{
  const char *value = g_getenv ("ATTEST_TEST_TIME_SCALE");
  guint64 scale;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, 1000, &scale, NULL))
    return 1;

  return scale;
}

char *
attest_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* How many files under @path (a folder, walked whole, or a file) hold
 * @text: where a secret must never be written. */
guint
attest_test_count_files_holding (const char *path,
                                 const char *text)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autofree char *contents = NULL;
  const char *name;
  gsize length = 0;
  guint count = 0;

  if (dir == NULL)
    return g_file_get_contents (path, &contents, &length, NULL)
           && g_strstr_len (contents, length, text) != NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      count += attest_test_count_files_holding (child, text);
    }

  return count;
}

/* Flips one bit of the byte in the middle of @path: a damaged file, which
 * flipping again restores. */
void
attest_test_flip_middle_byte (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 2);
  contents[length / 2] ^= 0x01;
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;
      GFile *child;

      while (g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
        remove_tree (child);
    }

  g_file_delete (file, NULL, NULL);
}

void
attest_test_remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  remove_tree (file);
}

/* A GAsyncReadyCallback that keeps the result in the GAsyncResult * that
 * @slot points to; attest_test_wait_result() then spins the main context
 * until it is there and hands it over (unref it). */
void
attest_test_store_result (GObject      *source,
                          GAsyncResult *result,
                          gpointer      slot)
{
  GAsyncResult **stored = slot;

  g_assert_null (*stored);
  *stored = g_object_ref (result);
}

GAsyncResult *
attest_test_wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (slot);
}

/* Whether the C library has @locale, such as "fr_FR.UTF-8", for a process
 * to run in; when it has not, the test is skipped, saying why. */
gboolean
attest_test_have_locale (const char *locale)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  gboolean have = setlocale (LC_ALL, locale) != NULL;

  setlocale (LC_ALL, saved);
  if (!have)
    g_test_skip_printf ("The locale %s is not installed; scripts/install-deps makes it", locale);

  return have;
}

/* Reads this build's translations (ATTEST_TEST_LOCALEDIR) in @language
 * ("en", "fr" or "tr", as $LANGUAGE says before attest_test_init()), with
 * its locale for the digits and dates when that is installed
 * (scripts/install-deps makes it). Returns NULL, or why the locale is
 * missing, for the tests that need it to skip. */
char *
attest_test_use_language (const char *language)
{
  static const struct { const char *language; const char *locale; } locales[] = {
    { "en", "en_US.UTF-8" }, { "fr", "fr_FR.UTF-8" }, { "tr", "tr_TR.UTF-8" },
  };
  char *missing = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    if (g_str_equal (locales[i].language, language)
        && setlocale (LC_ALL, locales[i].locale) == NULL)
      missing = g_strdup_printf ("The %s locale is not installed", locales[i].locale);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ATTEST_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return missing;
}
