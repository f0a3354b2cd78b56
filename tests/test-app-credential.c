/* test-app-credential.c: the AppOnly credential's keyring item (unit
 * suite; libsecret's file backend)
 *
 * libsecret's file backend reads its file once per process, and loses the
 * etag of a file it loaded when it writes it again (see meson.build), so
 * each step runs in a process of its own, and writes only a keyring that
 * was not there; they share the program's keyring file. Removing the item
 * is tested on a real gnome-keyring, in test-app-credential-keyring.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "attest-app-credential.h"
#include "attest-test-utils.h"

#define AUTHORITY      "https://login.microsoftonline.com"
#define TENANT_ID      "0F1E2D3C-4B5A-4978-8796-A5B4C3D2E1F0"
#define OTHER_TENANT   "11111111-2222-4333-8444-555555555555"
#define APPLICATION_ID "6B7C8D9E-0F1A-4B2C-9D3E-4F5A6B7C8D9E"
#define SECRET         "Qx78Q~attest-app-credential-test-secret"

static AttestAppCredential *
lookup (const char *authority,
        const char *tenant_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  AttestAppCredential *credential;

  attest_app_credential_lookup_async (authority, tenant_id, NULL, attest_test_store_result,
                                      &slot);
  result = attest_test_wait_result (&slot);
  credential = attest_app_credential_lookup_finish (result, &error);
  g_assert_no_error (error);

  return credential;
}

/* Every item of the keyring, whatever its schema. */
static GList *
list_every_item (void)
{
  g_autoptr(GHashTable) any = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GList *items;

  items = secret_password_searchv_sync (NULL, any, SECRET_SEARCH_ALL, NULL, &error);
  g_assert_no_error (error);

  return items;
}

static void
phase_store (void)
{
  g_autoptr(AttestAppCredential) credential = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  /* A trailing slash and upper-case GUIDs name the same item. */
  credential = attest_app_credential_new (AUTHORITY "/", TENANT_ID, APPLICATION_ID, SECRET);
  g_assert_cmpstr (credential->authority, ==, AUTHORITY);
  g_assert_cmpstr (credential->application_id, ==, "6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e");

  attest_app_credential_store_async (credential, NULL, attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);
  g_assert_true (attest_app_credential_store_finish (result, &error));
  g_assert_no_error (error);
}

static void
phase_stored (void)
{
  g_autoptr(AttestAppCredential) found = NULL;
  g_autoptr(AttestAppCredential) latest = NULL;
  g_autoptr(AttestAppCredential) elsewhere = NULL;
  g_autoptr(AttestAppCredential) other_authority = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autolist(SecretRetrievable) items = NULL;
  g_autofree char *keyring = g_build_filename (attest_test_get_root (), "test.keyring", NULL);

  /* Found by its tenant, whatever the case, and as the latest one. */
  found = lookup (AUTHORITY, "0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0");
  g_assert_nonnull (found);
  g_assert_cmpstr (found->secret, ==, SECRET);
  g_assert_cmpstr (found->application_id, ==, "6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e");
  g_assert_cmpstr (found->tenant_id, ==, "0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0");
  g_assert_cmpstr (found->authority, ==, AUTHORITY);

  latest = lookup (AUTHORITY "/", NULL);
  g_assert_nonnull (latest);
  g_assert_cmpstr (latest->secret, ==, SECRET);

  /* Not for another tenant, nor another authority. */
  elsewhere = lookup (AUTHORITY, OTHER_TENANT);
  g_assert_null (elsewhere);
  other_authority = lookup ("http://127.0.0.1:8080", NULL);
  g_assert_null (other_authority);

  /* Nothing else in the keyring: one item of the schema, with its three
   * attributes and no other. */
  items = list_every_item ();
  g_assert_cmpuint (g_list_length (items), ==, 1);
  attributes = secret_retrievable_get_attributes (items->data);
  g_hash_table_remove (attributes, "xdg:schema");
  g_assert_cmpuint (g_hash_table_size (attributes), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "authority"), ==, AUTHORITY);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "tenant-id"), ==, found->tenant_id);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "application-id"), ==,
                   found->application_id);

  /* The secret is in no file in clear, the keyring's included. */
  g_assert_true (g_file_test (keyring, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (attest_test_count_files_holding (attest_test_get_root (), SECRET), ==, 0);
  g_assert_cmpuint (attest_test_count_files_holding (attest_test_get_root (), APPLICATION_ID), ==, 0);
}

static void
phase_empty (void)
{
  g_autoptr(AttestAppCredential) found = lookup (AUTHORITY, NULL);
  g_autolist(SecretRetrievable) items = list_every_item ();

  g_assert_null (found);
  g_assert_null (items);
}

/* A step runs only in the process run_phase() starts for it: GLib runs a
 * test whose path holds "/subprocess" only when asked for it by name. */
static void
run_step (gconstpointer data)
{
  GTestFunc step = (GTestFunc) data;

  g_assert_true (g_test_subprocess ());
  step ();
}

static void
add_phase (const char *phase,
           GTestFunc   step)
{
  g_autofree char *path = g_strconcat ("/app-credential/store-lookup/subprocess/", phase, NULL);

  g_test_add_data_func (path, (gconstpointer) step, run_step);
}

static void
run_phase (const char *phase)
{
  g_autofree char *path = g_strconcat ("/app-credential/store-lookup/subprocess/", phase, NULL);

  g_test_trap_subprocess (path, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Store and look up: one item, under the schema's name and its three
 * attributes, and nothing else anywhere. */
static void
test_store_lookup (void)
{
  run_phase ("empty");
  run_phase ("store");
  run_phase ("stored");
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  add_phase ("store", phase_store);
  add_phase ("stored", phase_stored);
  add_phase ("empty", phase_empty);
  g_test_add_func ("/app-credential/store-lookup", test_store_lookup);

  return g_test_run ();
}
