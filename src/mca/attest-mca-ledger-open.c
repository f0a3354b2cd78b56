/* attest-mca-ledger-open.c: opening the ledger of the partner a Partner
 * Center client works for
 *
 * The ledger is the partner tenant's. Which tenant that is, the client's
 * own token says (its "tid"): the user's when the client has the App+User
 * sign-in, else the app's, so that whatever signed in, the window, the
 * commands and the tests all keep one ledger per partner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-ledger-open"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-mca-ledger.h"
#include "attest-token-claims.h"

typedef struct
{
  char                *directory;
  AttestTokenProvider *tokens;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->directory);
  g_clear_object (&data->tokens);
  g_free (data);
}

static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  AttestMcaLedger *ledger = attest_mca_ledger_open_finish (result, &error);

  if (ledger == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ledger, g_object_unref);
}

static void
on_token (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OpenData *data = g_task_get_task_data (task);
  g_autoptr(AttestTokenClaims) claims = NULL;
  g_autofree char *token = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  token = attest_token_provider_get_token_finish (data->tokens, result, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  claims = attest_token_claims_parse (token, NULL);
  memset (token, 0, strlen (token));
  if (claims == NULL || claims->tenant_id == NULL)
    {
      g_task_return_new_error (task, ATTEST_TOKEN_PROVIDER_ERROR,
                               ATTEST_TOKEN_PROVIDER_ERROR_NOT_SIGNED_IN,
                               _("The access token does not name the partner tenant. Sign in "
                                 "again."));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  attest_mca_ledger_open_async (data->directory, claims->tenant_id, cancellable, on_opened,
                                g_steal_pointer (&task));
}

/* Opens, on a thread, the ledger of the partner tenant @client is signed
 * in to, in @directory (NULL: attest_mca_ledger_dup_directory()). Fails as
 * getting a token does, when the client has neither credential. */
void
attest_mca_ledger_open_for_client_async (AttestPartnerClient *client,
                                         const char          *directory,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AttestTokenProvider *tokens;
  OpenData *data;

  g_return_if_fail (ATTEST_IS_PARTNER_CLIENT (client));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_mca_ledger_open_for_client_async);

  tokens = attest_partner_client_get_token_provider (client);
  if (tokens == NULL)
    tokens = attest_partner_client_get_app_token_provider (client);
  if (tokens == NULL)
    {
      g_task_return_error (task, attest_partner_error_new_no_credential (
                                   "GET", "/v1/customers", ATTEST_PARTNER_CREDENTIAL_EITHER));
      return;
    }

  data = g_new0 (OpenData, 1);
  data->directory = g_strdup (directory);
  data->tokens = g_object_ref (tokens);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);

  attest_token_provider_get_token_async (tokens, ATTEST_TOKEN_FLAGS_NONE, cancellable, on_token,
                                         g_steal_pointer (&task));
}

AttestMcaLedger *
attest_mca_ledger_open_for_client_finish (GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
