/* attest-sandbox-app-only.c: the partner's web app and its client credentials grant
 *
 * Microsoft's current MCA flow writes with an application's own token
 * (AppOnly, reference mca-current-flow §4): a web app registered in
 * Partner Center's App management, with an application ID and a client
 * secret, gets its token from /{tenant}/oauth2/v2.0/token with
 * grant_type=client_credentials and the scope
 * https://api.partnercenter.microsoft.com/.default. The sandbox has one
 * such app, whose ID and secret follow from the seed: the secret is a test
 * fixture that `attest sandbox` prints, not a secret.
 *
 * The tenant in the path must name one: a GUID gets a token for that
 * tenant, the partner's or another (so that a client's check of the
 * tenant can be tried), the partner's domain gets the partner's;
 * "common" and "organizations" are refused as Entra refuses them for this
 * grant. A wrong secret is AADSTS7000215, the right one once expired
 * (attest_sandbox_expire_app_secret()) AADSTS7000222.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-app-only"

#include "config.h"

#include <string.h>

#include "attest-sandbox-app-only.h"
#include "attest-sandbox-entra.h"
#include "attest-sandbox-util.h"

#define PARTNER_CENTER_SCOPE ATTEST_SANDBOX_PARTNER_CENTER_AUDIENCE "/.default"

/* The characters of an Entra client secret: letters and digits first. */
#define SECRET_ALPHABET \
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.~"

struct _AttestSandboxAppOnly
{
  AttestSandboxTenant *tenant;        /* the partner's, borrowed */
  char                *client_id;
  char                *object_id;     /* of the app's service principal */
  char                *secret;
  gboolean             secret_expired;
};

/* A secret of the form Entra gives: three letters or digits, "8Q~", then
 * 34 characters. */
static char *
new_secret (GRand *rand)
{
  GString *secret = g_string_sized_new (40);

  for (guint i = 0; i < 3; i++)
    g_string_append_c (secret, SECRET_ALPHABET[g_rand_int_range (rand, 0, 62)]);
  g_string_append (secret, "8Q~");
  for (guint i = 0; i < 34; i++)
    g_string_append_c (secret, SECRET_ALPHABET[g_rand_int_range (rand, 0,
                                                                 strlen (SECRET_ALPHABET))]);

  return g_string_free (secret, FALSE);
}

/* The app follows from @seed alone, apart from the tenant's draws, so
 * that the partner's IDs stay what they were before the app existed. */
AttestSandboxAppOnly *
attest_sandbox_app_only_new (guint32              seed,
                             AttestSandboxTenant *tenant)
{
  AttestSandboxAppOnly *self = g_new0 (AttestSandboxAppOnly, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0x0a990411);

  self->tenant = tenant;
  self->client_id = attest_sandbox_new_guid (rand);
  self->object_id = attest_sandbox_new_guid (rand);
  self->secret = new_secret (rand);

  return self;
}

void
attest_sandbox_app_only_free (AttestSandboxAppOnly *self)
{
  g_free (self->client_id);
  g_free (self->object_id);
  g_free (self->secret);
  g_free (self);
}

const char *
attest_sandbox_app_only_get_client_id (AttestSandboxAppOnly *self)
{
  return self->client_id;
}

const char *
attest_sandbox_app_only_get_secret (AttestSandboxAppOnly *self)
{
  return self->secret;
}

/* From now on the secret is refused as expired. */
void
attest_sandbox_app_only_expire_secret (AttestSandboxAppOnly *self)
{
  self->secret_expired = TRUE;
}

char *
attest_sandbox_app_only_mint_token (AttestSandboxAppOnly *self,
                                    const char           *tenant_id,
                                    gint64                expires_in)
{
  return attest_sandbox_tenant_mint_app_token (self->tenant, tenant_id, self->client_id,
                                               self->object_id, expires_in);
}

/* The tenant ID that @tenant in the token endpoint's path names, or NULL
 * when it names none this grant takes; @msg then holds the refusal. */
static char *
resolve_tenant (AttestSandboxAppOnly *self,
                SoupServerMessage    *msg,
                const char           *tenant)
{
  const char *partner = attest_sandbox_tenant_get_id (self->tenant);
  const char *domain = strchr (attest_sandbox_tenant_get_user (self->tenant), '@') + 1;

  if (g_ascii_strcasecmp (tenant, partner) == 0 || g_ascii_strcasecmp (tenant, domain) == 0)
    return g_strdup (partner);
  if (g_uuid_string_is_valid (tenant))
    return g_ascii_strdown (tenant, -1);

  if (g_str_equal (tenant, "common") || g_str_equal (tenant, "organizations")
      || g_str_equal (tenant, "consumers"))
    {
      attest_sandbox_entra_respond_error (msg, 400, "invalid_request", 50059, NULL,
                                          "No tenant-identifying information found in either "
                                          "the request or implied by any provided "
                                          "credentials.");
      return NULL;
    }

  {
    g_autofree char *description =
      g_strdup_printf ("Tenant '%s' not found. Check to make sure you have the correct tenant "
                       "ID and are signing into the correct cloud.", tenant);

    attest_sandbox_entra_respond_error (msg, 400, "invalid_request", 90002, NULL, description);
  }

  return NULL;
}

/* Answers a token request with grant_type=client_credentials. */
void
attest_sandbox_app_only_grant (AttestSandboxAppOnly *self,
                               SoupServerMessage    *msg,
                               const char           *tenant,
                               GHashTable           *form,
                               gint64                expires_in)
{
  const char *client_id = g_hash_table_lookup (form, "client_id");
  const char *secret = g_hash_table_lookup (form, "client_secret");
  const char *scope = g_hash_table_lookup (form, "scope");
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *tenant_id = NULL;
  g_autofree char *access_token = NULL;

  tenant_id = resolve_tenant (self, msg, tenant);
  if (tenant_id == NULL)
    return;

  if (g_ascii_strcasecmp (client_id, self->client_id) != 0)
    {
      g_autofree char *description =
        g_strdup_printf ("Application with identifier '%s' was not found in the directory "
                         "'%s'. This can happen if the application has not been installed by "
                         "the administrator of the tenant.", client_id, tenant_id);

      attest_sandbox_entra_respond_error (msg, 400, "unauthorized_client", 700016, NULL,
                                          description);
      return;
    }

  if (secret == NULL)
    {
      attest_sandbox_entra_respond_error (msg, 401, "invalid_client", 7000216, NULL,
                                          "'client_assertion', 'client_secret' or 'request' is "
                                          "required for the 'client_credentials' grant type.");
      return;
    }

  if (!g_str_equal (secret, self->secret))
    {
      g_autofree char *description =
        g_strdup_printf ("Invalid client secret provided. Ensure the secret being sent in the "
                         "request is the client secret value, not the client secret ID, for a "
                         "secret added to app '%s'.", self->client_id);

      attest_sandbox_entra_respond_error (msg, 401, "invalid_client", 7000215, NULL,
                                          description);
      return;
    }

  if (self->secret_expired)
    {
      g_autofree char *description =
        g_strdup_printf ("The provided client secret keys for app '%s' are expired. Visit the "
                         "Azure portal to create new keys for your app: "
                         "https://aka.ms/NewClientSecret, or consider using certificate "
                         "credentials for added security: https://aka.ms/certCreds.",
                         self->client_id);

      attest_sandbox_entra_respond_error (msg, 401, "invalid_client", 7000222, NULL,
                                          description);
      return;
    }

  if (scope == NULL)
    {
      attest_sandbox_entra_respond_missing (msg, "scope");
      return;
    }

  if (!g_str_equal (scope, PARTNER_CENTER_SCOPE))
    {
      g_autofree char *description =
        g_strdup_printf ("The provided value for scope %s is not valid. Client credential flows "
                         "must have a scope value with /.default suffixed to the resource "
                         "identifier (application ID URI).", scope);

      attest_sandbox_entra_respond_error (msg, 400, "invalid_scope", 1002012, NULL, description);
      return;
    }

  access_token = attest_sandbox_app_only_mint_token (self, tenant_id, expires_in);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, "Bearer");
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, expires_in);
  json_builder_set_member_name (builder, "ext_expires_in");
  json_builder_add_int_value (builder, expires_in);
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, access_token);
  json_builder_end_object (builder);

  attest_sandbox_respond_json (msg, 200, builder);
}
