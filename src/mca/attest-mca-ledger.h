/* attest-mca-ledger.h: what Attest knows of a partner's customers in
 * Microsoft's current flow, kept across runs (SPEC §13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-billing-profile.h"
#include "attest-mca-customer.h"
#include "attest-mca-run.h"
#include "attest-partner-client.h"

G_BEGIN_DECLS

#define ATTEST_MCA_LEDGER_ERROR (attest_mca_ledger_error_quark ())

typedef enum
{
  ATTEST_MCA_LEDGER_ERROR_IO,
  ATTEST_MCA_LEDGER_ERROR_CORRUPT,
  ATTEST_MCA_LEDGER_ERROR_UNSUPPORTED_VERSION,
  ATTEST_MCA_LEDGER_ERROR_BUSY,            /* another Attest has the ledger open */
  ATTEST_MCA_LEDGER_ERROR_INVALID_TENANT,  /* not a tenant ID */
  ATTEST_MCA_LEDGER_ERROR_PENDING,         /* a request of the customer is unanswered */
  ATTEST_MCA_LEDGER_ERROR_NOT_PENDING,     /* an answer to no journaled request */
  ATTEST_MCA_LEDGER_ERROR_UNKNOWN_RUN,
  ATTEST_MCA_LEDGER_ERROR_FINISHED_RUN,    /* a run to finish is over */
} AttestMcaLedgerError;

/* Version 2 added the customers' billing profiles; a version 1 ledger is
 * rewritten as version 2 when opened. */
#define ATTEST_MCA_LEDGER_VERSION 2

/* What came of a journaled request. */
typedef enum
{
  ATTEST_MCA_ANSWER_ATTESTATION,  /* an attestation was created: its ID and link */
  ATTEST_MCA_ANSWER_REFUSED,      /* refused, with the server's message */
  ATTEST_MCA_ANSWER_COMPLETED,    /* the agreement was created, or existed already (600061) */
  ATTEST_MCA_ANSWER_LOST,         /* no answer: the request stays, to be sent again as it is */
} AttestMcaAnswerKind;

/* An answer, borrowed for the call that records it. */
typedef struct
{
  AttestMcaAnswerKind  kind;
  const char          *customer_id;
  const char          *request_id;      /* MS-RequestId of the journaled request */
  const char          *attestation_id;  /* ATTESTATION */
  const char          *link;            /* ATTESTATION: the acceptance link, unchanged */
  const char          *message;         /* the server's message, or why none came; or NULL */
  GDateTime           *answered_at;     /* NULL: now */
} AttestMcaAnswer;

#define ATTEST_TYPE_MCA_LEDGER (attest_mca_ledger_get_type ())

G_DECLARE_FINAL_TYPE (AttestMcaLedger, attest_mca_ledger, ATTEST, MCA_LEDGER, GObject)

GQuark             attest_mca_ledger_error_quark      (void);
char              *attest_mca_ledger_dup_directory    (const char           *tenant_id);

AttestMcaLedger   *attest_mca_ledger_open             (const char           *directory,
                                                       const char           *tenant_id,
                                                       GError              **error);
void               attest_mca_ledger_open_async       (const char           *directory,
                                                       const char           *tenant_id,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
AttestMcaLedger   *attest_mca_ledger_open_finish      (GAsyncResult         *result,
                                                       GError              **error);
void               attest_mca_ledger_open_for_client_async  (AttestPartnerClient  *client,
                                                             const char           *directory,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
AttestMcaLedger   *attest_mca_ledger_open_for_client_finish (GAsyncResult         *result,
                                                             GError              **error);

const char        *attest_mca_ledger_get_tenant_id    (AttestMcaLedger      *self);
const char        *attest_mca_ledger_get_path         (AttestMcaLedger      *self);

guint              attest_mca_ledger_get_n_customers  (AttestMcaLedger      *self);
AttestMcaCustomer *attest_mca_ledger_lookup           (AttestMcaLedger      *self,
                                                       const char           *customer_id);
GPtrArray         *attest_mca_ledger_list_customers   (AttestMcaLedger      *self);
GPtrArray         *attest_mca_ledger_list_run_customers (AttestMcaLedger    *self,
                                                         const char         *run_id);
GPtrArray         *attest_mca_ledger_list_unanswered  (AttestMcaLedger      *self,
                                                       const char           *run_id);

gboolean           attest_mca_ledger_record_state     (AttestMcaLedger      *self,
                                                       const char           *customer_id,
                                                       AttestMcaState        state,
                                                       const char           *company_name,
                                                       const char           *message,
                                                       GDateTime            *seen_at,
                                                       GError              **error);
gboolean           attest_mca_ledger_record_profile   (AttestMcaLedger      *self,
                                                       const char           *customer_id,
                                                       AttestBillingProfile *profile,
                                                       GDateTime            *seen_at,
                                                       GError              **error);
void               attest_mca_ledger_record_intent_async (AttestMcaLedger            *self,
                                                          AttestMcaIntentKind         kind,
                                                          const char                 *run_id,
                                                          const AttestPartnerContact *signatory,
                                                          const char                 *company_name,
                                                          AttestPartnerRequest       *request,
                                                          GCancellable               *cancellable,
                                                          GAsyncReadyCallback         callback,
                                                          gpointer                    user_data);
gboolean           attest_mca_ledger_record_intent_finish (AttestMcaLedger          *self,
                                                           GAsyncResult             *result,
                                                           GError                  **error);
gboolean           attest_mca_ledger_record_intent_sync (AttestMcaLedger            *self,
                                                         AttestMcaIntentKind         kind,
                                                         const char                 *run_id,
                                                         const AttestPartnerContact *signatory,
                                                         const char                 *company_name,
                                                         AttestPartnerRequest       *request,
                                                         GError                    **error);
gboolean           attest_mca_ledger_record_answer    (AttestMcaLedger       *self,
                                                       const AttestMcaAnswer *answer,
                                                       GError               **error);

AttestMcaRun      *attest_mca_ledger_begin_run        (AttestMcaLedger      *self,
                                                       AttestMcaRunKind      kind,
                                                       const char           *output_path,
                                                       GDateTime            *started_at,
                                                       GError              **error);
AttestMcaRun      *attest_mca_ledger_begin_request_run (AttestMcaLedger     *self,
                                                        const char          *output_path,
                                                        GPtrArray           *members,
                                                        GDateTime           *started_at,
                                                        GError             **error);
gboolean           attest_mca_ledger_end_run          (AttestMcaLedger      *self,
                                                       const char           *run_id,
                                                       GDateTime            *ended_at,
                                                       GError              **error);
gboolean           attest_mca_ledger_discard_run      (AttestMcaLedger      *self,
                                                       const char           *run_id,
                                                       GError              **error);
AttestMcaRun      *attest_mca_ledger_lookup_run       (AttestMcaLedger      *self,
                                                       const char           *run_id);
AttestMcaRun      *attest_mca_ledger_find_run         (AttestMcaLedger      *self,
                                                       const char           *run_id,
                                                       AttestMcaRunKind      kind,
                                                       gboolean              unfinished,
                                                       GError              **error);
GPtrArray         *attest_mca_ledger_list_runs        (AttestMcaLedger      *self);

void               attest_mca_ledger_sync_async       (AttestMcaLedger      *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean           attest_mca_ledger_sync_finish      (AttestMcaLedger      *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
gboolean           attest_mca_ledger_sync             (AttestMcaLedger      *self,
                                                       GError              **error);
gboolean           attest_mca_ledger_compact          (AttestMcaLedger      *self,
                                                       GError              **error);

G_END_DECLS
