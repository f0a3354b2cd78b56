/* attest-request-dialog.c: requesting acceptance for the marked customers
 * (SPEC §13 "Request")
 *
 * Review (how many need a request, which are held back and why, each named
 * by its line; a link of their own or the admin center; new links for
 * those requested before) → confirm → progress (with stop) → results. It
 * drives an AttestMcaRequest over the ledger the window lent it, and shows
 * what it reports; the decisions are the request's. The links stay in the
 * ledger, and so in the grid: nothing is sent to a customer from here. A
 * request run that was interrupted is finished here too, from its progress
 * on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-request-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-request-dialog.h"

/* Problems listed one by one; past that, one row says how many more. */
#define MAX_PROBLEMS_SHOWN 100

struct _AttestRequestDialog
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkButton           *back_button;
  GtkButton           *next_button;
  GtkStack            *pages;
  GtkProgressBar      *preparing_progress;
  AdwActionRow        *to_send_row;
  GtkLabel            *to_send_label;
  GtkLabel            *already_label;
  GtkLabel            *nothing_label;
  GtkLabel            *held_label;
  GtkCheckButton      *direct_check;
  GtkSwitch           *renew_switch;
  GtkWidget           *problems_group;
  GtkListBox          *problems_list;
  AdwStatusPage       *confirm_page;
  GtkProgressBar      *progress_bar;
  AdwStatusPage       *results_page;
  GtkWidget           *export_links_button;

  AttestPartnerClient *client;
  AttestMcaLedger     *ledger;
  GPtrArray           *rows;          /* AttestMcaRow: the marked customers */
  GPtrArray           *row_problems;  /* char *: rows left out before preparing */
  AttestMcaRequest    *request;
  GCancellable        *cancellable;
  GError              *stop;
  gboolean             running;
};

G_DEFINE_FINAL_TYPE (AttestRequestDialog, attest_request_dialog, ADW_TYPE_WINDOW)

enum {
  CUSTOMER_DONE,
  HELD_BACK,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_direct (AttestRequestDialog *self)
{
  return gtk_check_button_get_active (self->direct_check);
}

static void
show_page (AttestRequestDialog *self,
           const char          *page)
{
  gboolean results = g_str_equal (page, "results");

  gtk_stack_set_visible_child_name (self->pages, page);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), !results);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button),
                          !g_str_equal (page, "progress") && !g_str_equal (page, "preparing"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), TRUE);

  if (g_str_equal (page, "preparing") || g_str_equal (page, "review"))
    {
      gtk_button_set_label (self->back_button, _("_Cancel"));
      gtk_button_set_label (self->next_button, _("_Continue"));
      adw_window_title_set_title (self->window_title, _("Request Acceptance"));
    }
  else if (g_str_equal (page, "confirm"))
    {
      gtk_button_set_label (self->back_button, _("_Back"));
      gtk_button_set_label (self->next_button, _("_Request"));
      adw_window_title_set_title (self->window_title, _("Confirm"));
    }
  else if (g_str_equal (page, "progress"))
    {
      gtk_button_set_label (self->back_button, _("_Stop"));
      adw_window_title_set_title (self->window_title, _("Requesting"));
    }
  else
    {
      gtk_button_set_label (self->next_button, _("_Close"));
      adw_window_title_set_title (self->window_title, _("Results"));
    }
}

static void
set_count (GtkLabel *label,
           guint     n)
{
  g_autofree char *text = g_strdup_printf ("%'u", n);

  gtk_label_set_text (label, text);
}

/* Review */

static void
add_problem_row (AttestRequestDialog *self,
                 const char          *title,
                 const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (self->problems_list, row);
}

/* The customers held back: each named by its company and ID, with why. */
static guint
list_held_back (AttestRequestDialog *self)
{
  GPtrArray *members = attest_mca_request_get_members (self->request);
  guint n = self->row_problems->len;
  guint shown = 0;

  for (guint i = 0; i < self->row_problems->len && shown < MAX_PROBLEMS_SHOWN; i++, shown++)
    add_problem_row (self, g_ptr_array_index (self->row_problems, i), NULL);

  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      AttestMcaRunMember *member = g_ptr_array_index (members, i);
      const char *message = NULL;
      AttestAttestationDetails details = { NULL, };
      g_autofree char *title = NULL;

      if (attest_mca_request_get_outcome (self->request, member, &message)
          != ATTEST_MCA_REQUEST_OUTCOME_NOT_REQUESTED)
        continue;
      g_signal_emit (self, signals[HELD_BACK], 0, attest_mca_run_member_get_customer_id (member),
                     message);
      n++;
      if (shown >= MAX_PROBLEMS_SHOWN)
        continue;

      attest_mca_run_member_get_details (member, &details);
      if (details.company_name != NULL && details.company_name[0] != '\0')
        /* Translators: a customer held back: its company, then its ID. */
        title = g_strdup_printf (_("%s (%s)"), details.company_name,
                                 attest_mca_run_member_get_customer_id (member));
      else
        title = g_strdup (attest_mca_run_member_get_customer_id (member));
      add_problem_row (self, title, message);
      shown++;
    }

  if (n > shown)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %'u more",
                                                            "And %'u more", n - shown),
                                               n - shown);

      add_problem_row (self, more, NULL);
    }

  return n;
}

static void
show_review (AttestRequestDialog *self)
{
  AttestMcaRequestCounts counts = { 0 };
  GtkWidget *child;
  guint n_held;

  attest_mca_request_get_counts (self->request, &counts);
  set_count (self->to_send_label, counts.to_send + counts.direct);
  set_count (self->already_label, counts.already_requested);
  set_count (self->nothing_label, counts.needs_nothing);
  set_count (self->held_label, counts.not_requested + self->row_problems->len);
  adw_action_row_set_subtitle (self->to_send_row,
                               is_direct (self)
                               ? _("They accept in the Microsoft 365 admin center: no attestation "
                                   "is created")
                               : _("Partner Center creates an acceptance link for each"));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);
  n_held = list_held_back (self);
  gtk_widget_set_visible (self->problems_group, n_held > 0);

  show_page (self, "review");
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), counts.to_send + counts.direct > 0);
}

static void
on_prepared (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AttestRequestDialog) self = user_data;
  AttestMcaRequest *request = ATTEST_MCA_REQUEST (object);
  g_autoptr(GError) error = NULL;

  if (!attest_mca_request_prepare_finish (request, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || request != self->request)
        return;
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }

  if (request == self->request)
    show_review (self);
}

static void
on_profiles_read (AttestRequestDialog *self)
{
  guint n = 0, done = 0;
  g_autofree char *text = NULL;

  g_object_get (self->request, "n-profiles", &n, "n-profiles-read", &done, NULL);
  /* Translators: the billing profiles read to review the request. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Billing profile %'u of %'u",
                                       "Billing profiles: %'u of %'u", n),
                          done, n);
  gtk_progress_bar_set_text (self->preparing_progress, n > 0 ? text : NULL);
  gtk_progress_bar_set_fraction (self->preparing_progress, n > 0 ? (double) done / n : 0);
}

/* Decides anew what a request does for each marked customer, for the way
 * they accept chosen. */
static void
prepare (AttestRequestDialog *self)
{
  AttestMcaRequestFlags flags = ATTEST_MCA_REQUEST_DEFAULT;

  if (is_direct (self))
    flags |= ATTEST_MCA_REQUEST_DIRECT;
  if (gtk_switch_get_active (self->renew_switch))
    flags |= ATTEST_MCA_REQUEST_RENEW;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_clear_object (&self->request);
  self->request = attest_mca_request_new (self->client, self->ledger, flags);
  g_signal_connect_object (self->request, "notify::n-profiles-read",
                           G_CALLBACK (on_profiles_read), self, G_CONNECT_SWAPPED);
  gtk_progress_bar_set_fraction (self->preparing_progress, 0);
  gtk_progress_bar_set_text (self->preparing_progress, NULL);
  show_page (self, "preparing");

  attest_mca_request_prepare_async (self->request, self->rows, self->cancellable, on_prepared,
                                    g_object_ref (self));
}

static void
on_way_changed (AttestRequestDialog *self)
{
  /* A run resumed was decided when it began. */
  if (self->request != NULL && self->rows != NULL && !self->running)
    prepare (self);
}

static void
show_confirm (AttestRequestDialog *self)
{
  AttestMcaRequestCounts counts = { 0 };
  g_autofree char *title = NULL;
  guint n;

  attest_mca_request_get_counts (self->request, &counts);
  n = counts.to_send + counts.direct;
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Request Acceptance from %'u Customer?",
                                        "Request Acceptance from %'u Customers?", n),
                           n);
  adw_status_page_set_title (self->confirm_page, title);
  adw_status_page_set_description (self->confirm_page,
                                   is_direct (self)
                                   ? _("Each customer gets the address of the Microsoft 365 "
                                       "admin center, where its Global Administrator accepts the "
                                       "agreement. No attestation is created.")
                                   : _("Partner Center creates an attestation and an acceptance "
                                       "link for each. Nothing is sent to the customers: send "
                                       "each its link, or write to its signatory from the grid. "
                                       "Only the customer may accept."));
  show_page (self, "confirm");
}

/* Progress and results */

static void
on_progress (AttestRequestDialog *self)
{
  guint n = 0, done = 0;
  g_autofree char *text = NULL;

  g_object_get (self->request, "n-customers", &n, "n-done", &done, NULL);
  text = g_strdup_printf (_("%'u of %'u"), done, n);
  gtk_progress_bar_set_fraction (self->progress_bar, n > 0 ? (double) done / n : 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
on_customer_done (AttestRequestDialog *self,
                  const char          *customer_id)
{
  g_signal_emit (self, signals[CUSTOMER_DONE], 0, customer_id);
}

/* Appends @paragraph to @description, a blank line before it unless it is
 * the first; takes it. */
static void
add_paragraph (GString *description,
               char    *paragraph)
{
  g_autofree char *owned = paragraph;

  if (description->len > 0)
    g_string_append (description, "\n\n");
  g_string_append (description, owned);
}

static void
show_results (AttestRequestDialog *self)
{
  AttestMcaRequestCounts counts = { 0 };
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *title = NULL;
  guint requested;
  guint held;
  gboolean went_wrong;

  attest_mca_request_get_counts (self->request, &counts);
  requested = counts.requested + counts.direct;
  held = counts.not_requested + self->row_problems->len;
  /* Customers held back were held back at the review already: the run
   * went well when Partner Center took every request it was sent. */
  went_wrong = self->stop != NULL || counts.refused > 0 || counts.unanswered > 0;

  if (self->stop != NULL)
    {
      title = g_strdup (_("The Request Stopped"));
      add_paragraph (description, g_strdup (self->stop->message));
    }
  else if (requested == 0)
    title = g_strdup (_("No Customer Requested"));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u Customer Requested",
                                          "%'u Customers Requested", requested),
                             requested);

  if (counts.requested > 0)
    add_paragraph (description,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%'u acceptance link is in the grid, with Copy "
                                                 "Link and Write to Signatory in the menu of its "
                                                 "row.",
                                                 "%'u acceptance links are in the grid, with Copy "
                                                 "Link and Write to Signatory in the menu of each "
                                                 "row.",
                                                 counts.requested),
                                    counts.requested));
  if (counts.direct > 0)
    add_paragraph (description,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%'u customer accepts in the Microsoft 365 admin "
                                                 "center: its row has the center’s address as its "
                                                 "link.",
                                                 "%'u customers accept in the Microsoft 365 admin "
                                                 "center: their rows have the center’s address as "
                                                 "their link.",
                                                 counts.direct),
                                    counts.direct));
  if (counts.refused > 0)
    add_paragraph (description,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Partner Center refused %'u customer: the "
                                                 "Problem column of its row says why. A new "
                                                 "request may try again.",
                                                 "Partner Center refused %'u customers: the "
                                                 "Problem column of each row says why. A new "
                                                 "request may try again.",
                                                 counts.refused),
                                    counts.refused));
  if (counts.unanswered > 0)
    add_paragraph (description,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%'u request got no answer yet. Request "
                                                 "acceptance again later, or run “attest "
                                                 "resume”: it is sent again as it was, never "
                                                 "twice.",
                                                 "%'u requests got no answer yet. Request "
                                                 "acceptance again later, or run “attest "
                                                 "resume”: they are sent again as they were, "
                                                 "never twice.",
                                                 counts.unanswered),
                                    counts.unanswered));
  if (held > 0)
    add_paragraph (description,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%'u marked customer was held back: it has "
                                                 "something to fix first, named in the Problem "
                                                 "column of its row.",
                                                 "%'u marked customers were held back: each has "
                                                 "something to fix first, named in the Problem "
                                                 "column of its row.",
                                                 held),
                                    held));

  adw_status_page_set_title (self->results_page, title);
  adw_status_page_set_description (self->results_page, description->str);
  adw_status_page_set_icon_name (self->results_page,
                                 went_wrong ? "dialog-warning-symbolic" : "emblem-ok-symbolic");
  gtk_widget_set_visible (self->export_links_button,
                          attest_mca_request_get_run_id (self->request) != NULL && requested > 0);
  show_page (self, "results");
}

static void
on_run_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AttestRequestDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  attest_mca_request_run_finish (ATTEST_MCA_REQUEST (object), result, &error);
  self->running = FALSE;
  g_clear_error (&self->stop);

  if (g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_NO_CREDENTIAL))
    {
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }
  self->stop = g_steal_pointer (&error);
  show_results (self);
}

static void
start_run (AttestRequestDialog *self)
{
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->running = TRUE;

  g_signal_connect_object (self->request, "notify::n-done", G_CALLBACK (on_progress), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->request, "notify::n-customers", G_CALLBACK (on_progress), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->request, "customer-done", G_CALLBACK (on_customer_done), self,
                           G_CONNECT_SWAPPED);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  show_page (self, "progress");

  /* The links stay in the ledger: the grid shows them, Export Links writes them. */
  attest_mca_request_run_async (self->request, NULL, self->cancellable, on_run_done,
                                g_object_ref (self));
}

/* Buttons */

static void
on_back_clicked (AttestRequestDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->pages);

  if (g_str_equal (page, "confirm"))
    show_page (self, "review");
  else if (g_str_equal (page, "progress"))
    {
      g_cancellable_cancel (self->cancellable);
      gtk_button_set_label (self->back_button, _("Stopping…"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), FALSE);
    }
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_next_clicked (AttestRequestDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->pages);

  if (g_str_equal (page, "review"))
    show_confirm (self);
  else if (g_str_equal (page, "confirm"))
    start_run (self);
  else if (g_str_equal (page, "results"))
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_links_saved (GtkNativeDialog     *chooser,
                int                  response,
                AttestRequestDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(AttestMcaRun) run = NULL;
  g_autoptr(AttestMcaLinks) links = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
      run = attest_mca_ledger_lookup_run (self->ledger,
                                          attest_mca_request_get_run_id (self->request));
      links = run != NULL ? attest_mca_request_build_links (self->ledger, run) : NULL;
      if (path == NULL || links == NULL || !attest_mca_links_write (links, path, &error))
        {
          AdwMessageDialog *dialog;

          dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                               _("Cannot Export the Links"),
                                                               error != NULL
                                                               ? error->message
                                                               : _("Choose a local file.")));
          adw_message_dialog_add_response (dialog, "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }

  g_object_unref (chooser);
}

static void
on_export_links_clicked (AttestRequestDialog *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = g_strdup_printf ("AcceptanceLinks-%s.csv",
                                           attest_mca_request_get_run_id (self->request));

  chooser = gtk_file_chooser_native_new (_("Export Links"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_links_saved), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* A run under way is stopped, not abandoned: closing asks it to stop and
 * waits for the requests on their way. */
static gboolean
attest_request_dialog_close_request (GtkWindow *window)
{
  AttestRequestDialog *self = ATTEST_REQUEST_DIALOG (window);

  if (self->running)
    {
      on_back_clicked (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (attest_request_dialog_parent_class)->close_request (window);
}

/* Construction */

/* Reviews a request for the marked customers of @store, with the partner's
 * @ledger (the window's, lent while the dialog is open) and @client. */
AttestRequestDialog *
attest_request_dialog_new (GtkWindow           *parent,
                           AttestPartnerClient *client,
                           AttestMcaLedger     *ledger,
                           AttestRecordStore   *store)
{
  AttestRequestDialog *self;

  g_return_val_if_fail (ATTEST_IS_PARTNER_CLIENT (client), NULL);
  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (ledger), NULL);
  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (store), NULL);

  self = g_object_new (ATTEST_TYPE_REQUEST_DIALOG, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  self->ledger = g_object_ref (ledger);
  self->row_problems = g_ptr_array_new_with_free_func (g_free);
  self->rows = attest_mca_rows_from_store (store, self->row_problems);
  prepare (self);

  return self;
}

/* Finishes the request run @run_id of @ledger, which was interrupted: its
 * requests that got no answer go out again as they were journaled, and
 * those it never journaled go out; progress, then the results of the whole
 * run, as for a request reviewed here. NULL, with @error set, when the
 * ledger has no such run left to finish. */
AttestRequestDialog *
attest_request_dialog_new_resume (GtkWindow            *parent,
                                  AttestPartnerClient  *client,
                                  AttestMcaLedger      *ledger,
                                  const char           *run_id,
                                  GError              **error)
{
  g_autoptr(AttestMcaRequest) request = NULL;
  AttestRequestDialog *self;

  g_return_val_if_fail (ATTEST_IS_PARTNER_CLIENT (client), NULL);
  g_return_val_if_fail (ATTEST_IS_MCA_LEDGER (ledger), NULL);
  g_return_val_if_fail (run_id != NULL, NULL);

  request = attest_mca_request_new_resume (client, ledger, run_id, error);
  if (request == NULL)
    return NULL;

  self = g_object_new (ATTEST_TYPE_REQUEST_DIALOG, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  self->ledger = g_object_ref (ledger);
  self->row_problems = g_ptr_array_new_with_free_func (g_free);
  self->request = g_steal_pointer (&request);
  start_run (self);

  return self;
}

const char *
attest_request_dialog_get_page (AttestRequestDialog *self)
{
  g_return_val_if_fail (ATTEST_IS_REQUEST_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->pages);
}

AttestMcaRequest *
attest_request_dialog_get_request (AttestRequestDialog *self)
{
  g_return_val_if_fail (ATTEST_IS_REQUEST_DIALOG (self), NULL);

  return self->request;
}

/* Chooses the admin center for the customers to accept in, or a link of
 * their own, as the review's choice does. */
void
attest_request_dialog_set_direct (AttestRequestDialog *self,
                                  gboolean             direct)
{
  g_return_if_fail (ATTEST_IS_REQUEST_DIALOG (self));

  gtk_check_button_set_active (self->direct_check, direct);
}

static void
attest_request_dialog_dispose (GObject *object)
{
  AttestRequestDialog *self = ATTEST_REQUEST_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATTEST_TYPE_REQUEST_DIALOG);
  g_clear_object (&self->request);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->ledger);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->row_problems, g_ptr_array_unref);
  g_clear_error (&self->stop);

  G_OBJECT_CLASS (attest_request_dialog_parent_class)->dispose (object);
}

static void
attest_request_dialog_class_init (AttestRequestDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = attest_request_dialog_dispose;
  window_class->close_request = attest_request_dialog_close_request;

  /* A customer's request was answered (or given up): its ID; the ledger
   * has its state. */
  signals[CUSTOMER_DONE] =
    g_signal_new ("customer-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A marked customer is not requested: its ID, and why (may be NULL). */
  signals[HELD_BACK] =
    g_signal_new ("held-back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /* A credential the request needs is missing: the GError, which names it. */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/attest-request-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AttestRequestDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AttestRequestDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, AttestRequestDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, AttestRequestDialog, pages);
  gtk_widget_class_bind_template_child (widget_class, AttestRequestDialog, preparing_progress);
  gtk_widget_class_bind_template_child (widget_class, AttestRequestDialog, to_send_row);
  gtk_widget_class_bind_template_child (widget_class, AttestRequestDialog, to_send_label);
  gtk_widget_class_bind_template_child (widget_class, AttestRequestDialog, already_label);
  gtk_widget_class_bind_template_child (widget_class, AttestRequestDialog, nothing_label);
  gtk_widget_class_bind_template_child (widget_class, AttestRequestDialog, held_label);
  gtk_widget_class_bind_template_child (widget_class, AttestRequestDialog, direct_check);
  gtk_widget_class_bind_template_child (widget_class, AttestRequestDialog, renew_switch);
  gtk_widget_class_bind_template_child (widget_class, AttestRequestDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, AttestRequestDialog, problems_list);
  gtk_widget_class_bind_template_child (widget_class, AttestRequestDialog, confirm_page);
  gtk_widget_class_bind_template_child (widget_class, AttestRequestDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, AttestRequestDialog, results_page);
  gtk_widget_class_bind_template_child (widget_class, AttestRequestDialog, export_links_button);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_way_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_export_links_clicked);

  /* As in any dialog; while a run is under way, closing stops it. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
attest_request_dialog_init (AttestRequestDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
