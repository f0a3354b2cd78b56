/* attest-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attest-application.h"
#include "attest-file-load.h"
#include "attest-record-store.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_WINDOW (attest_window_get_type ())

G_DECLARE_FINAL_TYPE (AttestWindow, attest_window, ATTEST, WINDOW, AdwApplicationWindow)

AttestWindow      *attest_window_new       (AttestApplication *application);
AttestRecordStore *attest_window_get_store (AttestWindow      *self);
gboolean           attest_window_is_empty  (AttestWindow      *self);
void               attest_window_open      (AttestWindow      *self,
                                            GFile             *file);
void               attest_window_open_load (AttestWindow      *self,
                                            AttestFileLoad    *load);
void               attest_window_offer_resume (AttestWindow   *self);
gboolean           attest_window_is_working (AttestWindow     *self);
char              *attest_window_dup_signatory_uri (AttestWindow *self,
                                                    guint         index);
void               attest_window_export_links (AttestWindow   *self,
                                               GFile          *file);

gboolean           attest_window_has_unsaved_changes (AttestWindow        *self);
void               attest_window_ask_to_close_async  (AttestWindow        *self,
                                                      gboolean             quitting,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean           attest_window_ask_to_close_finish (AttestWindow        *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

G_END_DECLS
