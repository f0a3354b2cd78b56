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
GObject           *attest_test_child            (gpointer    widget,
                                                 GType       type,
                                                 const char *name);
GtkWindow         *attest_test_find_toplevel    (GType       type);
GtkWindow         *attest_test_wait_for_toplevel (GType      type);
GtkDropTarget     *attest_test_find_drop_target (GtkWidget *widget);
GtkWidget         *attest_test_find_button      (GtkWidget  *widget,
                                                 const char *name);

G_END_DECLS
