/* attest-record-types.c: names and sentences for the record enumerations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-types"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-record-types.h"
#include "attest-validation.h"

static const GEnumValue status_values[] = {
  { ATTEST_RECORD_STATUS_PENDING,
    "ATTEST_RECORD_STATUS_PENDING", "pending" },
  { ATTEST_RECORD_STATUS_NOT_MARKED,
    "ATTEST_RECORD_STATUS_NOT_MARKED", "not-marked" },
  { ATTEST_RECORD_STATUS_INVALID,
    "ATTEST_RECORD_STATUS_INVALID", "invalid" },
  { ATTEST_RECORD_STATUS_ATTESTED,
    "ATTEST_RECORD_STATUS_ATTESTED", "attested" },
  { ATTEST_RECORD_STATUS_ALREADY_ATTESTED,
    "ATTEST_RECORD_STATUS_ALREADY_ATTESTED", "already-attested" },
  { ATTEST_RECORD_STATUS_REJECTED,
    "ATTEST_RECORD_STATUS_REJECTED", "rejected" },
  { ATTEST_RECORD_STATUS_FAILED,
    "ATTEST_RECORD_STATUS_FAILED", "failed" },
  { 0, NULL, NULL }
};

static const GEnumValue field_values[] = {
  { ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID,
    "ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID", "customer-tenant-id" },
  { ATTEST_RECORD_FIELD_FIRST_NAME,
    "ATTEST_RECORD_FIELD_FIRST_NAME", "first-name" },
  { ATTEST_RECORD_FIELD_LAST_NAME,
    "ATTEST_RECORD_FIELD_LAST_NAME", "last-name" },
  { ATTEST_RECORD_FIELD_EMAIL,
    "ATTEST_RECORD_FIELD_EMAIL", "email" },
  { ATTEST_RECORD_FIELD_PHONE_NUMBER,
    "ATTEST_RECORD_FIELD_PHONE_NUMBER", "phone-number" },
  { ATTEST_RECORD_FIELD_LAST_AGREEMENT_DATE,
    "ATTEST_RECORD_FIELD_LAST_AGREEMENT_DATE", "last-agreement-date" },
  { ATTEST_RECORD_FIELD_PARTNER_ATTESTATION_COMPLETED,
    "ATTEST_RECORD_FIELD_PARTNER_ATTESTATION_COMPLETED", "partner-attestation-completed" },
  { ATTEST_RECORD_FIELD_CUSTOMER_ACCOUNT_LINK,
    "ATTEST_RECORD_FIELD_CUSTOMER_ACCOUNT_LINK", "customer-account-link" },
  { 0, NULL, NULL }
};

GType
attest_record_status_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("AttestRecordStatus", status_values));

  return type;
}

GType
attest_record_field_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("AttestRecordField", field_values));

  return type;
}

const char *
attest_record_status_to_string (AttestRecordStatus status)
{
  g_return_val_if_fail (status <= ATTEST_RECORD_STATUS_FAILED, NULL);

  return status_values[status].value_nick;
}

gboolean
attest_record_status_from_string (const char         *word,
                                  AttestRecordStatus *status)
{
  g_return_val_if_fail (word != NULL, FALSE);

  for (guint i = 0; status_values[i].value_nick != NULL; i++)
    {
      if (g_str_equal (status_values[i].value_nick, word))
        {
          if (status != NULL)
            *status = status_values[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
attest_record_status_get_label (AttestRecordStatus status)
{
  switch (status)
    {
    case ATTEST_RECORD_STATUS_PENDING:
      return C_("record status", "Ready to send");
    case ATTEST_RECORD_STATUS_NOT_MARKED:
      return C_("record status", "Not marked");
    case ATTEST_RECORD_STATUS_INVALID:
      return C_("record status", "Needs fixing");
    case ATTEST_RECORD_STATUS_ATTESTED:
      return C_("record status", "Attested");
    case ATTEST_RECORD_STATUS_ALREADY_ATTESTED:
      return C_("record status", "Already attested");
    case ATTEST_RECORD_STATUS_REJECTED:
      return C_("record status", "Rejected");
    case ATTEST_RECORD_STATUS_FAILED:
      return C_("record status", "Failed");
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char * const columns[ATTEST_N_RECORD_FIELDS] = {
  "CustomerTenantId", "FirstName", "LastName", "Email", "PhoneNumber",
  "LastAgreementDate", "PartnerAttestationCompleted", "CustomerAccountLink",
};

static const char * const json_keys[ATTEST_N_RECORD_FIELDS] = {
  "customerTenantId", "firstName", "lastName", "email", "phoneNumber",
  "lastAgreementDate", "partnerAttestationCompleted", "customerAccountLink",
};

/* The column name in the compatible format's header. */
const char *
attest_record_field_get_column (AttestRecordField field)
{
  g_return_val_if_fail (field < ATTEST_N_RECORD_FIELDS, NULL);

  return columns[field];
}

/* The member name in `attest check --json` (SPEC §9). */
const char *
attest_record_field_get_json_key (AttestRecordField field)
{
  g_return_val_if_fail (field < ATTEST_N_RECORD_FIELDS, NULL);

  return json_keys[field];
}

/* The field a problem is about; *has_field is FALSE for problems of the
 * record as a whole, and for invalid bytes, whose field is found per record. */
AttestRecordField
attest_problem_get_field (AttestProblem  problem,
                          gboolean      *has_field)
{
  AttestRecordField field = ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID;
  gboolean found = TRUE;

  if (problem <= ATTEST_PROBLEM_TENANT_ID_DUPLICATE)
    field = ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID;
  else if (problem <= ATTEST_PROBLEM_FIRST_NAME_CONTROL)
    field = ATTEST_RECORD_FIELD_FIRST_NAME;
  else if (problem <= ATTEST_PROBLEM_LAST_NAME_CONTROL)
    field = ATTEST_RECORD_FIELD_LAST_NAME;
  else if (problem <= ATTEST_PROBLEM_EMAIL_TOO_LONG)
    field = ATTEST_RECORD_FIELD_EMAIL;
  else if (problem <= ATTEST_PROBLEM_PHONE_DIGITS)
    field = ATTEST_RECORD_FIELD_PHONE_NUMBER;
  else if (problem == ATTEST_PROBLEM_ATTESTED_VALUE)
    field = ATTEST_RECORD_FIELD_PARTNER_ATTESTATION_COMPLETED;
  else
    found = FALSE;

  if (has_field != NULL)
    *has_field = found;

  return field;
}

/* The column a problem is about, as Attest writes it: a field's, or one
 * of the optional columns of a request; NULL for problems of the record
 * as a whole, and for invalid bytes, whose column is found per record. */
const char *
attest_problem_get_column (AttestProblem problem)
{
  gboolean has_field;
  AttestRecordField field = attest_problem_get_field (problem, &has_field);

  if (has_field)
    return attest_record_field_get_column (field);

  switch (problem)
    {
    case ATTEST_PROBLEM_COMPANY_NAME_CONTROL:
      return attest_request_field_get_column (ATTEST_REQUEST_FIELD_COMPANY_NAME);
    case ATTEST_PROBLEM_COUNTRY_INVALID:
      return attest_request_field_get_column (ATTEST_REQUEST_FIELD_COUNTRY);
    case ATTEST_PROBLEM_LANGUAGE_INVALID:
      return attest_request_field_get_column (ATTEST_REQUEST_FIELD_LANGUAGE);
    default:
      return NULL;
    }
}

/* A sentence a partner understands, naming the field and what to do. For
 * invalid bytes, attest_problem_dup_message() names the column. */
const char *
attest_problem_get_message (AttestProblem problem)
{
  switch (problem)
    {
    case ATTEST_PROBLEM_TENANT_ID_EMPTY:
      return _("The customer tenant ID is empty. Copy it from Partner Center.");
    case ATTEST_PROBLEM_TENANT_ID_NOT_GUID:
      return _("The customer tenant ID is not a valid ID. It should look like "
               "00000000-0000-0000-0000-000000000000.");
    case ATTEST_PROBLEM_TENANT_ID_DUPLICATE:
      return _("The customer tenant ID appears on more than one row. Keep one row per customer.");
    case ATTEST_PROBLEM_FIRST_NAME_EMPTY:
      return _("The first name is empty. Enter the first name of the contact who accepted.");
    case ATTEST_PROBLEM_FIRST_NAME_TOO_LONG:
      return _("The first name is longer than 256 characters. Shorten it.");
    case ATTEST_PROBLEM_FIRST_NAME_CONTROL:
      return _("The first name contains invisible control characters. Retype it.");
    case ATTEST_PROBLEM_LAST_NAME_EMPTY:
      return _("The last name is empty. Enter the last name of the contact who accepted.");
    case ATTEST_PROBLEM_LAST_NAME_TOO_LONG:
      return _("The last name is longer than 256 characters. Shorten it.");
    case ATTEST_PROBLEM_LAST_NAME_CONTROL:
      return _("The last name contains invisible control characters. Retype it.");
    case ATTEST_PROBLEM_EMAIL_EMPTY:
      return _("The email address is empty. Enter the email of the contact who accepted.");
    case ATTEST_PROBLEM_EMAIL_AT_SIGN:
      return _("The email address must contain exactly one “@”.");
    case ATTEST_PROBLEM_EMAIL_LOCAL_PART:
      return _("The email address has nothing before the “@”.");
    case ATTEST_PROBLEM_EMAIL_DOMAIN:
      return _("The domain of the email address is not valid: it needs a dot and no empty parts, "
               "as in contoso.com.");
    case ATTEST_PROBLEM_EMAIL_SPACE:
      return _("The email address contains a space or an invisible character. Remove it.");
    case ATTEST_PROBLEM_EMAIL_TOO_LONG:
      return _("The email address is longer than 254 characters.");
    case ATTEST_PROBLEM_PHONE_CHARACTERS:
      return _("The phone number may only contain digits, spaces, + - ( ) . and an extension "
               "written x, ext or ext. followed by digits.");
    case ATTEST_PROBLEM_PHONE_DIGITS:
      return _("The phone number must have between 4 and 25 digits.");
    case ATTEST_PROBLEM_ATTESTED_VALUE:
      return _("PartnerAttestationCompleted is not a yes or no value. Use True or False.");
    case ATTEST_PROBLEM_TOO_FEW_FIELDS:
      return _("This row has fewer fields than the header; the missing ones are read as empty.");
    case ATTEST_PROBLEM_TOO_MANY_FIELDS:
      return _("This row has more fields than the header; check for an unquoted delimiter.");
    case ATTEST_PROBLEM_UNCLOSED_QUOTE:
      return _("A quoted field on this row is never closed, so the rest of the file was read "
               "into it. Add the missing quote.");
    case ATTEST_PROBLEM_INVALID_BYTES:
      return _("This row contains bytes that are not valid text; they are shown as �. "
               "Save the file as UTF-8 and import it again.");
    case ATTEST_PROBLEM_COMPANY_NAME_CONTROL:
      return _("The company name contains invisible control characters. Retype it.");
    case ATTEST_PROBLEM_COUNTRY_INVALID:
      return _("The country is not an ISO 3166-1 code in two capital letters, such as FR; names "
               "and other spellings are not read.");
    case ATTEST_PROBLEM_LANGUAGE_INVALID:
      return _("The language is not a language tag such as en-US or fr whose language is in "
               "ISO 639.");
    case ATTEST_N_PROBLEMS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The message of @problem about @column (a column name as the file wrote
 * it), or attest_problem_get_message() when @column is NULL. */
char *
attest_problem_dup_message (AttestProblem  problem,
                            const char    *column)
{
  if (problem == ATTEST_PROBLEM_INVALID_BYTES && column != NULL)
    /* Translators: %s is a column name such as “Email”. */
    return g_strdup_printf (_("The column “%s” contains bytes that are not valid text; they "
                              "are shown as �. Save the file as UTF-8 and import it again."),
                            column);

  return g_strdup (attest_problem_get_message (problem));
}

void
attest_record_problem_free (AttestRecordProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}
