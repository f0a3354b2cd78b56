/* attest-record-check.h: the one check of a record, on import, after an
 * edit and on append (private to core)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-validation.h"

G_BEGIN_DECLS

/* What a record holds, wherever it came from: its field values (NULL when
 * it has no such field), what reading found about its shape, whether a
 * field not edited since holds a byte that was not UTF-8, and its values in
 * the optional columns of a request (NULL when it has none). */
typedef struct
{
  const char    *values[ATTEST_N_RECORD_FIELDS];
  gsize          lengths[ATTEST_N_RECORD_FIELDS];
  AttestBoolean  attested;
  guint32        shape_problems;
  gboolean       invalid_bytes;
  const char    *request_values[ATTEST_N_REQUEST_FIELDS];
  gsize          request_lengths[ATTEST_N_REQUEST_FIELDS];
} AttestRecordValues;

/* Problems found while reading that no edit can fix. */
#define ATTEST_STRUCTURAL_PROBLEMS (ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TOO_FEW_FIELDS) | \
                                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TOO_MANY_FIELDS) | \
                                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_UNCLOSED_QUOTE) | \
                                    ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_DUPLICATE))

guint32 attest_record_check (const AttestRecordValues *values,
                             guint32                  *id_tag);

G_END_DECLS
