/* attest-window-resume.c: offering to finish a request run or a completion
 * run of Microsoft's current flow that was interrupted (SPEC §13), as the
 * window offers to finish a classic run
 *
 * The window closed, Attest killed, the network gone: a run of the current
 * flow keeps in the partner's ledger what it journaled and what was
 * answered. At start, and after a sign-in, the window looks in the ledger
 * of the partner signed in for the oldest run that did not end, and offers
 * to finish it: which kind of run, when it started, how many customers it
 * still has to send. Finishing it is the work of the same code as
 * `attest resume` (AttestMcaRequest, AttestMcaCompletion): each request
 * that got no answer goes out again byte for byte under its MS-RequestId,
 * never as a new one, and the grid shows each answer as it comes. Later
 * leaves the run in the ledger, for the next start or `attest resume`;
 * Discard Run ends it without sending the rest, once confirmed. The Runs
 * dialog lists these runs, and continues or discards one, the same way.
 *
 * Here too: win.show-rejected, which takes the window to the customers a
 * classic run rejected or failed, with their reasons.
 *
 * The ledger is locked while open: looking holds it only until the offer
 * is made, and finishing holds it as a request or a completion does. An
 * offer waits while the window works with the ledger and while the offer
 * of a classic run, or the wizard it opened, is open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-window-resume"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-format.h"
#include "attest-mca-request.h"
#include "attest-mca-shapes.h"
#include "attest-runs-dialog.h"
#include "attest-window-private.h"

/* What the offer names: a run of the partner's ledger that did not end. */
typedef struct
{
  char             *run_id;
  AttestMcaRunKind  kind;
  GDateTime        *started_at;
  guint             n_left;
} Interrupted;

static void
interrupted_free (Interrupted *run)
{
  g_free (run->run_id);
  g_clear_pointer (&run->started_at, g_date_time_unref);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Interrupted, interrupted_free)

static gboolean
offer_in_idle (gpointer user_data)
{
  AttestWindow *self = user_data;

  self->mca_offer_idle = 0;
  _attest_window_offer_mca_resume (self);

  return G_SOURCE_REMOVE;
}

/* Looks once the main loop is free: what asked for it may go on first
 * (the end of a piece of work, a sign-in). */
void
_attest_window_offer_mca_resume_soon (AttestWindow *self)
{
  if (self->mca_offer_idle == 0)
    self->mca_offer_idle = g_idle_add (offer_in_idle, self);
}

/* Looking */

/* How many customers @run still has to send, as a resume would send them. */
static gboolean
count_left (AttestWindow     *self,
            AttestMcaLedger  *ledger,
            const char       *run_id,
            AttestMcaRunKind  kind,
            guint            *n_left,
            GError          **error)
{
  g_autoptr(AttestPartnerClient) client = NULL;

  client = attest_connection_new_partner_client (self->connection, error);
  if (client == NULL)
    return FALSE;

  if (kind == ATTEST_MCA_RUN_REQUEST)
    {
      g_autoptr(AttestMcaRequest) request = attest_mca_request_new_resume (client, ledger, run_id,
                                                                           error);

      if (request == NULL)
        return FALSE;
      *n_left = attest_mca_request_get_n_left (request);
    }
  else
    {
      g_autoptr(AttestMcaCompletion) completion = NULL;

      completion = attest_mca_completion_new_resume (client, ledger, run_id, error);
      if (completion == NULL)
        return FALSE;
      *n_left = attest_mca_completion_get_n_left (completion);
    }

  return TRUE;
}

/* The oldest run of @ledger that did not end, or NULL. */
static Interrupted *
find_interrupted (AttestWindow    *self,
                  AttestMcaLedger *ledger)
{
  g_autoptr(GPtrArray) runs = attest_mca_ledger_list_runs (ledger);
  g_autoptr(Interrupted) found = NULL;
  g_autoptr(GError) error = NULL;
  AttestMcaRun *oldest = NULL;

  for (guint i = 0; i < runs->len; i++)
    {
      AttestMcaRun *run = g_ptr_array_index (runs, i);

      if (!attest_mca_run_is_finished (run)
          && (oldest == NULL || g_date_time_compare (attest_mca_run_get_started_at (run),
                                                     attest_mca_run_get_started_at (oldest)) < 0))
        oldest = run;
    }

  if (oldest == NULL)
    return NULL;

  found = g_new0 (Interrupted, 1);
  found->run_id = g_strdup (attest_mca_run_get_id (oldest));
  found->kind = attest_mca_run_get_kind (oldest);
  found->started_at = g_date_time_ref (attest_mca_run_get_started_at (oldest));
  if (!count_left (self, ledger, found->run_id, found->kind, &found->n_left, &error))
    {
      g_info ("Run %s is not offered: %s", found->run_id, error->message);
      return NULL;
    }

  return g_steal_pointer (&found);
}

static void on_offer_response (AdwMessageDialog *dialog,
                               const char       *response,
                               AttestWindow     *self);

static void
on_offer_destroyed (AttestWindow *self,
                    GtkWidget    *dialog)
{
  if (self->mca_offer == dialog)
    self->mca_offer = NULL;
}

/* Offers to finish @run, in the words and the look of the offer to finish
 * a classic run. */
static void
present_offer (AttestWindow *self,
               Interrupted  *run)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *started = attest_format_moment (run->started_at, now);
  g_autofree char *body = NULL;
  const char *heading;
  AdwMessageDialog *dialog;

  if (run->kind == ATTEST_MCA_RUN_REQUEST)
    {
      heading = _("Finish the Interrupted Request?");
      /* Translators: %s is when the run started, as "today at 15:37"; the
       * number counts customers. */
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The request for acceptance started %s stopped "
                                           "before it was done: %'u customer still waits for its "
                                           "attestation. Finish it now? No customer gets a "
                                           "second attestation.",
                                           "The request for acceptance started %s stopped "
                                           "before it was done: %'u customers still wait for "
                                           "their attestations. Finish it now? No customer gets "
                                           "a second attestation.",
                                           run->n_left),
                              started, run->n_left);
    }
  else
    {
      heading = _("Finish the Interrupted Completion?");
      /* Translators: %s is when the run started, as "today at 15:37"; the
       * number counts customers. */
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The completion of agreements started %s stopped "
                                           "before it was done: %'u customer still waits for its "
                                           "agreement. Finish it now? Nothing is created twice.",
                                           "The completion of agreements started %s stopped "
                                           "before it was done: %'u customers still wait for "
                                           "their agreements. Finish it now? Nothing is created "
                                           "twice.",
                                           run->n_left),
                              started, run->n_left);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog, "later", _("_Later"), "discard", _("_Discard Run…"),
                                    "resume", _("_Finish Run"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "resume", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "resume");
  adw_message_dialog_set_close_response (dialog, "later");

  g_object_set_data_full (G_OBJECT (dialog), "attest-run-id", g_strdup (run->run_id), g_free);
  g_object_set_data (G_OBJECT (dialog), "attest-run-kind", GINT_TO_POINTER (run->kind));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_offer_response), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_offer_destroyed), self,
                           G_CONNECT_SWAPPED);
  self->mca_offer = GTK_WIDGET (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_looked (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AttestWindow *self = ATTEST_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(Interrupted) run = NULL;
  AttestMcaLedger *ledger = _attest_window_take_ledger (self, result, &error);

  if (ledger == NULL)
    {
      /* Nothing to say: the offer comes at the next start or sign-in. */
      if (error != NULL)
        g_info ("No run offered to be finished: %s", error->message);
      return;
    }

  run = find_interrupted (self, ledger);
  _attest_window_end_work (self);
  if (run != NULL)
    present_offer (self, run);
}

/* Offers to finish the oldest request or completion run of the partner
 * signed in that did not end, if there is one; once nothing is in the way
 * when something is. */
void
_attest_window_offer_mca_resume (AttestWindow *self)
{
  self->mca_offer_wanted = FALSE;
  if (self->connection == NULL || attest_connection_needs_sign_in (self->connection)
      || self->mca_offer != NULL || !_attest_window_has_ledger (self))
    return;

  if (self->classic_resume != NULL || _attest_window_is_working (self))
    {
      self->mca_offer_wanted = TRUE;
      return;
    }

  _attest_window_open_ledger_async (self, on_looked, NULL);
}

static void
on_classic_resume_destroyed (AttestWindow *self,
                             GtkWidget    *dialog)
{
  if (self->classic_resume != dialog)
    return;

  self->classic_resume = NULL;
  if (self->mca_offer_wanted)
    _attest_window_offer_mca_resume_soon (self);
}

/* @dialog is about finishing a classic run: an offer of the current flow
 * waits until it is gone. */
void
_attest_window_follow_classic_resume (AttestWindow *self,
                                      GtkWidget    *dialog)
{
  self->classic_resume = dialog;
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_classic_resume_destroyed), self,
                           G_CONNECT_SWAPPED);
}

/* Finishing */

typedef struct
{
  char                *run_id;
  AttestMcaRunKind     kind;
  AttestPartnerClient *client;
} Finishing;

static void
finishing_free (Finishing *finishing)
{
  g_free (finishing->run_id);
  g_clear_object (&finishing->client);
  g_free (finishing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Finishing, finishing_free)

/* Shows the customers of the run in a window that shows none, as at its
 * start, and what the ledger knows of each. */
static void
show_customers (AttestWindow    *self,
                AttestMcaLedger *ledger,
                GPtrArray       *customer_ids)
{
  if (attest_window_is_empty (self))
    {
      g_autoptr(AttestRecordStore) store = attest_record_store_new ();

      for (guint i = 0; i < customer_ids->len; i++)
        {
          AttestRecordFields fields = { g_ptr_array_index (customer_ids, i), NULL, NULL, NULL,
                                        NULL, 0, FALSE };

          attest_record_store_append (store, &fields);
        }
      attest_window_set_store (self, store, NULL);
    }

  _attest_window_apply_ledger (self, ledger, self->store);
  if (self->view != NULL)
    attest_record_view_refresh (self->view);
}

/* The customers of the request run @request, by their IDs. */
static GPtrArray *
list_request_customers (AttestMcaLedger  *ledger,
                        AttestMcaRequest *request)
{
  GPtrArray *members = attest_mca_request_get_members (request);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  if (members != NULL)
    {
      for (guint i = 0; i < members->len; i++)
        g_ptr_array_add (ids, g_strdup (attest_mca_run_member_get_customer_id (
                                          g_ptr_array_index (members, i))));
    }
  else
    {
      /* A run recorded before the ledger kept its members. */
      g_autoptr(GPtrArray) customers =
        attest_mca_ledger_list_run_customers (ledger, attest_mca_request_get_run_id (request));

      for (guint i = 0; i < customers->len; i++)
        g_ptr_array_add (ids, g_strdup (attest_mca_customer_get_id (
                                          g_ptr_array_index (customers, i))));
    }

  return ids;
}

static gboolean
finish_request (AttestWindow     *self,
                AttestMcaLedger  *ledger,
                Finishing        *finishing,
                GError          **error)
{
  AttestRequestDialog *dialog;
  g_autoptr(GPtrArray) ids = NULL;

  dialog = attest_request_dialog_new_resume (GTK_WINDOW (self), finishing->client, ledger,
                                             finishing->run_id, error);
  if (dialog == NULL)
    return FALSE;

  ids = list_request_customers (ledger, attest_request_dialog_get_request (dialog));
  show_customers (self, ledger, ids);
  _attest_window_follow_request (self, dialog);

  return TRUE;
}

static gboolean
finish_completion (AttestWindow     *self,
                   AttestMcaLedger  *ledger,
                   Finishing        *finishing,
                   GError          **error)
{
  AttestMcaCompletion *completion;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  completion = attest_mca_completion_new_resume (finishing->client, ledger, finishing->run_id,
                                                 error);
  if (completion == NULL)
    return FALSE;

  customers = attest_mca_completion_list_customers (completion);
  for (guint i = 0; i < customers->len; i++)
    g_ptr_array_add (ids, g_strdup (attest_mca_customer_get_id (g_ptr_array_index (customers,
                                                                                   i))));
  show_customers (self, ledger, ids);
  _attest_window_run_completion (self, completion);

  return TRUE;
}

static void
on_finish_ledger_opened (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  AttestWindow *self = ATTEST_WINDOW (object);
  g_autoptr(Finishing) finishing = user_data;
  g_autoptr(GError) error = NULL;
  AttestMcaLedger *ledger = _attest_window_open_ledger_finish (self, result,
                                                               _("Cannot Finish the Run"));
  gboolean started;

  if (ledger == NULL)
    return;

  if (finishing->kind == ATTEST_MCA_RUN_REQUEST)
    started = finish_request (self, ledger, finishing, &error);
  else
    started = finish_completion (self, ledger, finishing, &error);

  if (!started)
    {
      _attest_window_end_work (self);
      attest_window_show_error (self, _("Cannot Finish the Run"), error->message);
    }
}

/* Finishes the request or completion run @run_id, as `attest resume`
 * does, the grid showing its customers. */
void
_attest_window_finish_mca_run (AttestWindow     *self,
                               const char       *run_id,
                               AttestMcaRunKind  kind)
{
  Finishing *finishing;
  AttestPartnerClient *client;

  if (self->connection == NULL)
    return;

  /* Something began meanwhile: the offer comes back once it is done. */
  if (_attest_window_is_working (self))
    {
      self->mca_offer_wanted = TRUE;
      return;
    }

  /* Both write with the AppOnly credential; without it, a dialog offers to
   * add it, and the offer comes back once it is added. */
  client = _attest_window_new_writing_client (self, "POST",
                                              kind == ATTEST_MCA_RUN_REQUEST
                                              ? ATTEST_MCA_ATTESTATION_PATH
                                              : "/v1/customers/{id}/agreements",
                                              _("Cannot Finish the Run"), NULL);
  if (client == NULL)
    return;

  finishing = g_new0 (Finishing, 1);
  finishing->run_id = g_strdup (run_id);
  finishing->kind = kind;
  finishing->client = client;
  g_free (self->finishing_run_id);
  self->finishing_run_id = g_strdup (run_id);
  g_object_set (self, "flow", "current", NULL);
  _attest_window_open_ledger_async (self, on_finish_ledger_opened, finishing);
}

/* Discarding */

static void
on_discard_ledger_opened (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  AttestWindow *self = ATTEST_WINDOW (object);
  g_autofree char *run_id = user_data;
  g_autoptr(GError) error = NULL;
  AttestMcaLedger *ledger = _attest_window_open_ledger_finish (self, result,
                                                               _("Cannot Discard the Run"));

  if (ledger == NULL)
    return;

  if (!attest_mca_ledger_discard_run (ledger, run_id, &error))
    {
      _attest_window_end_work (self);
      attest_window_show_error (self, _("Cannot Discard the Run"), error->message);
      return;
    }

  /* The customers it left refused show so, with why. */
  if (self->store != NULL)
    _attest_window_apply_ledger (self, ledger, self->store);
  _attest_window_end_work (self);
  attest_window_show_toast (self, _("Run discarded"));
  _attest_window_refresh_runs (self);
}

/* Ends the request or completion run @run_id without finishing it (the
 * person confirmed). */
void
_attest_window_discard_mca_run (AttestWindow *self,
                                const char   *run_id)
{
  if (self->connection == NULL)
    return;

  if (_attest_window_is_working (self))
    {
      attest_window_show_toast (self, _("The run can be discarded once the work under way is "
                                        "done."));
      return;
    }

  _attest_window_open_ledger_async (self, on_discard_ledger_opened, g_strdup (run_id));
}

static void
on_discard_confirmed (AdwMessageDialog *dialog,
                      const char       *response,
                      AttestWindow     *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    _attest_window_discard_mca_run (self, g_object_get_data (G_OBJECT (dialog), "attest-run-id"));
}

static void
confirm_discard (AttestWindow *self,
                 const char   *run_id)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Discard the Run?"),
                                                       _("The requests it has not sent are not "
                                                         "sent, and it is offered to be finished "
                                                         "no more. A request sent without an "
                                                         "answer may have reached Partner "
                                                         "Center: asking for those customers "
                                                         "again may send them a second "
                                                         "email.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard Run"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "attest-run-id", g_strdup (run_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_confirmed), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_offer_response (AdwMessageDialog *dialog,
                   const char       *response,
                   AttestWindow     *self)
{
  const char *run_id = g_object_get_data (G_OBJECT (dialog), "attest-run-id");
  AttestMcaRunKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog),
                                                              "attest-run-kind"));

  /* Later: the run stays in the ledger, for the next start. */
  if (g_strcmp0 (response, "resume") == 0)
    _attest_window_finish_mca_run (self, run_id, kind);
  else if (g_strcmp0 (response, "discard") == 0)
    confirm_discard (self, run_id);
}

/* Listing */

static void
on_list_ledger_opened (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  AttestWindow *self = ATTEST_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(GHashTable) n_customers = NULL;
  AttestMcaLedger *ledger = _attest_window_take_ledger (self, result, &error);

  if (ledger == NULL)
    {
      if (self->runs_dialog != NULL && error != NULL)
        attest_runs_dialog_set_mca_runs (ATTEST_RUNS_DIALOG (self->runs_dialog), NULL, NULL,
                                         error->message);
      return;
    }

  runs = attest_mca_ledger_list_runs (ledger);
  n_customers = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < runs->len; i++)
    {
      AttestMcaRun *run = g_ptr_array_index (runs, i);
      g_autoptr(GPtrArray) customers = NULL;
      guint n;

      customers = attest_mca_ledger_list_run_customers (ledger, attest_mca_run_get_id (run));
      n = attest_mca_run_get_members (run) != NULL ? attest_mca_run_get_members (run)->len
                                                   : customers->len;
      g_hash_table_insert (n_customers, (gpointer) attest_mca_run_get_id (run),
                           GUINT_TO_POINTER (n));
    }

  if (self->runs_dialog != NULL)
    attest_runs_dialog_set_mca_runs (ATTEST_RUNS_DIALOG (self->runs_dialog), runs, n_customers,
                                     NULL);
  _attest_window_end_work (self);
}

/* Gives the Runs dialog the request and completion runs of the partner
 * signed in, from its ledger, or says why it cannot. */
void
_attest_window_list_mca_runs (AttestWindow *self)
{
  AttestRunsDialog *dialog = ATTEST_RUNS_DIALOG (self->runs_dialog);

  if (dialog == NULL)
    return;

  if (self->connection == NULL || attest_connection_needs_sign_in (self->connection))
    attest_runs_dialog_set_mca_runs (dialog, NULL, NULL,
                                     _("Sign in to see the runs of the partner’s customer "
                                       "acceptance."));
  else if (!_attest_window_has_ledger (self))
    attest_runs_dialog_set_mca_runs (dialog, NULL, NULL, NULL);
  else if (_attest_window_is_working (self))
    attest_runs_dialog_set_mca_runs (dialog, NULL, NULL,
                                     _("Shown once the work under way is done."));
  else
    _attest_window_open_ledger_async (self, on_list_ledger_opened, NULL);
}

/* Show Rejected */

/* The customers a classic run rejected or failed, with Partner Center's
 * reasons: the classic flow's columns, filtered. */
static void
show_rejected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AttestWindow *self = ATTEST_WINDOW (widget);

  g_object_set (self, "flow", "classic", "search-mode", TRUE, NULL);
  gtk_drop_down_set_selected (self->filter_dropdown, ATTEST_RECORD_FILTER_FAILED);
}

void
_attest_window_class_resume_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-rejected", NULL,
                                   show_rejected_action);
}

/* The window's work with the ledger ends (the ledger still held): once a
 * run it finished is over, the next one that did not end is offered; an
 * offer that waited for the work is made. */
void
_attest_window_note_work_end (AttestWindow *self)
{
  g_autofree char *run_id = g_steal_pointer (&self->finishing_run_id);

  if (run_id != NULL && self->work_ledger != NULL)
    {
      g_autoptr(AttestMcaRun) run = attest_mca_ledger_lookup_run (self->work_ledger, run_id);

      if (run != NULL && attest_mca_run_is_finished (run))
        self->mca_offer_wanted = TRUE;
    }

  if (self->mca_offer_wanted)
    _attest_window_offer_mca_resume_soon (self);
}

void
_attest_window_resume_dispose (AttestWindow *self)
{
  g_clear_handle_id (&self->mca_offer_idle, g_source_remove);
  g_clear_pointer (&self->finishing_run_id, g_free);
  g_clear_pointer (&self->finishing_journal, g_free);
  if (self->runs_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->runs_dialog));
  self->mca_offer_wanted = FALSE;
}
