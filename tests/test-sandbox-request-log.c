/* test-sandbox-request-log.c: the sandbox's request log stays bounded
 * (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-sandbox-request-log.h"
#include "attest-test-init.h"

static void
add (AttestSandboxRequestLog *log,
     guint                    n,
     GBytes                  *body)
{
  g_autofree char *text = g_strdup_printf ("http://127.0.0.1:1/v1/agreements?n=%u", n);
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);

  soup_message_headers_append (headers, "MS-RequestId", "r");

  attest_sandbox_request_log_add (log, attest_sandbox_request_new ("POST", uri, headers, body));
}

static void
test_keeps_the_last_requests (void)
{
  g_autoptr(AttestSandboxRequestLog) log = attest_sandbox_request_log_new ();
  g_autoptr(GBytes) body = g_bytes_new_static ("[]", 2);
  g_autoptr(GPtrArray) found = NULL;
  const AttestSandboxRequest *oldest;

  for (guint i = 0; i < ATTEST_SANDBOX_REQUEST_LOG_LIMIT + 5; i++)
    add (log, i, body);

  g_assert_cmpuint (attest_sandbox_request_log_get_count (log), ==,
                    ATTEST_SANDBOX_REQUEST_LOG_LIMIT);
  oldest = attest_sandbox_request_log_get (log, 0);
  g_assert_cmpstr (oldest->query, ==, "n=5");
  g_assert_cmpstr (oldest->path, ==, "/v1/agreements");
  g_assert_cmpstr (soup_message_headers_get_one (oldest->headers, "MS-RequestId"), ==, "r");
  g_assert_true (g_bytes_equal (oldest->body, body));

  found = attest_sandbox_request_log_find (log, "POST", "/v1/agreements");
  g_assert_cmpuint (found->len, ==, ATTEST_SANDBOX_REQUEST_LOG_LIMIT);
}

static void
test_lets_old_bodies_go (void)
{
  g_autoptr(AttestSandboxRequestLog) log = attest_sandbox_request_log_new ();
  gsize size = ATTEST_SANDBOX_REQUEST_LOG_BODY_BYTES / 4;
  g_autoptr(GBytes) large = g_bytes_new_take (g_malloc0 (size), size);
  gsize too_large = 2 * ATTEST_SANDBOX_REQUEST_LOG_BODY_BYTES;
  g_autoptr(GBytes) larger = g_bytes_new_take (g_malloc0 (too_large), too_large);
  guint n;

  for (guint i = 0; i < 6; i++)
    add (log, i, large);

  /* The newest four fill the budget; the two before them lost their bodies. */
  n = attest_sandbox_request_log_get_count (log);
  g_assert_cmpuint (n, ==, 6);
  g_assert_null (attest_sandbox_request_log_get (log, 0)->body);
  g_assert_null (attest_sandbox_request_log_get (log, 1)->body);
  for (guint i = 2; i < n; i++)
    g_assert_nonnull (attest_sandbox_request_log_get (log, i)->body);

  /* A body larger than the budget is kept while it is the newest. */
  add (log, 6, larger);
  for (guint i = 0; i < 6; i++)
    g_assert_null (attest_sandbox_request_log_get (log, i)->body);
  g_assert_nonnull (attest_sandbox_request_log_get (log, 6)->body);

  /* Once the log is empty, bodies count from nothing again. */
  attest_sandbox_request_log_clear (log);
  g_assert_cmpuint (attest_sandbox_request_log_get_count (log), ==, 0);
  for (guint i = 0; i < 4; i++)
    add (log, i, large);
  for (guint i = 0; i < 4; i++)
    g_assert_nonnull (attest_sandbox_request_log_get (log, i)->body);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/sandbox/request-log/keeps-the-last-requests", test_keeps_the_last_requests);
  g_test_add_func ("/sandbox/request-log/lets-old-bodies-go", test_lets_old_bodies_go);

  return g_test_run ();
}
