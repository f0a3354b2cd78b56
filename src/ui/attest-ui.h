/* attest-ui.h: what the window layer registers up front
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void attest_ui_ensure_types            (void);
void attest_ui_name_buttons_by_content (void);

G_END_DECLS
