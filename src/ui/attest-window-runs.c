/* attest-window-runs.c: the classic runs in the window: submitting,
 * finishing or discarding a run that did not end, and the Runs dialog
 *
 * At start the window offers to finish the newest classic run that did not
 * end, saying how many customers it still has to send (those another run
 * attested since are left out: they are not sent again), or to discard it.
 * Submitting while such a run exists asks first: finish it, or discard it
 * and submit anew. The Runs dialog (win.show-runs) lists every classic run
 * and every request and completion run of the partner signed in, and
 * continues, discards or exports the results of one (continuing and
 * discarding the current flow's runs are attest-window-resume.c's).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-window-runs"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-csv-writer.h"
#include "attest-format.h"
#include "attest-mca-links.h"
#include "attest-run-replay.h"
#include "attest-runs-dialog.h"
#include "attest-submit-dialog.h"
#include "attest-window-private.h"

/* The wizard */

static gboolean
on_submit_dialog_closed (AttestWindow *self)
{
  if (self->view != NULL)
    attest_record_view_refresh (self->view);
  attest_window_update_actions (self);
  _attest_window_refresh_runs (self);

  return GDK_EVENT_PROPAGATE;
}

/* The same customers, in Microsoft's current flow: which need to accept. */
static void
on_submit_current_flow (AttestWindow *self)
{
  g_object_set (self, "flow", "current", NULL);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.check-status", NULL);
}

/* A run that stopped goes on, on its own copy of the records: the grid
 * shows that copy, as when a run is finished at start. */
static void
on_submit_resumed (AttestWindow       *self,
                   AttestSubmitDialog *dialog)
{
  AttestSubmission *submission = attest_submit_dialog_get_submission (dialog);

  attest_window_set_store (self, attest_submission_get_store (submission), NULL);
}

static void
present_submit_dialog (AttestWindow       *self,
                       AttestSubmitDialog *dialog)
{
  g_signal_connect_object (dialog, "close-request", G_CALLBACK (on_submit_dialog_closed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (dialog, "current-flow", G_CALLBACK (on_submit_current_flow), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "resumed", G_CALLBACK (on_submit_resumed), self,
                           G_CONNECT_SWAPPED);
  /* The wizard's results are about the classic flow's columns. */
  g_object_set (self, "flow", "classic", NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Finishing a classic run */

/* How many customers the run of @replay still has to send, as finishing
 * it would send them: G_MAXUINT when it cannot be finished. */
static guint
count_left (AttestWindow    *self,
            AttestRunReplay *replay)
{
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(AttestSubmission) submission = NULL;
  g_autoptr(GError) error = NULL;
  AttestRecordCounts counts = { 0 };

  client = attest_connection_new_partner_client (self->connection, &error);
  if (client != NULL)
    submission = attest_submission_new_resume (client, replay->path, &error);
  if (submission == NULL)
    {
      g_info ("Run %s cannot be finished: %s", replay->header->run_id, error->message);
      return G_MAXUINT;
    }

  attest_record_store_get_counts (attest_submission_get_store (submission), &counts);
  return counts.actionable;
}

/* The newest classic run that did not end, or NULL. */
static AttestRunReplay *
find_unfinished (GPtrArray *runs)
{
  for (guint i = runs != NULL ? runs->len : 0; i > 0; i--)
    {
      AttestRunReplay *replay = g_ptr_array_index (runs, i - 1);

      if (attest_run_replay_is_resumable (replay))
        return replay;
    }

  return NULL;
}

static GPtrArray *
list_classic_runs (void)
{
  g_autofree char *directory = attest_run_journal_dup_directory ();
  g_autoptr(GError) error = NULL;
  GPtrArray *runs = attest_run_replay_list_directory (directory, &error);

  if (runs == NULL)
    g_info ("The runs cannot be listed: %s", error->message);

  return runs;
}

static void
start_finishing (AttestWindow *self,
                 const char   *journal_path)
{
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(GError) error = NULL;
  AttestSubmitDialog *dialog;

  client = attest_connection_new_partner_client (self->connection, &error);
  dialog = client != NULL ? attest_submit_dialog_new_resume (GTK_WINDOW (self), client,
                                                             journal_path, &error)
                          : NULL;
  if (dialog == NULL)
    {
      attest_window_show_error (self, _("Cannot Finish the Run"), error->message);
      return;
    }

  /* The grid shows the run's customers as their outcomes come in. */
  attest_window_set_store (self,
                           attest_submission_get_store (attest_submit_dialog_get_submission (
                                                          dialog)),
                           NULL);
  _attest_window_follow_classic_resume (self, GTK_WIDGET (dialog));
  present_submit_dialog (self, dialog);
}

static void
on_discard_edits_before_finishing (AdwMessageDialog *dialog,
                                   const char       *response,
                                   AttestWindow     *self)
{
  g_autofree char *path = g_steal_pointer (&self->finishing_journal);

  if (g_strcmp0 (response, "discard") == 0 && path != NULL)
    start_finishing (self, path);
}

/* Finishes the classic run of @journal_path in the wizard; the grid then
 * shows its customers, so edits not exported are asked about first. */
void
_attest_window_finish_classic_run (AttestWindow *self,
                                   const char   *journal_path)
{
  if (self->connection == NULL)
    return;

  if (self->store != NULL && attest_record_store_get_dirty (self->store))
    {
      g_free (self->finishing_journal);
      self->finishing_journal = g_strdup (journal_path);
      attest_window_confirm_discard (self,
                                     _("The customers you edited have not been exported. "
                                       "Finishing the run shows its customers instead, which "
                                       "discards those edits."),
                                     G_CALLBACK (on_discard_edits_before_finishing));
      return;
    }

  start_finishing (self, journal_path);
}

static gboolean
discard_classic_run (AttestWindow *self,
                     const char   *journal_path)
{
  g_autoptr(GError) error = NULL;

  if (!attest_run_journal_discard (journal_path, &error))
    {
      attest_window_show_error (self, _("Cannot Discard the Run"), error->message);
      return FALSE;
    }

  attest_window_show_toast (self, _("Run discarded"));
  _attest_window_refresh_runs (self);
  return TRUE;
}

/* What a question about a classic run needs: the window, which may close
 * first, and the run's journal. */
typedef struct
{
  AttestWindow *window;
  char         *journal_path;
  gboolean      then_submit;
} RunQuestion;

static void
run_question_free (gpointer  data,
                   GClosure *closure)
{
  RunQuestion *question = data;

  g_clear_weak_pointer (&question->window);
  g_free (question->journal_path);
  g_free (question);
}

static RunQuestion *
run_question_new (AttestWindow *self,
                  const char   *journal_path,
                  gboolean      then_submit)
{
  RunQuestion *question = g_new0 (RunQuestion, 1);

  g_set_weak_pointer (&question->window, self);
  question->journal_path = g_strdup (journal_path);
  question->then_submit = then_submit;

  return question;
}

static void present_new_submit (AttestWindow *self);

static void
on_discard_confirmed (AdwMessageDialog *message,
                      const char       *response,
                      RunQuestion      *question)
{
  AttestWindow *self = question->window;

  if (self == NULL || g_strcmp0 (response, "discard") != 0)
    return;

  if (discard_classic_run (self, question->journal_path) && question->then_submit)
    present_new_submit (self);
}

/* Discarding cannot be undone: it asks first. */
static void
confirm_discard_run (AttestWindow *self,
                     const char   *journal_path,
                     gboolean      then_submit)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Discard the Run?"),
                                                       _("The customers it has not sent are not "
                                                         "sent by this run, and it is offered to "
                                                         "be finished no more. What it sent stays "
                                                         "recorded.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard Run"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_discard_confirmed),
                         run_question_new (self, journal_path, then_submit),
                         run_question_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_run_question_response (AdwMessageDialog *message,
                          const char       *response,
                          RunQuestion      *question)
{
  AttestWindow *self = question->window;

  if (self == NULL)
    return;

  if (g_strcmp0 (response, "resume") == 0)
    _attest_window_finish_classic_run (self, question->journal_path);
  else if (g_strcmp0 (response, "discard") == 0)
    confirm_discard_run (self, question->journal_path, question->then_submit);
}

/* Asks what to do with the classic run of @replay, which did not end and
 * has @n_left customers to send: finish it, or discard it (then, with
 * @then_submit, submit anew); at start, or before a new submit. */
static void
ask_about_run (AttestWindow    *self,
               AttestRunReplay *replay,
               guint            n_left,
               gboolean         then_submit)
{
  g_autoptr(GDateTime) started = g_date_time_new_from_iso8601 (replay->header->created_at, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *moment = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  moment = started != NULL ? attest_format_moment (started, now)
                           : g_strdup (replay->header->created_at);
  /* Translators: %s is when the run started, as "today at 15:37"; the number
   * counts customers. */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The run started %s stopped before it was done: %'u "
                                       "customer still waits to be sent. Finish it now? Nothing "
                                       "is sent twice.",
                                       "The run started %s stopped before it was done: %'u "
                                       "customers still wait to be sent. Finish it now? Nothing "
                                       "is sent twice.",
                                       n_left),
                          moment, n_left);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       then_submit
                                                       ? _("Finish the Unfinished Run First?")
                                                       : _("Finish the Interrupted Run?"),
                                                       body));
  adw_message_dialog_add_responses (dialog,
                                    then_submit ? "cancel" : "later",
                                    then_submit ? _("_Cancel") : _("_Later"),
                                    "discard",
                                    then_submit ? _("_Discard It and Submit…")
                                                : _("_Discard Run…"),
                                    "resume", _("_Finish Run"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "resume", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "resume");
  adw_message_dialog_set_close_response (dialog, then_submit ? "cancel" : "later");

  g_signal_connect_data (dialog, "response", G_CALLBACK (on_run_question_response),
                         run_question_new (self, replay->path, then_submit),
                         run_question_free, 0);
  if (!then_submit)
    _attest_window_follow_classic_resume (self, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Offers to finish the newest classic run that did not end and still has
 * customers to send, if any: nothing was lost, and nothing will be sent
 * twice. */
static void
offer_classic_resume (AttestWindow *self)
{
  g_autoptr(GPtrArray) runs = list_classic_runs ();
  AttestRunReplay *unfinished = find_unfinished (runs);
  guint n_left;

  if (unfinished == NULL || self->connection == NULL)
    return;

  /* One whose customers were all attested since has nothing to offer: the
   * Runs dialog still lists it. */
  n_left = count_left (self, unfinished);
  if (n_left == 0 || n_left == G_MAXUINT)
    return;

  ask_about_run (self, unfinished, n_left, FALSE);
}

/* At start: offers to finish the classic run that did not end, then the
 * request or completion run of the current flow that did not (once the
 * first offer, and the run it started, are gone). */
void
attest_window_offer_resume (AttestWindow *self)
{
  g_return_if_fail (ATTEST_IS_WINDOW (self));

  offer_classic_resume (self);
  _attest_window_offer_mca_resume (self);
}

/* Submitting */

static void
present_new_submit (AttestWindow *self)
{
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  client = attest_connection_new_partner_client (self->connection, &error);
  if (client == NULL)
    {
      attest_window_show_error (self, _("Cannot Submit"), error->message);
      return;
    }

  present_submit_dialog (self, attest_submit_dialog_new (GTK_WINDOW (self), client, self->store,
                                                         self->settings));
}

/* Opens the submit wizard, unless a classic run did not end and still has
 * customers to send: then the partner finishes it first, or discards it
 * and submits anew. */
void
_attest_window_submit (AttestWindow *self)
{
  g_autoptr(GPtrArray) runs = list_classic_runs ();
  AttestRunReplay *unfinished = find_unfinished (runs);
  guint n_left = unfinished != NULL ? count_left (self, unfinished) : G_MAXUINT;

  if (unfinished != NULL && n_left != G_MAXUINT && n_left > 0)
    ask_about_run (self, unfinished, n_left, TRUE);
  else
    present_new_submit (self);
}

/* The Runs dialog */

static void
on_runs_dialog_destroyed (AttestWindow *self,
                          GtkWidget    *dialog)
{
  if (self->runs_dialog == dialog)
    self->runs_dialog = NULL;
}

static AttestRunReplay *
find_run (GPtrArray  *runs,
          const char *run_id)
{
  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      AttestRunReplay *replay = g_ptr_array_index (runs, i);

      if (g_strcmp0 (replay->header->run_id, run_id) == 0)
        return replay;
    }

  return NULL;
}

static void
on_results_chosen (GtkNativeDialog *chooser,
                   int              response,
                   AttestWindow    *self)
{
  const char *path = g_object_get_data (G_OBJECT (chooser), "attest-journal");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(AttestRecordStore) store = NULL;
      g_autoptr(GError) error = NULL;

      store = attest_submission_load_results (path, &error);
      if (store == NULL
          || !attest_csv_save_file (store, ATTEST_CSV_FORMAT_RESULTS, file, NULL, &error))
        attest_window_show_error (self, _("Cannot Export the Results"), error->message);
      else
        attest_window_show_toast (self, _("Results exported"));
    }

  g_object_unref (chooser);
}

/* A chooser of the file to export to, over the Runs dialog when it is
 * open, offering @name; it is the caller's. */
static GtkFileChooserNative *
new_export_chooser (AttestWindow *self,
                    const char   *title,
                    const char   *name)
{
  GtkFileChooserNative *chooser;
  GtkWindow *parent = self->runs_dialog != NULL ? GTK_WINDOW (self->runs_dialog)
                                                : GTK_WINDOW (self);

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  return chooser;
}

static void
export_results (AttestWindow    *self,
                AttestRunReplay *replay)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = g_strdup_printf ("AttestationResults-%s.csv",
                                           replay->header->run_id);

  chooser = new_export_chooser (self, _("Export Results"), name);
  g_object_set_data_full (G_OBJECT (chooser), "attest-journal", g_strdup (replay->path), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_results_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Exporting a run of the current flow: the links file of a request run,
 * the results file of a completion run (SPEC §13), as the ledger knows
 * its customers now, whether the run wrote a file or not. */

typedef struct
{
  char             *run_id;
  AttestMcaRunKind  kind;
  GFile            *file;
} McaExport;

static void
mca_export_free (McaExport *export)
{
  g_free (export->run_id);
  g_clear_object (&export->file);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McaExport, mca_export_free)

static const char *
mca_export_heading (AttestMcaRunKind kind)
{
  return kind == ATTEST_MCA_RUN_REQUEST ? _("Cannot Export the Links")
                                        : _("Cannot Export the Results");
}

static void
on_mca_export_ledger_opened (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  AttestWindow *self = ATTEST_WINDOW (object);
  g_autoptr(McaExport) export = user_data;
  g_autoptr(AttestMcaRun) run = NULL;
  g_autoptr(AttestMcaLinks) links = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (export->file);
  AttestMcaLedger *ledger = _attest_window_open_ledger_finish (self, result,
                                                               mca_export_heading (export->kind));

  if (ledger == NULL)
    return;

  run = attest_mca_ledger_find_run (ledger, export->run_id, export->kind, FALSE, &error);
  if (run != NULL)
    links = export->kind == ATTEST_MCA_RUN_REQUEST ? attest_mca_request_build_links (ledger, run)
                                                   : attest_mca_completion_build_results (ledger,
                                                                                          run);
  _attest_window_end_work (self);

  if (links != NULL && path == NULL)
    attest_window_show_error (self, mca_export_heading (export->kind),
                              _("Choose a local file."));
  else if (links == NULL || !attest_mca_links_write (links, path, &error))
    attest_window_show_error (self, mca_export_heading (export->kind), error->message);
  else
    attest_window_show_toast (self, export->kind == ATTEST_MCA_RUN_REQUEST
                                    ? _("Links exported") : _("Results exported"));
}

static void
on_mca_export_chosen (GtkNativeDialog *chooser,
                      int              response,
                      AttestWindow    *self)
{
  McaExport *export = g_object_steal_data (G_OBJECT (chooser), "attest-export");

  if (response != GTK_RESPONSE_ACCEPT)
    g_clear_pointer (&export, mca_export_free);
  else if (_attest_window_is_working (self))
    {
      attest_window_show_toast (self, _("The run can be exported once the work under way is "
                                        "done."));
      g_clear_pointer (&export, mca_export_free);
    }
  else
    {
      export->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      _attest_window_open_ledger_async (self, on_mca_export_ledger_opened, export);
    }

  g_object_unref (chooser);
}

static void
export_mca_run (AttestWindow     *self,
                const char       *run_id,
                AttestMcaRunKind  kind)
{
  GtkFileChooserNative *chooser;
  McaExport *export = g_new0 (McaExport, 1);
  g_autofree char *name = NULL;

  export->run_id = g_strdup (run_id);
  export->kind = kind;
  if (kind == ATTEST_MCA_RUN_REQUEST)
    {
      name = g_strdup_printf ("AcceptanceLinks-%s.csv", run_id);
      chooser = new_export_chooser (self, _("Export Links"), name);
    }
  else
    {
      name = g_strdup_printf ("AgreementResults-%s.csv", run_id);
      chooser = new_export_chooser (self, _("Export Results"), name);
    }

  g_object_set_data_full (G_OBJECT (chooser), "attest-export", export,
                          (GDestroyNotify) mca_export_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_mca_export_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static AttestMcaRunKind
mca_kind_of (const char *kind)
{
  return g_str_equal (kind, ATTEST_RUNS_DIALOG_REQUEST) ? ATTEST_MCA_RUN_REQUEST
                                                         : ATTEST_MCA_RUN_COMPLETION;
}

static void
on_continue_run (AttestRunsDialog *dialog,
                 const char       *kind,
                 const char       *run_id,
                 AttestWindow     *self)
{
  g_autoptr(GPtrArray) runs = NULL;
  AttestRunReplay *replay;

  if (!g_str_equal (kind, ATTEST_RUNS_DIALOG_CLASSIC))
    {
      gtk_window_close (GTK_WINDOW (dialog));
      _attest_window_finish_mca_run (self, run_id, mca_kind_of (kind));
      return;
    }

  runs = list_classic_runs ();
  if ((replay = find_run (runs, run_id)) == NULL)
    return;
  gtk_window_close (GTK_WINDOW (dialog));
  _attest_window_finish_classic_run (self, replay->path);
}

/* The dialog asked already. */
static void
on_discard_run (AttestRunsDialog *dialog,
                const char       *kind,
                const char       *run_id,
                AttestWindow     *self)
{
  g_autoptr(GPtrArray) runs = NULL;
  AttestRunReplay *replay;

  if (!g_str_equal (kind, ATTEST_RUNS_DIALOG_CLASSIC))
    {
      _attest_window_discard_mca_run (self, run_id);
      return;
    }

  runs = list_classic_runs ();
  if ((replay = find_run (runs, run_id)) != NULL)
    discard_classic_run (self, replay->path);
}

static void
on_export_results (AttestRunsDialog *dialog,
                   const char       *kind,
                   const char       *run_id,
                   AttestWindow     *self)
{
  g_autoptr(GPtrArray) runs = NULL;
  AttestRunReplay *replay;

  if (!g_str_equal (kind, ATTEST_RUNS_DIALOG_CLASSIC))
    {
      export_mca_run (self, run_id, mca_kind_of (kind));
      return;
    }

  runs = list_classic_runs ();
  if ((replay = find_run (runs, run_id)) != NULL)
    export_results (self, replay);
}

/* Gives the Runs dialog, while open, every run again. */
void
_attest_window_refresh_runs (AttestWindow *self)
{
  g_autoptr(GPtrArray) runs = NULL;

  if (self->runs_dialog == NULL)
    return;

  runs = list_classic_runs ();
  if (runs != NULL)
    attest_runs_dialog_set_classic_runs (ATTEST_RUNS_DIALOG (self->runs_dialog), runs);
  _attest_window_list_mca_runs (self);
}

static void
show_runs_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  AttestRunsDialog *dialog;

  if (self->runs_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->runs_dialog));
      return;
    }

  dialog = attest_runs_dialog_new (GTK_WINDOW (self));
  self->runs_dialog = GTK_WIDGET (dialog);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_runs_dialog_destroyed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "continue-run", G_CALLBACK (on_continue_run), self, 0);
  g_signal_connect_object (dialog, "discard-run", G_CALLBACK (on_discard_run), self, 0);
  g_signal_connect_object (dialog, "export-results", G_CALLBACK (on_export_results), self, 0);
  _attest_window_refresh_runs (self);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_attest_window_class_runs_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-runs", NULL, show_runs_action);
}
