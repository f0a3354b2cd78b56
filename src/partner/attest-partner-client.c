/* attest-partner-client.c: the Partner Center REST client (SPEC §5)
 *
 * One SoupSession per client, async calls only. Every request carries
 * Authorization, Accept, MS-CorrelationId (one per logical call: a whole
 * fetch, one batch), MS-RequestId (new for every page and batch, the same
 * on each retry of it: the service's idempotency key) and
 * MS-PartnerCenter-Application. A 401 asks the token provider once for a
 * fresh token and tries once more. GETs are retried here under the retry
 * policy; POSTs are not: the submission pipeline retries them with the
 * same request ID, which it journals.
 *
 * Plain HTTP is allowed only to this computer (the sandbox); anything
 * else must be HTTPS with a certificate the system trusts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-client"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "attest-partner-client.h"
#include "attest-token-claims.h"

#define RECORDS_PATH  "/v1/partners/customeragreementrecords"
#define TEMPLATE_PATH "/v1/agreements?agreementType=MicrosoftCustomerAgreement"
#define BULK_PATH     "/v1/CreateBulkReAttestation"

struct _AttestPartnerClient
{
  GObject              parent_instance;

  SoupSession         *session;
  char                *base_uri;
  char                *host;
  AttestTokenProvider *tokens;
  AttestRetryPolicy   *retry_policy;
};

G_DEFINE_FINAL_TYPE (AttestPartnerClient, attest_partner_client, G_TYPE_OBJECT)

/* What a bulk body needs once the token tells the partner ID. */
typedef struct
{
  char       *template_id;
  GDateTime  *date_agreed;
  GPtrArray  *records;
} BulkBody;

typedef struct
{
  char     *method;
  char     *path;            /* with its query */
  GBytes   *body;
  BulkBody *bulk;
  char     *request_id;
  char     *correlation_id;
  gboolean  retry;
  guint     attempts;
  gboolean  refreshed;
  char     *token;
  gint64    started;
} Call;

static void
bulk_body_free (BulkBody *bulk)
{
  g_free (bulk->template_id);
  g_date_time_unref (bulk->date_agreed);
  g_ptr_array_unref (bulk->records);
  g_free (bulk);
}

static void
call_free (gpointer data)
{
  Call *call = data;

  g_free (call->method);
  g_free (call->path);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_clear_pointer (&call->bulk, bulk_body_free);
  g_free (call->request_id);
  g_free (call->correlation_id);
  if (call->token != NULL)
    memset (call->token, 0, strlen (call->token));
  g_free (call->token);
  g_free (call);
}

static void
attest_partner_client_finalize (GObject *object)
{
  AttestPartnerClient *self = ATTEST_PARTNER_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_object (&self->tokens);
  g_clear_object (&self->retry_policy);
  g_free (self->base_uri);
  g_free (self->host);

  G_OBJECT_CLASS (attest_partner_client_parent_class)->finalize (object);
}

static void
attest_partner_client_class_init (AttestPartnerClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_partner_client_finalize;
}

static void
attest_partner_client_init (AttestPartnerClient *self)
{
  self->session = soup_session_new_with_options ("user-agent", "Attest/" PACKAGE_VERSION,
                                                 "timeout", 120,
                                                 NULL);
  self->retry_policy = attest_retry_policy_new ();
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* @base_uri: "https://api.partnercenter.microsoft.com", or an http:// URL
 * of this computer (127.0.0.0/8, ::1, localhost). */
AttestPartnerClient *
attest_partner_client_new (const char           *base_uri,
                           AttestTokenProvider  *tokens,
                           GError              **error)
{
  g_autoptr(AttestPartnerClient) self = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  gsize length;

  g_return_val_if_fail (base_uri != NULL, NULL);
  g_return_val_if_fail (ATTEST_IS_TOKEN_PROVIDER (tokens), NULL);

  uri = g_uri_parse (base_uri, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0'
      || (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0))
    {
      g_set_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INSECURE_URL,
                   _("The Partner Center address “%s” is not an https:// address."), base_uri);
      return NULL;
    }

  if (g_str_equal (scheme, "http") && !host_is_loopback (g_uri_get_host (uri)))
    {
      g_set_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INSECURE_URL,
                   _("The Partner Center address “%s” uses plain HTTP. Use https://; plain "
                     "HTTP is allowed only for this computer (localhost, 127.0.0.1, ::1)."),
                   base_uri);
      return NULL;
    }

  self = g_object_new (ATTEST_TYPE_PARTNER_CLIENT, NULL);
  self->tokens = g_object_ref (tokens);
  self->host = g_strdup (g_uri_get_host (uri));
  self->base_uri = g_strdup (base_uri);
  length = strlen (self->base_uri);
  while (length > 0 && self->base_uri[length - 1] == '/')
    self->base_uri[--length] = '\0';

  return g_steal_pointer (&self);
}

const char *
attest_partner_client_get_base_uri (AttestPartnerClient *self)
{
  g_return_val_if_fail (ATTEST_IS_PARTNER_CLIENT (self), NULL);

  return self->base_uri;
}

AttestRetryPolicy *
attest_partner_client_get_retry_policy (AttestPartnerClient *self)
{
  g_return_val_if_fail (ATTEST_IS_PARTNER_CLIENT (self), NULL);

  return self->retry_policy;
}

void
attest_partner_client_set_retry_policy (AttestPartnerClient *self,
                                        AttestRetryPolicy   *policy)
{
  g_return_if_fail (ATTEST_IS_PARTNER_CLIENT (self));
  g_return_if_fail (ATTEST_IS_RETRY_POLICY (policy));

  g_set_object (&self->retry_policy, policy);
}

/* A new MS-RequestId (or MS-CorrelationId): a random GUID. */
char *
attest_partner_client_new_request_id (void)
{
  return g_uuid_string_random ();
}

/* The path without its query, for the log. */
static char *
dup_log_path (const char *path)
{
  return g_strndup (path, strcspn (path, "?"));
}

static void call_send (GTask *task);

static void
call_return_error (GTask  *task,
                   GError *error)
{
  Call *call = g_task_get_task_data (task);

  if (error->domain == ATTEST_PARTNER_ERROR)
    attest_partner_error_set_ids (error, call->request_id, call->correlation_id);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static gboolean
build_bulk_body (Call    *call,
                 GError **error)
{
  g_autoptr(AttestTokenClaims) claims = attest_token_claims_parse (call->token, NULL);
  GPtrArray *records = call->bulk->records;

  if (claims == NULL || claims->tenant_id == NULL)
    {
      g_set_error_literal (error, ATTEST_TOKEN_PROVIDER_ERROR,
                           ATTEST_TOKEN_PROVIDER_ERROR_NOT_SIGNED_IN,
                           _("The access token does not name the partner tenant (no “tid” "
                             "claim), so the attestations cannot say which partner sends "
                             "them. Sign in again."));
      return FALSE;
    }

  call->body = attest_partner_build_bulk_body (claims->tenant_id, call->bulk->template_id,
                                               call->bulk->date_agreed,
                                               (AttestPartnerRecord * const *) records->pdata,
                                               records->len);
  return TRUE;
}

static void
on_token (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  Call *call = g_task_get_task_data (task);
  GError *error = NULL;
  char *token;

  token = attest_token_provider_get_token_finish (ATTEST_TOKEN_PROVIDER (object), result, &error);
  if (token == NULL)
    return call_return_error (task, error);

  g_free (call->token);
  call->token = token;

  /* Built once: a retry sends the very same bytes. */
  if (call->body == NULL && call->bulk != NULL && !build_bulk_body (call, &error))
    return call_return_error (task, error);

  call_send (task);
}

static void
call_get_token (GTask            *task,
                AttestTokenFlags  flags)
{
  AttestPartnerClient *self = g_task_get_source_object (task);

  attest_token_provider_get_token_async (self->tokens, flags, g_task_get_cancellable (task),
                                         on_token, task);
}

static void
on_waited (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!attest_retry_policy_wait_finish (result, &error))
    return call_return_error (task, error);

  call_send (task);
}

/* Retries @error under the policy when the call allows it; otherwise
 * finishes the call with it. */
static void
call_fail (GTask  *task,
           GError *error)
{
  AttestPartnerClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autofree char *log_path = dup_log_path (call->path);
  guint delay;

  if (!call->retry || !attest_retry_policy_should_retry (self->retry_policy, error, call->attempts))
    return call_return_error (task, error);

  delay = attest_retry_policy_next_delay (self->retry_policy, error, call->attempts);
  g_info ("Retrying %s %s in %u ms (attempt %u failed: %s), MS-RequestId %s",
          call->method, log_path, delay, call->attempts, error->message, call->request_id);
  g_error_free (error);

  attest_retry_policy_wait_async (delay, g_task_get_cancellable (task), on_waited, task);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  GTask *task = user_data;
  Call *call = g_task_get_task_data (task);
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
        return call_return_error (task, transport_error);

      g_info ("%s %s got no answer after %" G_GINT64_FORMAT " ms (%s), MS-RequestId %s, "
              "MS-CorrelationId %s", call->method, log_path, duration_ms,
              transport_error->message, call->request_id, call->correlation_id);
      error = attest_partner_error_new_from_transport (self->host, transport_error);
      g_error_free (transport_error);
      return call_fail (task, error);
    }

  status = soup_message_get_status (msg);
  g_info ("%s %s: HTTP %u in %" G_GINT64_FORMAT " ms, MS-RequestId %s, MS-CorrelationId %s",
          call->method, log_path, status, duration_ms, call->request_id, call->correlation_id);

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (g_bytes_get_size (body) > 0
          && json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                         g_bytes_get_size (body), NULL))
        root = json_parser_get_root (parser);

      g_task_return_pointer (task, root != NULL ? json_node_copy (root) : NULL,
                             (GDestroyNotify) json_node_unref);
      g_object_unref (task);
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
      call_get_token (task, ATTEST_TOKEN_FLAGS_FORCE_REFRESH);
      return;
    }

  call_fail (task, error);
}

static void
call_send (GTask *task)
{
  AttestPartnerClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autofree char *uri = g_strconcat (self->base_uri, call->path, NULL);
  g_autofree char *authorization = NULL;
  g_autoptr(SoupMessage) msg = soup_message_new (call->method, uri);
  SoupMessageHeaders *headers;

  if (msg == NULL)
    return call_return_error (task, g_error_new (ATTEST_PARTNER_ERROR,
                                                 ATTEST_PARTNER_ERROR_INSECURE_URL,
                                                 _("“%s” is not a valid address."), uri));

  headers = soup_message_get_request_headers (msg);
  authorization = g_strconcat ("Bearer ", call->token, NULL);
  soup_message_headers_replace (headers, "Authorization", authorization);
  memset (authorization, 0, strlen (authorization));
  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_message_headers_replace (headers, "MS-RequestId", call->request_id);
  soup_message_headers_replace (headers, "MS-CorrelationId", call->correlation_id);
  soup_message_headers_replace (headers, "MS-PartnerCenter-Application", "Attest/" PACKAGE_VERSION);

  if (call->body != NULL)
    {
      g_debug ("%s body: %.*s", call->method, (int) g_bytes_get_size (call->body),
               (const char *) g_bytes_get_data (call->body, NULL));
      soup_message_set_request_body_from_bytes (msg, "application/json; charset=utf-8",
                                                call->body);
    }

  call->attempts++;
  call->started = g_get_monotonic_time ();
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_sent, task);
}

/* Runs one logical call; the task's result is the answer's JSON root
 * (NULL when the body was empty). Takes @call. */
static void
call_start (AttestPartnerClient *self,
            Call                *call,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, call_start);
  if (call->request_id == NULL)
    call->request_id = attest_partner_client_new_request_id ();
  if (call->correlation_id == NULL)
    call->correlation_id = attest_partner_client_new_request_id ();
  g_task_set_task_data (task, call, call_free);

  call_get_token (task, ATTEST_TOKEN_FLAGS_NONE);
}

static Call *
call_new (const char *method,
          const char *path,
          const char *request_id,
          const char *correlation_id,
          gboolean    retry)
{
  Call *call = g_new0 (Call, 1);

  call->method = g_strdup (method);
  call->path = g_strdup (path);
  call->request_id = g_strdup (request_id);
  call->correlation_id = g_strdup (correlation_id);
  call->retry = retry;

  return call;
}

static JsonNode *
call_finish (GAsyncResult  *result,
             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Fetching every record, page after page */

typedef struct
{
  GPtrArray                  *records;
  char                       *correlation_id;
  guint                       pages;
  AttestPartnerFetchProgress  progress;
  gpointer                    progress_data;
} Fetch;

static void
fetch_free (gpointer data)
{
  Fetch *fetch = data;

  g_ptr_array_unref (fetch->records);
  g_free (fetch->correlation_id);
  g_free (fetch);
}

static void fetch_page (GTask      *task,
                        const char *continuation_token);

static void
on_page (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autofree char *next = NULL;
  GError *error = NULL;

  root = call_finish (result, &error);
  if (error == NULL)
    page = attest_partner_parse_records_page (root, &next, &error);
  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  fetch->pages++;
  if (fetch->progress != NULL)
    fetch->progress (page, fetch->pages, fetch->records->len + page->len, fetch->progress_data);
  g_ptr_array_set_free_func (page, NULL);
  g_ptr_array_extend (fetch->records, page, NULL, NULL);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (next != NULL)
    fetch_page (g_steal_pointer (&task), next);
  else
    g_task_return_pointer (task, g_ptr_array_ref (fetch->records),
                           (GDestroyNotify) g_ptr_array_unref);
}

static void
fetch_page (GTask      *task,
            const char *continuation_token)
{
  AttestPartnerClient *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  g_autofree char *path = NULL;

  if (continuation_token != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (continuation_token, NULL, FALSE);

      path = g_strconcat (RECORDS_PATH "?continuation_token=", escaped, NULL);
    }
  else
    path = g_strdup (RECORDS_PATH);

  /* One correlation ID for the whole fetch, a new request ID per page. */
  call_start (self, call_new ("GET", path, NULL, fetch->correlation_id, TRUE),
              g_task_get_cancellable (task), on_page, task);
}

/* Fetches every record that needs attestation, following the pages to the
 * end; @progress (may be NULL) hears of each page. */
void
attest_partner_client_fetch_records_async (AttestPartnerClient        *self,
                                           AttestPartnerFetchProgress  progress,
                                           gpointer                    progress_data,
                                           GCancellable               *cancellable,
                                           GAsyncReadyCallback         callback,
                                           gpointer                    user_data)
{
  GTask *task;
  Fetch *fetch;

  g_return_if_fail (ATTEST_IS_PARTNER_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_partner_client_fetch_records_async);

  fetch = g_new0 (Fetch, 1);
  fetch->records = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_partner_record_free);
  fetch->correlation_id = attest_partner_client_new_request_id ();
  fetch->progress = progress;
  fetch->progress_data = progress_data;
  g_task_set_task_data (task, fetch, fetch_free);

  fetch_page (task, NULL);
}

/* Returns the records (AttestPartnerRecord), in the order listed. */
GPtrArray *
attest_partner_client_fetch_records_finish (AttestPartnerClient  *self,
                                            GAsyncResult         *result,
                                            GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The Microsoft Customer Agreement template */

static void
on_template (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  JsonNode *items = NULL;
  const char *template_id = NULL;

  root = call_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    items = json_object_get_member (json_node_get_object (root), "items");
  if (items != NULL && JSON_NODE_HOLDS_ARRAY (items)
      && json_array_get_length (json_node_get_array (items)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (items), 0);

      if (JSON_NODE_HOLDS_OBJECT (first))
        template_id = json_object_get_string_member_with_default (json_node_get_object (first),
                                                                  "templateId", NULL);
    }

  if (template_id == NULL || template_id[0] == '\0')
    {
      g_task_return_new_error (task, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INVALID_RESPONSE,
                               _("Partner Center sent no template for the Microsoft Customer "
                                 "Agreement (items[0].templateId of GET /v1/agreements)."));
      return;
    }

  g_task_return_pointer (task, g_strdup (template_id), g_free);
}

void
attest_partner_client_get_template_id_async (AttestPartnerClient *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ATTEST_IS_PARTNER_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_partner_client_get_template_id_async);

  call_start (self, call_new ("GET", TEMPLATE_PATH, NULL, NULL, TRUE), cancellable,
              on_template, task);
}

char *
attest_partner_client_get_template_id_finish (AttestPartnerClient  *self,
                                              GAsyncResult         *result,
                                              GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Attestations */

static void
on_posted (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = call_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Sends one batch (at most 500 records) to POST /v1/CreateBulkReAttestation,
 * under @request_id (NULL: a new one); partnerId is the token's tid. Not
 * retried here: send it again with the same @request_id. */
void
attest_partner_client_send_bulk_async (AttestPartnerClient         *self,
                                       const char                  *request_id,
                                       const char                  *template_id,
                                       GDateTime                   *date_agreed,
                                       AttestPartnerRecord * const *records,
                                       guint                        n_records,
                                       GCancellable                *cancellable,
                                       GAsyncReadyCallback          callback,
                                       gpointer                     user_data)
{
  GTask *task;
  Call *call;

  g_return_if_fail (ATTEST_IS_PARTNER_CLIENT (self));
  g_return_if_fail (template_id != NULL);
  g_return_if_fail (date_agreed != NULL);
  g_return_if_fail (records != NULL && n_records > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_partner_client_send_bulk_async);

  call = call_new ("POST", BULK_PATH, request_id, NULL, FALSE);
  call->bulk = g_new0 (BulkBody, 1);
  call->bulk->template_id = g_strdup (template_id);
  call->bulk->date_agreed = g_date_time_ref (date_agreed);
  call->bulk->records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) attest_partner_record_free);
  for (guint i = 0; i < n_records; i++)
    g_ptr_array_add (call->bulk->records,
                     attest_partner_record_new (records[i]->customer_id, records[i]->first_name,
                                                records[i]->last_name, records[i]->email,
                                                records[i]->phone_number));

  call_start (self, call, cancellable, on_posted, task);
}

gboolean
attest_partner_client_send_bulk_finish (AttestPartnerClient  *self,
                                        GAsyncResult         *result,
                                        GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* POST /v1/customers/{id}/agreements for one record, under @request_id
 * (NULL: a new one). Not retried here. */
void
attest_partner_client_attest_customer_async (AttestPartnerClient       *self,
                                             const char                *request_id,
                                             const char                *template_id,
                                             GDateTime                 *date_agreed,
                                             const AttestPartnerRecord *record,
                                             GCancellable              *cancellable,
                                             GAsyncReadyCallback        callback,
                                             gpointer                   user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  GTask *task;
  Call *call;

  g_return_if_fail (ATTEST_IS_PARTNER_CLIENT (self));
  g_return_if_fail (template_id != NULL);
  g_return_if_fail (date_agreed != NULL);
  g_return_if_fail (record != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_partner_client_attest_customer_async);

  escaped = g_uri_escape_string (record->customer_id, NULL, FALSE);
  path = g_strdup_printf ("/v1/customers/%s/agreements", escaped);
  call = call_new ("POST", path, request_id, NULL, FALSE);
  call->body = attest_partner_build_agreement_body (template_id, date_agreed, record);

  call_start (self, call, cancellable, on_posted, task);
}

gboolean
attest_partner_client_attest_customer_finish (AttestPartnerClient  *self,
                                              GAsyncResult         *result,
                                              GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
