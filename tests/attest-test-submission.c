/* attest-test-submission.c: a store to submit and a submission run to its
 * end, for the tests, the soak and the submit benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-partner-record.h"
#include "attest-test-submission.h"
#include "attest-test-utils.h"

/* Appends customer @number, marked as attested or not, with a contact that
 * passes validation: some of the sandbox's contacts are incomplete on
 * purpose (no name, an invalid email), and these runs are about sending,
 * so they are completed as a partner would. Returns its index. */
guint
attest_test_append_customer (AttestRecordStore *store,
                             guint              number,
                             const char        *customer_id,
                             const char        *first_name,
                             const char        *last_name,
                             gboolean           marked)
{
  g_autofree char *email = g_strdup_printf ("contact%u@example.com", number);
  AttestRecordFields fields = {
    .customer_tenant_id = customer_id,
    .first_name = first_name != NULL && first_name[0] != '\0' ? first_name : "Alex",
    .last_name = last_name != NULL && last_name[0] != '\0' ? last_name : "Doe",
    .email = email,
    .phone_number = "",
    .attested = marked,
  };

  return attest_record_store_append (store, &fields);
}

/* The customers @client fetches; fails the test when it cannot. */
GPtrArray *
attest_test_fetch_records (AttestPartnerClient *client)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *records;
  GAsyncResult *slot = NULL;

  attest_partner_client_fetch_records_async (client, NULL, NULL, NULL, attest_test_store_result,
                                             &slot);
  result = attest_test_wait_result (&slot);
  records = attest_partner_client_fetch_records_finish (client, result, &error);
  g_assert_no_error (error);

  return records;
}

/* A store of @records (AttestPartnerRecord, as fetched), every one marked. */
AttestRecordStore *
attest_test_store_of_records (GPtrArray *records)
{
  AttestRecordStore *store = attest_record_store_new ();

  for (guint i = 0; i < records->len; i++)
    {
      const AttestPartnerRecord *record = g_ptr_array_index (records, i);

      attest_test_append_customer (store, i, record->customer_id, record->first_name,
                                   record->last_name, TRUE);
    }

  return store;
}

typedef struct
{
  gboolean        done;
  AttestRunState  state;
  GError         *error;
} Run;

static void
on_run_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;

  run->state = attest_submission_run_finish (ATTEST_SUBMISSION (object), result, &run->error);
  run->done = TRUE;
}

/* Runs @submission on the default main context until it ends, as the CLI
 * does; other sources of that context (a timer sampling memory, a
 * scheduled cancel) keep running meanwhile. */
AttestRunState
attest_test_run_submission (AttestSubmission  *submission,
                            GCancellable      *cancellable,
                            GError           **error)
{
  Run run = { 0 };

  attest_submission_run_async (submission, cancellable, on_run_done, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  if (run.error != NULL)
    g_propagate_error (error, run.error);

  return run.state;
}
