/* attest-sandbox-request-log.c: the requests the sandbox received
 *
 * Every request is logged, with the time it arrived, once its answer is
 * decided, so that tests can check what the client sent and what it was
 * told. `attest sandbox` may run for days and the submit benchmark sends
 * it hundreds of megabytes, so the log is bounded: it keeps the last
 * ATTEST_SANDBOX_REQUEST_LOG_LIMIT requests, and lets the bodies of the
 * oldest go first when those kept pass ATTEST_SANDBOX_REQUEST_LOG_BODY_BYTES.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-request-log"

#include "config.h"

#include "attest-sandbox-request-log.h"

struct _AttestSandboxRequestLog
{
  GPtrArray *requests;     /* AttestSandboxRequest, oldest first */
  gsize      body_bytes;   /* of the bodies kept */
  guint      first_body;   /* no request before this index has its body */
};

void
attest_sandbox_request_free (AttestSandboxRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_clear_pointer (&request->headers, soup_message_headers_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request);
}

AttestSandboxRequestLog *
attest_sandbox_request_log_new (void)
{
  AttestSandboxRequestLog *self = g_new0 (AttestSandboxRequestLog, 1);

  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_sandbox_request_free);

  return self;
}

void
attest_sandbox_request_log_free (AttestSandboxRequestLog *self)
{
  g_ptr_array_unref (self->requests);
  g_free (self);
}

static void
drop_body (AttestSandboxRequestLog *self,
           AttestSandboxRequest    *request)
{
  if (request->body == NULL)
    return;

  self->body_bytes -= g_bytes_get_size (request->body);
  g_clear_pointer (&request->body, g_bytes_unref);
}

/* A request that has just arrived, for the log. */
AttestSandboxRequest *
attest_sandbox_request_new (const char         *method,
                            GUri               *uri,
                            SoupMessageHeaders *headers,
                            GBytes             *body)
{
  AttestSandboxRequest *request = g_new0 (AttestSandboxRequest, 1);
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  request->method = g_strdup (method);
  request->path = g_strdup (g_uri_get_path (uri));
  request->query = g_strdup (g_uri_get_query (uri));
  request->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (request->headers, name, value);
  request->body = g_bytes_ref (body);
  request->time = g_get_real_time ();

  return request;
}

/* Logs @request, which it takes. */
void
attest_sandbox_request_log_add (AttestSandboxRequestLog *self,
                                AttestSandboxRequest    *request)
{
  if (self->requests->len >= ATTEST_SANDBOX_REQUEST_LOG_LIMIT)
    {
      drop_body (self, g_ptr_array_index (self->requests, 0));
      g_ptr_array_remove_index (self->requests, 0);
      if (self->first_body > 0)
        self->first_body--;
    }

  g_ptr_array_add (self->requests, request);
  self->body_bytes += g_bytes_get_size (request->body);

  /* The newest body stays, however large. */
  while (self->body_bytes > ATTEST_SANDBOX_REQUEST_LOG_BODY_BYTES
         && self->first_body < self->requests->len - 1)
    drop_body (self, g_ptr_array_index (self->requests, self->first_body++));
}

guint
attest_sandbox_request_log_get_count (AttestSandboxRequestLog *self)
{
  return self->requests->len;
}

const AttestSandboxRequest *
attest_sandbox_request_log_get (AttestSandboxRequestLog *self,
                                guint                    index)
{
  return g_ptr_array_index (self->requests, index);
}

/* The logged requests with this method (NULL: any) and exactly this path,
 * oldest first. The array holds pointers into the log; free only the array. */
GPtrArray *
attest_sandbox_request_log_find (AttestSandboxRequestLog *self,
                                 const char              *method,
                                 const char              *path)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < self->requests->len; i++)
    {
      AttestSandboxRequest *request = g_ptr_array_index (self->requests, i);

      if ((method == NULL || g_str_equal (method, request->method))
          && g_str_equal (path, request->path))
        g_ptr_array_add (found, request);
    }

  return found;
}

void
attest_sandbox_request_log_clear (AttestSandboxRequestLog *self)
{
  g_ptr_array_set_size (self->requests, 0);
  self->body_bytes = 0;
  self->first_body = 0;
}
