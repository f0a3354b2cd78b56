/* attest-run-replay.h: reading a run journal back (SPEC §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-run-journal.h"

G_BEGIN_DECLS

typedef struct
{
  guint                 number;
  AttestPartnerRequest *request;   /* exactly as it was sent */
  GStrv                 customer_ids;
  gboolean              answered;  /* a batch-outcome entry exists */
  guint                 http_status;
} AttestReplayBatch;

typedef struct
{
  char  *customer_id;
  char  *status;           /* a results Status word: attested, rejected, … */
  char  *message;
  char  *request_id;
  char  *correlation_id;
  char  *submitted_at;
  guint  batch;
} AttestReplayRecord;

typedef struct
{
  char            *path;
  AttestRunHeader *header;
  GPtrArray       *batches;          /* AttestReplayBatch, in the order they were sent */
  GHashTable      *records;          /* customer ID → AttestReplayRecord, the last outcome */
  AttestRunState   state;
  char            *end_reason;
  gsize            dropped_tail;     /* bytes of an unfinished last line, ignored */
} AttestRunReplay;

AttestRunReplay   *attest_run_replay_read             (const char             *path,
                                                       GError                **error);
void               attest_run_replay_free             (AttestRunReplay        *replay);
AttestReplayBatch *attest_run_replay_find_batch       (AttestRunReplay        *replay,
                                                       guint                   number);
GPtrArray         *attest_run_replay_list_unanswered  (AttestRunReplay        *replay);
guint              attest_run_replay_count_status     (AttestRunReplay        *replay,
                                                       const char             *status);
gboolean           attest_run_replay_is_resumable     (AttestRunReplay        *replay);
GPtrArray         *attest_run_replay_list_directory   (const char             *directory,
                                                       GError                **error);
GHashTable        *attest_run_replay_collect_attested (GPtrArray              *runs,
                                                       const AttestRunHeader  *header);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestRunReplay, attest_run_replay_free)

G_END_DECLS
