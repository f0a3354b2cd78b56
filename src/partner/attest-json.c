/* attest-json.c: reading members of JSON that someone else wrote, and
 * writing JSON text
 *
 * json-glib's json_object_get_*_member_with_default() fail an assertion
 * when a member has another type than the one asked for ("batch": {}), and
 * a server, a proxy or a damaged file can send anything. These accessors
 * treat a member of the wrong type as absent, so that the caller reports it
 * like a missing one.
 *
 * Request bodies are written as text straight away: a batch of 500 built
 * as a tree of JsonNodes, then serialized and freed, cost several times
 * the time Partner Center takes to answer it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "attest-json.h"

static JsonNode *
get_value (JsonObject *object,
           const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? node : NULL;
}

/* Returns the member @name when it is a string, NULL otherwise. */
const char *
attest_json_get_string (JsonObject *object,
                        const char *name)
{
  JsonNode *node = get_value (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* Sets @value to the member @name when it is a number that fits in 64 bits
 * (a fraction is dropped), and returns whether it was; @value is left alone
 * otherwise. */
gboolean
attest_json_get_int (JsonObject *object,
                     const char *name,
                     gint64     *value)
{
  JsonNode *node = get_value (object, name);
  double number;

  g_return_val_if_fail (value != NULL, FALSE);

  if (node == NULL)
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *value = json_node_get_int (node);
      return TRUE;

    case G_TYPE_DOUBLE:
      number = json_node_get_double (node);
      /* 2^63 is exactly representable; anything at or beyond it is not a gint64. */
      if (!isfinite (number)
          || number >= 9223372036854775808.0 || number < -9223372036854775808.0)
        return FALSE;
      *value = (gint64) number;
      return TRUE;

    default:
      return FALSE;
    }
}

/* Returns the member @name when it is true or false, @default_value
 * otherwise. */
gboolean
attest_json_get_boolean (JsonObject *object,
                         const char *name,
                         gboolean    default_value)
{
  JsonNode *node = get_value (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return default_value;

  return json_node_get_boolean (node);
}

/* Appends @text as a JSON string, quotes included. Escapes what RFC 8259
 * requires, and DEL as json-glib does; other characters, UTF-8 included,
 * are written as they are. */
void
attest_json_append_string (GString    *json,
                           const char *text)
{
  static const char hex[] = "0123456789abcdef";
  const char *plain = text;
  const char *p;

  g_return_if_fail (json != NULL);
  g_return_if_fail (text != NULL);

  g_string_append_c (json, '"');
  for (p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
        continue;

      g_string_append_len (json, plain, p - plain);
      plain = p + 1;
      switch (c)
        {
        case '"':
          g_string_append (json, "\\\"");
          break;
        case '\\':
          g_string_append (json, "\\\\");
          break;
        case '\b':
          g_string_append (json, "\\b");
          break;
        case '\f':
          g_string_append (json, "\\f");
          break;
        case '\n':
          g_string_append (json, "\\n");
          break;
        case '\r':
          g_string_append (json, "\\r");
          break;
        case '\t':
          g_string_append (json, "\\t");
          break;
        default:
          g_string_append (json, "\\u00");
          g_string_append_c (json, hex[c >> 4]);
          g_string_append_c (json, hex[c & 0xf]);
          break;
        }
    }
  g_string_append_len (json, plain, p - plain);
  g_string_append_c (json, '"');
}

/* Appends "@name":"@value", with a comma first unless @json ends an
 * opening brace. */
void
attest_json_append_member (GString    *json,
                           const char *name,
                           const char *value)
{
  g_return_if_fail (json != NULL);

  if (json->len > 0 && json->str[json->len - 1] != '{')
    g_string_append_c (json, ',');
  attest_json_append_string (json, name);
  g_string_append_c (json, ':');
  attest_json_append_string (json, value != NULL ? value : "");
}
