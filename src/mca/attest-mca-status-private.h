/* attest-mca-status-private.h: what the status check's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-mca-status.h"

G_BEGIN_DECLS

struct _AttestMcaStatusCheck
{
  GObject              parent_instance;

  AttestPartnerClient *client;
  AttestMcaLedger     *ledger;
  guint                concurrency;

  GPtrArray           *results;     /* AttestMcaStatusResult, in the order given or listed */
  GHashTable          *ids;         /* the customer IDs in lower case: each is checked once */
  gboolean             given;       /* customers were given: none are listed */
  guint                next;        /* the first result whose check has not started */
  guint                n_checked;
  guint                n_failed;
  guint                n_settled;
  guint                n_read;      /* customers whose reads told their state */
  guint                counts[ATTEST_N_MCA_STATES];
  guint                requests[ATTEST_N_MCA_STATES];

  GTask               *task;        /* the run, while it runs */
  GCancellable        *cancellable; /* the run's own: cancelled with the caller's, or to stop */
  gulong               cancelled_id;
  guint                n_busy;      /* of the slots: customers being read, and the listing */
  gboolean             listing;
  GError              *stop;        /* why the run ends early: cancelled, the sign-in, the ledger */
};

/* attest-mca-status-reads.c: one customer's reads. */
void _attest_mca_status_read_customer (AttestMcaStatusCheck  *self,
                                       AttestMcaStatusResult *result,
                                       AttestMcaCustomer     *known);

/* attest-mca-status.c: the customers, what the reads found, and when
 * they end. */
void _attest_mca_status_add_result    (AttestMcaStatusCheck  *self,
                                       const char            *customer_id,
                                       const char            *company_name,
                                       char                  *problem);
void _attest_mca_status_stop          (AttestMcaStatusCheck  *self,
                                       const GError          *error);
void _attest_mca_status_finish_result (AttestMcaStatusCheck  *self,
                                       AttestMcaStatusResult *result);
void _attest_mca_status_release_slot  (AttestMcaStatusCheck  *self);

G_END_DECLS
