/* test-cli-sandbox.c: `attest sandbox` and `--classic` as processes: the
 * current flow by default, the web app it prints, the classic service on
 * request (e2e suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-sandbox.h"
#include "attest-test-cli.h"
#include "attest-test-http.h"
#include "attest-test-utils.h"

#define SEED "9"

/* What `attest sandbox` printed on stderr, up to its last line. */
static char *
read_banner (GSubprocess *process)
{
  GInputStream *pipe = g_subprocess_get_stderr_pipe (process);
  g_autoptr(GDataInputStream) err = g_data_input_stream_new (pipe);
  GString *banner = g_string_new (NULL);
  char *line;

  /* The sandbox may write on after this, until it ends. */
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (err), FALSE);

  while ((line = attest_test_cli_read_line (err)) != NULL)
    {
      gboolean last = g_str_equal (line, "Press Ctrl+C to stop.");

      g_string_append_printf (banner, "%s\n", line);
      g_free (line);
      if (last)
        break;
    }

  return g_string_free (banner, FALSE);
}

/* One agreement, the classic way, for the first customer of the seed. */
static AttestTestResponse *
classic_write (const char    *uri,
               AttestSandbox *same_seed,
               const char    *token)
{
  g_autofree char *target = g_strdup_printf ("%s/v1/customers/%s/agreements", uri,
                                             attest_sandbox_get_customer (same_seed, 0)
                                             ->customer_id);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  g_autofree char *request_id = g_uuid_string_random ();
  g_autofree char *body =
    g_strdup_printf ("{\"templateId\":\"%s\",\"type\":\"MicrosoftCustomerAgreement\","
                     "\"primaryContact\":{\"firstName\":\"Jane\",\"lastName\":\"Doe\","
                     "\"email\":\"jane@contoso.com\"},\"dateAgreed\":\"2025-01-02T00:00:00Z\"}",
                     attest_sandbox_get_template_id (same_seed));
  const char *headers[] = { "Authorization", authorization, "MS-RequestId", request_id, NULL };

  return attest_test_http ("POST", target, "application/json", body, headers);
}

/* By default: the current flow, with the web app's ID and secret printed,
 * which the client credentials grant takes; the classic write refused. */
static void
test_current_by_default (void)
{
  g_autoptr(AttestSandbox) same_seed = attest_sandbox_new (9);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *uri = attest_test_cli_start_sandbox (&process, &out,
                                                        (const char *[]) { "--seed", SEED,
                                                                           "--auto-approve",
                                                                           NULL });
  g_autofree char *banner = read_banner (process);
  g_autofree char *id_line = g_strdup_printf ("AppOnly application ID: %s\n",
                                              attest_sandbox_get_app_client_id (same_seed));
  g_autofree char *secret_line = g_strdup_printf ("AppOnly client secret: %s\n",
                                                  attest_sandbox_get_app_client_secret (same_seed));
  g_autofree char *token_uri = g_strdup_printf ("%s/%s/oauth2/v2.0/token", uri,
                                                attest_sandbox_get_tenant_id (same_seed));
  g_autoptr(AttestTestResponse) app = NULL;
  g_autoptr(AttestTestResponse) refused = NULL;
  g_autofree char *user_token = NULL;

  g_assert_nonnull (strstr (banner, id_line));
  g_assert_nonnull (strstr (banner, secret_line));
  g_assert_nonnull (strstr (banner, "current flow"));

  app = attest_test_http_form (token_uri, "grant_type", "client_credentials",
                               "client_id", attest_sandbox_get_app_client_id (same_seed),
                               "client_secret", attest_sandbox_get_app_client_secret (same_seed),
                               "scope", "https://api.partnercenter.microsoft.com/.default", NULL);
  g_assert_cmpuint (app->status, ==, 200);
  g_assert_nonnull (attest_test_response_get_string (app, "access_token"));

  user_token = attest_test_cli_sign_in_by_device_code (uri);
  refused = classic_write (uri, same_seed, user_token);
  g_assert_cmpuint (refused->status, ==, 400);
  g_assert_nonnull (strstr (attest_test_response_get_string (refused, "description"),
                            "retired on 2026-01-05"));

  attest_test_cli_stop_sandbox (process);
}

/* `attest sandbox --classic` serves the classic service, and says so. */
static void
test_classic_on_request (void)
{
  g_autoptr(AttestSandbox) same_seed = attest_sandbox_new (9);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *uri = attest_test_cli_start_sandbox (&process, &out,
                                                        (const char *[]) { "--classic",
                                                                           "--seed", SEED,
                                                                           "--auto-approve",
                                                                           NULL });
  g_autofree char *banner = read_banner (process);
  g_autofree char *user_token = attest_test_cli_sign_in_by_device_code (uri);
  g_autoptr(AttestTestResponse) taken = classic_write (uri, same_seed, user_token);

  g_assert_nonnull (strstr (banner, "classic attestation"));
  g_assert_nonnull (strstr (banner, attest_sandbox_get_app_client_secret (same_seed)));
  g_assert_cmpuint (taken->status, ==, 201);

  attest_test_cli_stop_sandbox (process);
}

static void
test_without_records_list (void)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *uri = attest_test_cli_start_sandbox (&process, &out,
                                                        (const char *[]) {
                                                          "--without-records-list",
                                                          "--read-latency", "5",
                                                          "--auto-approve", NULL });
  g_autofree char *token = attest_test_cli_sign_in_by_device_code (uri);
  g_autofree char *records = g_strconcat (uri, "/v1/partners/customeragreementrecords", NULL);
  g_autofree char *customers = g_strconcat (uri, "/v1/customers?size=10", NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
  const char *headers[] = { "Authorization", authorization, NULL };
  g_autoptr(AttestTestResponse) gone = attest_test_http ("GET", records, NULL, NULL, headers);
  g_autoptr(AttestTestResponse) listed = attest_test_http ("GET", customers, NULL, NULL, headers);

  g_assert_cmpuint (gone->status, ==, 404);
  g_assert_cmpuint (listed->status, ==, 200);

  attest_test_cli_stop_sandbox (process);
}

/* --classic with --sandbox, in the process; alone it means nothing, and
 * says so. */
static void
test_classic_needs_sandbox (void)
{
  g_autofree char *folder = g_build_filename (attest_test_get_root (), "classic", NULL);
  g_autofree char *path = g_build_filename (folder, "c.csv", NULL);
  g_autoptr(GSubprocess) alone = NULL;
  g_autoptr(GSubprocess) with_sandbox = NULL;
  g_autoptr(GSubprocess) bad_latency = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  alone = attest_test_cli_spawn ((const char *[]) { "--classic", "fetch", "-o", path, NULL },
                                 folder, NULL);
  g_assert_cmpint (attest_test_cli_finish (alone, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--classic"));
  g_assert_nonnull (strstr (err, "--sandbox"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  with_sandbox = attest_test_cli_spawn ((const char *[]) { "fetch", "--sandbox", "--classic",
                                                           "-o", path, NULL }, folder, NULL);
  g_assert_cmpint (attest_test_cli_finish (with_sandbox, &out, &err), ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  bad_latency = attest_test_cli_spawn ((const char *[]) { "sandbox", "--read-latency", "-1",
                                                          NULL }, NULL, NULL);
  g_assert_cmpint (attest_test_cli_finish (bad_latency, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--read-latency"));
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/cli-sandbox/current-by-default", test_current_by_default);
  g_test_add_func ("/cli-sandbox/classic-on-request", test_classic_on_request);
  g_test_add_func ("/cli-sandbox/without-records-list", test_without_records_list);
  g_test_add_func ("/cli-sandbox/classic-needs-sandbox", test_classic_needs_sandbox);

  return g_test_run ();
}
