/* csv-exercise.h: everything the program can do with a CSV file, on any
 * bytes, for the fuzzer and for the corpus test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void csv_exercise (const guint8 *data,
                   gsize         size);

G_END_DECLS
