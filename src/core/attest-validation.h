/* attest-validation.h: the rules a record must pass before it is sent
 * (SPEC §4.3), and the date agreed of a run
 *
 * Every function here is pure and thread-safe: the CSV reader calls them from
 * its worker threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-record-types.h"

G_BEGIN_DECLS

#define ATTEST_VALIDATION_ERROR (attest_validation_error_quark ())

typedef enum
{
  ATTEST_VALIDATION_ERROR_DATE_FORMAT,
  ATTEST_VALIDATION_ERROR_DATE_FUTURE,
  ATTEST_VALIDATION_ERROR_DATE_NO_SUCH_DAY,  /* written YYYY-MM-DD, but no day of the calendar */
} AttestValidationError;

/* A customer tenant ID as 128 bits, for comparing IDs whatever their case. */
typedef struct
{
  guint64 high;
  guint64 low;
} AttestGuid;

/* The tri-state of PartnerAttestationCompleted. */
typedef enum
{
  ATTEST_BOOLEAN_FALSE,
  ATTEST_BOOLEAN_TRUE,
  ATTEST_BOOLEAN_INVALID,
} AttestBoolean;

/* The optional columns with which a partner corrects what a customer's
 * billing profile says, for a request of Microsoft's current flow (SPEC §13
 * "Request"); the same rules hold for the billing profile's own values. */
typedef enum
{
  ATTEST_REQUEST_FIELD_COMPANY_NAME,
  ATTEST_REQUEST_FIELD_COUNTRY,
  ATTEST_REQUEST_FIELD_LANGUAGE,
} AttestRequestField;

#define ATTEST_N_REQUEST_FIELDS 3

typedef enum
{
  ATTEST_REQUEST_PROBLEM_NONE,
  ATTEST_REQUEST_PROBLEM_MISSING,
  ATTEST_REQUEST_PROBLEM_CONTROL,   /* the company name holds invisible control characters */
  ATTEST_REQUEST_PROBLEM_INVALID,   /* not a country code, not a language tag */
} AttestRequestProblem;

/* The four contact fields of a record, as (text, length) pairs; text need not
 * be NUL-terminated. */
typedef struct
{
  const char *tenant_id;
  gsize       tenant_id_len;
  const char *first_name;
  gsize       first_name_len;
  const char *last_name;
  gsize       last_name_len;
  const char *email;
  gsize       email_len;
  const char *phone;
  gsize       phone_len;
} AttestContactFields;

GQuark         attest_validation_error_quark     (void);

gboolean       attest_guid_parse                 (const char          *text,
                                                  gsize                len,
                                                  AttestGuid          *guid);
AttestBoolean  attest_boolean_parse              (const char          *text,
                                                  gsize                len);
guint32        attest_validate_name              (const char          *text,
                                                  gsize                len,
                                                  gboolean             last_name);
guint32        attest_validate_email             (const char          *text,
                                                  gsize                len);
guint32        attest_validate_phone             (const char          *text,
                                                  gsize                len);
guint32        attest_validate_contact           (const AttestContactFields *fields,
                                                  AttestGuid          *guid,
                                                  gboolean            *has_guid);

const char    *attest_request_field_get_column   (AttestRequestField   field);
gboolean       attest_request_field_from_column  (const char          *column,
                                                  AttestRequestField  *field);
AttestRequestProblem attest_validate_request_field (AttestRequestField field,
                                                    const char        *text,
                                                    gsize              len);
char          *attest_request_problem_dup_message (AttestRequestField   field,
                                                   AttestRequestProblem problem,
                                                   const char          *text,
                                                   gsize                len);

gboolean       attest_cell_needs_neutralizing    (const char          *text,
                                                  gsize                len);
gsize          attest_cell_neutralized_prefix    (const char          *text,
                                                  gsize                len);

char          *attest_format_agreement_epoch     (gint64               epoch);
GDate         *attest_date_agreed_parse          (const char          *text,
                                                  GDateTime           *now,
                                                  GError             **error);

G_END_DECLS
