/* attest-sandbox-bearer.c: who a Partner Center request comes from
 *
 * The token check of the real service, in front of every Partner Center
 * route: no token, a foreign or expired one, or one of another tenant
 * than the partner's → 401. A user's token (App+User) without "mfa" in
 * its amr → 401 with 900421, from a user without the Admin agent role →
 * 403. An application's own token (AppOnly: idtyp "app") carries no amr
 * and no role; the MFA rule does not apply to it. A route that takes only
 * one kind of token answers the other with 403 and says which it takes,
 * as Partner Center's documentation does ("This scenario only supports
 * AppOnly authentication").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-bearer"

#include "config.h"

#include <string.h>

#include "attest-sandbox-bearer.h"
#include "attest-sandbox-util.h"

#define CODE_MFA_REQUIRED 900421

static void
respond_unauthorized (AttestSandboxTenant *tenant,
                      SoupServerMessage   *msg,
                      const char          *description)
{
  g_autofree char *realm = g_strdup_printf ("OAuth realm=urn:cpsvc:cpid:%s",
                                            attest_sandbox_tenant_get_id (tenant));

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "WWW-Authenticate", realm);
  attest_sandbox_respond_fault (msg, 401, "401", description);
}

static gboolean
amr_has_mfa (JsonObject *claims)
{
  JsonArray *amr;

  if (!json_object_has_member (claims, "amr")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (claims, "amr")))
    return FALSE;

  amr = json_object_get_array_member (claims, "amr");
  for (guint i = 0; i < json_array_get_length (amr); i++)
    {
      JsonNode *entry = json_array_get_element (amr, i);

      if (JSON_NODE_HOLDS_VALUE (entry) && json_node_get_value_type (entry) == G_TYPE_STRING
          && g_str_equal (json_node_get_string (entry), "mfa"))
        return TRUE;
    }

  return FALSE;
}

/* Returns TRUE when the request carries a token the service takes for a
 * route that needs @needed; else @msg holds the refusal. */
gboolean
attest_sandbox_bearer_check (AttestSandboxTenant     *tenant,
                             SoupServerMessage       *msg,
                             AttestSandboxCredential  needed)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autoptr(JsonNode) payload = NULL;
  JsonObject *claims;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean app;

  if (authorization != NULL && g_str_has_prefix (authorization, "Bearer "))
    payload = attest_sandbox_tenant_verify_token (tenant, authorization + strlen ("Bearer "));

  claims = payload != NULL ? json_node_get_object (payload) : NULL;
  if (claims == NULL
      || json_object_get_int_member_with_default (claims, "exp", 0) <= now
      || json_object_get_int_member_with_default (claims, "nbf", 0) > now
      || g_strcmp0 (json_object_get_string_member_with_default (claims, "aud", NULL),
                    ATTEST_SANDBOX_PARTNER_CENTER_AUDIENCE) != 0)
    {
      respond_unauthorized (tenant, msg, "Authentication failed: the access token is missing, "
                                         "not valid or has expired.");
      return FALSE;
    }

  if (g_strcmp0 (json_object_get_string_member_with_default (claims, "tid", NULL),
                 attest_sandbox_tenant_get_id (tenant)) != 0)
    {
      respond_unauthorized (tenant, msg, "Authentication failed: the access token was issued "
                                         "for another tenant than the partner's.");
      return FALSE;
    }

  app = g_strcmp0 (json_object_get_string_member_with_default (claims, "idtyp", NULL),
                   "app") == 0;

  if (app && needed == ATTEST_SANDBOX_CREDENTIAL_USER)
    {
      attest_sandbox_respond_fault (msg, 403, "403",
                                    "This scenario only supports App+User authentication; the "
                                    "access token is an application's own (AppOnly).");
      return FALSE;
    }
  if (!app && needed == ATTEST_SANDBOX_CREDENTIAL_APP)
    {
      attest_sandbox_respond_fault (msg, 403, "403",
                                    "This scenario only supports AppOnly authentication; the "
                                    "access token is a user's (App+User).");
      return FALSE;
    }
  if (app)
    return TRUE;

  if (!amr_has_mfa (claims))
    {
      attest_sandbox_respond_error (msg, 401, CODE_MFA_REQUIRED, "MfaRequired",
                                    "Multi-factor authentication is required. The access token "
                                    "must show that the user completed multi-factor "
                                    "authentication.", NULL);
      return FALSE;
    }

  if (!attest_sandbox_tenant_get_user_has_role (tenant))
    {
      attest_sandbox_respond_fault (msg, 403, "1002", "Authorization Failed");
      return FALSE;
    }

  return TRUE;
}
