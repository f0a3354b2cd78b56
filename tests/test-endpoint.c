/* test-endpoint.c: which addresses Attest talks to (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-endpoint.h"
#include "attest-test-init.h"

static void
test_endpoint_allowed (void)
{
  const char *allowed[] = {
    "https://api.partnercenter.microsoft.com",
    "https://login.microsoftonline.com/",
    "HTTPS://Example.com:8443/base",
    "http://127.0.0.1:34567",
    "http://127.8.9.10/",
    "http://localhost:8080/x",
    "http://LOCALHOST",
    "http://[::1]:9000/",
  };

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (attest_endpoint_check (allowed[i], &error));
      g_assert_no_error (error);
    }
}

static void
test_endpoint_refused (void)
{
  const struct {
    const char *uri;
    int         code;
  } refused[] = {
    { "http://api.partnercenter.microsoft.com", ATTEST_ENDPOINT_ERROR_INSECURE },
    { "http://192.168.1.10:8080", ATTEST_ENDPOINT_ERROR_INSECURE },
    { "http://10.0.0.1", ATTEST_ENDPOINT_ERROR_INSECURE },
    { "http://localhost.example.com", ATTEST_ENDPOINT_ERROR_INSECURE },
    { "http://[::2]/", ATTEST_ENDPOINT_ERROR_INSECURE },
    { "ftp://example.com", ATTEST_ENDPOINT_ERROR_INVALID },
    { "api.partnercenter.microsoft.com", ATTEST_ENDPOINT_ERROR_INVALID },
    { "https://", ATTEST_ENDPOINT_ERROR_INVALID },
    { "", ATTEST_ENDPOINT_ERROR_INVALID },
    { "file:///etc/passwd", ATTEST_ENDPOINT_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (attest_endpoint_check (refused[i].uri, &error));
      g_assert_error (error, ATTEST_ENDPOINT_ERROR, refused[i].code);
      g_assert_nonnull (strstr (error->message, refused[i].uri));
    }
}

static void
test_endpoint_loopback_hosts (void)
{
  g_assert_true (attest_endpoint_is_loopback ("127.0.0.1"));
  g_assert_true (attest_endpoint_is_loopback ("::1"));
  g_assert_true (attest_endpoint_is_loopback ("[::1]"));
  g_assert_true (attest_endpoint_is_loopback ("localhost"));
  g_assert_false (attest_endpoint_is_loopback ("0.0.0.0"));
  g_assert_false (attest_endpoint_is_loopback ("128.0.0.1"));
  g_assert_false (attest_endpoint_is_loopback (""));
  g_assert_false (attest_endpoint_is_loopback (NULL));
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/endpoint/allowed", test_endpoint_allowed);
  g_test_add_func ("/endpoint/refused", test_endpoint_refused);
  g_test_add_func ("/endpoint/loopback-hosts", test_endpoint_loopback_hosts);

  return g_test_run ();
}
