/* attest-validation.c: the rules a record must pass before it is sent
 * (SPEC §4.3)
 *
 * These run once per field of a million-row file, so they work on
 * (text, length) slices of the mapped file and allocate nothing on the
 * common path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-validation"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "attest-bytes.h"
#include "attest-iso-codes.h"
#include "attest-validation.h"

#define MAX_NAME_CHARS  256
#define MAX_EMAIL_CHARS 254
#define MIN_PHONE_DIGITS 4
#define MAX_PHONE_DIGITS 25

G_DEFINE_QUARK (attest-validation-error-quark, attest_validation_error)

#define BYTES(b) (G_GUINT64_CONSTANT (0x0101010101010101) * (b))
/* Whether any byte of @v is zero, or less than @n (at most 0x80): exact
 * about whether there is one, not about which. */
#define HAS_ZERO(v) (((v) - BYTES (0x01)) & ~(v) & BYTES (0x80))
#define HAS_LESS(v, n) (((v) - BYTES (n)) & ~(v) & BYTES (0x80))

/* Accepts exactly the 8-4-4-4-12 form, in either case. */
gboolean
attest_guid_parse (const char *text,
                   gsize       len,
                   AttestGuid *guid)
{
  guint8 bytes[16];

  if (len != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-')
    return FALSE;

  if (!attest_bytes_parse_guid_hex (text, bytes))
    return FALSE;

  if (guid != NULL)
    {
      memcpy (&guid->high, bytes, 8);
      memcpy (&guid->low, bytes + 8, 8);
      guid->high = GUINT64_FROM_BE (guid->high);
      guid->low = GUINT64_FROM_BE (guid->low);
    }

  return TRUE;
}

static void
trim (const char **text,
      gsize       *len)
{
  while (*len > 0 && ((*text)[0] == ' ' || (*text)[0] == '\t'))
    {
      (*text)++;
      (*len)--;
    }
  while (*len > 0 && ((*text)[*len - 1] == ' ' || (*text)[*len - 1] == '\t'))
    (*len)--;
}

static gboolean
ascii_equal_nocase (const char *text,
                    gsize       len,
                    const char *word)
{
  gsize n = strlen (word);

  return n == len && g_ascii_strncasecmp (text, word, len) == 0;
}

/* PartnerAttestationCompleted as people and spreadsheets write it (SPEC
 * §4.2): English words and digits, a cross, and Excel's localized booleans. */
AttestBoolean
attest_boolean_parse (const char *text,
                      gsize       len)
{
  static const char * const true_words[] = {
    "true", "1", "yes", "y", "x", "vrai", "wahr", "verdadero", "vero", "waar", NULL
  };
  static const char * const false_words[] = {
    "false", "0", "no", "n", "faux", "falsch", "falso", "onwaar", NULL
  };
  /* Case-folded forms of Turkish Excel's DOĞRU and YANLIŞ, whichever way
   * the dotted and dotless i were folded. */
  static const char * const true_folded[] = { "doğru", NULL };
  static const char * const false_folded[] = { "yanlış", "yanliş", NULL };
  g_autofree char *folded = NULL;

  trim (&text, &len);
  if (len == 0)
    return ATTEST_BOOLEAN_FALSE;
  /* What Microsoft's tool writes, on every row of a large file. */
  if (len == 5 && memcmp (text, "False", 5) == 0)
    return ATTEST_BOOLEAN_FALSE;
  if (len == 4 && memcmp (text, "True", 4) == 0)
    return ATTEST_BOOLEAN_TRUE;

  for (guint i = 0; true_words[i] != NULL; i++)
    {
      if (ascii_equal_nocase (text, len, true_words[i]))
        return ATTEST_BOOLEAN_TRUE;
    }
  for (guint i = 0; false_words[i] != NULL; i++)
    {
      if (ascii_equal_nocase (text, len, false_words[i]))
        return ATTEST_BOOLEAN_FALSE;
    }

  if (len > 16 || !g_utf8_validate_len (text, len, NULL))
    return ATTEST_BOOLEAN_INVALID;

  folded = g_utf8_casefold (text, len);
  if (g_strv_contains (true_folded, folded))
    return ATTEST_BOOLEAN_TRUE;
  if (g_strv_contains (false_folded, folded))
    return ATTEST_BOOLEAN_FALSE;

  return ATTEST_BOOLEAN_INVALID;
}

/* Whether any byte of the eight in @v is a C0 control character or DEL, or
 * a space when @space_mask is all ones. Exact for any bytes: a byte of 0x80
 * or more matches none of the tests. */
static inline guint64
word_has_bad_ascii (guint64 v,
                    guint64 space_mask)
{
  return HAS_LESS (v, 0x20)
         | HAS_ZERO (v ^ BYTES (0x7f))
         | (HAS_ZERO (v ^ BYTES (' ')) & space_mask);
}

/* The last 1 to 7 bytes of a text as a word, padded with a letter. */
static inline guint64
load_tail (const char *p,
           gsize       n)
{
  guint8 bytes[8];
  gsize k = 0;
  guint64 v;

  memset (bytes, 'a', 8);
  if (n & 4)
    {
      memcpy (bytes, p, 4);
      k = 4;
    }
  if (n & 2)
    {
      memcpy (bytes + k, p + k, 2);
      k += 2;
    }
  if (n & 1)
    bytes[k] = (guint8) p[k];
  memcpy (&v, bytes, 8);

  return v;
}

/* Whether the character @u, beyond ASCII, is one a name or an email must
 * not hold: a C1 control, a format character, or white space when
 * @space_is_bad. Latin, Greek and Cyrillic letters are answered without a
 * table lookup. */
static inline gboolean
unichar_is_bad (gunichar u,
                gboolean space_is_bad)
{
  if (u > 0xa0 && u < 0x600 && u != 0xad)
    return FALSE;

  return g_unichar_iscntrl (u) || (space_is_bad && g_unichar_isspace (u)) ||
         g_unichar_type (u) == G_UNICODE_FORMAT;
}

/* Counts the characters of valid UTF-8 and tells whether any is a control
 * character (C0, DEL or C1) or, when @space_is_bad, white space. */
static gsize
scan_characters (const char *text,
                 gsize       len,
                 gboolean    space_is_bad,
                 gboolean   *bad)
{
  guint64 space_mask = space_is_bad ? G_MAXUINT64 : 0;
  guint64 high = 0;
  guint64 found = 0;
  gsize n_chars = 0;
  gsize i = 0;

  /* Nearly every name and email is ASCII: check those eight bytes at a
   * time. The last few are padded with a letter. */
  for (; i + 8 <= len; i += 8)
    {
      guint64 v;

      memcpy (&v, text + i, 8);
      high |= v;
      found |= word_has_bad_ascii (v, space_mask);
    }
  if (i < len)
    {
      guint64 v = load_tail (text + i, len - i);

      high |= v;
      found |= word_has_bad_ascii (v, space_mask);
    }
  *bad = found != 0;
  if ((high & BYTES (0x80)) == 0)
    return len;

  /* Beyond ASCII: ASCII bytes were checked above, the other characters are
   * decoded here. */
  for (i = 0; i < len; n_chars++)
    {
      guchar c = (guchar) text[i];
      gunichar u;

      if (i + 8 <= len)
        {
          guint64 v;
          guint ascii;

          /* Skip the ASCII bytes before the next that is not. */
          memcpy (&v, text + i, 8);
          v = GUINT64_FROM_LE (v) & BYTES (0x80);
          ascii = v == 0 ? 8 : (guint) __builtin_ctzll (v) / 8;
          if (ascii > 0)
            {
              i += ascii;
              n_chars += ascii - 1;
              continue;
            }
        }
      else if (c < 0x80)
        {
          i++;
          continue;
        }
      if (c >= 0xc2 && c < 0xe0 && i + 1 < len && ((guchar) text[i + 1] & 0xc0) == 0x80)
        {
          u = (gunichar) (c & 0x1f) << 6 | ((guchar) text[i + 1] & 0x3f);
          i += 2;
        }
      else
        {
          const char *p = text + i;

          u = g_utf8_get_char_validated (p, len - i);
          if (u == (gunichar) -1 || u == (gunichar) -2)
            {
              *bad = TRUE;
              i++;
              continue;
            }
          i = g_utf8_next_char (p) - text;
        }
      if (unichar_is_bad (u, space_is_bad))
        *bad = TRUE;
    }

  return n_chars;
}

guint32
attest_validate_name (const char *text,
                      gsize       len,
                      gboolean    last_name)
{
  guint32 problems = 0;
  gboolean control;

  trim (&text, &len);
  if (len == 0)
    return ATTEST_PROBLEM_BIT (last_name ? ATTEST_PROBLEM_LAST_NAME_EMPTY
                                         : ATTEST_PROBLEM_FIRST_NAME_EMPTY);

  if (scan_characters (text, len, FALSE, &control) > MAX_NAME_CHARS)
    problems |= ATTEST_PROBLEM_BIT (last_name ? ATTEST_PROBLEM_LAST_NAME_TOO_LONG
                                              : ATTEST_PROBLEM_FIRST_NAME_TOO_LONG);
  if (control)
    problems |= ATTEST_PROBLEM_BIT (last_name ? ATTEST_PROBLEM_LAST_NAME_CONTROL
                                              : ATTEST_PROBLEM_FIRST_NAME_CONTROL);

  return problems;
}

/* The practical subset of RFC 5321 that Partner Center accepts. */
guint32
attest_validate_email (const char *text,
                       gsize       len)
{
  guint32 problems = 0;
  const char *at = NULL;
  guint n_at = 0;
  gboolean bad_char;
  const char *domain;
  gsize domain_len;
  gboolean has_dot = FALSE;
  gboolean empty_label = FALSE;

  {
    const char *trimmed = text;
    gsize trimmed_len = len;

    trim (&trimmed, &trimmed_len);
    if (trimmed_len == 0)
      return ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_EMAIL_EMPTY);
  }

  if (scan_characters (text, len, TRUE, &bad_char) > MAX_EMAIL_CHARS)
    problems |= ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_EMAIL_TOO_LONG);
  if (bad_char)
    problems |= ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_EMAIL_SPACE);

  at = memchr (text, '@', len);
  if (at != NULL)
    n_at = 1 + (memchr (at + 1, '@', len - (gsize) (at + 1 - text)) != NULL);
  if (n_at != 1)
    return problems | ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_EMAIL_AT_SIGN);

  if (at == text)
    problems |= ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_EMAIL_LOCAL_PART);

  domain = at + 1;
  domain_len = len - (gsize) (domain - text);
  if (domain_len == 0 || domain[0] == '.' || domain[domain_len - 1] == '.')
    empty_label = TRUE;
  for (gsize i = 0; i < domain_len; i++)
    {
      if (domain[i] == '.')
        {
          has_dot = TRUE;
          if (i + 1 < domain_len && domain[i + 1] == '.')
            empty_label = TRUE;
        }
    }
  if (!has_dot || empty_label)
    problems |= ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_EMAIL_DOMAIN);

  return problems;
}

/* Digits, spaces, + - ( ) . and an optional extension: x, ext or ext.
 * followed by digits; 4 to 25 digits in all. Empty is fine: it is optional. */
guint32
attest_validate_phone (const char *text,
                       gsize       len)
{
  guint n_digits = 0;
  gsize i = 0;

  trim (&text, &len);
  if (len == 0)
    return 0;

  for (; i < len; i++)
    {
      char c = text[i];

      if (g_ascii_isdigit (c))
        n_digits++;
      else if (c == ' ' || c == '+' || c == '-' || c == '(' || c == ')' || c == '.')
        continue;
      else
        break;
    }

  if (i < len)
    {
      guint n_extension = 0;

      if (len - i >= 4 && g_ascii_strncasecmp (text + i, "ext.", 4) == 0)
        i += 4;
      else if (len - i >= 3 && g_ascii_strncasecmp (text + i, "ext", 3) == 0)
        i += 3;
      else if (text[i] == 'x' || text[i] == 'X')
        i += 1;
      else
        return ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_PHONE_CHARACTERS);

      while (i < len && text[i] == ' ')
        i++;
      for (; i < len && g_ascii_isdigit (text[i]); i++)
        n_extension++;
      if (i < len || n_extension == 0)
        return ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_PHONE_CHARACTERS);
      n_digits += n_extension;
    }

  if (n_digits < MIN_PHONE_DIGITS || n_digits > MAX_PHONE_DIGITS)
    return ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_PHONE_DIGITS);

  return 0;
}

/* Validates the contact of a record; sets *has_guid and *guid when the
 * tenant ID is a GUID, for the duplicate check. */
guint32
attest_validate_contact (const AttestContactFields *fields,
                         AttestGuid                *guid,
                         gboolean                  *has_guid)
{
  guint32 problems = 0;

  *has_guid = attest_guid_parse (fields->tenant_id, fields->tenant_id_len, guid);
  if (!*has_guid)
    {
      const char *id = fields->tenant_id;
      gsize id_len = fields->tenant_id_len;

      trim (&id, &id_len);
      problems |= ATTEST_PROBLEM_BIT (id_len == 0 ? ATTEST_PROBLEM_TENANT_ID_EMPTY
                                                  : ATTEST_PROBLEM_TENANT_ID_NOT_GUID);
    }

  problems |= attest_validate_name (fields->first_name, fields->first_name_len, FALSE);
  problems |= attest_validate_name (fields->last_name, fields->last_name_len, TRUE);
  problems |= attest_validate_email (fields->email, fields->email_len);
  problems |= attest_validate_phone (fields->phone, fields->phone_len);

  return problems;
}

static const char * const request_columns[ATTEST_N_REQUEST_FIELDS] = {
  "CompanyName", "Country", "Language",
};

/* The column of @field in a partner's CSV file and in the links file. */
const char *
attest_request_field_get_column (AttestRequestField field)
{
  g_return_val_if_fail (field < ATTEST_N_REQUEST_FIELDS, NULL);

  return request_columns[field];
}

/* Which field the column @column is, its name compared as the header of a
 * CSV file is: ignoring case. */
gboolean
attest_request_field_from_column (const char         *column,
                                  AttestRequestField *field)
{
  for (guint f = 0; column != NULL && f < ATTEST_N_REQUEST_FIELDS; f++)
    {
      if (g_ascii_strcasecmp (column, request_columns[f]) == 0)
        {
          if (field != NULL)
            *field = f;
          return TRUE;
        }
    }

  return FALSE;
}

/* Checks a value of @field as it would be sent (SPEC §13 "Request"): a
 * company name that is not empty and has no control characters; a country
 * as an upper-case ISO 3166-1 alpha-2 code exactly as given, never mapped or
 * guessed; a language as a well-formed BCP 47 tag of an ISO 639 language.
 * Empty, or only white space, is MISSING. */
AttestRequestProblem
attest_validate_request_field (AttestRequestField  field,
                               const char         *text,
                               gsize               len)
{
  const char *trimmed = text;
  gsize trimmed_len = len;
  gboolean control = FALSE;
  char code[256];

  g_return_val_if_fail (field < ATTEST_N_REQUEST_FIELDS, ATTEST_REQUEST_PROBLEM_INVALID);

  trim (&trimmed, &trimmed_len);
  if (trimmed_len == 0)
    return ATTEST_REQUEST_PROBLEM_MISSING;

  if (field == ATTEST_REQUEST_FIELD_COMPANY_NAME)
    {
      scan_characters (text, len, FALSE, &control);
      return control ? ATTEST_REQUEST_PROBLEM_CONTROL : ATTEST_REQUEST_PROBLEM_NONE;
    }

  /* Codes and tags are short: anything longer, or holding a NUL, is none. */
  if (len >= sizeof code || memchr (text, '\0', len) != NULL)
    return ATTEST_REQUEST_PROBLEM_INVALID;
  memcpy (code, text, len);
  code[len] = '\0';

  if (field == ATTEST_REQUEST_FIELD_COUNTRY)
    return attest_country_code_is_valid (code) ? ATTEST_REQUEST_PROBLEM_NONE
                                               : ATTEST_REQUEST_PROBLEM_INVALID;

  return attest_language_tag_is_valid (code) ? ATTEST_REQUEST_PROBLEM_NONE
                                             : ATTEST_REQUEST_PROBLEM_INVALID;
}

/* A sentence a partner understands about @problem of the value @text of
 * @field: what is wrong and what to write. The caller names the row and the
 * column, as `attest check` does. */
char *
attest_request_problem_dup_message (AttestRequestField    field,
                                    AttestRequestProblem  problem,
                                    const char           *text,
                                    gsize                 len)
{
  g_autofree char *value = g_utf8_make_valid (text != NULL ? text : "", text != NULL ? len : 0);

  g_return_val_if_fail (field < ATTEST_N_REQUEST_FIELDS, NULL);
  g_return_val_if_fail (problem != ATTEST_REQUEST_PROBLEM_NONE, NULL);

  switch (field)
    {
    case ATTEST_REQUEST_FIELD_COMPANY_NAME:
      if (problem == ATTEST_REQUEST_PROBLEM_MISSING)
        return g_strdup (_("The company name is empty. Enter the customer’s company name as it "
                           "should appear on the agreement."));
      return g_strdup (_("The company name contains invisible control characters. Retype it."));

    case ATTEST_REQUEST_FIELD_COUNTRY:
      if (problem == ATTEST_REQUEST_PROBLEM_MISSING)
        return g_strdup (_("The country is empty. Enter the customer’s country as its ISO 3166-1 "
                           "code in two capital letters, such as FR."));
      /* Translators: %s is the value as the file or the billing profile gave it. */
      return g_strdup_printf (_("“%s” is not a country code. Enter the ISO 3166-1 code in two "
                                "capital letters, such as FR; names and other spellings are "
                                "not read."), value);

    case ATTEST_REQUEST_FIELD_LANGUAGE:
    default:
      if (problem == ATTEST_REQUEST_PROBLEM_MISSING)
        return g_strdup (_("The language is empty. Enter the language of the agreement as a "
                           "language tag, such as en-US or fr."));
      /* Translators: %s is the value as the file or the billing profile gave it. */
      return g_strdup_printf (_("“%s” is not a language tag. Enter one such as en-US or fr, "
                                "whose language is in ISO 639."), value);
    }
}

static gboolean
is_number (const char *text,
           gsize       len)
{
  gsize i = 0;
  guint n_digits = 0;

  if (i < len && (text[i] == '+' || text[i] == '-'))
    i++;
  for (; i < len && g_ascii_isdigit (text[i]); i++)
    n_digits++;
  if (i < len && (text[i] == '.' || text[i] == ','))
    {
      for (i++; i < len && g_ascii_isdigit (text[i]); i++)
        n_digits++;
    }
  if (n_digits > 0 && i < len && (text[i] == 'e' || text[i] == 'E'))
    {
      guint n_exponent = 0;

      i++;
      if (i < len && (text[i] == '+' || text[i] == '-'))
        i++;
      for (; i < len && g_ascii_isdigit (text[i]); i++)
        n_exponent++;
      if (n_exponent == 0)
        return FALSE;
    }

  return n_digits > 0 && i == len;
}

static gboolean
is_formula (const char *text,
            gsize       len)
{
  if (len == 0)
    return FALSE;

  switch (text[0])
    {
    case '=':
    case '@':
    case '\t':
    case '\r':
      return TRUE;
    case '+':
    case '-':
      return !is_number (text, len) && attest_validate_phone (text, len) != 0;
    default:
      return FALSE;
    }
}

/* Whether export writes the cell with a leading `'` (SPEC §4.2). A cell that
 * already starts with `'` in front of what would be neutralized gets one
 * too, so that import, which removes exactly one, gives it back unchanged. */
gboolean
attest_cell_needs_neutralizing (const char *text,
                                gsize       len)
{
  gsize i = 0;

  while (i < len && text[i] == '\'')
    i++;

  return is_formula (text + i, len - i);
}

/* The number of bytes (0 or 1) import removes from the start of a cell. */
gsize
attest_cell_neutralized_prefix (const char *text,
                                gsize       len)
{
  if (len > 0 && text[0] == '\'' && attest_cell_needs_neutralizing (text + 1, len - 1))
    return 1;

  return 0;
}

/* LastAgreementDate as Microsoft's tool writes it from the fetch's
 * lastAgreementDateEpoch: `yyyy-MM-dd HH:mm:ss` UTC, empty for 0. */
char *
attest_format_agreement_epoch (gint64 epoch)
{
  g_autoptr(GDateTime) time = NULL;
  char digits[32];

  if (epoch == 0)
    return g_strdup ("");

  g_snprintf (digits, sizeof digits, "%" G_GINT64_FORMAT, epoch);
  if (strlen (digits + (epoch < 0 ? 1 : 0)) > 10)
    epoch = epoch / 1000 - (epoch % 1000 < 0 ? 1 : 0);

  time = g_date_time_new_from_unix_utc (epoch);
  if (time == NULL)
    return g_strdup ("");

  return g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
}

/* Whether @text is written YYYY-MM-DD; its numbers, which may name no day. */
static gboolean
parse_iso_date (const char *text,
                int        *year,
                int        *month,
                int        *day)
{
  static const guint digit_positions[] = { 0, 1, 2, 3, 5, 6, 8, 9 };

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (digit_positions); i++)
    {
      if (!g_ascii_isdigit (text[digit_positions[i]]))
        return FALSE;
    }

  *year = atoi (text);
  *month = atoi (text + 5);
  *day = atoi (text + 8);

  return TRUE;
}

/* The date agreed of a run (SPEC §4.3): YYYY-MM-DD, not after today in UTC.
 * @now is the current time (NULL for the clock). */
GDate *
attest_date_agreed_parse (const char  *text,
                          GDateTime   *now,
                          GError     **error)
{
  g_autoptr(GDateTime) clock = NULL;
  g_autoptr(GDateTime) now_utc = NULL;
  g_autoptr(GDate) today = NULL;
  g_autoptr(GDate) date = NULL;
  int year, month, day;

  g_return_val_if_fail (text != NULL, NULL);

  if (!parse_iso_date (text, &year, &month, &day))
    {
      g_set_error (error, ATTEST_VALIDATION_ERROR, ATTEST_VALIDATION_ERROR_DATE_FORMAT,
                   _("The date agreed “%s” is not a date written YYYY-MM-DD, "
                     "such as 2024-05-31."),
                   text);
      return NULL;
    }

  /* Written right, but 2026-02-30 or 2026-13-01 is no day at all. */
  if (year < 1 || !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, ATTEST_VALIDATION_ERROR, ATTEST_VALIDATION_ERROR_DATE_NO_SUCH_DAY,
                   _("There is no such day as %s: check the month and the day."), text);
      return NULL;
    }

  if (now == NULL)
    now = clock = g_date_time_new_now_utc ();
  now_utc = g_date_time_to_utc (now);
  today = g_date_new_dmy (g_date_time_get_day_of_month (now_utc),
                          g_date_time_get_month (now_utc),
                          g_date_time_get_year (now_utc));
  date = g_date_new_dmy (day, month, year);
  if (g_date_compare (date, today) > 0)
    {
      char today_text[16];

      g_date_strftime (today_text, sizeof today_text, "%Y-%m-%d", today);
      g_set_error (error, ATTEST_VALIDATION_ERROR, ATTEST_VALIDATION_ERROR_DATE_FUTURE,
                   _("The date agreed %s is in the future: today is %s in UTC. "
                     "Use today’s date or an earlier one."),
                   text, today_text);
      return NULL;
    }

  return g_steal_pointer (&date);
}
