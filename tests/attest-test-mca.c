/* attest-test-mca.c: a sandbox, a client with both credentials and a
 * ledger, for the tests of Microsoft's current flow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "attest-static-token-provider.h"
#include "attest-test-mca.h"
#include "attest-test-utils.h"

/* A client of the sandbox's partner with both of its credentials (the
 * app's from @app_tokens, or a token the sandbox mints), and retries that
 * wait little. */
AttestPartnerClient *
attest_test_mca_new_client (AttestSandbox       *sandbox,
                            AttestTokenProvider *app_tokens)
{
  g_autofree char *user_token = attest_sandbox_mint_access_token (sandbox, 3600);
  g_autofree char *app_token = attest_sandbox_mint_app_token (sandbox, NULL);
  g_autoptr(AttestTokenProvider) user = attest_static_token_provider_new (user_token);
  g_autoptr(AttestTokenProvider) app = attest_static_token_provider_new (app_token);
  g_autoptr(AttestRetryPolicy) policy = attest_retry_policy_new ();
  g_autoptr(GError) error = NULL;
  AttestPartnerClient *client;

  client = attest_partner_client_new (attest_sandbox_get_uri (sandbox), user, &error);
  g_assert_no_error (error);
  attest_partner_client_set_app_token_provider (client, app_tokens != NULL ? app_tokens : app);
  attest_retry_policy_set_delays (policy, 1, 5);
  attest_partner_client_set_retry_policy (client, policy);

  return client;
}

/* Whether the sandbox's customer @index needs acceptance, as its seed says. */
gboolean
attest_test_mca_needs_acceptance (AttestSandbox *sandbox,
                                  guint          index)
{
  AttestSandboxMcaSeed seed = attest_sandbox_get_customer_mca_seed (
    sandbox, attest_sandbox_get_customer (sandbox, index)->customer_id);

  return seed == ATTEST_SANDBOX_MCA_SEED_OLDER_ONLY || seed == ATTEST_SANDBOX_MCA_SEED_NONE;
}

/* What a status check would have recorded: each customer's state as its
 * seed makes it. */
void
attest_test_mca_record_states (AttestSandbox   *sandbox,
                               AttestMcaLedger *ledger)
{
  for (guint i = 0; i < attest_sandbox_get_customer_count (sandbox); i++)
    {
      const AttestSandboxCustomer *customer = attest_sandbox_get_customer (sandbox, i);
      AttestMcaState state = ATTEST_MCA_STATE_NEEDS_ACCEPTANCE;
      g_autoptr(GError) error = NULL;

      switch (attest_sandbox_get_customer_mca_seed (sandbox, customer->customer_id))
        {
        case ATTEST_SANDBOX_MCA_SEED_ACCEPTED_DIRECTLY:
          state = ATTEST_MCA_STATE_ACCEPTED_DIRECTLY;
          break;
        case ATTEST_SANDBOX_MCA_SEED_ATTESTED:
          state = ATTEST_MCA_STATE_ATTESTED;
          break;
        case ATTEST_SANDBOX_MCA_SEED_OLDER_ONLY:
        case ATTEST_SANDBOX_MCA_SEED_NONE:
        default:
          break;
        }
      g_assert_true (attest_mca_ledger_record_state (ledger, customer->customer_id, state,
                                                     customer->company_name, NULL, NULL,
                                                     &error));
      g_assert_no_error (error);
    }
}

/* A sandbox of @n_customers from @seed, a client of it, and a ledger of
 * its partner in a folder of its own, with the states recorded. */
void
attest_test_mca_setup (AttestTestMca *mca,
                       guint32        seed,
                       guint          n_customers)
{
  g_autoptr(GError) error = NULL;
  static guint counter;
  g_autofree char *name = g_strdup_printf ("mca-%u", ++counter);

  mca->sandbox = attest_sandbox_new (seed);
  attest_sandbox_set_customer_count (mca->sandbox, n_customers);
  g_assert_true (attest_sandbox_start (mca->sandbox, 0, &error));
  g_assert_no_error (error);
  mca->client = attest_test_mca_new_client (mca->sandbox, NULL);
  mca->directory = g_build_filename (attest_test_get_root (), name, NULL);
  mca->ledger = attest_mca_ledger_open (mca->directory,
                                        attest_sandbox_get_tenant_id (mca->sandbox), &error);
  g_assert_no_error (error);
  mca->links = g_build_filename (mca->directory, "links.csv", NULL);
  attest_test_mca_record_states (mca->sandbox, mca->ledger);
}

void
attest_test_mca_teardown (AttestTestMca *mca)
{
  g_clear_object (&mca->ledger);
  g_clear_object (&mca->client);
  g_clear_object (&mca->sandbox);
  attest_test_remove_tree (mca->directory);
  g_clear_pointer (&mca->directory, g_free);
  g_clear_pointer (&mca->links, g_free);
}

guint
attest_test_mca_count_needing (AttestSandbox *sandbox)
{
  guint n = 0;

  for (guint i = 0; i < attest_sandbox_get_customer_count (sandbox); i++)
    n += attest_test_mca_needs_acceptance (sandbox, i);

  return n;
}

/* The index of the first customer that needs acceptance, from @from. */
guint
attest_test_mca_find_needing (AttestSandbox *sandbox,
                              guint          from)
{
  for (guint i = from; i < attest_sandbox_get_customer_count (sandbox); i++)
    {
      if (attest_test_mca_needs_acceptance (sandbox, i))
        return i;
    }

  g_assert_not_reached ();
}

/* The row of the sandbox's customer @index: with its contact (and an
 * email that is valid), and the file's own company, country and language,
 * when @full; with nothing but its ID otherwise (the billing profile says
 * the rest). */
AttestMcaRow *
attest_test_mca_new_row (AttestSandbox *sandbox,
                         guint          index,
                         gboolean       full)
{
  const AttestSandboxCustomer *customer = attest_sandbox_get_customer (sandbox, index);
  AttestMcaRow *row = attest_mca_row_new (index + 2, customer->customer_id);

  if (full)
    {
      attest_mca_row_set (row, ATTEST_MCA_DETAIL_FIRST_NAME, customer->first_name);
      attest_mca_row_set (row, ATTEST_MCA_DETAIL_LAST_NAME, customer->last_name);
      attest_mca_row_set (row, ATTEST_MCA_DETAIL_EMAIL, "signatory@contoso.com");
      attest_mca_row_set (row, ATTEST_MCA_DETAIL_PHONE_NUMBER, "");
      attest_mca_row_set (row, ATTEST_MCA_DETAIL_COMPANY_NAME, customer->company_name);
      attest_mca_row_set (row, ATTEST_MCA_DETAIL_COUNTRY, "FR");
      attest_mca_row_set (row, ATTEST_MCA_DETAIL_LANGUAGE, "fr-FR");
    }

  return row;
}

/* A row for every customer, with every value: each one that needs
 * acceptance is requested. */
GPtrArray *
attest_test_mca_full_rows (AttestSandbox *sandbox)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_mca_row_free);

  for (guint i = 0; i < attest_sandbox_get_customer_count (sandbox); i++)
    g_ptr_array_add (rows, attest_test_mca_new_row (sandbox, i, TRUE));

  return rows;
}

void
attest_test_mca_prepare (AttestMcaRequest *request,
                         GPtrArray        *rows)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  attest_mca_request_prepare_async (request, rows, NULL, attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);
  g_assert_true (attest_mca_request_prepare_finish (request, result, &error));
  g_assert_no_error (error);
}

/* Runs @request to its end; returns whether it finished, with its error. */
gboolean
attest_test_mca_run (AttestMcaRequest  *request,
                     const char        *links,
                     GError           **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  attest_mca_request_run_async (request, links, NULL, attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);

  return attest_mca_request_run_finish (request, result, error);
}

/* Prepares and runs a request run of @rows with @flags, to its end, which
 * must finish it. */
AttestMcaRequest *
attest_test_mca_request (AttestTestMca         *mca,
                         GPtrArray             *rows,
                         AttestMcaRequestFlags  flags)
{
  AttestMcaRequest *request = attest_mca_request_new (mca->client, mca->ledger, flags);
  g_autoptr(GError) error = NULL;

  attest_test_mca_prepare (request, rows);
  g_assert_true (attest_test_mca_run (request, mca->links, &error));
  g_assert_no_error (error);

  return request;
}

/* Runs @completion to its end; returns whether it finished, with its
 * error. */
gboolean
attest_test_mca_complete (AttestMcaCompletion  *completion,
                          const char           *results,
                          GError              **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  attest_mca_completion_run_async (completion, results, NULL, attest_test_store_result, &slot);
  result = attest_test_wait_result (&slot);

  return attest_mca_completion_run_finish (completion, result, error);
}

/* The links or results file at @path, which must have no problem. */
AttestMcaLinks *
attest_test_mca_read_links (const char *path)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (
                                    (GDestroyNotify) attest_mca_links_problem_free);
  g_autoptr(GError) error = NULL;
  AttestMcaLinks *links = attest_mca_links_read (path, problems, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  return links;
}

const char *
attest_test_mca_cell (AttestMcaLinks       *links,
                      guint                 row,
                      AttestMcaLinksColumn  column)
{
  return ((AttestMcaLinkRow *) g_ptr_array_index (links->rows, row))->values[column];
}
