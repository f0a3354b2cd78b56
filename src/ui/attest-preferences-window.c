/* attest-preferences-window.c: the settings of SPEC §8, all in GSettings
 *
 * What an administrator sets is on the General page; the log and the
 * servers Attest talks to, which only finding a problem or testing needs,
 * on the Advanced page. An address that would send the sign-in in the clear
 * is said under the addresses as it is typed, and refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-endpoint.h"
#include "attest-log.h"
#include "attest-preferences-window.h"

struct _AttestPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwComboRow          *strategy_row;
  GtkSpinButton        *batch_size_spin;
  GtkSpinButton        *concurrency_spin;
  AdwEntryRow          *api_base_row;
  AdwEntryRow          *authority_row;
  AdwActionRow         *endpoint_warning_row;
  AdwComboRow          *log_level_row;
  GtkButton            *reset_endpoints_button;
};

G_DEFINE_FINAL_TYPE (AttestPreferencesWindow, attest_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

/* Enum keys hold nicks; the combo rows list the values in enum order. */
static gboolean
enum_to_selected (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    {
      if (g_str_equal (nicks[i], nick))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
selected_to_enum (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **) nicks))
    return NULL;

  return g_variant_new_string (nicks[selected]);
}

static gboolean
int_to_double (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_int32 (variant));
  return TRUE;
}

static GVariant *
double_to_int (const GValue       *value,
               const GVariantType *expected_type,
               gpointer            user_data)
{
  return g_variant_new_int32 ((gint32) g_value_get_double (value));
}

static void
setup_value_label (GtkListItemFactory *factory,
                   GtkListItem        *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_value_label (GtkListItemFactory *factory,
                  GtkListItem        *item)
{
  GtkStringObject *value = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (value));
}

/* A combo row's value whole, never cut short with "…": its title and
 * subtitle take more lines instead, as a long translation needs. */
static void
show_whole_values (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_value_label), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_value_label), NULL);
  adw_combo_row_set_factory (row, factory);
}

static void
bind_combo (AttestPreferencesWindow *self,
            const char              *key,
            AdwComboRow             *row,
            const char * const      *nicks)
{
  g_settings_bind_with_mapping (self->settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                enum_to_selected, selected_to_enum, (gpointer) nicks, NULL);
}

static void
bind_spin (AttestPreferencesWindow *self,
           const char              *key,
           GtkSpinButton           *spin)
{
  g_settings_bind_with_mapping (self->settings, key, gtk_spin_button_get_adjustment (spin),
                                "value", G_SETTINGS_BIND_DEFAULT, int_to_double, double_to_int,
                                NULL, NULL);
}

/* 0 is "choose for me": say so instead of showing a zero. */
static gboolean
on_concurrency_output (GtkSpinButton *spin,
                       gpointer       user_data)
{
  int value = (int) gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  g_autofree char *text = NULL;

  if (value == 0)
    text = g_strdup (C_("concurrent requests", "Automatic"));
  else
    text = g_strdup_printf ("%d", value);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static int
on_concurrency_input (GtkSpinButton *spin,
                      double        *new_value,
                      gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  guint64 parsed;

  if (g_strcmp0 (text, C_("concurrent requests", "Automatic")) == 0)
    {
      *new_value = 0;
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (text, 10, 0, 32, &parsed, NULL))
    return GTK_INPUT_ERROR;

  *new_value = parsed;
  return TRUE;
}

/* Says under the addresses what is wrong with the first one that has
 * @error, or with the first that would go in the clear; hides the warning
 * when neither would. */
static void
show_endpoint_warning (AttestPreferencesWindow *self,
                       const GError            *error)
{
  AdwEntryRow *rows[] = { self->api_base_row, self->authority_row };
  g_autoptr(GError) insecure = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows) && error == NULL; i++)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (rows[i]));
      g_autofree char *value = g_strstrip (g_strdup (text));

      if (!attest_endpoint_check (value, &insecure)
          && !g_error_matches (insecure, ATTEST_ENDPOINT_ERROR, ATTEST_ENDPOINT_ERROR_INSECURE))
        g_clear_error (&insecure);
      error = insecure;
    }

  if (error != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->endpoint_warning_row),
                                   error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->endpoint_warning_row), error != NULL);
}

static void
show_endpoint (AdwEntryRow *row,
               const char  *value)
{
  gtk_editable_set_text (GTK_EDITABLE (row), value);
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
apply_endpoint (AttestPreferencesWindow *self,
                AdwEntryRow             *row,
                const char              *key)
{
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GError) error = NULL;

  if (!attest_endpoint_check (value, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      show_endpoint_warning (self, error);
      return;
    }

  g_settings_set_string (self->settings, key, value);
  show_endpoint (row, value);
  show_endpoint_warning (self, NULL);
}

static void
on_endpoint_changed (AttestPreferencesWindow *self,
                     AdwEntryRow             *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  show_endpoint_warning (self, NULL);
}

static void
on_api_base_apply (AttestPreferencesWindow *self)
{
  apply_endpoint (self, self->api_base_row, "api-base");
}

static void
on_authority_apply (AttestPreferencesWindow *self)
{
  apply_endpoint (self, self->authority_row, "authority");
}

static void
on_setting_changed (AttestPreferencesWindow *self,
                    const char              *key)
{
  g_autofree char *value = g_settings_get_string (self->settings, key);

  show_endpoint (g_str_equal (key, "api-base") ? self->api_base_row : self->authority_row, value);
  show_endpoint_warning (self, NULL);
}

static void
on_reset_endpoints_clicked (AttestPreferencesWindow *self)
{
  g_settings_reset (self->settings, "api-base");
  g_settings_reset (self->settings, "authority");
}

static void
on_open_log_folder (AttestPreferencesWindow *self)
{
  g_autofree char *directory = attest_log_dup_directory ();
  g_autoptr(GFile) folder = g_file_new_for_path (directory);
  g_autofree char *uri = g_file_get_uri (folder);

  g_mkdir_with_parents (directory, 0700);
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

AttestPreferencesWindow *
attest_preferences_window_new (GtkWindow *parent,
                               GSettings *settings)
{
  static const char * const strategies[] = { "bulk", "per-customer", NULL };
  static const char * const log_levels[] = { "information", "debug", NULL };
  AttestPreferencesWindow *self;
  g_autofree char *api_base = NULL;
  g_autofree char *authority = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ATTEST_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->settings = g_object_ref (settings);

  bind_combo (self, "strategy", self->strategy_row, strategies);
  bind_combo (self, "log-level", self->log_level_row, log_levels);
  bind_spin (self, "batch-size", self->batch_size_spin);
  bind_spin (self, "concurrency", self->concurrency_spin);

  /* Endpoints are applied, not bound: a half-typed address must not become
   * the one Attest uses. */
  api_base = g_settings_get_string (settings, "api-base");
  authority = g_settings_get_string (settings, "authority");
  show_endpoint (self->api_base_row, api_base);
  show_endpoint (self->authority_row, authority);
  g_signal_connect_object (settings, "changed::api-base", G_CALLBACK (on_setting_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::authority", G_CALLBACK (on_setting_changed),
                           self, G_CONNECT_SWAPPED);

  return self;
}

static void
attest_preferences_window_dispose (GObject *object)
{
  AttestPreferencesWindow *self = ATTEST_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (attest_preferences_window_parent_class)->dispose (object);
}

static void
attest_preferences_window_class_init (AttestPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/attest-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow, strategy_row);
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow, batch_size_spin);
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow, concurrency_spin);
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow, api_base_row);
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow, authority_row);
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow,
                                        endpoint_warning_row);
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow, log_level_row);
  gtk_widget_class_bind_template_child (widget_class, AttestPreferencesWindow,
                                        reset_endpoints_button);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_endpoints_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_open_log_folder);
}

static void
attest_preferences_window_init (AttestPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Wide enough for "Automatic" in every language. */
  gtk_editable_set_width_chars (GTK_EDITABLE (self->concurrency_spin),
                                g_utf8_strlen (C_("concurrent requests", "Automatic"), -1) + 1);
  show_whole_values (self->strategy_row);
  show_whole_values (self->log_level_row);
  g_signal_connect (self->concurrency_spin, "output", G_CALLBACK (on_concurrency_output), NULL);
  g_signal_connect (self->concurrency_spin, "input", G_CALLBACK (on_concurrency_input), NULL);
  g_signal_connect_swapped (self->api_base_row, "apply", G_CALLBACK (on_api_base_apply), self);
  g_signal_connect_swapped (self->authority_row, "apply", G_CALLBACK (on_authority_apply), self);
  g_signal_connect_swapped (self->api_base_row, "changed", G_CALLBACK (on_endpoint_changed), self);
  g_signal_connect_swapped (self->authority_row, "changed", G_CALLBACK (on_endpoint_changed),
                            self);
}
