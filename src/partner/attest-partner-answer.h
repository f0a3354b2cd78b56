/* attest-partner-answer.h: reading the members of a Partner Center answer
 * strictly, saying which one does not fit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean attest_partner_answer_get_text   (JsonObject  *object,
                                           const char  *where,
                                           const char  *name,
                                           char       **out,
                                           char       **problem);
gboolean attest_partner_answer_get_object (JsonObject  *object,
                                           const char  *where,
                                           const char  *name,
                                           JsonObject **out,
                                           char       **problem);
gboolean attest_partner_answer_get_date   (JsonObject  *object,
                                           const char  *where,
                                           const char  *name,
                                           GDateTime  **out,
                                           char       **problem);

G_END_DECLS
