/* attest-sandbox-tokens.c: the tokens of the sandbox's partner, for
 * `--sandbox` and the tests
 *
 * With the sandbox running in this process, Attest is signed in as its
 * partner: tokens are minted by the sandbox itself, as long-lived as the
 * ones its Entra ID hands out, a new one whenever the last expires or is
 * refused, as a refresh would bring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-tokens"

#include "config.h"

#include "attest-sandbox-tokens.h"
#include "attest-token-claims.h"

struct _AttestSandboxTokens
{
  GObject        parent_instance;

  AttestSandbox *sandbox;
  char          *token;
  gint64         expires_at;
};

static void attest_sandbox_tokens_iface_init (AttestTokenProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttestSandboxTokens, attest_sandbox_tokens, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ATTEST_TYPE_TOKEN_PROVIDER,
                                                      attest_sandbox_tokens_iface_init))

static void
attest_sandbox_tokens_get_token_async (AttestTokenProvider *provider,
                                       AttestTokenFlags     flags,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  AttestSandboxTokens *self = ATTEST_SANDBOX_TOKENS (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_task_set_source_tag (task, attest_sandbox_tokens_get_token_async);

  /* A minute of margin, as a signed-in session refreshes ahead of time. */
  if (self->token == NULL || (flags & ATTEST_TOKEN_FLAGS_FORCE_REFRESH) != 0
      || self->expires_at - 60 <= now)
    {
      guint lifetime = attest_sandbox_get_token_lifetime (self->sandbox);
      g_autoptr(AttestTokenClaims) claims = NULL;

      g_free (self->token);
      self->token = attest_sandbox_mint_access_token (self->sandbox, lifetime);
      claims = attest_token_claims_parse (self->token, NULL);
      self->expires_at = claims != NULL ? claims->expires_at : 0;
    }

  g_task_return_pointer (task, g_strdup (self->token), g_free);
}

static char *
attest_sandbox_tokens_dup_fresh_token (AttestTokenProvider *provider)
{
  AttestSandboxTokens *self = ATTEST_SANDBOX_TOKENS (provider);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  return self->token != NULL && self->expires_at - 60 > now ? g_strdup (self->token) : NULL;
}

static char *
attest_sandbox_tokens_get_token_finish (AttestTokenProvider  *provider,
                                        GAsyncResult         *result,
                                        GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
attest_sandbox_tokens_iface_init (AttestTokenProviderInterface *iface)
{
  iface->get_token_async = attest_sandbox_tokens_get_token_async;
  iface->get_token_finish = attest_sandbox_tokens_get_token_finish;
  iface->dup_fresh_token = attest_sandbox_tokens_dup_fresh_token;
}

static void
attest_sandbox_tokens_finalize (GObject *object)
{
  AttestSandboxTokens *self = ATTEST_SANDBOX_TOKENS (object);

  g_clear_object (&self->sandbox);
  g_free (self->token);

  G_OBJECT_CLASS (attest_sandbox_tokens_parent_class)->finalize (object);
}

static void
attest_sandbox_tokens_class_init (AttestSandboxTokensClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_sandbox_tokens_finalize;
}

static void
attest_sandbox_tokens_init (AttestSandboxTokens *self)
{
}

AttestTokenProvider *
attest_sandbox_tokens_new (AttestSandbox *sandbox)
{
  AttestSandboxTokens *self;

  g_return_val_if_fail (ATTEST_IS_SANDBOX (sandbox), NULL);

  self = g_object_new (ATTEST_TYPE_SANDBOX_TOKENS, NULL);
  self->sandbox = g_object_ref (sandbox);

  return ATTEST_TOKEN_PROVIDER (self);
}
