/* test-validation.c: the rules of SPEC §4.3, each with its message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-test-init.h"
#include "attest-validation.h"

#define BIT ATTEST_PROBLEM_BIT

static void
test_guid (void)
{
  AttestGuid a, b;

  g_assert_true (attest_guid_parse ("0b1f3c6e-2a4d-4c8e-9f10-3d2e1a0b9c01", 36, &a));
  g_assert_true (attest_guid_parse ("0B1F3C6E-2A4D-4C8E-9F10-3D2E1A0B9C01", 36, &b));
  g_assert_true (a.high == b.high && a.low == b.low);
  g_assert_true (a.high == G_GUINT64_CONSTANT (0x0b1f3c6e2a4d4c8e));
  g_assert_true (a.low == G_GUINT64_CONSTANT (0x9f103d2e1a0b9c01));

  g_assert_false (attest_guid_parse ("0b1f3c6e-2a4d-4c8e-9f10-3d2e1a0b9c0", 35, NULL));
  g_assert_false (attest_guid_parse ("{0b1f3c6e-2a4d-4c8e-9f10-3d2e1a0b9c01}", 38, NULL));
  g_assert_false (attest_guid_parse ("0b1f3c6e-2a4d-4c8e-9f10-3d2e1a0b9cg1", 36, NULL));
  g_assert_false (attest_guid_parse ("0b1f3c6e02a4d-4c8e-9f10-3d2e1a0b9c01", 36, NULL));
  g_assert_false (attest_guid_parse (" b1f3c6e-2a4d-4c8e-9f10-3d2e1a0b9c01", 36, NULL));

  /* Every byte, in every digit position: only hexadecimal digits pass, and
   * each gives its value. */
  for (guint position = 0; position < 36; position++)
    {
      if (position == 8 || position == 13 || position == 18 || position == 23)
        continue;
      for (guint c = 0; c < 256; c++)
        {
          char text[37] = "00000000-0000-0000-0000-000000000000";
          gboolean hex = g_ascii_isxdigit (c);
          guint digit = position - (position > 8) - (position > 13) - (position > 18) -
                        (position > 23);

          text[position] = (char) c;
          g_assert_cmpint (attest_guid_parse (text, 36, &a), ==, hex);
          if (hex)
            {
              guint64 word = digit < 16 ? a.high : a.low;
              guint shift = 4 * (15 - digit % 16);

              g_assert_cmpuint ((word >> shift) & 0xf, ==, g_ascii_xdigit_value (c));
              g_assert_cmpuint (word & ~(G_GUINT64_CONSTANT (0xf) << shift), ==, 0);
            }
        }
    }
}

/* A control character, DEL, or (in an email) a space, at every place of
 * every length up to 40 bytes: the checks go eight bytes at a time, with
 * the last few padded. */
static void
test_bad_ascii_at_every_place (void)
{
  static const char bad[] = { '\x01', '\x1f', '\n', '\x7f' };

  for (gsize len = 3; len <= 40; len++)
    {
      for (gsize at = 1; at + 1 < len; at++)
        {
          g_autofree char *name = g_strnfill (len, 'n');
          g_autofree char *email = g_strnfill (len + 5, 'e');

          memcpy (email + len, "@b.co", 5);
          g_assert_cmpuint (attest_validate_name (name, len, FALSE), ==, 0);
          g_assert_cmpuint (attest_validate_email (email, len + 5), ==, 0);

          for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
            {
              name[at] = bad[k];
              g_assert_cmpuint (attest_validate_name (name, len, FALSE), ==,
                                BIT (ATTEST_PROBLEM_FIRST_NAME_CONTROL));
              email[at] = bad[k];
              g_assert_cmpuint (attest_validate_email (email, len + 5), ==,
                                BIT (ATTEST_PROBLEM_EMAIL_SPACE));
            }

          /* A space is fine inside a name, not inside an email. */
          name[at] = ' ';
          g_assert_cmpuint (attest_validate_name (name, len, FALSE), ==, 0);
          email[at] = ' ';
          g_assert_cmpuint (attest_validate_email (email, len + 5), ==,
                            BIT (ATTEST_PROBLEM_EMAIL_SPACE));
        }
    }
}

/* Every character beyond ASCII, between letters: a name refuses controls
 * and format characters, an email white space too, exactly as GLib's
 * character tables say; each counts as one character. */
static void
test_characters_beyond_ascii (void)
{
  for (gunichar u = 0x80; u <= 0x10ffff; u++)
    {
      gboolean control = g_unichar_iscntrl (u) || g_unichar_type (u) == G_UNICODE_FORMAT;
      gboolean space = control || g_unichar_isspace (u);
      char name[16] = "Jo";
      char email[16] = "j";
      gsize name_len = 2 + g_unichar_to_utf8 (u, name + 2);
      gsize email_len = 1 + g_unichar_to_utf8 (u, email + 1);

      if (u >= 0xd800 && u <= 0xdfff)
        continue;
      name[name_len++] = 'e';
      memcpy (email + email_len, "@b.co", 5);
      email_len += 5;

      if (attest_validate_name (name, name_len, FALSE) !=
          (control ? BIT (ATTEST_PROBLEM_FIRST_NAME_CONTROL) : 0))
        g_error ("U+%04X in a name: got %x", u, attest_validate_name (name, name_len, FALSE));
      if (attest_validate_email (email, email_len) != (space ? BIT (ATTEST_PROBLEM_EMAIL_SPACE) : 0))
        g_error ("U+%04X in an email: got %x", u, attest_validate_email (email, email_len));
    }
}

/* Characters of two bytes at every place of names up to 24 bytes, across
 * the eight-byte words the check reads: letters pass, a C1 control or a
 * broken sequence does not, and a no-break space only in a name. */
static void
test_two_bytes_at_every_place (void)
{
  static const struct
  {
    const char *bytes;
    gboolean    in_name;   /* fine in a name */
    gboolean    in_email;  /* fine in an email */
  } cases[] = {
    { "\xc3\xa9", TRUE, TRUE },    /* é */
    { "\xd0\x96", TRUE, TRUE },    /* Ж */
    { "\xd7\xaa", TRUE, TRUE },    /* ת, the last lead byte of the quick way */
    { "\xc2\x85", FALSE, FALSE },  /* NEXT LINE, a C1 control */
    { "\xc2\xa0", TRUE, FALSE },   /* no-break space */
    { "\xc3" "a", FALSE, FALSE },   /* a lead byte without its second byte */
    { "\xa9" "a", FALSE, FALSE },   /* a second byte without its lead */
    { "\xc3\xa9\xa9", FALSE, FALSE },
  };

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      for (gsize at = 1; at < 24; at++)
        {
          g_autoptr(GString) name = g_string_new (NULL);
          g_autoptr(GString) email = g_string_new (NULL);
          guint32 name_problems, email_problems;

          for (gsize i = 0; i < at; i++)
            g_string_append_c (name, 'n');
          g_string_append (name, cases[k].bytes);
          g_string_append (name, "n");
          g_string_append_len (email, name->str, name->len);
          g_string_append (email, "@b.co");

          name_problems = attest_validate_name (name->str, name->len, FALSE);
          email_problems = attest_validate_email (email->str, email->len);
          if (name_problems != (cases[k].in_name ? 0 : BIT (ATTEST_PROBLEM_FIRST_NAME_CONTROL)) ||
              email_problems != (cases[k].in_email ? 0 : BIT (ATTEST_PROBLEM_EMAIL_SPACE)))
            g_error ("case %u at %" G_GSIZE_FORMAT ": name %x, email %x", k, at, name_problems,
                     email_problems);
        }
    }
}

static guint32
contact_problems (const char *id,
                  const char *first,
                  const char *last,
                  const char *email,
                  const char *phone)
{
  AttestContactFields fields = {
    id, strlen (id), first, strlen (first), last, strlen (last),
    email, strlen (email), phone, strlen (phone),
  };
  AttestGuid guid;
  gboolean has_guid;

  return attest_validate_contact (&fields, &guid, &has_guid);
}

static void
test_tenant_id (void)
{
  g_assert_cmpuint (contact_problems ("0b1f3c6e-2a4d-4c8e-9f10-3d2e1a0b9c01", "A", "B", "a@b.co", ""),
                    ==, 0);
  g_assert_cmpuint (contact_problems ("", "A", "B", "a@b.co", ""), ==,
                    BIT (ATTEST_PROBLEM_TENANT_ID_EMPTY));
  g_assert_cmpuint (contact_problems ("   ", "A", "B", "a@b.co", ""), ==,
                    BIT (ATTEST_PROBLEM_TENANT_ID_EMPTY));
  g_assert_cmpuint (contact_problems ("contoso", "A", "B", "a@b.co", ""), ==,
                    BIT (ATTEST_PROBLEM_TENANT_ID_NOT_GUID));
}

static void
test_names (void)
{
  g_autoptr(GString) long_name = g_string_new (NULL);

  g_assert_cmpuint (attest_validate_name ("Jane", 4, FALSE), ==, 0);
  g_assert_cmpuint (attest_validate_name (" Ana ", 5, FALSE), ==, 0);
  g_assert_cmpuint (attest_validate_name ("Ayşe Nur", strlen ("Ayşe Nur"), FALSE), ==, 0);
  g_assert_cmpuint (attest_validate_name ("", 0, FALSE), ==, BIT (ATTEST_PROBLEM_FIRST_NAME_EMPTY));
  g_assert_cmpuint (attest_validate_name (" \t ", 3, TRUE), ==, BIT (ATTEST_PROBLEM_LAST_NAME_EMPTY));
  g_assert_cmpuint (attest_validate_name ("Ja\x01ne", 5, FALSE), ==,
                    BIT (ATTEST_PROBLEM_FIRST_NAME_CONTROL));
  g_assert_cmpuint (attest_validate_name ("Do\ne", 4, TRUE), ==,
                    BIT (ATTEST_PROBLEM_LAST_NAME_CONTROL));
  /* C1 controls (U+0085) and DEL count too. */
  g_assert_cmpuint (attest_validate_name ("Do\xc2\x85" "e", 5, TRUE), ==,
                    BIT (ATTEST_PROBLEM_LAST_NAME_CONTROL));
  g_assert_cmpuint (attest_validate_name ("Do\x7f", 3, TRUE), ==,
                    BIT (ATTEST_PROBLEM_LAST_NAME_CONTROL));

  /* 256 characters are fine, 257 are not; characters, not bytes. */
  for (guint i = 0; i < 256; i++)
    g_string_append (long_name, "é");
  g_assert_cmpuint (attest_validate_name (long_name->str, long_name->len, FALSE), ==, 0);
  g_string_append_c (long_name, 'e');
  g_assert_cmpuint (attest_validate_name (long_name->str, long_name->len, FALSE), ==,
                    BIT (ATTEST_PROBLEM_FIRST_NAME_TOO_LONG));
  g_assert_cmpuint (attest_validate_name (long_name->str, long_name->len, TRUE), ==,
                    BIT (ATTEST_PROBLEM_LAST_NAME_TOO_LONG));
}

static void
test_email (void)
{
  static const struct
  {
    const char *email;
    guint32     problems;
  } cases[] = {
    { "jane@contoso.com", 0 },
    { "jane.doe+tag@mail.contoso.co.uk", 0 },
    { "élodie@exemple.fr", 0 },
    { "", BIT (ATTEST_PROBLEM_EMAIL_EMPTY) },
    { "  ", BIT (ATTEST_PROBLEM_EMAIL_EMPTY) },
    { "jane.contoso.com", BIT (ATTEST_PROBLEM_EMAIL_AT_SIGN) },
    { "jane@doe@contoso.com", BIT (ATTEST_PROBLEM_EMAIL_AT_SIGN) },
    { "@contoso.com", BIT (ATTEST_PROBLEM_EMAIL_LOCAL_PART) },
    { "jane@contoso", BIT (ATTEST_PROBLEM_EMAIL_DOMAIN) },
    { "jane@", BIT (ATTEST_PROBLEM_EMAIL_DOMAIN) },
    { "jane@.contoso.com", BIT (ATTEST_PROBLEM_EMAIL_DOMAIN) },
    { "jane@contoso..com", BIT (ATTEST_PROBLEM_EMAIL_DOMAIN) },
    { "jane@contoso.com.", BIT (ATTEST_PROBLEM_EMAIL_DOMAIN) },
    { "jane doe@contoso.com", BIT (ATTEST_PROBLEM_EMAIL_SPACE) },
    { " jane@contoso.com", BIT (ATTEST_PROBLEM_EMAIL_SPACE) },
    { "jane@contoso.com\t", BIT (ATTEST_PROBLEM_EMAIL_SPACE) },
    { "jane\xc2\xa0@contoso.com", BIT (ATTEST_PROBLEM_EMAIL_SPACE) },
    { "jane\xe2\x80\x8b@contoso.com", BIT (ATTEST_PROBLEM_EMAIL_SPACE) },
  };
  g_autoptr(GString) long_email = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint32 problems = attest_validate_email (cases[i].email, strlen (cases[i].email));

      if (problems != cases[i].problems)
        g_error ("“%s”: got %x, expected %x", cases[i].email, problems, cases[i].problems);
    }

  g_string_append (long_email, "a@");
  while (long_email->len < 250)
    g_string_append (long_email, "b");
  g_string_append (long_email, ".com");
  g_assert_cmpuint (long_email->len, ==, 254);
  g_assert_cmpuint (attest_validate_email (long_email->str, long_email->len), ==, 0);
  g_string_insert_c (long_email, 0, 'a');
  g_assert_cmpuint (attest_validate_email (long_email->str, long_email->len), ==,
                    BIT (ATTEST_PROBLEM_EMAIL_TOO_LONG));
}

static void
test_phone (void)
{
  static const struct
  {
    const char *phone;
    guint32     problems;
  } cases[] = {
    { "", 0 },
    { "   ", 0 },
    { "4255550100", 0 },
    { "+33 1 23 45 67 89", 0 },
    { "+1 (425) 555-0100", 0 },
    { "425.555.0100", 0 },
    { "1234", 0 },
    { "+1 425 555 0100 x12", 0 },
    { "+1 425 555 0100 ext 12", 0 },
    { "+1 425 555 0100 ext.12", 0 },
    { "+1 425 555 0100 EXT. 12", 0 },
    { "1234567890123456789012345", 0 },
    { "123", BIT (ATTEST_PROBLEM_PHONE_DIGITS) },
    { "12345678901234567890123456", BIT (ATTEST_PROBLEM_PHONE_DIGITS) },
    { "123 x 45678901234567890123456", BIT (ATTEST_PROBLEM_PHONE_DIGITS) },
    { "+1 425 CALL NOW", BIT (ATTEST_PROBLEM_PHONE_CHARACTERS) },
    { "4255550100 x", BIT (ATTEST_PROBLEM_PHONE_CHARACTERS) },
    { "4255550100 ext 12a", BIT (ATTEST_PROBLEM_PHONE_CHARACTERS) },
    { "425/555/0100", BIT (ATTEST_PROBLEM_PHONE_CHARACTERS) },
    { "=1+1", BIT (ATTEST_PROBLEM_PHONE_CHARACTERS) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint32 problems = attest_validate_phone (cases[i].phone, strlen (cases[i].phone));

      if (problems != cases[i].problems)
        g_error ("“%s”: got %x, expected %x", cases[i].phone, problems, cases[i].problems);
    }
}

/* Every problem has a sentence that names its field, and the field the
 * report attaches it to. */
static void
test_messages (void)
{
  static const struct
  {
    AttestProblem  problem;
    const char    *column;
    const char    *words;
  } cases[] = {
    { ATTEST_PROBLEM_TENANT_ID_EMPTY, "CustomerTenantId", "customer tenant ID is empty" },
    { ATTEST_PROBLEM_TENANT_ID_NOT_GUID, "CustomerTenantId", "customer tenant ID is not a valid ID" },
    { ATTEST_PROBLEM_TENANT_ID_DUPLICATE, "CustomerTenantId", "more than one row" },
    { ATTEST_PROBLEM_FIRST_NAME_EMPTY, "FirstName", "first name is empty" },
    { ATTEST_PROBLEM_FIRST_NAME_TOO_LONG, "FirstName", "first name is longer than 256" },
    { ATTEST_PROBLEM_FIRST_NAME_CONTROL, "FirstName", "first name contains invisible" },
    { ATTEST_PROBLEM_LAST_NAME_EMPTY, "LastName", "last name is empty" },
    { ATTEST_PROBLEM_LAST_NAME_TOO_LONG, "LastName", "last name is longer than 256" },
    { ATTEST_PROBLEM_LAST_NAME_CONTROL, "LastName", "last name contains invisible" },
    { ATTEST_PROBLEM_EMAIL_EMPTY, "Email", "email address is empty" },
    { ATTEST_PROBLEM_EMAIL_AT_SIGN, "Email", "exactly one “@”" },
    { ATTEST_PROBLEM_EMAIL_LOCAL_PART, "Email", "nothing before the “@”" },
    { ATTEST_PROBLEM_EMAIL_DOMAIN, "Email", "domain of the email address" },
    { ATTEST_PROBLEM_EMAIL_SPACE, "Email", "email address contains a space" },
    { ATTEST_PROBLEM_EMAIL_TOO_LONG, "Email", "longer than 254" },
    { ATTEST_PROBLEM_PHONE_CHARACTERS, "PhoneNumber", "phone number may only contain" },
    { ATTEST_PROBLEM_PHONE_DIGITS, "PhoneNumber", "between 4 and 25 digits" },
    { ATTEST_PROBLEM_ATTESTED_VALUE, "PartnerAttestationCompleted", "Use True or False" },
    { ATTEST_PROBLEM_TOO_FEW_FIELDS, NULL, "fewer fields than the header" },
    { ATTEST_PROBLEM_TOO_MANY_FIELDS, NULL, "more fields than the header" },
    { ATTEST_PROBLEM_UNCLOSED_QUOTE, NULL, "never closed" },
    { ATTEST_PROBLEM_INVALID_BYTES, NULL, "not valid text" },
    { ATTEST_PROBLEM_COMPANY_NAME_CONTROL, NULL, "company name contains invisible" },
    { ATTEST_PROBLEM_COUNTRY_INVALID, NULL, "not an ISO 3166-1 code" },
    { ATTEST_PROBLEM_LANGUAGE_INVALID, NULL, "not a language tag" },
  };
  /* The optional columns of a request are no record field, but have a
   * column all the same. */
  static const char * const request_columns[] = { "CompanyName", "Country", "Language" };
  g_autofree char *named = NULL;

  g_assert_cmpuint (G_N_ELEMENTS (cases), ==, ATTEST_N_PROBLEMS);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean has_field;
      AttestRecordField field = attest_problem_get_field (cases[i].problem, &has_field);
      const char *message = attest_problem_get_message (cases[i].problem);

      g_assert_cmpint (cases[i].problem, ==, i);
      g_assert_nonnull (strstr (message, cases[i].words));
      g_assert_true (g_str_has_suffix (message, "."));
      if (cases[i].column != NULL)
        {
          g_assert_true (has_field);
          g_assert_cmpstr (attest_record_field_get_column (field), ==, cases[i].column);
          g_assert_cmpstr (attest_problem_get_column (cases[i].problem), ==, cases[i].column);
        }
      else
        g_assert_false (has_field);
      if (cases[i].problem >= ATTEST_PROBLEM_COMPANY_NAME_CONTROL)
        g_assert_cmpstr (attest_problem_get_column (cases[i].problem), ==,
                         request_columns[cases[i].problem - ATTEST_PROBLEM_COMPANY_NAME_CONTROL]);
      else if (cases[i].column == NULL)
        g_assert_null (attest_problem_get_column (cases[i].problem));
    }

  named = attest_problem_dup_message (ATTEST_PROBLEM_INVALID_BYTES, "Notes");
  g_assert_true (g_str_has_prefix (named, "The column “Notes” contains bytes"));
}

static void
test_date_agreed (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 21, 23, 30, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) today = attest_date_agreed_parse ("2026-11-21", now, &error);
  g_autoptr(GDate) past = NULL;
  static const char * const malformed[] = {
    "2026-11-2", "21/11/2026", "2026-11-21T00:00", "", "２０２６-11-21",
  };
  static const char * const no_such_day[] = { "2026-02-30", "2026-13-01", "2026-02-29",
                                              "0000-01-01", "2026-00-10", "2026-04-31" };

  g_assert_no_error (error);
  g_assert_nonnull (today);
  g_assert_cmpint (g_date_get_day (today), ==, 21);

  past = attest_date_agreed_parse ("2024-02-29", now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_get_month (past), ==, G_DATE_FEBRUARY);

  g_assert_null (attest_date_agreed_parse ("2026-11-22", now, &error));
  g_assert_error (error, ATTEST_VALIDATION_ERROR, ATTEST_VALIDATION_ERROR_DATE_FUTURE);
  g_assert_cmpstr (error->message, ==, "The date agreed 2026-11-22 is in the future: today is "
                   "2026-11-21 in UTC. Use today’s date or an earlier one.");
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_assert_null (attest_date_agreed_parse (malformed[i], now, &error));
      g_assert_error (error, ATTEST_VALIDATION_ERROR, ATTEST_VALIDATION_ERROR_DATE_FORMAT);
      g_assert_nonnull (strstr (error->message, "YYYY-MM-DD"));
      g_clear_error (&error);
    }

  /* Written right: the message says so, and names the date. */
  for (guint i = 0; i < G_N_ELEMENTS (no_such_day); i++)
    {
      g_autofree char *expected = g_strdup_printf ("There is no such day as %s: check the month "
                                                   "and the day.", no_such_day[i]);

      g_assert_null (attest_date_agreed_parse (no_such_day[i], now, &error));
      g_assert_error (error, ATTEST_VALIDATION_ERROR, ATTEST_VALIDATION_ERROR_DATE_NO_SUCH_DAY);
      g_assert_cmpstr (error->message, ==, expected);
      g_clear_error (&error);
    }
}

static void
test_agreement_epoch (void)
{
  g_autofree char *none = attest_format_agreement_epoch (0);
  g_autofree char *seconds = attest_format_agreement_epoch (1676332800);
  g_autofree char *milliseconds = attest_format_agreement_epoch (G_GINT64_CONSTANT (1676332800999));
  g_autofree char *ten_digits = attest_format_agreement_epoch (G_GINT64_CONSTANT (9999999999));

  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (seconds, ==, "2023-02-14 00:00:00");
  g_assert_cmpstr (milliseconds, ==, "2023-02-14 00:00:00");
  g_assert_cmpstr (ten_digits, ==, "2286-11-20 17:46:39");
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/validation/guid", test_guid);
  g_test_add_func ("/validation/tenant-id", test_tenant_id);
  g_test_add_func ("/validation/names", test_names);
  g_test_add_func ("/validation/bad-ascii-at-every-place", test_bad_ascii_at_every_place);
  g_test_add_func ("/validation/characters-beyond-ascii", test_characters_beyond_ascii);
  g_test_add_func ("/validation/two-bytes-at-every-place", test_two_bytes_at_every_place);
  g_test_add_func ("/validation/email", test_email);
  g_test_add_func ("/validation/phone", test_phone);
  g_test_add_func ("/validation/messages", test_messages);
  g_test_add_func ("/validation/date-agreed", test_date_agreed);
  g_test_add_func ("/validation/agreement-epoch", test_agreement_epoch);

  return g_test_run ();
}
