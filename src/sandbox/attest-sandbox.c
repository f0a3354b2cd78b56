/* attest-sandbox.c: the sandbox server, and the parts it hands requests to
 *
 * One SoupServer on 127.0.0.1 answers both services: paths under /v1/ are
 * Partner Center (attest-sandbox-partner.c), /{tenant}/oauth2/v2.0/… and
 * /devicelogin are Entra ID (attest-sandbox-entra.c), /mca/ is the page
 * where a customer accepts the MCA (attest-sandbox-acceptance-page.c).
 * They serve one partner tenant (attest-sandbox-tenant.c) and its web app,
 * whose own tokens Microsoft's current flow needs
 * (attest-sandbox-app-only.c). Every request is logged with its answer's
 * status (attest-sandbox-request-log.c); a Partner Center request may meet
 * a fault first (attest-sandbox-faults.c), and its answer is held back for
 * the latency (attest-sandbox-latency.c). The API of the current flow is
 * in attest-sandbox-current-flow.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox"

#include "config.h"

#include "attest-sandbox-acceptance-page.h"
#include "attest-sandbox-private.h"
#include "attest-sandbox-util.h"

G_DEFINE_QUARK (attest-sandbox-error-quark, attest_sandbox_error)

G_DEFINE_FINAL_TYPE (AttestSandbox, attest_sandbox, G_TYPE_OBJECT)

enum
{
  REQUEST_RECEIVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

  g_clear_pointer (&self->partner, attest_sandbox_partner_free);
  g_clear_pointer (&self->entra, attest_sandbox_entra_free);
  g_clear_pointer (&self->attestations, attest_sandbox_attestations_free);
  g_clear_pointer (&self->mca, attest_sandbox_mca_free);
  g_clear_pointer (&self->customers, attest_sandbox_customers_free);
  g_clear_pointer (&self->app_only, attest_sandbox_app_only_free);
  g_clear_pointer (&self->tenant, attest_sandbox_tenant_free);
  g_clear_pointer (&self->faults, attest_sandbox_fault_plan_free);
  g_clear_pointer (&self->log, attest_sandbox_request_log_free);

  G_OBJECT_CLASS (attest_sandbox_parent_class)->finalize (object);
}

static void
attest_sandbox_class_init (AttestSandboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = attest_sandbox_dispose;
  object_class->finalize = attest_sandbox_finalize;

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
  self->log = attest_sandbox_request_log_new ();
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

/* Answers a Partner Center request, unless a fault does, and holds the
 * answer back for the latency. */
static void
handle_partner_request (AttestSandbox        *self,
                        SoupServerMessage    *msg,
                        const char           *path,
                        GHashTable           *query,
                        AttestSandboxRequest *request)
{
  gboolean dropped = FALSE;
  gboolean read;

  if (attest_sandbox_fault_plan_apply (self->faults, msg, &dropped))
    {
      request->status = dropped ? 0 : soup_server_message_get_status (msg);
      if (request->status == 429)
        request->retry_after_until = retry_after_until (msg, request->time);
      return;
    }

  if (!attest_sandbox_partner_handle (self->partner, msg, path, query))
    respond_not_found (msg);

  if (attest_sandbox_fault_plan_take_drop_after_answer (self->faults))
    {
      attest_sandbox_drop_connection (msg);
      return;
    }

  request->status = soup_server_message_get_status (msg);
  read = g_str_equal (soup_server_message_get_method (msg), "GET");
  if (attest_sandbox_latency_hold (self->latency, msg,
                                   attest_sandbox_fault_plan_draw_latency (self->faults, read)))
    soup_server_message_pause (msg);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  AttestSandbox *self = ATTEST_SANDBOX (user_data);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  AttestSandboxRequest *request;

  request = attest_sandbox_request_new (soup_server_message_get_method (msg),
                                        soup_server_message_get_uri (msg),
                                        soup_server_message_get_request_headers (msg), body);

  g_debug ("%s %s", request->method, request->path);

  if (g_str_has_prefix (path, "/v1/"))
    {
      handle_partner_request (self, msg, path, query, request);
    }
  else if (attest_sandbox_acceptance_page_handle (self->attestations, msg, path, query))
    {
      request->status = soup_server_message_get_status (msg);
    }
  else
    {
      if (!attest_sandbox_entra_handle (self->entra, msg, path, query))
        respond_not_found (msg);
      request->status = soup_server_message_get_status (msg);
    }

  attest_sandbox_request_log_add (self->log, request);

  /* Last: a handler may clear the log, and @request with it. */
  g_signal_emit (self, signals[REQUEST_RECEIVED], 0, request);
}

AttestSandbox *
attest_sandbox_new (guint32 seed)
{
  AttestSandbox *self = g_object_new (ATTEST_TYPE_SANDBOX, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  self->seed = seed;
  self->faults = attest_sandbox_fault_plan_new (seed);
  /* The tenant's IDs and then the template's follow from the seed. */
  self->tenant = attest_sandbox_tenant_new (rand);
  self->app_only = attest_sandbox_app_only_new (seed, self->tenant);
  self->customers = attest_sandbox_customers_new (seed);
  self->mca = attest_sandbox_mca_new (seed, self->customers);
  self->attestations = attest_sandbox_attestations_new (seed);
  self->entra = attest_sandbox_entra_new (self->tenant, self->app_only);
  self->partner = attest_sandbox_partner_new (self->tenant, self->customers, self->mca,
                                              self->attestations, rand);

  return self;
}

void
attest_sandbox_set_customer_count (AttestSandbox *self,
                                   guint          count)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  attest_sandbox_customers_generate (self->customers, count);
  attest_sandbox_mca_forget_customers (self->mca);
  attest_sandbox_partner_forget_pages (self->partner);
}

void
attest_sandbox_set_template_id (AttestSandbox *self,
                                const char    *template_id)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));
  g_return_if_fail (template_id != NULL);

  attest_sandbox_partner_set_template_id (self->partner, template_id);
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
  attest_sandbox_entra_set_uri (self->entra, self->uri);
  self->latency = attest_sandbox_latency_new (self->server);

  return TRUE;
}

void
attest_sandbox_stop (AttestSandbox *self)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  g_clear_pointer (&self->latency, attest_sandbox_latency_free);
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

  return attest_sandbox_tenant_get_id (self->tenant);
}

const char *
attest_sandbox_get_user (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);

  return attest_sandbox_tenant_get_user (self->tenant);
}

const char *
attest_sandbox_get_user_object_id (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);

  return attest_sandbox_tenant_get_user_object_id (self->tenant);
}

const char *
attest_sandbox_get_app_id (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);

  return attest_sandbox_tenant_get_app_id (self->tenant);
}

const char *
attest_sandbox_get_template_id (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);

  return attest_sandbox_partner_get_template_id (self->partner);
}

void
attest_sandbox_set_user_mfa (AttestSandbox *self,
                             gboolean       mfa)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  attest_sandbox_tenant_set_user_mfa (self->tenant, mfa);
}

void
attest_sandbox_set_user_has_role (AttestSandbox *self,
                                  gboolean       has_role)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  attest_sandbox_tenant_set_user_has_role (self->tenant, has_role);
}

void
attest_sandbox_set_auto_approve (AttestSandbox *self,
                                 gboolean       auto_approve)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  attest_sandbox_entra_set_auto_approve (self->entra, auto_approve);
}

void
attest_sandbox_set_entra_faults (AttestSandbox            *self,
                                 AttestSandboxEntraFaults  faults)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  attest_sandbox_entra_set_faults (self->entra, faults);
}

void
attest_sandbox_set_token_lifetime (AttestSandbox *self,
                                   guint          seconds)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  attest_sandbox_entra_set_token_lifetime (self->entra, seconds);
}

guint
attest_sandbox_get_token_lifetime (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), 0);

  return attest_sandbox_entra_get_token_lifetime (self->entra);
}

void
attest_sandbox_set_device_code_interval (AttestSandbox *self,
                                         guint          seconds)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  attest_sandbox_device_codes_set_interval (attest_sandbox_entra_get_device_codes (self->entra),
                                            seconds);
}

void
attest_sandbox_set_device_code_lifetime (AttestSandbox *self,
                                         guint          seconds)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  attest_sandbox_device_codes_set_lifetime (attest_sandbox_entra_get_device_codes (self->entra),
                                            seconds);
}

void
attest_sandbox_set_page_size (AttestSandbox *self,
                              guint          page_size)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));
  g_return_if_fail (page_size > 0);

  attest_sandbox_partner_set_page_size (self->partner, page_size);
}

void
attest_sandbox_set_faults (AttestSandbox             *self,
                           const AttestSandboxFaults *faults)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));
  g_return_if_fail (faults != NULL);

  attest_sandbox_fault_plan_set_faults (self->faults, faults);
}

void
attest_sandbox_queue_fault (AttestSandbox      *self,
                            AttestSandboxFault  fault,
                            guint               retry_after)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  attest_sandbox_fault_plan_queue (self->faults, fault, retry_after);
}

guint
attest_sandbox_get_request_count (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), 0);

  return attest_sandbox_request_log_get_count (self->log);
}

const AttestSandboxRequest *
attest_sandbox_get_request (AttestSandbox *self,
                            guint          index)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (index < attest_sandbox_request_log_get_count (self->log), NULL);

  return attest_sandbox_request_log_get (self->log, index);
}

/* The logged requests with this method (NULL: any) and exactly this path,
 * oldest first. The array holds pointers into the log; free only the array. */
GPtrArray *
attest_sandbox_find_requests (AttestSandbox *self,
                              const char    *method,
                              const char    *path)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return attest_sandbox_request_log_find (self->log, method, path);
}

void
attest_sandbox_clear_requests (AttestSandbox *self)
{
  g_return_if_fail (ATTEST_IS_SANDBOX (self));

  attest_sandbox_request_log_clear (self->log);
}

/* The sandbox's customers, and the Partner Center calls that attest them. */

guint
attest_sandbox_get_customer_count (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), 0);

  return attest_sandbox_customers_get_count (self->customers);
}

const AttestSandboxCustomer *
attest_sandbox_get_customer (AttestSandbox *self,
                             guint          index)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (index < attest_sandbox_customers_get_count (self->customers), NULL);

  return attest_sandbox_customers_get (self->customers, index);
}

const AttestSandboxCustomer *
attest_sandbox_lookup_customer (AttestSandbox *self,
                                const char    *customer_id)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  return attest_sandbox_customers_lookup (self->customers, customer_id);
}

/* How many customers the fetch list still holds. */
guint
attest_sandbox_count_pending (AttestSandbox *self)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), 0);

  return attest_sandbox_customers_count_pending (self->customers);
}

/* Sign-in. */

gboolean
attest_sandbox_approve_device_code (AttestSandbox  *self,
                                    const char     *user_code,
                                    GError        **error)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (user_code != NULL, FALSE);

  return attest_sandbox_device_codes_settle (attest_sandbox_entra_get_device_codes (self->entra),
                                             user_code, TRUE, error);
}

gboolean
attest_sandbox_decline_device_code (AttestSandbox  *self,
                                    const char     *user_code,
                                    GError        **error)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (user_code != NULL, FALSE);

  return attest_sandbox_device_codes_settle (attest_sandbox_entra_get_device_codes (self->entra),
                                             user_code, FALSE, error);
}

char *
attest_sandbox_mint_access_token (AttestSandbox *self,
                                  gint64         expires_in)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), NULL);

  return attest_sandbox_tenant_mint_access_token (self->tenant,
                                                  attest_sandbox_tenant_get_app_id (self->tenant),
                                                  expires_in);
}
