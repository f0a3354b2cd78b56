/* attest-mca-request.c: a request run of Microsoft's current flow: what
 * it does for each marked customer, and its links file
 *
 * Preparing decides, before anything is sent, what the run does for each
 * marked customer of the partner's file, from what the ledger knows of it:
 * an attestation for a customer that needs acceptance (or was refused, or
 * with --renew was requested already), the admin center's address with
 * --direct, and nothing for a customer that needs nothing, was requested
 * already, has a request of another run still unanswered, or has not been
 * checked. The details of an attestation come from the file and the
 * billing profile (attest-mca-details.c); a profile the ledger does not
 * have is read now, and kept. Running the run sends the attestations
 * (attest-mca-request-run.c). The ledger keeps the run's members, so that
 * a resume sends what was not sent and writes the links file in full
 * again, from them and from what the ledger knows of each customer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-request"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-mca-request-private.h"
#include "attest-mca-send.h"

/* Billing profiles read at once while preparing, as the status check's reads. */
#define PROFILE_CONCURRENCY 8

G_DEFINE_QUARK (attest-mca-request-error-quark, attest_mca_request_error)

G_DEFINE_FINAL_TYPE (AttestMcaRequest, attest_mca_request, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_N_PROFILES,
  PROP_N_PROFILES_READ,
  PROP_N_CUSTOMERS,
  PROP_N_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

guint _attest_mca_request_signals[ATTEST_MCA_REQUEST_N_SIGNALS];

/* A request run for the partner whose Partner Center @client calls and
 * whose customers @ledger keeps. */
AttestMcaRequest *
attest_mca_request_new (AttestPartnerClient   *client,
                        AttestMcaLedger       *ledger,
                        AttestMcaRequestFlags  flags)
{
  AttestMcaRequest *self;

  g_return_val_if_fail (ATTEST_IS_PARTNER_CLIENT (client), NULL);
  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (ledger), NULL);

  self = g_object_new (ATTEST_TYPE_MCA_REQUEST, NULL);
  self->client = g_object_ref (client);
  self->ledger = g_object_ref (ledger);
  self->flags = flags;

  return self;
}

/* The request run @run_id of @ledger, interrupted, to finish: its
 * requests that got no answer go out again unchanged, and its links file
 * is written again in full. */
AttestMcaRequest *
attest_mca_request_new_resume (AttestPartnerClient  *client,
                               AttestMcaLedger      *ledger,
                               const char           *run_id,
                               GError              **error)
{
  g_autoptr(AttestMcaRun) run = NULL;
  AttestMcaRequest *self;

  g_return_val_if_fail (ATTEST_IS_PARTNER_CLIENT (client), NULL);
  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (ledger), NULL);
  g_return_val_if_fail (run_id != NULL, NULL);

  run = attest_mca_ledger_find_run (ledger, run_id, ATTEST_MCA_RUN_REQUEST, TRUE, error);
  if (run == NULL)
    return NULL;

  self = attest_mca_request_new (client, ledger, ATTEST_MCA_REQUEST_DEFAULT);
  self->run = g_steal_pointer (&run);
  if (attest_mca_run_get_members (self->run) != NULL)
    self->members = g_ptr_array_ref (attest_mca_run_get_members (self->run));

  return self;
}

/* Preparing */

typedef struct
{
  GPtrArray  *rows;      /* AttestMcaRow, the caller's */
  GPtrArray  *to_read;   /* AttestMcaRow, borrowed: profiles to read */
  guint       next;
  guint       in_flight;
  GHashTable *failures;  /* customer ID → why its profile could not be read */
  GError     *error;     /* what stops the reads */
} Prepare;

static void
prepare_free (Prepare *prepare)
{
  g_ptr_array_unref (prepare->rows);
  g_ptr_array_unref (prepare->to_read);
  g_hash_table_unref (prepare->failures);
  g_clear_error (&prepare->error);
  g_free (prepare);
}

/* Whether the customer, as the ledger knows it, is one an attestation
 * would be sent for. */
static gboolean
wants_attestation (AttestMcaRequest  *self,
                   AttestMcaCustomer *customer)
{
  AttestMcaState state;

  if (customer == NULL || attest_mca_customer_get_pending (customer) != NULL)
    return FALSE;

  state = attest_mca_customer_get_state (customer);
  return state == ATTEST_MCA_STATE_NEEDS_ACCEPTANCE || state == ATTEST_MCA_STATE_REFUSED
         || (state == ATTEST_MCA_STATE_REQUESTED && (self->flags & ATTEST_MCA_REQUEST_RENEW));
}

static void
add_problem (AttestMcaRequest *self,
             guint             line,
             const char       *message)
{
  if (line > 0)
    /* Translators: a line of the partner's file, and what is wrong with it. */
    g_ptr_array_add (self->problems, g_strdup_printf (_("Line %u: %s"), line, message));
  else
    g_ptr_array_add (self->problems, g_strdup (message));
}

/* Why nothing is sent for @customer, which needs acceptance, or NULL. */
static char *
dup_reason (AttestMcaCustomer *customer)
{
  AttestMcaIntent *pending = customer != NULL ? attest_mca_customer_get_pending (customer)
                                              : NULL;

  if (pending != NULL)
    return g_strdup_printf (_("A request for this customer (run %s) has no answer yet: it may "
                              "have reached Partner Center. Finish that run with “attest "
                              "resume” first."),
                            attest_mca_intent_get_run_id (pending) != NULL
                            ? attest_mca_intent_get_run_id (pending) : "–");

  if (customer == NULL || attest_mca_customer_get_state (customer) == ATTEST_MCA_STATE_UNCHECKED)
    return g_strdup (_("Attest does not know yet whether this customer needs to accept the "
                       "agreement. Check it with “attest status” first."));

  return NULL;
}

/* What the run does for the customer of @row. */
static AttestMcaRunMember *
decide (AttestMcaRequest *self,
        AttestMcaRow     *row,
        Prepare          *prepare)
{
  g_autoptr(AttestMcaCustomer) customer = attest_mca_ledger_lookup (self->ledger,
                                                                    row->customer_id);
  AttestMcaProfileValues profile;
  gboolean has_profile = customer != NULL
                         && attest_mca_profile_init_from_customer (&profile, customer);
  g_autoptr(AttestMcaDetails) details = attest_mca_details_new (row,
                                                                has_profile ? &profile : NULL);
  g_autofree char *reason = dup_reason (customer);
  const char *failure;
  AttestAttestationDetails values;

  attest_mca_details_get_attestation (details, &values);

  if (reason != NULL)
    {
      add_problem (self, row->line, reason);
      return attest_mca_run_member_new (row->customer_id, ATTEST_MCA_RUN_ACTION_NONE, &values,
                                        reason);
    }

  if (!wants_attestation (self, customer))
    return attest_mca_run_member_new (row->customer_id, ATTEST_MCA_RUN_ACTION_NONE, &values,
                                      NULL);

  if (self->flags & ATTEST_MCA_REQUEST_DIRECT)
    return attest_mca_run_member_new (row->customer_id, ATTEST_MCA_RUN_ACTION_DIRECT, &values,
                                      _("Send this address to the customer’s Global "
                                        "Administrator, who accepts the agreement there. "
                                        "“attest status” then shows the customer as "
                                        "accepted-directly."));

  failure = g_hash_table_lookup (prepare->failures, row->customer_id);
  if (failure != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The customer’s billing profile could not "
                                                    "be read: %s"), failure);

      add_problem (self, row->line, message);
      return attest_mca_run_member_new (row->customer_id, ATTEST_MCA_RUN_ACTION_NONE, &values,
                                        message);
    }

  if (!attest_mca_details_is_complete (details))
    {
      GPtrArray *problems = attest_mca_details_get_problems (details);
      g_autofree char *summary = attest_mca_details_dup_summary (details);

      for (guint i = 0; i < problems->len; i++)
        g_ptr_array_add (self->problems,
                         attest_mca_details_problem_to_string (g_ptr_array_index (problems, i),
                                                               row->line));
      return attest_mca_run_member_new (row->customer_id, ATTEST_MCA_RUN_ACTION_NONE, &values,
                                        summary);
    }

  return attest_mca_run_member_new (row->customer_id, ATTEST_MCA_RUN_ACTION_ATTESTATION,
                                    &values, NULL);
}

static void
prepare_finish (GTask *task)
{
  AttestMcaRequest *self = g_task_get_source_object (task);
  Prepare *prepare = g_task_get_task_data (task);

  if (prepare->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&prepare->error));
      return;
    }

  g_clear_pointer (&self->members, g_ptr_array_unref);
  g_ptr_array_set_size (self->problems, 0);
  self->members = g_ptr_array_new_full (prepare->rows->len,
                                        (GDestroyNotify) attest_mca_run_member_unref);
  for (guint i = 0; i < prepare->rows->len; i++)
    g_ptr_array_add (self->members, decide (self, g_ptr_array_index (prepare->rows, i), prepare));

  g_task_return_boolean (task, TRUE);
}

/* One billing profile being read. */
typedef struct
{
  GTask        *task;
  AttestMcaRow *row;    /* borrowed from the task's rows */
} ProfileRead;

static void read_next_profiles (GTask *task);

static void
on_profile_read (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ProfileRead *read = user_data;
  g_autoptr(GTask) task = read->task;
  AttestMcaRow *row = read->row;
  AttestMcaRequest *self = g_task_get_source_object (task);
  Prepare *prepare = g_task_get_task_data (task);
  g_autoptr(AttestBillingProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  g_free (read);
  prepare->in_flight--;
  profile = attest_partner_client_get_billing_profile_finish (ATTEST_PARTNER_CLIENT (object),
                                                              result, &error);
  self->n_profiles_read++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROFILES_READ]);

  if (profile != NULL)
    {
      if (prepare->error == NULL
          && !attest_mca_ledger_record_profile (self->ledger, row->customer_id, profile, NULL,
                                                &error))
        prepare->error = g_steal_pointer (&error);
    }
  else if (attest_mca_error_stops_run (error)
           || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (prepare->error == NULL)
        prepare->error = g_steal_pointer (&error);
    }
  else
    {
      g_info ("Customer %s: the billing profile could not be read: %s", row->customer_id,
              error->message);
      g_hash_table_insert (prepare->failures, row->customer_id, g_strdup (error->message));
    }

  read_next_profiles (task);
}

/* Starts reads up to the concurrency; once none is left or under way,
 * decides. */
static void
read_next_profiles (GTask *task)
{
  AttestMcaRequest *self = g_task_get_source_object (task);
  Prepare *prepare = g_task_get_task_data (task);

  while (prepare->error == NULL && prepare->in_flight < PROFILE_CONCURRENCY
         && prepare->next < prepare->to_read->len)
    {
      ProfileRead *read = g_new0 (ProfileRead, 1);

      read->task = g_object_ref (task);
      read->row = g_ptr_array_index (prepare->to_read, prepare->next++);
      prepare->in_flight++;
      attest_partner_client_get_billing_profile_async (self->client, read->row->customer_id,
                                                       g_task_get_cancellable (task),
                                                       on_profile_read, read);
    }

  if (prepare->in_flight == 0)
    prepare_finish (task);
}

/* Decides what the run does for each of @rows (AttestMcaRow: the marked
 * customers of the partner's file, in order), reading the billing
 * profiles it needs that the ledger does not have, and keeping them in the
 * ledger. A profile that cannot be read is a problem of its row; a
 * credential that is missing or refused ends the reads with its error. */
void
attest_mca_request_prepare_async (AttestMcaRequest    *self,
                                  GPtrArray           *rows,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Prepare *prepare;

  g_return_if_fail (ATTEST_IS_MCA_REQUEST (self));
  g_return_if_fail (rows != NULL);
  g_return_if_fail (self->run == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_mca_request_prepare_async);

  prepare = g_new0 (Prepare, 1);
  prepare->rows = g_ptr_array_ref (rows);
  prepare->to_read = g_ptr_array_new ();
  prepare->failures = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_task_set_task_data (task, prepare, (GDestroyNotify) prepare_free);

  for (guint i = 0; i < rows->len; i++)
    {
      AttestMcaRow *row = g_ptr_array_index (rows, i);
      g_autoptr(AttestMcaCustomer) customer = attest_mca_ledger_lookup (self->ledger,
                                                                        row->customer_id);
      AttestMcaProfileValues known;

      /* wants_attestation() is FALSE for a customer the ledger does not know. */
      if (wants_attestation (self, customer) && !(self->flags & ATTEST_MCA_REQUEST_DIRECT)
          && attest_mca_row_needs_profile (row)
          && !attest_mca_profile_init_from_customer (&known, customer))
        g_ptr_array_add (prepare->to_read, row);
    }

  self->n_profiles = prepare->to_read->len;
  self->n_profiles_read = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROFILES]);
  read_next_profiles (task);
}

gboolean
attest_mca_request_prepare_finish (AttestMcaRequest  *self,
                                   GAsyncResult      *result,
                                   GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* What the run does for each customer (AttestMcaRunMember, in the order of
 * the file), once prepared or resumed; NULL before, and for a run
 * recorded before the ledger kept its members. */
GPtrArray *
attest_mca_request_get_members (AttestMcaRequest *self)
{
  g_return_val_if_fail (ATTEST_IS_MCA_REQUEST (self), NULL);

  return self->members;
}

/* What keeps customers from being requested, each a sentence that names
 * its line of the file (char *), as preparing found it. */
GPtrArray *
attest_mca_request_get_problems (AttestMcaRequest *self)
{
  g_return_val_if_fail (ATTEST_IS_MCA_REQUEST (self), NULL);

  return self->problems;
}

/* How many attestations the run sends, once prepared. */
guint
attest_mca_request_get_n_to_send (AttestMcaRequest *self)
{
  guint n = 0;

  g_return_val_if_fail (ATTEST_IS_MCA_REQUEST (self), 0);

  for (guint i = 0; self->members != NULL && i < self->members->len; i++)
    n += attest_mca_run_member_get_action (g_ptr_array_index (self->members, i))
         == ATTEST_MCA_RUN_ACTION_ATTESTATION;

  return n;
}

/* The run's ID once it began, or NULL. */
const char *
attest_mca_request_get_run_id (AttestMcaRequest *self)
{
  g_return_val_if_fail (ATTEST_IS_MCA_REQUEST (self), NULL);

  return self->run != NULL ? attest_mca_run_get_id (self->run) : NULL;
}

/* The links file of the run once it began, or NULL. */
const char *
attest_mca_request_get_links_path (AttestMcaRequest *self)
{
  g_return_val_if_fail (ATTEST_IS_MCA_REQUEST (self), NULL);

  return self->run != NULL ? attest_mca_run_get_output_path (self->run) : NULL;
}

/* Whether a request of @customer was answered in @run or in a run that
 * began after it: then @run has nothing more to send for it. */
gboolean
_attest_mca_request_answered_since (AttestMcaLedger   *ledger,
                                    AttestMcaCustomer *customer,
                                    AttestMcaRun      *run)
{
  const char *answer_run_id = attest_mca_customer_get_answer_run_id (customer);
  g_autoptr(AttestMcaRun) answer_run = NULL;

  if (answer_run_id == NULL)
    return FALSE;
  if (g_str_equal (answer_run_id, attest_mca_run_get_id (run)))
    return TRUE;

  answer_run = attest_mca_ledger_lookup_run (ledger, answer_run_id);
  return answer_run != NULL
         && g_date_time_compare (attest_mca_run_get_started_at (answer_run),
                                 attest_mca_run_get_started_at (run)) > 0;
}

static gboolean
is_pending_in (AttestMcaCustomer *customer,
               AttestMcaRun      *run)
{
  AttestMcaIntent *pending = attest_mca_customer_get_pending (customer);

  return pending != NULL
         && g_strcmp0 (attest_mca_intent_get_run_id (pending), attest_mca_run_get_id (run)) == 0;
}

/* The outcome a customer in @state has, when the run sent nothing for it
 * (or a later run did). */
static AttestMcaRequestOutcome
outcome_of_state (AttestMcaState state)
{
  if (attest_mca_state_needs_nothing (state))
    return ATTEST_MCA_REQUEST_OUTCOME_NEEDS_NOTHING;
  if (state == ATTEST_MCA_STATE_REQUESTED)
    return ATTEST_MCA_REQUEST_OUTCOME_ALREADY_REQUESTED;
  if (state == ATTEST_MCA_STATE_REFUSED)
    return ATTEST_MCA_REQUEST_OUTCOME_REFUSED;

  return ATTEST_MCA_REQUEST_OUTCOME_NOT_REQUESTED;
}

/* What became of @member's customer, as the ledger says it now, and why
 * (@message, may be NULL: the member's reason, the server's words, or why
 * no answer came; NULL when there is nothing to say). */
AttestMcaRequestOutcome
attest_mca_request_get_outcome (AttestMcaRequest          *self,
                                const AttestMcaRunMember  *member,
                                const char               **message)
{
  g_autoptr(AttestMcaCustomer) customer = NULL;
  const char *reason = attest_mca_run_member_get_message (member);
  AttestMcaState state;

  g_return_val_if_fail (ATTEST_IS_MCA_REQUEST (self), ATTEST_MCA_REQUEST_OUTCOME_NOT_REQUESTED);
  g_return_val_if_fail (member != NULL, ATTEST_MCA_REQUEST_OUTCOME_NOT_REQUESTED);

  if (message != NULL)
    *message = NULL;

  customer = attest_mca_ledger_lookup (self->ledger,
                                       attest_mca_run_member_get_customer_id (member));
  state = customer != NULL ? attest_mca_customer_get_state (customer)
                           : ATTEST_MCA_STATE_UNCHECKED;

  switch (attest_mca_run_member_get_action (member))
    {
    case ATTEST_MCA_RUN_ACTION_DIRECT:
      return ATTEST_MCA_REQUEST_OUTCOME_DIRECT;

    case ATTEST_MCA_RUN_ACTION_NONE:
      if (message != NULL)
        *message = reason != NULL ? reason : NULL;
      return reason != NULL ? ATTEST_MCA_REQUEST_OUTCOME_NOT_REQUESTED : outcome_of_state (state);

    case ATTEST_MCA_RUN_ACTION_ATTESTATION:
    default:
      if (self->run == NULL)
        return ATTEST_MCA_REQUEST_OUTCOME_TO_SEND;
      if (customer == NULL || is_pending_in (customer, self->run)
          || !_attest_mca_request_answered_since (self->ledger, customer, self->run))
        {
          if (message != NULL && customer != NULL && is_pending_in (customer, self->run))
            *message = attest_mca_intent_get_message (attest_mca_customer_get_pending (customer));
          return ATTEST_MCA_REQUEST_OUTCOME_UNANSWERED;
        }
      if (message != NULL)
        *message = attest_mca_customer_get_message (customer);
      if (g_strcmp0 (attest_mca_customer_get_answer_run_id (customer),
                     attest_mca_run_get_id (self->run)) != 0)
        return outcome_of_state (state);
      return state == ATTEST_MCA_STATE_REQUESTED ? ATTEST_MCA_REQUEST_OUTCOME_REQUESTED
                                                 : outcome_of_state (state);
    }
}

/* Counts the run's customers by outcome. */
void
attest_mca_request_get_counts (AttestMcaRequest       *self,
                               AttestMcaRequestCounts *counts)
{
  g_return_if_fail (ATTEST_IS_MCA_REQUEST (self));
  g_return_if_fail (counts != NULL);

  memset (counts, 0, sizeof *counts);
  for (guint i = 0; self->members != NULL && i < self->members->len; i++)
    {
      counts->customers++;
      switch (attest_mca_request_get_outcome (self, g_ptr_array_index (self->members, i), NULL))
        {
        case ATTEST_MCA_REQUEST_OUTCOME_TO_SEND:
          counts->to_send++;
          break;
        case ATTEST_MCA_REQUEST_OUTCOME_REQUESTED:
          counts->requested++;
          break;
        case ATTEST_MCA_REQUEST_OUTCOME_DIRECT:
          counts->direct++;
          break;
        case ATTEST_MCA_REQUEST_OUTCOME_ALREADY_REQUESTED:
          counts->already_requested++;
          break;
        case ATTEST_MCA_REQUEST_OUTCOME_NEEDS_NOTHING:
          counts->needs_nothing++;
          break;
        case ATTEST_MCA_REQUEST_OUTCOME_NOT_REQUESTED:
          counts->not_requested++;
          break;
        case ATTEST_MCA_REQUEST_OUTCOME_REFUSED:
          counts->refused++;
          break;
        case ATTEST_MCA_REQUEST_OUTCOME_UNANSWERED:
        default:
          counts->unanswered++;
          break;
        }
    }
}

/* The links file */

/* Puts @value in @column when it has one and the row has none. */
static void
fill_empty (AttestMcaLinkRow     *row,
            AttestMcaLinksColumn  column,
            const char           *value)
{
  if (row->values[column][0] == '\0' && value != NULL)
    attest_mca_link_row_set (row, column, value);
}

static AttestMcaLinkRow *
new_member_row (AttestMcaLedger          *ledger,
                const AttestMcaRun       *run,
                const AttestMcaRunMember *member)
{
  g_autoptr(AttestMcaCustomer) customer = NULL;
  AttestMcaLinkRow *row;
  AttestAttestationDetails details;
  AttestMcaIntent *pending;
  const char *message = attest_mca_run_member_get_message (member);

  customer = attest_mca_ledger_lookup (ledger, attest_mca_run_member_get_customer_id (member));
  attest_mca_run_member_get_details (member, &details);
  if (customer != NULL)
    row = attest_mca_link_row_new_from_customer (customer);
  else
    {
      row = attest_mca_link_row_new ();
      attest_mca_link_row_set (row, ATTEST_MCA_LINKS_CUSTOMER_TENANT_ID,
                               attest_mca_run_member_get_customer_id (member));
      attest_mca_link_row_set (row, ATTEST_MCA_LINKS_STATE,
                               attest_mca_state_to_string (ATTEST_MCA_STATE_UNCHECKED));
    }

  switch (attest_mca_run_member_get_action (member))
    {
    case ATTEST_MCA_RUN_ACTION_DIRECT:
      {
        g_autofree char *requested_at =
          attest_mca_format_time (attest_mca_run_get_started_at (run));

        /* What would have been sent: the signatory the customer's
         * administrator is written to. */
        if (details.company_name != NULL)
          attest_mca_link_row_set (row, ATTEST_MCA_LINKS_COMPANY_NAME, details.company_name);
        if (details.first_name != NULL || details.last_name != NULL || details.email != NULL)
          {
            attest_mca_link_row_set (row, ATTEST_MCA_LINKS_FIRST_NAME, details.first_name);
            attest_mca_link_row_set (row, ATTEST_MCA_LINKS_LAST_NAME, details.last_name);
            attest_mca_link_row_set (row, ATTEST_MCA_LINKS_EMAIL, details.email);
          }
        attest_mca_link_row_set (row, ATTEST_MCA_LINKS_ATTESTATION_ID, NULL);
        attest_mca_link_row_set (row, ATTEST_MCA_LINKS_ACCEPTANCE_LINK,
                                 ATTEST_MCA_ADMIN_CENTER_URI);
        attest_mca_link_row_set (row, ATTEST_MCA_LINKS_REQUESTED_AT, requested_at);
        attest_mca_link_row_set (row, ATTEST_MCA_LINKS_MESSAGE, message);
      }
      break;

    case ATTEST_MCA_RUN_ACTION_NONE:
      if (message != NULL)
        attest_mca_link_row_set (row, ATTEST_MCA_LINKS_MESSAGE, message);
      break;

    case ATTEST_MCA_RUN_ACTION_ATTESTATION:
    default:
      pending = customer != NULL ? attest_mca_customer_get_pending (customer) : NULL;
      if (customer == NULL || (pending != NULL
                               && g_strcmp0 (attest_mca_intent_get_run_id (pending),
                                             attest_mca_run_get_id (run)) == 0))
        attest_mca_link_row_set (row, ATTEST_MCA_LINKS_MESSAGE,
                                 pending != NULL && attest_mca_intent_get_message (pending)
                                 ? attest_mca_intent_get_message (pending)
                                 : _("The request has no answer yet. “attest resume” sends it "
                                     "again, unchanged."));
      break;
    }

  fill_empty (row, ATTEST_MCA_LINKS_COMPANY_NAME, details.company_name);
  fill_empty (row, ATTEST_MCA_LINKS_FIRST_NAME, details.first_name);
  fill_empty (row, ATTEST_MCA_LINKS_LAST_NAME, details.last_name);
  fill_empty (row, ATTEST_MCA_LINKS_EMAIL, details.email);

  return row;
}

/* The links file of the request run @run, in full, as @ledger knows its
 * customers now: one row per member, in the order of the partner's file
 * (for a run recorded before the ledger kept its members, the customers it
 * requested). The server's attestation IDs and links, unchanged. */
AttestMcaLinks *
attest_mca_request_build_links (AttestMcaLedger    *ledger,
                                const AttestMcaRun *run)
{
  GPtrArray *members;
  AttestMcaLinks *links;

  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (ledger), NULL);
  g_return_val_if_fail (run != NULL, NULL);

  links = attest_mca_links_new (ATTEST_MCA_LINKS_FORMAT_LINKS);
  members = attest_mca_run_get_members (run);
  if (members == NULL)
    {
      g_autoptr(GPtrArray) customers =
        attest_mca_ledger_list_run_customers (ledger, attest_mca_run_get_id (run));

      for (guint i = 0; i < customers->len; i++)
        g_ptr_array_add (links->rows,
                         attest_mca_link_row_new_from_customer (g_ptr_array_index (customers,
                                                                                   i)));
      return links;
    }

  for (guint i = 0; i < members->len; i++)
    g_ptr_array_add (links->rows, new_member_row (ledger, run, g_ptr_array_index (members, i)));

  return links;
}

/* The object */

void
_attest_mca_request_notify_progress (AttestMcaRequest *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CUSTOMERS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
}

static void
attest_mca_request_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AttestMcaRequest *self = ATTEST_MCA_REQUEST (object);

  switch (prop_id)
    {
    case PROP_N_PROFILES:
      g_value_set_uint (value, self->n_profiles);
      break;
    case PROP_N_PROFILES_READ:
      g_value_set_uint (value, self->n_profiles_read);
      break;
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
attest_mca_request_finalize (GObject *object)
{
  AttestMcaRequest *self = ATTEST_MCA_REQUEST (object);

  g_clear_object (&self->client);
  g_clear_object (&self->ledger);
  g_clear_pointer (&self->members, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->run, attest_mca_run_unref);
  g_clear_pointer (&self->queue, attest_mca_send_queue_unref);

  G_OBJECT_CLASS (attest_mca_request_parent_class)->finalize (object);
}

static void
attest_mca_request_class_init (AttestMcaRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = attest_mca_request_get_property;
  object_class->finalize = attest_mca_request_finalize;

  /* Billing profiles to read while preparing, and read so far. */
  properties[PROP_N_PROFILES] =
    g_param_spec_uint ("n-profiles", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PROFILES_READ] =
    g_param_spec_uint ("n-profiles-read", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Attestations the run sends, and those answered (or given up) so far. */
  properties[PROP_N_CUSTOMERS] =
    g_param_spec_uint ("n-customers", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Once the ledger recorded what came of a customer's attestation. */
  _attest_mca_request_signals[ATTEST_MCA_REQUEST_SIGNAL_CUSTOMER_DONE] =
    g_signal_new ("customer-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
attest_mca_request_init (AttestMcaRequest *self)
{
  self->problems = g_ptr_array_new_with_free_func (g_free);
}
