/* attest-submit-dialog.h: the submit wizard (SPEC §8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attest-partner-client.h"
#include "attest-record-store.h"
#include "attest-submission.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_SUBMIT_DIALOG (attest_submit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AttestSubmitDialog, attest_submit_dialog, ATTEST, SUBMIT_DIALOG, AdwWindow)

AttestSubmitDialog *attest_submit_dialog_new            (GtkWindow            *parent,
                                                         AttestPartnerClient  *client,
                                                         AttestRecordStore    *store,
                                                         GSettings            *settings);
AttestSubmitDialog *attest_submit_dialog_new_resume     (GtkWindow            *parent,
                                                         AttestPartnerClient  *client,
                                                         const char           *journal_path,
                                                         GError              **error);
AttestSubmission   *attest_submit_dialog_get_submission (AttestSubmitDialog   *self);
const char         *attest_submit_dialog_get_page       (AttestSubmitDialog   *self);
void                attest_submit_dialog_set_runs_directory (AttestSubmitDialog *self,
                                                         const char           *directory);

G_END_DECLS
