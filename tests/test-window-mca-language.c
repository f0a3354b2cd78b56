/* test-window-mca-language.c: the window's current flow in another language
 * (ATTEST_TEST_LANGUAGE, fr or tr, as built), from the translations of this build:
 * the states after a check, the request's review, the offer to finish a
 * request run that was interrupted, and the Runs dialog that lists it
 * (ui suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "attest-application.h"
#include "attest-mca-ledger.h"
#include "attest-record.h"
#include "attest-record-grid.h"
#include "attest-request-dialog.h"
#include "attest-runs-dialog.h"
#include "attest-test-gtk.h"
#include "attest-test-utils.h"
#include "attest-window.h"

static const char *language = ATTEST_TEST_LANGUAGE;
static AttestApplication *application;

static GObject *
window_child (AttestWindow *window,
              const char   *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (window), ATTEST_TYPE_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

static gboolean
showing_checked_records (gpointer user_data)
{
  AttestWindow *window = user_data;
  AttestRecordStore *store = attest_window_get_store (window);
  guint counts[ATTEST_N_MCA_STATES];

  if (store == NULL || attest_window_is_working (window))
    return FALSE;
  attest_record_store_get_mca_counts (store, counts);

  return counts[ATTEST_MCA_STATE_UNCHECKED] == 0;
}

static gboolean
showing_records (gpointer user_data)
{
  return attest_window_get_store (user_data) != NULL && !attest_window_is_working (user_data);
}

static gboolean
reviewing (gpointer user_data)
{
  AttestRequestDialog *dialog;

  dialog = ATTEST_REQUEST_DIALOG (attest_test_find_toplevel (ATTEST_TYPE_REQUEST_DIALOG));

  return dialog != NULL && g_strcmp0 (attest_request_dialog_get_page (dialog), "review") == 0;
}

/* Every state and column speaks the language, and fits. */
static void
test_states_in_language (void)
{
  AttestWindow *window;
  AttestRecordView *view;
  AttestRequestDialog *dialog;
  g_autofree char *shot = NULL;
  static const char * const english[ATTEST_N_MCA_STATES] = {
    "Not checked", "Accepted directly", "Attested", "Needs acceptance", "Requested", "Done",
    "Refused",
  };
  guint n;

  window = attest_window_new (application);
  attest_test_present_and_wait (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.fetch", NULL);
  g_assert_true (attest_test_wait_until (showing_records, window, 20000));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.check-status", NULL);
  g_assert_true (attest_test_wait_until (showing_checked_records, window, 30000));

  /* The states are in the language, never in English. */
  view = attest_record_grid_get_view (ATTEST_RECORD_GRID (window_child (window, "grid")));
  n = g_list_model_get_n_items (G_LIST_MODEL (view));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AttestRecord) item = g_list_model_get_item (G_LIST_MODEL (view), i);
      AttestMcaState state = ATTEST_MCA_STATE_UNCHECKED;
      g_autofree char *label = NULL;

      g_object_get (item, "mca-state", &state, "mca-state-label", &label, NULL);
      g_assert_cmpstr (label, ==, attest_mca_state_get_label (state));
      g_assert_cmpstr (label, !=, english[state]);
    }
  shot = g_strdup_printf ("window-states-%s", language);
  attest_test_save_screenshot (GTK_WIDGET (window), shot);

  /* The review of a request, in the language. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (window_child (window, "filter_dropdown")),
                              ATTEST_RECORD_FILTER_FOR_STATE (ATTEST_MCA_STATE_NEEDS_ACCEPTANCE));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-shown", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.request-acceptance",
                                             NULL));
  g_assert_true (attest_test_wait_until (reviewing, NULL, 30000));
  dialog = ATTEST_REQUEST_DIALOG (attest_test_find_toplevel (ATTEST_TYPE_REQUEST_DIALOG));
  attest_test_present_and_wait (GTK_WINDOW (dialog));
  g_clear_pointer (&shot, g_free);
  shot = g_strdup_printf ("request-review-%s", language);
  attest_test_save_screenshot (GTK_WIDGET (dialog), shot);
  gtk_window_destroy (GTK_WINDOW (dialog));

  attest_record_store_set_dirty (attest_window_get_store (window), FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
offered (gpointer user_data)
{
  return attest_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* A request run of two customers of the sandbox's partner, recorded, and
 * stopped before it sent anything. */
static void
write_interrupted_request (AttestSandbox *sandbox)
{
  const AttestAttestationDetails details = { "FR", "fr-FR", "Contoso", "Ada", "Lovelace",
                                             "ada@contoso.com", NULL };
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (
                                   (GDestroyNotify) attest_mca_run_member_unref);
  g_autoptr(AttestMcaLedger) ledger = NULL;
  g_autoptr(AttestMcaRun) run = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    g_ptr_array_add (members,
                     attest_mca_run_member_new (attest_sandbox_get_customer (sandbox,
                                                                             i)->customer_id,
                                                ATTEST_MCA_RUN_ACTION_ATTESTATION, &details,
                                                NULL));
  ledger = attest_mca_ledger_open (NULL, attest_sandbox_get_tenant_id (sandbox), &error);
  g_assert_no_error (error);
  run = attest_mca_ledger_begin_request_run (ledger, NULL, members, NULL, &error);
  g_assert_no_error (error);
}

/* The offer to finish it at the next start, in the language. */
static void
test_resume_offer_in_language (void)
{
  AttestConnection *connection = attest_application_get_connection (application);
  g_autofree char *shot = g_strdup_printf ("resume-offer-%s", language);
  AttestWindow *window;
  AdwMessageDialog *offer;

  write_interrupted_request (attest_connection_get_sandbox (connection));

  window = attest_window_new (application);
  attest_test_present_and_wait (GTK_WINDOW (window));
  attest_window_offer_resume (window);
  g_assert_true (attest_test_wait_until (offered, NULL, 20000));
  offer = ADW_MESSAGE_DIALOG (attest_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (offer), ==,
                   _("Finish the Interrupted Request?"));
  g_assert_cmpstr (adw_message_dialog_get_heading (offer), !=, "Finish the Interrupted Request?");
  attest_test_present_and_wait (GTK_WINDOW (offer));
  attest_test_save_screenshot (GTK_WIDGET (offer), shot);

  adw_message_dialog_response (offer, "later");
  gtk_window_destroy (GTK_WINDOW (offer));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
run_listed (gpointer user_data)
{
  AttestRunsDialog *runs = ATTEST_RUNS_DIALOG (attest_test_find_toplevel (
                                                 ATTEST_TYPE_RUNS_DIALOG));

  return runs != NULL && attest_runs_dialog_find_row (runs, user_data) != NULL;
}

/* The Runs dialog lists that run, in the language, with its Export. */
static void
test_runs_dialog_in_language (void)
{
  AttestSandbox *sandbox = attest_connection_get_sandbox (
                             attest_application_get_connection (application));
  g_autofree char *shot = g_strdup_printf ("runs-dialog-current-flow-%s", language);
  g_autofree char *state = g_strdup_printf ("%s · ", _("Interrupted"));
  g_autofree char *run_id = NULL;
  AttestRunsDialog *runs;
  AttestWindow *window;
  GtkWidget *row;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AttestMcaLedger) ledger = attest_mca_ledger_open (
                                          NULL, attest_sandbox_get_tenant_id (sandbox), &error);
    g_autoptr(GPtrArray) ledger_runs = NULL;

    g_assert_no_error (error);
    ledger_runs = attest_mca_ledger_list_runs (ledger);
    g_assert_cmpuint (ledger_runs->len, ==, 1);
    run_id = g_strdup (attest_mca_run_get_id (g_ptr_array_index (ledger_runs, 0)));
  }

  window = attest_window_new (application);
  attest_test_present_and_wait (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-runs", NULL));
  g_assert_true (attest_test_wait_until (run_listed, run_id, 20000));
  runs = ATTEST_RUNS_DIALOG (attest_test_find_toplevel (ATTEST_TYPE_RUNS_DIALOG));
  attest_test_present_and_wait (GTK_WINDOW (runs));

  row = attest_runs_dialog_find_row (runs, run_id);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), state));
  g_assert_cmpstr (_("Export Links…"), !=, "Export Links…");
  g_assert_nonnull (attest_test_find_button (row, _("Export Links…")));
  g_assert_nonnull (attest_test_find_button (row, _("C_ontinue")));
  attest_test_save_screenshot (GTK_WIDGET (runs), shot);

  gtk_window_destroy (GTK_WINDOW (runs));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* The language from the translations of this build. */
  g_setenv ("LANGUAGE", language, TRUE);
  attest_test_init (&argc, &argv, ATTEST_TEST_GTK);
  setlocale (LC_ALL, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ATTEST_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = attest_test_new_application ();
  g_assert_true (attest_connection_start_sandbox (attest_application_get_connection (application),
                                                   30, &error));
  g_assert_no_error (error);

  /* In this order: the second finds the ledger the first made, the third
   * the run the second wrote. */
  g_test_add_func ("/window-mca-language/states", test_states_in_language);
  g_test_add_func ("/window-mca-language/resume-offer", test_resume_offer_in_language);
  g_test_add_func ("/window-mca-language/runs-dialog", test_runs_dialog_in_language);

  status = g_test_run ();
  g_clear_object (&application);

  return status;
}
