/* attest-test-atspi.c: driving Attest as a screen reader does, through the
 * accessibility bus
 *
 * The program under test is the real `attest` binary in its own process,
 * with accessibility on (the other tests turn it off with GTK_A11Y=none),
 * on the display and session bus the test runs in. What it shows is found
 * by role and accessible name, as a screen reader user would hear it;
 * buttons are pressed through their accessible action, text is typed
 * through the bus's keyboard synthesis, as on-screen keyboards do, and
 * keys are pressed through the X server's test extension.
 *
 * Xvfb runs no window manager, so the harness does the little of one's
 * work a person relies on: a window that is to take the keyboard is
 * raised and given the X input focus, and a click lands where the window
 * is on the screen.
 *
 * Waiting is for conditions: every event the application sends on the bus
 * wakes the test, which looks again; as some changes send none (a label's
 * text, for one), it also looks again every tenth of a second. A bound,
 * scaled like the other tests' (attest_test_time_scale), only turns a
 * condition that never comes true into a failure with a description.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <X11/keysym.h>
#include <gio/gio.h>
#include <string.h>

#include "attest-test-atspi.h"
#include "attest-test-utils.h"

#define WAIT_MS      60000
#define RECHECK_MS   100

struct _AttestTestApp
{
  GSubprocess         *process;
  gboolean             exited;
  int                  status;
  AtspiAccessible     *root;       /* the application */
  AtspiAccessible     *focus;      /* what last took the focus */
  AtspiEventListener  *listener;
  guint                recheck_id;
};

static void
on_event (AtspiEvent *event,
          gpointer    user_data)
{
  AttestTestApp *app = user_data;

  if (g_str_equal (event->type, "object:state-changed:focused") && event->detail1 == 1
      && event->source != NULL)
    g_set_object (&app->focus, event->source);

  g_boxed_free (ATSPI_TYPE_EVENT, event);
}

/* Wakes the main loop now and then: see the header comment. */
static gboolean
recheck (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
on_exited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  AttestTestApp *app = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  app->status = g_subprocess_get_status (G_SUBPROCESS (source));
  app->exited = TRUE;
}

/* libatspi asks every application for the cache of its accessibles when
 * it first looks into it; GTK 4.8 has none, and libatspi warns of that,
 * then asks for each as it needs it. That warning, and only it, is no
 * failure: it is neither fatal nor printed. */
static gboolean
is_no_cache_warning (const char *log_domain,
                     const char *message)
{
  return g_strcmp0 (log_domain, "dbind") == 0 && strstr (message, "GetItems") != NULL
         && strstr (message, "/org/a11y/atspi/cache") != NULL;
}

static gboolean
fatal_unless_no_cache (const char     *log_domain,
                       GLogLevelFlags  log_level,
                       const char     *message,
                       gpointer        user_data)
{
  return !is_no_cache_warning (log_domain, message);
}

static void
log_unless_no_cache (const char     *log_domain,
                     GLogLevelFlags  log_level,
                     const char     *message,
                     gpointer        user_data)
{
  if (!is_no_cache_warning (log_domain, message))
    g_log_default_handler (log_domain, log_level, message, user_data);
}

typedef struct
{
  AttestTestApp *app;
  const char    *pid;
} FindApp;

static gboolean
found_application (gpointer user_data)
{
  FindApp *find = user_data;
  g_autoptr(AtspiAccessible) desktop = atspi_get_desktop (0);
  gint count;

  if (find->app->exited)
    return TRUE;

  atspi_accessible_clear_cache (desktop);
  count = atspi_accessible_get_child_count (desktop, NULL);
  for (gint i = 0; i < count; i++)
    {
      g_autoptr(AtspiAccessible) child = atspi_accessible_get_child_at_index (desktop, i, NULL);
      g_autofree char *pid = NULL;

      if (child == NULL)
        continue;
      pid = g_strdup_printf ("%u", atspi_accessible_get_process_id (child, NULL));
      if (g_str_equal (pid, find->pid))
        {
          find->app->root = g_steal_pointer (&child);
          return TRUE;
        }
    }

  return FALSE;
}

/* The accessibility bus, and the registry on it that makes key events,
 * are started by the session bus when first asked for, with its
 * environment: without the display and its key (xvfb-run makes one) they
 * could make no key event. */
static void
give_the_bus_the_display (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder environment;

  g_assert_nonnull (bus);
  g_assert_nonnull (g_getenv ("DISPLAY"));
  g_variant_builder_init (&environment, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&environment, "{ss}", "DISPLAY", g_getenv ("DISPLAY"));
  if (g_getenv ("XAUTHORITY") != NULL)
    g_variant_builder_add (&environment, "{ss}", "XAUTHORITY", g_getenv ("XAUTHORITY"));
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "UpdateActivationEnvironment",
                                       g_variant_new ("(a{ss})", &environment), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

/* Starts `attest` with @arguments (NULL-terminated, without the program)
 * and @environment ("NAME=value" strings added to the test's own, may be
 * NULL), and waits until its application is on the accessibility bus. */
AttestTestApp *
attest_test_app_launch (const char * const *arguments,
                        const char * const *environment)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  AttestTestApp *app = g_new0 (AttestTestApp, 1);
  FindApp find = { app, NULL };
  const char *binary = g_getenv ("ATTEST_BINARY");

  g_assert_nonnull (binary);
  /* keyring-session.sh hides the display from its bus, and hands it over
   * in ATTEST_TEST_DISPLAY. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("ATTEST_TEST_DISPLAY") != NULL)
    g_setenv ("DISPLAY", g_getenv ("ATTEST_TEST_DISPLAY"), TRUE);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_test_log_set_fatal_handler (fatal_unless_no_cache, NULL);
  g_log_set_handler ("dbind", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL, log_unless_no_cache, NULL);
  give_the_bus_the_display ();
  if (atspi_init () < 0)
    g_error ("Cannot reach the accessibility bus");

  /* Accessibility on, and nothing else of the test's own settings changed. */
  g_subprocess_launcher_unsetenv (launcher, "GTK_A11Y");
  for (guint i = 0; environment != NULL && environment[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (environment[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  g_ptr_array_add (argv, (char *) binary);
  for (guint i = 0; arguments != NULL && arguments[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) arguments[i]);
  g_ptr_array_add (argv, NULL);

  app->listener = atspi_event_listener_new (on_event, app, NULL);
  atspi_event_listener_register (app->listener, "object:", NULL);
  atspi_event_listener_register (app->listener, "window:", NULL);
  app->recheck_id = g_timeout_add (RECHECK_MS, recheck, NULL);

  app->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                               &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (app->process, NULL, on_exited, app);

  find.pid = g_subprocess_get_identifier (app->process);
  g_assert_true (attest_test_wait_until (found_application, &find,
                                         WAIT_MS * attest_test_time_scale ()));
  g_assert_false (app->exited);
  g_assert_nonnull (app->root);

  return app;
}

/* Ends the program if it still runs, and forgets it. */
void
attest_test_app_free (AttestTestApp *app)
{
  if (!app->exited)
    {
      g_subprocess_send_signal (app->process, SIGTERM);
      attest_test_app_wait_exit (app, NULL);
    }

  atspi_event_listener_deregister (app->listener, "object:", NULL);
  atspi_event_listener_deregister (app->listener, "window:", NULL);
  g_object_unref (app->listener);
  g_source_remove (app->recheck_id);
  g_clear_object (&app->focus);
  g_clear_object (&app->root);
  g_object_unref (app->process);
  g_free (app);
}

AtspiAccessible *
attest_test_app_get_root (AttestTestApp *app)
{
  return app->root;
}

static gboolean
has_exited (gpointer user_data)
{
  return ((AttestTestApp *) user_data)->exited;
}

/* Waits until the program has ended; FALSE when it does not. */
gboolean
attest_test_app_wait_exit (AttestTestApp *app,
                           int           *status)
{
  gboolean exited = attest_test_wait_until (has_exited, app,
                                            WAIT_MS * attest_test_time_scale ());

  if (status != NULL)
    *status = app->status;

  return exited;
}

gboolean
attest_test_at_has_state (AtspiAccessible *accessible,
                          AtspiStateType   state)
{
  g_autoptr(AtspiStateSet) states = atspi_accessible_get_state_set (accessible);

  return states != NULL && atspi_state_set_contains (states, state);
}

/* Whether a person can see it. GTK 4.8 sets no SHOWING state, and says
 * VISIBLE of a stack's hidden pages too; what is not drawn has no area. */
gboolean
attest_test_at_is_shown (AtspiAccessible *accessible)
{
  g_autoptr(GObject) component = G_OBJECT (atspi_accessible_get_component_iface (accessible));
  g_autofree AtspiRect *extents = NULL;

  if (component == NULL)
    return attest_test_at_has_state (accessible, ATSPI_STATE_VISIBLE);

  extents = atspi_component_get_extents (ATSPI_COMPONENT (component), ATSPI_COORD_TYPE_WINDOW,
                                         NULL);

  return extents != NULL && extents->width > 0 && extents->height > 0;
}

static gboolean
matches (AtspiAccessible *accessible,
         AtspiRole        role,
         const char      *name)
{
  g_autofree char *own_name = NULL;

  if (role != ATTEST_TEST_ANY_ROLE && atspi_accessible_get_role (accessible, NULL) != role)
    return FALSE;
  if (name == NULL)
    return TRUE;

  own_name = atspi_accessible_get_name (accessible, NULL);
  if (own_name == NULL)
    return FALSE;
  if (g_str_has_suffix (name, "*"))
    return strncmp (own_name, name, strlen (name) - 1) == 0;

  return g_str_equal (own_name, name);
}

/* Depth first, through what is shown only, as a person sees it. */
static AtspiAccessible *
find_in (AtspiAccessible *accessible,
         AtspiRole        role,
         const char      *name,
         guint            depth)
{
  gint count;

  if (depth > 0 && !attest_test_at_is_shown (accessible))
    return NULL;
  if (depth > 0 && matches (accessible, role, name))
    return g_object_ref (accessible);

  count = atspi_accessible_get_child_count (accessible, NULL);
  for (gint i = 0; i < count && depth < 64; i++)
    {
      g_autoptr(AtspiAccessible) child = atspi_accessible_get_child_at_index (accessible, i,
                                                                             NULL);
      AtspiAccessible *found;

      if (child == NULL)
        continue;
      found = find_in (child, role, name, depth + 1);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first shown accessible of @role (or any) named @name (any name when
 * NULL; any that begins so when it ends in "*") within @within (NULL: the
 * whole application), or NULL. */
AtspiAccessible *
attest_test_app_find (AttestTestApp   *app,
                      AtspiAccessible *within,
                      AtspiRole        role,
                      const char      *name)
{
  AtspiAccessible *root = within != NULL ? within : app->root;

  atspi_accessible_clear_cache (root);

  return find_in (root, role, name, 0);
}

typedef struct
{
  AttestTestApp   *app;
  AtspiRole        role;
  const char      *name;
  AtspiAccessible *found;
  gboolean         want_gone;
} Wait;

static gboolean
wait_found (gpointer user_data)
{
  Wait *wait = user_data;

  g_clear_object (&wait->found);
  wait->found = attest_test_app_find (wait->app, NULL, wait->role, wait->name);

  return wait->app->exited || (wait->found != NULL) != wait->want_gone;
}

static void
describe_tree (GString         *text,
               AtspiAccessible *accessible,
               guint            depth)
{
  g_autofree char *description = attest_test_at_describe (accessible);
  gint count;

  if (depth > 0 && !attest_test_at_is_shown (accessible))
    return;

  g_string_append_printf (text, "%*s%s\n", depth * 2, "", description);
  count = atspi_accessible_get_child_count (accessible, NULL);
  for (gint i = 0; i < count && depth < 64; i++)
    {
      g_autoptr(AtspiAccessible) child = atspi_accessible_get_child_at_index (accessible, i,
                                                                             NULL);

      if (child != NULL)
        describe_tree (text, child, depth + 1);
    }
}

/* What the application shows, as a tree of roles and names: printed when
 * a wait fails, and for finding one's way when writing a test. */
char *
attest_test_app_describe (AttestTestApp *app)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (!app->exited)
    {
      atspi_accessible_clear_cache (app->root);
      describe_tree (text, app->root, 0);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fail_waiting (Wait       *wait,
              const char *what)
{
  g_autofree char *shown = attest_test_app_describe (wait->app);

  g_printerr ("What Attest shows:\n%s", shown);
  g_autofree char *role = atspi_role_get_name (wait->role);

  g_autofree char *ended = wait->app->exited
                           ? g_strdup_printf (", as Attest ended (wait status %d)",
                                              wait->app->status)
                           : g_strdup ("");

  g_error ("%s %s “%s”%s", what, wait->role == ATTEST_TEST_ANY_ROLE ? "anything" : role,
           wait->name != NULL ? wait->name : "(any name)", ended);
}

/* Waits until a showing accessible of @role named @name is there, and
 * returns it (owned). */
AtspiAccessible *
attest_test_app_wait_for (AttestTestApp *app,
                          AtspiRole      role,
                          const char    *name)
{
  Wait wait = { app, role, name, NULL, FALSE };

  if (!attest_test_wait_until (wait_found, &wait, WAIT_MS * attest_test_time_scale ())
      || wait.found == NULL)
    fail_waiting (&wait, "Never saw");

  return wait.found;
}

/* Waits until no showing accessible of @role named @name is left. */
void
attest_test_app_wait_gone (AttestTestApp *app,
                           AtspiRole      role,
                           const char    *name)
{
  Wait wait = { app, role, name, NULL, TRUE };

  if (!attest_test_wait_until (wait_found, &wait, WAIT_MS * attest_test_time_scale ())
      || wait.found != NULL)
    fail_waiting (&wait, "Still saw");
}

/* What last took the keyboard focus, or NULL. */
AtspiAccessible *
attest_test_app_get_focus (AttestTestApp *app)
{
  return app->focus;
}

static gboolean
focus_matches (gpointer user_data)
{
  Wait *wait = user_data;

  return wait->app->exited
         || (wait->app->focus != NULL && matches (wait->app->focus, wait->role, wait->name));
}

/* Waits until the focus is on an accessible of @role named @name, and
 * returns it (borrowed). */
AtspiAccessible *
attest_test_app_wait_focus (AttestTestApp *app,
                            AtspiRole      role,
                            const char    *name)
{
  Wait wait = { app, role, name, NULL, FALSE };

  if (!attest_test_wait_until (focus_matches, &wait, WAIT_MS * attest_test_time_scale ())
      || app->exited)
    {
      g_autofree char *focus = app->focus != NULL ? attest_test_at_describe (app->focus)
                                                  : g_strdup ("nothing");

      g_printerr ("The focus is on %s\n", focus);
      fail_waiting (&wait, "The focus never went to");
    }

  return app->focus;
}

static gboolean
has_action (AtspiAccessible *accessible)
{
  g_autoptr(GObject) action = G_OBJECT (atspi_accessible_get_action_iface (accessible));

  return action != NULL && atspi_action_get_n_actions (ATSPI_ACTION (action), NULL) > 0;
}

/* Does what the accessible's first action does: a button's click, an
 * entry's activate. A menu button's action is its inner button's. */
void
attest_test_app_activate (AttestTestApp   *app,
                          AtspiAccessible *accessible)
{
  g_autoptr(AtspiAccessible) target = g_object_ref (accessible);
  g_autoptr(GObject) action = NULL;
  g_autoptr(GError) error = NULL;

  if (!has_action (target) && atspi_accessible_get_child_count (target, NULL) > 0)
    {
      g_autoptr(AtspiAccessible) child = atspi_accessible_get_child_at_index (target, 0, NULL);

      if (child != NULL && has_action (child))
        g_set_object (&target, child);
    }

  action = G_OBJECT (atspi_accessible_get_action_iface (target));
  g_assert_true (has_action (target));
  atspi_action_do_action (ATSPI_ACTION (action), 0, &error);
  g_assert_no_error (error);
}

typedef struct
{
  AttestTestApp   *app;
  AtspiAccessible *before;
} FocusMoved;

static gboolean
focus_moved (gpointer user_data)
{
  FocusMoved *moved = user_data;

  return moved->app->focus != NULL && moved->app->focus != moved->before;
}

typedef struct
{
  AttestTestApp   *app;
  AtspiAccessible *target;
} FocusOn;

static gboolean
focus_is_on (gpointer user_data)
{
  FocusOn *focus = user_data;
  g_autofree char *focused = NULL;
  g_autofree char *target = NULL;

  if (focus->app->focus == NULL)
    return FALSE;
  if (focus->app->focus == focus->target)
    return TRUE;

  /* The same object may come back as another proxy. */
  focused = attest_test_at_describe (focus->app->focus);
  target = attest_test_at_describe (focus->target);

  return g_str_equal (focused, target)
         && atspi_accessible_get_index_in_parent (focus->app->focus, NULL)
            == atspi_accessible_get_index_in_parent (focus->target, NULL);
}

/* Moves the keyboard focus to @accessible with Tab, as a keyboard user
 * does (GTK 4.8 does not let the bus move it): at most @max_tabs presses,
 * each waited for. */
void
attest_test_app_tab_to (AttestTestApp   *app,
                        AtspiAccessible *accessible,
                        guint            max_tabs)
{
  FocusOn focus = { app, accessible };

  for (guint i = 0; i <= max_tabs; i++)
    {
      g_autoptr(AtspiAccessible) before = app->focus != NULL ? g_object_ref (app->focus) : NULL;

      if (focus_is_on (&focus))
        return;
      attest_test_app_press (app, "Tab");
      /* The focus moves, or the test fails waiting for it. */
      g_assert_true (attest_test_wait_until (focus_moved, &(FocusMoved) { app, before },
                                             WAIT_MS * attest_test_time_scale ()));
    }

  {
    g_autofree char *target = attest_test_at_describe (accessible);

    g_error ("Tab never took the focus to %s", target);
  }
}

static Display *
x_display (void)
{
  static Display *display;

  if (display == NULL)
    display = XOpenDisplay (NULL);
  g_assert_nonnull (display);

  return display;
}

/* The title of @window as GTK sets it (_NET_WM_NAME, UTF-8), or NULL. */
static char *
dup_x_title (Window window)
{
  Display *display = x_display ();
  Atom utf8 = XInternAtom (display, "UTF8_STRING", False);
  Atom net_wm_name = XInternAtom (display, "_NET_WM_NAME", False);
  unsigned char *data = NULL;
  unsigned long n_items, bytes_after;
  Atom type;
  int format;
  char *title = NULL;

  if (XGetWindowProperty (display, window, net_wm_name, 0, 1024, False, utf8, &type, &format,
                          &n_items, &bytes_after, &data) == Success && data != NULL)
    title = g_strndup ((const char *) data, n_items);
  if (data != NULL)
    XFree (data);

  return title;
}

/* The top-most shown X window titled @title, or 0. */
static Window
find_x_window (const char *title)
{
  Display *display = x_display ();
  Window root, parent, *children = NULL, found = 0;
  unsigned int n_children = 0;

  if (!XQueryTree (display, DefaultRootWindow (display), &root, &parent, &children, &n_children))
    return 0;

  /* Children come bottom first. */
  for (unsigned int i = n_children; i-- > 0 && found == 0;)
    {
      XWindowAttributes attributes;
      g_autofree char *own_title = NULL;

      if (!XGetWindowAttributes (display, children[i], &attributes)
          || attributes.map_state != IsViewable)
        continue;
      own_title = dup_x_title (children[i]);
      if (g_strcmp0 (own_title, title) == 0)
        found = children[i];
    }
  if (children != NULL)
    XFree (children);

  return found;
}

/* The window that holds @accessible: the application's child it is in
 * (GTK 4.8 says most are frames, its file chooser a filler). */
static AtspiAccessible *
toplevel_of (AtspiAccessible *accessible)
{
  g_autoptr(AtspiAccessible) at = g_object_ref (accessible);

  for (;;)
    {
      g_autoptr(AtspiAccessible) parent = atspi_accessible_get_parent (at, NULL);

      g_assert_nonnull (parent);
      if (atspi_accessible_get_role (parent, NULL) == ATSPI_ROLE_APPLICATION)
        return g_steal_pointer (&at);
      g_set_object (&at, parent);
    }
}

typedef struct
{
  AttestTestApp   *app;
  AtspiAccessible *toplevel;
} Activation;

/* The window is active; or, for a window GTK 4.8 tells no state of (its
 * file chooser), none of the others is. */
static gboolean
is_active (gpointer user_data)
{
  Activation *activation = user_data;
  AtspiRole role = atspi_accessible_get_role (activation->toplevel, NULL);
  gint count;

  if (attest_test_at_has_state (activation->toplevel, ATSPI_STATE_ACTIVE))
    return TRUE;
  if (role == ATSPI_ROLE_FRAME || role == ATSPI_ROLE_DIALOG || role == ATSPI_ROLE_WINDOW)
    return FALSE;

  count = atspi_accessible_get_child_count (activation->app->root, NULL);
  for (gint i = 0; i < count; i++)
    {
      g_autoptr(AtspiAccessible) other = atspi_accessible_get_child_at_index (activation->app->root,
                                                                             i, NULL);

      if (other != NULL && attest_test_at_has_state (other, ATSPI_STATE_ACTIVE))
        return FALSE;
    }

  return TRUE;
}

/* Raises the window of @accessible and gives it the keyboard, as a window
 * manager does with a window that opens; waits until GTK has it active. */
void
attest_test_app_focus_window (AttestTestApp   *app,
                              AtspiAccessible *accessible)
{
  g_autoptr(AtspiAccessible) toplevel = toplevel_of (accessible);
  g_autofree char *title = atspi_accessible_get_name (toplevel, NULL);
  Window window = find_x_window (title);
  Activation activation = { app, toplevel };

  g_assert_true (window != 0);
  XRaiseWindow (x_display (), window);
  XSetInputFocus (x_display (), window, RevertToPointerRoot, CurrentTime);
  XSync (x_display (), False);
  g_assert_true (attest_test_wait_until (is_active, &activation,
                                         WAIT_MS * attest_test_time_scale ()));
}

/* Clicks the middle of what @accessible shows, with the pointer, as a
 * person does where GTK 4.8 offers no accessible action (a check box). */
void
attest_test_app_click (AttestTestApp   *app,
                       AtspiAccessible *accessible)
{
  g_autoptr(GObject) component = G_OBJECT (atspi_accessible_get_component_iface (accessible));
  g_autoptr(AtspiAccessible) toplevel = toplevel_of (accessible);
  g_autofree char *title = atspi_accessible_get_name (toplevel, NULL);
  g_autofree AtspiRect *extents = NULL;
  g_autoptr(GError) error = NULL;
  Window window = find_x_window (title);
  Window child;
  int x, y;

  g_assert_nonnull (component);
  g_assert_true (window != 0);
  /* GTK 4.8 knows where things are in their window only. */
  extents = atspi_component_get_extents (ATSPI_COMPONENT (component), ATSPI_COORD_TYPE_WINDOW,
                                         &error);
  g_assert_no_error (error);
  XTranslateCoordinates (x_display (), window, DefaultRootWindow (x_display ()),
                         extents->x + extents->width / 2, extents->y + extents->height / 2,
                         &x, &y, &child);
  atspi_generate_mouse_event (x, y, "b1c", &error);
  g_assert_no_error (error);
}

/* X keysyms of the keys the tests press; a letter or digit is its own. */
static const struct
{
  const char *name;
  guint       keysym;
} keys[] = {
  { "Tab", 0xff09 }, { "Return", 0xff0d }, { "Escape", 0xff1b }, { "space", 0x0020 },
  { "BackSpace", 0xff08 }, { "Delete", 0xffff }, { "Home", 0xff50 }, { "End", 0xff57 },
  { "Left", 0xff51 }, { "Up", 0xff52 }, { "Right", 0xff53 }, { "Down", 0xff54 },
  { "F5", 0xffc2 }, { "F10", 0xffc7 },
};

static guint
keysym_of (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (g_str_equal (keys[i].name, name))
        return keys[i].keysym;
    }

  g_assert_cmpuint (strlen (name), ==, 1);
  g_assert_true (g_ascii_isalnum (name[0]) || g_ascii_ispunct (name[0]));

  return (guchar) name[0];
}

/* The X key code of the modifier @name ("ctrl", "shift", "alt"). */
static KeyCode
modifier_keycode (const char *name,
                  const char *combination)
{
  KeySym keysym = g_str_equal (name, "ctrl") ? XK_Control_L
                  : g_str_equal (name, "shift") ? XK_Shift_L
                  : g_str_equal (name, "alt") ? XK_Alt_L : NoSymbol;

  if (keysym == NoSymbol)
    g_error ("Unknown modifier “%s” in “%s”", name, combination);

  return XKeysymToKeycode (x_display (), keysym);
}

/* Presses one key with modifiers, written as "ctrl+q", "shift+Tab",
 * "Return", through the X server's test extension, as a keyboard would:
 * the modifiers go down, the key is pressed, they come up. */
void
attest_test_app_press (AttestTestApp *app,
                       const char    *combination)
{
  g_auto(GStrv) parts = g_strsplit (combination, "+", -1);
  guint n = g_strv_length (parts);
  Display *display = x_display ();
  KeyCode key;

  g_assert_cmpuint (n, >, 0);
  key = XKeysymToKeycode (display, keysym_of (parts[n - 1]));
  g_assert_cmpuint (key, !=, 0);

  for (guint i = 0; i + 1 < n; i++)
    XTestFakeKeyEvent (display, modifier_keycode (parts[i], combination), True, CurrentTime);
  XTestFakeKeyEvent (display, key, True, CurrentTime);
  XTestFakeKeyEvent (display, key, False, CurrentTime);
  for (guint i = n - 1; i-- > 0;)
    XTestFakeKeyEvent (display, modifier_keycode (parts[i], combination), False, CurrentTime);
  XSync (display, False);
}

/* Types @text into what has the focus. */
void
attest_test_app_type (AttestTestApp *app,
                      const char    *text)
{
  g_autoptr(GError) error = NULL;

  atspi_generate_keyboard_event (0, text, ATSPI_KEY_STRING, &error);
  g_assert_no_error (error);
}

/* "push button “Fetch”", for messages. */
char *
attest_test_at_describe (AtspiAccessible *accessible)
{
  g_autofree char *role = atspi_accessible_get_role_name (accessible, NULL);
  g_autofree char *name = atspi_accessible_get_name (accessible, NULL);

  return g_strdup_printf ("%s “%s”", role != NULL ? role : "?", name != NULL ? name : "");
}

/* The text an accessible shows: its Text contents, else its name. */
char *
attest_test_at_dup_text (AtspiAccessible *accessible)
{
  /* The interfaces have no autoptr cleanup of their own. */
  g_autoptr(GObject) text = G_OBJECT (atspi_accessible_get_text_iface (accessible));

  if (text != NULL)
    {
      gint count = atspi_text_get_character_count (ATSPI_TEXT (text), NULL);

      return atspi_text_get_text (ATSPI_TEXT (text), 0, count, NULL);
    }

  return atspi_accessible_get_name (accessible, NULL);
}
