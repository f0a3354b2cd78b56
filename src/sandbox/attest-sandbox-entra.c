/* attest-sandbox-entra.c: the Entra ID endpoints of the sandbox
 *
 * /{tenant}/oauth2/v2.0/authorize and /token as reference §3 describes
 * them: the authorization code grant with PKCE (S256), single-use codes
 * bound to their redirect URI, refresh tokens that rotate (a used one is
 * invalid_grant); the device code grant is in attest-sandbox-device-code.c, the
 * client credentials grant of the partner's web app in attest-sandbox-app-only.c.
 * Errors take Entra's JSON shape with an AADSTS code. For a user's sign-in,
 * any tenant in the path and any client ID are accepted: there is one
 * partner and one user.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-entra"

#include "config.h"

#include <string.h>

#include "attest-base64url.h"
#include "attest-sandbox-entra.h"
#include "attest-sandbox-util.h"

#define CODE_LIFETIME_SECONDS 600
#define DEVICE_GRANT_TYPE     "urn:ietf:params:oauth:grant-type:device_code"

struct _AttestSandboxEntra
{
  AttestSandboxTenant      *tenant;          /* the partner's, borrowed */
  AttestSandboxAppOnly     *app_only;        /* the partner's web app, borrowed */
  char                     *uri;             /* where the sandbox listens */
  gboolean                  auto_approve;
  AttestSandboxEntraFaults  faults;
  guint                     token_lifetime;  /* seconds */
  GHashTable               *codes;           /* code → SandboxCode */
  GHashTable               *refresh_tokens;  /* token → SandboxRefreshToken */
  AttestSandboxDeviceCodes *device_codes;
};

typedef struct
{
  char     *client_id;
  char     *redirect_uri;
  char     *challenge;
  char     *scope;
  gint64    expires_at;   /* monotonic, microseconds */
  gboolean  used;
} SandboxCode;

typedef struct
{
  char   *client_id;
  char   *scope;
} SandboxRefreshToken;

static void
code_free (gpointer data)
{
  SandboxCode *code = data;

  g_free (code->client_id);
  g_free (code->redirect_uri);
  g_free (code->challenge);
  g_free (code->scope);
  g_free (code);
}

static void
refresh_token_free (gpointer data)
{
  SandboxRefreshToken *token = data;

  g_free (token->client_id);
  g_free (token->scope);
  g_free (token);
}

AttestSandboxEntra *
attest_sandbox_entra_new (AttestSandboxTenant  *tenant,
                          AttestSandboxAppOnly *app_only)
{
  AttestSandboxEntra *self = g_new0 (AttestSandboxEntra, 1);

  self->tenant = tenant;
  self->app_only = app_only;
  self->token_lifetime = ATTEST_SANDBOX_DEFAULT_TOKEN_LIFETIME;
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, code_free);
  self->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                refresh_token_free);
  self->device_codes = attest_sandbox_device_codes_new ();

  return self;
}

void
attest_sandbox_entra_free (AttestSandboxEntra *self)
{
  g_free (self->uri);
  g_hash_table_unref (self->codes);
  g_hash_table_unref (self->refresh_tokens);
  attest_sandbox_device_codes_free (self->device_codes);
  g_free (self);
}

/* The device code's verification page is under @uri. */
void
attest_sandbox_entra_set_uri (AttestSandboxEntra *self,
                              const char         *uri)
{
  g_free (self->uri);
  self->uri = g_strdup (uri);
}

void
attest_sandbox_entra_set_auto_approve (AttestSandboxEntra *self,
                                       gboolean            auto_approve)
{
  self->auto_approve = !!auto_approve;
}

void
attest_sandbox_entra_set_faults (AttestSandboxEntra       *self,
                                 AttestSandboxEntraFaults  faults)
{
  self->faults = faults;
}

void
attest_sandbox_entra_set_token_lifetime (AttestSandboxEntra *self,
                                         guint               seconds)
{
  self->token_lifetime = seconds;
}

guint
attest_sandbox_entra_get_token_lifetime (AttestSandboxEntra *self)
{
  return self->token_lifetime;
}

AttestSandboxDeviceCodes *
attest_sandbox_entra_get_device_codes (AttestSandboxEntra *self)
{
  return self->device_codes;
}

/* Entra's error body: {"error", "error_description": "AADSTSn: …",
 * "error_codes": [n], "timestamp", "trace_id", "correlation_id", …}.
 * @aadsts is 0 for the polling answers that carry no code. */
void
attest_sandbox_entra_respond_error (SoupServerMessage *msg,
                                    guint              status,
                                    const char        *error,
                                    guint              aadsts,
                                    const char        *suberror,
                                    const char        *description)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GRand) rand = g_rand_new ();
  g_autofree char *trace_id = attest_sandbox_new_guid (rand);
  g_autofree char *correlation_id = attest_sandbox_new_guid (rand);
  g_autofree char *timestamp = attest_sandbox_format_timestamp ();
  g_autofree char *text = NULL;

  if (aadsts != 0)
    text = g_strdup_printf ("AADSTS%u: %s\r\nTrace ID: %s\r\nCorrelation ID: %s\r\nTimestamp: %s",
                            aadsts, description, trace_id, correlation_id, timestamp);
  else
    text = g_strdup (description);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, error);
  json_builder_set_member_name (builder, "error_description");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "error_codes");
  json_builder_begin_array (builder);
  if (aadsts != 0)
    json_builder_add_int_value (builder, aadsts);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "timestamp");
  json_builder_add_string_value (builder, timestamp);
  json_builder_set_member_name (builder, "trace_id");
  json_builder_add_string_value (builder, trace_id);
  json_builder_set_member_name (builder, "correlation_id");
  json_builder_add_string_value (builder, correlation_id);
  if (aadsts != 0)
    {
      g_autofree char *uri = g_strdup_printf ("https://login.microsoftonline.com/error?code=%u",
                                              aadsts);

      json_builder_set_member_name (builder, "error_uri");
      json_builder_add_string_value (builder, uri);
    }
  if (suberror != NULL)
    {
      json_builder_set_member_name (builder, "suberror");
      json_builder_add_string_value (builder, suberror);
    }
  json_builder_end_object (builder);

  attest_sandbox_respond_json (msg, status, builder);
}

void
attest_sandbox_entra_respond_missing (SoupServerMessage *msg,
                                      const char        *name)
{
  g_autofree char *description =
    g_strdup_printf ("The request body must contain the following parameter: '%s'.", name);

  attest_sandbox_entra_respond_error (msg, 400, "invalid_request", 900144, NULL, description);
}

static gboolean
scope_contains (const char *scope,
                const char *wanted)
{
  g_auto(GStrv) scopes = NULL;

  if (scope == NULL)
    return FALSE;

  scopes = g_strsplit_set (scope, " ", -1);

  return g_strv_contains ((const char * const *) scopes, wanted);
}

/* Issues the token answer, unless a switch makes Entra refuse. */
static void
respond_tokens (AttestSandboxEntra *self,
                SoupServerMessage  *msg,
                const char         *client_id,
                const char         *scope)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *access_token = NULL;

  if (self->faults & ATTEST_SANDBOX_ENTRA_FAULT_MFA_REQUIRED)
    {
      attest_sandbox_entra_respond_error (msg, 400, "invalid_grant", 50076, "basic_action",
                                          "Due to a configuration change made by your "
                                          "administrator, or because you moved to a new "
                                          "location, you must use multi-factor authentication "
                                          "to access 'fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd'.");
      return;
    }

  if (self->faults & ATTEST_SANDBOX_ENTRA_FAULT_CONSENT_REQUIRED)
    {
      g_autofree char *description =
        g_strdup_printf ("The user or administrator has not consented to use the application "
                         "with ID '%s'. Send an interactive authorization request for this user "
                         "and resource.", client_id);

      attest_sandbox_entra_respond_error (msg, 400, "invalid_grant", 65001, "consent_required",
                                          description);
      return;
    }

  access_token = attest_sandbox_tenant_mint_access_token (self->tenant, client_id,
                                                         self->token_lifetime);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, "Bearer");
  json_builder_set_member_name (builder, "scope");
  json_builder_add_string_value (builder, ATTEST_SANDBOX_PARTNER_CENTER_AUDIENCE
                                          "/user_impersonation");
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, self->token_lifetime);
  json_builder_set_member_name (builder, "ext_expires_in");
  json_builder_add_int_value (builder, self->token_lifetime);
  json_builder_set_member_name (builder, "access_token");
  json_builder_add_string_value (builder, access_token);

  if (scope_contains (scope, "offline_access"))
    {
      SandboxRefreshToken *record = g_new0 (SandboxRefreshToken, 1);
      char *refresh_token = attest_sandbox_new_opaque_token (48);

      record->client_id = g_strdup (client_id);
      record->scope = g_strdup (scope);
      g_hash_table_insert (self->refresh_tokens, refresh_token, record);
      json_builder_set_member_name (builder, "refresh_token");
      json_builder_add_string_value (builder, refresh_token);
    }

  if (scope_contains (scope, "openid"))
    {
      g_autofree char *id_token = attest_sandbox_tenant_mint_id_token (self->tenant, client_id,
                                                                      self->token_lifetime);

      json_builder_set_member_name (builder, "id_token");
      json_builder_add_string_value (builder, id_token);
    }
  json_builder_end_object (builder);

  attest_sandbox_respond_json (msg, 200, builder);
}

static char *
s256 (const char *verifier)
{
  guint8 digest[32];
  gsize length = sizeof digest;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (checksum, (const guchar *) verifier, -1);
  g_checksum_get_digest (checksum, digest, &length);

  return attest_base64url_encode (digest, length);
}

static void
grant_authorization_code (AttestSandboxEntra *self,
                          SoupServerMessage  *msg,
                          GHashTable         *form,
                          const char         *client_id)
{
  const char *code_text = g_hash_table_lookup (form, "code");
  const char *redirect_uri = g_hash_table_lookup (form, "redirect_uri");
  const char *verifier = g_hash_table_lookup (form, "code_verifier");
  g_autofree char *challenge = NULL;
  SandboxCode *code;

  if (code_text == NULL)
    {
      attest_sandbox_entra_respond_missing (msg, "code");
      return;
    }
  if (redirect_uri == NULL)
    {
      attest_sandbox_entra_respond_missing (msg, "redirect_uri");
      return;
    }

  code = g_hash_table_lookup (self->codes, code_text);
  if (code == NULL)
    {
      attest_sandbox_entra_respond_error (msg, 400, "invalid_grant", 70000, NULL,
                                          "The provided value for the 'code' parameter is "
                                          "not valid.");
      return;
    }

  if (code->used)
    {
      attest_sandbox_entra_respond_error (msg, 400, "invalid_grant", 54005, NULL,
                                          "OAuth2 Authorization code was already redeemed, "
                                          "please retry with a new valid code or use an "
                                          "existing refresh token.");
      return;
    }

  /* A code is spent by its first redemption, whatever comes of it. */
  code->used = TRUE;

  if (g_get_monotonic_time () >= code->expires_at)
    {
      attest_sandbox_entra_respond_error (msg, 400, "invalid_grant", 70008, NULL,
                                          "The provided authorization code or refresh "
                                          "token has expired due to inactivity. Send a new "
                                          "interactive authorization request for this user "
                                          "and resource.");
      return;
    }

  if (!g_str_equal (code->client_id, client_id))
    {
      attest_sandbox_entra_respond_error (msg, 400, "invalid_grant", 70000, NULL,
                                          "The provided authorization code was issued to a "
                                          "different client.");
      return;
    }

  if (!g_str_equal (code->redirect_uri, redirect_uri))
    {
      g_autofree char *description =
        g_strdup_printf ("The reply address '%s' does not match the reply address '%s' "
                         "provided when requesting Authorization code.",
                         redirect_uri, code->redirect_uri);

      attest_sandbox_entra_respond_error (msg, 400, "invalid_grant", 500112, NULL,
                                          description);
      return;
    }

  if (verifier == NULL)
    {
      attest_sandbox_entra_respond_missing (msg, "code_verifier");
      return;
    }

  challenge = s256 (verifier);
  if (!g_str_equal (challenge, code->challenge))
    {
      attest_sandbox_entra_respond_error (msg, 400, "invalid_grant", 50148, NULL,
                                          "The code_verifier does not match the "
                                          "code_challenge supplied in the authorization "
                                          "request for PKCE.");
      return;
    }

  respond_tokens (self, msg, client_id, code->scope);
}

static void
grant_refresh_token (AttestSandboxEntra *self,
                     SoupServerMessage  *msg,
                     GHashTable         *form,
                     const char         *client_id)
{
  const char *token = g_hash_table_lookup (form, "refresh_token");
  g_autofree char *scope = NULL;
  SandboxRefreshToken *record;

  if (token == NULL)
    {
      attest_sandbox_entra_respond_missing (msg, "refresh_token");
      return;
    }

  record = g_hash_table_lookup (self->refresh_tokens, token);
  if (record == NULL)
    {
      attest_sandbox_entra_respond_error (msg, 400, "invalid_grant", 70000, NULL,
                                          "The provided value for the 'refresh_token' "
                                          "parameter is not valid: it has been used or "
                                          "revoked.");
      return;
    }

  if (!g_str_equal (record->client_id, client_id))
    {
      attest_sandbox_entra_respond_error (msg, 400, "invalid_grant", 70000, NULL,
                                          "The refresh token was issued to a different "
                                          "client.");
      return;
    }

  /* Rotation: the token just used is spent, the answer carries its successor. */
  scope = g_strdup (record->scope);
  g_hash_table_remove (self->refresh_tokens, token);

  respond_tokens (self, msg, client_id, scope);
}

static void
grant_device_code (AttestSandboxEntra *self,
                   SoupServerMessage  *msg,
                   GHashTable         *form,
                   const char         *client_id)
{
  g_autofree char *scope = NULL;

  if (self->faults & ATTEST_SANDBOX_ENTRA_FAULT_PUBLIC_CLIENT_DISABLED)
    {
      attest_sandbox_entra_respond_error (msg, 401, "invalid_client", 7000218, NULL,
                                          "The request body must contain the following "
                                          "parameter: 'client_assertion' or 'client_secret'.");
      return;
    }

  scope = attest_sandbox_device_codes_redeem (self->device_codes, msg, form, client_id);
  if (scope != NULL)
    respond_tokens (self, msg, client_id, scope);
}

static void
start_device_code (AttestSandboxEntra *self,
                   SoupServerMessage  *msg)
{
  g_autofree char *verification_uri = g_strconcat (self->uri, "/devicelogin", NULL);
  AttestSandboxDeviceCodeStart start = ATTEST_SANDBOX_DEVICE_CODE_PENDING;

  if (self->auto_approve)
    start = (self->faults & ATTEST_SANDBOX_ENTRA_FAULT_USER_CANCELS)
            ? ATTEST_SANDBOX_DEVICE_CODE_DECLINED : ATTEST_SANDBOX_DEVICE_CODE_APPROVED;

  attest_sandbox_device_codes_start (self->device_codes, msg, verification_uri, start);
}

static void
handle_token (AttestSandboxEntra *self,
              SoupServerMessage  *msg,
              const char         *tenant)
{
  g_autoptr(GHashTable) form = NULL;
  const char *grant_type;
  const char *client_id;

  if (!g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      attest_sandbox_entra_respond_error (msg, 405, "invalid_request", 900561, NULL,
                                          "The endpoint only accepts POST requests.");
      return;
    }

  form = attest_sandbox_decode_form (msg);
  grant_type = g_hash_table_lookup (form, "grant_type");
  client_id = g_hash_table_lookup (form, "client_id");

  if (grant_type == NULL)
    {
      attest_sandbox_entra_respond_missing (msg, "grant_type");
      return;
    }
  if (client_id == NULL)
    {
      attest_sandbox_entra_respond_missing (msg, "client_id");
      return;
    }

  if (g_str_equal (grant_type, "authorization_code"))
    grant_authorization_code (self, msg, form, client_id);
  else if (g_str_equal (grant_type, "refresh_token"))
    grant_refresh_token (self, msg, form, client_id);
  else if (g_str_equal (grant_type, DEVICE_GRANT_TYPE))
    grant_device_code (self, msg, form, client_id);
  else if (g_str_equal (grant_type, "client_credentials"))
    attest_sandbox_app_only_grant (self->app_only, msg, tenant, form, self->token_lifetime);
  else
    attest_sandbox_entra_respond_error (msg, 400, "unsupported_grant_type", 70003, NULL,
                                        "The app requested an unsupported grant type.");
}

/* The registration has "http://localhost" and "http://127.0.0.1" under
 * "Mobile and desktop applications"; the port does not count (reference
 * §3.4), the path does. */
static gboolean
redirect_uri_is_registered (const char *redirect_uri)
{
  g_autoptr(GUri) uri = g_uri_parse (redirect_uri, G_URI_FLAGS_NONE, NULL);
  const char *host;
  const char *path;

  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "http") != 0)
    return FALSE;

  host = g_uri_get_host (uri);
  path = g_uri_get_path (uri);

  return (g_strcmp0 (host, "localhost") == 0 || g_strcmp0 (host, "127.0.0.1") == 0)
         && (path[0] == '\0' || g_str_equal (path, "/"))
         && g_uri_get_query (uri) == NULL;
}

static void
redirect_with (SoupServerMessage *msg,
               const char        *redirect_uri,
               const char        *state,
               ...)
{
  g_autoptr(GString) location = g_string_new (redirect_uri);
  const char *name;
  va_list args;

  if (strchr (redirect_uri, '?') == NULL)
    g_string_append_c (location, '?');
  else
    g_string_append_c (location, '&');

  va_start (args, state);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_string_append_printf (location, "%s=", name);
      g_string_append_uri_escaped (location, value, NULL, FALSE);
      g_string_append_c (location, '&');
    }
  va_end (args);

  if (state != NULL)
    {
      g_string_append (location, "state=");
      g_string_append_uri_escaped (location, state, NULL, FALSE);
    }
  else
    g_string_truncate (location, location->len - 1);

  soup_server_message_set_redirect (msg, 302, location->str);
}

static void
approve_authorization (AttestSandboxEntra *self,
                       SoupServerMessage  *msg,
                       GHashTable         *params)
{
  SandboxCode *code = g_new0 (SandboxCode, 1);
  char *code_text = attest_sandbox_new_opaque_token (48);

  code->client_id = g_strdup (g_hash_table_lookup (params, "client_id"));
  code->redirect_uri = g_strdup (g_hash_table_lookup (params, "redirect_uri"));
  code->challenge = g_strdup (g_hash_table_lookup (params, "code_challenge"));
  code->scope = g_strdup (g_hash_table_lookup (params, "scope"));
  code->expires_at = g_get_monotonic_time () + CODE_LIFETIME_SECONDS * G_USEC_PER_SEC;
  g_hash_table_insert (self->codes, code_text, code);

  redirect_with (msg, code->redirect_uri, g_hash_table_lookup (params, "state"),
                 "code", code_text, NULL);
}

static void
cancel_authorization (SoupServerMessage *msg,
                      GHashTable        *params)
{
  redirect_with (msg, g_hash_table_lookup (params, "redirect_uri"),
                 g_hash_table_lookup (params, "state"),
                 "error", "access_denied",
                 "error_description", "AADSTS65004: User declined to consent to access the app.",
                 NULL);
}

static void
show_sign_in_page (AttestSandboxEntra *self,
                   SoupServerMessage  *msg,
                   const char         *action,
                   GHashTable         *params)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autofree char *user = g_markup_escape_text (attest_sandbox_tenant_get_user (self->tenant), -1);
  g_autofree char *escaped_action = g_markup_escape_text (action, -1);
  GHashTableIter iter;
  gpointer key, value;

  g_string_append_printf (html, "<p>Sign in to the Attest sandbox as <b>%s</b>.</p>\n"
                                "<form method=\"post\" action=\"%s\">\n",
                          user, escaped_action);
  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *name = g_markup_escape_text (key, -1);
      g_autofree char *text = g_markup_escape_text (value, -1);

      g_string_append_printf (html, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n",
                              name, text);
    }
  g_string_append (html, "<button type=\"submit\" name=\"action\" value=\"approve\">"
                         "Sign in</button>\n"
                         "<button type=\"submit\" name=\"action\" "
                         "value=\"cancel\">Cancel</button>\n</form>");

  attest_sandbox_respond_html (msg, 200, "Sign in", html->str);
}

static void
show_error_page (SoupServerMessage *msg,
                 guint              aadsts,
                 const char        *description)
{
  g_autofree char *escaped = g_markup_escape_text (description, -1);
  g_autofree char *html = g_strdup_printf ("<p>AADSTS%u: %s</p>", aadsts, escaped);

  attest_sandbox_respond_html (msg, 400, "Sorry, but we’re having trouble signing you in.", html);
}

static void
handle_authorize (AttestSandboxEntra *self,
                  SoupServerMessage  *msg,
                  const char         *path,
                  GHashTable         *query)
{
  g_autoptr(GHashTable) form = NULL;
  gboolean posted = g_str_equal (soup_server_message_get_method (msg), "POST");
  GHashTable *params = query;
  const char *client_id;
  const char *redirect_uri;
  const char *response_type;
  const char *challenge;
  const char *challenge_method;
  const char *action;

  if (posted)
    params = form = attest_sandbox_decode_form (msg);
  if (params == NULL)
    {
      show_error_page (msg, 900144, "The request body must contain the following "
                                    "parameter: 'client_id'.");
      return;
    }

  client_id = g_hash_table_lookup (params, "client_id");
  redirect_uri = g_hash_table_lookup (params, "redirect_uri");
  response_type = g_hash_table_lookup (params, "response_type");
  challenge = g_hash_table_lookup (params, "code_challenge");
  challenge_method = g_hash_table_lookup (params, "code_challenge_method");

  if (client_id == NULL)
    {
      show_error_page (msg, 900144, "The request body must contain the following "
                                    "parameter: 'client_id'.");
      return;
    }

  if (redirect_uri == NULL
      || (self->faults & ATTEST_SANDBOX_ENTRA_FAULT_REDIRECT_URI_MISMATCH)
      || !redirect_uri_is_registered (redirect_uri))
    {
      g_autofree char *description =
        g_strdup_printf ("The redirect URI '%s' specified in the request does not match the "
                         "redirect URIs configured for the application '%s'. Make sure the "
                         "redirect URI sent in the request matches one added to your "
                         "application in the Azure portal.",
                         redirect_uri != NULL ? redirect_uri : "", client_id);

      show_error_page (msg, 50011, description);
      return;
    }

  if (g_strcmp0 (response_type, "code") != 0)
    {
      redirect_with (msg, redirect_uri, g_hash_table_lookup (params, "state"),
                     "error", "unsupported_response_type",
                     "error_description", "AADSTS700054: response_type 'code' is expected.",
                     NULL);
      return;
    }

  if (challenge == NULL || g_strcmp0 (challenge_method, "S256") != 0)
    {
      redirect_with (msg, redirect_uri, g_hash_table_lookup (params, "state"),
                     "error", "invalid_request",
                     "error_description",
                     "AADSTS9002325: Proof Key for Code Exchange is required: send "
                     "code_challenge with code_challenge_method S256.",
                     NULL);
      return;
    }

  action = posted ? g_hash_table_lookup (params, "action") : NULL;

  if (!posted && !self->auto_approve)
    {
      show_sign_in_page (self, msg, path, params);
      return;
    }

  if (g_strcmp0 (action, "cancel") == 0
      || (self->faults & ATTEST_SANDBOX_ENTRA_FAULT_USER_CANCELS))
    {
      cancel_authorization (msg, params);
      return;
    }

  approve_authorization (self, msg, params);
}

/* Returns FALSE when @path is none of Entra's. */
gboolean
attest_sandbox_entra_handle (AttestSandboxEntra *self,
                             SoupServerMessage  *msg,
                             const char         *path,
                             GHashTable         *query)
{
  g_auto(GStrv) parts = NULL;

  if (g_str_equal (path, "/devicelogin"))
    {
      attest_sandbox_device_codes_login_page (self->device_codes, msg);
      return TRUE;
    }

  /* "", tenant, "oauth2", "v2.0", endpoint */
  parts = g_strsplit (path, "/", 6);
  if (g_strv_length (parts) != 5 || parts[1][0] == '\0'
      || !g_str_equal (parts[2], "oauth2") || !g_str_equal (parts[3], "v2.0"))
    return FALSE;

  if (g_str_equal (parts[4], "authorize"))
    handle_authorize (self, msg, path, query);
  else if (g_str_equal (parts[4], "token"))
    handle_token (self, msg, parts[1]);
  else if (g_str_equal (parts[4], "devicecode"))
    start_device_code (self, msg);
  else
    return FALSE;

  return TRUE;
}
