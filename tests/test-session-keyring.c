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

static GList *
search_items (void)
{
  g_autoptr(GHashTable) any = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GList *items;

  items = secret_password_searchv_sync (attest_token_store_get_schema (), any,
                                        SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK, NULL, &error);
  g_assert_no_error (error);

  return items;
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
  g_autofree char *label = NULL;
  GList *items;

  g_assert_null (search_items ());

  /* Store: one item, with the schema's attributes. */
  g_assert_true (attest_test_sign_in_with_browser (session, &error));
  g_assert_no_error (error);

  items = search_items ();
  g_assert_cmpuint (g_list_length (items), ==, 1);
  attributes = secret_retrievable_get_attributes (items->data);
  label = secret_retrievable_get_label (items->data);
  g_list_free_full (items, g_object_unref);

  g_assert_cmpstr (g_hash_table_lookup (attributes, "xdg:schema"), ==,
                   "io.github.attest.Attest.Token");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "authority"), ==,
                   attest_sandbox_get_uri (sandbox));
  g_assert_cmpstr (g_hash_table_lookup (attributes, "tenant"), ==, "attestsandbox.onmicrosoft.com");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "client-id"), ==,
                   attest_sandbox_get_app_id (sandbox));
  g_assert_cmpstr (g_hash_table_lookup (attributes, "user"), ==, attest_sandbox_get_user (sandbox));
  g_assert_nonnull (strstr (label, attest_sandbox_get_user (sandbox)));

  /* Lookup: a new run signs in from it, without a browser. */
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
  g_assert_null (search_items ());
  after_sign_out = attest_session_new (config);
  g_assert_false (attest_test_sign_in_silently (after_sign_out, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_NOT_SIGNED_IN);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *root = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  root = attest_test_isolate_sign_in ();

  g_test_add_func ("/session-keyring/store-lookup-clear", test_keyring_store_lookup_clear);

  status = g_test_run ();
  attest_test_remove_tree (root);

  return status;
}
