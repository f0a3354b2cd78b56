/* attest-partner-agreement.h: one of a customer's agreements, as
 * GET /v1/customers/{id}/agreements lists them (reference §2.4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ATTEST_PARTNER_AGREEMENT_TYPE_MCA "MicrosoftCustomerAgreement"

#define ATTEST_TYPE_PARTNER_AGREEMENT (attest_partner_agreement_get_type ())

typedef struct _AttestPartnerAgreement AttestPartnerAgreement;

GType        attest_partner_agreement_get_type           (void) G_GNUC_CONST;

AttestPartnerAgreement *
             attest_partner_agreement_new_from_json      (JsonNode                     *item,
                                                          const char                   *where,
                                                          char                        **problem);
AttestPartnerAgreement *
             attest_partner_agreement_ref                (AttestPartnerAgreement       *self);
void         attest_partner_agreement_unref              (AttestPartnerAgreement       *self);

const char  *attest_partner_agreement_get_agreement_type (const AttestPartnerAgreement *self);
GDateTime   *attest_partner_agreement_get_date_agreed    (const AttestPartnerAgreement *self);
const char  *attest_partner_agreement_get_template_id    (const AttestPartnerAgreement *self);
const char  *attest_partner_agreement_get_first_name     (const AttestPartnerAgreement *self);
const char  *attest_partner_agreement_get_last_name      (const AttestPartnerAgreement *self);
const char  *attest_partner_agreement_get_email          (const AttestPartnerAgreement *self);
const char  *attest_partner_agreement_get_phone_number   (const AttestPartnerAgreement *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestPartnerAgreement, attest_partner_agreement_unref)

G_END_DECLS
