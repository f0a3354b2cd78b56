/* attest-record-details.c: everything about one customer of the grid
 *
 * What a row cannot show in its width: the customer's status and when it
 * was reached, Partner Center's reason for a rejection or a refusal, each
 * problem on a line of its own, and every field with its name, the file's
 * line included, so that "Line 7, Email" from `attest check` can be found
 * (a customer fetched from Partner Center has no line of a file). Each
 * value is what is read, its field's name the small caption above it (the
 * "field" rows of style.css, as libadwaita 1.3's "property" rows). The grid
 * shows it beside the rows, or over them when the window is narrow
 * (attest-record-grid.c); it follows its record's changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-details"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-record-details.h"
#include "attest-record-grid-private.h"

/* Wide enough for a sentence of a reason; narrower when the window is. */
#define NATURAL_WIDTH 360

struct _AttestRecordDetails
{
  GtkWidget             parent_instance;

  GtkWidget            *box;
  GtkLabel             *heading;
  GtkWidget            *close_button;
  AdwPreferencesGroup  *status_group;
  AdwPreferencesGroup  *problems_group;
  AdwPreferencesGroup  *customer_group;

  AttestRecord         *record;
  gulong                notify_id;
  guint                 sync_idle;
  GPtrArray            *rows;           /* GtkWidget *, each in one of the groups */
  gboolean              current_flow;
};

G_DEFINE_FINAL_TYPE (AttestRecordDetails, attest_record_details, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
attest_record_details_new (void)
{
  return g_object_new (ATTEST_TYPE_RECORD_DETAILS, NULL);
}

static char *
dup_string (AttestRecord *record,
            const char   *property)
{
  char *value = NULL;

  g_object_get (record, property, &value, NULL);
  if (value != NULL && g_strstrip (value)[0] == '\0')
    g_clear_pointer (&value, g_free);

  return value;
}

static void
add_row (AttestRecordDetails *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *value,
         const char          *icon_name)
{
  GtkWidget *row;

  if (value == NULL)
    return;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (title[0] != '\0')
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
      gtk_widget_add_css_class (row, "field");
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value);
    }
  if (icon_name != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
clear_rows (AttestRecordDetails *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_status_rows (AttestRecordDetails *self)
{
  AttestRecordStatus status = ATTEST_RECORD_STATUS_PENDING;
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;

  if (self->current_flow)
    {
      text = dup_string (self->record, "mca-state-label");
      message = dup_string (self->record, "mca-message");
      add_row (self, self->status_group, _("State"), text, NULL);
      add_row (self, self->status_group, _("Partner Center’s Answer"), message, NULL);
      return;
    }

  g_object_get (self->record, "status", &status, NULL);
  text = _attest_record_grid_dup_status (self->record, TRUE);
  add_row (self, self->status_group, _("Status"), text, NULL);
  if (status == ATTEST_RECORD_STATUS_REJECTED || status == ATTEST_RECORD_STATUS_FAILED)
    {
      message = dup_string (self->record, "message");
      add_row (self, self->status_group, _("Partner Center’s Reason"),
               message != NULL ? message : _("Partner Center gave no reason."), NULL);
    }
}

/* One row per problem; in the current flow the service's words, which the
 * problems of a request end with, are the status's. */
static gboolean
add_problem_rows (AttestRecordDetails *self)
{
  g_autofree char *problems = dup_string (self->record, self->current_flow ? "request-problem"
                                                                           : "problem");
  g_autofree char *message = self->current_flow ? dup_string (self->record, "mca-message")
                                                 : NULL;
  g_auto(GStrv) lines = NULL;
  gboolean any = FALSE;

  if (problems == NULL)
    return FALSE;

  lines = g_strsplit (problems, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0' || g_strcmp0 (lines[i], message) == 0)
        continue;
      add_row (self, self->problems_group, "", lines[i], "dialog-warning-symbolic");
      any = TRUE;
    }

  return any;
}

static void
add_customer_rows (AttestRecordDetails *self)
{
  static const struct
  {
    const char *title;     /* N_() */
    const char *property;
    gboolean    current;   /* shown in the current flow only */
  } fields[] = {
    { N_("Company"), "company-name", TRUE },
    { N_("Customer ID"), "customer-tenant-id", FALSE },
    { N_("First Name"), "first-name", FALSE },
    { N_("Last Name"), "last-name", FALSE },
    { N_("Email"), "email", FALSE },
    { N_("Phone"), "phone-number", FALSE },
    { N_("Country"), "country", TRUE },
    { N_("Language"), "language", TRUE },
  };
  g_autofree char *day = _attest_record_grid_dup_agreement_day (self->record, TRUE);
  guint line = 0;

  g_object_get (self->record, "line", &line, NULL);
  if (line > 0 && attest_record_store_is_from_file (attest_record_get_store (self->record),
                                                    attest_record_get_index (self->record)))
    {
      g_autofree char *text = g_strdup_printf ("%'u", line);

      add_row (self, self->customer_group, _("Line in the File"), text, NULL);
    }

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = NULL;

      if (fields[i].current && !self->current_flow)
        continue;
      value = dup_string (self->record, fields[i].property);
      add_row (self, self->customer_group, _(fields[i].title), value, NULL);
    }

  if (!self->current_flow)
    add_row (self, self->customer_group, _("Last Agreement"), day, NULL);
}

static void
show_record (AttestRecordDetails *self)
{
  g_autofree char *name = NULL;

  g_clear_handle_id (&self->sync_idle, g_source_remove);
  clear_rows (self);
  if (self->record == NULL)
    {
      gtk_label_set_text (self->heading, _("Customer Details"));
      return;
    }

  name = _attest_record_grid_dup_name (self->record);
  if (name == NULL)
    name = dup_string (self->record, "customer-tenant-id");
  gtk_label_set_text (self->heading, name != NULL ? name : _("Customer Details"));

  add_status_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), add_problem_rows (self));
  add_customer_rows (self);
}

static gboolean
sync_idle (gpointer user_data)
{
  AttestRecordDetails *self = user_data;

  self->sync_idle = 0;
  show_record (self);

  return G_SOURCE_REMOVE;
}

/* A change notifies each property: the rows are made again once. */
static void
on_record_notify (AttestRecordDetails *self)
{
  if (self->sync_idle == 0)
    self->sync_idle = g_idle_add (sync_idle, self);
}

AttestRecord *
attest_record_details_get_record (AttestRecordDetails *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_DETAILS (self), NULL);

  return self->record;
}

/* Shows @record, and follows its changes; NULL shows none. */
void
attest_record_details_set_record (AttestRecordDetails *self,
                                  AttestRecord        *record)
{
  g_return_if_fail (ATTEST_IS_RECORD_DETAILS (self));
  g_return_if_fail (record == NULL || ATTEST_IS_RECORD (record));

  if (self->record == record)
    return;

  if (self->record != NULL)
    g_clear_signal_handler (&self->notify_id, self->record);
  g_set_object (&self->record, record);
  if (record != NULL)
    self->notify_id = g_signal_connect_swapped (record, "notify", G_CALLBACK (on_record_notify),
                                                self);
  show_record (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

/* Shows what Microsoft's current flow knows of the record, or the classic
 * attestation's status. */
void
attest_record_details_set_current_flow (AttestRecordDetails *self,
                                        gboolean             current_flow)
{
  g_return_if_fail (ATTEST_IS_RECORD_DETAILS (self));

  if (self->current_flow == !!current_flow)
    return;

  self->current_flow = !!current_flow;
  show_record (self);
}

/* As wide as its rows need, but no wider than NATURAL_WIDTH asks: a
 * wrapped sentence would ask for the width of its whole line. */
static void
attest_record_details_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, NATURAL_WIDTH);
}

static void
attest_record_details_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  gtk_widget_allocate (gtk_widget_get_first_child (widget), width, height, baseline, NULL);
}

static gboolean
attest_record_details_grab_focus (GtkWidget *widget)
{
  AttestRecordDetails *self = ATTEST_RECORD_DETAILS (widget);

  return gtk_widget_grab_focus (self->close_button);
}

static void
attest_record_details_dispose (GObject *object)
{
  AttestRecordDetails *self = ATTEST_RECORD_DETAILS (object);

  g_clear_handle_id (&self->sync_idle, g_source_remove);
  if (self->record != NULL)
    g_clear_signal_handler (&self->notify_id, self->record);
  g_clear_object (&self->record);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_RECORD_DETAILS);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (attest_record_details_parent_class)->dispose (object);
}

static void
attest_record_details_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AttestRecordDetails *self = ATTEST_RECORD_DETAILS (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_record_details_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  AttestRecordDetails *self = ATTEST_RECORD_DETAILS (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      attest_record_details_set_record (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_record_details_class_init (AttestRecordDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_record_details_dispose;
  object_class->get_property = attest_record_details_get_property;
  object_class->set_property = attest_record_details_set_property;
  widget_class->measure = attest_record_details_measure;
  widget_class->size_allocate = attest_record_details_size_allocate;
  widget_class->grab_focus = attest_record_details_grab_focus;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, ATTEST_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/attest-record-details.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestRecordDetails, box);
  gtk_widget_class_bind_template_child (widget_class, AttestRecordDetails, heading);
  gtk_widget_class_bind_template_child (widget_class, AttestRecordDetails, close_button);
  gtk_widget_class_bind_template_child (widget_class, AttestRecordDetails, status_group);
  gtk_widget_class_bind_template_child (widget_class, AttestRecordDetails, problems_group);
  gtk_widget_class_bind_template_child (widget_class, AttestRecordDetails, customer_group);
  gtk_widget_class_set_css_name (widget_class, "attest-record-details");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
attest_record_details_init (AttestRecordDetails *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), FALSE);
  show_record (self);
}
