/* attest-mca-complete.c: a completion run of Microsoft's current flow
 *
 * For every customer that is requested (of every request run, or of the
 * one named), the agreement is created with the create-agreement call and
 * the attestation's ID, with the template looked up once for the run, the
 * signatory the attestation named, and the date agreed: today in UTC,
 * never before the day the attestation was made. Each call is journaled
 * before it is sent (attest-mca-send.c). A created agreement, or 600061
 * (it exists already), makes the customer done; any other refusal leaves
 * it requested with the server's words, and the next completion is a new
 * attempt under a new MS-RequestId; only a call whose answer was lost goes
 * out again under the same one, by a resume. The results file is the
 * links file of the run's customers with the request IDs and the time
 * each was completed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-complete"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-format.h"
#include "attest-mca-complete.h"
#include "attest-mca-send.h"

struct _AttestMcaCompletion
{
  GObject              parent_instance;

  AttestPartnerClient *client;
  AttestMcaLedger     *ledger;
  GPtrArray           *chosen;     /* AttestMcaCustomer to complete, for a new run */
  AttestMcaRun        *run;        /* once begun, or the run resumed */
  char                *results_path;
  GTask               *run_task;
  AttestMcaSendQueue  *queue;
  guint                n_customers;
  guint                n_done;
  guint                n_held;     /* not sent: no date agreed fits (the clock is wrong) */
};

G_DEFINE_QUARK (attest-mca-completion-error-quark, attest_mca_completion_error)

G_DEFINE_FINAL_TYPE (AttestMcaCompletion, attest_mca_completion, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_N_CUSTOMERS,
  PROP_N_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_CUSTOMER_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Whether @customer waits for its agreement, and is this run's to do. */
static gboolean
is_waiting (AttestMcaCustomer *customer,
            const char        *request_run_id)
{
  return attest_mca_customer_get_state (customer) == ATTEST_MCA_STATE_REQUESTED
         && attest_mca_customer_get_attestation_id (customer) != NULL
         && attest_mca_customer_get_pending (customer) == NULL
         && (request_run_id == NULL
             || g_strcmp0 (attest_mca_customer_get_request_run_id (customer),
                           request_run_id) == 0);
}

/* A completion run of every customer @ledger has requested, or of those
 * the request run @request_run_id requested (NULL: of every run). A
 * customer with a request still unanswered is left to the run that
 * journaled it. */
AttestMcaCompletion *
attest_mca_completion_new (AttestPartnerClient  *client,
                           AttestMcaLedger      *ledger,
                           const char           *request_run_id,
                           GError              **error)
{
  g_autoptr(GPtrArray) customers = NULL;
  AttestMcaCompletion *self;

  g_return_val_if_fail (ATTEST_IS_PARTNER_CLIENT (client), NULL);
  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (ledger), NULL);

  if (request_run_id != NULL)
    {
      g_autoptr(AttestMcaRun) run = attest_mca_ledger_find_run (ledger, request_run_id,
                                                                ATTEST_MCA_RUN_REQUEST, FALSE,
                                                                error);

      if (run == NULL)
        return NULL;
    }

  self = g_object_new (ATTEST_TYPE_MCA_COMPLETION, NULL);
  self->client = g_object_ref (client);
  self->ledger = g_object_ref (ledger);
  self->chosen = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_mca_customer_unref);

  customers = attest_mca_ledger_list_customers (ledger);
  for (guint i = 0; i < customers->len; i++)
    {
      AttestMcaCustomer *customer = g_ptr_array_index (customers, i);

      if (is_waiting (customer, request_run_id))
        g_ptr_array_add (self->chosen, attest_mca_customer_ref (customer));
    }

  return self;
}

/* The completion run @run_id of @ledger, interrupted, to finish: its
 * calls that got no answer go out again unchanged, and its results file
 * is written again in full. */
AttestMcaCompletion *
attest_mca_completion_new_resume (AttestPartnerClient  *client,
                                  AttestMcaLedger      *ledger,
                                  const char           *run_id,
                                  GError              **error)
{
  g_autoptr(AttestMcaRun) run = NULL;
  AttestMcaCompletion *self;

  g_return_val_if_fail (ATTEST_IS_PARTNER_CLIENT (client), NULL);
  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (ledger), NULL);
  g_return_val_if_fail (run_id != NULL, NULL);

  run = attest_mca_ledger_find_run (ledger, run_id, ATTEST_MCA_RUN_COMPLETION, TRUE, error);
  if (run == NULL)
    return NULL;

  self = g_object_new (ATTEST_TYPE_MCA_COMPLETION, NULL);
  self->client = g_object_ref (client);
  self->ledger = g_object_ref (ledger);
  self->run = g_steal_pointer (&run);

  return self;
}

/* The calendar day of @day in UTC, as a person reads it: the same day
 * whatever the local time zone. */
static char *
format_utc_day (GDateTime *day)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (day);
  g_autoptr(GDateTime) local = g_date_time_new_local (g_date_time_get_year (utc),
                                                      g_date_time_get_month (utc),
                                                      g_date_time_get_day_of_month (utc),
                                                      12, 0, 0);

  return attest_format_day (local);
}

/* The date agreed of an attestation made at @requested_at (NULL: not
 * known), completed at @now (NULL: the clock): midnight UTC of today,
 * which is not in the future and not before the attestation's day unless
 * the clock says the attestation was made after today. */
GDateTime *
attest_mca_completion_pick_date_agreed (GDateTime  *requested_at,
                                        GDateTime  *now,
                                        GError    **error)
{
  g_autoptr(GDateTime) clock = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) requested = NULL;
  g_autoptr(GDateTime) requested_day = NULL;

  if (now == NULL)
    now = clock = g_date_time_new_now_utc ();

  utc = g_date_time_to_utc (now);
  today = g_date_time_new_utc (g_date_time_get_year (utc), g_date_time_get_month (utc),
                               g_date_time_get_day_of_month (utc), 0, 0, 0);
  if (requested_at == NULL)
    return g_steal_pointer (&today);

  requested = g_date_time_to_utc (requested_at);
  requested_day = g_date_time_new_utc (g_date_time_get_year (requested),
                                       g_date_time_get_month (requested),
                                       g_date_time_get_day_of_month (requested), 0, 0, 0);
  if (g_date_time_compare (today, requested_day) < 0)
    {
      g_autofree char *day = format_utc_day (requested_day);
      g_autofree char *today_text = format_utc_day (today);

      g_set_error (error, ATTEST_MCA_COMPLETION_ERROR, ATTEST_MCA_COMPLETION_ERROR_DATE_AGREED,
                   _("The attestation was made on %s (UTC), after today, %s, by this computer’s "
                     "clock: the agreement cannot be dated before the attestation nor in the "
                     "future. Check the clock."), day, today_text);
      return NULL;
    }

  return g_steal_pointer (&today);
}

/* Results */

/* The results file of the completion run @run, in full, as @ledger knows
 * its customers now: the links file's columns, then the MS-RequestId and
 * MS-CorrelationId of each customer's last call answered, and when it was
 * completed. */
AttestMcaLinks *
attest_mca_completion_build_results (AttestMcaLedger    *ledger,
                                     const AttestMcaRun *run)
{
  g_autoptr(GPtrArray) customers = NULL;
  AttestMcaLinks *links;

  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (ledger), NULL);
  g_return_val_if_fail (run != NULL, NULL);

  links = attest_mca_links_new (ATTEST_MCA_LINKS_FORMAT_RESULTS);
  customers = attest_mca_ledger_list_run_customers (ledger, attest_mca_run_get_id (run));
  for (guint i = 0; i < customers->len; i++)
    {
      AttestMcaCustomer *customer = g_ptr_array_index (customers, i);
      AttestMcaIntent *pending = attest_mca_customer_get_pending (customer);
      AttestMcaLinkRow *row = attest_mca_link_row_new_from_customer (customer);

      if (pending != NULL && g_strcmp0 (attest_mca_intent_get_run_id (pending),
                                        attest_mca_run_get_id (run)) == 0)
        attest_mca_link_row_set (row, ATTEST_MCA_LINKS_MESSAGE,
                                 attest_mca_intent_get_message (pending) != NULL
                                 ? attest_mca_intent_get_message (pending)
                                 : _("The request has no answer yet. “attest resume” sends it "
                                     "again, unchanged."));
      g_ptr_array_add (links->rows, row);
    }

  return links;
}

/* The customers of the run as the ledger knows them now: once it began,
 * those it journaled a call for; before, those it will. */
GPtrArray *
attest_mca_completion_list_customers (AttestMcaCompletion *self)
{
  GPtrArray *customers;

  g_return_val_if_fail (ATTEST_IS_MCA_COMPLETION (self), NULL);

  if (self->run != NULL)
    return attest_mca_ledger_list_run_customers (self->ledger, attest_mca_run_get_id (self->run));

  customers = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_mca_customer_unref);
  for (guint i = 0; i < self->chosen->len; i++)
    g_ptr_array_add (customers,
                     attest_mca_ledger_lookup (self->ledger,
                                               attest_mca_customer_get_id (
                                                 g_ptr_array_index (self->chosen, i))));

  return customers;
}

/* Counts the run's customers by where they stand now. */
void
attest_mca_completion_get_counts (AttestMcaCompletion       *self,
                                  AttestMcaCompletionCounts *counts)
{
  g_autoptr(GPtrArray) customers = NULL;

  g_return_if_fail (ATTEST_IS_MCA_COMPLETION (self));
  g_return_if_fail (counts != NULL);

  memset (counts, 0, sizeof *counts);
  counts->customers = counts->waiting = self->n_held;
  customers = attest_mca_completion_list_customers (self);
  for (guint i = 0; i < customers->len; i++)
    {
      AttestMcaCustomer *customer = g_ptr_array_index (customers, i);

      counts->customers++;
      if (attest_mca_customer_get_pending (customer) != NULL)
        counts->unanswered++;
      else if (attest_mca_customer_get_state (customer) == ATTEST_MCA_STATE_DONE)
        counts->done++;
      else
        counts->waiting++;
    }
}

/* How many customers a new run tries. */
guint
attest_mca_completion_get_n_to_send (AttestMcaCompletion *self)
{
  g_return_val_if_fail (ATTEST_IS_MCA_COMPLETION (self), 0);

  return self->chosen != NULL ? self->chosen->len : 0;
}

/* How many customers the run still has to send a call for: before it
 * begins, those it tries; once begun, or resumed, those whose call it
 * journaled and had no answer to. Customers answered already are not
 * counted. */
guint
attest_mca_completion_get_n_left (AttestMcaCompletion *self)
{
  g_autoptr(GPtrArray) unanswered = NULL;

  g_return_val_if_fail (ATTEST_IS_MCA_COMPLETION (self), 0);

  if (self->run == NULL)
    return attest_mca_completion_get_n_to_send (self);

  unanswered = attest_mca_ledger_list_unanswered (self->ledger,
                                                  attest_mca_run_get_id (self->run));
  return unanswered->len;
}

/* The run's ID once it began, or NULL. */
const char *
attest_mca_completion_get_run_id (AttestMcaCompletion *self)
{
  g_return_val_if_fail (ATTEST_IS_MCA_COMPLETION (self), NULL);

  return self->run != NULL ? attest_mca_run_get_id (self->run) : NULL;
}

/* Running */

static void
on_drained (gpointer user_data)
{
  AttestMcaCompletion *self = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&self->run_task);
  g_autoptr(AttestMcaSendQueue) queue = g_steal_pointer (&self->queue);
  g_autoptr(AttestMcaLinks) results = NULL;
  g_autoptr(GError) error = NULL;

  results = attest_mca_completion_build_results (self->ledger, self->run);
  if (self->results_path != NULL && !attest_mca_links_write (results, self->results_path, &error))
    g_prefix_error (&error, _("The results file %s could not be written: "), self->results_path);

  if (error != NULL
      || !attest_mca_send_queue_end_run (queue, g_task_get_cancellable (task), &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_answered (AttestMcaIntent     *intent,
             AttestMcaSendResult  result,
             JsonNode            *answer,
             const GError        *error,
             gpointer             user_data)
{
  AttestMcaCompletion *self = user_data;
  AttestPartnerRequest *request = attest_mca_intent_get_request (intent);
  const char *customer_id = attest_mca_intent_get_customer_id (intent);
  AttestMcaAnswer recorded = {
    ATTEST_MCA_ANSWER_LOST, customer_id, attest_partner_request_get_request_id (request),
    NULL, NULL, error != NULL ? error->message : NULL, NULL,
  };

  switch (result)
    {
    case ATTEST_MCA_SENT_ANSWERED:
      recorded.kind = ATTEST_MCA_ANSWER_COMPLETED;
      g_info ("Customer %s: agreement created, MS-RequestId %s", customer_id,
              recorded.request_id);
      break;

    case ATTEST_MCA_SENT_REFUSED:
      /* The agreement exists already: done (SPEC §13). */
      if (g_strcmp0 (attest_partner_error_get_service_code (error),
                     ATTEST_PARTNER_SERVICE_CODE_ALREADY_ATTESTED) == 0)
        {
          recorded.kind = ATTEST_MCA_ANSWER_COMPLETED;
          recorded.message = NULL;
          g_info ("Customer %s: the agreement existed already", customer_id);
        }
      else
        {
          recorded.kind = ATTEST_MCA_ANSWER_REFUSED;
          g_info ("Customer %s: completion refused: %s", customer_id, recorded.message);
        }
      break;

    case ATTEST_MCA_SENT_STOPPED:
    case ATTEST_MCA_SENT_LOST:
    default:
      break;
    }

  attest_mca_send_queue_record (self->queue, &recorded);

  self->n_done++;
  g_signal_emit (self, signals[SIGNAL_CUSTOMER_DONE], 0, customer_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
}

static void
start_sending (AttestMcaCompletion *self)
{
  self->n_customers = attest_mca_send_queue_get_n_queued (self->queue);
  self->n_done = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CUSTOMERS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
  attest_mca_send_queue_start (self->queue);
}

/* Journals the call that completes @customer's attestation. */
static void
journal_customer (AttestMcaCompletion *self,
                  AttestMcaCustomer   *customer,
                  const char          *template_id,
                  GDateTime           *now)
{
  g_autoptr(GDateTime) date_agreed = NULL;
  g_autoptr(AttestPartnerRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  const char *first_name = attest_mca_customer_get_first_name (customer);
  const char *last_name = attest_mca_customer_get_last_name (customer);
  const char *email = attest_mca_customer_get_email (customer);
  const AttestPartnerContact contact = {
    attest_mca_customer_get_id (customer),
    first_name != NULL ? first_name : "",
    last_name != NULL ? last_name : "",
    email != NULL ? email : "",
    "",
  };

  date_agreed = attest_mca_completion_pick_date_agreed (
                  attest_mca_customer_get_requested_at (customer), now, &error);
  if (date_agreed == NULL)
    {
      g_autoptr(GError) not_recorded = NULL;

      /* Nothing is sent: the customer stays requested, saying why. */
      self->n_held++;
      if (!attest_mca_ledger_record_state (self->ledger, contact.customer_id,
                                           ATTEST_MCA_STATE_REQUESTED, NULL, error->message,
                                           NULL, &not_recorded))
        attest_mca_send_queue_stop (self->queue, not_recorded);
      return;
    }

  request = attest_mca_shapes_new_completion (contact.customer_id,
                                              attest_mca_customer_get_attestation_id (customer),
                                              template_id, date_agreed, &contact);
  attest_mca_send_queue_journal (self->queue, ATTEST_MCA_INTENT_COMPLETION, &contact, NULL,
                                 request);
}

static void
on_template (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AttestMcaCompletion *self = user_data;
  g_autofree char *template_id = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;

  template_id = attest_partner_client_get_template_id_finish (ATTEST_PARTNER_CLIENT (object),
                                                              result, &error);
  if (template_id == NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->run_task);

      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->run = attest_mca_ledger_begin_run (self->ledger, ATTEST_MCA_RUN_COMPLETION,
                                           self->results_path, now, &error);
  if (self->run == NULL)
    {
      g_autoptr(GTask) task = g_steal_pointer (&self->run_task);

      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_info ("Completion run %s began with %u customers", attest_mca_run_get_id (self->run),
          self->chosen->len);
  self->queue = attest_mca_send_queue_new (self->client, self->ledger,
                                           attest_mca_run_get_id (self->run),
                                           g_task_get_cancellable (self->run_task), on_answered,
                                           on_drained, self);
  for (guint i = 0; i < self->chosen->len; i++)
    {
      g_autoptr(AttestMcaCustomer) customer =
        attest_mca_ledger_lookup (self->ledger,
                                  attest_mca_customer_get_id (g_ptr_array_index (self->chosen,
                                                                                 i)));

      /* What changed since the run was made, such as a status check. */
      if (is_waiting (customer, NULL))
        journal_customer (self, customer, template_id, now);
    }
  start_sending (self);
}

/* Runs the run: looks the template up, records the run in the ledger with
 * its results file @results_path (may be NULL: none; a resumed run keeps
 * its own), then journals and sends the call of each customer, and writes
 * the results file in full at the end. With no customer to complete,
 * nothing is sent and no run is recorded. @cancellable stops it: the calls
 * under way are answered and recorded first. Fails with the error that
 * stopped it (the template not found, a credential missing or refused,
 * the ledger or the results file not written), G_IO_ERROR_CANCELLED, or
 * ATTEST_MCA_SEND_ERROR_UNANSWERED; the run is over when it
 * returns TRUE, whether or not every customer is done. */
void
attest_mca_completion_run_async (AttestMcaCompletion *self,
                                 const char          *results_path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (ATTEST_IS_MCA_COMPLETION (self));
  g_return_if_fail (self->run_task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_mca_completion_run_async);
  g_task_set_check_cancellable (task, FALSE);

  g_free (self->results_path);
  self->results_path = g_strdup (self->run != NULL && results_path == NULL
                                 ? attest_mca_run_get_output_path (self->run) : results_path);

  if (self->run == NULL && self->chosen->len == 0)
    {
      g_autoptr(AttestMcaLinks) empty = attest_mca_links_new (ATTEST_MCA_LINKS_FORMAT_RESULTS);
      g_autoptr(GError) error = NULL;

      if (self->results_path != NULL && !attest_mca_links_write (empty, self->results_path,
                                                                 &error))
        {
          g_prefix_error (&error, _("The results file %s could not be written: "),
                          self->results_path);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_task_return_boolean (task, TRUE);
      return;
    }

  self->run_task = g_steal_pointer (&task);
  if (self->run != NULL)
    {
      g_autoptr(GPtrArray) unanswered = NULL;

      self->queue = attest_mca_send_queue_new (self->client, self->ledger,
                                               attest_mca_run_get_id (self->run), cancellable,
                                               on_answered, on_drained, self);
      unanswered =
        attest_mca_ledger_list_unanswered (self->ledger, attest_mca_run_get_id (self->run));

      for (guint i = 0; i < unanswered->len; i++)
        attest_mca_send_queue_push (self->queue, g_ptr_array_index (unanswered, i));
      start_sending (self);
      return;
    }

  /* The template, once for the run. */
  attest_partner_client_get_template_id_async (self->client, cancellable, on_template, self);
}

gboolean
attest_mca_completion_run_finish (AttestMcaCompletion  *self,
                                  GAsyncResult         *result,
                                  GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
attest_mca_completion_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  AttestMcaCompletion *self = ATTEST_MCA_COMPLETION (object);

  switch (prop_id)
    {
    case PROP_N_CUSTOMERS:
      g_value_set_uint (value, self->n_customers);
      break;
    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attest_mca_completion_finalize (GObject *object)
{
  AttestMcaCompletion *self = ATTEST_MCA_COMPLETION (object);

  g_clear_object (&self->client);
  g_clear_object (&self->ledger);
  g_clear_pointer (&self->chosen, g_ptr_array_unref);
  g_clear_pointer (&self->run, attest_mca_run_unref);
  g_free (self->results_path);
  g_clear_pointer (&self->queue, attest_mca_send_queue_unref);

  G_OBJECT_CLASS (attest_mca_completion_parent_class)->finalize (object);
}

static void
attest_mca_completion_class_init (AttestMcaCompletionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = attest_mca_completion_get_property;
  object_class->finalize = attest_mca_completion_finalize;

  /* Calls the run sends, and those answered (or given up) so far. */
  properties[PROP_N_CUSTOMERS] =
    g_param_spec_uint ("n-customers", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Once the ledger recorded what came of a customer's call. */
  signals[SIGNAL_CUSTOMER_DONE] =
    g_signal_new ("customer-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
attest_mca_completion_init (AttestMcaCompletion *self)
{
}
