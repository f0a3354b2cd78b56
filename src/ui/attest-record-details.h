/* attest-record-details.h: everything about one customer of the grid
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attest-record.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_RECORD_DETAILS (attest_record_details_get_type ())

G_DECLARE_FINAL_TYPE (AttestRecordDetails, attest_record_details, ATTEST, RECORD_DETAILS,
                      GtkWidget)

GtkWidget    *attest_record_details_new              (void);
AttestRecord *attest_record_details_get_record       (AttestRecordDetails *self);
void          attest_record_details_set_record       (AttestRecordDetails *self,
                                                      AttestRecord        *record);
void          attest_record_details_set_current_flow (AttestRecordDetails *self,
                                                      gboolean             current_flow);

G_END_DECLS
