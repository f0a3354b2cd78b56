/* attest-settings.h: access to the io.github.attest.Attest GSettings schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATTEST_SETTINGS_ERROR (attest_settings_error_quark ())

typedef enum
{
  ATTEST_SETTINGS_ERROR_SCHEMA_MISSING,
} AttestSettingsError;

GQuark     attest_settings_error_quark (void);
GSettings *attest_settings_new         (GError **error);

G_END_DECLS
