/* attest-request-dialog.h: requesting acceptance for the marked customers
 * (SPEC §13 "Request")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attest-mca-request.h"
#include "attest-record-store.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_REQUEST_DIALOG (attest_request_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AttestRequestDialog, attest_request_dialog, ATTEST, REQUEST_DIALOG, AdwWindow)

AttestRequestDialog *attest_request_dialog_new         (GtkWindow           *parent,
                                                        AttestPartnerClient *client,
                                                        AttestMcaLedger     *ledger,
                                                        AttestRecordStore   *store);
AttestRequestDialog *attest_request_dialog_new_resume  (GtkWindow           *parent,
                                                        AttestPartnerClient *client,
                                                        AttestMcaLedger     *ledger,
                                                        const char          *run_id,
                                                        GError             **error);
const char          *attest_request_dialog_get_page    (AttestRequestDialog *self);
AttestMcaRequest    *attest_request_dialog_get_request (AttestRequestDialog *self);
void                 attest_request_dialog_set_direct  (AttestRequestDialog *self,
                                                        gboolean             direct);

G_END_DECLS
