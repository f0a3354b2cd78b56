/* test-sandbox-mca.c: the reads of Microsoft's current flow in the sandbox,
 * over plain HTTP: customers page by page, agreements, the customer's own
 * acceptance, billing profiles, and the mix of customers the seeds give
 * (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-sandbox.h"
#include "attest-test-http.h"
#include "attest-test-init.h"

#define CUTOFF          "2023-04-01T00:00:00Z"
#define LAST_OLD_SECOND "2023-03-31T23:59:59Z"
#define UNKNOWN_ID      "00000000-1111-4222-8333-444444444444"

typedef struct
{
  AttestSandbox *sandbox;
  char          *user_token;
  char          *app_token;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->sandbox = attest_sandbox_new (5);
  attest_sandbox_start (fixture->sandbox, 0, &error);
  g_assert_no_error (error);
  fixture->user_token = attest_sandbox_mint_access_token (fixture->sandbox, 600);
  fixture->app_token = attest_sandbox_mint_app_token (fixture->sandbox, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->sandbox);
  g_clear_pointer (&fixture->user_token, g_free);
  g_clear_pointer (&fixture->app_token, g_free);
}

/* GET @path (relative to the sandbox) with @token and, unless NULL, the
 * header MS-ContinuationToken. */
static AttestTestResponse *
get (Fixture    *fixture,
     const char *path,
     const char *token,
     const char *continuation)
{
  g_autofree char *uri = g_strconcat (attest_sandbox_get_uri (fixture->sandbox), path, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  const char *headers[] = { "Authorization", authorization,
                            "MS-ContinuationToken", continuation, NULL };

  if (continuation == NULL)
    headers[2] = NULL;

  return attest_test_http ("GET", uri, NULL, NULL, headers);
}

static AttestTestResponse *
get_for (Fixture    *fixture,
         const char *customer_id,
         const char *what,
         const char *token)
{
  g_autofree char *path = g_strdup_printf ("/v1/customers/%s/%s", customer_id, what);

  return get (fixture, path, token, NULL);
}

static JsonObject *
object_of (AttestTestResponse *response)
{
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));

  return json_node_get_object (response->json);
}

static void
assert_service_error (AttestTestResponse *response,
                      guint               status,
                      gint64              code)
{
  g_assert_cmpuint (response->status, ==, status);
  g_assert_cmpint (json_object_get_int_member (object_of (response), "code"), ==, code);
  g_assert_nonnull (json_object_get_string_member (object_of (response), "description"));
}

/* Every customer through /v1/customers, following links.next as the SDK
 * does; returns the IDs in order and checks each page. */
static GPtrArray *
list_customers (Fixture    *fixture,
                const char *first_path,
                const char *token,
                guint       expected_page)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = g_strdup (first_path);
  g_autofree char *continuation = NULL;
  guint pages = 0;

  while (path != NULL)
    {
      g_autoptr(AttestTestResponse) page = get (fixture, path, token, continuation);
      JsonObject *object = object_of (page);
      JsonArray *items = json_object_get_array_member (object, "items");
      JsonObject *links = json_object_get_object_member (object, "links");
      guint count = attest_sandbox_get_customer_count (fixture->sandbox);

      g_assert_cmpuint (page->status, ==, 200);
      g_assert_cmpint (json_object_get_int_member (object, "totalCount"), ==,
                       json_array_get_length (items));
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          JsonObject *profile = json_object_get_object_member (item, "companyProfile");
          const char *id = json_object_get_string_member (item, "id");
          const AttestSandboxCustomer *customer = attest_sandbox_lookup_customer (fixture->sandbox,
                                                                                  id);

          g_assert_nonnull (customer);
          g_assert_cmpstr (json_object_get_string_member (profile, "tenantId"), ==, id);
          g_assert_cmpstr (json_object_get_string_member (profile, "companyName"), ==,
                           customer->company_name);
          g_assert_cmpstr (json_object_get_string_member (profile, "domain"), ==,
                           customer->domain);
          g_ptr_array_add (ids, g_strdup (id));
        }

      g_clear_pointer (&path, g_free);
      g_clear_pointer (&continuation, g_free);
      pages++;
      if (json_object_has_member (links, "next"))
        {
          JsonObject *next = json_object_get_object_member (links, "next");
          JsonArray *headers = json_object_get_array_member (next, "headers");
          JsonObject *header = json_array_get_object_element (headers, 0);

          g_assert_cmpuint (json_array_get_length (items), ==, expected_page);
          g_assert_nonnull (strstr (json_object_get_string_member (next, "uri"),
                                    "seekOperation=Next"));
          g_assert_cmpstr (json_object_get_string_member (header, "key"), ==,
                           "MS-ContinuationToken");
          g_assert_cmpstr (json_object_get_string_member (header, "value"), ==,
                           json_object_get_string_member (object, "continuationToken"));
          path = g_strdup (json_object_get_string_member (next, "uri"));
          continuation = g_strdup (json_object_get_string_member (header, "value"));
        }
      else
        {
          g_assert_false (json_object_has_member (object, "continuationToken"));
          g_assert_cmpuint (pages, ==, (count + expected_page - 1) / expected_page);
        }
    }

  return ids;
}

static void
test_customers_paging (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) by_user = NULL;
  g_autoptr(GPtrArray) by_app = NULL;

  /* The sandbox's page size caps what size asks for. */
  by_user = list_customers (fixture, "/v1/customers?size=500", fixture->user_token,
                            ATTEST_SANDBOX_DEFAULT_PAGE_SIZE);
  by_app = list_customers (fixture, "/v1/customers?size=7", fixture->app_token, 7);

  g_assert_cmpuint (by_user->len, ==, attest_sandbox_get_customer_count (fixture->sandbox));
  g_assert_cmpuint (by_app->len, ==, by_user->len);
  for (guint i = 0; i < by_user->len; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (by_user, i), ==,
                       attest_sandbox_get_customer (fixture->sandbox, i)->customer_id);
      g_assert_cmpstr (g_ptr_array_index (by_app, i), ==, g_ptr_array_index (by_user, i));
    }
}

static void
test_customers_paging_refusals (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *token = fixture->user_token;
  g_autoptr(AttestTestResponse) zero = get (fixture, "/v1/customers?size=0", token, NULL);
  g_autoptr(AttestTestResponse) word = get (fixture, "/v1/customers?size=ten", token, NULL);
  g_autoptr(AttestTestResponse) no_token = get (fixture, "/v1/customers?size=5&seekOperation=Next",
                                                token, NULL);
  g_autoptr(AttestTestResponse) bad_token =
    get (fixture, "/v1/customers?size=5&seekOperation=Next", token, "bm90IGEgdG9rZW4=");
  g_autoptr(AttestTestResponse) none = get (fixture, "/v1/customers", NULL, NULL);

  assert_service_error (zero, 400, 2000);
  assert_service_error (word, 400, 2000);
  assert_service_error (no_token, 400, 2000);
  assert_service_error (bad_token, 400, 2000);
  g_assert_cmpuint (none->status, ==, 401);
}

/* The newest MCA date of an agreements answer, or NULL. */
static const char *
newest_mca (AttestTestResponse *response,
            gboolean           *newest_first)
{
  JsonArray *items = json_object_get_array_member (object_of (response), "items");
  const char *newest = NULL;

  *newest_first = TRUE;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *date = json_object_get_string_member (item, "dateAgreed");

      g_assert_cmpstr (json_object_get_string_member (item, "type"), ==,
                       "MicrosoftCustomerAgreement");
      g_assert_nonnull (json_object_get_object_member (item, "primaryContact"));
      g_assert_nonnull (json_object_get_string_member (item, "templateId"));
      if (newest != NULL && strcmp (date, newest) > 0)
        *newest_first = FALSE;
      if (newest == NULL || strcmp (date, newest) > 0)
        newest = date;
    }

  return newest;
}

/* What every seeded customer's reads say agrees with its seed, and the
 * seeds give every case the status check has to tell apart. */
static void
test_seeded_mix (Fixture       *fixture,
                 gconstpointer  data)
{
  guint seeds[4] = { 0 };
  gboolean exactly_cutoff = FALSE, last_old_second = FALSE, newest_not_first = FALSE;
  gboolean cloud_listed = FALSE, cloud_none = FALSE;

  for (guint i = 0; i < attest_sandbox_get_customer_count (fixture->sandbox); i++)
    {
      const char *id = attest_sandbox_get_customer (fixture->sandbox, i)->customer_id;
      AttestSandboxMcaSeed seed = attest_sandbox_get_customer_mca_seed (fixture->sandbox, id);
      g_autoptr(AttestTestResponse) mca =
        get_for (fixture, id, "agreements?agreementType=MicrosoftCustomerAgreement",
                 fixture->user_token);
      g_autoptr(AttestTestResponse) cloud = get_for (fixture, id, "agreements",
                                                     fixture->user_token);
      g_autoptr(AttestTestResponse) direct =
        get_for (fixture, id, "directSignedMicrosoftCustomerAgreementStatus",
                 fixture->user_token);
      const char *newest = NULL;
      gboolean newest_first = TRUE;

      seeds[seed]++;
      g_assert_cmpuint (direct->status, ==, 200);
      g_assert_cmpint (json_object_get_boolean_member (object_of (direct), "isSigned"), ==,
                       seed == ATTEST_SANDBOX_MCA_SEED_ACCEPTED_DIRECTLY);

      if (mca->status == 200)
        newest = newest_mca (mca, &newest_first);
      else
        assert_service_error (mca, 404, 600009);

      switch (seed)
        {
        case ATTEST_SANDBOX_MCA_SEED_ACCEPTED_DIRECTLY:
          g_assert_true (newest == NULL || strcmp (newest, CUTOFF) < 0);
          break;
        case ATTEST_SANDBOX_MCA_SEED_ATTESTED:
          g_assert_nonnull (newest);
          g_assert_cmpstr (newest, >=, CUTOFF);
          exactly_cutoff |= g_str_equal (newest, CUTOFF);
          newest_not_first |= !newest_first;
          break;
        case ATTEST_SANDBOX_MCA_SEED_OLDER_ONLY:
          g_assert_nonnull (newest);
          g_assert_cmpstr (newest, <, CUTOFF);
          last_old_second |= g_str_equal (newest, LAST_OLD_SECOND);
          break;
        case ATTEST_SANDBOX_MCA_SEED_NONE:
        default:
          g_assert_null (newest);
          break;
        }

      /* Without agreementType: the Cloud Agreement only. */
      if (cloud->status == 200)
        {
          JsonArray *items = json_object_get_array_member (object_of (cloud), "items");

          g_assert_cmpuint (json_array_get_length (items), >, 0);
          for (guint j = 0; j < json_array_get_length (items); j++)
            g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items,
                                                                                          j),
                                                            "type"),
                             ==, "MicrosoftCloudAgreement");
          cloud_listed = TRUE;
        }
      else
        {
          assert_service_error (cloud, 404, 600009);
          cloud_none = TRUE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    g_assert_cmpuint (seeds[i], >=, 10);
  g_assert_true (exactly_cutoff && last_old_second && newest_not_first);
  g_assert_true (cloud_listed && cloud_none);
}

static void
test_reads_take_their_token (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *id = attest_sandbox_get_customer (fixture->sandbox, 0)->customer_id;
  g_autoptr(AttestTestResponse) agreements =
    get_for (fixture, id, "agreements?agreementType=MicrosoftCustomerAgreement",
             fixture->app_token);
  g_autoptr(AttestTestResponse) direct =
    get_for (fixture, id, "directSignedMicrosoftCustomerAgreementStatus", fixture->app_token);
  g_autoptr(AttestTestResponse) profile_app = get_for (fixture, id, "profiles/billing",
                                                       fixture->app_token);
  g_autoptr(AttestTestResponse) profile_user = get_for (fixture, id, "profiles/billing",
                                                        fixture->user_token);

  /* App+User only: refused with a word on which token it takes. */
  g_assert_cmpuint (agreements->status, ==, 403);
  g_assert_nonnull (strstr (attest_test_response_get_string (agreements, "description"),
                            "App+User"));
  g_assert_cmpuint (direct->status, ==, 403);

  /* Either. */
  g_assert_cmpuint (profile_app->status, ==, 200);
  g_assert_cmpuint (profile_user->status, ==, 200);
  g_assert_cmpstr (profile_app->body, ==, profile_user->body);
}

static gboolean
is_culture (const char *text)
{
  return strlen (text) == 5 && g_ascii_islower (text[0]) && g_ascii_islower (text[1])
         && text[2] == '-' && g_ascii_isupper (text[3]) && g_ascii_isupper (text[4]);
}

static void
test_billing_profiles (Fixture       *fixture,
                       gconstpointer  data)
{
  gboolean no_culture = FALSE, invalid_culture = FALSE, no_language = FALSE;
  gboolean no_country = FALSE, lower_case_country = FALSE, empty_email = FALSE;
  gboolean no_name = FALSE, no_company = FALSE, complete = FALSE;

  for (guint i = 0; i < attest_sandbox_get_customer_count (fixture->sandbox); i++)
    {
      const AttestSandboxCustomer *customer = attest_sandbox_get_customer (fixture->sandbox, i);
      g_autoptr(AttestTestResponse) response = get_for (fixture, customer->customer_id,
                                                        "profiles/billing", fixture->app_token);
      JsonObject *profile = object_of (response);
      JsonObject *address = json_object_get_object_member (profile, "defaultAddress");
      const char *culture = json_object_get_string_member_with_default (profile, "culture", NULL);
      const char *country = json_object_get_string_member_with_default (address, "country",
                                                                        NULL);
      const char *email = json_object_get_string_member_with_default (profile, "email", NULL);
      const char *company = json_object_get_string_member_with_default (profile, "companyName",
                                                                        NULL);
      gboolean has_name = json_object_has_member (profile, "firstName");
      gboolean has_language = json_object_has_member (profile, "language");

      g_assert_cmpuint (response->status, ==, 200);
      g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (profile, "id")));
      g_assert_nonnull (email);
      if (company != NULL)
        g_assert_cmpstr (company, ==, customer->company_name);
      if (has_name)
        g_assert_cmpstr (json_object_get_string_member (profile, "firstName"), ==,
                         customer->first_name);

      no_culture |= culture == NULL && has_language;
      no_language |= culture == NULL && !has_language;
      invalid_culture |= culture != NULL && !is_culture (culture);
      no_country |= country == NULL;
      lower_case_country |= country != NULL && g_ascii_islower (country[0]);
      empty_email |= email[0] == '\0';
      no_name |= !has_name;
      no_company |= company == NULL;
      complete |= culture != NULL && is_culture (culture) && country != NULL
                  && strlen (country) == 2 && g_ascii_isupper (country[0])
                  && g_ascii_isupper (country[1]) && email[0] != '\0' && has_name
                  && company != NULL;
    }

  g_assert_true (no_culture && invalid_culture && no_language && no_country);
  g_assert_true (lower_case_country && empty_email && no_name && no_company && complete);
}

static void
test_unknown_customer (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(AttestTestResponse) agreements =
    get_for (fixture, UNKNOWN_ID, "agreements?agreementType=MicrosoftCustomerAgreement",
             fixture->user_token);
  g_autoptr(AttestTestResponse) direct =
    get_for (fixture, UNKNOWN_ID, "directSignedMicrosoftCustomerAgreementStatus",
             fixture->user_token);
  g_autoptr(AttestTestResponse) profile = get_for (fixture, UNKNOWN_ID, "profiles/billing",
                                                   fixture->user_token);

  assert_service_error (agreements, 404, 600008);
  assert_service_error (direct, 404, 600008);
  assert_service_error (profile, 404, 600008);
}

static void
test_remove_customer (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *id = g_strdup (attest_sandbox_get_customer (fixture->sandbox, 3)->customer_id);
  guint count = attest_sandbox_get_customer_count (fixture->sandbox);
  g_autoptr(AttestTestResponse) before = get_for (fixture, id, "profiles/billing",
                                                  fixture->user_token);
  g_autoptr(AttestTestResponse) after = NULL;
  g_autoptr(GPtrArray) listed = NULL;

  g_assert_cmpuint (before->status, ==, 200);
  g_assert_true (attest_sandbox_remove_customer (fixture->sandbox, id));
  g_assert_false (attest_sandbox_remove_customer (fixture->sandbox, id));
  g_assert_null (attest_sandbox_lookup_customer (fixture->sandbox, id));
  g_assert_cmpuint (attest_sandbox_get_customer_count (fixture->sandbox), ==, count - 1);

  after = get_for (fixture, id, "profiles/billing", fixture->user_token);
  assert_service_error (after, 404, 600008);
  listed = list_customers (fixture, "/v1/customers?size=40", fixture->user_token, 40);
  g_assert_cmpuint (listed->len, ==, count - 1);
  for (guint i = 0; i < listed->len; i++)
    g_assert_cmpstr (g_ptr_array_index (listed, i), !=, id);
}

static void
test_direct_signed_switch (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *id = NULL;
  g_autoptr(AttestTestResponse) before = NULL;
  g_autoptr(AttestTestResponse) after = NULL;

  for (guint i = 0; id == NULL; i++)
    {
      const char *candidate = attest_sandbox_get_customer (fixture->sandbox, i)->customer_id;

      if (attest_sandbox_get_customer_mca_seed (fixture->sandbox, candidate)
          == ATTEST_SANDBOX_MCA_SEED_NONE)
        id = candidate;
    }

  before = get_for (fixture, id, "directSignedMicrosoftCustomerAgreementStatus",
                    fixture->user_token);
  g_assert_false (json_object_get_boolean_member (object_of (before), "isSigned"));

  g_assert_true (attest_sandbox_set_direct_signed (fixture->sandbox, id, TRUE));
  g_assert_false (attest_sandbox_set_direct_signed (fixture->sandbox, UNKNOWN_ID, TRUE));
  after = get_for (fixture, id, "directSignedMicrosoftCustomerAgreementStatus",
                   fixture->user_token);
  g_assert_true (json_object_get_boolean_member (object_of (after), "isSigned"));
}

static void
test_records_list_switch (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *path = "/v1/partners/customeragreementrecords";
  g_autoptr(AttestTestResponse) served = get (fixture, path, fixture->user_token, NULL);
  g_autoptr(AttestTestResponse) gone = NULL;
  g_autoptr(AttestTestResponse) back = NULL;

  g_assert_cmpuint (served->status, ==, 200);

  attest_sandbox_set_records_list_served (fixture->sandbox, FALSE);
  gone = get (fixture, path, fixture->user_token, NULL);
  g_assert_cmpuint (gone->status, ==, 404);

  attest_sandbox_set_records_list_served (fixture->sandbox, TRUE);
  back = get (fixture, path, fixture->user_token, NULL);
  g_assert_cmpuint (back->status, ==, 200);
}

static void
test_follows_seed (void)
{
  g_autoptr(AttestSandbox) one = attest_sandbox_new (31);
  g_autoptr(AttestSandbox) same = attest_sandbox_new (31);
  g_autoptr(AttestSandbox) other = attest_sandbox_new (32);
  guint differ = 0;

  for (guint i = 0; i < attest_sandbox_get_customer_count (one); i++)
    {
      const AttestSandboxCustomer *a = attest_sandbox_get_customer (one, i);
      const AttestSandboxCustomer *b = attest_sandbox_get_customer (same, i);
      const AttestSandboxCustomer *c = attest_sandbox_get_customer (other, i);

      g_assert_cmpstr (a->company_name, ==, b->company_name);
      g_assert_cmpstr (a->domain, ==, b->domain);
      g_assert_true (g_str_has_suffix (a->domain, ".onmicrosoft.com"));
      g_assert_cmpint (attest_sandbox_get_customer_mca_seed (one, a->customer_id), ==,
                       attest_sandbox_get_customer_mca_seed (same, b->customer_id));
      differ += attest_sandbox_get_customer_mca_seed (one, a->customer_id)
                != attest_sandbox_get_customer_mca_seed (other, c->customer_id);
    }
  g_assert_cmpuint (differ, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

#define ADD(path, func) \
  g_test_add ("/sandbox/mca/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("customers-paging", test_customers_paging);
  ADD ("customers-paging-refusals", test_customers_paging_refusals);
  ADD ("seeded-mix", test_seeded_mix);
  ADD ("reads-take-their-token", test_reads_take_their_token);
  ADD ("billing-profiles", test_billing_profiles);
  ADD ("unknown-customer", test_unknown_customer);
  ADD ("remove-customer", test_remove_customer);
  ADD ("direct-signed-switch", test_direct_signed_switch);
  ADD ("records-list-switch", test_records_list_switch);
  g_test_add_func ("/sandbox/mca/follows-seed", test_follows_seed);

#undef ADD

  return g_test_run ();
}
