/* attest-sandbox-judge.c: the rules an attestation must follow
 *
 * What the sandbox checks of an agreement for a customer, in this order: a
 * known customer, a complete contact with a name and a valid email, a date
 * that is a date and not in the future, and not the same contact as the
 * customer's last attestation (600061). A judge serves one request: it
 * holds the time the request came, which all its agreements are measured
 * against.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-judge"

#include "config.h"

#include <string.h>

#include "attest-sandbox-judge.h"

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
static gboolean
email_is_valid (const char *email)
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

static gboolean
is_blank (const char *text)
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
  if (is_blank (agreement->first_name) || is_blank (agreement->last_name))
    return reject (problem, "the primary contact's name is empty");
  if (!email_is_valid (agreement->email))
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

