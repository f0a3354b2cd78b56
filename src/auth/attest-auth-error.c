/* attest-auth-error.c: what went wrong while signing in, with its fix
 *
 * Entra ID names its failures twice: an OAuth error word ("invalid_grant")
 * and an AADSTS number, in error_codes and at the start of the description.
 * The number is the more precise, so it is looked at first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-auth-error"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-auth-error.h"
#include "attest-mfa.h"

G_DEFINE_QUARK (attest-auth-error-quark, attest_auth_error)

/* Partner Center's codes for a call without multi-factor authentication:
 * 10001 before the 2026 enforcement, 900421 after it. */
#define SERVICE_CODE_MFA_LEGACY   10001
#define SERVICE_CODE_MFA_REQUIRED 900421

GError *
attest_auth_error_new_mfa_required (void)
{
  return g_error_new_literal (ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_MFA_REQUIRED,
                              attest_mfa_explanation ());
}

gboolean
attest_auth_error_is_mfa_service_code (gint64 code)
{
  return code == SERVICE_CODE_MFA_LEGACY || code == SERVICE_CODE_MFA_REQUIRED;
}

/* For the layers that call Partner Center: a 401 whose service error code
 * says MFA gets the same explanation as a sign-in without MFA. Returns NULL
 * for any other code. */
GError *
attest_auth_error_new_for_service_code (gint64 code)
{
  if (attest_auth_error_is_mfa_service_code (code))
    return attest_auth_error_new_mfa_required ();

  return NULL;
}

static gint64
find_aadsts_code (const char   *description,
                  const gint64 *error_codes,
                  guint         n_error_codes)
{
  const char *found;

  if (n_error_codes > 0)
    return error_codes[0];

  if (description != NULL && (found = strstr (description, "AADSTS")) != NULL)
    return g_ascii_strtoll (found + strlen ("AADSTS"), NULL, 10);

  return 0;
}

static GError *
error_for_aadsts (gint64 code)
{
  switch (code)
    {
    case 50011:
      return g_error_new_literal (ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_REDIRECT_URI,
                                  _("Microsoft Entra ID refused the redirect address "
                                    "(AADSTS50011). In the Azure portal, open the app "
                                    "registration’s Authentication page, add the platform "
                                    "“Mobile and desktop applications” with the redirect URI "
                                    "http://localhost, and sign in again."));
    case 7000218:
      return g_error_new_literal (ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_PUBLIC_CLIENT_FLOWS,
                                  _("The app registration does not allow sign-in with a device "
                                    "code (AADSTS7000218). In the Azure portal, open the app "
                                    "registration’s Authentication page, set “Allow public "
                                    "client flows” to Yes, and try again."));
    case 50076:
    case 50079:
      return attest_auth_error_new_mfa_required ();
    case 65001:
      return g_error_new_literal (ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_CONSENT,
                                  _("The app registration may not use Partner Center yet "
                                    "(AADSTS65001). A Global admin of your tenant must grant "
                                    "admin consent for Partner Center on the app registration’s "
                                    "API permissions page; then sign in again."));
    case 7000215:
      return g_error_new_literal (ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_CLIENT_SECRET_REFUSED,
                                  _("Microsoft Entra ID refused the client secret of the AppOnly "
                                    "credential (AADSTS7000215). Copy the secret’s value again, "
                                    "or make a new one in Partner Center: Account settings › App "
                                    "management, open the web app and choose Add new key. Then "
                                    "enter the new secret in Attest."));
    case 7000222:
      return g_error_new_literal (ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_CLIENT_SECRET_EXPIRED,
                                  _("The client secret of the AppOnly credential has expired "
                                    "(AADSTS7000222). Make a new one in Partner Center: Account "
                                    "settings › App management, open the web app and choose Add "
                                    "new key. Then enter the new secret in Attest."));
    case 700016:
      return g_error_new_literal (ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_APP_NOT_FOUND,
                                  _("The partner tenant has no application with this ID "
                                    "(AADSTS700016). Copy the Application ID of the web app from "
                                    "Partner Center: Account settings › App management, and check "
                                    "the tenant."));
    default:
      return NULL;
    }
}

/* Turns an OAuth error answer (from the token endpoint or the redirect)
 * into an AttestAuthError. */
GError *
attest_auth_error_new_from_oauth (const char   *oauth_error,
                                  const char   *description,
                                  const gint64 *error_codes,
                                  guint         n_error_codes)
{
  GError *error;

  error = error_for_aadsts (find_aadsts_code (description, error_codes, n_error_codes));
  if (error != NULL)
    return error;

  if (oauth_error == NULL)
    oauth_error = "";

  if (g_str_equal (oauth_error, "authorization_pending"))
    return g_error_new_literal (ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_AUTHORIZATION_PENDING,
                                _("The device code has not been entered yet."));

  if (g_str_equal (oauth_error, "slow_down"))
    return g_error_new_literal (ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_SLOW_DOWN,
                                _("Microsoft Entra ID asked to wait longer between checks."));

  if (g_str_equal (oauth_error, "expired_token"))
    return g_error_new_literal (ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_DEVICE_CODE_EXPIRED,
                                _("The device code expired before it was entered. Sign in "
                                  "again to get a new code."));

  if (g_str_equal (oauth_error, "authorization_declined"))
    return g_error_new_literal (ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_DEVICE_CODE_DECLINED,
                                _("The sign-in with the device code was declined. Sign in "
                                  "again if that was a mistake."));

  if (g_str_equal (oauth_error, "invalid_grant"))
    return g_error_new_literal (ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_GRANT,
                                _("The sign-in has expired or was revoked. Sign in again."));

  if (g_str_equal (oauth_error, "access_denied"))
    return g_error_new_literal (ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_ACCESS_DENIED,
                                _("The sign-in was cancelled in the browser. Sign in again "
                                  "when you are ready."));

  if (description != NULL && description[0] != '\0')
    return g_error_new (ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_SERVER,
                        _("Microsoft Entra ID refused the sign-in: %s"), description);

  return g_error_new (ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_SERVER,
                      _("Microsoft Entra ID refused the sign-in with the error “%s”."),
                      oauth_error[0] != '\0' ? oauth_error : "unknown");
}

/* An application (client) ID is a GUID: 8-4-4-4-12 hexadecimal digits. */
gboolean
attest_auth_app_id_is_valid (const char *app_id)
{
  static const guint group_lengths[] = { 8, 4, 4, 4, 12 };
  const char *p = app_id;

  if (app_id == NULL)
    return FALSE;

  for (guint group = 0; group < G_N_ELEMENTS (group_lengths); group++)
    {
      for (guint i = 0; i < group_lengths[group]; i++, p++)
        {
          if (!g_ascii_isxdigit (*p))
            return FALSE;
        }

      if (group + 1 < G_N_ELEMENTS (group_lengths) && *p++ != '-')
        return FALSE;
    }

  return *p == '\0';
}
