/* attest-partner-error.c: what went wrong talking to Partner Center
 *
 * Error bodies come in three shapes (reference §2.7), all read here:
 *   {"code": 1002 | "…", "description", "data", "source"}
 *   {"code": 600061, "message", "description", "errorName", "isRetryable",
 *    "parameters", "errorMessageExtended"}
 *   {"statusCode": 429, "message": "Rate limit is exceeded. …"}
 * The records an error names, and each one's own reason, are read by
 * attest-partner-refusal.c.
 *
 * Two errors come from the client itself: a call whose route needs a
 * credential the client was not given fails before anything is sent, and
 * an answer that reports success in a shape Attest cannot read is reported
 * with its status and whatever code and words of the server's it holds,
 * and nothing is taken from it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-partner-error"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "attest-json.h"
#include "attest-mfa.h"
#include "attest-partner-error.h"
#include "attest-partner-refusal.h"

typedef struct
{
  guint     http_status;
  char     *service_code;
  char     *error_name;
  char     *service_message;
  gboolean  retryable;
  gint64    retry_after;
  GStrv     customer_ids;
  GStrv     emails;
  GHashTable *reasons;
  char     *request_id;
  char     *correlation_id;
  AttestPartnerCredential missing_credential;
} AttestPartnerErrorPrivate;

/* GLib hands these the private data of an error of our domain, never
 * NULL; the checks tell the optimizer as much. */
static void
attest_partner_error_private_init (AttestPartnerErrorPrivate *priv)
{
  g_return_if_fail (priv != NULL);
  priv->retry_after = -1;
}

static void
attest_partner_error_private_copy (const AttestPartnerErrorPrivate *src,
                                   AttestPartnerErrorPrivate       *dest)
{
  g_return_if_fail (src != NULL && dest != NULL);
  dest->http_status = src->http_status;
  dest->service_code = g_strdup (src->service_code);
  dest->error_name = g_strdup (src->error_name);
  dest->service_message = g_strdup (src->service_message);
  dest->retryable = src->retryable;
  dest->retry_after = src->retry_after;
  dest->customer_ids = g_strdupv (src->customer_ids);
  dest->emails = g_strdupv (src->emails);
  dest->reasons = src->reasons != NULL ? g_hash_table_ref (src->reasons) : NULL;
  dest->request_id = g_strdup (src->request_id);
  dest->correlation_id = g_strdup (src->correlation_id);
  dest->missing_credential = src->missing_credential;
}

static void
attest_partner_error_private_clear (AttestPartnerErrorPrivate *priv)
{
  g_return_if_fail (priv != NULL);
  g_clear_pointer (&priv->service_code, g_free);
  g_clear_pointer (&priv->error_name, g_free);
  g_clear_pointer (&priv->service_message, g_free);
  g_clear_pointer (&priv->customer_ids, g_strfreev);
  g_clear_pointer (&priv->emails, g_strfreev);
  g_clear_pointer (&priv->reasons, g_hash_table_unref);
  g_clear_pointer (&priv->request_id, g_free);
  g_clear_pointer (&priv->correlation_id, g_free);
}

G_DEFINE_EXTENDED_ERROR (AttestPartnerError, attest_partner_error)

static AttestPartnerErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != ATTEST_PARTNER_ERROR)
    return NULL;

  return attest_partner_error_get_private (error);
}

/* The private data of an error just made in our domain. */
static AttestPartnerErrorPrivate *
new_error_private (GError *error)
{
  AttestPartnerErrorPrivate *priv = get_private (error);

  g_assert (priv != NULL);
  return priv;
}

/* Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3);
 * returns seconds from @now, or -1 when @value is neither. */
gint64
attest_partner_parse_retry_after (const char *value,
                                  GDateTime  *now)
{
  g_autoptr(GDateTime) date = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;

  value += strspn (value, " \t");
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT32, &seconds, NULL))
    return seconds;

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;

  return MAX (0, g_date_time_difference (date, now) / G_USEC_PER_SEC);
}

static char *
dup_code (JsonObject *body)
{
  JsonNode *code = json_object_get_member (body, "code");

  if (code == NULL || !JSON_NODE_HOLDS_VALUE (code))
    return NULL;

  switch (json_node_get_value_type (code))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (code));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (code));
    case G_TYPE_DOUBLE:
      return g_strdup_printf ("%.0f", json_node_get_double (code));
    default:
      return NULL;
    }
}

static AttestPartnerError
code_for_status (guint        status,
                 const char  *service_code)
{
  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return ATTEST_PARTNER_ERROR_INVALID_RESPONSE;

  switch (status)
    {
    case 401:
      if (g_strcmp0 (service_code, ATTEST_PARTNER_SERVICE_CODE_MFA_REQUIRED) == 0
          || g_strcmp0 (service_code, ATTEST_PARTNER_SERVICE_CODE_MFA_LEGACY) == 0)
        return ATTEST_PARTNER_ERROR_MFA_REQUIRED;
      return ATTEST_PARTNER_ERROR_UNAUTHORIZED;
    case 403:
      return ATTEST_PARTNER_ERROR_FORBIDDEN;
    case 404:
      return ATTEST_PARTNER_ERROR_NOT_FOUND;
    case 408:
      return ATTEST_PARTNER_ERROR_TIMEOUT;
    case 409:
      return ATTEST_PARTNER_ERROR_CONFLICT;
    case 429:
      return ATTEST_PARTNER_ERROR_THROTTLED;
    default:
      return status >= 500 ? ATTEST_PARTNER_ERROR_SERVER : ATTEST_PARTNER_ERROR_BAD_REQUEST;
    }
}

/* A server's message goes into ours as it is, but not a page of it. */
#define MAX_SERVICE_TEXT 300

static char *
shorten (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *start = NULL;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  if (g_utf8_strlen (valid, -1) <= MAX_SERVICE_TEXT)
    return g_steal_pointer (&valid);

  start = g_utf8_substring (valid, 0, MAX_SERVICE_TEXT);

  return g_strconcat (start, "…", NULL);
}

/* The server's code and words as they go in a message: “words” (code N),
 * “words”, code N, or NULL when there are neither. */
static char *
describe_service_text (const char *service_code,
                       const char *service_message)
{
  g_autofree char *short_message = shorten (service_message);
  g_autofree char *short_code = shorten (service_code);

  if (short_message != NULL && short_code != NULL)
    return g_strdup_printf (_("“%s” (code %s)"), short_message, short_code);
  if (short_message != NULL)
    return g_strdup_printf (_("“%s”"), short_message);
  if (short_code != NULL)
    return g_strdup_printf (_("code %s"), short_code);

  return NULL;
}

static char *
describe (AttestPartnerError  code,
          const char         *method,
          const char         *path,
          guint               status,
          const char         *service_code,
          const char         *service_message,
          gboolean            unreadable)
{
  g_autofree char *reason = describe_service_text (service_code, service_message);

  if (reason == NULL && unreadable)
    reason = g_strdup (_("an answer that is not Partner Center’s JSON"));
  else if (reason == NULL)
    reason = g_strdup (_("no reason given"));

  switch (code)
    {
    case ATTEST_PARTNER_ERROR_MFA_REQUIRED:
      /* Translators: an explanation, then the HTTP status and the server's reason. */
      return g_strdup_printf (_("%s (HTTP 401, %s)"), attest_mfa_explanation (), reason);
    case ATTEST_PARTNER_ERROR_UNAUTHORIZED:
      return g_strdup_printf (_("Partner Center did not accept the sign-in (HTTP 401, %s). "
                                "Sign in again."), reason);
    case ATTEST_PARTNER_ERROR_FORBIDDEN:
      return g_strdup_printf (_("Partner Center refused access (HTTP 403, %s). The signed-in "
                                "user needs the Admin agent or Global admin role in Partner "
                                "Center."), reason);
    case ATTEST_PARTNER_ERROR_THROTTLED:
      return g_strdup_printf (_("Partner Center is limiting the rate of requests (HTTP 429, %s). "
                                "Wait a little and try again."), reason);
    case ATTEST_PARTNER_ERROR_SERVER:
    case ATTEST_PARTNER_ERROR_TIMEOUT:
      return g_strdup_printf (_("Partner Center could not answer %s %s (HTTP %u, %s). Try "
                                "again later."), method, path, status, reason);
    case ATTEST_PARTNER_ERROR_INVALID_RESPONSE:
      return g_strdup_printf (_("Partner Center answered %s %s with success (HTTP %u) but sent "
                                "an error: %s. Nothing is taken as done; try again later."),
                              method, path, status, reason);
    default:
      return g_strdup_printf (_("Partner Center refused %s %s (HTTP %u): %s."),
                              method, path, status, reason);
    }
}

GError *
attest_partner_error_new_from_response (const char         *method,
                                        const char         *path,
                                        guint               status,
                                        SoupMessageHeaders *headers,
                                        GBytes             *body)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *message = NULL;
  AttestPartnerErrorPrivate *priv;
  AttestPartnerError code;
  JsonObject *object = NULL;
  GError *error;

  g_return_val_if_fail (method != NULL && path != NULL, NULL);

  if (body != NULL && g_bytes_get_size (body) > 0)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

      root = json_from_string (text, NULL);
      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        object = json_node_get_object (root);
    }

  error = g_error_new_literal (ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_BAD_REQUEST, "");
  priv = new_error_private (error);
  priv->http_status = status;

  if (object != NULL)
    {
      const char *text = attest_json_get_string (object, "message");

      if (text == NULL)
        text = attest_json_get_string (object, "description");
      priv->service_message = g_strdup (text);
      priv->service_code = dup_code (object);
      priv->error_name = g_strdup (attest_json_get_string (object, "errorName"));
      priv->customer_ids = attest_partner_refusal_read_customer_ids (object, text);
      priv->emails = attest_partner_refusal_read_emails (object, text);
      priv->reasons =
        attest_partner_refusal_read_reasons (object, text,
                                             (const char * const *) priv->customer_ids,
                                             (const char * const *) priv->emails);
    }

  code = code_for_status (status, priv->service_code);
  error->code = code;
  priv->retryable = code == ATTEST_PARTNER_ERROR_TIMEOUT
                    || code == ATTEST_PARTNER_ERROR_THROTTLED
                    || code == ATTEST_PARTNER_ERROR_SERVER;
  if (headers != NULL)
    priv->retry_after = attest_partner_parse_retry_after (
      soup_message_headers_get_one (headers, "Retry-After"), now);

  g_free (error->message);
  error->message = describe (code, method, path, status, priv->service_code,
                             priv->service_message,
                             object == NULL && body != NULL && g_bytes_get_size (body) > 0);

  return error;
}

static gboolean
is_web_page (SoupMessageHeaders *headers,
             GBytes             *body)
{
  const char *content_type = headers != NULL
                             ? soup_message_headers_get_content_type (headers, NULL) : NULL;
  gsize length = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &length) : NULL;

  if (g_strcmp0 (content_type, "text/html") == 0
      || g_strcmp0 (content_type, "application/xhtml+xml") == 0)
    return TRUE;

  while (length > 0 && g_ascii_isspace (*data))
    data++, length--;

  return length >= 5 && g_ascii_strncasecmp (data, "<html", 5) == 0;
}

/* Partner Center's errors carry a code and a description or message; no
 * answer that reports success does. */
static gboolean
is_error_object (JsonNode *root)
{
  JsonObject *object;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  object = json_node_get_object (root);

  return json_object_has_member (object, "code")
         && (attest_json_get_string (object, "description") != NULL
             || attest_json_get_string (object, "message") != NULL);
}

/* Checks an answer with a 2xx status, whose JSON root (or NULL) is @root.
 * A web page means something else answered in Partner Center's place (a
 * proxy, a network's sign-in page); an error object means the request was
 * not done, whatever the status says; and a GET must answer JSON. Returns
 * NULL when the answer can be used, or the error to report. */
GError *
attest_partner_error_new_from_success (const char         *method,
                                       const char         *path,
                                       guint               status,
                                       SoupMessageHeaders *headers,
                                       GBytes             *body,
                                       JsonNode           *root)
{
  const char *content_type;

  g_return_val_if_fail (method != NULL && path != NULL, NULL);

  if (is_web_page (headers, body))
    return g_error_new (ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INVALID_RESPONSE,
                        _("%s %s was answered with a web page instead of Partner Center’s data "
                          "(HTTP %u). A proxy or a network sign-in page may be in the way; "
                          "nothing is taken as done."), method, path, status);

  if (is_error_object (root))
    return attest_partner_error_new_from_response (method, path, status, headers, body);

  if (root == NULL && g_str_equal (method, "GET"))
    {
      content_type = headers != NULL ? soup_message_headers_get_content_type (headers, NULL)
                                     : NULL;
      if (body == NULL || g_bytes_get_size (body) == 0)
        return g_error_new (ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INVALID_RESPONSE,
                            _("Partner Center answered %s %s with an empty body (HTTP %u). "
                              "Try again later."), method, path, status);

      return g_error_new (ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INVALID_RESPONSE,
                          _("Partner Center answered %s %s with something that is not JSON "
                            "(HTTP %u, %s). Try again later."), method, path, status,
                          content_type != NULL ? content_type : _("no content type"));
    }

  return NULL;
}

GError *
attest_partner_error_new_from_transport (const char   *host,
                                         const GError *transport_error)
{
  GError *error;

  g_return_val_if_fail (transport_error != NULL, NULL);

  if (transport_error->domain == G_TLS_ERROR)
    return g_error_new (ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_TLS,
                        _("The certificate of %s could not be verified (%s). Attest only talks "
                          "to Partner Center over verified HTTPS; check the address and the "
                          "system's certificates."),
                        host, transport_error->message);

  error = g_error_new (ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NETWORK,
                       _("Could not get an answer from %s (%s). Check the network connection."),
                       host, transport_error->message);
  new_error_private (error)->retryable = TRUE;

  return error;
}

/* An answer that reports success (@status, 0 when not known) but does not
 * have the shape Attest reads: @problem says what does not fit, a clause
 * such as “items[2].dateAgreed is not a date”. The server's code and words,
 * when @root holds them, are kept and shown; nothing else is made up. */
GError *
attest_partner_error_new_unfit_answer (const char *method,
                                       const char *path,
                                       guint       status,
                                       JsonNode   *root,
                                       const char *problem)
{
  g_autofree char *said = NULL;
  AttestPartnerErrorPrivate *priv;
  GError *error;

  g_return_val_if_fail (method != NULL && path != NULL && problem != NULL, NULL);

  error = g_error_new_literal (ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INVALID_RESPONSE, "");
  priv = new_error_private (error);
  priv->http_status = status;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      const char *text = attest_json_get_string (object, "message");

      if (text == NULL)
        text = attest_json_get_string (object, "description");
      priv->service_message = g_strdup (text);
      priv->service_code = dup_code (object);
      priv->error_name = g_strdup (attest_json_get_string (object, "errorName"));
    }
  said = describe_service_text (priv->service_code, priv->service_message);

  g_free (error->message);
  if (status != 0 && said != NULL)
    /* Translators: method, path, HTTP status, what does not fit, the server's words. */
    error->message = g_strdup_printf (_("Partner Center answered %s %s with HTTP %u, but Attest "
                                        "cannot read the answer: %s. Partner Center said %s. "
                                        "Nothing is taken from it."),
                                      method, path, status, problem, said);
  else if (status != 0)
    error->message = g_strdup_printf (_("Partner Center answered %s %s with HTTP %u, but Attest "
                                        "cannot read the answer: %s. Nothing is taken from it."),
                                      method, path, status, problem);
  else if (said != NULL)
    error->message = g_strdup_printf (_("Attest cannot read Partner Center’s answer to %s %s: "
                                        "%s. Partner Center said %s. Nothing is taken from it."),
                                      method, path, problem, said);
  else
    error->message = g_strdup_printf (_("Attest cannot read Partner Center’s answer to %s %s: "
                                        "%s. Nothing is taken from it."),
                                      method, path, problem);

  return error;
}

/* A call to @method @path, whose route needs the @missing credential
 * (EITHER: one or the other), made by a client that has not been given it.
 * Nothing was sent. The message names the credential; the window and the
 * commands add how to set it up. */
GError *
attest_partner_error_new_no_credential (const char              *method,
                                        const char              *path,
                                        AttestPartnerCredential  missing)
{
  GError *error;

  g_return_val_if_fail (method != NULL && path != NULL, NULL);
  g_return_val_if_fail (missing <= ATTEST_PARTNER_CREDENTIAL_EITHER, NULL);

  switch (missing)
    {
    case ATTEST_PARTNER_CREDENTIAL_USER:
      error = g_error_new (ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NO_CREDENTIAL,
                           _("%s %s needs the partner user’s sign-in (App+User), and nobody is "
                             "signed in."), method, path);
      break;
    case ATTEST_PARTNER_CREDENTIAL_APP:
      error = g_error_new (ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NO_CREDENTIAL,
                           _("%s %s needs the partner’s AppOnly credential (the application ID "
                             "and client secret of the web app registered in Partner Center), "
                             "and none is set up."), method, path);
      break;
    case ATTEST_PARTNER_CREDENTIAL_EITHER:
    default:
      error = g_error_new (ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NO_CREDENTIAL,
                           _("%s %s needs the partner user’s sign-in or the partner’s AppOnly "
                             "credential, and neither is set up."), method, path);
      break;
    }
  new_error_private (error)->missing_credential = missing;

  return error;
}

/* 0 when the error is not an HTTP answer. */
guint
attest_partner_error_get_http_status (const GError *error)
{
  AttestPartnerErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->http_status : 0;
}

/* The service's "code", as text ("600061"), or NULL. */
const char *
attest_partner_error_get_service_code (const GError *error)
{
  AttestPartnerErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->service_code : NULL;
}

const char *
attest_partner_error_get_error_name (const GError *error)
{
  AttestPartnerErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->error_name : NULL;
}

/* The service's own words ("message", else "description"), or NULL. */
const char *
attest_partner_error_get_service_message (const GError *error)
{
  AttestPartnerErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->service_message : NULL;
}

/* Whether sending the same request again may succeed: 408, 429, 5xx and
 * failures without an answer; never any other 4xx. */
gboolean
attest_partner_error_is_retryable (const GError *error)
{
  AttestPartnerErrorPrivate *priv = get_private (error);

  return priv != NULL && priv->retryable;
}

/* Seconds the server asked us to wait, or -1. */
gint64
attest_partner_error_get_retry_after (const GError *error)
{
  AttestPartnerErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->retry_after : -1;
}

/* The customer IDs the error names, or NULL. */
const char * const *
attest_partner_error_get_customer_ids (const GError *error)
{
  AttestPartnerErrorPrivate *priv = get_private (error);

  return priv != NULL ? (const char * const *) priv->customer_ids : NULL;
}

/* The email addresses the error names, or NULL. */
const char * const *
attest_partner_error_get_emails (const GError *error)
{
  AttestPartnerErrorPrivate *priv = get_private (error);

  return priv != NULL ? (const char * const *) priv->emails : NULL;
}

/* What Partner Center said of the one record of a refusal whose customer
 * ID is @customer_id and email address @email (either may be NULL): its
 * own reason when the refusal names several records, else the service's
 * words, else the error's message. Never the reasons of other records. */
const char *
attest_partner_error_get_record_message (const GError *error,
                                         const char   *customer_id,
                                         const char   *email)
{
  AttestPartnerErrorPrivate *priv = get_private (error);
  const char *keys[] = { customer_id, email };

  g_return_val_if_fail (error != NULL, NULL);

  for (guint i = 0; priv != NULL && priv->reasons != NULL && i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *key = keys[i] != NULL ? attest_partner_refusal_fold (keys[i]) : NULL;
      const char *reason = key != NULL ? g_hash_table_lookup (priv->reasons, key) : NULL;

      if (reason != NULL)
        return reason;
    }

  if (priv != NULL && priv->service_message != NULL && priv->service_message[0] != '\0')
    return priv->service_message;

  return error->message;
}

const char *
attest_partner_error_get_request_id (const GError *error)
{
  AttestPartnerErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->request_id : NULL;
}

const char *
attest_partner_error_get_correlation_id (const GError *error)
{
  AttestPartnerErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->correlation_id : NULL;
}

void
attest_partner_error_set_ids (GError     *error,
                              const char *request_id,
                              const char *correlation_id)
{
  AttestPartnerErrorPrivate *priv = get_private (error);

  g_return_if_fail (priv != NULL);

  g_free (priv->request_id);
  priv->request_id = g_strdup (request_id);
  g_free (priv->correlation_id);
  priv->correlation_id = g_strdup (correlation_id);
}

/* Which credential a call lacked: for ATTEST_PARTNER_ERROR_NO_CREDENTIAL,
 * the user's, the app's, or EITHER when neither was there; for any other
 * error, ATTEST_PARTNER_CREDENTIAL_USER, which says nothing. */
AttestPartnerCredential
attest_partner_error_get_missing_credential (const GError *error)
{
  AttestPartnerErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->missing_credential : ATTEST_PARTNER_CREDENTIAL_USER;
}
