/* attest-mca-customer.h: what the ledger knows of one customer in
 * Microsoft's current flow, and a request journaled for it (SPEC §13)
 *
 * Both are values: the ledger makes a new one for every change, so one a
 * caller holds never changes under it. A customer also keeps the values of
 * its billing profile as last read (the signatory, company, country and
 * language a request falls back on).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-mca-state.h"
#include "attest-partner-request.h"

G_BEGIN_DECLS

/* Which call a journaled request is. */
typedef enum
{
  ATTEST_MCA_INTENT_ATTESTATION,  /* POST /v1/attestations/enhanced */
  ATTEST_MCA_INTENT_COMPLETION,   /* the create-agreement call with the attestation ID */
} AttestMcaIntentKind;

#define ATTEST_TYPE_MCA_INTENT   (attest_mca_intent_get_type ())
#define ATTEST_TYPE_MCA_CUSTOMER (attest_mca_customer_get_type ())

typedef struct _AttestMcaIntent   AttestMcaIntent;
typedef struct _AttestMcaCustomer AttestMcaCustomer;

char                 *attest_mca_format_time             (GDateTime           *time);

const char           *attest_mca_intent_kind_to_string   (AttestMcaIntentKind  kind);
gboolean              attest_mca_intent_kind_from_string (const char          *word,
                                                          AttestMcaIntentKind *kind);

GType                 attest_mca_intent_get_type         (void) G_GNUC_CONST;
AttestMcaIntent      *attest_mca_intent_ref              (AttestMcaIntent     *self);
void                  attest_mca_intent_unref            (AttestMcaIntent     *self);
const char           *attest_mca_intent_get_customer_id  (const AttestMcaIntent *self);
AttestMcaIntentKind   attest_mca_intent_get_kind         (const AttestMcaIntent *self);
const char           *attest_mca_intent_get_run_id       (const AttestMcaIntent *self);
GDateTime            *attest_mca_intent_get_recorded_at  (const AttestMcaIntent *self);
AttestPartnerRequest *attest_mca_intent_get_request      (const AttestMcaIntent *self);
const char           *attest_mca_intent_get_message      (const AttestMcaIntent *self);

GType                 attest_mca_customer_get_type       (void) G_GNUC_CONST;
AttestMcaCustomer    *attest_mca_customer_ref            (AttestMcaCustomer   *self);
void                  attest_mca_customer_unref          (AttestMcaCustomer   *self);
const char           *attest_mca_customer_get_id         (const AttestMcaCustomer *self);
AttestMcaState        attest_mca_customer_get_state      (const AttestMcaCustomer *self);
GDateTime            *attest_mca_customer_get_seen_at    (const AttestMcaCustomer *self);
const char           *attest_mca_customer_get_message    (const AttestMcaCustomer *self);
const char           *attest_mca_customer_get_company_name (const AttestMcaCustomer *self);
const char           *attest_mca_customer_get_first_name (const AttestMcaCustomer *self);
const char           *attest_mca_customer_get_last_name  (const AttestMcaCustomer *self);
const char           *attest_mca_customer_get_email      (const AttestMcaCustomer *self);
const char           *attest_mca_customer_get_attestation_id (const AttestMcaCustomer *self);
const char           *attest_mca_customer_get_link       (const AttestMcaCustomer *self);
GDateTime            *attest_mca_customer_get_requested_at (const AttestMcaCustomer *self);
const char           *attest_mca_customer_get_request_run_id (const AttestMcaCustomer *self);
GDateTime            *attest_mca_customer_get_completed_at (const AttestMcaCustomer *self);
const char           *attest_mca_customer_get_completion_run_id (const AttestMcaCustomer *self);
const char           *attest_mca_customer_get_request_id (const AttestMcaCustomer *self);
const char           *attest_mca_customer_get_correlation_id (const AttestMcaCustomer *self);
const char           *attest_mca_customer_get_answer_run_id (const AttestMcaCustomer *self);
AttestMcaIntent      *attest_mca_customer_get_pending    (const AttestMcaCustomer *self);
GDateTime            *attest_mca_customer_get_profile_seen_at (const AttestMcaCustomer *self);
const char           *attest_mca_customer_get_profile_first_name (const AttestMcaCustomer *self);
const char           *attest_mca_customer_get_profile_last_name (const AttestMcaCustomer *self);
const char           *attest_mca_customer_get_profile_email (const AttestMcaCustomer *self);
const char           *attest_mca_customer_get_profile_phone_number
                                                         (const AttestMcaCustomer *self);
const char           *attest_mca_customer_get_profile_company_name
                                                         (const AttestMcaCustomer *self);
const char           *attest_mca_customer_get_profile_country (const AttestMcaCustomer *self);
const char           *attest_mca_customer_get_profile_culture (const AttestMcaCustomer *self);
const char           *attest_mca_customer_get_profile_language (const AttestMcaCustomer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestMcaIntent, attest_mca_intent_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestMcaCustomer, attest_mca_customer_unref)

G_END_DECLS
