/* attest-app-credential.c: the AppOnly credential, the partner's web app
 * and its client secret, and where it lives between runs: the keyring
 *
 * One keyring item per authority and partner tenant: the web app's
 * Application ID is an attribute, the client secret the item's secret.
 * Storing a credential replaces the one the tenant had, so a lookup by
 * tenant finds one. The secret is entered once and read back from here
 * only; it never goes to the settings, a file or a log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-app-credential"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-app-credential.h"
#include "attest-authority.h"
#include "attest-oauth-response.h"

/* Takes the three identifiers as they were given: the attributes put
 * them in the form the keyring keeps. */
AttestAppCredential *
attest_app_credential_new (const char *authority,
                           const char *tenant_id,
                           const char *application_id,
                           const char *secret)
{
  AttestAppCredential *credential;

  g_return_val_if_fail (authority != NULL && tenant_id != NULL, NULL);
  g_return_val_if_fail (application_id != NULL && secret != NULL, NULL);

  credential = g_new0 (AttestAppCredential, 1);
  credential->authority = attest_authority_dup_normalized (authority);
  credential->tenant_id = g_ascii_strdown (tenant_id, -1);
  credential->application_id = g_ascii_strdown (application_id, -1);
  credential->secret = g_strdup (secret);

  return credential;
}

AttestAppCredential *
attest_app_credential_copy (const AttestAppCredential *credential)
{
  g_return_val_if_fail (credential != NULL, NULL);

  return attest_app_credential_new (credential->authority, credential->tenant_id,
                                    credential->application_id, credential->secret);
}

void
attest_app_credential_free (AttestAppCredential *credential)
{
  if (credential == NULL)
    return;

  g_free (credential->authority);
  g_free (credential->tenant_id);
  g_free (credential->application_id);
  attest_secret_free (credential->secret);
  g_free (credential);
}

const SecretSchema *
attest_app_credential_get_schema (void)
{
  static const SecretSchema schema = {
    .name = "io.github.attest.Attest.AppCredential",
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { .name = "application-id", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = "tenant-id", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = "authority", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = NULL, .type = 0 },
    },
  };

  return &schema;
}

/* The attributes of the items to find: @tenant_id and @application_id
 * may be NULL to match any. GUIDs compare without regard to case, so
 * they are kept in lower case. */
GHashTable *
attest_app_credential_new_attributes (const char *authority,
                                      const char *tenant_id,
                                      const char *application_id)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_return_val_if_fail (authority != NULL, NULL);

  g_hash_table_insert (attributes, "authority", attest_authority_dup_normalized (authority));
  if (tenant_id != NULL)
    g_hash_table_insert (attributes, "tenant-id", g_ascii_strdown (tenant_id, -1));
  if (application_id != NULL)
    g_hash_table_insert (attributes, "application-id", g_ascii_strdown (application_id, -1));

  return attributes;
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_debug ("Stored the AppOnly credential in the keyring");
  g_task_return_boolean (task, TRUE);
}

static void
on_tenant_cleared (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const AttestAppCredential *credential = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GError *error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  attributes = attest_app_credential_new_attributes (credential->authority, credential->tenant_id,
                                                     credential->application_id);
  /* Translators: the keyring item's name; %s is the Application ID (a GUID)
   * of the partner's web app in Partner Center. */
  label = g_strdup_printf (_("Attest AppOnly credential %s"), credential->application_id);
  secret_password_storev (attest_app_credential_get_schema (), attributes,
                          SECRET_COLLECTION_DEFAULT, label, credential->secret, cancellable,
                          on_stored, g_steal_pointer (&task));
}

/* Keeps @credential in the default collection, in place of the one its
 * tenant had. */
void
attest_app_credential_store_async (const AttestAppCredential *credential,
                                   GCancellable              *cancellable,
                                   GAsyncReadyCallback        callback,
                                   gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) tenant = NULL;

  g_return_if_fail (credential != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_app_credential_store_async);
  g_task_set_task_data (task, attest_app_credential_copy (credential),
                        (GDestroyNotify) attest_app_credential_free);

  tenant = attest_app_credential_new_attributes (credential->authority, credential->tenant_id,
                                                 NULL);
  secret_password_clearv (attest_app_credential_get_schema (), tenant, cancellable,
                          on_tenant_cleared, g_steal_pointer (&task));
}

gboolean
attest_app_credential_store_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_secret_found (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GHashTable *attributes = g_task_get_task_data (task);
  GError *error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (secret == NULL)
    {
      /* Gone between the search and the lookup: there is none. */
      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, NULL, NULL);
      return;
    }

  g_task_return_pointer (task,
                         attest_app_credential_new (g_hash_table_lookup (attributes, "authority"),
                                                    g_hash_table_lookup (attributes, "tenant-id"),
                                                    g_hash_table_lookup (attributes,
                                                                         "application-id"),
                                                    secret),
                         (GDestroyNotify) attest_app_credential_free);
  secret_password_free (secret);
}

static gboolean
has_every_attribute (GHashTable *attributes)
{
  return g_hash_table_contains (attributes, "authority")
         && g_hash_table_contains (attributes, "tenant-id")
         && g_hash_table_contains (attributes, "application-id");
}

static void
on_items_found (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autolist(SecretRetrievable) items = NULL;
  SecretRetrievable *newest = NULL;
  GHashTable *attributes;
  GError *error = NULL;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* One per tenant; with no tenant asked for, the one stored last. */
  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) found = secret_retrievable_get_attributes (l->data);

      if (has_every_attribute (found)
          && (newest == NULL
              || secret_retrievable_get_modified (l->data)
                 > secret_retrievable_get_modified (newest)))
        newest = l->data;
    }

  if (newest == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  attributes = secret_retrievable_get_attributes (newest);
  g_task_set_task_data (task, attributes, (GDestroyNotify) g_hash_table_unref);
  secret_password_lookupv (attest_app_credential_get_schema (), attributes, cancellable,
                           on_secret_found, g_steal_pointer (&task));
}

/* Finds the credential kept for @authority and @tenant_id, or, with
 * @tenant_id NULL, the last one kept for @authority. */
void
attest_app_credential_lookup_async (const char          *authority,
                                    const char          *tenant_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (authority != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_app_credential_lookup_async);

  attributes = attest_app_credential_new_attributes (authority, tenant_id, NULL);
  secret_password_searchv (attest_app_credential_get_schema (), attributes,
                           SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK, cancellable, on_items_found,
                           g_steal_pointer (&task));
}

/* The credential (free with attest_app_credential_free()), or NULL: with
 * an error when the keyring could not be asked, without one when it holds
 * none. */
AttestAppCredential *
attest_app_credential_lookup_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Removes @credential (its secret is not looked at) from the keyring. */
void
attest_app_credential_clear_async (const AttestAppCredential *credential,
                                   GCancellable              *cancellable,
                                   GAsyncReadyCallback        callback,
                                   gpointer                   user_data)
{
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (credential != NULL);

  attributes = attest_app_credential_new_attributes (credential->authority,
                                                     credential->tenant_id,
                                                     credential->application_id);
  secret_password_clearv (attest_app_credential_get_schema (), attributes, cancellable, callback,
                          user_data);
}

/* FALSE with no error when there was nothing to remove. */
gboolean
attest_app_credential_clear_finish (GAsyncResult  *result,
                                    GError       **error)
{
  return secret_password_clear_finish (result, error);
}
