/* test-soak.c: a long submission through a faulty sandbox (soak suite)
 *
 * ATTEST_SOAK_RECORDS customers (20,000 unless set; tests/soak/run-soak.sh
 * runs 100,000) are submitted in batches of ATTEST_SOAK_BATCH_SIZE (100)
 * while the sandbox answers 10% of the requests 503, 5% 429 with a
 * Retry-After of ATTEST_SOAK_RETRY_AFTER seconds (a range such as 1-3),
 * drops 2% of the connections without an answer, and hands out tokens that
 * live ATTEST_SOAK_TOKEN_LIFETIME seconds (1 here, so that the short run
 * refreshes them too; 5 in the long run).
 * Attest runs in a process of its own, soak-client, so that its memory is
 * measured apart from the sandbox's; this process runs the sandbox and reads
 * its request log as the run goes. At the end every customer must be
 * attested exactly once, no request may have come back before its
 * Retry-After ended, and soak-client must not have grown: its resident
 * memory at the end within 10% of what it was once the first tenth of the
 * customers were settled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "attest-run-journal.h"
#include "attest-sandbox.h"
#include "attest-test-utils.h"

#define BULK_PATH "/v1/CreateBulkReAttestation"

typedef struct
{
  AttestSandbox *sandbox;
  GHashTable    *sent;          /* customer ID → times it was in a batch answered 2xx */
  GHashTable    *not_before;    /* MS-RequestId → when its Retry-After ends (µs) */
  guint          requests;
  guint          faults[600];   /* by status; [0]: dropped connections */
  guint          early_retries;
  guint          refreshes;     /* access tokens renewed with a refresh token */
  char          *client_out;    /* soak-client's line of results */
  gboolean       done;
} Soak;

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);
  guint64 number;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &number, NULL))
    return fallback;

  return number;
}

static void
count_bulk_body (Soak                       *soak,
                 const AttestSandboxRequest *request)
{
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (request->body, NULL), NULL);
  JsonArray *items;

  g_assert_nonnull (root);
  items = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *id = json_object_get_string_member (item, "customerId");
      guint times = GPOINTER_TO_UINT (g_hash_table_lookup (soak->sent, id));

      g_hash_table_insert (soak->sent, g_strdup (id), GUINT_TO_POINTER (times + 1));
    }
}

/* Reads what the sandbox logged since the last call, then empties its log. */
static void
read_request_log (Soak *soak)
{
  guint n = attest_sandbox_get_request_count (soak->sandbox);

  for (guint i = 0; i < n; i++)
    {
      const AttestSandboxRequest *request = attest_sandbox_get_request (soak->sandbox, i);
      const char *request_id = soup_message_headers_get_one (request->headers, "MS-RequestId");
      gpointer not_before;

      if (g_str_has_suffix (request->path, "/oauth2/v2.0/token") && request->body != NULL
          && g_strstr_len (g_bytes_get_data (request->body, NULL), g_bytes_get_size (request->body),
                           "grant_type=refresh_token") != NULL)
        soak->refreshes++;

      if (!g_str_has_prefix (request->path, "/v1/"))
        continue;
      soak->requests++;

      if (request_id != NULL
          && g_hash_table_lookup_extended (soak->not_before, request_id, NULL, &not_before))
        {
          gint64 until = (gint64) GPOINTER_TO_SIZE (not_before);

          if (request->time < until)
            {
              soak->early_retries++;
              g_test_message ("Request %s came back %.3f s before its Retry-After ended",
                              request_id, (until - request->time) / 1e6);
            }
          g_hash_table_remove (soak->not_before, request_id);
        }

      if (request->status == 0 || request->status >= 400)
        soak->faults[MIN (request->status, G_N_ELEMENTS (soak->faults) - 1)]++;
      if (request->status == 429 && request_id != NULL && request->retry_after_until > 0)
        g_hash_table_insert (soak->not_before, g_strdup (request_id),
                             GSIZE_TO_POINTER (request->retry_after_until));

      if (request->status >= 200 && request->status < 300
          && g_str_equal (request->method, "POST") && g_str_equal (request->path, BULK_PATH))
        count_bulk_body (soak, request);
    }

  attest_sandbox_clear_requests (soak->sandbox);
}

static gboolean
on_tick (gpointer user_data)
{
  read_request_log (user_data);

  return G_SOURCE_CONTINUE;
}

static void
on_client_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Soak *soak = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &soak->client_out, &err,
                                        &error);
  g_assert_no_error (error);
  if (err != NULL && err[0] != '\0')
    g_test_message ("soak-client: %s", err);
  soak->done = TRUE;
}

static gboolean
client_done (gpointer user_data)
{
  return ((Soak *) user_data)->done;
}

/* A value of soak-client's line of results. */
static guint64
result_value (const char *line,
              const char *name)
{
  g_autofree char *key = g_strconcat (" ", name, "=", NULL);
  g_autofree char *padded = g_strconcat (" ", line, NULL);
  const char *at = strstr (padded, key);

  if (at == NULL)
    g_error ("soak-client printed no %s: “%s”", name, line);

  return g_ascii_strtoull (at + strlen (key), NULL, 10);
}

static char *
client_path (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *directory = NULL;

  g_assert_nonnull (self);
  directory = g_path_get_dirname (self);

  return g_build_filename (directory, "soak-client", NULL);
}

static void
parse_range (const char *text,
             guint      *low,
             guint      *high)
{
  g_auto(GStrv) parts = g_strsplit (text, "-", 2);

  *low = g_ascii_strtoull (parts[0], NULL, 10);
  *high = parts[1] != NULL ? g_ascii_strtoull (parts[1], NULL, 10) : *low;
  g_assert_cmpuint (*low, >=, 1);
  g_assert_cmpuint (*high, >=, *low);
}

static void
test_soak (void)
{
  guint n_records = env_uint ("ATTEST_SOAK_RECORDS", 20000);
  guint batch_size = env_uint ("ATTEST_SOAK_BATCH_SIZE", 100);
  guint token_lifetime = env_uint ("ATTEST_SOAK_TOKEN_LIFETIME", 1);
  g_autofree char *runs = g_dir_make_tmp ("attest-soak-XXXXXX", NULL);
  g_autofree char *client = client_path ();
  g_autofree char *batch_text = g_strdup_printf ("%u", batch_size);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  AttestSandboxFaults faults = {
    .rate_503 = 0.10,
    .rate_429 = 0.05,
    .retry_after_form = ATTEST_SANDBOX_RETRY_AFTER_SECONDS,
    .rate_drop = 0.02,
  };
  Soak soak = { 0 };
  GHashTableIter iter;
  gpointer times;
  guint duplicates = 0;
  guint tick;
  gint64 started = g_get_monotonic_time ();
  guint64 rss_sample;
  guint64 rss_end;
  double seconds;

  parse_range (g_getenv ("ATTEST_SOAK_RETRY_AFTER") != NULL ? g_getenv ("ATTEST_SOAK_RETRY_AFTER")
                                                            : "1-3",
               &faults.retry_after_min, &faults.retry_after_max);

  soak.sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  soak.not_before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* The classic service of SPEC §5, which the submission writes to. */
  soak.sandbox = attest_sandbox_new (29);
  attest_sandbox_set_classic (soak.sandbox, TRUE);
  attest_sandbox_set_customer_count (soak.sandbox, n_records);
  attest_sandbox_set_page_size (soak.sandbox, 1000);
  attest_sandbox_set_token_lifetime (soak.sandbox, token_lifetime);
  attest_sandbox_set_auto_approve (soak.sandbox, TRUE);
  attest_sandbox_set_faults (soak.sandbox, &faults);
  g_assert_true (attest_sandbox_start (soak.sandbox, 0, &error));
  g_assert_no_error (error);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, client, attest_sandbox_get_uri (soak.sandbox),
                              attest_sandbox_get_app_id (soak.sandbox), batch_text, runs, NULL);
  g_assert_no_error (error);

  tick = g_timeout_add (100, on_tick, &soak);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_client_done, &soak);
  g_assert_true (attest_test_wait_until (client_done, &soak, 3 * 60 * 60 * 1000));
  g_source_remove (tick);
  read_request_log (&soak);
  seconds = (g_get_monotonic_time () - started) / 1e6;

  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_nonnull (soak.client_out);

  g_hash_table_iter_init (&iter, soak.sent);
  while (g_hash_table_iter_next (&iter, NULL, &times))
    duplicates += GPOINTER_TO_UINT (times) - 1;
  rss_sample = result_value (soak.client_out, "rss_sample_kb");
  rss_end = result_value (soak.client_out, "rss_end_kb");

  g_test_message ("Soak: %u customers in batches of %u, %.1f s; %u requests; faults injected: "
                  "%u × 503, %u × 429 (Retry-After %u–%u s), %u dropped, %u × 401 for an "
                  "expired token; %u tokens renewed", n_records, batch_size, seconds,
                  soak.requests, soak.faults[503], soak.faults[429], faults.retry_after_min,
                  faults.retry_after_max, soak.faults[0], soak.faults[401], soak.refreshes);
  g_test_message ("Soak: %s", g_strstrip (soak.client_out));
  g_test_message ("Soak: customers the sandbox still lists %u; duplicates %u; retries before "
                  "Retry-After %u; resident memory %+.1f%% from the first tenth to the end",
                  attest_sandbox_count_pending (soak.sandbox), duplicates, soak.early_retries,
                  100.0 * ((double) rss_end - rss_sample) / MAX (rss_sample, 1));

  g_assert_cmpuint (result_value (soak.client_out, "state"), ==, ATTEST_RUN_STATE_COMPLETED);

  /* Faults did happen, every kind of them, and tokens expired. */
  g_assert_cmpuint (soak.faults[503], >, 0);
  g_assert_cmpuint (soak.faults[429], >, 0);
  g_assert_cmpuint (soak.faults[0], >, 0);
  g_assert_cmpuint (soak.refreshes, >, 0);

  /* Every customer attested, each in exactly one batch the sandbox took. */
  g_assert_cmpuint (result_value (soak.client_out, "attested"), ==, n_records);
  g_assert_cmpuint (result_value (soak.client_out, "already"), ==, 0);
  g_assert_cmpuint (result_value (soak.client_out, "rejected"), ==, 0);
  g_assert_cmpuint (result_value (soak.client_out, "failed"), ==, 0);
  g_assert_cmpuint (attest_sandbox_count_pending (soak.sandbox), ==, 0);
  g_assert_cmpuint (g_hash_table_size (soak.sent), ==, n_records);
  g_assert_cmpuint (duplicates, ==, 0);

  g_assert_cmpuint (soak.early_retries, ==, 0);

  if (result_value (soak.client_out, "memory_measured"))
    {
      g_assert_cmpuint (rss_sample, >, 0);
      g_assert_cmpuint (rss_end, <=, rss_sample * 11 / 10);
    }
  else
    g_test_message ("Memory is not measured under AddressSanitizer");

  attest_sandbox_stop (soak.sandbox);
  g_clear_object (&soak.sandbox);
  g_hash_table_unref (soak.sent);
  g_hash_table_unref (soak.not_before);
  g_free (soak.client_out);
  attest_test_remove_tree (runs);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/soak/faults-tokens-memory", test_soak);

  return g_test_run ();
}
