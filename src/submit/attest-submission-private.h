/* attest-submission-private.h: what the parts of a submission share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-batch-plan.h"
#include "attest-csv-writer.h"
#include "attest-concurrency.h"
#include "attest-run-copy.h"
#include "attest-run-journal-entry.h"
#include "attest-run-priority.h"
#include "attest-submission.h"

G_BEGIN_DECLS

struct _AttestSubmission
{
  GObject              parent_instance;

  AttestPartnerClient *client;
  AttestRecordStore   *store;
  AttestRetryPolicy   *retry_policy;
  char                *runs_directory;

  AttestRunHeader     *header;
  AttestRunReplay     *replay;          /* when resuming */
  AttestRunJournal    *journal;
  GDateTime           *date_agreed;
  GHashTable          *index_by_id;     /* customer ID → store index + 1 */

  AttestBatchPlan     *plan;
  AttestConcurrency    concurrency;
  AttestProgressMeter  meter;
  GQueue               ready;           /* Flight: journaled as sent, waiting to go out */
  guint                journaling;      /* flights whose batch-sent entry is being written */
  guint                journal_ahead_id; /* idle source that builds and journals the next batches */
  GQueue               answered;        /* Flight: attested, its outcomes not yet recorded */
  guint                settle_id;       /* idle source that records them */
  guint                in_flight;       /* sent or waiting to be resent */
  guint                n_pending;       /* operations under way: the run ends at zero */
  guint                last_batch;
  guint                n_batches;
  guint                unknown;         /* records whose batch got no answer */
  gboolean             reconciling;     /* asking which unanswered batches were carried out */
  gboolean             classic_served;  /* Partner Center took or judged a batch of the run:
                                         * a refusal naming no record is §6's from then on */

  struct {
    gint64             began;
    char              *run_id;          /* until the journal is created */
    guint              pending;         /* template lookup, copy being built, written */
    AttestCsvWriter   *copy_writer;
    guint              copy_builder_id; /* idle source building the copy */
    AttestRunCopy     *copy;            /* the thread writing and hashing it */
    gboolean           copy_written;    /* and synced: this run's file */
    GArray            *records;         /* the records to send, found with the copy */
    GError            *error;           /* the first thing that failed */
  } start;                              /* before the journal exists */

  GTask               *task;            /* the run */
  GCancellable        *stop_signal;     /* cancelled when the run stops: retry waits,
                                         * the template lookup */
  gulong               cancelled_id;
  GError              *stop;            /* why the run stops early */
};
enum {
  SIGNAL_PROGRESS,
  SIGNAL_BATCH_FINISHED,
  SIGNAL_WOULD_SEND,
  SIGNAL_THROTTLED,
  N_SIGNALS
};
/* One batch on its way: a bulk request, or one customer's request. */
typedef struct
{
  AttestSubmission *self;
  guint             number;
  GArray           *records;        /* store indices */
  char             *fields;         /* the fields read for them, see read_fields() */
  const char      **customer_ids;   /* of those records, in order, into @fields;
                                     * see _flight_customer_ids() */
  AttestPartnerRequest *request;    /* as journaled, sent and sent again */
  guint             attempts;
  gint64            started;        /* when it first went out */
  gboolean          resend;         /* unanswered before a crash, going out again */
} Flight;

extern guint _attest_submission_signals[N_SIGNALS];

/* attest-submission.c */
GError   *_attest_submission_error_new_stopped (const GError      *cause);
GError   *_attest_submission_error_new_retired (const GError      *cause);
gboolean  _attest_submission_run_is_retired    (AttestSubmission   *self);
void      _attest_submission_dispatch          (AttestSubmission   *self);
void      _attest_submission_op_started        (AttestSubmission   *self);
void      _attest_submission_op_finished       (AttestSubmission   *self);
void      _attest_submission_fail_run          (AttestSubmission   *self,
                                                GError             *error);
void      _attest_submission_start_dispatching (AttestSubmission   *self,
                                                GHashTable         *resent);
GArray   *_attest_submission_pending_records   (AttestSubmission   *self,
                                                GHashTable         *already_planned);

/* attest-submission-flight.c */
void      _attest_submission_flight_free       (Flight             *flight);
Flight   *_attest_submission_flight_new        (AttestSubmission   *self,
                                                AttestBatch        *batch);
const char * const *_attest_submission_flight_customer_ids (Flight *flight);
void      _attest_submission_flight_start      (AttestSubmission   *self,
                                                Flight             *flight);
void      _attest_submission_flight_send       (Flight             *flight);
void      _attest_submission_flight_settle     (Flight             *flight,
                                                AttestRecordStatus  status,
                                                const char         *message,
                                                guint               http_status);
gboolean  _attest_submission_run_is_stopping   (AttestSubmission   *self);
void      _attest_submission_stop_run          (AttestSubmission   *self,
                                                GError             *error);
void      _attest_submission_count_outcome     (AttestSubmission   *self,
                                                AttestRecordStatus  status);

/* attest-submission-start.c */
void      _attest_submission_begin_new_run     (AttestSubmission   *self,
                                                const char         *partner_id);

/* attest-submission-resume.c */
void      _attest_submission_begin_resume      (AttestSubmission   *self);
void      _attest_submission_count_journaled_outcomes (AttestSubmission *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Flight, _attest_submission_flight_free)

G_END_DECLS
