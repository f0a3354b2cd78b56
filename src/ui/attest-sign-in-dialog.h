/* attest-sign-in-dialog.h: signing in to Partner Center from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attest-connection.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_SIGN_IN_DIALOG (attest_sign_in_dialog_get_type ())

G_DECLARE_FINAL_TYPE (AttestSignInDialog, attest_sign_in_dialog, ATTEST, SIGN_IN_DIALOG, AdwWindow)

AttestSignInDialog *attest_sign_in_dialog_new            (GtkWindow          *parent,
                                                          AttestConnection   *connection,
                                                          GSettings          *settings);
void                attest_sign_in_dialog_show_app_only  (AttestSignInDialog *self);
gboolean            attest_sign_in_dialog_shows_app_only (AttestSignInDialog *self);

G_END_DECLS
