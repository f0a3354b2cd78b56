/* attest-billing-profile.h: a customer's billing profile, as
 * GET /v1/customers/{id}/profiles/billing gives it (reference
 * mca-current-flow §2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ATTEST_TYPE_BILLING_PROFILE (attest_billing_profile_get_type ())

typedef struct _AttestBillingProfile AttestBillingProfile;

GType                 attest_billing_profile_get_type         (void) G_GNUC_CONST;

AttestBillingProfile *attest_billing_profile_new_from_json    (JsonNode                   *root,
                                                               char                      **problem);
AttestBillingProfile *attest_billing_profile_ref              (AttestBillingProfile       *self);
void                  attest_billing_profile_unref            (AttestBillingProfile       *self);

const char           *attest_billing_profile_get_first_name   (const AttestBillingProfile *self);
const char           *attest_billing_profile_get_last_name    (const AttestBillingProfile *self);
const char           *attest_billing_profile_get_email        (const AttestBillingProfile *self);
const char           *attest_billing_profile_get_phone_number (const AttestBillingProfile *self);
const char           *attest_billing_profile_get_culture      (const AttestBillingProfile *self);
const char           *attest_billing_profile_get_language     (const AttestBillingProfile *self);
const char           *attest_billing_profile_get_company_name (const AttestBillingProfile *self);
const char           *attest_billing_profile_get_country      (const AttestBillingProfile *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestBillingProfile, attest_billing_profile_unref)

G_END_DECLS
