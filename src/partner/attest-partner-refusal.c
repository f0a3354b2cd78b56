/* attest-partner-refusal.c: the records a refusal of Partner Center names,
 * and each one's own reason
 *
 * A refusal of a bulk batch names the records at fault: their customer IDs
 * and email addresses, in parameters.customerIds and parameters.emails
 * (each a comma-separated text or an array) and in its message, each read
 * whole. One message may name many records, each with its reason: "The
 * request has invalid agreements for these customers: <id> (no such
 * customer), <id> (the email address is not valid)." A record is given
 * only its own part of it:
 *   - from structured data when the body has some: a "data" or "details"
 *     array of objects that each name a customer ID or an email address
 *     and say why;
 *   - else the words after its name in the message, in parentheses or
 *     after a colon;
 *   - when the message names several records and gives none of them a
 *     reason of its own, the message with that record alone in place of
 *     the list ("Invalid email for customers: <id>.").
 * The shapes are not documented, so they are read defensively: what does
 * not fit is passed over, never guessed at, and a message that names at
 * most one record is left as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-partner-refusal"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-json.h"
#include "attest-partner-refusal.h"

typedef enum
{
  NAME_CUSTOMER_ID,
  NAME_EMAIL,
} NameKind;

/* Where a message names a record: bytes @start to @end. */
typedef struct
{
  gsize    start;
  gsize    end;
  NameKind kind;
} Span;

/* The form in which a name is a key of the reasons: customer IDs are
 * GUIDs and may come back in another case, and so may an address. */
char *
attest_partner_refusal_fold (const char *id)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (id));

  return g_ascii_strdown (trimmed, -1);
}

/* 8-4-4-4-12 hexadecimal digits at @text. */
static gboolean
is_guid_at (const char *text)
{
  for (guint i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23 ? text[i] != '-' : !g_ascii_isxdigit (text[i]))
        return FALSE;
    }

  return TRUE;
}

static void
find_guids (const char *text,
            GArray     *spans)
{
  gsize length = strlen (text);

  for (gsize at = 0; at + 36 <= length; at++)
    {
      if (is_guid_at (text + at)
          && (at == 0 || !g_ascii_isxdigit (text[at - 1])) && !g_ascii_isxdigit (text[at + 36]))
        {
          Span span = { at, at + 36, NAME_CUSTOMER_ID };

          g_array_append_val (spans, span);
          at += 35;
        }
    }
}

/* The characters an address may hold before its @ (RFC 5322 atext and
 * the dot) and after it (a host name). Anything else ends the address, so
 * "aa@b.com" is read whole and never as "a@b.com". Addresses outside
 * ASCII are not read: the message's own quotation marks are not ASCII
 * either. */
static gboolean
is_local_char (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr (".!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

static gboolean
is_domain_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.';
}

static void
find_emails (const char *text,
             GArray     *spans)
{
  for (const char *at = strchr (text, '@'); at != NULL; at = strchr (at + 1, '@'))
    {
      const char *start = at;
      const char *end = at + 1;
      Span span;

      while (start > text && is_local_char (start[-1]))
        start--;
      while (is_domain_char (*end))
        end++;

      /* Quotes and a sentence's full stop around an address are not part
       * of it. */
      while (start < at && strchr (".'`", *start) != NULL)
        start++;
      while (end > at + 1 && strchr (".-", end[-1]) != NULL)
        end--;

      if (start == at || end == at + 1 || (start > text && start[-1] == '@') || *end == '@')
        continue;

      span = (Span) { start - text, end - text, NAME_EMAIL };
      g_array_append_val (spans, span);
    }
}

static void
add_id (GPtrArray  *ids,
        const char *id)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (id));

  if (trimmed[0] == '\0')
    return;
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (ids, i), trimmed) == 0)
        return;
    }
  g_ptr_array_add (ids, g_steal_pointer (&trimmed));
}

/* Adds the texts of @parameters' member @name: a comma-separated text or
 * an array of texts. */
static void
add_parameter (GPtrArray  *values,
               JsonNode   *parameters,
               const char *name)
{
  JsonNode *node;

  if (parameters == NULL || !JSON_NODE_HOLDS_OBJECT (parameters))
    return;

  node = json_object_get_member (json_node_get_object (parameters), name);
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_auto(GStrv) parts = g_strsplit (json_node_get_string (node), ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        add_id (values, parts[i]);
    }
  else if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element)
              && json_node_get_value_type (element) == G_TYPE_STRING)
            add_id (values, json_node_get_string (element));
        }
    }
}

/* What a refusal names of one kind: the values of its parameter
 * @parameter, then those @find finds in @message; NULL when none. */
static GStrv
collect_named (JsonObject  *body,
               const char  *parameter,
               const char  *message,
               void       (*find) (const char *text,
                                   GArray     *spans))
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  add_parameter (values, json_object_get_member (body, "parameters"), parameter);
  if (message != NULL)
    {
      g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));

      find (message, spans);
      for (guint i = 0; i < spans->len; i++)
        {
          const Span *span = &g_array_index (spans, Span, i);
          g_autofree char *name = g_strndup (message + span->start, span->end - span->start);

          add_id (values, name);
        }
    }

  if (values->len == 0)
    {
      g_ptr_array_unref (values);
      return NULL;
    }

  g_ptr_array_add (values, NULL);

  return (GStrv) g_ptr_array_free (values, FALSE);
}

/* The customer IDs @body and its @message name, or NULL. */
GStrv
attest_partner_refusal_read_customer_ids (JsonObject *body,
                                          const char *message)
{
  g_return_val_if_fail (body != NULL, NULL);

  return collect_named (body, "customerIds", message, find_guids);
}

/* The email addresses @body and its @message name, or NULL. */
GStrv
attest_partner_refusal_read_emails (JsonObject *body,
                                    const char *message)
{
  g_return_val_if_fail (body != NULL, NULL);

  return collect_named (body, "emails", message, find_emails);
}

/* @length bytes of @text without the blanks around them and the
 * punctuation that ends a list's item; NULL when nothing is left. */
static char *
dup_trimmed (const char *text,
             gsize       length)
{
  g_autofree char *copy = g_strndup (text, length);
  gsize end;

  g_strstrip (copy);
  end = strlen (copy);
  while (end > 0 && strchr (",;.", copy[end - 1]) != NULL)
    copy[--end] = '\0';
  g_strchomp (copy);

  return copy[0] != '\0' ? g_steal_pointer (&copy) : NULL;
}

/* The reason that follows a name ending at @from in @text: in parentheses
 * right after it (which may hold other names), or after a colon or a dash
 * up to a semicolon or @limit, where the next name of its kind starts.
 * Sets @end to where the reason ends; NULL when there is none. */
static char *
dup_reason_after (const char *text,
                  gsize       from,
                  gsize       limit,
                  gsize      *end)
{
  gsize at = from;
  gsize length = strlen (text);

  while (at < length && text[at] == ' ')
    at++;

  if (text[at] == '(')
    {
      guint depth = 0;

      for (gsize close = at; close < length; close++)
        {
          if (text[close] == '(')
            depth++;
          else if (text[close] == ')' && --depth == 0)
            {
              *end = close + 1;
              return dup_trimmed (text + at + 1, close - at - 1);
            }
        }

      return NULL;
    }

  if (at < limit && (text[at] == ':' || (text[at] == '-' && at > from)))
    {
      gsize stop = at + 1;

      while (stop < limit && text[stop] != ';')
        stop++;
      *end = stop;
      return dup_trimmed (text + at + 1, stop - at - 1);
    }

  return NULL;
}

static void
add_reason (GHashTable *reasons,
            const char *name,
            char       *reason)
{
  char *key = attest_partner_refusal_fold (name);

  if (key[0] == '\0' || g_hash_table_contains (reasons, key))
    {
      g_free (key);
      g_free (reason);
      return;
    }

  g_hash_table_insert (reasons, key, reason);
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    {
      if (!g_ascii_isspace (*text))
        return FALSE;
    }

  return TRUE;
}

/* The first of @members of @object that is a text, and not a blank one. */
static const char *
first_text (JsonObject         *object,
            const char * const *members)
{
  for (guint i = 0; members[i] != NULL; i++)
    {
      const char *value = attest_json_get_string (object, members[i]);

      if (value != NULL && !is_blank (value))
        return value;
    }

  return NULL;
}

/* Structured data: {"data" or "details": [{"customerId", "message"}, …]},
 * an item naming its record by customerId, customerTenantId, target or
 * email, and saying why in message, description or reason. */
static void
add_structured_reasons (GHashTable *reasons,
                        JsonObject *body)
{
  static const char * const arrays[] = { "data", "details", NULL };
  static const char * const names[] = { "customerId", "customerTenantId", "target", "email",
                                        NULL };
  static const char * const words[] = { "message", "description", "reason", NULL };

  for (guint a = 0; arrays[a] != NULL; a++)
    {
      JsonNode *node = json_object_get_member (body, arrays[a]);
      JsonArray *array;

      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        continue;

      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *name;
          const char *reason;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;

          name = first_text (json_node_get_object (element), names);
          reason = first_text (json_node_get_object (element), words);
          if (name != NULL && reason != NULL)
            add_reason (reasons, name, g_strstrip (g_strdup (reason)));
        }
    }
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *first = a;
  const Span *second = b;

  return first->start < second->start ? -1 : first->start > second->start;
}

/* Where the next name of @kind after the @index-th of @spans starts, or
 * @length. */
static gsize
next_of_kind (GArray   *spans,
              guint     index,
              NameKind  kind,
              gsize     length)
{
  for (guint i = index + 1; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);

      if (span->kind == kind)
        return span->start;
    }

  return length;
}

/* @message with @name in place of everything from its first name to its
 * last. */
static char *
dup_with_name_alone (const char *message,
                     GArray     *spans,
                     const char *name)
{
  const Span *first = &g_array_index (spans, Span, 0);
  gsize last_end = 0;

  for (guint i = 0; i < spans->len; i++)
    last_end = MAX (last_end, g_array_index (spans, Span, i).end);

  return g_strdup_printf ("%.*s%s%s", (int) first->start, message, name, message + last_end);
}

static void
add_each_named (GHashTable         *reasons,
                const char * const *names,
                const char         *message,
                GArray             *spans,
                const char         *lead)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *key = attest_partner_refusal_fold (names[i]);

      if (g_hash_table_contains (reasons, key))
        continue;
      if (lead != NULL)
        add_reason (reasons, names[i], g_strdup (lead));
      else
        add_reason (reasons, names[i], dup_with_name_alone (message, spans, names[i]));
    }
}

/* The reasons @message gives the records it names. */
static void
add_message_reasons (GHashTable         *reasons,
                     const char         *message,
                     const char * const *customer_ids,
                     const char * const *emails)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autofree char *lead = NULL;
  gsize length = strlen (message);
  gsize consumed = 0;
  gboolean any_own = FALSE;

  find_guids (message, spans);
  find_emails (message, spans);
  g_array_sort (spans, compare_spans);

  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      g_autofree char *name = NULL;
      gsize end = span->end;
      char *reason;

      /* A name inside another one's reason is part of that reason. */
      if (span->start < consumed)
        continue;

      reason = dup_reason_after (message, span->end,
                                 next_of_kind (spans, i, span->kind, length), &end);
      consumed = end;
      if (reason == NULL)
        continue;

      name = g_strndup (message + span->start, span->end - span->start);
      add_reason (reasons, name, reason);
      any_own = TRUE;
    }

  if (any_own)
    {
      /* The others named share the words before the list, or are said to
       * have no reason of their own. */
      lead = dup_trimmed (message, g_array_index (spans, Span, 0).start);
      while (lead != NULL && g_str_has_suffix (lead, ":"))
        {
          lead[strlen (lead) - 1] = '\0';
          g_strchomp (lead);
        }
      if (lead == NULL || lead[0] == '\0')
        {
          g_free (lead);
          lead = g_strdup (_("Partner Center refused this customer together with others and gave "
                             "no reason of its own."));
        }
    }
  else if (spans->len < 2)
    return;

  add_each_named (reasons, customer_ids, message, spans, lead);
  add_each_named (reasons, emails, message, spans, lead);
}

/* What a refusal with @body and @message (either may be NULL) says of
 * each record it names, as a table from attest_partner_refusal_fold() of
 * a customer ID or an email address to that record's own reason; NULL
 * when it names at most one record and gives none a reason of its own,
 * where the message itself is that record's. @customer_ids and @emails
 * are the records it names. */
GHashTable *
attest_partner_refusal_read_reasons (JsonObject         *body,
                                     const char         *message,
                                     const char * const *customer_ids,
                                     const char * const *emails)
{
  g_autoptr(GHashTable) reasons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         g_free);

  if (body != NULL)
    add_structured_reasons (reasons, body);
  if (message != NULL)
    add_message_reasons (reasons, message, customer_ids, emails);

  if (g_hash_table_size (reasons) == 0)
    return NULL;

  return g_steal_pointer (&reasons);
}
