/* attest-sandbox-bulk-body.c: reading the body of a bulk attestation
 *
 * A batch of 500 is some 150 kB of JSON. json-glib turns it into about
 * 1,500 objects, each with its own hash table, and frees them again: that
 * took the sandbox several milliseconds a batch, single-threaded, so a
 * benchmark measured the sandbox as much as Attest. This reader checks the
 * whole text against the JSON grammar (RFC 8259) but keeps only the members
 * the service looks at, as strings in one chunk.
 *
 * A member of another type than the service expects is kept as absent
 * (NULL), as json-glib's accessors with a default do, so the checks of
 * attest-sandbox-partner.c answer the same either way. When a member
 * appears twice, the last one counts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-bulk-body"

#include "config.h"

#include <string.h>

#include "attest-sandbox-private.h"

/* Deeper nesting than this is refused rather than followed. */
#define MAX_DEPTH 64

typedef struct
{
  const char   *p;
  const char   *end;
  GStringChunk *strings;
  guint         depth;
} Reader;

static void
skip_space (Reader *reader)
{
  while (reader->p < reader->end
         && (*reader->p == ' ' || *reader->p == '\t' || *reader->p == '\n' || *reader->p == '\r'))
    reader->p++;
}

/* Skips white space, then takes @c when it comes next. */
static gboolean
take (Reader *reader,
      char    c)
{
  skip_space (reader);
  if (reader->p < reader->end && *reader->p == c)
    {
      reader->p++;
      return TRUE;
    }

  return FALSE;
}

static char
peek (Reader *reader)
{
  skip_space (reader);
  return reader->p < reader->end ? *reader->p : '\0';
}

static gboolean
take_word (Reader     *reader,
           const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (reader->end - reader->p) < length || memcmp (reader->p, word, length) != 0)
    return FALSE;
  reader->p += length;

  return TRUE;
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;

  return -1;
}

static gboolean
read_hex4 (Reader   *reader,
           gunichar *value)
{
  *value = 0;
  if (reader->end - reader->p < 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_digit (*reader->p++);

      if (digit < 0)
        return FALSE;
      *value = (*value << 4) | digit;
    }

  return TRUE;
}

/* Reads a string (the reader is on its opening quote). With @value, the
 * unescaped text is stored in the reader's chunk; without, it is only
 * checked. */
static gboolean
read_string (Reader      *reader,
             const char **value)
{
  g_autoptr(GString) unescaped = NULL;
  const char *plain;

  if (!take (reader, '"'))
    return FALSE;

  plain = reader->p;
  for (;;)
    {
      const char *run = reader->p;
      guchar c;

      /* The text between escapes, in one go. */
      while (reader->p < reader->end && *reader->p != '"' && *reader->p != '\\'
             && (guchar) *reader->p >= 0x20)
        reader->p++;
      if (unescaped != NULL)
        g_string_append_len (unescaped, run, reader->p - run);

      if (reader->p >= reader->end)
        return FALSE;

      c = *reader->p++;
      if (c == '"')
        break;
      if (c != '\\' || reader->p >= reader->end)
        return FALSE;

      if (unescaped == NULL)
        {
          unescaped = g_string_new (NULL);
          g_string_append_len (unescaped, plain, reader->p - 1 - plain);
        }

      switch (*reader->p++)
        {
        case '"':
          g_string_append_c (unescaped, '"');
          break;
        case '\\':
          g_string_append_c (unescaped, '\\');
          break;
        case '/':
          g_string_append_c (unescaped, '/');
          break;
        case 'b':
          g_string_append_c (unescaped, '\b');
          break;
        case 'f':
          g_string_append_c (unescaped, '\f');
          break;
        case 'n':
          g_string_append_c (unescaped, '\n');
          break;
        case 'r':
          g_string_append_c (unescaped, '\r');
          break;
        case 't':
          g_string_append_c (unescaped, '\t');
          break;
        case 'u':
          {
            gunichar unit, low;

            if (!read_hex4 (reader, &unit))
              return FALSE;
            if (unit >= 0xdc00 && unit <= 0xdfff)
              return FALSE;
            if (unit >= 0xd800 && unit <= 0xdbff)
              {
                if (!take_word (reader, "\\u") || !read_hex4 (reader, &low)
                    || low < 0xdc00 || low > 0xdfff)
                  return FALSE;
                unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
              }
            /* A NUL would end the string early for whoever reads it. */
            if (unit == 0)
              return FALSE;
            g_string_append_unichar (unescaped, unit);
            break;
          }
        default:
          return FALSE;
        }
    }

  if (value == NULL)
    return TRUE;

  if (unescaped != NULL)
    *value = g_string_chunk_insert_len (reader->strings, unescaped->str, unescaped->len);
  else
    *value = g_string_chunk_insert_len (reader->strings, plain, reader->p - 1 - plain);

  return TRUE;
}

static gboolean
skip_digits (Reader *reader)
{
  const char *start = reader->p;

  while (reader->p < reader->end && g_ascii_isdigit (*reader->p))
    reader->p++;

  return reader->p > start;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
skip_number (Reader *reader)
{
  if (reader->p < reader->end && *reader->p == '-')
    reader->p++;
  if (reader->p < reader->end && *reader->p == '0')
    reader->p++;
  else if (reader->p >= reader->end || *reader->p < '1' || *reader->p > '9' || !skip_digits (reader))
    return FALSE;

  if (reader->p < reader->end && *reader->p == '.')
    {
      reader->p++;
      if (!skip_digits (reader))
        return FALSE;
    }

  if (reader->p < reader->end && (*reader->p == 'e' || *reader->p == 'E'))
    {
      reader->p++;
      if (reader->p < reader->end && (*reader->p == '+' || *reader->p == '-'))
        reader->p++;
      if (!skip_digits (reader))
        return FALSE;
    }

  return TRUE;
}

typedef gboolean (*MemberFunc) (Reader     *reader,
                                const char *name,
                                gsize       name_length,
                                gpointer    data);

static gboolean skip_value (Reader *reader);

/* Reads an object (the reader is on its opening brace), handing each
 * member's name to @member, which reads or skips its value. */
static gboolean
read_object (Reader     *reader,
             MemberFunc  member,
             gpointer    data)
{
  gboolean ok = TRUE;

  if (!take (reader, '{') || ++reader->depth > MAX_DEPTH)
    return FALSE;

  if (!take (reader, '}'))
    {
      do
        {
          const char *name_start;
          const char *name_end;

          if (peek (reader) != '"')
            {
              ok = FALSE;
              break;
            }
          name_start = reader->p + 1;
          if (!read_string (reader, NULL))
            {
              ok = FALSE;
              break;
            }
          /* Names with escapes match none of the service's members. */
          name_end = reader->p - 1;
          if (!take (reader, ':') || !member (reader, name_start, name_end - name_start, data))
            {
              ok = FALSE;
              break;
            }
        }
      while (take (reader, ','));

      ok = ok && take (reader, '}');
    }

  reader->depth--;
  return ok;
}

static gboolean
skip_member (Reader     *reader,
             const char *name,
             gsize       name_length,
             gpointer    data)
{
  return skip_value (reader);
}

static gboolean
skip_value (Reader *reader)
{
  gboolean ok = TRUE;

  switch (peek (reader))
    {
    case '"':
      return read_string (reader, NULL);

    case '{':
      return read_object (reader, skip_member, NULL);

    case '[':
      reader->p++;
      if (++reader->depth > MAX_DEPTH)
        return FALSE;
      if (!take (reader, ']'))
        {
          do
            ok = skip_value (reader);
          while (ok && take (reader, ','));
          ok = ok && take (reader, ']');
        }
      reader->depth--;
      return ok;

    case 't':
      return take_word (reader, "true");

    case 'f':
      return take_word (reader, "false");

    case 'n':
      return take_word (reader, "null");

    default:
      return skip_number (reader);
    }
}

/* A string member: its text, or NULL when it is of another type. */
static gboolean
read_string_member (Reader      *reader,
                    const char **value)
{
  *value = NULL;
  if (peek (reader) == '"')
    return read_string (reader, value);

  return skip_value (reader);
}

static gboolean
name_is (const char *name,
         gsize       name_length,
         const char *expected)
{
  return strlen (expected) == name_length && memcmp (name, expected, name_length) == 0;
}

static gboolean
read_contact_member (Reader     *reader,
                     const char *name,
                     gsize       name_length,
                     gpointer    data)
{
  SandboxAgreement *agreement = data;

  if (name_is (name, name_length, "firstName"))
    return read_string_member (reader, &agreement->first_name);
  if (name_is (name, name_length, "lastName"))
    return read_string_member (reader, &agreement->last_name);
  if (name_is (name, name_length, "email"))
    return read_string_member (reader, &agreement->email);
  if (name_is (name, name_length, "phoneNumber"))
    {
      /* Optional: missing or null is empty; another type is wrong. */
      if (peek (reader) == 'n' && take_word (reader, "null"))
        {
          agreement->phone_number = "";
          return TRUE;
        }
      return read_string_member (reader, &agreement->phone_number);
    }

  return skip_value (reader);
}

static gboolean
read_agreement_member (Reader     *reader,
                       const char *name,
                       gsize       name_length,
                       gpointer    data)
{
  SandboxAgreement *agreement = data;

  if (name_is (name, name_length, "templateId"))
    return read_string_member (reader, &agreement->template_id);
  if (name_is (name, name_length, "dateAgreed"))
    return read_string_member (reader, &agreement->date_agreed);
  if (name_is (name, name_length, "primaryContact"))
    {
      agreement->first_name = agreement->last_name = agreement->email = NULL;
      agreement->phone_number = "";
      agreement->has_contact = peek (reader) == '{';
      if (agreement->has_contact)
        return read_object (reader, read_contact_member, agreement);
      return skip_value (reader);
    }

  return skip_value (reader);
}

static gboolean
read_item_member (Reader     *reader,
                  const char *name,
                  gsize       name_length,
                  gpointer    data)
{
  SandboxBulkItem *item = data;

  if (name_is (name, name_length, "partnerId"))
    return read_string_member (reader, &item->partner_id);
  if (name_is (name, name_length, "customerId"))
    return read_string_member (reader, &item->customer_id);
  if (name_is (name, name_length, "customerDirectAcceptance"))
    {
      item->direct_acceptance_false = peek (reader) == 'f' && take_word (reader, "false");
      return item->direct_acceptance_false || skip_value (reader);
    }
  if (name_is (name, name_length, "agreement"))
    {
      memset (&item->agreement, 0, sizeof item->agreement);
      item->agreement.phone_number = "";
      item->has_agreement = peek (reader) == '{';
      if (item->has_agreement)
        return read_object (reader, read_agreement_member, &item->agreement);
      return skip_value (reader);
    }

  return skip_value (reader);
}

/* Reads a bulk body: a JSON array whose items are kept in @items
 * (SandboxBulkItem), their strings in @strings. Returns FALSE when @data is
 * not JSON or not an array. */
gboolean
attest_sandbox_read_bulk_body (const char    *data,
                               gsize          length,
                               GArray        *items,
                               GStringChunk  *strings)
{
  Reader reader = { data, data + length, strings, 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (items != NULL && strings != NULL, FALSE);

  if (data == NULL || !g_utf8_validate_len (data, length, NULL) || !take (&reader, '['))
    return FALSE;

  if (!take (&reader, ']'))
    {
      do
        {
          SandboxBulkItem item = { 0 };

          item.is_object = peek (&reader) == '{';
          ok = item.is_object ? read_object (&reader, read_item_member, &item)
                              : skip_value (&reader);
          g_array_append_val (items, item);
        }
      while (ok && take (&reader, ','));
      ok = ok && take (&reader, ']');
    }

  skip_space (&reader);
  return ok && reader.p == reader.end;
}
