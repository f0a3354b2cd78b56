/* attest-mca-run.h: a request run or a completion run of Microsoft's
 * current flow, as the ledger keeps it (SPEC §13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-mca-shapes.h"

G_BEGIN_DECLS

typedef enum
{
  ATTEST_MCA_RUN_REQUEST,     /* attestations requested; writes the links file */
  ATTEST_MCA_RUN_COMPLETION,  /* agreements completed; writes the results file */
} AttestMcaRunKind;

/* What a request run does for one of its customers, decided before it
 * sends anything: the customer's row of the links file. */
typedef enum
{
  ATTEST_MCA_RUN_ACTION_ATTESTATION,  /* an attestation is requested */
  ATTEST_MCA_RUN_ACTION_DIRECT,       /* the customer accepts in the admin center; none is */
  ATTEST_MCA_RUN_ACTION_NONE,         /* nothing is sent: needs nothing, requested, a problem */
} AttestMcaRunAction;

#define ATTEST_TYPE_MCA_RUN        (attest_mca_run_get_type ())
#define ATTEST_TYPE_MCA_RUN_MEMBER (attest_mca_run_member_get_type ())

typedef struct _AttestMcaRun       AttestMcaRun;
typedef struct _AttestMcaRunMember AttestMcaRunMember;

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
gboolean          attest_mca_run_is_discarded     (const AttestMcaRun *self);
GPtrArray        *attest_mca_run_get_members      (const AttestMcaRun *self);

const char *attest_mca_run_action_to_string   (AttestMcaRunAction  action);
gboolean    attest_mca_run_action_from_string (const char         *word,
                                               AttestMcaRunAction *action);

GType               attest_mca_run_member_get_type (void) G_GNUC_CONST;
AttestMcaRunMember *attest_mca_run_member_new      (const char                     *customer_id,
                                                    AttestMcaRunAction              action,
                                                    const AttestAttestationDetails *details,
                                                    const char                     *message);
AttestMcaRunMember *attest_mca_run_member_ref      (AttestMcaRunMember             *self);
void                attest_mca_run_member_unref    (AttestMcaRunMember             *self);

const char         *attest_mca_run_member_get_customer_id (const AttestMcaRunMember *self);
AttestMcaRunAction  attest_mca_run_member_get_action      (const AttestMcaRunMember *self);
void                attest_mca_run_member_get_details     (const AttestMcaRunMember *self,
                                                           AttestAttestationDetails *details);
const char         *attest_mca_run_member_get_message     (const AttestMcaRunMember *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestMcaRun, attest_mca_run_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestMcaRunMember, attest_mca_run_member_unref)

G_END_DECLS
