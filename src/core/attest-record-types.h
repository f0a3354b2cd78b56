/* attest-record-types.h: the words a record store speaks in: fields, statuses,
 * problems and view filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The columns of the compatible format (SPEC §4.1), in the order Microsoft's
 * tool writes them. */
typedef enum
{
  ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID,
  ATTEST_RECORD_FIELD_FIRST_NAME,
  ATTEST_RECORD_FIELD_LAST_NAME,
  ATTEST_RECORD_FIELD_EMAIL,
  ATTEST_RECORD_FIELD_PHONE_NUMBER,
  ATTEST_RECORD_FIELD_LAST_AGREEMENT_DATE,
  ATTEST_RECORD_FIELD_PARTNER_ATTESTATION_COMPLETED,
  ATTEST_RECORD_FIELD_CUSTOMER_ACCOUNT_LINK,
} AttestRecordField;

#define ATTEST_N_RECORD_FIELDS 8

/* Outcome of a record, and the `Status` word of the results file (SPEC §5).
 * A record nothing was sent for is INVALID, NOT_MARKED or PENDING, derived
 * from its data until an outcome is set. */
typedef enum
{
  ATTEST_RECORD_STATUS_PENDING,
  ATTEST_RECORD_STATUS_NOT_MARKED,
  ATTEST_RECORD_STATUS_INVALID,
  ATTEST_RECORD_STATUS_ATTESTED,
  ATTEST_RECORD_STATUS_ALREADY_ATTESTED,
  ATTEST_RECORD_STATUS_REJECTED,
  ATTEST_RECORD_STATUS_FAILED,
} AttestRecordStatus;

/* What can be wrong with one record (SPEC §4.2, §4.3). Kept as a bit mask per
 * record: bit (1 << problem). */
typedef enum
{
  ATTEST_PROBLEM_TENANT_ID_EMPTY,
  ATTEST_PROBLEM_TENANT_ID_NOT_GUID,
  ATTEST_PROBLEM_TENANT_ID_DUPLICATE,
  ATTEST_PROBLEM_FIRST_NAME_EMPTY,
  ATTEST_PROBLEM_FIRST_NAME_TOO_LONG,
  ATTEST_PROBLEM_FIRST_NAME_CONTROL,
  ATTEST_PROBLEM_LAST_NAME_EMPTY,
  ATTEST_PROBLEM_LAST_NAME_TOO_LONG,
  ATTEST_PROBLEM_LAST_NAME_CONTROL,
  ATTEST_PROBLEM_EMAIL_EMPTY,
  ATTEST_PROBLEM_EMAIL_AT_SIGN,
  ATTEST_PROBLEM_EMAIL_LOCAL_PART,
  ATTEST_PROBLEM_EMAIL_DOMAIN,
  ATTEST_PROBLEM_EMAIL_SPACE,
  ATTEST_PROBLEM_EMAIL_TOO_LONG,
  ATTEST_PROBLEM_PHONE_CHARACTERS,
  ATTEST_PROBLEM_PHONE_DIGITS,
  ATTEST_PROBLEM_ATTESTED_VALUE,
  ATTEST_PROBLEM_TOO_FEW_FIELDS,
  ATTEST_PROBLEM_TOO_MANY_FIELDS,
  ATTEST_PROBLEM_UNCLOSED_QUOTE,
  ATTEST_PROBLEM_INVALID_BYTES,
  /* The optional columns of a request in Microsoft's current flow (SPEC
   * §13): a value given there must be one the service takes; an empty
   * one leaves it to the billing profile. */
  ATTEST_PROBLEM_COMPANY_NAME_CONTROL,
  ATTEST_PROBLEM_COUNTRY_INVALID,
  ATTEST_PROBLEM_LANGUAGE_INVALID,
  ATTEST_N_PROBLEMS
} AttestProblem;

#define ATTEST_PROBLEM_BIT(p) (1u << (p))

/* Which records the view shows (SPEC §8: the filter by status). */
typedef enum
{
  ATTEST_RECORD_FILTER_ALL,
  ATTEST_RECORD_FILTER_MARKED,
  ATTEST_RECORD_FILTER_ACTIONABLE,
  ATTEST_RECORD_FILTER_PROBLEMS,
  ATTEST_RECORD_FILTER_DONE,
  ATTEST_RECORD_FILTER_FAILED,
  /* One per state of Microsoft's current flow, in the order of
   * AttestMcaState: ATTEST_RECORD_FILTER_FOR_STATE (state). */
  ATTEST_RECORD_FILTER_UNCHECKED,
  ATTEST_RECORD_FILTER_ACCEPTED_DIRECTLY,
  ATTEST_RECORD_FILTER_ATTESTED,
  ATTEST_RECORD_FILTER_NEEDS_ACCEPTANCE,
  ATTEST_RECORD_FILTER_REQUESTED,
  ATTEST_RECORD_FILTER_MCA_DONE,
  ATTEST_RECORD_FILTER_REFUSED,
} AttestRecordFilter;

#define ATTEST_RECORD_FILTER_FOR_STATE(state) \
  ((AttestRecordFilter) (ATTEST_RECORD_FILTER_UNCHECKED + (state)))
#define ATTEST_RECORD_FILTER_LAST ATTEST_RECORD_FILTER_REFUSED

/* What the view can be sorted by. INDEX is file order. */
typedef enum
{
  ATTEST_RECORD_SORT_INDEX,
  ATTEST_RECORD_SORT_CUSTOMER_TENANT_ID,
  ATTEST_RECORD_SORT_FIRST_NAME,
  ATTEST_RECORD_SORT_LAST_NAME,
  ATTEST_RECORD_SORT_EMAIL,
  ATTEST_RECORD_SORT_PHONE_NUMBER,
  ATTEST_RECORD_SORT_LAST_AGREEMENT_DATE,
  ATTEST_RECORD_SORT_ATTESTED,
  ATTEST_RECORD_SORT_STATUS,
  ATTEST_RECORD_SORT_PROBLEM,
  ATTEST_RECORD_SORT_MCA_STATE,
  ATTEST_RECORD_SORT_COMPANY_NAME,
  ATTEST_RECORD_SORT_COUNTRY,
  ATTEST_RECORD_SORT_LANGUAGE,
} AttestRecordSort;

#define ATTEST_RECORD_SORT_LAST ATTEST_RECORD_SORT_LANGUAGE

/* The counts the status bar and the submit wizard show. `actionable` counts
 * the records ready to send (marked, valid, no outcome yet), `done`
 * ATTESTED and ALREADY_ATTESTED, `failed` REJECTED and FAILED. */
typedef struct
{
  guint total;
  guint marked;
  guint actionable;
  guint problems;
  guint done;
  guint failed;
} AttestRecordCounts;

/* One problem of a record, or of the file: `field` is the column it is about
 * (NULL for the record or file as a whole); `message` a translated sentence. */
typedef struct
{
  char *field;
  char *message;
} AttestRecordProblem;

void         attest_record_problem_free        (AttestRecordProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestRecordProblem, attest_record_problem_free)

#define ATTEST_TYPE_RECORD_STATUS (attest_record_status_get_type ())
#define ATTEST_TYPE_RECORD_FIELD  (attest_record_field_get_type ())

GType        attest_record_status_get_type     (void) G_GNUC_CONST;
GType        attest_record_field_get_type      (void) G_GNUC_CONST;

const char  *attest_record_status_to_string    (AttestRecordStatus  status);
gboolean     attest_record_status_from_string  (const char         *word,
                                                AttestRecordStatus *status);
const char  *attest_record_status_get_label    (AttestRecordStatus  status);

const char  *attest_record_field_get_column    (AttestRecordField   field);
const char  *attest_record_field_get_json_key  (AttestRecordField   field);

AttestRecordField attest_problem_get_field     (AttestProblem       problem,
                                                gboolean           *has_field);
const char  *attest_problem_get_column         (AttestProblem       problem);
const char  *attest_problem_get_message        (AttestProblem       problem);
char        *attest_problem_dup_message        (AttestProblem       problem,
                                                const char         *column);

G_END_DECLS
