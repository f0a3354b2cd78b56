/* attest-test-gtk.h: helpers for the tests that open windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "attest-application.h"
#include "attest-request-dialog.h"
#include "attest-submit-dialog.h"

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
void               attest_test_find_shown       (GtkWidget  *widget,
                                                 GType       type,
                                                 GPtrArray  *found);
gboolean           attest_test_shows_label      (GtkWidget  *widget,
                                                 const char *text);
GtkWidget         *attest_test_find_editable_with_text (GtkWidget  *widget,
                                                        const char *text);
void               attest_test_wait_for_request_page  (AttestRequestDialog *dialog,
                                                        const char          *page);
void               attest_test_wait_for_submit_page   (AttestSubmitDialog  *dialog,
                                                        const char          *page);

G_END_DECLS
