/* attest-sandbox-tenant.c: the sandbox's partner tenant and its tokens
 *
 * One partner tenant with one user and one app registration, drawn from
 * the seed. Access tokens are JWTs with the claims of a v1.0 Entra token
 * for Partner Center, signed with HMAC-SHA256 and a key of this instance
 * alone, so the Partner Center side can tell its own tokens, their expiry
 * and their amr, and tokens of one sandbox mean nothing to another. An
 * application's own token (AppOnly, the client credentials grant) names
 * no user: it has idtyp "app", no amr, no upn, and the object ID of the
 * application's service principal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-tenant"

#include "config.h"

#include <string.h>

#include "attest-base64url.h"
#include "attest-sandbox-tenant.h"
#include "attest-sandbox-util.h"

struct _AttestSandboxTenant
{
  char     *tenant_id;
  char     *user;
  char     *user_object_id;
  char     *app_id;
  gboolean  user_mfa;
  gboolean  user_has_role;
  GBytes   *secret;
  char     *verified_token;    /* the last token found good, */
  JsonNode *verified_payload;  /* and its payload */
};

/* Draws the tenant, the user and the app from @rand. */
AttestSandboxTenant *
attest_sandbox_tenant_new (GRand *rand)
{
  AttestSandboxTenant *self = g_new0 (AttestSandboxTenant, 1);
  guint8 secret[32];

  self->tenant_id = attest_sandbox_new_guid (rand);
  self->user_object_id = attest_sandbox_new_guid (rand);
  self->app_id = attest_sandbox_new_guid (rand);
  self->user = g_strdup ("admin@attestsandbox.onmicrosoft.com");
  self->user_mfa = TRUE;
  self->user_has_role = TRUE;

  for (guint i = 0; i < sizeof secret; i++)
    secret[i] = g_random_int_range (0, 256);
  self->secret = g_bytes_new (secret, sizeof secret);

  return self;
}

void
attest_sandbox_tenant_free (AttestSandboxTenant *self)
{
  g_free (self->tenant_id);
  g_free (self->user);
  g_free (self->user_object_id);
  g_free (self->app_id);
  g_bytes_unref (self->secret);
  g_free (self->verified_token);
  g_clear_pointer (&self->verified_payload, json_node_unref);
  g_free (self);
}

const char *
attest_sandbox_tenant_get_id (AttestSandboxTenant *self)
{
  return self->tenant_id;
}

const char *
attest_sandbox_tenant_get_user (AttestSandboxTenant *self)
{
  return self->user;
}

const char *
attest_sandbox_tenant_get_user_object_id (AttestSandboxTenant *self)
{
  return self->user_object_id;
}

const char *
attest_sandbox_tenant_get_app_id (AttestSandboxTenant *self)
{
  return self->app_id;
}

/* Without MFA, tokens carry amr ["pwd"] only. */
void
attest_sandbox_tenant_set_user_mfa (AttestSandboxTenant *self,
                                    gboolean             mfa)
{
  self->user_mfa = !!mfa;
}

/* Whether the user has Partner Center's Admin agent role. */
gboolean
attest_sandbox_tenant_get_user_has_role (AttestSandboxTenant *self)
{
  return self->user_has_role;
}

void
attest_sandbox_tenant_set_user_has_role (AttestSandboxTenant *self,
                                         gboolean             has_role)
{
  self->user_has_role = !!has_role;
}

static char *
encode_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  return attest_base64url_encode ((const guint8 *) text, strlen (text));
}

static char *
sign (AttestSandboxTenant *self,
      const char          *signing_input)
{
  gsize key_length = 0;
  const guint8 *key = g_bytes_get_data (self->secret, &key_length);
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_length);
  guint8 digest[32];
  gsize digest_length = sizeof digest;

  g_hmac_update (hmac, (const guchar *) signing_input, -1);
  g_hmac_get_digest (hmac, digest, &digest_length);

  return attest_base64url_encode (digest, digest_length);
}

/* @payload holds a finished JSON object. */
static char *
sign_jwt (AttestSandboxTenant *self,
          JsonBuilder         *payload)
{
  g_autoptr(JsonNode) header_node = json_from_string ("{\"typ\":\"JWT\",\"alg\":\"HS256\"}", NULL);
  g_autoptr(JsonNode) payload_node = json_builder_get_root (payload);
  g_autofree char *header = encode_json (header_node);
  g_autofree char *body = encode_json (payload_node);
  g_autofree char *signing_input = g_strconcat (header, ".", body, NULL);
  g_autofree char *signature = sign (self, signing_input);

  return g_strconcat (signing_input, ".", signature, NULL);
}

/* Returns the payload of a token this instance signed, or NULL. Expiry is
 * the caller's to check. The last token found good is remembered: a client
 * sends the same one with every request, and checking its signature was
 * half of what the sandbox did for a one-customer request. */
JsonNode *
attest_sandbox_tenant_verify_token (AttestSandboxTenant *self,
                                    const char          *token)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *signing_input = NULL;
  g_autofree char *expected = NULL;
  g_autofree guint8 *payload = NULL;
  gsize length = 0;
  JsonNode *node;

  if (self->verified_token != NULL && g_str_equal (token, self->verified_token))
    return json_node_ref (self->verified_payload);

  parts = g_strsplit (token, ".", 4);
  if (g_strv_length (parts) != 3)
    return NULL;

  signing_input = g_strconcat (parts[0], ".", parts[1], NULL);
  expected = sign (self, signing_input);
  if (!g_str_equal (expected, parts[2]))
    return NULL;

  payload = attest_base64url_decode (parts[1], &length);
  if (payload == NULL)
    return NULL;

  node = json_from_string ((const char *) payload, NULL);
  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    g_clear_pointer (&node, json_node_unref);

  if (node != NULL)
    {
      g_free (self->verified_token);
      self->verified_token = g_strdup (token);
      g_clear_pointer (&self->verified_payload, json_node_unref);
      self->verified_payload = json_node_ref (node);
    }

  return node;
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* What every access token for Partner Center starts with: its audience,
 * its issuer, @tenant_id's token service, and its times. */
static void
add_access_claims (JsonBuilder *builder,
                   const char  *tenant_id,
                   gint64       expires_in)
{
  g_autofree char *issuer = g_strdup_printf ("https://sts.windows.net/%s/", tenant_id);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  add_string (builder, "aud", ATTEST_SANDBOX_PARTNER_CENTER_AUDIENCE);
  add_string (builder, "iss", issuer);
  add_int (builder, "iat", now);
  add_int (builder, "nbf", now);
  add_int (builder, "exp", now + expires_in);
}

/* An access token of the user for @client_id; @expires_in may be
 * negative for a token that has already expired. */
char *
attest_sandbox_tenant_mint_access_token (AttestSandboxTenant *self,
                                         const char          *client_id,
                                         gint64               expires_in)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_access_claims (builder, self->tenant_id, expires_in);
  json_builder_set_member_name (builder, "amr");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "pwd");
  if (self->user_mfa)
    json_builder_add_string_value (builder, "mfa");
  json_builder_end_array (builder);
  add_string (builder, "appid", client_id);
  add_string (builder, "appidacr", "0");
  add_string (builder, "name", "Sandbox Admin");
  add_string (builder, "oid", self->user_object_id);
  add_string (builder, "scp", "user_impersonation");
  add_string (builder, "tid", self->tenant_id);
  add_string (builder, "unique_name", self->user);
  add_string (builder, "upn", self->user);
  add_string (builder, "ver", "1.0");
  json_builder_end_object (builder);

  return sign_jwt (self, builder);
}

/* An AppOnly access token of the application @client_id, whose service
 * principal in @tenant_id is @object_id. */
char *
attest_sandbox_tenant_mint_app_token (AttestSandboxTenant *self,
                                      const char          *tenant_id,
                                      const char          *client_id,
                                      const char          *object_id,
                                      gint64               expires_in)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *issuer = g_strdup_printf ("https://sts.windows.net/%s/", tenant_id);

  json_builder_begin_object (builder);
  add_access_claims (builder, tenant_id, expires_in);
  add_string (builder, "appid", client_id);
  add_string (builder, "appidacr", "1");
  add_string (builder, "idp", issuer);
  add_string (builder, "idtyp", "app");
  add_string (builder, "oid", object_id);
  add_string (builder, "sub", object_id);
  add_string (builder, "tid", tenant_id);
  add_string (builder, "ver", "1.0");
  json_builder_end_object (builder);

  return sign_jwt (self, builder);
}

char *
attest_sandbox_tenant_mint_id_token (AttestSandboxTenant *self,
                                     const char          *client_id,
                                     gint64               expires_in)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *issuer = g_strdup_printf ("https://login.microsoftonline.com/%s/v2.0",
                                             self->tenant_id);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  json_builder_begin_object (builder);
  add_string (builder, "aud", client_id);
  add_string (builder, "iss", issuer);
  add_int (builder, "iat", now);
  add_int (builder, "nbf", now);
  add_int (builder, "exp", now + expires_in);
  add_string (builder, "name", "Sandbox Admin");
  add_string (builder, "oid", self->user_object_id);
  add_string (builder, "preferred_username", self->user);
  add_string (builder, "tid", self->tenant_id);
  add_string (builder, "ver", "2.0");
  json_builder_end_object (builder);

  return sign_jwt (self, builder);
}
