/* attest-mca-send.h: one journaled request of Microsoft's current flow,
 * sent and sent again until it has an answer (SPEC §6, §13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "attest-partner-client.h"

G_BEGIN_DECLS

/* What came of a request. */
typedef enum
{
  ATTEST_MCA_SENT_ANSWERED,  /* the service carried it out: its answer */
  ATTEST_MCA_SENT_REFUSED,   /* the service refused it: nothing was done */
  ATTEST_MCA_SENT_LOST,      /* no answer, or one that could not be read: it may have been done */
  ATTEST_MCA_SENT_STOPPED,   /* the credential is missing or was refused: nothing was done, and
                              * nothing else can go out */
} AttestMcaSendResult;

void                attest_mca_send_async  (AttestPartnerClient   *client,
                                            AttestPartnerRequest  *request,
                                            GCancellable          *stop_signal,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data);
AttestMcaSendResult attest_mca_send_finish (GAsyncResult          *result,
                                            JsonNode             **out_answer,
                                            GError               **out_error);

gboolean            attest_mca_error_stops_run (const GError      *error);

G_END_DECLS
