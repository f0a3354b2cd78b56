/* attest-iso-codes.c: country codes and names, and language tags, from
 * Debian's iso-codes
 *
 * Attest keeps no table of its own: the codes are those of the iso-codes
 * package (ISO 3166-1 for countries; ISO 639-2 and 639-3 for languages),
 * read from its JSON files with json-glib, and a country's name is
 * translated through the package's own gettext domain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-iso-codes"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "attest-iso-codes.h"

#define ISO_CODES_JSON_DIR ISO_CODES_PREFIX "/share/iso-codes/json"
#define ISO_CODES_LOCALEDIR ISO_CODES_PREFIX "/share/locale"
#define COUNTRY_DOMAIN "iso_3166-1"

/* The members of one entry that Attest reads. */
typedef struct
{
  char *alpha_2;
  char *alpha_3;
  char *name;
} IsoEntry;

typedef void (*IsoEntryFunc) (const IsoEntry *entry,
                              gpointer        user_data);

static void
iso_entry_clear (IsoEntry *entry)
{
  g_clear_pointer (&entry->alpha_2, g_free);
  g_clear_pointer (&entry->alpha_3, g_free);
  g_clear_pointer (&entry->name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (IsoEntry, iso_entry_clear)

/* The string member @name of @object, or NULL. */
static char *
dup_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_dup_string (node);
}

/* Calls @func for every entry of the list @list_name in the iso-codes
 * file @file_name. */
static gboolean
read_iso_file (const char    *file_name,
               const char    *list_name,
               IsoEntryFunc   func,
               gpointer       user_data,
               GError       **error)
{
  g_autofree char *path = g_build_filename (ISO_CODES_JSON_DIR, file_name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  JsonNode *list = NULL;
  JsonArray *entries;

  if (!json_parser_load_from_mapped_file (parser, path, error))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    list = json_object_get_member (json_node_get_object (root), list_name);
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s has no list \"%s\"", path,
                   list_name);
      return FALSE;
    }

  entries = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *node = json_array_get_element (entries, i);
      g_auto(IsoEntry) entry = { NULL, };
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      entry.alpha_2 = dup_string_member (object, "alpha_2");
      entry.alpha_3 = dup_string_member (object, "alpha_3");
      entry.name = dup_string_member (object, "name");
      func (&entry, user_data);
    }

  return TRUE;
}

static void
add_country (const IsoEntry *entry,
             gpointer        user_data)
{
  GHashTable *countries = user_data;

  if (entry->alpha_2 != NULL && entry->name != NULL)
    g_hash_table_replace (countries, g_strdup (entry->alpha_2), g_strdup (entry->name));
}

/* Alpha-2 code to English name, read once. */
static GHashTable *
get_countries (void)
{
  static GHashTable *countries;

  if (g_once_init_enter (&countries))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(GError) error = NULL;

      if (!read_iso_file ("iso_3166-1.json", "3166-1", add_country, table, &error))
        g_warning ("Cannot read the country codes: %s. Install the iso-codes package.",
                   error->message);

      bindtextdomain (COUNTRY_DOMAIN, ISO_CODES_LOCALEDIR);
      bind_textdomain_codeset (COUNTRY_DOMAIN, "UTF-8");
      g_once_init_leave (&countries, table);
    }

  return countries;
}

static void
add_language (const IsoEntry *entry,
              gpointer        user_data)
{
  GHashTable *languages = user_data;

  if (entry->alpha_2 != NULL)
    g_hash_table_add (languages, g_ascii_strdown (entry->alpha_2, -1));
  if (entry->alpha_3 != NULL)
    g_hash_table_add (languages, g_ascii_strdown (entry->alpha_3, -1));
}

/* Every ISO 639 code, two and three letters, in lower case, read once. */
static GHashTable *
get_languages (void)
{
  static GHashTable *languages;

  if (g_once_init_enter (&languages))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GError) error = NULL;

      if (!read_iso_file ("iso_639-2.json", "639-2", add_language, table, &error)
          || !read_iso_file ("iso_639-3.json", "639-3", add_language, table, &error))
        g_warning ("Cannot read the language codes: %s. Install the iso-codes package.",
                   error->message);

      g_once_init_leave (&languages, table);
    }

  return languages;
}

/* Whether @code is an ISO 3166-1 alpha-2 code exactly as given: two capital
 * letters, never mapped or guessed from a name or another case. */
gboolean
attest_country_code_is_valid (const char *code)
{
  if (code == NULL || strlen (code) != 2 || !g_ascii_isupper (code[0])
      || !g_ascii_isupper (code[1]))
    return FALSE;

  return g_hash_table_contains (get_countries (), code);
}

/* The name of the country @code in the language of the user interface, or
 * NULL when @code is not valid. */
const char *
attest_country_code_get_name (const char *code)
{
  const char *name;

  if (!attest_country_code_is_valid (code))
    return NULL;

  name = g_hash_table_lookup (get_countries (), code);

  return g_dgettext (COUNTRY_DOMAIN, name);
}

/* Whether @code is a language of ISO 639-2 or 639-3 (two or three letters,
 * either case, as in a language tag). */
gboolean
attest_language_code_is_known (const char *code)
{
  char lower[4];
  gsize len = code != NULL ? strlen (code) : 0;

  if (len < 2 || len > 3)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalpha (code[i]))
        return FALSE;
      lower[i] = g_ascii_tolower (code[i]);
    }
  lower[len] = '\0';

  return g_hash_table_contains (get_languages (), lower);
}

static gboolean
is_alpha (const char *s,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalpha (s[i]))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_digit (const char *s,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_alnum (const char *s,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isalnum (s[i]))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_variant (const char *s,
            gsize       len)
{
  return (len >= 5 && len <= 8 && is_alnum (s, len))
         || (len == 4 && g_ascii_isdigit (s[0]) && is_alnum (s, len));
}

/* Whether @tag is a well-formed BCP 47 language tag (RFC 5646 §2.1,
 * `langtag`) whose language is one of ISO 639: language["-"extlang]
 * ["-"script]["-"region]*("-"variant)*("-"extension)["-"privateuse].
 * Either case, as the RFC allows; a tag of private use alone or one of the
 * irregular grandfathered tags does not name a language here. */
gboolean
attest_language_tag_is_valid (const char *tag)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GHashTable) seen = NULL;
  guint i = 0;
  guint n_extlang = 0;
  gsize len;

  if (tag == NULL || tag[0] == '\0' || strlen (tag) > 255)
    return FALSE;

  parts = g_strsplit (tag, "-", -1);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!attest_language_code_is_known (parts[0]))
    return FALSE;
  i = 1;

  /* extlang: up to three three-letter languages of ISO 639-3 */
  while (parts[i] != NULL && strlen (parts[i]) == 3 && is_alpha (parts[i], 3) && n_extlang < 3)
    {
      if (!attest_language_code_is_known (parts[i]))
        return FALSE;
      n_extlang++;
      i++;
    }
  /* script */
  if (parts[i] != NULL && strlen (parts[i]) == 4 && is_alpha (parts[i], 4))
    i++;
  /* region */
  if (parts[i] != NULL && (len = strlen (parts[i]), (len == 2 && is_alpha (parts[i], 2))
                                                    || (len == 3 && is_digit (parts[i], 3))))
    i++;
  /* variants, each once */
  while (parts[i] != NULL && is_variant (parts[i], strlen (parts[i])))
    {
      g_autofree char *lower = g_ascii_strdown (parts[i], -1);

      if (!g_hash_table_add (seen, g_steal_pointer (&lower)))
        return FALSE;
      i++;
    }
  /* extensions: a singleton other than x, each once, and one or more
   * subtags of two to eight characters */
  while (parts[i] != NULL && strlen (parts[i]) == 1 && g_ascii_isalnum (parts[i][0])
         && g_ascii_tolower (parts[i][0]) != 'x')
    {
      char singleton[3] = { '-', g_ascii_tolower (parts[i][0]), '\0' };
      guint n = 0;

      if (!g_hash_table_add (seen, g_strdup (singleton)))
        return FALSE;
      for (i++; parts[i] != NULL && (len = strlen (parts[i])) >= 2 && len <= 8
                && is_alnum (parts[i], len); i++)
        n++;
      if (n == 0)
        return FALSE;
    }
  /* private use: x and one or more subtags of one to eight characters */
  if (parts[i] != NULL && g_ascii_strcasecmp (parts[i], "x") == 0)
    {
      guint n = 0;

      for (i++; parts[i] != NULL && (len = strlen (parts[i])) >= 1 && len <= 8
                && is_alnum (parts[i], len); i++)
        n++;
      if (n == 0)
        return FALSE;
    }

  return parts[i] == NULL;
}
