/* attest-loopback-listener.c: receives the one redirect that ends a browser
 * sign-in, on 127.0.0.1
 *
 * Entra ID sends the browser back to http://localhost:<port>/ with the
 * authorization code (RFC 8252 §7.3). The listener binds 127.0.0.1 only, on
 * a port the system picks, takes exactly one redirect (GET query or POST
 * form), answers it with a short page and stops listening at once. Any
 * other path (a favicon, a stray request) gets a 404 and does not count.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-loopback-listener"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "attest-auth-error.h"
#include "attest-loopback-listener.h"

struct _AttestLoopbackListener
{
  GObject     parent_instance;

  SoupServer *server;
  char       *expected_state;
  char       *redirect_uri;
  guint16     port;

  /* What the one redirect brought: a code, or an error. */
  gboolean    answered;
  char       *code;
  GError     *error;

  GTask      *task;
  GSource    *timeout_source;
  GSource    *cancel_source;
};

G_DEFINE_FINAL_TYPE (AttestLoopbackListener, attest_loopback_listener, G_TYPE_OBJECT)

static void
clear_code (char **code)
{
  if (*code != NULL)
    explicit_bzero (*code, strlen (*code));
  g_clear_pointer (code, g_free);
}

static void
clear_sources (AttestLoopbackListener *self)
{
  if (self->timeout_source != NULL)
    g_source_destroy (self->timeout_source);
  g_clear_pointer (&self->timeout_source, g_source_unref);

  if (self->cancel_source != NULL)
    g_source_destroy (self->cancel_source);
  g_clear_pointer (&self->cancel_source, g_source_unref);
}

void
attest_loopback_listener_close (AttestLoopbackListener *self)
{
  g_return_if_fail (ATTEST_IS_LOOPBACK_LISTENER (self));

  if (self->server != NULL)
    {
      g_debug ("Closing the loopback listener on port %u", self->port);
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
}

static void
finish_task (AttestLoopbackListener *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (task == NULL || !self->answered)
    return;

  clear_sources (self);

  if (self->error != NULL)
    g_task_return_error (task, g_steal_pointer (&self->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&self->code), g_free);
}

static void
fail_task (AttestLoopbackListener *self,
           GError                 *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  clear_sources (self);
  attest_loopback_listener_close (self);

  if (task != NULL)
    g_task_return_error (task, error);
  else
    g_error_free (error);
}

static gboolean
close_when_idle (gpointer user_data)
{
  attest_loopback_listener_close (ATTEST_LOOPBACK_LISTENER (user_data));
  return G_SOURCE_REMOVE;
}

/* The page has gone out: stop listening. Not from inside libsoup's own
 * signal emission, which still uses the connection. */
static void
on_response_finished (SoupServerMessage *message,
                      gpointer           user_data)
{
  g_idle_add_full (G_PRIORITY_DEFAULT, close_when_idle, g_object_ref (user_data), g_object_unref);
}

static void
respond_with_page (SoupServerMessage *message,
                   gboolean           success)
{
  g_autofree char *page = NULL;
  const char *title;
  const char *text;

  if (success)
    {
      title = _("Signed In");
      text = _("You are signed in to Attest. You can close this tab and return to Attest.");
    }
  else
    {
      title = _("Sign-in Failed");
      text = _("Attest could not sign you in. You can close this tab; Attest explains what "
               "went wrong.");
    }

  page = g_markup_printf_escaped ("<!DOCTYPE html>\n"
                                  "<html><head><meta charset=\"utf-8\">"
                                  "<meta name=\"viewport\" content=\"width=device-width\">"
                                  "<title>%s</title>"
                                  "<style>body{font-family:Cantarell,sans-serif;margin:4em auto;"
                                  "max-width:32em;padding:0 1em;color:#241f31}"
                                  "h1{font-size:1.5em}</style></head>"
                                  "<body><h1>%s</h1><p>%s</p></body></html>\n",
                                  title, title, text);

  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Connection", "close");
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Cache-Control", "no-store");
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "text/html; charset=utf-8", SOUP_MEMORY_COPY,
                                    page, strlen (page));
}

/* The redirect's parameters: the query of a GET, the form of a POST
 * (response_mode=form_post). */
static GHashTable *
dup_redirect_parameters (SoupServerMessage *message,
                         GHashTable        *query)
{
  const char *method = soup_server_message_get_method (message);

  if (g_str_equal (method, SOUP_METHOD_POST))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (message);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
      g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      GHashTable *form = soup_form_decode (text);

      explicit_bzero (text, strlen (text));
      return form;
    }

  if (g_str_equal (method, SOUP_METHOD_GET) && query != NULL)
    return g_hash_table_ref (query);

  return NULL;
}

static void
unref_listener (gpointer  data,
                GClosure *closure)
{
  g_object_unref (data);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *message,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  AttestLoopbackListener *self = user_data;
  g_autoptr(GHashTable) parameters = NULL;
  const char *code;
  const char *oauth_error;
  const char *state;

  /* Only the redirect counts; a favicon or a second request changes nothing. */
  if (self->answered || !g_str_equal (path, "/")
      || (parameters = dup_redirect_parameters (message, query)) == NULL
      || (!g_hash_table_contains (parameters, "code")
          && !g_hash_table_contains (parameters, "error")))
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  self->answered = TRUE;
  code = g_hash_table_lookup (parameters, "code");
  oauth_error = g_hash_table_lookup (parameters, "error");
  state = g_hash_table_lookup (parameters, "state");

  if (state == NULL || !g_str_equal (state, self->expected_state))
    {
      g_info ("Refused a redirect whose state does not match the request");
      self->error = g_error_new_literal (ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_STATE_MISMATCH,
                                         _("The browser came back with an answer to a different "
                                           "sign-in request, so Attest ignored it. Sign in "
                                           "again."));
    }
  else if (oauth_error != NULL)
    {
      g_info ("The redirect reports the error “%s”", oauth_error);
      self->error = attest_auth_error_new_from_oauth (oauth_error,
                                                      g_hash_table_lookup (parameters,
                                                                           "error_description"),
                                                      NULL, 0);
    }
  else
    {
      g_info ("Received the authorization code");
      self->code = g_strdup (code);
    }

  /* Wipe the code from libsoup's copy of the query as well. */
  if (code != NULL)
    explicit_bzero ((char *) code, strlen (code));

  respond_with_page (message, self->error == NULL);
  soup_server_remove_handler (server, NULL);
  g_signal_connect_data (message, "finished", G_CALLBACK (on_response_finished),
                         g_object_ref (self), unref_listener, 0);

  finish_task (self);
}

AttestLoopbackListener *
attest_loopback_listener_new (const char  *expected_state,
                              GError     **error)
{
  g_autoptr(AttestLoopbackListener) self = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  GSList *uris;

  g_return_val_if_fail (expected_state != NULL, NULL);

  self = g_object_new (ATTEST_TYPE_LOOPBACK_LISTENER, NULL);
  self->expected_state = g_strdup (expected_state);
  self->server = soup_server_new ("server-header", "Attest", NULL);
  soup_server_add_handler (self->server, NULL, handle_request, self, NULL);

  /* 127.0.0.1 only: nothing on the network may deliver the redirect. */
  address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  if (!soup_server_listen (self->server, address, 0, error))
    return NULL;

  uris = soup_server_get_uris (self->server);
  g_assert (uris != NULL);
  self->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  /* Entra ID ignores the port when it compares the redirect URI with the
   * registered http://localhost, and keeps the trailing slash. */
  self->redirect_uri = g_strdup_printf ("http://localhost:%u/", self->port);
  g_debug ("Listening for the redirect on 127.0.0.1:%u", self->port);

  return g_steal_pointer (&self);
}

const char *
attest_loopback_listener_get_redirect_uri (AttestLoopbackListener *self)
{
  g_return_val_if_fail (ATTEST_IS_LOOPBACK_LISTENER (self), NULL);

  return self->redirect_uri;
}

guint16
attest_loopback_listener_get_port (AttestLoopbackListener *self)
{
  g_return_val_if_fail (ATTEST_IS_LOOPBACK_LISTENER (self), 0);

  return self->port;
}

static gboolean
on_timeout (gpointer user_data)
{
  AttestLoopbackListener *self = user_data;

  g_info ("No redirect came back in time");
  g_clear_pointer (&self->timeout_source, g_source_unref);
  fail_task (self, g_error_new_literal (ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_TIMED_OUT,
                                        _("No answer came back from the browser within 5 "
                                          "minutes; perhaps the browser tab was closed. Sign "
                                          "in again.")));
  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  AttestLoopbackListener *self = user_data;
  GError *error = NULL;

  g_clear_pointer (&self->cancel_source, g_source_unref);
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  fail_task (self, error);
  return G_SOURCE_REMOVE;
}

/* Waits for the redirect, at most @timeout_ms; returns the authorization
 * code. The listener is closed when this completes, whatever the outcome. */
void
attest_loopback_listener_wait_async (AttestLoopbackListener *self,
                                     guint                   timeout_ms,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTEST_IS_LOOPBACK_LISTENER (self));
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_loopback_listener_wait_async);

  if (g_task_return_error_if_cancelled (task))
    {
      attest_loopback_listener_close (self);
      return;
    }

  self->task = g_steal_pointer (&task);

  if (self->answered)
    {
      finish_task (self);
      return;
    }

  self->timeout_source = g_timeout_source_new (timeout_ms);
  g_source_set_callback (self->timeout_source, on_timeout, self, NULL);
  g_source_attach (self->timeout_source, g_task_get_context (self->task));

  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (on_cancelled), self, NULL);
      g_source_attach (self->cancel_source, g_task_get_context (self->task));
    }
}

char *
attest_loopback_listener_wait_finish (AttestLoopbackListener  *self,
                                      GAsyncResult            *result,
                                      GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
attest_loopback_listener_dispose (GObject *object)
{
  AttestLoopbackListener *self = ATTEST_LOOPBACK_LISTENER (object);

  clear_sources (self);
  attest_loopback_listener_close (self);

  G_OBJECT_CLASS (attest_loopback_listener_parent_class)->dispose (object);
}

static void
attest_loopback_listener_finalize (GObject *object)
{
  AttestLoopbackListener *self = ATTEST_LOOPBACK_LISTENER (object);

  g_assert (self->task == NULL);
  clear_code (&self->code);
  g_clear_error (&self->error);
  g_free (self->expected_state);
  g_free (self->redirect_uri);

  G_OBJECT_CLASS (attest_loopback_listener_parent_class)->finalize (object);
}

static void
attest_loopback_listener_class_init (AttestLoopbackListenerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = attest_loopback_listener_dispose;
  object_class->finalize = attest_loopback_listener_finalize;
}

static void
attest_loopback_listener_init (AttestLoopbackListener *self)
{
}
