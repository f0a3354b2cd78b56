/* attest-window-private.h: what the parts of the window share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-file-load.h"
#include "attest-record-grid.h"
#include "attest-record-store.h"
#include "attest-window.h"

G_BEGIN_DECLS

struct _AttestWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
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
  AttestRecordGrid     *grid;
  GtkActionBar         *status_bar;
  GtkLabel             *counts_label;

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

/* attest-window-partner.c */
void     _attest_window_class_partner_init (GtkWidgetClass   *widget_class);

/* attest-window-dnd.c */
void     _attest_window_dnd_init           (AttestWindow      *self);

/* attest-window-account.c */
void     _attest_window_account_init       (AttestWindow      *self);
void     _attest_window_show_connection    (AttestWindow      *self);

G_END_DECLS
