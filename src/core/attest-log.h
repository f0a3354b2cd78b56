/* attest-log.h: the application log file (SPEC §11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ATTEST_LOG_LEVEL_INFORMATION,
  ATTEST_LOG_LEVEL_DEBUG,
} AttestLogLevel;

char           *attest_log_file_name_for_time (GDateTime      *local_time);
char           *attest_log_dup_directory      (void);
gboolean        attest_log_init               (AttestLogLevel  level,
                                               GError        **error);
void            attest_log_shutdown           (void);
void            attest_log_set_level          (AttestLogLevel  level);
AttestLogLevel  attest_log_get_level          (void);
const char     *attest_log_get_path           (void);
char           *attest_log_format_line        (GLogLevelFlags  log_level,
                                               const char     *domain,
                                               const char     *message,
                                               GDateTime      *time);

G_END_DECLS
