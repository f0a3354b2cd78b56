/* test-sandbox-attestation.c: the enhanced attestation of Microsoft's
 * current flow in the sandbox, over plain HTTP: creating it, the page
 * where the customer accepts, as a browser would use it, and the
 * completion (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-sandbox.h"
#include "attest-test-http.h"
#include "attest-test-init.h"

#define UNKNOWN_ID "00000000-1111-4222-8333-444444444444"
#define COMPANY    "Müller & Söhne GmbH"

typedef struct
{
  AttestSandbox *sandbox;
  char          *user_token;
  char          *app_token;
  char          *today;       /* midnight UTC, as dateAgreed */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  fixture->sandbox = attest_sandbox_new (9);
  attest_sandbox_start (fixture->sandbox, 0, &error);
  g_assert_no_error (error);
  fixture->user_token = attest_sandbox_mint_access_token (fixture->sandbox, 600);
  fixture->app_token = attest_sandbox_mint_app_token (fixture->sandbox, NULL);
  fixture->today = g_date_time_format (now, "%Y-%m-%dT00:00:00Z");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->sandbox);
  g_clear_pointer (&fixture->user_token, g_free);
  g_clear_pointer (&fixture->app_token, g_free);
  g_clear_pointer (&fixture->today, g_free);
}

/* @method @path (relative to the sandbox) with @token, under
 * @request_id (NULL: a new one). */
static AttestTestResponse *
call (Fixture    *fixture,
      const char *method,
      const char *path,
      const char *body,
      const char *token,
      const char *request_id)
{
  g_autofree char *uri = g_strconcat (attest_sandbox_get_uri (fixture->sandbox), path, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  g_autofree char *new_id = g_uuid_string_random ();
  const char *headers[] = { "Authorization", authorization,
                            "MS-RequestId", request_id != NULL ? request_id : new_id,
                            "MS-CorrelationId", new_id, NULL };

  return attest_test_http (method, uri, "application/json", body, headers);
}

static char *
attestation_body (const char *country,
                  const char *language,
                  const char *company,
                  const char *email)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  if (country != NULL)
    {
      json_builder_set_member_name (builder, "country");
      json_builder_add_string_value (builder, country);
    }
  if (language != NULL)
    {
      json_builder_set_member_name (builder, "language");
      json_builder_add_string_value (builder, language);
    }
  json_builder_set_member_name (builder, "companyName");
  json_builder_add_string_value (builder, company);
  json_builder_set_member_name (builder, "signatoryFirstName");
  json_builder_add_string_value (builder, "Zoë");
  json_builder_set_member_name (builder, "signatoryLastName");
  json_builder_add_string_value (builder, "Brontë");
  json_builder_set_member_name (builder, "signatoryEmail");
  json_builder_add_string_value (builder, email);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static AttestTestResponse *
create (Fixture    *fixture,
        const char *body,
        const char *request_id)
{
  return call (fixture, "POST", "/v1/attestations/enhanced", body, fixture->app_token,
               request_id);
}

/* A new attestation; returns its ID. */
static char *
create_attestation (Fixture *fixture)
{
  g_autofree char *body = attestation_body ("DE", "de-DE", COMPANY, "zoe@mueller.de");
  g_autoptr(AttestTestResponse) response = create (fixture, body, NULL);

  g_assert_cmpuint (response->status, ==, 201);

  return g_strdup (attest_test_response_get_string (response, "attestationId"));
}

static char *
completion_body (Fixture    *fixture,
                 const char *attestation_id,
                 const char *date_agreed)
{
  return g_strdup_printf ("{\"attestationId\":\"%s\",\"type\":\"MicrosoftCustomerAgreement\","
                          "\"templateId\":\"%s\",\"primaryContact\":{\"firstName\":\"Zoë\","
                          "\"lastName\":\"Brontë\",\"email\":\"zoe@mueller.de\","
                          "\"phoneNumber\":\"\"},\"dateAgreed\":\"%s\"}",
                          attestation_id, attest_sandbox_get_template_id (fixture->sandbox),
                          date_agreed);
}

static AttestTestResponse *
complete (Fixture    *fixture,
          const char *customer_id,
          const char *body,
          const char *token)
{
  g_autofree char *path = g_strdup_printf ("/v1/customers/%s/agreements", customer_id);

  return call (fixture, "POST", path, body, token, NULL);
}

static void
assert_service_error (AttestTestResponse *response,
                      guint               status,
                      gint64              code,
                      const char         *words)
{
  g_assert_cmpuint (response->status, ==, status);
  g_assert_cmpint (attest_test_response_get_int (response, "code"), ==, code);
  g_assert_nonnull (strstr (attest_test_response_get_string (response, "description"), words));
}

static const char *
customer_id (Fixture *fixture,
             guint    index)
{
  return attest_sandbox_get_customer (fixture->sandbox, index)->customer_id;
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *body = attestation_body ("FR", "fr-FR", "Boulangerie Étoile SAS",
                                            "zoe@etoile.fr");
  g_autoptr(AttestTestResponse) response = create (fixture, body, NULL);
  const char *id = attest_test_response_get_string (response, "attestationId");
  g_autofree char *link = NULL;

  g_assert_cmpuint (response->status, ==, 201);
  g_assert_true (g_uuid_string_is_valid (id));
  link = g_strdup_printf ("%s/mca/?attestationid=%s", attest_sandbox_get_uri (fixture->sandbox),
                          id);
  g_assert_cmpstr (attest_test_response_get_string (response, "attestationUrl"), ==, link);
  g_assert_cmpstr (attest_test_response_get_string (response, "status"), ==, "Pending");
  g_assert_cmpstr (attest_test_response_get_string (response, "companyName"), ==,
                   "Boulangerie Étoile SAS");
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, 1);
}

/* One attestation per MS-RequestId: the same request again gets the same
 * answer and makes none; another body under the same ID is refused. */
static void
test_create_idempotent (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *request_id = g_uuid_string_random ();
  g_autofree char *body = attestation_body ("TR", "tr-TR", "Öztürk Kahve A.Ş.",
                                            "ayse@ozturk.com.tr");
  g_autofree char *other = attestation_body ("TR", "tr", "Öztürk Kahve A.Ş.",
                                             "ayse@ozturk.com.tr");
  g_autoptr(AttestTestResponse) first = create (fixture, body, request_id);
  g_autoptr(AttestTestResponse) again = create (fixture, body, request_id);
  g_autoptr(AttestTestResponse) conflict = create (fixture, other, request_id);
  g_autoptr(AttestTestResponse) new_id = create (fixture, body, NULL);

  g_assert_cmpuint (first->status, ==, 201);
  g_assert_cmpuint (again->status, ==, 201);
  g_assert_cmpstr (again->body, ==, first->body);
  assert_service_error (conflict, 400, 2000, "MS-RequestId");
  g_assert_cmpuint (new_id->status, ==, 201);
  g_assert_cmpstr (attest_test_response_get_string (new_id, "attestationId"), !=,
                   attest_test_response_get_string (first, "attestationId"));
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, 2);
}

static void
test_create_needs_app_token (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *body = attestation_body ("FR", "fr-FR", COMPANY, "zoe@mueller.de");
  g_autoptr(AttestTestResponse) response = call (fixture, "POST", "/v1/attestations/enhanced",
                                                 body, fixture->user_token, NULL);

  g_assert_cmpuint (response->status, ==, 403);
  g_assert_nonnull (strstr (attest_test_response_get_string (response, "description"),
                            "AppOnly"));
  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, 0);
}

static void
test_create_refusals (Fixture       *fixture,
                      gconstpointer  data)
{
  static const struct {
    const char *country;
    const char *language;
    const char *company;
    const char *email;
    const char *field;     /* NULL: taken */
  } cases[] = {
    { "fr", "fr-FR", COMPANY, "a@b.fr", "country" },
    { "ZZ", "fr-FR", COMPANY, "a@b.fr", "country" },
    { "FRA", "fr-FR", COMPANY, "a@b.fr", "country" },
    { NULL, "fr-FR", COMPANY, "a@b.fr", "country" },
    { "FR", "en_US", COMPANY, "a@b.fr", "language" },
    { "FR", "xx", COMPANY, "a@b.fr", "language" },
    { "FR", "fr-FR-x", COMPANY, "a@b.fr", "language" },
    { "FR", NULL, COMPANY, "a@b.fr", "language" },
    { "FR", "fr-FR", "  ", "a@b.fr", "companyName" },
    { "FR", "fr-FR", COMPANY, "a@@b.fr", "signatoryEmail" },
    { "FR", "fr-FR", COMPANY, "a@localhost", "signatoryEmail" },
    { "FR", "fr", COMPANY, "a@b.fr", NULL },
    { "TW", "zh-Hant-TW", COMPANY, "a@b.tw", NULL },
    { "MX", "es-419", COMPANY, "a@b.mx", NULL },
    { "US", "EN-us", COMPANY, "a@b.com", NULL },
  };
  guint taken = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = attestation_body (cases[i].country, cases[i].language,
                                                cases[i].company, cases[i].email);
      g_autoptr(AttestTestResponse) response = create (fixture, body, NULL);

      if (cases[i].field == NULL)
        {
          g_assert_cmpuint (response->status, ==, 201);
          taken++;
          continue;
        }
      assert_service_error (response, 400, 2000, cases[i].field);
      /* The value itself is not repeated. */
      if (cases[i].email != NULL && cases[i].field[0] == 's')
        g_assert_null (strstr (response->body, cases[i].email));
    }

  g_assert_cmpuint (attest_sandbox_count_attestations (fixture->sandbox), ==, taken);

  {
    g_autoptr(AttestTestResponse) names =
      create (fixture, "{\"country\":\"FR\",\"language\":\"fr\",\"companyName\":\"X\","
                       "\"signatoryFirstName\":\"\",\"signatoryLastName\":\"Y\","
                       "\"signatoryEmail\":\"a@b.fr\"}", NULL);
    g_autoptr(AttestTestResponse) not_json = create (fixture, "{\"country\":", NULL);

    assert_service_error (names, 400, 2000, "signatoryFirstName");
    assert_service_error (not_json, 400, 2000, "JSON");
  }
}

/* The value of the hidden attestationid field of the page's form. */
static char *
form_attestation_id (const char *page)
{
  const char *start = strstr (page, "name=\"attestationid\" value=\"");
  const char *end;

  g_assert_nonnull (start);
  start += strlen ("name=\"attestationid\" value=\"");
  end = strchr (start, '"');
  g_assert_nonnull (end);

  return g_strndup (start, end - start);
}

/* A person's browser: GET the link, then POST the page's form. */
static void
test_page_accept (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *body = attestation_body ("DE", "de-DE", COMPANY, "zoe@mueller.de");
  g_autoptr(AttestTestResponse) created = create (fixture, body, NULL);
  const char *id = attest_test_response_get_string (created, "attestationId");
  const char *link = attest_test_response_get_string (created, "attestationUrl");
  g_autoptr(AttestTestResponse) page = attest_test_http ("GET", link, NULL, NULL, NULL);
  g_autoptr(AttestTestResponse) thanks = NULL;
  g_autoptr(AttestTestResponse) again = NULL;
  g_autoptr(AttestTestResponse) completed = NULL;
  g_autofree char *accept_uri = g_strconcat (attest_sandbox_get_uri (fixture->sandbox),
                                             "/mca/accept", NULL);
  g_autofree char *form_id = NULL;
  g_autofree char *completion = NULL;

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (page->headers, "Content-Type"),
                                   "text/html"));
  g_assert_nonnull (strstr (page->body, "Müller &amp; Söhne GmbH"));
  g_assert_nonnull (strstr (page->body, "Microsoft Customer Agreement"));
  g_assert_nonnull (strstr (page->body, ">Accept</button>"));
  g_assert_nonnull (strstr (page->body, "Attest sandbox"));
  g_assert_nonnull (strstr (page->body, "action=\"/mca/accept\""));
  /* Nothing fetched from elsewhere. */
  g_assert_null (strstr (page->body, "src="));
  g_assert_null (strstr (page->body, "href="));
  g_assert_null (strstr (page->body, "url("));
  g_assert_null (strstr (page->body, "@import"));

  /* Seeing the page accepts nothing. */
  completion = completion_body (fixture, id, fixture->today);
  {
    g_autoptr(AttestTestResponse) early = complete (fixture, customer_id (fixture, 0), completion,
                                                    fixture->app_token);

    assert_service_error (early, 400, 600071, "not accepted");
  }

  form_id = form_attestation_id (page->body);
  g_assert_cmpstr (form_id, ==, id);
  thanks = attest_test_http_form (accept_uri, "attestationid", form_id, NULL);
  g_assert_cmpuint (thanks->status, ==, 200);
  g_assert_nonnull (strstr (thanks->body, "Thank you"));
  g_assert_nonnull (strstr (thanks->body, "Müller &amp; Söhne GmbH"));

  /* The link shows it accepted from now on. */
  again = attest_test_http ("GET", link, NULL, NULL, NULL);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_nonnull (strstr (again->body, "accepted the Microsoft Customer Agreement"));
  g_assert_null (strstr (again->body, "<button"));

  completed = complete (fixture, customer_id (fixture, 0), completion, fixture->app_token);
  g_assert_cmpuint (completed->status, ==, 201);
}

static void
test_page_refusals (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *id = create_attestation (fixture);
  g_autofree char *link = g_strdup_printf ("%s/mca/?attestationid=%s",
                                           attest_sandbox_get_uri (fixture->sandbox), id);
  g_autofree char *unknown = g_strdup_printf ("%s/mca/?attestationid=" UNKNOWN_ID,
                                              attest_sandbox_get_uri (fixture->sandbox));
  g_autofree char *bare = g_strconcat (attest_sandbox_get_uri (fixture->sandbox), "/mca/", NULL);
  g_autofree char *accept_uri = g_strconcat (attest_sandbox_get_uri (fixture->sandbox),
                                             "/mca/accept", NULL);
  g_autoptr(AttestTestResponse) not_found = attest_test_http ("GET", unknown, NULL, NULL, NULL);
  g_autoptr(AttestTestResponse) no_id = attest_test_http ("GET", bare, NULL, NULL, NULL);
  g_autoptr(AttestTestResponse) get_accept = attest_test_http ("GET", accept_uri, NULL, NULL,
                                                               NULL);
  g_autoptr(AttestTestResponse) post_page = attest_test_http ("POST", link, "text/plain", "x",
                                                              NULL);
  g_autoptr(AttestTestResponse) accept_unknown = attest_test_http_form (accept_uri,
                                                                        "attestationid",
                                                                        UNKNOWN_ID, NULL);
  g_autoptr(AttestTestResponse) expired = NULL;
  g_autoptr(AttestTestResponse) accept_expired = NULL;

  g_assert_cmpuint (not_found->status, ==, 404);
  g_assert_nonnull (strstr (not_found->body, "not valid"));
  g_assert_cmpuint (no_id->status, ==, 404);
  g_assert_cmpuint (get_accept->status, ==, 405);
  g_assert_cmpuint (post_page->status, ==, 405);
  g_assert_cmpuint (accept_unknown->status, ==, 404);

  g_assert_true (attest_sandbox_expire_attestation (fixture->sandbox, id));
  g_assert_false (attest_sandbox_expire_attestation (fixture->sandbox, UNKNOWN_ID));
  expired = attest_test_http ("GET", link, NULL, NULL, NULL);
  g_assert_cmpuint (expired->status, ==, 410);
  g_assert_nonnull (strstr (expired->body, "expired"));
  g_assert_null (strstr (expired->body, "<button"));
  accept_expired = attest_test_http_form (accept_uri, "attestationid", id, NULL);
  g_assert_cmpuint (accept_expired->status, ==, 410);
  g_assert_false (attest_sandbox_accept_attestation (fixture->sandbox, id));
  g_assert_false (attest_sandbox_accept_attestation (fixture->sandbox, UNKNOWN_ID));
}

/* The agreements read lists an MCA dated @date_agreed. */
static gboolean
lists_mca_dated (Fixture    *fixture,
                 const char *customer,
                 const char *date_agreed)
{
  g_autofree char *path = g_strdup_printf ("/v1/customers/%s/agreements"
                                           "?agreementType=MicrosoftCustomerAgreement",
                                           customer);
  g_autoptr(AttestTestResponse) response = call (fixture, "GET", path, NULL,
                                                 fixture->user_token, NULL);
  JsonArray *items;

  if (response->status != 200)
    return FALSE;
  items = json_object_get_array_member (json_node_get_object (response->json), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (item, "dateAgreed"), date_agreed))
        return TRUE;
    }

  return FALSE;
}

static void
test_complete (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *id = create_attestation (fixture);
  g_autofree char *body = completion_body (fixture, id, fixture->today);
  g_autofree char *request_id = g_uuid_string_random ();
  g_autofree char *path = g_strdup_printf ("/v1/customers/%s/agreements",
                                           customer_id (fixture, 1));
  g_autoptr(AttestTestResponse) done = NULL;
  g_autoptr(AttestTestResponse) replayed = NULL;
  g_autoptr(AttestTestResponse) again = NULL;
  g_autoptr(AttestTestResponse) other = NULL;
  guint pending = attest_sandbox_count_pending (fixture->sandbox);

  g_assert_false (lists_mca_dated (fixture, customer_id (fixture, 1), fixture->today));
  g_assert_true (attest_sandbox_accept_attestation (fixture->sandbox, id));
  g_assert_true (attest_sandbox_accept_attestation (fixture->sandbox, id));

  done = call (fixture, "POST", path, body, fixture->app_token, request_id);
  g_assert_cmpuint (done->status, ==, 201);
  g_assert_cmpstr (attest_test_response_get_string (done, "attestationId"), ==, id);
  g_assert_cmpstr (attest_test_response_get_string (done, "dateAgreed"), ==, fixture->today);
  g_assert_true (lists_mca_dated (fixture, customer_id (fixture, 1), fixture->today));
  g_assert_true (attest_sandbox_get_customer (fixture->sandbox, 1)->attested);
  g_assert_cmpuint (attest_sandbox_count_pending (fixture->sandbox), ==, pending - 1);

  /* A retry of the same request gets the same answer; a new request finds
   * it done (600061); another customer cannot use it. */
  replayed = call (fixture, "POST", path, body, fixture->app_token, request_id);
  g_assert_cmpuint (replayed->status, ==, 201);
  g_assert_cmpstr (replayed->body, ==, done->body);
  again = complete (fixture, customer_id (fixture, 1), body, fixture->app_token);
  assert_service_error (again, 409, 600061, "already exists");
  other = complete (fixture, customer_id (fixture, 2), body, fixture->app_token);
  assert_service_error (other, 400, 600073, "another customer");
  g_assert_true (attest_sandbox_accept_attestation (fixture->sandbox, id));
}

static void
test_complete_refusals (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *pending_id = create_attestation (fixture);
  g_autofree char *expired_id = create_attestation (fixture);
  g_autofree char *accepted_id = create_attestation (fixture);
  g_autofree char *pending = completion_body (fixture, pending_id, fixture->today);
  g_autofree char *expired = completion_body (fixture, expired_id, fixture->today);
  g_autofree char *unknown = completion_body (fixture, UNKNOWN_ID, fixture->today);
  g_autofree char *future = completion_body (fixture, accepted_id, "2999-01-01T00:00:00Z");
  g_autofree char *early = completion_body (fixture, accepted_id, "2024-01-01T00:00:00Z");
  g_autofree char *valid = completion_body (fixture, accepted_id, fixture->today);
  const char *customer = customer_id (fixture, 3);
  g_autoptr(AttestTestResponse) not_accepted = NULL;
  g_autoptr(AttestTestResponse) too_late = NULL;
  g_autoptr(AttestTestResponse) not_found = NULL;
  g_autoptr(AttestTestResponse) in_future = NULL;
  g_autoptr(AttestTestResponse) before = NULL;
  g_autoptr(AttestTestResponse) by_user = NULL;
  g_autoptr(AttestTestResponse) no_customer = NULL;

  g_assert_true (attest_sandbox_accept_attestation (fixture->sandbox, expired_id));
  g_assert_true (attest_sandbox_expire_attestation (fixture->sandbox, expired_id));
  g_assert_true (attest_sandbox_accept_attestation (fixture->sandbox, accepted_id));

  not_accepted = complete (fixture, customer, pending, fixture->app_token);
  assert_service_error (not_accepted, 400, 600071, "has not accepted");
  too_late = complete (fixture, customer, expired, fixture->app_token);
  assert_service_error (too_late, 400, 600072, "expired");
  not_found = complete (fixture, customer, unknown, fixture->app_token);
  assert_service_error (not_found, 404, 600070, "not found");
  in_future = complete (fixture, customer, future, fixture->app_token);
  assert_service_error (in_future, 400, 600002, "greater than the current date");
  before = complete (fixture, customer, early, fixture->app_token);
  assert_service_error (before, 400, 2000, "before the day the attestation was created");
  no_customer = complete (fixture, UNKNOWN_ID, valid, fixture->app_token);
  assert_service_error (no_customer, 404, 600008, "not found");

  /* AppOnly only: a user's token is refused, saying so. */
  by_user = complete (fixture, customer, valid, fixture->user_token);
  g_assert_cmpuint (by_user->status, ==, 403);
  g_assert_nonnull (strstr (attest_test_response_get_string (by_user, "description"),
                            "AppOnly"));

  /* None of these made an agreement; the right request still can. */
  g_assert_false (lists_mca_dated (fixture, customer, fixture->today));
  {
    g_autoptr(AttestTestResponse) done = complete (fixture, customer, valid, fixture->app_token);

    g_assert_cmpuint (done->status, ==, 201);
    g_assert_true (lists_mca_dated (fixture, customer, fixture->today));
  }
}

/* The classic write of SPEC §5 with a user's token: a bulk batch of one,
 * or one agreement. */
static AttestTestResponse *
classic_write (Fixture    *fixture,
               gboolean    bulk,
               const char *customer)
{
  g_autofree char *agreement =
    g_strdup_printf ("{\"templateId\":\"%s\",\"primaryContact\":{\"firstName\":\"Zoë\","
                     "\"lastName\":\"Brontë\",\"email\":\"zoe@example.com\","
                     "\"phoneNumber\":\"\"},\"dateAgreed\":\"%s\"",
                     attest_sandbox_get_template_id (fixture->sandbox), fixture->today);
  g_autofree char *body = NULL;
  g_autofree char *path = NULL;

  if (bulk)
    {
      body = g_strdup_printf ("[{\"partnerId\":\"%s\",\"customerId\":\"%s\","
                              "\"agreement\":%s},\"customerDirectAcceptance\":false}]",
                              attest_sandbox_get_tenant_id (fixture->sandbox), customer,
                              agreement);
      return call (fixture, "POST", "/v1/CreateBulkReAttestation", body, fixture->user_token,
                   NULL);
    }

  body = g_strconcat (agreement, ",\"type\":\"MicrosoftCustomerAgreement\"}", NULL);
  path = g_strdup_printf ("/v1/customers/%s/agreements", customer);

  return call (fixture, "POST", path, body, fixture->user_token, NULL);
}

/* The current service refuses the classic write, naming no customer,
 * with a 4xx that is none of 401, 403, 408, 429; the reads, the records
 * list among them, still work. With the classic service on, it is taken. */
static void
test_classic_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AttestTestResponse) bulk = classic_write (fixture, TRUE, customer_id (fixture, 4));
  g_autoptr(AttestTestResponse) single = classic_write (fixture, FALSE, customer_id (fixture, 5));
  g_autoptr(AttestTestResponse) records = call (fixture, "GET",
                                                "/v1/partners/customeragreementrecords", NULL,
                                                fixture->user_token, NULL);
  g_autoptr(AttestTestResponse) bulk_classic = NULL;
  g_autoptr(AttestTestResponse) single_classic = NULL;
  guint pending = attest_sandbox_count_pending (fixture->sandbox);
  AttestTestResponse *refusals[] = { bulk, single };

  g_assert_false (attest_sandbox_get_classic (fixture->sandbox));
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      JsonObject *object = json_node_get_object (refusals[i]->json);
      JsonObject *parameters = json_object_get_object_member (object, "parameters");

      assert_service_error (refusals[i], 400, 600090, "retired on 2026-01-05");
      g_assert_false (json_object_has_member (parameters, "customerIds"));
      g_assert_null (strstr (refusals[i]->body, customer_id (fixture, 4)));
      g_assert_null (strstr (refusals[i]->body, customer_id (fixture, 5)));
    }
  g_assert_cmpuint (records->status, ==, 200);
  g_assert_false (lists_mca_dated (fixture, customer_id (fixture, 4), fixture->today));
  g_assert_false (attest_sandbox_get_customer (fixture->sandbox, 5)->attested);

  attest_sandbox_set_classic (fixture->sandbox, TRUE);
  g_assert_true (attest_sandbox_get_classic (fixture->sandbox));
  bulk_classic = classic_write (fixture, TRUE, customer_id (fixture, 4));
  single_classic = classic_write (fixture, FALSE, customer_id (fixture, 5));
  g_assert_cmpuint (bulk_classic->status, ==, 200);
  g_assert_cmpuint (single_classic->status, ==, 201);
  g_assert_cmpuint (attest_sandbox_count_pending (fixture->sandbox), ==, pending - 2);
  /* What the classic service creates shows in the current reads too. */
  g_assert_true (lists_mca_dated (fixture, customer_id (fixture, 4), fixture->today));
  g_assert_true (lists_mca_dated (fixture, customer_id (fixture, 5), fixture->today));
}

/* The page's requests are logged like every other. */
static void
test_request_log (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *id = create_attestation (fixture);
  g_autofree char *link = g_strdup_printf ("%s/mca/?attestationid=%s",
                                           attest_sandbox_get_uri (fixture->sandbox), id);
  g_autoptr(AttestTestResponse) page = attest_test_http ("GET", link, NULL, NULL, NULL);
  g_autoptr(GPtrArray) creates = attest_sandbox_find_requests (fixture->sandbox, "POST",
                                                                "/v1/attestations/enhanced");
  g_autoptr(GPtrArray) pages = attest_sandbox_find_requests (fixture->sandbox, "GET", "/mca/");

  g_assert_cmpuint (creates->len, ==, 1);
  g_assert_cmpuint (((AttestSandboxRequest *) creates->pdata[0])->status, ==, 201);
  g_assert_cmpuint (pages->len, ==, 1);
  g_assert_cmpuint (((AttestSandboxRequest *) pages->pdata[0])->status, ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

#define ADD(path, func) \
  g_test_add ("/sandbox/attestation/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("create", test_create);
  ADD ("create-idempotent", test_create_idempotent);
  ADD ("create-needs-app-token", test_create_needs_app_token);
  ADD ("create-refusals", test_create_refusals);
  ADD ("page-accept", test_page_accept);
  ADD ("page-refusals", test_page_refusals);
  ADD ("complete", test_complete);
  ADD ("complete-refusals", test_complete_refusals);
  ADD ("classic-refused", test_classic_refused);
  ADD ("request-log", test_request_log);

#undef ADD

  return g_test_run ();
}
