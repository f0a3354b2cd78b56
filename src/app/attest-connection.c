/* attest-connection.c: which Partner Center, signed in how
 *
 * Both faces of Attest, the window and the commands, and the tests turn
 * the same things into a Partner Center client: the settings and the
 * environment (an AttestConfig), `--sandbox`, which runs the sandbox in
 * this process and signs in as its partner, and a token handed in from
 * outside (ATTEST_ACCESS_TOKEN, never stored, never logged). Otherwise the
 * client gets its tokens from the sign-in, AttestSession. How a person is
 * asked to sign in stays with each face. The submit benchmark and the
 * fault soak point it at `attest sandbox` in another process instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-connection"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-connection.h"
#include "attest-oauth-response.h"
#include "attest-sandbox-sign-in.h"
#include "attest-sandbox-tokens.h"
#include "attest-static-token-provider.h"
#include "attest-token-claims.h"

struct _AttestConnection
{
  GObject              parent_instance;

  AttestConfig        *config;
  AttestSession       *session;
  char                *access_token;    /* from outside; a secret */
  AttestSandbox       *sandbox;         /* running in this process, or NULL */
  AttestTokenProvider *sandbox_tokens;  /* the sandbox partner's, here or elsewhere */
  gboolean             sandbox_started; /* by the connection, which stops it */
};

G_DEFINE_FINAL_TYPE (AttestConnection, attest_connection, G_TYPE_OBJECT)

/* Takes @config, which says where Partner Center and the sign-in are and
 * who signs in; the session is made from it now. */
AttestConnection *
attest_connection_new (AttestConfig *config)
{
  AttestConnection *self;

  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (ATTEST_TYPE_CONNECTION, NULL);
  self->config = config;
  self->session = attest_session_new (config);

  return self;
}

AttestConfig *
attest_connection_get_config (AttestConnection *self)
{
  g_return_val_if_fail (ATTEST_IS_CONNECTION (self), NULL);

  return self->config;
}

/* Who signs in to Partner Center, with the settings the connection was
 * made with. */
AttestSession *
attest_connection_get_session (AttestConnection *self)
{
  g_return_val_if_fail (ATTEST_IS_CONNECTION (self), NULL);

  return self->session;
}

/* The Partner Center address of the clients made from now on, when the
 * settings change it; the sandbox's address wins while it runs. */
void
attest_connection_set_api_base (AttestConnection *self,
                                const char       *api_base)
{
  g_return_if_fail (ATTEST_IS_CONNECTION (self));
  g_return_if_fail (api_base != NULL);

  g_free (self->config->api_base);
  self->config->api_base = g_strdup (api_base);
}

/* A token minted elsewhere, used instead of the sign-in; NULL or empty to
 * use the sign-in. */
void
attest_connection_set_access_token (AttestConnection *self,
                                    const char       *access_token)
{
  g_return_if_fail (ATTEST_IS_CONNECTION (self));

  g_clear_pointer (&self->access_token, attest_secret_free);
  if (access_token != NULL && access_token[0] != '\0')
    self->access_token = g_strdup (access_token);
}

/* Starts a sandbox in this process, with @customers customers (0 for the
 * sandbox's default), and works against it from now on, signed in as its
 * partner: the whole job, with no Microsoft account. It serves Microsoft's
 * current flow, or the classic service when the settings say so
 * (`--classic`). */
gboolean
attest_connection_start_sandbox (AttestConnection  *self,
                                 guint              customers,
                                 GError           **error)
{
  g_autoptr(AttestSandbox) sandbox = NULL;

  g_return_val_if_fail (ATTEST_IS_CONNECTION (self), FALSE);

  if (self->sandbox != NULL)
    return TRUE;

  sandbox = attest_sandbox_new (ATTEST_SANDBOX_DEFAULT_SEED);
  if (customers > 0)
    attest_sandbox_set_customer_count (sandbox, customers);
  attest_sandbox_set_auto_approve (sandbox, TRUE);
  attest_sandbox_set_classic (sandbox, self->config->classic);
  if (!attest_sandbox_start (sandbox, 0, error))
    return FALSE;

  g_info ("Sandbox at %s, serving %s", attest_sandbox_get_uri (sandbox),
          self->config->classic ? "the classic service" : "the current flow");
  attest_connection_use_sandbox (self, sandbox);
  self->sandbox_started = TRUE;

  return TRUE;
}

/* Works against @sandbox, started in this process, from now on, signed in
 * as its partner. */
void
attest_connection_use_sandbox (AttestConnection *self,
                               AttestSandbox    *sandbox)
{
  g_return_if_fail (ATTEST_IS_CONNECTION (self));
  g_return_if_fail (ATTEST_IS_SANDBOX (sandbox));
  g_return_if_fail (self->sandbox == NULL);
  g_return_if_fail (attest_sandbox_get_uri (sandbox) != NULL);

  g_free (self->config->api_base);
  self->config->api_base = g_strdup (attest_sandbox_get_uri (sandbox));
  g_free (self->config->authority);
  self->config->authority = g_strdup (attest_sandbox_get_uri (sandbox));
  self->sandbox_tokens = attest_sandbox_tokens_new (sandbox);
  self->sandbox = g_object_ref (sandbox);
}

static void
on_sandbox_signed_in (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttestConnection *self = g_task_get_source_object (task);
  const char *uri = g_task_get_task_data (task);
  GError *error = NULL;
  AttestTokenProvider *tokens = attest_sandbox_sign_in_new_finish (result, &error);

  if (tokens == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_free (self->config->api_base);
  self->config->api_base = g_strdup (uri);
  g_free (self->config->authority);
  self->config->authority = g_strdup (uri);
  self->sandbox_tokens = tokens;
  g_task_return_boolean (task, TRUE);
}

/* Works against the sandbox at @uri, run in another process with
 * auto-approved sign-ins (`attest sandbox --auto-approve`), signed in as
 * its partner through the application @app_id. */
void
attest_connection_sign_in_to_sandbox_async (AttestConnection    *self,
                                            const char          *uri,
                                            const char          *app_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTEST_IS_CONNECTION (self));
  g_return_if_fail (self->sandbox_tokens == NULL);
  g_return_if_fail (uri != NULL && app_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_connection_sign_in_to_sandbox_async);
  g_task_set_task_data (task, g_strdup (uri), g_free);
  attest_sandbox_sign_in_new_async (uri, app_id, cancellable, on_sandbox_signed_in,
                                    g_steal_pointer (&task));
}

gboolean
attest_connection_sign_in_to_sandbox_finish (AttestConnection  *self,
                                             GAsyncResult      *result,
                                             GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The sandbox running in this process, or NULL. */
AttestSandbox *
attest_connection_get_sandbox (AttestConnection *self)
{
  g_return_val_if_fail (ATTEST_IS_CONNECTION (self), NULL);

  return self->sandbox;
}

/* Whether Partner Center can be called only after someone signs in: not
 * in the sandbox, not with a token from outside, not signed in yet. */
gboolean
attest_connection_needs_sign_in (AttestConnection *self)
{
  g_return_val_if_fail (ATTEST_IS_CONNECTION (self), TRUE);

  return self->sandbox_tokens == NULL
         && self->access_token == NULL
         && !attest_session_is_signed_in (self->session);
}

static AttestTokenProvider *
new_access_token_provider (AttestConnection  *self,
                           GError           **error)
{
  g_autoptr(AttestTokenClaims) claims = attest_token_claims_parse (self->access_token, NULL);

  if (claims == NULL)
    {
      g_set_error_literal (error, ATTEST_TOKEN_PROVIDER_ERROR,
                           ATTEST_TOKEN_PROVIDER_ERROR_NOT_SIGNED_IN,
                           _("ATTEST_ACCESS_TOKEN does not hold an access token (a JSON Web "
                             "Token). Set it to the token itself, without “Bearer”."));
      return NULL;
    }

  if (!claims->mfa && !self->config->no_mfa)
    {
      g_set_error_literal (error, ATTEST_TOKEN_PROVIDER_ERROR,
                           ATTEST_TOKEN_PROVIDER_ERROR_MFA_REQUIRED,
                           _("The token in ATTEST_ACCESS_TOKEN was issued without multi-factor "
                             "authentication, which Partner Center requires. Get a token after "
                             "signing in with multi-factor authentication, or pass --no-mfa."));
      return NULL;
    }

  return attest_static_token_provider_new (self->access_token);
}

/* A client for the sandbox, signed in as its partner; else for the
 * configured address, with the token from outside or the sign-in's. */
AttestPartnerClient *
attest_connection_new_partner_client (AttestConnection  *self,
                                      GError           **error)
{
  g_autoptr(AttestTokenProvider) tokens = NULL;

  g_return_val_if_fail (ATTEST_IS_CONNECTION (self), NULL);

  if (self->sandbox != NULL)
    return attest_partner_client_new (attest_sandbox_get_uri (self->sandbox),
                                      self->sandbox_tokens, error);

  if (self->sandbox_tokens != NULL)
    return attest_partner_client_new (self->config->api_base, self->sandbox_tokens, error);

  if (self->access_token != NULL)
    tokens = new_access_token_provider (self, error);
  else
    tokens = g_object_ref (ATTEST_TOKEN_PROVIDER (self->session));
  if (tokens == NULL)
    return NULL;

  return attest_partner_client_new (self->config->api_base, tokens, error);
}

static void
attest_connection_finalize (GObject *object)
{
  AttestConnection *self = ATTEST_CONNECTION (object);

  g_clear_object (&self->session);
  g_clear_object (&self->sandbox_tokens);
  if (self->sandbox_started)
    attest_sandbox_stop (self->sandbox);
  g_clear_object (&self->sandbox);
  g_clear_pointer (&self->access_token, attest_secret_free);
  g_clear_pointer (&self->config, attest_config_free);

  G_OBJECT_CLASS (attest_connection_parent_class)->finalize (object);
}

static void
attest_connection_class_init (AttestConnectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_connection_finalize;
}

static void
attest_connection_init (AttestConnection *self)
{
}
