/* attest-record-store.h: up to a million customer records, compact
 * (SPEC §4.4)
 *
 * Records live as offsets into the text they were read from (the mapped CSV
 * file, or an internal buffer for records appended from code); there is no
 * object per record. A record's identity is its index in file order, which
 * sorting and filtering never change. The filtered, searched and sorted
 * list the grid shows is an AttestRecordView over a store.
 *
 * Signals: ::counts-changed when any AttestRecordCounts figure changes;
 * ::record-changed (index) when a record's data, problems or outcome change;
 * ::record-appended (index) when a record is added from code.
 * Notify: "dirty" when unsaved edits appear or are saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-mca-state.h"
#include "attest-record-types.h"
#include "attest-validation.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_RECORD_STORE (attest_record_store_get_type ())

G_DECLARE_FINAL_TYPE (AttestRecordStore, attest_record_store, ATTEST, RECORD_STORE, GObject)

/* A record as Partner Center's fetch returns it (reference §1.4). */
typedef struct
{
  const char *customer_tenant_id;
  const char *first_name;
  const char *last_name;
  const char *email;
  const char *phone_number;
  /* Seconds, or milliseconds when the decimal number has more than 10
   * digits; 0 when there is no date. */
  gint64      last_agreement_epoch;
  gboolean    attested;
} AttestRecordFields;

/* What Microsoft's current flow knows of a record's customer (SPEC §13), as
 * the partner's ledger has it: the state, the server's words about it, the
 * link where the customer accepts, Partner Center's name of the company and
 * what its billing profile says. Any string may be NULL. The store copies
 * what it is given; what it gives is valid until the record's info changes. */
typedef struct
{
  AttestMcaState  state;
  const char     *message;
  const char     *link;
  const char     *company_name;
  const char     *country;
  const char     *language;       /* the profile's culture when a language tag, else its language */
  const char     *first_name;
  const char     *last_name;
  const char     *email;
  const char     *phone_number;
} AttestRecordMcaInfo;

/* What reading a file found: see attest-record-table.h, private to core. */
typedef struct _AttestRecordTable AttestRecordTable;

AttestRecordStore  *attest_record_store_new                  (void);
AttestRecordStore  *attest_record_store_new_for_table        (AttestRecordTable         *table);

/* Checking the records of a file read unchecked (-check.c) */
gboolean            attest_record_store_get_checking         (AttestRecordStore         *self);
void                attest_record_store_check_async          (AttestRecordStore    *self,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              data);
gboolean            attest_record_store_check_finish         (AttestRecordStore         *self,
                                                              GAsyncResult              *result,
                                                              GError                   **error);

/* Building from code */
guint               attest_record_store_append               (AttestRecordStore         *self,
                                                              const AttestRecordFields  *fields);

/* Records, by index in file order */
guint               attest_record_store_get_n_records        (AttestRecordStore         *self);
char               *attest_record_store_dup_field            (AttestRecordStore         *self,
                                                              guint                      index,
                                                              AttestRecordField          field);
gboolean            attest_record_store_append_field         (AttestRecordStore         *self,
                                                              guint                      index,
                                                              AttestRecordField          field,
                                                              GString                   *buffer);
const char         *attest_record_store_peek_field           (AttestRecordStore         *self,
                                                              guint                      index,
                                                              AttestRecordField          field,
                                                              GString                   *scratch,
                                                              gsize                     *len);
gboolean            attest_record_store_has_field            (AttestRecordStore         *self,
                                                              guint                      index,
                                                              AttestRecordField          field);
AttestBoolean       attest_record_store_get_attested_value   (AttestRecordStore         *self,
                                                              guint                      index);
gboolean            attest_record_store_get_attested         (AttestRecordStore         *self,
                                                              guint                      index);
guint               attest_record_store_get_line             (AttestRecordStore         *self,
                                                              guint                      index);
gboolean            attest_record_store_is_from_file         (AttestRecordStore         *self,
                                                              guint                      index);
guint32             attest_record_store_get_problems         (AttestRecordStore         *self,
                                                              guint                      index);
GPtrArray          *attest_record_store_dup_problems         (AttestRecordStore         *self,
                                                              guint                      index);
gboolean            attest_record_store_is_actionable        (AttestRecordStore         *self,
                                                              guint                      index);
guint               attest_record_store_find_next_actionable (AttestRecordStore         *self,
                                                              guint                      from);

/* Columns other than the eight of the compatible format, in file order, and
 * a record's value in one of them (NULL when the record is too short). */
guint               attest_record_store_get_n_extra_columns  (AttestRecordStore         *self);
const char         *attest_record_store_get_extra_column     (AttestRecordStore         *self,
                                                              guint                      column);
char               *attest_record_store_dup_extra_value      (AttestRecordStore         *self,
                                                              guint                      index,
                                                              guint                      column);
const char         *attest_record_store_peek_extra_value     (AttestRecordStore         *self,
                                                              guint                      index,
                                                              guint                      column,
                                                              GString                   *scratch,
                                                              gsize                     *len);

/* The columns of the file as its header has them, in order: each maps to a
 * field, or to -1 for a column Attest does not know (or a repeated one). */
guint               attest_record_store_get_n_columns        (AttestRecordStore         *self);
const char         *attest_record_store_get_column_name      (AttestRecordStore         *self,
                                                              guint                      column);
int                 attest_record_store_get_column_field     (AttestRecordStore         *self,
                                                              guint                      column);
char               *attest_record_store_dup_column_value     (AttestRecordStore         *self,
                                                              guint                      index,
                                                              guint                      column);
const char         *attest_record_store_peek_column          (AttestRecordStore         *self,
                                                              guint                      index,
                                                              guint                      column,
                                                              GString                   *scratch,
                                                              gsize                     *len);
guint               attest_record_store_get_n_fields         (AttestRecordStore         *self,
                                                              guint                      index);

/* Problems of the file as a whole (a missing column, an empty file). */
GPtrArray          *attest_record_store_get_file_problems    (AttestRecordStore         *self);

/* Edits; each marks the store dirty and revalidates the record. Only the
 * four contact fields can be edited. */
void                attest_record_store_set_field            (AttestRecordStore         *self,
                                                              guint                      index,
                                                              AttestRecordField          field,
                                                              const char                *value);
void                attest_record_store_set_attested         (AttestRecordStore         *self,
                                                              guint                      index,
                                                              gboolean                   attested);
gboolean            attest_record_store_get_dirty            (AttestRecordStore         *self);
void                attest_record_store_set_dirty            (AttestRecordStore         *self,
                                                              gboolean                   dirty);

/* Outcomes (SPEC §5): set by the submission layer, written to the results
 * file. Strings may be NULL; submitted_at is Unix seconds UTC, 0 when the
 * record was not sent. clear_outcome goes back to the derived status. */
AttestRecordStatus  attest_record_store_get_status         (AttestRecordStore  *self,
                                                            guint               index);
void                attest_record_store_set_outcome        (AttestRecordStore  *self,
                                                            guint               index,
                                                            AttestRecordStatus  status,
                                                            const char         *message,
                                                            const char         *request_id,
                                                            const char         *correlation_id,
                                                            gint64              submitted_at);
void                attest_record_store_set_outcomes       (AttestRecordStore  *self,
                                                            const guint        *indexes,
                                                            guint               n,
                                                            AttestRecordStatus  status,
                                                            const char         *message,
                                                            const char         *request_id,
                                                            const char         *correlation_id,
                                                            gint64              submitted_at);
void                attest_record_store_clear_outcome      (AttestRecordStore  *self,
                                                            guint               index);
const char         *attest_record_store_get_message        (AttestRecordStore  *self,
                                                            guint               index);
const char         *attest_record_store_get_request_id     (AttestRecordStore  *self,
                                                            guint               index);
const char         *attest_record_store_get_correlation_id (AttestRecordStore  *self,
                                                            guint               index);
gint64              attest_record_store_get_submitted_at   (AttestRecordStore  *self,
                                                            guint               index);

void                attest_record_store_get_counts           (AttestRecordStore         *self,
                                                              AttestRecordCounts        *counts);

/* The optional columns of a request (SPEC §13 "Request"): the file's own
 * CompanyName, Country and Language columns, the partner's edits applied.
 * A value edited where the file has no such column adds the column, which
 * the extra columns then include, so that an export keeps it. The value
 * is NULL where the record has none. */
const char         *attest_record_store_peek_request_value   (AttestRecordStore         *self,
                                                              guint                      index,
                                                              AttestRequestField         field,
                                                              GString                   *scratch,
                                                              gsize                     *len);
char               *attest_record_store_dup_request_value    (AttestRecordStore         *self,
                                                              guint                      index,
                                                              AttestRequestField         field);
void                attest_record_store_set_request_value    (AttestRecordStore         *self,
                                                              guint                      index,
                                                              AttestRequestField         field,
                                                              const char                *value);
const char         *attest_record_store_peek_shown_request_value (AttestRecordStore  *self,
                                                                  guint               index,
                                                                  AttestRequestField  field,
                                                                  GString            *scratch,
                                                                  gsize              *len,
                                                                  gboolean           *fallback);

/* Microsoft's current flow: each record's state, and what is known of its
 * customer. Setting it emits ::record-changed for each record and
 * ::counts-changed once. */
AttestMcaState      attest_record_store_get_mca_state        (AttestRecordStore         *self,
                                                              guint                      index);
gboolean            attest_record_store_get_mca_info         (AttestRecordStore         *self,
                                                              guint                      index,
                                                              AttestRecordMcaInfo       *info);
void                attest_record_store_set_mca_info         (AttestRecordStore         *self,
                                                              guint                      index,
                                                              const AttestRecordMcaInfo *info);
void                attest_record_store_set_mca_infos        (AttestRecordStore         *self,
                                                              const guint               *indexes,
                                                              const AttestRecordMcaInfo *infos,
                                                              guint                      n);
void                attest_record_store_get_mca_counts       (AttestRecordStore         *self,
                                                              guint                     *counts);
char               *attest_record_store_dup_shown_contact    (AttestRecordStore         *self,
                                                              guint                      index,
                                                              AttestRecordField          field,
                                                              gboolean                  *fallback);

G_END_DECLS
