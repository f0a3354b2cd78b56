/* attest-mca-status.c: which of a partner's customers still need to
 * accept the Microsoft Customer Agreement (SPEC §13 "Status")
 *
 * The customers are those given (their IDs, and company names, from a
 * file), or else listed: the records list of Microsoft's tool first, and
 * GET /v1/customers when that answers 404. Each customer gets the fewest
 * reads its state needs (attest-mca-status-reads.c), except one the
 * ledger already knows needs nothing (accepted directly, attested, done),
 * which is not asked about again.
 *
 * At most `concurrency` requests are under way at once: a customer being
 * read takes a slot for its reads, one after the other, and the listing
 * takes one while it pages, so that the first customers are read while
 * the next pages come. The client retries each read under SPEC §6. Each
 * customer's state is recorded in the ledger as soon as it is known (a
 * crash loses only the customers being read), and the ledger is synced
 * when the check ends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-status"

#include "config.h"

#include "attest-mca-status-private.h"

G_DEFINE_QUARK (attest-mca-status-error-quark, attest_mca_status_error)

G_DEFINE_FINAL_TYPE (AttestMcaStatusCheck, attest_mca_status_check, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_N_CUSTOMERS,
  PROP_N_CHECKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CUSTOMER_CHECKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
result_free (AttestMcaStatusResult *result)
{
  g_free (result->customer_id);
  g_free (result->company_name);
  g_clear_pointer (&result->checked_at, g_date_time_unref);
  g_free (result->message);
  g_free (result);
}

/* A check of the customers @client reads, recorded in @ledger, the ledger
 * of the partner @client is signed in to. */
AttestMcaStatusCheck *
attest_mca_status_check_new (AttestPartnerClient *client,
                             AttestMcaLedger     *ledger)
{
  AttestMcaStatusCheck *self;

  g_return_val_if_fail (ATTEST_IS_PARTNER_CLIENT (client), NULL);
  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (ledger), NULL);

  self = g_object_new (ATTEST_TYPE_MCA_STATUS_CHECK, NULL);
  self->client = g_object_ref (client);
  self->ledger = g_object_ref (ledger);

  return self;
}

/* Requests under way at once, 1 to ATTEST_MCA_STATUS_MAX_CONCURRENCY;
 * ATTEST_MCA_STATUS_DEFAULT_CONCURRENCY unless set. */
void
attest_mca_status_check_set_concurrency (AttestMcaStatusCheck *self,
                                         guint                 concurrency)
{
  g_return_if_fail (ATTEST_IS_MCA_STATUS_CHECK (self));
  g_return_if_fail (concurrency >= 1 && concurrency <= ATTEST_MCA_STATUS_MAX_CONCURRENCY);

  self->concurrency = concurrency;
}

guint
attest_mca_status_check_get_concurrency (AttestMcaStatusCheck *self)
{
  g_return_val_if_fail (ATTEST_IS_MCA_STATUS_CHECK (self), 0);

  return self->concurrency;
}

/* A new result for the customer @customer_id, unless it has one; its
 * @problem (taken), when given, is why it cannot be checked at all. */
void
_attest_mca_status_add_result (AttestMcaStatusCheck *self,
            const char           *customer_id,
            const char           *company_name,
            char                 *problem)
{
  AttestMcaStatusResult *result;

  if (problem == NULL)
    {
      g_autofree char *key = g_ascii_strdown (customer_id, -1);

      if (!g_hash_table_add (self->ids, g_steal_pointer (&key)))
        return;
    }

  result = g_new0 (AttestMcaStatusResult, 1);
  result->customer_id = g_strdup (customer_id);
  result->company_name = company_name != NULL && company_name[0] != '\0'
                         ? g_strdup (company_name) : NULL;
  result->message = problem;
  result->failed = problem != NULL;
  g_ptr_array_add (self->results, result);
}

/* Checks the customer @customer_id (a tenant ID), known as @company_name
 * (may be NULL), rather than listing the partner's customers. A customer
 * given twice is checked once. */
void
attest_mca_status_check_add_customer (AttestMcaStatusCheck *self,
                                      const char           *customer_id,
                                      const char           *company_name)
{
  g_return_if_fail (ATTEST_IS_MCA_STATUS_CHECK (self));
  g_return_if_fail (customer_id != NULL);
  g_return_if_fail (self->task == NULL);

  self->given = TRUE;
  _attest_mca_status_add_result (self, customer_id, company_name, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CUSTOMERS]);
}

/* The run */

static void
on_synced (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttestMcaStatusCheck *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!attest_mca_ledger_sync_finish (self->ledger, res, &error))
    _attest_mca_status_stop (self, error);
  g_clear_error (&error);

  if (self->stop != NULL)
    g_task_return_error (task, g_error_copy (self->stop));
  else
    g_task_return_boolean (task, TRUE);
}

/* Nothing is under way and nothing is left to start: the run ends once
 * the ledger is on the disk. */
static void
finish_run (AttestMcaStatusCheck *self)
{
  GTask *task = g_steal_pointer (&self->task);
  GCancellable *caller = g_task_get_cancellable (task);

  g_debug ("Checked %u customers, %u could not be", self->n_checked, self->n_failed);
  if (self->cancelled_id != 0)
    g_cancellable_disconnect (caller, self->cancelled_id);
  self->cancelled_id = 0;

  attest_mca_ledger_sync_async (self->ledger, NULL, on_synced, task);
}

/* Starts checks while slots are free; ends the run when all are over. */
static void
dispatch (AttestMcaStatusCheck *self)
{
  if (self->task == NULL)
    return;

  while (self->stop == NULL && self->next < self->results->len
         && self->n_busy < self->concurrency)
    {
      AttestMcaStatusResult *result = g_ptr_array_index (self->results, self->next++);
      g_autoptr(AttestMcaCustomer) known = NULL;

      if (result->failed)
        {
          _attest_mca_status_finish_result (self, result);
          continue;
        }

      known = attest_mca_ledger_lookup (self->ledger, result->customer_id);
      if (known != NULL && attest_mca_state_needs_nothing (attest_mca_customer_get_state (known)))
        {
          /* Settled before: nothing to ask. */
          result->settled = TRUE;
          result->state = attest_mca_customer_get_state (known);
          result->message = g_strdup (attest_mca_customer_get_message (known));
          if (attest_mca_customer_get_seen_at (known) != NULL)
            result->checked_at = g_date_time_ref (attest_mca_customer_get_seen_at (known));
          self->n_settled++;
          _attest_mca_status_finish_result (self, result);
          continue;
        }

      self->n_busy++;
      _attest_mca_status_read_customer (self, result, known);
    }

  if (self->n_busy == 0 && (self->stop != NULL || self->next == self->results->len))
    finish_run (self);
}

/* Ends the run early for @error, the first one to: in-flight reads are
 * cancelled, and no other starts. */
void
_attest_mca_status_stop (AttestMcaStatusCheck *self,
                         const GError         *error)
{
  if (self->stop != NULL)
    return;

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_info ("The status check stops: %s", error->message);
  self->stop = g_error_copy (error);
  g_cancellable_cancel (self->cancellable);
}

/* @result's check is over: it counts, and is announced. */
void
_attest_mca_status_finish_result (AttestMcaStatusCheck  *self,
                                  AttestMcaStatusResult *result)
{
  if (result->company_name == NULL && !result->failed)
    {
      g_autoptr(AttestMcaCustomer) customer = attest_mca_ledger_lookup (self->ledger,
                                                                        result->customer_id);

      if (customer != NULL)
        result->company_name = g_strdup (attest_mca_customer_get_company_name (customer));
    }

  result->checked = TRUE;
  self->n_checked++;
  self->n_failed += result->failed;
  self->counts[result->state]++;
  self->requests[result->state] += result->n_requests;

  g_signal_emit (self, signals[CUSTOMER_CHECKED], 0, result);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHECKED]);
}

/* A customer's reads are over, or the listing: its slot is free. */
void
_attest_mca_status_release_slot (AttestMcaStatusCheck *self)
{
  g_assert (self->n_busy > 0);

  self->n_busy--;
  dispatch (self);
}

/* Listing the customers */

static void
on_listed_page (GPtrArray *page,
                guint      page_number,
                guint      so_far,
                gpointer   user_data,
                gboolean   records)
{
  AttestMcaStatusCheck *self = user_data;

  for (guint i = 0; i < page->len; i++)
    {
      if (records)
        _attest_mca_status_add_result (self,
                                       ((AttestPartnerRecord *) g_ptr_array_index (page,
                                                                                   i))->customer_id,
                                       NULL, NULL);
      else
        {
          AttestPartnerCustomer *customer = g_ptr_array_index (page, i);

          _attest_mca_status_add_result (self, attest_partner_customer_get_tenant_id (customer),
                                         attest_partner_customer_get_company_name (customer),
                                         NULL);
        }
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CUSTOMERS]);
  dispatch (self);
}

static void
on_records_page (GPtrArray *page,
                 guint      page_number,
                 guint      so_far,
                 gpointer   user_data)
{
  on_listed_page (page, page_number, so_far, user_data, TRUE);
}

static void
on_customers_page (GPtrArray *page,
                   guint      page_number,
                   guint      so_far,
                   gpointer   user_data)
{
  on_listed_page (page, page_number, so_far, user_data, FALSE);
}

static void
listing_over (AttestMcaStatusCheck *self,
              GError               *error)
{
  if (error != NULL)
    {
      _attest_mca_status_stop (self, error);
      g_error_free (error);
    }

  self->listing = FALSE;
  _attest_mca_status_release_slot (self);
}

static void
on_customers_listed (GObject      *object,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  g_autoptr(AttestMcaStatusCheck) self = user_data;
  g_autoptr(GPtrArray) customers = NULL;
  GError *error = NULL;

  customers = attest_partner_client_list_customers_finish (self->client, res, &error);
  listing_over (self, error);
}

static void
on_records_listed (GObject      *object,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  g_autoptr(AttestMcaStatusCheck) self = user_data;
  g_autoptr(GPtrArray) records = NULL;
  GError *error = NULL;

  records = attest_partner_client_fetch_records_finish (self->client, res, &error);
  if (g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NOT_FOUND)
      && self->stop == NULL)
    {
      /* The records list is not served: every customer of the partner. */
      g_info ("The records list answered 404: listing /v1/customers");
      g_error_free (error);
      attest_partner_client_list_customers_async (self->client, on_customers_page, self,
                                                  self->cancellable, on_customers_listed,
                                                  g_object_ref (self));
      return;
    }

  listing_over (self, error);
}

static void
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  AttestMcaStatusCheck *self = user_data;

  g_cancellable_cancel (self->cancellable);
}

/* Checks the customers given, or else every customer listed, recording
 * each state in the ledger as it is seen; the "customer-checked" signal
 * tells of each customer, and the properties "n-customers" and
 * "n-checked" of the progress. Fails only when the check as a whole
 * could not go on (cancelled, the sign-in, the ledger, the listing); a
 * customer that could not be checked is a result with its reason. A check
 * runs once. */
void
attest_mca_status_check_run_async (AttestMcaStatusCheck *self,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_return_if_fail (ATTEST_IS_MCA_STATUS_CHECK (self));
  g_return_if_fail (self->task == NULL && self->cancellable == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, attest_mca_status_check_run_async);
  self->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), self,
                                                NULL);

  if (!self->given)
    {
      self->listing = TRUE;
      self->n_busy++;
      attest_partner_client_fetch_records_async (self->client, on_records_page, self,
                                                 self->cancellable, on_records_listed,
                                                 g_object_ref (self));
    }

  dispatch (self);
}

/* TRUE when every customer was checked, well or not; FALSE when the check
 * stopped early (G_IO_ERROR_CANCELLED when it was cancelled). */
gboolean
attest_mca_status_check_run_finish (AttestMcaStatusCheck  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The customers given or listed so far. */
guint
attest_mca_status_check_get_n_customers (AttestMcaStatusCheck *self)
{
  g_return_val_if_fail (ATTEST_IS_MCA_STATUS_CHECK (self), 0);

  return self->results->len;
}

/* The customers whose check is over, well or not. */
guint
attest_mca_status_check_get_n_checked (AttestMcaStatusCheck *self)
{
  g_return_val_if_fail (ATTEST_IS_MCA_STATUS_CHECK (self), 0);

  return self->n_checked;
}

/* The customers that could not be checked, each with its reason. */
guint
attest_mca_status_check_get_n_failed (AttestMcaStatusCheck *self)
{
  g_return_val_if_fail (ATTEST_IS_MCA_STATUS_CHECK (self), 0);

  return self->n_failed;
}

/* The customers the ledger knew to need nothing, not asked about. */
guint
attest_mca_status_check_get_n_settled (AttestMcaStatusCheck *self)
{
  g_return_val_if_fail (ATTEST_IS_MCA_STATUS_CHECK (self), 0);

  return self->n_settled;
}

/* The customers checked that are in @state (UNCHECKED: those that could
 * not be checked), settled ones included. */
guint
attest_mca_status_check_get_count (AttestMcaStatusCheck *self,
                                   AttestMcaState        state)
{
  g_return_val_if_fail (ATTEST_IS_MCA_STATUS_CHECK (self), 0);
  g_return_val_if_fail (state < ATTEST_N_MCA_STATES, 0);

  return self->counts[state];
}

/* The reads made for the customers found in @state. */
guint
attest_mca_status_check_get_n_requests (AttestMcaStatusCheck *self,
                                        AttestMcaState        state)
{
  g_return_val_if_fail (ATTEST_IS_MCA_STATUS_CHECK (self), 0);
  g_return_val_if_fail (state < ATTEST_N_MCA_STATES, 0);

  return self->requests[state];
}

/* The result of the @index-th customer given or listed. */
const AttestMcaStatusResult *
attest_mca_status_check_get_result (AttestMcaStatusCheck *self,
                                    guint                 index)
{
  g_return_val_if_fail (ATTEST_IS_MCA_STATUS_CHECK (self), NULL);
  g_return_val_if_fail (index < self->results->len, NULL);

  return g_ptr_array_index (self->results, index);
}

static void
attest_mca_status_check_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  AttestMcaStatusCheck *self = ATTEST_MCA_STATUS_CHECK (object);

  switch (prop_id)
    {
    case PROP_N_CUSTOMERS:
      g_value_set_uint (value, self->results->len);
      break;
    case PROP_N_CHECKED:
      g_value_set_uint (value, self->n_checked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_mca_status_check_finalize (GObject *object)
{
  AttestMcaStatusCheck *self = ATTEST_MCA_STATUS_CHECK (object);

  /* A run holds a reference until it ends. */
  g_assert (self->task == NULL);

  g_clear_object (&self->client);
  g_clear_object (&self->ledger);
  g_ptr_array_unref (self->results);
  g_hash_table_unref (self->ids);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->stop);

  G_OBJECT_CLASS (attest_mca_status_check_parent_class)->finalize (object);
}

static void
attest_mca_status_check_class_init (AttestMcaStatusCheckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = attest_mca_status_check_get_property;
  object_class->finalize = attest_mca_status_check_finalize;

  properties[PROP_N_CUSTOMERS] =
    g_param_spec_uint ("n-customers", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CHECKED] =
    g_param_spec_uint ("n-checked", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted once a customer's check is over, with its
   * const AttestMcaStatusResult *; its state is in the ledger by then. */
  signals[CUSTOMER_CHECKED] =
    g_signal_new ("customer-checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
attest_mca_status_check_init (AttestMcaStatusCheck *self)
{
  self->concurrency = ATTEST_MCA_STATUS_DEFAULT_CONCURRENCY;
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) result_free);
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
