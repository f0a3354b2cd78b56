/* attest-partner-customer.h: a customer as GET /v1/customers lists it
 * (reference §2.6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ATTEST_TYPE_PARTNER_CUSTOMER (attest_partner_customer_get_type ())

typedef struct _AttestPartnerCustomer AttestPartnerCustomer;

GType        attest_partner_customer_get_type         (void) G_GNUC_CONST;

AttestPartnerCustomer *
             attest_partner_customer_new              (const char                   *tenant_id,
                                                       const char                   *company_name,
                                                       const char                   *domain);
AttestPartnerCustomer *
             attest_partner_customer_new_from_json    (JsonNode                     *item,
                                                       const char                   *where,
                                                       char                        **problem);
AttestPartnerCustomer *
             attest_partner_customer_ref              (AttestPartnerCustomer        *self);
void         attest_partner_customer_unref            (AttestPartnerCustomer        *self);

const char  *attest_partner_customer_get_tenant_id    (const AttestPartnerCustomer  *self);
const char  *attest_partner_customer_get_company_name (const AttestPartnerCustomer  *self);
const char  *attest_partner_customer_get_domain       (const AttestPartnerCustomer  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestPartnerCustomer, attest_partner_customer_unref)

G_END_DECLS
