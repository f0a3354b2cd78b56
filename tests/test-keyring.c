/* test-keyring.c: the harness for tests against a real gnome-keyring
 * (keyring suite, run through keyring-session.sh)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>

#include "attest-test-init.h"

static const SecretSchema *
harness_schema (void)
{
  static const SecretSchema schema = {
    .name = "io.github.attest.Attest.TestHarness",
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { "case", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
test_keyring_is_real_secret_service (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS,
                                                              NULL, &error);
  g_autoptr(SecretCollection) login = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (service);

  /* The harness unlocked a login collection that is the default alias. */
  login = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                            SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (login);
  g_assert_false (secret_collection_get_locked (login));
}

static void
test_keyring_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  char *found;
  gboolean stored;
  gboolean cleared;

  stored = secret_password_store_sync (harness_schema (), SECRET_COLLECTION_DEFAULT,
                                       "Attest keyring harness", "harness-value", NULL, &error,
                                       "case", "round-trip", NULL);
  g_assert_no_error (error);
  g_assert_true (stored);

  found = secret_password_lookup_sync (harness_schema (), NULL, &error, "case", "round-trip", NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, "harness-value");
  secret_password_free (found);

  cleared = secret_password_clear_sync (harness_schema (), NULL, &error, "case", "round-trip", NULL);
  g_assert_no_error (error);
  g_assert_true (cleared);

  found = secret_password_lookup_sync (harness_schema (), NULL, &error, "case", "round-trip", NULL);
  g_assert_no_error (error);
  g_assert_null (found);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/keyring/real-secret-service", test_keyring_is_real_secret_service);
  g_test_add_func ("/keyring/round-trip", test_keyring_round_trip);

  return g_test_run ();
}
