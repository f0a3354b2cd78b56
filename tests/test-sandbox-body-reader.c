/* test-sandbox-body-reader.c: the sandbox's body reader agrees with
 * json-glib (unit suite)
 *
 * The sandbox reads request bodies with a reader of its own because
 * json-glib costs it three times the CPU on a bulk batch. json-glib stays
 * the reference: every body here, generated valid ones and malformed ones,
 * is read by both, and both must take or refuse it alike and read the same
 * values. json-glib 1.6 also takes comments, single quotes and other C-isms
 * that the service refuses, and text after the body's array or object, so
 * the reference checks a body's tokens against RFC 8259, and that they hold
 * one value, before json-glib reads it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "attest-sandbox-body-reader.h"
#include "attest-test-init.h"

/* The reference: RFC 8259 tokens, then json-glib. */

#define REFERENCE_MAX_DEPTH 65

static gboolean
read_unit (const char *s,
           const char *end,
           guint      *unit)
{
  *unit = 0;
  if (end - s < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (s[i]))
        return FALSE;
      *unit = *unit << 4 | g_ascii_xdigit_value (s[i]);
    }

  return TRUE;
}

/* Strings hold no NUL and no lone surrogate: json-glib 1.6 takes a high
 * surrogate followed by anything, and writes invalid UTF-8 for it. */
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
          guint unit;
          guint low;

          if (!read_unit (s, end, &unit) || unit == 0 || (unit >= 0xdc00 && unit <= 0xdfff))
            return FALSE;
          s += 4;
          if (unit >= 0xd800 && unit <= 0xdbff)
            {
              if (end - s < 2 || s[0] != '\\' || s[1] != 'u'
                  || !read_unit (s + 2, end, &low) || low < 0xdc00 || low > 0xdfff)
                return FALSE;
              s += 6;
            }
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
  gboolean closed = FALSE;

  while (p < end)
    {
      const char *word;

      switch (*p)
        {
        case ' ':
        case '\t':
        case '\n':
        case '\r':
          p++;
          continue;
        default:
          break;
        }

      /* json-glib 1.6 reads the first of two arrays or objects in a row and
       * takes no notice of the second. */
      if (closed)
        return FALSE;

      switch (*p)
        {
        case ',':
        case ':':
          p++;
          break;

        case '[':
        case '{':
          if (++depth > REFERENCE_MAX_DEPTH)
            return FALSE;
          p++;
          break;

        case ']':
        case '}':
          depth -= depth > 0;
          closed = depth == 0;
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

static JsonNode *
reference_parse (const char *data,
                 gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!tokens_are_json (data, length)
      || !json_parser_load_from_data (parser, data, length, NULL)
      || (root = json_parser_get_root (parser)) == NULL)
    return NULL;

  return json_node_ref (root);
}

static const char *
get_string (JsonObject *object,
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

static void
reference_agreement (JsonObject             *object,
                     AttestSandboxAgreement *agreement)
{
  JsonObject *contact = get_object (object, "primaryContact");
  JsonNode *phone_number;

  memset (agreement, 0, sizeof *agreement);
  agreement->template_id = get_string (object, "templateId");
  agreement->date_agreed = get_string (object, "dateAgreed");
  agreement->attestation_id = get_string (object, "attestationId");
  agreement->has_contact = contact != NULL;
  agreement->phone_number = "";
  if (contact == NULL)
    return;

  agreement->first_name = get_string (contact, "firstName");
  agreement->last_name = get_string (contact, "lastName");
  agreement->email = get_string (contact, "email");
  phone_number = json_object_get_member (contact, "phoneNumber");
  if (phone_number != NULL && !JSON_NODE_HOLDS_NULL (phone_number))
    agreement->phone_number = get_string (contact, "phoneNumber");
}

static void
reference_item (JsonNode              *node,
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
  item->partner_id = get_string (object, "partnerId");
  item->customer_id = get_string (object, "customerId");
  direct_acceptance = json_object_get_member (object, "customerDirectAcceptance");
  item->direct_acceptance_false = direct_acceptance != NULL
                                  && JSON_NODE_HOLDS_VALUE (direct_acceptance)
                                  && json_node_get_value_type (direct_acceptance) == G_TYPE_BOOLEAN
                                  && !json_node_get_boolean (direct_acceptance);
  agreement = get_object (object, "agreement");
  item->has_agreement = agreement != NULL;
  if (agreement != NULL)
    reference_agreement (agreement, &item->agreement);
}

/* Comparing the two readers. */

static void
assert_same_agreement (const AttestSandboxAgreement *expected,
                       const AttestSandboxAgreement *agreement)
{
  g_assert_cmpstr (agreement->template_id, ==, expected->template_id);
  g_assert_cmpstr (agreement->date_agreed, ==, expected->date_agreed);
  g_assert_cmpstr (agreement->attestation_id, ==, expected->attestation_id);
  g_assert_cmpint (agreement->has_contact, ==, expected->has_contact);
  if (!expected->has_contact)
    return;
  g_assert_cmpstr (agreement->first_name, ==, expected->first_name);
  g_assert_cmpstr (agreement->last_name, ==, expected->last_name);
  g_assert_cmpstr (agreement->email, ==, expected->email);
  g_assert_cmpstr (agreement->phone_number, ==, expected->phone_number);
}

/* Reads @text as a bulk body with both readers; returns whether it was
 * taken. */
static gboolean
assert_same_bulk (const char *text,
                  gsize       length)
{
  g_autoptr(GBytes) body = g_bytes_new (text, length);
  g_autoptr(JsonNode) root = reference_parse (text, length);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (AttestSandboxBulkItem));
  g_autoptr(GStringChunk) strings = g_string_chunk_new (1024);
  gboolean taken = attest_sandbox_read_bulk_body (body, items, strings);
  JsonArray *array;

  if (taken != (root != NULL && JSON_NODE_HOLDS_ARRAY (root)))
    g_error ("The readers disagree (json-glib %s) on the bulk body: %.*s",
             taken ? "refuses" : "takes", (int) length, text);
  if (!taken)
    return FALSE;

  array = json_node_get_array (root);
  g_assert_cmpuint (items->len, ==, json_array_get_length (array));
  for (guint i = 0; i < items->len; i++)
    {
      AttestSandboxBulkItem expected;
      AttestSandboxBulkItem *item = &g_array_index (items, AttestSandboxBulkItem, i);

      reference_item (json_array_get_element (array, i), &expected);
      g_assert_cmpint (item->is_object, ==, expected.is_object);
      if (!expected.is_object)
        continue;
      g_assert_cmpstr (item->partner_id, ==, expected.partner_id);
      g_assert_cmpstr (item->customer_id, ==, expected.customer_id);
      g_assert_cmpint (item->direct_acceptance_false, ==, expected.direct_acceptance_false);
      g_assert_cmpint (item->has_agreement, ==, expected.has_agreement);
      if (expected.has_agreement)
        assert_same_agreement (&expected.agreement, &item->agreement);
    }

  return TRUE;
}

/* The same for the body of a single agreement. */
static gboolean
assert_same_single (const char *text,
                    gsize       length)
{
  g_autoptr(GBytes) body = g_bytes_new (text, length);
  g_autoptr(JsonNode) root = reference_parse (text, length);
  g_autoptr(GStringChunk) strings = g_string_chunk_new (256);
  AttestSandboxAgreement agreement;
  AttestSandboxAgreement expected;
  const char *type = NULL;
  gboolean taken = attest_sandbox_read_agreement_body (body, &agreement, &type, strings);

  if (taken != (root != NULL && JSON_NODE_HOLDS_OBJECT (root)))
    g_error ("The readers disagree (json-glib %s) on the agreement body: %.*s",
             taken ? "refuses" : "takes", (int) length, text);
  if (!taken)
    return FALSE;

  reference_agreement (json_node_get_object (root), &expected);
  assert_same_agreement (&expected, &agreement);
  g_assert_cmpstr (type, ==, get_string (json_node_get_object (root), "type"));

  return TRUE;
}

/* The same for the body of an enhanced attestation. */
static gboolean
assert_same_attestation (const char *text,
                         gsize       length)
{
  g_autoptr(GBytes) body = g_bytes_new (text, length);
  g_autoptr(JsonNode) root = reference_parse (text, length);
  g_autoptr(GStringChunk) strings = g_string_chunk_new (256);
  AttestSandboxAttestationDetails details;
  JsonObject *object;
  gboolean taken = attest_sandbox_read_attestation_body (body, &details, strings);

  if (taken != (root != NULL && JSON_NODE_HOLDS_OBJECT (root)))
    g_error ("The readers disagree (json-glib %s) on the attestation body: %.*s",
             taken ? "refuses" : "takes", (int) length, text);
  if (!taken)
    return FALSE;

  object = json_node_get_object (root);
  g_assert_cmpstr (details.country, ==, get_string (object, "country"));
  g_assert_cmpstr (details.language, ==, get_string (object, "language"));
  g_assert_cmpstr (details.company_name, ==, get_string (object, "companyName"));
  g_assert_cmpstr (details.first_name, ==, get_string (object, "signatoryFirstName"));
  g_assert_cmpstr (details.last_name, ==, get_string (object, "signatoryLastName"));
  g_assert_cmpstr (details.email, ==, get_string (object, "signatoryEmail"));
  g_assert_cmpstr (details.phone_number, ==, get_string (object, "signatoryPhoneNumber"));

  return TRUE;
}

/* Generating bodies. */

static const char *const pieces[] = {
  "a", "B", "z", "0", "7", " ", "-", ".", "@", "_", "é", "ß", "Ω", "中", "😀", "\"", "\\", "/",
  "\n", "\t", "\x01", "\x1f", "\x7f", "'",
};

static char *
random_text (void)
{
  GString *text = g_string_new (NULL);
  guint length = g_test_rand_int_range (0, 12);

  for (guint i = 0; i < length; i++)
    g_string_append (text, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);

  return g_string_free (text, FALSE);
}

static void
append_space (GString *out)
{
  static const char *const spaces[] = { "", "", "", " ", "\n", "\t", "\r\n  " };

  g_string_append (out, spaces[g_test_rand_int_range (0, G_N_ELEMENTS (spaces))]);
}

/* Writes @text as a JSON string, escaping what must be and, now and then,
 * what need not be. */
static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean escape = g_test_rand_int_range (0, 6) == 0;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", (char) c);
      else if (c == '/' && escape)
        g_string_append (out, "\\/");
      else if (c == '\n' && escape)
        g_string_append (out, "\\n");
      else if (c == '\t' && escape)
        g_string_append (out, "\\t");
      else if (c < 0x20 || (escape && c < 0x10000))
        g_string_append_printf (out, g_test_rand_bit () ? "\\u%04x" : "\\u%04X", c);
      else if (escape)
        g_string_append_printf (out, "\\u%04x\\u%04x", 0xd800 + ((c - 0x10000) >> 10),
                                0xdc00 + ((c - 0x10000) & 0x3ff));
      else
        g_string_append_unichar (out, c);
    }
  g_string_append_c (out, '"');
}

static void append_value (GString *out,
                          guint    depth);

static void
append_number (GString *out)
{
  static const char *const numbers[] = {
    "0", "-0", "7", "-12", "0.5", "-3.25", "1e3", "2E-2", "4.5e+10", "123456789012345", "0e0",
  };

  g_string_append (out, numbers[g_test_rand_int_range (0, G_N_ELEMENTS (numbers))]);
}

static void
append_value (GString *out,
              guint    depth)
{
  g_autofree char *text = NULL;
  guint n;

  switch (g_test_rand_int_range (0, depth > 3 ? 5 : 7))
    {
    case 0:
      text = random_text ();
      append_string (out, text);
      break;
    case 1:
      append_number (out);
      break;
    case 2:
      g_string_append (out, "true");
      break;
    case 3:
      g_string_append (out, "false");
      break;
    case 4:
      g_string_append (out, "null");
      break;
    case 5:
      g_string_append_c (out, '[');
      n = g_test_rand_int_range (0, 4);
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_space (out);
          append_value (out, depth + 1);
          append_space (out);
        }
      g_string_append_c (out, ']');
      break;
    default:
      g_string_append_c (out, '{');
      n = g_test_rand_int_range (0, 4);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *name = random_text ();

          if (i > 0)
            g_string_append_c (out, ',');
          append_space (out);
          append_string (out, name);
          append_space (out);
          g_string_append_c (out, ':');
          append_space (out);
          append_value (out, depth + 1);
        }
      g_string_append_c (out, '}');
      break;
    }
}

/* One member of an object being written: its name, and its value as JSON. */
typedef struct
{
  const char *name;
  char       *value;
} Member;

/* A string most of the time, now and then a value of another type. */
static char *
string_or_other (const char *usual)
{
  GString *out = g_string_new (NULL);

  if (g_test_rand_int_range (0, 8) > 0)
    {
      g_autofree char *text = usual != NULL ? g_strdup (usual) : random_text ();

      append_string (out, text);
    }
  else
    {
      append_value (out, 3);
    }

  return g_string_free (out, FALSE);
}

static void
append_object (GString *out,
               Member  *members,
               guint    n)
{
  /* The members in any order, now and then one missing, given twice, or
   * among others the service does not know. */
  for (guint i = n; i > 1; i--)
    {
      guint j = g_test_rand_int_range (0, i);
      Member swap = members[i - 1];

      members[i - 1] = members[j];
      members[j] = swap;
    }

  g_string_append_c (out, '{');
  for (guint i = 0, written = 0; i < n; i++)
    {
      guint times = 1;

      if (g_test_rand_int_range (0, 12) == 0)
        times = 0;
      else if (g_test_rand_int_range (0, 10) == 0)
        times = 2;

      for (guint t = 0; t < times; t++)
        {
          if (written++ > 0)
            g_string_append_c (out, ',');
          append_space (out);
          append_string (out, members[i].name);
          append_space (out);
          g_string_append_c (out, ':');
          append_space (out);
          if (t == 0)
            g_string_append (out, members[i].value);
          else
            append_value (out, 2);
          append_space (out);
        }
      if (g_test_rand_int_range (0, 4) == 0)
        {
          g_autofree char *name = random_text ();

          if (written++ > 0)
            g_string_append_c (out, ',');
          append_string (out, name);
          g_string_append_c (out, ':');
          append_value (out, 1);
        }
      g_free (members[i].value);
    }
  g_string_append_c (out, '}');
}

static char *
random_contact (void)
{
  GString *out = g_string_new (NULL);
  Member members[] = {
    { "firstName", string_or_other (NULL) },
    { "lastName", string_or_other (NULL) },
    { "email", string_or_other ("ana.ßé@example.com") },
    { "phoneNumber", g_test_rand_bit () ? g_strdup ("null") : string_or_other ("+33 1 23") },
  };

  append_object (out, members, G_N_ELEMENTS (members));

  return g_string_free (out, FALSE);
}

static void
append_agreement_members (GString *out,
                          gboolean single)
{
  Member members[] = {
    { "templateId", string_or_other ("117a77b0-9360-443b-8795-c6dedc750cf9") },
    { "dateAgreed", string_or_other ("2024-01-02T00:00:00.000Z") },
    { "primaryContact", g_test_rand_int_range (0, 8) > 0 ? random_contact () : g_strdup ("[]") },
    { "type", single ? string_or_other ("MicrosoftCustomerAgreement") : NULL },
    { "attestationId",
      single ? string_or_other ("1c9e6b2a-5d4f-4e3a-9b8c-7d6e5f4a3b2c") : NULL },
  };

  append_object (out, members, G_N_ELEMENTS (members) - (single ? 0 : 2));
}

static void
append_item (GString *out)
{
  GString *agreement = g_string_new (NULL);
  Member members[] = {
    { "partnerId", NULL },
    { "customerId", NULL },
    { "customerDirectAcceptance", NULL },
    { "agreement", NULL },
  };

  if (g_test_rand_int_range (0, 10) == 0)
    {
      append_value (out, 2);
      g_string_free (agreement, TRUE);
      return;
    }

  members[0].value = string_or_other ("8f6c9b1e-0000-4000-8000-000000000001");
  members[1].value = string_or_other (NULL);
  members[2].value = g_strdup (g_test_rand_int_range (0, 8) > 0 ? "false" : "true");
  append_agreement_members (agreement, FALSE);
  members[3].value = g_string_free (agreement, FALSE);
  append_object (out, members, G_N_ELEMENTS (members));
}

static char *
random_bulk_body (guint n)
{
  GString *out = g_string_new (NULL);

  append_space (out);
  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_space (out);
      append_item (out);
      append_space (out);
    }
  g_string_append_c (out, ']');
  append_space (out);

  return g_string_free (out, FALSE);
}

static char *
random_single_body (void)
{
  GString *out = g_string_new (NULL);

  append_space (out);
  append_agreement_members (out, TRUE);
  append_space (out);

  return g_string_free (out, FALSE);
}

static char *
random_attestation_body (void)
{
  GString *out = g_string_new (NULL);
  Member members[] = {
    { "country", string_or_other ("FR") },
    { "language", string_or_other ("fr-FR") },
    { "companyName", string_or_other (NULL) },
    { "signatoryFirstName", string_or_other (NULL) },
    { "signatoryLastName", string_or_other (NULL) },
    { "signatoryEmail", string_or_other ("zoë@example.fr") },
    { "signatoryPhoneNumber", g_test_rand_bit () ? g_strdup ("null") : string_or_other (NULL) },
  };

  append_space (out);
  append_object (out, members, G_N_ELEMENTS (members));
  append_space (out);

  return g_string_free (out, FALSE);
}

static void
test_valid_bodies (void)
{
  guint taken = 0;

  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *bulk = random_bulk_body (g_test_rand_int_range (0, 12));
      g_autofree char *single = random_single_body ();
      g_autofree char *attestation = random_attestation_body ();

      g_assert_true (assert_same_bulk (bulk, strlen (bulk)));
      g_assert_true (assert_same_single (single, strlen (single)));
      g_assert_true (assert_same_attestation (attestation, strlen (attestation)));
      taken++;
    }
  g_assert_cmpuint (taken, ==, 400);
}

/* Every malformed body the sandbox's other tests send, and a few more. */
static const char *const malformed[] = {
  "[{\"a\":1,}]", "[{\"a\":01}]", "[{\"a\":1.}]", "[{\"a\":\"\x01\"}]", "[{\"a\":\"\\ud800\"}]",
  "[{\"a\":\"\\udc00\"}]", "[{\"a\":\"\\ud800\\u0041\"}]", "[{\"a\":\"\\u0000\"}]",
  "[{\"a\":\"\\x\"}]", "[{\"a\":\"\xff\"}]", "[{\"a\":tru}]", "[{\"a\" 1}]", "[{} {}]",
  "[{}] x", "[{\"a\":\"open}]", "", " ", "[{\"a\":.5}]", "[{\"a\":0x10}]", "[{\"a\":00}]",
  "[{\"a\":-}]", "[{\"a\":'x'}]", "[/* comment */{}]", "[// line\n{}]", "[{\"a\":\"\\'\"}]",
  "[{\"a\":\"\\v\"}]", "[{\"a\":\"\\0\"}]", "[{\"a\":\"tab\there\"}]", "[{\"a\":\"\\u12\"}]",
  "[{\"a\":1e}]", "[{\"a\":1e+}]", "[{\"a\":+1}]", "[{\"a\":-01}]", "[{\"a\":NaN}]",
  "[{\"a\":Infinity}]", "[{a:1}]", "[{\"a\":1}", "[{\"a\":1}]]", "[,]", "[{},]", "[{\"a\"}]",
  "[{\"a\":}]", "[{,\"a\":1}]", "{/* comment */}", "{\"type\":'x'}", "{} {}", "[] []",
  "[{}] [{}]", "{\"a\":[}",
  "[\"a\"\"b\"]", "[truefalse]", "[1 2]", "[{\"a\":\"\\\"}]",
};

static void
test_malformed_bodies (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *shown = g_strescape (malformed[i], NULL);

      g_test_message ("Body: %s", shown);
      g_assert_false (assert_same_bulk (malformed[i], strlen (malformed[i])));
      g_assert_false (assert_same_single (malformed[i], strlen (malformed[i])));
      g_assert_false (assert_same_attestation (malformed[i], strlen (malformed[i])));
    }
}

/* Nesting is followed down to 65 levels, the body's own included. */
static void
test_depth (void)
{
  for (guint depth = 60; depth <= 70; depth++)
    {
      g_autoptr(GString) bulk = g_string_new ("[{\"a\":");
      g_autoptr(GString) single = g_string_new ("{\"a\":");

      for (guint i = 2; i < depth; i++)
        {
          g_string_append_c (bulk, '[');
          g_string_append_c (single, '[');
        }
      g_string_append_c (single, '[');
      for (guint i = 2; i < depth; i++)
        g_string_append_c (bulk, ']');
      for (guint i = 1; i < depth; i++)
        g_string_append_c (single, ']');
      g_string_append (bulk, "}]");
      g_string_append (single, "}");

      g_assert_cmpint (assert_same_bulk (bulk->str, bulk->len), ==, depth <= 65);
      g_assert_cmpint (assert_same_single (single->str, single->len), ==, depth <= 65);
      g_assert_cmpint (assert_same_attestation (single->str, single->len), ==, depth <= 65);
    }
}

/* Valid bodies broken at random places: cut short, a byte dropped, a byte
 * put in or changed. */
static void
test_mutated_bodies (void)
{
  static const char bytes[] = "{}[],:\"\\'/*0x.-+eEtfnu \t\x01\xff\xc3";
  guint refused = 0;

  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *bulk = random_bulk_body (g_test_rand_int_range (1, 3));
      g_autofree char *single = random_single_body ();
      g_autofree char *attestation = random_attestation_body ();
      const char *bodies[] = { bulk, single, attestation };
      g_autoptr(GString) body = g_string_new (bodies[g_test_rand_int_range (0, 3)]);
      guint at = g_test_rand_int_range (0, body->len);
      char byte = bytes[g_test_rand_int_range (0, sizeof bytes - 1)];

      switch (g_test_rand_int_range (0, 4))
        {
        case 0:
          g_string_truncate (body, at);
          break;
        case 1:
          g_string_erase (body, at, 1);
          break;
        case 2:
          g_string_insert_c (body, at, byte);
          break;
        default:
          body->str[at] = byte;
          break;
        }

      refused += !assert_same_bulk (body->str, body->len);
      refused += !assert_same_single (body->str, body->len);
      assert_same_attestation (body->str, body->len);
    }
  /* Most of them are broken; every body is refused by one of the two
   * readers at least, since it is an array or an object. */
  g_assert_cmpuint (refused, >, 3000);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/sandbox/body-reader/valid", test_valid_bodies);
  g_test_add_func ("/sandbox/body-reader/malformed", test_malformed_bodies);
  g_test_add_func ("/sandbox/body-reader/depth", test_depth);
  g_test_add_func ("/sandbox/body-reader/mutated", test_mutated_bodies);

  return g_test_run ();
}
