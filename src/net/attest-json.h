/* attest-json.h: reading members of JSON that someone else wrote, and
 * writing JSON text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char *attest_json_get_string  (JsonObject *object,
                                     const char *name);
gboolean    attest_json_get_int     (JsonObject *object,
                                     const char *name,
                                     gint64     *value);
gboolean    attest_json_get_boolean (JsonObject *object,
                                     const char *name,
                                     gboolean    default_value);

void        attest_json_append_string (GString    *json,
                                       const char *text);
void        attest_json_append_member (GString    *json,
                                       const char *name,
                                       const char *value);

G_END_DECLS
