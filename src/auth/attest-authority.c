/* attest-authority.c: the Entra ID endpoint that signs partners in
 *
 * Partner Center supports attestation only in the public cloud, so the
 * authorities of the national clouds are refused up front rather than
 * after a sign-in that cannot lead anywhere. Plain http is for a local
 * emulator only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-authority"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-auth-error.h"
#include "attest-authority.h"

static const char * const national_cloud_hosts[] = {
  "login.chinacloudapi.cn",            /* operated by 21Vianet */
  "login.partner.microsoftonline.cn",  /* operated by 21Vianet */
  "login.microsoftonline.us",          /* US Government */
  "login-us.microsoftonline.com",      /* US Government, older name */
  "login.microsoftonline.de",          /* Microsoft Cloud Germany, retired */
  NULL
};

static gboolean
host_is_loopback (const char *host)
{
  return g_str_equal (host, "127.0.0.1") || g_str_equal (host, "localhost")
         || g_str_equal (host, "::1") || g_str_equal (host, "[::1]");
}

gboolean
attest_authority_check (const char  *authority,
                        GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;
  const char *scheme;

  if (authority == NULL || authority[0] == '\0'
      || (uri = g_uri_parse (authority, G_URI_FLAGS_NONE, NULL)) == NULL
      || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_SETTINGS,
                   _("The sign-in authority “%s” is not a web address. Use "
                     "https://login.microsoftonline.com."),
                   authority != NULL ? authority : "");
      return FALSE;
    }

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  scheme = g_uri_get_scheme (uri);

  if (g_strv_contains (national_cloud_hosts, host))
    {
      g_set_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_NATIONAL_CLOUD,
                   _("The sign-in authority “%s” belongs to a national cloud, and Partner "
                     "Center supports attestation only in the public cloud. Use "
                     "https://login.microsoftonline.com."),
                   authority);
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "https") == 0
      || (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (host)))
    return TRUE;

  g_set_error (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_INVALID_SETTINGS,
               _("The sign-in authority “%s” must start with https:// (plain http is allowed "
                 "only for this computer). Use https://login.microsoftonline.com."),
               authority);
  return FALSE;
}

/* @authority without the slashes it may end with, so that one authority
 * written two ways names the same keyring items. */
char *
attest_authority_dup_normalized (const char *authority)
{
  gsize length;

  g_return_val_if_fail (authority != NULL, NULL);

  length = strlen (authority);
  while (length > 0 && authority[length - 1] == '/')
    length--;

  return g_strndup (authority, length);
}

/* {authority}/{tenant}/oauth2/v2.0/{endpoint} */
char *
attest_authority_build_endpoint (const char *authority,
                                 const char *tenant,
                                 const char *endpoint)
{
  g_autofree char *base = NULL;
  g_autofree char *escaped_tenant = NULL;

  g_return_val_if_fail (authority != NULL, NULL);
  g_return_val_if_fail (tenant != NULL, NULL);
  g_return_val_if_fail (endpoint != NULL, NULL);

  base = attest_authority_dup_normalized (authority);
  escaped_tenant = g_uri_escape_string (tenant, NULL, FALSE);

  return g_strdup_printf ("%s/%s/oauth2/v2.0/%s", base, escaped_tenant, endpoint);
}
