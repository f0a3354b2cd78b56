/* attest-record-grid-text.c: what the grid and a row's details say of a
 * record
 *
 * The customer as a person knows it, its status with when it was reached,
 * its problems with Partner Center's reason for a rejection, and the day
 * of its last agreement in one format whatever the file wrote: Excel
 * writes the day as the locale it ran in does ("14/02/2023"), Partner
 * Center and Microsoft's tool as "2023-02-14 00:00:00".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-grid-text"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-format.h"
#include "attest-record-grid-private.h"

static char *
dup_item_string (AttestRecord *item,
                 const char   *property)
{
  char *value = NULL;

  g_object_get (item, property, &value, NULL);
  if (value != NULL && g_strstrip (value)[0] == '\0')
    g_clear_pointer (&value, g_free);

  return value;
}

/* The customer's name as a person knows it: its company, else its
 * contact; NULL when the record has neither. */
char *
_attest_record_grid_dup_name (AttestRecord *item)
{
  g_autofree char *company = dup_item_string (item, "company-name");
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  char *name;

  if (company != NULL)
    return g_steal_pointer (&company);

  first = dup_item_string (item, "first-name");
  last = dup_item_string (item, "last-name");
  name = g_strstrip (g_strdup_printf ("%s %s", first ? first : "", last ? last : ""));
  if (name[0] == '\0')
    g_clear_pointer (&name, g_free);

  return name;
}

/* A customer as a person knows it, with its ID: "Contoso Ltd (1c2d…)". */
char *
_attest_record_grid_describe (AttestRecord *item)
{
  g_autofree char *name = _attest_record_grid_dup_name (item);
  g_autofree char *id = dup_item_string (item, "customer-tenant-id");

  if (name == NULL)
    return g_strdup (id ? id : "");

  /* Translators: a customer in the grid, e.g. "Jane Doe (1c2d…)". */
  return g_strdup_printf (_("%s (%s)"), name, id ? id : "");
}

static AttestRecordStatus
item_status (AttestRecord *item)
{
  AttestRecordStatus status = ATTEST_RECORD_STATUS_PENDING;

  g_object_get (item, "status", &status, NULL);
  return status;
}

/* Whether Partner Center has the customer's attestation: its mark stays. */
gboolean
_attest_record_grid_is_done (AttestRecord *item)
{
  AttestRecordStatus status = item_status (item);

  return status == ATTEST_RECORD_STATUS_ATTESTED || status == ATTEST_RECORD_STATUS_ALREADY_ATTESTED;
}

/* When the record's outcome came, as words that follow a verb ("today at
 * 15:37"), or NULL when nothing was sent for it. */
static char *
dup_outcome_moment (AttestRecord *item)
{
  AttestRecordStore *store = attest_record_get_store (item);
  gint64 at = attest_record_store_get_submitted_at (store, attest_record_get_index (item));
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (at <= 0)
    return NULL;

  time = g_date_time_new_from_unix_utc (at);
  now = g_date_time_new_now_local ();
  if (time == NULL || now == NULL)
    return NULL;

  return attest_format_moment (time, now);
}

/* The record's status as the grid shows it: a done customer says when
 * ("Attested today at 15:37"), and with @always_when a rejected or failed
 * one too. */
char *
_attest_record_grid_dup_status (AttestRecord *item,
                                gboolean      always_when)
{
  AttestRecordStatus status = item_status (item);
  g_autofree char *when = NULL;

  if (status == ATTEST_RECORD_STATUS_ATTESTED || status == ATTEST_RECORD_STATUS_ALREADY_ATTESTED ||
      (always_when && (status == ATTEST_RECORD_STATUS_REJECTED ||
                       status == ATTEST_RECORD_STATUS_FAILED)))
    when = dup_outcome_moment (item);

  if (when == NULL)
    return g_strdup (attest_record_status_get_label (status));

  switch (status)
    {
    case ATTEST_RECORD_STATUS_ATTESTED:
      /* Translators: a customer's status; %s says when, e.g. "today at
       * 15:37" or "on 4 December 2026 at 09:05". */
      return g_strdup_printf (_("Attested %s"), when);
    case ATTEST_RECORD_STATUS_ALREADY_ATTESTED:
      /* Translators: a customer's status: Partner Center said, at a time
       * given as "today at 15:37", that it was attested before. */
      return g_strdup_printf (_("Already attested (checked %s)"), when);
    case ATTEST_RECORD_STATUS_REJECTED:
      /* Translators: as "Attested %s", for a customer Partner Center refused. */
      return g_strdup_printf (_("Rejected %s"), when);
    case ATTEST_RECORD_STATUS_FAILED:
    default:
      /* Translators: as "Attested %s", for a customer whose attestation
       * could not be sent. */
      return g_strdup_printf (_("Failed %s"), when);
    }
}

/* Why the mark of a done customer cannot be cleared. */
char *
_attest_record_grid_dup_done_reason (AttestRecord *item)
{
  g_autofree char *who = _attest_record_grid_describe (item);
  g_autofree char *status = _attest_record_grid_dup_status (item, TRUE);

  /* Translators: %1$s is a customer, %2$s its status, e.g. "Attested today
   * at 15:37": Partner Center has its attestation. */
  return g_strdup_printf (_("%1$s: %2$s, so the mark stays"), who, status);
}

/* What a Problem column shows: the record's problems, and in the classic
 * flow Partner Center's reason for a rejection or a failure after them;
 * in the current flow, what stands in the way of a request, the service's
 * refusal included. NULL when there is nothing. */
char *
_attest_record_grid_dup_problem (AttestRecord     *item,
                                 const ColumnSpec *spec)
{
  g_autofree char *problem = dup_item_string (item, spec->property);
  g_autofree char *message = NULL;
  AttestRecordStatus status;

  if (spec->flow == FLOW_CURRENT)
    return g_steal_pointer (&problem);

  status = item_status (item);
  if (status == ATTEST_RECORD_STATUS_REJECTED || status == ATTEST_RECORD_STATUS_FAILED)
    message = dup_item_string (item, "message");
  if (message == NULL)
    return g_steal_pointer (&problem);
  if (problem == NULL)
    return g_steal_pointer (&message);

  return g_strdup_printf ("%s\n%s", problem, message);
}

/* Whether the locale writes the day before the month ("31/12/1999"), as
 * Excel, run in it, writes a file's dates. */
static gboolean
locale_puts_day_first (void)
{
  g_autoptr(GDateTime) probe = g_date_time_new_utc (1999, 12, 31, 0, 0, 0);
  g_autofree char *text = g_date_time_format (probe, "%x");
  const char *day = text != NULL ? strstr (text, "31") : NULL;
  const char *month = text != NULL ? strstr (text, "12") : NULL;

  return day != NULL && month != NULL && day < month;
}

static gboolean
read_number (const char **text,
             guint        max_digits,
             int         *value)
{
  guint n = 0;

  *value = 0;
  while (n < max_digits && g_ascii_isdigit ((*text)[0]))
    {
      *value = *value * 10 + ((*text)[0] - '0');
      (*text)++;
      n++;
    }

  return n > 0;
}

/* The day a LastAgreementDate names, at noon local time, or NULL: the
 * format Microsoft's tool writes ("2023-02-14 00:00:00", or with a T),
 * or a day as a spreadsheet writes it ("14/02/2023", "14.02.2023",
 * "2/14/2023"), read in the order the day makes plain, else the locale's. */
static GDateTime *
parse_agreement_day (const char *text)
{
  const char *p = text;
  int a, b, c;
  char separator;

  if (!read_number (&p, 4, &a))
    return NULL;

  if (p - text == 4 && p[0] == '-')
    {
      p++;
      if (!read_number (&p, 2, &b) || p[0] != '-')
        return NULL;
      p++;
      if (!read_number (&p, 2, &c) || (p[0] != '\0' && p[0] != ' ' && p[0] != 'T'))
        return NULL;

      return g_date_time_new_local (a, b, c, 12, 0, 0);
    }

  separator = p[0];
  if (p - text > 2 || (separator != '/' && separator != '.' && separator != '-'))
    return NULL;
  p++;
  if (!read_number (&p, 2, &b) || p[0] != separator)
    return NULL;
  p++;
  if (!read_number (&p, 4, &c) || (p[0] != '\0' && p[0] != ' '))
    return NULL;
  if (c < 100)
    c += 2000;

  if (a > 12 || (b <= 12 && locale_puts_day_first ()))
    return g_date_time_new_local (c, b, a, 12, 0, 0);

  return g_date_time_new_local (c, a, b, 12, 0, 0);
}

/* The day of the record's last agreement: "2023-02-14" for the grid, or
 * with @in_words as a sentence says it ("14 February 2023"). A value that
 * names no day is given as the file has it; NULL when there is none. */
char *
_attest_record_grid_dup_agreement_day (AttestRecord *item,
                                       gboolean      in_words)
{
  g_autofree char *text = dup_item_string (item, "last-agreement");
  g_autoptr(GDateTime) day = NULL;

  if (text == NULL)
    return NULL;

  day = parse_agreement_day (text);
  if (day == NULL)
    return g_steal_pointer (&text);

  return in_words ? attest_format_day (day) : g_date_time_format (day, "%Y-%m-%d");
}
