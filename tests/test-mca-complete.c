/* test-mca-complete.c: completion runs of Microsoft's current flow
 * against the sandbox: not accepted yet, accepted and done, 600061, a lost
 * answer sent again, an attestation expired or no longer known, a
 * customer removed, the date agreed, one request run, an expired secret
 * (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-app-only-tokens.h"
#include "attest-mca-send.h"
#include "attest-test-mca.h"
#include "attest-test-utils.h"

#define N_CUSTOMERS 30

typedef struct
{
  AttestTestMca     mca;
  AttestMcaRequest *request;   /* every customer that needs acceptance, requested */
  guint             n_requested;
  char             *results;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  AttestMcaRequestCounts counts;

  attest_test_mca_setup (&fixture->mca, 23, N_CUSTOMERS);
  rows = attest_test_mca_full_rows (fixture->mca.sandbox);
  fixture->request = attest_test_mca_request (&fixture->mca, rows, ATTEST_MCA_REQUEST_DEFAULT);
  attest_mca_request_get_counts (fixture->request, &counts);
  fixture->n_requested = counts.requested;
  g_assert_cmpuint (fixture->n_requested, ==,
                    attest_test_mca_count_needing (fixture->mca.sandbox));
  g_assert_cmpuint (fixture->n_requested, >=, 6);
  fixture->results = g_build_filename (fixture->mca.directory, "results.csv", NULL);
  attest_sandbox_clear_requests (fixture->mca.sandbox);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->request);
  g_free (fixture->results);
  attest_test_mca_teardown (&fixture->mca);
}

/* The customers requested, as the ledger knows them now. */
static GPtrArray *
list_requested (Fixture *fixture)
{
  g_autoptr(GPtrArray) customers = attest_mca_ledger_list_customers (fixture->mca.ledger);
  GPtrArray *requested = g_ptr_array_new_with_free_func (
                           (GDestroyNotify) attest_mca_customer_unref);

  for (guint i = 0; i < customers->len; i++)
    {
      AttestMcaCustomer *customer = g_ptr_array_index (customers, i);

      if (attest_mca_customer_get_attestation_id (customer) != NULL)
        g_ptr_array_add (requested, attest_mca_customer_ref (customer));
    }

  return requested;
}

static AttestMcaCustomer *
lookup (Fixture    *fixture,
        const char *customer_id)
{
  return attest_mca_ledger_lookup (fixture->mca.ledger, customer_id);
}

/* A completion run of every requested customer, to its end, which must
 * finish it. */
static AttestMcaCompletion *
complete_all (Fixture    *fixture,
              const char *request_run_id)
{
  g_autoptr(GError) error = NULL;
  AttestMcaCompletion *completion = attest_mca_completion_new (fixture->mca.client,
                                                               fixture->mca.ledger,
                                                               request_run_id, &error);

  g_assert_no_error (error);
  g_assert_true (attest_test_mca_complete (completion, fixture->results, &error));
  g_assert_no_error (error);

  return completion;
}

static GPtrArray *
find_completions (Fixture    *fixture,
                  const char *customer_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/customers/%s/agreements", customer_id);

  return attest_sandbox_find_requests (fixture->mca.sandbox, "POST", path);
}

/* Nobody accepted yet: every customer stays requested with the service's
 * words, the run is over, and the results file says so. */
static void
test_not_accepted_yet (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(AttestMcaCompletion) completion = complete_all (fixture, NULL);
  g_autoptr(AttestMcaLinks) results = attest_test_mca_read_links (fixture->results);
  g_autoptr(AttestMcaRun) run = NULL;
  AttestMcaCompletionCounts counts;

  attest_mca_completion_get_counts (completion, &counts);
  g_assert_cmpuint (counts.customers, ==, fixture->n_requested);
  g_assert_cmpuint (counts.waiting, ==, fixture->n_requested);
  g_assert_cmpuint (counts.done + counts.unanswered, ==, 0);
  run = attest_mca_ledger_lookup_run (fixture->mca.ledger,
                                      attest_mca_completion_get_run_id (completion));
  g_assert_true (attest_mca_run_is_finished (run));
  g_assert_cmpint (attest_mca_run_get_kind (run), ==, ATTEST_MCA_RUN_COMPLETION);

  g_assert_cmpint (results->format, ==, ATTEST_MCA_LINKS_FORMAT_RESULTS);
  g_assert_cmpuint (results->rows->len, ==, fixture->n_requested);
  for (guint i = 0; i < results->rows->len; i++)
    {
      g_autoptr(AttestMcaCustomer) customer = NULL;

      customer = lookup (fixture, attest_test_mca_cell (results, i,
                                                        ATTEST_MCA_LINKS_CUSTOMER_TENANT_ID));
      g_assert_cmpint (attest_mca_customer_get_state (customer), ==,
                       ATTEST_MCA_STATE_REQUESTED);
      g_assert_nonnull (strstr (attest_mca_customer_get_message (customer),
                                "has not accepted"));
      g_assert_cmpstr (attest_test_mca_cell (results, i, ATTEST_MCA_LINKS_STATE), ==,
                       "requested");
      g_assert_cmpstr (attest_test_mca_cell (results, i, ATTEST_MCA_LINKS_MESSAGE), ==,
                       attest_mca_customer_get_message (customer));
      g_assert_cmpstr (attest_test_mca_cell (results, i, ATTEST_MCA_LINKS_REQUEST_ID), ==,
                       attest_mca_customer_get_request_id (customer));
      g_assert_cmpstr (attest_test_mca_cell (results, i, ATTEST_MCA_LINKS_CORRELATION_ID), !=,
                       "");
      g_assert_cmpstr (attest_test_mca_cell (results, i, ATTEST_MCA_LINKS_COMPLETED_AT), ==,
                       "");
    }
}

/* Those who accepted are done, dated today, listed as agreements by the
 * service; the others wait. The next completion is a new attempt under new
 * request IDs and finishes the rest. */
static void
test_accepted_then_done (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) requested = list_requested (fixture);
  g_autoptr(AttestMcaCompletion) first = NULL;
  g_autoptr(AttestMcaCompletion) second = NULL;
  g_autoptr(AttestMcaCompletion) third = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "\"dateAgreed\":\"%Y-%m-%dT00:00:00.000Z\"");
  g_autoptr(GHashTable) first_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  AttestMcaCompletionCounts counts;
  guint accepted = 0;

  for (guint i = 0; i < requested->len; i += 2, accepted++)
    g_assert_true (attest_sandbox_accept_attestation (
                     fixture->mca.sandbox,
                     attest_mca_customer_get_attestation_id (g_ptr_array_index (requested, i))));

  first = complete_all (fixture, NULL);
  attest_mca_completion_get_counts (first, &counts);
  g_assert_cmpuint (counts.done, ==, accepted);
  g_assert_cmpuint (counts.waiting, ==, requested->len - accepted);

  for (guint i = 0; i < requested->len; i++)
    {
      const char *id = attest_mca_customer_get_id (g_ptr_array_index (requested, i));
      g_autoptr(AttestMcaCustomer) customer = lookup (fixture, id);
      g_autoptr(GPtrArray) posts = find_completions (fixture, id);
      const AttestSandboxRequest *post;

      g_assert_cmpuint (posts->len, ==, 1);
      post = g_ptr_array_index (posts, 0);
      g_assert_nonnull (strstr (g_bytes_get_data (post->body, NULL), today));
      g_assert_nonnull (strstr (g_bytes_get_data (post->body, NULL),
                                attest_mca_customer_get_attestation_id (customer)));
      g_hash_table_add (first_ids, g_strdup (attest_mca_customer_get_request_id (customer)));
      if (i % 2 == 0)
        {
          g_assert_cmpint (attest_mca_customer_get_state (customer), ==, ATTEST_MCA_STATE_DONE);
          g_assert_nonnull (attest_mca_customer_get_completed_at (customer));
          g_assert_cmpuint (post->status, ==, 201);
        }
      else
        g_assert_cmpint (attest_mca_customer_get_state (customer), ==,
                         ATTEST_MCA_STATE_REQUESTED);
    }

  for (guint i = 1; i < requested->len; i += 2)
    g_assert_true (attest_sandbox_accept_attestation (
                     fixture->mca.sandbox,
                     attest_mca_customer_get_attestation_id (g_ptr_array_index (requested, i))));
  second = complete_all (fixture, NULL);
  attest_mca_completion_get_counts (second, &counts);
  g_assert_cmpuint (counts.customers, ==, requested->len - accepted);
  g_assert_cmpuint (counts.done, ==, requested->len - accepted);
  for (guint i = 1; i < requested->len; i += 2)
    {
      g_autoptr(AttestMcaCustomer) customer =
        lookup (fixture, attest_mca_customer_get_id (g_ptr_array_index (requested, i)));

      g_assert_cmpint (attest_mca_customer_get_state (customer), ==, ATTEST_MCA_STATE_DONE);
      /* A new attempt, under a new request ID. */
      g_assert_false (g_hash_table_contains (first_ids,
                                             attest_mca_customer_get_request_id (customer)));
    }

  /* Nothing waits any more: nothing is sent, and no run is recorded. */
  attest_sandbox_clear_requests (fixture->mca.sandbox);
  third = complete_all (fixture, NULL);
  g_assert_cmpuint (attest_mca_completion_get_n_to_send (third), ==, 0);
  g_assert_null (attest_mca_completion_get_run_id (third));
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->mca.sandbox), ==, 0);
}

/* Completed elsewhere already: 600061, which is done. */
static void
test_already_done (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) requested = list_requested (fixture);
  AttestMcaCustomer *first = g_ptr_array_index (requested, 0);
  const AttestPartnerContact contact = {
    attest_mca_customer_get_id (first), "Jane", "Doe", "jane@contoso.com", "",
  };
  g_autoptr(GDateTime) today = attest_mca_completion_pick_date_agreed (NULL, NULL, NULL);
  g_autoptr(AttestPartnerRequest) elsewhere = NULL;
  g_autoptr(AttestMcaCompletion) completion = NULL;
  g_autoptr(AttestMcaCustomer) customer = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_sandbox_accept_attestation (fixture->mca.sandbox,
                                                    attest_mca_customer_get_attestation_id (first)));
  elsewhere = attest_mca_shapes_new_completion (contact.customer_id,
                                                attest_mca_customer_get_attestation_id (first),
                                                attest_sandbox_get_template_id (
                                                  fixture->mca.sandbox),
                                                today, &contact);
  attest_partner_client_send_async (fixture->mca.client, elsewhere, G_PRIORITY_DEFAULT, NULL,
                                    attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);
  g_assert_true (attest_partner_client_send_finish (fixture->mca.client, result, &error));
  g_assert_no_error (error);

  completion = complete_all (fixture, NULL);
  customer = lookup (fixture, contact.customer_id);
  g_assert_cmpint (attest_mca_customer_get_state (customer), ==, ATTEST_MCA_STATE_DONE);
  posts = find_completions (fixture, contact.customer_id);
  g_assert_cmpuint (posts->len, ==, 2);
  g_assert_cmpuint (((AttestSandboxRequest *) g_ptr_array_index (posts, 1))->status, ==, 409);
}

/* Once the template was looked up, the next call is carried out and its
 * answer lost. */
static void
on_request_received (AttestSandbox              *sandbox,
                     const AttestSandboxRequest *request,
                     gpointer                    user_data)
{
  gboolean *queued = user_data;

  if (!*queued && g_str_equal (request->path, "/v1/agreements"))
    {
      attest_sandbox_queue_fault (sandbox, ATTEST_SANDBOX_FAULT_DROP_AFTER_ANSWER, 0);
      *queued = TRUE;
    }
}

/* An answer lost after the last try: the run stays open; its resume sends
 * the same call, and the service's agreement is not made twice. */
static void
test_lost_then_resumed (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) requested = list_requested (fixture);
  g_autoptr(AttestMcaCompletion) completion = NULL;
  g_autoptr(AttestMcaCompletion) resumed = NULL;
  g_autoptr(AttestMcaLinks) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *run_id = NULL;
  gboolean queued = FALSE;
  AttestMcaCompletionCounts counts;

  for (guint i = 0; i < requested->len; i++)
    g_assert_true (attest_sandbox_accept_attestation (
                     fixture->mca.sandbox,
                     attest_mca_customer_get_attestation_id (g_ptr_array_index (requested, i))));
  attest_retry_policy_set_max_attempts (
    attest_partner_client_get_retry_policy (fixture->mca.client), 1);
  g_signal_connect (fixture->mca.sandbox, "request-received",
                    G_CALLBACK (on_request_received), &queued);

  completion = attest_mca_completion_new (fixture->mca.client, fixture->mca.ledger, NULL,
                                          &error);
  g_assert_false (attest_test_mca_complete (completion, fixture->results, &error));
  g_assert_error (error, ATTEST_MCA_SEND_ERROR, ATTEST_MCA_SEND_ERROR_UNANSWERED);
  g_clear_error (&error);
  attest_mca_completion_get_counts (completion, &counts);
  g_assert_cmpuint (counts.unanswered, ==, 1);
  g_assert_cmpuint (counts.done, ==, requested->len - 1);
  run_id = g_strdup (attest_mca_completion_get_run_id (completion));

  /* The service made that agreement. */
  results = attest_test_mca_read_links (fixture->results);
  g_assert_cmpuint (results->rows->len, ==, requested->len);

  resumed = attest_mca_completion_new_resume (fixture->mca.client, fixture->mca.ledger, run_id,
                                              &error);
  g_assert_no_error (error);
  /* Only the call that got no answer is left. */
  g_assert_cmpuint (attest_mca_completion_get_n_left (resumed), ==, 1);
  g_assert_true (attest_test_mca_complete (resumed, NULL, &error));
  g_assert_cmpuint (attest_mca_completion_get_n_left (resumed), ==, 0);
  g_assert_no_error (error);
  attest_mca_completion_get_counts (resumed, &counts);
  g_assert_cmpuint (counts.done, ==, requested->len);

  for (guint i = 0; i < requested->len; i++)
    {
      const char *id = attest_mca_customer_get_id (g_ptr_array_index (requested, i));
      g_autoptr(GPtrArray) posts = find_completions (fixture, id);
      const AttestSandboxRequest *first = g_ptr_array_index (posts, 0);

      /* Sent twice at most, the same call; each answered 201. */
      g_assert_cmpuint (posts->len, <=, 2);
      for (guint p = 1; p < posts->len; p++)
        {
          const AttestSandboxRequest *post = g_ptr_array_index (posts, p);

          g_assert_cmpstr (soup_message_headers_get_one (post->headers, "MS-RequestId"), ==,
                           soup_message_headers_get_one (first->headers, "MS-RequestId"));
          g_assert_true (g_bytes_equal (post->body, first->body));
          g_assert_cmpuint (post->status, ==, 201);
        }
    }

  /* Written again in full where the run wrote it. */
  g_clear_pointer (&results, attest_mca_links_free);
  results = attest_test_mca_read_links (fixture->results);
  for (guint i = 0; i < results->rows->len; i++)
    g_assert_cmpstr (attest_test_mca_cell (results, i, ATTEST_MCA_LINKS_STATE), ==, "done");
}

/* What the service refuses leaves the customer requested with its words:
 * an attestation expired, one it no longer knows, a customer removed. */
static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) requested = list_requested (fixture);
  AttestMcaCustomer *expired = g_ptr_array_index (requested, 0);
  AttestMcaCustomer *removed = g_ptr_array_index (requested, 1);
  g_autoptr(AttestMcaCompletion) completion = NULL;
  g_autoptr(AttestMcaCompletion) elsewhere = NULL;
  g_autoptr(AttestMcaCustomer) customer = NULL;
  g_autoptr(AttestSandbox) restarted = NULL;
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(GError) error = NULL;
  AttestMcaCompletionCounts counts;

  g_assert_true (attest_sandbox_expire_attestation (fixture->mca.sandbox,
                                                    attest_mca_customer_get_attestation_id (
                                                      expired)));
  g_assert_true (attest_sandbox_accept_attestation (fixture->mca.sandbox,
                                                    attest_mca_customer_get_attestation_id (
                                                      removed)));
  g_assert_true (attest_sandbox_remove_customer (fixture->mca.sandbox,
                                                 attest_mca_customer_get_id (removed)));

  completion = complete_all (fixture, NULL);
  attest_mca_completion_get_counts (completion, &counts);
  g_assert_cmpuint (counts.waiting, ==, requested->len);
  customer = lookup (fixture, attest_mca_customer_get_id (expired));
  g_assert_cmpint (attest_mca_customer_get_state (customer), ==, ATTEST_MCA_STATE_REQUESTED);
  g_assert_nonnull (strstr (attest_mca_customer_get_message (customer), "expired"));
  g_clear_pointer (&customer, attest_mca_customer_unref);
  customer = lookup (fixture, attest_mca_customer_get_id (removed));
  g_assert_cmpint (attest_mca_customer_get_state (customer), ==, ATTEST_MCA_STATE_REQUESTED);
  g_assert_nonnull (strstr (attest_mca_customer_get_message (customer), "404"));
  g_clear_pointer (&customer, attest_mca_customer_unref);

  /* A Partner Center that never made these attestations. */
  restarted = attest_sandbox_new (23);
  attest_sandbox_set_customer_count (restarted, N_CUSTOMERS);
  g_assert_true (attest_sandbox_start (restarted, 0, &error));
  client = attest_test_mca_new_client (restarted, NULL);
  elsewhere = attest_mca_completion_new (client, fixture->mca.ledger, NULL, &error);
  g_assert_true (attest_test_mca_complete (elsewhere, NULL, &error));
  g_assert_no_error (error);
  customer = lookup (fixture, attest_mca_customer_get_id (g_ptr_array_index (requested, 2)));
  g_assert_cmpint (attest_mca_customer_get_state (customer), ==, ATTEST_MCA_STATE_REQUESTED);
  g_assert_nonnull (strstr (attest_mca_customer_get_message (customer), "not found"));
}

/* The date agreed is today in UTC: not in the future, not before the
 * attestation's day; a clock that says the attestation is from tomorrow
 * gives none. */
static void
test_date_agreed (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 4, 23, 59, 30);
  g_autoptr(GDateTime) same_day = g_date_time_new_utc (2026, 3, 4, 0, 0, 1);
  g_autoptr(GDateTime) earlier = g_date_time_new_utc (2026, 2, 27, 18, 0, 0);
  g_autoptr(GTimeZone) east = g_time_zone_new_identifier ("+05:00");
  g_autoptr(GDateTime) east_next_day = g_date_time_new (east, 2026, 3, 5, 3, 0, 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_new_utc (2026, 3, 5, 0, 0, 0);
  g_autoptr(GError) error = NULL;
  GDateTime *requested[] = { NULL, same_day, earlier, east_next_day };

  for (guint i = 0; i < G_N_ELEMENTS (requested); i++)
    {
      g_autoptr(GDateTime) date = attest_mca_completion_pick_date_agreed (requested[i], now,
                                                                          &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = attest_mca_format_time (date);
      g_assert_cmpstr (text, ==, "2026-03-04T00:00:00Z");
    }

  g_assert_null (attest_mca_completion_pick_date_agreed (tomorrow, now, &error));
  g_assert_error (error, ATTEST_MCA_COMPLETION_ERROR, ATTEST_MCA_COMPLETION_ERROR_DATE_AGREED);
  /* Both days as a person reads them, in UTC whatever the local zone. */
  g_assert_nonnull (strstr (error->message, "on 5 March 2026 (UTC)"));
  g_assert_nonnull (strstr (error->message, "today, 4 March 2026,"));
}

/* A request run named: only its customers. A run that is not one is an
 * error. */
static void
test_one_request_run (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (
                                (GDestroyNotify) attest_mca_row_free);
  g_autoptr(AttestMcaRequest) renewed = NULL;
  g_autoptr(AttestMcaCompletion) completion = NULL;
  g_autoptr(AttestMcaCompletion) none = NULL;
  g_autoptr(GError) error = NULL;
  guint index = attest_test_mca_find_needing (fixture->mca.sandbox, 0);
  const char *renewed_id = attest_sandbox_get_customer (fixture->mca.sandbox,
                                                        index)->customer_id;
  g_autoptr(AttestMcaCustomer) customer = NULL;
  AttestMcaCompletionCounts counts;

  g_ptr_array_add (rows, attest_test_mca_new_row (fixture->mca.sandbox, index, TRUE));
  renewed = attest_test_mca_request (&fixture->mca, rows, ATTEST_MCA_REQUEST_RENEW);
  customer = lookup (fixture, renewed_id);
  g_assert_true (attest_sandbox_accept_attestation (fixture->mca.sandbox,
                                                    attest_mca_customer_get_attestation_id (
                                                      customer)));

  completion = complete_all (fixture, attest_mca_request_get_run_id (renewed));
  attest_mca_completion_get_counts (completion, &counts);
  g_assert_cmpuint (counts.customers, ==, 1);
  g_assert_cmpuint (counts.done, ==, 1);

  none = attest_mca_completion_new (fixture->mca.client, fixture->mca.ledger,
                                    attest_mca_completion_get_run_id (completion), &error);
  g_assert_null (none);
  g_assert_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_UNKNOWN_RUN);
}

/* An expired secret stops the run with a way to renew it; the calls stay
 * journaled, and the resume with a secret that works sends them. */
static void
test_expired_secret (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) requested = list_requested (fixture);
  g_autoptr(AttestAppOnlyTokens) tokens = NULL;
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(AttestMcaCompletion) completion = NULL;
  g_autoptr(AttestMcaCompletion) resumed = NULL;
  g_autoptr(GError) error = NULL;
  AttestMcaCompletionCounts counts;

  for (guint i = 0; i < requested->len; i++)
    g_assert_true (attest_sandbox_accept_attestation (
                     fixture->mca.sandbox,
                     attest_mca_customer_get_attestation_id (g_ptr_array_index (requested, i))));
  tokens = attest_app_only_tokens_new (attest_sandbox_get_uri (fixture->mca.sandbox),
                                       attest_sandbox_get_tenant_id (fixture->mca.sandbox),
                                       attest_sandbox_get_app_client_id (fixture->mca.sandbox),
                                       attest_sandbox_get_app_client_secret (
                                         fixture->mca.sandbox));
  client = attest_test_mca_new_client (fixture->mca.sandbox, ATTEST_TOKEN_PROVIDER (tokens));
  attest_sandbox_expire_app_secret (fixture->mca.sandbox);

  completion = attest_mca_completion_new (client, fixture->mca.ledger, NULL, &error);
  g_assert_false (attest_test_mca_complete (completion, fixture->results, &error));
  g_assert_true (attest_mca_error_stops_run (error));
  g_assert_nonnull (strstr (error->message, "App management"));
  g_clear_error (&error);
  attest_mca_completion_get_counts (completion, &counts);
  g_assert_cmpuint (counts.unanswered, ==, requested->len);

  resumed = attest_mca_completion_new_resume (fixture->mca.client, fixture->mca.ledger,
                                              attest_mca_completion_get_run_id (completion),
                                              &error);
  g_assert_true (attest_test_mca_complete (resumed, NULL, &error));
  g_assert_no_error (error);
  attest_mca_completion_get_counts (resumed, &counts);
  g_assert_cmpuint (counts.done, ==, requested->len);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

#define ADD(path, test) \
  g_test_add ("/mca-complete/" path, Fixture, NULL, fixture_setup, test, fixture_teardown)

  ADD ("not-accepted-yet", test_not_accepted_yet);
  ADD ("accepted-then-done", test_accepted_then_done);
  ADD ("already-done", test_already_done);
  ADD ("lost-then-resumed", test_lost_then_resumed);
  ADD ("refusals", test_refusals);
  g_test_add_func ("/mca-complete/date-agreed", test_date_agreed);
  ADD ("one-request-run", test_one_request_run);
  ADD ("expired-secret", test_expired_secret);

#undef ADD

  return g_test_run ();
}
