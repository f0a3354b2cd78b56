/* attest-token-store.c: where the refresh token lives between runs
 *
 * One keyring item per authority, tenant, application and user, so that
 * two partner tenants or two app registrations never share a sign-in.
 * Every call into the keyring is here; the session keeps only the token
 * logic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-token-store"

#include "config.h"

#include "attest-authority.h"
#include "attest-oauth-response.h"
#include "attest-token-store.h"

const SecretSchema *
attest_token_store_get_schema (void)
{
  static const SecretSchema schema = {
    .name = "io.github.attest.Attest.Token",
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { .name = "authority", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = "tenant", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = "client-id", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = "user", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = NULL, .type = 0 },
    },
  };

  return &schema;
}

/* The attributes of one sign-in's item. User names, tenant domains and
 * GUIDs compare without regard to case, so they are stored in lower case. */
GHashTable *
attest_token_store_new_attributes (const char *authority,
                                   const char *tenant,
                                   const char *client_id,
                                   const char *user)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_return_val_if_fail (authority != NULL && tenant != NULL, NULL);
  g_return_val_if_fail (client_id != NULL && user != NULL, NULL);

  g_hash_table_insert (attributes, "authority", attest_authority_dup_normalized (authority));
  g_hash_table_insert (attributes, "tenant", g_ascii_strdown (tenant, -1));
  g_hash_table_insert (attributes, "client-id", g_ascii_strdown (client_id, -1));
  g_hash_table_insert (attributes, "user", g_utf8_strdown (user, -1));

  return attributes;
}

/* Keeps @refresh_token in the default collection under @attributes (from
 * attest_token_store_new_attributes()), replacing the one there. */
void
attest_token_store_store_async (GHashTable          *attributes,
                                const char          *label,
                                const char          *refresh_token,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (attributes != NULL && label != NULL && refresh_token != NULL);

  secret_password_storev (attest_token_store_get_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                          label, refresh_token, cancellable, callback, user_data);
}

gboolean
attest_token_store_store_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return secret_password_store_finish (result, error);
}

/* Finds the refresh token kept under @attributes. */
void
attest_token_store_lookup_async (GHashTable          *attributes,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (attributes != NULL);

  secret_password_lookupv (attest_token_store_get_schema (), attributes, cancellable, callback,
                           user_data);
}

/* The refresh token (free with attest_secret_free()), or NULL: with an
 * error when the keyring could not be asked, without one when it holds
 * none. */
char *
attest_token_store_lookup_finish (GAsyncResult  *result,
                                  GError       **error)
{
  char *found = secret_password_lookup_finish (result, error);
  char *token;

  if (found == NULL)
    return NULL;

  /* libsecret's memory must go back through libsecret. */
  token = g_strdup (found);
  secret_password_free (found);

  return token;
}

/* Removes the refresh token kept under @attributes. */
void
attest_token_store_clear_async (GHashTable          *attributes,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (attributes != NULL);

  secret_password_clearv (attest_token_store_get_schema (), attributes, cancellable, callback,
                          user_data);
}

/* FALSE with no error when there was nothing to remove. */
gboolean
attest_token_store_clear_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return secret_password_clear_finish (result, error);
}
