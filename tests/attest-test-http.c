/* attest-test-http.c: plain HTTP calls for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-test-http.h"

typedef struct
{
  GBytes  *body;
  GError  *error;
  gboolean done;
} Exchange;

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Exchange *exchange = user_data;

  exchange->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                      &exchange->error);
  exchange->done = TRUE;
}

/* Sends one request (redirects are not followed) and spins the default main
 * context until the answer is in. @headers is a NULL-terminated list of
 * names and values, or NULL. */
AttestTestResponse *
attest_test_http (const char         *method,
                  const char         *uri,
                  const char         *content_type,
                  const char         *body,
                  const char * const *headers)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  AttestTestResponse *response;
  Exchange exchange = { 0 };
  const char *data;
  gsize length = 0;

  g_assert_nonnull (msg);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    soup_message_headers_replace (soup_message_get_request_headers (msg), headers[i],
                                  headers[i + 1]);

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, &exchange);
  while (!exchange.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (exchange.error);

  response = g_new0 (AttestTestResponse, 1);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  data = g_bytes_get_data (exchange.body, &length);
  response->body = g_strndup (data, length);
  if (response->body == NULL)
    response->body = g_strdup ("");
  response->json = json_from_string (response->body, NULL);
  g_bytes_unref (exchange.body);

  return response;
}

/* POSTs an application/x-www-form-urlencoded body made of the name/value
 * pairs that follow. */
AttestTestResponse *
attest_test_http_form (const char *uri,
                       const char *first_name,
                       ...)
{
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *body = NULL;
  const char *name = first_name;
  va_list args;

  va_start (args, first_name);
  while (name != NULL)
    {
      g_hash_table_insert (form, (char *) name, va_arg (args, char *));
      name = va_arg (args, const char *);
    }
  va_end (args);

  body = soup_form_encode_hash (form);

  return attest_test_http ("POST", uri, "application/x-www-form-urlencoded", body, NULL);
}

void
attest_test_response_free (AttestTestResponse *response)
{
  g_free (response->body);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_free (response);
}

const char *
attest_test_response_get_string (AttestTestResponse *response,
                                 const char         *member)
{
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));

  return json_object_get_string_member_with_default (json_node_get_object (response->json),
                                                     member, NULL);
}

gint64
attest_test_response_get_int (AttestTestResponse *response,
                              const char         *member)
{
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));

  return json_object_get_int_member_with_default (json_node_get_object (response->json),
                                                  member, G_MININT64);
}

/* A query parameter of the Location header, decoded; NULL when absent. */
char *
attest_test_response_get_query (AttestTestResponse *response,
                                const char         *name)
{
  const char *location = soup_message_headers_get_one (response->headers, "Location");
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (location);
  uri = g_uri_parse (location, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_assert_nonnull (uri);
  if (g_uri_get_query (uri) == NULL)
    return NULL;
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  g_assert_nonnull (params);

  return g_strdup (g_hash_table_lookup (params, name));
}
