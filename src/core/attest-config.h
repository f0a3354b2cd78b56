/* attest-config.h: the settings a run uses, from the command line, the
 * environment and GSettings, in that order of precedence (SPEC §9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  ATTEST_STRATEGY_BULK,
  ATTEST_STRATEGY_PER_CUSTOMER,
} AttestStrategy;

#define ATTEST_DEFAULT_AUTHORITY      "https://login.microsoftonline.com"
#define ATTEST_DEFAULT_API_BASE       "https://api.partnercenter.microsoft.com"
#define ATTEST_MAX_BATCH_SIZE         500
#define ATTEST_DEFAULT_BULK_CONCURRENCY         4
#define ATTEST_DEFAULT_PER_CUSTOMER_CONCURRENCY 8

typedef struct
{
  char           *app_id;
  char           *user;
  char           *tenant;
  char           *authority;
  char           *api_base;
  AttestStrategy  strategy;
  guint           batch_size;
  guint           concurrency;
  gboolean        sandbox;
  gboolean        classic;       /* the sandbox serves the classic service (SPEC §13) */
  gboolean        no_mfa;
  gboolean        debug;
} AttestConfig;

AttestConfig *attest_config_new                   (void);
AttestConfig *attest_config_new_from_sources      (GSettings          *settings,
                                                   const char * const *environment);
void          attest_config_free                  (AttestConfig       *config);
void          attest_config_load_settings         (AttestConfig       *config,
                                                   GSettings          *settings);
void          attest_config_load_environment      (AttestConfig       *config,
                                                   const char * const *environment);
const char   *attest_config_get_effective_tenant  (const AttestConfig *config);
guint         attest_config_get_effective_concurrency (const AttestConfig *config);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestConfig, attest_config_free)

G_END_DECLS
