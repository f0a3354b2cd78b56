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
 * problem, has-problems, actionable, account-link; and for Microsoft's
 * current flow (SPEC §13) mca-state, mca-state-label, mca-message, link,
 * company-name, country, language (writable: the file's optional columns of
 * a request), fallbacks and request-problem (what stands in the way of a
 * request: the problems that matter to one, and the service's words).
 *
 * Where the record has no value of its own, the contact fields, the company
 * name, the country and the language show what Partner Center says of the
 * customer (its billing profile, or its name), for the partner to confirm;
 * "fallbacks" says which of them do (AttestRecordFallback).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-record-store.h"

G_BEGIN_DECLS

/* Which values a record shows from Partner Center rather than its own. */
typedef enum
{
  ATTEST_RECORD_FALLBACK_FIRST_NAME   = 1 << 0,
  ATTEST_RECORD_FALLBACK_LAST_NAME    = 1 << 1,
  ATTEST_RECORD_FALLBACK_EMAIL        = 1 << 2,
  ATTEST_RECORD_FALLBACK_PHONE_NUMBER = 1 << 3,
  ATTEST_RECORD_FALLBACK_COMPANY_NAME = 1 << 4,
  ATTEST_RECORD_FALLBACK_COUNTRY      = 1 << 5,
  ATTEST_RECORD_FALLBACK_LANGUAGE     = 1 << 6,
} AttestRecordFallback;

#define ATTEST_TYPE_RECORD (attest_record_get_type ())

G_DECLARE_FINAL_TYPE (AttestRecord, attest_record, ATTEST, RECORD, GObject)

AttestRecordStore *attest_record_get_store     (AttestRecord *self);
guint              attest_record_get_index     (AttestRecord *self);
guint              attest_record_get_fallbacks (AttestRecord *self);

G_END_DECLS
