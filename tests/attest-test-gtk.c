/* attest-test-gtk.c: helpers for the tests that open windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "attest-test-gtk.h"
#include "attest-test-utils.h"

static gboolean
widget_is_mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (user_data));
}

static gboolean
frames_drawn (gpointer user_data)
{
  guint *frames = user_data;

  return *frames >= 3;
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       user_data)
{
  guint *frames = user_data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

/* Presents @window and returns once it is mapped and has drawn a few frames,
 * so that what a test inspects or photographs is what a person would see. */
void
attest_test_present_and_wait (GtkWindow *window)
{
  guint frames = 0;
  guint tick_id;

  /* What a test inspects, and photographs, is the end state, not a frame
   * of a transition. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  gtk_window_present (window);
  g_assert_true (attest_test_wait_until (widget_is_mapped, window, 10000));

  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (window), count_frame, &frames, NULL);
  g_assert_true (attest_test_wait_until (frames_drawn, &frames, 10000));
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick_id);
}

/* Renders @widget into G_TEST_BUILDDIR/screenshots/@name.png. */
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
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  /* Draw what changed since the last frame first. */
  if (GTK_IS_WINDOW (gtk_widget_get_root (widget)))
    attest_test_present_and_wait (GTK_WINDOW (gtk_widget_get_root (widget)));
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  g_assert_cmpint (g_mkdir_with_parents (directory, 0755), ==, 0);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}
