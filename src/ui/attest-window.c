/* attest-window.c: the main window
 *
 * The window shows one record store at a time and drives the layers below
 * it; what records are, how files are read and how attestations are sent
 * lives there, not here. This file holds the window's state and views;
 * attest-window-actions.c its actions, attest-window-dnd.c dropping files,
 * attest-window-account.c who is signed in, attest-window-close.c closing
 * without losing edits, attest-window-loading.c the loading page and
 * fetching, attest-window-partner.c, attest-window-runs.c and
 * attest-window-resume.c submitting and the runs, attest-window-mca.c and
 * attest-window-links.c Microsoft's current flow, attest-window-header.c the
 * bars as the width allows and attest-window-status.c the counts in the
 * status bar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-window"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-ui.h"
#include "attest-window-private.h"

G_DEFINE_FINAL_TYPE (AttestWindow, attest_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_SETTINGS,
  PROP_SEARCH_MODE,
  PROP_SORT_COLUMN,
  PROP_SORT_DESCENDING,
  PROP_FLOW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A window of @application, working with its connection and settings. */
AttestWindow *
attest_window_new (AttestApplication *application)
{
  return g_object_new (ATTEST_TYPE_WINDOW,
                       "application", application,
                       "connection", attest_application_get_connection (application),
                       "settings", attest_application_get_settings (application),
                       NULL);
}

AttestRecordStore *
attest_window_get_store (AttestWindow *self)
{
  g_return_val_if_fail (ATTEST_IS_WINDOW (self), NULL);

  return self->store;
}

/* Whether the window shows no records and reads or fetches none. */
gboolean
attest_window_is_empty (AttestWindow *self)
{
  g_return_val_if_fail (ATTEST_IS_WINDOW (self), FALSE);

  return self->store == NULL && self->loading == NULL;
}

/* Shows in this window the file @load reads, which may have been started
 * before the window was made, or even have finished. Only for a window with
 * no records: unsaved edits are not asked about. */
void
attest_window_open_load (AttestWindow   *self,
                         AttestFileLoad *load)
{
  g_return_if_fail (ATTEST_IS_WINDOW (self));
  g_return_if_fail (ATTEST_IS_FILE_LOAD (load));

  _attest_window_follow_load (self, load);
}

/* Opens @file in this window, asking first when that would drop unsaved
 * edits. */
void
attest_window_open (AttestWindow *self,
                    GFile        *file)
{
  g_return_if_fail (ATTEST_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  _attest_window_open_file (self, file);
}

void
attest_window_show_toast (AttestWindow *self,
                          const char   *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Something that failed and that the person reads before going on: a
 * heading, what went wrong, and a button that closes the dialog. */
void
attest_window_show_error (AttestWindow *self,
                          const char   *heading,
                          const char   *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Asks whether to drop the unsaved edits, with @body saying what would drop
 * them; opening a file and fetching ask the same question. @on_response
 * is an AdwMessageDialog::response handler whose data is the window; it gets
 * "discard" or "cancel". */
void
attest_window_confirm_discard (AttestWindow *self,
                               const char   *body,
                               GCallback     on_response)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Discard Your Edits?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard Edits"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", on_response, self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_counts (AttestWindow *self)
{
  if (self->store == NULL)
    return;

  _attest_window_show_counts (self);
  attest_window_update_actions (self);
}

static void
update_view (AttestWindow *self)
{
  gboolean any = self->view != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->view)) > 0;

  const char *page = self->store != NULL ? "records" : "empty";

  if (self->loading != NULL)
    return;

  /* Records that have been read show at once: fading a million-row grid in
   * over the loading page only holds them back. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "loading") == 0)
    gtk_stack_set_visible_child_full (self->main_stack, page, GTK_STACK_TRANSITION_TYPE_NONE);
  else
    gtk_stack_set_visible_child_name (self->main_stack, page);
  gtk_stack_set_visible_child_name (self->records_stack, any ? "grid" : "no-match");
  gtk_action_bar_set_revealed (self->status_bar, self->store != NULL);
}

static void
update_title (AttestWindow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;
  gboolean dirty = self->store != NULL && attest_record_store_get_dirty (self->store);

  if (self->file != NULL)
    name = g_file_get_basename (self->file);
  else if (self->store != NULL)
    name = g_strdup (_("From Partner Center"));

  /* Translators: the window subtitle of a file with unsaved edits. */
  subtitle = name != NULL && dirty ? g_strdup_printf (_("%s (edited)"), name) : g_strdup (name);
  gtk_label_set_text (self->subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL);
}

void
attest_window_update_actions (AttestWindow *self)
{
  gboolean have_records = self->store != NULL && self->loading == NULL;
  gboolean any_shown = have_records && self->view != NULL &&
                       g_list_model_get_n_items (G_LIST_MODEL (self->view)) > 0;
  /* Nothing leaves, and nothing is marked in bulk, before every record is
   * checked: the status bar says it is being checked. */
  gboolean checked = have_records && !attest_record_store_get_checking (self->store);
  AttestRecordCounts counts = { 0 };

  if (self->store != NULL)
    attest_record_store_get_counts (self->store, &counts);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", checked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", have_records);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mark-shown", checked && any_shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unmark-shown", checked && any_shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-marks",
                                 self->marks_changed != NULL && self->marks_store == self->store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sort-column", have_records);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sort-descending", have_records);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.fetch", self->loading == NULL);
  /* A file opened while the customers are fetched would take the window
   * from the fetch: Import waits until it is over, or cancelled. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import",
                                 !_attest_window_is_fetching (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.submit",
                                 checked && counts.actionable > 0);

  /* The current flow: one piece of work with the partner's ledger at a time. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.check-status",
                                 self->loading == NULL && !_attest_window_is_working (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.request-acceptance",
                                 checked && counts.marked > 0
                                 && !_attest_window_is_working (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.complete",
                                 self->loading == NULL && !_attest_window_is_working (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-links",
                                 self->loading == NULL && !_attest_window_is_working (self)
                                 && (self->store == NULL || checked));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop-work",
                                 _attest_window_is_working (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-link", have_records);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.write-to-signatory", have_records);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-in-partner-center", have_records);
}

static void
on_view_items_changed (AttestWindow *self)
{
  update_view (self);
  update_counts (self);
}

void
attest_window_set_store (AttestWindow      *self,
                         AttestRecordStore *store,
                         GFile             *file)
{
  g_return_if_fail (ATTEST_IS_WINDOW (self));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);

  g_set_object (&self->store, store);
  g_set_object (&self->file, file);
  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  g_clear_object (&self->view);

  if (store != NULL)
    {
      g_signal_connect_object (store, "counts-changed", G_CALLBACK (update_counts), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "notify::dirty", G_CALLBACK (update_title), self,
                               G_CONNECT_SWAPPED);
      self->view = attest_record_view_new (store);
      g_signal_connect_object (self->view, "items-changed", G_CALLBACK (on_view_items_changed),
                               self, G_CONNECT_SWAPPED);
      attest_record_view_set_filter (self->view,
                                     gtk_drop_down_get_selected (self->filter_dropdown));
      attest_record_view_set_search (self->view,
                                     gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
    }

  attest_record_grid_set_view (self->grid, self->view);
  update_counts (self);
  update_title (self);
  update_view (self);
  attest_window_update_actions (self);
  _attest_window_show_states (self);
}

static void
on_search_changed (AttestWindow *self)
{
  if (self->view != NULL)
    attest_record_view_set_search (self->view,
                                   gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_stop_search (AttestWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
on_filter_changed (AttestWindow *self)
{
  if (self->view != NULL)
    attest_record_view_set_filter (self->view, gtk_drop_down_get_selected (self->filter_dropdown));
}

static void
on_loading_cancel_clicked (AttestWindow *self)
{
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
}

/* The window's size is remembered between starts. */
static void
bind_window_size (AttestWindow *self)
{
  if (self->settings == NULL)
    return;

  g_settings_bind (self->settings, "window-width", self, "default-width",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
on_grid_sort_changed (AttestWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_COLUMN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_DESCENDING]);
}

static void
attest_window_dispose (GObject *object)
{
  AttestWindow *self = ATTEST_WINDOW (object);

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->file_load != NULL)
    g_signal_handlers_disconnect_by_data (self->file_load, self);
  g_clear_object (&self->file_load);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->view);
  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_object (&self->pending_open);
  _attest_window_loading_dispose (self);
  _attest_window_actions_dispose (self);
  _attest_window_mca_dispose (self);
  g_clear_object (&self->connection);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (object), ATTEST_TYPE_WINDOW);

  G_OBJECT_CLASS (attest_window_parent_class)->dispose (object);
}

static void
attest_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AttestWindow *self = ATTEST_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, self->search_mode);
      break;

    /* Asked for also before the template is built and after it is gone. */
    case PROP_SORT_COLUMN:
      g_value_set_string (value, self->grid != NULL
                                 ? attest_record_grid_get_sort_column (self->grid, NULL) : "");
      break;

    case PROP_SORT_DESCENDING:
      {
        gboolean descending = FALSE;

        if (self->grid != NULL)
          attest_record_grid_get_sort_column (self->grid, &descending);
        g_value_set_boolean (value, descending);
      }
      break;

    case PROP_FLOW:
      g_value_set_string (value,
                          self->grid == NULL || attest_record_grid_get_current_flow (self->grid)
                          ? "current" : "classic");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AttestWindow *self = ATTEST_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_SEARCH_MODE:
      if (self->search_mode != g_value_get_boolean (value))
        {
          self->search_mode = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SORT_COLUMN:
      {
        gboolean descending = FALSE;

        g_return_if_fail (self->grid != NULL);
        attest_record_grid_get_sort_column (self->grid, &descending);
        attest_record_grid_sort_by_column (self->grid, g_value_get_string (value), descending);
      }
      break;

    case PROP_SORT_DESCENDING:
      g_return_if_fail (self->grid != NULL);
      attest_record_grid_sort_by_column (self->grid,
                                         attest_record_grid_get_sort_column (self->grid, NULL),
                                         g_value_get_boolean (value));
      break;

    case PROP_FLOW:
      g_return_if_fail (self->grid != NULL);
      if (attest_record_grid_get_current_flow (self->grid)
          != (g_strcmp0 (g_value_get_string (value), "classic") != 0))
        {
          attest_record_grid_set_current_flow (self->grid,
                                               g_strcmp0 (g_value_get_string (value),
                                                          "classic") != 0);
          update_counts (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
attest_window_close_request (GtkWindow *window)
{
  if (_attest_window_close_request (ATTEST_WINDOW (window)))
    return TRUE;

  return GTK_WINDOW_CLASS (attest_window_parent_class)->close_request (window);
}

static void
attest_window_constructed (GObject *object)
{
  AttestWindow *self = ATTEST_WINDOW (object);

  G_OBJECT_CLASS (attest_window_parent_class)->constructed (object);

  bind_window_size (self);
  _attest_window_show_connection (self);
}

static void
attest_window_class_init (AttestWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = attest_window_constructed;
  object_class->dispose = attest_window_dispose;
  object_class->get_property = attest_window_get_property;
  object_class->set_property = attest_window_set_property;
  window_class->close_request = attest_window_close_request;

  /* Which Partner Center the window works with, and the settings it
   * remembers its size in; both given at construction, either may be NULL. */
  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, ATTEST_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Backs the stateful win.search action (Ctrl+F and the search button). */
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Back win.sort-column and win.sort-descending, which sort from the
   * keyboard as the column headers do with the pointer. */
  properties[PROP_SORT_COLUMN] =
    g_param_spec_string ("sort-column", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SORT_DESCENDING] =
    g_param_spec_boolean ("sort-descending", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Backs win.flow: which flow's columns the grid shows, "current" (SPEC
   * §13) or "classic" (SPEC §5). */
  properties[PROP_FLOW] =
    g_param_spec_string ("flow", NULL, NULL, "current",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  attest_ui_ensure_types ();

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/attest-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, records_stack);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, loading_retry_button);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, grid);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, status_bar);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, counts_label);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, acceptance_button);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, work_bar);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, work_label);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, work_progress);
  gtk_widget_class_bind_template_child (widget_class, AttestWindow, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_loading_cancel_clicked);

  _attest_window_class_actions_init (widget_class);
  _attest_window_class_partner_init (widget_class);
  _attest_window_class_loading_init (widget_class);
  _attest_window_class_mca_init (widget_class);
  _attest_window_class_links_init (widget_class);
  _attest_window_class_request_init (widget_class);
  _attest_window_class_resume_init (widget_class);
  _attest_window_class_runs_init (widget_class);
  _attest_window_class_header_init (widget_class);
  _attest_window_class_shortcuts_init (widget_class);
}

static void
attest_window_init (AttestWindow *self)
{
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_object_bind_property (self, "search-mode", self->search_bar, "search-mode-enabled",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  sorter = gtk_column_view_get_sorter (attest_record_grid_get_column_view (self->grid));
  g_signal_connect_object (sorter, "changed", G_CALLBACK (on_grid_sort_changed), self,
                           G_CONNECT_SWAPPED);

  _attest_window_header_init (self);
  _attest_window_dnd_init (self);
  _attest_window_actions_init (self);
  _attest_window_mca_init (self);
  attest_window_update_actions (self);
  _attest_window_account_init (self);
}
