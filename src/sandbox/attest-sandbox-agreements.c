/* attest-sandbox-agreements.c: reading the agreements of a request body
 *
 * Bodies are read with json-glib, a reader the client does not share, so
 * that a mistake in the client's JSON shows instead of being read back by
 * the same mistake. json-glib 1.6 reads with a GScanner, which also takes
 * what C takes: comments, single quotes, hexadecimal numbers and numbers
 * with a leading zero or a trailing dot, "\x" escapes, control characters
 * and "\u0000" in strings. The service takes RFC 8259 JSON only, so the
 * tokens of a body are checked against it first; how they fit together is
 * json-glib's to check.
 *
 * json-glib builds a tree of the whole body: a batch of 500 (190 kB) costs
 * it about 3 ms of CPU on an idle machine, three times what the sandbox's
 * own reader took before. The body is read on the main loop all the same:
 * read on a thread per request, it costs the same CPU on the same two
 * cores, and batches are answered in the order their reading ends rather
 * than the order they came, which a run's tests notice.
 *
 * A member of another type than the service expects is kept as absent
 * (NULL), so the checks of attest-sandbox-partner.c answer the same for a
 * wrong member as for a missing one. When a member appears twice, the last
 * one counts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-agreements"

#include "config.h"

#include <string.h>

#include "attest-sandbox-agreements.h"

/* Deeper nesting than this, the body's own array included, is refused
 * rather than followed down json-glib's stack. */
#define MAX_DEPTH 65

/* Checks a string token (@p is on its opening quote) and moves @p past it. */
static gboolean
check_string (const char **p,
              const char  *end)
{
  const char *s = *p + 1;

  while (s < end && *s != '"')
    {
      guchar c = *s++;

      if (c < 0x20)
        return FALSE;
      if (c != '\\')
        continue;
      if (s >= end)
        return FALSE;

      c = *s++;
      if (c == 'u')
        {
          gboolean nul = TRUE;

          if (end - s < 4)
            return FALSE;
          for (guint i = 0; i < 4; i++)
            {
              if (!g_ascii_isxdigit (s[i]))
                return FALSE;
              nul = nul && s[i] == '0';
            }
          /* A NUL would end the string early for whoever reads it. */
          if (nul)
            return FALSE;
          s += 4;
        }
      else if (c == '\0' || memchr ("\"\\/bfnrt", c, 8) == NULL)
        {
          return FALSE;
        }
    }

  if (s >= end)
    return FALSE;
  *p = s + 1;

  return TRUE;
}

static gsize
count_digits (const char *p,
              const char *end)
{
  const char *start = p;

  while (p < end && g_ascii_isdigit (*p))
    p++;

  return p - start;
}

/* A word is a literal or a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
check_word (const char *p,
            const char *end)
{
  gsize length = end - p;
  gsize digits;

  if ((length == 4 && (memcmp (p, "true", 4) == 0 || memcmp (p, "null", 4) == 0))
      || (length == 5 && memcmp (p, "false", 5) == 0))
    return TRUE;

  if (p < end && *p == '-')
    p++;
  digits = count_digits (p, end);
  if (digits == 0 || (digits > 1 && *p == '0'))
    return FALSE;
  p += digits;

  if (p < end && *p == '.')
    {
      p++;
      if ((digits = count_digits (p, end)) == 0)
        return FALSE;
      p += digits;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if ((digits = count_digits (p, end)) == 0)
        return FALSE;
      p += digits;
    }

  return p == end;
}

static gboolean
tokens_are_json (const char *data,
                 gsize       length)
{
  const char *p = data;
  const char *end = data + length;
  guint depth = 0;

  while (p < end)
    {
      const char *word;

      switch (*p)
        {
        case ' ':
        case '\t':
        case '\n':
        case '\r':
        case ',':
        case ':':
          p++;
          break;

        case '[':
        case '{':
          if (++depth > MAX_DEPTH)
            return FALSE;
          p++;
          break;

        case ']':
        case '}':
          depth -= depth > 0;
          p++;
          break;

        case '"':
          if (!check_string (&p, end))
            return FALSE;
          break;

        default:
          word = p;
          while (p < end && (g_ascii_isalnum (*p) || *p == '.' || *p == '+' || *p == '-'))
            p++;
          if (p == word || !check_word (word, p))
            return FALSE;
          break;
        }
    }

  return TRUE;
}

/* Returns the JSON value @body holds, or NULL when it holds none. */
JsonNode *
attest_sandbox_parse_body (GBytes *body)
{
  g_autoptr(JsonParser) parser = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);
  JsonNode *root;

  if (data == NULL || !tokens_are_json (data, length))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, NULL)
      || (root = json_parser_get_root (parser)) == NULL)
    return NULL;

  return json_node_ref (root);
}

/* The member @name when it is a string, NULL otherwise. */
const char *
attest_sandbox_get_string (JsonObject *object,
                           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

void
attest_sandbox_agreement_read (JsonObject             *object,
                               AttestSandboxAgreement *agreement)
{
  JsonObject *contact = get_object (object, "primaryContact");
  JsonNode *phone_number;

  memset (agreement, 0, sizeof *agreement);
  agreement->template_id = attest_sandbox_get_string (object, "templateId");
  agreement->date_agreed = attest_sandbox_get_string (object, "dateAgreed");
  agreement->has_contact = contact != NULL;
  agreement->phone_number = "";
  if (contact == NULL)
    return;

  agreement->first_name = attest_sandbox_get_string (contact, "firstName");
  agreement->last_name = attest_sandbox_get_string (contact, "lastName");
  agreement->email = attest_sandbox_get_string (contact, "email");

  /* Optional: missing or null is empty; another type is wrong. */
  phone_number = json_object_get_member (contact, "phoneNumber");
  if (phone_number != NULL && !JSON_NODE_HOLDS_NULL (phone_number))
    agreement->phone_number = attest_sandbox_get_string (contact, "phoneNumber");
}

void
attest_sandbox_bulk_item_read (JsonNode              *node,
                               AttestSandboxBulkItem *item)
{
  JsonObject *object;
  JsonObject *agreement;
  JsonNode *direct_acceptance;

  memset (item, 0, sizeof *item);
  item->is_object = JSON_NODE_HOLDS_OBJECT (node);
  if (!item->is_object)
    return;

  object = json_node_get_object (node);
  item->partner_id = attest_sandbox_get_string (object, "partnerId");
  item->customer_id = attest_sandbox_get_string (object, "customerId");
  direct_acceptance = json_object_get_member (object, "customerDirectAcceptance");
  item->direct_acceptance_false = direct_acceptance != NULL
                                  && JSON_NODE_HOLDS_VALUE (direct_acceptance)
                                  && json_node_get_value_type (direct_acceptance) == G_TYPE_BOOLEAN
                                  && !json_node_get_boolean (direct_acceptance);
  agreement = get_object (object, "agreement");
  item->has_agreement = agreement != NULL;
  if (agreement != NULL)
    attest_sandbox_agreement_read (agreement, &item->agreement);
}

/* What tells two bodies apart, for the idempotency of a request ID. */
char *
attest_sandbox_body_digest (GBytes *body)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);
}
