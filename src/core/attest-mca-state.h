/* attest-mca-state.h: where a customer stands in Microsoft's current flow
 * (SPEC §13 "States")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One word per customer, the same in the grid, the CSV files and the CLI.
 * No documented read shows acceptance before completion, so there is no
 * separate "accepted" state. */
typedef enum
{
  ATTEST_MCA_STATE_UNCHECKED,          /* not checked yet, or the check failed */
  ATTEST_MCA_STATE_ACCEPTED_DIRECTLY,  /* isSigned: the customer accepted in the admin center */
  ATTEST_MCA_STATE_ATTESTED,           /* an MCA dated on or after 2023-04-01 */
  ATTEST_MCA_STATE_NEEDS_ACCEPTANCE,
  ATTEST_MCA_STATE_REQUESTED,          /* an attestation exists and its link is out */
  ATTEST_MCA_STATE_DONE,               /* agreement created, or 600061 */
  ATTEST_MCA_STATE_REFUSED,            /* the service would not create the attestation */
} AttestMcaState;

#define ATTEST_N_MCA_STATES 7

#define ATTEST_TYPE_MCA_STATE (attest_mca_state_get_type ())

GType        attest_mca_state_get_type      (void) G_GNUC_CONST;

const char  *attest_mca_state_to_string     (AttestMcaState  state);
gboolean     attest_mca_state_from_string   (const char     *word,
                                             AttestMcaState *state);
const char  *attest_mca_state_get_label     (AttestMcaState  state);
gboolean     attest_mca_state_needs_nothing (AttestMcaState  state);

G_END_DECLS
