/* attest-ui.c: what the window layer registers up front
 *
 * The widget types .ui files name, and one fix of how GTK 4.8 names
 * buttons for screen readers: a button given a label with a mnemonic
 * ("_Cancel") keeps it, underline and all, as its accessible label, and is
 * also labelled by the label widget it makes of it, so that a screen
 * reader hears "_Cancel Cancel"; a button holding an AdwButtonContent is
 * labelled by that content as well as by a label of its own ("Import
 * Import"). Such a button is named by its content alone: it drops its own
 * label when it is realized and whenever its label changes; a button whose
 * child is a label of its own is labelled by it. Icon-only buttons keep
 * their names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-ui"

#include "config.h"

#include <adwaita.h>

#include "attest-record-details.h"
#include "attest-record-grid.h"
#include "attest-ui.h"

/* Registers the widget types that .ui files name, so that GtkBuilder finds
 * them by name (templates, and the .ui validator of the test suite). */
void
attest_ui_ensure_types (void)
{
  g_type_ensure (ATTEST_TYPE_RECORD_DETAILS);
  g_type_ensure (ATTEST_TYPE_RECORD_GRID);
}

static void
name_by_content (GtkButton *button)
{
  GtkWidget *child = gtk_button_get_child (button);

  if ((gtk_button_get_label (button) != NULL && gtk_button_get_use_underline (button))
      || ADW_IS_BUTTON_CONTENT (child))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
  /* A label of its own, set as its child (one that wraps, say), names it
   * as the label GTK makes would. */
  else if (gtk_button_get_label (button) == NULL && GTK_IS_LABEL (child))
    gtk_accessible_update_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                    child, NULL, -1);
}

static void
on_button_label_changed (GtkButton *button)
{
  name_by_content (button);
}

static gboolean
on_realize (GSignalInvocationHint *hint,
            guint                  n_values,
            const GValue          *values,
            gpointer               user_data)
{
  GObject *object = g_value_get_object (&values[0]);
  static GQuark followed;

  if (!GTK_IS_BUTTON (object))
    return TRUE;

  if (followed == 0)
    followed = g_quark_from_static_string ("attest-ui-named-by-content");
  if (g_object_get_qdata (object, followed) == NULL)
    {
      g_object_set_qdata (object, followed, GINT_TO_POINTER (TRUE));
      g_signal_connect (object, "notify::label", G_CALLBACK (on_button_label_changed), NULL);
      g_signal_connect (object, "notify::use-underline", G_CALLBACK (on_button_label_changed),
                        NULL);
      g_signal_connect (object, "notify::child", G_CALLBACK (on_button_label_changed), NULL);
    }
  name_by_content (GTK_BUTTON (object));

  return TRUE;
}

/* Names every button of the program by what it shows (see above); once,
 * after gtk_init(). */
void
attest_ui_name_buttons_by_content (void)
{
  static gsize hooked;

  if (g_once_init_enter (&hooked))
    {
      /* The signal is made with the class. */
      g_type_class_unref (g_type_class_ref (GTK_TYPE_BUTTON));
      g_signal_add_emission_hook (g_signal_lookup ("realize", GTK_TYPE_WIDGET), 0, on_realize,
                                  NULL, NULL);
      g_once_init_leave (&hooked, TRUE);
    }
}
