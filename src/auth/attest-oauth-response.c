/* attest-oauth-response.c: the answers of the Entra ID token and device
 * code endpoints
 *
 * Success and failure share one reader: an answer with an "error" member,
 * or with a status that is not 2xx, becomes an AttestAuthError that says
 * what to do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-oauth-response"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "attest-auth-error.h"
#include "attest-json.h"
#include "attest-oauth-response.h"

/* Overwrites a secret before giving its memory back. */
void
attest_secret_free (char *secret)
{
  if (secret == NULL)
    return;

  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

void
attest_token_response_free (AttestTokenResponse *response)
{
  if (response == NULL)
    return;

  attest_secret_free (response->access_token);
  attest_secret_free (response->refresh_token);
  attest_secret_free (response->id_token);
  g_free (response);
}

void
attest_device_code_free (AttestDeviceCode *code)
{
  if (code == NULL)
    return;

  attest_secret_free (code->device_code);
  g_free (code->user_code);
  g_free (code->verification_uri);
  g_free (code->message);
  g_free (code);
}

AttestDeviceCode *
attest_device_code_copy (const AttestDeviceCode *code)
{
  AttestDeviceCode *copy;

  g_return_val_if_fail (code != NULL, NULL);

  copy = g_new0 (AttestDeviceCode, 1);
  copy->device_code = g_strdup (code->device_code);
  copy->user_code = g_strdup (code->user_code);
  copy->verification_uri = g_strdup (code->verification_uri);
  copy->message = g_strdup (code->message);
  copy->expires_in = code->expires_in;
  copy->interval = code->interval;

  return copy;
}

static char *
dup_string (JsonObject *object,
            const char *name)
{
  const char *value = attest_json_get_string (object, name);

  return value != NULL && value[0] != '\0' ? g_strdup (value) : NULL;
}

/* Entra ID sends numbers, but some proxies and emulators send "3599".
 * Kept within [0, a year] so that adding it to a time cannot overflow. */
static gint64
get_seconds (JsonObject *object,
             const char *name,
             gint64      default_value)
{
  const char *text = attest_json_get_string (object, name);
  gint64 value = default_value;

  if (text != NULL)
    value = g_ascii_strtoll (text, NULL, 10);
  else
    attest_json_get_int (object, name, &value);

  return CLAMP (value, 0, 366 * 24 * 60 * 60);
}

static GError *
error_from_object (JsonObject *object)
{
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonNode *node = json_object_get_member (object, "error_codes");

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_INT64)
            {
              gint64 code = json_node_get_int (element);

              g_array_append_val (codes, code);
            }
        }
    }

  return attest_auth_error_new_from_oauth (attest_json_get_string (object, "error"),
                                           attest_json_get_string (object, "error_description"),
                                           (const gint64 *) (gpointer) codes->data, codes->len);
}

/* Returns the answer's JSON object, or NULL with @error set to what the
 * server refused, or to why the answer could not be read. */
static JsonObject *
read_answer (JsonParser  *parser,
             guint        status,
             GBytes      *body,
             GError     **error)
{
  JsonObject *object;
  JsonNode *root;
  gsize length = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &length) : NULL;

  if (data == NULL || length == 0
      || !json_parser_load_from_data (parser, data, length, NULL)
      || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_RESPONSE,
                   _("Microsoft Entra ID answered with HTTP status %u and a body that is not a "
                     "JSON object. Try again later."),
                   status);
      return NULL;
    }

  object = json_node_get_object (root);
  if (!(status >= 200 && status < 300) || json_object_has_member (object, "error"))
    {
      g_propagate_error (error, error_from_object (object));
      return NULL;
    }

  return object;
}

AttestTokenResponse *
attest_token_response_parse (guint    status,
                             GBytes  *body,
                             GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(AttestTokenResponse) response = NULL;
  JsonObject *object;

  if ((object = read_answer (parser, status, body, error)) == NULL)
    return NULL;

  response = g_new0 (AttestTokenResponse, 1);
  response->access_token = dup_string (object, "access_token");
  response->refresh_token = dup_string (object, "refresh_token");
  response->id_token = dup_string (object, "id_token");
  response->expires_in = get_seconds (object, "expires_in", 0);

  if (response->access_token == NULL)
    {
      g_set_error_literal (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_RESPONSE,
                           _("Microsoft Entra ID answered without an access token. Try again "
                             "later."));
      return NULL;
    }

  return g_steal_pointer (&response);
}

AttestDeviceCode *
attest_device_code_parse (guint    status,
                          GBytes  *body,
                          GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(AttestDeviceCode) code = NULL;
  JsonObject *object;

  if ((object = read_answer (parser, status, body, error)) == NULL)
    return NULL;

  code = g_new0 (AttestDeviceCode, 1);
  code->device_code = dup_string (object, "device_code");
  code->user_code = dup_string (object, "user_code");
  code->verification_uri = dup_string (object, "verification_uri");
  code->message = dup_string (object, "message");
  code->expires_in = get_seconds (object, "expires_in", 900);
  code->interval = CLAMP (get_seconds (object, "interval", 5), 1, 60);

  if (code->device_code == NULL || code->user_code == NULL || code->verification_uri == NULL)
    {
      g_set_error_literal (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_RESPONSE,
                           _("Microsoft Entra ID answered without a device code. Try again "
                             "later."));
      return NULL;
    }

  return g_steal_pointer (&code);
}
