/* attest-base64url.c: base64url without padding (RFC 4648 §5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-base64url"

#include "config.h"

#include <string.h>

#include "attest-base64url.h"

char *
attest_base64url_encode (const guint8 *data,
                         gsize         length)
{
  char *text = g_base64_encode (data, length);
  gsize n = strlen (text);

  while (n > 0 && text[n - 1] == '=')
    text[--n] = '\0';

  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
    }

  return text;
}

/* Returns NULL when @text holds anything but the base64url alphabet, or has
 * a length no encoder produces. The result is NUL-terminated for
 * convenience; @out_length does not count that NUL. */
guint8 *
attest_base64url_decode (const char *text,
                         gsize      *out_length)
{
  g_autofree char *standard = NULL;
  gsize n;
  gsize padded;
  guchar *data;
  gsize length = 0;

  g_return_val_if_fail (text != NULL, NULL);

  n = strlen (text);
  if (n % 4 == 1)
    return NULL;

  padded = (n + 3) / 4 * 4;
  standard = g_malloc (padded + 1);
  for (gsize i = 0; i < n; i++)
    {
      char c = text[i];

      if (c == '-')
        c = '+';
      else if (c == '_')
        c = '/';
      else if (!g_ascii_isalnum (c))
        return NULL;
      standard[i] = c;
    }
  memset (standard + n, '=', padded - n);
  standard[padded] = '\0';

  data = g_base64_decode (standard, &length);
  data = g_realloc (data, length + 1);
  data[length] = '\0';

  if (out_length != NULL)
    *out_length = length;

  return data;
}
