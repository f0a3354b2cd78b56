/* attest-partner-refusal.h: the records a refusal of Partner Center names,
 * and each one's own reason
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

GStrv       attest_partner_refusal_read_customer_ids (JsonObject         *body,
                                                      const char         *message);
GStrv       attest_partner_refusal_read_emails       (JsonObject         *body,
                                                      const char         *message);
GHashTable *attest_partner_refusal_read_reasons      (JsonObject         *body,
                                                      const char         *message,
                                                      const char * const *customer_ids,
                                                      const char * const *emails);
char       *attest_partner_refusal_fold              (const char         *id);

G_END_DECLS
