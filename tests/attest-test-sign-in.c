/* attest-test-sign-in.c: a sandbox to sign in to, and sign-ins run to their
 * end, for the tests of sign-in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "attest-app-credential.h"
#include "attest-test-sign-in.h"
#include "attest-test-utils.h"
#include "attest-token-store.h"

/* A sandbox on 127.0.0.1 whose sign-in page approves at once. */
AttestSandbox *
attest_test_start_sandbox (void)
{
  g_autoptr(GError) error = NULL;
  AttestSandbox *sandbox = attest_sandbox_new (42);

  attest_sandbox_start (sandbox, 0, &error);
  g_assert_no_error (error);
  attest_sandbox_set_auto_approve (sandbox, TRUE);

  return sandbox;
}

/* Settings that sign the sandbox's user in with its app registration. */
AttestConfig *
attest_test_new_sandbox_config (AttestSandbox *sandbox)
{
  AttestConfig *config = attest_config_new ();

  g_free (config->app_id);
  config->app_id = g_strdup (attest_sandbox_get_app_id (sandbox));
  g_free (config->user);
  config->user = g_strdup (attest_sandbox_get_user (sandbox));
  g_free (config->authority);
  config->authority = g_strdup (attest_sandbox_get_uri (sandbox));

  return config;
}

static gboolean
result_arrived (gpointer user_data)
{
  return *(GAsyncResult **) user_data != NULL;
}

GAsyncResult *
attest_test_wait_for_result (GAsyncResult **slot)
{
  g_assert_true (attest_test_wait_until (result_arrived, slot, 60000));

  return *slot;
}

gboolean
attest_test_sign_in_with_browser (AttestSession  *session,
                                  GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  attest_session_sign_in_with_browser_async (session, NULL, attest_test_store_result, &result);

  return attest_session_sign_in_finish (session, attest_test_wait_for_result (&result), error);
}

gboolean
attest_test_sign_in_silently (AttestSession  *session,
                              GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  attest_session_sign_in_silently_async (session, NULL, attest_test_store_result, &result);

  return attest_session_sign_in_finish (session, attest_test_wait_for_result (&result), error);
}

gboolean
attest_test_sign_in_with_device_code (AttestSession           *session,
                                      const AttestDeviceCode  *code,
                                      GCancellable            *cancellable,
                                      GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  attest_session_sign_in_with_device_code_async (session, code, cancellable,
                                                 attest_test_store_result, &result);

  return attest_session_sign_in_finish (session, attest_test_wait_for_result (&result), error);
}

/* Asks @session for a token as the Partner Center client does. */
char *
attest_test_get_token (AttestSession     *session,
                       AttestTokenFlags   flags,
                       GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  attest_token_provider_get_token_async (ATTEST_TOKEN_PROVIDER (session), flags, NULL,
                                         attest_test_store_result, &result);

  return attest_token_provider_get_token_finish (ATTEST_TOKEN_PROVIDER (session),
                                                 attest_test_wait_for_result (&result), error);
}

void
attest_test_sign_out (AttestSession *session)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  attest_session_sign_out_async (session, NULL, attest_test_store_result, &result);
  g_assert_true (attest_session_sign_out_finish (session, attest_test_wait_for_result (&result),
                                                 &error));
  g_assert_no_error (error);
}

/* The refresh token stored for the sandbox's user, or NULL. */
char *
attest_test_lookup_refresh_token (AttestSandbox *sandbox)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) error = NULL;
  const char *user = attest_sandbox_get_user (sandbox);
  char *found;
  char *copy;

  attributes = attest_token_store_new_attributes (attest_sandbox_get_uri (sandbox),
                                                  strrchr (user, '@') + 1,
                                                  attest_sandbox_get_app_id (sandbox), user);
  found = secret_password_lookupv_sync (attest_token_store_get_schema (), attributes, NULL, &error);
  g_assert_no_error (error);

  copy = g_strdup (found);
  secret_password_free (found);

  return copy;
}

/* Adds the AppOnly credential to @connection, as the window and the
 * command line do. */
gboolean
attest_test_add_app_credential (AttestConnection  *connection,
                                const char        *application_id,
                                const char        *secret,
                                GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  attest_connection_add_app_credential_async (connection, application_id, secret, NULL,
                                              attest_test_store_result, &result);

  return attest_connection_add_app_credential_finish (connection,
                                                      attest_test_wait_for_result (&result),
                                                      error);
}

/* Loads the AppOnly credential the keyring keeps; fails the test when the
 * keyring cannot be asked. */
void
attest_test_load_app_credential (AttestConnection *connection)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  attest_connection_load_app_credential_async (connection, NULL, attest_test_store_result,
                                               &result);
  g_assert_true (attest_connection_load_app_credential_finish (connection,
                                                               attest_test_wait_for_result (&result),
                                                               &error));
  g_assert_no_error (error);
}

/* Whether there was an AppOnly credential to remove. */
gboolean
attest_test_remove_app_credential (AttestConnection *connection)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean removed;

  attest_connection_remove_app_credential_async (connection, NULL, attest_test_store_result,
                                                 &result);
  removed = attest_connection_remove_app_credential_finish (connection,
                                                            attest_test_wait_for_result (&result),
                                                            &error);
  g_assert_no_error (error);

  return removed;
}

/* The client secret the keyring keeps for @application_id in the
 * sandbox's partner tenant, or NULL. */
char *
attest_test_lookup_app_secret (AttestSandbox *sandbox,
                               const char    *application_id)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) error = NULL;
  char *found;
  char *copy;

  attributes = attest_app_credential_new_attributes (attest_sandbox_get_uri (sandbox),
                                                     attest_sandbox_get_tenant_id (sandbox),
                                                     application_id);
  found = secret_password_lookupv_sync (attest_app_credential_get_schema (), attributes, NULL,
                                        &error);
  g_assert_no_error (error);

  copy = g_strdup (found);
  secret_password_free (found);

  return copy;
}

/* How many requests whose path ends with @path_suffix the sandbox got. */
guint
attest_test_count_requests (AttestSandbox *sandbox,
                            const char    *method,
                            const char    *path_suffix)
{
  guint count = 0;

  for (guint i = 0; i < attest_sandbox_get_request_count (sandbox); i++)
    {
      const AttestSandboxRequest *request = attest_sandbox_get_request (sandbox, i);

      if (g_str_equal (request->method, method) && g_str_has_suffix (request->path, path_suffix))
        count++;
    }

  return count;
}
