/* attest-partner-call.c: one logical call to Partner Center
 *
 * A call gets a token from the provider of the credential its route needs
 * (SPEC §13: the user's, the app's, or either, the user's first), sends
 * the request with the headers of SPEC §5, logs it, and reads the answer.
 * A 401 asks that provider once for a fresh token and sends again (once
 * per attempt, as a token can expire while a retry waits); a call marked
 * for retries (the GETs) is sent again under the retry policy, with the
 * same MS-RequestId and the same bytes. The result is the answer's JSON
 * root, or an ATTEST_PARTNER_ERROR; a call whose credential the client
 * lacks fails with ATTEST_PARTNER_ERROR_NO_CREDENTIAL before anything is
 * sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-partner-call"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "attest-partner-client-private.h"

void
attest_partner_call_free (gpointer data)
{
  AttestPartnerCall *call = data;

  g_free (call->method);
  g_free (call->path);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call->request_id);
  g_free (call->correlation_id);
  g_clear_pointer (&call->extra_headers, soup_message_headers_unref);
  g_clear_object (&call->tokens);
  if (call->token != NULL)
    memset (call->token, 0, strlen (call->token));
  g_free (call->token);
  g_free (call);
}

/* The path without its query, for the log. */
static char *
dup_log_path (const char *path)
{
  return g_strndup (path, strcspn (path, "?"));
}

/* Bytes of a request body written to the debug log. */
#define MAX_LOGGED_BODY 4096

static void call_send (GTask *task);

static void
call_return_error (GTask  *task,
                   GError *error)
{
  AttestPartnerCall *call = g_task_get_task_data (task);

  if (error->domain == ATTEST_PARTNER_ERROR)
    attest_partner_error_set_ids (error, call->request_id, call->correlation_id);
  g_task_return_error (task, error);
}

/* Sends the call with @token; takes @task and @token. */
static void
call_send_with_token (GTask *task,
                      char  *token)
{
  AttestPartnerCall *call = g_task_get_task_data (task);

  if (call->token != NULL)
    memset (call->token, 0, strlen (call->token));
  g_free (call->token);
  call->token = token;

  call_send (task);
}

static void
on_token (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *token;

  token = attest_token_provider_get_token_finish (ATTEST_TOKEN_PROVIDER (object), result, &error);
  if (token == NULL)
    {
      call_return_error (task, error);
      return;
    }

  call_send_with_token (g_steal_pointer (&task), token);
}

/* Takes @task. */
static void
call_get_token (GTask            *task,
                AttestTokenFlags  flags)
{
  AttestPartnerCall *call = g_task_get_task_data (task);

  attest_token_provider_get_token_async (call->tokens, flags, g_task_get_cancellable (task),
                                         on_token, task);
}

static void
on_waited (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!attest_retry_policy_wait_finish (result, &error))
    {
      call_return_error (task, error);
      return;
    }

  /* The token may have expired during the wait: this attempt, too, may ask
   * for a fresh one once. */
  ((AttestPartnerCall *) g_task_get_task_data (task))->refreshed = FALSE;
  call_send (g_steal_pointer (&task));
}

/* Retries @error under the policy when the call allows it; otherwise
 * finishes the call with it. Takes @task and @error. */
static void
call_fail (GTask  *task,
           GError *error)
{
  g_autoptr(GTask) owned_task = task;
  AttestPartnerClient *self = g_task_get_source_object (task);
  AttestPartnerCall *call = g_task_get_task_data (task);
  g_autofree char *log_path = dup_log_path (call->path);
  guint delay;

  if (!call->retry || !attest_retry_policy_should_retry (self->retry_policy, error, call->attempts))
    {
      call_return_error (task, error);
      return;
    }

  delay = attest_retry_policy_next_delay (self->retry_policy, error, call->attempts);
  g_info ("Retrying %s %s in %u ms (attempt %u failed: %s), MS-RequestId %s",
          call->method, log_path, delay, call->attempts, error->message, call->request_id);
  attest_partner_client_emit_retrying (self, error, delay);
  g_error_free (error);

  attest_retry_policy_wait_async (delay, g_task_get_cancellable (task), on_waited,
                                  g_steal_pointer (&owned_task));
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  g_autoptr(GTask) task = user_data;
  AttestPartnerCall *call = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (session, result);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *log_path = dup_log_path (call->path);
  GError *error = NULL;
  gint64 duration_ms = (g_get_monotonic_time () - call->started) / 1000;
  JsonNode *root = NULL;
  guint status;

  body = soup_session_send_and_read_finish (session, result, &error);
  if (body == NULL)
    {
      AttestPartnerClient *self = g_task_get_source_object (task);
      GError *transport_error = error;

      if (g_error_matches (transport_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          call_return_error (task, transport_error);
          return;
        }

      g_info ("%s %s got no answer after %" G_GINT64_FORMAT " ms (%s), MS-RequestId %s, "
              "MS-CorrelationId %s", call->method, log_path, duration_ms,
              transport_error->message, call->request_id, call->correlation_id);
      error = attest_partner_error_new_from_transport (self->host, transport_error);
      g_error_free (transport_error);
      call_fail (g_steal_pointer (&task), error);
      return;
    }

  status = soup_message_get_status (msg);
  call->status = status;
  g_info ("%s %s: HTTP %u in %" G_GINT64_FORMAT " ms, MS-RequestId %s, MS-CorrelationId %s",
          call->method, log_path, status, duration_ms, call->request_id, call->correlation_id);

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autoptr(JsonParser) parser = NULL;

      /* Every answer is read: a success may be an error object in
       * disguise (reference §2.7). */
      if (g_bytes_get_size (body) > 0)
        {
          parser = json_parser_new ();
          if (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                          g_bytes_get_size (body), NULL))
            root = json_parser_get_root (parser);
        }

      error = attest_partner_error_new_from_success (call->method, log_path, status,
                                                     soup_message_get_response_headers (msg),
                                                     body, root);
      if (error != NULL)
        {
          g_debug ("%s %s: %s", call->method, log_path, error->message);
          call_fail (g_steal_pointer (&task), error);
          return;
        }

      g_task_return_pointer (task, root != NULL ? json_node_copy (root) : NULL,
                             (GDestroyNotify) json_node_unref);
      return;
    }

  error = attest_partner_error_new_from_response (call->method, log_path, status,
                                                  soup_message_get_response_headers (msg), body);
  g_debug ("%s %s: %s", call->method, log_path, error->message);

  if (g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_UNAUTHORIZED)
      && !call->refreshed)
    {
      /* The token may have expired on the way; ask for a fresh one, once. */
      call->refreshed = TRUE;
      g_error_free (error);
      call_get_token (g_steal_pointer (&task), ATTEST_TOKEN_FLAGS_FORCE_REFRESH);
      return;
    }

  call_fail (g_steal_pointer (&task), error);
}

/* Takes @task. */
static void
call_send (GTask *task)
{
  g_autoptr(GTask) owned_task = task;
  AttestPartnerClient *self = g_task_get_source_object (task);
  AttestPartnerCall *call = g_task_get_task_data (task);
  g_autofree char *uri = g_strconcat (self->base_uri, call->path, NULL);
  g_autofree char *authorization = NULL;
  g_autoptr(SoupMessage) msg = soup_message_new (call->method, uri);
  SoupMessageHeaders *headers;

  if (msg == NULL)
    {
      call_return_error (task, g_error_new (ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INSECURE_URL,
                                            _("“%s” is not a valid address."), uri));
      return;
    }

  headers = soup_message_get_request_headers (msg);
  if (call->extra_headers != NULL)
    {
      SoupMessageHeadersIter iter;
      const char *name, *value;

      soup_message_headers_iter_init (&iter, call->extra_headers);
      while (soup_message_headers_iter_next (&iter, &name, &value))
        soup_message_headers_append (headers, name, value);
    }
  authorization = g_strconcat ("Bearer ", call->token, NULL);
  soup_message_headers_replace (headers, "Authorization", authorization);
  memset (authorization, 0, strlen (authorization));
  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_headers_replace (headers, "MS-RequestId", call->request_id);
  soup_message_headers_replace (headers, "MS-CorrelationId", call->correlation_id);
  soup_message_headers_replace (headers, "MS-PartnerCenter-Application", "Attest/" PACKAGE_VERSION);

  /* libsoup opens a new connection for every POST unless told that the
   * request may be repeated: a connect, and a proxy lookup, per batch.
   * Ours may: the MS-RequestId is Partner Center's idempotency key. libsoup
   * never resends a POST by itself (a connection that closed under it is a
   * network error, which the caller retries under the same request ID). */
  soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);

  if (call->body != NULL)
    {
      gsize size = 0;
      const char *data = g_bytes_get_data (call->body, &size);
      gsize shown = MIN (size, MAX_LOGGED_BODY);

      /* A batch of 500 is some 150 kB; the log keeps its start, cut between
       * two characters, and the run journal keeps all of it. */
      while (shown < size && shown > 0 && (data[shown] & 0xC0) == 0x80)
        shown--;
      if (shown == size)
        g_debug ("%s body: %.*s", call->method, (int) size, data);
      else
        g_debug ("%s body (%" G_GSIZE_FORMAT " bytes, the first %" G_GSIZE_FORMAT "): %.*s…",
                 call->method, size, shown, (int) shown, data);
      soup_message_set_request_body_from_bytes (msg, "application/json; charset=utf-8",
                                                call->body);
    }

  call->attempts++;
  call->started = g_get_monotonic_time ();
  soup_session_send_and_read_async (self->session, msg, call->io_priority,
                                    g_task_get_cancellable (task), on_sent,
                                    g_steal_pointer (&owned_task));
}

/* The provider of @credential: the user's or the app's; for EITHER the
 * user's when the client has both. NULL when the client lacks it. */
static AttestTokenProvider *
pick_tokens (AttestPartnerClient     *self,
             AttestPartnerCredential  credential)
{
  switch (credential)
    {
    case ATTEST_PARTNER_CREDENTIAL_APP:
      return self->app_tokens;
    case ATTEST_PARTNER_CREDENTIAL_EITHER:
      return self->tokens != NULL ? self->tokens : self->app_tokens;
    case ATTEST_PARTNER_CREDENTIAL_USER:
    default:
      return self->tokens;
    }
}

/* Runs one logical call; the task's result is the answer's JSON root
 * (NULL when the body was empty). Takes @call. */
void
attest_partner_call_start (AttestPartnerClient *self,
                           AttestPartnerCall   *call,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  AttestTokenProvider *tokens;
  char *token;

  g_task_set_source_tag (task, attest_partner_call_start);
  g_task_set_priority (task, call->io_priority);
  if (call->request_id == NULL)
    call->request_id = attest_partner_new_request_id ();
  if (call->correlation_id == NULL)
    call->correlation_id = attest_partner_new_request_id ();
  g_task_set_task_data (task, call, attest_partner_call_free);

  tokens = pick_tokens (self, call->credential);
  if (tokens == NULL)
    {
      g_autofree char *log_path = dup_log_path (call->path);

      g_info ("%s %s not sent: no %s credential, MS-RequestId %s", call->method, log_path,
              attest_partner_credential_to_string (call->credential), call->request_id);
      call_return_error (task, attest_partner_error_new_no_credential (call->method, log_path,
                                                                       call->credential));
      g_object_unref (task);
      return;
    }
  call->tokens = g_object_ref (tokens);

  /* With a token in hand the request goes out now, not after a trip round
   * the main loop. */
  token = attest_token_provider_dup_fresh_token (call->tokens);
  if (token != NULL)
    call_send_with_token (task, token);
  else
    call_get_token (task, ATTEST_TOKEN_FLAGS_NONE);
}

AttestPartnerCall *
attest_partner_call_new (const char *method,
                         const char *path,
                         const char *request_id,
                         const char *correlation_id,
                         gboolean    retry)
{
  AttestPartnerCall *call = g_new0 (AttestPartnerCall, 1);

  call->method = g_strdup (method);
  call->path = g_strdup (path);
  call->request_id = g_strdup (request_id);
  call->correlation_id = g_strdup (correlation_id);
  call->credential = ATTEST_PARTNER_CREDENTIAL_USER;
  call->retry = retry;
  call->io_priority = G_PRIORITY_DEFAULT;

  return call;
}

JsonNode *
attest_partner_call_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The HTTP status of the last answer the call had, 0 when it had none:
 * what an error about a successful answer reports. */
guint
attest_partner_call_get_status (GAsyncResult *result)
{
  AttestPartnerCall *call = g_task_get_task_data (G_TASK (result));

  return call != NULL ? call->status : 0;
}

/* The error for the successful answer @root of the call that gave @result,
 * which does not fit as @problem says (attest-partner-answer.c). */
GError *
attest_partner_call_new_unfit_error (GAsyncResult *result,
                                     JsonNode     *root,
                                     const char   *problem)
{
  AttestPartnerCall *call = g_task_get_task_data (G_TASK (result));
  g_autofree char *log_path = dup_log_path (call->path);
  GError *error;

  error = attest_partner_error_new_unfit_answer (call->method, log_path, call->status, root,
                                                 problem);
  attest_partner_error_set_ids (error, call->request_id, call->correlation_id);

  return error;
}
