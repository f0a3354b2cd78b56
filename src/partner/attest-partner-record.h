/* attest-partner-record.h: the records Partner Center lists, and the
 * bodies Attest sends for them (reference §1.4, §2.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "attest-record-store.h"

G_BEGIN_DECLS

/* One customer agreement record, or one attestation to send (then only the
 * customer ID and the contact count). Strings are never NULL. */
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

AttestPartnerRecord *attest_partner_record_new         (const char                 *customer_id,
                                                        const char                 *first_name,
                                                        const char                 *last_name,
                                                        const char                 *email,
                                                        const char                 *phone_number);
void                 attest_partner_record_free        (AttestPartnerRecord        *record);
GDateTime           *attest_partner_record_dup_last_agreement_date (const AttestPartnerRecord *record);

AttestRecordStore   *attest_partner_records_new_store  (GPtrArray                  *records);
GPtrArray           *attest_partner_parse_records_page (JsonNode                   *root,
                                                        char                      **continuation_token,
                                                        GError                    **error);

char                *attest_partner_format_date_agreed (GDateTime                  *date_agreed);
GBytes              *attest_partner_build_bulk_body    (const char                 *partner_id,
                                                        const char                 *template_id,
                                                        GDateTime                  *date_agreed,
                                                        AttestPartnerRecord * const *records,
                                                        guint                       n_records);
GBytes              *attest_partner_build_agreement_body (const char               *template_id,
                                                          GDateTime                *date_agreed,
                                                          const AttestPartnerRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestPartnerRecord, attest_partner_record_free)

G_END_DECLS
