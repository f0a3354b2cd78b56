/* attest-sandbox-current-flow.c: what tests set and see of Microsoft's current flow
 *
 * The part of AttestSandbox's API that concerns the flow Microsoft serves
 * since 2026-01-05 (SPEC §13): the partner's web app and its AppOnly
 * tokens, what the reads show of each customer, the attestations and
 * their acceptance, and the switches between that flow and the classic one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-current-flow"

#include "config.h"

#include "attest-sandbox-private.h"

/* Whether the sandbox serves the classic service of SPEC §5, whose writes
 * (POST /v1/CreateBulkReAttestation, and POST /v1/customers/{id}/agreements
 * without an attestationId) Microsoft retired on 2026-01-05. By default it
 * serves the current one and refuses them, naming no customer, as the
 * real service does; the rest, reads and the current flow, is served
 * either way. */
void
attest_sandbox_set_classic (AttestSandbox *self,
                            gboolean       classic)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  attest_sandbox_partner_set_classic (self->partner, classic);
}

gboolean
attest_sandbox_get_classic (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), FALSE);

  return attest_sandbox_partner_get_classic (self->partner);
}

/* The customer leaves the partner: every read of it answers 404 from now
 * on. Pointers to it from attest_sandbox_get_customer() and
 * attest_sandbox_lookup_customer() are no longer valid. Returns FALSE when
 * there is no such customer. */
gboolean
attest_sandbox_remove_customer (AttestSandbox *self,
                                const char    *customer_id)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (customer_id != NULL, FALSE);

  /* A copy: @customer_id may be the customer's own string. */
  id = g_strdup (customer_id);
  if (!attest_sandbox_customers_remove (self->customers, id))
    return FALSE;
  attest_sandbox_mca_forget_customer (self->mca, id);

  return TRUE;
}

/* The private records list of Microsoft's tool
 * (/v1/partners/customeragreementrecords) is served unless switched off
 * here; then it answers 404, and a client lists /v1/customers instead. */
void
attest_sandbox_set_records_list_served (AttestSandbox *self,
                                        gboolean       served)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  attest_sandbox_partner_set_records_list_served (self->partner, served);
}

AttestSandboxMcaSeed
attest_sandbox_get_customer_mca_seed (AttestSandbox *self,
                                      const char    *customer_id)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), ATTEST_SANDBOX_MCA_SEED_NONE);
  g_return_val_if_fail (customer_id != NULL, ATTEST_SANDBOX_MCA_SEED_NONE);

  return attest_sandbox_mca_get_seed (self->mca, customer_id);
}

/* The customer accepts the MCA itself in the Microsoft 365 admin center
 * (@is_signed TRUE), or is seen not to have; directSigned… says so from
 * now on. Returns FALSE when there is no such customer. */
gboolean
attest_sandbox_set_direct_signed (AttestSandbox *self,
                                  const char    *customer_id,
                                  gboolean       is_signed)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (customer_id != NULL, FALSE);

  if (attest_sandbox_customers_lookup (self->customers, customer_id) == NULL)
    return FALSE;
  attest_sandbox_mca_set_signed (self->mca, customer_id, is_signed);

  return TRUE;
}

/* The partner's web app (AppOnly), for the client credentials grant. */

const char *
attest_sandbox_get_app_client_id (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);

  return attest_sandbox_app_only_get_client_id (self->app_only);
}

/* A fixture of the tests and `attest sandbox`, not a secret: it follows
 * from the seed. */
const char *
attest_sandbox_get_app_client_secret (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);

  return attest_sandbox_app_only_get_secret (self->app_only);
}

/* From now on the token endpoint refuses the app's secret as expired
 * (AADSTS7000222). */
void
attest_sandbox_expire_app_secret (AttestSandbox *self)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  attest_sandbox_app_only_expire_secret (self->app_only);
}

/* An AppOnly access token of the web app for @tenant_id (NULL: the
 * partner's), valid for the token lifetime, as the client credentials
 * grant gives it. */
char *
attest_sandbox_mint_app_token (AttestSandbox *self,
                               const char    *tenant_id)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);

  if (tenant_id == NULL)
    tenant_id = attest_sandbox_tenant_get_id (self->tenant);

  return attest_sandbox_app_only_mint_token (self->app_only, tenant_id,
                                             attest_sandbox_entra_get_token_lifetime (self->entra));
}

/* The customer accepts on the page of the attestation's link, as a test
 * would have a person do. Returns TRUE when the attestation is accepted
 * (now or before, or completed since); FALSE when there is none with
 * @attestation_id or it has expired. */
gboolean
attest_sandbox_accept_attestation (AttestSandbox *self,
                                   const char    *attestation_id)
{
  AttestSandboxAttestationState state;

  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (attestation_id != NULL, FALSE);

  state = attest_sandbox_attestations_accept (self->attestations, attestation_id);

  return state == ATTEST_SANDBOX_ATTESTATION_ACCEPTED
         || state == ATTEST_SANDBOX_ATTESTATION_COMPLETED;
}

/* The attestation's time runs out now: its link shows that it expired,
 * its completion is refused. A completed one stays completed. Returns
 * FALSE when there is none with @attestation_id. */
gboolean
attest_sandbox_expire_attestation (AttestSandbox *self,
                                   const char    *attestation_id)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (attestation_id != NULL, FALSE);

  return attest_sandbox_attestations_expire (self->attestations, attestation_id);
}

/* How many attestations POST /v1/attestations/enhanced created. */
guint
attest_sandbox_count_attestations (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), 0);

  return attest_sandbox_attestations_get_count (self->attestations);
}
