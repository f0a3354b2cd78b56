/* attest-submit-dialog-private.h: what the parts of the submit wizard share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-submit-dialog.h"

G_BEGIN_DECLS

struct _AttestSubmitDialog
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkButton           *back_button;
  GtkButton           *next_button;
  GtkStack            *pages;
  GtkLabel            *ready_label;
  GtkLabel            *held_label;
  AdwActionRow        *held_row;
  GtkLabel            *done_label;
  AdwActionRow        *done_row;
  GtkLabel            *refused_label;
  AdwActionRow        *refused_row;
  AdwEntryRow         *date_row;
  GtkLabel            *date_error_label;
  GtkCalendar         *calendar;
  GtkPopover          *calendar_popover;
  AdwComboRow         *strategy_row;
  AdwStatusPage       *confirm_page;
  AdwStatusPage       *progress_page;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_label;
  AdwStatusPage       *results_page;
  GtkButton           *retry_button;
  GtkWidget           *current_flow_button;
  GtkWidget           *continue_button;
  GtkWidget           *show_rejected_button;
  GtkWidget           *export_results_button;

  AttestPartnerClient *client;
  AttestRecordStore   *store;
  GSettings           *settings;
  AttestSubmission    *submission;
  GCancellable        *cancellable;
  GDateTime           *date_agreed;
  char                *runs_directory;
  GError              *stop;
  gboolean             running;
  gboolean             syncing_calendar;  /* the calendar is set to the date typed */
  guint                pulse_id;          /* the bar pulses until the first figures */
  gint64               throttled_until;  /* monotonic µs: a 429's wait, while it lasts */
  guint                throttle_wait_ms;
};

enum {
  SIGNAL_CURRENT_FLOW,
  SIGNAL_RESUMED,
  N_SIGNALS
};

extern guint _attest_submit_dialog_signals[N_SIGNALS];

/* attest-submit-dialog.c */
void _attest_submit_dialog_show_page (AttestSubmitDialog *self,
                                      const char         *page);

/* attest-submit-dialog-run.c */
void _attest_submit_dialog_start_run     (AttestSubmitDialog *self);
void _attest_submit_dialog_stop_run      (AttestSubmitDialog *self);
void _attest_submit_dialog_class_run_init (GtkWidgetClass    *widget_class);

G_END_DECLS
