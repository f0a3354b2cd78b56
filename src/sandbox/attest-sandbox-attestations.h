/* attest-sandbox-attestations.h: the enhanced attestations and their lives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-sandbox-agreements.h"

G_BEGIN_DECLS

typedef enum
{
  ATTEST_SANDBOX_ATTESTATION_UNKNOWN,
  ATTEST_SANDBOX_ATTESTATION_PENDING,    /* the link is out, the customer has not accepted */
  ATTEST_SANDBOX_ATTESTATION_ACCEPTED,   /* accepted on the page, not completed yet */
  ATTEST_SANDBOX_ATTESTATION_EXPIRED,    /* its time ran out before it was completed */
  ATTEST_SANDBOX_ATTESTATION_COMPLETED,  /* the customer's agreement was created with it */
} AttestSandboxAttestationState;

/* One attestation: what it was created with, and how far it got. Times
 * are real times, microseconds since the epoch. */
typedef struct
{
  const char *id;
  const char *country;
  const char *language;
  const char *company_name;
  const char *first_name;
  const char *last_name;
  const char *email;
  const char *phone_number;
  gint64      created;
  gint64      expires;
  gint64      accepted;      /* 0 until accepted */
  const char *customer_id;   /* whose agreement it completed; NULL until then */
} AttestSandboxAttestation;

typedef struct _AttestSandboxAttestations AttestSandboxAttestations;

AttestSandboxAttestations *
      attest_sandbox_attestations_new       (guint32                                seed);
void  attest_sandbox_attestations_free      (AttestSandboxAttestations             *self);
const AttestSandboxAttestation *
      attest_sandbox_attestations_create    (AttestSandboxAttestations             *self,
                                             const AttestSandboxAttestationDetails *details);
const AttestSandboxAttestation *
      attest_sandbox_attestations_lookup    (AttestSandboxAttestations             *self,
                                             const char                            *id);
AttestSandboxAttestationState
      attest_sandbox_attestations_get_state (AttestSandboxAttestations             *self,
                                             const char                            *id);
AttestSandboxAttestationState
      attest_sandbox_attestations_accept    (AttestSandboxAttestations             *self,
                                             const char                            *id);
gboolean attest_sandbox_attestations_expire (AttestSandboxAttestations             *self,
                                             const char                            *id);
void  attest_sandbox_attestations_complete  (AttestSandboxAttestations             *self,
                                             const char                            *id,
                                             const char                            *customer_id);
guint attest_sandbox_attestations_get_count (AttestSandboxAttestations             *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSandboxAttestations, attest_sandbox_attestations_free)

G_END_DECLS
