/* test-loopback-listener.c: the listener that receives the browser's
 * redirect (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "attest-auth-error.h"
#include "attest-loopback-listener.h"
#include "attest-test-utils.h"

#define STATE "expected-state-value"

typedef struct
{
  gboolean  done;
  char     *code;
  GError   *error;
} WaitResult;

static void
wait_result_clear (WaitResult *result)
{
  g_clear_pointer (&result->code, g_free);
  g_clear_error (&result->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WaitResult, wait_result_clear)

static gboolean
is_done (gpointer user_data)
{
  return *(gboolean *) user_data;
}

static void
on_waited (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  WaitResult *wait = user_data;

  wait->code = attest_loopback_listener_wait_finish (ATTEST_LOOPBACK_LISTENER (object), result,
                                                     &wait->error);
  wait->done = TRUE;
}

typedef struct
{
  gboolean  done;
  guint     status;
  char     *body;
  GError   *error;
} Response;

static void
response_clear (Response *response)
{
  g_clear_pointer (&response->body, g_free);
  g_clear_error (&response->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Response, response_clear)

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Response *response = user_data;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                              &response->error);

  if (body != NULL)
    {
      response->status = soup_message_get_status (soup_session_get_async_result_message (SOUP_SESSION (object),
                                                                                          result));
      response->body = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
    }
  response->done = TRUE;
}

/* Sends one request to the listener on 127.0.0.1 (a new connection each
 * time) and waits for the answer. */
static void
request (Response                *response,
         AttestLoopbackListener  *listener,
         const char              *method,
         const char              *path_and_query,
         const char              *form)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u%s",
                                          attest_loopback_listener_get_port (listener),
                                          path_and_query);
  g_autoptr(SoupMessage) message = NULL;

  if (form != NULL)
    message = soup_message_new_from_encoded_form (method, uri, g_strdup (form));
  else
    message = soup_message_new (method, uri);
  g_assert_nonnull (message);

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, on_sent, response);
  g_assert_true (attest_test_wait_until (is_done, &response->done, 10000));
}

static gboolean
port_is_closed (gpointer user_data)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port = GPOINTER_TO_UINT (user_data);

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  return connection == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

/* The listener stops listening right after the page has gone out. */
static void
assert_closes (AttestLoopbackListener *listener)
{
  g_assert_true (attest_test_wait_until (port_is_closed,
                                         GUINT_TO_POINTER (attest_loopback_listener_get_port (listener)),
                                         5000));
}

static AttestLoopbackListener *
new_listener (void)
{
  g_autoptr(GError) error = NULL;
  AttestLoopbackListener *listener = attest_loopback_listener_new (STATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (listener);
  return listener;
}

static void
test_listener_redirect_uri (void)
{
  g_autoptr(AttestLoopbackListener) listener = new_listener ();
  g_autofree char *expected = g_strdup_printf ("http://localhost:%u/",
                                               attest_loopback_listener_get_port (listener));

  g_assert_cmpuint (attest_loopback_listener_get_port (listener), >, 0);
  g_assert_cmpstr (attest_loopback_listener_get_redirect_uri (listener), ==, expected);
}

/* Bound to the IPv4 loopback address only, never to all interfaces. */
static void
test_listener_loopback_only (void)
{
  g_autoptr(AttestLoopbackListener) listener = new_listener ();
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GSocketAddress) peer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *peer_text = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1",
                                                attest_loopback_listener_get_port (listener),
                                                NULL, &error);
  g_assert_no_error (error);
  peer = g_socket_connection_get_remote_address (connection, &error);
  g_assert_no_error (error);
  peer_text = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (peer)));
  g_assert_cmpstr (peer_text, ==, "127.0.0.1");
  g_clear_object (&connection);

  /* Not on the IPv6 loopback either, so not on a wildcard address. */
  connection = g_socket_client_connect_to_host (client, "::1",
                                                attest_loopback_listener_get_port (listener),
                                                NULL, &error);
  g_assert_null (connection);
  g_assert_nonnull (error);
}

static void
test_listener_get_redirect (void)
{
  g_autoptr(AttestLoopbackListener) listener = new_listener ();
  g_auto(WaitResult) wait = { 0 };
  g_auto(Response) favicon = { 0 };
  g_auto(Response) redirect = { 0 };
  g_auto(Response) second = { 0 };

  attest_loopback_listener_wait_async (listener, 60000, NULL, on_waited, &wait);

  /* A favicon request does not count as the redirect. */
  request (&favicon, listener, "GET", "/favicon.ico", NULL);
  g_assert_no_error (favicon.error);
  g_assert_cmpuint (favicon.status, ==, 404);
  g_assert_false (wait.done);

  request (&redirect, listener, "GET", "/?code=the-code&state=" STATE "&session_state=x", NULL);
  g_assert_no_error (redirect.error);
  g_assert_cmpuint (redirect.status, ==, 200);
  g_assert_nonnull (strstr (redirect.body, "You can close this tab"));
  g_assert_null (strstr (redirect.body, "the-code"));

  g_assert_true (attest_test_wait_until (is_done, &wait.done, 5000));
  g_assert_no_error (wait.error);
  g_assert_cmpstr (wait.code, ==, "the-code");

  /* Exactly one redirect: then nobody listens any more. */
  assert_closes (listener);
  request (&second, listener, "GET", "/?code=another&state=" STATE, NULL);
  g_assert_error (second.error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static void
test_listener_post_redirect (void)
{
  g_autoptr(AttestLoopbackListener) listener = new_listener ();
  g_auto(WaitResult) wait = { 0 };
  g_auto(Response) redirect = { 0 };

  attest_loopback_listener_wait_async (listener, 60000, NULL, on_waited, &wait);
  request (&redirect, listener, "POST", "/", "code=posted-code&state=" STATE);
  g_assert_cmpuint (redirect.status, ==, 200);

  g_assert_true (attest_test_wait_until (is_done, &wait.done, 5000));
  g_assert_no_error (wait.error);
  g_assert_cmpstr (wait.code, ==, "posted-code");
  assert_closes (listener);
}

/* A redirect that came before anyone waited is not lost. */
static void
test_listener_redirect_before_wait (void)
{
  g_autoptr(AttestLoopbackListener) listener = new_listener ();
  g_auto(WaitResult) wait = { 0 };
  g_auto(Response) redirect = { 0 };

  request (&redirect, listener, "GET", "/?code=early&state=" STATE, NULL);
  g_assert_cmpuint (redirect.status, ==, 200);

  attest_loopback_listener_wait_async (listener, 60000, NULL, on_waited, &wait);
  g_assert_true (attest_test_wait_until (is_done, &wait.done, 5000));
  g_assert_cmpstr (wait.code, ==, "early");
}

static void
test_listener_wrong_state (void)
{
  g_autoptr(AttestLoopbackListener) listener = new_listener ();
  g_auto(WaitResult) wait = { 0 };
  g_auto(Response) redirect = { 0 };

  attest_loopback_listener_wait_async (listener, 60000, NULL, on_waited, &wait);
  request (&redirect, listener, "GET", "/?code=forged&state=someone-elses-state", NULL);
  g_assert_cmpuint (redirect.status, ==, 200);
  g_assert_nonnull (strstr (redirect.body, "could not sign you in"));

  g_assert_true (attest_test_wait_until (is_done, &wait.done, 5000));
  g_assert_null (wait.code);
  g_assert_error (wait.error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_STATE_MISMATCH);
  assert_closes (listener);
}

static void
test_listener_missing_state (void)
{
  g_autoptr(AttestLoopbackListener) listener = new_listener ();
  g_auto(WaitResult) wait = { 0 };
  g_auto(Response) redirect = { 0 };

  attest_loopback_listener_wait_async (listener, 60000, NULL, on_waited, &wait);
  request (&redirect, listener, "GET", "/?code=forged", NULL);

  g_assert_true (attest_test_wait_until (is_done, &wait.done, 5000));
  g_assert_null (wait.code);
  g_assert_error (wait.error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_STATE_MISMATCH);
}

static void
test_listener_error_redirect (void)
{
  g_autoptr(AttestLoopbackListener) listener = new_listener ();
  g_auto(WaitResult) wait = { 0 };
  g_auto(Response) redirect = { 0 };

  attest_loopback_listener_wait_async (listener, 60000, NULL, on_waited, &wait);
  request (&redirect, listener, "GET",
           "/?error=access_denied&error_description=AADSTS65004%3A+User+declined&state=" STATE,
           NULL);
  g_assert_cmpuint (redirect.status, ==, 200);

  g_assert_true (attest_test_wait_until (is_done, &wait.done, 5000));
  g_assert_error (wait.error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_ACCESS_DENIED);
  g_assert_nonnull (strstr (wait.error->message, "cancelled in the browser"));
}

/* A closed browser tab: nothing comes back, and the wait ends on its own. */
static void
test_listener_timeout (void)
{
  g_autoptr(AttestLoopbackListener) listener = new_listener ();
  g_auto(WaitResult) wait = { 0 };

  attest_loopback_listener_wait_async (listener, 50, NULL, on_waited, &wait);
  g_assert_true (attest_test_wait_until (is_done, &wait.done, 10000));
  g_assert_error (wait.error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (wait.error->message, "5 minutes"));
  assert_closes (listener);
}

static void
test_listener_cancel (void)
{
  g_autoptr(AttestLoopbackListener) listener = new_listener ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(WaitResult) wait = { 0 };

  attest_loopback_listener_wait_async (listener, 60000, cancellable, on_waited, &wait);
  g_cancellable_cancel (cancellable);
  g_assert_true (attest_test_wait_until (is_done, &wait.done, 5000));
  g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_closes (listener);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/loopback-listener/redirect-uri", test_listener_redirect_uri);
  g_test_add_func ("/loopback-listener/loopback-only", test_listener_loopback_only);
  g_test_add_func ("/loopback-listener/get-redirect", test_listener_get_redirect);
  g_test_add_func ("/loopback-listener/post-redirect", test_listener_post_redirect);
  g_test_add_func ("/loopback-listener/redirect-before-wait", test_listener_redirect_before_wait);
  g_test_add_func ("/loopback-listener/wrong-state", test_listener_wrong_state);
  g_test_add_func ("/loopback-listener/missing-state", test_listener_missing_state);
  g_test_add_func ("/loopback-listener/error-redirect", test_listener_error_redirect);
  g_test_add_func ("/loopback-listener/timeout", test_listener_timeout);
  g_test_add_func ("/loopback-listener/cancel", test_listener_cancel);

  return g_test_run ();
}
