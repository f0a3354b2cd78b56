/* attest-record-private.h: what AttestRecordView, which makes the items,
 * asks of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-record.h"

G_BEGIN_DECLS

AttestRecord *_attest_record_new          (AttestRecordStore *store,
                                           guint              index);
void          _attest_record_emit_changed (AttestRecord      *self);

G_END_DECLS
