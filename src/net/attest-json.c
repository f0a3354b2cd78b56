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

#define G_LOG_DOMAIN "attest-json"

#include "config.h"

#include <math.h>
#include <string.h>

#include "attest-bytes.h"
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

/* Writes the escape of @c, a byte attest_bytes_json_escape_length () gives
 * more than 1. */
static inline char *
write_escape (char   *out,
              guchar  c)
{
  static const char hex[] = "0123456789abcdef";

  *out++ = '\\';
  switch (c)
    {
    case '"':
    case '\\':
      *out++ = (char) c;
      break;
    case '\b':
      *out++ = 'b';
      break;
    case '\f':
      *out++ = 'f';
      break;
    case '\n':
      *out++ = 'n';
      break;
    case '\r':
      *out++ = 'r';
      break;
    case '\t':
      *out++ = 't';
      break;
    default:
      *out++ = 'u';
      *out++ = '0';
      *out++ = '0';
      *out++ = hex[c >> 4];
      *out++ = hex[c & 0xf];
      break;
    }

  return out;
}

/* Appends @text as a JSON string, quotes included. Escapes what RFC 8259
 * requires, and DEL as json-glib does; other characters, UTF-8 included,
 * are written as they are. The length is counted first, so that a body of
 * 150 kB full of quotes, as a journal entry holds, is one allocation; then
 * the text is copied sixteen bytes at a time up to each byte to escape. */
void
attest_json_append_string (GString    *json,
                           const char *text)
{
  const guchar *src = (const guchar *) text;
  const guchar *end;
  gsize len, escaped, start;
  char *out;

  g_return_if_fail (json != NULL);
  g_return_if_fail (text != NULL);

  len = strlen (text);
  end = src + len;
  escaped = attest_bytes_json_escaped_length (text, len);
  start = json->len;

  /* Sixteen bytes more than needed: a block is stored whole, and the part
   * after an escape is stored again further on. */
  g_string_set_size (json, start + escaped + 2 + 16);
  out = json->str + start;
  *out++ = '"';
  while (end - src >= 16)
    {
      guint special = attest_bytes_json_mask16 ((const char *) src);
      guint k;

      memcpy (out, src, 16);
      if (special == 0)
        {
          src += 16;
          out += 16;
          continue;
        }
      k = (guint) __builtin_ctz (special);
      out = write_escape (out + k, src[k]);
      src += k + 1;
    }
  for (; src < end; src++)
    {
      if (attest_bytes_json_escape_length (*src) == 1)
        *out++ = (char) *src;
      else
        out = write_escape (out, *src);
    }
  *out++ = '"';
  g_string_truncate (json, (gsize) (out - json->str));
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
