/* attest-token-claims.h: what an access token says about who holds it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATTEST_TOKEN_CLAIMS_ERROR (attest_token_claims_error_quark ())

typedef enum
{
  ATTEST_TOKEN_CLAIMS_ERROR_MALFORMED,
} AttestTokenClaimsError;

typedef struct
{
  char     *tenant_id;   /* tid: the partner tenant, sent as partnerId */
  char     *object_id;   /* oid */
  char     *user;        /* upn, else unique_name, else preferred_username */
  char     *app_id;      /* appid, else azp */
  gint64    expires_at;  /* exp, seconds since the epoch; 0 when absent */
  gboolean  mfa;         /* an amr entry ends with "mfa" */
} AttestTokenClaims;

GQuark             attest_token_claims_error_quark (void);
AttestTokenClaims *attest_token_claims_parse       (const char        *token,
                                                    GError           **error);
void               attest_token_claims_free        (AttestTokenClaims *claims);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestTokenClaims, attest_token_claims_free)

G_END_DECLS
