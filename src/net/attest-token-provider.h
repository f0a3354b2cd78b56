/* attest-token-provider.h: where the client gets its bearer token
 *
 * The Partner Center client (partner/) and the sign-in (auth/) are peers:
 * neither sees the other. The client asks this interface for a token;
 * auth/ implements it with the real sign-in, app/ with the sandbox's
 * partner, and AttestStaticTokenProvider serves a token handed in from
 * outside (ATTEST_ACCESS_TOKEN).
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

GQuark        attest_token_provider_error_quark     (void);
GError       *attest_token_provider_error_new_caused (AttestTokenProviderError   code,
                                                      GError                    *cause);
const GError *attest_token_provider_error_get_cause  (const GError              *error);

void   attest_token_provider_get_token_async  (AttestTokenProvider  *self,
                                               AttestTokenFlags      flags,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
char  *attest_token_provider_get_token_finish (AttestTokenProvider  *self,
                                               GAsyncResult         *result,
                                               GError              **error);
char  *attest_token_provider_dup_fresh_token  (AttestTokenProvider  *self);

G_END_DECLS
