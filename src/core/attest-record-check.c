/* attest-record-check.c: the one check of a record
 *
 * Import, edit and append each gather a record's values their own way (from
 * the text, from the text and the edits, from code) and then ask this for
 * its problems and the tag of its customer ID for the duplicate check.
 * Runs on the reader's threads; touches nothing shared.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-check"

#include "config.h"

#include "attest-guid-index.h"
#include "attest-record-check.h"

static inline const char *
value_of (const AttestRecordValues *values,
          AttestRecordField         field,
          gsize                    *len)
{
  if (values->values[field] == NULL)
    {
      *len = 0;
      return "";
    }

  *len = values->lengths[field];
  return values->values[field];
}

/* A value of an optional column of a request must be one the service
 * takes (SPEC §13); left empty, the billing profile gives it. */
static guint32
check_request_values (const AttestRecordValues *values)
{
  static const AttestProblem invalid[ATTEST_N_REQUEST_FIELDS] = {
    ATTEST_PROBLEM_COMPANY_NAME_CONTROL, ATTEST_PROBLEM_COUNTRY_INVALID,
    ATTEST_PROBLEM_LANGUAGE_INVALID,
  };
  guint32 problems = 0;

  for (AttestRequestField f = 0; f < ATTEST_N_REQUEST_FIELDS; f++)
    {
      AttestRequestProblem problem;

      if (values->request_values[f] == NULL)
        continue;
      problem = attest_validate_request_field (f, values->request_values[f],
                                               values->request_lengths[f]);
      if (problem != ATTEST_REQUEST_PROBLEM_NONE && problem != ATTEST_REQUEST_PROBLEM_MISSING)
        problems |= ATTEST_PROBLEM_BIT (invalid[f]);
    }

  return problems;
}

/* Returns the record's problems; sets @id_tag to the tag of its customer
 * ID when that is a GUID, 0 otherwise. A duplicate is not found here: that
 * takes the other records. */
guint32
attest_record_check (const AttestRecordValues *values,
                     guint32                  *id_tag)
{
  AttestContactFields contact;
  AttestGuid guid;
  gboolean has_guid;
  guint32 problems = values->shape_problems;

  contact.tenant_id = value_of (values, ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID,
                                &contact.tenant_id_len);
  contact.first_name = value_of (values, ATTEST_RECORD_FIELD_FIRST_NAME, &contact.first_name_len);
  contact.last_name = value_of (values, ATTEST_RECORD_FIELD_LAST_NAME, &contact.last_name_len);
  contact.email = value_of (values, ATTEST_RECORD_FIELD_EMAIL, &contact.email_len);
  contact.phone = value_of (values, ATTEST_RECORD_FIELD_PHONE_NUMBER, &contact.phone_len);
  problems |= attest_validate_contact (&contact, &guid, &has_guid);

  if (values->attested == ATTEST_BOOLEAN_INVALID)
    problems |= ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_ATTESTED_VALUE);
  if (values->invalid_bytes)
    problems |= ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_INVALID_BYTES);
  problems |= check_request_values (values);

  *id_tag = has_guid ? attest_guid_tag (&guid) : 0;

  return problems;
}
