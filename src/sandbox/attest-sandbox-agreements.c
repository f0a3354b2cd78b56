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

static void
bulk_item_read (JsonNode              *node,
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

void
attest_sandbox_bulk_body_free (AttestSandboxBulkBody *body)
{
  g_free (body->digest);
  g_clear_pointer (&body->items, g_array_unref);
  g_clear_pointer (&body->strings, g_string_chunk_free);
  g_free (body);
}

static const char *
keep (GStringChunk *strings,
      const char   *text)
{
  return text != NULL ? g_string_chunk_insert (strings, text) : NULL;
}

/* Moves an item's strings from the tree into @strings. */
static void
bulk_item_keep (AttestSandboxBulkItem *item,
                GStringChunk          *strings)
{
  AttestSandboxAgreement *agreement = &item->agreement;

  item->partner_id = keep (strings, item->partner_id);
  item->customer_id = keep (strings, item->customer_id);
  agreement->template_id = keep (strings, agreement->template_id);
  agreement->date_agreed = keep (strings, agreement->date_agreed);
  agreement->first_name = keep (strings, agreement->first_name);
  agreement->last_name = keep (strings, agreement->last_name);
  agreement->email = keep (strings, agreement->email);
  agreement->phone_number = keep (strings, agreement->phone_number);
}

static void
bulk_body_read_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  g_autoptr(AttestSandboxBulkBody) body = g_new0 (AttestSandboxBulkBody, 1);
  g_autoptr(JsonNode) root = attest_sandbox_parse_body (bytes);

  body->digest = attest_sandbox_body_digest (bytes);
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);
      guint n = json_array_get_length (array);

      body->items = g_array_sized_new (FALSE, FALSE, sizeof (AttestSandboxBulkItem), n);
      body->strings = g_string_chunk_new (64 * 1024);
      g_array_set_size (body->items, n);
      for (guint i = 0; i < n; i++)
        {
          AttestSandboxBulkItem *item = &g_array_index (body->items, AttestSandboxBulkItem, i);

          bulk_item_read (json_array_get_element (array, i), item);
          bulk_item_keep (item, body->strings);
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&body),
                         (GDestroyNotify) attest_sandbox_bulk_body_free);
}

/* Reads a bulk body on a thread, and frees json-glib's tree there too: for
 * the 190 kB of a batch of 500 they take 3 ms on an idle machine, 6 to 8 ms
 * in the submit benchmark, where a batch has 5 ms on average; the main
 * loop meanwhile answers other requests. The items keep their strings in
 * one chunk, which the main thread frees at once. */
void
attest_sandbox_bulk_body_read_async (GBytes              *body,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, attest_sandbox_bulk_body_read_async);
  g_task_set_task_data (task, g_bytes_ref (body), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, bulk_body_read_thread);
}

AttestSandboxBulkBody *
attest_sandbox_bulk_body_read_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
