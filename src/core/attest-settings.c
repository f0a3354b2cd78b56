/* attest-settings.c: access to the io.github.attest.Attest GSettings schema
 *
 * g_settings_new() aborts the process when the schema is not installed. We
 * look it up first so that a missing schema becomes a sentence a person can
 * act on instead of a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-settings"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-settings.h"

G_DEFINE_QUARK (attest-settings-error-quark, attest_settings_error)

GSettings *
attest_settings_new (GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema == NULL)
    {
      g_set_error (error, ATTEST_SETTINGS_ERROR, ATTEST_SETTINGS_ERROR_SCHEMA_MISSING,
                   _("The settings schema %s is not installed. Install Attest, or run it "
                     "from its build folder with “meson devenv -C build attest”."), APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}
