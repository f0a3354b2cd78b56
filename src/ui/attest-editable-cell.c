/* attest-editable-cell.c: a grid cell whose text a person can edit
 *
 * Shows its text in a GtkInscription, whose size does not depend on its
 * text, and makes the text field only while the text is edited. A
 * GtkEditableLabel keeps a field, in a stack, for every cell all the time;
 * the grid keeps some 200 rows of four such cells alive, and those 800
 * fields were most of what it cost to show a file, to lay the rows out and
 * to close the window.
 *
 * It is edited as a GtkEditableLabel is: a click or Enter starts editing;
 * Enter, or moving the focus elsewhere (Tab to the next cell, a click
 * outside), keeps the new text; Escape drops it. "editing" turns FALSE once
 * the text has been kept or dropped. The text field is in a popover under
 * the cell, as wide as the cell and wide enough for some thirty characters
 * (an email address) whatever the column's width: a field inside a narrow
 * column showed a few characters of the text edited, and one wider than
 * its cell is cut by the column view and drawn over by the next cells.
 *
 * Its accessible name says what it edits ("Email of Contoso Ltd"), and so
 * does the text field's: a GtkText is no accessible of its own (it is the
 * inside of an entry), so the field is made a text box, which a screen
 * reader can read and change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-editable-cell"

#include "config.h"

#include "attest-editable-cell.h"

/* How many characters the text field has room for, at the least. */
#define EDITOR_WIDTH_CHARS 30

struct _AttestEditableCell
{
  GtkWidget           parent_instance;

  GtkWidget          *inscription;
  GtkWidget          *popover;       /* the text field's, only while editing */
  GtkWidget          *editor;        /* a GtkText, only while editing */
  GtkEventController *focus;
  char               *text;
  char               *label;         /* the accessible name, or NULL */
  guint               stop_soon_id;
};

G_DEFINE_FINAL_TYPE (AttestEditableCell, attest_editable_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_EDITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
attest_editable_cell_new (void)
{
  return g_object_new (ATTEST_TYPE_EDITABLE_CELL, NULL);
}

const char *
attest_editable_cell_get_text (AttestEditableCell *self)
{
  g_return_val_if_fail (ATTEST_IS_EDITABLE_CELL (self), NULL);

  return self->text;
}

/* Sets the text shown; while the cell is edited, what is typed stays. */
void
attest_editable_cell_set_text (AttestEditableCell *self,
                               const char         *text)
{
  g_return_if_fail (ATTEST_IS_EDITABLE_CELL (self));

  if (text == NULL)
    text = "";

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
  gtk_inscription_set_text (GTK_INSCRIPTION (self->inscription), text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/* Sets the accessible name of the cell and of its text field, which says
 * which field of which customer it edits. */
void
attest_editable_cell_set_label (AttestEditableCell *self,
                                const char         *label)
{
  g_return_if_fail (ATTEST_IS_EDITABLE_CELL (self));

  if (g_strcmp0 (self->label, label) == 0)
    return;

  g_free (self->label);
  self->label = g_strdup (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : "", -1);
  if (self->editor != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    label != NULL ? label : "", -1);
}

const char *
attest_editable_cell_get_label (AttestEditableCell *self)
{
  g_return_val_if_fail (ATTEST_IS_EDITABLE_CELL (self), NULL);

  return self->label;
}

gboolean
attest_editable_cell_get_editing (AttestEditableCell *self)
{
  g_return_val_if_fail (ATTEST_IS_EDITABLE_CELL (self), FALSE);

  return self->editor != NULL;
}

/* The text field while the cell is edited, or NULL. */
GtkEditable *
attest_editable_cell_get_editor (AttestEditableCell *self)
{
  g_return_val_if_fail (ATTEST_IS_EDITABLE_CELL (self), NULL);

  return self->editor != NULL ? GTK_EDITABLE (self->editor) : NULL;
}

static void
on_editor_activate (AttestEditableCell *self)
{
  attest_editable_cell_stop_editing (self, TRUE);
}

/* A click outside the popover, or the window losing the keyboard, closes
 * it: the text typed is kept, as when the focus goes elsewhere. */
static void
on_popover_closed (AttestEditableCell *self)
{
  if (self->editor != NULL)
    attest_editable_cell_stop_editing (self, TRUE);
}

/* Escape drops what was typed; the popover would only close. */
static gboolean
on_editor_escape (GtkWidget *widget,
                  GVariant  *arguments,
                  gpointer   user_data)
{
  attest_editable_cell_stop_editing (ATTEST_EDITABLE_CELL (user_data), FALSE);

  return TRUE;
}

/* Tab keeps the text and goes on to the next focus stop after the cell,
 * Shift+Tab to the one before it, as from a field in the cell; in the
 * popover, Tab would go round its only field. */
static gboolean
on_editor_tab (GtkWidget *widget,
               GVariant  *arguments,
               gpointer   user_data)
{
  AttestEditableCell *self = ATTEST_EDITABLE_CELL (user_data);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  attest_editable_cell_stop_editing (self, TRUE);
  if (root != NULL && gtk_root_get_focus (root) == GTK_WIDGET (self))
    gtk_widget_child_focus (GTK_WIDGET (root), g_variant_get_int32 (arguments));

  return TRUE;
}

static void
add_editor_shortcut (GtkEventController *shortcuts,
                     guint               key,
                     GdkModifierType     modifiers,
                     GtkShortcutFunc     callback,
                     gpointer            user_data,
                     GVariant           *arguments)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (key, modifiers),
                                            gtk_callback_action_new (callback, user_data, NULL));

  if (arguments != NULL)
    gtk_shortcut_set_arguments (shortcut, arguments);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
}

void
attest_editable_cell_start_editing (AttestEditableCell *self)
{
  GtkEventController *shortcuts;

  g_return_if_fail (ATTEST_IS_EDITABLE_CELL (self));

  if (self->editor != NULL)
    return;

  self->editor = g_object_new (GTK_TYPE_TEXT,
                               "accessible-role", GTK_ACCESSIBLE_ROLE_TEXT_BOX,
                               NULL);
  if (self->label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->editor), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    self->label, -1);
  gtk_editable_set_text (GTK_EDITABLE (self->editor), self->text);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->editor), EDITOR_WIDTH_CHARS);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (self->editor), EDITOR_WIDTH_CHARS);
  /* As wide as the cell, when that is wider. */
  gtk_widget_set_size_request (self->editor, gtk_widget_get_width (GTK_WIDGET (self)), -1);
  g_signal_connect_swapped (self->editor, "activate", G_CALLBACK (on_editor_activate), self);

  self->popover = gtk_popover_new ();
  gtk_widget_add_css_class (self->popover, "cell-editor");
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_popover_set_child (GTK_POPOVER (self->popover), self->editor);
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  add_editor_shortcut (shortcuts, GDK_KEY_Escape, 0, on_editor_escape, self, NULL);
  add_editor_shortcut (shortcuts, GDK_KEY_Tab, 0, on_editor_tab, self,
                       g_variant_new_int32 (GTK_DIR_TAB_FORWARD));
  add_editor_shortcut (shortcuts, GDK_KEY_Tab, GDK_SHIFT_MASK, on_editor_tab, self,
                       g_variant_new_int32 (GTK_DIR_TAB_BACKWARD));
  gtk_widget_add_controller (self->popover, shortcuts);
  g_signal_connect_swapped (self->popover, "closed", G_CALLBACK (on_popover_closed), self);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "editing");

  gtk_popover_popup (GTK_POPOVER (self->popover));
  gtk_widget_grab_focus (self->editor);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
}

/* Ends editing, keeping what was typed if @commit is TRUE. */
void
attest_editable_cell_stop_editing (AttestEditableCell *self,
                                   gboolean            commit)
{
  g_autofree char *typed = NULL;
  GtkWidget *editor = self->editor;
  GtkWidget *popover = self->popover;
  GtkRoot *root;

  g_return_if_fail (ATTEST_IS_EDITABLE_CELL (self));

  g_clear_handle_id (&self->stop_soon_id, g_source_remove);
  if (editor == NULL)
    return;

  typed = g_strdup (gtk_editable_get_text (GTK_EDITABLE (editor)));
  self->editor = NULL;
  self->popover = NULL;
  gtk_widget_remove_css_class (GTK_WIDGET (self), "editing");

  /* Enter and Escape leave the focus on the cell, to go on from there. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (root != NULL && gtk_root_get_focus (root) == editor)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_unparent (popover);

  g_object_freeze_notify (G_OBJECT (self));
  if (commit)
    attest_editable_cell_set_text (self, typed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITING]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
start_editing_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  attest_editable_cell_start_editing (ATTEST_EDITABLE_CELL (widget));
}

static void
stop_editing_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  attest_editable_cell_stop_editing (ATTEST_EDITABLE_CELL (widget),
                                     g_variant_get_boolean (parameter));
}

static void
on_pressed (GtkGestureClick    *gesture,
            int                 n_press,
            double              x,
            double              y,
            AttestEditableCell *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  attest_editable_cell_start_editing (self);
}

static gboolean
stop_editing_soon (gpointer user_data)
{
  AttestEditableCell *self = user_data;

  self->stop_soon_id = 0;
  if (!gtk_event_controller_focus_contains_focus (GTK_EVENT_CONTROLLER_FOCUS (self->focus)))
    attest_editable_cell_stop_editing (self, TRUE);

  return G_SOURCE_REMOVE;
}

/* Focus may leave for a moment, to the field's context menu: the edit
 * ends only if it has not come back by the next idle. */
static void
on_focus_leave (AttestEditableCell *self)
{
  if (self->editor != NULL && self->stop_soon_id == 0)
    self->stop_soon_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, stop_editing_soon,
                                          g_object_ref (self), g_object_unref);
}

static gboolean
attest_editable_cell_grab_focus (GtkWidget *widget)
{
  AttestEditableCell *self = ATTEST_EDITABLE_CELL (widget);

  if (self->editor != NULL)
    return gtk_widget_grab_focus (self->editor);

  return GTK_WIDGET_CLASS (attest_editable_cell_parent_class)->grab_focus (widget);
}

static void
attest_editable_cell_dispose (GObject *object)
{
  AttestEditableCell *self = ATTEST_EDITABLE_CELL (object);

  g_clear_handle_id (&self->stop_soon_id, g_source_remove);
  self->editor = NULL;
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->inscription, gtk_widget_unparent);

  G_OBJECT_CLASS (attest_editable_cell_parent_class)->dispose (object);
}

static void
attest_editable_cell_finalize (GObject *object)
{
  AttestEditableCell *self = ATTEST_EDITABLE_CELL (object);

  g_free (self->text);
  g_free (self->label);

  G_OBJECT_CLASS (attest_editable_cell_parent_class)->finalize (object);
}

static void
attest_editable_cell_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  AttestEditableCell *self = ATTEST_EDITABLE_CELL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_EDITING:
      g_value_set_boolean (value, self->editor != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_editable_cell_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  AttestEditableCell *self = ATTEST_EDITABLE_CELL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      attest_editable_cell_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_editable_cell_class_init (AttestEditableCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_editable_cell_dispose;
  object_class->finalize = attest_editable_cell_finalize;
  object_class->get_property = attest_editable_cell_get_property;
  object_class->set_property = attest_editable_cell_set_property;
  widget_class->grab_focus = attest_editable_cell_grab_focus;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITING] =
    g_param_spec_boolean ("editing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "editing.start", NULL, start_editing_action);
  gtk_widget_class_install_action (widget_class, "editing.stop", "b", stop_editing_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "editing.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "editing.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Enter, 0, "editing.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editing.stop", "b",
                                       FALSE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  /* Looks like GtkEditableLabel, and is styled as one. */
  gtk_widget_class_set_css_name (widget_class, "editablelabel");
}

static void
attest_editable_cell_init (AttestEditableCell *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->text = g_strdup ("");
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);

  /* Named "" while empty, not after its type (attest-record-grid-cells.c). */
  self->inscription = gtk_inscription_new ("");
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (self->inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  /* One line high: given the row's height, it would wrap onto a second. */
  gtk_widget_set_valign (self->inscription, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->inscription, GTK_WIDGET (self));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (self->inscription, GTK_EVENT_CONTROLLER (click));

  self->focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (self->focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), self->focus);
}
