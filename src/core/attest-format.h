/* attest-format.h: dates as a person reads them in a sentence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *attest_format_day    (GDateTime *day);
char *attest_format_moment (GDateTime *time,
                            GDateTime *now);

G_END_DECLS
