/* attest-token-provider.h: where the client gets its bearer token
 *
 * The client sits below sign-in in the layers, so it asks this interface
 * for a token; auth/ implements it with the real sign-in, and
 * AttestStaticTokenProvider serves a token handed in from outside
 * (ATTEST_ACCESS_TOKEN, the sandbox).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATTEST_TOKEN_PROVIDER_ERROR (attest_token_provider_error_quark ())

typedef enum
{
  ATTEST_TOKEN_PROVIDER_ERROR_EXPIRED,      /* the token expired and cannot be renewed */
  ATTEST_TOKEN_PROVIDER_ERROR_NOT_SIGNED_IN,
  ATTEST_TOKEN_PROVIDER_ERROR_MFA_REQUIRED,
} AttestTokenProviderError;

typedef enum
{
  ATTEST_TOKEN_FLAGS_NONE          = 0,
  /* The server refused the current token (401): get a new one, once. */
  ATTEST_TOKEN_FLAGS_FORCE_REFRESH = 1 << 0,
} AttestTokenFlags;

#define ATTEST_TYPE_TOKEN_PROVIDER (attest_token_provider_get_type ())

G_DECLARE_INTERFACE (AttestTokenProvider, attest_token_provider, ATTEST, TOKEN_PROVIDER, GObject)

struct _AttestTokenProviderInterface
{
  GTypeInterface parent_iface;

  void  (*get_token_async)  (AttestTokenProvider  *self,
                             AttestTokenFlags      flags,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data);
  char *(*get_token_finish) (AttestTokenProvider  *self,
                             GAsyncResult         *result,
                             GError              **error);
  char *(*dup_fresh_token)  (AttestTokenProvider  *self);
};

GQuark attest_token_provider_error_quark   (void);
void   attest_token_provider_get_token_async  (AttestTokenProvider  *self,
                                               AttestTokenFlags      flags,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
char  *attest_token_provider_get_token_finish (AttestTokenProvider  *self,
                                               GAsyncResult         *result,
                                               GError              **error);
char  *attest_token_provider_dup_fresh_token  (AttestTokenProvider  *self);

#define ATTEST_TYPE_STATIC_TOKEN_PROVIDER (attest_static_token_provider_get_type ())

G_DECLARE_FINAL_TYPE (AttestStaticTokenProvider, attest_static_token_provider, ATTEST,
                      STATIC_TOKEN_PROVIDER, GObject)

AttestTokenProvider *attest_static_token_provider_new (const char *token);

G_END_DECLS
