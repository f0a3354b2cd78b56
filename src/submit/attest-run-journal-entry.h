/* attest-run-journal-entry.h: the lines of a run journal (SPEC §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-partner-request.h"
#include "attest-run-journal.h"

G_BEGIN_DECLS

/* Each returns a new JSON object, as one line of text without its line
 * end, for attest_run_journal_append_*(). */
char    *attest_journal_entry_run              (const AttestRunHeader      *header);
GString *attest_journal_entry_batch_sent_begin (guint                       batch,
                                                const AttestPartnerRequest *request,
                                                const char * const         *customer_ids);
char    *attest_journal_entry_batch_outcome    (guint                       batch,
                                                guint                       http_status,
                                                gint64                      duration_ms,
                                                guint                       attempts);
char    *attest_journal_entry_records          (guint                       batch,
                                                const char * const         *customer_ids,
                                                const char                 *status,
                                                const char                 *message,
                                                const char                 *request_id,
                                                const char                 *correlation_id,
                                                const char                 *submitted_at);
char    *attest_journal_entry_end              (AttestRunState              state,
                                                const char                 *reason);

G_END_DECLS
