/* attest-batch-send.h: one batch sent, and sent again, until it has its
 * outcome (SPEC §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-concurrency.h"
#include "attest-partner-client.h"

G_BEGIN_DECLS

typedef enum
{
  ATTEST_BATCH_ACCEPTED,   /* every record is attested */
  ATTEST_BATCH_REFUSED,    /* Partner Center refused it and did nothing: see the error */
  ATTEST_BATCH_SIGN_IN,    /* the sign-in or the role was refused: the run stops */
  ATTEST_BATCH_NO_ANSWER,  /* no answer to the last try: it may have been carried out */
  ATTEST_BATCH_FAILED,     /* tried as often as the policy allows, or failed for good */
  ATTEST_BATCH_STOPPED,    /* not tried again because the run stops */
} AttestBatchResult;

typedef struct
{
  AttestBatchResult  result;
  GError            *error;      /* the last try's error; NULL when accepted */
  guint              attempts;
} AttestBatchOutcome;

void                attest_batch_outcome_free (AttestBatchOutcome    *outcome);

void                attest_batch_send_async   (AttestPartnerClient   *client,
                                               AttestPartnerRequest  *request,
                                               guint                  number,
                                               AttestRetryPolicy     *policy,
                                               AttestConcurrency     *concurrency,
                                               GCancellable          *stop_signal,
                                               GAsyncReadyCallback    callback,
                                               gpointer               user_data);
AttestBatchOutcome *attest_batch_send_finish  (GAsyncResult          *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestBatchOutcome, attest_batch_outcome_free)

G_END_DECLS
