/* test-mca-status.c: the status check of Microsoft's current flow against
 * the sandbox: each state from the seeds with the fewest reads, the
 * concurrency, cancel, retries, a second check, the customers listed when
 * the records list is gone, a customer removed midway, requested
 * customers that accepted, a file of customers, and the ledger read back
 * (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-mca-shapes.h"
#include "attest-mca-status.h"
#include "attest-sandbox.h"
#include "attest-static-token-provider.h"
#include "attest-test-utils.h"

#define RECORDS_PATH   "/v1/partners/customeragreementrecords"
#define CUSTOMERS_PATH "/v1/customers"

typedef struct
{
  AttestSandbox       *sandbox;
  AttestTokenProvider *user_tokens;
  AttestTokenProvider *app_tokens;
  AttestPartnerClient *client;
  char                *directory;  /* the ledger's */
  AttestMcaLedger     *ledger;
} Fixture;

/* The ledger of the partner @client works for, in @directory. */
static AttestMcaLedger *
open_for_client (AttestPartnerClient  *client,
                 const char           *directory,
                 GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  attest_mca_ledger_open_for_client_async (client, directory, NULL, attest_test_store_result,
                                           &slot);
  result = attest_test_wait_result (&slot);

  return attest_mca_ledger_open_for_client_finish (result, error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestRetryPolicy) policy = attest_retry_policy_new ();
  g_autofree char *user_token = NULL;
  g_autofree char *app_token = NULL;
  g_autofree char *parent = g_dir_make_tmp ("attest-status-XXXXXX", &error);

  g_assert_no_error (error);
  fixture->sandbox = attest_sandbox_new (29);
  attest_sandbox_set_customer_count (fixture->sandbox, 60);
  attest_sandbox_set_page_size (fixture->sandbox, 20);
  attest_sandbox_start (fixture->sandbox, 0, &error);
  g_assert_no_error (error);

  user_token = attest_sandbox_mint_access_token (fixture->sandbox, 3600);
  app_token = attest_sandbox_mint_app_token (fixture->sandbox, NULL);
  fixture->user_tokens = attest_static_token_provider_new (user_token);
  fixture->app_tokens = attest_static_token_provider_new (app_token);
  fixture->client = attest_partner_client_new (attest_sandbox_get_uri (fixture->sandbox),
                                               fixture->user_tokens, &error);
  g_assert_no_error (error);
  attest_partner_client_set_app_token_provider (fixture->client, fixture->app_tokens);
  attest_retry_policy_set_delays (policy, 5, 40);
  attest_retry_policy_set_seed (policy, 7);
  attest_partner_client_set_retry_policy (fixture->client, policy);

  fixture->directory = g_build_filename (parent, "ledger", NULL);
  fixture->ledger = open_for_client (fixture->client, fixture->directory, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attest_mca_ledger_get_tenant_id (fixture->ledger), ==,
                   attest_sandbox_get_tenant_id (fixture->sandbox));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *parent = g_path_get_dirname (fixture->directory);

  g_clear_object (&fixture->ledger);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->user_tokens);
  g_clear_object (&fixture->app_tokens);
  g_clear_object (&fixture->sandbox);
  attest_test_remove_tree (parent);
  g_free (fixture->directory);
}

static gboolean
run_check (AttestMcaStatusCheck  *check,
           GCancellable          *cancellable,
           GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  attest_mca_status_check_run_async (check, cancellable, attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);

  return attest_mca_status_check_run_finish (check, result, error);
}

/* A check of every customer, listed, run to its end without failures. */
static AttestMcaStatusCheck *
check_all (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  AttestMcaStatusCheck *check = attest_mca_status_check_new (fixture->client, fixture->ledger);

  g_assert_true (run_check (check, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (attest_mca_status_check_get_n_failed (check), ==, 0);

  return check;
}

/* The state the sandbox's seed gives @customer_id before anything changed. */
static AttestMcaState
seeded_state (Fixture    *fixture,
              const char *customer_id)
{
  switch (attest_sandbox_get_customer_mca_seed (fixture->sandbox, customer_id))
    {
    case ATTEST_SANDBOX_MCA_SEED_ACCEPTED_DIRECTLY:
      return ATTEST_MCA_STATE_ACCEPTED_DIRECTLY;
    case ATTEST_SANDBOX_MCA_SEED_ATTESTED:
      return ATTEST_MCA_STATE_ATTESTED;
    case ATTEST_SANDBOX_MCA_SEED_OLDER_ONLY:
    case ATTEST_SANDBOX_MCA_SEED_NONE:
    default:
      return ATTEST_MCA_STATE_NEEDS_ACCEPTANCE;
    }
}

/* The first customer (from @from on) whose seed is @seed. */
static const char *
find_customer (Fixture              *fixture,
               AttestSandboxMcaSeed  seed,
               guint                 from)
{
  for (guint i = from; i < attest_sandbox_get_customer_count (fixture->sandbox); i++)
    {
      const char *id = attest_sandbox_get_customer (fixture->sandbox, i)->customer_id;

      if (attest_sandbox_get_customer_mca_seed (fixture->sandbox, id) == seed)
        return id;
    }

  g_assert_not_reached ();
}

/* The reads the sandbox logged about @customer_id since it was last
 * cleared, as "agreements directSigned… profiles/billing" words. */
static char *
describe_reads (Fixture    *fixture,
                const char *customer_id)
{
  g_autofree char *prefix = g_strconcat (CUSTOMERS_PATH "/", customer_id, "/", NULL);
  GString *reads = g_string_new (NULL);

  for (guint i = 0; i < attest_sandbox_get_request_count (fixture->sandbox); i++)
    {
      const AttestSandboxRequest *request = attest_sandbox_get_request (fixture->sandbox, i);

      if (g_ascii_strncasecmp (request->path, prefix, strlen (prefix)) != 0)
        continue;
      g_assert_cmpstr (request->method, ==, "GET");
      if (reads->len > 0)
        g_string_append_c (reads, ' ');
      g_string_append (reads, request->path + strlen (prefix));
    }

  return g_string_free (reads, FALSE);
}

static const char *
expected_reads (AttestMcaState state)
{
  switch (state)
    {
    case ATTEST_MCA_STATE_ATTESTED:
    case ATTEST_MCA_STATE_DONE:
      return "agreements";
    case ATTEST_MCA_STATE_ACCEPTED_DIRECTLY:
    case ATTEST_MCA_STATE_REQUESTED:
      return "agreements directSignedMicrosoftCustomerAgreementStatus";
    case ATTEST_MCA_STATE_NEEDS_ACCEPTANCE:
      return "agreements directSignedMicrosoftCustomerAgreementStatus profiles/billing";
    case ATTEST_MCA_STATE_UNCHECKED:
    case ATTEST_MCA_STATE_REFUSED:
    default:
      g_assert_not_reached ();
    }
}

static guint
count_requests (Fixture    *fixture,
                const char *path)
{
  g_autoptr(GPtrArray) requests = attest_sandbox_find_requests (fixture->sandbox, NULL, path);

  return requests->len;
}

typedef struct
{
  AttestMcaLedger *ledger;
  guint            n_signals;
  guint            n_notified;   /* of n-checked */
  GCancellable    *cancel_at;    /* cancelled once cancel_after customers were checked */
  guint            cancel_after;
  guint            requests_at_cancel;
  AttestSandbox   *sandbox;
} Progress;

static void
on_customer_checked (AttestMcaStatusCheck        *check,
                     const AttestMcaStatusResult *result,
                     Progress                    *progress)
{
  g_autoptr(AttestMcaCustomer) customer = attest_mca_ledger_lookup (progress->ledger,
                                                                    result->customer_id);

  progress->n_signals++;
  g_assert_true (result->checked);
  /* Recorded as it came. */
  if (!result->failed)
    {
      g_assert_nonnull (customer);
      g_assert_cmpint (attest_mca_customer_get_state (customer), ==, result->state);
    }

  if (progress->cancel_at != NULL && progress->n_signals == progress->cancel_after)
    {
      progress->requests_at_cancel = attest_sandbox_get_request_count (progress->sandbox);
      g_cancellable_cancel (progress->cancel_at);
    }
}

static void
on_n_checked (AttestMcaStatusCheck *check,
              GParamSpec           *pspec,
              Progress             *progress)
{
  progress->n_notified++;
  g_assert_cmpuint (attest_mca_status_check_get_n_checked (check), ==, progress->n_notified);
}

/* Every customer listed gets the state its seed gives, with exactly the
 * reads that state needs, recorded in the ledger as it comes, with the
 * billing profile of those that need acceptance. */
static void
test_states_from_seeds (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(AttestMcaStatusCheck) check = attest_mca_status_check_new (fixture->client,
                                                                       fixture->ledger);
  g_autoptr(GError) error = NULL;
  Progress progress = { .ledger = fixture->ledger };
  guint n = attest_sandbox_get_customer_count (fixture->sandbox);
  guint seen[ATTEST_N_MCA_STATES] = { 0 };
  guint reads[ATTEST_N_MCA_STATES] = { 0 };

  g_signal_connect (check, "customer-checked", G_CALLBACK (on_customer_checked), &progress);
  g_signal_connect (check, "notify::n-checked", G_CALLBACK (on_n_checked), &progress);
  g_assert_cmpuint (attest_mca_status_check_get_concurrency (check), ==, 8);

  g_assert_true (run_check (check, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (attest_mca_status_check_get_n_customers (check), ==, n);
  g_assert_cmpuint (attest_mca_status_check_get_n_checked (check), ==, n);
  g_assert_cmpuint (attest_mca_status_check_get_n_failed (check), ==, 0);
  g_assert_cmpuint (attest_mca_status_check_get_n_settled (check), ==, 0);
  g_assert_cmpuint (progress.n_signals, ==, n);
  g_assert_cmpuint (progress.n_notified, ==, n);
  /* Listed from the records list, three pages. */
  g_assert_cmpuint (count_requests (fixture, RECORDS_PATH), ==, 3);
  g_assert_cmpuint (count_requests (fixture, CUSTOMERS_PATH), ==, 0);

  for (guint i = 0; i < n; i++)
    {
      const AttestSandboxCustomer *customer = attest_sandbox_get_customer (fixture->sandbox, i);
      const AttestMcaStatusResult *result = NULL;
      g_autoptr(AttestMcaCustomer) known = NULL;
      g_autofree char *described = NULL;
      AttestMcaState expected = seeded_state (fixture, customer->customer_id);

      for (guint r = 0; r < n && result == NULL; r++)
        {
          const AttestMcaStatusResult *candidate = attest_mca_status_check_get_result (check, r);

          if (g_str_equal (candidate->customer_id, customer->customer_id))
            result = candidate;
        }
      g_assert_nonnull (result);
      g_assert_true (result->checked);
      g_assert_false (result->failed);
      g_assert_false (result->settled);
      g_assert_nonnull (result->checked_at);
      g_assert_cmpint (result->state, ==, expected);

      described = describe_reads (fixture, customer->customer_id);
      g_assert_cmpstr (described, ==, expected_reads (expected));
      g_assert_cmpuint (result->n_requests, ==, 1 + (expected != ATTEST_MCA_STATE_ATTESTED)
                                                + (expected == ATTEST_MCA_STATE_NEEDS_ACCEPTANCE));
      seen[expected]++;
      reads[expected] += result->n_requests;

      known = attest_mca_ledger_lookup (fixture->ledger, customer->customer_id);
      g_assert_nonnull (known);
      g_assert_cmpint (attest_mca_customer_get_state (known), ==, expected);
      if (expected == ATTEST_MCA_STATE_NEEDS_ACCEPTANCE)
        {
          const char *first_name = attest_mca_customer_get_profile_first_name (known);

          g_assert_nonnull (attest_mca_customer_get_profile_seen_at (known));
          g_assert_true (first_name == NULL || g_str_equal (first_name, customer->first_name));
        }
      else
        g_assert_null (attest_mca_customer_get_profile_seen_at (known));
    }

  /* The seeds hold every state, and the counts say the same. */
  for (AttestMcaState state = 0; state < ATTEST_N_MCA_STATES; state++)
    {
      g_assert_cmpuint (attest_mca_status_check_get_count (check, state), ==, seen[state]);
      g_assert_cmpuint (attest_mca_status_check_get_n_requests (check, state), ==, reads[state]);
    }
  g_assert_cmpuint (seen[ATTEST_MCA_STATE_ACCEPTED_DIRECTLY], >, 0);
  g_assert_cmpuint (seen[ATTEST_MCA_STATE_ATTESTED], >, 0);
  g_assert_cmpuint (seen[ATTEST_MCA_STATE_NEEDS_ACCEPTANCE], >, 0);
  g_assert_cmpuint (reads[ATTEST_MCA_STATE_ATTESTED], ==, seen[ATTEST_MCA_STATE_ATTESTED]);
}

/* The most requests under way at once, from when each arrived: the read
 * latency holds every answer at least that long, so the requests that
 * arrived within it of each other were all under way together. */
typedef struct
{
  gint64 latency_us;
  GArray *arrivals;  /* gint64 */
} Arrivals;

static void
on_request (AttestSandbox              *sandbox,
            const AttestSandboxRequest *request,
            Arrivals                   *arrivals)
{
  if (g_str_has_prefix (request->path, "/v1/"))
    g_array_append_val (arrivals->arrivals, request->time);
}

static guint
most_under_way (Arrivals *arrivals)
{
  guint most = 0;

  for (guint i = 0; i < arrivals->arrivals->len; i++)
    {
      gint64 t = g_array_index (arrivals->arrivals, gint64, i);
      guint under_way = 0;

      for (guint j = 0; j <= i; j++)
        under_way += g_array_index (arrivals->arrivals, gint64, j) > t - arrivals->latency_us;
      most = MAX (most, under_way);
    }

  return most;
}

static guint
check_under_way (Fixture  *fixture,
                 gboolean  given,
                 guint     concurrency)
{
  g_autoptr(AttestMcaStatusCheck) check = attest_mca_status_check_new (fixture->client,
                                                                       fixture->ledger);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  AttestSandboxFaults faults = { .read_latency_ms = 50 * attest_test_time_scale () };
  Arrivals arrivals = { faults.read_latency_ms * 1000, times };
  gulong handler;

  attest_sandbox_set_faults (fixture->sandbox, &faults);
  if (concurrency > 0)
    attest_mca_status_check_set_concurrency (check, concurrency);
  for (guint i = 0; given && i < attest_sandbox_get_customer_count (fixture->sandbox); i++)
    attest_mca_status_check_add_customer (check,
                                          attest_sandbox_get_customer (fixture->sandbox,
                                                                       i)->customer_id,
                                          NULL);

  handler = g_signal_connect (fixture->sandbox, "request-received", G_CALLBACK (on_request),
                              &arrivals);
  g_assert_true (run_check (check, NULL, &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (fixture->sandbox, handler);
  g_assert_cmpuint (attest_mca_status_check_get_n_checked (check), ==,
                    attest_sandbox_get_customer_count (fixture->sandbox));

  return most_under_way (&arrivals);
}

/* Eight requests under way by default, never more; as many as set; the
 * listing takes one of them. */
static void
test_concurrency (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_cmpuint (check_under_way (fixture, TRUE, 0), ==, 8);
  attest_sandbox_clear_requests (fixture->sandbox);
  g_clear_object (&fixture->ledger);
  attest_test_remove_tree (fixture->directory);
  fixture->ledger = attest_mca_ledger_open (fixture->directory,
                                            attest_sandbox_get_tenant_id (fixture->sandbox),
                                            NULL);
  g_assert_cmpuint (check_under_way (fixture, TRUE, 3), ==, 3);

  g_clear_object (&fixture->ledger);
  attest_test_remove_tree (fixture->directory);
  fixture->ledger = attest_mca_ledger_open (fixture->directory,
                                            attest_sandbox_get_tenant_id (fixture->sandbox),
                                            NULL);
  g_assert_cmpuint (check_under_way (fixture, FALSE, 0), ==, 8);
}

/* Cancelled, the check starts nothing more: the customers it never came
 * to were never asked about, and nothing of them is in the ledger. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(AttestMcaStatusCheck) check = attest_mca_status_check_new (fixture->client,
                                                                       fixture->ledger);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  AttestSandboxFaults faults = { .read_latency_ms = 10 };
  Progress progress = {
    .ledger = fixture->ledger,
    .cancel_at = cancellable,
    .cancel_after = 5,
    .sandbox = fixture->sandbox,
  };
  guint n = attest_sandbox_get_customer_count (fixture->sandbox);
  guint asked = 0;

  attest_sandbox_set_faults (fixture->sandbox, &faults);
  for (guint i = 0; i < n; i++)
    attest_mca_status_check_add_customer (check,
                                          attest_sandbox_get_customer (fixture->sandbox,
                                                                       i)->customer_id,
                                          NULL);
  g_signal_connect (check, "customer-checked", G_CALLBACK (on_customer_checked), &progress);

  g_assert_false (run_check (check, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (attest_mca_status_check_get_n_checked (check), ==, 5);
  g_assert_cmpuint (progress.n_signals, ==, 5);
  /* At most the reads under way when it was cancelled came after. */
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), <=,
                    progress.requests_at_cancel + 8);

  for (guint i = 0; i < n; i++)
    {
      const AttestMcaStatusResult *result = attest_mca_status_check_get_result (check, i);
      g_autoptr(AttestMcaCustomer) known = attest_mca_ledger_lookup (fixture->ledger,
                                                                     result->customer_id);
      g_autofree char *reads = describe_reads (fixture, result->customer_id);

      asked += reads[0] != '\0';
      g_assert_cmpint (result->checked, ==, known != NULL);
      if (!result->checked)
        g_assert_cmpint (result->state, ==, ATTEST_MCA_STATE_UNCHECKED);
    }
  g_assert_cmpuint (asked, <=, 5 + 8);
  g_assert_cmpuint (attest_mca_ledger_get_n_customers (fixture->ledger), ==, 5);
}

/* 429 and 503 are retried under the same request ID, after Retry-After,
 * and the customers end as their seeds say. */
static void
test_retries (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(AttestMcaStatusCheck) check = attest_mca_status_check_new (fixture->client,
                                                                       fixture->ledger);
  g_autoptr(GError) error = NULL;
  const char *id = find_customer (fixture, ATTEST_SANDBOX_MCA_SEED_OLDER_ONLY, 0);
  g_autofree char *reads = NULL;
  const AttestSandboxRequest *throttled;
  const AttestSandboxRequest *unavailable;
  const AttestSandboxRequest *answered;

  attest_mca_status_check_add_customer (check, id, "Contoso");
  attest_sandbox_queue_fault (fixture->sandbox, ATTEST_SANDBOX_FAULT_429_SECONDS, 1);
  attest_sandbox_queue_fault (fixture->sandbox, ATTEST_SANDBOX_FAULT_503, 0);

  g_assert_true (run_check (check, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (attest_mca_status_check_get_result (check, 0)->state, ==,
                   ATTEST_MCA_STATE_NEEDS_ACCEPTANCE);
  g_assert_cmpuint (attest_mca_status_check_get_result (check, 0)->n_requests, ==, 3);
  g_assert_cmpuint (attest_mca_status_check_get_n_failed (check), ==, 0);

  /* The agreements read: 429, then 503, then answered, all one request. */
  reads = describe_reads (fixture, id);
  g_assert_cmpstr (reads, ==, "agreements agreements agreements "
                              "directSignedMicrosoftCustomerAgreementStatus profiles/billing");
  throttled = attest_sandbox_get_request (fixture->sandbox, 0);
  unavailable = attest_sandbox_get_request (fixture->sandbox, 1);
  answered = attest_sandbox_get_request (fixture->sandbox, 2);
  g_assert_cmpuint (throttled->status, ==, 429);
  g_assert_cmpuint (unavailable->status, ==, 503);
  g_assert_cmpuint (answered->status, ==, 200);
  g_assert_cmpint (unavailable->time, >=, throttled->retry_after_until);
  g_assert_cmpstr (soup_message_headers_get_one (throttled->headers, "MS-RequestId"), ==,
                   soup_message_headers_get_one (unavailable->headers, "MS-RequestId"));
  g_assert_cmpstr (soup_message_headers_get_one (unavailable->headers, "MS-RequestId"), ==,
                   soup_message_headers_get_one (answered->headers, "MS-RequestId"));
}

/* A second check asks nothing about the customers the first found
 * accepted directly or attested, and reads the others again. */
static void
test_second_check (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(AttestMcaStatusCheck) first = check_all (fixture);
  g_autoptr(AttestMcaStatusCheck) second = NULL;
  g_autoptr(GError) error = NULL;
  guint n = attest_sandbox_get_customer_count (fixture->sandbox);
  guint settled = attest_mca_status_check_get_count (first, ATTEST_MCA_STATE_ACCEPTED_DIRECTLY)
                  + attest_mca_status_check_get_count (first, ATTEST_MCA_STATE_ATTESTED);

  attest_sandbox_clear_requests (fixture->sandbox);
  second = attest_mca_status_check_new (fixture->client, fixture->ledger);
  g_assert_true (run_check (second, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (attest_mca_status_check_get_n_checked (second), ==, n);
  g_assert_cmpuint (attest_mca_status_check_get_n_settled (second), ==, settled);
  for (AttestMcaState state = 0; state < ATTEST_N_MCA_STATES; state++)
    g_assert_cmpuint (attest_mca_status_check_get_count (second, state), ==,
                      attest_mca_status_check_get_count (first, state));

  for (guint i = 0; i < n; i++)
    {
      const AttestMcaStatusResult *result = attest_mca_status_check_get_result (second, i);
      g_autofree char *reads = describe_reads (fixture, result->customer_id);

      if (result->state == ATTEST_MCA_STATE_NEEDS_ACCEPTANCE)
        {
          g_assert_false (result->settled);
          g_assert_cmpstr (reads, ==, expected_reads (result->state));
        }
      else
        {
          g_assert_true (result->settled);
          g_assert_cmpuint (result->n_requests, ==, 0);
          g_assert_cmpstr (reads, ==, "");
          g_assert_nonnull (result->checked_at);
        }
    }
  g_assert_cmpuint (attest_mca_status_check_get_n_requests (second,
                                                            ATTEST_MCA_STATE_ATTESTED), ==, 0);
}

/* When the records list answers 404, the customers are listed from
 * /v1/customers, with their company names. */
static void
test_records_list_gone (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(AttestMcaStatusCheck) check = NULL;
  guint n = attest_sandbox_get_customer_count (fixture->sandbox);
  g_autoptr(GPtrArray) records = NULL;

  attest_sandbox_set_records_list_served (fixture->sandbox, FALSE);
  check = check_all (fixture);

  records = attest_sandbox_find_requests (fixture->sandbox, "GET", RECORDS_PATH);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpuint (((AttestSandboxRequest *) g_ptr_array_index (records, 0))->status, ==, 404);
  g_assert_cmpuint (count_requests (fixture, CUSTOMERS_PATH), ==, 3);
  g_assert_cmpuint (attest_mca_status_check_get_n_checked (check), ==, n);

  for (guint i = 0; i < n; i++)
    {
      const AttestMcaStatusResult *result = attest_mca_status_check_get_result (check, i);
      const AttestSandboxCustomer *customer = attest_sandbox_lookup_customer (fixture->sandbox,
                                                                              result->customer_id);
      g_autoptr(AttestMcaCustomer) known = attest_mca_ledger_lookup (fixture->ledger,
                                                                     result->customer_id);

      g_assert_nonnull (customer);
      g_assert_cmpstr (result->company_name, ==, customer->company_name);
      g_assert_cmpstr (attest_mca_customer_get_company_name (known), ==, customer->company_name);
      g_assert_cmpint (result->state, ==, seeded_state (fixture, result->customer_id));
    }
}

typedef struct
{
  AttestSandbox *sandbox;
  const char    *remove;   /* removed once the last page was listed */
  gboolean       removed;
} Removal;

static void
on_listed (AttestSandbox              *sandbox,
           const AttestSandboxRequest *request,
           Removal                    *removal)
{
  g_autoptr(GPtrArray) pages = NULL;

  if (removal->removed || !g_str_equal (request->path, RECORDS_PATH))
    return;

  /* The third page is the last of 60 customers. */
  pages = attest_sandbox_find_requests (sandbox, "GET", RECORDS_PATH);
  if (pages->len == 3)
    removal->removed = attest_sandbox_remove_customer (sandbox, removal->remove);
}

/* A customer removed after it was listed and before it was read is a
 * customer that could not be checked, with the service's reason; the
 * others are checked. */
static void
test_customer_removed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(AttestMcaStatusCheck) check = attest_mca_status_check_new (fixture->client,
                                                                       fixture->ledger);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMcaCustomer) known = NULL;
  g_autofree char *id = NULL;
  Removal removal = { fixture->sandbox, NULL, FALSE };
  const AttestMcaStatusResult *removed = NULL;
  guint n = attest_sandbox_get_customer_count (fixture->sandbox);

  /* One slot: the listing ends before the first read. */
  attest_mca_status_check_set_concurrency (check, 1);
  id = g_strdup (attest_sandbox_get_customer (fixture->sandbox, 3)->customer_id);
  removal.remove = id;
  g_signal_connect (fixture->sandbox, "request-received", G_CALLBACK (on_listed), &removal);

  g_assert_true (run_check (check, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (removal.removed);

  g_assert_cmpuint (attest_mca_status_check_get_n_customers (check), ==, n);
  g_assert_cmpuint (attest_mca_status_check_get_n_checked (check), ==, n);
  g_assert_cmpuint (attest_mca_status_check_get_n_failed (check), ==, 1);
  g_assert_cmpuint (attest_mca_status_check_get_count (check, ATTEST_MCA_STATE_UNCHECKED), ==, 1);
  for (guint i = 0; i < n; i++)
    {
      const AttestMcaStatusResult *result = attest_mca_status_check_get_result (check, i);

      if (g_str_equal (result->customer_id, id))
        removed = result;
      else
        g_assert_false (result->failed);
    }
  g_assert_nonnull (removed);
  g_assert_true (removed->failed);
  g_assert_cmpint (removed->state, ==, ATTEST_MCA_STATE_UNCHECKED);
  g_assert_nonnull (strstr (removed->message, "600008"));
  g_assert_cmpuint (removed->n_requests, ==, 1);

  known = attest_mca_ledger_lookup (fixture->ledger, id);
  g_assert_cmpint (attest_mca_customer_get_state (known), ==, ATTEST_MCA_STATE_UNCHECKED);
  g_assert_cmpstr (attest_mca_customer_get_message (known), ==, removed->message);
}

static JsonNode *
send (Fixture              *fixture,
      AttestPartnerRequest *request)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  JsonNode *answer = NULL;

  attest_partner_client_send_async (fixture->client, request, G_PRIORITY_DEFAULT, NULL,
                                    attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);
  g_assert_true (attest_partner_client_send_finish_answer (fixture->client, result, &answer,
                                                           &error));
  g_assert_no_error (error);

  return answer;
}

/* Requests an attestation for @customer_id as a request run does,
 * journaled in the ledger; returns its ID. */
static char *
request_attestation (Fixture    *fixture,
                     const char *customer_id)
{
  const AttestSandboxCustomer *customer = attest_sandbox_lookup_customer (fixture->sandbox,
                                                                          customer_id);
  const AttestAttestationDetails details = {
    "FR", "fr-FR", customer->company_name, customer->first_name, customer->last_name,
    customer->email, NULL,
  };
  const AttestPartnerContact signatory = {
    customer_id, customer->first_name, customer->last_name, customer->email, "",
  };
  g_autoptr(AttestPartnerRequest) request = attest_mca_shapes_new_attestation (&details);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;
  char *attestation_id = NULL;
  AttestMcaAnswer recorded = { ATTEST_MCA_ANSWER_ATTESTATION, customer_id, };

  g_assert_true (attest_mca_ledger_record_intent_sync (fixture->ledger,
                                                       ATTEST_MCA_INTENT_ATTESTATION, NULL,
                                                       &signatory, NULL, request, &error));
  g_assert_no_error (error);
  answer = send (fixture, request);
  g_assert_true (attest_mca_shapes_read_attestation (answer, &attestation_id, &link, &error));
  g_assert_no_error (error);

  recorded.request_id = attest_partner_request_get_request_id (request);
  recorded.attestation_id = attestation_id;
  recorded.link = link;
  g_assert_true (attest_mca_ledger_record_answer (fixture->ledger, &recorded, &error));
  g_assert_no_error (error);

  return attestation_id;
}

/* Checks @customer_id alone; returns its result's state, its reads in
 * *@reads. */
static AttestMcaState
check_one (Fixture     *fixture,
           const char  *customer_id,
           char       **reads)
{
  g_autoptr(AttestMcaStatusCheck) check = attest_mca_status_check_new (fixture->client,
                                                                       fixture->ledger);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMcaCustomer) known = NULL;
  const AttestMcaStatusResult *result;

  attest_sandbox_clear_requests (fixture->sandbox);
  attest_mca_status_check_add_customer (check, customer_id, NULL);
  g_assert_true (run_check (check, NULL, &error));
  g_assert_no_error (error);

  result = attest_mca_status_check_get_result (check, 0);
  g_assert_false (result->failed);
  *reads = describe_reads (fixture, customer_id);
  known = attest_mca_ledger_lookup (fixture->ledger, customer_id);
  g_assert_cmpint (attest_mca_customer_get_state (known), ==, result->state);

  return result->state;
}

/* A requested customer stays requested while no read shows its
 * acceptance, also once it accepted on the page, and is done once the
 * agreement was created from the attestation; then it is settled. */
static void
test_requested_then_done (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *id = find_customer (fixture, ATTEST_SANDBOX_MCA_SEED_OLDER_ONLY, 0);
  const AttestSandboxCustomer *customer = attest_sandbox_lookup_customer (fixture->sandbox, id);
  const AttestPartnerContact contact = {
    id, customer->first_name, customer->last_name, customer->email, "",
  };
  g_autoptr(AttestPartnerRequest) completion = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_utc ();
  g_autofree char *attestation_id = NULL;
  g_autofree char *reads = NULL;

  g_assert_cmpint (check_one (fixture, id, &reads), ==, ATTEST_MCA_STATE_NEEDS_ACCEPTANCE);
  g_clear_pointer (&reads, g_free);

  attestation_id = request_attestation (fixture, id);
  g_assert_cmpint (check_one (fixture, id, &reads), ==, ATTEST_MCA_STATE_REQUESTED);
  g_assert_cmpstr (reads, ==, expected_reads (ATTEST_MCA_STATE_REQUESTED));
  g_clear_pointer (&reads, g_free);

  g_assert_true (attest_sandbox_accept_attestation (fixture->sandbox, attestation_id));
  g_assert_cmpint (check_one (fixture, id, &reads), ==, ATTEST_MCA_STATE_REQUESTED);
  g_clear_pointer (&reads, g_free);

  /* Completed by someone else, or its answer lost: the read shows it. */
  completion = attest_mca_shapes_new_completion (id, attestation_id,
                                                 attest_sandbox_get_template_id (fixture->sandbox),
                                                 today, &contact);
  answer = send (fixture, completion);
  g_assert_cmpint (check_one (fixture, id, &reads), ==, ATTEST_MCA_STATE_DONE);
  g_assert_cmpstr (reads, ==, expected_reads (ATTEST_MCA_STATE_DONE));
  g_clear_pointer (&reads, g_free);

  g_assert_cmpint (check_one (fixture, id, &reads), ==, ATTEST_MCA_STATE_DONE);
  g_assert_cmpstr (reads, ==, "");
}

/* A requested customer that accepted in the admin center instead is
 * accepted directly. */
static void
test_requested_then_accepted_directly (Fixture       *fixture,
                                       gconstpointer  data)
{
  const char *id = find_customer (fixture, ATTEST_SANDBOX_MCA_SEED_NONE, 0);
  g_autofree char *attestation_id = NULL;
  g_autofree char *reads = NULL;

  g_assert_cmpint (check_one (fixture, id, &reads), ==, ATTEST_MCA_STATE_NEEDS_ACCEPTANCE);
  g_clear_pointer (&reads, g_free);
  attestation_id = request_attestation (fixture, id);

  g_assert_true (attest_sandbox_set_direct_signed (fixture->sandbox, id, TRUE));
  g_assert_cmpint (check_one (fixture, id, &reads), ==, ATTEST_MCA_STATE_ACCEPTED_DIRECTLY);
  g_assert_cmpstr (reads, ==, expected_reads (ATTEST_MCA_STATE_ACCEPTED_DIRECTLY));
}

/* A ledger opened anew, as after a restart, holds what the check saw. */
static void
test_restart (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(AttestMcaStatusCheck) check = check_all (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  guint n = attest_mca_status_check_get_n_customers (check);

  /* What the check saw, as "ID state time profile" lines. */
  for (guint i = 0; i < n; i++)
    {
      const AttestMcaStatusResult *result = attest_mca_status_check_get_result (check, i);
      g_autofree char *checked_at = attest_mca_format_time (result->checked_at);

      g_ptr_array_add (seen, g_strdup_printf ("%s %s %s %d", result->customer_id,
                                              attest_mca_state_to_string (result->state),
                                              checked_at,
                                              result->state
                                              == ATTEST_MCA_STATE_NEEDS_ACCEPTANCE));
    }

  /* The check holds the ledger open, as the Attest that ends does. */
  g_clear_object (&check);
  g_clear_object (&fixture->ledger);
  fixture->ledger = attest_mca_ledger_open (fixture->directory,
                                            attest_sandbox_get_tenant_id (fixture->sandbox),
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attest_mca_ledger_get_n_customers (fixture->ledger), ==, n);

  for (guint i = 0; i < n; i++)
    {
      const char *line = g_ptr_array_index (seen, i);
      g_autofree char *id = g_strndup (line, strcspn (line, " "));
      g_autoptr(AttestMcaCustomer) known = attest_mca_ledger_lookup (fixture->ledger, id);
      g_autofree char *seen_at = attest_mca_format_time (attest_mca_customer_get_seen_at (known));
      g_autofree char *read_back = NULL;

      read_back = g_strdup_printf ("%s %s %s %d", attest_mca_customer_get_id (known),
                                   attest_mca_state_to_string (
                                     attest_mca_customer_get_state (known)),
                                   seen_at,
                                   attest_mca_customer_get_profile_seen_at (known) != NULL);
      g_assert_cmpstr (read_back, ==, line);
    }
}

/* The customers of a file: its IDs, in any case (asked in lower case),
 * each once, with the company names of its CompanyName column; a row
 * without a tenant ID is named by its line; nothing is listed. */
static void
test_file (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(AttestMcaStatusCheck) check = attest_mca_status_check_new (fixture->client,
                                                                       fixture->ledger);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AttestMcaCustomer) known = NULL;
  g_autofree char *first_upper = NULL;
  g_autofree char *text = NULL;
  const char *first = attest_sandbox_get_customer (fixture->sandbox, 0)->customer_id;
  const char *second = attest_sandbox_get_customer (fixture->sandbox, 1)->customer_id;
  const AttestMcaStatusResult *result;
  g_autoptr(GBytes) csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *checked_at = NULL;
  g_autofree char *expected = NULL;

  first_upper = g_ascii_strup (first, -1);
  /* Semicolons, as French Excel writes, other columns, a blank row. */
  text = g_strdup_printf ("Notes;companyname;CustomerTenantId\r\n"
                          "a;\"Société \"\"Une\"\"\";%s\r\n"
                          ";;\r\n"
                          "b;;  %s \r\n"
                          "c;Again;%s\r\n"
                          "d;Bad;not-a-guid\r\n"
                          "e;None;\r\n",
                          first_upper, second, first);
  bytes = g_bytes_new (text, strlen (text));
  g_assert_true (attest_mca_status_check_add_bytes (check, bytes, "customers.csv", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (attest_mca_status_check_get_n_customers (check), ==, 4);

  g_assert_true (run_check (check, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (attest_mca_status_check_get_n_checked (check), ==, 4);
  g_assert_cmpuint (attest_mca_status_check_get_n_failed (check), ==, 2);
  g_assert_cmpuint (count_requests (fixture, RECORDS_PATH), ==, 0);
  g_assert_cmpuint (count_requests (fixture, CUSTOMERS_PATH), ==, 0);

  result = attest_mca_status_check_get_result (check, 0);
  g_assert_cmpstr (result->customer_id, ==, first);
  g_assert_cmpstr (result->company_name, ==, "Société \"Une\"");
  g_assert_cmpint (result->state, ==, seeded_state (fixture, first));
  known = attest_mca_ledger_lookup (fixture->ledger, first);
  g_assert_cmpstr (attest_mca_customer_get_company_name (known), ==, "Société \"Une\"");

  result = attest_mca_status_check_get_result (check, 1);
  g_assert_cmpstr (result->customer_id, ==, second);
  g_assert_false (result->failed);
  g_assert_cmpint (result->state, ==, seeded_state (fixture, second));

  result = attest_mca_status_check_get_result (check, 2);
  g_assert_true (result->failed);
  g_assert_cmpint (result->state, ==, ATTEST_MCA_STATE_UNCHECKED);
  g_assert_nonnull (strstr (result->message, "Line 6"));
  g_assert_nonnull (strstr (result->message, "not-a-guid"));
  result = attest_mca_status_check_get_result (check, 3);
  g_assert_true (result->failed);
  g_assert_nonnull (strstr (result->message, "Line 7"));
  g_assert_cmpuint (attest_mca_ledger_get_n_customers (fixture->ledger), ==, 2);

  /* What it found, as CSV: a row per customer of the file, in its order. */
  csv = attest_mca_status_check_to_csv (check);
  lines = g_strsplit (g_bytes_get_data (csv, NULL), "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 4 + 1);
  g_assert_cmpstr (lines[0], ==, "CustomerTenantId,State,CompanyName,CheckedAt,Message");
  checked_at = attest_mca_format_time (attest_mca_status_check_get_result (check, 0)->checked_at);
  expected = g_strdup_printf ("%s,%s,\"Société \"\"Une\"\"\",%s,", first,
                              attest_mca_state_to_string (seeded_state (fixture, first)),
                              checked_at);
  g_assert_cmpstr (lines[1], ==, expected);
  g_assert_cmpstr (lines[3], ==, "not-a-guid,unchecked,Bad,,Line 6: “not-a-guid” is not a "
                                 "customer tenant ID.");
  g_assert_cmpstr (lines[4], ==, ",unchecked,None,,Line 7 names no customer tenant ID.");
  g_assert_cmpstr (lines[5], ==, "");
}

/* A file that names no customer, or has no column for them, is refused
 * before anything is asked. */
static void
test_file_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const files[] = {
    "",
    "FirstName,LastName\r\nAda,Lovelace\r\n",
    "CustomerTenantId,CompanyName\r\n",
    "CustomerTenantId\r\n,\r\n  \r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(AttestMcaStatusCheck) check = attest_mca_status_check_new (fixture->client,
                                                                           fixture->ledger);
      g_autoptr(GBytes) bytes = g_bytes_new_static (files[i], strlen (files[i]));
      g_autoptr(GError) error = NULL;

      g_assert_false (attest_mca_status_check_add_bytes (check, bytes, "customers.csv",
                                                         &error));
      g_assert_error (error, ATTEST_MCA_STATUS_ERROR, ATTEST_MCA_STATUS_ERROR_FILE);
      g_assert_nonnull (strstr (error->message, "customers.csv"));
    }

  {
    g_autoptr(AttestMcaStatusCheck) check = attest_mca_status_check_new (fixture->client,
                                                                         fixture->ledger);
    g_autoptr(GError) error = NULL;

    g_assert_false (attest_mca_status_check_add_file (check, "/nonexistent/customers.csv",
                                                      &error));
    g_assert_error (error, ATTEST_MCA_STATUS_ERROR, ATTEST_MCA_STATUS_ERROR_FILE);
  }
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 0);
}

/* Without the user's sign-in, or when the user may read no customer, the
 * check stops rather than failing every customer, and records nothing. */
static void
test_stops (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(AttestPartnerClient) app_only = NULL;
  g_autoptr(AttestMcaStatusCheck) check = NULL;
  g_autoptr(AttestMcaStatusCheck) forbidden = NULL;
  g_autoptr(GError) error = NULL;

  app_only = attest_partner_client_new (attest_sandbox_get_uri (fixture->sandbox), NULL, &error);
  g_assert_no_error (error);
  attest_partner_client_set_app_token_provider (app_only, fixture->app_tokens);
  check = attest_mca_status_check_new (app_only, fixture->ledger);
  for (guint i = 0; i < 20; i++)
    attest_mca_status_check_add_customer (check,
                                          attest_sandbox_get_customer (fixture->sandbox,
                                                                       i)->customer_id,
                                          NULL);
  g_assert_false (run_check (check, NULL, &error));
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NO_CREDENTIAL);
  g_assert_cmpuint (attest_mca_status_check_get_n_checked (check), ==, 0);
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 0);
  g_clear_error (&error);

  attest_sandbox_set_user_has_role (fixture->sandbox, FALSE);
  forbidden = attest_mca_status_check_new (fixture->client, fixture->ledger);
  g_assert_false (run_check (forbidden, NULL, &error));
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_FORBIDDEN);
  g_assert_cmpuint (attest_mca_status_check_get_n_checked (forbidden), ==, 0);
  g_assert_cmpuint (attest_mca_ledger_get_n_customers (fixture->ledger), ==, 0);
}

/* The ledger is the partner's whichever credential the client has: the
 * app's token names the same tenant; without either, none is opened. */
static void
test_ledger_for_client (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(AttestPartnerClient) app_only = NULL;
  g_autoptr(AttestPartnerClient) neither = NULL;
  g_autoptr(AttestMcaLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other = g_build_filename (fixture->directory, "other", NULL);

  app_only = attest_partner_client_new (attest_sandbox_get_uri (fixture->sandbox), NULL, &error);
  g_assert_no_error (error);
  attest_partner_client_set_app_token_provider (app_only, fixture->app_tokens);
  ledger = open_for_client (app_only, other, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attest_mca_ledger_get_tenant_id (ledger), ==,
                   attest_sandbox_get_tenant_id (fixture->sandbox));

  /* The fixture's ledger is open: one Attest at a time. */
  g_clear_object (&ledger);
  ledger = open_for_client (app_only, fixture->directory, &error);
  g_assert_null (ledger);
  g_assert_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_BUSY);
  g_clear_error (&error);

  neither = attest_partner_client_new (attest_sandbox_get_uri (fixture->sandbox), NULL, &error);
  g_assert_no_error (error);
  g_assert_null (open_for_client (neither, other, &error));
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NO_CREDENTIAL);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

#define ADD(path, test) \
  g_test_add ("/mca-status/" path, Fixture, NULL, fixture_set_up, test, fixture_tear_down)

  ADD ("states-from-seeds", test_states_from_seeds);
  ADD ("concurrency", test_concurrency);
  ADD ("cancel", test_cancel);
  ADD ("retries", test_retries);
  ADD ("second-check", test_second_check);
  ADD ("records-list-gone", test_records_list_gone);
  ADD ("customer-removed", test_customer_removed);
  ADD ("requested-then-done", test_requested_then_done);
  ADD ("requested-then-accepted-directly", test_requested_then_accepted_directly);
  ADD ("restart", test_restart);
  ADD ("file", test_file);
  ADD ("file-refused", test_file_refused);
  ADD ("stops", test_stops);
  ADD ("ledger-for-client", test_ledger_for_client);

#undef ADD

  return g_test_run ();
}
