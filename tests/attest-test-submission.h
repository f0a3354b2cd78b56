/* attest-test-submission.h: a store to submit and a submission run to its
 * end, for the tests, the soak and the submit benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-partner-client.h"
#include "attest-record-store.h"
#include "attest-submission.h"

G_BEGIN_DECLS

guint              attest_test_append_customer  (AttestRecordStore  *store,
                                                 guint               number,
                                                 const char         *customer_id,
                                                 const char         *first_name,
                                                 const char         *last_name,
                                                 gboolean            marked);
GPtrArray         *attest_test_fetch_records    (AttestPartnerClient *client);
AttestRecordStore *attest_test_store_of_records (GPtrArray          *records);
AttestRunState     attest_test_run_submission   (AttestSubmission   *submission,
                                                 GCancellable       *cancellable,
                                                 GError            **error);

G_END_DECLS
