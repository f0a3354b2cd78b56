/* attest-submission.h: sending the actionable records of a store, each
 * exactly once, with a journal that survives anything (SPEC §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-partner-client.h"
#include "attest-progress.h"
#include "attest-record-store.h"
#include "attest-run-journal.h"
#include "attest-run-replay.h"

G_BEGIN_DECLS

#define ATTEST_SUBMISSION_ERROR (attest_submission_error_quark ())

typedef enum
{
  ATTEST_SUBMISSION_ERROR_NOTHING_TO_SEND,
  ATTEST_SUBMISSION_ERROR_DATE_AGREED,     /* in the future, or not a date */
  ATTEST_SUBMISSION_ERROR_STOPPED,         /* sign-in or permission: resumable */
  ATTEST_SUBMISSION_ERROR_NO_ANSWER,       /* some batches got no answer: resume to confirm */
  ATTEST_SUBMISSION_ERROR_JOURNAL,         /* the journal cannot be written: stopped */
  ATTEST_SUBMISSION_ERROR_WRONG_PARTNER,   /* resuming a run of another partner tenant */
  ATTEST_SUBMISSION_ERROR_INPUT_CHANGED,   /* the run's copy of its records is gone or altered */
  ATTEST_SUBMISSION_ERROR_RETIRED,         /* the classic attestation was refused (SPEC §13):
                                            * over, not resumable; the cause is the refusal */
  ATTEST_SUBMISSION_ERROR_DISCARDED,       /* resuming a run the partner discarded */
} AttestSubmissionError;

typedef struct
{
  AttestStrategy  strategy;
  guint           batch_size;      /* 1 to 500 */
  guint           concurrency;     /* 0: the strategy's default */
  GDateTime      *date_agreed;     /* NULL: today (UTC) */
  gboolean        dry_run;
  const char     *input_path;      /* for the run list; may be NULL */
} AttestSubmissionOptions;

#define ATTEST_TYPE_SUBMISSION (attest_submission_get_type ())

G_DECLARE_FINAL_TYPE (AttestSubmission, attest_submission, ATTEST, SUBMISSION, GObject)

GQuark                attest_submission_error_quark       (void);
const GError         *attest_submission_error_get_cause   (const GError                   *error);

AttestSubmission     *attest_submission_new        (AttestPartnerClient            *client,
                                                    AttestRecordStore              *store,
                                                    const AttestSubmissionOptions  *options);
AttestSubmission     *attest_submission_new_resume (AttestPartnerClient            *client,
                                                    const char                     *journal_path,
                                                    GError                        **error);
AttestRecordStore    *attest_submission_load_results (const char                   *journal_path,
                                                      GError                      **error);

void                  attest_submission_set_runs_directory (AttestSubmission  *self,
                                                            const char        *directory);
void                  attest_submission_set_retry_policy   (AttestSubmission  *self,
                                                            AttestRetryPolicy *policy);

void                  attest_submission_run_async          (AttestSubmission     *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
AttestRunState        attest_submission_run_finish         (AttestSubmission     *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

AttestRecordStore    *attest_submission_get_store         (AttestSubmission               *self);
const AttestProgress *attest_submission_get_progress      (AttestSubmission               *self);
const char           *attest_submission_get_run_id        (AttestSubmission               *self);
const char           *attest_submission_get_journal_path  (AttestSubmission               *self);
const char           *attest_submission_get_date_agreed   (AttestSubmission               *self);
guint                 attest_submission_get_n_batches     (AttestSubmission               *self);
gboolean              attest_submission_is_reconciling    (AttestSubmission               *self);

GDateTime            *attest_submission_parse_date_agreed (const char                     *text,
                                                           GDateTime                      *now,
                                                           GError                        **error);

G_END_DECLS
