/* attest-oauth-response.h: the answers of the Entra ID token and device
 * code endpoints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char   *access_token;
  char   *refresh_token;  /* NULL when the server did not send one */
  char   *id_token;
  gint64  expires_in;     /* seconds */
} AttestTokenResponse;

typedef struct
{
  char   *device_code;      /* secret: only sent back to the token endpoint */
  char   *user_code;        /* what the person types */
  char   *verification_uri; /* where they type it */
  char   *message;          /* the server's own instructions, localized by it */
  gint64  expires_in;       /* seconds */
  guint   interval;         /* seconds between polls */
} AttestDeviceCode;

AttestTokenResponse *attest_token_response_parse (guint                status,
                                                  GBytes              *body,
                                                  GError             **error);
void                 attest_token_response_free  (AttestTokenResponse *response);
AttestDeviceCode    *attest_device_code_parse    (guint                status,
                                                  GBytes              *body,
                                                  GError             **error);
AttestDeviceCode    *attest_device_code_copy     (const AttestDeviceCode *code);
void                 attest_device_code_free     (AttestDeviceCode    *code);
void                 attest_secret_free          (char                *secret);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestTokenResponse, attest_token_response_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestDeviceCode, attest_device_code_free)

G_END_DECLS
