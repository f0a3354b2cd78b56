/* attest-oauth-client.c: the OAuth 2.0 requests a public client makes to
 * Microsoft Entra ID, and the client-credentials grant of the AppOnly web app
 *
 * One SoupSession per client, asynchronous requests only. The log gets the
 * method, the path, the status and the duration of each request; never a
 * body, since bodies carry codes, verifiers, tokens and client secrets,
 * and a form is overwritten once libsoup lets go of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-oauth-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "attest-auth-error.h"
#include "attest-authority.h"
#include "attest-oauth-client.h"

struct _AttestOAuthClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *authority;
  char        *tenant;
  char        *client_id;
};

G_DEFINE_FINAL_TYPE (AttestOAuthClient, attest_oauth_client, G_TYPE_OBJECT)

typedef gpointer (*ParseFunc) (guint    status,
                               GBytes  *body,
                               GError **error);

typedef struct
{
  ParseFunc       parse;
  GDestroyNotify  free_result;
  char           *path;
  gint64          started_at;
} RequestData;

static void
request_data_free (RequestData *data)
{
  g_free (data->path);
  g_free (data);
}

AttestOAuthClient *
attest_oauth_client_new (const char *authority,
                         const char *tenant,
                         const char *client_id)
{
  AttestOAuthClient *self;

  g_return_val_if_fail (authority != NULL, NULL);
  g_return_val_if_fail (tenant != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  self = g_object_new (ATTEST_TYPE_OAUTH_CLIENT, NULL);
  self->authority = g_strdup (authority);
  self->tenant = g_strdup (tenant);
  self->client_id = g_strdup (client_id);

  return self;
}

char *
attest_oauth_client_build_authorize_uri (AttestOAuthClient *self,
                                         const char        *redirect_uri,
                                         const char        *state,
                                         const char        *code_challenge,
                                         const char        *login_hint)
{
  g_autofree char *endpoint = NULL;
  g_autofree char *query = NULL;

  g_return_val_if_fail (ATTEST_IS_OAUTH_CLIENT (self), NULL);

  endpoint = attest_authority_build_endpoint (self->authority, self->tenant, "authorize");
  query = soup_form_encode ("client_id", self->client_id,
                            "response_type", "code",
                            "redirect_uri", redirect_uri,
                            "response_mode", "query",
                            "scope", ATTEST_OAUTH_SCOPES,
                            "state", state,
                            "code_challenge", code_challenge,
                            "code_challenge_method", "S256",
                            login_hint != NULL && login_hint[0] != '\0' ? "login_hint" : NULL,
                            login_hint,
                            NULL);

  return g_strdup_printf ("%s?%s", endpoint, query);
}

static void
on_form_posted (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (object);
  g_autoptr(GTask) task = user_data;
  RequestData *data = g_task_get_task_data (task);
  SoupMessage *message = soup_session_get_async_result_message (session, result);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  gpointer parsed;
  guint status;

  body = soup_session_send_and_read_finish (session, result, &error);
  if (body == NULL)
    {
      g_info ("POST %s failed: %s", data->path, error->message);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_new_error (task, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_SERVER,
                                   _("Could not reach Microsoft Entra ID: %s"), error->message);
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (message);
  g_info ("POST %s %u (%" G_GINT64_FORMAT " ms)", data->path, status,
          (g_get_monotonic_time () - data->started_at) / 1000);

  parsed = data->parse (status, body, &error);
  if (parsed == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, parsed, data->free_result);
}

/* Posts an encoded @form (taking it) to one of the authority's endpoints
 * and reads the answer with @parse. */
static void
post_form_async (AttestOAuthClient   *self,
                 const char          *endpoint,
                 char                *form,
                 ParseFunc            parse,
                 GDestroyNotify       free_result,
                 gpointer             source_tag,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *uri = NULL;
  RequestData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  uri = attest_authority_build_endpoint (self->authority, self->tenant, endpoint);
  message = soup_message_new (SOUP_METHOD_POST, uri);
  if (message == NULL)
    {
      g_task_return_new_error (task, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_SETTINGS,
                               _("The sign-in address “%s” is not valid. Check the authority "
                                 "and the tenant."),
                               uri);
      attest_secret_free (form);
      return;
    }
  /* The form holds secrets: its bytes are overwritten when freed. */
  body = g_bytes_new_with_free_func (form, strlen (form), (GDestroyNotify) attest_secret_free,
                                     form);
  soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded", body);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "application/json");

  data = g_new0 (RequestData, 1);
  data->parse = parse;
  data->free_result = free_result;
  data->path = g_strdup (g_uri_get_path (soup_message_get_uri (message)));
  data->started_at = g_get_monotonic_time ();
  g_task_set_task_data (task, data, (GDestroyNotify) request_data_free);

  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, cancellable,
                                    on_form_posted, g_steal_pointer (&task));
}

/* Posts @form (taking it) to the token endpoint. */
static void
post_token_form_async (AttestOAuthClient   *self,
                       char                *form,
                       gpointer             source_tag,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  post_form_async (self, "token", form, (ParseFunc) attest_token_response_parse,
                   (GDestroyNotify) attest_token_response_free, source_tag, cancellable,
                   callback, user_data);
}

/* Exchanges the authorization code for tokens, with the PKCE verifier that
 * proves this client asked for the code. */
void
attest_oauth_client_redeem_code_async (AttestOAuthClient   *self,
                                       const char          *code,
                                       const char          *redirect_uri,
                                       const char          *code_verifier,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (ATTEST_IS_OAUTH_CLIENT (self));

  post_token_form_async (self,
                         soup_form_encode ("client_id", self->client_id,
                                           "scope", ATTEST_OAUTH_SCOPES,
                                           "code", code,
                                           "redirect_uri", redirect_uri,
                                           "grant_type", "authorization_code",
                                           "code_verifier", code_verifier,
                                           NULL),
                         attest_oauth_client_redeem_code_async, cancellable, callback, user_data);
}

void
attest_oauth_client_refresh_async (AttestOAuthClient   *self,
                                   const char          *refresh_token,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (ATTEST_IS_OAUTH_CLIENT (self));

  post_token_form_async (self,
                         soup_form_encode ("client_id", self->client_id,
                                           "grant_type", "refresh_token",
                                           "refresh_token", refresh_token,
                                           "scope", ATTEST_OAUTH_SCOPES,
                                           NULL),
                         attest_oauth_client_refresh_async, cancellable, callback, user_data);
}

void
attest_oauth_client_poll_device_code_async (AttestOAuthClient   *self,
                                            const char          *device_code,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (ATTEST_IS_OAUTH_CLIENT (self));

  post_token_form_async (self,
                         soup_form_encode ("grant_type",
                                           "urn:ietf:params:oauth:grant-type:device_code",
                                           "client_id", self->client_id,
                                           "device_code", device_code,
                                           NULL),
                         attest_oauth_client_poll_device_code_async, cancellable, callback,
                         user_data);
}

/* The client-credentials grant: a token for the web app itself (AppOnly),
 * in the tenant the client was made for, which must be the partner's own. */
void
attest_oauth_client_request_app_token_async (AttestOAuthClient   *self,
                                             const char          *client_secret,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_return_if_fail (ATTEST_IS_OAUTH_CLIENT (self));
  g_return_if_fail (client_secret != NULL);

  post_token_form_async (self,
                         soup_form_encode ("grant_type", "client_credentials",
                                           "client_id", self->client_id,
                                           "client_secret", client_secret,
                                           "scope", ATTEST_OAUTH_APP_SCOPE,
                                           NULL),
                         attest_oauth_client_request_app_token_async, cancellable, callback,
                         user_data);
}

/* Finishes any of the four requests that answer with tokens. */
AttestTokenResponse *
attest_oauth_client_get_token_finish (AttestOAuthClient  *self,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
attest_oauth_client_request_device_code_async (AttestOAuthClient   *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_return_if_fail (ATTEST_IS_OAUTH_CLIENT (self));

  post_form_async (self, "devicecode",
                   soup_form_encode ("client_id", self->client_id,
                                     "scope", ATTEST_OAUTH_SCOPES,
                                     NULL),
                   (ParseFunc) attest_device_code_parse, (GDestroyNotify) attest_device_code_free,
                   attest_oauth_client_request_device_code_async, cancellable, callback,
                   user_data);
}

AttestDeviceCode *
attest_oauth_client_request_device_code_finish (AttestOAuthClient  *self,
                                                GAsyncResult       *result,
                                                GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
attest_oauth_client_finalize (GObject *object)
{
  AttestOAuthClient *self = ATTEST_OAUTH_CLIENT (object);

  g_clear_object (&self->session);
  g_free (self->authority);
  g_free (self->tenant);
  g_free (self->client_id);

  G_OBJECT_CLASS (attest_oauth_client_parent_class)->finalize (object);
}

static void
attest_oauth_client_class_init (AttestOAuthClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_oauth_client_finalize;
}

static void
attest_oauth_client_init (AttestOAuthClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("Attest/%s", PACKAGE_VERSION);

  self->session = soup_session_new_with_options ("user-agent", user_agent,
                                                 "timeout", 60,
                                                 NULL);
}
