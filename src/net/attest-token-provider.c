/* attest-token-provider.c: where the client gets its bearer token
 *
 * The interface only; AttestSession (auth/) and AttestStaticTokenProvider
 * implement it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-token-provider"

#include "config.h"

#include "attest-token-provider.h"

G_DEFINE_QUARK (attest-token-provider-error-quark, attest_token_provider_error)

G_DEFINE_INTERFACE (AttestTokenProvider, attest_token_provider, G_TYPE_OBJECT)

static void
attest_token_provider_default_init (AttestTokenProviderInterface *iface)
{
}

void
attest_token_provider_get_token_async (AttestTokenProvider *self,
                                       AttestTokenFlags     flags,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (ATTEST_IS_TOKEN_PROVIDER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  ATTEST_TOKEN_PROVIDER_GET_IFACE (self)->get_token_async (self, flags, cancellable, callback,
                                                           user_data);
}

/* Returns the bearer token (free with g_free()). Tokens live only in memory. */
char *
attest_token_provider_get_token_finish (AttestTokenProvider  *self,
                                        GAsyncResult         *result,
                                        GError              **error)
{
  g_return_val_if_fail (ATTEST_IS_TOKEN_PROVIDER (self), NULL);

  return ATTEST_TOKEN_PROVIDER_GET_IFACE (self)->get_token_finish (self, result, error);
}

/* The token in hand, when it is good to use now and a provider has one
 * (free with g_free()); NULL means ask with
 * attest_token_provider_get_token_async(). It spares a request a trip
 * round the main loop before it goes out. */
char *
attest_token_provider_dup_fresh_token (AttestTokenProvider *self)
{
  AttestTokenProviderInterface *iface;

  g_return_val_if_fail (ATTEST_IS_TOKEN_PROVIDER (self), NULL);

  iface = ATTEST_TOKEN_PROVIDER_GET_IFACE (self);

  return iface->dup_fresh_token != NULL ? iface->dup_fresh_token (self) : NULL;
}
