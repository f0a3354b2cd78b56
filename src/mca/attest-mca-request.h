/* attest-mca-request.h: a request run of Microsoft's current flow: an
 * attestation for each marked customer that needs acceptance, and the
 * links file (SPEC §13 "Request", "Links")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-mca-details.h"
#include "attest-mca-ledger.h"
#include "attest-mca-links.h"
#include "attest-partner-client.h"

G_BEGIN_DECLS

#define ATTEST_MCA_REQUEST_ERROR (attest_mca_request_error_quark ())

typedef enum
{
  ATTEST_MCA_REQUEST_ERROR_NOT_PREPARED,  /* run before prepare */
} AttestMcaRequestError;

typedef enum /*< flags >*/
{
  ATTEST_MCA_REQUEST_DEFAULT = 0,
  ATTEST_MCA_REQUEST_DIRECT  = 1 << 0,  /* the admin center's address, and no attestation */
  ATTEST_MCA_REQUEST_RENEW   = 1 << 1,  /* a new attestation for customers requested already */
} AttestMcaRequestFlags;

/* What became of one customer of a run, as the ledger says it now. */
typedef enum
{
  ATTEST_MCA_REQUEST_OUTCOME_TO_SEND,            /* before the run begins */
  ATTEST_MCA_REQUEST_OUTCOME_REQUESTED,          /* an attestation and its link, by this run */
  ATTEST_MCA_REQUEST_OUTCOME_DIRECT,
  ATTEST_MCA_REQUEST_OUTCOME_ALREADY_REQUESTED,
  ATTEST_MCA_REQUEST_OUTCOME_NEEDS_NOTHING,
  ATTEST_MCA_REQUEST_OUTCOME_NOT_REQUESTED,
  ATTEST_MCA_REQUEST_OUTCOME_REFUSED,
  ATTEST_MCA_REQUEST_OUTCOME_UNANSWERED,
} AttestMcaRequestOutcome;

/* How the run's customers stand, counted from the ledger. */
typedef struct
{
  guint customers;          /* the run's members */
  guint to_send;            /* attestations to send, before the run begins */
  guint requested;          /* an attestation and its link, by this run */
  guint direct;             /* to accept in the admin center */
  guint already_requested;  /* requested before, left as it was */
  guint needs_nothing;      /* accepted directly, attested or done */
  guint not_requested;      /* a problem of its row, or its state is not known */
  guint refused;            /* the service refused the attestation */
  guint unanswered;         /* journaled, with no answer yet: a resume sends it */
} AttestMcaRequestCounts;

#define ATTEST_TYPE_MCA_REQUEST (attest_mca_request_get_type ())

G_DECLARE_FINAL_TYPE (AttestMcaRequest, attest_mca_request, ATTEST, MCA_REQUEST, GObject)

GQuark                   attest_mca_request_error_quark    (void);
AttestMcaRequest        *attest_mca_request_new            (AttestPartnerClient       *client,
                                                            AttestMcaLedger           *ledger,
                                                            AttestMcaRequestFlags      flags);
AttestMcaRequest        *attest_mca_request_new_resume     (AttestPartnerClient       *client,
                                                            AttestMcaLedger           *ledger,
                                                            const char                *run_id,
                                                            GError                   **error);
void                     attest_mca_request_prepare_async  (AttestMcaRequest          *self,
                                                            GPtrArray                 *rows,
                                                            GCancellable              *cancellable,
                                                            GAsyncReadyCallback        callback,
                                                            gpointer                   user_data);
gboolean                 attest_mca_request_prepare_finish (AttestMcaRequest          *self,
                                                            GAsyncResult              *result,
                                                            GError                   **error);
void                     attest_mca_request_run_async      (AttestMcaRequest          *self,
                                                            const char                *links_path,
                                                            GCancellable              *cancellable,
                                                            GAsyncReadyCallback        callback,
                                                            gpointer                   user_data);
gboolean                 attest_mca_request_run_finish     (AttestMcaRequest          *self,
                                                            GAsyncResult              *result,
                                                            GError                   **error);
GPtrArray               *attest_mca_request_get_members    (AttestMcaRequest          *self);
GPtrArray               *attest_mca_request_get_problems   (AttestMcaRequest          *self);
guint                    attest_mca_request_get_n_to_send  (AttestMcaRequest          *self);
guint                    attest_mca_request_get_n_left     (AttestMcaRequest          *self);
const char              *attest_mca_request_get_run_id     (AttestMcaRequest          *self);
const char              *attest_mca_request_get_links_path (AttestMcaRequest          *self);
void                     attest_mca_request_get_counts     (AttestMcaRequest          *self,
                                                            AttestMcaRequestCounts    *counts);
AttestMcaRequestOutcome  attest_mca_request_get_outcome    (AttestMcaRequest          *self,
                                                            const AttestMcaRunMember  *member,
                                                            const char               **message);
AttestMcaLinks          *attest_mca_request_build_links    (AttestMcaLedger           *ledger,
                                                            const AttestMcaRun        *run);

G_END_DECLS
