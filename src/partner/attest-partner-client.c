/* attest-partner-client.c: the Partner Center REST client (SPEC §5)
 *
 * One SoupSession per client, async calls only. Every request carries
 * Authorization, Accept, MS-CorrelationId (one per logical call: a whole
 * fetch, one batch), MS-RequestId (new for every page and batch, the same
 * on each retry of it: the service's idempotency key) and
 * MS-PartnerCenter-Application. The token comes from the user's provider
 * or the app's, as the request's route needs (SPEC §13). A 401 asks that
 * provider once for a fresh token and tries once more. GETs are retried
 * here under the retry policy; attestations are not: they are sent as an
 * AttestPartnerRequest, made once, which the submission pipeline journals
 * and retries unchanged.
 *
 * Plain HTTP is allowed only to this computer (the sandbox); anything
 * else must be HTTPS with a certificate the system trusts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-partner-client"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-endpoint.h"
#include "attest-json.h"
#include "attest-mca-shapes.h"
#include "attest-partner-client-private.h"

#define RECORDS_PATH  "/v1/partners/customeragreementrecords"
#define TEMPLATE_PATH "/v1/agreements?agreementType=MicrosoftCustomerAgreement"

G_DEFINE_FINAL_TYPE (AttestPartnerClient, attest_partner_client, G_TYPE_OBJECT)

enum {
  RETRYING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
attest_partner_client_finalize (GObject *object)
{
  AttestPartnerClient *self = ATTEST_PARTNER_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_object (&self->tokens);
  g_clear_object (&self->app_tokens);
  g_clear_object (&self->retry_policy);
  g_free (self->base_uri);
  g_free (self->host);

  G_OBJECT_CLASS (attest_partner_client_parent_class)->finalize (object);
}

static void
attest_partner_client_class_init (AttestPartnerClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_partner_client_finalize;

  /* A call failed that the retry policy sends again after delay_ms (a
   * guint), with why (an ATTEST_PARTNER_ERROR): so that a person can be
   * told why nothing seems to happen ("No connection"). */
  signals[RETRYING] = g_signal_new ("retrying", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                    G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_UINT);
}

/* For the client's calls (attest-partner-call.c). */
void
attest_partner_client_emit_retrying (AttestPartnerClient *self,
                                     const GError        *error,
                                     guint                delay_ms)
{
  g_signal_emit (self, signals[RETRYING], 0, error, delay_ms);
}

static void
attest_partner_client_init (AttestPartnerClient *self)
{
  /* libsoup allows two connections per host by default: too few for the
   * batches a submission keeps in flight. */
  self->session = soup_session_new_with_options ("user-agent", "Attest/" PACKAGE_VERSION,
                                                 "timeout", 120,
                                                 "max-conns-per-host", 64,
                                                 "max-conns", 128,
                                                 NULL);
  self->retry_policy = attest_retry_policy_new ();
}

/* @base_uri: "https://api.partnercenter.microsoft.com", or an http:// URL
 * of this computer (127.0.0.0/8, ::1, localhost). @tokens: the signed-in
 * user's (App+User), or NULL for a partner who has only the AppOnly
 * credential (attest_partner_client_set_app_token_provider()). */
AttestPartnerClient *
attest_partner_client_new (const char           *base_uri,
                           AttestTokenProvider  *tokens,
                           GError              **error)
{
  g_autoptr(AttestPartnerClient) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) endpoint_error = NULL;
  gsize length;

  g_return_val_if_fail (base_uri != NULL, NULL);
  g_return_val_if_fail (tokens == NULL || ATTEST_IS_TOKEN_PROVIDER (tokens), NULL);

  if (!attest_endpoint_check (base_uri, &endpoint_error))
    {
      g_set_error_literal (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INSECURE_URL,
                           endpoint_error->message);
      return NULL;
    }
  uri = g_uri_parse (base_uri, G_URI_FLAGS_NONE, NULL);

  self = g_object_new (ATTEST_TYPE_PARTNER_CLIENT, NULL);
  self->tokens = tokens != NULL ? g_object_ref (tokens) : NULL;
  self->host = g_strdup (g_uri_get_host (uri));
  self->base_uri = g_strdup (base_uri);
  length = strlen (self->base_uri);
  while (length > 0 && self->base_uri[length - 1] == '/')
    self->base_uri[--length] = '\0';

  return g_steal_pointer (&self);
}

static void
on_preconnected (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The request that needed the connection will say what is wrong. */
  if (!soup_session_preconnect_finish (SOUP_SESSION (object), result, &error))
    g_debug ("Could not open a connection ahead: %s", error->message);
}

/* Opens up to @n_connections connections to Partner Center ahead of the
 * requests that will need them, as a submission does while it prepares: a
 * batch then never waits for a connection to be set up. Connections left
 * idle close by themselves. */
void
attest_partner_client_preconnect (AttestPartnerClient *self,
                                  guint                n_connections)
{
  g_return_if_fail (ATTEST_IS_PARTNER_CLIENT (self));

  for (guint i = 0; i < n_connections; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", self->base_uri);

      if (msg == NULL)
        return;
      soup_session_preconnect_async (self->session, msg, G_PRIORITY_DEFAULT, NULL,
                                     on_preconnected, NULL);
    }
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

  root = attest_partner_call_finish (result, &error);
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
  AttestPartnerCall *call;

  if (continuation_token != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (continuation_token, NULL, FALSE);

      path = g_strconcat (RECORDS_PATH "?continuation_token=", escaped, NULL);
    }
  else
    path = g_strdup (RECORDS_PATH);

  /* One correlation ID for the whole fetch, a new request ID per page. */
  call = attest_partner_call_new ("GET", path, NULL, fetch->correlation_id, TRUE);
  attest_partner_call_start (self, call, g_task_get_cancellable (task), on_page, task);
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
  fetch->correlation_id = attest_partner_new_request_id ();
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

  root = attest_partner_call_finish (result, &error);
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
        template_id = attest_json_get_string (json_node_get_object (first), "templateId");
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
  AttestPartnerCall *call;
  GTask *task;

  g_return_if_fail (ATTEST_IS_PARTNER_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_partner_client_get_template_id_async);

  call = attest_partner_call_new ("GET", TEMPLATE_PATH, NULL, NULL, TRUE);
  call->credential = ATTEST_PARTNER_CREDENTIAL_EITHER;
  attest_partner_call_start (self, call, cancellable, on_template, task);
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
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttestPartnerRequest *request = g_task_get_task_data (task);
  g_auto(GValue) answer = G_VALUE_INIT;
  JsonNode *root;
  GError *error = NULL;

  root = attest_partner_call_finish (result, &error);
  if (error == NULL)
    error = attest_mca_shapes_check_answer (request, attest_partner_call_get_status (result),
                                            root);
  if (error != NULL)
    {
      if (error->domain == ATTEST_PARTNER_ERROR)
        attest_partner_error_set_ids (error, attest_partner_request_get_request_id (request),
                                      attest_partner_request_get_correlation_id (request));
      g_clear_pointer (&root, json_node_unref);
      g_task_return_error (task, error);
      return;
    }

  g_value_init (&answer, JSON_TYPE_NODE);
  g_value_take_boxed (&answer, root);
  g_task_return_value (task, &answer);
}

/* The signed-in user's token provider, or NULL. */
AttestTokenProvider *
attest_partner_client_get_token_provider (AttestPartnerClient *self)
{
  g_return_val_if_fail (ATTEST_IS_PARTNER_CLIENT (self), NULL);

  return self->tokens;
}

/* The provider of the partner's AppOnly tokens (its registered web app),
 * for the routes that need them or take either credential; NULL takes it
 * away. Calls under way keep the provider they started with. */
void
attest_partner_client_set_app_token_provider (AttestPartnerClient *self,
                                              AttestTokenProvider *tokens)
{
  g_return_if_fail (ATTEST_IS_PARTNER_CLIENT (self));
  g_return_if_fail (tokens == NULL || ATTEST_IS_TOKEN_PROVIDER (tokens));

  g_set_object (&self->app_tokens, tokens);
}

/* The AppOnly token provider, or NULL. */
AttestTokenProvider *
attest_partner_client_get_app_token_provider (AttestPartnerClient *self)
{
  g_return_val_if_fail (ATTEST_IS_PARTNER_CLIENT (self), NULL);

  return self->app_tokens;
}

/* Sends @request exactly as it is, with the credential it was made for:
 * how a run sends a batch, and sends it again, byte for byte and under the
 * same request ID, after a crash. One attempt, not retried here: the
 * caller retries under the same request (SPEC §6); a 401 is answered with
 * one token refresh, as for every call. When the client lacks the
 * request's credential, nothing is sent (ATTEST_PARTNER_ERROR_NO_CREDENTIAL).
 * An attestation's answer that does not fit the shape Attest reads is an
 * error (attest-mca-shapes.h). The request and its answer are handled at
 * @io_priority on the main loop, as for GIO's own calls. */
void
attest_partner_client_send_async (AttestPartnerClient  *self,
                                  AttestPartnerRequest *request,
                                  int                   io_priority,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  GTask *task;
  AttestPartnerCall *call;

  g_return_if_fail (ATTEST_IS_PARTNER_CLIENT (self));
  g_return_if_fail (request != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_partner_client_send_async);
  g_task_set_priority (task, io_priority);
  g_task_set_task_data (task, attest_partner_request_ref (request),
                        (GDestroyNotify) attest_partner_request_unref);

  call = attest_partner_call_new (attest_partner_request_get_method (request),
                                  attest_partner_request_get_path (request),
                                  attest_partner_request_get_request_id (request),
                                  attest_partner_request_get_correlation_id (request), FALSE);
  call->credential = attest_partner_request_get_credential (request);
  call->body = g_bytes_ref (attest_partner_request_get_body (request));
  call->io_priority = io_priority;

  attest_partner_call_start (self, call, cancellable, on_sent, task);
}

gboolean
attest_partner_client_send_finish (AttestPartnerClient  *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  return attest_partner_client_send_finish_answer (self, result, NULL, error);
}

/* As attest_partner_client_send_finish(), for a request whose answer
 * matters: sets @out_answer (may be NULL) to the answer's JSON root, NULL
 * when its body was empty. */
gboolean
attest_partner_client_send_finish_answer (AttestPartnerClient  *self,
                                          GAsyncResult         *result,
                                          JsonNode            **out_answer,
                                          GError              **error)
{
  g_auto(GValue) answer = G_VALUE_INIT;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (out_answer == NULL || *out_answer == NULL, FALSE);

  if (!g_task_propagate_value (G_TASK (result), &answer, error))
    return FALSE;

  if (out_answer != NULL)
    *out_answer = g_value_dup_boxed (&answer);

  return TRUE;
}
