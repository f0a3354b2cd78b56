/* attest-window-private.h: what the parts of the window share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-file-load.h"
#include "attest-mca-complete.h"
#include "attest-mca-ledger.h"
#include "attest-record-grid.h"
#include "attest-record-store.h"
#include "attest-request-dialog.h"
#include "attest-window.h"

G_BEGIN_DECLS

struct _AttestWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkLabel             *subtitle_label;
  GtkMenuButton        *primary_menu_button;
  GtkWidget            *account_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *filter_dropdown;
  GtkStack             *main_stack;
  GtkStack             *records_stack;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *loading_page;
  GtkProgressBar       *loading_progress;
  GtkWidget            *loading_retry_button;
  AttestRecordGrid     *grid;
  GtkActionBar         *status_bar;
  GtkLabel             *counts_label;
  GtkMenuButton        *acceptance_button;
  GtkActionBar         *work_bar;
  GtkLabel             *work_label;
  GtkProgressBar       *work_progress;
  GMenuModel           *row_menu;

  /* The header and status bars as the width allows (attest-window-header.c), and the hint
   * shown while a file is dragged over the window (attest-window-dnd.c) */
  AdwSqueezer          *start_squeezer;
  GtkWidget            *start_search_page;
  AdwSqueezer          *end_squeezer;
  AdwSqueezer          *status_squeezer;
  GtkLabel             *counts_label_icons;
  GtkLabel             *counts_label_narrow;
  GtkWidget            *sandbox_badge;
  GMenu                *header_overflow;  /* the primary menu's section of what they leave out */
  guint                 header_overflow_shown;
  GtkWidget            *drop_hint;

  /* State */
  AttestConnection     *connection;    /* which Partner Center, signed in how */
  GSettings            *settings;
  AttestRecordStore    *store;
  AttestRecordView     *view;          /* what the grid shows of the store */
  GFile                *file;          /* where the records came from, if a file */
  GCancellable         *loading;       /* a file being read, or a fetch */
  AttestFileLoad       *file_load;     /* the file being read */
  GFile                *pending_open;  /* waiting for "discard changes?" */
  gint64                progress_shown_at;  /* monotonic time the loading bar last moved */
  gboolean              search_mode;

  /* Microsoft's current flow (attest-window-mca.c): what works with the
   * partner's ledger, which one thing at a time holds, and only while it
   * works; and the action a sign-in was asked for, to go on with. */
  GCancellable         *work;
  GObject              *work_object;   /* the check running, or NULL */
  GHashTable           *work_rows;     /* customer ID in lower case -> record index + 1 */
  AttestMcaLedger      *work_ledger;   /* while the work holds it */
  char                 *after_sign_in;
  GtkWidget            *sign_in_dialog;  /* while open */

  /* Finishing what was interrupted (attest-window-resume.c): the classic
   * run's offer, or the wizard it opened, while open; the offer of a
   * request or completion run while open, the one being finished, and
   * whether to look for one once nothing is in the way. */
  GtkWidget            *classic_resume;
  GtkWidget            *mca_offer;
  char                 *finishing_run_id;
  gboolean              mca_offer_wanted;
  guint                 mca_offer_idle;

  /* The loading page and fetching (attest-window-loading.c): the size of
   * the file read, in bytes (0 while not known); the fetch's client and
   * the source that pulses its bar; when its next try is due (monotonic
   * time, 0 when it is not waiting), and whether for want of a connection. */
  guint64               loading_size;
  AttestPartnerClient  *fetch_client;
  guint                 loading_pulse;
  gint64                retry_due;
  gboolean              retry_offline;

  /* Closing (attest-window-close.c): the question asked, while open, and
   * whether the answer let the window close. */
  GtkWidget            *close_question;
  gboolean              close_allowed;

  /* The runs (attest-window-runs.c): the Runs dialog while open, and the
   * classic run to finish once edits are discarded. */
  GtkWidget            *runs_dialog;
  char                 *finishing_journal;

  /* The last Mark All Shown or Unmark All Shown (attest-window-actions.c),
   * while it can be undone: the store, the records whose mark it changed,
   * to what, and its toast while shown. */
  AttestRecordStore    *marks_store;
  GArray               *marks_changed;  /* guint record indexes */
  gboolean              marks_attested;
  AdwToast             *marks_toast;    /* weak */
};

void     attest_window_set_store           (AttestWindow      *self,
                                            AttestRecordStore *store,
                                            GFile             *file);
void     attest_window_show_toast          (AttestWindow      *self,
                                            const char        *message);
void     attest_window_show_error          (AttestWindow      *self,
                                            const char        *heading,
                                            const char        *body);
void     attest_window_confirm_discard     (AttestWindow      *self,
                                            const char        *body,
                                            GCallback          on_response);
void     attest_window_update_actions      (AttestWindow      *self);

/* attest-window-actions.c */
void     _attest_window_class_actions_init (GtkWidgetClass    *widget_class);
void     _attest_window_open_file          (AttestWindow      *self,
                                            GFile             *file);
void     _attest_window_follow_load        (AttestWindow      *self,
                                            AttestFileLoad    *load);
void     _attest_window_export_async       (AttestWindow        *self,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean _attest_window_export_finish      (AttestWindow        *self,
                                            GAsyncResult        *result,
                                            GError             **error);
void     _attest_window_actions_init       (AttestWindow      *self);
void     _attest_window_actions_dispose    (AttestWindow      *self);

/* attest-window-partner.c */
void     _attest_window_class_partner_init (GtkWidgetClass   *widget_class);

/* attest-window-mca.c */
void     _attest_window_class_mca_init (GtkWidgetClass   *widget_class);
gboolean _attest_window_has_ledger     (AttestWindow     *self);
void     _attest_window_mca_init       (AttestWindow     *self);
void     _attest_window_mca_dispose    (AttestWindow     *self);
void     _attest_window_show_states    (AttestWindow     *self);
gboolean _attest_window_is_working     (AttestWindow     *self);
void     _attest_window_show_credential_error (AttestWindow *self,
                                               const char   *heading,
                                               const GError *error,
                                               const char   *then);
void     _attest_window_open_ledger_async  (AttestWindow        *self,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
AttestMcaLedger *_attest_window_open_ledger_finish (AttestWindow *self,
                                                    GAsyncResult *result,
                                                    const char   *heading);
AttestMcaLedger *_attest_window_take_ledger        (AttestWindow  *self,
                                                    GAsyncResult  *result,
                                                    GError       **error);
void     _attest_window_apply_ledger   (AttestWindow      *self,
                                        AttestMcaLedger   *ledger,
                                        AttestRecordStore *store);
void     _attest_window_end_work       (AttestWindow     *self);
void     _attest_window_show_work      (AttestWindow     *self,
                                        const char       *text,
                                        double            fraction);
void     _attest_window_map_rows       (AttestWindow     *self);
void     _attest_window_update_row     (AttestWindow     *self,
                                        const char       *customer_id,
                                        const char       *message);

/* attest-window-request.c */
void     _attest_window_class_request_init (GtkWidgetClass *widget_class);
AttestPartnerClient *_attest_window_new_writing_client (AttestWindow *self,
                                                        const char   *method,
                                                        const char   *path,
                                                        const char   *heading,
                                                        const char   *then);
void     _attest_window_follow_request     (AttestWindow        *self,
                                            AttestRequestDialog *dialog);
void     _attest_window_run_completion     (AttestWindow        *self,
                                            AttestMcaCompletion *completion);

/* attest-window-resume.c */
void     _attest_window_offer_mca_resume   (AttestWindow *self);
void     _attest_window_offer_mca_resume_soon (AttestWindow *self);
void     _attest_window_follow_classic_resume (AttestWindow *self,
                                               GtkWidget    *dialog);
void     _attest_window_note_work_end      (AttestWindow *self);
void     _attest_window_resume_dispose     (AttestWindow *self);
void     _attest_window_class_resume_init  (GtkWidgetClass   *widget_class);
void     _attest_window_finish_mca_run     (AttestWindow     *self,
                                            const char       *run_id,
                                            AttestMcaRunKind  kind);
void     _attest_window_discard_mca_run    (AttestWindow     *self,
                                            const char       *run_id);
void     _attest_window_list_mca_runs      (AttestWindow     *self);

/* attest-window-runs.c */
void     _attest_window_class_runs_init    (GtkWidgetClass *widget_class);
void     _attest_window_submit             (AttestWindow   *self);
void     _attest_window_finish_classic_run (AttestWindow   *self,
                                            const char     *journal_path);
void     _attest_window_refresh_runs       (AttestWindow   *self);

/* attest-window-links.c */
void     _attest_window_class_links_init (GtkWidgetClass *widget_class);

/* attest-window-loading.c */
void     _attest_window_class_loading_init (GtkWidgetClass *widget_class);
void     _attest_window_loading_dispose    (AttestWindow   *self);
void     _attest_window_show_reading       (AttestWindow   *self,
                                            GFile          *file);
void     _attest_window_show_read_fraction (AttestWindow   *self,
                                            double          fraction);
gboolean _attest_window_is_fetching        (AttestWindow   *self);

/* attest-window-close.c */
gboolean _attest_window_close_request      (AttestWindow   *self);

/* attest-window-header.c */
void     _attest_window_class_header_init  (GtkWidgetClass    *widget_class);
void     _attest_window_header_init        (AttestWindow      *self);

/* attest-window-status.c */
void     _attest_window_show_counts        (AttestWindow      *self);

/* attest-window-shortcuts.c */
void     _attest_window_class_shortcuts_init (GtkWidgetClass  *widget_class);

/* attest-window-dnd.c */
void     _attest_window_dnd_init           (AttestWindow      *self);

/* attest-window-account.c */
void     _attest_window_account_init       (AttestWindow      *self);
void     _attest_window_show_connection    (AttestWindow      *self);
void     _attest_window_sign_in_then       (AttestWindow      *self,
                                            const char        *action,
                                            gboolean           app_only);

G_END_DECLS
