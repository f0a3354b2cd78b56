/* test-window-adaptive.c: the window at its default size and at its
 * narrowest, in a language (ATTEST_TEST_LANGUAGE, en, fr or tr, as built)
 * from the translations of this build (ui suite)
 *
 * At 1280 × 720 the header shows its buttons labelled, and no label of
 * the header, search or status bar is cut; at 360 px the window really is
 * that narrow, and what the header has no room for is in the primary menu.
 * The status bar says how many customers are shown of how many, and how
 * many are ready, with the locale's grouped digits. In the sandbox, its tag
 * sits beside the title and leaves the subtitle whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "attest-application.h"
#include "attest-preferences-window.h"
#include "attest-record-grid.h"
#include "attest-test-gtk.h"
#include "attest-test-utils.h"
#include "attest-window.h"

#define N_CUSTOMERS 3000
#define N_FOUND     17      /* the customers named Lindqvist */

static const char *language = ATTEST_TEST_LANGUAGE;
static AttestApplication *application;
static char *customers_path;
static guint n_ready;
static guint n_problems;
static char *missing_locale;

static GObject *
child (AttestWindow *window,
       const char   *name)
{
  return attest_test_child (window, ATTEST_TYPE_WINDOW, name);
}

/* A file of N_CUSTOMERS customers: every tenth not marked, every 37th
 * with an email that cannot be sent, N_FOUND named Lindqvist. */
static void
write_customers (void)
{
  g_autoptr(GString) text = g_string_new ("CustomerTenantId,FirstName,LastName,Email,PhoneNumber,"
                                          "LastAgreementDate,PartnerAttestationCompleted\n");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      gboolean marked = i % 10 != 0;
      gboolean bad = i % 37 == 0;

      g_string_append_printf (text, "%08x-1d2c-4b3a-8f00-%012x,Kim,%s,kim%u%s@contoso.com,,"
                              "2023-02-14,%s\n",
                              i + 1, i + 1, i % 150 == 7 && i / 150 < N_FOUND ? "Lindqvist"
                                                                                : "Smith",
                              i, bad ? "@" : "", marked ? "True" : "False");
      n_ready += marked && !bad;
      n_problems += bad;
    }

  customers_path = g_build_filename (attest_test_get_root (), "customers-3000.csv", NULL);
  g_file_set_contents (customers_path, text->str, text->len, &error);
  g_assert_no_error (error);
}

/* The records shown, and checked: the counts say what is ready. The grid
 * shows a long file's first rows first, and the records are checked once
 * it has all of them, some frames later. */
static gboolean
showing_records (gpointer user_data)
{
  AttestWindow *window = user_data;
  AttestRecordStore *store = attest_window_get_store (window);

  return store != NULL && !attest_record_store_get_checking (store)
         && gtk_widget_get_mapped (GTK_WIDGET (child (window, "status_squeezer")))
         && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child (window, "counts_label"))), "") != 0;
}

/* Whether a label inside @widget has all the words of @words in it. */
static gboolean
shows_words (GtkWidget   *widget,
             const char **words)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));
      gboolean all = TRUE;

      for (guint i = 0; words[i] != NULL; i++)
        all = all && strstr (text, words[i]) != NULL;
      if (all)
        return TRUE;
    }

  for (GtkWidget *item = gtk_widget_get_first_child (widget);
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      if (shows_words (item, words))
        return TRUE;
    }

  return FALSE;
}

/* Whether the window's toast says how many customers the file brought in,
 * with the locale's grouped digits, and from which file. */
static gboolean
toast_tells_import (gpointer user_data)
{
  AttestWindow *window = user_data;
  g_autofree char *total = g_strdup_printf ("%'u", N_CUSTOMERS);
  g_autofree char *name = g_path_get_basename (customers_path);
  const char *words[] = { total, name, NULL };

  return shows_words (GTK_WIDGET (child (window, "toast_overlay")), words);
}

/* Whether the test is skipped, for want of the language's locale. */
static gboolean
skipped_without_locale (void)
{
  if (missing_locale != NULL)
    g_test_skip (missing_locale);

  return missing_locale != NULL;
}

/* A window of @width × 720 showing the file in @flow ("classic" or
 * "current"). */
static AttestWindow *
open_window_in_flow (int         width,
                     const char *flow)
{
  g_autoptr(GFile) file = g_file_new_for_path (customers_path);
  AttestWindow *window = attest_window_new (application);

  gtk_window_set_default_size (GTK_WINDOW (window), width, 720);
  g_object_set (window, "flow", flow, NULL);
  attest_window_open (window, file);
  attest_test_present_and_wait (GTK_WINDOW (window));
  g_assert_true (attest_test_wait_until (showing_records, window, 20000));
  attest_test_present_and_wait (GTK_WINDOW (window));

  return window;
}

/* A window of @width × 720 showing the file in the classic flow. */
static AttestWindow *
open_window (int width)
{
  return open_window_in_flow (width, "classic");
}

/* The buttons of @action shown inside @widget, added to @found. */
static void
find_shown_buttons (GtkWidget  *widget,
                    const char *action,
                    GPtrArray  *found)
{
  for (GtkWidget *item = gtk_widget_get_first_child (widget);
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      if (!gtk_widget_get_mapped (item))
        continue;
      if (GTK_IS_ACTIONABLE (item)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (item)), action) == 0)
        g_ptr_array_add (found, item);
      find_shown_buttons (item, action, found);
    }
}

/* The one button of @action that @window shows, or NULL when it shows
 * none. */
static GtkWidget *
shown_button (AttestWindow *window,
              const char   *action)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  find_shown_buttons (GTK_WIDGET (window), action, found);
  g_assert_cmpuint (found->len, <=, 1);

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

/* The words on @button, without the access key's underline. */
static char *
dup_button_words (GtkWidget *button)
{
  GtkWidget *content = gtk_button_get_child (GTK_BUTTON (button));
  const char *label = ADW_IS_BUTTON_CONTENT (content)
                      ? adw_button_content_get_label (ADW_BUTTON_CONTENT (content))
                      : gtk_button_get_label (GTK_BUTTON (button));
  g_autoptr(GString) words = g_string_new (label);

  g_string_replace (words, "_", "", 1);
  return g_string_free (g_steal_pointer (&words), FALSE);
}

/* The width of @window on the screen, its frame included. */
static int
surface_width (AttestWindow *window)
{
  return gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window)));
}

/* Asserts that no label shown inside @widget is cut short with "…", and
 * that no spin button's text is wider than its field. */
static void
assert_no_label_cut (GtkWidget *widget)
{
  for (GtkWidget *item = gtk_widget_get_first_child (widget);
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      if (!gtk_widget_get_mapped (item) || GTK_IS_POPOVER (item))
        continue;

      if (GTK_IS_LABEL (item)
          && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (item))))
        g_error ("“%s” is cut", gtk_label_get_text (GTK_LABEL (item)));

      /* A spin button's text scrolls rather than being cut: measure it. */
      if (GTK_IS_TEXT (item) && GTK_IS_SPIN_BUTTON (gtk_widget_get_parent (item)))
        {
          const char *text = gtk_editable_get_text (GTK_EDITABLE (item));
          g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (item, text);
          int width;

          pango_layout_get_pixel_size (layout, &width, NULL);
          if (gtk_widget_get_width (item) < width)
            g_error ("“%s” is cut: %d px of %d", text, gtk_widget_get_width (item), width);
        }
      assert_no_label_cut (item);
    }
}

/* Whether the primary menu has an item of @action, outside submenus. */
static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *item_action = NULL;

      if (section != NULL && menu_has_action (section, action))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action)
          && g_str_equal (item_action, action))
        return TRUE;
    }

  return FALSE;
}

static GMenuModel *
primary_menu (AttestWindow *window)
{
  return gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child (window, "primary_menu_button")));
}

/* Whether the primary menu has the Acceptance menu as a submenu. */
static gboolean
menu_has_acceptance (AttestWindow *window)
{
  g_autoptr(GMenuModel) overflow = g_menu_model_get_item_link (primary_menu (window), 0,
                                                               G_MENU_LINK_SECTION);

  for (int i = 0; i < g_menu_model_get_n_items (overflow); i++)
    {
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (overflow, i,
                                                                  G_MENU_LINK_SUBMENU);

      if (submenu != NULL && menu_has_action (submenu, "win.request-acceptance"))
        return TRUE;
    }

  return FALSE;
}

/* Whether no column header inside @widget is narrower than its title, or
 * its sort arrow: GTK 4.8 gives a header's title the width it needs and
 * clips it, without "…", when the column is narrower. When @fatal, a cut
 * header fails the test, saying which. Adds to @n_arrows how many sort
 * arrows show. */
static gboolean
headers_whole (GtkWidget *widget,
               gboolean   fatal,
               guint     *n_arrows)
{
  GType title_type = g_type_from_name ("GtkColumnViewTitle");

  g_assert_true (title_type != 0);
  for (GtkWidget *item = gtk_widget_get_first_child (widget);
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *label = item;
      graphene_rect_t bounds;

      if (!gtk_widget_get_mapped (item) || GTK_IS_LIST_VIEW (item))
        continue;
      if (!G_TYPE_CHECK_INSTANCE_TYPE (item, title_type))
        {
          if (!headers_whole (item, fatal, n_arrows))
            return FALSE;
          continue;
        }

      while (label != NULL && !GTK_IS_LABEL (label))
        label = gtk_widget_get_first_child (label);
      g_assert_nonnull (label);
      g_assert_true (gtk_widget_compute_bounds (label, item, &bounds));
      if (bounds.origin.x + bounds.size.width > gtk_widget_get_width (item))
        {
          if (fatal)
            g_error ("The header “%s” is cut: it ends at %.0f px of %d",
                     gtk_label_get_text (GTK_LABEL (label)), bounds.origin.x + bounds.size.width,
                     gtk_widget_get_width (item));
          return FALSE;
        }

      /* The sort arrow, beside the title of the column sorted by. */
      for (GtkWidget *arrow = gtk_widget_get_next_sibling (label);
           arrow != NULL;
           arrow = gtk_widget_get_next_sibling (arrow))
        {
          if (!gtk_widget_has_css_class (arrow, "ascending")
              && !gtk_widget_has_css_class (arrow, "descending"))
            continue;
          (*n_arrows)++;
          g_assert_true (gtk_widget_compute_bounds (arrow, item, &bounds));
          if (bounds.origin.x + bounds.size.width <= gtk_widget_get_width (item))
            continue;
          if (fatal)
            g_error ("The sort arrow of “%s” is cut", gtk_label_get_text (GTK_LABEL (label)));
          return FALSE;
        }
    }

  return TRUE;
}

/* Whether the grid's columns have made room for each other: none is off
 * the edge, to be scrolled to. */
static gboolean
columns_fit (gpointer user_data)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (user_data));

  return gtk_adjustment_get_page_size (adjustment) > 0
         && gtk_adjustment_get_upper (adjustment)
            <= gtk_adjustment_get_page_size (adjustment) + 0.5;
}

/* Whether the grid's columns fit and show their headers whole. */
static gboolean
grid_settled (gpointer user_data)
{
  guint n_arrows = 0;

  return columns_fit (user_data) && headers_whole (GTK_WIDGET (user_data), FALSE, &n_arrows);
}

/* The titles of the columns the grid shows, in their order: "" for the
 * check box's while the Customer column stands in for the names, NULL for
 * the row menu's. */
static GPtrArray *
shown_titles (AttestWindow *window)
{
  GtkColumnView *view = attest_record_grid_get_column_view (ATTEST_RECORD_GRID (child (window,
                                                                                      "grid")));
  GListModel *columns = gtk_column_view_get_columns (view);
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_ptr_array_add (titles, g_strdup (gtk_column_view_column_get_title (column)));
    }

  return titles;
}

static gboolean
titles_have (GPtrArray  *titles,
             const char *title)
{
  for (guint i = 0; i < titles->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (titles, i), title) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Asserts that the grid shows every column it keeps whole, without a
 * sideways scroll, the check box and the customer among them. Returns how
 * many sort arrows show. */
static guint
assert_grid_fits (AttestWindow *window)
{
  GtkColumnView *view = attest_record_grid_get_column_view (ATTEST_RECORD_GRID (child (window,
                                                                                      "grid")));
  g_autoptr(GPtrArray) titles = NULL;
  const char *first;
  guint n_arrows = 0;

  /* The columns settle in an idle after the width or the sort changed. */
  g_assert_true (attest_test_wait_until (grid_settled, view, 10000));
  attest_test_present_and_wait (GTK_WINDOW (window));
  g_assert_true (columns_fit (view));
  headers_whole (GTK_WIDGET (view), TRUE, &n_arrows);

  /* The customer, by its names or, when they gave way, by the Customer
   * column; the check box first, whose title goes with the names. */
  titles = shown_titles (window);
  g_assert_cmpuint (titles->len, >, 2);
  first = g_ptr_array_index (titles, 0);
  if (titles_have (titles, _("Customer")))
    g_assert_cmpstr (first, ==, "");
  else
    g_assert_true (titles_have (titles, _("First Name")) && titles_have (titles, _("Last Name"))
                   && (g_strcmp0 (first, _("Attested")) == 0
                       || g_strcmp0 (first, _("Marked")) == 0));
  g_assert_null (g_ptr_array_index (titles, titles->len - 1));

  return n_arrows;
}

/* Whether an inscription inside @widget shows @text. */
static gboolean
shows_inscription (GtkWidget  *widget,
                   const char *text)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  attest_test_find_shown (widget, GTK_TYPE_INSCRIPTION, found);
  for (guint i = 0; i < found->len; i++)
    {
      if (g_strcmp0 (gtk_inscription_get_text (g_ptr_array_index (found, i)), text) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Asserts what a row says at 360 px in @flow: its check box, the customer
 * by name ("Kim Smith", the contact's, as the file names no company), and
 * its status or state, then the row's menu; the customer ID is in the
 * details only. */
static void
assert_narrow_columns (AttestWindow *window,
                       const char   *flow)
{
  gboolean current = g_str_equal (flow, "current");
  const char *expected[] = { "", _("Customer"), current ? _("State") : _("Status"), NULL };
  g_autoptr(GPtrArray) titles = shown_titles (window);
  GtkWidget *grid = GTK_WIDGET (child (window, "grid"));

  assert_grid_fits (window);
  g_assert_cmpuint (titles->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (titles, i), ==, expected[i]);
  g_assert_false (titles_have (titles, _("Customer ID")));
  g_assert_true (shows_inscription (grid, "Kim Smith"));
}

/* Asserts that at the default width the grid shows every column of @flow
 * it showed before the Customer column stood in for the names at narrow
 * widths, and not that one. */
static void
assert_wide_columns (AttestWindow *window,
                     const char   *flow)
{
  const char *classic[] = { N_("Attested"), N_("Line"), N_("Customer ID"), N_("First Name"),
                            N_("Last Name"), N_("Email"), N_("Phone"), N_("Last Agreement"),
                            N_("Status"), N_("Problem") };
  const char *current[] = { N_("Marked"), N_("Line"), N_("Customer ID"), N_("Company"),
                            N_("State"), N_("First Name"), N_("Last Name"), N_("Email"),
                            N_("Country"), N_("Language"), N_("Problem") };
  gboolean is_current = g_str_equal (flow, "current");
  const char **wanted = is_current ? current : classic;
  guint n_wanted = is_current ? G_N_ELEMENTS (current) : G_N_ELEMENTS (classic);
  g_autoptr(GPtrArray) titles = shown_titles (window);

  for (guint i = 0; i < n_wanted; i++)
    if (!titles_have (titles, _(wanted[i])))
      g_error ("The column “%s” is not shown", _(wanted[i]));
  g_assert_false (titles_have (titles, _("Customer")));
}

static gboolean
details_shown (gpointer user_data)
{
  AttestRecordGrid *grid = ATTEST_RECORD_GRID (child (user_data, "grid"));

  return attest_record_grid_get_details_shown (grid)
         && gtk_widget_get_mapped (GTK_WIDGET (attest_record_grid_get_details (grid)));
}

/* Shows the details of the first row, and waits until they are there. */
static GtkWidget *
show_details (AttestWindow *window)
{
  AttestRecordGrid *grid = ATTEST_RECORD_GRID (child (window, "grid"));

  attest_record_grid_show_details (grid, 0);
  g_assert_true (attest_test_wait_until (details_shown, window, 10000));
  attest_test_present_and_wait (GTK_WINDOW (window));

  return GTK_WIDGET (attest_record_grid_get_details (grid));
}

/* Asserts that @window is as narrow as it says it can be: 360 px. */
static void
assert_at_minimum (AttestWindow *window)
{
  int minimum;

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                      NULL, NULL);
  if (minimum > 360)
    g_error ("The window needs %d px, more than its 360", minimum);
  g_assert_cmpint (surface_width (window), ==, 360);
}

static void
save_screenshots (AttestWindow *window,
                  const char   *size)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("window-%s-%s", size, language);
  g_autofree char *dark = g_strdup_printf ("window-%s-%s-dark", size, language);

  attest_test_save_screenshot (GTK_WIDGET (window), light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  attest_test_save_screenshot (GTK_WIDGET (window), dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
label_is (gpointer user_data)
{
  const char **pair = user_data;

  return g_strcmp0 (gtk_label_get_text (GTK_LABEL (pair[0])), pair[1]) == 0;
}

/* The status bar in English: what is shown of what, and what is ready. */
static void
assert_english_counts (AttestWindow *window)
{
  g_autofree char *all = g_strdup_printf ("3,000 customers · %'u ready · %'u with problems",
                                          n_ready, n_problems);
  g_autofree char *found = NULL;
  const char *pair[2] = { (const char *) child (window, "counts_label"), all };
  GtkEditable *search = GTK_EDITABLE (child (window, "search_entry"));

  g_assert_cmpuint (n_ready, >, 1000);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pair[0])), ==, all);

  /* A search shows fewer: how many of how many, and the ready ones among
   * them still counted in the whole file. */
  found = g_strdup_printf ("17 of 3,000 shown · %'u ready · %'u with problems", n_ready,
                           n_problems);
  pair[1] = found;
  g_object_set (window, "search-mode", TRUE, NULL);
  gtk_editable_set_text (search, "Lindqvist");
  g_assert_true (attest_test_wait_until (label_is, pair, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (attest_record_grid_get_view (
                      ATTEST_RECORD_GRID (child (window, "grid"))))), ==, N_FOUND);
}

static void
test_default_width (void)
{
  AttestWindow *window;
  AdwSqueezer *start;
  AdwSqueezer *end;
  AdwSqueezer *status;
  g_autofree char *total = g_strdup_printf ("%'u", N_CUSTOMERS);
  const char *actions[] = { "win.import", "win.fetch", "win.export", "win.submit",
                            "win.search", "win.mark-shown", "win.unmark-shown" };
  if (skipped_without_locale ())
    return;

  window = open_window (1280);
  start = ADW_SQUEEZER (child (window, "start_squeezer"));
  end = ADW_SQUEEZER (child (window, "end_squeezer"));
  status = ADW_SQUEEZER (child (window, "status_squeezer"));
  g_assert_cmpint (surface_width (window), ==, 1280);

  /* Every button of the header and the status bar shows once, with its
   * label, and the primary menu repeats none of them. */
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWidget *button = shown_button (window, actions[i]);

      g_assert_nonnull (button);
      if (!g_str_equal (actions[i], "win.search"))
        {
          g_autofree char *words = dup_button_words (button);

          g_assert_cmpuint (strlen (words), >, 3);
        }
    }
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (child (window, "acceptance_button"))));
  g_assert_true (adw_squeezer_get_visible_child (start) != NULL
                 && adw_squeezer_get_visible_child (start)
                    != GTK_WIDGET (child (window, "start_search_page")));
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (child (window, "acceptance_button")),
                                         adw_squeezer_get_visible_child (end)));
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (child (window, "counts_label")),
                                         adw_squeezer_get_visible_child (status)));
  g_assert_false (menu_has_action (primary_menu (window), "win.export"));
  g_assert_false (menu_has_acceptance (window));

  /* The status bar groups the digits as the locale does. */
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child (window, "counts_label"))),
                            total));

  if (g_str_equal (language, "en"))
    {
      const char *words[] = { "Import", "Fetch", "Export", "Submit…" };

      /* SPEC §8: Fetch, Import, Export and Submit are found by these words. */
      for (guint i = 0; i < G_N_ELEMENTS (words); i++)
        {
          g_autofree char *button_words = dup_button_words (shown_button (window, actions[i]));

          g_assert_cmpstr (button_words, ==, words[i]);
        }
      assert_english_counts (window);
    }
  else
    {
      g_object_set (window, "search-mode", TRUE, NULL);
    }

  /* Nothing in the bars is cut, the search bar included, and every
   * column is there whole. */
  attest_test_present_and_wait (GTK_WINDOW (window));
  g_assert_cmpuint (assert_grid_fits (window), ==, 0);
  assert_wide_columns (window, "classic");
  assert_no_label_cut (GTK_WIDGET (child (window, "header_bar")));
  assert_no_label_cut (GTK_WIDGET (child (window, "search_bar")));
  assert_no_label_cut (GTK_WIDGET (child (window, "status_bar")));

  save_screenshots (window, "1280");

  /* The column sorted by makes room for its arrow: Last Agreement, whose
   * title is the longest in French. */
  g_assert_true (attest_record_grid_sort_by_column (ATTEST_RECORD_GRID (child (window, "grid")),
                                                    "last-agreement", TRUE));
  g_assert_cmpuint (assert_grid_fits (window), ==, 1);
  save_screenshots (window, "1280-sorted");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_narrow (void)
{
  const char *moved[] = { "win.import", "win.fetch", "win.export", "win.submit" };
  AttestWindow *window;
  AdwSqueezer *end;
  AdwSqueezer *status;
  GtkWidget *start_shown;
  int minimum;

  if (skipped_without_locale ())
    return;

  window = open_window (360);
  end = ADW_SQUEEZER (child (window, "end_squeezer"));
  status = ADW_SQUEEZER (child (window, "status_squeezer"));
  start_shown = adw_squeezer_get_visible_child (ADW_SQUEEZER (child (window, "start_squeezer")));

  /* The window is as narrow as it says it can be. */
  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                      NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpint (surface_width (window), ==, 360);

  /* The rows say who each customer is and where it stands. */
  assert_narrow_columns (window, "classic");

  /* The header's actions are in the primary menu, by name. */
  g_assert_true (start_shown == NULL
                 || start_shown == GTK_WIDGET (child (window, "start_search_page")));
  g_assert_null (adw_squeezer_get_visible_child (end));
  for (guint i = 0; i < G_N_ELEMENTS (moved); i++)
    {
      g_assert_null (shown_button (window, moved[i]));
      g_assert_true (menu_has_action (primary_menu (window), moved[i]));
    }
  g_assert_true (menu_has_acceptance (window));
  g_assert_true (start_shown != NULL || menu_has_action (primary_menu (window), "win.search"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (child (window, "primary_menu_button"))));

  /* The status bar keeps its counts; the marking buttons are icons. */
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (child (window, "counts_label_narrow")),
                                         adw_squeezer_get_visible_child (status)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (window, "counts_label_narrow"))), ==,
                   gtk_label_get_text (GTK_LABEL (child (window, "counts_label"))));
  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (status)));

  save_screenshots (window, "360");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The current flow at the default width: its columns fit, their headers
 * whole, and nothing in the bars is cut. */
static void
test_default_width_current (void)
{
  AttestWindow *window;

  if (skipped_without_locale ())
    return;

  window = open_window_in_flow (1280, "current");
  g_assert_cmpint (surface_width (window), ==, 1280);
  assert_grid_fits (window);
  assert_wide_columns (window, "current");
  assert_no_label_cut (GTK_WIDGET (child (window, "header_bar")));
  assert_no_label_cut (GTK_WIDGET (child (window, "status_bar")));

  save_screenshots (window, "1280-current");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The details beside the rows at the default width, in both flows: the
 * columns make room, and the details show every label whole. */
static void
test_details_wide (void)
{
  const char *flows[] = { "classic", "current" };

  if (skipped_without_locale ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (flows); i++)
    {
      AttestWindow *window = open_window_in_flow (1280, flows[i]);
      GtkWidget *details = show_details (window);
      g_autofree char *size = g_strdup_printf ("1280-details-%s", flows[i]);

      assert_grid_fits (window);
      assert_no_label_cut (details);
      assert_no_label_cut (GTK_WIDGET (child (window, "status_bar")));
      save_screenshots (window, size);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* At 360 px, in both flows, with the details shown over the rows: the
 * window stays that narrow, and the details fit in it. */
static void
test_narrow_details (void)
{
  const char *flows[] = { "classic", "current" };

  if (skipped_without_locale ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (flows); i++)
    {
      AttestWindow *window = open_window_in_flow (360, flows[i]);
      g_autofree char *size = g_strdup_printf ("360-details-%s", flows[i]);
      GtkWidget *details;

      assert_at_minimum (window);
      assert_narrow_columns (window, flows[i]);
      details = show_details (window);
      assert_at_minimum (window);
      g_assert_cmpint (gtk_widget_get_width (details), <=, 360);
      assert_no_label_cut (details);
      save_screenshots (window, size);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* The empty window, before any file, reaches 360 px too: its buttons'
 * words wrap rather than hold it wider. */
static void
test_empty_narrow (void)
{
  AttestWindow *window;

  if (skipped_without_locale ())
    return;

  window = attest_window_new (application);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  attest_test_present_and_wait (GTK_WINDOW (window));
  assert_at_minimum (window);
  assert_no_label_cut (GTK_WIDGET (child (window, "empty_page")));

  save_screenshots (window, "360-empty");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The label inside @widget that says @text, or NULL. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);

  for (GtkWidget *item = gtk_widget_get_first_child (widget);
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkLabel *found = find_label (item, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The empty window at the default width says what the job is today in
 * two lines at most. */
static void
test_empty_wide (void)
{
  AttestWindow *window;
  AdwStatusPage *empty;
  GtkLabel *description;

  if (skipped_without_locale ())
    return;

  window = attest_window_new (application);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  attest_test_present_and_wait (GTK_WINDOW (window));
  g_assert_cmpint (surface_width (window), ==, 1280);
  empty = ADW_STATUS_PAGE (child (window, "empty_page"));
  g_assert_cmpstr (adw_status_page_get_description (empty), ==,
                   _("Fetch your customers from Partner Center to see which have accepted the "
                     "Microsoft Customer Agreement, or drop a CSV file here."));
  description = find_label (GTK_WIDGET (empty), adw_status_page_get_description (empty));
  g_assert_nonnull (description);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (description)));
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (description)), <=, 2);
  assert_no_label_cut (GTK_WIDGET (empty));

  save_screenshots (window, "1280-empty");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The toast of an opened file counts its customers with grouped digits. */
static void
test_import_toast (void)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *total = g_strdup_printf ("%'u", N_CUSTOMERS);
  AttestWindow *window;

  if (skipped_without_locale ())
    return;

  /* The locale groups 3,000's digits, so that "3000" would fail. */
  g_assert_cmpuint (strlen (total), >, 4);

  file = g_file_new_for_path (customers_path);
  window = attest_window_new (application);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  attest_test_present_and_wait (GTK_WINDOW (window));
  attest_window_open (window, file);
  g_assert_true (attest_test_wait_until (toast_tells_import, window, 20000));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A window of @width × 720 in the sandbox, with the file opened, or the
 * customers fetched when @file_path is NULL; its subtitle says which. */
static AttestWindow *
sandbox_window (int         width,
                const char *file_path)
{
  AttestWindow *window = attest_window_new (application);
  GtkLabel *subtitle = GTK_LABEL (child (window, "subtitle_label"));
  g_autofree char *name = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), width, 720);
  attest_test_present_and_wait (GTK_WINDOW (window));
  if (file_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (file_path);

      attest_window_open (window, file);
      name = g_path_get_basename (file_path);
    }
  else
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.fetch", NULL));
      name = g_strdup (_("From Partner Center"));
    }
  g_assert_true (attest_test_wait_until (showing_records, window, 20000));
  attest_test_present_and_wait (GTK_WINDOW (window));
  g_assert_cmpint (surface_width (window), ==, width);
  g_assert_cmpstr (gtk_label_get_text (subtitle), ==, name);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (subtitle)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (child (window, "sandbox_badge"))));

  return window;
}

/* In the sandbox, its tag beside the title: the subtitle below them is
 * whole, the customers fetched or a file opened, at the default width and
 * at 360 px too (a longer file name than this one's is cut at its end
 * there). Runs last: the application stays in the sandbox. */
static void
test_header_in_sandbox (void)
{
  AttestConnection *connection = attest_application_get_connection (application);
  const char *files[] = { NULL, customers_path };
  g_autoptr(GError) error = NULL;

  if (skipped_without_locale ())
    return;

  g_assert_true (attest_connection_start_sandbox (connection, 60, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      AttestWindow *wide = sandbox_window (1280, files[i]);
      AttestWindow *narrow;
      GtkWidget *subtitle;

      assert_no_label_cut (GTK_WIDGET (child (wide, "header_bar")));
      save_screenshots (wide, files[i] == NULL ? "1280-sandbox-fetched" : "1280-sandbox-file");
      attest_record_store_set_dirty (attest_window_get_store (wide), FALSE);
      gtk_window_destroy (GTK_WINDOW (wide));

      narrow = sandbox_window (360, files[i]);
      assert_at_minimum (narrow);
      assert_no_label_cut (gtk_widget_get_parent (GTK_WIDGET (child (narrow, "sandbox_badge"))));
      subtitle = GTK_WIDGET (child (narrow, "subtitle_label"));
      assert_no_label_cut (gtk_widget_get_parent (subtitle));
      save_screenshots (narrow, files[i] == NULL ? "360-sandbox-fetched" : "360-sandbox-file");
      attest_record_store_set_dirty (attest_window_get_store (narrow), FALSE);
      gtk_window_destroy (GTK_WINDOW (narrow));
    }
}

/* The Preferences show every value whole, the strategy's included. */
static void
test_preferences (void)
{
  AttestPreferencesWindow *preferences;
  g_autofree char *name = g_strdup_printf ("preferences-%s", language);

  if (skipped_without_locale ())
    return;

  preferences = attest_preferences_window_new (NULL,
                                               attest_application_get_settings (application));
  /* As narrow as the review saw it cut. */
  gtk_window_set_default_size (GTK_WINDOW (preferences), 500, 640);
  attest_test_present_and_wait (GTK_WINDOW (preferences));
  assert_no_label_cut (GTK_WIDGET (preferences));
  attest_test_save_screenshot (GTK_WIDGET (preferences), name);

  gtk_window_destroy (GTK_WINDOW (preferences));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The language from the translations of this build; the locale for
   * its digits when it is installed (scripts/install-deps makes it). */
  g_setenv ("LANGUAGE", language, TRUE);
  attest_test_init (&argc, &argv, ATTEST_TEST_GTK);
  missing_locale = attest_test_use_language (language);

  write_customers ();
  application = attest_test_new_application ();

  g_test_add_func ("/window-adaptive/default-width", test_default_width);
  g_test_add_func ("/window-adaptive/narrow", test_narrow);
  g_test_add_func ("/window-adaptive/preferences", test_preferences);
  g_test_add_func ("/window-adaptive/import-toast", test_import_toast);
  g_test_add_func ("/window-adaptive/default-width-current", test_default_width_current);
  g_test_add_func ("/window-adaptive/details-wide", test_details_wide);
  g_test_add_func ("/window-adaptive/narrow-details", test_narrow_details);
  g_test_add_func ("/window-adaptive/empty-narrow", test_empty_narrow);
  g_test_add_func ("/window-adaptive/empty-wide", test_empty_wide);
  g_test_add_func ("/window-adaptive/header-in-sandbox", test_header_in_sandbox);

  status = g_test_run ();
  g_clear_object (&application);
  g_clear_pointer (&customers_path, g_free);
  g_clear_pointer (&missing_locale, g_free);

  return status;
}
