/* fuzz-responses.c: libFuzzer entry point for everything Attest reads from a
 * server: Partner Center pages, errors and tokens, and the sign-in
 * service's token and device-code answers
 *
 * The first byte picks the reader and, for error bodies, the HTTP status;
 * the rest is the body. Built and run by tests/fuzz/run-fuzz.sh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "attest-oauth-response.h"
#include "attest-partner-error.h"
#include "attest-partner-record.h"
#include "attest-token-claims.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const guint statuses[] = { 200, 400, 401, 403, 404, 409, 429, 500, 503 };

static void
read_records_page (const char *text,
                   gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) page = NULL;
  g_autofree char *continuation = NULL;
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, text, length, NULL))
    return;

  page = attest_partner_parse_records_page (json_parser_get_root (parser), &continuation, &error);
  g_assert ((page == NULL) != (error == NULL));

  for (guint i = 0; page != NULL && i < page->len; i++)
    {
      g_autoptr(GDateTime) agreed =
        attest_partner_record_dup_last_agreement_date (g_ptr_array_index (page, i));

      (void) agreed;
    }
}

static void
read_error (guint       status,
            const char *text,
            gsize       length)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  const char *line_end = memchr (text, '\n', length);

  /* A first line of the body doubles as the Retry-After header. */
  if (line_end != NULL)
    {
      g_autofree char *retry_after = g_strndup (text, line_end - text);

      if (g_utf8_validate (retry_after, -1, NULL) && strchr (retry_after, '\r') == NULL)
        soup_message_headers_append (headers, "Retry-After", retry_after);
    }

  body = g_bytes_new (text, length);
  error = attest_partner_error_new_from_response ("POST", "/v1/partners/fuzz", status,
                                                  headers, body);
  g_assert (error != NULL);
  g_assert (g_utf8_validate (error->message, -1, NULL));
  (void) attest_partner_error_is_retryable (error);
  (void) attest_partner_error_get_retry_after (error);
}

static void
read_tokens (guint       status,
             const char *text,
             gsize       length)
{
  g_autoptr(GBytes) body = g_bytes_new (text, length);
  g_autoptr(GError) token_error = NULL;
  g_autoptr(GError) device_error = NULL;
  AttestTokenResponse *tokens;
  AttestDeviceCode *code;

  tokens = attest_token_response_parse (status, body, &token_error);
  g_assert ((tokens == NULL) != (token_error == NULL));
  g_clear_pointer (&tokens, attest_token_response_free);

  code = attest_device_code_parse (status, body, &device_error);
  g_assert ((code == NULL) != (device_error == NULL));
  g_clear_pointer (&code, attest_device_code_free);
}

static void
read_claims (const char *text)
{
  g_autoptr(AttestTokenClaims) claims = NULL;
  g_autoptr(GError) error = NULL;

  claims = attest_token_claims_parse (text, &error);
  g_assert ((claims == NULL) != (error == NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  guint status;

  if (size == 0)
    return 0;

  status = statuses[data[0] % G_N_ELEMENTS (statuses)];
  text = g_strndup ((const char *) data + 1, size - 1);

  switch (data[0] / G_N_ELEMENTS (statuses) % 4)
    {
    case 0:
      read_records_page (text, size - 1);
      break;
    case 1:
      read_error (status, text, size - 1);
      break;
    case 2:
      read_tokens (status, text, size - 1);
      break;
    default:
      read_claims (text);
      break;
    }

  return 0;
}
