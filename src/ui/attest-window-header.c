/* attest-window-header.c: the header bar as the window's width allows
 *
 * libadwaita 1.2 has no breakpoints. Instead, a squeezer at each end of the
 * header bar shows its buttons with their labels, as icons, or not at all,
 * whichever fits: Import, Fetch, Export, Submit and Search at the start
 * (Search stays longest), Acceptance at the end beside the account and the
 * primary menu, which always show. The title stays centred, so each end
 * has half the width; the end holds the window's own buttons too, hence
 * fewer of ours. What a squeezer leaves out is put in the first section of
 * the primary menu, so every action stays reachable by its name at any
 * width. The status bar's squeezer does the same for the marking buttons,
 * which give up their labels before the counts take a second line. The
 * sandbox's tag sits on the title's line, so that the subtitle below it
 * (the file's name, or where the customers came from) has the title's
 * whole width.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-window-header"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-window-private.h"

/* Only the page a squeezer shows is there for a screen reader: the others
 * hold the same buttons in another form. */
static void
hide_other_pages (AdwSqueezer *squeezer)
{
  GtkWidget *shown = adw_squeezer_get_visible_child (squeezer);

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (squeezer));
       page != NULL;
       page = gtk_widget_get_next_sibling (page))
    gtk_accessible_update_state (GTK_ACCESSIBLE (page),
                                 GTK_ACCESSIBLE_STATE_HIDDEN, page != shown,
                                 -1);
}

static void
append_item (GMenu      *menu,
             const char *label,
             const char *action)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, action);

  g_menu_append_item (menu, item);
}

enum {
  OVERFLOW_SEARCH = 1 << 0,
  OVERFLOW_ACTIONS = 1 << 1,
  OVERFLOW_ACCEPTANCE = 1 << 2,
};

/* Puts in the primary menu what the header bar has no room for. */
static void
update_overflow (AttestWindow *self)
{
  GtkWidget *start = adw_squeezer_get_visible_child (self->start_squeezer);
  guint overflow = 0;

  if (start == NULL)
    overflow |= OVERFLOW_SEARCH;
  if (start == NULL || start == self->start_search_page)
    overflow |= OVERFLOW_ACTIONS;
  if (adw_squeezer_get_visible_child (self->end_squeezer) == NULL)
    overflow |= OVERFLOW_ACCEPTANCE;

  if (overflow == self->header_overflow_shown)
    return;
  self->header_overflow_shown = overflow;

  g_menu_remove_all (self->header_overflow);
  if (overflow & OVERFLOW_ACTIONS)
    {
      append_item (self->header_overflow, _("_Import…"), "win.import");
      append_item (self->header_overflow, _("_Fetch from Partner Center"), "win.fetch");
      append_item (self->header_overflow, _("_Export…"), "win.export");
      append_item (self->header_overflow, _("_Submit…"), "win.submit");
    }
  if (overflow & OVERFLOW_ACCEPTANCE)
    g_menu_append_submenu (self->header_overflow, _("_Acceptance"),
                           gtk_menu_button_get_menu_model (self->acceptance_button));
  if (overflow & OVERFLOW_SEARCH)
    append_item (self->header_overflow, _("_Search"), "win.search");
}

static void
on_header_squeezed (AttestWindow *self,
                    GParamSpec   *pspec,
                    AdwSqueezer  *squeezer)
{
  /* Taking the window apart changes what the squeezers show. */
  if (gtk_widget_get_root (GTK_WIDGET (squeezer)) != GTK_ROOT (self))
    return;

  hide_other_pages (squeezer);
  if (squeezer != self->status_squeezer)
    update_overflow (self);
}

static void
follow_squeezer (AttestWindow *self,
                 AdwSqueezer  *squeezer)
{
  g_signal_connect_object (squeezer, "notify::visible-child", G_CALLBACK (on_header_squeezed),
                           self, G_CONNECT_SWAPPED);
  on_header_squeezed (self, NULL, squeezer);
}

void
_attest_window_class_header_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, start_squeezer);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, start_search_page);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, end_squeezer);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, status_squeezer);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, counts_label_icons);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, counts_label_narrow);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, sandbox_badge);
}

void
_attest_window_header_init (AttestWindow *self)
{
  GMenuModel *primary = gtk_menu_button_get_menu_model (self->primary_menu_button);
  g_autoptr(GMenu) overflow = g_menu_new ();

  self->header_overflow = overflow;
  g_menu_prepend_section (G_MENU (primary), NULL, G_MENU_MODEL (overflow));

  /* The narrower status bars show the same counts. */
  g_object_bind_property (self->counts_label, "label", self->counts_label_icons, "label",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->counts_label, "label", self->counts_label_narrow, "label",
                          G_BINDING_SYNC_CREATE);

  follow_squeezer (self, self->start_squeezer);
  follow_squeezer (self, self->end_squeezer);
  follow_squeezer (self, self->status_squeezer);
}
