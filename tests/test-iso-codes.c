/* test-iso-codes.c: country codes and names, language tags, and the
 * checks of the optional CompanyName, Country and Language columns
 * (unit suite)
 *
 * The codes come from Debian's iso-codes; json-glib reads the same files
 * here, as the reference for the reader in attest-iso-codes.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "attest-iso-codes.h"
#include "attest-test-init.h"
#include "attest-validation.h"

#define JSON_DIR ISO_CODES_PREFIX "/share/iso-codes/json"

static gpointer
check_countries (gpointer data)
{
  for (guint i = 0; i < 200; i++)
    {
      g_assert_true (attest_country_code_is_valid ("FR"));
      g_assert_true (attest_language_tag_is_valid ("tr-TR"));
    }

  return NULL;
}

/* The first use, from several threads at once: each list is read once,
 * and every thread sees it whole. */
static void
test_threads (void)
{
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("iso-codes", check_countries, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

static JsonArray *
load_list (JsonParser *parser,
           const char *file_name,
           const char *list_name)
{
  g_autofree char *path = g_build_filename (JSON_DIR, file_name, NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  return json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                       list_name);
}

static void
test_every_country (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *countries = load_list (parser, "iso_3166-1.json", "3166-1");

  g_assert_cmpuint (json_array_get_length (countries), >, 240);
  for (guint i = 0; i < json_array_get_length (countries); i++)
    {
      JsonObject *country = json_array_get_object_element (countries, i);
      const char *code = json_object_get_string_member (country, "alpha_2");
      g_autofree char *lower = g_ascii_strdown (code, -1);

      g_assert_true (attest_country_code_is_valid (code));
      g_assert_cmpstr (attest_country_code_get_name (code), ==,
                       json_object_get_string_member (country, "name"));
      /* Exactly as given: never another case. */
      g_assert_false (attest_country_code_is_valid (lower));
      g_assert_null (attest_country_code_get_name (lower));
    }
}

static void
test_not_countries (void)
{
  static const char * const not_codes[] = {
    "", "F", "fr", "Fr", "fR", "FRA", "France", " FR", "FR ", "F R", "XX", "ZZ", "UK", "EU",
    "250", "F\xc3\xa9",
  };

  for (guint i = 0; i < G_N_ELEMENTS (not_codes); i++)
    {
      g_assert_false (attest_country_code_is_valid (not_codes[i]));
      g_assert_null (attest_country_code_get_name (not_codes[i]));
    }
  g_assert_false (attest_country_code_is_valid (NULL));
  g_assert_true (attest_country_code_is_valid ("GB"));
  g_assert_true (attest_country_code_is_valid ("TR"));
  g_assert_cmpstr (attest_country_code_get_name ("DE"), ==, "Germany");
}

static void
add_codes (JsonArray  *list,
           GHashTable *codes)
{
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *language = json_array_get_object_element (list, i);

      if (json_object_has_member (language, "alpha_2"))
        g_hash_table_add (codes, g_strdup (json_object_get_string_member (language, "alpha_2")));
      g_hash_table_add (codes, g_strdup (json_object_get_string_member (language, "alpha_3")));
    }
}

/* Every two- and three-letter code is known exactly when ISO 639-2 or
 * 639-3 has it. */
static void
test_every_language (void)
{
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  g_autoptr(JsonParser) parser3 = json_parser_new ();
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_known = 0;

  add_codes (load_list (parser2, "iso_639-2.json", "639-2"), codes);
  add_codes (load_list (parser3, "iso_639-3.json", "639-3"), codes);
  g_assert_cmpuint (g_hash_table_size (codes), >, 7000);

  for (char a = 'a'; a <= 'z'; a++)
    for (char b = 'a'; b <= 'z'; b++)
      {
        char two[3] = { a, b, '\0' };

        g_assert_cmpint (attest_language_code_is_known (two), ==,
                         g_hash_table_contains (codes, two));
        for (char c = 'a'; c <= 'z'; c++)
          {
            char three[4] = { a, b, c, '\0' };
            gboolean known = g_hash_table_contains (codes, three);

            g_assert_cmpint (attest_language_code_is_known (three), ==, known);
            n_known += known;
          }
      }
  g_assert_cmpuint (n_known, >, 7000);
  g_assert_true (attest_language_code_is_known ("EN"));
  g_assert_false (attest_language_code_is_known ("e"));
  g_assert_false (attest_language_code_is_known ("engl"));
  g_assert_false (attest_language_code_is_known ("e1"));
}

static void
test_language_tags (void)
{
  static const char * const valid[] = {
    "en", "fr", "tr", "en-US", "fr-FR", "tr-TR", "de-CH", "EN-us", "zh-Hant-TW", "sr-Latn-RS",
    "es-419", "de-CH-1901", "sl-rozaj-biske", "en-US-x-twain", "zh-yue-HK", "ast", "nan-Hant-TW",
    "en-a-myext-b-another", "de-DE-u-co-phonebk", "hy-Latn-IT-arevela", "en-x-a",
  };
  static const char * const invalid[] = {
    "", "e", "english", "en_US", "en-", "-en", "en--US", "xx", "qqq", "zzz-US", "123",
    "en-US-US", "de-1901-1901", "en-a-foo-a-bar", "en-a", "en-a-x", "x-private", "i-klingon",
    "en-US-x", "en-abcdefghi", "en US", "en-US ", " en", "en-Latn-Latn", "en-U$", "fr-FR-",
    "en-x-abcdefghi", "abcd", "abcde",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_test_message ("%s", valid[i]);
      g_assert_true (attest_language_tag_is_valid (valid[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_test_message ("%s", invalid[i]);
      g_assert_false (attest_language_tag_is_valid (invalid[i]));
    }
  g_assert_false (attest_language_tag_is_valid (NULL));
}

static gboolean
translations_installed (const char *language)
{
  g_autofree char *path = g_build_filename (ISO_CODES_PREFIX, "share", "locale", language,
                                            "LC_MESSAGES", "iso_3166-1.mo", NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* The names in @language, in a process of their own: gettext keeps the
 * translations it has read for as long as the process lives. */
static void
check_names (const char         *language,
             const char * const *codes,
             const char * const *names)
{
  if (!translations_installed (language))
    {
      g_test_skip ("The translations of the package iso-codes are not installed");
      return;
    }

  if (g_test_subprocess ())
    {
      g_setenv ("LANGUAGE", language, TRUE);
      setlocale (LC_ALL, "C.UTF-8");
      for (guint i = 0; codes[i] != NULL; i++)
        g_assert_cmpstr (attest_country_code_get_name (codes[i]), ==, names[i]);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_names_in_french (void)
{
  check_names ("fr", (const char *[]) { "DE", "US", "FR", NULL },
               (const char *[]) { "Allemagne", "États-Unis", "France", NULL });
}

static void
test_names_in_turkish (void)
{
  check_names ("tr", (const char *[]) { "DE", "US", "FR", NULL },
               (const char *[]) { "Almanya", "Amerika Birleşik Devletleri", "Fransa", NULL });
}

static AttestRequestProblem
check (AttestRequestField  field,
       const char         *value)
{
  return attest_validate_request_field (field, value, strlen (value));
}

static void
test_request_fields (void)
{
  AttestRequestField field = ATTEST_REQUEST_FIELD_LANGUAGE;

  g_assert_cmpstr (attest_request_field_get_column (ATTEST_REQUEST_FIELD_COMPANY_NAME), ==,
                   "CompanyName");
  g_assert_cmpstr (attest_request_field_get_column (ATTEST_REQUEST_FIELD_COUNTRY), ==, "Country");
  g_assert_cmpstr (attest_request_field_get_column (ATTEST_REQUEST_FIELD_LANGUAGE), ==,
                   "Language");
  g_assert_true (attest_request_field_from_column ("country", &field));
  g_assert_cmpint (field, ==, ATTEST_REQUEST_FIELD_COUNTRY);
  g_assert_true (attest_request_field_from_column ("COMPANYNAME", &field));
  g_assert_cmpint (field, ==, ATTEST_REQUEST_FIELD_COMPANY_NAME);
  g_assert_false (attest_request_field_from_column ("Company", &field));
  g_assert_cmpint (field, ==, ATTEST_REQUEST_FIELD_COMPANY_NAME);

  g_assert_cmpint (check (ATTEST_REQUEST_FIELD_COMPANY_NAME, "Contoso Ltd."), ==,
                   ATTEST_REQUEST_PROBLEM_NONE);
  g_assert_cmpint (check (ATTEST_REQUEST_FIELD_COMPANY_NAME, "Şirket A.Ş."), ==,
                   ATTEST_REQUEST_PROBLEM_NONE);
  g_assert_cmpint (check (ATTEST_REQUEST_FIELD_COMPANY_NAME, ""), ==,
                   ATTEST_REQUEST_PROBLEM_MISSING);
  g_assert_cmpint (check (ATTEST_REQUEST_FIELD_COMPANY_NAME, " \t "), ==,
                   ATTEST_REQUEST_PROBLEM_MISSING);
  g_assert_cmpint (check (ATTEST_REQUEST_FIELD_COMPANY_NAME, "Con\x01toso"), ==,
                   ATTEST_REQUEST_PROBLEM_CONTROL);
  g_assert_cmpint (check (ATTEST_REQUEST_FIELD_COMPANY_NAME, "Contoso\xc2\x85"), ==,
                   ATTEST_REQUEST_PROBLEM_CONTROL);

  g_assert_cmpint (check (ATTEST_REQUEST_FIELD_COUNTRY, "FR"), ==, ATTEST_REQUEST_PROBLEM_NONE);
  g_assert_cmpint (check (ATTEST_REQUEST_FIELD_COUNTRY, ""), ==, ATTEST_REQUEST_PROBLEM_MISSING);
  g_assert_cmpint (check (ATTEST_REQUEST_FIELD_COUNTRY, "  "), ==,
                   ATTEST_REQUEST_PROBLEM_MISSING);
  g_assert_cmpint (check (ATTEST_REQUEST_FIELD_COUNTRY, "fr"), ==,
                   ATTEST_REQUEST_PROBLEM_INVALID);
  g_assert_cmpint (check (ATTEST_REQUEST_FIELD_COUNTRY, " FR"), ==,
                   ATTEST_REQUEST_PROBLEM_INVALID);
  g_assert_cmpint (check (ATTEST_REQUEST_FIELD_COUNTRY, "France"), ==,
                   ATTEST_REQUEST_PROBLEM_INVALID);
  g_assert_cmpint (attest_validate_request_field (ATTEST_REQUEST_FIELD_COUNTRY, "FR\0", 3), ==,
                   ATTEST_REQUEST_PROBLEM_INVALID);
  /* A slice of a longer text: only its length counts. */
  g_assert_cmpint (attest_validate_request_field (ATTEST_REQUEST_FIELD_COUNTRY, "FRANCE", 2), ==,
                   ATTEST_REQUEST_PROBLEM_NONE);

  g_assert_cmpint (check (ATTEST_REQUEST_FIELD_LANGUAGE, "en-US"), ==,
                   ATTEST_REQUEST_PROBLEM_NONE);
  g_assert_cmpint (check (ATTEST_REQUEST_FIELD_LANGUAGE, "tr"), ==, ATTEST_REQUEST_PROBLEM_NONE);
  g_assert_cmpint (check (ATTEST_REQUEST_FIELD_LANGUAGE, ""), ==,
                   ATTEST_REQUEST_PROBLEM_MISSING);
  g_assert_cmpint (check (ATTEST_REQUEST_FIELD_LANGUAGE, "en_US"), ==,
                   ATTEST_REQUEST_PROBLEM_INVALID);
  g_assert_cmpint (check (ATTEST_REQUEST_FIELD_LANGUAGE, "English"), ==,
                   ATTEST_REQUEST_PROBLEM_INVALID);
}

static void
test_request_messages (void)
{
  struct {
    AttestRequestField field;
    AttestRequestProblem problem;
    const char *value;
    const char *expected;
  } cases[] = {
    { ATTEST_REQUEST_FIELD_COMPANY_NAME, ATTEST_REQUEST_PROBLEM_MISSING, "",
      "The company name is empty. Enter the customer’s company name as it should appear on "
      "the agreement." },
    { ATTEST_REQUEST_FIELD_COMPANY_NAME, ATTEST_REQUEST_PROBLEM_CONTROL, "A\x01",
      "The company name contains invisible control characters. Retype it." },
    { ATTEST_REQUEST_FIELD_COUNTRY, ATTEST_REQUEST_PROBLEM_MISSING, "",
      "The country is empty. Enter the customer’s country as its ISO 3166-1 code in two "
      "capital letters, such as FR." },
    { ATTEST_REQUEST_FIELD_COUNTRY, ATTEST_REQUEST_PROBLEM_INVALID, "France",
      "“France” is not a country code. Enter the ISO 3166-1 code in two capital letters, such "
      "as FR; names and other spellings are not read." },
    { ATTEST_REQUEST_FIELD_LANGUAGE, ATTEST_REQUEST_PROBLEM_MISSING, "",
      "The language is empty. Enter the language of the agreement as a language tag, such as "
      "en-US or fr." },
    { ATTEST_REQUEST_FIELD_LANGUAGE, ATTEST_REQUEST_PROBLEM_INVALID, "en_US",
      "“en_US” is not a language tag. Enter one such as en-US or fr, whose language is in "
      "ISO 639." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message =
        attest_request_problem_dup_message (cases[i].field, cases[i].problem, cases[i].value,
                                            strlen (cases[i].value));

      g_assert_cmpint (check (cases[i].field, cases[i].value), ==, cases[i].problem);
      g_assert_cmpstr (message, ==, cases[i].expected);
    }

  {
    /* A value that is not UTF-8 is shown, not passed on. */
    g_autofree char *message =
      attest_request_problem_dup_message (ATTEST_REQUEST_FIELD_COUNTRY,
                                          ATTEST_REQUEST_PROBLEM_INVALID, "F\xff", 2);

    g_assert_true (g_utf8_validate (message, -1, NULL));
    g_assert_nonnull (strstr (message, "F\xef\xbf\xbd"));
  }
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);
  setlocale (LC_ALL, "C.UTF-8");

  g_test_add_func ("/iso-codes/threads", test_threads);
  g_test_add_func ("/iso-codes/every-country", test_every_country);
  g_test_add_func ("/iso-codes/not-countries", test_not_countries);
  g_test_add_func ("/iso-codes/every-language", test_every_language);
  g_test_add_func ("/iso-codes/language-tags", test_language_tags);
  g_test_add_func ("/iso-codes/names-in-french", test_names_in_french);
  g_test_add_func ("/iso-codes/names-in-turkish", test_names_in_turkish);
  g_test_add_func ("/iso-codes/request-fields", test_request_fields);
  g_test_add_func ("/iso-codes/request-messages", test_request_messages);

  return g_test_run ();
}
