/* attest-sandbox-mca.h: each customer's Microsoft Customer Agreement in the current flow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-sandbox.h"
#include "attest-sandbox-agreements.h"
#include "attest-sandbox-customers.h"

G_BEGIN_DECLS

typedef struct _AttestSandboxMca AttestSandboxMca;

/* One agreement of a customer, as the agreements read lists it. */
typedef struct
{
  const char *type;          /* ATTEST_SANDBOX_MCA_TYPE or ATTEST_SANDBOX_CLOUD_TYPE */
  const char *template_id;   /* NULL: the sandbox's MCA template */
  const char *date_agreed;   /* as the service sends it */
  const char *first_name;
  const char *last_name;
  const char *email;
  const char *phone_number;
} AttestSandboxMcaAgreement;

/* A customer's billing profile; NULL where the profile has no value. */
typedef struct
{
  char        id[37];
  const char *first_name;
  const char *last_name;
  const char *email;
  const char *phone_number;
  const char *culture;
  const char *language;
  const char *company_name;
  const char *country;
  const char *region;
  const char *city;
  const char *address_line1;
  const char *postal_code;
} AttestSandboxBillingProfile;

AttestSandboxMca    *attest_sandbox_mca_new             (guint32                       seed,
                                                         AttestSandboxCustomers       *customers);
void                 attest_sandbox_mca_free            (AttestSandboxMca             *self);
void                 attest_sandbox_mca_forget_customers (AttestSandboxMca            *self);
void                 attest_sandbox_mca_forget_customer (AttestSandboxMca             *self,
                                                         const char                   *customer_id);

AttestSandboxMcaSeed attest_sandbox_mca_get_seed        (AttestSandboxMca             *self,
                                                         const char                   *customer_id);
gboolean             attest_sandbox_mca_is_signed       (AttestSandboxMca             *self,
                                                         const char                   *customer_id);
void                 attest_sandbox_mca_set_signed      (AttestSandboxMca             *self,
                                                         const char                   *customer_id,
                                                         gboolean                      is_signed);
GArray              *attest_sandbox_mca_list_agreements (AttestSandboxMca             *self,
                                                         const char                   *customer_id,
                                                         GStringChunk                 *strings);
void                 attest_sandbox_mca_get_billing_profile (AttestSandboxMca         *self,
                                                         const char                   *customer_id,
                                                         AttestSandboxBillingProfile  *profile);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSandboxMca, attest_sandbox_mca_free)

G_END_DECLS
