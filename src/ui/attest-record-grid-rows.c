/* attest-record-grid-rows.c: what a row of the grid of customer records
 * does: its details, and its mark from the keyboard
 *
 * A row's details (the row menu's Details, a double click or Enter on the
 * row, Alt+Enter where the focus is) show beside the rows, or over them
 * when both do not fit; they follow the row selected, and Escape or their
 * close button gives the focus back to where it was. Space marks or unmarks
 * the row with the focus, wherever in the row it is, as its check box
 * does; a done customer's mark stays, and the grid says why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-grid-rows"

#include "config.h"

#include "attest-record-grid-private.h"

/* Shows the details of the row at @position, beside the rows or over them
 * when the grid is narrow, and moves the focus into them. */
void
attest_record_grid_show_details (AttestRecordGrid *self,
                                 guint             position)
{
  g_autoptr(AttestRecord) record = NULL;
  GtkRoot *root;

  g_return_if_fail (ATTEST_IS_RECORD_GRID (self));

  if (self->view == NULL)
    return;
  record = g_list_model_get_item (G_LIST_MODEL (self->view), position);
  if (record == NULL)
    return;

  attest_record_details_set_record (self->details, record);
  if (adw_flap_get_reveal_flap (self->flap))
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  g_clear_weak_pointer (&self->focus_before);
  if (root != NULL && gtk_root_get_focus (root) != NULL)
    g_set_weak_pointer (&self->focus_before, gtk_root_get_focus (root));
  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->details));
}

/* Hides the details; the focus goes back to where it was before them. */
void
attest_record_grid_hide_details (AttestRecordGrid *self)
{
  g_return_if_fail (ATTEST_IS_RECORD_GRID (self));

  if (!adw_flap_get_reveal_flap (self->flap))
    return;

  adw_flap_set_reveal_flap (self->flap, FALSE);
  attest_record_details_set_record (self->details, NULL);
  if (self->focus_before != NULL)
    gtk_widget_grab_focus (self->focus_before);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  g_clear_weak_pointer (&self->focus_before);
}

gboolean
attest_record_grid_get_details_shown (AttestRecordGrid *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_GRID (self), FALSE);

  return adw_flap_get_reveal_flap (self->flap);
}

AttestRecordDetails *
attest_record_grid_get_details (AttestRecordGrid *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_GRID (self), NULL);

  return self->details;
}

/* The row with the focus, or the first one selected. */
static guint
focused_position (AttestRecordGrid *self)
{
  guint position = _attest_record_grid_position_of_focus (self);
  g_autoptr(GtkBitset) selected = NULL;

  if (position != GTK_INVALID_LIST_POSITION)
    return position;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (!gtk_bitset_is_empty (selected))
    return gtk_bitset_get_minimum (selected);

  return GTK_INVALID_LIST_POSITION;
}

/* The row menu's Details, Alt+Enter, or a double click or Enter on a row. */
static void
show_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AttestRecordGrid *self = ATTEST_RECORD_GRID (widget);
  g_autoptr(GtkBitset) selected =
    gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint position = GTK_INVALID_LIST_POSITION;

  /* From the row menu, the rows selected are the ones it is about. */
  if (g_str_equal (action_name, "grid.show-details") && !gtk_bitset_is_empty (selected))
    position = gtk_bitset_get_minimum (selected);
  if (position == GTK_INVALID_LIST_POSITION)
    position = focused_position (self);
  if (position != GTK_INVALID_LIST_POSITION)
    attest_record_grid_show_details (self, position);
}

static void
hide_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  attest_record_grid_hide_details (ATTEST_RECORD_GRID (widget));
}

static void
on_row_activated (AttestRecordGrid *self,
                  guint             position)
{
  attest_record_grid_show_details (self, position);
}

/* Open details follow the row selected. */
static void
on_selection_changed (AttestRecordGrid *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(AttestRecord) record = NULL;

  if (!adw_flap_get_reveal_flap (self->flap) || self->view == NULL)
    return;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_get_size (selected) != 1)
    return;

  record = g_list_model_get_item (G_LIST_MODEL (self->view), gtk_bitset_get_minimum (selected));
  if (record != NULL)
    attest_record_details_set_record (self->details, record);
}

/* A focused check box, button or text field takes Space itself. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AttestRecordGrid      *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  g_autoptr(AttestRecord) record = NULL;
  gboolean attested = FALSE;
  guint position;

  if ((keyval != GDK_KEY_space && keyval != GDK_KEY_KP_Space) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0 || focus == NULL || self->view == NULL)
    return FALSE;
  if (GTK_IS_EDITABLE (focus) || GTK_IS_BUTTON (focus) || GTK_IS_CHECK_BUTTON (focus) ||
      GTK_IS_MENU_BUTTON (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_BUTTON) != NULL)
    return FALSE;

  position = _attest_record_grid_position_of_focus (self);
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  record = g_list_model_get_item (G_LIST_MODEL (self->view), position);
  if (record == NULL)
    return FALSE;

  g_object_get (record, "attested", &attested, NULL);
  if (attested && _attest_record_grid_is_done (record))
    {
      g_autofree char *reason = _attest_record_grid_dup_done_reason (record);

      _attest_record_grid_mark_kept (self, record, reason);
      return TRUE;
    }

  g_object_set (record, "attested", !attested, NULL);
  return TRUE;
}

static gboolean
on_details_key_pressed (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        AttestRecordGrid      *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;

  attest_record_grid_hide_details (self);
  return TRUE;
}

void
_attest_record_grid_class_rows_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "grid.show-details", NULL, show_details_action);
  gtk_widget_class_install_action (widget_class, "grid.show-focused-details", NULL,
                                   show_details_action);
  gtk_widget_class_install_action (widget_class, "grid.hide-details", NULL, hide_details_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK,
                                       "grid.show-focused-details", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_ALT_MASK,
                                       "grid.show-focused-details", NULL);
}

void
_attest_record_grid_rows_init (AttestRecordGrid *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *details_keys = gtk_event_controller_key_new ();

  g_signal_connect_swapped (self->column_view, "activate", G_CALLBACK (on_row_activated), self);
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (on_selection_changed), self);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);

  g_signal_connect (details_keys, "key-pressed", G_CALLBACK (on_details_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->details), details_keys);
}
