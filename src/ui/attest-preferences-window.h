/* attest-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATTEST_TYPE_PREFERENCES_WINDOW (attest_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (AttestPreferencesWindow, attest_preferences_window, ATTEST,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

AttestPreferencesWindow *attest_preferences_window_new (GtkWindow *parent,
                                                        GSettings *settings);

G_END_DECLS
