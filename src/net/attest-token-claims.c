/* attest-token-claims.c: what an access token says about who holds it
 *
 * The payload of a JWT access token, read without checking its signature:
 * Partner Center checks that. We only read it to learn the partner tenant
 * (tid, which the bulk API wants as partnerId), the expiry, and whether
 * multi-factor authentication was used (amr), as Microsoft's tool does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-token-claims"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "attest-base64url.h"
#include "attest-json.h"
#include "attest-token-claims.h"

G_DEFINE_QUARK (attest-token-claims-error-quark, attest_token_claims_error)

void
attest_token_claims_free (AttestTokenClaims *claims)
{
  if (claims == NULL)
    return;

  g_free (claims->tenant_id);
  g_free (claims->object_id);
  g_free (claims->user);
  g_free (claims->app_id);
  g_free (claims);
}

static char *
dup_string_claim (JsonObject *payload,
                  const char *first_name,
                  ...)
{
  const char *name = first_name;
  va_list names;

  va_start (names, first_name);
  while (name != NULL)
    {
      const char *value = attest_json_get_string (payload, name);

      if (value != NULL)
        {
          va_end (names);
          return g_strdup (value);
        }
      name = va_arg (names, const char *);
    }
  va_end (names);

  return NULL;
}

static gboolean
amr_has_mfa (JsonObject *payload)
{
  JsonNode *node = json_object_get_member (payload, "amr");
  JsonArray *amr;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  amr = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (amr); i++)
    {
      JsonNode *entry = json_array_get_element (amr, i);

      if (JSON_NODE_HOLDS_VALUE (entry) && json_node_get_value_type (entry) == G_TYPE_STRING
          && g_str_has_suffix (json_node_get_string (entry), "mfa"))
        return TRUE;
    }

  return FALSE;
}

AttestTokenClaims *
attest_token_claims_parse (const char  *token,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) parts = NULL;
  g_autofree guint8 *payload_text = NULL;
  g_autoptr(AttestTokenClaims) claims = NULL;
  JsonObject *payload;
  JsonNode *root;
  gsize length = 0;

  g_return_val_if_fail (token != NULL, NULL);

  parts = g_strsplit (token, ".", 4);
  if (g_strv_length (parts) != 3
      || (payload_text = attest_base64url_decode (parts[1], &length)) == NULL
      || !json_parser_load_from_data (parser, (const char *) payload_text, length, NULL)
      || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, ATTEST_TOKEN_CLAIMS_ERROR, ATTEST_TOKEN_CLAIMS_ERROR_MALFORMED,
                           _("The access token is not a JSON Web Token."));
      return NULL;
    }

  payload = json_node_get_object (root);
  claims = g_new0 (AttestTokenClaims, 1);
  claims->tenant_id = dup_string_claim (payload, "tid", NULL);
  claims->object_id = dup_string_claim (payload, "oid", NULL);
  claims->user = dup_string_claim (payload, "upn", "unique_name", "preferred_username", NULL);
  claims->app_id = dup_string_claim (payload, "appid", "azp", NULL);
  claims->mfa = amr_has_mfa (payload);

  attest_json_get_int (payload, "exp", &claims->expires_at);

  return g_steal_pointer (&claims);
}
