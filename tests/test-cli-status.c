/* test-cli-status.c: `attest status` as a process, against `attest
 * sandbox` as a process and against --sandbox: the counts on stdout, the
 * CSV of -o, a file of customers, a second run, the customers listed when
 * the records list is gone, usage errors and an interruption (e2e suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "attest-csv-rows.h"
#include "attest-mca-state.h"
#include "attest-sandbox.h"
#include "attest-test-cli.h"
#include "attest-test-utils.h"

#define SEED      "17"
#define CUSTOMERS 40

typedef struct
{
  GSubprocess      *sandbox;
  GDataInputStream *sandbox_out;
  char             *uri;
  char             *token;
  char             *folder;
  AttestSandbox    *twin;    /* the same customers in this process: their seeds */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char * const *extra = data;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  static guint counter;
  g_autofree char *name = g_strdup_printf ("case-%u", ++counter);

  fixture->folder = g_build_filename (attest_test_get_root (), name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->folder, 0700), ==, 0);

  g_ptr_array_add (args, "--auto-approve");
  g_ptr_array_add (args, "--seed");
  g_ptr_array_add (args, SEED);
  g_ptr_array_add (args, "--customers");
  g_ptr_array_add (args, G_STRINGIFY (CUSTOMERS));
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) extra[i]);
  g_ptr_array_add (args, NULL);

  fixture->uri = attest_test_cli_start_sandbox (&fixture->sandbox, &fixture->sandbox_out,
                                                (const char * const *) args->pdata);
  fixture->token = attest_test_cli_sign_in_by_device_code (fixture->uri);
  fixture->twin = attest_sandbox_new (atoi (SEED));
  attest_sandbox_set_customer_count (fixture->twin, CUSTOMERS);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *mca = g_build_filename (g_get_user_state_dir (), "attest", "mca", NULL);

  attest_test_cli_stop_sandbox (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
  g_clear_object (&fixture->sandbox_out);
  g_clear_object (&fixture->twin);
  g_free (fixture->uri);
  g_free (fixture->token);
  g_free (fixture->folder);

  /* Each case starts knowing nothing of the customers. */
  attest_test_remove_tree (mca);
}

static int
run_attest (Fixture            *fixture,
            const char * const *args,
            char              **out,
            char              **err)
{
  return attest_test_cli_run_at (fixture->uri, args, fixture->folder, fixture->token, out, err);
}

static AttestMcaState
seeded_state (AttestSandbox *sandbox,
              const char    *customer_id)
{
  switch (attest_sandbox_get_customer_mca_seed (sandbox, customer_id))
    {
    case ATTEST_SANDBOX_MCA_SEED_ACCEPTED_DIRECTLY:
      return ATTEST_MCA_STATE_ACCEPTED_DIRECTLY;
    case ATTEST_SANDBOX_MCA_SEED_ATTESTED:
      return ATTEST_MCA_STATE_ATTESTED;
    case ATTEST_SANDBOX_MCA_SEED_OLDER_ONLY:
    case ATTEST_SANDBOX_MCA_SEED_NONE:
    default:
      return ATTEST_MCA_STATE_NEEDS_ACCEPTANCE;
    }
}

/* What stdout must say: a line per state, in the order of the states,
 * counting the customers @ids (NULL: every customer of @sandbox) by their
 * seeds, and @unchecked more. */
static char *
expected_counts (AttestSandbox      *sandbox,
                 const char * const *ids,
                 guint               unchecked)
{
  guint counts[ATTEST_N_MCA_STATES] = { 0 };
  GString *text = g_string_new (NULL);

  for (guint i = 0; ids != NULL ? ids[i] != NULL : i < attest_sandbox_get_customer_count (sandbox);
       i++)
    counts[seeded_state (sandbox, ids != NULL ? ids[i]
                                              : attest_sandbox_get_customer (sandbox,
                                                                             i)->customer_id)]++;
  counts[ATTEST_MCA_STATE_UNCHECKED] += unchecked;

  for (AttestMcaState state = 0; state < ATTEST_N_MCA_STATES; state++)
    g_string_append_printf (text, "%s: %u\n", attest_mca_state_to_string (state), counts[state]);

  return g_string_free (text, FALSE);
}

/* Without -o, stdout counts the customers of each state, as their seeds
 * say; the summary is on stderr. */
static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = expected_counts (fixture->twin, NULL, 0);

  g_assert_cmpint (run_attest (fixture, (const char *[]) { "status", NULL }, &out, &err), ==,
                   0);
  g_assert_cmpstr (out, ==, expected);
  g_assert_nonnull (strstr (err, "Checked " G_STRINGIFY (CUSTOMERS) " customers in "));
  g_assert_nonnull (strstr (err, "still need to accept the Microsoft Customer Agreement"));
}

/* With -o, a CSV row per customer, and nothing on stdout. */
static void
test_output (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "states.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpint (run_attest (fixture, (const char *[]) { "status", "-o", path, NULL }, &out,
                               &err), ==, 0);
  g_assert_cmpstr (out, ==, "");

  contents = attest_test_read_file (path);
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + CUSTOMERS + 1);
  g_assert_cmpstr (lines[0], ==, "CustomerTenantId,State,CompanyName,CheckedAt,Message");
  for (guint i = 1; i <= CUSTOMERS; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);
      g_autoptr(GDateTime) checked_at = NULL;

      /* The records list names no company. */
      g_assert_cmpuint (g_strv_length (cells), ==, 5);
      g_assert_nonnull (attest_sandbox_lookup_customer (fixture->twin, cells[0]));
      g_assert_true (g_hash_table_add (seen, g_strdup (cells[0])));
      g_assert_cmpstr (cells[1], ==,
                       attest_mca_state_to_string (seeded_state (fixture->twin, cells[0])));
      g_assert_cmpstr (cells[2], ==, "");
      checked_at = g_date_time_new_from_iso8601 (cells[3], NULL);
      g_assert_nonnull (checked_at);
      g_assert_true (g_str_has_suffix (cells[3], "Z"));
      g_assert_cmpstr (cells[4], ==, "");
    }
  g_assert_cmpstr (lines[CUSTOMERS + 1], ==, "");
}

/* The customers of a file, with a row that names no customer and a
 * customer the partner does not have: those could not be checked, and
 * the command says which and exits with 1. */
static void
test_file (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "customers.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  const char *ids[4] = { NULL, };
  const char *ghost = "00000000-0000-4000-8000-0000000000aa";
  GString *file = g_string_new ("CustomerTenantId;CompanyName\n");

  for (guint i = 0; i < 3; i++)
    {
      ids[i] = attest_sandbox_get_customer (fixture->twin, i)->customer_id;
      g_string_append_printf (file, "%s;Company %u\n", ids[i], i);
    }
  g_string_append_printf (file, "%s;Ghost\nnot-an-id;Nobody\n", ghost);
  contents = g_string_free (file, FALSE);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  g_assert_cmpint (run_attest (fixture, (const char *[]) { "status", path, NULL }, &out, &err),
                   ==, 1);
  expected = expected_counts (fixture->twin, ids, 2);
  g_assert_cmpstr (out, ==, expected);
  g_assert_nonnull (strstr (err, ghost));
  g_assert_nonnull (strstr (err, "600008"));
  g_assert_nonnull (strstr (err, "Line 6: “not-an-id” is not a customer tenant ID."));
  g_assert_nonnull (strstr (err, "2 customers could not be checked"));
}

/* A second run tells the same, without asking again about the customers
 * that need nothing more. */
static void
test_second_run (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *err = NULL;
  g_autofree char *again = NULL;
  g_autofree char *settled = NULL;
  guint n_settled = 0;

  for (guint i = 0; i < CUSTOMERS; i++)
    n_settled += seeded_state (fixture->twin,
                               attest_sandbox_get_customer (fixture->twin, i)->customer_id)
                 != ATTEST_MCA_STATE_NEEDS_ACCEPTANCE;

  g_assert_cmpint (run_attest (fixture, (const char *[]) { "status", NULL }, &first, &err), ==,
                   0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_attest (fixture, (const char *[]) { "status", NULL }, &second, &again),
                   ==, 0);
  g_assert_cmpstr (second, ==, first);
  settled = g_strdup_printf ("%u of them were known to need nothing more and were not asked "
                             "about again.", n_settled);
  g_assert_nonnull (strstr (again, settled));
}

/* Without the records list, every customer is listed from /v1/customers,
 * and the company names come with them. */
static void
test_records_list_gone (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->folder, "states.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  const AttestSandboxCustomer *customer = attest_sandbox_get_customer (fixture->twin, 0);
  const char *cells[] = {
    customer->customer_id,
    attest_mca_state_to_string (seeded_state (fixture->twin, customer->customer_id)),
    customer->company_name,
  };
  g_autoptr(GString) row = g_string_new ("\r\n");

  g_assert_cmpint (run_attest (fixture, (const char *[]) { "status", "-o", path, NULL }, &out,
                               &err), ==, 0);
  contents = attest_test_read_file (path);

  /* The row begins with the customer, its state and its company. */
  attest_csv_append_row (row, cells, G_N_ELEMENTS (cells));
  g_string_truncate (row, row->len - 2);
  g_string_append_c (row, ',');
  g_assert_cmpstr (customer->company_name, !=, "");
  g_assert_nonnull (strstr (contents, row->str));
  g_assert_nonnull (strstr (err, "Checked " G_STRINGIFY (CUSTOMERS) " customers in "));
}

/* Usage and file errors exit with 2 before anything is asked, or as soon
 * as the file is read. */
static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *columns = g_build_filename (fixture->folder, "columns.csv", NULL);
  g_autofree char *missing = g_build_filename (fixture->folder, "missing.csv", NULL);
  const char * const *cases[] = {
    (const char *[]) { "status", "--concurrency", "0", NULL },
    (const char *[]) { "status", "--concurrency", "65", NULL },
    (const char *[]) { "status", "a.csv", "b.csv", NULL },
    (const char *[]) { "status", missing, NULL },
    (const char *[]) { "status", columns, NULL },
  };
  const char *messages[] = {
    "The concurrency must be between 1 and 64, not 0.",
    "The concurrency must be between 1 and 64, not 65.",
    "Name at most one CSV file of customers",
    "missing.csv",
    "has no CustomerTenantId column",
  };

  g_assert_true (g_file_set_contents (columns, "FirstName,LastName\r\nAda,Lovelace\r\n", -1,
                                      NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_attest (fixture, cases[i], &out, &err), ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, messages[i]));
    }
}

/* One request at a time works as well, and finds the same. */
static void
test_concurrency_one (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = expected_counts (fixture->twin, NULL, 0);

  g_assert_cmpint (run_attest (fixture, (const char *[]) { "status", "--concurrency", "1", NULL },
                               &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, expected);
}

/* Interrupted (SIGINT) once it has checked some customers, it stops,
 * keeps what it saw, and exits with 4. */
static void
test_interrupted (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) err = NULL;
  g_autoptr(GString) said = g_string_new (NULL);
  g_autofree char *line = NULL;

  process = attest_test_cli_spawn ((const char *[]) { "status", "--api-base", fixture->uri,
                                                      NULL },
                                   fixture->folder, fixture->token);
  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));

  /* The first progress line comes with the first customer checked. */
  while ((line = attest_test_cli_read_line (err)) != NULL && !g_str_has_prefix (line, "Checked "))
    g_clear_pointer (&line, g_free);
  g_assert_nonnull (line);
  g_subprocess_send_signal (process, SIGINT);

  g_clear_pointer (&line, g_free);
  while ((line = attest_test_cli_read_line (err)) != NULL)
    {
      g_string_append_printf (said, "%s\n", line);
      g_clear_pointer (&line, g_free);
    }
  g_assert_true (g_subprocess_wait (process, NULL, NULL));
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 4);
  g_assert_nonnull (strstr (said->str, "Interrupted: the customers checked so far are kept"));
}

/* With --sandbox, the sandbox in the process, signed in as its partner. */
static void
test_in_process_sandbox (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(AttestSandbox) twin = attest_sandbox_new (ATTEST_SANDBOX_DEFAULT_SEED);
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *mca = g_build_filename (g_get_user_state_dir (), "attest", "mca", NULL);

  attest_sandbox_set_customer_count (twin, ATTEST_SANDBOX_DEFAULT_CUSTOMERS);
  expected = expected_counts (twin, NULL, 0);
  process = attest_test_cli_spawn ((const char *[]) { "--sandbox", "status", NULL }, NULL, NULL);
  g_assert_cmpint (attest_test_cli_finish (process, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, expected);
  attest_test_remove_tree (mca);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const without_records_list[] = { "--without-records-list", NULL };
  static const char * const slow[] = { "--read-latency", "100", NULL };

  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

#define ADD(path, data, test) \
  g_test_add ("/cli-status/" path, Fixture, data, fixture_setup, test, fixture_teardown)

  ADD ("counts", NULL, test_counts);
  ADD ("output", NULL, test_output);
  ADD ("file", NULL, test_file);
  ADD ("second-run", NULL, test_second_run);
  ADD ("records-list-gone", without_records_list, test_records_list_gone);
  ADD ("usage", NULL, test_usage);
  ADD ("concurrency-one", NULL, test_concurrency_one);
  ADD ("interrupted", slow, test_interrupted);
  g_test_add_func ("/cli-status/in-process-sandbox", test_in_process_sandbox);

#undef ADD

  return g_test_run ();
}
