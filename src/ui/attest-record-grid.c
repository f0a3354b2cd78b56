/* attest-record-grid.c: the grid of customer records (SPEC §8)
 *
 * A GtkColumnView straight over a record view: the view is the
 * GListModel, already sorted and filtered, and its items exist only for the
 * rows on screen, and so do the cells: inscriptions, and where a person
 * edits, editable cells and check buttons. A GtkInscription asks for the
 * same size whatever its text, so laying out a row measures no text. Each cell follows its
 * item's notifications, so an edit anywhere (a cell, "mark all shown", an
 * outcome arriving from a submission) shows at once, with its validation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-grid"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-column-sorter.h"
#include "attest-editable-cell.h"
#include "attest-record.h"
#include "attest-record-grid.h"

typedef enum
{
  CELL_CHECK,
  CELL_TEXT,
  CELL_DATE,
  CELL_EDITABLE,
  CELL_STATUS,
  CELL_PROBLEM,
  CELL_LINK,
} CellKind;

typedef struct
{
  const char       *title;       /* translatable, N_() */
  const char       *property;    /* of AttestRecord */
  CellKind          kind;
  AttestRecordSort  sort;
  int               width;       /* fixed width in pixels, or -1 */
  gboolean          expand;
  gboolean          tooltip;     /* shows the whole value, or what a button does */
} ColumnSpec;

static const ColumnSpec columns[] = {
  { N_("Attested"), "attested", CELL_CHECK, ATTEST_RECORD_SORT_ATTESTED, -1, FALSE, FALSE },
  { N_("Customer ID"), "customer-tenant-id", CELL_TEXT, ATTEST_RECORD_SORT_CUSTOMER_TENANT_ID,
    150, FALSE, TRUE },
  { N_("First Name"), "first-name", CELL_EDITABLE, ATTEST_RECORD_SORT_FIRST_NAME, 110, FALSE,
    FALSE },
  { N_("Last Name"), "last-name", CELL_EDITABLE, ATTEST_RECORD_SORT_LAST_NAME, 110, FALSE,
    FALSE },
  { N_("Email"), "email", CELL_EDITABLE, ATTEST_RECORD_SORT_EMAIL, 210, FALSE, FALSE },
  { N_("Phone"), "phone-number", CELL_EDITABLE, ATTEST_RECORD_SORT_PHONE_NUMBER, 130, FALSE,
    FALSE },
  { N_("Last Agreement"), "last-agreement", CELL_DATE, ATTEST_RECORD_SORT_LAST_AGREEMENT_DATE,
    110, FALSE, TRUE },
  { N_("Status"), "status-label", CELL_STATUS, ATTEST_RECORD_SORT_STATUS, 140, FALSE, FALSE },
  { N_("Problem"), "problem", CELL_PROBLEM, ATTEST_RECORD_SORT_PROBLEM, 220, TRUE, TRUE },
  { NULL, "account-link", CELL_LINK, ATTEST_RECORD_SORT_INDEX, -1, FALSE, TRUE },
};

struct _AttestRecordGrid
{
  GtkWidget          parent_instance;

  GtkScrolledWindow *scroller;
  GtkColumnView     *column_view;
  GtkNoSelection    *selection;
  AttestRecordView  *view;
};

G_DEFINE_FINAL_TYPE (AttestRecordGrid, attest_record_grid, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a cell remembers while it shows an item. */
typedef struct
{
  const ColumnSpec *spec;
  AttestRecord     *item;
  gulong            notify_id;
  gboolean          syncing;
} CellState;

static CellState *
cell_state (GtkListItem *list_item)
{
  return g_object_get_data (G_OBJECT (list_item), "attest-cell");
}

static char *
dup_item_string (AttestRecord *item,
                 const char   *property)
{
  char *value = NULL;

  g_object_get (item, property, &value, NULL);
  return value;
}

static char *
describe_record (AttestRecord *item)
{
  g_autofree char *first = dup_item_string (item, "first-name");
  g_autofree char *last = dup_item_string (item, "last-name");
  g_autofree char *id = dup_item_string (item, "customer-tenant-id");
  g_autofree char *name = g_strstrip (g_strdup_printf ("%s %s", first ? first : "",
                                                       last ? last : ""));

  if (name[0] == '\0')
    return g_strdup (id ? id : "");

  /* Translators: a customer in the grid, e.g. "Jane Doe (1c2d…)". */
  return g_strdup_printf (_("%s (%s)"), name, id ? id : "");
}

static const char *
status_icon_name (AttestRecordStatus status)
{
  switch (status)
    {
    case ATTEST_RECORD_STATUS_ATTESTED:
    case ATTEST_RECORD_STATUS_ALREADY_ATTESTED:
      return "emblem-ok-symbolic";
    case ATTEST_RECORD_STATUS_REJECTED:
    case ATTEST_RECORD_STATUS_FAILED:
      return "dialog-error-symbolic";
    case ATTEST_RECORD_STATUS_INVALID:
      return "dialog-warning-symbolic";
    case ATTEST_RECORD_STATUS_PENDING:
      return "mail-send-symbolic";
    case ATTEST_RECORD_STATUS_NOT_MARKED:
    default:
      return NULL;
    }
}

static const char *
status_style (AttestRecordStatus status)
{
  switch (status)
    {
    case ATTEST_RECORD_STATUS_ATTESTED:
    case ATTEST_RECORD_STATUS_ALREADY_ATTESTED:
      return "success";
    case ATTEST_RECORD_STATUS_REJECTED:
    case ATTEST_RECORD_STATUS_FAILED:
      return "error";
    case ATTEST_RECORD_STATUS_INVALID:
      return "warning";
    case ATTEST_RECORD_STATUS_PENDING:
    case ATTEST_RECORD_STATUS_NOT_MARKED:
    default:
      return "dim-label";
    }
}

static void
set_style_class (GtkWidget  *widget,
                 const char *wanted)
{
  static const char *styles[] = { "success", "error", "warning", "dim-label" };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      if (g_strcmp0 (styles[i], wanted) == 0)
        gtk_widget_add_css_class (widget, styles[i]);
      else
        gtk_widget_remove_css_class (widget, styles[i]);
    }
}

static void
sync_cell (GtkListItem *list_item)
{
  CellState *state = cell_state (list_item);
  GtkWidget *widget = gtk_list_item_get_child (list_item);
  AttestRecord *item = state->item;
  g_autofree char *text = NULL;

  if (item == NULL)
    return;

  state->syncing = TRUE;

  switch (state->spec->kind)
    {
    case CELL_CHECK:
      {
        gboolean attested = FALSE;
        g_autofree char *who = describe_record (item);
        g_autofree char *label = NULL;

        g_object_get (item, "attested", &attested, NULL);
        if (gtk_check_button_get_active (GTK_CHECK_BUTTON (widget)) != attested)
          gtk_check_button_set_active (GTK_CHECK_BUTTON (widget), attested);
        /* Translators: the accessible name of a row's check box. */
        label = g_strdup_printf (_("Attested: %s"), who);
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      }
      break;

    case CELL_DATE:
      /* "yyyy-MM-dd HH:mm:ss": the day is what a person looks for. */
      text = dup_item_string (item, state->spec->property);
      if (text != NULL && strlen (text) > 10)
        text[10] = '\0';
      gtk_inscription_set_text (GTK_INSCRIPTION (widget), text);
      break;

    case CELL_TEXT:
      text = dup_item_string (item, state->spec->property);
      gtk_inscription_set_text (GTK_INSCRIPTION (widget), text);
      break;

    case CELL_EDITABLE:
      text = dup_item_string (item, state->spec->property);
      if (!attest_editable_cell_get_editing (ATTEST_EDITABLE_CELL (widget)))
        attest_editable_cell_set_text (ATTEST_EDITABLE_CELL (widget), text);
      break;

    case CELL_STATUS:
      {
        AttestRecordStatus status = ATTEST_RECORD_STATUS_PENDING;
        GtkWidget *image = gtk_widget_get_first_child (widget);
        GtkWidget *inscription = gtk_widget_get_next_sibling (image);
        const char *icon;

        g_object_get (item, "status", &status, NULL);
        text = dup_item_string (item, "status-label");
        icon = status_icon_name (status);
        gtk_image_set_from_icon_name (GTK_IMAGE (image), icon);
        gtk_widget_set_visible (image, icon != NULL);
        gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);
        set_style_class (widget, status_style (status));
      }
      break;

    case CELL_PROBLEM:
      text = dup_item_string (item, "problem");
      gtk_inscription_set_text (GTK_INSCRIPTION (widget), text);
      set_style_class (widget, "error");
      break;

    case CELL_LINK:
      {
        g_autofree char *who = describe_record (item);
        /* Translators: the accessible name of the button that opens a
         * customer's page, e.g. "Open Jane Doe (1c2d…) in Partner Center". */
        g_autofree char *label = g_strdup_printf (_("Open %s in Partner Center"), who);

        gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  state->syncing = FALSE;
}

/* A tooltip is asked for when the pointer rests on a cell, not set on every
 * cell that is bound: setting one asks the display where the pointer is,
 * a round trip to the X server for each of the thousands of cells a grid
 * binds. */
static gboolean
on_query_tooltip (GtkWidget   *widget,
                  int          x,
                  int          y,
                  gboolean     keyboard_mode,
                  GtkTooltip  *tooltip,
                  GtkListItem *list_item)
{
  CellState *state = cell_state (list_item);
  g_autofree char *text = NULL;

  if (state->item == NULL)
    return FALSE;

  if (state->spec->kind == CELL_LINK)
    {
      gtk_tooltip_set_text (tooltip, _("Open in Partner Center"));
      return TRUE;
    }

  /* The whole value: a date with its time, an ID or a problem cut short. */
  text = dup_item_string (state->item, state->spec->property);
  if (text == NULL || text[0] == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_item_notify (GObject    *item,
                GParamSpec *pspec,
                gpointer    user_data)
{
  sync_cell (GTK_LIST_ITEM (user_data));
}

static void
on_check_toggled (GtkCheckButton *button,
                  GtkListItem    *list_item)
{
  CellState *state = cell_state (list_item);
  gboolean attested = FALSE;

  if (state->item == NULL || state->syncing)
    return;

  g_object_get (state->item, "attested", &attested, NULL);
  if (attested != gtk_check_button_get_active (button))
    g_object_set (state->item, "attested", gtk_check_button_get_active (button), NULL);
}

static void
on_editing_changed (AttestEditableCell *cell,
                    GParamSpec         *pspec,
                    GtkListItem        *list_item)
{
  CellState *state = cell_state (list_item);
  g_autofree char *current = NULL;
  const char *text;

  if (state->item == NULL || attest_editable_cell_get_editing (cell))
    return;

  text = attest_editable_cell_get_text (cell);
  current = dup_item_string (state->item, state->spec->property);
  if (g_strcmp0 (current ? current : "", text) != 0)
    g_object_set (state->item, state->spec->property, text, NULL);
}

static void
on_open_clicked (GtkButton   *button,
                 GtkListItem *list_item)
{
  CellState *state = cell_state (list_item);
  g_autofree char *link = NULL;

  if (state->item == NULL)
    return;

  link = dup_item_string (state->item, "account-link");
  if (link != NULL && link[0] != '\0')
    gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button))), link,
                  GDK_CURRENT_TIME);
}

/* One line of text, cut short with an ellipsis when it does not fit. The
 * inscription is as tall as a line, centred in the row: given the row's
 * height, it would wrap its text onto a second line. */
static GtkWidget *
new_cell_inscription (void)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_valign (inscription, GTK_ALIGN_CENTER);

  return inscription;
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            const ColumnSpec         *spec)
{
  CellState *state = g_new0 (CellState, 1);
  GtkWidget *widget = NULL;

  state->spec = spec;
  g_object_set_data_full (G_OBJECT (list_item), "attest-cell", state, g_free);

  switch (spec->kind)
    {
    case CELL_CHECK:
      widget = gtk_check_button_new ();
      gtk_widget_set_halign (widget, GTK_ALIGN_CENTER);
      g_signal_connect (widget, "toggled", G_CALLBACK (on_check_toggled), list_item);
      break;

    case CELL_TEXT:
    case CELL_DATE:
    case CELL_PROBLEM:
      widget = new_cell_inscription ();
      if (g_str_equal (spec->property, "customer-tenant-id"))
        {
          /* Both ends of an ID tell it apart; the middle can go. */
          gtk_inscription_set_text_overflow (GTK_INSCRIPTION (widget),
                                             GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_MIDDLE);
          gtk_widget_add_css_class (widget, "monospace");
        }
      break;

    case CELL_EDITABLE:
      widget = attest_editable_cell_new ();
      /* An edit open when the window closes ends after the list item is
       * gone (at the next idle, see attest-editable-cell.c). */
      g_signal_connect_object (widget, "notify::editing", G_CALLBACK (on_editing_changed),
                               list_item, 0);
      break;

    case CELL_STATUS:
      {
        GtkWidget *inscription = new_cell_inscription ();

        widget = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
        gtk_box_append (GTK_BOX (widget), gtk_image_new ());
        gtk_widget_set_hexpand (inscription, TRUE);
        gtk_box_append (GTK_BOX (widget), inscription);
      }
      break;

    case CELL_LINK:
      widget = gtk_button_new_from_icon_name ("adw-external-link-symbolic");
      gtk_widget_add_css_class (widget, "flat");
      g_signal_connect (widget, "clicked", G_CALLBACK (on_open_clicked), list_item);
      break;

    default:
      g_assert_not_reached ();
    }

  if (spec->tooltip)
    {
      gtk_widget_set_has_tooltip (widget, TRUE);
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), list_item);
    }

  gtk_list_item_set_child (list_item, widget);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  CellState *state = cell_state (list_item);

  state->item = ATTEST_RECORD (gtk_list_item_get_item (list_item));
  state->notify_id = g_signal_connect (state->item, "notify", G_CALLBACK (on_item_notify),
                                       list_item);
  sync_cell (list_item);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  CellState *state = cell_state (list_item);

  if (state->item != NULL)
    g_clear_signal_handler (&state->notify_id, state->item);
  state->item = NULL;
}

static void
on_view_sorter_changed (AttestRecordGrid *self)
{
  gboolean descending = FALSE;
  AttestRecordSort sort = attest_record_grid_get_sort (self, &descending);

  if (self->view != NULL)
    attest_record_view_set_sort (self->view, sort, descending);
}

AttestRecordSort
attest_record_grid_get_sort (AttestRecordGrid *self,
                             gboolean         *descending)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_GRID (self), ATTEST_RECORD_SORT_INDEX);

  return attest_column_sorter_read_view_sorter (gtk_column_view_get_sorter (self->column_view),
                                                descending);
}

/* The column the rows are sorted by, named by the record property it shows
 * ("email"), or "" while they are in the file's order. */
const char *
attest_record_grid_get_sort_column (AttestRecordGrid *self,
                                    gboolean         *descending)
{
  AttestRecordSort sort;

  g_return_val_if_fail (ATTEST_IS_RECORD_GRID (self), "");

  sort = attest_record_grid_get_sort (self, descending);
  for (guint i = 0; i < G_N_ELEMENTS (columns) && sort != ATTEST_RECORD_SORT_INDEX; i++)
    {
      if (columns[i].kind != CELL_LINK && columns[i].sort == sort)
        return columns[i].property;
    }

  return "";
}

/* Sorts as a click on @column's header does, for the keyboard (the headers
 * take no focus); "" or NULL puts the rows back in the file's order. */
gboolean
attest_record_grid_sort_by_column (AttestRecordGrid *self,
                                   const char       *column,
                                   gboolean          descending)
{
  GListModel *view_columns;

  g_return_val_if_fail (ATTEST_IS_RECORD_GRID (self), FALSE);

  if (column == NULL || column[0] == '\0')
    {
      gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
      return TRUE;
    }

  view_columns = gtk_column_view_get_columns (self->column_view);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      if (columns[i].kind != CELL_LINK && g_str_equal (columns[i].property, column))
        {
          g_autoptr(GtkColumnViewColumn) view_column = g_list_model_get_item (view_columns, i);

          gtk_column_view_sort_by_column (self->column_view, view_column,
                                          descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
          return TRUE;
        }
    }

  return FALSE;
}

static void
add_columns (AttestRecordGrid *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const ColumnSpec *spec = &columns[i];
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), (gpointer) spec);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), NULL);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), NULL);

      column = gtk_column_view_column_new (spec->title != NULL ? _(spec->title) : NULL, factory);
      gtk_column_view_column_set_resizable (column, spec->kind != CELL_CHECK
                                                    && spec->kind != CELL_LINK);
      gtk_column_view_column_set_expand (column, spec->expand);
      if (spec->width > 0)
        gtk_column_view_column_set_fixed_width (column, spec->width);
      if (spec->kind != CELL_LINK)
        {
          g_autoptr(GtkSorter) sorter = attest_column_sorter_new (spec->sort);

          gtk_column_view_column_set_sorter (column, sorter);
        }

      gtk_column_view_append_column (self->column_view, column);
    }
}

GtkWidget *
attest_record_grid_new (void)
{
  return g_object_new (ATTEST_TYPE_RECORD_GRID, NULL);
}

AttestRecordView *
attest_record_grid_get_view (AttestRecordGrid *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_GRID (self), NULL);

  return self->view;
}

void
attest_record_grid_set_view (AttestRecordGrid *self,
                             AttestRecordView *view)
{
  g_return_if_fail (ATTEST_IS_RECORD_GRID (self));
  g_return_if_fail (view == NULL || ATTEST_IS_RECORD_VIEW (view));

  if (!g_set_object (&self->view, view))
    return;

  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (view));
  if (view != NULL)
    on_view_sorter_changed (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

GtkColumnView *
attest_record_grid_get_column_view (AttestRecordGrid *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_GRID (self), NULL);

  return self->column_view;
}

static void
attest_record_grid_dispose (GObject *object)
{
  AttestRecordGrid *self = ATTEST_RECORD_GRID (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_RECORD_GRID);
  g_clear_object (&self->view);

  G_OBJECT_CLASS (attest_record_grid_parent_class)->dispose (object);
}

static void
attest_record_grid_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AttestRecordGrid *self = ATTEST_RECORD_GRID (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_object (value, self->view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_record_grid_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AttestRecordGrid *self = ATTEST_RECORD_GRID (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      attest_record_grid_set_view (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_record_grid_class_init (AttestRecordGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_record_grid_dispose;
  object_class->get_property = attest_record_grid_get_property;
  object_class->set_property = attest_record_grid_set_property;

  properties[PROP_VIEW] =
    g_param_spec_object ("view", NULL, NULL, ATTEST_TYPE_RECORD_VIEW,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/attest-record-grid.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestRecordGrid, scroller);
  gtk_widget_class_bind_template_child (widget_class, AttestRecordGrid, column_view);
  gtk_widget_class_bind_template_child (widget_class, AttestRecordGrid, selection);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "attest-record-grid");
}

static void
attest_record_grid_init (AttestRecordGrid *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_columns (self);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_view_sorter_changed), self, G_CONNECT_SWAPPED);
}
