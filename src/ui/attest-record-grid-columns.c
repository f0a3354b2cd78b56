/* attest-record-grid-columns.c: the columns of the grid of customer records
 *
 * The column view holds the columns of the flow shown, in their order, and
 * of those only the ones that fit: when the rows are narrower than their
 * columns (a narrow window, the details beside them), the least important
 * columns give way, and they come back once the width they needed is there
 * again. The phone, then the last agreement (or the country and language),
 * the line and the customer ID go first, all of which the details keep;
 * then the names, for which the Customer column stands in, the company or
 * the contact's name; then the email and the problem. The check box, the
 * Customer column, the row's menu and the status (or the state) stay, so
 * that a narrow row still says who the customer is and where it stands:
 * "[ ] Contoso Ltd  Needs acceptance". The column the rows are sorted by
 * stays too. While the Customer column stands in, the check box's column
 * shows no title, which its header keeps as its name for screen readers,
 * and the status wraps at its words. Records fetched rather than read from
 * a file have no Line column.
 *
 * The Status column is as wide as its longest status in the language shown
 * ("Gönderilmeye hazır"), every column as wide as its header's title
 * ("Dernière acceptation"), and each column header is named for screen
 * readers after its title.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-grid-columns"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-column-sorter.h"
#include "attest-format.h"
#include "attest-record-grid-private.h"

/* The rank of the names (ColumnSpec.give_way): once they gave way, the
 * Customer column shows in their place. */
#define NAMES_GIVE_WAY 4

/* The header's N_GRID_COLUMNS must count these rows: the types differ otherwise. */
const ColumnSpec _attest_record_grid_columns[] = {
  { N_("Attested"), "attested", CELL_CHECK, ATTEST_RECORD_SORT_ATTESTED, -1, FALSE, FALSE,
    FLOW_CLASSIC, 0 },
  { N_("Marked"), "attested", CELL_CHECK, ATTEST_RECORD_SORT_ATTESTED, -1, FALSE, FALSE,
    FLOW_CURRENT, 0 },
  { N_("Line"), "line", CELL_LINE, ATTEST_RECORD_SORT_INDEX, 56, FALSE, FALSE, FLOW_BOTH, 6 },
  { N_("Customer ID"), "customer-tenant-id", CELL_TEXT, ATTEST_RECORD_SORT_CUSTOMER_TENANT_ID,
    110, FALSE, TRUE, FLOW_BOTH, 5 },
  /* Translators: the title of the column that names each customer by its
   * company, or its contact's name, when the window is too narrow for the
   * columns of the names. */
  { N_("Customer"), "customer-name", CELL_NAME, ATTEST_RECORD_SORT_INDEX, 120, TRUE, TRUE,
    FLOW_BOTH, 0 },
  { N_("Company"), "company-name", CELL_REQUEST, ATTEST_RECORD_SORT_COMPANY_NAME, 130, FALSE,
    FALSE, FLOW_CURRENT, NAMES_GIVE_WAY },
  { N_("State"), "mca-state-label", CELL_STATE, ATTEST_RECORD_SORT_MCA_STATE, 190, FALSE, TRUE,
    FLOW_CURRENT, 1 },
  { N_("First Name"), "first-name", CELL_EDITABLE, ATTEST_RECORD_SORT_FIRST_NAME, 95, FALSE,
    FALSE, FLOW_BOTH, NAMES_GIVE_WAY },
  { N_("Last Name"), "last-name", CELL_EDITABLE, ATTEST_RECORD_SORT_LAST_NAME, 95, FALSE,
    FALSE, FLOW_BOTH, NAMES_GIVE_WAY },
  { N_("Email"), "email", CELL_EDITABLE, ATTEST_RECORD_SORT_EMAIL, 155, FALSE, FALSE, FLOW_BOTH,
    3 },
  { N_("Phone"), "phone-number", CELL_EDITABLE, ATTEST_RECORD_SORT_PHONE_NUMBER, 95, FALSE,
    FALSE, FLOW_BOTH, 8 },
  { N_("Country"), "country", CELL_REQUEST, ATTEST_RECORD_SORT_COUNTRY, 70, FALSE, FALSE,
    FLOW_CURRENT, 7 },
  { N_("Language"), "language", CELL_REQUEST, ATTEST_RECORD_SORT_LANGUAGE, 80, FALSE, FALSE,
    FLOW_CURRENT, 7 },
  { N_("Last Agreement"), "last-agreement", CELL_DATE, ATTEST_RECORD_SORT_LAST_AGREEMENT_DATE,
    125, FALSE, TRUE, FLOW_CLASSIC, 7 },
  { N_("Status"), "status-label", CELL_STATUS, ATTEST_RECORD_SORT_STATUS, 140, FALSE, TRUE,
    FLOW_CLASSIC, 1 },
  { N_("Problem"), "problem", CELL_PROBLEM, ATTEST_RECORD_SORT_PROBLEM, 130, TRUE, TRUE,
    FLOW_CLASSIC, 2 },
  { N_("Problem"), "request-problem", CELL_PROBLEM, ATTEST_RECORD_SORT_PROBLEM, 100, TRUE, TRUE,
    FLOW_CURRENT, 2 },
  { NULL, "link", CELL_MENU, ATTEST_RECORD_SORT_INDEX, -1, FALSE, TRUE, FLOW_BOTH, 0 },
};

#define columns _attest_record_grid_columns

#define STATUS_COLUMN_MAX_WIDTH 260

/* Whether the column belongs to the flow shown (whether it fits or not). */
gboolean
_attest_record_grid_column_is_shown (AttestRecordGrid *self,
                                     guint             column)
{
  const ColumnSpec *spec = &_attest_record_grid_columns[column];

  return spec->flow == FLOW_BOTH || (spec->flow == FLOW_CURRENT) == self->current_flow;
}

/* The rows were read from a file, whose line numbers the Line column
 * shows; fetched rows have none. */
static gboolean
has_lines (AttestRecordGrid *self)
{
  AttestRecordStore *store = self->view != NULL ? attest_record_view_get_store (self->view)
                                                : NULL;

  return store != NULL && attest_record_store_get_n_records (store) > 0 &&
         attest_record_store_is_from_file (store, 0);
}

/* Whether some of the names of the flow shown gave way. */
static gboolean
names_gave_way (AttestRecordGrid *self)
{
  for (guint i = 0; i < N_GRID_COLUMNS; i++)
    {
      if (columns[i].give_way == NAMES_GIVE_WAY && self->gave_way[i] > 0 &&
          _attest_record_grid_column_is_shown (self, i))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_wanted (AttestRecordGrid *self,
           guint             column)
{
  if (!_attest_record_grid_column_is_shown (self, column) || self->gave_way[column] > 0)
    return FALSE;

  switch (columns[column].kind)
    {
    case CELL_LINE:
      return has_lines (self);
    case CELL_NAME:
      return names_gave_way (self);
    default:
      return TRUE;
    }
}

/* The title widgets of the headers, GTK's own, found by their type, in the
 * order of the columns. */
static void
find_titles (GtkWidget *widget,
             GPtrArray *titles)
{
  GType title_type = g_type_from_name ("GtkColumnViewTitle");

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        continue;
      if (title_type != 0 && G_TYPE_CHECK_INSTANCE_TYPE (child, title_type))
        g_ptr_array_add (titles, child);
      else
        find_titles (child, titles);
    }
}

/* The headers are named after their columns' titles for screen readers,
 * a title not shown included; GTK 4.8 names them after nothing. */
static void
name_headers (AttestRecordGrid *self)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  guint n = 0;

  find_titles (GTK_WIDGET (self->column_view), titles);
  for (guint i = 0; i < N_GRID_COLUMNS && n < titles->len; i++)
    {
      if (gtk_column_view_column_get_column_view (self->view_columns[i]) != self->column_view)
        continue;
      gtk_accessible_update_property (GTK_ACCESSIBLE (g_ptr_array_index (titles, n++)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      columns[i].title != NULL
                                      ? _(columns[i].title)
                                      /* Translators: the header of the column of the
                                       * rows' menu buttons, for screen readers. */
                                      : _("Row Menu"),
                                      -1);
    }
}

static void fit_narrow (AttestRecordGrid *self);

/* Puts in the column view the columns wanted, in their order. A column
 * hidden with gtk_column_view_column_set_visible() still counts in the
 * width GTK 4.8 shares out, which leaves the columns shown short. */
void
_attest_record_grid_show_columns (AttestRecordGrid *self)
{
  GListModel *shown = gtk_column_view_get_columns (self->column_view);
  guint position = 0;

  for (guint i = 0; i < N_GRID_COLUMNS; i++)
    {
      GtkColumnViewColumn *column = self->view_columns[i];
      gboolean wanted = is_wanted (self, i);
      gboolean there = gtk_column_view_column_get_column_view (column) == self->column_view;
      if (wanted && !there)
        gtk_column_view_insert_column (self->column_view, position, column);
      else if (!wanted && there)
        gtk_column_view_remove_column (self->column_view, column);
      position += wanted;
    }
  g_assert (g_list_model_get_n_items (shown) == position);

  fit_narrow (self);
  name_headers (self);
}

/* The column the rows are sorted by, which stays, or -1. */
static int
sorted_column (AttestRecordGrid *self)
{
  gboolean descending = FALSE;
  AttestRecordSort sort = attest_record_grid_get_sort (self, &descending);

  for (guint i = 0; i < N_GRID_COLUMNS; i++)
    {
      const ColumnSpec *spec = &_attest_record_grid_columns[i];

      if (!column_spec_sorts (spec) || !is_wanted (self, i) || spec->sort != sort)
        continue;
      if (sort != ATTEST_RECORD_SORT_INDEX || descending)
        return i;
    }

  return -1;
}

/* What a header needs beside its title: its padding and separator, and
 * on the column sorted by, the sort arrow and the space before it. */
#define HEADER_PADDING_WIDTH (12 + 1)
#define HEADER_ARROW_WIDTH   (16 + 6)

/* A label of a column header, GTK's own, to measure the titles in the
 * headers' font; NULL before the column view has headers. */
static GtkWidget *
find_header_label (GtkWidget *widget)
{
  GType title_type = g_type_from_name ("GtkColumnViewTitle");

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = child;

      if (GTK_IS_LIST_VIEW (child))
        continue;
      if (title_type == 0 || !G_TYPE_CHECK_INSTANCE_TYPE (child, title_type))
        {
          found = find_header_label (child);
          if (found != NULL)
            return found;
          continue;
        }

      while (found != NULL && !GTK_IS_LABEL (found))
        found = gtk_widget_get_first_child (found);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static int
text_width (GtkWidget  *widget,
            const char *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width = 0;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* The width of @text, or of its widest word when @words. */
static int
text_or_word_width (GtkWidget  *widget,
                    const char *text,
                    gboolean    words)
{
  g_auto(GStrv) split = NULL;
  int widest = 0;

  if (!words)
    return text_width (widget, text);

  split = g_strsplit (text, " ", -1);
  for (guint i = 0; split[i] != NULL; i++)
    widest = MAX (widest, text_width (widget, split[i]));

  return widest;
}

/* The width of the Status or State column for its longest status in the
 * language shown, with its icon, or with @words for its longest word, as
 * it wraps at its words in a narrow grid. When a done customer was done
 * ("today at 15:37") wraps under its status, and must fit too. */
static int
status_width (AttestRecordGrid *self,
              guint             column,
              gboolean          words)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *moment = attest_format_moment (now, now);
  int widest = 0;

  if (columns[column].kind == CELL_STATE)
    for (AttestMcaState state = ATTEST_MCA_STATE_UNCHECKED; state <= ATTEST_MCA_STATE_REFUSED;
         state++)
      widest = MAX (widest, text_or_word_width (GTK_WIDGET (self),
                                                attest_mca_state_get_label (state), words));
  else
    for (AttestRecordStatus status = ATTEST_RECORD_STATUS_PENDING;
         status <= ATTEST_RECORD_STATUS_FAILED + 1; status++)
      {
        const char *text = status <= ATTEST_RECORD_STATUS_FAILED
                           ? attest_record_status_get_label (status) : moment;

        widest = MAX (widest, text_or_word_width (GTK_WIDGET (self), text, words));
      }

  /* The icon, the space after it, the cell's padding and its border. */
  return MIN (widest + 16 + 6 + 6 + 6 + 1, STATUS_COLUMN_MAX_WIDTH);
}

/* The column whose header shows the sort arrow, or -1 in file order. */
static int
arrow_column (AttestRecordGrid *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  AttestRecordSort sort;

  if (sorter == NULL || gtk_sorter_get_order (sorter) == GTK_SORTER_ORDER_NONE)
    return -1;

  sort = attest_record_grid_get_sort (self, NULL);
  for (guint i = 0; i < N_GRID_COLUMNS; i++)
    {
      if (column_spec_sorts (&columns[i]) && is_wanted (self, i) && columns[i].sort == sort)
        return i;
    }

  return -1;
}

/* The width the header of column @i needs for its title, and for the
 * sort arrow when @arrow, or 0 before the column view has headers. */
static int
header_width (AttestRecordGrid *self,
              guint             i,
              gboolean          arrow)
{
  GtkWidget *header = find_header_label (GTK_WIDGET (self->column_view));

  if (header == NULL || columns[i].title == NULL)
    return 0;

  return text_width (header, _(columns[i].title)) + HEADER_PADDING_WIDTH
         + (arrow ? HEADER_ARROW_WIDTH : 0);
}

/* Every column of a fixed width is at least as wide as its header's title
 * in the language shown, the sort arrow included on the column sorted by:
 * GTK 4.8 cuts a title wider than its column, without "…" ("Dernière
 * acceptation"). The Status column is as wide as its longest status, too. */
static void
fit_column_width (AttestRecordGrid *self,
                  guint             i,
                  int               sorted)
{
  int width = columns[i].width;

  /* The State column has a width of its own while the grid is wide. */
  if (columns[i].kind == CELL_STATUS || (columns[i].kind == CELL_STATE && self->narrow))
    width = status_width (self, i, self->narrow);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (self->view_columns[i],
                                            MAX (width, header_width (self, i,
                                                                      (int) i == sorted)));
}

static void
fit_column_widths (AttestRecordGrid *self)
{
  int sorted = arrow_column (self);

  for (guint i = 0; i < N_GRID_COLUMNS; i++)
    fit_column_width (self, i, sorted);
}

/* While the names gave way, the Customer column stands in for them, and
 * has the room the check box's title and the status's second line give:
 * the check box's column shows no title (its header keeps it as its name,
 * see name_headers()), and the status wraps at its words. */
static void
fit_narrow (AttestRecordGrid *self)
{
  gboolean narrow = names_gave_way (self);
  int sorted;

  if (narrow == self->narrow)
    return;

  self->narrow = narrow;
  sorted = arrow_column (self);
  for (guint i = 0; i < N_GRID_COLUMNS; i++)
    {
      if (columns[i].kind == CELL_CHECK)
        gtk_column_view_column_set_title (self->view_columns[i],
                                          narrow ? "" : _(columns[i].title));
      else if (columns[i].kind == CELL_STATUS || columns[i].kind == CELL_STATE)
        fit_column_width (self, i, sorted);
    }
}

/* The column sorted by widens, if it must, to show its sort arrow; a
 * column a person made narrower stays so otherwise. */
static void
fit_sorted_column (AttestRecordGrid *self)
{
  int sorted = arrow_column (self);
  int width;

  if (sorted < 0 || columns[sorted].width <= 0)
    return;

  width = header_width (self, sorted, TRUE);
  if (gtk_column_view_column_get_fixed_width (self->view_columns[sorted]) < width)
    gtk_column_view_column_set_fixed_width (self->view_columns[sorted], width);
}

/* While the names gave way, the status (or state) is as wide as its
 * longest status when the Customer column leaves it the room, beyond its
 * own width; else it wraps at its words, and leaves the rest to the
 * customer's name. A narrower grid takes that room back before any column
 * gives way. Returns the width the columns need then. */
static int
fit_status_to_page (AttestRecordGrid *self,
                    double            page)
{
  int sorted = arrow_column (self);
  int minimum = 0;
  int change = 0;

  gtk_widget_measure (GTK_WIDGET (self->column_view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum,
                      NULL, NULL, NULL);
  for (guint i = 0; i < N_GRID_COLUMNS; i++)
    {
      GtkColumnViewColumn *column = self->view_columns[i];
      int current = gtk_column_view_column_get_fixed_width (column);
      int words;
      int whole;
      int width;

      if ((columns[i].kind != CELL_STATUS && columns[i].kind != CELL_STATE) ||
          !is_wanted (self, i))
        continue;

      words = MAX (status_width (self, i, TRUE), header_width (self, i, (int) i == sorted));
      whole = MAX (status_width (self, i, FALSE), words);
      width = current + (int) page - minimum >= whole ? whole : words;
      if (width == current)
        continue;

      gtk_column_view_column_set_fixed_width (column, width);
      change += width - current;
    }
  g_debug ("The columns need %d pixels, and %.0f are there", minimum + change, page);

  return minimum + change;
}

/* The width of the columns wanted, as far as it is theirs: each fixed
 * width, and the check box's title. */
static int
columns_width (AttestRecordGrid *self)
{
  GtkWidget *header = find_header_label (GTK_WIDGET (self->column_view));
  int width = 0;

  for (guint i = 0; i < N_GRID_COLUMNS; i++)
    {
      GtkColumnViewColumn *column = self->view_columns[i];
      const char *title = gtk_column_view_column_get_title (column);

      if (!is_wanted (self, i))
        continue;
      if (columns[i].width > 0)
        width += gtk_column_view_column_get_fixed_width (column);
      else if (header != NULL && title != NULL)
        width += text_width (header, title);
    }

  return width;
}

/* The columns that do not fit give way, the least important first, each
 * remembering the width it needed; those whose width is there again come
 * back, the most important first. Columns of one rank go and come back
 * together. */
static gboolean
give_way (gpointer user_data)
{
  AttestRecordGrid *self = user_data;
  GtkAdjustment *adjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view));
  double page = gtk_adjustment_get_page_size (adjustment);
  double needed = gtk_adjustment_get_upper (adjustment);
  int keep = sorted_column (self);
  gboolean changed = FALSE;
  int shown_width;

  self->give_way_idle = 0;
  if (page <= 0)
    return G_SOURCE_REMOVE;
  fit_sorted_column (self);
  if (self->narrow)
    needed = fit_status_to_page (self, page);
  shown_width = columns_width (self);

  while (needed > page + 0.5)
    {
      guint rank = 0;
      double was_needed = needed;

      for (guint i = 0; i < N_GRID_COLUMNS; i++)
        {
          if (columns[i].give_way > rank && is_wanted (self, i) && (int) i != keep)
            rank = columns[i].give_way;
        }
      if (rank == 0)
        break;

      for (guint i = 0; i < N_GRID_COLUMNS; i++)
        {
          if (columns[i].give_way != rank || !is_wanted (self, i) || (int) i == keep)
            continue;
          self->gave_way[i] = (int) was_needed;
          g_debug ("Column %s gives way: %.0f pixels needed, %.0f there", columns[i].property,
                   was_needed, page);
        }
      /* With the names, the Customer column comes, and the widths change. */
      fit_narrow (self);
      needed -= shown_width - columns_width (self);
      shown_width = columns_width (self);
      changed = TRUE;
    }

  for (gboolean more = !changed; more;)
    {
      int chosen = -1;

      for (guint i = 0; i < N_GRID_COLUMNS; i++)
        {
          if (self->gave_way[i] > 0 && _attest_record_grid_column_is_shown (self, i) &&
              (chosen < 0 || columns[i].give_way < columns[chosen].give_way))
            chosen = i;
        }
      more = chosen >= 0 && page >= self->gave_way[chosen];
      if (more)
        {
          self->gave_way[chosen] = 0;
          changed = TRUE;
        }
    }

  if (changed)
    {
      _attest_record_grid_show_columns (self);
      if (self->narrow)
        fit_status_to_page (self, page);
    }

  return G_SOURCE_REMOVE;
}

/* Looks again, soon, at which columns fit: the width changed, or the
 * column sorted by, which stays. */
void
_attest_record_grid_fit_columns (AttestRecordGrid *self)
{
  if (self->give_way_idle == 0)
    self->give_way_idle = g_idle_add (give_way, self);
}

void
_attest_record_grid_add_columns (AttestRecordGrid *self)
{
  for (guint i = 0; i < N_GRID_COLUMNS; i++)
    {
      const ColumnSpec *spec = &_attest_record_grid_columns[i];
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "attest-grid", self);
      g_signal_connect (factory, "setup", G_CALLBACK (_attest_record_grid_setup_cell),
                        (gpointer) spec);
      g_signal_connect (factory, "bind", G_CALLBACK (_attest_record_grid_bind_cell), NULL);
      g_signal_connect (factory, "unbind", G_CALLBACK (_attest_record_grid_unbind_cell), NULL);

      column = gtk_column_view_column_new (spec->title != NULL ? _(spec->title) : NULL, factory);
      gtk_column_view_column_set_resizable (column, spec->kind != CELL_CHECK
                                                    && spec->kind != CELL_MENU);
      gtk_column_view_column_set_expand (column, spec->expand);
      if (spec->width > 0)
        gtk_column_view_column_set_fixed_width (column, spec->width);
      if (column_spec_sorts (spec))
        {
          g_autoptr(GtkSorter) sorter = attest_column_sorter_new (spec->sort);

          gtk_column_view_column_set_sorter (column, sorter);
        }

      self->view_columns[i] = column;
    }
  _attest_record_grid_show_columns (self);
}

void
_attest_record_grid_columns_init (AttestRecordGrid *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view));

  _attest_record_grid_add_columns (self);
  g_signal_connect_object (adjustment, "changed", G_CALLBACK (_attest_record_grid_fit_columns),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (fit_column_widths), NULL);
}

void
_attest_record_grid_columns_dispose (AttestRecordGrid *self)
{
  g_clear_handle_id (&self->give_way_idle, g_source_remove);
  for (guint i = 0; i < N_GRID_COLUMNS; i++)
    g_clear_object (&self->view_columns[i]);
}
