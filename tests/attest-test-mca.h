/* attest-test-mca.h: a sandbox, a client with both credentials and a
 * ledger, for the tests of Microsoft's current flow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-mca-complete.h"
#include "attest-mca-request.h"
#include "attest-sandbox.h"

G_BEGIN_DECLS

#define ATTEST_TEST_MCA_ENHANCED_PATH "/v1/attestations/enhanced"

typedef struct
{
  AttestSandbox       *sandbox;
  AttestPartnerClient *client;
  AttestMcaLedger     *ledger;
  char                *directory;
  char                *links;      /* links.csv in @directory */
} AttestTestMca;

void                 attest_test_mca_setup          (AttestTestMca          *mca,
                                                     guint32                 seed,
                                                     guint                   n_customers);
void                 attest_test_mca_teardown       (AttestTestMca          *mca);
AttestPartnerClient *attest_test_mca_new_client     (AttestSandbox          *sandbox,
                                                     AttestTokenProvider    *app_tokens);
void                 attest_test_mca_record_states  (AttestSandbox          *sandbox,
                                                     AttestMcaLedger        *ledger);
gboolean             attest_test_mca_needs_acceptance (AttestSandbox        *sandbox,
                                                       guint                 index);
guint                attest_test_mca_count_needing  (AttestSandbox          *sandbox);
guint                attest_test_mca_find_needing   (AttestSandbox          *sandbox,
                                                     guint                   from);
AttestMcaRow        *attest_test_mca_new_row        (AttestSandbox          *sandbox,
                                                     guint                   index,
                                                     gboolean                full);
GPtrArray           *attest_test_mca_full_rows      (AttestSandbox          *sandbox);
void                 attest_test_mca_prepare        (AttestMcaRequest       *request,
                                                     GPtrArray              *rows);
gboolean             attest_test_mca_run            (AttestMcaRequest       *request,
                                                     const char             *links,
                                                     GError                **error);
AttestMcaRequest    *attest_test_mca_request        (AttestTestMca          *mca,
                                                     GPtrArray              *rows,
                                                     AttestMcaRequestFlags   flags);
gboolean             attest_test_mca_complete       (AttestMcaCompletion    *completion,
                                                     const char             *results,
                                                     GError                **error);
AttestMcaLinks      *attest_test_mca_read_links     (const char             *path);
const char          *attest_test_mca_cell           (AttestMcaLinks         *links,
                                                     guint                   row,
                                                     AttestMcaLinksColumn    column);

G_END_DECLS
