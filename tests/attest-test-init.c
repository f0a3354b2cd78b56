/* attest-test-init.c: the set-up every test program starts with
 *
 * Every program gets a temporary folder that holds its HOME and XDG folders and its keyring
 * file, settings that live in memory, and warnings that fail the test; then what its flags ask
 * for. So no test reads or writes the files, settings or keyring of the person who runs it, and
 * programs running side by side share nothing. The folder goes when the program ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "attest-test-init.h"
#include "attest-test-utils.h"

/* Set for the processes a test program starts, so that a copy of it that
 * g_test_trap_subprocess() runs keeps its parent's folders. */
#define ROOT_VARIABLE "ATTEST_TEST_ROOT"

static char *test_root;

static void
remove_root (void)
{
  attest_test_remove_tree (test_root);
  g_clear_pointer (&test_root, g_free);
}

/* Points HOME and the XDG folders of this process (and of the processes it
 * starts) at a new temporary folder. It comes before GLib or GTK is asked
 * for any of those folders, as GLib keeps the first answer. (GLib's
 * G_TEST_OPTION_ISOLATE_DIRS does the same per test case, but leaks on
 * purpose, which would hide our own leaks from LeakSanitizer.) */
static void
isolate_dirs (void)
{
  static const char * const variables[] = {
    "HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME",
  };
  g_autoptr(GError) error = NULL;
  const char *inherited = g_getenv (ROOT_VARIABLE);

  if (inherited != NULL)
    {
      test_root = g_strdup (inherited);
      return;
    }

  test_root = g_dir_make_tmp ("attest-test-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      g_autofree char *name = g_ascii_strdown (variables[i], -1);
      g_autofree char *path = g_build_filename (test_root, name, NULL);

      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
      g_setenv (variables[i], path, TRUE);
    }

  g_setenv (ROOT_VARIABLE, test_root, TRUE);
  atexit (remove_root);
}

/* libsecret's file backend (SECRET_BACKEND=file) is one per process and
 * opens its file at its first use, so the file is chosen before anything
 * signs in. Under tests/keyring-session.sh libsecret talks to a real
 * gnome-keyring instead, and the file is not used. */
static void
isolate_keyring (void)
{
  g_autofree char *keyring = g_build_filename (test_root, "test.keyring", NULL);

  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
}

/* The stand-in browser ($BROWSER) follows the sandbox's sign-in
 * redirects. */
static void
use_test_browser (void)
{
  const char *browser = g_getenv ("ATTEST_TEST_BROWSER");

  g_assert_nonnull (browser);
  g_setenv ("BROWSER", browser, TRUE);
}

static void
init_gtk (int    *argc,
          char ***argv)
{
  const char *display = g_getenv ("ATTEST_TEST_DISPLAY");

  /* keyring-session.sh hides the display from the keyring's bus and hands
   * it over in ATTEST_TEST_DISPLAY. */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  /* What a test inspects, and photographs, is the end state, not a frame
   * of a transition. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

/* Starts a test program: call it first in main(), in place of
 * g_test_init(). */
void
attest_test_init (int              *argc,
                  char           ***argv,
                  AttestTestFlags   flags)
{
  isolate_dirs ();
  isolate_keyring ();
  /* Settings a test changes must not outlive it, nor reach dconf. */
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  if (flags & ATTEST_TEST_SIGN_IN)
    use_test_browser ();

  if (flags & ATTEST_TEST_GTK)
    init_gtk (argc, argv);
  else
    g_test_init (argc, argv, NULL);

  /* A warning or a critical is a bug, whichever library logs it. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

/* The temporary folder that holds this program's HOME and XDG folders. */
const char *
attest_test_get_root (void)
{
  g_assert_nonnull (test_root);

  return test_root;
}
