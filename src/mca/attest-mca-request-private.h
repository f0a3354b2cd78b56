/* attest-mca-request-private.h: the insides of a request run, shared by
 * attest-mca-request.c (what to send) and attest-mca-request-run.c
 * (sending it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-mca-request.h"
#include "attest-mca-send.h"

G_BEGIN_DECLS

struct _AttestMcaRequest
{
  GObject                parent_instance;

  AttestPartnerClient   *client;
  AttestMcaLedger       *ledger;
  AttestMcaRequestFlags  flags;
  GPtrArray             *members;     /* AttestMcaRunMember, once prepared or resumed */
  GPtrArray             *problems;    /* char *: a sentence naming the line */
  AttestMcaRun          *run;         /* once begun, or the run resumed */

  /* Reading billing profiles while preparing. */
  guint                  n_profiles;
  guint                  n_profiles_read;

  /* Sending. */
  guint                  n_customers;
  guint                  n_done;
  AttestMcaSendQueue    *queue;
  GTask                 *run_task;
};

enum
{
  ATTEST_MCA_REQUEST_SIGNAL_CUSTOMER_DONE,
  ATTEST_MCA_REQUEST_N_SIGNALS
};

extern guint _attest_mca_request_signals[ATTEST_MCA_REQUEST_N_SIGNALS];

void     _attest_mca_request_notify_progress (AttestMcaRequest  *self);
gboolean _attest_mca_request_answered_since  (AttestMcaLedger   *ledger,
                                              AttestMcaCustomer *customer,
                                              AttestMcaRun      *run);

G_END_DECLS
