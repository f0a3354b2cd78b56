/* test-mca-ledger.c: the ledger of Microsoft's current flow: states,
 * requests journaled whole before they are sent and their answers, runs,
 * crashes and kills, compaction, and 10,000 customers (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include "attest-mca-ledger.h"
#include "attest-test-utils.h"

#define TENANT "6F1E8C2A-0000-4000-8000-00000000BEEF"
#define ATTESTATIONS_PATH "/v1/attestations/enhanced"
#define WRITER_OPTION "--write-intents"

typedef struct
{
  char *directory;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = g_dir_make_tmp ("attest-ledger-XXXXXX", &error);

  g_assert_no_error (error);
  /* A folder that does not exist yet: the ledger makes it. */
  fixture->directory = g_build_filename (parent, "mca", "tenant", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *mca = g_path_get_dirname (fixture->directory);
  g_autofree char *parent = g_path_get_dirname (mca);

  attest_test_remove_tree (parent);
  g_free (fixture->directory);
}

static char *
customer_id (guint i)
{
  return g_strdup_printf ("%08x-1111-4222-8333-%012x", i, i * 7);
}

/* A body as the attestation's: escapes, quotes, line ends and text beyond
 * ASCII, different for each customer. */
static GBytes *
sample_body (guint i)
{
  g_autofree char *body =
    g_strdup_printf ("{\"country\":\"FR\",\"language\":\"fr-FR\",\"companyName\":"
                     "\"Soci\xc3\xa9t\xc3\xa9 n\xc2\xb0%u \\\"Les Fr\xc3\xa8res\\\"\\n\\t\","
                     "\"signatoryFirstName\":\"Zo\xc3\xab\",\"signatoryLastName\":"
                     "\"\xc3\x87" "elik \xf0\x9f\x99\x82\",\"signatoryEmail\":\"zoe%u@contoso.fr\"}",
                     i, i);

  return g_bytes_new (body, strlen (body));
}

static AttestPartnerRequest *
sample_request (guint i)
{
  g_autofree char *request_id = g_strdup_printf ("a0000000-0000-4000-8000-%012u", i);
  g_autofree char *correlation_id = g_strdup_printf ("c0000000-0000-4000-8000-%012u", i);
  g_autoptr(GBytes) body = sample_body (i);

  return attest_partner_request_new_full ("POST", ATTESTATIONS_PATH, request_id, correlation_id,
                                          ATTEST_PARTNER_CREDENTIAL_APP, body);
}

static AttestMcaLedger *
open_ledger (const char *directory)
{
  g_autoptr(GError) error = NULL;
  AttestMcaLedger *ledger = attest_mca_ledger_open (directory, TENANT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ledger);

  return ledger;
}

static GDateTime *
sample_time (int day)
{
  return g_date_time_new_utc (2026, 1, day, 10, 30, 15);
}

static void
assert_time (GDateTime  *time,
             const char *expected)
{
  g_autofree char *text = attest_mca_format_time (time);

  g_assert_cmpstr (text, ==, expected);
}

static void
record_intent (AttestMcaLedger      *ledger,
               guint                 i,
               AttestMcaIntentKind   kind,
               const char           *run_id,
               AttestPartnerRequest *request)
{
  g_autofree char *id = customer_id (i);
  g_autoptr(GError) error = NULL;
  const AttestPartnerContact signatory = { id, "Zoë", "Çelik", "zoe@contoso.fr", "" };

  g_assert_true (attest_mca_ledger_record_intent_sync (ledger, kind, run_id, &signatory,
                                                       "Société", request, &error));
  g_assert_no_error (error);
}

static void
record_answer (AttestMcaLedger     *ledger,
               guint                i,
               AttestMcaAnswerKind  kind,
               const char          *request_id,
               const char          *message)
{
  g_autofree char *id = customer_id (i);
  g_autofree char *attestation_id = g_strdup_printf ("att-%u", i);
  g_autofree char *link = g_strdup_printf ("https://cdn.partner.microsoft.com/mca/"
                                           "?attestationid=att-%u", i);
  g_autoptr(GDateTime) when = sample_time (6);
  g_autoptr(GError) error = NULL;
  AttestMcaAnswer answer = { kind, id, request_id, NULL, NULL, message, when };

  if (kind == ATTEST_MCA_ANSWER_ATTESTATION)
    {
      answer.attestation_id = attestation_id;
      answer.link = link;
    }
  g_assert_true (attest_mca_ledger_record_answer (ledger, &answer, &error));
  g_assert_no_error (error);
}

/* A billing profile as Partner Center answers it; NULL values are left
 * out of the answer. */
static AttestBillingProfile *
sample_profile (const char *first_name,
                const char *email,
                const char *country,
                const char *culture)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *problem = NULL;
  AttestBillingProfile *profile;

  json_builder_begin_object (builder);
  if (first_name != NULL)
    {
      json_builder_set_member_name (builder, "firstName");
      json_builder_add_string_value (builder, first_name);
    }
  json_builder_set_member_name (builder, "lastName");
  json_builder_add_string_value (builder, "Çelik \"Jr.\"");
  if (email != NULL)
    {
      json_builder_set_member_name (builder, "email");
      json_builder_add_string_value (builder, email);
    }
  json_builder_set_member_name (builder, "companyName");
  json_builder_add_string_value (builder, "Société n°1");
  if (culture != NULL)
    {
      json_builder_set_member_name (builder, "culture");
      json_builder_add_string_value (builder, culture);
    }
  json_builder_set_member_name (builder, "language");
  json_builder_add_string_value (builder, "fr");
  json_builder_set_member_name (builder, "defaultAddress");
  json_builder_begin_object (builder);
  if (country != NULL)
    {
      json_builder_set_member_name (builder, "country");
      json_builder_add_string_value (builder, country);
    }
  json_builder_set_member_name (builder, "phoneNumber");
  json_builder_add_string_value (builder, "+33 1 23 45 67 89");
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  profile = attest_billing_profile_new_from_json (root, &problem);
  g_assert_null (problem);
  g_assert_nonnull (profile);

  return profile;
}

static void
assert_same_request (AttestPartnerRequest *a,
                     AttestPartnerRequest *b)
{
  g_assert_cmpstr (attest_partner_request_get_method (a), ==,
                   attest_partner_request_get_method (b));
  g_assert_cmpstr (attest_partner_request_get_path (a), ==, attest_partner_request_get_path (b));
  g_assert_cmpstr (attest_partner_request_get_request_id (a), ==,
                   attest_partner_request_get_request_id (b));
  g_assert_cmpstr (attest_partner_request_get_correlation_id (a), ==,
                   attest_partner_request_get_correlation_id (b));
  g_assert_cmpint (attest_partner_request_get_credential (a), ==,
                   attest_partner_request_get_credential (b));
  g_assert_true (g_bytes_equal (attest_partner_request_get_body (a),
                                attest_partner_request_get_body (b)));
}

/* Everything the ledger knows of @customer, as one text to compare. */
static char *
describe_customer (AttestMcaCustomer *customer)
{
  AttestMcaIntent *pending = attest_mca_customer_get_pending (customer);
  g_autofree char *seen_at = attest_mca_format_time (attest_mca_customer_get_seen_at (customer));
  g_autofree char *requested_at =
    attest_mca_format_time (attest_mca_customer_get_requested_at (customer));
  g_autofree char *completed_at =
    attest_mca_format_time (attest_mca_customer_get_completed_at (customer));
  g_autofree char *pending_text = NULL;
  g_autofree char *profile_seen_at =
    attest_mca_format_time (attest_mca_customer_get_profile_seen_at (customer));

  if (pending != NULL)
    {
      AttestPartnerRequest *request = attest_mca_intent_get_request (pending);
      GBytes *body = attest_partner_request_get_body (request);
      g_autofree char *recorded_at =
        attest_mca_format_time (attest_mca_intent_get_recorded_at (pending));
      g_autofree char *body_hex = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);

      pending_text = g_strdup_printf ("%s %s %s %s %s %s %s %s %s %s",
                                      attest_mca_intent_kind_to_string (
                                        attest_mca_intent_get_kind (pending)),
                                      attest_mca_intent_get_run_id (pending), recorded_at,
                                      attest_mca_intent_get_message (pending),
                                      attest_partner_credential_to_string (
                                        attest_partner_request_get_credential (request)),
                                      attest_partner_request_get_method (request),
                                      attest_partner_request_get_path (request),
                                      attest_partner_request_get_request_id (request),
                                      attest_partner_request_get_correlation_id (request),
                                      body_hex);
    }

  return g_strdup_printf ("%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s"
                          "|profile %s|%s|%s|%s|%s|%s|%s|%s|%s",
                          attest_mca_customer_get_id (customer),
                          attest_mca_state_to_string (attest_mca_customer_get_state (customer)),
                          seen_at, attest_mca_customer_get_message (customer),
                          attest_mca_customer_get_company_name (customer),
                          attest_mca_customer_get_first_name (customer),
                          attest_mca_customer_get_last_name (customer),
                          attest_mca_customer_get_email (customer),
                          attest_mca_customer_get_attestation_id (customer),
                          attest_mca_customer_get_link (customer), requested_at,
                          attest_mca_customer_get_request_run_id (customer), completed_at,
                          attest_mca_customer_get_completion_run_id (customer),
                          attest_mca_customer_get_request_id (customer),
                          attest_mca_customer_get_correlation_id (customer),
                          attest_mca_customer_get_answer_run_id (customer),
                          pending != NULL ? "pending" : "-", pending_text, profile_seen_at,
                          attest_mca_customer_get_profile_first_name (customer),
                          attest_mca_customer_get_profile_last_name (customer),
                          attest_mca_customer_get_profile_email (customer),
                          attest_mca_customer_get_profile_phone_number (customer),
                          attest_mca_customer_get_profile_company_name (customer),
                          attest_mca_customer_get_profile_country (customer),
                          attest_mca_customer_get_profile_culture (customer),
                          attest_mca_customer_get_profile_language (customer));
}

static char *
describe_ledger (AttestMcaLedger *ledger)
{
  g_autoptr(GPtrArray) customers = attest_mca_ledger_list_customers (ledger);
  g_autoptr(GPtrArray) runs = attest_mca_ledger_list_runs (ledger);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < runs->len; i++)
    {
      AttestMcaRun *run = g_ptr_array_index (runs, i);
      g_autofree char *started_at = attest_mca_format_time (attest_mca_run_get_started_at (run));
      g_autofree char *ended_at = attest_mca_format_time (attest_mca_run_get_ended_at (run));

      GPtrArray *members = attest_mca_run_get_members (run);

      g_string_append_printf (text, "run %s %s %s %s %s\n", attest_mca_run_get_id (run),
                              attest_mca_run_kind_to_string (attest_mca_run_get_kind (run)),
                              attest_mca_run_get_output_path (run), started_at, ended_at);
      for (guint m = 0; members != NULL && m < members->len; m++)
        {
          AttestMcaRunMember *member = g_ptr_array_index (members, m);
          AttestAttestationDetails details;

          attest_mca_run_member_get_details (member, &details);
          g_string_append_printf (text, "  member %s %s %s %s %s %s %s %s %s %s\n",
                                  attest_mca_run_member_get_customer_id (member),
                                  attest_mca_run_action_to_string (
                                    attest_mca_run_member_get_action (member)),
                                  details.company_name, details.country, details.language,
                                  details.first_name, details.last_name, details.email,
                                  details.phone_number,
                                  attest_mca_run_member_get_message (member));
        }
    }
  for (guint i = 0; i < customers->len; i++)
    {
      g_autofree char *line = describe_customer (g_ptr_array_index (customers, i));

      g_string_append_printf (text, "%s\n", line);
    }

  return g_string_free (text, FALSE);
}

static guint
count_lines (const char *path)
{
  g_autofree char *contents = attest_test_read_file (path);
  guint n = 0;

  for (const char *p = contents; *p != '\0'; p++)
    n += *p == '\n';

  return n;
}

static void
test_new_and_reopen (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger (fixture->directory);
  g_autoptr(GDateTime) seen = sample_time (5);
  g_autoptr(AttestMcaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id0 = customer_id (0);
  g_autofree char *id1 = customer_id (1);
  g_autofree char *upper = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GStatBuf info;

  g_assert_cmpstr (attest_mca_ledger_get_tenant_id (ledger), ==,
                   "6f1e8c2a-0000-4000-8000-00000000beef");
  g_assert_cmpuint (attest_mca_ledger_get_n_customers (ledger), ==, 0);
  g_assert_cmpint (g_stat (attest_mca_ledger_get_path (ledger), &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (fixture->directory, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0700);

  g_assert_true (attest_mca_ledger_record_state (ledger, id0, ATTEST_MCA_STATE_ATTESTED,
                                                 "Contoso", NULL, seen, &error));
  g_assert_true (attest_mca_ledger_record_state (ledger, id1, ATTEST_MCA_STATE_UNCHECKED,
                                                 "Fabrikam, \"Inc.\"",
                                                 "The billing profile could not be read: 503",
                                                 seen, &error));
  /* A later check without a company name keeps the one known. */
  g_assert_true (attest_mca_ledger_record_state (ledger, id1, ATTEST_MCA_STATE_NEEDS_ACCEPTANCE,
                                                 NULL, NULL, seen, &error));
  g_assert_no_error (error);

  upper = g_ascii_strup (id1, -1);
  customer = attest_mca_ledger_lookup (ledger, upper);
  g_assert_nonnull (customer);
  g_assert_cmpstr (attest_mca_customer_get_id (customer), ==, id1);
  g_assert_cmpint (attest_mca_customer_get_state (customer), ==,
                   ATTEST_MCA_STATE_NEEDS_ACCEPTANCE);
  g_assert_cmpstr (attest_mca_customer_get_company_name (customer), ==, "Fabrikam, \"Inc.\"");
  g_assert_null (attest_mca_customer_get_message (customer));
  assert_time (attest_mca_customer_get_seen_at (customer), "2026-01-05T10:30:15Z");
  g_assert_null (attest_mca_customer_get_pending (customer));
  g_assert_null (attest_mca_ledger_lookup (ledger, "00000000-0000-0000-0000-000000000000"));

  before = describe_ledger (ledger);
  g_clear_object (&ledger);
  ledger = open_ledger (fixture->directory);
  after = describe_ledger (ledger);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (attest_mca_ledger_get_n_customers (ledger), ==, 2);
}

static void
test_default_directory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMcaLedger) ledger = attest_mca_ledger_open (NULL, TENANT, &error);
  g_autofree char *expected = g_build_filename (g_get_user_state_dir (), "attest", "mca",
                                                "6f1e8c2a-0000-4000-8000-00000000beef",
                                                "ledger.jsonl", NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (attest_mca_ledger_get_path (ledger), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

static void
test_refuses_other_tenants (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestMcaLedger) ledger = NULL;
  g_autoptr(AttestMcaLedger) other = NULL;

  g_assert_null (attest_mca_ledger_open (NULL, "../../etc", &error));
  g_assert_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_INVALID_TENANT);
  g_clear_error (&error);

  /* The folder of one tenant does not open as another's. */
  ledger = open_ledger (fixture->directory);
  g_clear_object (&ledger);
  other = attest_mca_ledger_open (fixture->directory, "11111111-2222-4333-8444-555555555555",
                                  &error);
  g_assert_null (other);
  g_assert_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "11111111-2222-4333-8444-555555555555"));
}

static void
test_one_at_a_time (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger (fixture->directory);
  g_autoptr(AttestMcaLedger) second = NULL;
  g_autoptr(GError) error = NULL;

  second = attest_mca_ledger_open (fixture->directory, TENANT, &error);
  g_assert_null (second);
  g_assert_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_BUSY);

  g_clear_object (&ledger);
  second = open_ledger (fixture->directory);
}

static void
test_request_read_back_whole (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger (fixture->directory);
  static const char odd[] = "{\"a\":\"\xff\xfe\",\"b\":\"\0\",\"c\":\"\xc3\"}";
  g_autoptr(GBytes) odd_body = g_bytes_new (odd, sizeof odd - 1);
  g_autoptr(GBytes) empty_body = g_bytes_new (NULL, 0);
  AttestPartnerRequest *requests[3];
  g_autoptr(GPtrArray) unanswered = NULL;

  requests[0] = sample_request (0);
  requests[1] = attest_partner_request_new_full ("POST", "/v1/customers/x%20y/agreements",
                                                 "r1", "c1", ATTEST_PARTNER_CREDENTIAL_EITHER,
                                                 odd_body);
  requests[2] = attest_partner_request_new_full ("GET", "/v1/customers?size=5", "r2", "c2",
                                                 ATTEST_PARTNER_CREDENTIAL_USER, empty_body);
  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    record_intent (ledger, i, i == 1 ? ATTEST_MCA_INTENT_COMPLETION
                                     : ATTEST_MCA_INTENT_ATTESTATION, "run-1", requests[i]);

  g_clear_object (&ledger);
  ledger = open_ledger (fixture->directory);
  unanswered = attest_mca_ledger_list_unanswered (ledger, NULL);
  g_assert_cmpuint (unanswered->len, ==, G_N_ELEMENTS (requests));
  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      AttestMcaIntent *intent = g_ptr_array_index (unanswered, i);
      g_autofree char *id = customer_id (i);

      g_assert_cmpstr (attest_mca_intent_get_customer_id (intent), ==, id);
      g_assert_cmpstr (attest_mca_intent_get_run_id (intent), ==, "run-1");
      g_assert_cmpint (attest_mca_intent_get_kind (intent), ==,
                       i == 1 ? ATTEST_MCA_INTENT_COMPLETION : ATTEST_MCA_INTENT_ATTESTATION);
      g_assert_nonnull (attest_mca_intent_get_recorded_at (intent));
      assert_same_request (attest_mca_intent_get_request (intent), requests[i]);
      attest_partner_request_unref (requests[i]);
    }
  g_clear_pointer (&unanswered, g_ptr_array_unref);
  unanswered = attest_mca_ledger_list_unanswered (ledger, "another-run");
  g_assert_cmpuint (unanswered->len, ==, 0);
}

typedef struct
{
  guint done;
  guint failed;
} SyncCount;

static void
on_intent_recorded (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SyncCount *count = user_data;
  g_autoptr(GError) error = NULL;

  if (attest_mca_ledger_record_intent_finish (ATTEST_MCA_LEDGER (object), result, &error))
    count->done++;
  else
    count->failed++;
  g_assert_no_error (error);
}

static gboolean
all_synced (gpointer user_data)
{
  SyncCount *count = user_data;

  return count->done + count->failed == 50;
}

/* Fifty requests journaled at once, as a run's concurrent calls do: each
 * callback comes once its line is on the disk. */
static void
test_intents_async (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger (fixture->directory);
  g_autoptr(GPtrArray) unanswered = NULL;
  SyncCount count = { 0, };

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *id = customer_id (i);
      g_autoptr(AttestPartnerRequest) request = sample_request (i);
      const AttestPartnerContact signatory = { id, "Ada", "Lovelace", "ada@contoso.com", "" };

      attest_mca_ledger_record_intent_async (ledger, ATTEST_MCA_INTENT_ATTESTATION, "run-2",
                                             &signatory, NULL, request, NULL, on_intent_recorded,
                                             &count);
    }
  /* Each is in the ledger from the call on; the callbacks wait for the disk. */
  unanswered = attest_mca_ledger_list_unanswered (ledger, "run-2");
  g_assert_cmpuint (unanswered->len, ==, 50);

  g_assert_true (attest_test_wait_until (all_synced, &count, 20000));
  g_assert_cmpuint (count.done, ==, 50);
  g_clear_object (&ledger);

  ledger = open_ledger (fixture->directory);
  g_clear_pointer (&unanswered, g_ptr_array_unref);
  unanswered = attest_mca_ledger_list_unanswered (ledger, "run-2");
  g_assert_cmpuint (unanswered->len, ==, 50);
}

static void
test_answers (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger (fixture->directory);
  g_autoptr(AttestPartnerRequest) attestation0 = sample_request (0);
  g_autoptr(AttestPartnerRequest) attestation1 = sample_request (1);
  g_autoptr(AttestPartnerRequest) attestation2 = sample_request (2);
  g_autoptr(AttestPartnerRequest) completion0 = sample_request (100);
  g_autoptr(AttestPartnerRequest) completion0b = sample_request (101);
  g_autoptr(AttestPartnerRequest) another = sample_request (102);
  g_autoptr(AttestMcaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id0 = customer_id (0);
  g_autofree char *id2 = customer_id (2);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const AttestPartnerContact signatory = { id2, "Ada", "Lovelace", "ada@contoso.com", "" };
  AttestMcaAnswer wrong = { ATTEST_MCA_ANSWER_REFUSED, id0, "not-the-request", NULL, NULL,
                            "Refused", NULL };
  GStatBuf info;
  goffset size;

  /* Customer 0: requested, a completion refused as not accepted yet (it
   * stays requested), then done. */
  record_intent (ledger, 0, ATTEST_MCA_INTENT_ATTESTATION, "request-run", attestation0);
  record_answer (ledger, 0, ATTEST_MCA_ANSWER_ATTESTATION,
                 attest_partner_request_get_request_id (attestation0), NULL);
  customer = attest_mca_ledger_lookup (ledger, id0);
  g_assert_cmpint (attest_mca_customer_get_state (customer), ==, ATTEST_MCA_STATE_REQUESTED);
  g_assert_cmpstr (attest_mca_customer_get_attestation_id (customer), ==, "att-0");
  g_assert_cmpstr (attest_mca_customer_get_link (customer), ==,
                   "https://cdn.partner.microsoft.com/mca/?attestationid=att-0");
  assert_time (attest_mca_customer_get_requested_at (customer), "2026-01-06T10:30:15Z");
  g_assert_cmpstr (attest_mca_customer_get_request_run_id (customer), ==, "request-run");
  g_assert_cmpstr (attest_mca_customer_get_first_name (customer), ==, "Zoë");
  g_assert_cmpstr (attest_mca_customer_get_company_name (customer), ==, "Société");
  g_assert_cmpstr (attest_mca_customer_get_request_id (customer), ==,
                   attest_partner_request_get_request_id (attestation0));
  g_assert_null (attest_mca_customer_get_pending (customer));
  g_clear_pointer (&customer, attest_mca_customer_unref);

  /* A check cannot see the request: the customer stays requested. */
  g_assert_true (attest_mca_ledger_record_state (ledger, id0, ATTEST_MCA_STATE_NEEDS_ACCEPTANCE,
                                                 NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  customer = attest_mca_ledger_lookup (ledger, id0);
  g_assert_cmpint (attest_mca_customer_get_state (customer), ==, ATTEST_MCA_STATE_REQUESTED);
  g_clear_pointer (&customer, attest_mca_customer_unref);

  record_intent (ledger, 0, ATTEST_MCA_INTENT_COMPLETION, "completion-run", completion0);
  record_answer (ledger, 0, ATTEST_MCA_ANSWER_REFUSED,
                 attest_partner_request_get_request_id (completion0),
                 "The customer has not accepted the agreement yet.");
  customer = attest_mca_ledger_lookup (ledger, id0);
  g_assert_cmpint (attest_mca_customer_get_state (customer), ==, ATTEST_MCA_STATE_REQUESTED);
  g_assert_cmpstr (attest_mca_customer_get_message (customer), ==,
                   "The customer has not accepted the agreement yet.");
  g_assert_cmpstr (attest_mca_customer_get_completion_run_id (customer), ==, "completion-run");
  g_assert_null (attest_mca_customer_get_completed_at (customer));
  g_clear_pointer (&customer, attest_mca_customer_unref);

  /* An answer to no journaled request changes nothing, in memory or on
   * the disk. */
  g_assert_cmpint (g_stat (attest_mca_ledger_get_path (ledger), &info), ==, 0);
  size = info.st_size;
  g_assert_false (attest_mca_ledger_record_answer (ledger, &wrong, &error));
  g_assert_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_NOT_PENDING);
  g_clear_error (&error);
  g_assert_cmpint (g_stat (attest_mca_ledger_get_path (ledger), &info), ==, 0);
  g_assert_cmpint (info.st_size, ==, size);

  record_intent (ledger, 0, ATTEST_MCA_INTENT_COMPLETION, "completion-run", completion0b);
  /* An attestation is no answer to a completion. */
  wrong.kind = ATTEST_MCA_ANSWER_ATTESTATION;
  wrong.request_id = attest_partner_request_get_request_id (completion0b);
  wrong.attestation_id = "att-x";
  g_assert_false (attest_mca_ledger_record_answer (ledger, &wrong, &error));
  g_assert_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_NOT_PENDING);
  g_clear_error (&error);
  record_answer (ledger, 0, ATTEST_MCA_ANSWER_COMPLETED,
                 attest_partner_request_get_request_id (completion0b), NULL);
  customer = attest_mca_ledger_lookup (ledger, id0);
  g_assert_cmpint (attest_mca_customer_get_state (customer), ==, ATTEST_MCA_STATE_DONE);
  assert_time (attest_mca_customer_get_completed_at (customer), "2026-01-06T10:30:15Z");
  g_assert_cmpstr (attest_mca_customer_get_attestation_id (customer), ==, "att-0");
  g_assert_cmpstr (attest_mca_customer_get_request_id (customer), ==,
                   attest_partner_request_get_request_id (completion0b));
  g_assert_cmpstr (attest_mca_customer_get_correlation_id (customer), ==,
                   attest_partner_request_get_correlation_id (completion0b));
  g_clear_pointer (&customer, attest_mca_customer_unref);

  /* Customer 1: the service refused the attestation. */
  record_intent (ledger, 1, ATTEST_MCA_INTENT_ATTESTATION, "request-run", attestation1);
  record_answer (ledger, 1, ATTEST_MCA_ANSWER_REFUSED,
                 attest_partner_request_get_request_id (attestation1),
                 "400 InvalidCountry: country must be an ISO 3166-1 alpha-2 code");

  /* A later check sees both as needing acceptance, as the reads may show
   * them: they stay done and refused, with their messages. */
  {
    g_autoptr(GDateTime) later = sample_time (20);
    g_autofree char *id1 = customer_id (1);

    g_assert_true (attest_mca_ledger_record_state (ledger, id0, ATTEST_MCA_STATE_NEEDS_ACCEPTANCE,
                                                   NULL, NULL, later, &error));
    g_assert_true (attest_mca_ledger_record_state (ledger, id1, ATTEST_MCA_STATE_NEEDS_ACCEPTANCE,
                                                   NULL, NULL, later, &error));
    g_assert_no_error (error);
    customer = attest_mca_ledger_lookup (ledger, id0);
    g_assert_cmpint (attest_mca_customer_get_state (customer), ==, ATTEST_MCA_STATE_DONE);
    g_clear_pointer (&customer, attest_mca_customer_unref);
    customer = attest_mca_ledger_lookup (ledger, id1);
    g_assert_cmpint (attest_mca_customer_get_state (customer), ==, ATTEST_MCA_STATE_REFUSED);
    g_assert_cmpstr (attest_mca_customer_get_message (customer), ==,
                     "400 InvalidCountry: country must be an ISO 3166-1 alpha-2 code");
    assert_time (attest_mca_customer_get_seen_at (customer), "2026-01-20T10:30:15Z");
    g_clear_pointer (&customer, attest_mca_customer_unref);
  }

  /* Customer 2: its answer was lost. The request stays, the same, and no
   * other may be journaled for it meanwhile; the same one again is no new
   * request. */
  record_intent (ledger, 2, ATTEST_MCA_INTENT_ATTESTATION, "request-run", attestation2);
  record_answer (ledger, 2, ATTEST_MCA_ANSWER_LOST,
                 attest_partner_request_get_request_id (attestation2),
                 "No answer from Partner Center after 5 tries");
  g_assert_false (attest_mca_ledger_record_intent_sync (ledger, ATTEST_MCA_INTENT_ATTESTATION,
                                                        "request-run", &signatory, NULL, another,
                                                        &error));
  g_assert_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_PENDING);
  g_clear_error (&error);
  g_assert_true (attest_mca_ledger_record_intent_sync (ledger, ATTEST_MCA_INTENT_ATTESTATION,
                                                       "request-run", &signatory, NULL,
                                                       attestation2, &error));
  g_assert_no_error (error);
  customer = attest_mca_ledger_lookup (ledger, id2);
  g_assert_nonnull (attest_mca_customer_get_pending (customer));
  g_assert_cmpstr (attest_mca_intent_get_message (attest_mca_customer_get_pending (customer)), ==,
                   "No answer from Partner Center after 5 tries");
  assert_same_request (attest_mca_intent_get_request (attest_mca_customer_get_pending (customer)),
                       attestation2);
  g_assert_cmpint (attest_mca_customer_get_state (customer), ==, ATTEST_MCA_STATE_UNCHECKED);
  g_clear_pointer (&customer, attest_mca_customer_unref);

  before = describe_ledger (ledger);
  g_clear_object (&ledger);
  ledger = open_ledger (fixture->directory);
  after = describe_ledger (ledger);
  g_assert_cmpstr (after, ==, before);

  customer = attest_mca_ledger_lookup (ledger, "00000001-1111-4222-8333-000000000007");
  g_assert_cmpint (attest_mca_customer_get_state (customer), ==, ATTEST_MCA_STATE_REFUSED);
  g_assert_cmpstr (attest_mca_customer_get_message (customer), ==,
                   "400 InvalidCountry: country must be an ISO 3166-1 alpha-2 code");
}

static void
test_runs (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger (fixture->directory);
  g_autoptr(GDateTime) start = sample_time (7);
  g_autoptr(GDateTime) end = sample_time (8);
  g_autoptr(AttestMcaRun) request_run = NULL;
  g_autoptr(AttestMcaRun) completion_run = NULL;
  g_autoptr(AttestMcaRun) found = NULL;
  g_autoptr(AttestPartnerRequest) request = sample_request (3);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *run_id = NULL;

  request_run = attest_mca_ledger_begin_run (ledger, ATTEST_MCA_RUN_REQUEST,
                                             "/home/admin/links, “Q1”.csv", start, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (attest_mca_run_get_id (request_run), "20260107-103015-"));
  g_assert_false (attest_mca_run_is_finished (request_run));
  completion_run = attest_mca_ledger_begin_run (ledger, ATTEST_MCA_RUN_COMPLETION, NULL, NULL,
                                                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (attest_mca_run_get_id (completion_run), !=,
                   attest_mca_run_get_id (request_run));

  record_intent (ledger, 3, ATTEST_MCA_INTENT_ATTESTATION, attest_mca_run_get_id (request_run),
                 request);
  members = attest_mca_ledger_list_run_customers (ledger, attest_mca_run_get_id (request_run));
  g_assert_cmpuint (members->len, ==, 1);
  g_clear_pointer (&members, g_ptr_array_unref);
  members = attest_mca_ledger_list_run_customers (ledger, attest_mca_run_get_id (completion_run));
  g_assert_cmpuint (members->len, ==, 0);

  g_assert_true (attest_mca_ledger_end_run (ledger, attest_mca_run_get_id (request_run), end,
                                            &error));
  g_assert_no_error (error);
  g_assert_false (attest_mca_ledger_end_run (ledger, "19990101-000000-0000", NULL, &error));
  g_assert_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_UNKNOWN_RUN);

  /* The value handed out does not change: the ledger has a new one. */
  g_assert_false (attest_mca_run_is_finished (request_run));
  run_id = g_strdup (attest_mca_run_get_id (request_run));
  g_clear_object (&ledger);

  ledger = open_ledger (fixture->directory);
  runs = attest_mca_ledger_list_runs (ledger);
  g_assert_cmpuint (runs->len, ==, 2);
  found = attest_mca_ledger_lookup_run (ledger, run_id);
  g_assert_true (attest_mca_run_is_finished (found));
  g_assert_cmpint (attest_mca_run_get_kind (found), ==, ATTEST_MCA_RUN_REQUEST);
  g_assert_cmpstr (attest_mca_run_get_output_path (found), ==, "/home/admin/links, “Q1”.csv");
  assert_time (attest_mca_run_get_started_at (found), "2026-01-07T10:30:15Z");
  assert_time (attest_mca_run_get_ended_at (found), "2026-01-08T10:30:15Z");
  g_clear_pointer (&found, attest_mca_run_unref);
  found = attest_mca_ledger_lookup_run (ledger, attest_mca_run_get_id (completion_run));
  g_assert_false (attest_mca_run_is_finished (found));
  g_assert_null (attest_mca_run_get_output_path (found));
  g_assert_cmpint (attest_mca_run_get_kind (found), ==, ATTEST_MCA_RUN_COMPLETION);
  g_assert_null (attest_mca_ledger_lookup_run (ledger, "nothing"));
}

/* A run discarded ends, says so after a reopen and a compaction, and
 * leaves none of its customers waiting for an answer. */
static void
test_discard_run (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger (fixture->directory);
  g_autoptr(AttestMcaRun) run = NULL;
  g_autoptr(AttestMcaRun) found = NULL;
  g_autoptr(AttestPartnerRequest) answered = sample_request (1);
  g_autoptr(AttestPartnerRequest) unanswered = sample_request (2);
  g_autoptr(AttestMcaCustomer) customer = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *run_id = NULL;
  g_autofree char *first = customer_id (1);
  g_autofree char *second = customer_id (2);

  run = attest_mca_ledger_begin_run (ledger, ATTEST_MCA_RUN_REQUEST, NULL, NULL, &error);
  g_assert_no_error (error);
  run_id = g_strdup (attest_mca_run_get_id (run));
  record_intent (ledger, 1, ATTEST_MCA_INTENT_ATTESTATION, run_id, answered);
  record_answer (ledger, 1, ATTEST_MCA_ANSWER_ATTESTATION,
                 attest_partner_request_get_request_id (answered), NULL);
  record_intent (ledger, 2, ATTEST_MCA_INTENT_ATTESTATION, run_id, unanswered);

  g_assert_true (attest_mca_ledger_discard_run (ledger, run_id, &error));
  g_assert_no_error (error);
  g_assert_false (attest_mca_ledger_discard_run (ledger, run_id, &error));
  g_assert_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_FINISHED_RUN);
  g_clear_error (&error);

  for (guint round = 0; round < 2; round++)
    {
      g_clear_object (&ledger);
      ledger = open_ledger (fixture->directory);
      found = attest_mca_ledger_lookup_run (ledger, run_id);
      g_assert_true (attest_mca_run_is_finished (found));
      g_assert_true (attest_mca_run_is_discarded (found));
      g_clear_pointer (&found, attest_mca_run_unref);

      pending = attest_mca_ledger_list_unanswered (ledger, NULL);
      g_assert_cmpuint (pending->len, ==, 0);
      g_clear_pointer (&pending, g_ptr_array_unref);

      /* The answered customer keeps its answer; the other can be asked
       * for again, and says why. */
      g_clear_pointer (&customer, attest_mca_customer_unref);
      customer = attest_mca_ledger_lookup (ledger, second);
      g_assert_cmpint (attest_mca_customer_get_state (customer), ==, ATTEST_MCA_STATE_REFUSED);
      g_assert_cmpstr (attest_mca_customer_get_message (customer), ==,
                       "The run was discarded before Partner Center answered this request.");
      g_clear_pointer (&customer, attest_mca_customer_unref);
      customer = attest_mca_ledger_lookup (ledger, first);
      g_assert_cmpint (attest_mca_customer_get_state (customer), ==,
                       ATTEST_MCA_STATE_REQUESTED);

      /* The second round reads what compaction wrote. */
      g_assert_true (attest_mca_ledger_compact (ledger, &error));
      g_assert_no_error (error);
    }

  /* A run that ended as it should is no discarded one. */
  g_clear_pointer (&run, attest_mca_run_unref);
  run = attest_mca_ledger_begin_run (ledger, ATTEST_MCA_RUN_COMPLETION, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (attest_mca_ledger_end_run (ledger, attest_mca_run_get_id (run), NULL, &error));
  found = attest_mca_ledger_lookup_run (ledger, attest_mca_run_get_id (run));
  g_assert_true (attest_mca_run_is_finished (found));
  g_assert_false (attest_mca_run_is_discarded (found));
}

/* One member a customer, of each action in turn, with values that need
 * escaping, some of them missing. */
static GPtrArray *
sample_members (guint n)
{
  GPtrArray *members = g_ptr_array_new_with_free_func (
                         (GDestroyNotify) attest_mca_run_member_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = customer_id (i);
      g_autofree char *company = g_strdup_printf ("Soci\xc3\xa9t\xc3\xa9 \"%u\"\n", i);
      AttestAttestationDetails details = {
        "FR", i % 2 ? "fr-FR" : NULL, company, "Zo\xc3\xab", "\xc3\x87" "elik",
        "zoe@contoso.fr", i % 5 ? "+33 1 23 45 67 89" : NULL,
      };
      AttestMcaRunAction action = i % 3;

      g_ptr_array_add (members,
                       attest_mca_run_member_new (id, action, i % 4 ? &details : NULL,
                                                  action == ATTEST_MCA_RUN_ACTION_NONE
                                                  ? "The country is empty.\t\"FR\"?" : NULL));
    }

  return members;
}

/* A request run keeps its members, in order, with what it does for each:
 * read back, after a compaction too. */
static void
test_run_members (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger (fixture->directory);
  g_autoptr(GPtrArray) members = sample_members (7);
  g_autoptr(AttestMcaRun) run = NULL;
  g_autoptr(AttestMcaRun) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *compacted = NULL;
  AttestAttestationDetails details;
  GPtrArray *read_back;

  run = attest_mca_ledger_begin_request_run (ledger, "links.csv", members, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attest_mca_run_get_kind (run), ==, ATTEST_MCA_RUN_REQUEST);
  g_assert_true (attest_mca_run_get_members (run) == members);
  before = describe_ledger (ledger);
  g_assert_nonnull (strstr (before, "member"));
  g_clear_object (&ledger);

  ledger = open_ledger (fixture->directory);
  after = describe_ledger (ledger);
  g_assert_cmpstr (after, ==, before);
  found = attest_mca_ledger_lookup_run (ledger, attest_mca_run_get_id (run));
  read_back = attest_mca_run_get_members (found);
  g_assert_cmpuint (read_back->len, ==, 7);

  /* The second: every value, to accept directly. */
  g_assert_cmpint (attest_mca_run_member_get_action (g_ptr_array_index (read_back, 1)), ==,
                   ATTEST_MCA_RUN_ACTION_DIRECT);
  attest_mca_run_member_get_details (g_ptr_array_index (read_back, 1), &details);
  g_assert_cmpstr (details.company_name, ==, "Soci\xc3\xa9t\xc3\xa9 \"1\"\n");
  g_assert_cmpstr (details.language, ==, "fr-FR");
  g_assert_cmpstr (details.phone_number, ==, "+33 1 23 45 67 89");
  /* The first has no details at all, the third no language. */
  attest_mca_run_member_get_details (g_ptr_array_index (read_back, 0), &details);
  g_assert_null (details.country);
  g_assert_null (details.email);
  attest_mca_run_member_get_details (g_ptr_array_index (read_back, 2), &details);
  g_assert_cmpstr (details.country, ==, "FR");
  g_assert_null (details.language);
  g_assert_cmpstr (attest_mca_run_member_get_message (g_ptr_array_index (read_back, 2)), ==,
                   "The country is empty.\t\"FR\"?");

  /* A completion run has none. */
  g_clear_pointer (&found, attest_mca_run_unref);
  found = attest_mca_ledger_begin_run (ledger, ATTEST_MCA_RUN_COMPLETION, NULL, NULL, &error);
  g_assert_null (attest_mca_run_get_members (found));

  g_free (before);
  before = describe_ledger (ledger);
  g_assert_true (attest_mca_ledger_compact (ledger, &error));
  g_assert_no_error (error);
  g_clear_object (&ledger);
  ledger = open_ledger (fixture->directory);
  compacted = describe_ledger (ledger);
  g_assert_cmpstr (compacted, ==, before);
}

/* Each answer says which run it answered: the run of its request. A lost
 * one answers nothing, and a state seen by a check changes nothing. */
static void
test_answer_run (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger (fixture->directory);
  g_autoptr(AttestPartnerRequest) first = sample_request (1);
  g_autoptr(AttestPartnerRequest) second = sample_request (2);
  g_autoptr(AttestMcaCustomer) customer = NULL;
  g_autofree char *id = customer_id (1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  record_intent (ledger, 1, ATTEST_MCA_INTENT_ATTESTATION, "run-a", first);
  record_answer (ledger, 1, ATTEST_MCA_ANSWER_LOST,
                 attest_partner_request_get_request_id (first), "No answer");
  customer = attest_mca_ledger_lookup (ledger, id);
  g_assert_null (attest_mca_customer_get_answer_run_id (customer));
  g_clear_pointer (&customer, attest_mca_customer_unref);

  record_answer (ledger, 1, ATTEST_MCA_ANSWER_REFUSED,
                 attest_partner_request_get_request_id (first), "Refused");
  customer = attest_mca_ledger_lookup (ledger, id);
  g_assert_cmpstr (attest_mca_customer_get_answer_run_id (customer), ==, "run-a");
  g_clear_pointer (&customer, attest_mca_customer_unref);

  record_intent (ledger, 1, ATTEST_MCA_INTENT_ATTESTATION, "run-b", second);
  g_assert_true (attest_mca_ledger_record_state (ledger, id, ATTEST_MCA_STATE_NEEDS_ACCEPTANCE,
                                                 NULL, NULL, NULL, NULL));
  customer = attest_mca_ledger_lookup (ledger, id);
  g_assert_cmpstr (attest_mca_customer_get_answer_run_id (customer), ==, "run-a");
  g_clear_pointer (&customer, attest_mca_customer_unref);
  record_answer (ledger, 1, ATTEST_MCA_ANSWER_ATTESTATION,
                 attest_partner_request_get_request_id (second), NULL);
  customer = attest_mca_ledger_lookup (ledger, id);
  g_assert_cmpstr (attest_mca_customer_get_answer_run_id (customer), ==, "run-b");

  before = describe_ledger (ledger);
  g_clear_object (&ledger);
  ledger = open_ledger (fixture->directory);
  after = describe_ledger (ledger);
  g_assert_cmpstr (after, ==, before);
}

/* A ledger written before runs kept their members and customers the run
 * of their last answer still opens: its runs have no members, and what it
 * says of the answers tells the run of each. */
static void
test_previous_version (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char previous[] =
    "{\"type\":\"ledger\",\"version\":1,\"tenantId\":"
    "\"6f1e8c2a-0000-4000-8000-00000000beef\",\"createdAt\":\"2026-01-06T09:00:00Z\"}\n"
    "{\"type\":\"run\",\"runId\":\"20260106-090000-0001\",\"kind\":\"request\","
    "\"outputPath\":\"links.csv\",\"startedAt\":\"2026-01-06T09:00:00Z\"}\n"
    "{\"type\":\"intent\",\"customerId\":\"00000001-1111-4222-8333-000000000007\","
    "\"companyName\":\"Contoso\",\"firstName\":\"Zo\u00eb\",\"lastName\":\"Doe\","
    "\"email\":\"zoe@contoso.fr\",\"kind\":\"attestation\",\"runId\":"
    "\"20260106-090000-0001\",\"recordedAt\":\"2026-01-06T09:00:01Z\",\"credential\":\"app\","
    "\"method\":\"POST\",\"path\":\"/v1/attestations/enhanced\",\"requestId\":\"r-1\","
    "\"correlationId\":\"c-1\",\"body\":\"{}\"}\n"
    "{\"type\":\"answer\",\"customerId\":\"00000001-1111-4222-8333-000000000007\","
    "\"requestId\":\"r-1\",\"outcome\":\"attestation\",\"answeredAt\":"
    "\"2026-01-06T09:00:02Z\",\"attestationId\":\"att-1\",\"link\":"
    "\"https://cdn.partner.microsoft.com/mca/?attestationid=att-1\"}\n"
    "{\"type\":\"customer\",\"customerId\":\"00000002-1111-4222-8333-00000000000e\","
    "\"state\":\"refused\",\"seenAt\":\"2026-01-06T09:00:03Z\",\"message\":\"No\","
    "\"requestId\":\"r-2\",\"correlationId\":\"c-2\"}\n";
  g_autofree char *path = g_build_filename (fixture->directory, "ledger.jsonl", NULL);
  g_autoptr(AttestMcaLedger) ledger = NULL;
  g_autoptr(AttestMcaRun) run = NULL;
  g_autoptr(AttestMcaCustomer) first = NULL;
  g_autoptr(AttestMcaCustomer) second = NULL;

  g_assert_cmpint (g_mkdir_with_parents (fixture->directory, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, previous, -1, NULL));

  ledger = open_ledger (fixture->directory);
  run = attest_mca_ledger_lookup_run (ledger, "20260106-090000-0001");
  g_assert_nonnull (run);
  g_assert_null (attest_mca_run_get_members (run));
  first = attest_mca_ledger_lookup (ledger, "00000001-1111-4222-8333-000000000007");
  g_assert_cmpint (attest_mca_customer_get_state (first), ==, ATTEST_MCA_STATE_REQUESTED);
  g_assert_cmpstr (attest_mca_customer_get_answer_run_id (first), ==, "20260106-090000-0001");
  second = attest_mca_ledger_lookup (ledger, "00000002-1111-4222-8333-00000000000e");
  g_assert_cmpint (attest_mca_customer_get_state (second), ==, ATTEST_MCA_STATE_REFUSED);
  g_assert_null (attest_mca_customer_get_answer_run_id (second));
}

static void
append_to_file (const char *path,
                const char *text)
{
  g_autofree char *contents = attest_test_read_file (path);
  g_autofree char *longer = g_strconcat (contents, text, NULL);

  g_assert_true (g_file_set_contents (path, longer, -1, NULL));
}

/* A crash in the middle of a write leaves a last line without its end: it
 * was never synced, so nothing was sent on its word. It is dropped, and
 * the ledger goes on after the last whole line. */
static void
test_torn_last_line (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger (fixture->directory);
  g_autoptr(AttestPartnerRequest) request = sample_request (4);
  g_autoptr(GDateTime) seen = sample_time (9);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (attest_mca_ledger_get_path (ledger));
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *id5 = customer_id (5);

  record_intent (ledger, 4, ATTEST_MCA_INTENT_ATTESTATION, "run", request);
  before = describe_ledger (ledger);
  g_clear_object (&ledger);
  whole = attest_test_read_file (path);

  append_to_file (path, "{\"type\":\"answer\",\"customerId\":\"00000004-1111-4222-8333-0000");
  ledger = open_ledger (fixture->directory);
  after = describe_ledger (ledger);
  g_assert_cmpstr (after, ==, before);
  contents = attest_test_read_file (path);
  g_assert_cmpstr (contents, ==, whole);

  /* What comes next starts on a line of its own. */
  g_assert_true (attest_mca_ledger_record_state (ledger, id5, ATTEST_MCA_STATE_DONE, NULL, NULL,
                                                 seen, &error));
  g_assert_no_error (error);
  g_clear_object (&ledger);
  ledger = open_ledger (fixture->directory);
  g_assert_cmpuint (attest_mca_ledger_get_n_customers (ledger), ==, 2);
  g_assert_cmpuint (count_lines (path), ==, 3);
}

static void
test_damaged_line (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger (fixture->directory);
  g_autoptr(GDateTime) seen = sample_time (9);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (attest_mca_ledger_get_path (ledger));
  g_autofree char *id = customer_id (6);
  g_autofree char *contents = NULL;
  g_autofree char *damaged = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < 3; i++)
    g_assert_true (attest_mca_ledger_record_state (ledger, id, ATTEST_MCA_STATE_NEEDS_ACCEPTANCE,
                                                   NULL, NULL, seen, NULL));
  g_clear_object (&ledger);

  /* Line 3 is cut in the middle, with its line end: damage, not a crash. */
  contents = attest_test_read_file (path);
  lines = g_strsplit (contents, "\n", -1);
  lines[2][strlen (lines[2]) / 2] = '\0';
  damaged = g_strjoinv ("\n", lines);
  g_assert_true (g_file_set_contents (path, damaged, -1, NULL));
  g_assert_null (attest_mca_ledger_open (fixture->directory, TENANT, &error));
  g_assert_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "Line 3 "));
  g_clear_error (&error);

  /* A whole line with a state that is no state. */
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  append_to_file (path, "{\"type\":\"state\",\"customerId\":\"x\",\"state\":\"accepted\"}\n");
  g_assert_null (attest_mca_ledger_open (fixture->directory, TENANT, &error));
  g_assert_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "Line 5 "));
  g_assert_nonnull (strstr (error->message, "(state)"));
  g_clear_error (&error);

  /* Another version's ledger is named as such. */
  g_assert_true (g_file_set_contents (path, "{\"type\":\"ledger\",\"version\":3,\"tenantId\":"
                                      "\"6f1e8c2a-0000-4000-8000-00000000beef\"}\n", -1, NULL));
  g_assert_null (attest_mca_ledger_open (fixture->directory, TENANT, &error));
  g_assert_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_UNSUPPORTED_VERSION);
}

static void fill_ledger (AttestMcaLedger *ledger,
                         guint            n);

/* A customer's billing profile is kept as read, replaced by the next one
 * read, left alone by states and requests, and read back after a restart
 * and a compaction. */
static void
test_profiles (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger (fixture->directory);
  g_autoptr(GDateTime) seen = sample_time (7);
  g_autoptr(GDateTime) later = sample_time (8);
  g_autoptr(AttestBillingProfile) full = sample_profile ("Zoë", "zoe@contoso.fr", "FR", "fr-FR");
  g_autoptr(AttestBillingProfile) gaps = sample_profile (NULL, NULL, "fr", NULL);
  g_autoptr(AttestMcaCustomer) customer = NULL;
  g_autoptr(AttestMcaCustomer) other = NULL;
  g_autoptr(AttestPartnerRequest) request = sample_request (2);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = customer_id (2);
  g_autofree char *other_id = customer_id (3);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *compacted = NULL;

  g_assert_true (attest_mca_ledger_record_state (ledger, id, ATTEST_MCA_STATE_NEEDS_ACCEPTANCE,
                                                 "Contoso", NULL, seen, &error));
  g_assert_no_error (error);
  customer = attest_mca_ledger_lookup (ledger, id);
  g_assert_null (attest_mca_customer_get_profile_seen_at (customer));
  g_assert_null (attest_mca_customer_get_profile_first_name (customer));
  g_clear_pointer (&customer, attest_mca_customer_unref);

  g_assert_true (attest_mca_ledger_record_profile (ledger, id, full, seen, &error));
  g_assert_no_error (error);
  customer = attest_mca_ledger_lookup (ledger, id);
  assert_time (attest_mca_customer_get_profile_seen_at (customer), "2026-01-07T10:30:15Z");
  g_assert_cmpstr (attest_mca_customer_get_profile_first_name (customer), ==, "Zoë");
  g_assert_cmpstr (attest_mca_customer_get_profile_last_name (customer), ==, "Çelik \"Jr.\"");
  g_assert_cmpstr (attest_mca_customer_get_profile_email (customer), ==, "zoe@contoso.fr");
  g_assert_cmpstr (attest_mca_customer_get_profile_phone_number (customer), ==,
                   "+33 1 23 45 67 89");
  g_assert_cmpstr (attest_mca_customer_get_profile_company_name (customer), ==, "Société n°1");
  g_assert_cmpstr (attest_mca_customer_get_profile_country (customer), ==, "FR");
  g_assert_cmpstr (attest_mca_customer_get_profile_culture (customer), ==, "fr-FR");
  g_assert_cmpstr (attest_mca_customer_get_profile_language (customer), ==, "fr");
  /* The profile's company is its own: the customer's stays as listed. */
  g_assert_cmpstr (attest_mca_customer_get_company_name (customer), ==, "Contoso");
  g_assert_cmpint (attest_mca_customer_get_state (customer), ==,
                   ATTEST_MCA_STATE_NEEDS_ACCEPTANCE);
  g_clear_pointer (&customer, attest_mca_customer_unref);

  /* A state and a request change nothing of it. */
  g_assert_true (attest_mca_ledger_record_state (ledger, id, ATTEST_MCA_STATE_NEEDS_ACCEPTANCE,
                                                 NULL, NULL, later, &error));
  record_intent (ledger, 2, ATTEST_MCA_INTENT_ATTESTATION, NULL, request);
  record_answer (ledger, 2, ATTEST_MCA_ANSWER_ATTESTATION,
                 attest_partner_request_get_request_id (request), NULL);
  customer = attest_mca_ledger_lookup (ledger, id);
  assert_time (attest_mca_customer_get_profile_seen_at (customer), "2026-01-07T10:30:15Z");
  g_assert_cmpstr (attest_mca_customer_get_profile_first_name (customer), ==, "Zoë");
  g_assert_cmpint (attest_mca_customer_get_state (customer), ==, ATTEST_MCA_STATE_REQUESTED);
  g_clear_pointer (&customer, attest_mca_customer_unref);

  /* A profile read later replaces it whole: what it lacks is no longer
   * known. A customer never seen before gets one too. */
  g_assert_true (attest_mca_ledger_record_profile (ledger, id, gaps, later, &error));
  g_assert_true (attest_mca_ledger_record_profile (ledger, other_id, full, NULL, &error));
  g_assert_no_error (error);
  customer = attest_mca_ledger_lookup (ledger, id);
  assert_time (attest_mca_customer_get_profile_seen_at (customer), "2026-01-08T10:30:15Z");
  g_assert_null (attest_mca_customer_get_profile_first_name (customer));
  g_assert_null (attest_mca_customer_get_profile_email (customer));
  g_assert_null (attest_mca_customer_get_profile_culture (customer));
  g_assert_cmpstr (attest_mca_customer_get_profile_country (customer), ==, "fr");
  g_assert_cmpstr (attest_mca_customer_get_profile_language (customer), ==, "fr");
  other = attest_mca_ledger_lookup (ledger, other_id);
  g_assert_nonnull (attest_mca_customer_get_profile_seen_at (other));
  g_assert_cmpint (attest_mca_customer_get_state (other), ==, ATTEST_MCA_STATE_UNCHECKED);

  before = describe_ledger (ledger);
  g_assert_nonnull (strstr (before, "|profile 2026-01-08T10:30:15Z|(null)|Çelik \"Jr.\"|"));
  g_clear_object (&ledger);
  ledger = open_ledger (fixture->directory);
  after = describe_ledger (ledger);
  g_assert_cmpstr (after, ==, before);

  g_assert_true (attest_mca_ledger_compact (ledger, &error));
  g_assert_no_error (error);
  g_clear_object (&ledger);
  ledger = open_ledger (fixture->directory);
  compacted = describe_ledger (ledger);
  g_assert_cmpstr (compacted, ==, before);
}

/* A ledger written before profiles were kept (version 1) opens with all it
 * knew, and is rewritten as this version before anything is added, so
 * that the Attest that wrote it says it is another version's rather than
 * damaged. */
static void
test_version_1_still_loads (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char version_1[] =
    "{\"type\":\"ledger\",\"version\":1,\"tenantId\":\"6f1e8c2a-0000-4000-8000-00000000beef\","
    "\"createdAt\":\"2026-01-05T08:00:00Z\"}\n"
    "{\"type\":\"run\",\"runId\":\"r1\",\"kind\":\"request\",\"outputPath\":\"links.csv\","
    "\"startedAt\":\"2026-01-05T09:00:00Z\"}\n"
    "{\"type\":\"state\",\"customerId\":\"00000001-1111-4222-8333-000000000007\","
    "\"state\":\"attested\",\"seenAt\":\"2026-01-05T09:00:01Z\",\"companyName\":\"Contoso\"}\n"
    "{\"type\":\"intent\",\"customerId\":\"00000002-1111-4222-8333-00000000000e\","
    "\"companyName\":\"Fabrikam\",\"firstName\":\"Ada\",\"lastName\":\"Lovelace\","
    "\"email\":\"ada@fabrikam.com\",\"kind\":\"attestation\",\"runId\":\"r1\","
    "\"recordedAt\":\"2026-01-05T09:00:02Z\",\"credential\":\"app\",\"method\":\"POST\","
    "\"path\":\"/v1/attestations/enhanced\",\"requestId\":\"a1\",\"correlationId\":\"c1\","
    "\"body\":\"{}\"}\n"
    "{\"type\":\"answer\",\"customerId\":\"00000002-1111-4222-8333-00000000000e\","
    "\"requestId\":\"a1\",\"outcome\":\"attestation\",\"answeredAt\":\"2026-01-05T09:00:03Z\","
    "\"attestationId\":\"att-2\",\"link\":\"https://example.com/?attestationid=att-2\"}\n"
    "{\"type\":\"customer\",\"customerId\":\"00000003-1111-4222-8333-000000000015\","
    "\"state\":\"needs-acceptance\",\"seenAt\":\"2026-01-05T09:00:04Z\"}\n"
    "{\"type\":\"run-end\",\"runId\":\"r1\",\"endedAt\":\"2026-01-05T09:00:05Z\"}\n";
  g_autoptr(AttestMcaLedger) ledger = NULL;
  g_autoptr(AttestMcaCustomer) requested = NULL;
  g_autoptr(AttestMcaRun) run = NULL;
  g_autoptr(AttestBillingProfile) profile = sample_profile ("Ada", NULL, "GB", "en-GB");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->directory, "ledger.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (g_mkdir_with_parents (fixture->directory, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, version_1, -1, NULL));

  ledger = open_ledger (fixture->directory);
  g_assert_cmpuint (attest_mca_ledger_get_n_customers (ledger), ==, 3);
  requested = attest_mca_ledger_lookup (ledger, "00000002-1111-4222-8333-00000000000e");
  g_assert_cmpint (attest_mca_customer_get_state (requested), ==, ATTEST_MCA_STATE_REQUESTED);
  g_assert_cmpstr (attest_mca_customer_get_attestation_id (requested), ==, "att-2");
  g_assert_cmpstr (attest_mca_customer_get_first_name (requested), ==, "Ada");
  g_assert_null (attest_mca_customer_get_profile_seen_at (requested));
  run = attest_mca_ledger_lookup_run (ledger, "r1");
  g_assert_nonnull (attest_mca_run_get_ended_at (run));

  /* Rewritten under this version's first line, the same. */
  contents = attest_test_read_file (path);
  g_assert_true (g_str_has_prefix (contents, "{\"type\":\"ledger\",\"version\":2,"));
  g_assert_cmpuint (count_lines (path), ==, 1 + 1 + 3);

  g_assert_true (attest_mca_ledger_record_profile (ledger,
                                                   "00000002-1111-4222-8333-00000000000e",
                                                   profile, NULL, &error));
  g_assert_no_error (error);
  before = describe_ledger (ledger);
  g_clear_object (&ledger);
  ledger = open_ledger (fixture->directory);
  after = describe_ledger (ledger);
  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (strstr (after, "|profile "));
}

/* A profile without the time it was read is damage, as any such line. */
static void
test_damaged_profile (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger (fixture->directory);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (attest_mca_ledger_get_path (ledger));
  g_autofree char *id = customer_id (4);
  g_autofree char *line = NULL;

  g_clear_object (&ledger);
  line = g_strdup_printf ("{\"type\":\"profile\",\"customerId\":\"%s\",\"firstName\":\"Zoë\"}\n",
                          id);
  append_to_file (path, line);
  g_assert_null (attest_mca_ledger_open (fixture->directory, TENANT, &error));
  g_assert_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "Line 2 "));
  g_assert_nonnull (strstr (error->message, "(seenAt)"));
}

/* Whatever a damaged file holds, opening it gives the ledger or an error,
 * never a crash or a critical (which the tests make fatal). */
static void
test_damaged_anywhere (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char bytes[] = "{}[]\":,0a-\\\n nt";
  g_autoptr(AttestMcaLedger) ledger = open_ledger (fixture->directory);
  g_autoptr(GRand) rand = g_rand_new_with_seed (41);
  g_autofree char *path = g_strdup (attest_mca_ledger_get_path (ledger));
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint n_opened = 0;

  fill_ledger (ledger, 30);
  g_clear_object (&ledger);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  for (guint round = 0; round < 300; round++)
    {
      g_autofree char *damaged = g_memdup2 (contents, length);
      g_autoptr(GError) error = NULL;

      for (guint k = 0; k < 1 + round % 3; k++)
        damaged[g_rand_int_range (rand, 0, length)] =
          bytes[g_rand_int_range (rand, 0, sizeof bytes - 1)];
      g_assert_true (g_file_set_contents (path, damaged, length, NULL));

      ledger = attest_mca_ledger_open (fixture->directory, TENANT, &error);
      if (ledger != NULL)
        n_opened++;
      else
        g_assert_true (g_error_matches (error, ATTEST_MCA_LEDGER_ERROR,
                                        ATTEST_MCA_LEDGER_ERROR_CORRUPT)
                       || g_error_matches (error, ATTEST_MCA_LEDGER_ERROR,
                                           ATTEST_MCA_LEDGER_ERROR_UNSUPPORTED_VERSION));
      g_clear_object (&ledger);
    }
  g_test_message ("%u of 300 damaged ledgers still opened", n_opened);
  g_assert_cmpuint (n_opened, <, 300);
}

/* Records changes of every kind for @n customers, in several states. */
static void
fill_ledger (AttestMcaLedger *ledger,
             guint            n)
{
  g_autoptr(GDateTime) seen = sample_time (10);
  g_autoptr(GPtrArray) members = sample_members (n);
  g_autoptr(AttestMcaRun) run = attest_mca_ledger_begin_request_run (ledger, "links.csv",
                                                                     members, seen, NULL);
  const char *run_id = attest_mca_run_get_id (run);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = customer_id (i);
      g_autofree char *company = g_strdup_printf ("Company %u", i);
      g_autoptr(AttestPartnerRequest) request = sample_request (i);

      g_assert_true (attest_mca_ledger_record_state (ledger, id, ATTEST_MCA_STATE_UNCHECKED,
                                                     company, "Not read yet", seen, NULL));
      g_assert_true (attest_mca_ledger_record_state (ledger, id, i % 7, NULL, NULL, seen, NULL));
      if (i % 7 != ATTEST_MCA_STATE_NEEDS_ACCEPTANCE)
        continue;

      if (i % 2 == 0)
        {
          g_autoptr(AttestBillingProfile) profile = sample_profile (i % 4 == 0 ? "Zoë" : NULL,
                                                                    "zoe@contoso.fr", "FR",
                                                                    i % 4 == 0 ? "fr-FR" : NULL);

          g_assert_true (attest_mca_ledger_record_profile (ledger, id, profile, seen, NULL));
        }

      record_intent (ledger, i, ATTEST_MCA_INTENT_ATTESTATION, run_id, request);
      if (i % 3 == 0)
        record_answer (ledger, i, ATTEST_MCA_ANSWER_ATTESTATION,
                       attest_partner_request_get_request_id (request), NULL);
      else if (i % 3 == 1)
        record_answer (ledger, i, ATTEST_MCA_ANSWER_REFUSED,
                       attest_partner_request_get_request_id (request), "Refused, \"why\"\n");
    }
  g_assert_true (attest_mca_ledger_end_run (ledger, run_id, seen, NULL));
}

static void
test_compaction_keeps_everything (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger (fixture->directory);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (attest_mca_ledger_get_path (ledger));
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *reopened = NULL;
  g_autofree char *temp = g_strconcat (path, ".tmp", NULL);
  GStatBuf info;
  guint n_lines;

  fill_ledger (ledger, 400);
  before = describe_ledger (ledger);
  n_lines = count_lines (path);
  g_assert_cmpuint (n_lines, >, 800);

  g_assert_true (attest_mca_ledger_compact (ledger, &error));
  g_assert_no_error (error);
  /* The ledger's line, one per run, one per customer. */
  g_assert_cmpuint (count_lines (path), ==, 1 + 1 + 400);
  g_assert_false (g_file_test (temp, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  after = describe_ledger (ledger);
  g_assert_cmpstr (after, ==, before);

  /* It goes on after the rewrite, and reads back the same. */
  fill_ledger (ledger, 10);
  g_free (before);
  before = describe_ledger (ledger);
  g_clear_object (&ledger);
  ledger = open_ledger (fixture->directory);
  reopened = describe_ledger (ledger);
  g_assert_cmpstr (reopened, ==, before);
}

/* Growing to twice what it needs, the file is rewritten by itself. */
static void
test_compacts_when_it_grows (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger (fixture->directory);
  g_autoptr(GDateTime) seen = sample_time (11);
  g_autofree char *path = g_strdup (attest_mca_ledger_get_path (ledger));
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint written = 1;

  for (guint round = 0; round < 6; round++)
    {
      for (guint i = 0; i < 500; i++, written++)
        {
          g_autofree char *id = customer_id (i);

          g_assert_true (attest_mca_ledger_record_state (ledger, id, (i + round) % 7, NULL, NULL,
                                                         seen, NULL));
        }
    }
  g_assert_cmpuint (attest_mca_ledger_get_n_customers (ledger), ==, 500);
  g_assert_cmpuint (count_lines (path), <, written);
  g_assert_cmpuint (count_lines (path), <=, 1024);

  before = describe_ledger (ledger);
  g_clear_object (&ledger);
  ledger = open_ledger (fixture->directory);
  after = describe_ledger (ledger);
  g_assert_cmpstr (after, ==, before);
}

static void
test_ten_thousand_customers (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(AttestMcaLedger) ledger = open_ledger (fixture->directory);
  g_autoptr(GPtrArray) unanswered = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 started;
  double seconds;

  fill_ledger (ledger, 10000);
  before = describe_ledger (ledger);
  g_clear_object (&ledger);

  started = g_get_monotonic_time ();
  ledger = open_ledger (fixture->directory);
  seconds = (g_get_monotonic_time () - started) / 1e6;
  g_test_message ("Opened a ledger of 10,000 customers in %.3f s", seconds);
  g_assert_cmpuint (attest_mca_ledger_get_n_customers (ledger), ==, 10000);
  after = describe_ledger (ledger);
  g_assert_cmpstr (after, ==, before);
  unanswered = attest_mca_ledger_list_unanswered (ledger, NULL);
  g_assert_cmpuint (unanswered->len, ==, 476);
  /* Generous, against a machine busy with other work: a ledger read line
   * by line with json-glib takes some tens of milliseconds here. */
  g_assert_cmpfloat (seconds, <, 2.0 * attest_test_time_scale ());
}

static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AttestMcaLedger **slot = user_data;
  g_autoptr(GError) error = NULL;

  *slot = attest_mca_ledger_open_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer user_data)
{
  return *(gpointer *) user_data != NULL;
}

static void
test_open_async (Fixture       *fixture,
                 gconstpointer  data)
{
  AttestMcaLedger *ledger = open_ledger (fixture->directory);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  fill_ledger (ledger, 50);
  before = describe_ledger (ledger);
  g_clear_object (&ledger);

  attest_mca_ledger_open_async (fixture->directory, TENANT, NULL, on_opened, &ledger);
  g_assert_true (attest_test_wait_until (is_set, &ledger, 20000));
  after = describe_ledger (ledger);
  g_assert_cmpstr (after, ==, before);
  g_object_unref (ledger);
}

/* The helper: journals requests for customers 0, 1, 2, … eight at a time
 * until it is killed, answering every third, and says on stdout what is
 * recorded ("intent N" once synced, "answer N" once written). */
typedef struct
{
  AttestMcaLedger *ledger;
  guint            next;
} Writer;

typedef struct
{
  Writer *writer;
  guint   customer;
} Written;

static void write_next_intent (Writer *writer);

static void
on_writer_intent (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autofree Written *written = user_data;
  Writer *writer = written->writer;
  guint i = written->customer;
  g_autoptr(GError) error = NULL;

  g_assert_true (attest_mca_ledger_record_intent_finish (writer->ledger, result, &error));
  g_print ("intent %u\n", i);
  if (i % 3 == 0)
    {
      g_autoptr(AttestPartnerRequest) request = sample_request (i);

      record_answer (writer->ledger, i, ATTEST_MCA_ANSWER_ATTESTATION,
                     attest_partner_request_get_request_id (request), NULL);
      g_print ("answer %u\n", i);
    }
  write_next_intent (writer);
}

static void
write_next_intent (Writer *writer)
{
  Written *written = g_new0 (Written, 1);
  g_autofree char *id = NULL;
  g_autoptr(AttestPartnerRequest) request = NULL;

  written->writer = writer;
  written->customer = writer->next++;
  id = customer_id (written->customer);
  request = sample_request (written->customer);
  attest_mca_ledger_record_intent_async (writer->ledger, ATTEST_MCA_INTENT_ATTESTATION, "run",
                                         &(AttestPartnerContact) { id, "Zoë", "Çelik",
                                                                   "zoe@contoso.fr", "" },
                                         NULL, request, NULL, on_writer_intent, written);
}

static int
run_writer (const char *directory)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Writer writer = { open_ledger (directory), 0 };

  /* Each line goes out when it is printed. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  for (guint k = 0; k < 8; k++)
    write_next_intent (&writer);
  g_main_loop_run (loop);

  return 1;
}

static void
test_killed_writer (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (29);
  guint seen_intents = 0;

  g_assert_nonnull (self);

  for (guint round = 0; round < 5; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) process =
        g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self, WRITER_OPTION,
                          fixture->directory, NULL);
      g_autoptr(GDataInputStream) out = NULL;
      g_autoptr(GHashTable) intents = g_hash_table_new (NULL, NULL);
      g_autoptr(GHashTable) answers = g_hash_table_new (NULL, NULL);
      g_autoptr(AttestMcaLedger) ledger = NULL;
      guint kill_after = g_rand_int_range (rand, 1, 200);
      gboolean killed = FALSE;
      GHashTableIter iter;
      gpointer key;
      guint n_customers;
      char *line;

      g_assert_no_error (error);
      out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));

      /* Every line was printed after what it tells was recorded; the
       * lines still in the pipe after the kill too. */
      while ((line = g_data_input_stream_read_line (out, NULL, NULL, &error)) != NULL)
        {
          guint64 i = 0;

          /* What the test framework prints of the helper's log. */
          if (g_str_has_prefix (line, "#"))
            {
              g_free (line);
              continue;
            }
          g_assert_true (g_str_has_prefix (line, "intent ") || g_str_has_prefix (line, "answer "));
          g_assert_true (g_ascii_string_to_unsigned (line + 7, 10, 0, G_MAXUINT, &i, NULL));
          g_hash_table_add (line[0] == 'i' ? intents : answers, GUINT_TO_POINTER (i));
          g_free (line);

          if (!killed && g_hash_table_size (intents) >= kill_after)
            {
              g_subprocess_send_signal (process, SIGKILL);
              killed = TRUE;
            }
        }
      g_assert_no_error (error);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (process));
      g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);

      ledger = open_ledger (fixture->directory);
      for (n_customers = 0; ; n_customers++)
        {
          g_autofree char *id = customer_id (n_customers);
          g_autoptr(AttestMcaCustomer) customer = attest_mca_ledger_lookup (ledger, id);
          g_autoptr(AttestPartnerRequest) request = sample_request (n_customers);
          gpointer number = GUINT_TO_POINTER (n_customers);
          AttestMcaIntent *pending;

          if (customer == NULL)
            break;

          pending = attest_mca_customer_get_pending (customer);
          if (g_hash_table_contains (answers, number))
            {
              g_assert_cmpint (attest_mca_customer_get_state (customer), ==,
                               ATTEST_MCA_STATE_REQUESTED);
              g_assert_cmpstr (attest_mca_customer_get_request_id (customer), ==,
                               attest_partner_request_get_request_id (request));
              g_assert_null (pending);
            }
          else if (pending != NULL)
            assert_same_request (attest_mca_intent_get_request (pending), request);
          else
            /* Answered, but killed before it said so. */
            g_assert_cmpint (n_customers % 3, ==, 0);
        }

      /* Nothing told is missing: customers are journaled in order. */
      g_hash_table_iter_init (&iter, intents);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_assert_cmpuint (GPOINTER_TO_UINT (key), <, n_customers);
      g_assert_cmpuint (n_customers, >=, kill_after);
      g_test_message ("Killed after %u requests were told synced; %u customers in the ledger",
                      g_hash_table_size (intents), n_customers);
      seen_intents += g_hash_table_size (intents);

      /* The next round goes on in the same ledger, with the customers
       * the helper journals again as the same requests. */
    }

  g_assert_cmpuint (seen_intents, >=, 5);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  if (argc == 3 && g_str_equal (argv[1], WRITER_OPTION))
    return run_writer (argv[2]);

#define ADD(path, test) \
  g_test_add ("/mca-ledger/" path, Fixture, NULL, fixture_setup, test, fixture_teardown)

  ADD ("new-and-reopen", test_new_and_reopen);
  g_test_add_func ("/mca-ledger/default-directory", test_default_directory);
  ADD ("refuses-other-tenants", test_refuses_other_tenants);
  ADD ("one-at-a-time", test_one_at_a_time);
  ADD ("request-read-back-whole", test_request_read_back_whole);
  ADD ("intents-async", test_intents_async);
  ADD ("answers", test_answers);
  ADD ("runs", test_runs);
  ADD ("discard-run", test_discard_run);
  ADD ("run-members", test_run_members);
  ADD ("answer-run", test_answer_run);
  ADD ("previous-version", test_previous_version);
  ADD ("torn-last-line", test_torn_last_line);
  ADD ("damaged-line", test_damaged_line);
  ADD ("damaged-anywhere", test_damaged_anywhere);
  ADD ("profiles", test_profiles);
  ADD ("version-1-still-loads", test_version_1_still_loads);
  ADD ("damaged-profile", test_damaged_profile);
  ADD ("compaction-keeps-everything", test_compaction_keeps_everything);
  ADD ("compacts-when-it-grows", test_compacts_when_it_grows);
  ADD ("ten-thousand-customers", test_ten_thousand_customers);
  ADD ("open-async", test_open_async);
  ADD ("killed-writer", test_killed_writer);

#undef ADD

  return g_test_run ();
}
