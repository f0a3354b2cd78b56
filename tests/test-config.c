/* test-config.c: settings precedence (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-config.h"
#include "attest-log.h"
#include "attest-settings.h"
#include "attest-test-init.h"

static void
test_config_defaults (void)
{
  g_autoptr(AttestConfig) config = attest_config_new ();

  g_assert_cmpstr (config->authority, ==, "https://login.microsoftonline.com");
  g_assert_cmpstr (config->api_base, ==, "https://api.partnercenter.microsoft.com");
  g_assert_cmpint (config->strategy, ==, ATTEST_STRATEGY_BULK);
  g_assert_cmpuint (config->batch_size, ==, 500);
  g_assert_cmpuint (attest_config_get_effective_concurrency (config), ==, 4);
  config->strategy = ATTEST_STRATEGY_PER_CUSTOMER;
  g_assert_cmpuint (attest_config_get_effective_concurrency (config), ==, 8);
  config->concurrency = 3;
  g_assert_cmpuint (attest_config_get_effective_concurrency (config), ==, 3);
}

static void
test_config_tenant_from_user (void)
{
  g_autoptr(AttestConfig) config = attest_config_new ();

  g_assert_cmpstr (attest_config_get_effective_tenant (config), ==, "organizations");
  g_free (config->user);
  config->user = g_strdup ("admin@contoso.onmicrosoft.com");
  g_assert_cmpstr (attest_config_get_effective_tenant (config), ==, "contoso.onmicrosoft.com");
  g_free (config->tenant);
  config->tenant = g_strdup ("11111111-2222-3333-4444-555555555555");
  g_assert_cmpstr (attest_config_get_effective_tenant (config), ==,
                   "11111111-2222-3333-4444-555555555555");
}

static void
test_config_precedence (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = attest_settings_new (&error);
  g_autoptr(AttestConfig) config = attest_config_new ();
  const char *environment[] = {
    "ATTEST_API_BASE=http://127.0.0.1:8080",
    "ATTEST_USER=",
    NULL
  };

  g_assert_no_error (error);
  g_settings_set_string (settings, "api-base", "https://settings.example");
  g_settings_set_string (settings, "user", "from-settings@contoso.com");
  g_settings_set_string (settings, "app-id", "  4e5f6a7b-0000-4000-8000-000000000001 ");
  g_settings_set_enum (settings, "strategy", ATTEST_STRATEGY_PER_CUSTOMER);
  g_settings_set_int (settings, "batch-size", 250);

  attest_config_load_settings (config, settings);
  g_assert_cmpstr (config->api_base, ==, "https://settings.example");
  g_assert_cmpstr (config->app_id, ==, "4e5f6a7b-0000-4000-8000-000000000001");
  g_assert_cmpint (config->strategy, ==, ATTEST_STRATEGY_PER_CUSTOMER);
  g_assert_cmpuint (config->batch_size, ==, 250);

  /* The environment wins over GSettings; an empty variable changes nothing. */
  attest_config_load_environment (config, environment);
  g_assert_cmpstr (config->api_base, ==, "http://127.0.0.1:8080");
  g_assert_cmpstr (config->user, ==, "from-settings@contoso.com");
  g_assert_cmpstr (config->authority, ==, "https://login.microsoftonline.com");

  g_settings_reset (settings, "api-base");
  g_settings_reset (settings, "user");
  g_settings_reset (settings, "app-id");
  g_settings_reset (settings, "strategy");
  g_settings_reset (settings, "batch-size");
}

/* The one read the window and the commands share: defaults, then the
 * settings, then the environment, which wins. */
static void
test_config_from_sources (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = attest_settings_new (&error);
  g_autoptr(AttestConfig) config = NULL;
  g_autoptr(AttestConfig) without_settings = NULL;
  const char *environment[] = {
    "ATTEST_API_BASE=http://127.0.0.1:8080",
    "ATTEST_AUTHORITY= http://127.0.0.1:8081 ",
    "ATTEST_APP_ID=4e5f6a7b-0000-4000-8000-000000000002",
    "ATTEST_ACCESS_TOKEN=eyJhbGciOiJub25lIn0.e30.",
    NULL
  };

  g_assert_no_error (error);
  g_settings_set_string (settings, "api-base", "https://settings.example");
  g_settings_set_string (settings, "authority", "https://login.settings.example");
  g_settings_set_string (settings, "app-id", "4e5f6a7b-0000-4000-8000-000000000001");
  g_settings_set_string (settings, "user", "from-settings@contoso.com");
  g_settings_set_enum (settings, "log-level", ATTEST_LOG_LEVEL_DEBUG);

  config = attest_config_new_from_sources (settings, environment);
  g_assert_cmpstr (config->api_base, ==, "http://127.0.0.1:8080");
  g_assert_cmpstr (config->authority, ==, "http://127.0.0.1:8081");
  g_assert_cmpstr (config->app_id, ==, "4e5f6a7b-0000-4000-8000-000000000002");
  g_assert_cmpstr (config->user, ==, "from-settings@contoso.com");
  g_assert_true (config->debug);

  /* Without the schema, the environment still counts. */
  without_settings = attest_config_new_from_sources (NULL, environment);
  g_assert_cmpstr (without_settings->api_base, ==, "http://127.0.0.1:8080");
  g_assert_cmpstr (without_settings->user, ==, "");
  g_assert_false (without_settings->debug);

  g_settings_reset (settings, "api-base");
  g_settings_reset (settings, "authority");
  g_settings_reset (settings, "app-id");
  g_settings_reset (settings, "user");
  g_settings_reset (settings, "log-level");
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/config/defaults", test_config_defaults);
  g_test_add_func ("/config/tenant-from-user", test_config_tenant_from_user);
  g_test_add_func ("/config/precedence", test_config_precedence);
  g_test_add_func ("/config/from-sources", test_config_from_sources);

  return g_test_run ();
}
