/* attest-partner-record.h: the records Partner Center lists (reference
 * §1.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "attest-record-store.h"

G_BEGIN_DECLS

/* One customer agreement record, as fetched; it owns its strings, which
 * are never NULL. Requests are built from AttestPartnerContact. */
typedef struct
{
  char     *customer_id;
  char     *first_name;
  char     *last_name;
  char     *email;
  char     *phone_number;
  gint64    last_agreement_epoch;   /* as sent: 0 (none), seconds or milliseconds */
  gboolean  attestation_completed;
} AttestPartnerRecord;

AttestPartnerRecord *attest_partner_record_new  (const char          *customer_id,
                                                 const char          *first_name,
                                                 const char          *last_name,
                                                 const char          *email,
                                                 const char          *phone_number);
void                 attest_partner_record_free (AttestPartnerRecord *record);

/* The date agreed in UTC, or NULL when the record has none. */
GDateTime *attest_partner_record_dup_last_agreement_date (const AttestPartnerRecord *record);

AttestRecordStore   *attest_partner_records_new_store  (GPtrArray  *records);
GPtrArray           *attest_partner_parse_records_page (JsonNode   *root,
                                                        char      **continuation_token,
                                                        GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestPartnerRecord, attest_partner_record_free)

G_END_DECLS
