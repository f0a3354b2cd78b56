/* test-session-without-keyring.c: signing in when no keyring can be
 * reached (unit suite)
 *
 * libsecret's file backend without its password fails every call, as a
 * desktop without a Secret Service does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-auth-error.h"
#include "attest-test-sign-in.h"
#include "attest-test-utils.h"
#include "attest-token-provider.h"

typedef struct
{
  guint  count;
  char  *message;
} Reports;

static void
on_keyring_unavailable (AttestSession *session,
                        const char    *message,
                        gpointer       user_data)
{
  Reports *reports = user_data;

  reports->count++;
  g_free (reports->message);
  reports->message = g_strdup (message);
}

static void
test_without_keyring (void)
{
  g_autoptr(AttestSandbox) sandbox = attest_test_start_sandbox ();
  g_autoptr(AttestConfig) config = attest_test_new_sandbox_config (sandbox);
  g_autoptr(AttestSession) session = attest_session_new (config);
  g_autoptr(AttestSession) next_run = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  Reports reports = { 0 };

  g_signal_connect (session, "keyring-unavailable", G_CALLBACK (on_keyring_unavailable), &reports);

  /* The sign-in holds, and the problem is said plainly. */
  g_assert_true (attest_test_sign_in_with_browser (session, &error));
  g_assert_no_error (error);
  g_assert_true (attest_session_is_signed_in (session));
  g_assert_cmpuint (reports.count, ==, 1);
  g_assert_nonnull (strstr (reports.message, "The keyring could not be reached"));
  g_assert_nonnull (strstr (reports.message, "sign in again"));

  /* It keeps working for the rest of the run, from memory, and says it
   * only once. */
  token = attest_test_get_token (session, ATTEST_TOKEN_FLAGS_FORCE_REFRESH, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_true (attest_test_sign_in_with_browser (session, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (reports.count, ==, 1);

  /* Nothing was kept for the next run. */
  next_run = attest_session_new (config);
  g_assert_false (attest_test_sign_in_silently (next_run, &error));
  g_assert_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_NOT_SIGNED_IN);

  g_free (reports.message);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_SIGN_IN);
  /* Before libsecret's first use: its file backend then cannot open. */
  g_unsetenv ("SECRET_FILE_TEST_PASSWORD");

  g_test_add_func ("/session/without-keyring", test_without_keyring);

  return g_test_run ();
}
