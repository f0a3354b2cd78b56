/* test-submission.c: the submission pipeline against the sandbox (unit
 * suite: a real HTTP server on 127.0.0.1, in this process)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "attest-connection.h"
#include "attest-partner-client.h"
#include "attest-record-store.h"
#include "attest-run-copy.h"
#include "attest-run-replay.h"
#include "attest-sandbox.h"
#include "attest-static-token-provider.h"
#include "attest-submission.h"
#include "attest-test-submission.h"
#include "attest-test-utils.h"

typedef struct
{
  char                *runs;
  AttestSandbox       *sandbox;
  AttestConnection    *connection;
  AttestPartnerClient *client;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestRetryPolicy) policy = attest_retry_policy_new ();

  fixture->runs = g_dir_make_tmp ("attest-runs-XXXXXX", &error);
  g_assert_no_error (error);

  /* The classic service of SPEC §5, which a submission writes to. */
  fixture->sandbox = attest_sandbox_new (7);
  attest_sandbox_set_classic (fixture->sandbox, TRUE);
  attest_sandbox_set_customer_count (fixture->sandbox, GPOINTER_TO_UINT (data));
  g_assert_true (attest_sandbox_start (fixture->sandbox, 0, &error));
  g_assert_no_error (error);

  /* Signed in as the sandbox's partner, as `attest --sandbox` is. */
  fixture->connection = attest_connection_new (attest_config_new ());
  attest_connection_use_sandbox (fixture->connection, fixture->sandbox);
  fixture->client = attest_connection_new_partner_client (fixture->connection, &error);
  g_assert_no_error (error);

  /* Quick retries: these tests are about what is retried, not how long. */
  attest_retry_policy_set_delays (policy, 5, 50);
  attest_retry_policy_set_max_attempts (policy, 8);
  attest_retry_policy_set_seed (policy, 11);
  attest_partner_client_set_retry_policy (fixture->client, policy);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->connection);
  attest_sandbox_stop (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
  attest_test_remove_tree (fixture->runs);
  g_free (fixture->runs);
}

/* A store of the sandbox's customers, @n_marked of them marked attested
 * and valid (the sandbox seeds some invalid emails on purpose: those are
 * fixed first, as a partner would). */
static AttestRecordStore *
store_of_sandbox_customers (AttestSandbox *sandbox,
                            guint          n_marked)
{
  AttestRecordStore *store = attest_record_store_new ();
  guint n = attest_sandbox_get_customer_count (sandbox);

  for (guint i = 0; i < n; i++)
    {
      const AttestSandboxCustomer *customer = attest_sandbox_get_customer (sandbox, i);

      attest_test_append_customer (store, i, customer->customer_id, customer->first_name,
                                   customer->last_name, i < n_marked);
    }

  return store;
}

static AttestRunState
run (AttestSubmission  *submission,
     GError           **error)
{
  return attest_test_run_submission (submission, NULL, error);
}

static AttestSubmission *
new_submission (Fixture           *fixture,
                AttestRecordStore *store,
                AttestStrategy     strategy,
                guint              batch_size,
                guint              concurrency)
{
  AttestSubmissionOptions options = {
    .strategy = strategy,
    .batch_size = batch_size,
    .concurrency = concurrency,
  };
  AttestSubmission *submission = attest_submission_new (fixture->client, store, &options);

  attest_submission_set_runs_directory (submission, fixture->runs);
  return submission;
}

/* The customer IDs of every bulk POST the sandbox answered with success,
 * batch by batch. */
static GPtrArray *
successful_bulk_batches (AttestSandbox *sandbox)
{
  g_autoptr(GPtrArray) requests = attest_sandbox_find_requests (sandbox, "POST",
                                                                "/v1/CreateBulkReAttestation");
  GPtrArray *batches = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < requests->len; i++)
    {
      const AttestSandboxRequest *request = g_ptr_array_index (requests, i);
      g_autoptr(JsonNode) root = NULL;
      GPtrArray *ids;
      JsonArray *items;

      if (request->status != 200 && request->status != 201)
        continue;

      root = json_from_string (g_bytes_get_data (request->body, NULL), NULL);
      g_assert_nonnull (root);
      items = json_node_get_array (root);
      ids = g_ptr_array_new_with_free_func (g_free);
      for (guint j = 0; j < json_array_get_length (items); j++)
        g_ptr_array_add (ids, g_strdup (json_object_get_string_member (json_array_get_object_element (items, j),
                                                                       "customerId")));
      g_ptr_array_add (batches, ids);
    }

  return batches;
}

static void
assert_each_marked_attested_once (AttestSandbox     *sandbox,
                                  AttestRecordStore *store)
{
  guint n = attest_record_store_get_n_records (store);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = attest_record_store_dup_field (store, i,
                                                           ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID);
      const AttestSandboxCustomer *customer = attest_sandbox_lookup_customer (sandbox, id);
      gboolean marked = attest_record_store_get_attested (store, i);

      g_assert_nonnull (customer);
      g_assert_cmpint (customer->attested, ==, marked);
      if (marked)
        g_assert_cmpint (attest_record_store_get_status (store, i), ==,
                         ATTEST_RECORD_STATUS_ATTESTED);
      else
        g_assert_cmpint (attest_record_store_get_status (store, i), ==,
                         ATTEST_RECORD_STATUS_NOT_MARKED);
    }
}

/* What the journal file holds at one moment: the customers with an
 * outcome and the request IDs of the batches it says went out. */
typedef struct
{
  AttestSandbox     *sandbox;
  AttestRecordStore *store;
  guint              checks;
  guint              reported;
} JournalCheck;

static void
read_journal_file (const char *path,
                   GHashTable *outcomes,
                   GHashTable *sent)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  /* Only whole lines: nothing is reported from a line still being written. */
  g_assert_cmpuint (length, >, 0);
  g_assert_cmpint (contents[length - 1], ==, '\n');

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) root = NULL;
      JsonObject *entry;
      const char *type;

      if (lines[i][0] == '\0')
        continue;
      root = json_from_string (lines[i], NULL);
      g_assert_nonnull (root);
      entry = json_node_get_object (root);
      type = json_object_get_string_member (entry, "type");

      if (g_str_equal (type, "batch-sent"))
        g_hash_table_add (sent, g_strdup (json_object_get_string_member (entry, "requestId")));
      else if (g_str_equal (type, "record"))
        g_hash_table_add (outcomes, g_strdup (json_object_get_string_member (entry, "customerId")));
      else if (g_str_equal (type, "records"))
        {
          JsonArray *ids = json_object_get_array_member (entry, "customerIds");

          for (guint j = 0; j < json_array_get_length (ids); j++)
            g_hash_table_add (outcomes, g_strdup (json_array_get_string_element (ids, j)));
        }
    }
}

/* At every progress report: each outcome the store shows is in the journal
 * file, and each request the sandbox has seen was journaled as sent. */
static void
check_journal_before_report (AttestSubmission *submission,
                             gpointer          user_data)
{
  JournalCheck *check = user_data;
  const char *path = attest_submission_get_journal_path (submission);
  g_autoptr(GHashTable) outcomes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint reported = 0;

  if (path == NULL)
    return;

  read_journal_file (path, outcomes, sent);

  for (guint i = 0; i < attest_record_store_get_n_records (check->store); i++)
    {
      g_autofree char *id = NULL;

      if (attest_record_store_get_request_id (check->store, i) == NULL)
        continue;
      id = attest_record_store_dup_field (check->store, i, ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID);
      g_assert_true (g_hash_table_contains (outcomes, id));
      reported++;
    }

  for (guint i = 0; i < attest_sandbox_get_request_count (check->sandbox); i++)
    {
      const AttestSandboxRequest *request = attest_sandbox_get_request (check->sandbox, i);
      const char *request_id = soup_message_headers_get_one (request->headers, "MS-RequestId");

      if (g_str_equal (request->method, "POST"))
        g_assert_true (g_hash_table_contains (sent, request_id));
    }

  check->checks++;
  check->reported = reported;
}

static void
test_journal_before_report (Fixture       *fixture,
                            gconstpointer  data)
{
  AttestSandboxFaults faults = { .latency_ms = 5 };
  const struct
  {
    AttestStrategy strategy;
    guint          batch_size;
    guint          concurrency;
  } runs[] = {
    { ATTEST_STRATEGY_BULK, 37, 4 },
    { ATTEST_STRATEGY_PER_CUSTOMER, 1, 8 },
  };

  /* A little latency, so that several answers arrive together and share
   * one write of the journal. */
  attest_sandbox_set_faults (fixture->sandbox, &faults);

  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 300);
      g_autoptr(AttestSubmission) submission = NULL;
      g_autoptr(GError) error = NULL;
      JournalCheck check = { fixture->sandbox, store, 0, 0 };

      /* The second run finds the customers attested: ask the sandbox anew. */
      if (r > 0)
        {
          attest_sandbox_set_customer_count (fixture->sandbox, 300);
          attest_sandbox_clear_requests (fixture->sandbox);
          g_clear_object (&store);
          store = store_of_sandbox_customers (fixture->sandbox, 300);
          check.store = store;
        }

      submission = new_submission (fixture, store, runs[r].strategy, runs[r].batch_size,
                                   runs[r].concurrency);
      g_signal_connect (submission, "progress", G_CALLBACK (check_journal_before_report), &check);

      g_assert_cmpint (run (submission, &error), ==, ATTEST_RUN_STATE_COMPLETED);
      g_assert_no_error (error);
      g_assert_cmpuint (check.checks, >, 1);
      g_assert_cmpuint (check.reported, ==, 300);
    }
}

static void
test_bulk_batches_of_500_500_234 (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 1234);
  g_autoptr(AttestSubmission) submission = new_submission (fixture, store, ATTEST_STRATEGY_BULK,
                                                           500, 4);
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  const AttestProgress *progress;

  g_assert_cmpint (run (submission, &error), ==, ATTEST_RUN_STATE_COMPLETED);
  g_assert_no_error (error);

  batches = successful_bulk_batches (fixture->sandbox);
  g_assert_cmpuint (batches->len, ==, 3);
  for (guint b = 0; b < batches->len; b++)
    {
      GPtrArray *ids = g_ptr_array_index (batches, b);

      g_array_append_val (sizes, ids->len);
      for (guint i = 0; i < ids->len; i++)
        {
          /* Each customer in exactly one batch: the 500th is not dropped. */
          g_assert_false (g_hash_table_contains (seen, g_ptr_array_index (ids, i)));
          g_hash_table_add (seen, g_ptr_array_index (ids, i));
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 1234);
  {
    guint count_500 = 0, count_234 = 0;

    for (guint i = 0; i < sizes->len; i++)
      {
        guint size = g_array_index (sizes, guint, i);

        count_500 += size == 500;
        count_234 += size == 234;
      }
    g_assert_cmpuint (count_500, ==, 2);
    g_assert_cmpuint (count_234, ==, 1);
  }

  assert_each_marked_attested_once (fixture->sandbox, store);
  g_assert_cmpuint (attest_sandbox_count_pending (fixture->sandbox), ==, 1300 - 1234);

  progress = attest_submission_get_progress (submission);
  g_assert_cmpuint (progress->total, ==, 1234);
  g_assert_cmpuint (progress->done, ==, 1234);
  g_assert_cmpuint (progress->attested, ==, 1234);
  g_assert_cmpuint (attest_submission_get_n_batches (submission), ==, 3);
}


static guint
count_requests (AttestSandbox *sandbox,
                const char    *method,
                const char    *path_prefix,
                guint          status)
{
  guint count = 0;

  for (guint i = 0; i < attest_sandbox_get_request_count (sandbox); i++)
    {
      const AttestSandboxRequest *request = attest_sandbox_get_request (sandbox, i);

      if (g_str_equal (request->method, method) && g_str_has_prefix (request->path, path_prefix)
          && (status == 0 || request->status == status))
        count++;
    }

  return count;
}

static void
test_per_customer (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 40);
  g_autoptr(AttestSubmission) submission = new_submission (fixture, store,
                                                           ATTEST_STRATEGY_PER_CUSTOMER, 1, 8);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpint (run (submission, &error), ==, ATTEST_RUN_STATE_COMPLETED);
  g_assert_no_error (error);

  g_assert_cmpuint (count_requests (fixture->sandbox, "POST", "/v1/customers/", 0), ==, 40);
  g_assert_cmpuint (count_requests (fixture->sandbox, "POST", "/v1/customers/", 201), ==, 40);
  g_assert_cmpuint (count_requests (fixture->sandbox, "POST", "/v1/CreateBulk", 0), ==, 0);

  for (guint i = 0; i < attest_sandbox_get_request_count (fixture->sandbox); i++)
    {
      const AttestSandboxRequest *request = attest_sandbox_get_request (fixture->sandbox, i);
      g_autoptr(JsonNode) root = NULL;
      JsonObject *body;

      if (!g_str_equal (request->method, "POST"))
        continue;

      root = json_from_string (g_bytes_get_data (request->body, NULL), NULL);
      body = json_node_get_object (root);
      g_assert_cmpstr (json_object_get_string_member (body, "type"), ==,
                       "MicrosoftCustomerAgreement");
      g_assert_cmpstr (json_object_get_string_member (body, "templateId"), ==,
                       attest_sandbox_get_template_id (fixture->sandbox));
      g_assert_true (g_str_has_suffix (json_object_get_string_member (body, "dateAgreed"), "Z"));
      /* One request per customer, each once. */
      g_assert_false (g_hash_table_contains (seen, request->path));
      g_hash_table_add (seen, g_strdup (request->path));
    }

  assert_each_marked_attested_once (fixture->sandbox, store);
}

static void
test_faults_are_retried_under_the_same_request_id (Fixture       *fixture,
                                                   gconstpointer  data)
{
  g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 600);
  g_autoptr(AttestSubmission) submission = new_submission (fixture, store, ATTEST_STRATEGY_BULK,
                                                           50, 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) bodies = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) last = g_hash_table_new (g_str_hash, g_str_equal);
  AttestSandboxFaults faults = {
    .rate_429 = 0.15,
    .retry_after_min = 1,
    .retry_after_max = 1,
    .retry_after_form = ATTEST_SANDBOX_RETRY_AFTER_SECONDS,
    .rate_503 = 0.10,
    .rate_drop = 0.05,
  };
  guint retried = 0;
  guint throttled = 0;

  attest_sandbox_set_faults (fixture->sandbox, &faults);
  g_assert_cmpint (run (submission, &error), ==, ATTEST_RUN_STATE_COMPLETED);
  g_assert_no_error (error);
  assert_each_marked_attested_once (fixture->sandbox, store);

  for (guint i = 0; i < attest_sandbox_get_request_count (fixture->sandbox); i++)
    {
      const AttestSandboxRequest *request = attest_sandbox_get_request (fixture->sandbox, i);
      const char *id = soup_message_headers_get_one (request->headers, "MS-RequestId");
      const AttestSandboxRequest *before;

      if (!g_str_equal (request->method, "POST"))
        continue;

      g_assert_nonnull (id);
      before = g_hash_table_lookup (last, id);
      if (before != NULL)
        {
          /* A retry: the same bytes under the same ID... */
          g_assert_true (g_bytes_equal (before->body, request->body));
          retried++;
          /* ...and never before the Retry-After of a 429. */
          if (before->status == 429)
            {
              g_assert_cmpint (request->time - before->time, >=, G_USEC_PER_SEC);
              throttled++;
            }
        }
      g_hash_table_insert (last, (gpointer) id, (gpointer) request);
    }

  g_test_message ("%u retries, %u after a 429", retried, throttled);
  g_assert_cmpuint (retried, >, 0);
  g_assert_cmpuint (throttled, >, 0);
}

static void
test_already_attested_is_a_success (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(AttestRecordStore) first = store_of_sandbox_customers (fixture->sandbox, 10);
  g_autoptr(AttestRecordStore) second = store_of_sandbox_customers (fixture->sandbox, 20);
  g_autoptr(AttestSubmission) one = new_submission (fixture, first, ATTEST_STRATEGY_BULK, 500, 4);
  g_autoptr(AttestSubmission) two = new_submission (fixture, second, ATTEST_STRATEGY_BULK, 500, 4);
  g_autoptr(GError) error = NULL;
  const AttestProgress *progress;

  g_assert_cmpint (run (one, &error), ==, ATTEST_RUN_STATE_COMPLETED);
  g_assert_no_error (error);

  /* The same contacts again: the first ten are attested already (600061). */
  g_assert_cmpint (run (two, &error), ==, ATTEST_RUN_STATE_COMPLETED);
  g_assert_no_error (error);

  for (guint i = 0; i < 20; i++)
    g_assert_cmpint (attest_record_store_get_status (second, i), ==,
                     i < 10 ? ATTEST_RECORD_STATUS_ALREADY_ATTESTED
                            : ATTEST_RECORD_STATUS_ATTESTED);
  progress = attest_submission_get_progress (two);
  g_assert_cmpuint (progress->already_attested, ==, 10);
  g_assert_cmpuint (progress->attested, ==, 10);
  g_assert_cmpuint (progress->failed + progress->rejected, ==, 0);
}

static void
test_rejected_records_and_the_rest_delivered (Fixture       *fixture,
                                              gconstpointer  data)
{
  g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 10);
  g_autoptr(AttestSubmission) submission = NULL;
  g_autoptr(GError) error = NULL;
  const char *stranger = "0badc0de-0000-4000-8000-000000000001";
  AttestRecordFields fields = {
    .customer_tenant_id = stranger,
    .first_name = "Nobody",
    .last_name = "Known",
    .email = "nobody@example.com",
    .phone_number = "",
    .attested = TRUE,
  };
  guint index = attest_record_store_append (store, &fields);
  const char *message;

  submission = new_submission (fixture, store, ATTEST_STRATEGY_BULK, 500, 4);
  g_assert_cmpint (run (submission, &error), ==, ATTEST_RUN_STATE_COMPLETED);
  g_assert_no_error (error);

  g_assert_cmpint (attest_record_store_get_status (store, index), ==, ATTEST_RECORD_STATUS_REJECTED);
  message = attest_record_store_get_message (store, index);
  /* The server's reason for it, without the sentence around its list. */
  g_assert_cmpstr (message, ==, "no such customer");
  g_assert_cmpuint (attest_submission_get_progress (submission)->rejected, ==, 1);
  g_assert_cmpuint (attest_submission_get_progress (submission)->attested, ==, 10);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpint (attest_record_store_get_status (store, i), ==, ATTEST_RECORD_STATUS_ATTESTED);
}

/* A Partner Center that refuses the first bulk request with @refusal, and
 * takes every later one. */
typedef struct
{
  const char *refusal;
  guint       bulk_posts;
  GPtrArray  *accepted_ids;
  guint       refusal_status;   /* 0: 400 */
} PickyService;

static void
on_picky_request (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  PickyService *service = user_data;
  g_autofree char *body = NULL;

  if (g_str_equal (path, "/v1/agreements"))
    body = g_strdup ("{\"items\":[{\"templateId\":\"117a77b0-9360-443b-8795-c6dedc750cf9\"}]}");
  else if (g_str_equal (path, "/v1/CreateBulkReAttestation") && service->bulk_posts++ == 0)
    {
      body = g_strdup (service->refusal);
      soup_server_message_set_status (msg, service->refusal_status != 0
                                           ? service->refusal_status : 400, NULL);
    }
  else if (g_str_equal (path, "/v1/CreateBulkReAttestation"))
    {
      SoupMessageBody *request = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (request);
      g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
      JsonArray *items = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (items); i++)
        g_ptr_array_add (service->accepted_ids,
                         g_strdup (json_object_get_string_member (
                           json_array_get_object_element (items, i), "customerId")));
      body = g_strdup ("{\"totalCount\":1}");
      soup_server_message_set_status (msg, 200, NULL);
    }
  else
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }

  if (soup_server_message_get_status (msg) == 0)
    soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body,
                                    strlen (body));
}

/* Submits @store in one bulk batch to @service, to the end of the run. */
static AttestRunState
submit_to_picky_service (Fixture            *fixture,
                         PickyService       *service,
                         AttestRecordStore  *store,
                         GError            **run_error)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autofree char *token = attest_sandbox_mint_access_token (fixture->sandbox, 3600);
  g_autoptr(AttestTokenProvider) tokens = attest_static_token_provider_new (token);
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(AttestSubmission) submission = NULL;
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *base = NULL;
  AttestSubmissionOptions options = { .strategy = ATTEST_STRATEGY_BULK, .batch_size = 500 };
  AttestRunState state;

  soup_server_add_handler (server, NULL, on_picky_request, service, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  client = attest_partner_client_new (base, tokens, &error);
  g_assert_no_error (error);
  /* The fixture's quick retries. */
  attest_partner_client_set_retry_policy (client,
                                          attest_partner_client_get_retry_policy (fixture->client));

  submission = attest_submission_new (client, store, &options);
  attest_submission_set_runs_directory (submission, fixture->runs);
  state = run (submission, run_error);
  soup_server_disconnect (server);

  return state;
}

static void
run_against_picky_service (Fixture           *fixture,
                           PickyService      *service,
                           AttestRecordStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (submit_to_picky_service (fixture, service, store, &error), ==,
                   ATTEST_RUN_STATE_COMPLETED);
  g_assert_no_error (error);
}

/* A refusal names records by customer ID: a record whose email is part of
 * a refused one's ("a@b.com" in "aa@b.com") is not refused with it. */
static void
test_refusal_names_records_by_customer_id (Fixture       *fixture,
                                           gconstpointer  data)
{
  const char *kept_id = "0badc0de-0000-4000-8000-00000000000a";
  const char *refused_id = "0badc0de-0000-4000-8000-0000000000aa";
  g_autoptr(GPtrArray) accepted = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *refusal =
    g_strdup_printf ("{\"code\":2000,\"errorName\":\"InvalidInput\",\"message\":"
                     "\"The email aa@b.com is not accepted.\",\"parameters\":"
                     "{\"customerIds\":\"%s\"}}", refused_id);
  PickyService service = { refusal, 0, accepted };
  g_autoptr(AttestRecordStore) store = attest_record_store_new ();
  AttestRecordFields kept = {
    .customer_tenant_id = kept_id, .first_name = "Ann", .last_name = "Bee",
    .email = "a@b.com", .phone_number = "", .attested = TRUE,
  };
  AttestRecordFields refused = {
    .customer_tenant_id = refused_id, .first_name = "Aaron", .last_name = "Bee",
    .email = "aa@b.com", .phone_number = "", .attested = TRUE,
  };
  guint kept_index = attest_record_store_append (store, &kept);
  guint refused_index = attest_record_store_append (store, &refused);

  run_against_picky_service (fixture, &service, store);

  g_assert_cmpint (attest_record_store_get_status (store, refused_index), ==,
                   ATTEST_RECORD_STATUS_REJECTED);
  g_assert_cmpstr (attest_record_store_get_message (store, refused_index), ==,
                   "The email aa@b.com is not accepted.");
  g_assert_cmpint (attest_record_store_get_status (store, kept_index), ==,
                   ATTEST_RECORD_STATUS_ATTESTED);
  g_assert_cmpuint (service.bulk_posts, ==, 2);
  g_assert_cmpuint (accepted->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (accepted, 0), ==, kept_id);
}

/* A refusal that names a record only by its email address: that record,
 * and not the one whose address holds it ("a@b.com" in "aa@b.com"), is
 * rejected at once, without splitting the batch; the address is matched
 * whole and without case. */
static void
test_refusal_names_records_by_email (Fixture       *fixture,
                                     gconstpointer  data)
{
  const char *refused_id = "0badc0de-0000-4000-8000-00000000000a";
  const char *longer_id = "0badc0de-0000-4000-8000-0000000000aa";
  const char *other_id = "0badc0de-0000-4000-8000-0000000000bb";
  g_autoptr(GPtrArray) accepted = g_ptr_array_new_with_free_func (g_free);
  PickyService service = {
    "{\"code\":2000,\"errorName\":\"InvalidInput\",\"message\":"
    "\"The email a@b.com is not accepted.\"}", 0, accepted,
  };
  g_autoptr(AttestRecordStore) store = attest_record_store_new ();
  AttestRecordFields longer = {
    .customer_tenant_id = longer_id, .first_name = "Aaron", .last_name = "Bee",
    .email = "aa@b.com", .phone_number = "", .attested = TRUE,
  };
  AttestRecordFields refused = {
    .customer_tenant_id = refused_id, .first_name = "Ann", .last_name = "Bee",
    .email = "A@b.com", .phone_number = "", .attested = TRUE,
  };
  AttestRecordFields other = {
    .customer_tenant_id = other_id, .first_name = "Bea", .last_name = "Bee",
    .email = "b@a.com", .phone_number = "", .attested = TRUE,
  };
  guint longer_index = attest_record_store_append (store, &longer);
  guint refused_index = attest_record_store_append (store, &refused);
  guint other_index = attest_record_store_append (store, &other);

  run_against_picky_service (fixture, &service, store);

  g_assert_cmpint (attest_record_store_get_status (store, refused_index), ==,
                   ATTEST_RECORD_STATUS_REJECTED);
  g_assert_cmpstr (attest_record_store_get_message (store, refused_index), ==,
                   "The email a@b.com is not accepted.");
  g_assert_cmpint (attest_record_store_get_status (store, longer_index), ==,
                   ATTEST_RECORD_STATUS_ATTESTED);
  g_assert_cmpint (attest_record_store_get_status (store, other_index), ==,
                   ATTEST_RECORD_STATUS_ATTESTED);

  /* The refused batch, then the rest in one: a split would send halves. */
  g_assert_cmpuint (service.bulk_posts, ==, 2);
  g_assert_cmpuint (accepted->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (accepted, 0), ==, longer_id);
  g_assert_cmpstr (g_ptr_array_index (accepted, 1), ==, other_id);
}

static void
test_token_refreshed_mid_run (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 12);
  g_autoptr(AttestSubmission) submission = new_submission (fixture, store, ATTEST_STRATEGY_BULK,
                                                           1, 1);
  g_autoptr(GError) error = NULL;
  AttestSandboxFaults faults = { .latency_ms = 250 };
  g_autoptr(GHashTable) tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint posts = 0;

  /* Tokens live one second; the run takes three. */
  attest_sandbox_set_token_lifetime (fixture->sandbox, 1);
  attest_sandbox_set_faults (fixture->sandbox, &faults);

  g_assert_cmpint (run (submission, &error), ==, ATTEST_RUN_STATE_COMPLETED);
  g_assert_no_error (error);
  assert_each_marked_attested_once (fixture->sandbox, store);

  /* The batches went out under more than one token: it was renewed. */
  for (guint i = 0; i < attest_sandbox_get_request_count (fixture->sandbox); i++)
    {
      const AttestSandboxRequest *request = attest_sandbox_get_request (fixture->sandbox, i);
      const char *authorization;

      if (!g_str_equal (request->method, "POST"))
        continue;

      authorization = soup_message_headers_get_one (request->headers, "Authorization");
      g_assert_nonnull (authorization);
      g_hash_table_add (tokens, g_strdup (authorization));
      posts++;
    }
  g_assert_cmpuint (posts, >=, 12);
  g_assert_cmpuint (g_hash_table_size (tokens), >=, 2);
}

static void
take_role_away (AttestSubmission *submission,
                guint             number,
                guint             n_records,
                gint64            duration,
                guint             attempts,
                AttestSandbox    *sandbox)
{
  attest_sandbox_set_user_has_role (sandbox, FALSE);
}

static void
test_forbidden_stops_then_resume_finishes (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 30);
  g_autoptr(AttestSubmission) submission = new_submission (fixture, store, ATTEST_STRATEGY_BULK,
                                                           10, 2);
  g_autoptr(AttestSubmission) resumed = NULL;
  g_autoptr(AttestRunReplay) replay = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = NULL;
  GError *cause;

  /* The partner loses the Admin agent role after the first batch. */
  g_signal_connect (submission, "batch-finished", G_CALLBACK (take_role_away), fixture->sandbox);
  g_assert_cmpint (run (submission, &error), ==, ATTEST_RUN_STATE_STOPPED);
  g_assert_error (error, ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_STOPPED);
  g_assert_nonnull (strstr (error->message, "Admin agent"));

  /* Partner Center's refusal is kept whole, request ID included. */
  cause = (GError *) attest_submission_error_get_cause (error);
  g_assert_error (cause, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_FORBIDDEN);
  g_assert_cmpuint (attest_partner_error_get_http_status (cause), ==, 403);
  g_assert_true (g_uuid_string_is_valid (attest_partner_error_get_request_id (cause)));
  g_assert_cmpstr (cause->message, ==, error->message);
  g_clear_error (&error);
  g_assert_cmpuint (attest_sandbox_count_pending (fixture->sandbox), >=, 10);
  g_assert_cmpuint (attest_sandbox_count_pending (fixture->sandbox), <, 30);

  journal = g_strdup (attest_submission_get_journal_path (submission));
  replay = attest_run_replay_read (journal, &error);
  g_assert_no_error (error);
  g_assert_cmpint (replay->state, ==, ATTEST_RUN_STATE_STOPPED);

  /* The cause is gone: the resume sends the rest. */
  attest_sandbox_set_user_has_role (fixture->sandbox, TRUE);
  resumed = attest_submission_new_resume (fixture->client, journal, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run (resumed, &error), ==, ATTEST_RUN_STATE_COMPLETED);
  g_assert_no_error (error);
  assert_each_marked_attested_once (fixture->sandbox, attest_submission_get_store (resumed));
  g_assert_cmpuint (attest_sandbox_count_pending (fixture->sandbox), ==, 0);
}

/* Copies a run journal and its copy of the records from tests/data/ into
 * @directory; returns the journal's path there. */
static char *
install_journal (const char *directory,
                 const char *run_id)
{
  g_autofree char *journal_name = g_strdup_printf ("%s.jsonl", run_id);
  g_autofree char *copy_name = g_strdup_printf ("%s.csv", run_id);
  const char *names[] = { journal_name, copy_name };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *from = g_test_build_filename (G_TEST_DIST, "data", "journal-v1", names[i],
                                                     NULL);
      g_autofree char *to = g_build_filename (directory, names[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (to, contents, length, NULL));
    }

  return g_build_filename (directory, journal_name, NULL);
}

/* Journals written before they named each request's method and path
 * (tests/data/journal-v1/, for this sandbox's partner, template and
 * customers: seed 7, three customers) still resume: the batch that got no
 * answer goes out again unchanged, to the path its strategy gave it. */
static void
resume_previous_version (Fixture    *fixture,
                         const char *run_id,
                         const char *path,
                         const char *request_id,
                         guint       n_requests)
{
  g_autofree char *journal = install_journal (fixture->runs, run_id);
  g_autoptr(AttestRunReplay) replay = attest_run_replay_read (journal, NULL);
  g_autoptr(AttestSubmission) resumed = NULL;
  g_autoptr(GPtrArray) resent = NULL;
  g_autoptr(GError) error = NULL;
  const AttestSandboxRequest *request;
  GBytes *kept;

  g_assert_cmpstr (attest_sandbox_get_tenant_id (fixture->sandbox), ==,
                   "1388f0af-3a32-44c4-8219-c7a851a829f6");
  g_assert_nonnull (replay);
  kept = attest_partner_request_get_body (attest_run_replay_find_batch (replay, 1)->request);

  resumed = attest_submission_new_resume (fixture->client, journal, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run (resumed, &error), ==, ATTEST_RUN_STATE_COMPLETED);
  g_assert_no_error (error);
  g_assert_cmpuint (attest_submission_get_progress (resumed)->attested, ==, 3);
  assert_each_marked_attested_once (fixture->sandbox, attest_submission_get_store (resumed));
  g_assert_cmpuint (count_requests (fixture->sandbox, "POST", "/", 0), ==, n_requests);

  resent = attest_sandbox_find_requests (fixture->sandbox, "POST", path);
  g_assert_cmpuint (resent->len, ==, 1);
  request = g_ptr_array_index (resent, 0);
  g_assert_cmpstr (soup_message_headers_get_one (request->headers, "MS-RequestId"), ==,
                   request_id);
  g_assert_true (g_bytes_equal (request->body, kept));
}

static void
test_resume_bulk_journal_of_previous_version (Fixture       *fixture,
                                              gconstpointer  data)
{
  resume_previous_version (fixture, "20261121-100000-0b1d", "/v1/CreateBulkReAttestation",
                           "6f1c2a9e-4b7d-4e21-9a3c-0d5e8f7b1a11", 1);
}

static void
test_resume_per_customer_journal_of_previous_version (Fixture       *fixture,
                                                      gconstpointer  data)
{
  resume_previous_version (fixture, "20261121-100000-0c2e",
                           "/v1/customers/88503e49-4bcf-4c1a-a731-e59d0fd97072/agreements",
                           "7a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d", 3);
}

/* A copy of the records that is not the one the run wrote is refused:
 * a batch sent again would not be what the run would have sent. */
static void
test_resume_refuses_a_changed_copy (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 30);
  g_autoptr(AttestSubmission) submission = new_submission (fixture, store, ATTEST_STRATEGY_BULK,
                                                           10, 2);
  g_autoptr(AttestSubmission) resumed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *run_id = NULL;

  g_signal_connect (submission, "batch-finished", G_CALLBACK (take_role_away), fixture->sandbox);
  g_assert_cmpint (run (submission, &error), ==, ATTEST_RUN_STATE_STOPPED);
  g_clear_error (&error);
  attest_sandbox_set_user_has_role (fixture->sandbox, TRUE);
  journal = g_strdup (attest_submission_get_journal_path (submission));
  run_id = g_strdup (attest_submission_get_run_id (submission));
  copy = attest_run_copy_dup_path (journal);

  attest_test_flip_middle_byte (copy);
  resumed = attest_submission_new_resume (fixture->client, journal, &error);
  g_assert_null (resumed);
  g_assert_error (error, ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_INPUT_CHANGED);
  g_assert_nonnull (strstr (error->message, run_id));
  g_clear_error (&error);

  /* The copy the run wrote is accepted. */
  attest_test_flip_middle_byte (copy);
  resumed = attest_submission_new_resume (fixture->client, journal, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run (resumed, &error), ==, ATTEST_RUN_STATE_COMPLETED);
  g_assert_no_error (error);
  g_assert_cmpuint (attest_sandbox_count_pending (fixture->sandbox), ==, 0);
}

typedef struct
{
  AttestSandbox     *sandbox;
  AttestSandboxFault fault;
  gboolean           queued;
} QueueOnStart;

static void
queue_fault_on_first_progress (AttestSubmission *submission,
                               QueueOnStart     *queue)
{
  /* The first progress comes once the template is known, just before the
   * first batch goes out: the fault hits that batch. */
  if (!queue->queued)
    attest_sandbox_queue_fault (queue->sandbox, queue->fault, 0);
  queue->queued = TRUE;
}

static void
run_with_lost_answer (Fixture            *fixture,
                      AttestSandboxFault  fault,
                      char              **journal)
{
  g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 20);
  g_autoptr(AttestSubmission) submission = new_submission (fixture, store, ATTEST_STRATEGY_BULK,
                                                           20, 1);
  g_autoptr(AttestRetryPolicy) once = attest_retry_policy_new ();
  g_autoptr(GError) error = NULL;
  QueueOnStart queue = { fixture->sandbox, fault, FALSE };

  attest_retry_policy_set_max_attempts (once, 1);
  attest_submission_set_retry_policy (submission, once);
  g_signal_connect (submission, "progress", G_CALLBACK (queue_fault_on_first_progress), &queue);

  g_assert_cmpint (run (submission, &error), ==, ATTEST_RUN_STATE_STOPPED);
  g_assert_error (error, ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_NO_ANSWER);
  for (guint i = 0; i < 20; i++)
    g_assert_cmpint (attest_record_store_get_status (store, i), ==, ATTEST_RECORD_STATUS_PENDING);

  *journal = g_strdup (attest_submission_get_journal_path (submission));
}

/* Counts the progress reports made while the resume asks Partner Center
 * which batches were carried out, and those made after, which must come
 * once it knows. */
typedef struct
{
  guint reconciling;
  guint sending;
} Reconciling;

static void
note_reconciling (AttestSubmission *submission,
                  Reconciling      *seen)
{
  if (attest_submission_is_reconciling (submission))
    {
      g_assert_cmpuint (seen->sending, ==, 0);
      seen->reconciling++;
    }
  else
    seen->sending++;
}

static void
test_lost_answer_carried_out_is_confirmed (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autofree char *journal = NULL;
  g_autoptr(AttestSubmission) resumed = NULL;
  g_autoptr(GError) error = NULL;
  AttestRecordStore *store;
  Reconciling seen = { 0, 0 };

  run_with_lost_answer (fixture, ATTEST_SANDBOX_FAULT_DROP_AFTER_ANSWER, &journal);
  g_assert_cmpuint (attest_sandbox_count_pending (fixture->sandbox), ==, 0);

  resumed = attest_submission_new_resume (fixture->client, journal, &error);
  g_assert_no_error (error);
  g_assert_false (attest_submission_is_reconciling (resumed));
  g_signal_connect (resumed, "progress", G_CALLBACK (note_reconciling), &seen);
  g_assert_cmpint (run (resumed, &error), ==, ATTEST_RUN_STATE_COMPLETED);
  g_assert_no_error (error);
  g_assert_cmpuint (seen.reconciling, ==, 1);
  g_assert_cmpuint (seen.sending, >=, 1);
  g_assert_false (attest_submission_is_reconciling (resumed));

  /* Confirmed by a fetch, not sent again. */
  g_assert_cmpuint (count_requests (fixture->sandbox, "POST", "/v1/CreateBulk", 0), ==, 1);
  g_assert_cmpuint (count_requests (fixture->sandbox, "GET", "/v1/partners/customeragreementrecords", 0),
                    >=, 1);
  store = attest_submission_get_store (resumed);
  for (guint i = 0; i < 20; i++)
    {
      g_assert_cmpint (attest_record_store_get_status (store, i), ==, ATTEST_RECORD_STATUS_ATTESTED);
      g_assert_nonnull (strstr (attest_record_store_get_message (store, i), "Confirmed"));
    }
}

static void
test_lost_request_goes_out_again_unchanged (Fixture       *fixture,
                                            gconstpointer  data)
{
  g_autofree char *journal = NULL;
  g_autoptr(AttestSubmission) resumed = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  const AttestSandboxRequest *first;
  const AttestSandboxRequest *again;

  run_with_lost_answer (fixture, ATTEST_SANDBOX_FAULT_DROP, &journal);
  g_assert_cmpuint (attest_sandbox_count_pending (fixture->sandbox), ==, 20);

  resumed = attest_submission_new_resume (fixture->client, journal, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run (resumed, &error), ==, ATTEST_RUN_STATE_COMPLETED);
  g_assert_no_error (error);

  posts = attest_sandbox_find_requests (fixture->sandbox, "POST", "/v1/CreateBulkReAttestation");
  g_assert_cmpuint (posts->len, ==, 2);
  first = g_ptr_array_index (posts, 0);
  again = g_ptr_array_index (posts, 1);
  g_assert_cmpstr (soup_message_headers_get_one (first->headers, "MS-RequestId"), ==,
                   soup_message_headers_get_one (again->headers, "MS-RequestId"));
  g_assert_true (g_bytes_equal (first->body, again->body));
  assert_each_marked_attested_once (fixture->sandbox, attest_submission_get_store (resumed));
}

static void
count_would_send (AttestSubmission *submission,
                  const char       *path,
                  GBytes           *body,
                  guint            *count)
{
  g_assert_cmpstr (path, ==, "/v1/CreateBulkReAttestation");
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "\"customerDirectAcceptance\":false"));
  (*count)++;
}

static void
test_dry_run_sends_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 25);
  AttestSubmissionOptions options = { .strategy = ATTEST_STRATEGY_BULK, .batch_size = 10,
                                      .dry_run = TRUE };
  g_autoptr(AttestSubmission) submission = attest_submission_new (fixture->client, store, &options);
  g_autoptr(GError) error = NULL;
  guint would_send = 0;

  attest_submission_set_runs_directory (submission, fixture->runs);
  g_signal_connect (submission, "would-send", G_CALLBACK (count_would_send), &would_send);
  g_assert_cmpint (run (submission, &error), ==, ATTEST_RUN_STATE_COMPLETED);
  g_assert_no_error (error);

  g_assert_cmpuint (would_send, ==, 3);
  g_assert_cmpuint (count_requests (fixture->sandbox, "POST", "/", 0), ==, 0);
  g_assert_cmpuint (attest_sandbox_count_pending (fixture->sandbox), ==, 25);
  g_assert_null (attest_submission_get_journal_path (submission));
}

static void
cancel_after_first_batch (AttestSubmission *submission,
                          guint             number,
                          guint             n_records,
                          gint64            duration,
                          guint             attempts,
                          GCancellable     *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
test_cancel_then_resume (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 60);
  g_autoptr(AttestSubmission) submission = new_submission (fixture, store, ATTEST_STRATEGY_BULK,
                                                           10, 1);
  g_autoptr(AttestSubmission) resumed = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_signal_connect (submission, "batch-finished", G_CALLBACK (cancel_after_first_batch),
                    cancellable);
  attest_test_run_submission (submission, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (attest_sandbox_count_pending (fixture->sandbox), >, 0);
  g_assert_cmpuint (attest_sandbox_count_pending (fixture->sandbox), <, 60);

  /* Batches journaled ahead but never sent are marked so: nothing needs
   * confirming from Partner Center. */
  {
    g_autoptr(AttestRunReplay) replay = attest_run_replay_read (attest_submission_get_journal_path (submission),
                                                                &error);
    g_autoptr(GPtrArray) unanswered = NULL;

    g_assert_no_error (error);
    unanswered = attest_run_replay_list_unanswered (replay);
    g_assert_cmpuint (unanswered->len, ==, 0);
  }

  resumed = attest_submission_new_resume (fixture->client,
                                          attest_submission_get_journal_path (submission), &error);
  g_assert_no_error (error);
  g_assert_cmpint (run (resumed, &error), ==, ATTEST_RUN_STATE_COMPLETED);
  g_assert_no_error (error);
  assert_each_marked_attested_once (fixture->sandbox, attest_submission_get_store (resumed));
  g_assert_cmpuint (count_requests (fixture->sandbox, "POST", "/v1/CreateBulk", 0), ==, 6);
  g_assert_cmpuint (count_requests (fixture->sandbox, "GET", "/v1/partners/customeragreementrecords",
                                    0), ==, 0);
}

/* A run stopped and discarded is over: nothing resumes it, and it says
 * so. */
static void
test_cancel_then_discard (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 30);
  g_autoptr(AttestSubmission) submission = new_submission (fixture, store, ATTEST_STRATEGY_BULK,
                                                           10, 1);
  g_autoptr(AttestSubmission) resumed = NULL;
  g_autoptr(AttestRunReplay) replay = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  AttestRecordCounts counts;
  const char *journal;

  g_signal_connect (submission, "batch-finished", G_CALLBACK (cancel_after_first_batch),
                    cancellable);
  attest_test_run_submission (submission, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  journal = attest_submission_get_journal_path (submission);

  replay = attest_run_replay_read (journal, &error);
  g_assert_no_error (error);
  g_assert_true (attest_run_replay_is_resumable (replay));
  g_clear_pointer (&replay, attest_run_replay_free);

  g_assert_true (attest_run_journal_discard (journal, &error));
  g_assert_no_error (error);
  replay = attest_run_replay_read (journal, &error);
  g_assert_no_error (error);
  g_assert_cmpint (replay->state, ==, ATTEST_RUN_STATE_DISCARDED);
  g_assert_cmpstr (attest_run_state_to_string (replay->state), ==, "discarded");
  g_assert_false (attest_run_replay_is_resumable (replay));
  /* What it sent stays recorded: the first batch, and the second when it
   * was on its way as the first one's answer stopped the run. */
  attest_record_store_get_counts (attest_submission_get_store (submission), &counts);
  g_assert_cmpuint (counts.done, >=, 10);
  g_assert_cmpuint (counts.done, <, 30);
  g_assert_cmpuint (attest_run_replay_count_status (replay, "attested"), ==, counts.done);

  resumed = attest_submission_new_resume (fixture->client, journal, &error);
  g_assert_null (resumed);
  g_assert_error (error, ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_DISCARDED);
  expected = g_strdup_printf ("Run %s was discarded: it cannot be resumed.",
                              replay->header->run_id);
  g_assert_cmpstr (error->message, ==, expected);
}

/* A run stopped after its first batch, then the same customers submitted
 * anew: finishing the first run sends nothing, since the second attested
 * everyone it had left. */
static void
test_resume_leaves_out_attested_elsewhere (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autoptr(AttestRecordStore) first_store = store_of_sandbox_customers (fixture->sandbox, 40);
  g_autoptr(AttestRecordStore) second_store = store_of_sandbox_customers (fixture->sandbox, 40);
  g_autoptr(AttestSubmission) first = new_submission (fixture, first_store, ATTEST_STRATEGY_BULK,
                                                      10, 1);
  g_autoptr(AttestSubmission) second = NULL;
  g_autoptr(AttestSubmission) resumed = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *by_second = NULL;
  AttestRecordCounts counts = { 0 };
  AttestRecordStore *store;
  guint posts;

  g_signal_connect (first, "batch-finished", G_CALLBACK (cancel_after_first_batch), cancellable);
  attest_test_run_submission (first, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  second = new_submission (fixture, second_store, ATTEST_STRATEGY_BULK, 10, 1);
  g_assert_cmpint (run (second, &error), ==, ATTEST_RUN_STATE_COMPLETED);
  g_assert_no_error (error);
  g_assert_cmpuint (attest_sandbox_count_pending (fixture->sandbox), ==, 0);
  posts = count_requests (fixture->sandbox, "POST", "/v1/CreateBulk", 0);

  resumed = attest_submission_new_resume (fixture->client,
                                          attest_submission_get_journal_path (first), &error);
  g_assert_no_error (error);
  store = attest_submission_get_store (resumed);
  attest_record_store_get_counts (store, &counts);
  g_assert_cmpuint (counts.actionable, ==, 0);
  g_assert_cmpuint (counts.done, ==, 40);

  by_second = g_strdup_printf ("Attested by run %s.", attest_submission_get_run_id (second));
  for (guint i = 0; i < 40; i++)
    {
      if (attest_record_store_get_status (store, i) == ATTEST_RECORD_STATUS_ALREADY_ATTESTED)
        g_assert_cmpstr (attest_record_store_get_message (store, i), ==, by_second);
      else
        g_assert_cmpint (attest_record_store_get_status (store, i), ==,
                         ATTEST_RECORD_STATUS_ATTESTED);
    }

  /* It ends, complete, without a request. */
  g_assert_cmpint (run (resumed, &error), ==, ATTEST_RUN_STATE_COMPLETED);
  g_assert_no_error (error);
  g_assert_cmpuint (count_requests (fixture->sandbox, "POST", "/v1/CreateBulk", 0), ==, posts);
}

static void
note_wait (AttestSubmission *submission,
           guint             delay_ms,
           GArray           *waits)
{
  g_array_append_val (waits, delay_ms);
}

/* The first write is answered 429 with Retry-After: 1 (the template
 * lookup before it is not). */
static void
throttle_for_a_second_once_started (AttestSubmission *submission,
                                    AttestSandbox    *sandbox)
{
  if (attest_submission_get_n_batches (submission) == 0)
    attest_sandbox_queue_fault (sandbox, ATTEST_SANDBOX_FAULT_429_SECONDS, 1);
}

/* A 429 is told to whoever follows the run, with the wait Partner Center
 * asked for as the floor. */
static void
test_throttling_is_told (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 10);
  g_autoptr(AttestSubmission) submission = new_submission (fixture, store, ATTEST_STRATEGY_BULK,
                                                           10, 1);
  g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;

  g_signal_connect (submission, "progress", G_CALLBACK (throttle_for_a_second_once_started),
                    fixture->sandbox);
  g_signal_connect (submission, "throttled", G_CALLBACK (note_wait), waits);
  g_assert_cmpint (run (submission, &error), ==, ATTEST_RUN_STATE_COMPLETED);
  g_assert_no_error (error);

  g_assert_cmpuint (waits->len, ==, 1);
  g_assert_cmpuint (g_array_index (waits, guint, 0), >=, 1000);
  assert_each_marked_attested_once (fixture->sandbox, store);
}

static guint
count_files (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  guint n = 0;

  if (dir == NULL)
    return 0;
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* The run's copy of its records is written while the template is looked
 * up: when the lookup fails, the run fails with its error, and leaves no
 * copy that no journal names. */
static void
test_start_template_fails (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 40);
  g_autoptr(AttestSubmission) submission = new_submission (fixture, store, ATTEST_STRATEGY_BULK,
                                                           10, 4);
  AttestSandboxFaults faults = { .latency_ms = 100 };
  g_autoptr(GError) error = NULL;

  /* Slow enough that the copy is on the disk before the answer comes. */
  attest_sandbox_set_faults (fixture->sandbox, &faults);
  attest_sandbox_set_user_has_role (fixture->sandbox, FALSE);

  g_assert_cmpint (run (submission, &error), ==, ATTEST_RUN_STATE_STOPPED);
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_FORBIDDEN);
  g_assert_null (attest_submission_get_journal_path (submission));
  g_assert_null (attest_submission_get_run_id (submission));
  g_assert_cmpuint (count_files (fixture->runs), ==, 0);
  g_assert_cmpuint (count_requests (fixture->sandbox, "POST", "/", 0), ==, 0);
}

/* A partner with only the AppOnly credential cannot attest the classic
 * way: the run says the App+User sign-in is missing and sends nothing. */
static void
test_start_without_user_credential (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 10);
  g_autofree char *app_token = attest_sandbox_mint_app_token (fixture->sandbox, NULL);
  g_autoptr(AttestTokenProvider) app = attest_static_token_provider_new (app_token);
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(AttestSubmission) submission = NULL;
  AttestSubmissionOptions options = { .strategy = ATTEST_STRATEGY_BULK, .batch_size = 10,
                                      .concurrency = 1 };
  g_autoptr(GError) error = NULL;
  const GError *cause;

  client = attest_partner_client_new (attest_sandbox_get_uri (fixture->sandbox), NULL, &error);
  g_assert_no_error (error);
  attest_partner_client_set_app_token_provider (client, app);
  submission = attest_submission_new (client, store, &options);
  attest_submission_set_runs_directory (submission, fixture->runs);

  g_assert_cmpint (run (submission, &error), ==, ATTEST_RUN_STATE_STOPPED);
  g_assert_error (error, ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_STOPPED);
  cause = attest_submission_error_get_cause (error);
  g_assert_error (cause, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NO_CREDENTIAL);
  g_assert_cmpint (attest_partner_error_get_missing_credential (cause), ==,
                   ATTEST_PARTNER_CREDENTIAL_USER);
  g_assert_cmpuint (count_files (fixture->runs), ==, 0);
  g_assert_cmpuint (count_requests (fixture->sandbox, "POST", "/", 0), ==, 0);
}

/* When the copy cannot be written, the template lookup under way is
 * stopped and the run fails with the reason the copy was not written. */
static void
test_start_copy_fails (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 40);
  g_autoptr(AttestSubmission) submission = new_submission (fixture, store, ATTEST_STRATEGY_BULK,
                                                           10, 4);
  g_autofree char *not_a_folder = g_build_filename (fixture->runs, "file", NULL);
  AttestSandboxFaults faults = { .latency_ms = 2000 };
  g_autoptr(GError) error = NULL;

  attest_sandbox_set_faults (fixture->sandbox, &faults);
  g_assert_true (g_file_set_contents (not_a_folder, "", 0, NULL));
  attest_submission_set_runs_directory (submission, not_a_folder);

  g_assert_cmpint (run (submission, &error), ==, ATTEST_RUN_STATE_STOPPED);
  g_assert_error (error, ATTEST_RUN_JOURNAL_ERROR, ATTEST_RUN_JOURNAL_ERROR_IO);
  g_assert_null (attest_submission_get_journal_path (submission));
  g_assert_cmpuint (count_files (fixture->runs), ==, 1);
  g_assert_cmpuint (count_requests (fixture->sandbox, "POST", "/", 0), ==, 0);
}

static void
cancel_on_request (AttestSandbox              *sandbox,
                   const AttestSandboxRequest *request,
                   GCancellable               *cancellable)
{
  g_cancellable_cancel (cancellable);
}

/* Cancelled before anything was sent: cancelled, with nothing to resume. */
static void
test_start_cancelled (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 40);
  g_autoptr(AttestSubmission) submission = new_submission (fixture, store, ATTEST_STRATEGY_BULK,
                                                           10, 4);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AttestSandboxFaults faults = { .latency_ms = 2000 };
  g_autoptr(GError) error = NULL;
  gulong handler;

  /* Cancelled as the run's first request, the template's, reaches Partner
   * Center: its answer is two seconds away, and nothing can have been sent. */
  attest_sandbox_set_faults (fixture->sandbox, &faults);
  handler = g_signal_connect (fixture->sandbox, "request-received",
                              G_CALLBACK (cancel_on_request), cancellable);
  attest_test_run_submission (submission, cancellable, &error);
  g_signal_handler_disconnect (fixture->sandbox, handler);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_null (attest_submission_get_journal_path (submission));
  g_assert_cmpuint (count_files (fixture->runs), ==, 0);
  g_assert_cmpuint (count_requests (fixture->sandbox, "POST", "/", 0), ==, 0);
}

/* SPEC §13 "Classic refused" */

/* Makes the sandbox refuse the classic attestation from now on, as the
 * current service does: with a refusal that names no customer. */
static void
refuse_classic_from_now_on (AttestSandbox *sandbox)
{
  attest_sandbox_set_classic (sandbox, FALSE);
}

static const char *
classic_write_path (AttestStrategy strategy)
{
  return strategy == ATTEST_STRATEGY_BULK ? "/v1/CreateBulkReAttestation" : "/v1/customers/";
}

/* Every POST the sandbox got is a classic write it refused with a 4xx, and
 * there are no more of them than @limit, the run's concurrency: none went
 * out after the first refusal. Returns how many there were. */
static guint
assert_only_refused_writes (AttestSandbox  *sandbox,
                            AttestStrategy  strategy,
                            guint           limit)
{
  guint posts = count_requests (sandbox, "POST", "/", 0);

  g_assert_cmpuint (posts, >=, 1);
  g_assert_cmpuint (posts, <=, limit);
  g_assert_cmpuint (count_requests (sandbox, "POST", classic_write_path (strategy), 0), ==, posts);
  for (guint i = 0; i < attest_sandbox_get_request_count (sandbox); i++)
    {
      const AttestSandboxRequest *request = attest_sandbox_get_request (sandbox, i);

      if (g_str_equal (request->method, "POST"))
        {
          g_assert_cmpuint (request->status, >=, 400);
          g_assert_cmpuint (request->status, <, 500);
        }
    }

  return posts;
}

/* The first answer refuses the classic attestation without naming a
 * customer: nothing more goes out, every record stays pending, the error
 * keeps Partner Center's refusal, and the run is over, not resumable. */
static void
test_classic_refused_first (Fixture       *fixture,
                            gconstpointer  data)
{
  const AttestStrategy strategies[] = { ATTEST_STRATEGY_BULK, ATTEST_STRATEGY_PER_CUSTOMER };

  for (guint s = 0; s < G_N_ELEMENTS (strategies); s++)
    {
      AttestStrategy strategy = strategies[s];
      g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 40);
      g_autoptr(AttestSubmission) submission = new_submission (fixture, store, strategy, 5, 3);
      g_autoptr(AttestSubmission) resumed = NULL;
      g_autoptr(AttestRunReplay) replay = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) read_error = NULL;
      AttestRecordCounts counts = { 0 };
      const GError *cause;
      const char *server_text;
      guint posts;

      g_test_message ("strategy %s", strategy == ATTEST_STRATEGY_BULK ? "bulk" : "per-customer");
      attest_sandbox_set_customer_count (fixture->sandbox, 120);
      attest_sandbox_clear_requests (fixture->sandbox);
      refuse_classic_from_now_on (fixture->sandbox);

      g_assert_cmpint (run (submission, &error), ==, ATTEST_RUN_STATE_RETIRED);
      g_assert_error (error, ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_RETIRED);

      /* Partner Center's refusal is the cause, and its words are shown. */
      cause = attest_submission_error_get_cause (error);
      g_assert_nonnull (cause);
      g_assert_true (cause->domain == ATTEST_PARTNER_ERROR);
      g_assert_cmpuint (attest_partner_error_get_http_status (cause), >=, 400);
      g_assert_cmpuint (attest_partner_error_get_http_status (cause), <, 500);
      g_assert_null (attest_partner_error_get_customer_ids (cause));
      g_assert_true (g_uuid_string_is_valid (attest_partner_error_get_request_id (cause)));
      server_text = attest_partner_error_get_service_message (cause);
      g_assert_nonnull (server_text);
      g_assert_nonnull (strstr (error->message, server_text));
      g_assert_nonnull (strstr (error->message, "retired partner attestation on January 5, 2026"));

      /* Only the requests under way when the refusal came went out. */
      posts = assert_only_refused_writes (fixture->sandbox, strategy, 3);
      g_assert_cmpuint (attest_submission_get_n_batches (submission), ==, posts);
      g_assert_cmpuint (attest_sandbox_count_pending (fixture->sandbox), ==, 120);

      /* No record has an outcome: all 40 wait, pending. */
      attest_record_store_get_counts (store, &counts);
      g_assert_cmpuint (counts.actionable, ==, 40);
      g_assert_cmpuint (counts.done + counts.failed, ==, 0);
      for (guint i = 0; i < 40; i++)
        g_assert_cmpint (attest_record_store_get_status (store, i), ==,
                         ATTEST_RECORD_STATUS_PENDING);
      g_assert_cmpuint (attest_submission_get_progress (submission)->done, ==, 0);

      /* The journal says the run is over: nothing offers to resume it. */
      replay = attest_run_replay_read (attest_submission_get_journal_path (submission),
                                       &read_error);
      g_assert_no_error (read_error);
      g_assert_cmpint (replay->state, ==, ATTEST_RUN_STATE_RETIRED);
      g_assert_false (attest_run_replay_is_resumable (replay));
      g_assert_cmpstr (replay->end_reason, ==, error->message);
      g_clear_error (&error);
      resumed = attest_submission_new_resume (fixture->client,
                                              attest_submission_get_journal_path (submission),
                                              &error);
      g_assert_null (resumed);
      g_assert_error (error, ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_RETIRED);
    }
}

/* Once Partner Center answered a POST with success, it refuses every
 * classic write that follows. */
static void
refuse_classic_after_a_success (AttestSandbox              *sandbox,
                                const AttestSandboxRequest *request,
                                gpointer                    user_data)
{
  if (g_str_equal (request->method, "POST") && (request->status == 200 || request->status == 201))
    refuse_classic_from_now_on (sandbox);
}

/* Once Partner Center took a batch of the run, the same refusal is §6's:
 * a bulk batch is split down to single records, each rejected with the
 * server's words, and a per-customer request is rejected; the run ends
 * complete. */
static void
test_classic_refused_after_a_batch (Fixture       *fixture,
                                    gconstpointer  data)
{
  const AttestStrategy strategies[] = { ATTEST_STRATEGY_BULK, ATTEST_STRATEGY_PER_CUSTOMER };

  for (guint s = 0; s < G_N_ELEMENTS (strategies); s++)
    {
      AttestStrategy strategy = strategies[s];
      g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 12);
      g_autoptr(AttestSubmission) submission = new_submission (fixture, store, strategy, 4, 1);
      g_autoptr(GError) error = NULL;
      const AttestProgress *progress;
      guint first = strategy == ATTEST_STRATEGY_BULK ? 4 : 1;
      gulong handler;

      g_test_message ("strategy %s", strategy == ATTEST_STRATEGY_BULK ? "bulk" : "per-customer");
      attest_sandbox_set_customer_count (fixture->sandbox, 12);
      attest_sandbox_set_classic (fixture->sandbox, TRUE);
      attest_sandbox_clear_requests (fixture->sandbox);
      handler = g_signal_connect (fixture->sandbox, "request-received",
                                  G_CALLBACK (refuse_classic_after_a_success), NULL);

      g_assert_cmpint (run (submission, &error), ==, ATTEST_RUN_STATE_COMPLETED);
      g_signal_handler_disconnect (fixture->sandbox, handler);
      g_assert_no_error (error);

      progress = attest_submission_get_progress (submission);
      g_assert_cmpuint (progress->attested, ==, first);
      g_assert_cmpuint (progress->rejected, ==, 12 - first);
      for (guint i = 0; i < 12; i++)
        {
          const char *message = attest_record_store_get_message (store, i);

          if (i < first)
            {
              g_assert_cmpint (attest_record_store_get_status (store, i), ==,
                               ATTEST_RECORD_STATUS_ATTESTED);
              continue;
            }
          g_assert_cmpint (attest_record_store_get_status (store, i), ==,
                           ATTEST_RECORD_STATUS_REJECTED);
          g_assert_nonnull (message);
          g_assert_null (strstr (message, "January 5, 2026"));
        }

      /* Every record went out on its own in the end. */
      g_assert_cmpuint (count_requests (fixture->sandbox, "POST",
                                        classic_write_path (strategy), 0), >=, 1 + 12 - first);
    }
}

/* The first write is answered 429 (the template lookup before it is
 * not). */
static void
throttle_once_started (AttestSubmission *submission,
                       AttestSandbox    *sandbox)
{
  if (attest_submission_get_n_batches (submission) == 0)
    attest_sandbox_queue_fault (sandbox, ATTEST_SANDBOX_FAULT_429_SECONDS, 0);
}

/* A 429 first is retried under the same request ID (SPEC §6); it decides
 * nothing, and the refusal that follows it ends the run. */
static void
test_classic_refused_after_throttling (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 10);
  g_autoptr(AttestSubmission) submission = new_submission (fixture, store, ATTEST_STRATEGY_BULK,
                                                           10, 1);
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GError) error = NULL;
  const AttestSandboxRequest *throttled;
  const AttestSandboxRequest *refused;

  refuse_classic_from_now_on (fixture->sandbox);
  g_signal_connect (submission, "progress", G_CALLBACK (throttle_once_started),
                    fixture->sandbox);

  g_assert_cmpint (run (submission, &error), ==, ATTEST_RUN_STATE_RETIRED);
  g_assert_error (error, ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_RETIRED);

  posts = attest_sandbox_find_requests (fixture->sandbox, "POST", "/v1/CreateBulkReAttestation");
  g_assert_cmpuint (posts->len, ==, 2);
  throttled = g_ptr_array_index (posts, 0);
  refused = g_ptr_array_index (posts, 1);
  g_assert_cmpuint (throttled->status, ==, 429);
  g_assert_cmpuint (refused->status, >=, 400);
  g_assert_cmpuint (refused->status, <, 500);
  g_assert_cmpstr (soup_message_headers_get_one (throttled->headers, "MS-RequestId"), ==,
                   soup_message_headers_get_one (refused->headers, "MS-RequestId"));
}

static void
take_role_away_once_started (AttestSubmission *submission,
                             AttestSandbox    *sandbox)
{
  attest_sandbox_set_user_has_role (sandbox, FALSE);
}

/* 403 first keeps its meaning (SPEC §5): the run stops, says why, and is
 * resumable. */
static void
test_classic_forbidden_first (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 10);
  g_autoptr(AttestSubmission) submission = new_submission (fixture, store,
                                                           ATTEST_STRATEGY_PER_CUSTOMER, 1, 2);
  g_autoptr(AttestRunReplay) replay = NULL;
  g_autoptr(GError) error = NULL;
  const GError *cause;

  /* The role goes once the template was looked up, which needs it too. */
  refuse_classic_from_now_on (fixture->sandbox);
  g_signal_connect (submission, "progress", G_CALLBACK (take_role_away_once_started),
                    fixture->sandbox);

  g_assert_cmpint (run (submission, &error), ==, ATTEST_RUN_STATE_STOPPED);
  g_assert_error (error, ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_STOPPED);
  cause = attest_submission_error_get_cause (error);
  g_assert_error ((GError *) cause, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_FORBIDDEN);
  g_assert_null (strstr (error->message, "January 5, 2026"));
  g_assert_cmpuint (count_requests (fixture->sandbox, "POST", "/", 403), >=, 1);
  g_clear_error (&error);

  replay = attest_run_replay_read (attest_submission_get_journal_path (submission), &error);
  g_assert_no_error (error);
  g_assert_cmpint (replay->state, ==, ATTEST_RUN_STATE_STOPPED);
  g_assert_true (attest_run_replay_is_resumable (replay));
}

/* 401 first keeps its meaning: a sign-in to renew, the run stops,
 * resumable. 408 first is retried under the same request ID, and the batch
 * then taken. */
static void
test_classic_unauthorized_or_timeout_first (Fixture       *fixture,
                                            gconstpointer  data)
{
  const char *refusal = "{\"code\":408,\"description\":\"The request was not answered in time.\"}";
  const guint statuses[] = { 401, 408 };

  for (guint c = 0; c < G_N_ELEMENTS (statuses); c++)
    {
      g_autoptr(GPtrArray) accepted = g_ptr_array_new_with_free_func (g_free);
      PickyService service = { refusal, 0, accepted, statuses[c] };
      g_autoptr(AttestRecordStore) store = store_of_sandbox_customers (fixture->sandbox, 3);
      g_autoptr(GError) error = NULL;

      g_test_message ("HTTP %u first", statuses[c]);
      if (statuses[c] == 401)
        {
          g_assert_cmpint (submit_to_picky_service (fixture, &service, store, &error), ==,
                           ATTEST_RUN_STATE_STOPPED);
          g_assert_error (error, ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_STOPPED);
          g_assert_null (strstr (error->message, "January 5, 2026"));
          g_assert_cmpuint (service.bulk_posts, ==, 1);
          g_assert_cmpuint (accepted->len, ==, 0);
        }
      else
        {
          g_assert_cmpint (submit_to_picky_service (fixture, &service, store, &error), ==,
                           ATTEST_RUN_STATE_COMPLETED);
          g_assert_no_error (error);
          g_assert_cmpuint (service.bulk_posts, ==, 2);
          g_assert_cmpuint (accepted->len, ==, 3);
        }
    }
}

static void
test_date_agreed (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (-5 * 3600);
  g_autoptr(GDateTime) evening = g_date_time_new (zone, 2026, 11, 21, 22, 0, 0);   /* 03:00 UTC on the 22nd */
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GError) error = NULL;

  date = attest_submission_parse_date_agreed ("2026-11-22", evening, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_get_day_of_month (date), ==, 22);
  g_assert_cmpint (g_date_time_get_hour (date), ==, 0);
  g_assert_cmpint (g_date_time_get_utc_offset (date), ==, 0);
  g_clear_pointer (&date, g_date_time_unref);

  date = attest_submission_parse_date_agreed ("2026-11-23", evening, &error);
  g_assert_null (date);
  g_assert_error (error, ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_DATE_AGREED);
  g_clear_error (&error);

  date = attest_submission_parse_date_agreed ("22/11/2026", evening, &error);
  g_assert_null (date);
  g_assert_error (error, ATTEST_SUBMISSION_ERROR, ATTEST_SUBMISSION_ERROR_DATE_AGREED);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

#define ADD(path, customers, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (customers), fixture_setup, func, fixture_teardown)
  ADD ("/submission/bulk-500-500-234", 1300, test_bulk_batches_of_500_500_234);
  ADD ("/submission/per-customer", 50, test_per_customer);
  ADD ("/submission/start-without-user-credential", 10, test_start_without_user_credential);
  ADD ("/submission/journal-before-report", 300, test_journal_before_report);
  ADD ("/submission/faults-retried-same-request-id", 600,
       test_faults_are_retried_under_the_same_request_id);
  ADD ("/submission/already-attested", 20, test_already_attested_is_a_success);
  ADD ("/submission/rejected-and-rest-delivered", 10, test_rejected_records_and_the_rest_delivered);
  ADD ("/submission/refusal-names-records-by-customer-id", 1,
       test_refusal_names_records_by_customer_id);
  ADD ("/submission/refusal-names-records-by-email", 1, test_refusal_names_records_by_email);
  ADD ("/submission/token-refreshed-mid-run", 12, test_token_refreshed_mid_run);
  ADD ("/submission/forbidden-then-resume", 30, test_forbidden_stops_then_resume_finishes);
  ADD ("/submission/resume-previous-version/bulk", 3,
       test_resume_bulk_journal_of_previous_version);
  ADD ("/submission/resume-previous-version/per-customer", 3,
       test_resume_per_customer_journal_of_previous_version);
  ADD ("/submission/resume-refuses-changed-copy", 30, test_resume_refuses_a_changed_copy);
  ADD ("/submission/lost-answer-confirmed", 20, test_lost_answer_carried_out_is_confirmed);
  ADD ("/submission/lost-request-resent-unchanged", 20, test_lost_request_goes_out_again_unchanged);
  ADD ("/submission/dry-run", 25, test_dry_run_sends_nothing);
  ADD ("/submission/cancel-then-resume", 60, test_cancel_then_resume);
  ADD ("/submission/cancel-then-discard", 30, test_cancel_then_discard);
  ADD ("/submission/resume-leaves-out-attested-elsewhere", 40,
       test_resume_leaves_out_attested_elsewhere);
  ADD ("/submission/throttling-is-told", 10, test_throttling_is_told);
  ADD ("/submission/start/template-fails", 40, test_start_template_fails);
  ADD ("/submission/start/copy-fails", 40, test_start_copy_fails);
  ADD ("/submission/start/cancelled", 40, test_start_cancelled);
  ADD ("/submission/classic-refused/first", 120, test_classic_refused_first);
  ADD ("/submission/classic-refused/after-a-batch", 12, test_classic_refused_after_a_batch);
  ADD ("/submission/classic-refused/after-throttling", 10,
       test_classic_refused_after_throttling);
  ADD ("/submission/classic-refused/forbidden-first", 10, test_classic_forbidden_first);
  ADD ("/submission/classic-refused/unauthorized-or-timeout-first", 3,
       test_classic_unauthorized_or_timeout_first);
#undef ADD
  g_test_add_func ("/submission/date-agreed", test_date_agreed);

  return g_test_run ();
}
