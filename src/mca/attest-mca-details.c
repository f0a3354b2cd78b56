/* attest-mca-details.c: what an attestation asks one customer to accept,
 * chosen from the partner's file and the billing profile, and checked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-details"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-iso-codes.h"
#include "attest-mca-details.h"
#include "attest-validation.h"

struct _AttestMcaDetails
{
  gatomicrefcount  ref_count;
  guint            line;
  char            *customer_id;
  char            *values[ATTEST_MCA_N_DETAILS];   /* as they would be sent; NULL: none */
  AttestMcaSource  sources[ATTEST_MCA_N_DETAILS];
  GPtrArray       *problems;                       /* AttestMcaDetailsProblem */
};

G_DEFINE_BOXED_TYPE (AttestMcaDetails, attest_mca_details,
                     attest_mca_details_ref, attest_mca_details_unref)

static const char * const columns[ATTEST_MCA_N_DETAILS] = {
  "CompanyName", "Country", "Language", "FirstName", "LastName", "Email", "PhoneNumber",
};

/* The column of the partner's file (and of the links file) that holds
 * @detail. */
const char *
attest_mca_detail_get_column (AttestMcaDetail detail)
{
  g_return_val_if_fail (detail < ATTEST_MCA_N_DETAILS, NULL);

  return columns[detail];
}

AttestMcaRow *
attest_mca_row_new (guint       line,
                    const char *customer_id)
{
  AttestMcaRow *row = g_new0 (AttestMcaRow, 1);

  g_return_val_if_fail (customer_id != NULL, NULL);

  row->line = line;
  row->customer_id = g_strdup (customer_id);

  return row;
}

/* Sets the row's value of @detail, as its cell holds it; NULL when the
 * file has no such column. */
void
attest_mca_row_set (AttestMcaRow    *row,
                    AttestMcaDetail  detail,
                    const char      *value)
{
  g_return_if_fail (row != NULL);
  g_return_if_fail (detail < ATTEST_MCA_N_DETAILS);

  g_free (row->values[detail]);
  row->values[detail] = g_strdup (value);
}

void
attest_mca_row_free (AttestMcaRow *row)
{
  if (row == NULL)
    return;

  g_free (row->customer_id);
  for (guint d = 0; d < ATTEST_MCA_N_DETAILS; d++)
    g_free (row->values[d]);
  g_free (row);
}

/* Empty, or only white space. */
static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text = g_utf8_next_char (text))
    {
      if (!g_unichar_isspace (g_utf8_get_char (text)))
        return FALSE;
    }

  return TRUE;
}

/* Whether the row names a signatory: any of its names or its email. A row
 * with none (a customer listed from Partner Center) takes the billing
 * profile's. */
gboolean
attest_mca_row_has_contact (const AttestMcaRow *row)
{
  g_return_val_if_fail (row != NULL, FALSE);

  return !is_blank (row->values[ATTEST_MCA_DETAIL_FIRST_NAME])
         || !is_blank (row->values[ATTEST_MCA_DETAIL_LAST_NAME])
         || !is_blank (row->values[ATTEST_MCA_DETAIL_EMAIL]);
}

/* Whether the row leaves a value to the billing profile. */
gboolean
attest_mca_row_needs_profile (const AttestMcaRow *row)
{
  g_return_val_if_fail (row != NULL, FALSE);

  return !attest_mca_row_has_contact (row)
         || is_blank (row->values[ATTEST_MCA_DETAIL_COMPANY_NAME])
         || is_blank (row->values[ATTEST_MCA_DETAIL_COUNTRY])
         || is_blank (row->values[ATTEST_MCA_DETAIL_LANGUAGE]);
}

/* What can be wrong with a row that no value of the profile mends: no
 * customer to name, or text that was not read whole. */
#define ROW_PROBLEMS (ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_EMPTY)        \
                      | ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_NOT_GUID)   \
                      | ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_DUPLICATE)  \
                      | ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_UNCLOSED_QUOTE)       \
                      | ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_INVALID_BYTES))

/* The marked customers of @store, a partner's file read as a customer
 * list, in file order (AttestMcaRow). A file without the column
 * PartnerAttestationCompleted (a links file, or the list `attest status`
 * wrote) marks every row. A row whose customer cannot be named, or whose
 * text was not read whole, is left out with a sentence in @problems (NULL
 * to ignore them) that names its line. */
GPtrArray *
attest_mca_rows_from_store (AttestRecordStore *store,
                            GPtrArray         *problems)
{
  static const struct { AttestRecordField field; AttestMcaDetail detail; } contact[] = {
    { ATTEST_RECORD_FIELD_FIRST_NAME, ATTEST_MCA_DETAIL_FIRST_NAME },
    { ATTEST_RECORD_FIELD_LAST_NAME, ATTEST_MCA_DETAIL_LAST_NAME },
    { ATTEST_RECORD_FIELD_EMAIL, ATTEST_MCA_DETAIL_EMAIL },
    { ATTEST_RECORD_FIELD_PHONE_NUMBER, ATTEST_MCA_DETAIL_PHONE_NUMBER },
  };
  guint n_columns = attest_record_store_get_n_columns (store);
  g_autoptr(GString) scratch = g_string_new (NULL);
  gboolean has_marks = FALSE;
  GPtrArray *rows;

  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (store), NULL);

  for (guint c = 0; c < n_columns; c++)
    has_marks |= attest_record_store_get_column_field (store, c)
                 == ATTEST_RECORD_FIELD_PARTNER_ATTESTATION_COMPLETED;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_mca_row_free);
  for (guint i = 0; i < attest_record_store_get_n_records (store); i++)
    {
      guint32 blocking = attest_record_store_get_problems (store, i) & ROW_PROBLEMS;
      g_autofree char *id = NULL;
      AttestMcaRow *row;

      if (has_marks && !attest_record_store_get_attested (store, i))
        continue;

      if (blocking != 0)
        {
          for (guint p = 0; p < ATTEST_N_PROBLEMS && problems != NULL; p++)
            {
              if (blocking & ATTEST_PROBLEM_BIT (p))
                /* Translators: a line of the partner's file, and what is wrong with it. */
                g_ptr_array_add (problems,
                                 g_strdup_printf (_("Line %u: %s"),
                                                  attest_record_store_get_line (store, i),
                                                  attest_problem_get_message (p)));
            }
          continue;
        }

      /* The values as the partner left them: edits made in the window
       * count, and a column the file lacks, or a row too short for it,
       * gives none. */
      id = attest_record_store_dup_field (store, i, ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID);
      row = attest_mca_row_new (attest_record_store_get_line (store, i), g_strstrip (id));
      for (guint f = 0; f < G_N_ELEMENTS (contact); f++)
        {
          gsize len = 0;
          const char *value = attest_record_store_peek_field (store, i, contact[f].field, scratch,
                                                              &len);

          if (value != NULL)
            row->values[contact[f].detail] = g_strndup (value, len);
        }
      for (AttestRequestField f = 0; f < ATTEST_N_REQUEST_FIELDS; f++)
        {
          gsize len = 0;
          const char *value = attest_record_store_peek_request_value (store, i, f, scratch,
                                                                      &len);

          if (value != NULL)
            row->values[ATTEST_MCA_DETAIL_COMPANY_NAME + f] = g_strndup (value, len);
        }
      g_ptr_array_add (rows, row);
    }

  return rows;
}

/* Fills @profile with the values of @billing, borrowed. */
void
attest_mca_profile_init (AttestMcaProfileValues     *profile,
                         const AttestBillingProfile *billing)
{
  g_return_if_fail (profile != NULL);
  g_return_if_fail (billing != NULL);

  profile->first_name = attest_billing_profile_get_first_name (billing);
  profile->last_name = attest_billing_profile_get_last_name (billing);
  profile->email = attest_billing_profile_get_email (billing);
  profile->phone_number = attest_billing_profile_get_phone_number (billing);
  profile->company_name = attest_billing_profile_get_company_name (billing);
  profile->country = attest_billing_profile_get_country (billing);
  profile->culture = attest_billing_profile_get_culture (billing);
  profile->language = attest_billing_profile_get_language (billing);
}

/* Fills @profile with the billing profile the ledger keeps of @customer,
 * borrowed; FALSE, leaving it, when none was read. */
gboolean
attest_mca_profile_init_from_customer (AttestMcaProfileValues  *profile,
                                       const AttestMcaCustomer *customer)
{
  g_return_val_if_fail (profile != NULL, FALSE);
  g_return_val_if_fail (customer != NULL, FALSE);

  if (attest_mca_customer_get_profile_seen_at (customer) == NULL)
    return FALSE;

  profile->first_name = attest_mca_customer_get_profile_first_name (customer);
  profile->last_name = attest_mca_customer_get_profile_last_name (customer);
  profile->email = attest_mca_customer_get_profile_email (customer);
  profile->phone_number = attest_mca_customer_get_profile_phone_number (customer);
  profile->company_name = attest_mca_customer_get_profile_company_name (customer);
  profile->country = attest_mca_customer_get_profile_country (customer);
  profile->culture = attest_mca_customer_get_profile_culture (customer);
  profile->language = attest_mca_customer_get_profile_language (customer);

  return TRUE;
}

static void
add_problem (AttestMcaDetails *self,
             AttestMcaDetail   detail,
             char             *message)
{
  AttestMcaDetailsProblem *problem = g_new0 (AttestMcaDetailsProblem, 1);

  problem->detail = detail;
  problem->source = self->sources[detail];
  problem->message = message;
  g_ptr_array_add (self->problems, problem);
}

static void
problem_free (AttestMcaDetailsProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

static void
choose (AttestMcaDetails *self,
        AttestMcaDetail   detail,
        const char       *value,
        AttestMcaSource   source)
{
  self->values[detail] = g_strdup (value);
  self->sources[detail] = value != NULL ? source : ATTEST_MCA_SOURCE_NONE;
}

/* Company name, country or language: the file's value when the row has
 * one, else the profile's. */
static void
choose_request_field (AttestMcaDetails       *self,
                      const AttestMcaRow     *row,
                      AttestMcaDetail         detail,
                      const char             *profile_value)
{
  AttestRequestField field = detail - ATTEST_MCA_DETAIL_COMPANY_NAME;
  const char *value;
  AttestRequestProblem problem;

  if (!is_blank (row->values[detail]))
    choose (self, detail, row->values[detail], ATTEST_MCA_SOURCE_FILE);
  else
    choose (self, detail, is_blank (profile_value) ? NULL : profile_value,
            ATTEST_MCA_SOURCE_PROFILE);

  value = self->values[detail];
  problem = attest_validate_request_field (field, value != NULL ? value : "",
                                           value != NULL ? strlen (value) : 0);
  if (problem != ATTEST_REQUEST_PROBLEM_NONE)
    add_problem (self, detail,
                 attest_request_problem_dup_message (field, problem, value,
                                                     value != NULL ? strlen (value) : 0));
}

/* The profile's language: its culture when that is a BCP 47 tag, else its
 * language, whatever that is (it is checked next). */
static const char *
profile_language (const AttestMcaProfileValues *profile)
{
  if (profile == NULL)
    return NULL;
  if (!is_blank (profile->culture) && attest_language_tag_is_valid (profile->culture))
    return profile->culture;
  if (!is_blank (profile->language))
    return profile->language;

  return profile->culture;
}

/* A sentence about @problem of the signatory's @detail. An empty value is
 * said in the words of a request: the signatory accepts later. */
static char *
dup_signatory_message (AttestProblem problem)
{
  switch (problem)
    {
    case ATTEST_PROBLEM_FIRST_NAME_EMPTY:
      return g_strdup (_("The signatory’s first name is empty. Enter the first name of the "
                         "person who accepts the agreement for the customer."));
    case ATTEST_PROBLEM_LAST_NAME_EMPTY:
      return g_strdup (_("The signatory’s last name is empty. Enter the last name of the person "
                         "who accepts the agreement for the customer."));
    case ATTEST_PROBLEM_EMAIL_EMPTY:
      return g_strdup (_("The signatory’s email address is empty. Enter the email of the person "
                         "who accepts the agreement for the customer: the link goes there."));
    default:
      return g_strdup (attest_problem_get_message (problem));
    }
}

/* Adds a problem for each bit of @mask, a set of AttestProblem. */
static void
add_record_problems (AttestMcaDetails *self,
                     AttestMcaDetail   detail,
                     guint32           mask)
{
  for (guint p = 0; p < ATTEST_N_PROBLEMS; p++)
    {
      if (mask & ATTEST_PROBLEM_BIT (p))
        add_problem (self, detail, dup_signatory_message (p));
    }
}

/* The signatory: the row's contact when it names one, else the profile's;
 * never some of each. */
static void
choose_signatory (AttestMcaDetails             *self,
                  const AttestMcaRow           *row,
                  const AttestMcaProfileValues *profile)
{
  gboolean from_row = attest_mca_row_has_contact (row);
  AttestMcaSource source = from_row ? ATTEST_MCA_SOURCE_FILE : ATTEST_MCA_SOURCE_PROFILE;
  const char *values[] = {
    from_row ? row->values[ATTEST_MCA_DETAIL_FIRST_NAME]
             : profile != NULL ? profile->first_name : NULL,
    from_row ? row->values[ATTEST_MCA_DETAIL_LAST_NAME]
             : profile != NULL ? profile->last_name : NULL,
    from_row ? row->values[ATTEST_MCA_DETAIL_EMAIL] : profile != NULL ? profile->email : NULL,
    from_row ? row->values[ATTEST_MCA_DETAIL_PHONE_NUMBER]
             : profile != NULL ? profile->phone_number : NULL,
  };
  const char *first, *last, *email, *phone;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *stripped = values[i] != NULL ? g_strstrip (g_strdup (values[i])) : NULL;
      AttestMcaDetail detail = ATTEST_MCA_DETAIL_FIRST_NAME + i;

      /* Where the signatory was looked for, even for a value missing there. */
      choose (self, detail, stripped != NULL && stripped[0] != '\0' ? stripped : NULL, source);
      self->sources[detail] = source;
    }

  first = self->values[ATTEST_MCA_DETAIL_FIRST_NAME];
  last = self->values[ATTEST_MCA_DETAIL_LAST_NAME];
  email = self->values[ATTEST_MCA_DETAIL_EMAIL];
  phone = self->values[ATTEST_MCA_DETAIL_PHONE_NUMBER];

  add_record_problems (self, ATTEST_MCA_DETAIL_FIRST_NAME,
                       attest_validate_name (first != NULL ? first : "",
                                             first != NULL ? strlen (first) : 0, FALSE));
  add_record_problems (self, ATTEST_MCA_DETAIL_LAST_NAME,
                       attest_validate_name (last != NULL ? last : "",
                                             last != NULL ? strlen (last) : 0, TRUE));
  add_record_problems (self, ATTEST_MCA_DETAIL_EMAIL,
                       attest_validate_email (email != NULL ? email : "",
                                              email != NULL ? strlen (email) : 0));
  if (phone != NULL)
    add_record_problems (self, ATTEST_MCA_DETAIL_PHONE_NUMBER,
                         attest_validate_phone (phone, strlen (phone)));
}

/* The details of an attestation for the customer of @row, with what
 * @profile, its billing profile, says where the row says nothing (NULL:
 * no profile was read), and every problem they have. */
AttestMcaDetails *
attest_mca_details_new (const AttestMcaRow           *row,
                        const AttestMcaProfileValues *profile)
{
  AttestMcaDetails *self;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_new0 (AttestMcaDetails, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->line = row->line;
  self->customer_id = g_strdup (row->customer_id);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);

  choose_request_field (self, row, ATTEST_MCA_DETAIL_COMPANY_NAME,
                        profile != NULL ? profile->company_name : NULL);
  /* The country exactly as given: never mapped, never upper-cased. */
  choose_request_field (self, row, ATTEST_MCA_DETAIL_COUNTRY,
                        profile != NULL ? profile->country : NULL);
  choose_request_field (self, row, ATTEST_MCA_DETAIL_LANGUAGE, profile_language (profile));
  choose_signatory (self, row, profile);

  return self;
}

AttestMcaDetails *
attest_mca_details_ref (AttestMcaDetails *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
attest_mca_details_unref (AttestMcaDetails *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->customer_id);
  for (guint d = 0; d < ATTEST_MCA_N_DETAILS; d++)
    g_free (self->values[d]);
  g_ptr_array_unref (self->problems);
  g_free (self);
}

const char *
attest_mca_details_get_customer_id (const AttestMcaDetails *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->customer_id;
}

/* The line of the customer's row in the partner's file; 0 when none. */
guint
attest_mca_details_get_line (const AttestMcaDetails *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->line;
}

/* The value of @detail as it would be sent (names and email trimmed), or
 * NULL when there is none. */
const char *
attest_mca_details_get_value (const AttestMcaDetails *self,
                              AttestMcaDetail         detail)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (detail < ATTEST_MCA_N_DETAILS, NULL);

  return self->values[detail];
}

AttestMcaSource
attest_mca_details_get_source (const AttestMcaDetails *self,
                               AttestMcaDetail         detail)
{
  g_return_val_if_fail (self != NULL, ATTEST_MCA_SOURCE_NONE);
  g_return_val_if_fail (detail < ATTEST_MCA_N_DETAILS, ATTEST_MCA_SOURCE_NONE);

  return self->sources[detail];
}

/* The problems, in the order of the values (AttestMcaDetailsProblem,
 * borrowed). */
GPtrArray *
attest_mca_details_get_problems (const AttestMcaDetails *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->problems;
}

/* Whether the attestation can be sent: no problem. */
gboolean
attest_mca_details_is_complete (const AttestMcaDetails *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->problems->len == 0;
}

/* Fills @attestation with the values, borrowed from @self; those missing
 * are NULL. */
void
attest_mca_details_get_attestation (const AttestMcaDetails   *self,
                                    AttestAttestationDetails *attestation)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (attestation != NULL);

  attestation->company_name = self->values[ATTEST_MCA_DETAIL_COMPANY_NAME];
  attestation->country = self->values[ATTEST_MCA_DETAIL_COUNTRY];
  attestation->language = self->values[ATTEST_MCA_DETAIL_LANGUAGE];
  attestation->first_name = self->values[ATTEST_MCA_DETAIL_FIRST_NAME];
  attestation->last_name = self->values[ATTEST_MCA_DETAIL_LAST_NAME];
  attestation->email = self->values[ATTEST_MCA_DETAIL_EMAIL];
  attestation->phone_number = self->values[ATTEST_MCA_DETAIL_PHONE_NUMBER];
}

/* Which value the problem is about, and where it came from, as a person
 * reads it: the column of the file, or the billing profile's value and
 * how to correct it. */
static char *
dup_label (const AttestMcaDetailsProblem *problem)
{
  static const char *profile_labels[ATTEST_MCA_N_DETAILS] = {
    N_("the billing profile’s company name"), N_("the billing profile’s country"),
    N_("the billing profile’s language"), N_("the billing profile’s first name"),
    N_("the billing profile’s last name"), N_("the billing profile’s email"),
    N_("the billing profile’s phone number"),
  };

  switch (problem->source)
    {
    case ATTEST_MCA_SOURCE_PROFILE:
      if (problem->detail >= ATTEST_MCA_DETAIL_FIRST_NAME)
        /* Translators: %s says which value of the billing profile, such as “the billing
         * profile’s email”; keep the column names as they are. */
        return g_strdup_printf (_("%s (or write the signatory in the file’s FirstName, "
                                  "LastName and Email columns)"),
                                _(profile_labels[problem->detail]));
      /* Translators: %s says which value of the billing profile, such as “the billing
       * profile’s country”; the second %s is the column of the file that corrects it. */
      return g_strdup_printf (_("%s (correct it in the file’s %s column)"),
                              _(profile_labels[problem->detail]), columns[problem->detail]);

    case ATTEST_MCA_SOURCE_NONE:
      /* Translators: %s is a column of the file, such as Country. */
      return g_strdup_printf (_("%s (neither the file nor the billing profile has one)"),
                              columns[problem->detail]);

    case ATTEST_MCA_SOURCE_FILE:
    default:
      return g_strdup (columns[problem->detail]);
    }
}

/* The problem as one line for a person, as `attest check` writes its own,
 * for the row on @line (0: no line). */
char *
attest_mca_details_problem_to_string (const AttestMcaDetailsProblem *problem,
                                      guint                          line)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (problem != NULL, NULL);

  label = dup_label (problem);
  if (line == 0)
    /* Translators: which value, and what is wrong with it. */
    return g_strdup_printf (_("%s: %s"), label, problem->message);

  /* Translators: a line of the partner's file, which value, and what is wrong with it. */
  return g_strdup_printf (_("Line %u, %s: %s"), line, label, problem->message);
}

/* Every problem in one text, for the Message column of the links file, or
 * NULL when there is none. */
char *
attest_mca_details_dup_summary (const AttestMcaDetails *self)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->problems->len == 0)
    return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < self->problems->len; i++)
    {
      g_autofree char *line = attest_mca_details_problem_to_string (
                                g_ptr_array_index (self->problems, i), 0);

      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, line);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
