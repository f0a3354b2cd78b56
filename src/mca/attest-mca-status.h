/* attest-mca-status.h: which of a partner's customers still need to
 * accept the Microsoft Customer Agreement (SPEC §13 "Status")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-mca-ledger.h"
#include "attest-partner-client.h"

G_BEGIN_DECLS

#define ATTEST_MCA_STATUS_DEFAULT_CONCURRENCY 8
#define ATTEST_MCA_STATUS_MAX_CONCURRENCY     64

#define ATTEST_MCA_STATUS_ERROR (attest_mca_status_error_quark ())

typedef enum
{
  ATTEST_MCA_STATUS_ERROR_FILE,   /* the customers' file cannot be read or names no customer */
} AttestMcaStatusError;

/* What the check found of one customer; the check owns it, and it stays
 * the same once the customer is checked. */
typedef struct
{
  char           *customer_id;   /* as given or listed */
  char           *company_name;  /* from the file or the list; NULL when none came */
  AttestMcaState  state;         /* UNCHECKED until checked, and when the check failed */
  GDateTime      *checked_at;    /* when its state was seen; NULL when not checked */
  char           *message;       /* why it could not be checked, or the ledger's message */
  guint           n_requests;    /* reads this check made for it, retries not counted */
  gboolean        checked;       /* its check is over, well or not */
  gboolean        failed;        /* its check is over and could not tell its state */
  gboolean        settled;       /* known to need nothing before: nothing was asked */
} AttestMcaStatusResult;

#define ATTEST_TYPE_MCA_STATUS_CHECK (attest_mca_status_check_get_type ())

G_DECLARE_FINAL_TYPE (AttestMcaStatusCheck, attest_mca_status_check, ATTEST, MCA_STATUS_CHECK,
                      GObject)

GQuark                attest_mca_status_error_quark       (void);

AttestMcaStatusCheck *attest_mca_status_check_new         (AttestPartnerClient  *client,
                                                           AttestMcaLedger      *ledger);
void                  attest_mca_status_check_set_concurrency (AttestMcaStatusCheck *self,
                                                               guint                 concurrency);
guint                 attest_mca_status_check_get_concurrency (AttestMcaStatusCheck *self);

void                  attest_mca_status_check_add_customer (AttestMcaStatusCheck *self,
                                                            const char           *customer_id,
                                                            const char           *company_name);
gboolean              attest_mca_status_check_add_file    (AttestMcaStatusCheck *self,
                                                           const char           *path,
                                                           GError              **error);
gboolean              attest_mca_status_check_add_bytes   (AttestMcaStatusCheck *self,
                                                           GBytes               *bytes,
                                                           const char           *name,
                                                           GError              **error);

void                  attest_mca_status_check_run_async   (AttestMcaStatusCheck *self,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean              attest_mca_status_check_run_finish  (AttestMcaStatusCheck *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

GBytes               *attest_mca_status_check_to_csv      (AttestMcaStatusCheck *self);
gboolean              attest_mca_status_check_write_csv   (AttestMcaStatusCheck *self,
                                                           const char           *path,
                                                           GError              **error);

guint                 attest_mca_status_check_get_n_customers (AttestMcaStatusCheck *self);
guint                 attest_mca_status_check_get_n_checked   (AttestMcaStatusCheck *self);
guint                 attest_mca_status_check_get_n_failed    (AttestMcaStatusCheck *self);
guint                 attest_mca_status_check_get_n_settled   (AttestMcaStatusCheck *self);
guint                 attest_mca_status_check_get_count       (AttestMcaStatusCheck *self,
                                                               AttestMcaState        state);
guint                 attest_mca_status_check_get_n_requests  (AttestMcaStatusCheck *self,
                                                               AttestMcaState        state);
const AttestMcaStatusResult *
                      attest_mca_status_check_get_result      (AttestMcaStatusCheck *self,
                                                               guint                 index);

G_END_DECLS
