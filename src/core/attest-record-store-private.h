/* attest-record-store-private.h: what the store's own files
 * (attest-record-store.c, -outcomes.c, -columns.c, -check.c) ask of each
 * other; the store's struct stays in attest-record-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-record-store.h"
#include "attest-record-table.h"

G_BEGIN_DECLS

/* What happened to a record when it was sent. */
typedef struct
{
  const char *message;
  const char *request_id;
  const char *correlation_id;
  gint64      submitted_at;
} AttestOutcome;

#define CHECK_INDEX(self, index, val) \
  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), val); \
  g_return_val_if_fail (index < attest_record_store_get_n_records (self), val)

/* What the store keeps for Microsoft's current flow (-mca.c). */
typedef struct _AttestRecordMca AttestRecordMca;

/* Only the four contact fields can be edited. */
static inline gboolean
_attest_record_field_is_editable (AttestRecordField field)
{
  return field >= ATTEST_RECORD_FIELD_FIRST_NAME && field <= ATTEST_RECORD_FIELD_PHONE_NUMBER;
}

AttestRow               *_attest_record_store_row            (AttestRecordStore *self,
                                                              guint              index);
const AttestRecordTable *_attest_record_store_get_table      (AttestRecordStore *self);
const AttestCsvLayout   *_attest_record_store_get_layout     (AttestRecordStore *self);
const AttestCsvSpan     *_attest_record_store_scan           (AttestRecordStore *self,
                                                              guint              index,
                                                              guint             *n_spans);
const char              *_attest_record_store_peek_column    (AttestRecordStore *self,
                                                              guint              index,
                                                              guint              column,
                                                              GString           *scratch,
                                                              gsize             *len);
const char              *_attest_record_store_peek_field     (AttestRecordStore *self,
                                                              guint              index,
                                                              AttestRecordField  field,
                                                              GString           *scratch,
                                                              gsize             *len);
GString                 *_attest_record_store_get_scratch    (AttestRecordStore *self);
void                     _attest_record_store_set_edit       (AttestRecordStore *self,
                                                              guint              index,
                                                              AttestRecordField  field,
                                                              const char        *value);
const char              *_attest_record_store_get_edit       (AttestRecordStore *self,
                                                              guint              index,
                                                              AttestRecordField  field);
void                     _attest_record_store_revalidate     (AttestRecordStore *self,
                                                              guint              index);
void                     _attest_record_store_settle         (AttestRecordStore *self);
void                     _attest_record_store_checked        (AttestRecordStore *self,
                                                              const guint32     *problems,
                                                              const guint32     *id_tags);
AttestOutcome           *_attest_record_store_get_outcome    (AttestRecordStore *self,
                                                              guint              index,
                                                              gboolean           create);
const char              *_attest_record_store_intern         (AttestRecordStore *self,
                                                              const char        *text);
void                     _attest_record_store_edited         (AttestRecordStore *self,
                                                              guint              index,
                                                              guint              old_tally);

AttestRecordMca         *_attest_record_store_get_mca        (AttestRecordStore *self,
                                                              gboolean           create);
AttestRecordMca         *_attest_record_mca_new              (void);
void                     _attest_record_mca_free             (AttestRecordMca   *mca);
const char              *_attest_record_store_peek_request   (AttestRecordStore *self,
                                                              guint              index,
                                                              AttestRequestField field,
                                                              GString           *scratch,
                                                              gsize             *len);
int                      _attest_record_store_get_extra_request (AttestRecordStore *self,
                                                                 guint              column);
guint                    _attest_record_store_get_n_added_columns (AttestRecordStore *self);

/* Counts (AttestRecordCounts): each record adds to a set of tallies. */
enum
{
  ATTEST_TALLY_MARKED     = 1 << 0,
  ATTEST_TALLY_ACTIONABLE = 1 << 1,
  ATTEST_TALLY_PROBLEMS   = 1 << 2,
  ATTEST_TALLY_DONE       = 1 << 3,
  ATTEST_TALLY_FAILED     = 1 << 4,
};

guint                    _attest_record_store_tally          (const AttestRow   *row);
void                     _attest_record_store_move_tally     (AttestRecordStore *self,
                                                              guint              old_tally,
                                                              guint              new_tally);
void                     _attest_record_store_retally        (AttestRecordStore *self,
                                                              guint              old_tally,
                                                              guint              new_tally);
void                     _attest_record_store_counts_changed (AttestRecordStore *self);
void                     _attest_record_store_record_changed (AttestRecordStore *self,
                                                              guint              index);

G_END_DECLS
