/* attest-sandbox-util.h: what every part of the sandbox answers with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define ATTEST_SANDBOX_PARTNER_CENTER_AUDIENCE "https://api.partnercenter.microsoft.com"

/* Partner Center's error codes that more than one part answers with. */
#define ATTEST_SANDBOX_CODE_INVALID_INPUT      2000
#define ATTEST_SANDBOX_CODE_FUTURE_DATE        600002
#define ATTEST_SANDBOX_CODE_CUSTOMER_NOT_FOUND 600008
#define ATTEST_SANDBOX_CODE_NO_AGREEMENTS      600009
#define ATTEST_SANDBOX_CODE_ALREADY_EXISTS     600061

char       *attest_sandbox_new_guid         (GRand             *rand);
char       *attest_sandbox_new_opaque_token (gsize              n_bytes);
char       *attest_sandbox_new_continuation_token (void);
char       *attest_sandbox_format_timestamp (void);
GHashTable *attest_sandbox_decode_form      (SoupServerMessage *msg);
void        attest_sandbox_add_member       (JsonBuilder       *builder,
                                             const char        *name,
                                             const char        *value);
void        attest_sandbox_add_contact      (JsonBuilder       *builder,
                                             const char        *first_name,
                                             const char        *last_name,
                                             const char        *email,
                                             const char        *phone_number);
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
void        attest_sandbox_respond_invalid  (SoupServerMessage *msg,
                                             const char        *message);
void        attest_sandbox_respond_no_customer (SoupServerMessage *msg);

G_END_DECLS
