/* attest-pkce.c: proof key for code exchange (RFC 7636, S256)
 *
 * The verifier and the state are secrets for the few minutes a sign-in
 * takes, so they come from the kernel's random source, never from
 * g_random (a Mersenne Twister, predictable from its output).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-pkce"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <sys/random.h>

#include "attest-base64url.h"
#include "attest-pkce.h"

/* 32 random bytes make a 43-character verifier, the shortest RFC 7636
 * allows, with 256 bits of entropy. */
#define RANDOM_BYTES 32

static char *
new_random_text (GError **error)
{
  guint8 bytes[RANDOM_BYTES];
  gsize filled = 0;
  char *text;

  while (filled < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + filled, sizeof bytes - filled, 0);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not get random numbers from the system: %s"),
                       g_strerror (saved_errno));
          return NULL;
        }
      filled += n;
    }

  text = attest_base64url_encode (bytes, sizeof bytes);
  explicit_bzero (bytes, sizeof bytes);

  return text;
}

char *
attest_pkce_new_verifier (GError **error)
{
  return new_random_text (error);
}

char *
attest_pkce_new_state (GError **error)
{
  return new_random_text (error);
}

/* BASE64URL(SHA256(ASCII(verifier))) */
char *
attest_pkce_challenge_for (const char *verifier)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_length = sizeof digest;

  g_return_val_if_fail (verifier != NULL, NULL);

  g_checksum_update (checksum, (const guchar *) verifier, -1);
  g_checksum_get_digest (checksum, digest, &digest_length);

  return attest_base64url_encode (digest, digest_length);
}
