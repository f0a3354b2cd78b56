/* attest-test-gtk.c: helpers for the tests that open windows
 *
 * Under Xvfb there is no window manager: which window has the keyboard
 * focus changes whenever any program on the display presents a window, and
 * the ui suite runs two programs at once. A test therefore never presents a
 * window twice, and asserts the focus within a window
 * (gtk_root_get_focus()), never whether the window has the keyboard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "attest-editable-cell.h"
#include "attest-request-dialog.h"
#include "attest-submit-dialog.h"
#include "attest-test-gtk.h"
#include "attest-test-utils.h"

typedef struct
{
  guint drawn;
  guint wanted;
} FrameCount;

static gboolean
widget_is_mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (user_data));
}

static gboolean
frames_drawn (gpointer user_data)
{
  FrameCount *count = user_data;

  return count->drawn >= count->wanted;
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       user_data)
{
  FrameCount *count = user_data;

  count->drawn++;
  return G_SOURCE_CONTINUE;
}

/* Returns once @window's frame clock has gone through @frames frames, each
 * of which lays out and draws what changed before it. */
static void
wait_for_frames (GtkWidget *window,
                 guint      frames)
{
  FrameCount count = { 0, frames };
  guint tick_id = gtk_widget_add_tick_callback (window, count_frame, &count, NULL);

  g_assert_true (attest_test_wait_until (frames_drawn, &count, 10000));
  gtk_widget_remove_tick_callback (window, tick_id);
}

/* A registered application for the windows of a test. It does not claim
 * Attest's name on the session bus, which another program of the suite
 * may hold. */
AttestApplication *
attest_test_new_application (void)
{
  g_autoptr(GError) error = NULL;
  AttestApplication *application = attest_application_new (G_APPLICATION_NON_UNIQUE, NULL);

  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  return application;
}

/* Presents @window unless it is on screen already, and returns once it is
 * mapped and has drawn a few frames, so that what a test inspects or
 * photographs is what a person would see. Presenting a window again would
 * take the keyboard focus from whichever window has it. */
void
attest_test_present_and_wait (GtkWindow *window)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    {
      gtk_window_present (window);
      g_assert_true (attest_test_wait_until (widget_is_mapped, window, 10000));
    }

  wait_for_frames (GTK_WIDGET (window), 3);
}

/* Draws the popovers shown inside @widget where they are over @window: a
 * popover has a surface of its own, which the window's picture leaves out. */
static void
snapshot_popovers (GtkWidget   *window,
                   GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_POPOVER (child) && gtk_widget_get_mapped (child))
        {
          GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (child));
          g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (child);
          double popover_x, popover_y, window_x, window_y;

          gtk_native_get_surface_transform (GTK_NATIVE (child), &popover_x, &popover_y);
          gtk_native_get_surface_transform (GTK_NATIVE (window), &window_x, &window_y);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot,
                                  &GRAPHENE_POINT_INIT (gdk_popup_get_position_x (GDK_POPUP (surface))
                                                        + popover_x - window_x,
                                                        gdk_popup_get_position_y (GDK_POPUP (surface))
                                                        + popover_y - window_y));
          gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), gtk_widget_get_width (child),
                                  gtk_widget_get_height (child));
          gtk_snapshot_restore (snapshot);
        }
      snapshot_popovers (window, child, snapshot);
    }
}

/* Renders @widget, in a window on screen, into
 * G_TEST_BUILDDIR/screenshots/@name.png once its window has drawn what
 * changed; a window's picture has its popovers shown (a cell's editor).
 * Waiting for that frame runs the main loop, and with it whatever else is
 * due: the window may lose the keyboard focus, which ends a cell's edit,
 * and a run goes on. Take a screenshot where that cannot change what the
 * test asserts next. */
void
attest_test_save_screenshot (GtkWidget  *widget,
                             const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *directory = g_test_build_filename (G_TEST_BUILT, "screenshots", NULL);
  g_autofree char *file_name = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_build_filename (directory, file_name, NULL);
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width;
  int height;

  g_assert_true (gtk_widget_get_mapped (window));
  wait_for_frames (window, 2);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  if (widget == window)
    snapshot_popovers (window, window, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  g_assert_cmpint (g_mkdir_with_parents (directory, 0755), ==, 0);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

/* The template child @name of @widget, whose template is @type's; it must
 * be there. */
GObject *
attest_test_child (gpointer    widget,
                            GType       type,
                            const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

/* A shown toplevel of @type, or NULL. */
GtkWindow *
attest_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }

  return NULL;
}

static gboolean
toplevel_shown (gpointer user_data)
{
  return attest_test_find_toplevel (GPOINTER_TO_SIZE (user_data)) != NULL;
}

/* Waits until a toplevel of @type is shown, and returns it. */
GtkWindow *
attest_test_wait_for_toplevel (GType type)
{
  g_assert_true (attest_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (type), 20000));
  return attest_test_find_toplevel (type);
}

/* The drop target of @widget, which must have one. */
GtkDropTarget *
attest_test_find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  g_assert_not_reached ();
}

/* The button inside @widget whose label or tooltip is @name, or NULL: an
 * icon button is found by its tooltip. */
GtkWidget *
attest_test_find_button (GtkWidget  *widget,
                         const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child)
          && (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), name) == 0
              || g_strcmp0 (gtk_widget_get_tooltip_text (child), name) == 0))
        return child;
      if ((found = attest_test_find_button (child, name)) != NULL)
        return found;
    }

  return NULL;
}

/* Adds to @found every widget of @type inside @widget (itself included)
 * that is on screen. */
void
attest_test_find_shown (GtkWidget *widget,
                        GType      type,
                        GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    attest_test_find_shown (child, type, found);
}

/* Whether @widget, or a widget in it, is a label shown with the text
 * @text. */
gboolean
attest_test_shows_label (GtkWidget  *widget,
                         const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (attest_test_shows_label (child, text))
        return TRUE;
    }

  return FALSE;
}

/* The editable cell on screen inside @widget that shows @text, or NULL. */
GtkWidget *
attest_test_find_editable_with_text (GtkWidget  *widget,
                                     const char *text)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  attest_test_find_shown (widget, ATTEST_TYPE_EDITABLE_CELL, cells);
  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (cells, i);

      if (g_strcmp0 (attest_editable_cell_get_text (ATTEST_EDITABLE_CELL (cell)), text) == 0)
        return cell;
    }

  return NULL;
}

typedef struct
{
  AttestRequestDialog *dialog;
  const char          *page;
} RequestPage;

static gboolean
request_on_page (gpointer user_data)
{
  RequestPage *wait = user_data;

  return g_strcmp0 (attest_request_dialog_get_page (wait->dialog), wait->page) == 0;
}

/* Waits until the request dialog shows its page @page. */
void
attest_test_wait_for_request_page (AttestRequestDialog *dialog,
                                   const char          *page)
{
  RequestPage wait = { dialog, page };

  g_assert_true (attest_test_wait_until (request_on_page, &wait, 30000));
}

static gboolean
submit_on_page (gpointer user_data)
{
  gpointer *wait = user_data;

  return g_strcmp0 (attest_submit_dialog_get_page (wait[0]), wait[1]) == 0;
}

/* Waits until the submit wizard shows its page @page. */
void
attest_test_wait_for_submit_page (AttestSubmitDialog *dialog,
                                  const char         *page)
{
  gpointer wait[2] = { dialog, (gpointer) page };

  g_assert_true (attest_test_wait_until (submit_on_page, wait, 60000));
}
