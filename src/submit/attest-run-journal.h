/* attest-run-journal.h: the append-only record of a submission run (SPEC §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "attest-config.h"
#include "attest-partner-request.h"

G_BEGIN_DECLS

#define ATTEST_RUN_JOURNAL_ERROR (attest_run_journal_error_quark ())

typedef enum
{
  ATTEST_RUN_JOURNAL_ERROR_IO,
  ATTEST_RUN_JOURNAL_ERROR_CORRUPT,
  ATTEST_RUN_JOURNAL_ERROR_UNSUPPORTED_VERSION,
} AttestRunJournalError;

typedef enum
{
  ATTEST_RUN_STATE_RUNNING,    /* no end entry: interrupted, or still going */
  ATTEST_RUN_STATE_COMPLETED,  /* every record has its outcome */
  ATTEST_RUN_STATE_STOPPED,    /* stopped by cancel, sign-in or permission: resumable */
  ATTEST_RUN_STATE_RETIRED,    /* the classic attestation was refused: over, not resumable */
  ATTEST_RUN_STATE_DISCARDED,  /* the partner chose not to finish it: over, not resumable */
} AttestRunState;

#define ATTEST_RUN_JOURNAL_VERSION 1

/* What a run is: written once, as the journal's first line. */
typedef struct
{
  char           *run_id;
  char           *created_at;    /* ISO 8601 UTC */
  gint64          created_at_us; /* the same, in Unix microseconds; 0 in older journals */
  char           *input_path;    /* may be empty (records fetched, not read) */
  char           *input_sha256;
  AttestStrategy  strategy;
  char           *template_id;
  char           *date_agreed;   /* exactly as sent */
  char           *partner_id;
  char           *api_base;
  guint           batch_size;
  guint           total_records; /* actionable records of the run */
  gboolean        dry_run;
} AttestRunHeader;

AttestRunHeader *attest_run_header_new  (void);
AttestRunHeader *attest_run_header_copy (const AttestRunHeader *header);
void             attest_run_header_free (AttestRunHeader       *header);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestRunHeader, attest_run_header_free)

const char     *attest_run_state_to_string    (AttestRunState  state);
char           *attest_run_journal_dup_directory (void);
char           *attest_run_journal_new_run_id (GDateTime      *now);

#define ATTEST_TYPE_RUN_JOURNAL (attest_run_journal_get_type ())

G_DECLARE_FINAL_TYPE (AttestRunJournal, attest_run_journal, ATTEST, RUN_JOURNAL, GObject)

GQuark            attest_run_journal_error_quark   (void);
AttestRunJournal *attest_run_journal_create        (const char             *directory,
                                                    const AttestRunHeader  *header,
                                                    GError                **error);
AttestRunJournal *attest_run_journal_open_append   (const char             *path,
                                                    GError                **error);
const char       *attest_run_journal_get_path      (AttestRunJournal       *self);
void              attest_run_journal_append_async  (AttestRunJournal       *self,
                                                    const char             *entry,
                                                    GCancellable           *cancellable,
                                                    GAsyncReadyCallback     callback,
                                                    gpointer                user_data);
void              attest_run_journal_append_batch_sent_async (AttestRunJournal     *self,
                                                              guint                 batch,
                                                              AttestPartnerRequest *request,
                                                              const char * const   *customer_ids,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean          attest_run_journal_append_finish (AttestRunJournal       *self,
                                                    GAsyncResult           *result,
                                                    GError                **error);
gboolean          attest_run_journal_append_sync   (AttestRunJournal       *self,
                                                    const char             *entry,
                                                    GError                **error);

gboolean          attest_run_journal_discard       (const char             *path,
                                                    GError                **error);

G_END_DECLS
