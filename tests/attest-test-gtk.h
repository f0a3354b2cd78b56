/* attest-test-gtk.h: helpers for the tests that open windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attest-application.h"

G_BEGIN_DECLS

AttestApplication *attest_test_new_application  (void);
void               attest_test_present_and_wait (GtkWindow  *window);
void               attest_test_save_screenshot  (GtkWidget  *widget,
                                                 const char *name);

G_END_DECLS
