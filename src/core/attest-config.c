/* attest-config.c: the settings a run uses (SPEC §9)
 *
 * Start from the built-in defaults, then let GSettings, then the
 * environment (ATTEST_*), then the command line override them: each layer
 * only replaces what it sets. The window and the commands read the first
 * three in one place, attest_config_new_from_sources(); the commands then
 * apply their options. ATTEST_ACCESS_TOKEN is not configuration but a
 * credential, which only the commands take (attest-cli-session.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-config"

#include "config.h"

#include <string.h>

#include "attest-config.h"
#include "attest-log.h"

AttestConfig *
attest_config_new (void)
{
  AttestConfig *config = g_new0 (AttestConfig, 1);

  config->app_id = g_strdup ("");
  config->user = g_strdup ("");
  config->tenant = g_strdup ("");
  config->authority = g_strdup (ATTEST_DEFAULT_AUTHORITY);
  config->api_base = g_strdup (ATTEST_DEFAULT_API_BASE);
  config->strategy = ATTEST_STRATEGY_BULK;
  config->batch_size = ATTEST_MAX_BATCH_SIZE;
  config->concurrency = 0;

  return config;
}

void
attest_config_free (AttestConfig *config)
{
  if (config == NULL)
    return;

  g_free (config->app_id);
  g_free (config->user);
  g_free (config->tenant);
  g_free (config->authority);
  g_free (config->api_base);
  g_free (config);
}

static void
replace_string (char       **field,
                const char  *value)
{
  if (value == NULL)
    return;

  g_free (*field);
  *field = g_strstrip (g_strdup (value));
}

static void
replace_from_settings (char       **field,
                       GSettings   *settings,
                       const char  *key)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  if (value[0] != '\0')
    replace_string (field, value);
}

void
attest_config_load_settings (AttestConfig *config,
                             GSettings    *settings)
{
  g_return_if_fail (config != NULL);
  g_return_if_fail (G_IS_SETTINGS (settings));

  replace_from_settings (&config->app_id, settings, "app-id");
  replace_from_settings (&config->user, settings, "user");
  replace_from_settings (&config->tenant, settings, "tenant");
  replace_from_settings (&config->authority, settings, "authority");
  replace_from_settings (&config->api_base, settings, "api-base");
  config->strategy = g_settings_get_enum (settings, "strategy");
  config->batch_size = g_settings_get_int (settings, "batch-size");
  config->concurrency = g_settings_get_int (settings, "concurrency");
  config->debug = g_settings_get_enum (settings, "log-level") == ATTEST_LOG_LEVEL_DEBUG;
}

void
attest_config_load_environment (AttestConfig       *config,
                                const char * const *environment)
{
  static const struct {
    const char *variable;
    gsize       offset;
  } variables[] = {
    { "ATTEST_APP_ID", G_STRUCT_OFFSET (AttestConfig, app_id) },
    { "ATTEST_USER", G_STRUCT_OFFSET (AttestConfig, user) },
    { "ATTEST_AUTHORITY", G_STRUCT_OFFSET (AttestConfig, authority) },
    { "ATTEST_API_BASE", G_STRUCT_OFFSET (AttestConfig, api_base) },
  };
  g_auto(GStrv) own_environment = NULL;

  g_return_if_fail (config != NULL);

  if (environment == NULL)
    environment = (const char * const *) (own_environment = g_get_environ ());

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      const char *value = g_environ_getenv ((char **) environment, variables[i].variable);

      if (value != NULL && value[0] != '\0')
        replace_string (G_STRUCT_MEMBER_P (config, variables[i].offset), value);
    }
}

/* The configuration the window and the commands start from, in this order,
 * each source replacing what it sets: the built-in defaults, @settings
 * (Preferences; NULL when the schema cannot be found), then the ATTEST_*
 * variables of @environment (NULL for the process's own): ATTEST_APP_ID,
 * ATTEST_USER, ATTEST_AUTHORITY and ATTEST_API_BASE. A command's options
 * go on top of it. */
AttestConfig *
attest_config_new_from_sources (GSettings          *settings,
                                const char * const *environment)
{
  AttestConfig *config = attest_config_new ();

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), config);

  if (settings != NULL)
    attest_config_load_settings (config, settings);
  attest_config_load_environment (config, environment);

  return config;
}

/* The tenant to sign in to: the one set, else the domain of the user
 * principal name, as Microsoft's tool does. */
const char *
attest_config_get_effective_tenant (const AttestConfig *config)
{
  const char *at;

  g_return_val_if_fail (config != NULL, NULL);

  if (config->tenant != NULL && config->tenant[0] != '\0')
    return config->tenant;

  if (config->user != NULL && (at = strrchr (config->user, '@')) != NULL && at[1] != '\0')
    return at + 1;

  return "organizations";
}

guint
attest_config_get_effective_concurrency (const AttestConfig *config)
{
  g_return_val_if_fail (config != NULL, 1);

  if (config->concurrency > 0)
    return config->concurrency;

  return config->strategy == ATTEST_STRATEGY_BULK ? ATTEST_DEFAULT_BULK_CONCURRENCY
                                                  : ATTEST_DEFAULT_PER_CUSTOMER_CONCURRENCY;
}
