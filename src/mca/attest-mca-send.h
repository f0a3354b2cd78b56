/* attest-mca-send.h: the journaled requests of Microsoft's current flow,
 * each sent and sent again until it has an answer (SPEC §6, §13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "attest-mca-ledger.h"
#include "attest-partner-client.h"

G_BEGIN_DECLS

#define ATTEST_MCA_SEND_ERROR (attest_mca_send_error_quark ())

typedef enum
{
  ATTEST_MCA_SEND_ERROR_UNANSWERED,  /* some requests of a run got no answer: resume it */
} AttestMcaSendError;

/* What came of a request. */
typedef enum
{
  ATTEST_MCA_SENT_ANSWERED,  /* the service carried it out: its answer */
  ATTEST_MCA_SENT_REFUSED,   /* the service refused it: nothing was done */
  ATTEST_MCA_SENT_LOST,      /* no answer, or one that could not be read: it may have been done */
  ATTEST_MCA_SENT_STOPPED,   /* the credential is missing or was refused: nothing was done, and
                              * nothing else can go out */
} AttestMcaSendResult;

GQuark              attest_mca_send_error_quark (void);
void                attest_mca_send_async       (AttestPartnerClient   *client,
                                                 AttestPartnerRequest  *request,
                                                 GCancellable          *stop_signal,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
AttestMcaSendResult attest_mca_send_finish      (GAsyncResult          *result,
                                                 JsonNode             **out_answer,
                                                 GError               **out_error);
gboolean            attest_mca_error_stops_run  (const GError          *error);

/* Requests of a run under way at once. */
#define ATTEST_MCA_SEND_CONCURRENCY 4

/* The requests of one run, journaled and sent, a few at a time. */
typedef struct _AttestMcaSendQueue AttestMcaSendQueue;

/* What came of @intent's request; the caller records it in the ledger. */
typedef void (*AttestMcaSendAnswered) (AttestMcaIntent     *intent,
                                       AttestMcaSendResult  result,
                                       JsonNode            *answer,
                                       const GError        *error,
                                       gpointer             user_data);
/* Nothing is under way, and nothing more will go out. */
typedef void (*AttestMcaSendDrained)  (gpointer             user_data);

AttestMcaSendQueue *attest_mca_send_queue_new          (AttestPartnerClient         *client,
                                                        AttestMcaLedger             *ledger,
                                                        const char                  *run_id,
                                                        GCancellable                *cancellable,
                                                        AttestMcaSendAnswered        answered,
                                                        AttestMcaSendDrained         drained,
                                                        gpointer                     user_data);
void                attest_mca_send_queue_journal      (AttestMcaSendQueue          *self,
                                                        AttestMcaIntentKind          kind,
                                                        const AttestPartnerContact  *signatory,
                                                        const char                  *company_name,
                                                        AttestPartnerRequest        *request);
void                attest_mca_send_queue_push         (AttestMcaSendQueue          *self,
                                                        AttestMcaIntent             *intent);
void                attest_mca_send_queue_start        (AttestMcaSendQueue          *self);
void                attest_mca_send_queue_record       (AttestMcaSendQueue          *self,
                                                        const AttestMcaAnswer       *answer);
void                attest_mca_send_queue_stop         (AttestMcaSendQueue          *self,
                                                        const GError                *error);
const GError       *attest_mca_send_queue_get_error    (AttestMcaSendQueue          *self);
guint               attest_mca_send_queue_get_n_queued (AttestMcaSendQueue          *self);
gboolean            attest_mca_send_queue_end_run      (AttestMcaSendQueue          *self,
                                                        GCancellable                *cancellable,
                                                        GError                     **error);
void                attest_mca_send_queue_unref        (AttestMcaSendQueue          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestMcaSendQueue, attest_mca_send_queue_unref)

G_END_DECLS
