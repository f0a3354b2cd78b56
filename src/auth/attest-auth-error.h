/* attest-auth-error.h: what went wrong while signing in, in words a partner
 * understands, each with its fix
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATTEST_AUTH_ERROR (attest_auth_error_quark ())

typedef enum
{
  ATTEST_AUTH_ERROR_INVALID_SETTINGS,      /* application ID, user or authority unusable */
  ATTEST_AUTH_ERROR_NATIONAL_CLOUD,        /* Partner Center attests only in the public cloud */
  ATTEST_AUTH_ERROR_REDIRECT_URI,          /* AADSTS50011 */
  ATTEST_AUTH_ERROR_PUBLIC_CLIENT_FLOWS,   /* AADSTS7000218 */
  ATTEST_AUTH_ERROR_MFA_REQUIRED,          /* AADSTS50076, no "mfa" in amr, 10001, 900421 */
  ATTEST_AUTH_ERROR_CONSENT,               /* AADSTS65001 */
  ATTEST_AUTH_ERROR_INVALID_GRANT,         /* the refresh token or code is no longer valid */
  ATTEST_AUTH_ERROR_ACCESS_DENIED,         /* the person cancelled in the browser */
  ATTEST_AUTH_ERROR_TIMED_OUT,             /* no redirect came back in time */
  ATTEST_AUTH_ERROR_STATE_MISMATCH,        /* the redirect did not answer our request */
  ATTEST_AUTH_ERROR_AUTHORIZATION_PENDING, /* device code: not approved yet, ask again */
  ATTEST_AUTH_ERROR_SLOW_DOWN,             /* device code: ask less often */
  ATTEST_AUTH_ERROR_DEVICE_CODE_EXPIRED,
  ATTEST_AUTH_ERROR_DEVICE_CODE_DECLINED,
  ATTEST_AUTH_ERROR_NOT_SIGNED_IN,
  ATTEST_AUTH_ERROR_BROWSER,               /* no browser could be started */
  ATTEST_AUTH_ERROR_SERVER,                /* any other refusal, with the server's words */
  ATTEST_AUTH_ERROR_INVALID_RESPONSE,      /* the answer could not be read */
  ATTEST_AUTH_ERROR_CLIENT_SECRET_REFUSED, /* AADSTS7000215: the AppOnly secret is wrong */
  ATTEST_AUTH_ERROR_CLIENT_SECRET_EXPIRED, /* AADSTS7000222 */
  ATTEST_AUTH_ERROR_APP_NOT_FOUND,         /* AADSTS700016: no such app in the tenant */
  ATTEST_AUTH_ERROR_WRONG_TENANT,          /* an AppOnly token of another tenant */
  ATTEST_AUTH_ERROR_KEYRING,               /* the keyring cannot keep the AppOnly credential */
} AttestAuthError;

GQuark    attest_auth_error_quark              (void);
GError   *attest_auth_error_new_from_oauth     (const char   *oauth_error,
                                                const char   *description,
                                                const gint64 *error_codes,
                                                guint         n_error_codes);
GError   *attest_auth_error_new_mfa_required   (void);
gboolean  attest_auth_error_is_mfa_service_code (gint64       code);
GError   *attest_auth_error_new_for_service_code (gint64      code);
gboolean  attest_auth_app_id_is_valid          (const char   *app_id);

G_END_DECLS
