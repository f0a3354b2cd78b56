/* attest-record.h: one record of an AttestRecordStore, as an object the grid
 * can bind to
 *
 * Made on demand by an AttestRecordView for the rows on screen; it holds
 * the store, and neither the store nor the view holds it. Properties read
 * through to the store, and writable ones (the contact fields and
 * "attested") edit it.
 * Notifications follow changes made through any path.
 *
 * Properties: index, line, customer-tenant-id, first-name, last-name, email,
 * phone-number, last-agreement, attested, status, status-label, message,
 * problem, has-problems, actionable, account-link.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-record-store.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_RECORD (attest_record_get_type ())

G_DECLARE_FINAL_TYPE (AttestRecord, attest_record, ATTEST, RECORD, GObject)

AttestRecordStore *attest_record_get_store (AttestRecord *self);
guint              attest_record_get_index (AttestRecord *self);

G_END_DECLS
