/* attest-mca-ledger-model.c: what the ledger's lines say, in memory
 *
 * The same functions apply a change when it is recorded and when its line
 * is read back, so that a ledger opened again knows exactly what the one
 * that wrote it knew. Customers are values: a change puts a new one in
 * place of the old.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-ledger-model"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-mca-ledger-private.h"

AttestMcaModel *
_attest_mca_model_new (void)
{
  AttestMcaModel *model = g_new0 (AttestMcaModel, 1);

  model->customers = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_mca_customer_unref);
  model->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  model->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_mca_run_unref);
  model->run_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return model;
}

void
_attest_mca_model_free (AttestMcaModel *model)
{
  if (model == NULL)
    return;

  g_ptr_array_unref (model->customers);
  g_hash_table_unref (model->index);
  g_ptr_array_unref (model->runs);
  g_hash_table_unref (model->run_index);
  g_free (model);
}

/* Tenant IDs are GUIDs, which Partner Center and spreadsheets write in
 * either case. */
static char *
customer_key (const char *customer_id)
{
  return g_ascii_strdown (customer_id, -1);
}

static guint
find_customer (AttestMcaModel *model,
               const char     *customer_id)
{
  g_autofree char *key = customer_key (customer_id);

  return GPOINTER_TO_UINT (g_hash_table_lookup (model->index, key));
}

/* The customer, borrowed, or NULL. */
AttestMcaCustomer *
_attest_mca_model_lookup (AttestMcaModel *model,
                          const char     *customer_id)
{
  guint position = find_customer (model, customer_id);

  return position > 0 ? g_ptr_array_index (model->customers, position - 1) : NULL;
}

/* Puts @customer, which it takes, in place of the one with its ID, or
 * after all others. */
void
_attest_mca_model_put (AttestMcaModel    *model,
                       AttestMcaCustomer *customer)
{
  guint position = find_customer (model, customer->id);
  AttestMcaCustomer *old;

  model->n_pending += customer->pending != NULL;
  if (position == 0)
    {
      g_ptr_array_add (model->customers, customer);
      g_hash_table_insert (model->index, customer_key (customer->id),
                           GUINT_TO_POINTER (model->customers->len));
      return;
    }

  old = g_ptr_array_index (model->customers, position - 1);
  model->n_pending -= old->pending != NULL;
  model->customers->pdata[position - 1] = customer;
  attest_mca_customer_unref (old);
}

/* A copy of the customer to change, or a new one. */
static AttestMcaCustomer *
edit_customer (AttestMcaModel *model,
               const char     *customer_id)
{
  AttestMcaCustomer *customer = _attest_mca_model_lookup (model, customer_id);

  return customer != NULL ? _attest_mca_customer_copy (customer)
                          : _attest_mca_customer_new (customer_id);
}

static void
replace_string (char       **slot,
                const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

static void
replace_time (GDateTime **slot,
              GDateTime  *value)
{
  g_clear_pointer (slot, g_date_time_unref);
  *slot = value != NULL ? g_date_time_ref (value) : NULL;
}

/* A state seen by a check: a NULL @company_name leaves the one known. No
 * read shows a request (SPEC §13), and a completion can take minutes to
 * show, so a check that finds a customer in need of acceptance leaves one
 * that was requested, refused or done as it was, with its message. */
void
_attest_mca_model_apply_state (AttestMcaModel *model,
                               const char     *customer_id,
                               AttestMcaState  state,
                               const char     *company_name,
                               const char     *message,
                               GDateTime      *seen_at)
{
  AttestMcaCustomer *customer = edit_customer (model, customer_id);

  replace_time (&customer->seen_at, seen_at);
  if (state != ATTEST_MCA_STATE_NEEDS_ACCEPTANCE
      || (customer->state != ATTEST_MCA_STATE_REQUESTED
          && customer->state != ATTEST_MCA_STATE_REFUSED
          && customer->state != ATTEST_MCA_STATE_DONE))
    {
      customer->state = state;
      replace_string (&customer->message, message);
    }
  if (company_name != NULL)
    replace_string (&customer->company_name, company_name);

  _attest_mca_model_put (model, customer);
}

/* A billing profile as read: it replaces the one known, whatever state
 * the customer is in. */
void
_attest_mca_model_apply_profile (AttestMcaModel         *model,
                                 const char             *customer_id,
                                 const AttestMcaProfile *profile)
{
  AttestMcaCustomer *customer = edit_customer (model, customer_id);

  _attest_mca_profile_clear (&customer->profile);
  _attest_mca_profile_copy (&customer->profile, profile);

  _attest_mca_model_put (model, customer);
}

/* A request about to be sent, which it takes; the signatory and company
 * name it is sent with, when given, replace those known. */
void
_attest_mca_model_apply_intent (AttestMcaModel             *model,
                                AttestMcaIntent            *intent,
                                const AttestPartnerContact *signatory,
                                const char                 *company_name)
{
  AttestMcaCustomer *customer = edit_customer (model, intent->customer_id);

  if (signatory != NULL)
    {
      replace_string (&customer->first_name, signatory->first_name);
      replace_string (&customer->last_name, signatory->last_name);
      replace_string (&customer->email, signatory->email);
    }
  if (company_name != NULL)
    replace_string (&customer->company_name, company_name);
  g_clear_pointer (&customer->pending, attest_mca_intent_unref);
  customer->pending = intent;

  _attest_mca_model_put (model, customer);
}

/* Whether @answer answers the request journaled for its customer, and is
 * an answer that kind of request can get. */
gboolean
_attest_mca_model_check_answer (AttestMcaModel         *model,
                                const AttestMcaAnswer  *answer,
                                GError                **error)
{
  AttestMcaCustomer *customer = _attest_mca_model_lookup (model, answer->customer_id);
  AttestMcaIntent *pending = customer != NULL ? customer->pending : NULL;
  AttestMcaIntentKind kind;

  if (pending == NULL
      || g_strcmp0 (attest_partner_request_get_request_id (pending->request),
                    answer->request_id) != 0)
    {
      g_set_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_NOT_PENDING,
                   _("No request %s was journaled for the customer %s, so its answer cannot "
                     "be recorded."), answer->request_id, answer->customer_id);
      return FALSE;
    }

  kind = pending->kind;
  if ((answer->kind == ATTEST_MCA_ANSWER_ATTESTATION && kind != ATTEST_MCA_INTENT_ATTESTATION)
      || (answer->kind == ATTEST_MCA_ANSWER_COMPLETED && kind != ATTEST_MCA_INTENT_COMPLETION)
      || (answer->kind == ATTEST_MCA_ANSWER_ATTESTATION
          && (answer->attestation_id == NULL || answer->attestation_id[0] == '\0')))
    {
      g_set_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_NOT_PENDING,
                   _("The answer to the request %s of the customer %s does not fit a request "
                     "of that kind."), answer->request_id, answer->customer_id);
      return FALSE;
    }

  return TRUE;
}

/* Applies an answer _attest_mca_model_check_answer() took; its time is
 * set. */
void
_attest_mca_model_apply_answer (AttestMcaModel        *model,
                                const AttestMcaAnswer *answer)
{
  AttestMcaCustomer *customer = edit_customer (model, answer->customer_id);
  g_autoptr(AttestMcaIntent) intent = g_steal_pointer (&customer->pending);

  g_assert (intent != NULL && answer->answered_at != NULL);

  replace_string (&customer->message, answer->message);
  if (answer->kind == ATTEST_MCA_ANSWER_LOST)
    {
      /* The request may have reached the service: it stays, to go out
       * again as it is. */
      customer->pending = _attest_mca_intent_copy (intent);
      replace_string (&customer->pending->message, answer->message);
      _attest_mca_model_put (model, customer);
      return;
    }

  replace_time (&customer->seen_at, answer->answered_at);
  replace_string (&customer->request_id, attest_partner_request_get_request_id (intent->request));
  replace_string (&customer->correlation_id,
                  attest_partner_request_get_correlation_id (intent->request));
  replace_string (&customer->answer_run_id, intent->run_id);
  if (intent->kind == ATTEST_MCA_INTENT_COMPLETION)
    replace_string (&customer->completion_run_id, intent->run_id);

  switch (answer->kind)
    {
    case ATTEST_MCA_ANSWER_ATTESTATION:
      customer->state = ATTEST_MCA_STATE_REQUESTED;
      replace_string (&customer->attestation_id, answer->attestation_id);
      replace_string (&customer->link, answer->link);
      replace_time (&customer->requested_at, answer->answered_at);
      replace_string (&customer->request_run_id, intent->run_id);
      break;
    case ATTEST_MCA_ANSWER_REFUSED:
      /* A completion refused leaves the customer requested (SPEC §13
       * "Complete"); an attestation refused is the customer's state. */
      if (intent->kind == ATTEST_MCA_INTENT_ATTESTATION)
        customer->state = ATTEST_MCA_STATE_REFUSED;
      break;
    case ATTEST_MCA_ANSWER_COMPLETED:
      customer->state = ATTEST_MCA_STATE_DONE;
      replace_time (&customer->completed_at, answer->answered_at);
      break;
    case ATTEST_MCA_ANSWER_LOST:
    default:
      g_assert_not_reached ();
    }

  _attest_mca_model_put (model, customer);
}

/* The run, borrowed, or NULL. */
AttestMcaRun *
_attest_mca_model_lookup_run (AttestMcaModel *model,
                              const char     *run_id)
{
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (model->run_index, run_id));

  return position > 0 ? g_ptr_array_index (model->runs, position - 1) : NULL;
}

/* Puts @run, which it takes, in place of the one with its ID, or after all
 * others. */
void
_attest_mca_model_put_run (AttestMcaModel *model,
                           AttestMcaRun   *run)
{
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (model->run_index, run->id));

  if (position == 0)
    {
      g_ptr_array_add (model->runs, run);
      g_hash_table_insert (model->run_index, g_strdup (run->id),
                           GUINT_TO_POINTER (model->runs->len));
      return;
    }

  attest_mca_run_unref (g_ptr_array_index (model->runs, position - 1));
  model->runs->pdata[position - 1] = run;
}
