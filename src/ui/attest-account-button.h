/* attest-account-button.h: who is signed in, in the header bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attest-connection.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_ACCOUNT_BUTTON (attest_account_button_get_type ())

G_DECLARE_FINAL_TYPE (AttestAccountButton, attest_account_button, ATTEST, ACCOUNT_BUTTON, AdwBin)

GtkWidget *attest_account_button_new            (AttestConnection    *connection);
void       attest_account_button_set_connection (AttestAccountButton *self,
                                                 AttestConnection    *connection);

G_END_DECLS
