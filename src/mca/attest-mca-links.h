/* attest-mca-links.h: the links file of Microsoft's current flow and the
 * results file of a completion (SPEC §13 "Links", "Complete")
 *
 * Written like Attest's other CSV files (UTF-8, comma, CRLF, RFC 4180
 * quotes, formulas neutralized), in place of the old file at once (a
 * temporary file renamed over it), 0600: the links need no sign-in. Read
 * back however the partner edited it: columns are found by their names,
 * in any order, any other columns are kept with their values, and every
 * problem names its line and column.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-mca-customer.h"

G_BEGIN_DECLS

/* The columns, in the order they are written. */
typedef enum
{
  ATTEST_MCA_LINKS_CUSTOMER_TENANT_ID,
  ATTEST_MCA_LINKS_COMPANY_NAME,
  ATTEST_MCA_LINKS_FIRST_NAME,
  ATTEST_MCA_LINKS_LAST_NAME,
  ATTEST_MCA_LINKS_EMAIL,
  ATTEST_MCA_LINKS_ATTESTATION_ID,
  ATTEST_MCA_LINKS_ACCEPTANCE_LINK,
  ATTEST_MCA_LINKS_REQUESTED_AT,
  ATTEST_MCA_LINKS_STATE,
  ATTEST_MCA_LINKS_MESSAGE,
  ATTEST_MCA_LINKS_REQUEST_ID,       /* the results file's */
  ATTEST_MCA_LINKS_CORRELATION_ID,
  ATTEST_MCA_LINKS_COMPLETED_AT,
} AttestMcaLinksColumn;

#define ATTEST_MCA_LINKS_N_COLUMNS   10  /* the links file */
#define ATTEST_MCA_RESULTS_N_COLUMNS 13  /* the results file */

typedef enum
{
  ATTEST_MCA_LINKS_FORMAT_LINKS,
  ATTEST_MCA_LINKS_FORMAT_RESULTS,
} AttestMcaLinksFormat;

/* One customer's row. Every value is a string, never NULL, exactly as
 * written or read: a row read back keeps what the partner typed even
 * where it is wrong. */
typedef struct
{
  guint  line;                                  /* the line it was read from; 0 when made */
  char  *values[ATTEST_MCA_RESULTS_N_COLUMNS];
  GStrv  extra;                                 /* the values of the file's other columns */
} AttestMcaLinkRow;

/* A links or results file: its rows, and the columns Attest does not know
 * (in their order in the file), which are written after Attest's own. */
typedef struct
{
  AttestMcaLinksFormat  format;
  GStrv                 extra_columns;
  GPtrArray            *rows;   /* AttestMcaLinkRow */
} AttestMcaLinks;

/* A problem of a file read back: @line is 0 for the file as a whole,
 * @column NULL for the row as a whole. */
typedef struct
{
  guint  line;
  char  *column;
  char  *message;
} AttestMcaLinksProblem;

const char       *attest_mca_links_column_get_name (AttestMcaLinksColumn column);

AttestMcaLinkRow *attest_mca_link_row_new          (void);
AttestMcaLinkRow *attest_mca_link_row_new_from_customer (const AttestMcaCustomer *customer);
void              attest_mca_link_row_set          (AttestMcaLinkRow        *row,
                                                    AttestMcaLinksColumn     column,
                                                    const char              *value);
void              attest_mca_link_row_free         (AttestMcaLinkRow        *row);

AttestMcaLinks   *attest_mca_links_new             (AttestMcaLinksFormat     format);
void              attest_mca_links_free            (AttestMcaLinks          *links);
GBytes           *attest_mca_links_to_bytes        (const AttestMcaLinks    *links);
gboolean          attest_mca_links_write           (const AttestMcaLinks    *links,
                                                    const char              *path,
                                                    GError                 **error);
AttestMcaLinks   *attest_mca_links_parse           (GBytes                  *bytes,
                                                    GPtrArray               *problems);
AttestMcaLinks   *attest_mca_links_read            (const char              *path,
                                                    GPtrArray               *problems,
                                                    GError                 **error);

void              attest_mca_links_problem_free    (AttestMcaLinksProblem   *problem);
char             *attest_mca_links_problem_to_string (const AttestMcaLinksProblem *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestMcaLinkRow, attest_mca_link_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestMcaLinks, attest_mca_links_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestMcaLinksProblem, attest_mca_links_problem_free)

G_END_DECLS
