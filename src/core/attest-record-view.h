/* attest-record-view.h: the records of a store that pass a filter and a
 * search, in a chosen order, as a GListModel of AttestRecord items
 *
 * Items are made on demand; the view keeps no reference to them, so they
 * live only as long as something (the grid's visible rows) holds them. The
 * view is recomputed when its sort, filter or search changes, or on
 * attest_record_view_refresh(): a record that stops matching after an edit
 * stays in place until then, so rows do not jump away under the pointer. A
 * record appended to the store goes at the end when it matches.
 *
 * A new order of more than a few hundred rows is announced in two changes:
 * the new rows inserted before the old ones, then the old ones removed
 * (a list widget scrolled to its first row in between reuses the old rows'
 * widgets, see attest-record-view.c); a shorter one in one change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-record-store.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_RECORD_VIEW (attest_record_view_get_type ())

G_DECLARE_FINAL_TYPE (AttestRecordView, attest_record_view, ATTEST, RECORD_VIEW, GObject)

AttestRecordView  *attest_record_view_new        (AttestRecordStore  *store);
AttestRecordStore *attest_record_view_get_store  (AttestRecordView   *self);
void               attest_record_view_set_sort   (AttestRecordView   *self,
                                                  AttestRecordSort    sort,
                                                  gboolean            descending);
void               attest_record_view_set_filter (AttestRecordView   *self,
                                                  AttestRecordFilter  filter);
void               attest_record_view_set_search (AttestRecordView   *self,
                                                  const char         *text);
void               attest_record_view_refresh    (AttestRecordView   *self);
guint              attest_record_view_get_index  (AttestRecordView   *self,
                                                  guint               position);

char              *attest_record_fold_for_search (const char         *text,
                                                  gssize              len);

G_END_DECLS
