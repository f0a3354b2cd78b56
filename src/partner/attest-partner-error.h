/* attest-partner-error.h: what went wrong talking to Partner Center
 *
 * One error domain for every failure of a Partner Center call, with the
 * details a caller acts on kept beside the message (GLib extended errors):
 * the HTTP status, the service's error code (number or text, kept as
 * text: key outcomes on it, not on the status), its error name and
 * message, whether the call may be retried, Retry-After in seconds, and
 * the customer IDs and email addresses it names and each one's own reason,
 * and which of the partner's credentials a call lacked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "attest-partner-request.h"

G_BEGIN_DECLS

#define ATTEST_PARTNER_ERROR (attest_partner_error_quark ())

typedef enum
{
  ATTEST_PARTNER_ERROR_BAD_REQUEST,      /* 400 and other refusals of the request itself */
  ATTEST_PARTNER_ERROR_UNAUTHORIZED,     /* 401: the sign-in was not accepted */
  ATTEST_PARTNER_ERROR_MFA_REQUIRED,     /* 401 with 900421 or 10001 */
  ATTEST_PARTNER_ERROR_FORBIDDEN,        /* 403: the user lacks the role */
  ATTEST_PARTNER_ERROR_NOT_FOUND,        /* 404 */
  ATTEST_PARTNER_ERROR_CONFLICT,         /* 409 */
  ATTEST_PARTNER_ERROR_TIMEOUT,          /* 408 */
  ATTEST_PARTNER_ERROR_THROTTLED,        /* 429 */
  ATTEST_PARTNER_ERROR_SERVER,           /* 5xx */
  ATTEST_PARTNER_ERROR_NETWORK,          /* no answer: refused, dropped, timed out */
  ATTEST_PARTNER_ERROR_TLS,              /* the server's certificate failed verification */
  ATTEST_PARTNER_ERROR_INSECURE_URL,     /* plain HTTP to something other than this computer */
  ATTEST_PARTNER_ERROR_INVALID_RESPONSE, /* an answer we cannot read */
  ATTEST_PARTNER_ERROR_NO_CREDENTIAL,    /* the credential the route needs is not set up */
} AttestPartnerError;

#define ATTEST_PARTNER_SERVICE_CODE_FUTURE_DATE      "600002"
#define ATTEST_PARTNER_SERVICE_CODE_ALREADY_ATTESTED "600061"
#define ATTEST_PARTNER_SERVICE_CODE_MFA_REQUIRED     "900421"
#define ATTEST_PARTNER_SERVICE_CODE_MFA_LEGACY       "10001"
#define ATTEST_PARTNER_SERVICE_CODE_NO_AGREEMENTS    "600009"

GQuark      attest_partner_error_quark              (void);

GError     *attest_partner_error_new_from_response  (const char         *method,
                                                     const char         *path,
                                                     guint               status,
                                                     SoupMessageHeaders *headers,
                                                     GBytes             *body);
GError     *attest_partner_error_new_from_success   (const char         *method,
                                                     const char         *path,
                                                     guint               status,
                                                     SoupMessageHeaders *headers,
                                                     GBytes             *body,
                                                     JsonNode           *root);
GError     *attest_partner_error_new_from_transport (const char         *host,
                                                     const GError       *transport_error);
GError     *attest_partner_error_new_unfit_answer   (const char         *method,
                                                     const char         *path,
                                                     guint               status,
                                                     JsonNode           *root,
                                                     const char         *problem);
GError     *attest_partner_error_new_no_credential  (const char         *method,
                                                     const char         *path,
                                                     AttestPartnerCredential missing);

guint       attest_partner_error_get_http_status    (const GError       *error);
const char *attest_partner_error_get_service_code   (const GError       *error);
const char *attest_partner_error_get_error_name     (const GError       *error);
const char *attest_partner_error_get_service_message (const GError      *error);
gboolean    attest_partner_error_is_retryable       (const GError       *error);
gint64      attest_partner_error_get_retry_after    (const GError       *error);
const char * const *
            attest_partner_error_get_customer_ids   (const GError       *error);
const char * const *
            attest_partner_error_get_emails         (const GError       *error);
const char *attest_partner_error_get_record_message (const GError       *error,
                                                     const char         *customer_id,
                                                     const char         *email);
const char *attest_partner_error_get_request_id     (const GError       *error);
const char *attest_partner_error_get_correlation_id (const GError       *error);
AttestPartnerCredential
            attest_partner_error_get_missing_credential (const GError   *error);
void        attest_partner_error_set_ids            (GError             *error,
                                                     const char         *request_id,
                                                     const char         *correlation_id);
gint64      attest_partner_parse_retry_after        (const char         *value,
                                                     GDateTime          *now);

G_END_DECLS
