/* attest-sandbox-attestations.c: the enhanced attestations and their lives
 *
 * An attestation is created by POST /v1/attestations/enhanced with the
 * customer's company and signatory, and names no customer
 * (mca-current-flow §5). Its link leads to the acceptance page, where the
 * customer accepts (attest-sandbox-acceptance-page.c); the partner then
 * completes it, creating the customer's agreement with its ID. An
 * attestation not completed within its lifetime expires, and so does one
 * a test expires. A completed one stays completed. IDs follow from the
 * seed, in the order the attestations are made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-attestations"

#include "config.h"

#include "attest-sandbox-attestations.h"
#include "attest-sandbox-util.h"

/* How long a link lasts: Microsoft does not say; a month is what a
 * customer may plausibly take. */
#define LIFETIME (G_GINT64_CONSTANT (30) * 24 * 3600 * G_USEC_PER_SEC)

struct _AttestSandboxAttestations
{
  GRand      *rand;           /* for the IDs */
  GHashTable *attestations;   /* ID → AttestSandboxAttestation, owning its strings */
};

static void
attestation_free (gpointer data)
{
  AttestSandboxAttestation *attestation = data;

  g_free ((char *) attestation->id);
  g_free ((char *) attestation->country);
  g_free ((char *) attestation->language);
  g_free ((char *) attestation->company_name);
  g_free ((char *) attestation->first_name);
  g_free ((char *) attestation->last_name);
  g_free ((char *) attestation->email);
  g_free ((char *) attestation->phone_number);
  g_free ((char *) attestation->customer_id);
  g_free (attestation);
}

AttestSandboxAttestations *
attest_sandbox_attestations_new (guint32 seed)
{
  AttestSandboxAttestations *self = g_new0 (AttestSandboxAttestations, 1);

  self->rand = g_rand_new_with_seed (seed ^ 0x0a77e570);
  self->attestations = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, attestation_free);

  return self;
}

void
attest_sandbox_attestations_free (AttestSandboxAttestations *self)
{
  g_hash_table_unref (self->attestations);
  g_rand_free (self->rand);
  g_free (self);
}

/* A new pending attestation with what @details says, which was checked. */
const AttestSandboxAttestation *
attest_sandbox_attestations_create (AttestSandboxAttestations             *self,
                                    const AttestSandboxAttestationDetails *details)
{
  AttestSandboxAttestation *attestation = g_new0 (AttestSandboxAttestation, 1);

  attestation->id = attest_sandbox_new_guid (self->rand);
  attestation->country = g_strdup (details->country);
  attestation->language = g_strdup (details->language);
  attestation->company_name = g_strdup (details->company_name);
  attestation->first_name = g_strdup (details->first_name);
  attestation->last_name = g_strdup (details->last_name);
  attestation->email = g_strdup (details->email);
  attestation->phone_number = g_strdup (details->phone_number);
  attestation->created = g_get_real_time ();
  attestation->expires = attestation->created + LIFETIME;
  g_hash_table_insert (self->attestations, (char *) attestation->id, attestation);

  return attestation;
}

const AttestSandboxAttestation *
attest_sandbox_attestations_lookup (AttestSandboxAttestations *self,
                                    const char                *id)
{
  return g_hash_table_lookup (self->attestations, id);
}

static AttestSandboxAttestationState
state_of (const AttestSandboxAttestation *attestation)
{
  if (attestation == NULL)
    return ATTEST_SANDBOX_ATTESTATION_UNKNOWN;
  if (attestation->customer_id != NULL)
    return ATTEST_SANDBOX_ATTESTATION_COMPLETED;
  if (g_get_real_time () >= attestation->expires)
    return ATTEST_SANDBOX_ATTESTATION_EXPIRED;
  if (attestation->accepted != 0)
    return ATTEST_SANDBOX_ATTESTATION_ACCEPTED;

  return ATTEST_SANDBOX_ATTESTATION_PENDING;
}

AttestSandboxAttestationState
attest_sandbox_attestations_get_state (AttestSandboxAttestations *self,
                                       const char                *id)
{
  return state_of (g_hash_table_lookup (self->attestations, id));
}

/* The customer accepts: a pending attestation becomes accepted; any
 * other keeps its state. Returns the state after. */
AttestSandboxAttestationState
attest_sandbox_attestations_accept (AttestSandboxAttestations *self,
                                    const char                *id)
{
  AttestSandboxAttestation *attestation = g_hash_table_lookup (self->attestations, id);

  if (state_of (attestation) == ATTEST_SANDBOX_ATTESTATION_PENDING)
    attestation->accepted = g_get_real_time ();

  return state_of (attestation);
}

/* Its time runs out now, unless it was completed. Returns FALSE when
 * there is no such attestation. */
gboolean
attest_sandbox_attestations_expire (AttestSandboxAttestations *self,
                                    const char                *id)
{
  AttestSandboxAttestation *attestation = g_hash_table_lookup (self->attestations, id);

  if (attestation == NULL)
    return FALSE;

  attestation->expires = MIN (attestation->expires, g_get_real_time ());

  return TRUE;
}

/* The customer's agreement was created with the attestation, which must
 * be accepted. */
void
attest_sandbox_attestations_complete (AttestSandboxAttestations *self,
                                      const char                *id,
                                      const char                *customer_id)
{
  AttestSandboxAttestation *attestation = g_hash_table_lookup (self->attestations, id);

  g_return_if_fail (state_of (attestation) == ATTEST_SANDBOX_ATTESTATION_ACCEPTED);

  attestation->customer_id = g_strdup (customer_id);
}

guint
attest_sandbox_attestations_get_count (AttestSandboxAttestations *self)
{
  return g_hash_table_size (self->attestations);
}
