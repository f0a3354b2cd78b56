/* attest-test-http.h: plain HTTP calls for tests, against a server on the
 * same main context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  guint               status;
  char               *body;
  SoupMessageHeaders *headers;
  JsonNode           *json;      /* the body, when it parsed as JSON */
} AttestTestResponse;

AttestTestResponse *attest_test_http          (const char          *method,
                                               const char          *uri,
                                               const char          *content_type,
                                               const char          *body,
                                               const char * const  *headers);
AttestTestResponse *attest_test_http_form     (const char          *uri,
                                               const char          *first_name,
                                               ...) G_GNUC_NULL_TERMINATED;
void                attest_test_response_free (AttestTestResponse  *response);
const char         *attest_test_response_get_string (AttestTestResponse *response,
                                                     const char         *member);
gint64              attest_test_response_get_int    (AttestTestResponse *response,
                                                     const char         *member);
char               *attest_test_response_get_query  (AttestTestResponse *response,
                                                     const char         *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestTestResponse, attest_test_response_free)

G_END_DECLS
