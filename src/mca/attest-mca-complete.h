/* attest-mca-complete.h: a completion run of Microsoft's current flow: the
 * agreement of each requested customer, created with its attestation
 * (SPEC §13 "Complete")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-mca-ledger.h"
#include "attest-mca-links.h"
#include "attest-partner-client.h"

G_BEGIN_DECLS

#define ATTEST_MCA_COMPLETION_ERROR (attest_mca_completion_error_quark ())

typedef enum
{
  ATTEST_MCA_COMPLETION_ERROR_DATE_AGREED,  /* no date agreed fits the attestation's day */
} AttestMcaCompletionError;

/* How the run's customers stand, counted from the ledger. */
typedef struct
{
  guint customers;    /* requested customers the run tried */
  guint done;         /* the agreement exists */
  guint waiting;      /* still requested: not accepted yet, or refused, with the message */
  guint unanswered;   /* journaled, with no answer yet: a resume sends it */
} AttestMcaCompletionCounts;

#define ATTEST_TYPE_MCA_COMPLETION (attest_mca_completion_get_type ())

G_DECLARE_FINAL_TYPE (AttestMcaCompletion, attest_mca_completion, ATTEST, MCA_COMPLETION, GObject)

GQuark               attest_mca_completion_error_quark (void);
AttestMcaCompletion *attest_mca_completion_new         (AttestPartnerClient  *client,
                                                        AttestMcaLedger      *ledger,
                                                        const char           *request_run_id,
                                                        GError              **error);
AttestMcaCompletion *attest_mca_completion_new_resume  (AttestPartnerClient  *client,
                                                        AttestMcaLedger      *ledger,
                                                        const char           *run_id,
                                                        GError              **error);
void                 attest_mca_completion_run_async   (AttestMcaCompletion  *self,
                                                        const char           *results_path,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean             attest_mca_completion_run_finish  (AttestMcaCompletion  *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

guint       attest_mca_completion_get_n_to_send  (AttestMcaCompletion       *self);
guint       attest_mca_completion_get_n_left     (AttestMcaCompletion       *self);
const char *attest_mca_completion_get_run_id     (AttestMcaCompletion       *self);
GPtrArray  *attest_mca_completion_list_customers (AttestMcaCompletion       *self);
void        attest_mca_completion_get_counts     (AttestMcaCompletion       *self,
                                                  AttestMcaCompletionCounts *counts);

GDateTime      *attest_mca_completion_pick_date_agreed (GDateTime           *requested_at,
                                                        GDateTime           *now,
                                                        GError             **error);
AttestMcaLinks *attest_mca_completion_build_results    (AttestMcaLedger     *ledger,
                                                        const AttestMcaRun  *run);

G_END_DECLS
