/* attest-record-grid-cells.c: the cells of the grid of customer records
 *
 * Cells exist only for the rows on screen: inscriptions, and where a person
 * edits, editable cells and check buttons. Each follows its item's
 * notifications, so an edit anywhere (a cell, "mark all shown", an outcome
 * or a state arriving) shows at once, with its validation. A value the
 * record shows from Partner Center rather than its own is dimmed, and says
 * so when the pointer rests on it. A request's optional column refuses a
 * value the service would refuse, before it is kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-grid-cells"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-editable-cell.h"
#include "attest-record-grid-private.h"

CellState *
_attest_record_grid_cell_state (GtkListItem *list_item)
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
      /* Ready to send is what the partner wants to see: not dimmed. */
      return NULL;
    case ATTEST_RECORD_STATUS_NOT_MARKED:
    default:
      return "dim-label";
    }
}

static const char *
state_icon_name (AttestMcaState state)
{
  switch (state)
    {
    case ATTEST_MCA_STATE_ACCEPTED_DIRECTLY:
    case ATTEST_MCA_STATE_ATTESTED:
    case ATTEST_MCA_STATE_DONE:
      return "emblem-ok-symbolic";
    case ATTEST_MCA_STATE_NEEDS_ACCEPTANCE:
      return "dialog-warning-symbolic";
    case ATTEST_MCA_STATE_REQUESTED:
      return "mail-send-symbolic";
    case ATTEST_MCA_STATE_REFUSED:
      return "dialog-error-symbolic";
    case ATTEST_MCA_STATE_UNCHECKED:
    default:
      return NULL;
    }
}

static const char *
state_style (AttestMcaState state)
{
  switch (state)
    {
    case ATTEST_MCA_STATE_ACCEPTED_DIRECTLY:
    case ATTEST_MCA_STATE_ATTESTED:
    case ATTEST_MCA_STATE_DONE:
      return "success";
    case ATTEST_MCA_STATE_NEEDS_ACCEPTANCE:
      return "warning";
    case ATTEST_MCA_STATE_REFUSED:
      return "error";
    case ATTEST_MCA_STATE_REQUESTED:
      return NULL;
    case ATTEST_MCA_STATE_UNCHECKED:
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

/* The customer as a person knows it: its company, else its contact's name,
 * else the contact's email, else its ID. */
static char *
dup_customer_name (AttestRecord *item)
{
  char *name = _attest_record_grid_dup_name (item);

  if (name == NULL)
    name = dup_item_string (item, "email");
  if (name == NULL || name[0] == '\0')
    {
      g_free (name);
      name = dup_item_string (item, "customer-tenant-id");
    }

  return name;
}

/* Which AttestRecordFallback a column's property shows, or 0. */
static guint
property_fallback (const char *property)
{
  static const struct
  {
    const char           *property;
    AttestRecordFallback  fallback;
  } fallbacks[] = {
    { "first-name", ATTEST_RECORD_FALLBACK_FIRST_NAME },
    { "last-name", ATTEST_RECORD_FALLBACK_LAST_NAME },
    { "email", ATTEST_RECORD_FALLBACK_EMAIL },
    { "phone-number", ATTEST_RECORD_FALLBACK_PHONE_NUMBER },
    { "company-name", ATTEST_RECORD_FALLBACK_COMPANY_NAME },
    { "country", ATTEST_RECORD_FALLBACK_COUNTRY },
    { "language", ATTEST_RECORD_FALLBACK_LANGUAGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fallbacks); i++)
    {
      if (g_str_equal (fallbacks[i].property, property))
        return fallbacks[i].fallback;
    }

  return 0;
}

static gboolean
shows_fallback (CellState *state)
{
  guint fallback = property_fallback (state->spec->property);

  return fallback != 0 && (attest_record_get_fallbacks (state->item) & fallback) != 0;
}

/* An empty cell says nothing: an inscription with no text (GTK 4.8) is
 * named after its type, "GtkInscription", for a screen reader. */
static void
set_cell_text (GtkWidget  *inscription,
               const char *text)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text != NULL ? text : "");
}

static void
sync_state_cell (GtkWidget    *widget,
                 AttestRecord *item)
{
  AttestMcaState state = ATTEST_MCA_STATE_UNCHECKED;
  GtkWidget *image = gtk_widget_get_first_child (widget);
  GtkWidget *inscription = gtk_widget_get_next_sibling (image);
  g_autofree char *text = dup_item_string (item, "mca-state-label");
  const char *icon;

  g_object_get (item, "mca-state", &state, NULL);
  icon = state_icon_name (state);
  gtk_image_set_from_icon_name (GTK_IMAGE (image), icon);
  gtk_widget_set_visible (image, icon != NULL);
  set_cell_text (inscription, text);
  set_style_class (widget, state_style (state));
}

static void
sync_cell (GtkListItem *list_item)
{
  CellState *state = _attest_record_grid_cell_state (list_item);
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
        g_autofree char *who = _attest_record_grid_describe (item);
        g_autofree char *label = NULL;

        g_object_get (item, "attested", &attested, NULL);
        if (gtk_check_button_get_active (GTK_CHECK_BUTTON (widget)) != attested)
          gtk_check_button_set_active (GTK_CHECK_BUTTON (widget), attested);
        /* Partner Center has a done customer's attestation: its mark stays. */
        gtk_widget_set_sensitive (widget, !(attested && _attest_record_grid_is_done (item)));
        if (state->spec->flow == FLOW_CURRENT)
          /* Translators: the accessible name of a row's check box, in the
           * columns of Microsoft's current flow. */
          label = g_strdup_printf (_("Marked: %s"), who);
        else
          /* Translators: the accessible name of a row's check box. */
          label = g_strdup_printf (_("Attested: %s"), who);
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      }
      break;

    case CELL_LINE:
      {
        guint line = 0;

        g_object_get (item, "line", &line, NULL);
        text = line > 0 ? g_strdup_printf ("%'u", line) : NULL;
        set_cell_text (widget, text);
      }
      break;

    case CELL_DATE:
      text = _attest_record_grid_dup_agreement_day (item, FALSE);
      set_cell_text (widget, text);
      break;

    case CELL_TEXT:
      text = dup_item_string (item, state->spec->property);
      set_cell_text (widget, text);
      break;

    case CELL_NAME:
      text = dup_customer_name (item);
      set_cell_text (widget, text);
      break;

    case CELL_EDITABLE:
    case CELL_REQUEST:
      text = dup_item_string (item, state->spec->property);
      if (!attest_editable_cell_get_editing (ATTEST_EDITABLE_CELL (widget)))
        attest_editable_cell_set_text (ATTEST_EDITABLE_CELL (widget), text);
      set_style_class (widget, shows_fallback (state) ? "dim-label" : NULL);
      {
        g_autofree char *name = _attest_record_grid_dup_name (item);
        g_autofree char *label = NULL;

        if (name == NULL)
          name = dup_item_string (item, "customer-tenant-id");
        /* Translators: the accessible name of a cell, e.g. "Email of
         * Contoso Ltd": the column, then the customer's name or ID. */
        label = g_strdup_printf (_("%1$s of %2$s"), _(state->spec->title), name ? name : "");
        attest_editable_cell_set_label (ATTEST_EDITABLE_CELL (widget), label);
      }
      break;

    case CELL_STATUS:
      {
        AttestRecordStatus status = ATTEST_RECORD_STATUS_PENDING;
        GtkWidget *image = gtk_widget_get_first_child (widget);
        GtkWidget *inscription = gtk_widget_get_next_sibling (image);
        const char *icon;

        g_object_get (item, "status", &status, NULL);
        text = _attest_record_grid_dup_status (item, FALSE);
        icon = status_icon_name (status);
        gtk_image_set_from_icon_name (GTK_IMAGE (image), icon);
        gtk_widget_set_visible (image, icon != NULL);
        set_cell_text (inscription, text);
        set_style_class (widget, status_style (status));
      }
      break;

    case CELL_STATE:
      sync_state_cell (widget, item);
      break;

    case CELL_PROBLEM:
      text = _attest_record_grid_dup_problem (item, state->spec);
      set_cell_text (widget, text);
      set_style_class (widget, "error");
      break;

    case CELL_MENU:
      {
        g_autofree char *who = _attest_record_grid_describe (item);
        /* Translators: the accessible name of a row's menu button, e.g.
         * "Actions for Contoso Ltd (1c2d…)". */
        g_autofree char *label = g_strdup_printf (_("Actions for %s"), who);

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
  CellState *state = _attest_record_grid_cell_state (list_item);
  g_autofree char *text = NULL;

  if (state->item == NULL)
    return FALSE;

  switch (state->spec->kind)
    {
    case CELL_MENU:
      gtk_tooltip_set_text (tooltip, _("Details, Copy Link, Write to Signatory and More"));
      return TRUE;

    case CELL_EDITABLE:
    case CELL_REQUEST:
      if (!shows_fallback (state))
        return FALSE;
      gtk_tooltip_set_text (tooltip, _("From Partner Center: the customer’s billing profile or "
                                       "its name there. Edit it to keep your own value in the "
                                       "file."));
      return TRUE;

    case CELL_STATE:
      /* Why: the service's words, or why the check failed. */
      text = dup_item_string (state->item, "mca-message");
      break;

    case CELL_CHECK:
      if (gtk_widget_get_sensitive (widget))
        return FALSE;
      text = _attest_record_grid_dup_done_reason (state->item);
      break;

    case CELL_DATE:
      {
        g_autofree char *day = _attest_record_grid_dup_agreement_day (state->item, TRUE);
        g_autofree char *raw = dup_item_string (state->item, state->spec->property);

        if (day == NULL || raw == NULL)
          return FALSE;
        /* Translators: the tooltip of a last agreement: the day in words,
         * then the value as the file has it. */
        text = g_strdup_printf (_("%1$s (in the file: %2$s)"), day, raw);
      }
      break;

    case CELL_STATUS:
      text = _attest_record_grid_dup_status (state->item, TRUE);
      break;

    case CELL_NAME:
      text = dup_customer_name (state->item);
      break;

    case CELL_PROBLEM:
      text = _attest_record_grid_dup_problem (state->item, state->spec);
      break;

    default:
      /* The whole value: a date with its time, an ID or a problem cut short. */
      text = dup_item_string (state->item, state->spec->property);
      break;
    }

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
  CellState *state = _attest_record_grid_cell_state (list_item);
  gboolean attested = FALSE;

  if (state->item == NULL || state->syncing)
    return;

  g_object_get (state->item, "attested", &attested, NULL);
  if (attested == gtk_check_button_get_active (button))
    return;
  if (attested && _attest_record_grid_is_done (state->item))
    {
      g_autofree char *reason = _attest_record_grid_dup_done_reason (state->item);

      gtk_check_button_set_active (button, TRUE);
      _attest_record_grid_mark_kept (state->grid, state->item, reason);
      return;
    }
  g_object_set (state->item, "attested", gtk_check_button_get_active (button), NULL);
}

static AttestRequestField
request_field (const ColumnSpec *spec)
{
  if (g_str_equal (spec->property, "company-name"))
    return ATTEST_REQUEST_FIELD_COMPANY_NAME;
  if (g_str_equal (spec->property, "country"))
    return ATTEST_REQUEST_FIELD_COUNTRY;

  return ATTEST_REQUEST_FIELD_LANGUAGE;
}

/* A request's optional column keeps only what the service takes, exactly
 * as typed (SPEC §13: never mapped or guessed); an empty value leaves it
 * to Partner Center again. What it refuses is put back, and the grid says
 * why. */
static gboolean
refuses (CellState  *state,
         const char *text)
{
  AttestRequestField field = request_field (state->spec);
  AttestRequestProblem problem = attest_validate_request_field (field, text, strlen (text));
  g_autofree char *message = NULL;

  if (problem == ATTEST_REQUEST_PROBLEM_NONE || problem == ATTEST_REQUEST_PROBLEM_MISSING)
    return FALSE;

  message = attest_request_problem_dup_message (field, problem, text, strlen (text));
  _attest_record_grid_edit_refused (state->grid, state->item, message);

  return TRUE;
}

static void
on_editing_changed (AttestEditableCell *cell,
                    GParamSpec         *pspec,
                    GtkListItem        *list_item)
{
  CellState *state = _attest_record_grid_cell_state (list_item);
  g_autofree char *current = NULL;
  const char *text;

  if (state->item == NULL || attest_editable_cell_get_editing (cell))
    return;

  text = attest_editable_cell_get_text (cell);
  current = dup_item_string (state->item, state->spec->property);
  if (g_strcmp0 (current ? current : "", text) == 0)
    return;

  if (state->spec->kind == CELL_REQUEST && refuses (state, text))
    {
      attest_editable_cell_set_text (cell, current);
      return;
    }

  g_object_set (state->item, state->spec->property, text, NULL);
}

static void
on_create_menu_popup (GtkMenuButton *button,
                      gpointer       user_data)
{
  GtkListItem *list_item = user_data;
  CellState *state = _attest_record_grid_cell_state (list_item);

  _attest_record_grid_prepare_menu (state->grid, list_item, button);
}

/* One line of text, cut short with an ellipsis when it does not fit. The
 * inscription is as tall as a line, centred in the row: given the row's
 * height, it would wrap its text onto a second line. */
static GtkWidget *
new_cell_inscription (void)
{
  GtkWidget *inscription = gtk_inscription_new ("");

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_valign (inscription, GTK_ALIGN_CENTER);

  return inscription;
}

static GtkWidget *
new_icon_and_text (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *inscription = new_cell_inscription ();

  gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_widget_set_hexpand (inscription, TRUE);
  gtk_box_append (GTK_BOX (box), inscription);

  return box;
}

void
_attest_record_grid_setup_cell (GtkSignalListItemFactory *factory,
                                GtkListItem              *list_item,
                                const ColumnSpec         *spec)
{
  CellState *state = g_new0 (CellState, 1);
  GtkWidget *widget = NULL;

  state->spec = spec;
  state->grid = g_object_get_data (G_OBJECT (factory), "attest-grid");
  g_object_set_data_full (G_OBJECT (list_item), "attest-cell", state, g_free);

  switch (spec->kind)
    {
    case CELL_CHECK:
      widget = gtk_check_button_new ();
      gtk_widget_set_halign (widget, GTK_ALIGN_CENTER);
      g_signal_connect (widget, "toggled", G_CALLBACK (on_check_toggled), list_item);
      /* Says why a done customer's mark cannot be cleared. */
      gtk_widget_set_has_tooltip (widget, TRUE);
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), list_item);
      break;

    case CELL_LINE:
      widget = new_cell_inscription ();
      gtk_inscription_set_xalign (GTK_INSCRIPTION (widget), 1.0);
      gtk_widget_add_css_class (widget, "numeric");
      gtk_widget_add_css_class (widget, "dim-label");
      break;

    case CELL_TEXT:
    case CELL_NAME:
    case CELL_DATE:
    case CELL_PROBLEM:
      widget = new_cell_inscription ();
      /* A problem is a sentence: two lines of it fit in a row's height. */
      if (spec->kind == CELL_PROBLEM)
        {
          gtk_inscription_set_nat_lines (GTK_INSCRIPTION (widget), 2);
          gtk_inscription_set_wrap_mode (GTK_INSCRIPTION (widget), PANGO_WRAP_WORD_CHAR);
          gtk_widget_add_css_class (widget, "caption");
        }
      if (g_str_equal (spec->property, "customer-tenant-id"))
        {
          /* Both ends of an ID tell it apart; the middle can go. */
          gtk_inscription_set_text_overflow (GTK_INSCRIPTION (widget),
                                             GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_MIDDLE);
          gtk_widget_add_css_class (widget, "monospace");
        }
      break;

    case CELL_EDITABLE:
    case CELL_REQUEST:
      widget = attest_editable_cell_new ();
      /* Which column it edits, as a test finds it. */
      gtk_widget_set_name (widget, spec->property);
      /* An edit open when the window closes ends after the list item is
       * gone (at the next idle, see attest-editable-cell.c). */
      g_signal_connect_object (widget, "notify::editing", G_CALLBACK (on_editing_changed),
                               list_item, 0);
      gtk_widget_set_has_tooltip (widget, TRUE);
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), list_item);
      break;

    case CELL_STATUS:
      /* "Attested today at 15:37": when goes under the word, so that the
       * column is as wide as the longest word, not as the word and when. */
      widget = new_icon_and_text ();
      gtk_inscription_set_nat_lines (GTK_INSCRIPTION (gtk_widget_get_last_child (widget)), 2);
      gtk_inscription_set_wrap_mode (GTK_INSCRIPTION (gtk_widget_get_last_child (widget)),
                                     PANGO_WRAP_WORD_CHAR);
      break;

    case CELL_STATE:
      /* "Accepted directly" wraps at its words in a narrow grid. */
      widget = new_icon_and_text ();
      gtk_inscription_set_nat_lines (GTK_INSCRIPTION (gtk_widget_get_last_child (widget)), 2);
      gtk_inscription_set_wrap_mode (GTK_INSCRIPTION (gtk_widget_get_last_child (widget)),
                                     PANGO_WRAP_WORD_CHAR);
      break;

    case CELL_MENU:
      widget = gtk_menu_button_new ();
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (widget), "view-more-symbolic");
      gtk_menu_button_set_has_frame (GTK_MENU_BUTTON (widget), FALSE);
      gtk_widget_set_halign (widget, GTK_ALIGN_CENTER);
      /* The menu is made when it is first opened, not for every row bound. */
      gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (widget), on_create_menu_popup,
                                             list_item, NULL);
      break;

    default:
      g_assert_not_reached ();
    }

  if (spec->tooltip)
    {
      gtk_widget_set_has_tooltip (widget, TRUE);
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), list_item);
    }

  /* Which row a click or the focus is on (attest-record-grid.c). */
  g_object_set_data (G_OBJECT (widget), "attest-list-item", list_item);
  gtk_list_item_set_child (list_item, widget);
}

void
_attest_record_grid_bind_cell (GtkSignalListItemFactory *factory,
                               GtkListItem              *list_item,
                               gpointer                  user_data)
{
  CellState *state = _attest_record_grid_cell_state (list_item);

  state->item = ATTEST_RECORD (gtk_list_item_get_item (list_item));
  state->notify_id = g_signal_connect (state->item, "notify", G_CALLBACK (on_item_notify),
                                       list_item);
  sync_cell (list_item);
  if (state->spec->kind == CELL_MENU)
    _attest_record_grid_menu_bound (state->grid, list_item, gtk_list_item_get_child (list_item),
                                    TRUE);
}

void
_attest_record_grid_unbind_cell (GtkSignalListItemFactory *factory,
                                 GtkListItem              *list_item,
                                 gpointer                  user_data)
{
  CellState *state = _attest_record_grid_cell_state (list_item);

  if (state->spec->kind == CELL_MENU)
    _attest_record_grid_menu_bound (state->grid, list_item, gtk_list_item_get_child (list_item),
                                    FALSE);
  if (state->item != NULL)
    g_clear_signal_handler (&state->notify_id, state->item);
  state->item = NULL;
}
