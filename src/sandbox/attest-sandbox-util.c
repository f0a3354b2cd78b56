/* attest-sandbox-util.c: what every part of the sandbox answers with
 *
 * Identifiers drawn from a seed or at random, and the shapes of an answer
 * that Entra ID and Partner Center share: JSON, an HTML page, and Partner
 * Center's two error bodies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-util"

#include "config.h"

#include <string.h>

#include "attest-base64url.h"
#include "attest-sandbox-util.h"

/* A GUID drawn from @rand, so that it follows from the seed. */
char *
attest_sandbox_new_guid (GRand *rand)
{
  guint32 words[4];

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    words[i] = g_rand_int (rand);

  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x",
                          words[0], words[1] >> 16, words[1] & 0xfff,
                          0x8000 | (words[2] & 0x3fff), words[2] >> 16, words[3]);
}

/* Codes and refresh tokens are opaque random strings. */
char *
attest_sandbox_new_opaque_token (gsize n_bytes)
{
  g_autofree guint8 *bytes = g_malloc (n_bytes);

  for (gsize i = 0; i < n_bytes; i++)
    bytes[i] = g_random_int_range (0, 256);

  return attest_base64url_encode (bytes, n_bytes);
}

/* A token that points into a list, for its next page: standard base64,
 * '+' and '/' included, so that a client that forgets to escape it fails. */
char *
attest_sandbox_new_continuation_token (void)
{
  guint8 bytes[18];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_random_int_range (0, 256);
  bytes[0] |= 0xfb;

  return g_base64_encode (bytes, sizeof bytes);
}

char *
attest_sandbox_format_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%d %H:%M:%SZ");
}

GHashTable *
attest_sandbox_decode_form (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return soup_form_decode (text);
}

void
attest_sandbox_respond_json (SoupServerMessage *msg,
                             guint              status,
                             JsonBuilder       *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, FALSE);
  gsize length = strlen (text);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&text), length);
}

void
attest_sandbox_respond_html (SoupServerMessage *msg,
                             guint              status,
                             const char        *title,
                             const char        *body_html)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  char *page = g_strdup_printf ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                                "<title>%s</title></head>\n<body>\n<h1>%s</h1>\n%s\n"
                                "</body></html>\n",
                                escaped_title, escaped_title, body_html);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                    page, strlen (page));
}

/* A string member of the object being built; none when @value is NULL. */
void
attest_sandbox_add_member (JsonBuilder *builder,
                           const char  *name,
                           const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* A primaryContact object, the value of the member just named. */
void
attest_sandbox_add_contact (JsonBuilder *builder,
                            const char  *first_name,
                            const char  *last_name,
                            const char  *email,
                            const char  *phone_number)
{
  json_builder_begin_object (builder);
  attest_sandbox_add_member (builder, "firstName", first_name);
  attest_sandbox_add_member (builder, "lastName", last_name);
  attest_sandbox_add_member (builder, "email", email);
  attest_sandbox_add_member (builder, "phoneNumber", phone_number);
  json_builder_end_object (builder);
}

/* Partner Center's older error shape: {"code", "description", "data",
 * "source"}; @code is written as a number when it is one. */
void
attest_sandbox_respond_fault (SoupServerMessage *msg,
                              guint              status,
                              const char        *code,
                              const char        *description)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 number;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  if (g_ascii_string_to_signed (code, 10, G_MININT64, G_MAXINT64, &number, NULL))
    json_builder_add_int_value (builder, number);
  else
    json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, description);
  json_builder_set_member_name (builder, "data");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, "PartnerFD");
  json_builder_end_object (builder);

  attest_sandbox_respond_json (msg, status, builder);
}

/* The newer shape: {"code", "message", "description", "errorName",
 * "isRetryable", "parameters", "errorMessageExtended"}. */
void
attest_sandbox_respond_error (SoupServerMessage *msg,
                              guint              status,
                              gint64             code,
                              const char        *error_name,
                              const char        *message,
                              GPtrArray         *customer_ids)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *extended = g_strdup_printf ("InternalErrorCode=%" G_GINT64_FORMAT, code);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "errorName");
  json_builder_add_string_value (builder, error_name);
  json_builder_set_member_name (builder, "isRetryable");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "parameters");
  json_builder_begin_object (builder);
  if (customer_ids != NULL && customer_ids->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (customer_ids, NULL);
      joined = g_strjoinv (",", (char **) customer_ids->pdata);
      g_ptr_array_remove_index (customer_ids, customer_ids->len - 1);
      json_builder_set_member_name (builder, "customerIds");
      json_builder_add_string_value (builder, joined);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "errorMessageExtended");
  json_builder_add_string_value (builder, extended);
  json_builder_end_object (builder);

  attest_sandbox_respond_json (msg, status, builder);
}

/* 400 with code 2000: the request is wrong as @message says. */
void
attest_sandbox_respond_invalid (SoupServerMessage *msg,
                                const char        *message)
{
  attest_sandbox_respond_error (msg, 400, ATTEST_SANDBOX_CODE_INVALID_INPUT, "InvalidInput",
                                message, NULL);
}

/* 404 with 600008: the customer in the path is none of the partner's. */
void
attest_sandbox_respond_no_customer (SoupServerMessage *msg)
{
  attest_sandbox_respond_error (msg, 404, ATTEST_SANDBOX_CODE_CUSTOMER_NOT_FOUND,
                                "CustomerNotFound", "The customer was not found.", NULL);
}
