/* attest-sandbox-judge.c: the rules an attestation must follow
 *
 * What the sandbox checks of an agreement for a customer, in this order: a
 * known customer, a complete contact with a name and a valid email, a date
 * that is a date and not in the future, and not the same contact as the
 * customer's last attestation (600061). A judge serves one request: it
 * holds the time the request came, which all its agreements are measured
 * against.
 *
 * What it checks of an enhanced attestation, in this order: a country
 * that is an ISO 3166-1 alpha-2 code exactly as the standard writes it
 * (upper case), a language that is a well-formed BCP 47 tag of a known
 * language, a company name, the signatory's names and a valid email. The
 * lists are short: the sandbox only has to refuse what the service
 * refuses, and the codes people send are among them.
 *
 * The answers to a refused agreement are here too, so that every route
 * that creates one refuses it alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-judge"

#include "config.h"

#include <string.h>

#include "attest-sandbox-judge.h"
#include "attest-sandbox-util.h"

struct _AttestSandboxJudge
{
  AttestSandboxCustomers *customers;   /* borrowed */
  GDateTime              *now;
  char                   *date_text;   /* the last dateAgreed read, */
  GDateTime              *date;        /* and what it says */
};

AttestSandboxJudge *
attest_sandbox_judge_new (AttestSandboxCustomers *customers)
{
  AttestSandboxJudge *self = g_new0 (AttestSandboxJudge, 1);

  self->customers = customers;
  self->now = g_date_time_new_now_utc ();

  return self;
}

void
attest_sandbox_judge_free (AttestSandboxJudge *self)
{
  g_date_time_unref (self->now);
  g_free (self->date_text);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_free (self);
}

/* What the service checks of an email address: one @, something before it,
 * a domain with a dot and no empty label, no spaces. */
gboolean
attest_sandbox_email_is_valid (const char *email)
{
  const char *at = strchr (email, '@');
  const char *label;
  guint labels = 0;

  if (at == NULL || at == email || strchr (at + 1, '@') != NULL || strpbrk (email, " \t") != NULL)
    return FALSE;

  for (label = at + 1;; label++)
    {
      const char *dot = strchr (label, '.');
      const char *label_end = dot != NULL ? dot : label + strlen (label);

      if (label_end == label)
        return FALSE;
      labels++;
      if (dot == NULL)
        break;
      label = dot;
    }

  return labels >= 2;
}

static gboolean
contact_is_complete (const AttestSandboxAgreement *agreement)
{
  return agreement->has_contact && agreement->first_name != NULL
         && agreement->last_name != NULL && agreement->email != NULL
         && agreement->phone_number != NULL;
}

gboolean
attest_sandbox_is_blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    {
      if (!g_unichar_isspace (g_utf8_get_char (text)))
        return FALSE;
    }

  return TRUE;
}

static AttestSandboxVerdict
reject (const char **problem,
        const char  *reason)
{
  *problem = reason;

  return ATTEST_SANDBOX_VERDICT_INVALID;
}

/* The date of the agreements, read once: those of a batch share one, and
 * reading a date costs more than the rest of the checks. */
static GDateTime *
read_date (AttestSandboxJudge *self,
           const char         *text)
{
  if (self->date_text == NULL || !g_str_equal (self->date_text, text))
    {
      g_free (self->date_text);
      g_clear_pointer (&self->date, g_date_time_unref);
      self->date_text = g_strdup (text);
      self->date = g_date_time_new_from_iso8601 (text, NULL);
    }

  return self->date;
}

/* Judges one agreement for @customer_id. On ATTEST_SANDBOX_VERDICT_INVALID,
 * @problem says why. */
AttestSandboxVerdict
attest_sandbox_judge_agreement (AttestSandboxJudge            *self,
                                const char                    *customer_id,
                                const AttestSandboxAgreement  *agreement,
                                const char                   **problem)
{
  GDateTime *date;

  if (attest_sandbox_customers_lookup (self->customers, customer_id) == NULL)
    return reject (problem, "no such customer");
  if (!contact_is_complete (agreement))
    return reject (problem, "the primary contact is incomplete");
  if (attest_sandbox_is_blank (agreement->first_name)
      || attest_sandbox_is_blank (agreement->last_name))
    return reject (problem, "the primary contact's name is empty");
  if (!attest_sandbox_email_is_valid (agreement->email))
    return reject (problem, "the email address is not valid");
  if (agreement->date_agreed == NULL
      || (date = read_date (self, agreement->date_agreed)) == NULL)
    return reject (problem, "dateAgreed is not a date");
  if (g_date_time_compare (date, self->now) > 0)
    return ATTEST_SANDBOX_VERDICT_FUTURE_DATE;

  if (attest_sandbox_customers_attested_with (self->customers, customer_id, agreement))
    return ATTEST_SANDBOX_VERDICT_ALREADY_ATTESTED;

  return ATTEST_SANDBOX_VERDICT_OK;
}

/* 600002: the date agreed is later than now, for @customer_ids (NULL for
 * the customer in the path). */
void
attest_sandbox_respond_future_date (SoupServerMessage *msg,
                                    GPtrArray         *customer_ids)
{
  attest_sandbox_respond_error (msg, 400, ATTEST_SANDBOX_CODE_FUTURE_DATE, "InvalidDateAgreed",
                                "Date of agreement cannot be greater than the current date.",
                                customer_ids);
}

/* 600061: the customers were attested already with the same contact. */
void
attest_sandbox_respond_already_exists (SoupServerMessage *msg,
                                       GPtrArray         *customer_ids)
{
  attest_sandbox_respond_error (msg, 409, ATTEST_SANDBOX_CODE_ALREADY_EXISTS,
                                "PartnerConfirmedAgreementAlreadyExists",
                                "A partner confirmed agreement already exists for the customer.",
                                customer_ids);
}

/* Answers with the refusal of one agreement's @verdict and returns TRUE;
 * returns FALSE, answering nothing, when the verdict is OK. */
gboolean
attest_sandbox_respond_verdict (SoupServerMessage    *msg,
                                AttestSandboxVerdict  verdict,
                                const char           *problem)
{
  switch (verdict)
    {
    case ATTEST_SANDBOX_VERDICT_INVALID:
      {
        g_autofree char *message = g_strdup_printf ("The agreement is not valid: %s.", problem);

        attest_sandbox_respond_invalid (msg, message);
        return TRUE;
      }
    case ATTEST_SANDBOX_VERDICT_FUTURE_DATE:
      attest_sandbox_respond_future_date (msg, NULL);
      return TRUE;
    case ATTEST_SANDBOX_VERDICT_ALREADY_ATTESTED:
      attest_sandbox_respond_already_exists (msg, NULL);
      return TRUE;
    case ATTEST_SANDBOX_VERDICT_OK:
    default:
      return FALSE;
    }
}

/* Countries of ISO 3166-1 that partners' customers are in, as the
 * standard writes them. */
static const char countries[] =
  "AE AR AT AU BD BE BG BR CA CH CL CN CO CY CZ DE DK EE EG ES FI FR GB GR HK HR HU ID IE IL "
  "IN IS IT JP KE KR LK LT LU LV MA MT MX MY NG NL NO NZ PE PH PK PL PT QA RO RS SA SE SG SI "
  "SK TH TR TW UA US VN ZA";

/* Languages of ISO 639 that the agreement is offered in. */
static const char * const languages[] = {
  "ar", "bg", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et", "eu", "fi", "fil", "fr",
  "ga", "gl", "he", "hi", "hr", "hu", "id", "is", "it", "ja", "ko", "lt", "lv", "ms", "nb",
  "nl", "nn", "no", "pl", "pt", "ro", "ru", "sk", "sl", "sr", "sv", "th", "tr", "uk", "vi",
  "zh", NULL,
};

static gboolean
country_is_valid (const char *country)
{
  const char *found;

  if (strlen (country) != 2 || !g_ascii_isupper (country[0]) || !g_ascii_isupper (country[1]))
    return FALSE;
  found = strstr (countries, country);

  return found != NULL && (found - countries) % 3 == 0;
}

static gboolean
all_of (const char *text,
        gsize       length,
        gboolean  (*is) (gchar c))
{
  for (gsize i = 0; i < length; i++)
    {
      if (!is (text[i]))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_alpha (gchar c)
{
  return g_ascii_isalpha (c);
}

static gboolean
is_digit (gchar c)
{
  return g_ascii_isdigit (c);
}

/* language[-Script][-REGION], case aside (BCP 47 §2.1.1), with a known
 * language: "fr", "fr-FR", "zh-Hant-TW", "es-419"; not "en_US". */
static gboolean
language_is_valid (const char *tag)
{
  g_auto(GStrv) subtags = g_strsplit (tag, "-", 4);
  g_autofree char *language = g_ascii_strdown (subtags[0], -1);
  guint next = 1;

  if (!g_strv_contains (languages, language))
    return FALSE;

  if (subtags[next] != NULL && strlen (subtags[next]) == 4
      && all_of (subtags[next], 4, is_alpha))
    next++;
  if (subtags[next] != NULL
      && ((strlen (subtags[next]) == 2 && all_of (subtags[next], 2, is_alpha))
          || (strlen (subtags[next]) == 3 && all_of (subtags[next], 3, is_digit))))
    next++;

  return subtags[next] == NULL;
}

static gboolean
refuse (const char **field,
        const char  *name,
        const char **problem,
        const char  *reason)
{
  *field = name;
  *problem = reason;

  return FALSE;
}

/* Checks an enhanced attestation's body. When it is refused, @field names
 * the member at fault and @problem says what is wrong with it, without
 * its value. */
gboolean
attest_sandbox_judge_attestation (const AttestSandboxAttestationDetails  *details,
                                  const char                            **field,
                                  const char                            **problem)
{
  if (details->country == NULL)
    return refuse (field, "country", problem, "is required");
  if (!country_is_valid (details->country))
    return refuse (field, "country", problem,
                   "must be an ISO 3166-1 alpha-2 country code in upper case, such as FR");
  if (details->language == NULL)
    return refuse (field, "language", problem, "is required");
  if (!language_is_valid (details->language))
    return refuse (field, "language", problem,
                   "must be a language tag such as fr or fr-FR (BCP 47)");
  if (details->company_name == NULL || attest_sandbox_is_blank (details->company_name))
    return refuse (field, "companyName", problem, "is required");
  if (details->first_name == NULL || attest_sandbox_is_blank (details->first_name))
    return refuse (field, "signatoryFirstName", problem, "is required");
  if (details->last_name == NULL || attest_sandbox_is_blank (details->last_name))
    return refuse (field, "signatoryLastName", problem, "is required");
  if (details->email == NULL)
    return refuse (field, "signatoryEmail", problem, "is required");
  if (!attest_sandbox_email_is_valid (details->email))
    return refuse (field, "signatoryEmail", problem, "is not a valid email address");

  return TRUE;
}
