/* attest-runs-dialog.c: every run, classic and of the current flow, with
 * what came of it
 *
 * What `attest runs` lists, in the window: each classic run (SPEC §6) with
 * when it started, its state and its counts, and each request or
 * completion run of the partner signed in (SPEC §13) with its customers and
 * its file. A run that did not end can be continued or discarded (after a
 * confirmation); the results of every run but a dry run can be exported
 * (the links file of a request run). The dialog shows and asks; the window
 * does (the signals below), and gives it the runs again after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-runs-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-format.h"
#include "attest-mca-run.h"
#include "attest-run-replay.h"
#include "attest-runs-dialog.h"

struct _AttestRunsDialog
{
  AdwWindow            parent_instance;

  GtkStack            *stack;
  AdwPreferencesGroup *classic_group;
  AdwPreferencesGroup *mca_group;

  GPtrArray           *classic_rows;
  GPtrArray           *mca_rows;
};

G_DEFINE_FINAL_TYPE (AttestRunsDialog, attest_runs_dialog, ADW_TYPE_WINDOW)

enum {
  CONTINUE_RUN,
  DISCARD_RUN,
  EXPORT_RESULTS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Rows */

static void
emit_for_row (GtkWidget *button,
              guint      signal)
{
  GtkWidget *row = gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);
  GtkWidget *self = gtk_widget_get_ancestor (button, ATTEST_TYPE_RUNS_DIALOG);

  g_signal_emit (self, signals[signal], 0, g_object_get_data (G_OBJECT (row), "attest-kind"),
                 g_object_get_data (G_OBJECT (row), "attest-run-id"));
}

static void
on_continue_clicked (GtkButton *button)
{
  emit_for_row (GTK_WIDGET (button), CONTINUE_RUN);
}

static void
on_export_clicked (GtkButton *button)
{
  emit_for_row (GTK_WIDGET (button), EXPORT_RESULTS);
}

static void
on_discard_response (AdwMessageDialog *dialog,
                     const char       *response,
                     GtkWidget        *button)
{
  if (g_strcmp0 (response, "discard") == 0)
    emit_for_row (button, DISCARD_RUN);
}

/* Discarding cannot be undone: it asks first, saying what it means. */
static void
on_discard_clicked (GtkButton *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  GtkWidget *self = gtk_widget_get_ancestor (GTK_WIDGET (button), ATTEST_TYPE_RUNS_DIALOG);
  const char *kind = g_object_get_data (G_OBJECT (row), "attest-kind");
  AdwMessageDialog *dialog;
  const char *body;

  if (g_str_equal (kind, ATTEST_RUNS_DIALOG_CLASSIC))
    body = _("The customers it has not sent are not sent by this run, and it is offered to be "
             "finished no more. What it sent stays recorded. Submit those customers again to "
             "attest them.");
  else
    body = _("The requests it has not sent are not sent, and it is offered to be finished no "
             "more. A request sent without an answer may have reached Partner Center: asking "
             "for those customers again may send them a second email.");

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Discard the Run?"),
                                                       body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard",
                                    _("_Discard Run"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), button, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
add_button (AdwActionRow *row,
            const char   *label,
            const char   *icon_name,
            GCallback     on_clicked)
{
  GtkWidget *button;

  if (icon_name != NULL)
    {
      button = gtk_button_new_from_icon_name (icon_name);
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
    }
  else
    button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect (button, "clicked", on_clicked, NULL);
  adw_action_row_add_suffix (row, button);

  return button;
}

static AdwActionRow *
new_row (const char *kind,
         const char *run_id,
         char       *title,
         char       *subtitle)
{
  g_autofree char *owned_title = title;
  g_autofree char *owned_subtitle = subtitle;
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), "attest-kind", (gpointer) kind);
  g_object_set_data_full (G_OBJECT (row), "attest-run-id", g_strdup (run_id), g_free);

  return row;
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static char *
format_started (GDateTime *started_at)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *moment = attest_format_moment (started_at, now);

  /* Translators: the title of a run in the list of runs; %s is when, as
   * "today at 15:37" or "on 4 December 2026 at 09:05". */
  return g_strdup_printf (_("Started %s"), moment);
}

static const char *
describe_classic_state (AttestRunReplay *replay)
{
  if (replay->header->dry_run)
    return _("Dry run");

  switch (replay->state)
    {
    case ATTEST_RUN_STATE_COMPLETED:
      return _("Finished");
    case ATTEST_RUN_STATE_RETIRED:
      return _("Refused by Partner Center");
    case ATTEST_RUN_STATE_DISCARDED:
      return _("Discarded");
    case ATTEST_RUN_STATE_RUNNING:
    case ATTEST_RUN_STATE_STOPPED:
    default:
      return _("Interrupted");
    }
}

static void
update_page (AttestRunsDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->classic_group), self->classic_rows->len > 0);
  gtk_stack_set_visible_child_name (self->stack,
                                    self->classic_rows->len + self->mca_rows->len > 0
                                    || gtk_widget_get_visible (GTK_WIDGET (self->mca_group))
                                    ? "runs" : "empty");
}

/* Shows the classic runs @replays (AttestRunReplay), newest first. */
void
attest_runs_dialog_set_classic_runs (AttestRunsDialog *self,
                                     GPtrArray        *replays)
{
  g_return_if_fail (ATTEST_IS_RUNS_DIALOG (self));
  g_return_if_fail (replays != NULL);

  clear_rows (self->classic_group, self->classic_rows);
  for (guint i = replays->len; i > 0; i--)
    {
      AttestRunReplay *replay = g_ptr_array_index (replays, i - 1);
      g_autoptr(GDateTime) started = g_date_time_new_from_iso8601 (replay->header->created_at,
                                                                   NULL);
      guint attested = attest_run_replay_count_status (replay, "attested")
                       + attest_run_replay_count_status (replay, "already-attested");
      guint refused = attest_run_replay_count_status (replay, "rejected")
                      + attest_run_replay_count_status (replay, "failed");
      char *title;
      AdwActionRow *row;

      title = started != NULL ? format_started (started) : g_strdup (replay->header->run_id);
      /* Translators: what came of a classic run: its state, then counts of
       * customers. */
      row = new_row (ATTEST_RUNS_DIALOG_CLASSIC, replay->header->run_id, title,
                     g_strdup_printf (_("%s · %'u of %'u attested · %'u rejected or failed"),
                                      describe_classic_state (replay), attested,
                                      replay->header->total_records, refused));
      if (attest_run_replay_is_resumable (replay))
        {
          add_button (row, _("C_ontinue"), NULL, G_CALLBACK (on_continue_clicked));
          add_button (row, _("Discard Run…"), "user-trash-symbolic",
                      G_CALLBACK (on_discard_clicked));
        }
      if (!replay->header->dry_run)
        add_button (row, _("Export Results…"), "document-save-symbolic",
                    G_CALLBACK (on_export_clicked));

      adw_preferences_group_add (self->classic_group, GTK_WIDGET (row));
      g_ptr_array_add (self->classic_rows, row);
    }

  update_page (self);
}

/* Shows the request and completion runs @runs (AttestMcaRun) of the
 * partner signed in, newest first, with how many customers each has
 * (@n_customers: run ID → count); or, with @note, why there are none to
 * show. */
void
attest_runs_dialog_set_mca_runs (AttestRunsDialog *self,
                                 GPtrArray        *runs,
                                 GHashTable       *n_customers,
                                 const char       *note)
{
  g_return_if_fail (ATTEST_IS_RUNS_DIALOG (self));

  clear_rows (self->mca_group, self->mca_rows);
  adw_preferences_group_set_description (self->mca_group, note);
  for (guint i = runs != NULL ? runs->len : 0; i > 0; i--)
    {
      AttestMcaRun *run = g_ptr_array_index (runs, i - 1);
      const char *run_id = attest_mca_run_get_id (run);
      gboolean request = attest_mca_run_get_kind (run) == ATTEST_MCA_RUN_REQUEST;
      guint n = n_customers != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (n_customers,
                                                                             run_id)) : 0;
      const char *path = attest_mca_run_get_output_path (run);
      g_autofree char *moment = format_started (attest_mca_run_get_started_at (run));
      const char *state;
      g_autoptr(GString) subtitle = g_string_new (NULL);
      AdwActionRow *row;

      if (attest_mca_run_is_discarded (run))
        state = _("Discarded");
      else if (attest_mca_run_is_finished (run))
        state = _("Finished");
      else
        state = _("Interrupted");

      /* Translators: what a run of the current flow is: its state, and how
       * many customers it has. */
      g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%s · %'u customer",
                                                     "%s · %'u customers", n),
                              state, n);
      if (path != NULL)
        {
          g_string_append (subtitle, "\n");
          g_string_append (subtitle, path);
        }

      /* Translators: the title of a run of the current flow; %s is "Started
       * today at 15:37" or the like. */
      row = new_row (request ? ATTEST_RUNS_DIALOG_REQUEST : ATTEST_RUNS_DIALOG_COMPLETION, run_id,
                     g_strdup_printf (request ? _("Request for Acceptance · %s")
                                              : _("Completion of Agreements · %s"), moment),
                     g_string_free (g_steal_pointer (&subtitle), FALSE));
      if (!attest_mca_run_is_finished (run))
        {
          add_button (row, _("C_ontinue"), NULL, G_CALLBACK (on_continue_clicked));
          add_button (row, _("Discard Run…"), "user-trash-symbolic",
                      G_CALLBACK (on_discard_clicked));
        }
      /* Its file as the ledger knows its customers now: also for a run of
       * the window, which wrote none, and one that did not end. */
      add_button (row, request ? _("Export Links…") : _("Export Results…"),
                  "document-save-symbolic", G_CALLBACK (on_export_clicked));

      adw_preferences_group_add (self->mca_group, GTK_WIDGET (row));
      g_ptr_array_add (self->mca_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->mca_group), self->mca_rows->len > 0 || note != NULL);
  update_page (self);
}

/* The row of @run_id, or NULL. */
GtkWidget *
attest_runs_dialog_find_row (AttestRunsDialog *self,
                             const char       *run_id)
{
  GPtrArray *lists[] = { self->classic_rows, self->mca_rows };

  g_return_val_if_fail (ATTEST_IS_RUNS_DIALOG (self), NULL);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      for (guint i = 0; i < lists[l]->len; i++)
        {
          GObject *row = g_ptr_array_index (lists[l], i);

          if (g_strcmp0 (g_object_get_data (row, "attest-run-id"), run_id) == 0)
            return GTK_WIDGET (row);
        }
    }

  return NULL;
}

AttestRunsDialog *
attest_runs_dialog_new (GtkWindow *parent)
{
  return g_object_new (ATTEST_TYPE_RUNS_DIALOG, "transient-for", parent, NULL);
}

static void
attest_runs_dialog_dispose (GObject *object)
{
  AttestRunsDialog *self = ATTEST_RUNS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_RUNS_DIALOG);
  g_clear_pointer (&self->classic_rows, g_ptr_array_unref);
  g_clear_pointer (&self->mca_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (attest_runs_dialog_parent_class)->dispose (object);
}

static void
attest_runs_dialog_class_init (AttestRunsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = attest_runs_dialog_dispose;

  /* The kind of the run (ATTEST_RUNS_DIALOG_CLASSIC, …) and its ID: the
   * person asked to finish it, to discard it (and confirmed), or to
   * export its results (a request run's links). */
  signals[CONTINUE_RUN] =
    g_signal_new ("continue-run", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[DISCARD_RUN] =
    g_signal_new ("discard-run", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[EXPORT_RESULTS] =
    g_signal_new ("export-results", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/attest-runs-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestRunsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, AttestRunsDialog, classic_group);
  gtk_widget_class_bind_template_child (widget_class, AttestRunsDialog, mca_group);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
attest_runs_dialog_init (AttestRunsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->classic_rows = g_ptr_array_new ();
  self->mca_rows = g_ptr_array_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->mca_group), FALSE);
  update_page (self);
}
