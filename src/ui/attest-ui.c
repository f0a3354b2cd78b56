/* attest-ui.c: what the window layer registers up front
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-ui"

#include "config.h"

#include <gtk/gtk.h>

#include "attest-record-details.h"
#include "attest-record-grid.h"
#include "attest-ui.h"

/* Registers the widget types that .ui files name, so that GtkBuilder finds
 * them by name (templates, and the .ui validator of the test suite). */
void
attest_ui_ensure_types (void)
{
  g_type_ensure (ATTEST_TYPE_RECORD_DETAILS);
  g_type_ensure (ATTEST_TYPE_RECORD_GRID);
}
