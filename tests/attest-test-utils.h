/* attest-test-utils.h: helpers shared by the test programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-test-init.h"

G_BEGIN_DECLS

typedef gboolean (*AttestTestCondition) (gpointer user_data);

gboolean  attest_test_wait_until (AttestTestCondition  condition,
                                  gpointer             user_data,
                                  guint                timeout_ms);
char     *attest_test_read_file  (const char          *path);
guint     attest_test_count_files_holding (const char *path,
                                           const char *text);
void      attest_test_flip_middle_byte (const char    *path);
void      attest_test_remove_tree  (const char        *path);
guint     attest_test_time_scale   (void);
char     *attest_test_use_language (const char *language);

void          attest_test_store_result (GObject       *source,
                                        GAsyncResult  *result,
                                        gpointer       slot);
GAsyncResult *attest_test_wait_result  (GAsyncResult **slot);

gboolean      attest_test_have_locale  (const char     *locale);

G_END_DECLS
