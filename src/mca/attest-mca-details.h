/* attest-mca-details.h: what an attestation asks one customer to accept,
 * and what is wrong with it (SPEC §13 "Request")
 *
 * The partner's file says what it knows of each marked customer; the
 * customer's billing profile says the rest. Company name, country and
 * language come from the file's optional CompanyName, Country and Language
 * columns (the partner's correction) when a row has a value there, else
 * from the billing profile: the country exactly as given, the language the
 * profile's culture when that is a BCP 47 tag, else its language. The
 * signatory is the row's contact when it has one, else the profile's. A
 * value missing from both, or not valid, is a problem on that row naming
 * the field and where the value came from: nothing is guessed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-billing-profile.h"
#include "attest-mca-customer.h"
#include "attest-mca-shapes.h"
#include "attest-record-store.h"

G_BEGIN_DECLS

/* The values of an attestation, in the order of the body. */
typedef enum
{
  ATTEST_MCA_DETAIL_COMPANY_NAME,
  ATTEST_MCA_DETAIL_COUNTRY,
  ATTEST_MCA_DETAIL_LANGUAGE,
  ATTEST_MCA_DETAIL_FIRST_NAME,
  ATTEST_MCA_DETAIL_LAST_NAME,
  ATTEST_MCA_DETAIL_EMAIL,
  ATTEST_MCA_DETAIL_PHONE_NUMBER,
} AttestMcaDetail;

#define ATTEST_MCA_N_DETAILS 7

/* Where a value came from. */
typedef enum
{
  ATTEST_MCA_SOURCE_NONE,     /* neither the file nor the billing profile has it */
  ATTEST_MCA_SOURCE_FILE,     /* the customer's row in the partner's file */
  ATTEST_MCA_SOURCE_PROFILE,  /* the customer's billing profile */
} AttestMcaSource;

/* One marked customer of the partner's file. A value is NULL when the file
 * has no such column, and as the cell holds it otherwise. */
typedef struct
{
  guint  line;                           /* of the row in the file; 0 when not from a file */
  char  *customer_id;
  char  *values[ATTEST_MCA_N_DETAILS];
} AttestMcaRow;

/* What a billing profile says, borrowed; NULL where it says nothing. */
typedef struct
{
  const char *first_name;
  const char *last_name;
  const char *email;
  const char *phone_number;
  const char *company_name;
  const char *country;
  const char *culture;
  const char *language;
} AttestMcaProfileValues;

/* A problem of one customer's details: which value, where it came from,
 * and a sentence that says what is wrong and what to write. */
typedef struct
{
  AttestMcaDetail  detail;
  AttestMcaSource  source;
  char            *message;
} AttestMcaDetailsProblem;

#define ATTEST_TYPE_MCA_DETAILS (attest_mca_details_get_type ())

typedef struct _AttestMcaDetails AttestMcaDetails;

const char   *attest_mca_detail_get_column          (AttestMcaDetail             detail);
AttestMcaRow *attest_mca_row_new                    (guint                       line,
                                                     const char                 *customer_id);
void          attest_mca_row_set                    (AttestMcaRow               *row,
                                                     AttestMcaDetail             detail,
                                                     const char                 *value);
gboolean      attest_mca_row_has_contact            (const AttestMcaRow         *row);
gboolean      attest_mca_row_needs_profile          (const AttestMcaRow         *row);
void          attest_mca_row_free                   (AttestMcaRow               *row);
GPtrArray    *attest_mca_rows_from_store            (AttestRecordStore          *store,
                                                     GPtrArray                  *problems);
void          attest_mca_profile_init               (AttestMcaProfileValues     *profile,
                                                     const AttestBillingProfile *billing);
gboolean      attest_mca_profile_init_from_customer (AttestMcaProfileValues     *profile,
                                                     const AttestMcaCustomer    *customer);

GType             attest_mca_details_get_type          (void) G_GNUC_CONST;
AttestMcaDetails *attest_mca_details_new               (const AttestMcaRow            *row,
                                                        const AttestMcaProfileValues  *profile);
AttestMcaDetails *attest_mca_details_ref               (AttestMcaDetails              *self);
void              attest_mca_details_unref             (AttestMcaDetails              *self);
const char       *attest_mca_details_get_customer_id   (const AttestMcaDetails        *self);
guint             attest_mca_details_get_line          (const AttestMcaDetails        *self);
const char       *attest_mca_details_get_value         (const AttestMcaDetails        *self,
                                                        AttestMcaDetail                detail);
AttestMcaSource   attest_mca_details_get_source        (const AttestMcaDetails        *self,
                                                        AttestMcaDetail                detail);
GPtrArray        *attest_mca_details_get_problems      (const AttestMcaDetails        *self);
gboolean          attest_mca_details_is_complete       (const AttestMcaDetails        *self);
void              attest_mca_details_get_attestation   (const AttestMcaDetails        *self,
                                                        AttestAttestationDetails      *attestation);
char             *attest_mca_details_dup_summary       (const AttestMcaDetails        *self);
char             *attest_mca_details_problem_to_string (const AttestMcaDetailsProblem *problem,
                                                        guint                          line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestMcaRow, attest_mca_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestMcaDetails, attest_mca_details_unref)

G_END_DECLS
