/* test-mca-request.c: request runs of Microsoft's current flow against the
 * sandbox: one attestation per customer, a lost answer sent again as it
 * was, request again, --renew, --direct, the problems of each row, an
 * expired secret, a customer removed, resumes, and links kept out of the
 * log below debug level (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-app-only-tokens.h"
#include "attest-mca-request.h"
#include "attest-mca-send.h"
#include "attest-sandbox.h"
#include "attest-test-mca.h"
#include "attest-test-utils.h"

#define ENHANCED_PATH ATTEST_TEST_MCA_ENHANCED_PATH
#define N_CUSTOMERS   40

typedef AttestTestMca Fixture;

/* What was logged, for the test of the links. */
typedef struct
{
  GLogLevelFlags  level;
  char           *message;
} Logged;

static GPtrArray *logged;

static void
logged_free (Logged *entry)
{
  g_free (entry->message);
  g_free (entry);
}

static GLogWriterOutput
capture_log (GLogLevelFlags   log_level,
             const GLogField *fields,
             gsize            n_fields,
             gpointer         user_data)
{
  for (gsize i = 0; i < n_fields && logged != NULL; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE"))
        {
          Logged *entry = g_new0 (Logged, 1);

          entry->level = log_level & G_LOG_LEVEL_MASK;
          entry->message = g_strndup (fields[i].value,
                                      fields[i].length < 0 ? strlen (fields[i].value)
                                                           : (gsize) fields[i].length);
          g_ptr_array_add (logged, entry);
        }
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  attest_test_mca_setup (fixture, 16, N_CUSTOMERS);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  attest_test_mca_teardown (fixture);
}

static guint
count_posts (Fixture *fixture)
{
  g_autoptr(GPtrArray) posts = attest_sandbox_find_requests (fixture->sandbox, "POST",
                                                             ENHANCED_PATH);

  return posts->len;
}

/* Every customer that needs acceptance gets one attestation and its link,
 * under a request ID of its own; the others none; the links file has a
 * row for each, in order, and the run is over. */
static void
test_one_attestation_each (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = attest_test_mca_full_rows (fixture->sandbox);
  g_autoptr(AttestMcaRequest) request = NULL;
  g_autoptr(AttestMcaLinks) links = NULL;
  g_autoptr(AttestMcaRun) run_record = NULL;
  g_autoptr(GPtrArray) posts = NULL;
  g_autoptr(GHashTable) request_ids = g_hash_table_new (g_str_hash, g_str_equal);
  guint needing = attest_test_mca_count_needing (fixture->sandbox);
  AttestMcaRequestCounts counts;

  g_assert_cmpuint (needing, >, 5);
  request = attest_mca_request_new (fixture->client, fixture->ledger,
                                    ATTEST_MCA_REQUEST_DEFAULT);
  attest_test_mca_prepare (request, rows);
  attest_mca_request_get_counts (request, &counts);
  g_assert_cmpuint (counts.customers, ==, N_CUSTOMERS);
  g_assert_cmpuint (counts.to_send, ==, needing);
  g_assert_cmpuint (counts.needs_nothing, ==, N_CUSTOMERS - needing);
  g_assert_cmpuint (attest_mca_request_get_problems (request)->len, ==, 0);
  /* Every value came from the file: no profile was read. */
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 0);

  {
    g_autoptr(GError) error = NULL;

    g_assert_true (attest_test_mca_run (request, fixture->links, &error));
    g_assert_no_error (error);
  }

  attest_mca_request_get_counts (request, &counts);
  g_assert_cmpuint (counts.requested, ==, needing);
  g_assert_cmpuint (counts.unanswered + counts.refused + counts.not_requested, ==, 0);
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, needing);

  posts = attest_sandbox_find_requests (fixture->sandbox, "POST", ENHANCED_PATH);
  g_assert_cmpuint (posts->len, ==, needing);
  for (guint i = 0; i < posts->len; i++)
    {
      const AttestSandboxRequest *post = g_ptr_array_index (posts, i);
      const char *request_id = soup_message_headers_get_one (post->headers, "MS-RequestId");

      g_assert_cmpuint (post->status, ==, 201);
      g_assert_true (g_hash_table_add (request_ids, (gpointer) request_id));
    }

  run_record = attest_mca_ledger_lookup_run (fixture->ledger,
                                             attest_mca_request_get_run_id (request));
  g_assert_true (attest_mca_run_is_finished (run_record));
  g_assert_cmpstr (attest_mca_run_get_output_path (run_record), ==, fixture->links);

  links = attest_test_mca_read_links (fixture->links);
  g_assert_cmpuint (links->rows->len, ==, N_CUSTOMERS);
  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      const AttestSandboxCustomer *customer = attest_sandbox_get_customer (fixture->sandbox, i);
      g_autoptr(AttestMcaCustomer) known = attest_mca_ledger_lookup (fixture->ledger,
                                                                     customer->customer_id);
      const char *state = attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_STATE);

      g_assert_cmpstr (attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_CUSTOMER_TENANT_ID), ==,
                       customer->customer_id);
      g_assert_cmpstr (attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_COMPANY_NAME), ==,
                       customer->company_name);
      if (g_str_equal (state, "requested"))
        {
          g_autofree char *expected = g_strdup_printf ("%s/mca/?attestationid=%s",
                                                       attest_sandbox_get_uri (fixture->sandbox),
                                                       attest_test_mca_cell (links, i,
                                                             ATTEST_MCA_LINKS_ATTESTATION_ID));

          g_assert_cmpstr (attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_ACCEPTANCE_LINK), ==, expected);
          g_assert_cmpstr (attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_ATTESTATION_ID), ==,
                           attest_mca_customer_get_attestation_id (known));
          g_assert_cmpstr (attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_EMAIL), ==,
                           "signatory@contoso.com");
          g_assert_true (g_str_has_suffix (attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_REQUESTED_AT), "Z"));
        }
      else
        {
          g_assert_true (g_str_equal (state, "attested")
                         || g_str_equal (state, "accepted-directly"));
          g_assert_cmpstr (attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_ACCEPTANCE_LINK), ==, "");
        }
    }
}

/* A second request creates nothing for those requested: their links are
 * written again as they were. --renew makes a new one for each. */
static void
test_again_and_renew (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = attest_test_mca_full_rows (fixture->sandbox);
  g_autoptr(AttestMcaRequest) first = attest_test_mca_request (fixture, rows, ATTEST_MCA_REQUEST_DEFAULT);
  g_autoptr(AttestMcaRequest) again = NULL;
  g_autoptr(AttestMcaRequest) renewed = NULL;
  g_autoptr(AttestMcaLinks) first_links = attest_test_mca_read_links (fixture->links);
  g_autoptr(AttestMcaLinks) again_links = NULL;
  g_autoptr(AttestMcaLinks) renewed_links = NULL;
  guint needing = attest_test_mca_count_needing (fixture->sandbox);
  AttestMcaRequestCounts counts;

  again = attest_test_mca_request (fixture, rows, ATTEST_MCA_REQUEST_DEFAULT);
  attest_mca_request_get_counts (again, &counts);
  g_assert_cmpuint (counts.already_requested, ==, needing);
  g_assert_cmpuint (counts.requested, ==, 0);
  g_assert_cmpuint (count_posts (fixture), ==, needing);
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, needing);
  again_links = attest_test_mca_read_links (fixture->links);
  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      g_assert_cmpstr (attest_test_mca_cell (again_links, i, ATTEST_MCA_LINKS_ACCEPTANCE_LINK), ==,
                       attest_test_mca_cell (first_links, i, ATTEST_MCA_LINKS_ACCEPTANCE_LINK));
      g_assert_cmpstr (attest_test_mca_cell (again_links, i, ATTEST_MCA_LINKS_STATE), ==,
                       attest_test_mca_cell (first_links, i, ATTEST_MCA_LINKS_STATE));
    }

  renewed = attest_test_mca_request (fixture, rows, ATTEST_MCA_REQUEST_RENEW);
  attest_mca_request_get_counts (renewed, &counts);
  g_assert_cmpuint (counts.requested, ==, needing);
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, 2 * needing);
  renewed_links = attest_test_mca_read_links (fixture->links);
  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      if (!g_str_equal (attest_test_mca_cell (first_links, i, ATTEST_MCA_LINKS_STATE), "requested"))
        continue;
      g_assert_cmpstr (attest_test_mca_cell (renewed_links, i, ATTEST_MCA_LINKS_STATE), ==, "requested");
      g_assert_cmpstr (attest_test_mca_cell (renewed_links, i, ATTEST_MCA_LINKS_ATTESTATION_ID), !=,
                       attest_test_mca_cell (first_links, i, ATTEST_MCA_LINKS_ATTESTATION_ID));
    }
}

/* --direct: the admin center's address and no attestation; nothing is
 * sent, and a resume of the run would write the same file. */
static void
test_direct (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = attest_test_mca_full_rows (fixture->sandbox);
  g_autoptr(AttestMcaRequest) request = attest_test_mca_request (fixture, rows, ATTEST_MCA_REQUEST_DIRECT);
  g_autoptr(AttestMcaLinks) links = attest_test_mca_read_links (fixture->links);
  g_autoptr(AttestMcaRun) run_record = NULL;
  g_autoptr(AttestMcaLinks) rebuilt = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) again = NULL;
  guint needing = attest_test_mca_count_needing (fixture->sandbox);
  AttestMcaRequestCounts counts;
  guint direct = 0;

  attest_mca_request_get_counts (request, &counts);
  g_assert_cmpuint (counts.direct, ==, needing);
  g_assert_cmpuint (count_posts (fixture), ==, 0);
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, 0);

  for (guint i = 0; i < links->rows->len; i++)
    {
      if (!g_str_equal (attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_ACCEPTANCE_LINK),
                        ATTEST_MCA_ADMIN_CENTER_URI))
        continue;
      direct++;
      g_assert_cmpstr (attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_ATTESTATION_ID), ==, "");
      g_assert_cmpstr (attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_STATE), ==, "needs-acceptance");
      g_assert_cmpstr (attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_EMAIL), ==, "signatory@contoso.com");
      g_assert_cmpstr (attest_test_mca_cell (links, i, ATTEST_MCA_LINKS_MESSAGE), !=, "");
    }
  g_assert_cmpuint (direct, ==, needing);

  /* The ledger alone writes the same file again. */
  run_record = attest_mca_ledger_lookup_run (fixture->ledger,
                                             attest_mca_request_get_run_id (request));
  rebuilt = attest_mca_request_build_links (fixture->ledger, run_record);
  {
    char *contents = attest_test_read_file (fixture->links);

    written = g_bytes_new_take (contents, strlen (contents));
  }
  again = attest_mca_links_to_bytes (rebuilt);
  g_assert_cmpmem (g_bytes_get_data (again, NULL), g_bytes_get_size (again),
                   g_bytes_get_data (written, NULL), g_bytes_get_size (written));
}

/* The POSTs of attestations under @request_id. */
static GPtrArray *
find_posts (Fixture    *fixture,
            const char *request_id)
{
  g_autoptr(GPtrArray) posts = attest_sandbox_find_requests (fixture->sandbox, "POST",
                                                             ENHANCED_PATH);
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < posts->len; i++)
    {
      const AttestSandboxRequest *post = g_ptr_array_index (posts, i);

      if (g_strcmp0 (soup_message_headers_get_one (post->headers, "MS-RequestId"),
                     request_id) == 0)
        g_ptr_array_add (found, (gpointer) post);
    }

  return found;
}

/* Every POST under the request ID of @customer_id's last answer: the same
 * bytes each time, and how many there were. */
static guint
assert_sent_unchanged (Fixture    *fixture,
                       const char *customer_id)
{
  g_autoptr(AttestMcaCustomer) customer = attest_mca_ledger_lookup (fixture->ledger, customer_id);
  g_autoptr(GPtrArray) posts = find_posts (fixture,
                                           attest_mca_customer_get_request_id (customer));

  g_assert_cmpuint (posts->len, >, 0);
  for (guint i = 1; i < posts->len; i++)
    {
      const AttestSandboxRequest *first = g_ptr_array_index (posts, 0);
      const AttestSandboxRequest *post = g_ptr_array_index (posts, i);

      g_assert_true (g_bytes_equal (first->body, post->body));
      g_assert_cmpstr (soup_message_headers_get_one (first->headers, "MS-CorrelationId"), ==,
                       soup_message_headers_get_one (post->headers, "MS-CorrelationId"));
    }

  return posts->len;
}

/* An answer lost on the way is asked for again under the same request ID
 * with the same bytes, and the service gives the same attestation: none
 * more is made. */
static void
test_lost_answer_sent_again (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (
                                (GDestroyNotify) attest_mca_row_free);
  g_autoptr(AttestMcaRequest) request = NULL;
  guint index = attest_test_mca_find_needing (fixture->sandbox, 0);
  const char *customer_id = attest_sandbox_get_customer (fixture->sandbox, index)->customer_id;
  AttestMcaRequestCounts counts;

  g_ptr_array_add (rows, attest_test_mca_new_row (fixture->sandbox, index, TRUE));
  attest_sandbox_queue_fault (fixture->sandbox, ATTEST_SANDBOX_FAULT_DROP_AFTER_ANSWER, 0);
  request = attest_test_mca_request (fixture, rows, ATTEST_MCA_REQUEST_DEFAULT);

  attest_mca_request_get_counts (request, &counts);
  g_assert_cmpuint (counts.requested, ==, 1);
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, 1);
  g_assert_cmpuint (assert_sent_unchanged (fixture, customer_id), ==, 2);
}

/* An answer still lost after the last try leaves the request journaled
 * and the run open; the resume sends that request, unchanged, and gets the
 * attestation made the first time. */
static void
test_lost_then_resumed (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (
                                (GDestroyNotify) attest_mca_row_free);
  g_autoptr(AttestMcaRequest) request = NULL;
  g_autoptr(AttestMcaRequest) resumed = NULL;
  g_autoptr(AttestMcaRun) run_record = NULL;
  g_autoptr(AttestMcaLinks) links = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *run_id = NULL;
  guint index = attest_test_mca_find_needing (fixture->sandbox, 0);
  const char *customer_id = attest_sandbox_get_customer (fixture->sandbox, index)->customer_id;
  AttestMcaRequestCounts counts;

  attest_retry_policy_set_max_attempts (attest_partner_client_get_retry_policy (fixture->client),
                                        1);
  g_ptr_array_add (rows, attest_test_mca_new_row (fixture->sandbox, index, TRUE));
  g_ptr_array_add (rows, attest_test_mca_new_row (fixture->sandbox, attest_test_mca_find_needing (fixture->sandbox, index + 1), TRUE));
  attest_sandbox_queue_fault (fixture->sandbox, ATTEST_SANDBOX_FAULT_DROP_AFTER_ANSWER, 0);

  request = attest_mca_request_new (fixture->client, fixture->ledger,
                                    ATTEST_MCA_REQUEST_DEFAULT);
  attest_test_mca_prepare (request, rows);
  g_assert_false (attest_test_mca_run (request, fixture->links, &error));
  g_assert_error (error, ATTEST_MCA_SEND_ERROR, ATTEST_MCA_SEND_ERROR_UNANSWERED);
  g_clear_error (&error);
  run_id = g_strdup (attest_mca_request_get_run_id (request));
  attest_mca_request_get_counts (request, &counts);
  g_assert_cmpuint (counts.requested, ==, 1);
  g_assert_cmpuint (counts.unanswered, ==, 1);
  run_record = attest_mca_ledger_lookup_run (fixture->ledger, run_id);
  g_assert_false (attest_mca_run_is_finished (run_record));

  /* The links file says so already. */
  links = attest_test_mca_read_links (fixture->links);
  g_assert_cmpuint (links->rows->len, ==, 2);
  g_assert_cmpstr (attest_test_mca_cell (links, 0, ATTEST_MCA_LINKS_STATE), ==, "needs-acceptance");
  g_assert_cmpstr (attest_test_mca_cell (links, 0, ATTEST_MCA_LINKS_ACCEPTANCE_LINK), ==, "");
  g_assert_cmpstr (attest_test_mca_cell (links, 0, ATTEST_MCA_LINKS_MESSAGE), !=, "");
  g_assert_cmpstr (attest_test_mca_cell (links, 1, ATTEST_MCA_LINKS_STATE), ==, "requested");
  g_clear_pointer (&links, attest_mca_links_free);
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, 2);

  /* A new request run leaves it alone. */
  {
    g_autoptr(AttestMcaRequest) other = attest_mca_request_new (fixture->client, fixture->ledger,
                                                                ATTEST_MCA_REQUEST_DEFAULT);

    attest_test_mca_prepare (other, rows);
    g_assert_cmpuint (attest_mca_request_get_n_to_send (other), ==, 0);
    g_assert_cmpuint (attest_mca_request_get_problems (other)->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (attest_mca_request_get_problems (other), 0),
                              "attest resume"));
  }

  resumed = attest_mca_request_new_resume (fixture->client, fixture->ledger, run_id, &error);
  g_assert_no_error (error);
  /* Only the request that got no answer is left; the one answered is not. */
  g_assert_cmpuint (attest_mca_request_get_n_to_send (resumed), ==, 2);
  g_assert_cmpuint (attest_mca_request_get_n_left (resumed), ==, 1);
  g_assert_true (attest_test_mca_run (resumed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (attest_mca_request_get_n_left (resumed), ==, 0);
  attest_mca_request_get_counts (resumed, &counts);
  g_assert_cmpuint (counts.requested, ==, 2);
  g_assert_cmpuint (counts.unanswered, ==, 0);
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, 2);
  g_assert_cmpuint (assert_sent_unchanged (fixture, customer_id), ==, 2);
  g_clear_pointer (&run_record, attest_mca_run_unref);
  run_record = attest_mca_ledger_lookup_run (fixture->ledger, run_id);
  g_assert_true (attest_mca_run_is_finished (run_record));

  /* Rewritten in full where the run wrote it. */
  links = attest_test_mca_read_links (fixture->links);
  g_assert_cmpuint (links->rows->len, ==, 2);
  g_assert_cmpstr (attest_test_mca_cell (links, 0, ATTEST_MCA_LINKS_STATE), ==, "requested");
  g_assert_cmpstr (attest_test_mca_cell (links, 0, ATTEST_MCA_LINKS_MESSAGE), ==, "");

  g_assert_null (attest_mca_request_new_resume (fixture->client, fixture->ledger, run_id,
                                                &error));
  g_assert_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_FINISHED_RUN);
}

/* The service's refusal is the customer's state, with its words; a later
 * request tries again. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (
                                (GDestroyNotify) attest_mca_row_free);
  g_autoptr(AttestMcaRequest) request = NULL;
  g_autoptr(AttestMcaRequest) again = NULL;
  g_autoptr(AttestMcaCustomer) customer = NULL;
  g_autoptr(AttestMcaLinks) links = NULL;
  guint index = attest_test_mca_find_needing (fixture->sandbox, 0);
  AttestMcaRow *row = attest_test_mca_new_row (fixture->sandbox, index, TRUE);
  AttestMcaRequestCounts counts;

  /* Antarctica is a country of ISO 3166-1, where the sandbox's service
   * offers no agreement. */
  attest_mca_row_set (row, ATTEST_MCA_DETAIL_COUNTRY, "AQ");
  g_ptr_array_add (rows, row);
  request = attest_test_mca_request (fixture, rows, ATTEST_MCA_REQUEST_DEFAULT);
  attest_mca_request_get_counts (request, &counts);
  g_assert_cmpuint (counts.refused, ==, 1);

  customer = attest_mca_ledger_lookup (fixture->ledger, row->customer_id);
  g_assert_cmpint (attest_mca_customer_get_state (customer), ==, ATTEST_MCA_STATE_REFUSED);
  g_assert_nonnull (strstr (attest_mca_customer_get_message (customer), "country"));
  links = attest_test_mca_read_links (fixture->links);
  g_assert_cmpstr (attest_test_mca_cell (links, 0, ATTEST_MCA_LINKS_STATE), ==, "refused");
  g_assert_cmpstr (attest_test_mca_cell (links, 0, ATTEST_MCA_LINKS_MESSAGE), ==,
                   attest_mca_customer_get_message (customer));

  attest_mca_row_set (row, ATTEST_MCA_DETAIL_COUNTRY, "FR");
  again = attest_test_mca_request (fixture, rows, ATTEST_MCA_REQUEST_DEFAULT);
  attest_mca_request_get_counts (again, &counts);
  g_assert_cmpuint (counts.requested, ==, 1);
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, 1);
}

static gboolean
has_problem (AttestMcaRequest *request,
             const char       *text)
{
  GPtrArray *problems = attest_mca_request_get_problems (request);

  for (guint i = 0; i < problems->len; i++)
    {
      if (strstr (g_ptr_array_index (problems, i), text) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* A value the partner wrote wrong, or one the profile lacks, is a problem
 * of that row naming its line and the field, and nothing is sent for it;
 * the rest go. */
static void
test_row_problems (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (
                                (GDestroyNotify) attest_mca_row_free);
  g_autoptr(AttestMcaRequest) request = NULL;
  static const struct { AttestMcaDetail detail; const char *value; const char *problem; } bad[] = {
    { ATTEST_MCA_DETAIL_COUNTRY, "fr", "Country: “fr” is not a country code" },
    { ATTEST_MCA_DETAIL_COUNTRY, "France", "Country: “France” is not a country code" },
    { ATTEST_MCA_DETAIL_LANGUAGE, "english", "Language: “english” is not a language tag" },
    { ATTEST_MCA_DETAIL_LANGUAGE, "fr_FR", "Language: “fr_FR” is not a language tag" },
    { ATTEST_MCA_DETAIL_EMAIL, "", "Email: The signatory’s email address is empty" },
    { ATTEST_MCA_DETAIL_COMPANY_NAME, "Bad\x01" "Company", "CompanyName: The company name" },
  };
  guint index = 0;
  guint good;
  AttestMcaRequestCounts counts;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      AttestMcaRow *row;

      index = attest_test_mca_find_needing (fixture->sandbox, i == 0 ? 0 : index + 1);
      row = attest_test_mca_new_row (fixture->sandbox, index, TRUE);
      attest_mca_row_set (row, bad[i].detail, bad[i].value);
      g_ptr_array_add (rows, row);
    }
  good = attest_test_mca_find_needing (fixture->sandbox, index + 1);
  g_ptr_array_add (rows, attest_test_mca_new_row (fixture->sandbox, good, TRUE));

  request = attest_test_mca_request (fixture, rows, ATTEST_MCA_REQUEST_DEFAULT);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      AttestMcaRow *row = g_ptr_array_index (rows, i);
      g_autofree char *expected = g_strdup_printf ("Line %u, %s", row->line, bad[i].problem);

      g_test_message ("%s", expected);
      g_assert_true (has_problem (request, expected));
    }
  attest_mca_request_get_counts (request, &counts);
  g_assert_cmpuint (counts.not_requested, ==, G_N_ELEMENTS (bad));
  g_assert_cmpuint (counts.requested, ==, 1);
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, 1);
}

/* Rows with nothing but the customer: the billing profile says the rest,
 * read once and kept in the ledger; what it lacks, or has wrong, is a
 * problem naming the billing profile and the column that corrects it. */
static void
test_from_profiles (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (
                                (GDestroyNotify) attest_mca_row_free);
  g_autoptr(AttestMcaRequest) request = NULL;
  g_autoptr(AttestMcaRequest) again = NULL;
  guint n_reads = 0;
  guint needing = attest_test_mca_count_needing (fixture->sandbox);
  AttestMcaRequestCounts counts;

  for (guint i = 0; i < N_CUSTOMERS; i++)
    g_ptr_array_add (rows, attest_test_mca_new_row (fixture->sandbox, i, FALSE));

  request = attest_test_mca_request (fixture, rows, ATTEST_MCA_REQUEST_DEFAULT);
  attest_mca_request_get_counts (request, &counts);
  g_test_message ("%u requested, %u with problems", counts.requested, counts.not_requested);
  for (guint i = 0; i < attest_mca_request_get_problems (request)->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (attest_mca_request_get_problems (request), i));
  g_assert_cmpuint (counts.requested + counts.not_requested, ==, needing);
  g_assert_cmpuint (counts.requested, >, 0);
  g_assert_cmpuint (counts.not_requested, >, 0);
  g_assert_true (has_problem (request, "the billing profile’s"));
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, counts.requested);

  /* Only the profiles of those that need acceptance were read. */
  for (guint i = 0; i < attest_sandbox_get_request_count (fixture->sandbox); i++)
    {
      const AttestSandboxRequest *read = attest_sandbox_get_request (fixture->sandbox, i);

      n_reads += g_str_equal (read->method, "GET")
                 && g_str_has_suffix (read->path, "/profiles/billing");
    }
  g_assert_cmpuint (n_reads, ==, needing);
  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      AttestMcaRow *row = g_ptr_array_index (rows, i);
      g_autoptr(AttestMcaCustomer) customer = attest_mca_ledger_lookup (fixture->ledger,
                                                                        row->customer_id);
      AttestSandboxMcaSeed seed = attest_sandbox_get_customer_mca_seed (fixture->sandbox,
                                                                        row->customer_id);
      gboolean needs = seed == ATTEST_SANDBOX_MCA_SEED_OLDER_ONLY
                       || seed == ATTEST_SANDBOX_MCA_SEED_NONE;

      g_assert_true ((attest_mca_customer_get_profile_seen_at (customer) != NULL) == needs);
      if (attest_mca_customer_get_state (customer) == ATTEST_MCA_STATE_REQUESTED)
        g_assert_cmpstr (attest_mca_customer_get_first_name (customer), ==,
                         attest_mca_customer_get_profile_first_name (customer));
    }

  /* The ledger has them now. */
  attest_sandbox_clear_requests (fixture->sandbox);
  again = attest_mca_request_new (fixture->client, fixture->ledger, ATTEST_MCA_REQUEST_DEFAULT);
  attest_test_mca_prepare (again, rows);
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 0);
  g_assert_cmpuint (attest_mca_request_get_problems (again)->len, ==,
                    attest_mca_request_get_problems (request)->len);
}

/* A customer Attest has not checked, or with a request of another run
 * unanswered, is not requested, and its row says why. */
static void
test_unchecked_and_pending (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (
                                (GDestroyNotify) attest_mca_row_free);
  g_autoptr(AttestMcaRequest) request = NULL;
  g_autoptr(AttestMcaLinks) links = NULL;
  g_autoptr(AttestPartnerRequest) other = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
  g_autoptr(GError) error = NULL;
  guint index = attest_test_mca_find_needing (fixture->sandbox, 0);
  AttestMcaRow *unknown = attest_mca_row_new (7, "0badc0de-1111-4222-8333-444444444444");
  AttestMcaRow *pending = attest_test_mca_new_row (fixture->sandbox, index, TRUE);
  const AttestPartnerContact signatory = { pending->customer_id, "A", "B", "a@b.com", "" };
  AttestMcaRequestCounts counts;

  attest_mca_row_set (unknown, ATTEST_MCA_DETAIL_COUNTRY, "FR");
  g_ptr_array_add (rows, unknown);
  g_ptr_array_add (rows, pending);
  other = attest_partner_request_new_full ("POST", ENHANCED_PATH, "r-other", "c-other",
                                           ATTEST_PARTNER_CREDENTIAL_APP, body);
  g_assert_true (attest_mca_ledger_record_intent_sync (fixture->ledger,
                                                       ATTEST_MCA_INTENT_ATTESTATION,
                                                       "20260101-000000-0000", &signatory, NULL,
                                                       other, &error));
  g_assert_no_error (error);

  request = attest_test_mca_request (fixture, rows, ATTEST_MCA_REQUEST_DEFAULT);
  attest_mca_request_get_counts (request, &counts);
  g_assert_cmpuint (counts.not_requested, ==, 2);
  g_assert_cmpuint (count_posts (fixture), ==, 0);
  g_assert_true (has_problem (request, "Line 7: Attest does not know yet"));
  g_assert_true (has_problem (request, "20260101-000000-0000"));

  links = attest_test_mca_read_links (fixture->links);
  g_assert_cmpstr (attest_test_mca_cell (links, 0, ATTEST_MCA_LINKS_STATE), ==, "unchecked");
  g_assert_nonnull (strstr (attest_test_mca_cell (links, 0, ATTEST_MCA_LINKS_MESSAGE), "attest status"));
  g_assert_nonnull (strstr (attest_test_mca_cell (links, 1, ATTEST_MCA_LINKS_MESSAGE), "attest resume"));
}

/* An expired secret stops the run before anything is created, keeps every
 * request journaled and says how to make a new secret; the resume, with a
 * credential that works, sends them as they were journaled. */
static void
test_expired_secret (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = attest_test_mca_full_rows (fixture->sandbox);
  g_autoptr(AttestAppOnlyTokens) tokens = NULL;
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(AttestMcaRequest) request = NULL;
  g_autoptr(AttestMcaRequest) resumed = NULL;
  g_autoptr(GPtrArray) unanswered = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *run_id = NULL;
  guint needing = attest_test_mca_count_needing (fixture->sandbox);
  AttestMcaRequestCounts counts;

  tokens = attest_app_only_tokens_new (attest_sandbox_get_uri (fixture->sandbox),
                                       attest_sandbox_get_tenant_id (fixture->sandbox),
                                       attest_sandbox_get_app_client_id (fixture->sandbox),
                                       attest_sandbox_get_app_client_secret (fixture->sandbox));
  client = attest_test_mca_new_client (fixture->sandbox, ATTEST_TOKEN_PROVIDER (tokens));
  attest_sandbox_expire_app_secret (fixture->sandbox);

  request = attest_mca_request_new (client, fixture->ledger, ATTEST_MCA_REQUEST_DEFAULT);
  attest_test_mca_prepare (request, rows);
  g_assert_false (attest_test_mca_run (request, fixture->links, &error));
  g_assert_nonnull (error);
  g_assert_true (attest_mca_error_stops_run (error));
  g_assert_nonnull (strstr (error->message, "AADSTS7000222"));
  g_assert_nonnull (strstr (error->message, "App management"));
  g_clear_error (&error);

  run_id = g_strdup (attest_mca_request_get_run_id (request));
  g_assert_cmpuint (count_posts (fixture), ==, 0);
  unanswered = attest_mca_ledger_list_unanswered (fixture->ledger, run_id);
  g_assert_cmpuint (unanswered->len, ==, needing);
  attest_mca_request_get_counts (request, &counts);
  g_assert_cmpuint (counts.unanswered, ==, needing);

  resumed = attest_mca_request_new_resume (fixture->client, fixture->ledger, run_id, &error);
  g_assert_cmpuint (attest_mca_request_get_n_left (resumed), ==, needing);
  g_assert_true (attest_test_mca_run (resumed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, needing);
  for (guint i = 0; i < unanswered->len; i++)
    {
      AttestMcaIntent *intent = g_ptr_array_index (unanswered, i);
      AttestPartnerRequest *journaled = attest_mca_intent_get_request (intent);
      g_autoptr(GPtrArray) posts = find_posts (fixture,
                                               attest_partner_request_get_request_id (journaled));
      const AttestSandboxRequest *post;

      g_assert_cmpuint (posts->len, ==, 1);
      post = g_ptr_array_index (posts, 0);
      g_assert_true (g_bytes_equal (post->body, attest_partner_request_get_body (journaled)));
    }
}

/* A customer removed from Partner Center between the status check and the
 * request: its profile cannot be read, which its row says. */
static void
test_customer_removed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (
                                (GDestroyNotify) attest_mca_row_free);
  g_autoptr(AttestMcaRequest) request = NULL;
  g_autoptr(AttestMcaLinks) links = NULL;
  guint index = attest_test_mca_find_needing (fixture->sandbox, 0);
  AttestMcaRow *row = attest_test_mca_new_row (fixture->sandbox, index, FALSE);
  g_autofree char *expected = g_strdup_printf ("Line %u: The customer’s billing profile could "
                                               "not be read", row->line);
  AttestMcaRequestCounts counts;

  g_ptr_array_add (rows, row);
  g_assert_true (attest_sandbox_remove_customer (fixture->sandbox, row->customer_id));
  request = attest_test_mca_request (fixture, rows, ATTEST_MCA_REQUEST_DEFAULT);
  attest_mca_request_get_counts (request, &counts);
  g_assert_cmpuint (counts.not_requested, ==, 1);
  g_assert_true (has_problem (request, expected));
  g_assert_cmpuint (count_posts (fixture), ==, 0);
  links = attest_test_mca_read_links (fixture->links);
  g_assert_nonnull (strstr (attest_test_mca_cell (links, 0, ATTEST_MCA_LINKS_MESSAGE), "billing profile"));
}

/* The links are logged at debug level, never above. */
static void
test_links_not_logged (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = attest_test_mca_full_rows (fixture->sandbox);
  g_autoptr(AttestMcaRequest) request = NULL;
  g_autoptr(AttestMcaLinks) links = NULL;
  guint debug_hits = 0;

  logged = g_ptr_array_new_with_free_func ((GDestroyNotify) logged_free);
  request = attest_test_mca_request (fixture, rows, ATTEST_MCA_REQUEST_DEFAULT);
  links = attest_test_mca_read_links (fixture->links);

  for (guint r = 0; r < links->rows->len; r++)
    {
      const char *link = attest_test_mca_cell (links, r, ATTEST_MCA_LINKS_ACCEPTANCE_LINK);
      const char *id = attest_test_mca_cell (links, r, ATTEST_MCA_LINKS_ATTESTATION_ID);

      if (link[0] == '\0')
        continue;
      for (guint i = 0; i < logged->len; i++)
        {
          Logged *entry = g_ptr_array_index (logged, i);
          gboolean holds = strstr (entry->message, link) != NULL
                           || strstr (entry->message, id) != NULL;

          if (entry->level == G_LOG_LEVEL_DEBUG)
            debug_hits += holds;
          else
            g_assert_false (holds);
        }
    }
  /* The capture saw the links where they may be. */
  g_assert_cmpuint (debug_hits, >, 0);
  g_clear_pointer (&logged, g_ptr_array_unref);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);
  g_log_set_writer_func (capture_log, NULL, NULL);

#define ADD(path, test) \
  g_test_add ("/mca-request/" path, Fixture, NULL, fixture_setup, test, fixture_teardown)

  ADD ("one-attestation-each", test_one_attestation_each);
  ADD ("again-and-renew", test_again_and_renew);
  ADD ("direct", test_direct);
  ADD ("lost-answer-sent-again", test_lost_answer_sent_again);
  ADD ("lost-then-resumed", test_lost_then_resumed);
  ADD ("refused", test_refused);
  ADD ("row-problems", test_row_problems);
  ADD ("from-profiles", test_from_profiles);
  ADD ("unchecked-and-pending", test_unchecked_and_pending);
  ADD ("expired-secret", test_expired_secret);
  ADD ("customer-removed", test_customer_removed);
  ADD ("links-not-logged", test_links_not_logged);

#undef ADD

  return g_test_run ();
}
