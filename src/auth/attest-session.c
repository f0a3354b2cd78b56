/* attest-session.c: who is signed in to Partner Center, and their tokens
 *
 * The access token lives only in memory and is renewed a few minutes before
 * it expires, or once when Partner Center refuses it. The refresh token is
 * kept in memory for the run and in the keyring between runs; Entra ID
 * rotates it, so every new one replaces the stored one. A sign-in whose
 * access token does not show multi-factor authentication is refused, and
 * nothing of it is kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-session"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-auth-error.h"
#include "attest-authority.h"
#include "attest-session-private.h"
#include "attest-token-claims.h"
#include "attest-token-provider.h"
#include "attest-token-queue.h"
#include "attest-token-store.h"

/* Renew the access token this long before it expires, so that a request
 * never leaves with a token that dies on the way. */
#define REFRESH_MARGIN_SECONDS (5 * 60)

struct _AttestSession
{
  GObject            parent_instance;

  AttestConfig      *config;
  guint              browser_timeout_ms;
  AttestOAuthClient *client;

  /* The signed-in state; secrets only in memory. */
  char              *access_token;
  char              *refresh_token;
  AttestTokenClaims *claims;
  gint64             expires_at;

  /* Token requests waiting for the one refresh under way. */
  AttestTokenQueue  *waiting;

  gboolean           keyring_problem_reported;
};

enum {
  PROP_0,
  PROP_SIGNED_IN,
  PROP_USER,
  PROP_TENANT_ID,
  N_PROPS
};

enum {
  KEYRING_UNAVAILABLE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void attest_session_token_provider_init (AttestTokenProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttestSession, attest_session, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ATTEST_TYPE_TOKEN_PROVIDER,
                                                      attest_session_token_provider_init))

static void
replace_string (char       **field,
                const char  *value)
{
  g_free (*field);
  *field = g_strstrip (g_strdup (value != NULL ? value : ""));
}

AttestSession *
attest_session_new (const AttestConfig *config)
{
  AttestSession *self;

  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (ATTEST_TYPE_SESSION, NULL);
  replace_string (&self->config->app_id, config->app_id);
  replace_string (&self->config->user, config->user);
  replace_string (&self->config->tenant, config->tenant);
  replace_string (&self->config->authority, config->authority);
  self->config->no_mfa = config->no_mfa;

  return self;
}

static void
forget_tokens (AttestSession *self)
{
  gboolean was_signed_in = self->access_token != NULL;

  g_clear_pointer (&self->access_token, attest_secret_free);
  g_clear_pointer (&self->refresh_token, attest_secret_free);
  g_clear_pointer (&self->claims, attest_token_claims_free);
  self->expires_at = 0;

  if (was_signed_in)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TENANT_ID]);
    }
}

/* Changes who signs in; a sign-in for someone else is forgotten (but stays
 * in the keyring for when they come back). */
void
attest_session_configure (AttestSession *self,
                          const char    *app_id,
                          const char    *user,
                          const char    *tenant)
{
  g_return_if_fail (ATTEST_IS_SESSION (self));

  if (g_strcmp0 (app_id, self->config->app_id) == 0
      && g_strcmp0 (user, self->config->user) == 0
      && g_strcmp0 (tenant, self->config->tenant) == 0)
    return;

  replace_string (&self->config->app_id, app_id);
  replace_string (&self->config->user, user);
  replace_string (&self->config->tenant, tenant);
  g_clear_object (&self->client);
  forget_tokens (self);
}

const char *
attest_session_get_app_id (AttestSession *self)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), NULL);

  return self->config->app_id;
}

const char *
attest_session_get_configured_user (AttestSession *self)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), NULL);

  return self->config->user;
}

const char *
attest_session_get_configured_tenant (AttestSession *self)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), NULL);

  return self->config->tenant;
}

/* For tests: how long a browser sign-in may take. */
void
attest_session_set_browser_timeout (AttestSession *self,
                                    guint          timeout_ms)
{
  g_return_if_fail (ATTEST_IS_SESSION (self));

  self->browser_timeout_ms = timeout_ms;
}

guint
attest_session_get_browser_timeout (AttestSession *self)
{
  return self->browser_timeout_ms;
}

gboolean
attest_session_check_settings (AttestSession  *self,
                               GError        **error)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), FALSE);

  if (self->config->app_id[0] == '\0')
    {
      g_set_error_literal (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_SETTINGS,
                           _("No application ID is set. Enter the application (client) ID of "
                             "your app registration in Microsoft Entra ID, a GUID such as "
                             "00000000-0000-0000-0000-000000000000."));
      return FALSE;
    }

  if (!attest_auth_app_id_is_valid (self->config->app_id))
    {
      g_set_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_SETTINGS,
                   _("The application ID “%s” is not a GUID. Copy the application (client) ID "
                     "from the app registration’s Overview page in the Azure portal."),
                   self->config->app_id);
      return FALSE;
    }

  if (self->config->user[0] == '\0')
    {
      g_set_error_literal (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_SETTINGS,
                           _("No user is set. Enter the user principal name of the partner "
                             "admin who signs in, such as admin@contoso.onmicrosoft.com."));
      return FALSE;
    }

  return attest_authority_check (self->config->authority, error);
}

AttestOAuthClient *
attest_session_get_oauth_client (AttestSession *self)
{
  if (self->client == NULL)
    self->client = attest_oauth_client_new (self->config->authority,
                                            attest_config_get_effective_tenant (self->config),
                                            self->config->app_id);

  return self->client;
}

gboolean
attest_session_is_signed_in (AttestSession *self)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), FALSE);

  return self->access_token != NULL;
}

/* The signed-in user: the name in the token, else the one configured. */
const char *
attest_session_get_user (AttestSession *self)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), NULL);

  if (self->claims == NULL)
    return NULL;

  return self->claims->user != NULL ? self->claims->user : self->config->user;
}

/* The partner tenant's ID (the tid claim), NULL when not signed in. */
const char *
attest_session_get_tenant_id (AttestSession *self)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), NULL);

  return self->claims != NULL ? self->claims->tenant_id : NULL;
}

/* When the access token expires, in seconds since the epoch; 0 when not
 * signed in. */
gint64
attest_session_get_expires_at (AttestSession *self)
{
  g_return_val_if_fail (ATTEST_IS_SESSION (self), 0);

  return self->expires_at;
}

static GHashTable *
new_keyring_attributes (AttestSession *self)
{
  return attest_token_store_new_attributes (self->config->authority,
                                            attest_config_get_effective_tenant (self->config),
                                            self->config->app_id,
                                            self->config->user);
}

/* Said once per session: without a keyring, the sign-in lasts as long as
 * the program does. */
static void
report_keyring_problem (AttestSession *self,
                        const GError  *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->keyring_problem_reported)
    return;

  self->keyring_problem_reported = TRUE;
  message = g_strdup_printf (_("The keyring could not be reached (%s), so Attest cannot "
                               "remember this sign-in. It lasts until Attest closes; next "
                               "time you will have to sign in again."),
                             error->message);
  g_info ("%s", message);
  g_signal_emit (self, signals[KEYRING_UNAVAILABLE], 0, message);
}

static void
on_refresh_token_stored (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttestSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!attest_token_store_store_finish (result, &error))
    report_keyring_problem (self, error);
  else
    g_debug ("Stored the refresh token in the keyring");

  /* The sign-in holds either way; only its memory between runs is lost. */
  g_task_return_boolean (task, TRUE);
}

/* Takes the tokens of a sign-in or a refresh (and ownership of
 * @response): checks them, keeps them, and stores the refresh token. */
static void
attest_session_accept_tokens_async (AttestSession       *self,
                                    AttestTokenResponse *response,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(AttestTokenResponse) owned = response;
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(AttestTokenClaims) claims = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_task_set_source_tag (task, attest_session_accept_tokens_async);

  claims = attest_token_claims_parse (owned->access_token, &error);
  if (claims == NULL && owned->id_token != NULL && self->config->no_mfa)
    claims = attest_token_claims_parse (owned->id_token, NULL);
  if (claims == NULL)
    {
      forget_tokens (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!claims->mfa && !self->config->no_mfa)
    {
      g_info ("Refused a token without multi-factor authentication");
      forget_tokens (self);
      g_task_return_error (task, attest_auth_error_new_mfa_required ());
      return;
    }

  g_clear_pointer (&self->access_token, attest_secret_free);
  self->access_token = g_steal_pointer (&owned->access_token);
  if (owned->refresh_token != NULL)
    {
      g_clear_pointer (&self->refresh_token, attest_secret_free);
      self->refresh_token = g_steal_pointer (&owned->refresh_token);
    }
  self->expires_at = owned->expires_in > 0 ? now + owned->expires_in : claims->expires_at;
  g_clear_pointer (&self->claims, attest_token_claims_free);
  self->claims = g_steal_pointer (&claims);

  g_info ("Signed in to tenant %s; the access token expires in %" G_GINT64_FORMAT " s",
          self->claims->tenant_id != NULL ? self->claims->tenant_id : "(unknown)",
          self->expires_at - now);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TENANT_ID]);

  if (self->refresh_token == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  attributes = new_keyring_attributes (self);
  label = g_strdup_printf (_("Attest sign-in for %s"), self->config->user);
  attest_token_store_store_async (attributes, label, self->refresh_token, cancellable,
                                  on_refresh_token_stored, g_steal_pointer (&task));
}

static gboolean
attest_session_accept_tokens_finish (AttestSession  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_tokens_accepted (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!attest_session_accept_tokens_finish (ATTEST_SESSION (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Accepts @response for the sign-in @task (taking both) and completes the
 * task with the outcome. */
void
attest_session_complete_sign_in (GTask               *task,
                                 AttestTokenResponse *response)
{
  attest_session_accept_tokens_async (g_task_get_source_object (task), response,
                                      g_task_get_cancellable (task), on_tokens_accepted, task);
}

/* The refused refresh token is gone from the keyring too; now say why the
 * sign-in failed. */
static void
on_refused_token_cleared (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) clear_error = NULL;

  if (!attest_token_store_clear_finish (result, &clear_error) && clear_error != NULL)
    g_debug ("Could not remove a refused refresh token: %s", clear_error->message);

  g_task_return_error (task, g_error_copy (g_task_get_task_data (task)));
}

static void
on_refreshed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttestSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  AttestTokenResponse *response;

  response = attest_oauth_client_get_token_finish (ATTEST_OAUTH_CLIENT (object), result, &error);
  if (response != NULL)
    {
      attest_session_complete_sign_in (g_steal_pointer (&task), response);
      return;
    }

  /* A refused refresh token is of no use to anyone: drop it everywhere. */
  if (g_error_matches (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_GRANT)
      || g_error_matches (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_MFA_REQUIRED))
    {
      g_autoptr(GHashTable) attributes = new_keyring_attributes (self);

      forget_tokens (self);
      g_task_set_task_data (task, g_steal_pointer (&error), (GDestroyNotify) g_error_free);
      attest_token_store_clear_async (attributes, NULL, on_refused_token_cleared,
                                      g_steal_pointer (&task));
      return;
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

static GError *
new_not_signed_in_error (AttestSession *self)
{
  return g_error_new (ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_NOT_SIGNED_IN,
                      _("%s is not signed in to Partner Center. Sign in first."),
                      self->config->user);
}

static void
on_refresh_token_found (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttestSession *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  char *found;

  found = attest_token_store_lookup_finish (result, &error);
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      report_keyring_problem (self, error);
    }

  if (found == NULL)
    {
      g_task_return_error (task, new_not_signed_in_error (self));
      return;
    }

  g_clear_pointer (&self->refresh_token, attest_secret_free);
  self->refresh_token = found;

  g_debug ("Found a refresh token in the keyring");
  attest_oauth_client_refresh_async (attest_session_get_oauth_client (self), self->refresh_token,
                                     cancellable, on_refreshed, g_steal_pointer (&task));
}

/* Gets a new access token with the refresh token in memory, else with the
 * one in the keyring; asks nobody anything. */
void
attest_session_sign_in_silently_async (AttestSession       *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  GError *error = NULL;

  g_return_if_fail (ATTEST_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_session_sign_in_silently_async);

  if (!attest_session_check_settings (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (self->refresh_token != NULL)
    {
      attest_oauth_client_refresh_async (attest_session_get_oauth_client (self),
                                         self->refresh_token, cancellable, on_refreshed,
                                         g_steal_pointer (&task));
      return;
    }

  attributes = new_keyring_attributes (self);
  attest_token_store_lookup_async (attributes, cancellable, on_refresh_token_found,
                                   g_steal_pointer (&task));
}

/* Finishes any of the sign-ins. */
gboolean
attest_session_sign_in_finish (AttestSession  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_keyring_item_cleared (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttestSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!attest_token_store_clear_finish (result, &error) && error != NULL)
    report_keyring_problem (self, error);

  g_task_return_boolean (task, TRUE);
}

/* Forgets the tokens and removes the refresh token from the keyring. */
void
attest_session_sign_out_async (AttestSession       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (ATTEST_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_session_sign_out_async);

  forget_tokens (self);
  g_info ("Signed out");

  attributes = new_keyring_attributes (self);
  attest_token_store_clear_async (attributes, cancellable, on_keyring_item_cleared,
                                  g_steal_pointer (&task));
}

gboolean
attest_session_sign_out_finish (AttestSession  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* AttestTokenProvider: the Partner Center client asks here for its token. */

static gboolean
access_token_is_fresh (AttestSession *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  return self->access_token != NULL && self->expires_at - REFRESH_MARGIN_SECONDS > now;
}

/* The client knows only the provider's error domain: a sign-in that is
 * gone or refused is said in it, with the sign-in's error as its cause. */
static GError *
to_provider_error (GError *error)
{
  if (g_error_matches (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_NOT_SIGNED_IN)
      || g_error_matches (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_GRANT))
    return attest_token_provider_error_new_caused (ATTEST_TOKEN_PROVIDER_ERROR_NOT_SIGNED_IN,
                                                   error);

  if (g_error_matches (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_MFA_REQUIRED))
    return attest_token_provider_error_new_caused (ATTEST_TOKEN_PROVIDER_ERROR_MFA_REQUIRED,
                                                   error);

  return error;
}

static void
on_provider_refreshed (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  AttestSession *self = ATTEST_SESSION (object);
  g_autoptr(GError) error = NULL;

  attest_session_sign_in_finish (self, result, &error);
  attest_token_queue_answer (self->waiting, self->access_token, error, to_provider_error);
}

static void
attest_session_get_token_async (AttestTokenProvider *provider,
                                AttestTokenFlags     flags,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  AttestSession *self = ATTEST_SESSION (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, attest_session_get_token_async);

  if ((flags & ATTEST_TOKEN_FLAGS_FORCE_REFRESH) == 0 && access_token_is_fresh (self))
    {
      g_task_return_pointer (task, g_strdup (self->access_token),
                               (GDestroyNotify) attest_secret_free);
      return;
    }

  /* Several requests refused at once share one refresh. */
  if (!attest_token_queue_add (self->waiting, g_steal_pointer (&task)))
    return;

  g_info ((flags & ATTEST_TOKEN_FLAGS_FORCE_REFRESH) != 0
          ? "Partner Center refused the access token; renewing it"
          : "Renewing the access token");
  attest_session_sign_in_silently_async (self, NULL, on_provider_refreshed, NULL);
}

static char *
attest_session_get_token_finish (AttestTokenProvider  *provider,
                                 GAsyncResult         *result,
                                 GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
attest_session_dup_fresh_token (AttestTokenProvider *provider)
{
  AttestSession *self = ATTEST_SESSION (provider);

  return access_token_is_fresh (self) ? g_strdup (self->access_token) : NULL;
}

static void
attest_session_token_provider_init (AttestTokenProviderInterface *iface)
{
  iface->get_token_async = attest_session_get_token_async;
  iface->get_token_finish = attest_session_get_token_finish;
  iface->dup_fresh_token = attest_session_dup_fresh_token;
}

static void
attest_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  AttestSession *self = ATTEST_SESSION (object);

  switch (prop_id)
    {
    case PROP_SIGNED_IN:
      g_value_set_boolean (value, attest_session_is_signed_in (self));
      break;
    case PROP_USER:
      g_value_set_string (value, attest_session_get_user (self));
      break;
    case PROP_TENANT_ID:
      g_value_set_string (value, attest_session_get_tenant_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_session_finalize (GObject *object)
{
  AttestSession *self = ATTEST_SESSION (object);

  forget_tokens (self);
  g_clear_pointer (&self->waiting, attest_token_queue_free);
  g_clear_object (&self->client);
  g_clear_pointer (&self->config, attest_config_free);

  G_OBJECT_CLASS (attest_session_parent_class)->finalize (object);
}

static void
attest_session_class_init (AttestSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = attest_session_get_property;
  object_class->finalize = attest_session_finalize;

  properties[PROP_SIGNED_IN] =
    g_param_spec_boolean ("signed-in", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TENANT_ID] =
    g_param_spec_string ("tenant-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The keyring cannot be used; emitted once, with a message for people. */
  signals[KEYRING_UNAVAILABLE] =
    g_signal_new ("keyring-unavailable", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
attest_session_init (AttestSession *self)
{
  self->config = attest_config_new ();
  self->browser_timeout_ms = ATTEST_SESSION_BROWSER_TIMEOUT_MS;
  self->waiting = attest_token_queue_new ();
}
