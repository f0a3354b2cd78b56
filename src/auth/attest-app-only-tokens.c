/* attest-app-only-tokens.c: the tokens of the AppOnly credential, for the
 * Partner Center routes that take no user
 *
 * The partner's web app gets its tokens by the client-credentials grant
 * in the partner's own tenant. A token is kept in memory until shortly
 * before it expires, and requests that need one meanwhile share one
 * grant. A token of another tenant than the App+User sign-in's is
 * refused: the two credentials must speak for the same partner. The
 * client secret lives in memory for as long as this object does, and is
 * overwritten when it goes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-app-only-tokens"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-app-only-tokens.h"
#include "attest-auth-error.h"
#include "attest-authority.h"
#include "attest-oauth-client.h"
#include "attest-token-claims.h"
#include "attest-token-queue.h"

/* Get a new token this long before the last one expires, or halfway
 * through a shorter life. */
#define RENEW_MARGIN_SECONDS (5 * 60)

struct _AttestAppOnlyTokens
{
  GObject            parent_instance;

  AttestOAuthClient *client;
  char              *authority;
  char              *tenant;            /* where tokens are asked for: a GUID or a domain */
  char              *application_id;
  char              *secret;
  char              *expected_tenant_id;

  /* The last token; secret, only in memory. */
  char              *access_token;
  char              *tenant_id;
  gint64             renew_at;

  /* Token requests waiting for the one grant under way. */
  AttestTokenQueue  *waiting;
};

static void attest_app_only_tokens_iface_init (AttestTokenProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttestAppOnlyTokens, attest_app_only_tokens, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ATTEST_TYPE_TOKEN_PROVIDER,
                                                      attest_app_only_tokens_iface_init))

/* Tokens for the web app @application_id in the partner tenant @tenant
 * (its ID or its domain, never "organizations"), with its client
 * @secret, from the Entra ID at @authority. */
AttestAppOnlyTokens *
attest_app_only_tokens_new (const char *authority,
                            const char *tenant,
                            const char *application_id,
                            const char *secret)
{
  AttestAppOnlyTokens *self;

  g_return_val_if_fail (authority != NULL && tenant != NULL, NULL);
  g_return_val_if_fail (application_id != NULL && secret != NULL, NULL);

  self = g_object_new (ATTEST_TYPE_APP_ONLY_TOKENS, NULL);
  self->authority = attest_authority_dup_normalized (authority);
  self->tenant = g_strstrip (g_strdup (tenant));
  self->application_id = g_strstrip (g_ascii_strdown (application_id, -1));
  self->secret = g_strdup (secret);
  self->client = attest_oauth_client_new (self->authority, self->tenant, self->application_id);

  return self;
}

const char *
attest_app_only_tokens_get_application_id (AttestAppOnlyTokens *self)
{
  g_return_val_if_fail (ATTEST_IS_APP_ONLY_TOKENS (self), NULL);

  return self->application_id;
}

const char *
attest_app_only_tokens_get_authority (AttestAppOnlyTokens *self)
{
  g_return_val_if_fail (ATTEST_IS_APP_ONLY_TOKENS (self), NULL);

  return self->authority;
}

/* The tenant the tokens are asked for, as it was given. */
const char *
attest_app_only_tokens_get_tenant (AttestAppOnlyTokens *self)
{
  g_return_val_if_fail (ATTEST_IS_APP_ONLY_TOKENS (self), NULL);

  return self->tenant;
}

/* The partner tenant's ID as the last token named it (tid), NULL before
 * the first token. */
const char *
attest_app_only_tokens_get_tenant_id (AttestAppOnlyTokens *self)
{
  g_return_val_if_fail (ATTEST_IS_APP_ONLY_TOKENS (self), NULL);

  return self->tenant_id;
}

static void
forget_token (AttestAppOnlyTokens *self)
{
  g_clear_pointer (&self->access_token, attest_secret_free);
  self->renew_at = 0;
}

/* The partner tenant of the App+User sign-in, which every token must
 * name; NULL while nobody is signed in. */
void
attest_app_only_tokens_set_expected_tenant_id (AttestAppOnlyTokens *self,
                                               const char          *tenant_id)
{
  g_return_if_fail (ATTEST_IS_APP_ONLY_TOKENS (self));

  if (g_strcmp0 (tenant_id, self->expected_tenant_id) == 0)
    return;

  g_free (self->expected_tenant_id);
  self->expected_tenant_id = g_strdup (tenant_id);
  /* The token in hand was checked against another tenant. */
  forget_token (self);
}

const char *
attest_app_only_tokens_get_expected_tenant_id (AttestAppOnlyTokens *self)
{
  g_return_val_if_fail (ATTEST_IS_APP_ONLY_TOKENS (self), NULL);

  return self->expected_tenant_id;
}

/* What the keyring keeps of this credential: its tenant as the tokens
 * name it once one came, else as it was given. */
AttestAppCredential *
attest_app_only_tokens_dup_credential (AttestAppOnlyTokens *self)
{
  g_return_val_if_fail (ATTEST_IS_APP_ONLY_TOKENS (self), NULL);

  return attest_app_credential_new (self->authority,
                                    self->tenant_id != NULL ? self->tenant_id : self->tenant,
                                    self->application_id, self->secret);
}

static gboolean
token_is_fresh (AttestAppOnlyTokens *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  return self->access_token != NULL && self->renew_at > now;
}

/* Takes @response's token when it is one of the partner's tenant. */
static gboolean
accept_token (AttestAppOnlyTokens  *self,
              AttestTokenResponse  *response,
              GError              **error)
{
  g_autoptr(AttestTokenClaims) claims = attest_token_claims_parse (response->access_token, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 lifetime;

  if (claims == NULL || claims->tenant_id == NULL)
    {
      g_set_error_literal (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_RESPONSE,
                           _("Microsoft Entra ID answered the AppOnly credential with a token "
                             "that names no tenant."));
      return FALSE;
    }

  if (self->expected_tenant_id != NULL
      && g_ascii_strcasecmp (claims->tenant_id, self->expected_tenant_id) != 0)
    {
      g_set_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_WRONG_TENANT,
                   _("The AppOnly credential belongs to the tenant %s, but you are signed in to "
                     "the partner tenant %s. Both must be the partner’s own: enter the web app "
                     "of your partner tenant, from Partner Center’s Account settings › App "
                     "management."),
                   claims->tenant_id, self->expected_tenant_id);
      return FALSE;
    }

  lifetime = response->expires_in > 0 ? response->expires_in : claims->expires_at - now;
  g_clear_pointer (&self->access_token, attest_secret_free);
  self->access_token = g_steal_pointer (&response->access_token);
  g_free (self->tenant_id);
  self->tenant_id = g_ascii_strdown (claims->tenant_id, -1);
  self->renew_at = now + lifetime - MIN (RENEW_MARGIN_SECONDS, lifetime / 2);

  g_info ("AppOnly token for tenant %s; it expires in %" G_GINT64_FORMAT " s", self->tenant_id,
          lifetime);

  return TRUE;
}

/* The client knows only the provider's error domain: a secret that is
 * refused or expired, or a credential of another tenant, is said in it,
 * with the credential's own error as its cause. */
static GError *
to_provider_error (GError *error)
{
  if (g_error_matches (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_CLIENT_SECRET_EXPIRED))
    return attest_token_provider_error_new_caused (ATTEST_TOKEN_PROVIDER_ERROR_EXPIRED, error);

  if (g_error_matches (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_CLIENT_SECRET_REFUSED)
      || g_error_matches (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_APP_NOT_FOUND)
      || g_error_matches (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_WRONG_TENANT)
      || g_error_matches (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_GRANT))
    return attest_token_provider_error_new_caused (ATTEST_TOKEN_PROVIDER_ERROR_NOT_SIGNED_IN,
                                                   error);

  return error;
}

static void
on_app_token (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AttestAppOnlyTokens) self = user_data;
  g_autoptr(AttestTokenResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = attest_oauth_client_get_token_finish (ATTEST_OAUTH_CLIENT (object), result, &error);
  if (response == NULL || !accept_token (self, response, &error))
    {
      g_info ("No AppOnly token: %s", error->message);
      forget_token (self);
    }

  attest_token_queue_answer (self->waiting, self->access_token, error, to_provider_error);
}

static void
attest_app_only_tokens_get_token_async (AttestTokenProvider *provider,
                                        AttestTokenFlags     flags,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  AttestAppOnlyTokens *self = ATTEST_APP_ONLY_TOKENS (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, attest_app_only_tokens_get_token_async);

  if ((flags & ATTEST_TOKEN_FLAGS_FORCE_REFRESH) == 0 && token_is_fresh (self))
    {
      g_task_return_pointer (task, g_strdup (self->access_token),
                             (GDestroyNotify) attest_secret_free);
      return;
    }

  /* Several requests refused at once share one grant. */
  if (!attest_token_queue_add (self->waiting, g_steal_pointer (&task)))
    return;

  g_info ((flags & ATTEST_TOKEN_FLAGS_FORCE_REFRESH) != 0
          ? "Partner Center refused the AppOnly token; getting a new one"
          : "Getting an AppOnly token");
  attest_oauth_client_request_app_token_async (self->client, self->secret, NULL, on_app_token,
                                               g_object_ref (self));
}

static char *
attest_app_only_tokens_get_token_finish (AttestTokenProvider  *provider,
                                         GAsyncResult         *result,
                                         GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
attest_app_only_tokens_dup_fresh_token (AttestTokenProvider *provider)
{
  AttestAppOnlyTokens *self = ATTEST_APP_ONLY_TOKENS (provider);

  return token_is_fresh (self) ? g_strdup (self->access_token) : NULL;
}

static void
attest_app_only_tokens_iface_init (AttestTokenProviderInterface *iface)
{
  iface->get_token_async = attest_app_only_tokens_get_token_async;
  iface->get_token_finish = attest_app_only_tokens_get_token_finish;
  iface->dup_fresh_token = attest_app_only_tokens_dup_fresh_token;
}

static void
attest_app_only_tokens_finalize (GObject *object)
{
  AttestAppOnlyTokens *self = ATTEST_APP_ONLY_TOKENS (object);

  forget_token (self);
  g_clear_pointer (&self->secret, attest_secret_free);
  g_clear_pointer (&self->waiting, attest_token_queue_free);
  g_clear_object (&self->client);
  g_free (self->authority);
  g_free (self->tenant);
  g_free (self->application_id);
  g_free (self->expected_tenant_id);
  g_free (self->tenant_id);

  G_OBJECT_CLASS (attest_app_only_tokens_parent_class)->finalize (object);
}

static void
attest_app_only_tokens_class_init (AttestAppOnlyTokensClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_app_only_tokens_finalize;
}

static void
attest_app_only_tokens_init (AttestAppOnlyTokens *self)
{
  self->waiting = attest_token_queue_new ();
}
