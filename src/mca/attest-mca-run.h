/* attest-mca-run.h: a request run or a completion run of Microsoft's
 * current flow, as the ledger keeps it (SPEC §13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  ATTEST_MCA_RUN_REQUEST,     /* attestations requested; writes the links file */
  ATTEST_MCA_RUN_COMPLETION,  /* agreements completed; writes the results file */
} AttestMcaRunKind;

#define ATTEST_TYPE_MCA_RUN (attest_mca_run_get_type ())

typedef struct _AttestMcaRun AttestMcaRun;

const char       *attest_mca_run_kind_to_string   (AttestMcaRunKind  kind);
gboolean          attest_mca_run_kind_from_string (const char       *word,
                                                   AttestMcaRunKind *kind);
char             *attest_mca_run_new_id           (GDateTime        *now);

GType             attest_mca_run_get_type         (void) G_GNUC_CONST;
AttestMcaRun     *attest_mca_run_ref              (AttestMcaRun       *self);
void              attest_mca_run_unref            (AttestMcaRun       *self);
const char       *attest_mca_run_get_id           (const AttestMcaRun *self);
AttestMcaRunKind  attest_mca_run_get_kind         (const AttestMcaRun *self);
const char       *attest_mca_run_get_output_path  (const AttestMcaRun *self);
GDateTime        *attest_mca_run_get_started_at   (const AttestMcaRun *self);
GDateTime        *attest_mca_run_get_ended_at     (const AttestMcaRun *self);
gboolean          attest_mca_run_is_finished      (const AttestMcaRun *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestMcaRun, attest_mca_run_unref)

G_END_DECLS
