/* test-partner-error.c: reading Partner Center's error bodies, and the
 * retry policy (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-json.h"
#include "attest-partner-error.h"
#include "attest-partner-record.h"
#include "attest-partner-request.h"
#include "attest-retry-policy.h"
#include "attest-test-init.h"

static GError *
error_for (guint       status,
           const char *body,
           const char *retry_after)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  if (retry_after != NULL)
    soup_message_headers_replace (headers, "Retry-After", retry_after);

  return attest_partner_error_new_from_response ("POST", "/v1/CreateBulkReAttestation", status,
                                                 headers, bytes);
}

static void
test_documented_shape (void)
{
  g_autoptr(GError) numeric = error_for (403, "{\"code\":1002,\"description\":\"Authorization "
                                              "Failed\",\"data\":[],\"source\":\"PartnerFD\"}",
                                         NULL);
  g_autoptr(GError) text = error_for (400, "{\"code\":\"InvalidInput\",\"description\":\"Bad "
                                           "things\",\"data\":[],\"source\":\"PartnerFD\"}",
                                      NULL);

  g_assert_error (numeric, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_FORBIDDEN);
  g_assert_cmpuint (attest_partner_error_get_http_status (numeric), ==, 403);
  g_assert_cmpstr (attest_partner_error_get_service_code (numeric), ==, "1002");
  g_assert_cmpstr (attest_partner_error_get_service_message (numeric), ==, "Authorization Failed");
  g_assert_null (attest_partner_error_get_error_name (numeric));
  g_assert_false (attest_partner_error_is_retryable (numeric));
  g_assert_cmpint (attest_partner_error_get_retry_after (numeric), ==, -1);

  g_assert_error (text, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_BAD_REQUEST);
  g_assert_cmpstr (attest_partner_error_get_service_code (text), ==, "InvalidInput");
  g_assert_cmpstr (attest_partner_error_get_service_message (text), ==, "Bad things");
  g_assert_nonnull (strstr (text->message, "Bad things"));
  g_assert_nonnull (strstr (text->message, "HTTP 400"));
}

static void
test_newer_shape (void)
{
  g_autoptr(GError) error =
    error_for (409, "{\"code\":600061,\"message\":\"A partner confirmed agreement already exists "
                    "for the customer.\",\"description\":\"A partner confirmed agreement already "
                    "exists for the customer.\",\"errorName\":\"PartnerConfirmedAgreementAlready"
                    "Exists\",\"isRetryable\":false,\"parameters\":{},\"errorMessageExtended\":"
                    "\"InternalErrorCode=600061\"}", NULL);
  g_autoptr(GError) mfa =
    error_for (401, "{\"code\":900421,\"message\":\"MFA required\",\"errorName\":\"Mfa\"}", NULL);
  g_autoptr(GError) legacy_mfa =
    error_for (401, "{\"code\":10001,\"description\":\"Authentication failed. MFA required.\"}",
               NULL);
  g_autoptr(GError) expired = error_for (401, "", NULL);

  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_CONFLICT);
  g_assert_cmpstr (attest_partner_error_get_service_code (error), ==, "600061");
  g_assert_cmpstr (attest_partner_error_get_error_name (error), ==,
                   "PartnerConfirmedAgreementAlreadyExists");
  g_assert_cmpstr (attest_partner_error_get_service_message (error), ==,
                   "A partner confirmed agreement already exists for the customer.");
  g_assert_null (attest_partner_error_get_customer_ids (error));

  g_assert_error (mfa, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_MFA_REQUIRED);
  g_assert_error (legacy_mfa, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_MFA_REQUIRED);
  g_assert_cmpstr (attest_partner_error_get_service_code (legacy_mfa), ==, "10001");
  g_assert_error (expired, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_UNAUTHORIZED);
  g_assert_null (attest_partner_error_get_service_code (expired));
  g_assert_nonnull (strstr (expired->message, "Sign in again"));
}

static void
test_throttling_shape (void)
{
  g_autoptr(GError) seconds =
    error_for (429, "{\"statusCode\":429,\"message\":\"Rate limit is exceeded. Try again in 57 "
                    "seconds.\"}", "57");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 120);
  g_autofree char *date = g_date_time_format (later, "%a, %d %b %Y %H:%M:%S GMT");
  g_autoptr(GError) http_date = error_for (429, "{\"statusCode\":429,\"message\":\"Slow down\"}",
                                           date);
  g_autoptr(GError) past = error_for (503, "oops", "Thu, 01 Jan 1970 00:00:00 GMT");
  gint64 wait;

  g_assert_error (seconds, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_THROTTLED);
  g_assert_true (attest_partner_error_is_retryable (seconds));
  g_assert_cmpint (attest_partner_error_get_retry_after (seconds), ==, 57);
  g_assert_null (attest_partner_error_get_service_code (seconds));
  g_assert_cmpstr (attest_partner_error_get_service_message (seconds), ==,
                   "Rate limit is exceeded. Try again in 57 seconds.");

  wait = attest_partner_error_get_retry_after (http_date);
  g_assert_cmpint (wait, >=, 118);
  g_assert_cmpint (wait, <=, 120);

  /* Not JSON, and a date already past. */
  g_assert_error (past, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_SERVER);
  g_assert_true (attest_partner_error_is_retryable (past));
  g_assert_cmpint (attest_partner_error_get_retry_after (past), ==, 0);
  g_assert_null (attest_partner_error_get_service_message (past));
}

static void
test_retry_after_forms (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 21, 23, 50, 0);

  g_assert_cmpint (attest_partner_parse_retry_after ("7", now), ==, 7);
  g_assert_cmpint (attest_partner_parse_retry_after (" 0", now), ==, 0);
  g_assert_cmpint (attest_partner_parse_retry_after ("Sat, 21 Nov 2026 23:50:07 GMT", now), ==, 7);
  g_assert_cmpint (attest_partner_parse_retry_after ("-3", now), ==, -1);
  g_assert_cmpint (attest_partner_parse_retry_after ("soon", now), ==, -1);
  g_assert_cmpint (attest_partner_parse_retry_after (NULL, now), ==, -1);
}

static void
test_named_records (void)
{
  g_autoptr(GError) listed =
    error_for (400, "{\"code\":2000,\"message\":\"Invalid email for customer "
                    "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9.\",\"parameters\":{\"customerIds\":"
                    "\"11111111-2222-4333-8444-555555555555, 0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"
                    "\"}}", NULL);
  g_autoptr(GError) array =
    error_for (400, "{\"code\":2000,\"message\":\"Bad\",\"parameters\":{\"customerIds\":"
                    "[\"aaaaaaaa-2222-4333-8444-555555555555\"]}}", NULL);
  g_autoptr(GError) none = error_for (400, "{\"code\":2000,\"message\":\"Bad batch\"}", NULL);

  g_assert_cmpstrv (attest_partner_error_get_customer_ids (listed),
                    ((const char *[]) { "11111111-2222-4333-8444-555555555555",
                                        "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9", NULL }));
  g_assert_cmpstrv (attest_partner_error_get_customer_ids (array),
                    ((const char *[]) { "aaaaaaaa-2222-4333-8444-555555555555", NULL }));
  g_assert_null (attest_partner_error_get_customer_ids (none));
}

/* The error a 400 would be whose message is @message. */
static GError *
error_with_message (const char *message)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *body = NULL;

  json_object_set_int_member (object, "code", 2000);
  json_object_set_string_member (object, "message", message);
  json_node_set_object (root, object);
  body = json_to_string (root, FALSE);

  return error_for (400, body, NULL);
}

static void
assert_emails_in (const char         *message,
                  const char * const *expected)
{
  g_autoptr(GError) error = error_with_message (message);

  g_assert_cmpstrv (attest_partner_error_get_emails (error), expected);
}

static void
test_named_emails (void)
{
  g_autoptr(GError) listed =
    error_for (400, "{\"code\":2000,\"message\":\"Bad\",\"parameters\":{\"emails\":"
                    "\" ann@example.com,bob@example.com \"}}", NULL);
  g_autoptr(GError) array =
    error_for (400, "{\"code\":2000,\"message\":\"Bad for cy@example.com\",\"parameters\":"
                    "{\"emails\":[\"cy@example.com\",\"dee@example.com\"]}}", NULL);
  g_autoptr(GError) copy = NULL;

  g_assert_cmpstrv (attest_partner_error_get_emails (listed),
                    ((const char *[]) { "ann@example.com", "bob@example.com", NULL }));
  g_assert_cmpstrv (attest_partner_error_get_emails (array),
                    ((const char *[]) { "cy@example.com", "dee@example.com", NULL }));
  copy = g_error_copy (array);
  g_assert_cmpstrv (attest_partner_error_get_emails (copy),
                    ((const char *[]) { "cy@example.com", "dee@example.com", NULL }));

  /* An address is read whole, wherever it stands and whatever is around it. */
  assert_emails_in ("aa@b.com is not valid",
                    ((const char *[]) { "aa@b.com", NULL }));
  assert_emails_in ("The email is aa@b.com",
                    ((const char *[]) { "aa@b.com", NULL }));
  assert_emails_in ("The email 'aa@b.com' and \"c@d.org\" are refused.",
                    ((const char *[]) { "aa@b.com", "c@d.org", NULL }));
  assert_emails_in ("Refused (aa@b.com), then x.y@mail.example.co.uk, then z@q.io.",
                    ((const char *[]) { "aa@b.com", "x.y@mail.example.co.uk", "z@q.io",
                                        NULL }));
  assert_emails_in ("Refused: ann+attest@example.com; BOB@EXAMPLE.COM.",
                    ((const char *[]) { "ann+attest@example.com", "BOB@EXAMPLE.COM", NULL }));
  assert_emails_in ("The email “o'brien@example.com” is taken.",
                    ((const char *[]) { "o'brien@example.com", NULL }));

  /* Nothing that only looks like part of an address. */
  assert_emails_in ("Invalid email for customer 0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9.", NULL);
  assert_emails_in ("Use @ and a domain; a@ and @b.com and a@b@c.com are not addresses.", NULL);
}

#define ID_A "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"
#define ID_B "11111111-2222-4333-8444-555555555555"
#define ID_C "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"

/* The refusal of a batch with @message and, when not NULL, @members
 * (JSON members without braces) beside it. */
static GError *
refusal_with (const char *message,
              const char *members)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *body = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  quoted = json_to_string (root, FALSE);
  body = g_strdup_printf ("{\"code\":2000,%s%s%s", members != NULL ? members : "",
                          members != NULL ? "," : "", quoted + 1);

  return error_for (400, body, NULL);
}

static void
assert_record_message (const GError *error,
                       const char   *customer_id,
                       const char   *email,
                       const char   *expected)
{
  g_assert_cmpstr (attest_partner_error_get_record_message (error, customer_id, email), ==,
                   expected);
}

/* The sandbox's refusal of a batch with many customers at fault: each
 * gets its own reason, never the list of the others. */
static void
test_record_messages_of_many (void)
{
  g_autoptr(GString) message = g_string_new ("The request has invalid agreements for these "
                                             "customers: ");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autofree char *upper = NULL;

  for (guint i = 0; i < 500; i++)
    {
      g_ptr_array_add (ids, g_strdup_printf ("%08x-2222-4333-8444-%012x", i, i * 7));
      g_string_append_printf (message, "%s%s (%s)", i > 0 ? ", " : "",
                              (char *) g_ptr_array_index (ids, i),
                              i % 3 == 0 ? "the email address is not valid"
                                         : "no such customer");
    }
  g_string_append_c (message, '.');
  error = refusal_with (message->str, NULL);

  g_assert_cmpuint (g_strv_length ((GStrv) attest_partner_error_get_customer_ids (error)), ==,
                    500);
  for (guint i = 0; i < 500; i++)
    assert_record_message (error, g_ptr_array_index (ids, i), NULL,
                           i % 3 == 0 ? "the email address is not valid" : "no such customer");

  /* Whatever the case of the ID, and in a copy of the error. */
  upper = g_ascii_strup (g_ptr_array_index (ids, 1), -1);
  assert_record_message (error, upper, "x@example.com", "no such customer");
  copy = g_error_copy (error);
  assert_record_message (copy, g_ptr_array_index (ids, 3), NULL,
                         "the email address is not valid");
}

/* A message that names no customer is each named customer's own; one that
 * names one is that customer's. */
static void
test_record_messages_named_elsewhere (void)
{
  g_autoptr(GError) none =
    refusal_with ("Date of agreement cannot be greater than the current date.",
                  "\"parameters\":{\"customerIds\":\"" ID_A "," ID_B "\"}");
  g_autoptr(GError) one = refusal_with ("Invalid email for customer " ID_A ".", NULL);
  g_autoptr(GError) bare = error_for (400, "{\"code\":2000}", NULL);

  assert_record_message (none, ID_A, NULL,
                         "Date of agreement cannot be greater than the current date.");
  assert_record_message (none, ID_B, NULL,
                         "Date of agreement cannot be greater than the current date.");
  assert_record_message (one, ID_A, NULL, "Invalid email for customer " ID_A ".");

  /* No words of the server's: the error's own message. */
  assert_record_message (bare, ID_A, NULL, bare->message);
}

/* Reasons in the body's data beside the message come first; a customer
 * without one there has the message. */
static void
test_record_messages_structured (void)
{
  g_autoptr(GError) error =
    refusal_with ("Invalid agreements.",
                  "\"data\":[{\"customerId\":\"" ID_A "\",\"message\":\"Email is not valid\"},"
                  "{\"customerTenantId\":\"" ID_B "\",\"description\":\"Unknown customer\"},"
                  "1,\"text\",{\"customerId\":5,\"message\":[]},{\"customerId\":\"" ID_C "\"}],"
                  "\"parameters\":{\"customerIds\":[\"" ID_A "\",\"" ID_B "\",\"" ID_C "\"]}");
  g_autoptr(GError) details =
    refusal_with ("Refused: " ID_A " (not this one).",
                  "\"details\":[{\"target\":\"" ID_A "\",\"reason\":\" Customer not found \"}]");

  assert_record_message (error, ID_A, NULL, "Email is not valid");
  assert_record_message (error, ID_B, NULL, "Unknown customer");
  assert_record_message (error, ID_C, NULL, "Invalid agreements.");
  assert_record_message (details, ID_A, NULL, "Customer not found");
}

/* Other shapes of a message naming several records. */
static void
test_record_messages_shapes (void)
{
  g_autoptr(GError) list = refusal_with ("Invalid email for customers: " ID_A ", " ID_B " and "
                                         ID_C ".", NULL);
  g_autoptr(GError) colons = refusal_with (ID_A ": no such customer; " ID_B " - the email "
                                           "address is not valid", NULL);
  g_autoptr(GError) emails = refusal_with ("Refused: ann@example.com (mailbox unknown), "
                                           "bob@example.com (no mail server).", NULL);
  g_autoptr(GError) nested = refusal_with ("Customers: " ID_A " (the email x@y.com is not "
                                           "valid (typo)), " ID_B " (no such customer).", NULL);
  g_autoptr(GError) partly = refusal_with ("Invalid agreements: " ID_A " (no such customer), "
                                           ID_B ".", NULL);
  g_autoptr(GError) unlabelled = refusal_with (ID_A " (no such customer), " ID_B ".", NULL);
  g_autoptr(GError) unbalanced = refusal_with ("Invalid: " ID_A " (no such customer, " ID_B
                                               " (bad)", NULL);

  assert_record_message (list, ID_A, NULL, "Invalid email for customers: " ID_A ".");
  assert_record_message (list, ID_C, NULL, "Invalid email for customers: " ID_C ".");
  assert_record_message (colons, ID_A, NULL, "no such customer");
  assert_record_message (colons, ID_B, NULL, "the email address is not valid");
  assert_record_message (emails, NULL, "ANN@example.com", "mailbox unknown");
  assert_record_message (emails, ID_A, "bob@example.com", "no mail server");
  assert_record_message (nested, ID_A, "x@y.com", "the email x@y.com is not valid (typo)");
  assert_record_message (nested, ID_B, NULL, "no such customer");
  assert_record_message (partly, ID_A, NULL, "no such customer");
  assert_record_message (partly, ID_B, NULL, "Invalid agreements");
  assert_record_message (unlabelled, ID_B, NULL, "Partner Center refused this customer "
                         "together with others and gave no reason of its own.");
  assert_record_message (unbalanced, ID_A, NULL, "Invalid");
  assert_record_message (unbalanced, ID_B, NULL, "bad");
}

static void
test_copy_keeps_details (void)
{
  g_autoptr(GError) error = error_for (429, "{\"statusCode\":429,\"message\":\"Wait\"}", "3");
  g_autoptr(GError) copy = NULL;

  attest_partner_error_set_ids (error, "req", "corr");
  copy = g_error_copy (error);
  g_assert_cmpint (attest_partner_error_get_retry_after (copy), ==, 3);
  g_assert_cmpstr (attest_partner_error_get_request_id (copy), ==, "req");
  g_assert_cmpstr (attest_partner_error_get_correlation_id (copy), ==, "corr");
  g_assert_cmpstr (attest_partner_error_get_service_message (copy), ==, "Wait");
}

static void
test_retryable_statuses (void)
{
  const guint retried[] = { 408, 429, 500, 502, 503, 504 };
  const guint never[] = { 400, 401, 403, 404, 409, 417 };
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");
  g_autoptr(GError) network = NULL;
  g_autoptr(GError) tls = NULL;
  g_autoptr(GError) transport = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                                                     "Connection refused");
  g_autoptr(GError) bad_certificate = g_error_new_literal (G_TLS_ERROR,
                                                           G_TLS_ERROR_BAD_CERTIFICATE,
                                                           "Unacceptable TLS certificate");

  for (guint i = 0; i < G_N_ELEMENTS (retried); i++)
    {
      g_autoptr(GError) error = error_for (retried[i], "{}", NULL);

      g_assert_true (attest_retry_policy_is_retryable (error));
    }
  for (guint i = 0; i < G_N_ELEMENTS (never); i++)
    {
      g_autoptr(GError) error = error_for (never[i], "{\"isRetryable\":true}", NULL);

      g_assert_false (attest_retry_policy_is_retryable (error));
    }

  network = attest_partner_error_new_from_transport ("example.com", transport);
  g_assert_error (network, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NETWORK);
  g_assert_true (attest_retry_policy_is_retryable (network));
  g_assert_nonnull (strstr (network->message, "example.com"));

  tls = attest_partner_error_new_from_transport ("example.com", bad_certificate);
  g_assert_error (tls, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_TLS);
  g_assert_false (attest_retry_policy_is_retryable (tls));

  g_assert_false (attest_retry_policy_is_retryable (other));
  g_assert_false (attest_retry_policy_is_retryable (NULL));
}

static void
test_backoff (void)
{
  g_autoptr(AttestRetryPolicy) policy = attest_retry_policy_new ();
  g_autoptr(AttestRetryPolicy) same = attest_retry_policy_new ();
  g_autoptr(GError) error = error_for (503, "{}", NULL);
  g_autoptr(GError) throttled = error_for (429, "{}", "30");

  attest_retry_policy_set_delays (policy, 1000, 8000);
  attest_retry_policy_set_max_attempts (policy, 4);
  attest_retry_policy_set_seed (policy, 9);
  attest_retry_policy_set_delays (same, 1000, 8000);
  attest_retry_policy_set_seed (same, 9);

  g_assert_true (attest_retry_policy_should_retry (policy, error, 1));
  g_assert_true (attest_retry_policy_should_retry (policy, error, 3));
  g_assert_false (attest_retry_policy_should_retry (policy, error, 4));

  /* Between half and all of base × 2^(n−1), capped. */
  for (guint attempt = 1; attempt <= 6; attempt++)
    {
      guint ceiling = MIN (8000, 1000u << (attempt - 1));
      guint delay = attest_retry_policy_next_delay (policy, error, attempt);

      g_assert_cmpuint (delay, >=, ceiling / 2);
      g_assert_cmpuint (delay, <=, ceiling);
      g_assert_cmpuint (delay, ==, attest_retry_policy_next_delay (same, error, attempt));
    }

  /* Retry-After is a floor, even above the cap. */
  g_assert_cmpuint (attest_retry_policy_next_delay (policy, throttled, 1), ==, 30000);
}

static void
on_waited (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (attest_retry_policy_wait_finish (result, error));
}

static void
test_wait_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  attest_retry_policy_wait_async (60000, cancellable, on_waited, &error);
  g_cancellable_cancel (cancellable);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_records_page (void)
{
  g_autoptr(JsonNode) page =
    json_from_string ("{\"customerAgreementRecords\":[{\"customerTenantId\":\"c1\","
                      "\"lastAgreementPrimaryContact\":{\"firstName\":\"Zoë\",\"lastName\":"
                      "\"O'Brien\",\"email\":\"z@x.fr\",\"phoneNumber\":null},"
                      "\"lastAgreementDateEpoch\":1676332800000,\"partnerAttestationCompleted\":"
                      "false},{\"customerTenantId\":\"c2\",\"lastAgreementPrimaryContact\":null,"
                      "\"lastAgreementDateEpoch\":1676332800}],\"continuationToken\":\"  \"}", NULL);
  g_autoptr(JsonNode) broken = json_from_string ("{\"customerAgreementRecords\":[{}]}", NULL);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  AttestPartnerRecord *record;

  records = attest_partner_parse_records_page (page, &next, &error);
  g_assert_no_error (error);
  g_assert_null (next);
  g_assert_cmpuint (records->len, ==, 2);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->first_name, ==, "Zoë");
  g_assert_cmpstr (record->phone_number, ==, "");
  first = attest_partner_record_dup_last_agreement_date (record);
  second = attest_partner_record_dup_last_agreement_date (g_ptr_array_index (records, 1));
  g_assert_cmpint (g_date_time_to_unix (first), ==, 1676332800);
  g_assert_cmpint (g_date_time_to_unix (second), ==, 1676332800);
  g_assert_cmpstr (((AttestPartnerRecord *) g_ptr_array_index (records, 1))->email, ==, "");

  g_clear_pointer (&records, g_ptr_array_unref);
  records = attest_partner_parse_records_page (broken, &next, &error);
  g_assert_null (records);
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "Record 1"));
}

/* Members of the wrong type count as missing: never an assertion failure,
 * never a half-read value. */
static void
test_records_page_wrong_types (void)
{
  g_autoptr(JsonNode) page =
    json_from_string ("{\"customerAgreementRecords\":[{\"customerTenantId\":\"c1\","
                      "\"lastAgreementPrimaryContact\":{\"firstName\":[\"Zoë\"],\"email\":7},"
                      "\"lastAgreementDateEpoch\":\"1676332800\",\"partnerAttestationCompleted\":"
                      "{}}],\"continuationToken\":{\"next\":\"x\"}}", NULL);
  g_autoptr(JsonNode) bad_id =
    json_from_string ("{\"customerAgreementRecords\":[{\"customerTenantId\":\"c1\"},"
                      "{\"customerTenantId\":12}]}", NULL);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  AttestPartnerRecord *record;

  records = attest_partner_parse_records_page (page, &next, &error);
  g_assert_no_error (error);
  g_assert_null (next);
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->customer_id, ==, "c1");
  g_assert_cmpstr (record->first_name, ==, "");
  g_assert_cmpstr (record->email, ==, "");
  g_assert_cmpint (record->last_agreement_epoch, ==, 0);
  g_assert_false (record->attestation_completed);

  g_clear_pointer (&records, g_ptr_array_unref);
  records = attest_partner_parse_records_page (bad_id, &next, &error);
  g_assert_null (records);
  g_assert_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INVALID_RESPONSE);
  g_assert_nonnull (strstr (error->message, "Record 2"));
}

static void
test_bodies_are_stable (void)
{
  const AttestPartnerContact contact = { "c1", "Robert \"Bob\"", "Smith, Jr.", "b@x.com", "" };
  const AttestPartnerContact pair[] = { contact, contact };
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 1, 2, 0, 0, 0);
  g_autoptr(AttestPartnerRequest) bulk_request =
    attest_partner_request_new_bulk ("p1", "t1", date, &contact, 1);
  g_autoptr(AttestPartnerRequest) again_request =
    attest_partner_request_new_bulk ("p1", "t1", date, &contact, 1);
  g_autoptr(AttestPartnerRequest) single_request =
    attest_partner_request_new_agreement ("t1", date, &contact);
  g_autoptr(AttestPartnerRequest) two_request =
    attest_partner_request_new_bulk ("p1", "t1", date, pair, 2);
  GBytes *bulk = attest_partner_request_get_body (bulk_request);
  GBytes *again = attest_partner_request_get_body (again_request);
  GBytes *single = attest_partner_request_get_body (single_request);
  GBytes *two = attest_partner_request_get_body (two_request);
  g_autofree char *bulk_text = NULL;
  g_autofree char *single_text = NULL;
  g_autofree char *two_text = NULL;
  g_autofree char *item = NULL;
  g_autofree char *expected_two = NULL;

  g_assert_true (g_bytes_equal (bulk, again));
  bulk_text = g_strndup (g_bytes_get_data (bulk, NULL), g_bytes_get_size (bulk));
  single_text = g_strndup (g_bytes_get_data (single, NULL), g_bytes_get_size (single));
  g_assert_cmpstr (bulk_text, ==,
                   "[{\"partnerId\":\"p1\",\"customerId\":\"c1\",\"agreement\":{\"templateId\":"
                   "\"t1\",\"primaryContact\":{\"firstName\":\"Robert \\\"Bob\\\"\",\"lastName\":"
                   "\"Smith, Jr.\",\"email\":\"b@x.com\",\"phoneNumber\":\"\"},\"dateAgreed\":"
                   "\"2026-01-02T00:00:00.000Z\"},\"customerDirectAcceptance\":false}]");
  /* Items follow one another with a comma between them. */
  item = g_strndup (bulk_text + 1, strlen (bulk_text) - 2);
  two_text = g_strndup (g_bytes_get_data (two, NULL), g_bytes_get_size (two));
  expected_two = g_strdup_printf ("[%s,%s]", item, item);
  g_assert_cmpstr (two_text, ==, expected_two);
  g_assert_cmpstr (single_text, ==,
                   "{\"primaryContact\":{\"firstName\":\"Robert \\\"Bob\\\"\",\"lastName\":"
                   "\"Smith, Jr.\",\"email\":\"b@x.com\",\"phoneNumber\":\"\"},\"templateId\":"
                   "\"t1\",\"dateAgreed\":\"2026-01-02T00:00:00.000Z\",\"type\":"
                   "\"MicrosoftCustomerAgreement\"}");

  /* Each request knows where it goes, and has IDs of its own. */
  g_assert_cmpstr (attest_partner_request_get_method (bulk_request), ==, "POST");
  g_assert_cmpstr (attest_partner_request_get_path (bulk_request), ==, ATTEST_PARTNER_BULK_PATH);
  g_assert_cmpstr (attest_partner_request_get_path (single_request), ==,
                   "/v1/customers/c1/agreements");
  g_assert_true (g_uuid_string_is_valid (attest_partner_request_get_request_id (bulk_request)));
  g_assert_cmpstr (attest_partner_request_get_request_id (bulk_request), !=,
                   attest_partner_request_get_request_id (again_request));
  g_assert_cmpstr (attest_partner_request_get_correlation_id (bulk_request), !=,
                   attest_partner_request_get_request_id (bulk_request));
}

/* Bodies are written as text: every string must come back the same
 * through a JSON parser, whatever it holds. */
static void
test_json_strings_round_trip (void)
{
  const char *texts[] = {
    "",
    "plain",
    "quote \" and backslash \\",
    "tab\tline\nreturn\rfeed\fback\b",
    "\x01\x1e\x1f\x7f",
    "Ünïcödé ✓ 😀",
    "</script>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GString) json = g_string_new ("{");
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) error = NULL;

      attest_json_append_member (json, "first", texts[i]);
      attest_json_append_member (json, "second", "after");
      g_string_append_c (json, '}');

      for (gsize j = 0; j < json->len; j++)
        g_assert_cmpuint ((guchar) json->str[j], >=, 0x20);

      root = json_from_string (json->str, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "first"), ==,
                       texts[i]);
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "second"), ==,
                       "after");
    }
}

/* The escaping of a JSON string as RFC 8259 and json-glib have it, byte by
 * byte: what attest_json_append_string () must give, however it goes. */
static void
reference_escape (GString    *json,
                  const char *text)
{
  g_string_append_c (json, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (json, "\\\""); break;
        case '\\': g_string_append (json, "\\\\"); break;
        case '\b': g_string_append (json, "\\b"); break;
        case '\f': g_string_append (json, "\\f"); break;
        case '\n': g_string_append (json, "\\n"); break;
        case '\r': g_string_append (json, "\\r"); break;
        case '\t': g_string_append (json, "\\t"); break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            g_string_append_printf (json, "\\u%04x", *p);
          else
            g_string_append_c (json, (char) *p);
        }
    }
  g_string_append_c (json, '"');
}

/* Random texts of every length up to 300 bytes and one of 150 kB, with
 * quotes, backslashes, controls, DEL and UTF-8 at every place, so that the
 * escapes fall anywhere in and across the sixteen-byte blocks. */
static void
test_json_strings_escaped_exactly (void)
{
  static const char pieces[][5] = {
    "a", "b", "z", "0", " ", "\"", "\\", "\n", "\t", "\x01", "\x1f", "\x7f", "\xc3\xa9", "\xe2\x9c\x93",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (8259);

  for (guint round = 0; round < 3000; round++)
    {
      gsize target = round < 2999 ? round % 301 : 150 * 1024;
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GString) expected = g_string_new ("prefix");
      g_autoptr(GString) json = g_string_new ("prefix");

      while (text->len < target)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      reference_escape (expected, text->str);
      attest_json_append_string (json, text->str);
      g_assert_cmpuint (json->len, ==, expected->len);
      g_assert_true (memcmp (json->str, expected->str, json->len) == 0);
      g_assert_cmpuint (json->str[json->len], ==, '\0');
    }
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/partner-error/documented-shape", test_documented_shape);
  g_test_add_func ("/partner-error/newer-shape", test_newer_shape);
  g_test_add_func ("/partner-error/throttling-shape", test_throttling_shape);
  g_test_add_func ("/partner-error/retry-after-forms", test_retry_after_forms);
  g_test_add_func ("/partner-error/named-records", test_named_records);
  g_test_add_func ("/partner-error/named-emails", test_named_emails);
  g_test_add_func ("/partner-error/copy-keeps-details", test_copy_keeps_details);
  g_test_add_func ("/partner-error/record-messages-of-many", test_record_messages_of_many);
  g_test_add_func ("/partner-error/record-messages-named-elsewhere",
                   test_record_messages_named_elsewhere);
  g_test_add_func ("/partner-error/record-messages-structured", test_record_messages_structured);
  g_test_add_func ("/partner-error/record-messages-shapes", test_record_messages_shapes);
  g_test_add_func ("/retry-policy/retryable-statuses", test_retryable_statuses);
  g_test_add_func ("/retry-policy/backoff", test_backoff);
  g_test_add_func ("/retry-policy/wait-cancelled", test_wait_cancelled);
  g_test_add_func ("/partner-record/records-page", test_records_page);
  g_test_add_func ("/partner-record/records-page-wrong-types", test_records_page_wrong_types);
  g_test_add_func ("/partner-record/bodies-are-stable", test_bodies_are_stable);
  g_test_add_func ("/partner-record/json-strings-round-trip", test_json_strings_round_trip);
  g_test_add_func ("/partner-record/json-strings-escaped-exactly", test_json_strings_escaped_exactly);

  return g_test_run ();
}
