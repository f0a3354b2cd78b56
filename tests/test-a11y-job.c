/* test-a11y-job.c: the whole job through the accessibility bus (ui suite)
 *
 * Attest is driven as a screen reader user drives it: everything is found
 * by its role and the name a screen reader says, buttons are pressed
 * through their accessible action, text is typed into what has the focus.
 * The sandbox answers on 127.0.0.1 as slowly as Partner Center does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "attest-sandbox.h"
#include "attest-test-atspi.h"
#include "attest-test-init.h"
#include "attest-test-sign-in.h"
#include "attest-test-utils.h"

static AttestSandbox *sandbox;

static char **
app_environment (void)
{
  char **environment = g_new0 (char *, 6);

  environment[0] = g_strdup_printf ("ATTEST_API_BASE=%s", attest_sandbox_get_uri (sandbox));
  environment[1] = g_strdup_printf ("ATTEST_AUTHORITY=%s", attest_sandbox_get_uri (sandbox));
  environment[2] = g_strdup_printf ("ATTEST_APP_ID=%s", attest_sandbox_get_app_id (sandbox));
  environment[3] = g_strdup_printf ("ATTEST_USER=%s", attest_sandbox_get_user (sandbox));
  environment[4] = g_strdup_printf ("BROWSER=%s", g_getenv ("ATTEST_TEST_BROWSER"));

  return environment;
}

static AttestTestApp *
launch (void)
{
  g_auto(GStrv) environment = app_environment ();

  return attest_test_app_launch (NULL, (const char * const *) environment);
}

static void
press_button (AttestTestApp *app,
              const char    *name)
{
  g_autoptr(AtspiAccessible) button = attest_test_app_wait_for (app, ATSPI_ROLE_PUSH_BUTTON, name);

  attest_test_app_activate (app, button);
}

typedef struct
{
  AtspiAccessible *entry;
  const char      *text;
} EntryShows;

static gboolean
entry_shows (gpointer user_data)
{
  EntryShows *wait = user_data;
  g_autofree char *text = attest_test_at_dup_text (wait->entry);

  return g_strcmp0 (text, wait->text) == 0;
}

/* Types @text where the focus is, which must be the entry named @name:
 * the entry then says it. (libadwaita 1.2's entry rows tell the bus
 * nothing when they take the focus, so what they show is checked.) */
static void
type_into (AttestTestApp *app,
           const char    *name,
           const char    *text)
{
  g_autoptr(AtspiAccessible) entry = attest_test_app_wait_for (app, ATSPI_ROLE_TEXT, name);
  EntryShows wait = { entry, text };

  attest_test_app_press (app, "ctrl+a");
  attest_test_app_type (app, text);
  if (!attest_test_wait_until (entry_shows, &wait, 60000))
    {
      g_autofree char *shown = attest_test_at_dup_text (entry);

      g_error ("The entry %s shows “%s”, not “%s”", name, shown, wait.text);
    }
}

/* The table row that holds @accessible. */
static AtspiAccessible *
row_of (AtspiAccessible *accessible)
{
  g_autoptr(AtspiAccessible) at = g_object_ref (accessible);

  while (at != NULL && atspi_accessible_get_role (at, NULL) != ATSPI_ROLE_TABLE_ROW)
    {
      AtspiAccessible *parent = atspi_accessible_get_parent (at, NULL);

      g_object_unref (at);
      at = parent;
    }

  g_assert_nonnull (at);

  return g_steal_pointer (&at);
}

typedef struct
{
  AttestTestApp *app;
  char          *cell;      /* the accessible name of an editable cell */
  char          *text;      /* what it should show */
} CellShows;

static gboolean
cell_shows (gpointer user_data)
{
  CellShows *wait = user_data;
  g_autoptr(AtspiAccessible) cell = attest_test_app_find (wait->app, NULL, ATSPI_ROLE_FILLER,
                                                          wait->cell);
  g_autoptr(AtspiAccessible) label = NULL;

  if (cell == NULL)
    return FALSE;
  label = attest_test_app_find (wait->app, cell, ATSPI_ROLE_LABEL, wait->text);

  return label != NULL;
}

/* The name a screen reader says of the customer of @row: "Renée Şahin"
 * from its check box, "Marked: Renée Şahin (0e63…)". */
static char *
dup_customer_of_row (AttestTestApp   *app,
                     AtspiAccessible *row)
{
  g_autoptr(AtspiAccessible) check = attest_test_app_find (app, row, ATSPI_ROLE_CHECK_BOX, NULL);
  g_autofree char *name = NULL;
  const char *colon;
  const char *paren;

  g_assert_nonnull (check);
  name = atspi_accessible_get_name (check, NULL);
  colon = strstr (name, ": ");
  paren = strrchr (name, '(');
  g_assert_nonnull (colon);
  g_assert_nonnull (paren);

  return g_strndup (colon + 2, paren - 1 - (colon + 2));
}

typedef struct
{
  AttestTestApp   *app;
  AtspiAccessible *before;
} FocusLeft;

static gboolean
focus_left (gpointer user_data)
{
  FocusLeft *left = user_data;
  AtspiAccessible *focus = attest_test_app_get_focus (left->app);

  return focus != NULL && focus != left->before;
}

static gboolean
is_checked (gpointer user_data)
{
  return attest_test_at_has_state (user_data, ATSPI_STATE_CHECKED);
}

static void
test_job (void)
{
  g_autoptr(AttestTestApp) app = launch ();
  g_autoptr(AtspiAccessible) problem = NULL;
  g_autoptr(AtspiAccessible) row = NULL;
  g_autoptr(AtspiAccessible) email = NULL;
  g_autoptr(AtspiAccessible) check = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *email_name = NULL;
  int status = -1;
  g_autofree char *exported = g_build_filename (attest_test_get_root (), "fixed.csv", NULL);
  CellShows fixed;

  /* Signed out: Fetch asks for the sign-in, then goes on. */
  press_button (app, "Fetch from Partner Center");
  attest_test_app_wait_for (app, ATSPI_ROLE_FRAME, "Sign In");
  press_button (app, "Sign In with Browser");
  attest_test_app_wait_gone (app, ATSPI_ROLE_FRAME, "Sign In");

  /* A customer whose email needs fixing: it is fixed in its cell. */
  problem = attest_test_app_wait_for (app, ATSPI_ROLE_LABEL, "The email address*");
  row = row_of (problem);
  customer = dup_customer_of_row (app, row);
  email_name = g_strdup_printf ("Email of %s", customer);
  email = attest_test_app_find (app, row, ATSPI_ROLE_FILLER, email_name);
  g_assert_nonnull (email);
  attest_test_app_activate (app, email);
  attest_test_app_wait_focus (app, ATSPI_ROLE_TEXT, email_name);
  attest_test_app_press (app, "ctrl+a");
  attest_test_app_type (app, "fixed.address@contoso.com");
  attest_test_app_press (app, "Return");
  fixed = (CellShows) { app, email_name, "fixed.address@contoso.com" };
  g_assert_true (attest_test_wait_until (cell_shows, &fixed, 60000));

  /* Its problem is gone, and it is marked. */
  g_clear_object (&row);
  g_clear_object (&email);
  email = attest_test_app_wait_for (app, ATSPI_ROLE_FILLER, email_name);
  row = row_of (email);
  g_assert_null (attest_test_app_find (app, row, ATSPI_ROLE_LABEL, "The email address*"));
  check = attest_test_app_find (app, row, ATSPI_ROLE_CHECK_BOX, NULL);
  g_assert_false (attest_test_at_has_state (check, ATSPI_STATE_CHECKED));
  attest_test_app_click (app, check);
  g_assert_true (attest_test_wait_until (is_checked, check, 60000));

  press_button (app, "Acceptance");
  g_clear_object (&problem);
  problem = attest_test_app_wait_for (app, ATSPI_ROLE_MENU_ITEM, "Check Status");
  attest_test_app_activate (app, problem);
  attest_test_app_wait_gone (app, ATSPI_ROLE_LABEL, "Not checked");
  g_clear_object (&problem);
  problem = attest_test_app_wait_for (app, ATSPI_ROLE_LABEL, "Checked 30 customers*");

  /* Those who need to accept, shown and marked. */
  press_button (app, "Show Them");
  attest_test_app_wait_gone (app, ATSPI_ROLE_LABEL, "Accepted directly");
  press_button (app, "Mark All Shown");
  g_clear_object (&problem);
  problem = attest_test_app_wait_for (app, ATSPI_ROLE_LABEL, "17 of 30 shown · 18 marked*");
  press_button (app, "Acceptance");
  g_clear_object (&problem);
  problem = attest_test_app_wait_for (app, ATSPI_ROLE_MENU_ITEM, "Request Acceptance…");
  attest_test_app_activate (app, problem);

  /* Writing in the current flow needs the partner's AppOnly credential:
   * the window asks for it, in a dialog for that alone, then goes on. */
  press_button (app, "Add AppOnly Credential…");
  g_clear_object (&problem);
  problem = attest_test_app_wait_for (app, ATSPI_ROLE_FRAME, "Add AppOnly Credential");
  g_assert_null (attest_test_app_find (app, problem, ATTEST_TEST_ANY_ROLE,
                                       "Sign In with Browser"));
  attest_test_app_focus_window (app, problem);
  /* It opens at the Application ID; Tab goes on by the partner tenant to
   * the secret. */
  type_into (app, "Application ID", attest_sandbox_get_app_client_id (sandbox));
  attest_test_app_press (app, "Tab");
  attest_test_app_wait_focus (app, ATSPI_ROLE_LIST_ITEM, "Partner Tenant");
  attest_test_app_press (app, "Tab");
  /* The secret is not read back: the window validates it with a token
   * before it keeps it, and the dialog closes only then. */
  attest_test_app_press (app, "ctrl+a");
  attest_test_app_type (app, attest_sandbox_get_app_client_secret (sandbox));
  press_button (app, "Validate and Save");
  attest_test_app_wait_gone (app, ATSPI_ROLE_FRAME, "Add AppOnly Credential");
  g_clear_object (&problem);
  problem = attest_test_app_wait_for (app, ATSPI_ROLE_FRAME, "Request Acceptance");
  attest_test_app_wait_for (app, ATSPI_ROLE_LIST_ITEM, "Requested now");
  press_button (app, "Continue");
  press_button (app, "Request");
  g_clear_object (&problem);
  problem = attest_test_app_wait_for (app, ATSPI_ROLE_LABEL, "11 Customers Requested");
  {
    g_autoptr(AtspiAccessible) frame = attest_test_app_wait_for (app, ATSPI_ROLE_FRAME,
                                                                 "Request Acceptance");
    g_autoptr(AtspiAccessible) close = attest_test_app_find (app, frame, ATSPI_ROLE_PUSH_BUTTON,
                                                             "Close");
    g_autofree char *d = attest_test_app_describe (app);

    if (close == NULL)
      g_error ("No Close in:\n%s", d);
    attest_test_app_activate (app, close);
  }
  attest_test_app_wait_gone (app, ATSPI_ROLE_FRAME, "Request Acceptance");

  /* Why each held-back customer was held back, in its row. */
  attest_test_app_wait_for (app, ATSPI_ROLE_LABEL,
                            "Language (neither the file nor the billing profile has one)*");

  /* Exported: the file chooser opens at its name, where the whole path
   * is typed. */
  press_button (app, "Export");
  g_clear_object (&problem);
  problem = attest_test_app_wait_for (app, ATTEST_TEST_ANY_ROLE, "Export Customers");
  attest_test_app_focus_window (app, problem);
  attest_test_app_press (app, "ctrl+a");
  attest_test_app_type (app, exported);
  attest_test_app_press (app, "Return");
  attest_test_app_wait_for (app, ATSPI_ROLE_LABEL, "Exported to fixed.csv");
  g_assert_true (g_file_test (exported, G_FILE_TEST_EXISTS));

  /* Marks changed since: closing asks, and Discard closes. */
  press_button (app, "Unmark All Shown");
  attest_test_app_wait_for (app, ATSPI_ROLE_LABEL, "6 of 30 shown · 12 marked*");
  {
    g_autoptr(AtspiAccessible) frame = attest_test_app_wait_for (app, ATSPI_ROLE_FRAME, "Attest");
    g_autoptr(AtspiAccessible) close = attest_test_app_find (app, frame, ATSPI_ROLE_PUSH_BUTTON,
                                                             "Close");

    g_assert_nonnull (close);
    attest_test_app_activate (app, close);
  }
  attest_test_app_wait_for (app, ATSPI_ROLE_DIALOG, "Export Your Changes?");
  press_button (app, "Discard");
  g_assert_true (attest_test_app_wait_exit (app, &status));
  g_assert_cmpint (status, ==, 0);
}

/* Opened again, Attest is still signed in: the keyring kept it. */
static void
test_reopen_signed_in (void)
{
  g_autoptr(AttestTestApp) app = launch ();

  press_button (app, "Fetch from Partner Center");
  attest_test_app_wait_for (app, ATSPI_ROLE_LABEL, "30 customers*");
  /* The fetch needed no sign-in. */
  g_assert_null (attest_test_app_find (app, NULL, ATSPI_ROLE_FRAME, "Sign In"));
}

/* Whether a screen reader would say something a person understands: not
 * nothing, not a class name ("GtkButton", "AdwGizmo"), no mnemonic
 * underline, not the same words twice ("Import Import"). */
static gboolean
is_understandable (const char *name)
{
  g_auto(GStrv) words = NULL;
  guint n;

  if (name == NULL || name[0] == '\0' || strchr (name, '_') != NULL)
    return FALSE;
  if (g_regex_match_simple ("^(Gtk|Adw|Attest)[A-Z][A-Za-z]*$", name, 0, 0))
    return FALSE;

  words = g_strsplit (name, " ", -1);
  n = g_strv_length (words);
  if (n % 2 == 0 && n > 0)
    {
      gboolean doubled = TRUE;

      for (guint i = 0; i < n / 2; i++)
        doubled &= g_str_equal (words[i], words[i + n / 2]);
      if (doubled)
        return FALSE;
    }

  return TRUE;
}

/* Keyboard only: Tab to Fetch and press Enter, then Tab through the window; every
 * focus stop has a name a person understands, and Ctrl+Q quits, with
 * nothing to lose and so nothing asked. */
static void
test_keyboard_only (void)
{
  g_autoptr(AttestTestApp) app = launch ();
  g_autoptr(AtspiAccessible) frame = attest_test_app_wait_for (app, ATSPI_ROLE_FRAME, "Attest");
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AtspiAccessible) fetch = NULL;
  int status = -1;

  attest_test_app_focus_window (app, frame);
  fetch = attest_test_app_wait_for (app, ATSPI_ROLE_PUSH_BUTTON, "Fetch from Partner Center");
  attest_test_app_tab_to (app, fetch, 20);
  attest_test_app_press (app, "Return");
  attest_test_app_wait_for (app, ATSPI_ROLE_LABEL, "30 customers*");

  for (guint i = 0; i < 40; i++)
    {
      AtspiAccessible *before = attest_test_app_get_focus (app);
      g_autoptr(AtspiAccessible) kept = before != NULL ? g_object_ref (before) : NULL;
      g_autofree char *name = NULL;
      g_autofree char *described = NULL;

      attest_test_app_press (app, "Tab");
      g_assert_true (attest_test_wait_until (focus_left, &(FocusLeft) { app, kept }, 60000));
      name = atspi_accessible_get_name (attest_test_app_get_focus (app), NULL);
      described = attest_test_at_describe (attest_test_app_get_focus (app));
      g_ptr_array_add (seen, g_strdup (described));
      if (!is_understandable (name))
        g_error ("Focus stop %u is %s", i, described);
    }
  /* The Tab order went into the rows: their marks and their cells. */
  {
    gboolean mark = FALSE, cell = FALSE;

    for (guint i = 0; i < seen->len; i++)
      {
        const char *stop = g_ptr_array_index (seen, i);

        mark |= g_str_has_prefix (stop, "check box “Marked: ");
        cell |= strstr (stop, "“Email of ") != NULL;
      }
    if (!mark || !cell)
      {
        g_ptr_array_add (seen, NULL);
        g_error ("The focus stops: %s", g_strjoinv (", ", (char **) seen->pdata));
      }
  }

  attest_test_app_press (app, "ctrl+q");
  g_assert_true (attest_test_app_wait_exit (app, &status));
  g_assert_cmpint (status, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);
  sandbox = attest_test_start_sandbox ();
  attest_sandbox_set_customer_count (sandbox, 30);

  g_test_add_func ("/a11y/job", test_job);
  g_test_add_func ("/a11y/reopen-signed-in", test_reopen_signed_in);
  g_test_add_func ("/a11y/keyboard-only", test_keyboard_only);

  return g_test_run ();
}
