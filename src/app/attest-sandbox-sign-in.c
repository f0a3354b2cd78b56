/* attest-sandbox-sign-in.c: signed in as the partner of a sandbox in
 * another process
 *
 * `attest sandbox --auto-approve` approves a device code as soon as it is
 * asked for one, so a program that talks to it (the submit benchmark, the
 * fault soak) signs in without a person: the device code flow, then the
 * refresh token whenever Partner Center refuses the access token, as the
 * real sign-in does. Nothing is kept in the keyring.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-sign-in"

#include "config.h"

#include "attest-oauth-client.h"
#include "attest-sandbox-sign-in.h"

struct _AttestSandboxSignIn
{
  GObject            parent_instance;

  AttestOAuthClient *oauth;
  char              *access_token;   /* secrets */
  char              *refresh_token;
  GPtrArray         *waiting;        /* tasks waiting for the refresh under way, or NULL */
};

static void attest_sandbox_sign_in_iface_init (AttestTokenProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AttestSandboxSignIn, attest_sandbox_sign_in, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ATTEST_TYPE_TOKEN_PROVIDER,
                                                      attest_sandbox_sign_in_iface_init))

/* Keeps the tokens of @response, which it takes. */
static void
take_tokens (AttestSandboxSignIn *self,
             AttestTokenResponse *response)
{
  g_clear_pointer (&self->access_token, attest_secret_free);
  self->access_token = g_steal_pointer (&response->access_token);
  if (response->refresh_token != NULL)
    {
      g_clear_pointer (&self->refresh_token, attest_secret_free);
      self->refresh_token = g_steal_pointer (&response->refresh_token);
    }
  attest_token_response_free (response);
}

/* One refresh at a time, as the real sign-in does: a refresh token is good
 * for one use, so refreshes side by side would fail all but one. */
static void
on_refreshed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AttestSandboxSignIn) self = user_data;
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);
  g_autoptr(GError) error = NULL;
  AttestTokenResponse *response;

  response = attest_oauth_client_get_token_finish (self->oauth, result, &error);
  if (response != NULL)
    {
      g_debug ("Renewed the sandbox partner's access token");
      take_tokens (self, response);
    }

  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_pointer (task, g_strdup (self->access_token),
                               (GDestroyNotify) attest_secret_free);
    }
}

static void
attest_sandbox_sign_in_get_token_async (AttestTokenProvider *provider,
                                        AttestTokenFlags     flags,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  AttestSandboxSignIn *self = ATTEST_SANDBOX_SIGN_IN (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, attest_sandbox_sign_in_get_token_async);

  if ((flags & ATTEST_TOKEN_FLAGS_FORCE_REFRESH) == 0 && self->waiting == NULL)
    {
      g_task_return_pointer (task, g_strdup (self->access_token),
                             (GDestroyNotify) attest_secret_free);
      return;
    }

  if (self->waiting != NULL)
    {
      g_ptr_array_add (self->waiting, g_steal_pointer (&task));
      return;
    }

  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->waiting, g_steal_pointer (&task));
  attest_oauth_client_refresh_async (self->oauth, self->refresh_token, NULL, on_refreshed,
                                     g_object_ref (self));
}

static char *
attest_sandbox_sign_in_get_token_finish (AttestTokenProvider  *provider,
                                         GAsyncResult         *result,
                                         GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
attest_sandbox_sign_in_iface_init (AttestTokenProviderInterface *iface)
{
  iface->get_token_async = attest_sandbox_sign_in_get_token_async;
  iface->get_token_finish = attest_sandbox_sign_in_get_token_finish;
}

static void
attest_sandbox_sign_in_finalize (GObject *object)
{
  AttestSandboxSignIn *self = ATTEST_SANDBOX_SIGN_IN (object);

  g_clear_object (&self->oauth);
  g_clear_pointer (&self->access_token, attest_secret_free);
  g_clear_pointer (&self->refresh_token, attest_secret_free);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);

  G_OBJECT_CLASS (attest_sandbox_sign_in_parent_class)->finalize (object);
}

static void
attest_sandbox_sign_in_class_init (AttestSandboxSignInClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_sandbox_sign_in_finalize;
}

static void
attest_sandbox_sign_in_init (AttestSandboxSignIn *self)
{
}

static void
on_signed_in (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttestSandboxSignIn *self = g_task_get_source_object (task);
  GError *error = NULL;
  AttestTokenResponse *response;

  response = attest_oauth_client_get_token_finish (self->oauth, result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  take_tokens (self, response);
  g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

static void
on_device_code (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttestSandboxSignIn *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(AttestDeviceCode) code = NULL;
  GError *error = NULL;

  code = attest_oauth_client_request_device_code_finish (self->oauth, result, &error);
  if (code == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Approved already: the first poll brings the tokens. */
  attest_oauth_client_poll_device_code_async (self->oauth, code->device_code, cancellable,
                                              on_signed_in, g_steal_pointer (&task));
}

/* Signs in to the sandbox at @uri, which must approve device codes by
 * itself, as the application @app_id. */
void
attest_sandbox_sign_in_new_async (const char          *uri,
                                  const char          *app_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(AttestSandboxSignIn) self = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (uri != NULL && app_id != NULL);

  self = g_object_new (ATTEST_TYPE_SANDBOX_SIGN_IN, NULL);
  self->oauth = attest_oauth_client_new (uri, "organizations", app_id);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_sandbox_sign_in_new_async);
  attest_oauth_client_request_device_code_async (self->oauth, cancellable, on_device_code,
                                                 g_steal_pointer (&task));
}

/* The signed-in token provider, or NULL with @error set. */
AttestTokenProvider *
attest_sandbox_sign_in_new_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
