/* attest-catalog.c: Attest's own translation of a message into a language
 * other than the one it runs in
 *
 * gettext answers in the language Attest runs in. A message for a
 * customer (SPEC §13 "Links": the mail to a signatory) is written in the
 * customer's language where Attest has a translation, so this reads the
 * compiled catalogue of that language from where gettext finds Attest's
 * own (GNU .mo format: a header, then the sorted messages and their
 * translations as lengths and offsets). Nothing is cached: a catalogue is
 * read for each message a person asked to write.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-catalog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-catalog.h"

#define MO_MAGIC         0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u

/* "fr", "FR-ca", "fr_CA": the language subtag in lower case and the region
 * in upper case, as catalogues are named; FALSE for anything else. */
static gboolean
split_tag (const char  *tag,
           char       **language,
           char       **region)
{
  g_auto(GStrv) parts = NULL;

  if (tag == NULL)
    return FALSE;

  parts = g_strsplit_set (tag, "-_", 3);
  if (parts[0] == NULL || strlen (parts[0]) < 2 || strlen (parts[0]) > 3)
    return FALSE;
  for (const char *p = parts[0]; *p != '\0'; p++)
    {
      if (!g_ascii_isalpha (*p))
        return FALSE;
    }

  *language = g_ascii_strdown (parts[0], -1);
  *region = NULL;
  if (parts[1] != NULL && strlen (parts[1]) == 2 && g_ascii_isalpha (parts[1][0]) &&
      g_ascii_isalpha (parts[1][1]))
    *region = g_ascii_strup (parts[1], -1);

  return TRUE;
}

static char *
catalog_path (const char *name)
{
  const char *directory = bindtextdomain (GETTEXT_PACKAGE, NULL);
  g_autofree char *file = g_strconcat (GETTEXT_PACKAGE, ".mo", NULL);

  return g_build_filename (directory != NULL ? directory : LOCALEDIR, name, "LC_MESSAGES", file,
                           NULL);
}

/* The name of the catalogue Attest has for @language_tag (a BCP 47 tag
 * such as fr-FR, or a locale name such as tr_TR): the language and region
 * first, else the language alone; NULL when Attest has neither. */
char *
attest_catalog_dup_language (const char *language_tag)
{
  g_autofree char *language = NULL;
  g_autofree char *region = NULL;
  g_autofree char *with_region = NULL;
  g_autofree char *path = NULL;

  if (!split_tag (language_tag, &language, &region))
    return NULL;

  if (region != NULL)
    {
      with_region = g_strdup_printf ("%s_%s", language, region);
      path = catalog_path (with_region);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&with_region);
      g_clear_pointer (&path, g_free);
    }

  path = catalog_path (language);
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&language);

  return NULL;
}

typedef struct
{
  const guint8 *data;
  gsize         size;
  gboolean      swapped;
} Catalog;

static gboolean
read_word (const Catalog *catalog,
           gsize          offset,
           guint32       *word)
{
  guint32 value;

  if (offset > catalog->size || catalog->size - offset < 4)
    return FALSE;

  memcpy (&value, catalog->data + offset, 4);
  *word = catalog->swapped ? GUINT32_SWAP_LE_BE (value) : value;

  return TRUE;
}

/* String @index of the table at @table: its bytes and length, checked to
 * lie within the file. */
static gboolean
read_string (const Catalog  *catalog,
             guint32         table,
             guint32         index,
             const char    **text,
             guint32        *len)
{
  guint32 offset;

  if (!read_word (catalog, (gsize) table + (gsize) index * 8, len) ||
      !read_word (catalog, (gsize) table + (gsize) index * 8 + 4, &offset) ||
      offset > catalog->size || catalog->size - offset < *len)
    return FALSE;

  *text = (const char *) catalog->data + offset;

  return TRUE;
}

static int
compare_key (const char *key,
             gsize       key_len,
             const char *text,
             guint32     len)
{
  int cmp = memcmp (key, text, MIN (key_len, len));

  if (cmp != 0)
    return cmp;

  return (key_len > len) - (key_len < len);
}

/* The translation of @key in @catalog, or NULL: the originals are sorted,
 * so a binary search finds it. */
static char *
lookup (Catalog    *catalog,
        const char *key,
        gsize       key_len)
{
  guint32 magic, n, originals, translations;
  guint32 low = 0, high;

  if (!read_word (catalog, 0, &magic))
    return NULL;
  if (magic == MO_MAGIC_SWAPPED)
    catalog->swapped = TRUE;
  else if (magic != MO_MAGIC)
    return NULL;

  if (!read_word (catalog, 8, &n) || !read_word (catalog, 12, &originals) ||
      !read_word (catalog, 16, &translations))
    return NULL;

  high = n;
  while (low < high)
    {
      guint32 middle = low + (high - low) / 2;
      const char *text;
      guint32 len;
      int cmp;

      if (!read_string (catalog, originals, middle, &text, &len))
        return NULL;

      cmp = compare_key (key, key_len, text, len);
      if (cmp == 0)
        {
          if (!read_string (catalog, translations, middle, &text, &len))
            return NULL;
          /* Plural forms follow the first after a NUL. */
          len = strnlen (text, len);
          if (len == 0 || !g_utf8_validate (text, len, NULL))
            return NULL;
          return g_strndup (text, len);
        }
      if (cmp < 0)
        high = middle;
      else
        low = middle + 1;
    }

  return NULL;
}

/* @message (with its @context, or NULL) as Attest's catalogue for
 * @language_tag translates it; NULL when Attest has no catalogue for that
 * language, or that catalogue does not translate the message. */
char *
attest_catalog_dup_translation (const char *language_tag,
                                const char *context,
                                const char *message)
{
  g_autofree char *language = NULL;
  g_autofree char *path = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GMappedFile) file = NULL;
  Catalog catalog = { NULL, 0, FALSE };

  g_return_val_if_fail (message != NULL, NULL);

  language = attest_catalog_dup_language (language_tag);
  if (language == NULL)
    return NULL;

  path = catalog_path (language);
  file = g_mapped_file_new (path, FALSE, NULL);
  if (file == NULL)
    return NULL;

  catalog.data = (const guint8 *) g_mapped_file_get_contents (file);
  catalog.size = g_mapped_file_get_length (file);
  key = context != NULL ? g_strconcat (context, "\004", message, NULL) : g_strdup (message);

  return lookup (&catalog, key, strlen (key));
}
