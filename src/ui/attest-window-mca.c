/* attest-window-mca.c: the window in Microsoft's current flow (SPEC §13):
 * each customer's state from the partner's ledger, Check Status, and what
 * the other steps share
 *
 * The ledger of the partner tenant signed in is locked while it is open,
 * against a second Attest (another window's, or a command's). The window
 * opens it only for a piece of work (showing the states of the customers it
 * opened, a check, a request, a completion, the links file) and one piece of
 * work at a time, and lets it go when that is done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-window-mca"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-iso-codes.h"
#include "attest-mca-status.h"
#include "attest-record.h"
#include "attest-sign-in-dialog.h"
#include "attest-window-private.h"

gboolean
_attest_window_is_working (AttestWindow *self)
{
  return self->work != NULL;
}

/* Whether the window works with the partner's ledger: a check, a request,
 * a completion, the states of the customers it opened, the links file. */
gboolean
attest_window_is_working (AttestWindow *self)
{
  g_return_val_if_fail (ATTEST_IS_WINDOW (self), FALSE);

  return _attest_window_is_working (self);
}

/* The partner tenant whose ledger the window works with, to know whether
 * it has one: the sandbox's, or the one the App+User sign-in is in; NULL
 * before a sign-in. */
static char *
dup_ledger_tenant (AttestWindow *self)
{
  AttestSandbox *sandbox;
  AttestSession *session;

  if (self->connection == NULL)
    return NULL;

  sandbox = attest_connection_get_sandbox (self->connection);
  if (sandbox != NULL)
    return g_strdup (attest_sandbox_get_tenant_id (sandbox));

  session = attest_connection_get_session (self->connection);
  if (session != NULL && attest_session_is_signed_in (session))
    return g_strdup (attest_session_get_tenant_id (session));

  return NULL;
}

static void
update_work_actions (AttestWindow *self)
{
  attest_window_update_actions (self);
}

void
_attest_window_end_work (AttestWindow *self)
{
  _attest_window_note_work_end (self);
  g_clear_object (&self->work);
  g_clear_object (&self->work_object);
  g_clear_object (&self->work_ledger);
  g_clear_pointer (&self->work_rows, g_hash_table_unref);
  gtk_action_bar_set_revealed (self->work_bar, FALSE);
  update_work_actions (self);
}

static void
on_ledger_opened (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  AttestMcaLedger *ledger = attest_mca_ledger_open_for_client_finish (result, &error);

  if (ledger == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ledger, g_object_unref);
}

/* Opens the partner's ledger for a piece of work, which holds it until
 * _attest_window_end_work(); meanwhile nothing else opens it. The ledger
 * is the one of the tenant the client's token is for, as the commands'. */
void
_attest_window_open_ledger_async (AttestWindow        *self,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (self->work == NULL);

  self->work = g_cancellable_new ();
  task = g_task_new (self, self->work, callback, user_data);
  g_task_set_source_tag (task, _attest_window_open_ledger_async);
  update_work_actions (self);

  client = attest_connection_new_partner_client (self->connection, &error);
  if (client == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  attest_mca_ledger_open_for_client_async (client, NULL, self->work, on_ledger_opened,
                                           g_steal_pointer (&task));
}

/* The ledger opened, held by the work; or NULL, the work ended, with
 * @error set unless the window closed meanwhile. */
AttestMcaLedger *
_attest_window_take_ledger (AttestWindow  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  AttestMcaLedger *ledger = g_task_propagate_pointer (G_TASK (result), error);

  /* The window closed meanwhile: the ledger goes at once. */
  if (ledger != NULL && self->work == NULL)
    {
      g_object_unref (ledger);
      return NULL;
    }
  if (ledger != NULL)
    {
      self->work_ledger = ledger;
      return ledger;
    }

  _attest_window_end_work (self);
  return NULL;
}

/* The ledger opened, held by the work; or NULL, the work ended and the
 * reason shown: in a dialog under @heading, or a toast when @heading is
 * NULL. */
AttestMcaLedger *
_attest_window_open_ledger_finish (AttestWindow *self,
                                   GAsyncResult *result,
                                   const char   *heading)
{
  g_autoptr(GError) error = NULL;
  AttestMcaLedger *ledger = _attest_window_take_ledger (self, result, &error);
  const char *message;

  if (ledger != NULL || error == NULL
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return ledger;

  message = error->message;
  if (g_error_matches (error, ATTEST_MCA_LEDGER_ERROR, ATTEST_MCA_LEDGER_ERROR_BUSY))
    message = _("Another Attest, in a window or a terminal, is working with this partner’s "
                "customers. Try again once it is done.");
  if (heading != NULL)
    attest_window_show_error (self, heading, message);
  else
    attest_window_show_toast (self, message);

  return NULL;
}

/* What the ledger knows of @customer, for the grid: its values, borrowed. */
static void
info_from_customer (AttestRecordMcaInfo     *info,
                    const AttestMcaCustomer *customer)
{
  const char *culture = attest_mca_customer_get_profile_culture (customer);
  const char *own;

  info->state = attest_mca_customer_get_state (customer);
  info->message = attest_mca_customer_get_message (customer);
  info->link = attest_mca_customer_get_link (customer);
  own = attest_mca_customer_get_company_name (customer);
  info->company_name = own != NULL ? own : attest_mca_customer_get_profile_company_name (customer);
  info->country = attest_mca_customer_get_profile_country (customer);
  /* SPEC §13: the culture when it is a language tag, else the language. */
  info->language = culture != NULL && attest_language_tag_is_valid (culture)
                   ? culture : attest_mca_customer_get_profile_language (customer);
  /* The signatory a request went to, else the billing profile's. */
  own = attest_mca_customer_get_first_name (customer);
  info->first_name = own != NULL ? own : attest_mca_customer_get_profile_first_name (customer);
  own = attest_mca_customer_get_last_name (customer);
  info->last_name = own != NULL ? own : attest_mca_customer_get_profile_last_name (customer);
  own = attest_mca_customer_get_email (customer);
  info->email = own != NULL ? own : attest_mca_customer_get_profile_email (customer);
  info->phone_number = attest_mca_customer_get_profile_phone_number (customer);
}

static char *
dup_customer_id (AttestRecordStore *store,
                 guint              index)
{
  g_autofree char *id = attest_record_store_dup_field (store, index,
                                                       ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID);

  return id != NULL ? g_ascii_strdown (g_strstrip (id), -1) : NULL;
}

/* Shows what @ledger knows of each customer of @store. */
void
_attest_window_apply_ledger (AttestWindow      *self,
                             AttestMcaLedger   *ledger,
                             AttestRecordStore *store)
{
  g_autoptr(GArray) indexes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) infos = g_array_new (FALSE, FALSE, sizeof (AttestRecordMcaInfo));
  g_autoptr(GPtrArray) customers = NULL;
  guint n;

  if (store == NULL || attest_mca_ledger_get_n_customers (ledger) == 0)
    return;

  customers = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_mca_customer_unref);
  n = attest_record_store_get_n_records (store);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = dup_customer_id (store, i);
      AttestMcaCustomer *customer = id != NULL ? attest_mca_ledger_lookup (ledger, id) : NULL;
      AttestRecordMcaInfo info = { 0, };

      if (customer == NULL)
        continue;
      g_ptr_array_add (customers, customer);
      info_from_customer (&info, customer);
      g_array_append_val (indexes, i);
      g_array_append_val (infos, info);
    }

  attest_record_store_set_mca_infos (store, (const guint *) (gpointer) indexes->data,
                                     (const AttestRecordMcaInfo *) (gpointer) infos->data,
                                     indexes->len);
}

static void
on_states_ledger_opened (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  AttestWindow *self = ATTEST_WINDOW (object);
  AttestMcaLedger *ledger = _attest_window_open_ledger_finish (self, result, NULL);

  if (ledger == NULL)
    return;

  _attest_window_apply_ledger (self, ledger, self->store);
  if (self->view != NULL)
    attest_record_view_refresh (self->view);
  _attest_window_end_work (self);
}

/* Whether the partner the window works for has a ledger: one that never
 * checked has none, and none is made to find that out. */
gboolean
_attest_window_has_ledger (AttestWindow *self)
{
  g_autofree char *tenant = dup_ledger_tenant (self);
  g_autofree char *directory = NULL;
  g_autofree char *path = NULL;

  if (tenant == NULL)
    return FALSE;

  directory = attest_mca_ledger_dup_directory (tenant);
  path = g_build_filename (directory, "ledger.jsonl", NULL);
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Shows each customer's state as the ledger kept it, after a restart too. */
void
_attest_window_show_states (AttestWindow *self)
{
  if (self->store == NULL || _attest_window_is_working (self) || !_attest_window_has_ledger (self))
    return;

  _attest_window_open_ledger_async (self, on_states_ledger_opened, NULL);
}

/* A credential a step lacks: the message names it, and a button adds it. */

static void
on_credential_response (AdwMessageDialog *dialog,
                        const char       *response,
                        AttestWindow     *self)
{
  const char *then = g_object_get_data (G_OBJECT (dialog), "attest-then");

  if (g_str_equal (response, "add-app-only"))
    _attest_window_sign_in_then (self, then, TRUE);
  else if (g_str_equal (response, "sign-in"))
    _attest_window_sign_in_then (self, then, FALSE);
}

/* Shows @error; when it is a missing credential, says which and offers to
 * add it: the AppOnly credential in the sign-in dialog's own section; once
 * it is added, the action @then (if any) goes on. */
void
_attest_window_show_credential_error (AttestWindow *self,
                                      const char   *heading,
                                      const GError *error,
                                      const char   *then)
{
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;
  AttestPartnerCredential missing;

  if (!g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NO_CREDENTIAL))
    {
      attest_window_show_error (self, heading, error->message);
      return;
    }

  /* The error's own words name the route, for a terminal and the log;
   * the window says what is missing in its own. */
  missing = attest_partner_error_get_missing_credential (error);
  switch (missing)
    {
    case ATTEST_PARTNER_CREDENTIAL_APP:
      body = g_strdup_printf ("%s\n\n%s",
                              _("Partner Center takes this step only with the partner’s AppOnly "
                                "credential, and none is set up on this computer."),
                              _("Add the AppOnly credential: the Application ID and a client "
                                "secret of the partner’s web app from Partner Center (Account "
                                "settings › App management)."));
      break;
    case ATTEST_PARTNER_CREDENTIAL_USER:
      body = g_strdup_printf ("%s\n\n%s",
                              _("Partner Center takes this step only from a partner user who "
                                "is signed in, and nobody is."),
                              _("Sign in to Partner Center with your App+User sign-in."));
      break;
    case ATTEST_PARTNER_CREDENTIAL_EITHER:
    default:
      body = g_strdup_printf ("%s\n\n%s",
                              _("Partner Center takes this step from a partner user who is "
                                "signed in, or with the partner’s AppOnly credential, and "
                                "neither is set up on this computer."),
                              _("Sign in to Partner Center with your App+User sign-in."));
      break;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  if (missing == ATTEST_PARTNER_CREDENTIAL_APP)
    adw_message_dialog_add_response (dialog, "add-app-only", _("_Add AppOnly Credential…"));
  else
    adw_message_dialog_add_response (dialog, "sign-in", _("_Sign In…"));
  adw_message_dialog_set_response_appearance (dialog, missing == ATTEST_PARTNER_CREDENTIAL_APP
                                                      ? "add-app-only" : "sign-in",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, missing == ATTEST_PARTNER_CREDENTIAL_APP
                                                   ? "add-app-only" : "sign-in");
  adw_message_dialog_set_close_response (dialog, "close");
  g_object_set_data_full (G_OBJECT (dialog), "attest-then", g_strdup (then), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_credential_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Check Status */

/* The work bar under the grid: what the work does, how far it is. */
void
_attest_window_show_work (AttestWindow *self,
                          const char   *text,
                          double        fraction)
{
  gtk_label_set_text (self->work_label, text);
  if (fraction < 0)
    gtk_progress_bar_pulse (self->work_progress);
  else
    gtk_progress_bar_set_fraction (self->work_progress, fraction);
  gtk_action_bar_set_revealed (self->work_bar, TRUE);
}

static void
on_check_progress (AttestWindow *self)
{
  AttestMcaStatusCheck *check = ATTEST_MCA_STATUS_CHECK (self->work_object);
  guint n = attest_mca_status_check_get_n_customers (check);
  guint done = attest_mca_status_check_get_n_checked (check);
  g_autofree char *text = NULL;

  /* Translators: the progress of a status check. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Checking the state of %2$'u customer: "
                                       "%1$'u done",
                                       "Checking the state of %2$'u customers: %1$'u done", n),
                          done, n);
  _attest_window_show_work (self, text, n > 0 ? (double) done / n : -1);
}

/* Shows what the ledger holds now of the customer @customer_id, in its
 * row of the work's customers; @message, when not NULL, says why it could
 * not be told. */
void
_attest_window_update_row (AttestWindow *self,
                           const char   *customer_id,
                           const char   *message)
{
  g_autofree char *id = g_ascii_strdown (customer_id, -1);
  g_autoptr(AttestMcaCustomer) customer = NULL;
  AttestRecordMcaInfo info = { 0, };
  guint index;

  if (self->store == NULL || self->work_rows == NULL || self->work_ledger == NULL)
    return;

  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->work_rows, id));
  if (index == 0)
    return;

  customer = attest_mca_ledger_lookup (self->work_ledger, id);
  if (customer != NULL)
    info_from_customer (&info, customer);
  if (message != NULL)
    info.message = message;
  attest_record_store_set_mca_info (self->store, index - 1, &info);
}

static void
on_customer_checked (AttestWindow                *self,
                     const AttestMcaStatusResult *result)
{
  _attest_window_update_row (self, result->customer_id, result->failed ? result->message : NULL);
}

/* The customers a check listed, as records to show. */
static AttestRecordStore *
new_listed_store (AttestMcaStatusCheck *check)
{
  AttestRecordStore *store = attest_record_store_new ();
  guint n = attest_mca_status_check_get_n_customers (check);

  for (guint i = 0; i < n; i++)
    {
      const AttestMcaStatusResult *result = attest_mca_status_check_get_result (check, i);
      AttestRecordFields fields = { result->customer_id, NULL, NULL, NULL, NULL, 0, FALSE };

      attest_record_store_append (store, &fields);
    }

  return store;
}

static void
announce_check (AttestWindow         *self,
                AttestMcaStatusCheck *check,
                gboolean              stopped)
{
  guint n = attest_mca_status_check_get_n_customers (check);
  guint checked = attest_mca_status_check_get_n_checked (check);
  guint failed = attest_mca_status_check_get_n_failed (check);
  guint needing = attest_mca_status_check_get_count (check, ATTEST_MCA_STATE_NEEDS_ACCEPTANCE);
  g_autofree char *title = NULL;
  AdwToast *toast;
  const char *state = NULL;

  if (stopped)
    /* Translators: a status check stopped by the person. */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Check stopped: %'u of %'u customer checked",
                                          "Check stopped: %'u of %'u customers checked", n),
                             checked - failed, n);
  else if (failed > 0)
    {
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Checked %'u customers; %'u could not be checked",
                                            "Checked %'u customers; %'u could not be checked",
                                            failed),
                               n, failed);
      state = "unchecked";
    }
  else
    {
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Checked %2$'u customers: %1$'u needs acceptance",
                                            "Checked %2$'u customers: %1$'u need acceptance",
                                            needing),
                               needing, n);
      state = needing > 0 ? "needs-acceptance" : NULL;
    }

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 8);
  if (state != NULL)
    {
      adw_toast_set_button_label (toast, _("_Show Them"));
      adw_toast_set_action_name (toast, "win.show-state");
      adw_toast_set_action_target_value (toast, g_variant_new_string (state));
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_checked (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(AttestWindow) self = user_data;
  AttestMcaStatusCheck *check = ATTEST_MCA_STATUS_CHECK (object);
  g_autoptr(GError) error = NULL;
  gboolean stopped;

  attest_mca_status_check_run_finish (check, result, &error);
  stopped = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* The window closed meanwhile. */
  if (self->work == NULL)
    return;

  /* The customers listed: shown with what the ledger knows now, and the
   * company names the listing gave. */
  if (self->work_rows == NULL && attest_mca_status_check_get_n_customers (check) > 0)
    {
      g_autoptr(AttestRecordStore) store = new_listed_store (check);

      attest_window_set_store (self, store, NULL);
      _attest_window_apply_ledger (self, self->work_ledger, store);
      for (guint i = 0; i < attest_record_store_get_n_records (store); i++)
        {
          const AttestMcaStatusResult *listed = attest_mca_status_check_get_result (check, i);
          AttestRecordMcaInfo info;

          attest_record_store_get_mca_info (store, i, &info);
          if (info.company_name == NULL && listed->company_name != NULL)
            {
              info.company_name = listed->company_name;
              attest_record_store_set_mca_info (store, i, &info);
            }
        }
    }

  if (error == NULL || stopped)
    announce_check (self, check, stopped);
  else
    _attest_window_show_credential_error (self, _("Cannot Check the Status"), error,
                                          "win.check-status");

  if (self->view != NULL)
    attest_record_view_refresh (self->view);
  _attest_window_end_work (self);
}

/* Which row shows each customer of the window with a valid ID, for the
 * work to show what it does (the first row of an ID shown twice). */
void
_attest_window_map_rows (AttestWindow *self)
{
  guint n = self->store != NULL ? attest_record_store_get_n_records (self->store) : 0;
  guint32 id_problems = ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_EMPTY)
                        | ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_NOT_GUID);

  g_clear_pointer (&self->work_rows, g_hash_table_unref);
  self->work_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = NULL;

      if (attest_record_store_get_problems (self->store, i) & id_problems)
        continue;
      id = dup_customer_id (self->store, i);
      if (!g_hash_table_contains (self->work_rows, id))
        g_hash_table_insert (self->work_rows, g_steal_pointer (&id), GUINT_TO_POINTER (i + 1));
    }
}

/* Gives @check the customers of the window, each once, by their ID, in
 * the order shown in the file. */
static void
add_store_customers (AttestWindow         *self,
                     AttestMcaStatusCheck *check)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  guint n = attest_record_store_get_n_records (self->store);

  _attest_window_map_rows (self);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = dup_customer_id (self->store, i);
      g_autofree char *company = NULL;
      gsize len = 0;
      const char *shown;

      if (id == NULL || GPOINTER_TO_UINT (g_hash_table_lookup (self->work_rows, id)) != i + 1)
        continue;

      shown = attest_record_store_peek_shown_request_value (self->store, i,
                                                            ATTEST_REQUEST_FIELD_COMPANY_NAME,
                                                            scratch, &len, NULL);
      company = shown != NULL ? g_strndup (shown, len) : NULL;
      attest_mca_status_check_add_customer (check, id, company);
    }
}

static void
on_check_ledger_opened (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  AttestWindow *self = ATTEST_WINDOW (object);
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(GError) error = NULL;
  AttestMcaLedger *ledger = _attest_window_open_ledger_finish (self, result,
                                                               _("Cannot Check the Status"));
  AttestMcaStatusCheck *check;

  if (ledger == NULL)
    return;

  client = attest_connection_new_partner_client (self->connection, &error);
  if (client == NULL)
    {
      _attest_window_end_work (self);
      attest_window_show_error (self, _("Cannot Check the Status"), error->message);
      return;
    }

  check = attest_mca_status_check_new (client, ledger);
  self->work_object = G_OBJECT (check);
  if (self->store != NULL)
    add_store_customers (self, check);
  if (self->work_rows != NULL && g_hash_table_size (self->work_rows) == 0)
    {
      _attest_window_end_work (self);
      attest_window_show_error (self, _("Cannot Check the Status"),
                                _("No customer shown has a valid customer tenant ID."));
      return;
    }

  g_signal_connect_object (check, "customer-checked", G_CALLBACK (on_customer_checked), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (check, "notify::n-checked", G_CALLBACK (on_check_progress), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (check, "notify::n-customers", G_CALLBACK (on_check_progress), self,
                           G_CONNECT_SWAPPED);
  on_check_progress (self);
  attest_mca_status_check_run_async (check, self->work, on_checked, g_object_ref (self));
}

static void
check_status_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  AttestWindow *self = ATTEST_WINDOW (widget);

  if (self->connection == NULL || _attest_window_is_working (self))
    return;

  if (attest_connection_needs_sign_in (self->connection))
    {
      _attest_window_sign_in_then (self, "win.check-status", FALSE);
      return;
    }

  g_object_set (self, "flow", "current", NULL);
  _attest_window_open_ledger_async (self, on_check_ledger_opened, NULL);
}

static void
stop_work_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AttestWindow *self = ATTEST_WINDOW (widget);

  if (self->work != NULL)
    g_cancellable_cancel (self->work);
}

/* Shows the customers in one state (its word), as the filter does. */
static void
show_state_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AttestWindow *self = ATTEST_WINDOW (widget);
  AttestMcaState state;

  if (!attest_mca_state_from_string (g_variant_get_string (parameter, NULL), &state))
    return;

  g_object_set (self, "flow", "current", "search-mode", TRUE, NULL);
  gtk_drop_down_set_selected (self->filter_dropdown, ATTEST_RECORD_FILTER_FOR_STATE (state));
}

static void
on_edit_refused (AttestWindow *self,
                 AttestRecord *item,
                 const char   *message)
{
  AttestRecordStore *store = attest_record_get_store (item);
  guint index = attest_record_get_index (item);
  g_autofree char *company = NULL;
  g_autofree char *id = NULL;
  g_autofree char *body = NULL;
  const char *who;

  g_object_get (item, "company-name", &company, "customer-tenant-id", &id, NULL);
  who = company != NULL && company[0] != '\0' ? company : id;
  if (attest_record_store_is_from_file (store, index))
    /* Translators: the row of a value refused, then why: "Line 7, Contoso Ltd: …". */
    body = g_strdup_printf (_("Line %u, %s: %s"), attest_record_store_get_line (store, index),
                            who != NULL ? who : "", message);
  else
    /* Translators: the customer of a value refused, then why: "Contoso Ltd: …". */
    body = g_strdup_printf (_("%s: %s"), who != NULL ? who : "", message);
  attest_window_show_error (self, _("The Value Was Not Changed"), body);
}

void
_attest_window_mca_init (AttestWindow *self)
{
  g_signal_connect_object (self->grid, "edit-refused", G_CALLBACK (on_edit_refused), self,
                           G_CONNECT_SWAPPED);
  attest_record_grid_set_row_menu (self->grid, self->row_menu);
}

void
_attest_window_mca_dispose (AttestWindow *self)
{
  if (self->work != NULL)
    g_cancellable_cancel (self->work);
  g_clear_object (&self->work);
  g_clear_object (&self->work_object);
  g_clear_object (&self->work_ledger);
  g_clear_pointer (&self->work_rows, g_hash_table_unref);
  g_clear_pointer (&self->after_sign_in, g_free);
  _attest_window_resume_dispose (self);
}

void
_attest_window_class_mca_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.check-status", NULL, check_status_action);
  gtk_widget_class_install_action (widget_class, "win.stop-work", NULL, stop_work_action);
  gtk_widget_class_install_action (widget_class, "win.show-state", "s", show_state_action);
  gtk_widget_class_install_property_action (widget_class, "win.flow", "flow");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.check-status", NULL);
}
