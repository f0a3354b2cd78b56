/* attest-test-tokens.c: a token provider for tests, minting from the sandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-test-tokens.h"

static void attest_test_tokens_iface_init (AttestTokenProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttestTestTokens, attest_test_tokens, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ATTEST_TYPE_TOKEN_PROVIDER,
                                                      attest_test_tokens_iface_init))

static void
attest_test_tokens_get_token_async (AttestTokenProvider *provider,
                                    AttestTokenFlags     flags,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  AttestTestTokens *self = ATTEST_TEST_TOKENS (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  if (self->token == NULL || (flags & ATTEST_TOKEN_FLAGS_FORCE_REFRESH) != 0)
    {
      if (self->token != NULL)
        self->refreshes++;
      g_free (self->token);
      self->token = attest_sandbox_mint_access_token (self->sandbox, self->lifetime);
    }

  g_task_return_pointer (task, g_strdup (self->token), g_free);
}

static char *
attest_test_tokens_get_token_finish (AttestTokenProvider  *provider,
                                     GAsyncResult         *result,
                                     GError              **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
attest_test_tokens_iface_init (AttestTokenProviderInterface *iface)
{
  iface->get_token_async = attest_test_tokens_get_token_async;
  iface->get_token_finish = attest_test_tokens_get_token_finish;
}

static void
attest_test_tokens_finalize (GObject *object)
{
  AttestTestTokens *self = ATTEST_TEST_TOKENS (object);

  g_clear_object (&self->sandbox);
  g_free (self->token);
  G_OBJECT_CLASS (attest_test_tokens_parent_class)->finalize (object);
}

static void
attest_test_tokens_class_init (AttestTestTokensClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_test_tokens_finalize;
}

static void
attest_test_tokens_init (AttestTestTokens *self)
{
  self->lifetime = 3600;
}

AttestTestTokens *
attest_test_tokens_new (AttestSandbox *sandbox)
{
  AttestTestTokens *self = g_object_new (ATTEST_TYPE_TEST_TOKENS, NULL);

  self->sandbox = g_object_ref (sandbox);

  return self;
}
