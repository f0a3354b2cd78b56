/* attest-record-table.h: what reading a CSV file found, before any store
 * holds it (private to core)
 *
 * The text, how its columns map to fields, the problems of the file as a
 * whole, and one 24-byte row per record with the tag of its customer ID.
 * The CSV reader fills a table and never sees a store; a store takes the
 * table whole (attest_record_store_new_for_table()) and from then on is
 * the only one to change its rows. The text and the columns never change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-csv-scanner.h"
#include "attest-csv-text.h"
#include "attest-record-types.h"
#include "attest-validation.h"

G_BEGIN_DECLS

/* How the columns of a text map to fields. */
typedef struct
{
  char    delimiter;
  guint   n_columns;
  char  **names;                                   /* as the header wrote them */
  int     field_columns[ATTEST_N_RECORD_FIELDS];   /* column of each field, or -1 */
  guint   n_extra;
  guint  *extra_columns;                           /* columns that are no field */
  /* The extra columns that are the optional ones of a request (SPEC §13),
   * the first of each name; or -1. */
  int     request_columns[ATTEST_N_REQUEST_FIELDS];
} AttestCsvLayout;

/* One record: 24 bytes, whatever its size. */
typedef struct
{
  guint64 offset;    /* of the record in its text */
  guint32 length;    /* up to the line end */
  guint32 line;      /* line number of its first line */
  guint32 problems;  /* ATTEST_PROBLEM_BIT mask */
  guint8  status;    /* AttestRecordStatus, when ATTEST_ROW_HAS_OUTCOME */
  guint8  attested;  /* AttestBoolean */
  guint16 flags;
} AttestRow;

enum
{
  ATTEST_ROW_IN_ARENA        = 1 << 0,  /* appended from code: its text is the store's */
  ATTEST_ROW_HAS_OUTCOME     = 1 << 1,
  ATTEST_ROW_EDITED          = 1 << 2,  /* a contact field is overridden */
  ATTEST_ROW_REQUEST_EDITED  = 1 << 3,  /* so is a value of a request's optional columns */
};

typedef struct _AttestRecordTable AttestRecordTable;

struct _AttestRecordTable
{
  gatomicrefcount  ref_count;
  AttestCsvText   *text;
  AttestCsvLayout *layout;
  GArray          *rows;           /* AttestRow, in file order */
  GArray          *id_tags;        /* guint32 per row: attest_guid_tag (), 0 for none */
  GPtrArray       *file_problems;  /* AttestRecordProblem */
  gboolean         checked;        /* FALSE: the rows hold only their shape problems and mark,
                                    * and the ID tags are 0 (see attest_csv_checker_check()) */
};

#define ATTEST_TYPE_RECORD_TABLE (attest_record_table_get_type ())

GType              attest_record_table_get_type       (void) G_GNUC_CONST;
AttestRecordTable *attest_record_table_new            (AttestCsvText         *text,
                                                       AttestCsvLayout       *layout,
                                                       GArray                *rows,
                                                       GArray                *id_tags,
                                                       GPtrArray             *file_problems);
AttestRecordTable *attest_record_table_ref            (AttestRecordTable     *table);
void               attest_record_table_unref          (AttestRecordTable     *table);
void               attest_record_table_scan           (const AttestRecordTable *table,
                                                       const AttestRow       *row,
                                                       AttestCsvSpan         *spans,
                                                       guint                  max_spans,
                                                       AttestCsvRecord       *record);
guint              attest_csv_find_replaced_field     (const AttestCsvText   *text,
                                                       const AttestCsvSpan   *spans,
                                                       guint                  n_spans,
                                                       guint                  from);

typedef struct _AttestCsvChecker AttestCsvChecker;

AttestCsvChecker  *attest_csv_checker_new             (const AttestRecordTable *table);
guint32            attest_csv_checker_check           (AttestCsvChecker      *self,
                                                       const AttestRow       *row,
                                                       guint32               *id_tag);
void               attest_csv_checker_free            (AttestCsvChecker      *self);

AttestCsvLayout   *attest_csv_layout_new_standard     (void);
void               attest_csv_layout_free             (AttestCsvLayout       *layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestCsvLayout, attest_csv_layout_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestRecordTable, attest_record_table_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestCsvChecker, attest_csv_checker_free)

G_END_DECLS
