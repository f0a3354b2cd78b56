/* attest-sandbox-judge.h: the rules an attestation must follow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "attest-sandbox-agreements.h"
#include "attest-sandbox-customers.h"

G_BEGIN_DECLS

typedef enum
{
  ATTEST_SANDBOX_VERDICT_OK,
  ATTEST_SANDBOX_VERDICT_INVALID,
  ATTEST_SANDBOX_VERDICT_FUTURE_DATE,
  ATTEST_SANDBOX_VERDICT_ALREADY_ATTESTED,
} AttestSandboxVerdict;

typedef struct _AttestSandboxJudge AttestSandboxJudge;

gboolean   attest_sandbox_email_is_valid    (const char                             *email);
gboolean   attest_sandbox_is_blank          (const char                             *text);

AttestSandboxJudge *
           attest_sandbox_judge_new         (AttestSandboxCustomers                 *customers);
void       attest_sandbox_judge_free        (AttestSandboxJudge                     *self);
AttestSandboxVerdict
           attest_sandbox_judge_agreement   (AttestSandboxJudge                     *self,
                                             const char                             *customer_id,
                                             const AttestSandboxAgreement           *agreement,
                                             const char                            **problem);
gboolean   attest_sandbox_judge_attestation (const AttestSandboxAttestationDetails  *details,
                                             const char                            **field,
                                             const char                            **problem);

void       attest_sandbox_respond_future_date (SoupServerMessage                    *msg,
                                               GPtrArray                            *customer_ids);
void       attest_sandbox_respond_already_exists (SoupServerMessage                 *msg,
                                                  GPtrArray                         *customer_ids);
gboolean   attest_sandbox_respond_verdict   (SoupServerMessage                      *msg,
                                             AttestSandboxVerdict                    verdict,
                                             const char                             *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSandboxJudge, attest_sandbox_judge_free)

G_END_DECLS
