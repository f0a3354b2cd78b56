/* attest-json.c: reading members of JSON that someone else wrote
 *
 * json-glib's json_object_get_*_member_with_default() fail an assertion
 * when a member has another type than the one asked for ("batch": {}), and
 * a server, a proxy or a damaged file can send anything. These accessors
 * treat a member of the wrong type as absent, so that the caller reports it
 * like a missing one.
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
