/* attest-endpoint.c: which server addresses Attest will talk to
 *
 * HTTPS anywhere (the TLS certificate is always verified by the HTTP layer);
 * plain HTTP only to this computer, where the sandbox and the sign-in
 * redirect live. Anything else would send tokens in the clear.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-endpoint"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "attest-endpoint.h"

G_DEFINE_QUARK (attest-endpoint-error-quark, attest_endpoint_error)

gboolean
attest_endpoint_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (host == NULL || host[0] == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  /* "[::1]" as written in a URI */
  if (host[0] == '[' && g_str_has_suffix (host, "]"))
    host = bare = g_strndup (host + 1, strlen (host) - 2);

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
attest_endpoint_check (const char  *uri,
                       GError     **error)
{
  g_autoptr(GUri) parsed = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (uri != NULL, FALSE);

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  scheme = parsed != NULL ? g_uri_get_scheme (parsed) : NULL;
  host = parsed != NULL ? g_uri_get_host (parsed) : NULL;

  if (parsed == NULL || host == NULL || host[0] == '\0'
      || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    {
      g_set_error (error, ATTEST_ENDPOINT_ERROR, ATTEST_ENDPOINT_ERROR_INVALID,
                   _("“%s” is not a web address. Write it in full, such as "
                     "https://api.partnercenter.microsoft.com."), uri);
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !attest_endpoint_is_loopback (host))
    {
      g_set_error (error, ATTEST_ENDPOINT_ERROR, ATTEST_ENDPOINT_ERROR_INSECURE,
                   _("“%s” uses plain HTTP, which would send your sign-in in the clear. "
                     "Use https://, or http:// only for this computer (localhost)."), uri);
      return FALSE;
    }

  return TRUE;
}
