/* attest-static-token-provider.c: a bearer token handed in from outside
 *
 * ATTEST_ACCESS_TOKEN holds a token minted elsewhere: it is served as it
 * is until it expires, and cannot be renewed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-static-token-provider"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-static-token-provider.h"
#include "attest-token-claims.h"

struct _AttestStaticTokenProvider
{
  GObject  parent_instance;

  char    *token;
  gint64   expires_at;
};

static void attest_static_token_provider_iface_init (AttestTokenProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttestStaticTokenProvider, attest_static_token_provider,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ATTEST_TYPE_TOKEN_PROVIDER,
                                                      attest_static_token_provider_iface_init))

static gboolean
static_token_expired (AttestStaticTokenProvider *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  return self->expires_at > 0 && self->expires_at <= now;
}

static void
attest_static_token_provider_get_token_async (AttestTokenProvider *provider,
                                              AttestTokenFlags     flags,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  AttestStaticTokenProvider *self = ATTEST_STATIC_TOKEN_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, attest_static_token_provider_get_token_async);

  /* A token from outside cannot be renewed: once refused or expired, the
   * person has to bring a new one. */
  if ((flags & ATTEST_TOKEN_FLAGS_FORCE_REFRESH) != 0 || static_token_expired (self))
    {
      g_task_return_new_error (task, ATTEST_TOKEN_PROVIDER_ERROR,
                               ATTEST_TOKEN_PROVIDER_ERROR_EXPIRED,
                               _("The access token given to Attest has expired or was refused. "
                                 "Get a new one and run the command again."));
      return;
    }

  g_task_return_pointer (task, g_strdup (self->token), g_free);
}

static char *
attest_static_token_provider_get_token_finish (AttestTokenProvider  *provider,
                                               GAsyncResult         *result,
                                               GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
attest_static_token_provider_dup_fresh_token (AttestTokenProvider *provider)
{
  AttestStaticTokenProvider *self = ATTEST_STATIC_TOKEN_PROVIDER (provider);

  return static_token_expired (self) ? NULL : g_strdup (self->token);
}

static void
attest_static_token_provider_iface_init (AttestTokenProviderInterface *iface)
{
  iface->get_token_async = attest_static_token_provider_get_token_async;
  iface->get_token_finish = attest_static_token_provider_get_token_finish;
  iface->dup_fresh_token = attest_static_token_provider_dup_fresh_token;
}

static void
attest_static_token_provider_finalize (GObject *object)
{
  AttestStaticTokenProvider *self = ATTEST_STATIC_TOKEN_PROVIDER (object);

  g_free (self->token);

  G_OBJECT_CLASS (attest_static_token_provider_parent_class)->finalize (object);
}

static void
attest_static_token_provider_class_init (AttestStaticTokenProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_static_token_provider_finalize;
}

static void
attest_static_token_provider_init (AttestStaticTokenProvider *self)
{
}

AttestTokenProvider *
attest_static_token_provider_new (const char *token)
{
  AttestStaticTokenProvider *self;
  g_autoptr(AttestTokenClaims) claims = NULL;

  g_return_val_if_fail (token != NULL, NULL);

  self = g_object_new (ATTEST_TYPE_STATIC_TOKEN_PROVIDER, NULL);
  self->token = g_strdup (token);

  claims = attest_token_claims_parse (token, NULL);
  if (claims != NULL)
    self->expires_at = claims->expires_at;

  return ATTEST_TOKEN_PROVIDER (self);
}
