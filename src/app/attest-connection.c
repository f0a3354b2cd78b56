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
 * Microsoft's current flow needs a second credential, AppOnly: the
 * partner's web app, whose client secret is checked by getting a token
 * before the keyring keeps it, and whose tokens must name the tenant the
 * App+User sign-in is in. The connection loads it from the keyring, adds
 * and removes it, and hands both credentials to the clients it makes; the
 * sandbox running in this process has both from the start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-connection"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-auth-error.h"
#include "attest-authority.h"
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
  AttestAppOnlyTokens *app_tokens;      /* the AppOnly credential's, or NULL */
};

enum {
  PROP_0,
  PROP_APP_ONLY_TOKENS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AttestConnection, attest_connection, G_TYPE_OBJECT)

/* The tenant the App+User sign-in is in: the sandbox partner's, or the
 * session's; NULL while nobody is signed in. */
static const char *
get_signed_in_tenant_id (AttestConnection *self)
{
  if (self->sandbox != NULL)
    return attest_sandbox_get_tenant_id (self->sandbox);

  return attest_session_get_tenant_id (self->session);
}

/* The AppOnly tokens must name the tenant the App+User sign-in is in. */
static void
update_expected_tenant (AttestConnection *self)
{
  if (self->app_tokens != NULL)
    attest_app_only_tokens_set_expected_tenant_id (self->app_tokens,
                                                   get_signed_in_tenant_id (self));
}

static void
set_app_tokens (AttestConnection    *self,
                AttestAppOnlyTokens *tokens)
{
  if (!g_set_object (&self->app_tokens, tokens))
    return;

  update_expected_tenant (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APP_ONLY_TOKENS]);
}

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
  g_signal_connect_object (self->session, "notify::tenant-id",
                           G_CALLBACK (update_expected_tenant), self, G_CONNECT_SWAPPED);

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
  g_autoptr(AttestAppOnlyTokens) app_tokens = NULL;

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

  /* The sandbox partner's web app, whose secret is a test fixture. */
  app_tokens = attest_app_only_tokens_new (attest_sandbox_get_uri (sandbox),
                                           attest_sandbox_get_tenant_id (sandbox),
                                           attest_sandbox_get_app_client_id (sandbox),
                                           attest_sandbox_get_app_client_secret (sandbox));
  set_app_tokens (self, app_tokens);
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
 * configured address, with the token from outside or the sign-in's. The
 * AppOnly credential, when there is one, goes with it for the routes that
 * take it. */
AttestPartnerClient *
attest_connection_new_partner_client (AttestConnection  *self,
                                      GError           **error)
{
  g_autoptr(AttestTokenProvider) tokens = NULL;
  g_autoptr(AttestPartnerClient) client = NULL;
  const char *api_base = self->config->api_base;

  g_return_val_if_fail (ATTEST_IS_CONNECTION (self), NULL);

  if (self->sandbox != NULL)
    api_base = attest_sandbox_get_uri (self->sandbox);

  if (self->sandbox_tokens != NULL)
    tokens = g_object_ref (self->sandbox_tokens);
  else if (self->access_token != NULL)
    tokens = new_access_token_provider (self, error);
  else
    tokens = g_object_ref (ATTEST_TOKEN_PROVIDER (self->session));
  if (tokens == NULL)
    return NULL;

  client = attest_partner_client_new (api_base, tokens, error);
  if (client != NULL && self->app_tokens != NULL)
    attest_partner_client_set_app_token_provider (client,
                                                  ATTEST_TOKEN_PROVIDER (self->app_tokens));

  return g_steal_pointer (&client);
}

/* The AppOnly credential's tokens, for the routes that take no user; NULL
 * while there is none. */
AttestAppOnlyTokens *
attest_connection_get_app_only_tokens (AttestConnection *self)
{
  g_return_val_if_fail (ATTEST_IS_CONNECTION (self), NULL);

  return self->app_tokens;
}

/* The partner tenant an AppOnly credential is added for: the configured
 * tenant, else the one the App+User sign-in is in, else the domain of the
 * configured user; NULL when none is known. */
char *
attest_connection_dup_app_tenant (AttestConnection *self)
{
  const char *tenant;
  const char *user;
  const char *at;

  g_return_val_if_fail (ATTEST_IS_CONNECTION (self), NULL);

  if (self->sandbox != NULL)
    return g_strdup (attest_sandbox_get_tenant_id (self->sandbox));

  tenant = attest_session_get_configured_tenant (self->session);
  if (tenant != NULL && tenant[0] != '\0')
    return g_strdup (tenant);

  tenant = attest_session_get_tenant_id (self->session);
  if (tenant != NULL)
    return g_strdup (tenant);

  user = attest_session_get_configured_user (self->session);
  if (user != NULL && (at = strrchr (user, '@')) != NULL && at[1] != '\0')
    return g_strdup (at + 1);

  return NULL;
}

static void
on_app_credential_found (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttestConnection *self = g_task_get_source_object (task);
  g_autoptr(AttestAppCredential) credential = NULL;
  g_autoptr(AttestAppOnlyTokens) tokens = NULL;
  GError *error = NULL;

  credential = attest_app_credential_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The sandbox, started meanwhile, has its own. */
  if (self->sandbox != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (credential == NULL)
    {
      g_debug ("No AppOnly credential in the keyring");
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_debug ("Found the AppOnly credential of tenant %s in the keyring", credential->tenant_id);
  tokens = attest_app_only_tokens_new (credential->authority, credential->tenant_id,
                                       credential->application_id, credential->secret);
  set_app_tokens (self, tokens);
  g_task_return_boolean (task, TRUE);
}

/* Loads the AppOnly credential the keyring keeps for this authority: the
 * signed-in partner tenant's, else the configured tenant's when it is
 * given by its ID, else the last one stored. The sandbox in this process
 * has its own. */
void
attest_connection_load_app_credential_async (AttestConnection    *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *tenant_id;

  g_return_if_fail (ATTEST_IS_CONNECTION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_connection_load_app_credential_async);

  if (self->sandbox != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* The keyring names tenants by their ID: a configured domain says
   * nothing here. */
  tenant_id = attest_session_get_tenant_id (self->session);
  if (tenant_id == NULL
      && attest_auth_app_id_is_valid (attest_session_get_configured_tenant (self->session)))
    tenant_id = attest_session_get_configured_tenant (self->session);

  attest_app_credential_lookup_async (self->config->authority, tenant_id, cancellable,
                                      on_app_credential_found, g_steal_pointer (&task));
}

/* FALSE when the keyring could not be asked; TRUE whether it held a
 * credential or not. */
gboolean
attest_connection_load_app_credential_finish (AttestConnection  *self,
                                              GAsyncResult      *result,
                                              GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_app_credential_stored (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttestConnection *self = g_task_get_source_object (task);
  AttestAppOnlyTokens *tokens = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!attest_app_credential_store_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_KEYRING,
                                 _("The keyring could not be reached (%s), so Attest cannot keep "
                                   "the AppOnly credential. Unlock the keyring and try again."),
                                 error->message);
      return;
    }

  g_info ("Added the AppOnly credential %s for tenant %s",
          attest_app_only_tokens_get_application_id (tokens),
          attest_app_only_tokens_get_tenant_id (tokens));
  set_app_tokens (self, tokens);
  g_task_return_boolean (task, TRUE);
}

static void
on_app_credential_checked (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  AttestAppOnlyTokens *tokens = ATTEST_APP_ONLY_TOKENS (object);
  g_autoptr(AttestAppCredential) credential = NULL;
  g_autofree char *token = NULL;
  GError *error = NULL;

  token = attest_token_provider_get_token_finish (ATTEST_TOKEN_PROVIDER (tokens), result, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  attest_secret_free (g_steal_pointer (&token));

  credential = attest_app_only_tokens_dup_credential (tokens);
  attest_app_credential_store_async (credential, cancellable, on_app_credential_stored,
                                     g_steal_pointer (&task));
}

static gboolean
check_app_credential (AttestConnection  *self,
                      const char        *application_id,
                      const char        *secret,
                      const char        *tenant,
                      GError           **error)
{
  if (!attest_auth_app_id_is_valid (application_id))
    {
      g_set_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_SETTINGS,
                   _("The Application ID “%s” is not a GUID. Copy the Application ID of the web "
                     "app from Partner Center: Account settings › App management."),
                   application_id);
      return FALSE;
    }

  if (secret[0] == '\0')
    {
      g_set_error_literal (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_SETTINGS,
                           _("The client secret is empty. Enter the value of a key of the web "
                             "app, shown once when the key is added in Partner Center."));
      return FALSE;
    }

  if (tenant == NULL)
    {
      g_set_error_literal (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_SETTINGS,
                           _("Attest does not know the partner tenant of the AppOnly credential. "
                             "Sign in to Partner Center first, or give the tenant with "
                             "--tenant."));
      return FALSE;
    }

  return attest_authority_check (self->config->authority, error);
}

/* Adds the AppOnly credential of the web app @application_id with its
 * client @secret, for the tenant attest_connection_dup_app_tenant() names:
 * a token is got with it first, and only a credential that works is kept
 * in the keyring and used from then on, in place of the one before. */
void
attest_connection_add_app_credential_async (AttestConnection    *self,
                                            const char          *application_id,
                                            const char          *secret,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(AttestAppOnlyTokens) tokens = NULL;
  g_autofree char *trimmed_id = NULL;
  g_autofree char *tenant = NULL;
  GError *error = NULL;

  g_return_if_fail (ATTEST_IS_CONNECTION (self));
  g_return_if_fail (application_id != NULL && secret != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_connection_add_app_credential_async);

  trimmed_id = g_strstrip (g_strdup (application_id));
  tenant = attest_connection_dup_app_tenant (self);
  if (!check_app_credential (self, trimmed_id, secret, tenant, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  tokens = attest_app_only_tokens_new (self->config->authority, tenant, trimmed_id, secret);
  attest_app_only_tokens_set_expected_tenant_id (tokens, get_signed_in_tenant_id (self));
  g_task_set_task_data (task, g_object_ref (tokens), g_object_unref);
  attest_token_provider_get_token_async (ATTEST_TOKEN_PROVIDER (tokens),
                                         ATTEST_TOKEN_FLAGS_NONE, cancellable,
                                         on_app_credential_checked, g_steal_pointer (&task));
}

gboolean
attest_connection_add_app_credential_finish (AttestConnection  *self,
                                             GAsyncResult      *result,
                                             GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_app_credential_cleared (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!attest_app_credential_clear_finish (result, &error) && error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_info ("Removed the AppOnly credential");
  g_task_return_boolean (task, TRUE);
}

/* Forgets the AppOnly credential and removes it from the keyring. */
void
attest_connection_remove_app_credential_async (AttestConnection    *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(AttestAppCredential) credential = NULL;

  g_return_if_fail (ATTEST_IS_CONNECTION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_connection_remove_app_credential_async);

  if (self->app_tokens == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  credential = attest_app_only_tokens_dup_credential (self->app_tokens);
  set_app_tokens (self, NULL);
  attest_app_credential_clear_async (credential, cancellable, on_app_credential_cleared,
                                     g_steal_pointer (&task));
}

/* TRUE when a credential was removed, FALSE without an error when there
 * was none. */
gboolean
attest_connection_remove_app_credential_finish (AttestConnection  *self,
                                                GAsyncResult      *result,
                                                GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
attest_connection_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AttestConnection *self = ATTEST_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_APP_ONLY_TOKENS:
      g_value_set_object (value, self->app_tokens);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_connection_finalize (GObject *object)
{
  AttestConnection *self = ATTEST_CONNECTION (object);

  g_clear_object (&self->app_tokens);
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
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = attest_connection_get_property;
  object_class->finalize = attest_connection_finalize;

  /* The AppOnly credential's tokens, NULL while there is none. */
  properties[PROP_APP_ONLY_TOKENS] =
    g_param_spec_object ("app-only-tokens", NULL, NULL, ATTEST_TYPE_APP_ONLY_TOKENS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
attest_connection_init (AttestConnection *self)
{
}
