/* attest-mca-ledger.c: what Attest knows of a partner's customers in
 * Microsoft's current flow, kept across runs (SPEC §13)
 *
 * One ledger per partner tenant, under
 * $XDG_STATE_HOME/attest/mca/<tenant-id>/ledger.jsonl: the latest state of
 * every customer with when it was seen, the requests journaled before they
 * are sent and their answers, and the request and completion runs. One JSON
 * object a line (attest-mca-ledger-entry.c), applied to the model in memory
 * (attest-mca-ledger-model.c) the same way when recorded and when read back.
 *
 * A line is written when it is recorded, so a kill loses nothing recorded
 * before it; a request is also synced to the disk before it may be sent
 * (attest_mca_ledger_record_intent_async()), in one fsync for all that were
 * written meanwhile, on a thread. A last line without its line end was cut
 * short by a crash in the middle of a write: it is dropped, as the run
 * journal's is. When the file holds more than twice the lines its customers
 * and runs need, it is rewritten with one line each (temporary file, fsync,
 * rename). The file is 0600 in a 0700 folder, and one Attest at a time has
 * it open (a lock beside it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-ledger"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "attest-mca-ledger-private.h"
#include "attest-validation.h"

G_DEFINE_QUARK (attest-mca-ledger-error-quark, attest_mca_ledger_error)

G_DEFINE_FINAL_TYPE (AttestMcaLedger, attest_mca_ledger, G_TYPE_OBJECT)

/* The folder of the partner tenant @tenant_id's ledger. */
char *
attest_mca_ledger_dup_directory (const char *tenant_id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (tenant_id != NULL, NULL);

  name = g_ascii_strdown (tenant_id, -1);
  return g_build_filename (g_get_user_state_dir (), "attest", "mca", name, NULL);
}

/* Opens the ledger of the partner tenant @tenant_id in @directory (NULL:
 * attest_mca_ledger_dup_directory()), making it when there is none. Reads
 * it whole: 10,000 customers take some tens of milliseconds, so a window
 * calls attest_mca_ledger_open_async(). */
AttestMcaLedger *
attest_mca_ledger_open (const char  *directory,
                        const char  *tenant_id,
                        GError     **error)
{
  g_autoptr(AttestMcaLedger) self = NULL;

  g_return_val_if_fail (tenant_id != NULL, NULL);

  if (!attest_guid_parse (tenant_id, strlen (tenant_id), NULL))
    {
      g_set_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_INVALID_TENANT,
                   _("“%s” is not a partner tenant ID."), tenant_id);
      return NULL;
    }

  self = g_object_new (ATTEST_TYPE_MCA_LEDGER, NULL);
  self->tenant_id = g_ascii_strdown (tenant_id, -1);
  self->directory = directory != NULL ? g_strdup (directory)
                                      : attest_mca_ledger_dup_directory (tenant_id);
  if (!_attest_mca_ledger_load (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

typedef struct
{
  char *directory;
  char *tenant_id;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->directory);
  g_free (data->tenant_id);
  g_free (data);
}

static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  AttestMcaLedger *ledger = attest_mca_ledger_open (data->directory, data->tenant_id, &error);

  if (ledger == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ledger, g_object_unref);
}

/* As attest_mca_ledger_open(), on a thread. */
void
attest_mca_ledger_open_async (const char          *directory,
                              const char          *tenant_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  OpenData *data = g_new0 (OpenData, 1);

  g_return_if_fail (tenant_id != NULL);

  g_task_set_source_tag (task, attest_mca_ledger_open_async);
  data->directory = g_strdup (directory);
  data->tenant_id = g_strdup (tenant_id);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  g_task_run_in_thread (task, open_in_thread);
}

AttestMcaLedger *
attest_mca_ledger_open_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The partner tenant, in lower case. */
const char *
attest_mca_ledger_get_tenant_id (AttestMcaLedger *self)
{
  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (self), NULL);

  return self->tenant_id;
}

const char *
attest_mca_ledger_get_path (AttestMcaLedger *self)
{
  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (self), NULL);

  return self->path;
}

guint
attest_mca_ledger_get_n_customers (AttestMcaLedger *self)
{
  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (self), 0);

  return self->model->customers->len;
}

/* The customer @customer_id, whatever the case of its letters, or NULL
 * when nothing was recorded about it. */
AttestMcaCustomer *
attest_mca_ledger_lookup (AttestMcaLedger *self,
                          const char      *customer_id)
{
  AttestMcaCustomer *customer;

  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (self), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  customer = _attest_mca_model_lookup (self->model, customer_id);
  return customer != NULL ? attest_mca_customer_ref (customer) : NULL;
}

/* Every customer, in the order each was first recorded. */
GPtrArray *
attest_mca_ledger_list_customers (AttestMcaLedger *self)
{
  GPtrArray *customers;

  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (self), NULL);

  customers = g_ptr_array_new_full (self->model->customers->len,
                                    (GDestroyNotify) attest_mca_customer_unref);
  for (guint i = 0; i < self->model->customers->len; i++)
    g_ptr_array_add (customers,
                     attest_mca_customer_ref (g_ptr_array_index (self->model->customers, i)));

  return customers;
}

/* The customers the run @run_id requested or completed, or has a request
 * of journaled: the rows of its links or results file. */
GPtrArray *
attest_mca_ledger_list_run_customers (AttestMcaLedger *self,
                                      const char      *run_id)
{
  GPtrArray *customers;

  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (self), NULL);
  g_return_val_if_fail (run_id != NULL, NULL);

  customers = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_mca_customer_unref);
  for (guint i = 0; i < self->model->customers->len; i++)
    {
      AttestMcaCustomer *customer = g_ptr_array_index (self->model->customers, i);

      if (g_strcmp0 (customer->request_run_id, run_id) == 0
          || g_strcmp0 (customer->completion_run_id, run_id) == 0
          || (customer->pending != NULL && g_strcmp0 (customer->pending->run_id, run_id) == 0))
        g_ptr_array_add (customers, attest_mca_customer_ref (customer));
    }

  return customers;
}

/* The requests journaled and never answered, or whose answer was lost, of
 * the run @run_id (NULL: of every run): each goes out again as it is. */
GPtrArray *
attest_mca_ledger_list_unanswered (AttestMcaLedger *self,
                                   const char      *run_id)
{
  GPtrArray *intents;

  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (self), NULL);

  intents = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_mca_intent_unref);
  for (guint i = 0; i < self->model->customers->len && self->model->n_pending > 0; i++)
    {
      AttestMcaIntent *pending = ((AttestMcaCustomer *)
                                  g_ptr_array_index (self->model->customers, i))->pending;

      if (pending != NULL && (run_id == NULL || g_strcmp0 (pending->run_id, run_id) == 0))
        g_ptr_array_add (intents, attest_mca_intent_ref (pending));
    }

  return intents;
}

/* Records the state a check saw for @customer_id at @seen_at (NULL: now),
 * with the server's @message (or why the check failed) and the customer's
 * @company_name (NULL: the one known). Needing acceptance is what the reads
 * show of a customer that was requested or refused too, and of one done
 * for some minutes: such a customer keeps its state and message. */
gboolean
attest_mca_ledger_record_state (AttestMcaLedger  *self,
                                const char       *customer_id,
                                AttestMcaState    state,
                                const char       *company_name,
                                const char       *message,
                                GDateTime        *seen_at,
                                GError          **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(AttestMcaCustomer) change = NULL;
  g_autofree char *line = NULL;

  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (self), FALSE);
  g_return_val_if_fail (customer_id != NULL && customer_id[0] != '\0', FALSE);
  g_return_val_if_fail (state < ATTEST_N_MCA_STATES, FALSE);

  if (seen_at == NULL)
    seen_at = now = g_date_time_new_now_utc ();

  change = _attest_mca_customer_new (customer_id);
  change->state = state;
  change->seen_at = g_date_time_ref (seen_at);
  change->company_name = g_strdup (company_name);
  change->message = g_strdup (message);
  line = _attest_mca_entry_state (change);
  if (!_attest_mca_ledger_append (self, line, error))
    return FALSE;

  _attest_mca_model_apply_state (self->model, customer_id, state, company_name, message,
                                 seen_at);
  _attest_mca_ledger_maybe_compact (self);

  return TRUE;
}

/* Records the values of @customer_id's billing profile, read at @seen_at
 * (NULL: now), in place of those known: the signatory, company name,
 * country and language a request takes when the partner's file has none.
 * They are kept as given; checking them is the request's job. */
gboolean
attest_mca_ledger_record_profile (AttestMcaLedger       *self,
                                  const char            *customer_id,
                                  AttestBillingProfile  *profile,
                                  GDateTime             *seen_at,
                                  GError               **error)
{
  g_autofree char *line = NULL;
  AttestMcaProfile values;
  gboolean written;

  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (self), FALSE);
  g_return_val_if_fail (customer_id != NULL && customer_id[0] != '\0', FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  values = (AttestMcaProfile) {
    g_strdup (attest_billing_profile_get_first_name (profile)),
    g_strdup (attest_billing_profile_get_last_name (profile)),
    g_strdup (attest_billing_profile_get_email (profile)),
    g_strdup (attest_billing_profile_get_phone_number (profile)),
    g_strdup (attest_billing_profile_get_company_name (profile)),
    g_strdup (attest_billing_profile_get_country (profile)),
    g_strdup (attest_billing_profile_get_culture (profile)),
    g_strdup (attest_billing_profile_get_language (profile)),
    seen_at != NULL ? g_date_time_ref (seen_at) : g_date_time_new_now_utc (),
  };
  line = _attest_mca_entry_profile (customer_id, &values);
  written = _attest_mca_ledger_append (self, line, error);
  if (written)
    {
      _attest_mca_model_apply_profile (self->model, customer_id, &values);
      _attest_mca_ledger_maybe_compact (self);
    }
  _attest_mca_profile_clear (&values);

  return written;
}

/* Writes the intent; the caller syncs it. */
static gboolean
record_intent (AttestMcaLedger            *self,
               AttestMcaIntentKind         kind,
               const char                 *run_id,
               const AttestPartnerContact *signatory,
               const char                 *company_name,
               AttestPartnerRequest       *request,
               GError                    **error)
{
  AttestMcaCustomer *customer = _attest_mca_model_lookup (self->model, signatory->customer_id);
  AttestMcaIntent *pending = customer != NULL ? customer->pending : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(AttestMcaIntent) intent = NULL;
  g_autofree char *line = NULL;

  if (pending != NULL)
    {
      const char *request_id = attest_partner_request_get_request_id (pending->request);

      /* The same request journaled again is already there. */
      if (g_str_equal (request_id, attest_partner_request_get_request_id (request)))
        return TRUE;

      g_set_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_PENDING,
                   _("The request %s of the customer %s has no answer yet: it may have "
                     "reached Partner Center. Resume it rather than sending a new one."),
                   request_id, signatory->customer_id);
      return FALSE;
    }

  intent = _attest_mca_intent_new (signatory->customer_id, kind, run_id, now, request);
  line = _attest_mca_entry_intent (intent, signatory, company_name);
  if (!_attest_mca_ledger_append (self, line, error))
    return FALSE;

  _attest_mca_model_apply_intent (self->model, g_steal_pointer (&intent), signatory,
                                  company_name);
  _attest_mca_ledger_maybe_compact (self);

  return TRUE;
}

static void
on_intent_synced (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!attest_mca_ledger_sync_finish (ATTEST_MCA_LEDGER (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Journals @request, whole, as what is about to be sent for the customer
 * @signatory->customer_id by the run @run_id (or NULL), with the signatory
 * and @company_name (NULL: the one known) it names. The callback runs once
 * it is on the disk: only then may the request be sent. A customer whose
 * previous request has no answer gets none: that one goes out again. */
void
attest_mca_ledger_record_intent_async (AttestMcaLedger            *self,
                                       AttestMcaIntentKind         kind,
                                       const char                 *run_id,
                                       const AttestPartnerContact *signatory,
                                       const char                 *company_name,
                                       AttestPartnerRequest       *request,
                                       GCancellable               *cancellable,
                                       GAsyncReadyCallback         callback,
                                       gpointer                    user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (ATTEST_IS_MCA_LEDGER (self));
  g_return_if_fail (signatory != NULL && signatory->customer_id != NULL);
  g_return_if_fail (request != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_mca_ledger_record_intent_async);

  if (!record_intent (self, kind, run_id, signatory, company_name, request, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  attest_mca_ledger_sync_async (self, NULL, on_intent_synced, g_steal_pointer (&task));
}

gboolean
attest_mca_ledger_record_intent_finish (AttestMcaLedger  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* As attest_mca_ledger_record_intent_async(), synced on the calling
 * thread before it returns. */
gboolean
attest_mca_ledger_record_intent_sync (AttestMcaLedger            *self,
                                      AttestMcaIntentKind         kind,
                                      const char                 *run_id,
                                      const AttestPartnerContact *signatory,
                                      const char                 *company_name,
                                      AttestPartnerRequest       *request,
                                      GError                    **error)
{
  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (self), FALSE);
  g_return_val_if_fail (signatory != NULL && signatory->customer_id != NULL, FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  return record_intent (self, kind, run_id, signatory, company_name, request, error)
         && attest_mca_ledger_sync (self, error);
}

/* Records what came of the request journaled for @answer->customer_id
 * under @answer->request_id. An answer to no such request is an error. */
gboolean
attest_mca_ledger_record_answer (AttestMcaLedger        *self,
                                 const AttestMcaAnswer  *answer,
                                 GError                **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *line = NULL;
  AttestMcaAnswer timed;

  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (self), FALSE);
  g_return_val_if_fail (answer != NULL && answer->customer_id != NULL, FALSE);
  g_return_val_if_fail (answer->request_id != NULL, FALSE);
  g_return_val_if_fail (answer->kind <= ATTEST_MCA_ANSWER_LOST, FALSE);

  timed = *answer;
  if (timed.answered_at == NULL)
    timed.answered_at = now = g_date_time_new_now_utc ();

  if (!_attest_mca_model_check_answer (self->model, &timed, error))
    return FALSE;

  line = _attest_mca_entry_answer (&timed);
  if (!_attest_mca_ledger_append (self, line, error))
    return FALSE;

  _attest_mca_model_apply_answer (self->model, &timed);
  _attest_mca_ledger_maybe_compact (self);

  return TRUE;
}

static AttestMcaRun *
begin_run (AttestMcaLedger   *self,
           AttestMcaRunKind   kind,
           const char        *output_path,
           GPtrArray         *members,
           GDateTime         *started_at,
           GError           **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(AttestMcaRun) run = NULL;
  g_autofree char *run_id = NULL;
  g_autofree char *line = NULL;

  if (started_at == NULL)
    started_at = now = g_date_time_new_now_utc ();

  do
    {
      g_free (run_id);
      run_id = attest_mca_run_new_id (started_at);
    }
  while (_attest_mca_model_lookup_run (self->model, run_id) != NULL);

  run = _attest_mca_run_new (run_id, kind, output_path, started_at);
  run->members = members != NULL ? g_ptr_array_ref (members) : NULL;
  line = _attest_mca_entry_run (run);
  if (!_attest_mca_ledger_append (self, line, error))
    return NULL;

  _attest_mca_model_put_run (self->model, attest_mca_run_ref (run));

  return g_steal_pointer (&run);
}

/* Records that a run of @kind starts at @started_at (NULL: now), writing
 * @output_path; returns it, with a new ID. */
AttestMcaRun *
attest_mca_ledger_begin_run (AttestMcaLedger   *self,
                             AttestMcaRunKind   kind,
                             const char        *output_path,
                             GDateTime         *started_at,
                             GError           **error)
{
  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (self), NULL);
  g_return_val_if_fail (kind <= ATTEST_MCA_RUN_COMPLETION, NULL);

  return begin_run (self, kind, output_path, NULL, started_at, error);
}

/* Records that a request run starts at @started_at (NULL: now), writing
 * the links file @output_path for @members (AttestMcaRunMember, which it
 * keeps: the run's customers in the order of the file, each with what the
 * run does for it); returns it, with a new ID. The members are what a
 * resume needs to send what was not sent and to write every row again. */
AttestMcaRun *
attest_mca_ledger_begin_request_run (AttestMcaLedger  *self,
                                     const char       *output_path,
                                     GPtrArray        *members,
                                     GDateTime        *started_at,
                                     GError          **error)
{
  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (self), NULL);
  g_return_val_if_fail (members != NULL, NULL);

  return begin_run (self, ATTEST_MCA_RUN_REQUEST, output_path, members, started_at, error);
}

static gboolean
end_run (AttestMcaLedger  *self,
         const char       *run_id,
         GDateTime        *ended_at,
         gboolean          discarded,
         GError          **error)
{
  g_autoptr(GDateTime) now = NULL;
  AttestMcaRun *run;
  g_autofree char *line = NULL;

  if (_attest_mca_model_lookup_run (self->model, run_id) == NULL)
    {
      g_set_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_UNKNOWN_RUN,
                   _("There is no run %s for this partner."), run_id);
      return FALSE;
    }

  if (ended_at == NULL)
    ended_at = now = g_date_time_new_now_utc ();

  run = _attest_mca_run_copy (_attest_mca_model_lookup_run (self->model, run_id));
  g_clear_pointer (&run->ended_at, g_date_time_unref);
  run->ended_at = g_date_time_ref (ended_at);
  run->discarded = discarded;
  line = _attest_mca_entry_run_end (run);
  if (!_attest_mca_ledger_append (self, line, error))
    {
      attest_mca_run_unref (run);
      return FALSE;
    }

  _attest_mca_model_put_run (self->model, run);
  _attest_mca_ledger_maybe_compact (self);

  return TRUE;
}

/* Records that the run @run_id ended at @ended_at (NULL: now): it has
 * nothing left to send, and its file was written. */
gboolean
attest_mca_ledger_end_run (AttestMcaLedger  *self,
                           const char       *run_id,
                           GDateTime        *ended_at,
                           GError          **error)
{
  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (self), FALSE);
  g_return_val_if_fail (run_id != NULL, FALSE);

  return end_run (self, run_id, ended_at, FALSE, error);
}

/* Ends the interrupted run @run_id without finishing it: what it has not
 * sent is never sent, and each of its requests that got no answer is
 * answered as refused with why, so that its customer can be asked about
 * again by another run (its request may have reached Partner Center: a
 * new one may make a second attestation). The run is kept, discarded. */
gboolean
attest_mca_ledger_discard_run (AttestMcaLedger  *self,
                               const char       *run_id,
                               GError          **error)
{
  g_autoptr(GPtrArray) unanswered = NULL;
  AttestMcaRun *run;

  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (self), FALSE);
  g_return_val_if_fail (run_id != NULL, FALSE);

  run = _attest_mca_model_lookup_run (self->model, run_id);
  if (run != NULL && run->ended_at != NULL)
    {
      g_set_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_FINISHED_RUN,
                   _("The run %s is already over."), run_id);
      return FALSE;
    }

  unanswered = attest_mca_ledger_list_unanswered (self, run_id);
  for (guint i = 0; run != NULL && i < unanswered->len; i++)
    {
      AttestMcaIntent *intent = g_ptr_array_index (unanswered, i);
      AttestMcaAnswer answer = {
        .kind = ATTEST_MCA_ANSWER_REFUSED,
        .customer_id = attest_mca_intent_get_customer_id (intent),
        .request_id = attest_partner_request_get_request_id (
                        attest_mca_intent_get_request (intent)),
        .message = _("The run was discarded before Partner Center answered this request."),
      };

      if (!attest_mca_ledger_record_answer (self, &answer, error))
        return FALSE;
    }

  return end_run (self, run_id, NULL, TRUE, error);
}

/* The run @run_id, or NULL. */
AttestMcaRun *
attest_mca_ledger_lookup_run (AttestMcaLedger *self,
                              const char      *run_id)
{
  AttestMcaRun *run;

  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (self), NULL);
  g_return_val_if_fail (run_id != NULL, NULL);

  run = _attest_mca_model_lookup_run (self->model, run_id);
  return run != NULL ? attest_mca_run_ref (run) : NULL;
}

/* The run @run_id of @kind, and with @unfinished, one that is not over:
 * else an error that says which run is missing or over. */
AttestMcaRun *
attest_mca_ledger_find_run (AttestMcaLedger   *self,
                            const char        *run_id,
                            AttestMcaRunKind   kind,
                            gboolean           unfinished,
                            GError           **error)
{
  AttestMcaRun *run;

  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (self), NULL);
  g_return_val_if_fail (run_id != NULL, NULL);

  run = _attest_mca_model_lookup_run (self->model, run_id);
  if (run == NULL || run->kind != kind)
    {
      g_set_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_UNKNOWN_RUN,
                   kind == ATTEST_MCA_RUN_REQUEST
                   ? _("There is no request run %s for this partner.")
                   : _("There is no completion run %s for this partner."), run_id);
      return NULL;
    }
  if (unfinished && run->ended_at != NULL)
    {
      g_set_error (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_FINISHED_RUN,
                   kind == ATTEST_MCA_RUN_REQUEST
                   ? _("The request run %s is already finished.")
                   : _("The completion run %s is already finished."), run_id);
      return NULL;
    }

  return attest_mca_run_ref (run);
}

/* Every run, oldest first. */
GPtrArray *
attest_mca_ledger_list_runs (AttestMcaLedger *self)
{
  GPtrArray *runs;

  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (self), NULL);

  runs = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_mca_run_unref);
  for (guint i = 0; i < self->model->runs->len; i++)
    g_ptr_array_add (runs, attest_mca_run_ref (g_ptr_array_index (self->model->runs, i)));

  return runs;
}

static void
attest_mca_ledger_finalize (GObject *object)
{
  AttestMcaLedger *self = ATTEST_MCA_LEDGER (object);

  /* Every sync asked for holds a reference through its task. */
  g_assert (self->waiting->len == 0 && !self->syncing);

  if (self->fd >= 0)
    g_close (self->fd, NULL);
  if (self->lock_fd >= 0)
    g_close (self->lock_fd, NULL);
  g_free (self->directory);
  g_free (self->path);
  g_free (self->tenant_id);
  g_clear_pointer (&self->model, _attest_mca_model_free);
  g_clear_error (&self->failure);
  g_ptr_array_unref (self->waiting);

  G_OBJECT_CLASS (attest_mca_ledger_parent_class)->finalize (object);
}

static void
attest_mca_ledger_class_init (AttestMcaLedgerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_mca_ledger_finalize;
}

static void
attest_mca_ledger_init (AttestMcaLedger *self)
{
  self->fd = -1;
  self->lock_fd = -1;
  self->model = _attest_mca_model_new ();
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
}
