/* test-cli-check.c: `attest check` as a separate process: the report, the
 * JSON lines and the exit codes (e2e suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "attest-test-utils.h"

#define ID1 "0b1f3c6e-2a4d-4c8e-9f10-3d2e1a0b9c01"
#define ID2 "5d6e7f80-91a2-4b3c-8d4e-5f6a7b8c9d02"
#define LINK(id) "https://partner.microsoft.com/dashboard/v2/customers/" id "/account"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Check;

static void
check_clear (Check *check)
{
  g_clear_pointer (&check->out, g_free);
  g_clear_pointer (&check->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Check, check_clear)

/* Runs `attest check` with @args, a file name under tests/data/csv first
 * when @file is not NULL. */
static void
run_check (Check       *check,
           const char  *file,
           const char  *option)
{
  g_autofree char *path = file ? g_test_build_filename (G_TEST_DIST, "data", "csv", file, NULL)
                               : NULL;
  const char *argv[5] = { g_getenv ("ATTEST_BINARY"), "check", NULL, NULL, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  guint n = 2;

  g_assert_nonnull (argv[0]);
  if (path != NULL)
    argv[n++] = path;
  if (option != NULL)
    argv[n++] = option;

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &check->out, &check->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  check->status = WEXITSTATUS (wait_status);
}

static void
test_check_clean_file (void)
{
  g_auto(Check) check = { 0, };

  run_check (&check, "microsoft.csv", NULL);
  g_assert_cmpint (check.status, ==, 0);
  g_assert_cmpstr (check.out, ==,
                   "Records: 3\n"
                   "Marked as attested: 0\n"
                   "Ready to send: 0\n"
                   "With problems: 0\n"
                   "No problems found.\n");
  g_assert_cmpstr (check.err, ==, "");
}

static void
test_check_report (void)
{
  g_auto(Check) check = { 0, };

  run_check (&check, "ragged.csv", NULL);
  g_assert_cmpint (check.status, ==, 1);
  g_assert_cmpstr (check.out, ==,
                   "Records: 3\n"
                   "Marked as attested: 2\n"
                   "Ready to send: 1\n"
                   "With problems: 2\n"
                   "\n"
                   "Line 2: This row has fewer fields than the header; the missing ones are read "
                   "as empty.\n"
                   "Line 3: This row has more fields than the header; check for an unquoted "
                   "delimiter.\n");
}

static void
test_check_report_file_problems (void)
{
  g_auto(Check) check = { 0, };

  run_check (&check, "missing-columns.csv", NULL);
  g_assert_cmpint (check.status, ==, 1);
  g_assert_true (g_str_has_suffix (check.out,
                                   "\nFile: The required column “PartnerAttestationCompleted” is "
                                   "missing from the header line. Add it; the rows are read "
                                   "without it.\n"));
}

static void
test_check_json (void)
{
  g_auto(Check) check = { 0, };
  g_auto(GStrv) lines = NULL;

  run_check (&check, "microsoft.csv", "--json");
  g_assert_cmpint (check.status, ==, 0);
  lines = g_strsplit (check.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==,
                   "{\"row\":2,\"customerTenantId\":\"" ID1 "\",\"firstName\":\"Jane\","
                   "\"lastName\":\"Doe\",\"email\":\"jane@contoso.com\","
                   "\"phoneNumber\":\"4255550100\",\"lastAgreementDate\":\"2023-02-14 00:00:00\","
                   "\"partnerAttestationCompleted\":false,\"actionable\":false,"
                   "\"extra\":{\"CustomerAccountLink\":\"" LINK (ID1) "\"},\"problems\":[]}");
  g_assert_cmpstr (lines[3], ==, "");
}

static JsonObject *
parse_line (const char *line)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = json_from_string (line, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return json_object_ref (json_node_get_object (node));
}

/* Exact decoded values: U+FFFD for invalid bytes, quotes undone, line
 * breaks kept, the row where a record starts. */
static void
test_check_json_decoded (void)
{
  g_auto(Check) invalid = { 0, };
  g_auto(Check) quoted = { 0, };
  g_auto(Check) missing = { 0, };
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) file = NULL;
  g_autoptr(JsonObject) row = NULL;
  JsonObject *problem;
  JsonObject *extra;

  run_check (&invalid, "invalid-utf8.csv", "--json");
  g_assert_cmpint (invalid.status, ==, 1);
  lines = g_strsplit (invalid.out, "\n", -1);
  first = parse_line (lines[0]);
  g_assert_cmpint (json_object_get_int_member (first, "row"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (first, "firstName"), ==, "Ren\xef\xbf\xbd");
  g_assert_false (json_object_get_boolean_member (first, "actionable"));
  g_assert_true (json_object_get_boolean_member (first, "partnerAttestationCompleted"));
  problem = json_array_get_object_element (json_object_get_array_member (first, "problems"), 0);
  g_assert_cmpstr (json_object_get_string_member (problem, "field"), ==, "FirstName");
  g_clear_pointer (&lines, g_strfreev);

  run_check (&quoted, "quoted.csv", "--json");
  lines = g_strsplit (quoted.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  second = parse_line (lines[1]);
  g_assert_cmpint (json_object_get_int_member (second, "row"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (second, "lastName"), ==, "Line\nTwo");
  g_clear_pointer (&lines, g_strfreev);
  g_clear_pointer (&second, json_object_unref);

  run_check (&missing, "missing-columns.csv", "--json");
  lines = g_strsplit (missing.out, "\n", -1);
  file = parse_line (lines[0]);
  problem = json_array_get_object_element (json_object_get_array_member (file, "file_problems"), 0);
  g_assert_cmpstr (json_object_get_string_member (problem, "field"), ==,
                   "PartnerAttestationCompleted");
  row = parse_line (lines[1]);
  g_assert_true (json_object_get_null_member (row, "partnerAttestationCompleted"));
  g_assert_true (json_object_get_null_member (row, "phoneNumber"));
  extra = json_object_get_object_member (row, "extra");
  g_assert_cmpuint (json_object_get_size (extra), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (extra, "Notes"), ==, "call back");
  g_assert_cmpstr (json_object_get_string_member (extra, "Region"), ==, "EMEA");
}

static void
test_check_usage_errors (void)
{
  g_auto(Check) missing = { 0, };
  g_auto(Check) none = { 0, };
  g_auto(Check) folder = { 0, };
  g_auto(Check) empty = { 0, };

  run_check (&missing, "no-such-file.csv", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_cmpstr (missing.out, ==, "");
  g_assert_nonnull (strstr (missing.err, "no-such-file.csv"));

  run_check (&none, NULL, NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_nonnull (strstr (none.err, "Give exactly one file"));

  run_check (&folder, ".", NULL);
  g_assert_cmpint (folder.status, ==, 2);

  /* An empty file can be read: it is a problem, not a usage error. */
  run_check (&empty, "empty.csv", "--json");
  g_assert_cmpint (empty.status, ==, 1);
  g_assert_true (g_str_has_prefix (empty.out, "{\"file_problems\":[{\"field\":null,\"message\":"
                                   "\"The file is empty"));
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/cli/check/clean-file", test_check_clean_file);
  g_test_add_func ("/cli/check/report", test_check_report);
  g_test_add_func ("/cli/check/report-file-problems", test_check_report_file_problems);
  g_test_add_func ("/cli/check/json", test_check_json);
  g_test_add_func ("/cli/check/json-decoded", test_check_json_decoded);
  g_test_add_func ("/cli/check/usage-errors", test_check_usage_errors);

  return g_test_run ();
}
