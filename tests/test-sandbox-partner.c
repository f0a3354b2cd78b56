/* test-sandbox-partner.c: the sandbox's Partner Center side, over plain
 * HTTP (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-sandbox.h"
#include "attest-test-http.h"
#include "attest-test-utils.h"

/* Epochs above this are in milliseconds. */
#define MILLISECONDS G_GINT64_CONSTANT (10000000000)

typedef struct
{
  AttestSandbox *sandbox;
  char          *token;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* The classic service of SPEC §5, whose writes these tests make. */
  fixture->sandbox = attest_sandbox_new (5);
  attest_sandbox_set_classic (fixture->sandbox, TRUE);
  attest_sandbox_start (fixture->sandbox, 0, &error);
  g_assert_no_error (error);
  fixture->token = attest_sandbox_mint_access_token (fixture->sandbox, 600);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->sandbox);
  g_clear_pointer (&fixture->token, g_free);
}

static AttestTestResponse *
call (Fixture    *fixture,
      const char *method,
      const char *path,
      const char *body,
      const char *token)
{
  g_autofree char *uri = g_strconcat (attest_sandbox_get_uri (fixture->sandbox), path, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  const char *headers[] = { "Authorization", authorization, "MS-RequestId", NULL, NULL };
  g_autofree char *request_id = g_uuid_string_random ();

  headers[3] = request_id;
  if (token == NULL)
    headers[0] = NULL;

  return attest_test_http (method, uri, "application/json", body, headers);
}

static void
test_customers_follow_seed (void)
{
  g_autoptr(AttestSandbox) one = attest_sandbox_new (21);
  g_autoptr(AttestSandbox) same = attest_sandbox_new (21);
  g_autoptr(AttestSandbox) other = attest_sandbox_new (22);
  gboolean comma = FALSE, quote = FALSE, apostrophe = FALSE, non_ascii = FALSE;
  gboolean empty_phone = FALSE, international_phone = FALSE, bad_email = FALSE;
  gboolean no_date = FALSE, seconds = FALSE, milliseconds = FALSE;

  g_assert_cmpuint (attest_sandbox_get_customer_count (one), ==,
                    ATTEST_SANDBOX_DEFAULT_CUSTOMERS);
  for (guint i = 0; i < attest_sandbox_get_customer_count (one); i++)
    {
      const AttestSandboxCustomer *a = attest_sandbox_get_customer (one, i);
      const AttestSandboxCustomer *b = attest_sandbox_get_customer (same, i);
      g_autofree char *name = g_strconcat (a->first_name, " ", a->last_name, NULL);

      g_assert_cmpstr (a->customer_id, ==, b->customer_id);
      g_assert_cmpstr (a->email, ==, b->email);
      g_assert_cmpint (a->last_agreement_epoch, ==, b->last_agreement_epoch);
      g_assert_true (g_uuid_string_is_valid (a->customer_id));
      g_assert_true (attest_sandbox_lookup_customer (one, a->customer_id) == a);

      comma |= strchr (name, ',') != NULL;
      quote |= strchr (name, '"') != NULL;
      apostrophe |= strchr (name, '\'') != NULL;
      for (const char *p = name; *p != '\0'; p++)
        non_ascii |= (guchar) *p >= 0x80;
      empty_phone |= a->phone_number[0] == '\0';
      international_phone |= a->phone_number[0] == '+';
      bad_email |= strchr (a->email, '@') == NULL || strstr (a->email, "@@") != NULL
                   || strchr (a->email, ' ') != NULL;
      no_date |= a->last_agreement_epoch == 0;
      seconds |= a->last_agreement_epoch > 0 && a->last_agreement_epoch < MILLISECONDS;
      milliseconds |= a->last_agreement_epoch > MILLISECONDS;
    }

  g_assert_true (comma && quote && apostrophe && non_ascii);
  g_assert_true (empty_phone && international_phone && bad_email);
  g_assert_true (no_date && seconds && milliseconds);
  g_assert_cmpstr (attest_sandbox_get_customer (one, 0)->customer_id, !=,
                   attest_sandbox_get_customer (other, 0)->customer_id);
  g_assert_cmpstr (attest_sandbox_get_template_id (one), !=,
                   attest_sandbox_get_template_id (other));

  attest_sandbox_set_customer_count (one, 3);
  g_assert_cmpuint (attest_sandbox_get_customer_count (one), ==, 3);
  g_assert_cmpuint (attest_sandbox_count_pending (one), ==, 3);
}

static void
test_agreement_types (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AttestTestResponse) mca = call (fixture, "GET",
                                            "/v1/agreements?agreementType=MicrosoftCustomerAgreement",
                                            NULL, fixture->token);
  g_autoptr(AttestTestResponse) fallback = call (fixture, "GET", "/v1/agreements", NULL,
                                                 fixture->token);
  g_autoptr(AttestTestResponse) wrong = call (fixture, "GET", "/v1/agreements?agreementType=X",
                                              NULL, fixture->token);
  JsonObject *item;

  g_assert_cmpuint (mca->status, ==, 200);
  item = json_array_get_object_element (json_object_get_array_member (json_node_get_object (mca->json),
                                                                      "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "templateId"), ==,
                   attest_sandbox_get_template_id (fixture->sandbox));
  g_assert_cmpstr (json_object_get_string_member (item, "agreementType"), ==,
                   "MicrosoftCustomerAgreement");

  /* Without agreementType, the Cloud Agreement, as the real service does. */
  item = json_array_get_object_element (json_object_get_array_member (json_node_get_object (fallback->json),
                                                                      "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (item, "agreementType"), ==,
                   "MicrosoftCloudAgreement");
  g_assert_cmpstr (json_object_get_string_member (item, "templateId"), !=,
                   attest_sandbox_get_template_id (fixture->sandbox));

  g_assert_cmpuint (wrong->status, ==, 400);
}

static void
test_template_can_be_set (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(AttestTestResponse) response = NULL;

  attest_sandbox_set_template_id (fixture->sandbox, "117a77b0-9360-443b-8795-c6dedc750cf9");
  response = call (fixture, "GET", "/v1/agreements?agreementType=MicrosoftCustomerAgreement",
                   NULL, fixture->token);
  g_assert_nonnull (strstr (response->body, "117a77b0-9360-443b-8795-c6dedc750cf9"));
}

static void
test_tokens_checked (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *expired = attest_sandbox_mint_access_token (fixture->sandbox, -1);
  g_autofree char *forged = g_strconcat (fixture->token, "x", NULL);
  g_autoptr(AttestTestResponse) none = call (fixture, "GET", "/v1/agreements", NULL, NULL);
  g_autoptr(AttestTestResponse) old = call (fixture, "GET", "/v1/agreements", NULL, expired);
  g_autoptr(AttestTestResponse) bad = call (fixture, "GET", "/v1/agreements", NULL, forged);

  g_assert_cmpuint (none->status, ==, 401);
  g_assert_cmpuint (old->status, ==, 401);
  g_assert_cmpuint (bad->status, ==, 401);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (old->headers,
                                                                 "WWW-Authenticate"),
                                   "OAuth realm=urn:cpsvc:cpid:"));
  g_assert_cmpint (attest_test_response_get_int (old, "code"), ==, 401);
}

static void
test_bulk_limits (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GString) body = g_string_new ("[");
  g_autoptr(AttestTestResponse) too_many = NULL;
  g_autoptr(AttestTestResponse) not_array = NULL;
  g_autoptr(AttestTestResponse) empty = NULL;

  for (guint i = 0; i <= ATTEST_SANDBOX_MAX_BULK_ITEMS; i++)
    g_string_append_printf (body, "%s{}", i > 0 ? "," : "");
  g_string_append_c (body, ']');

  too_many = call (fixture, "POST", "/v1/CreateBulkReAttestation", body->str, fixture->token);
  g_assert_cmpuint (too_many->status, ==, 400);
  g_assert_nonnull (strstr (attest_test_response_get_string (too_many, "message"), "500"));

  not_array = call (fixture, "POST", "/v1/CreateBulkReAttestation", "{}", fixture->token);
  g_assert_cmpuint (not_array->status, ==, 400);
  empty = call (fixture, "POST", "/v1/CreateBulkReAttestation", "[]", fixture->token);
  g_assert_cmpuint (empty->status, ==, 400);
}

/* The sandbox must take any JSON the client may send in a bulk body, and
 * refuse what is not JSON. */
static void
test_bulk_body_reading (Fixture       *fixture,
                        gconstpointer  data)
{
  const AttestSandboxCustomer *customer = attest_sandbox_get_customer (fixture->sandbox, 0);
  const char *partner = attest_sandbox_get_tenant_id (fixture->sandbox);
  const char *template = attest_sandbox_get_template_id (fixture->sandbox);
  const char *not_json[] = {
    "[{\"a\":1,}]",
    "[{\"a\":01}]",
    "[{\"a\":1.}]",
    "[{\"a\":\"\x01\"}]",
    "[{\"a\":\"\\ud800\"}]",
    "[{\"a\":\"\\u0000\"}]",
    "[{\"a\":\"\\x\"}]",
    "[{\"a\":\"\xff\"}]",
    "[{\"a\":tru}]",
    "[{\"a\" 1}]",
    "[{} {}]",
    "[{}] x",
    "[{\"a\":\"open}]",
    "",
  };
  g_autoptr(GString) deep = g_string_new ("[{\"a\":");
  g_autofree char *escaped_id = NULL;
  g_autofree char *body = NULL;
  g_autofree char *again = NULL;
  g_autoptr(AttestTestResponse) taken = NULL;
  g_autoptr(AttestTestResponse) repeated = NULL;
  g_autoptr(AttestTestResponse) not_object = NULL;

  /* Escapes, white space, a member given twice, members the service does
   * not know: the agreement is taken, with the contact unescaped. */
  escaped_id = g_strdup_printf ("\\u%04x%s", customer->customer_id[0], customer->customer_id + 1);
  body = g_strdup_printf (" [ {\"partnerId\" : \"%s\", \"customerDirectAcceptance\": true,\n"
                          "  \"extra\": [1, -2.5e3, 0, {\"a\": [true, null, \"\\\"\"]}, {}, []],\n"
                          "  \"customerId\":\"%s\",\"agreement\":{\"templateId\":\"%s\",\r\n"
                          "  \"primaryContact\":{\"firstName\":\"Bob \\\"B\\\" \\u00e9\\ud83d\\ude00\","
                          "\"lastName\":\"Doe\\/Roe\",\"email\":\"bob@example.com\",\"phoneNumber\":null},"
                          "\"dateAgreed\":\"2024-01-02T00:00:00.000Z\"},"
                          "\"customerDirectAcceptance\":false}\t] ",
                          partner, escaped_id, template);
  taken = call (fixture, "POST", "/v1/CreateBulkReAttestation", body, fixture->token);
  g_assert_cmpuint (taken->status, ==, 200);
  g_assert_cmpint (attest_test_response_get_int (taken, "totalCount"), ==, 1);
  g_assert_true (attest_sandbox_get_customer (fixture->sandbox, 0)->attested);

  /* The same contact, written without escapes: attested already. */
  again = g_strdup_printf ("[{\"partnerId\":\"%s\",\"customerId\":\"%s\",\"agreement\":"
                           "{\"templateId\":\"%s\",\"primaryContact\":{\"firstName\":"
                           "\"Bob \\\"B\\\" é😀\",\"lastName\":\"Doe/Roe\",\"email\":"
                           "\"bob@example.com\",\"phoneNumber\":\"\"},\"dateAgreed\":"
                           "\"2024-01-02T00:00:00.000Z\"},\"customerDirectAcceptance\":false}]",
                           partner, customer->customer_id, template);
  repeated = call (fixture, "POST", "/v1/CreateBulkReAttestation", again, fixture->token);
  g_assert_cmpuint (repeated->status, ==, 409);

  not_object = call (fixture, "POST", "/v1/CreateBulkReAttestation", "[1, {}]", fixture->token);
  g_assert_cmpuint (not_object->status, ==, 400);
  g_assert_nonnull (strstr (attest_test_response_get_string (not_object, "message"),
                            "must be a JSON object"));

  for (guint i = 0; i < 100; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 100; i++)
    g_string_append_c (deep, ']');
  g_string_append (deep, "}]");

  for (guint i = 0; i <= G_N_ELEMENTS (not_json); i++)
    {
      const char *text = i < G_N_ELEMENTS (not_json) ? not_json[i] : deep->str;
      g_autoptr(AttestTestResponse) refused = call (fixture, "POST", "/v1/CreateBulkReAttestation",
                                                    text, fixture->token);

      g_test_message ("Body: %s", text);
      g_assert_cmpuint (refused->status, ==, 400);
      g_assert_cmpstr (attest_test_response_get_string (refused, "message"), ==,
                       "The request body is not a JSON array.");
    }
}

/* json-glib 1.6 alone would take these: its scanner reads C as well as
 * JSON. The service takes JSON only, so the sandbox refuses them too. */
static void
test_bulk_body_strict (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *not_json[] = {
    "[{\"a\":.5}]",
    "[{\"a\":0x10}]",
    "[{\"a\":00}]",
    "[{\"a\":-}]",
    "[{\"a\":'x'}]",
    "[/* comment */{}]",
    "[{\"a\":\"\\'\"}]",
    "[{\"a\":\"\\v\"}]",
    "[{\"a\":\"\\0\"}]",
    "[{\"a\":\"tab\there\"}]",
    "[{\"a\":\"\\u12\"}]",
  };
  g_autofree char *path = g_strdup_printf ("/v1/customers/%s/agreements",
                                           attest_sandbox_get_customer (fixture->sandbox,
                                                                        0)->customer_id);
  g_autoptr(AttestTestResponse) commented = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (not_json); i++)
    {
      g_autoptr(AttestTestResponse) refused = call (fixture, "POST", "/v1/CreateBulkReAttestation",
                                                    not_json[i], fixture->token);

      g_test_message ("Body: %s", not_json[i]);
      g_assert_cmpuint (refused->status, ==, 400);
      g_assert_cmpstr (attest_test_response_get_string (refused, "message"), ==,
                       "The request body is not a JSON array.");
    }

  /* A single agreement is read the same way. */
  commented = call (fixture, "POST", path, "{/* comment */}", fixture->token);
  g_assert_cmpuint (commented->status, ==, 400);
  g_assert_cmpstr (attest_test_response_get_string (commented, "message"), ==,
                   "The request body is not a JSON object.");
  g_assert_false (attest_sandbox_get_customer (fixture->sandbox, 0)->attested);
}

/* A member's name is read like any string: written with escapes, it is
 * still the member the service knows. A member of another type than the
 * service expects counts as missing. */
static void
test_bulk_body_members (Fixture       *fixture,
                        gconstpointer  data)
{
  const AttestSandboxCustomer *customer = attest_sandbox_get_customer (fixture->sandbox, 1);
  const char *partner = attest_sandbox_get_tenant_id (fixture->sandbox);
  const char *template = attest_sandbox_get_template_id (fixture->sandbox);
  g_autofree char *escaped = NULL;
  g_autofree char *number_id = NULL;
  g_autofree char *number_phone = NULL;
  g_autoptr(AttestTestResponse) taken = NULL;
  g_autoptr(AttestTestResponse) no_id = NULL;
  g_autoptr(AttestTestResponse) incomplete = NULL;

  number_id = g_strdup_printf ("[{\"partnerId\":\"%s\",\"customerId\":5,\"agreement\":"
                               "{\"templateId\":\"%s\"},\"customerDirectAcceptance\":false}]",
                               partner, template);
  no_id = call (fixture, "POST", "/v1/CreateBulkReAttestation", number_id, fixture->token);
  g_assert_cmpuint (no_id->status, ==, 400);
  g_assert_cmpstr (attest_test_response_get_string (no_id, "message"), ==,
                   "Every item needs a customerId and an agreement.");

  number_phone = g_strdup_printf ("[{\"partnerId\":\"%s\",\"customerId\":\"%s\",\"agreement\":"
                                  "{\"templateId\":\"%s\",\"primaryContact\":{\"firstName\":"
                                  "\"A\",\"lastName\":\"B\",\"email\":\"a@b.fr\","
                                  "\"phoneNumber\":5},\"dateAgreed\":"
                                  "\"2024-01-02T00:00:00.000Z\"},"
                                  "\"customerDirectAcceptance\":false}]",
                                  partner, customer->customer_id, template);
  incomplete = call (fixture, "POST", "/v1/CreateBulkReAttestation", number_phone,
                     fixture->token);
  g_assert_cmpuint (incomplete->status, ==, 400);
  g_assert_nonnull (strstr (attest_test_response_get_string (incomplete, "message"),
                            "the primary contact is incomplete"));

  escaped = g_strdup_printf ("[{\"\\u0070artnerId\":\"%s\",\"customer\\u0049d\":\"%s\","
                             "\"agreement\":{\"templateId\":\"%s\",\"primaryContact\":"
                             "{\"firstName\":\"A\",\"lastName\":\"B\",\"email\":\"a@b.fr\"},"
                             "\"dateAgreed\":\"2024-01-02T00:00:00.000Z\"},"
                             "\"customerDirect\\u0041cceptance\":false}]",
                             partner, customer->customer_id, template);
  taken = call (fixture, "POST", "/v1/CreateBulkReAttestation", escaped, fixture->token);
  g_assert_cmpuint (taken->status, ==, 200);
  g_assert_true (customer->attested);
}

static AttestTestResponse *
post_with_request_id (Fixture    *fixture,
                      const char *request_id,
                      const char *body)
{
  g_autofree char *uri = g_strconcat (attest_sandbox_get_uri (fixture->sandbox),
                                      "/v1/CreateBulkReAttestation", NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", fixture->token, NULL);
  const char *headers[] = { "Authorization", authorization, "MS-RequestId", request_id, NULL };

  return attest_test_http ("POST", uri, "application/json", body, headers);
}

/* A POST repeated under its request ID gets its first answer again; under
 * the same request ID, a body that differs by one byte, or only in its
 * length, is refused. */
static void
test_request_id_replays (Fixture       *fixture,
                         gconstpointer  data)
{
  const AttestSandboxCustomer *customer = attest_sandbox_get_customer (fixture->sandbox, 2);
  g_autofree char *request_id = g_uuid_string_random ();
  g_autofree char *body = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *longer = NULL;
  g_autoptr(AttestTestResponse) first = NULL;
  g_autoptr(AttestTestResponse) again = NULL;
  g_autoptr(AttestTestResponse) other = NULL;
  g_autoptr(AttestTestResponse) padded = NULL;
  g_autoptr(AttestTestResponse) fresh = NULL;

  body = g_strdup_printf ("[{\"partnerId\":\"%s\",\"customerId\":\"%s\",\"agreement\":"
                          "{\"templateId\":\"%s\",\"primaryContact\":{\"firstName\":\"A\","
                          "\"lastName\":\"B\",\"email\":\"a@b.fr\"},\"dateAgreed\":"
                          "\"2024-01-02T00:00:00.000Z\"},\"customerDirectAcceptance\":false}]",
                          attest_sandbox_get_tenant_id (fixture->sandbox), customer->customer_id,
                          attest_sandbox_get_template_id (fixture->sandbox));
  changed = g_strdup (body);
  *strstr (changed, "a@b.fr") = 'c';
  longer = g_strconcat (body, " ", NULL);

  first = post_with_request_id (fixture, request_id, body);
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_true (customer->attested);

  /* Sent afresh, the same agreement is attested already. */
  fresh = post_with_request_id (fixture, "fresh-request", body);
  g_assert_cmpuint (fresh->status, ==, 409);

  again = post_with_request_id (fixture, request_id, body);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_cmpstr (again->body, ==, first->body);

  other = post_with_request_id (fixture, request_id, changed);
  padded = post_with_request_id (fixture, request_id, longer);
  g_assert_cmpuint (other->status, ==, 400);
  g_assert_cmpuint (padded->status, ==, 400);
  g_assert_cmpstr (attest_test_response_get_string (other, "message"), ==,
                   "The MS-RequestId was already used for a different request.");
  g_assert_cmpstr (attest_test_response_get_string (padded, "message"), ==,
                   "The MS-RequestId was already used for a different request.");
}

static void
test_bad_continuation_token (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(AttestTestResponse) response =
    call (fixture, "GET", "/v1/partners/customeragreementrecords?continuation_token=nope", NULL,
          fixture->token);

  g_assert_cmpuint (response->status, ==, 400);
}

static void
test_paging_skips_attested (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(AttestTestResponse) first = NULL;
  g_autofree char *body = NULL;
  const AttestSandboxCustomer *customer;
  g_autofree char *path = NULL;
  g_autoptr(AttestTestResponse) attested = NULL;
  g_autoptr(AttestTestResponse) after = NULL;

  attest_sandbox_set_customer_count (fixture->sandbox, 4);
  attest_sandbox_set_page_size (fixture->sandbox, 10);
  customer = attest_sandbox_get_customer (fixture->sandbox, 2);
  path = g_strdup_printf ("/v1/customers/%s/agreements", customer->customer_id);
  body = g_strdup_printf ("{\"primaryContact\":{\"firstName\":\"A\",\"lastName\":\"B\","
                          "\"email\":\"a@b.fr\",\"phoneNumber\":\"\"},\"templateId\":\"%s\","
                          "\"dateAgreed\":\"2025-01-01T00:00:00.000Z\","
                          "\"type\":\"MicrosoftCustomerAgreement\"}",
                          attest_sandbox_get_template_id (fixture->sandbox));

  first = call (fixture, "GET", "/v1/partners/customeragreementrecords", NULL, fixture->token);
  g_assert_nonnull (strstr (first->body, customer->customer_id));
  g_assert_null (attest_test_response_get_string (first, "continuationToken"));

  attested = call (fixture, "POST", path, body, fixture->token);
  g_assert_cmpuint (attested->status, ==, 201);
  g_assert_cmpstr (attest_test_response_get_string (attested, "userId"), ==,
                   attest_sandbox_get_user_object_id (fixture->sandbox));

  after = call (fixture, "GET", "/v1/partners/customeragreementrecords", NULL, fixture->token);
  g_assert_null (strstr (after->body, customer->customer_id));
  g_assert_cmpuint (attest_sandbox_count_pending (fixture->sandbox), ==, 3);
}

static GArray *
statuses_under_faults (guint32 seed)
{
  g_autoptr(AttestSandbox) sandbox = attest_sandbox_new (seed);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  AttestSandboxFaults faults = {
    .rate_429 = 0.2, .retry_after_min = 1, .retry_after_max = 3,
    .retry_after_form = ATTEST_SANDBOX_RETRY_AFTER_MIXED, .rate_500 = 0.1, .rate_503 = 0.1,
  };
  GArray *statuses = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean seconds = FALSE, date = FALSE;

  attest_sandbox_set_faults (sandbox, &faults);
  attest_sandbox_start (sandbox, 0, &error);
  g_assert_no_error (error);
  token = attest_sandbox_mint_access_token (sandbox, 600);

  for (guint i = 0; i < 40; i++)
    {
      Fixture fixture = { sandbox, token };
      g_autoptr(AttestTestResponse) response = call (&fixture, "GET", "/v1/agreements", NULL,
                                                     token);

      g_array_append_val (statuses, response->status);
      if (response->status == 429)
        {
          const char *retry_after = soup_message_headers_get_one (response->headers,
                                                                  "Retry-After");

          g_assert_nonnull (retry_after);
          if (g_ascii_isdigit (retry_after[0]))
            {
              g_assert_cmpint (atoi (retry_after), >=, 1);
              g_assert_cmpint (atoi (retry_after), <=, 3);
              seconds = TRUE;
            }
          else
            {
              g_assert_true (g_str_has_suffix (retry_after, " GMT"));
              date = TRUE;
            }
          g_assert_cmpint (attest_test_response_get_int (response, "statusCode"), ==, 429);
        }
    }
  g_assert_true (seconds && date);

  return statuses;
}

static void
test_faults_follow_seed (void)
{
  g_autoptr(GArray) first = statuses_under_faults (8);
  g_autoptr(GArray) again = statuses_under_faults (8);
  guint ok = 0, throttled = 0, failed = 0;

  g_assert_cmpmem (first->data, first->len * sizeof (guint), again->data,
                   again->len * sizeof (guint));
  for (guint i = 0; i < first->len; i++)
    {
      guint status = g_array_index (first, guint, i);

      ok += status == 200;
      throttled += status == 429;
      failed += status == 500 || status == 503;
    }
  g_assert_cmpuint (ok + throttled + failed, ==, first->len);
  g_assert_cmpuint (ok, >, 0);
  g_assert_cmpuint (throttled, >, 0);
  g_assert_cmpuint (failed, >, 0);
}

static void
test_latency_pauses (Fixture       *fixture,
                     gconstpointer  data)
{
  AttestSandboxFaults faults = { .latency_ms = 50, .jitter_ms = 20 };
  g_autoptr(AttestTestResponse) response = NULL;
  gint64 sent;

  attest_sandbox_set_faults (fixture->sandbox, &faults);
  sent = g_get_monotonic_time ();
  response = call (fixture, "GET", "/v1/agreements?agreementType=MicrosoftCustomerAgreement",
                   NULL, fixture->token);
  /* Never sooner than the latency: the answer is held back for what the
   * handling did not take of it. */
  g_assert_cmpint (g_get_monotonic_time () - sent, >=, 50 * 1000);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_nonnull (strstr (response->body, attest_sandbox_get_template_id (fixture->sandbox)));
  g_assert_cmpuint (attest_sandbox_get_request (fixture->sandbox, 0)->status, ==, 200);
}

/* A read latency, when set, holds back the answers to reads in place of
 * the latency. */
static void
test_read_latency (Fixture       *fixture,
                   gconstpointer  data)
{
  AttestSandboxFaults faults = { .latency_ms = 0, .read_latency_ms = 80 };
  g_autoptr(AttestTestResponse) response = NULL;
  gint64 sent;

  attest_sandbox_set_faults (fixture->sandbox, &faults);
  sent = g_get_monotonic_time ();
  response = call (fixture, "GET", "/v1/agreements?agreementType=MicrosoftCustomerAgreement",
                   NULL, fixture->token);
  g_assert_cmpint (g_get_monotonic_time () - sent, >=, 80 * 1000);
  g_assert_cmpuint (response->status, ==, 200);
}

typedef struct
{
  gint64  sent;
  gint64  answered;
  guint   status;
} Timed;

static void
on_timed_answer (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Timed *timed = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);

  timed->answered = g_get_monotonic_time ();
  timed->status = body != NULL ? soup_message_get_status (msg) : 0;
}

static gboolean
all_answered (gpointer user_data)
{
  Timed *timed = user_data;

  for (guint i = 0; i < 6; i++)
    if (timed[i].answered == 0)
      return FALSE;

  return TRUE;
}

/* Answers held at once, each with its own jitter, are each let go in their
 * own time, never before it. */
static void
test_latency_holds_each (Fixture       *fixture,
                         gconstpointer  data)
{
  AttestSandboxFaults faults = { .latency_ms = 30, .jitter_ms = 40 };
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns-per-host", 6, NULL);
  g_autofree char *uri = g_strconcat (attest_sandbox_get_uri (fixture->sandbox),
                                      "/v1/agreements?agreementType=MicrosoftCustomerAgreement",
                                      NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", fixture->token, NULL);
  Timed timed[6] = { { 0 } };

  attest_sandbox_set_faults (fixture->sandbox, &faults);
  for (guint i = 0; i < G_N_ELEMENTS (timed); i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    authorization);
      timed[i].sent = g_get_monotonic_time ();
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                        on_timed_answer, &timed[i]);
    }
  g_assert_true (attest_test_wait_until (all_answered, timed, 10000));

  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 6);
  for (guint i = 0; i < G_N_ELEMENTS (timed); i++)
    {
      g_assert_cmpuint (timed[i].status, ==, 200);
      g_assert_cmpint (timed[i].answered - timed[i].sent, >=, 30 * 1000);
    }
}

/* A client that goes away while its answer is held back leaves the sandbox
 * answering others, and one stopped while it still holds an answer. */
static void
test_latency_client_leaves (Fixture       *fixture,
                            gconstpointer  data)
{
  AttestSandboxFaults slow = { .latency_ms = 400 };
  AttestSandboxFaults quick = { .latency_ms = 10 };
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *uri = g_strconcat (attest_sandbox_get_uri (fixture->sandbox),
                                      "/v1/agreements?agreementType=MicrosoftCustomerAgreement",
                                      NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", fixture->token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestTestResponse) response = NULL;
  GAsyncResult *slot = NULL;

  attest_sandbox_set_faults (fixture->sandbox, &slow);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                authorization);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    attest_test_store_result, &slot);
  /* Gone once the sandbox holds the request, well before its answer is due. */
  while (attest_sandbox_get_request_count (fixture->sandbox) < 1)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  result = attest_test_wait_result (&slot);
  body = soup_session_send_and_read_finish (session, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (body);

  attest_sandbox_set_faults (fixture->sandbox, &quick);
  response = call (fixture, "GET", "/v1/agreements?agreementType=MicrosoftCustomerAgreement",
                   NULL, fixture->token);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 2);

  /* Held, and the sandbox stops before it is due. */
  attest_sandbox_set_faults (fixture->sandbox, &slow);
  g_clear_object (&msg);
  g_clear_object (&result);
  g_clear_object (&cancellable);
  msg = soup_message_new ("GET", uri);
  cancellable = g_cancellable_new ();
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                authorization);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    attest_test_store_result, &slot);
  while (attest_sandbox_get_request_count (fixture->sandbox) < 3)
    g_main_context_iteration (NULL, TRUE);
  attest_sandbox_stop (fixture->sandbox);
  g_cancellable_cancel (cancellable);
  result = attest_test_wait_result (&slot);
  g_clear_pointer (&body, g_bytes_unref);
  g_clear_error (&error);
  body = soup_session_send_and_read_finish (session, result, &error);
  g_assert_null (body);
  g_assert_nonnull (error);
}

static void
test_dropped_connection (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *uri = g_strconcat (attest_sandbox_get_uri (fixture->sandbox),
                                      "/v1/agreements", NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;

  attest_sandbox_queue_fault (fixture->sandbox, ATTEST_SANDBOX_FAULT_DROP, 0);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                    attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);
  body = soup_session_send_and_read_finish (session, result, &error);
  g_assert_null (body);
  g_assert_nonnull (error);
  g_assert_cmpuint (attest_sandbox_get_request_count (fixture->sandbox), ==, 1);
  g_assert_cmpuint (attest_sandbox_get_request (fixture->sandbox, 0)->status, ==, 0);
}

typedef struct
{
  guint sent;
  guint answered;
} Wave;

static void
on_wave_answer (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Wave *wave = user_data;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);

  wave->answered++;
}

static gboolean
wave_answered (gpointer user_data)
{
  Wave *wave = user_data;

  return wave->answered == wave->sent;
}

/* Sends @n requests with @bytes of body each, over one connection, so
 * that they arrive in the order they were sent. */
static void
send_requests (Fixture *fixture,
               guint    n,
               gsize    bytes)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns-per-host", 1,
                                                                  NULL);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *filler = g_malloc (bytes);
  Wave wave = { 0 };

  memset (filler, 'x', bytes);
  body = g_bytes_new_take (g_steal_pointer (&filler), bytes);
  while (wave.sent < n)
    {
      for (guint i = 0; i < 100 && wave.sent < n; i++)
        {
          g_autofree char *uri = g_strdup_printf ("%s/nowhere?n=%u",
                                                  attest_sandbox_get_uri (fixture->sandbox),
                                                  wave.sent++);
          g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);

          soup_message_set_request_body_from_bytes (msg, "text/plain", body);
          soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                            on_wave_answer, &wave);
        }
      g_assert_true (attest_test_wait_until (wave_answered, &wave, 60000));
    }
}

/* A long-running sandbox keeps the last bodies up to a size, not every
 * body it was ever sent (test-sandbox-request-log.c checks the rest). */
static void
test_request_log_bounded (Fixture       *fixture,
                          gconstpointer  data)
{
  const gsize large = 8 * 1024 * 1024;
  gsize kept = 0;
  guint n;

  send_requests (fixture, 6, large);
  n = attest_sandbox_get_request_count (fixture->sandbox);
  g_assert_cmpuint (n, ==, 6);
  for (guint i = 0; i < n; i++)
    {
      const AttestSandboxRequest *request = attest_sandbox_get_request (fixture->sandbox, i);

      if (request->body != NULL)
        kept += g_bytes_get_size (request->body);
    }
  g_assert_null (attest_sandbox_get_request (fixture->sandbox, 0)->body);
  g_assert_cmpuint (g_bytes_get_size (attest_sandbox_get_request (fixture->sandbox, n - 1)->body),
                    ==, large);
  g_assert_cmpuint (kept, >=, 3 * large);
  g_assert_cmpuint (kept, <=, 32 * 1024 * 1024);
  g_assert_cmpuint (attest_sandbox_get_request (fixture->sandbox, n - 1)->status, ==, 404);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

#define ADD(path, func) \
  g_test_add ("/sandbox/partner/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/sandbox/partner/customers-follow-seed", test_customers_follow_seed);
  ADD ("agreement-types", test_agreement_types);
  ADD ("template-can-be-set", test_template_can_be_set);
  ADD ("tokens-checked", test_tokens_checked);
  ADD ("bulk-limits", test_bulk_limits);
  ADD ("bulk-body-reading", test_bulk_body_reading);
  ADD ("bulk-body-strict", test_bulk_body_strict);
  ADD ("bulk-body-members", test_bulk_body_members);
  ADD ("request-id-replays", test_request_id_replays);
  ADD ("bad-continuation-token", test_bad_continuation_token);
  ADD ("paging-skips-attested", test_paging_skips_attested);
  g_test_add_func ("/sandbox/partner/faults-follow-seed", test_faults_follow_seed);
  ADD ("latency-pauses", test_latency_pauses);
  ADD ("read-latency", test_read_latency);
  ADD ("latency-holds-each", test_latency_holds_each);
  ADD ("latency-client-leaves", test_latency_client_leaves);
  ADD ("dropped-connection", test_dropped_connection);
  ADD ("request-log-bounded", test_request_log_bounded);

#undef ADD

  return g_test_run ();
}
