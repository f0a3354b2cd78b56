/* attest-sandbox.c: the sandbox server, its request log and its faults
 *
 * One SoupServer on 127.0.0.1 answers both services: paths under /v1/ are
 * Partner Center, /{tenant}/oauth2/v2.0/… and /devicelogin are Entra ID.
 * Every request is logged before it is answered. Latency never blocks the
 * main loop: the message is paused, and resumed when its time has come by a
 * timer precise to the microsecond (a timerfd where there is one; a main
 * loop timeout alone would round every wait up to the next millisecond and
 * release answers in bunches).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#ifdef HAVE_TIMERFD
#include <sys/timerfd.h>
#endif

#include "attest-base64url.h"
#include "attest-sandbox-private.h"

G_DEFINE_QUARK (attest-sandbox-error-quark, attest_sandbox_error)

G_DEFINE_FINAL_TYPE (AttestSandbox, attest_sandbox, G_TYPE_OBJECT)

typedef struct
{
  AttestSandboxFault fault;
  guint              retry_after;
} SandboxQueuedFault;

/* An answer held back until the latency has passed. */
typedef struct
{
  AttestSandbox     *self;
  SoupServerMessage *msg;
  gint64             due;          /* monotonic */
  gulong             finished_id;
} SandboxHeldAnswer;

/* When a request's headers arrived, monotonic, kept on its message. */
static GQuark arrival_quark;

enum
{
  REQUEST_RECEIVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
request_free (gpointer data)
{
  AttestSandboxRequest *request = data;

  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_clear_pointer (&request->headers, soup_message_headers_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request);
}

static void
held_answer_free (gpointer data)
{
  SandboxHeldAnswer *held = data;

  g_clear_signal_handler (&held->finished_id, held->msg);
  g_clear_object (&held->msg);
  g_free (held);
}

static void
attest_sandbox_dispose (GObject *object)
{
  AttestSandbox *self = ATTEST_SANDBOX (object);

  attest_sandbox_stop (self);

  G_OBJECT_CLASS (attest_sandbox_parent_class)->dispose (object);
}

static void
attest_sandbox_finalize (GObject *object)
{
  AttestSandbox *self = ATTEST_SANDBOX (object);

  attest_sandbox_entra_clear (self);
  attest_sandbox_customers_clear (self);
  g_queue_clear_full (&self->queued_faults, g_free);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->verified_token, g_free);
  g_clear_pointer (&self->verified_payload, json_node_unref);
  g_clear_pointer (&self->answers, g_hash_table_unref);
  g_clear_pointer (&self->fault_rand, g_rand_free);
  g_clear_pointer (&self->secret, g_bytes_unref);
  g_free (self->tenant_id);
  g_free (self->user);
  g_free (self->user_object_id);
  g_free (self->app_id);
  g_free (self->template_id);

  G_OBJECT_CLASS (attest_sandbox_parent_class)->finalize (object);
}

static void
attest_sandbox_class_init (AttestSandboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = attest_sandbox_dispose;
  object_class->finalize = attest_sandbox_finalize;

  arrival_quark = g_quark_from_static_string ("attest-sandbox-arrival");

  /* Emitted once a request is logged and its answer settled, so that a test
   * can act at a point of a flow (after the first poll, say) rather than
   * after a time; what the handler changes applies from the next request. */
  signals[REQUEST_RECEIVED] =
    g_signal_new ("request-received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
attest_sandbox_init (AttestSandbox *self)
{
  self->user_mfa = TRUE;
  self->user_has_role = TRUE;
  self->token_lifetime = ATTEST_SANDBOX_DEFAULT_TOKEN_LIFETIME;
  self->device_code_interval = 5;
  self->device_code_lifetime = 900;
  self->customer_count = ATTEST_SANDBOX_DEFAULT_CUSTOMERS;
  self->page_size = ATTEST_SANDBOX_DEFAULT_PAGE_SIZE;
  self->requests = g_ptr_array_new_with_free_func (request_free);
  g_queue_init (&self->held);
  self->hold_fd = -1;
  g_queue_init (&self->queued_faults);
  attest_sandbox_entra_init (self);
}

/* A GUID drawn from @rand, so that it follows from the seed. */
char *
attest_sandbox_new_guid (GRand *rand)
{
  guint32 words[4];

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    words[i] = g_rand_int (rand);

  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x",
                          words[0], words[1] >> 16, words[1] & 0xfff,
                          0x8000 | (words[2] & 0x3fff), words[2] >> 16, words[3]);
}

/* Codes and refresh tokens are opaque random strings. */
char *
attest_sandbox_new_opaque_token (gsize n_bytes)
{
  g_autofree guint8 *bytes = g_malloc (n_bytes);

  for (gsize i = 0; i < n_bytes; i++)
    bytes[i] = g_random_int_range (0, 256);

  return attest_base64url_encode (bytes, n_bytes);
}

char *
attest_sandbox_format_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%d %H:%M:%SZ");
}

void
attest_sandbox_respond_json (SoupServerMessage *msg,
                             guint              status,
                             JsonBuilder       *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, FALSE);
  gsize length = strlen (text);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&text), length);
}

void
attest_sandbox_respond_html (SoupServerMessage *msg,
                             guint              status,
                             const char        *title,
                             const char        *body_html)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  char *page = g_strdup_printf ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                                "<title>%s</title></head>\n<body>\n<h1>%s</h1>\n%s\n"
                                "</body></html>\n",
                                escaped_title, escaped_title, body_html);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                    page, strlen (page));
}

static AttestSandboxRequest *
log_request (AttestSandbox     *self,
             SoupServerMessage *msg)
{
  AttestSandboxRequest *request = g_new0 (AttestSandboxRequest, 1);
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (g_uri_get_path (uri));
  request->query = g_strdup (g_uri_get_query (uri));
  request->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (request->headers, name, value);
  request->body = soup_message_body_flatten (body);
  request->time = g_get_real_time ();

  g_ptr_array_add (self->requests, request);

  return request;
}

static gboolean
draw (AttestSandbox *self,
      double         rate)
{
  /* Always draw, so that one rate set to zero does not shift the others. */
  double value = g_rand_double (self->fault_rand);

  return value < rate;
}

static void
respond_throttled (AttestSandbox     *self,
                   SoupServerMessage *msg,
                   guint              retry_after,
                   gboolean           http_date)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *message = g_strdup_printf ("Rate limit is exceeded. Try again in %u seconds.",
                                              retry_after);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (http_date)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC
                                                               + retry_after);
      g_autofree char *text = g_date_time_format (at, "%a, %d %b %Y %H:%M:%S GMT");

      soup_message_headers_replace (headers, "Retry-After", text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf ("%u", retry_after);

      soup_message_headers_replace (headers, "Retry-After", text);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "statusCode");
  json_builder_add_int_value (builder, 429);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  attest_sandbox_respond_json (msg, 429, builder);
}

/* Partner Center's older error shape: {"code", "description", "data",
 * "source"}; @code is written as a number when it is one. */
void
attest_sandbox_respond_fault (SoupServerMessage *msg,
                              guint              status,
                              const char        *code,
                              const char        *description)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gint64 number;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  if (g_ascii_string_to_signed (code, 10, G_MININT64, G_MAXINT64, &number, NULL))
    json_builder_add_int_value (builder, number);
  else
    json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, description);
  json_builder_set_member_name (builder, "data");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, "PartnerFD");
  json_builder_end_object (builder);

  attest_sandbox_respond_json (msg, status, builder);
}

static void
respond_server_error (SoupServerMessage *msg,
                      guint              status)
{
  if (status == 503)
    attest_sandbox_respond_fault (msg, status, "ServerBusy",
                                  "The service is temporarily unavailable. Try again later.");
  else
    attest_sandbox_respond_fault (msg, status, "InternalServerError",
                                  "An internal error occurred.");
}

static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

/* Returns TRUE when a fault answered the request, or dropped it (then
 * *dropped is set). */
static gboolean
apply_faults (AttestSandbox     *self,
              SoupServerMessage *msg,
              gboolean          *dropped)
{
  g_autofree SandboxQueuedFault *queued = NULL;
  const AttestSandboxFaults *faults = &self->faults;
  gboolean drop, throttle, error_500, error_503;
  SandboxQueuedFault *head = g_queue_peek_head (&self->queued_faults);

  /* That one needs the answer first; handle_request() sees to it. */
  if (head != NULL && head->fault == ATTEST_SANDBOX_FAULT_DROP_AFTER_ANSWER)
    return FALSE;

  queued = g_queue_pop_head (&self->queued_faults);
  if (queued != NULL)
    {
      switch (queued->fault)
        {
        case ATTEST_SANDBOX_FAULT_429_SECONDS:
        case ATTEST_SANDBOX_FAULT_429_HTTP_DATE:
          respond_throttled (self, msg, queued->retry_after,
                             queued->fault == ATTEST_SANDBOX_FAULT_429_HTTP_DATE);
          break;
        case ATTEST_SANDBOX_FAULT_500:
          respond_server_error (msg, 500);
          break;
        case ATTEST_SANDBOX_FAULT_503:
          respond_server_error (msg, 503);
          break;
        case ATTEST_SANDBOX_FAULT_DROP:
        default:
          drop_connection (msg);
          *dropped = TRUE;
          break;
        }
      return TRUE;
    }

  drop = draw (self, faults->rate_drop);
  throttle = draw (self, faults->rate_429);
  error_500 = draw (self, faults->rate_500);
  error_503 = draw (self, faults->rate_503);

  if (drop)
    {
      drop_connection (msg);
      *dropped = TRUE;
      return TRUE;
    }

  if (throttle)
    {
      guint low = MIN (faults->retry_after_min, faults->retry_after_max);
      guint high = MAX (faults->retry_after_min, faults->retry_after_max);
      guint retry_after = g_rand_int_range (self->fault_rand, low, high + 1);
      gboolean http_date = faults->retry_after_form == ATTEST_SANDBOX_RETRY_AFTER_HTTP_DATE;

      if (faults->retry_after_form == ATTEST_SANDBOX_RETRY_AFTER_MIXED)
        http_date = g_rand_boolean (self->fault_rand);
      respond_throttled (self, msg, retry_after, http_date);
      return TRUE;
    }

  if (error_500 || error_503)
    {
      respond_server_error (msg, error_503 ? 503 : 500);
      return TRUE;
    }

  return FALSE;
}

/* Sets the timer for the first held answer, or stops it when none is. */
static void
hold_schedule (AttestSandbox *self)
{
  SandboxHeldAnswer *first = g_queue_peek_head (&self->held);
  gint64 due = first != NULL ? first->due : -1;

  g_source_set_ready_time (self->hold_source, due);
#ifdef HAVE_TIMERFD
  if (self->hold_fd >= 0)
    {
      struct itimerspec when = { { 0, 0 }, { 0, 0 } };

      /* A zero time disarms the timer; a due time never is zero. */
      if (due > 0)
        {
          when.it_value.tv_sec = due / G_USEC_PER_SEC;
          when.it_value.tv_nsec = (due % G_USEC_PER_SEC) * 1000;
        }
      timerfd_settime (self->hold_fd, TFD_TIMER_ABSTIME, &when, NULL);
    }
#endif
}

/* Lets every answer whose time has come go. */
static gboolean
on_hold_ended (gpointer user_data)
{
  AttestSandbox *self = user_data;
  SandboxHeldAnswer *held;
  gint64 now = g_get_monotonic_time ();

#ifdef HAVE_TIMERFD
  if (self->hold_fd >= 0)
    {
      guint64 expirations;

      while (read (self->hold_fd, &expirations, sizeof expirations) < 0 && errno == EINTR)
        ;
    }
#endif

  while ((held = g_queue_peek_head (&self->held)) != NULL && held->due <= now)
    {
      g_queue_pop_head (&self->held);
      g_clear_signal_handler (&held->finished_id, held->msg);
      soup_server_message_unpause (held->msg);
      held_answer_free (held);
    }
  hold_schedule (self);

  return G_SOURCE_CONTINUE;
}

static gboolean
hold_source_dispatch (GSource     *source,
                      GSourceFunc  callback,
                      gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs hold_source_funcs = {
  .dispatch = hold_source_dispatch,
};

/* The source that wakes the main loop when a held answer is due: its ready
 * time, and, where there is one, a timerfd that wakes the poll at that very
 * microsecond rather than at the next whole millisecond. */
static void
hold_start (AttestSandbox *self)
{
  self->hold_source = g_source_new (&hold_source_funcs, sizeof (GSource));
  g_source_set_callback (self->hold_source, on_hold_ended, self, NULL);
  g_source_set_name (self->hold_source, "[attest-sandbox] latency");
  /* An answer that is due goes before reading the next request. */
  g_source_set_priority (self->hold_source, G_PRIORITY_HIGH);
#ifdef HAVE_TIMERFD
  self->hold_fd = timerfd_create (CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  if (self->hold_fd >= 0)
    g_source_add_unix_fd (self->hold_source, self->hold_fd, G_IO_IN);
#endif
  g_source_attach (self->hold_source, NULL);
}

static void
hold_stop (AttestSandbox *self)
{
  g_queue_clear_full (&self->held, held_answer_free);
  if (self->hold_source != NULL)
    {
      g_source_destroy (self->hold_source);
      g_clear_pointer (&self->hold_source, g_source_unref);
    }
  if (self->hold_fd >= 0)
    {
      close (self->hold_fd);
      self->hold_fd = -1;
    }
}

static void
on_held_message_finished (SoupServerMessage *msg,
                          gpointer           data)
{
  SandboxHeldAnswer *held = data;
  AttestSandbox *self = held->self;

  /* The client went away while we waited. */
  g_queue_remove (&self->held, held);
  held_answer_free (held);
  hold_schedule (self);
}

static void
on_got_headers (SoupServerMessage *msg,
                gpointer           user_data)
{
  gint64 *arrived = g_new (gint64, 1);

  *arrived = g_get_monotonic_time ();
  g_object_set_qdata_full (G_OBJECT (msg), arrival_quark, arrived, g_free);
}

static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers), NULL);
}

/* Holds the answer back until the latency has passed since the request's
 * headers arrived, as a client measures the time to an answer's first
 * byte: reading the body, and the time the sandbox took to handle it, are
 * part of the latency, as a server's are. */
static void
delay_answer (AttestSandbox     *self,
              SoupServerMessage *msg)
{
  SandboxHeldAnswer *held;
  const gint64 *arrived = g_object_get_qdata (G_OBJECT (msg), arrival_quark);
  gint64 due = arrived != NULL ? *arrived : g_get_monotonic_time ();
  GList *after;

  due += self->faults.latency_ms * (gint64) 1000;
  if (self->faults.jitter_ms > 0)
    due += g_rand_int_range (self->fault_rand, 0, self->faults.jitter_ms + 1) * (gint64) 1000;
  if (due <= g_get_monotonic_time ())
    return;

  held = g_new0 (SandboxHeldAnswer, 1);
  held->self = self;
  held->msg = g_object_ref (msg);
  held->due = due;
  held->finished_id = g_signal_connect (msg, "finished",
                                        G_CALLBACK (on_held_message_finished), held);

  /* Answers mostly fall due in the order they came: look from the end. */
  for (after = self->held.tail;
       after != NULL && ((SandboxHeldAnswer *) after->data)->due > due;
       after = after->prev)
    ;
  if (after != NULL)
    g_queue_insert_after (&self->held, after, held);
  else
    g_queue_push_head (&self->held, held);
  if (self->held.head->data == held)
    hold_schedule (self);

  soup_server_message_pause (msg);
}

static void
respond_not_found (SoupServerMessage *msg)
{
  attest_sandbox_respond_fault (msg, 404, "404", "The requested resource was not found.");
}

/* When the Retry-After of a 429 answer ends: seconds from @now, or an HTTP
 * date (whole seconds, so it may end up to a second before now + the delay
 * it was made from). */
static gint64
retry_after_until (SoupServerMessage *msg,
                   gint64             now)
{
  const char *value = soup_message_headers_get_one (soup_server_message_get_response_headers (msg),
                                                    "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  guint64 seconds;

  if (value == NULL)
    return 0;
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT32, &seconds, NULL))
    return now + (gint64) seconds * G_USEC_PER_SEC;

  date = soup_date_time_new_from_http_string (value);

  return date != NULL ? g_date_time_to_unix (date) * G_USEC_PER_SEC : 0;
}

static void
answer_request (AttestSandbox        *self,
                SoupServerMessage    *msg,
                const char           *path,
                GHashTable           *query,
                AttestSandboxRequest *request)
{
  if (g_str_has_prefix (path, "/v1/"))
    {
      gboolean dropped = FALSE;

      if (apply_faults (self, msg, &dropped))
        {
          request->status = dropped ? 0 : soup_server_message_get_status (msg);
          if (request->status == 429)
            request->retry_after_until = retry_after_until (msg, request->time);
          return;
        }

      SandboxQueuedFault *head = g_queue_peek_head (&self->queued_faults);

      if (!attest_sandbox_partner_handle (self, msg, path, query))
        respond_not_found (msg);

      if (head != NULL && head->fault == ATTEST_SANDBOX_FAULT_DROP_AFTER_ANSWER)
        {
          g_free (g_queue_pop_head (&self->queued_faults));
          drop_connection (msg);
          return;
        }

      request->status = soup_server_message_get_status (msg);
      delay_answer (self, msg);
      return;
    }

  if (!attest_sandbox_entra_handle (self, msg, path, query))
    respond_not_found (msg);
  request->status = soup_server_message_get_status (msg);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  AttestSandbox *self = ATTEST_SANDBOX (user_data);
  AttestSandboxRequest *request = log_request (self, msg);

  g_debug ("%s %s", request->method, request->path);
  answer_request (self, msg, path, query, request);
  /* Last: a handler may clear the log, and @request with it. */
  g_signal_emit (self, signals[REQUEST_RECEIVED], 0, request);
}

AttestSandbox *
attest_sandbox_new (guint32 seed)
{
  AttestSandbox *self = g_object_new (ATTEST_TYPE_SANDBOX, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint8 secret[32];

  self->seed = seed;
  self->fault_rand = g_rand_new_with_seed (seed ^ 0x5a5a5a5a);
  self->tenant_id = attest_sandbox_new_guid (rand);
  self->user_object_id = attest_sandbox_new_guid (rand);
  self->app_id = attest_sandbox_new_guid (rand);
  self->template_id = attest_sandbox_new_guid (rand);
  self->user = g_strdup ("admin@attestsandbox.onmicrosoft.com");
  attest_sandbox_customers_generate (self);

  /* A per-instance key: tokens of one sandbox mean nothing to another. */
  for (guint i = 0; i < sizeof secret; i++)
    secret[i] = g_random_int_range (0, 256);
  self->secret = g_bytes_new (secret, sizeof secret);

  return self;
}

void
attest_sandbox_set_customer_count (AttestSandbox *self,
                                   guint          count)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));
  self->customer_count = count;
  attest_sandbox_customers_generate (self);
}

void
attest_sandbox_set_template_id (AttestSandbox *self,
                                const char    *template_id)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));
  g_return_if_fail (template_id != NULL);

  g_free (self->template_id);
  self->template_id = g_strdup (template_id);
}

gboolean
attest_sandbox_start (AttestSandbox  *self,
                      guint           port,
                      GError        **error)
{
  g_autoptr(GInetAddress) loopback = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoslist(GUri) uris = NULL;

  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  self->server = soup_server_new ("server-header", "Attest-Sandbox", NULL);
  soup_server_add_handler (self->server, NULL, handle_request, self, NULL);
  g_signal_connect (self->server, "request-started", G_CALLBACK (on_request_started), NULL);

  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, port);
  if (!soup_server_listen (self->server, address, 0, &local_error))
    {
      g_set_error (error, ATTEST_SANDBOX_ERROR, ATTEST_SANDBOX_ERROR_LISTEN,
                   "Could not listen on 127.0.0.1:%u: %s", port, local_error->message);
      g_clear_object (&self->server);
      return FALSE;
    }

  uris = soup_server_get_uris (self->server);
  g_assert (uris != NULL);
  self->uri = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  hold_start (self);

  return TRUE;
}

void
attest_sandbox_stop (AttestSandbox *self)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  hold_stop (self);
  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
  g_clear_pointer (&self->uri, g_free);
}

const char *
attest_sandbox_get_uri (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);

  return self->uri;
}

guint32
attest_sandbox_get_seed (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), 0);

  return self->seed;
}

const char *
attest_sandbox_get_tenant_id (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);

  return self->tenant_id;
}

const char *
attest_sandbox_get_user (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);

  return self->user;
}

const char *
attest_sandbox_get_user_object_id (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);

  return self->user_object_id;
}

const char *
attest_sandbox_get_app_id (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);

  return self->app_id;
}

const char *
attest_sandbox_get_template_id (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);

  return self->template_id;
}

void
attest_sandbox_set_user_mfa (AttestSandbox *self,
                             gboolean       mfa)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  self->user_mfa = !!mfa;
}

void
attest_sandbox_set_user_has_role (AttestSandbox *self,
                                  gboolean       has_role)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  self->user_has_role = !!has_role;
}

void
attest_sandbox_set_auto_approve (AttestSandbox *self,
                                 gboolean       auto_approve)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  self->auto_approve = !!auto_approve;
}

void
attest_sandbox_set_entra_faults (AttestSandbox            *self,
                                 AttestSandboxEntraFaults  faults)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  self->entra_faults = faults;
}

void
attest_sandbox_set_token_lifetime (AttestSandbox *self,
                                   guint          seconds)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  self->token_lifetime = seconds;
}

/* How long the tokens the sandbox hands out live, in seconds. */
guint
attest_sandbox_get_token_lifetime (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), 0);

  return self->token_lifetime;
}

void
attest_sandbox_set_device_code_interval (AttestSandbox *self,
                                         guint          seconds)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  self->device_code_interval = seconds;
}

void
attest_sandbox_set_device_code_lifetime (AttestSandbox *self,
                                         guint          seconds)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  self->device_code_lifetime = seconds;
}

void
attest_sandbox_set_page_size (AttestSandbox *self,
                              guint          page_size)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));
  g_return_if_fail (page_size > 0);

  self->page_size = page_size;
}

void
attest_sandbox_set_faults (AttestSandbox             *self,
                           const AttestSandboxFaults *faults)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));
  g_return_if_fail (faults != NULL);

  self->faults = *faults;
}

void
attest_sandbox_queue_fault (AttestSandbox      *self,
                            AttestSandboxFault  fault,
                            guint               retry_after)
{
  SandboxQueuedFault *queued;

  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  queued = g_new0 (SandboxQueuedFault, 1);
  queued->fault = fault;
  queued->retry_after = retry_after;
  g_queue_push_tail (&self->queued_faults, queued);
}

guint
attest_sandbox_get_request_count (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), 0);

  return self->requests->len;
}

const AttestSandboxRequest *
attest_sandbox_get_request (AttestSandbox *self,
                            guint          index)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (index < self->requests->len, NULL);

  return g_ptr_array_index (self->requests, index);
}

/* The logged requests with this method (NULL: any) and exactly this path,
 * oldest first. The array holds pointers into the log; free only the array. */
GPtrArray *
attest_sandbox_find_requests (AttestSandbox *self,
                              const char    *method,
                              const char    *path)
{
  GPtrArray *found;

  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  found = g_ptr_array_new ();
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
attest_sandbox_clear_requests (AttestSandbox *self)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  g_ptr_array_set_size (self->requests, 0);
}
