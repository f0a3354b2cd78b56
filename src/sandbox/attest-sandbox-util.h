/* attest-sandbox-util.h: what every part of the sandbox answers with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define ATTEST_SANDBOX_PARTNER_CENTER_AUDIENCE "https://api.partnercenter.microsoft.com"

char       *attest_sandbox_new_guid         (GRand             *rand);
char       *attest_sandbox_new_opaque_token (gsize              n_bytes);
char       *attest_sandbox_format_timestamp (void);
GHashTable *attest_sandbox_decode_form      (SoupServerMessage *msg);
void        attest_sandbox_respond_json     (SoupServerMessage *msg,
                                             guint              status,
                                             JsonBuilder       *builder);
void        attest_sandbox_respond_html     (SoupServerMessage *msg,
                                             guint              status,
                                             const char        *title,
                                             const char        *body_html);
void        attest_sandbox_respond_fault    (SoupServerMessage *msg,
                                             guint              status,
                                             const char        *code,
                                             const char        *description);
void        attest_sandbox_respond_error    (SoupServerMessage *msg,
                                             guint              status,
                                             gint64             code,
                                             const char        *error_name,
                                             const char        *message,
                                             GPtrArray         *customer_ids);

G_END_DECLS
