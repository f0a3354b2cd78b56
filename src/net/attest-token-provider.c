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

/* A provider's own failure (a refused refresh, a sign-in that is gone) is
 * said in the provider's domain, which the client knows, and keeps the
 * original error as its cause for whoever knows more. */
typedef struct
{
  GError *cause;
} AttestTokenProviderErrorPrivate;

static void
attest_token_provider_error_private_init (AttestTokenProviderErrorPrivate *priv)
{
}

static void
attest_token_provider_error_private_copy (const AttestTokenProviderErrorPrivate *src,
                                          AttestTokenProviderErrorPrivate       *dest)
{
  dest->cause = src->cause != NULL ? g_error_copy (src->cause) : NULL;
}

static void
attest_token_provider_error_private_clear (AttestTokenProviderErrorPrivate *priv)
{
  g_clear_error (&priv->cause);
}

G_DEFINE_EXTENDED_ERROR (AttestTokenProviderError, attest_token_provider_error)

/* An error of the provider's domain with @cause's message, holding @cause
 * (which it takes). */
GError *
attest_token_provider_error_new_caused (AttestTokenProviderError  code,
                                        GError                   *cause)
{
  GError *error;

  g_return_val_if_fail (cause != NULL, NULL);

  error = g_error_new_literal (ATTEST_TOKEN_PROVIDER_ERROR, code, cause->message);
  attest_token_provider_error_get_private (error)->cause = cause;

  return error;
}

/* The error a provider's error stands for, or NULL. */
const GError *
attest_token_provider_error_get_cause (const GError *error)
{
  AttestTokenProviderErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  priv = attest_token_provider_error_get_private (error);

  return priv != NULL ? priv->cause : NULL;
}

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
