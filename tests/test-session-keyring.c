/* test-session-keyring.c: the refresh token in a real gnome-keyring
 * (keyring suite, run through keyring-session.sh)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "attest-auth-error.h"
#include "attest-test-sign-in.h"
#include "attest-test-utils.h"
#include "attest-token-store.h"

static GHashTable *
sandbox_attributes (AttestSandbox *sandbox)
{
  const char *user = attest_sandbox_get_user (sandbox);

  return attest_token_store_new_attributes (attest_sandbox_get_uri (sandbox),
                                            strrchr (user, '@') + 1,
                                            attest_sandbox_get_app_id (sandbox), user);
}

static void
test_keyring_store_lookup_clear (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_test_start_sandbox ();
  g_autoptr(AttestConfig) config = attest_test_new_sandbox_config (sandbox);
  g_autoptr(AttestSession) session = attest_session_new (config);
  g_autoptr(AttestSession) next_run = NULL;
  g_autoptr(AttestSession) after_sign_out = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  char *found;

  stored = attest_test_lookup_refresh_token (sandbox);
  g_assert_null (stored);

  /* Store: one item, under the schema's name and its four attributes;
   * another user's attributes find nothing. */
  g_assert_true (attest_test_sign_in_with_browser (session, &error));
  g_assert_no_error (error);

  attributes = sandbox_attributes (sandbox);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "tenant"), ==, "attestsandbox.onmicrosoft.com");
  found = secret_password_lookupv_sync (attest_token_store_get_schema (), attributes, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  secret_password_free (found);

  g_hash_table_insert (attributes, "user", g_strdup ("someone-else@attestsandbox.onmicrosoft.com"));
  found = secret_password_lookupv_sync (attest_token_store_get_schema (), attributes, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);

  /* Lookup: a new run signs in from it, without a browser. */
  g_clear_pointer (&stored, g_free);
  stored = attest_test_lookup_refresh_token (sandbox);
  g_assert_nonnull (stored);
  attest_sandbox_set_auto_approve (sandbox, FALSE);
  next_run = attest_session_new (config);
  g_assert_true (attest_test_sign_in_silently (next_run, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (attest_session_get_tenant_id (next_run), ==,
                   attest_sandbox_get_tenant_id (sandbox));

  /* Clear: sign-out removes the item. */
  attest_test_sign_out (next_run);
  g_clear_pointer (&stored, g_free);
  stored = attest_test_lookup_refresh_token (sandbox);
  g_assert_null (stored);
  after_sign_out = attest_session_new (config);
  g_assert_false (attest_test_sign_in_silently (after_sign_out, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_NOT_SIGNED_IN);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_SIGN_IN);

  g_test_add_func ("/session-keyring/store-lookup-clear", test_keyring_store_lookup_clear);

  return g_test_run ();
}
