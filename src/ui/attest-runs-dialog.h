/* attest-runs-dialog.h: every run, classic and of the current flow, with
 * what came of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The kind of a run, as the dialog's signals name it. */
#define ATTEST_RUNS_DIALOG_CLASSIC    "classic"
#define ATTEST_RUNS_DIALOG_REQUEST    "request"
#define ATTEST_RUNS_DIALOG_COMPLETION "completion"

#define ATTEST_TYPE_RUNS_DIALOG (attest_runs_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AttestRunsDialog, attest_runs_dialog, ATTEST, RUNS_DIALOG, AdwWindow)

AttestRunsDialog *attest_runs_dialog_new              (GtkWindow        *parent);
void              attest_runs_dialog_set_classic_runs (AttestRunsDialog *self,
                                                       GPtrArray        *replays);
void              attest_runs_dialog_set_mca_runs     (AttestRunsDialog *self,
                                                       GPtrArray        *runs,
                                                       GHashTable       *n_customers,
                                                       const char       *note);
GtkWidget        *attest_runs_dialog_find_row         (AttestRunsDialog *self,
                                                       const char       *run_id);

G_END_DECLS
