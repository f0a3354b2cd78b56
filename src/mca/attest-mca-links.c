/* attest-mca-links.c: the links file of Microsoft's current flow and the
 * results file of a completion, written and read back (SPEC §13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-links"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-csv-rows.h"
#include "attest-mca-links.h"
#include "attest-record-types.h"
#include "attest-validation.h"

static const char * const column_names[ATTEST_MCA_RESULTS_N_COLUMNS + 1] = {
  "CustomerTenantId", "CompanyName", "FirstName", "LastName", "Email", "AttestationId",
  "AcceptanceLink", "RequestedAt", "State", "Message", "RequestId", "CorrelationId",
  "CompletedAt", NULL,
};

/* The column's name in the header line. */
const char *
attest_mca_links_column_get_name (AttestMcaLinksColumn column)
{
  g_return_val_if_fail (column < ATTEST_MCA_RESULTS_N_COLUMNS, NULL);

  return column_names[column];
}

/* A row with every value empty. */
AttestMcaLinkRow *
attest_mca_link_row_new (void)
{
  AttestMcaLinkRow *row = g_new0 (AttestMcaLinkRow, 1);

  for (guint c = 0; c < ATTEST_MCA_RESULTS_N_COLUMNS; c++)
    row->values[c] = g_strdup ("");

  return row;
}

/* Replaces the value of @column; NULL empties it. */
void
attest_mca_link_row_set (AttestMcaLinkRow     *row,
                         AttestMcaLinksColumn  column,
                         const char           *value)
{
  g_return_if_fail (row != NULL);
  g_return_if_fail (column < ATTEST_MCA_RESULTS_N_COLUMNS);

  g_free (row->values[column]);
  row->values[column] = g_strdup (value != NULL ? value : "");
}

/* The row of @customer as the ledger knows it: the server's attestation ID
 * and link unchanged, times in ISO 8601 UTC. */
AttestMcaLinkRow *
attest_mca_link_row_new_from_customer (const AttestMcaCustomer *customer)
{
  AttestMcaLinkRow *row;
  g_autofree char *requested_at = NULL;
  g_autofree char *completed_at = NULL;

  g_return_val_if_fail (customer != NULL, NULL);

  row = attest_mca_link_row_new ();
  requested_at = attest_mca_format_time (attest_mca_customer_get_requested_at (customer));
  completed_at = attest_mca_format_time (attest_mca_customer_get_completed_at (customer));

  attest_mca_link_row_set (row, ATTEST_MCA_LINKS_CUSTOMER_TENANT_ID,
                           attest_mca_customer_get_id (customer));
  attest_mca_link_row_set (row, ATTEST_MCA_LINKS_COMPANY_NAME,
                           attest_mca_customer_get_company_name (customer));
  attest_mca_link_row_set (row, ATTEST_MCA_LINKS_FIRST_NAME,
                           attest_mca_customer_get_first_name (customer));
  attest_mca_link_row_set (row, ATTEST_MCA_LINKS_LAST_NAME,
                           attest_mca_customer_get_last_name (customer));
  attest_mca_link_row_set (row, ATTEST_MCA_LINKS_EMAIL, attest_mca_customer_get_email (customer));
  attest_mca_link_row_set (row, ATTEST_MCA_LINKS_ATTESTATION_ID,
                           attest_mca_customer_get_attestation_id (customer));
  attest_mca_link_row_set (row, ATTEST_MCA_LINKS_ACCEPTANCE_LINK,
                           attest_mca_customer_get_link (customer));
  attest_mca_link_row_set (row, ATTEST_MCA_LINKS_REQUESTED_AT, requested_at);
  attest_mca_link_row_set (row, ATTEST_MCA_LINKS_STATE,
                           attest_mca_state_to_string (attest_mca_customer_get_state (customer)));
  attest_mca_link_row_set (row, ATTEST_MCA_LINKS_MESSAGE,
                           attest_mca_customer_get_message (customer));
  attest_mca_link_row_set (row, ATTEST_MCA_LINKS_REQUEST_ID,
                           attest_mca_customer_get_request_id (customer));
  attest_mca_link_row_set (row, ATTEST_MCA_LINKS_CORRELATION_ID,
                           attest_mca_customer_get_correlation_id (customer));
  attest_mca_link_row_set (row, ATTEST_MCA_LINKS_COMPLETED_AT, completed_at);

  return row;
}

void
attest_mca_link_row_free (AttestMcaLinkRow *row)
{
  if (row == NULL)
    return;

  for (guint c = 0; c < ATTEST_MCA_RESULTS_N_COLUMNS; c++)
    g_free (row->values[c]);
  g_strfreev (row->extra);
  g_free (row);
}

AttestMcaLinks *
attest_mca_links_new (AttestMcaLinksFormat format)
{
  AttestMcaLinks *links = g_new0 (AttestMcaLinks, 1);

  links->format = format;
  links->extra_columns = g_new0 (char *, 1);
  links->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_mca_link_row_free);

  return links;
}

void
attest_mca_links_free (AttestMcaLinks *links)
{
  if (links == NULL)
    return;

  g_strfreev (links->extra_columns);
  g_ptr_array_unref (links->rows);
  g_free (links);
}

/* Attest's columns, the other columns, the results file's columns, and
 * then any cells a ragged row had beyond its header. */
static void
append_row (GString                *out,
            const AttestMcaLinks   *links,
            const char * const     *values,
            const char * const     *extra)
{
  guint n_extra = g_strv_length (links->extra_columns);
  guint n_given = extra != NULL ? g_strv_length ((char **) extra) : 0;
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  for (guint c = 0; c < ATTEST_MCA_LINKS_N_COLUMNS; c++)
    g_ptr_array_add (cells, (gpointer) values[c]);
  for (guint c = 0; c < n_extra; c++)
    g_ptr_array_add (cells, c < n_given ? (gpointer) extra[c] : NULL);
  if (links->format == ATTEST_MCA_LINKS_FORMAT_RESULTS)
    {
      for (guint c = ATTEST_MCA_LINKS_N_COLUMNS; c < ATTEST_MCA_RESULTS_N_COLUMNS; c++)
        g_ptr_array_add (cells, (gpointer) values[c]);
    }
  for (guint c = n_extra; c < n_given; c++)
    g_ptr_array_add (cells, (gpointer) extra[c]);

  attest_csv_append_row (out, (const char * const *) cells->pdata, cells->len);
}

/* The file's bytes: UTF-8 without BOM, comma, CRLF. */
GBytes *
attest_mca_links_to_bytes (const AttestMcaLinks *links)
{
  GString *out;

  g_return_val_if_fail (links != NULL, NULL);

  out = g_string_sized_new (256 * (links->rows->len + 1));
  append_row (out, links, column_names, (const char * const *) links->extra_columns);
  for (guint i = 0; i < links->rows->len; i++)
    {
      AttestMcaLinkRow *row = g_ptr_array_index (links->rows, i);

      append_row (out, links, (const char * const *) row->values,
                  (const char * const *) row->extra);
    }

  return g_string_free_to_bytes (out);
}

/* Writes @links to @path in place of what was there, at once: a reader
 * sees the old file or the new one, never a part. The file is 0600, as the
 * links need no sign-in. */
gboolean
attest_mca_links_write (const AttestMcaLinks  *links,
                        const char            *path,
                        GError               **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size = 0;
  const char *data;

  g_return_val_if_fail (links != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = attest_mca_links_to_bytes (links);
  data = g_bytes_get_data (bytes, &size);

  return g_file_set_contents_full (path, data, size,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

static void
add_problem (GPtrArray  *problems,
             guint       line,
             const char *column,
             char       *message)
{
  AttestMcaLinksProblem *problem = g_new0 (AttestMcaLinksProblem, 1);

  problem->line = line;
  problem->column = g_strdup (column);
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

/* Adds a problem for each bit of @problems, a mask of AttestProblem. */
static void
add_record_problems (GPtrArray  *problems,
                     guint       line,
                     const char *column,
                     guint32     mask)
{
  for (guint p = 0; p < ATTEST_N_PROBLEMS; p++)
    {
      if (mask & ATTEST_PROBLEM_BIT (p))
        add_problem (problems, line, column, g_strdup (attest_problem_get_message (p)));
    }
}

static gboolean
is_time (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, utc);

  return time != NULL;
}

/* What a partner's edit may have broken in @row, named by its column as
 * the file's header writes it. */
static void
check_row (const AttestMcaLinkRow *row,
           const char * const     *names,
           GHashTable             *seen_ids,
           GPtrArray              *problems)
{
  const char *id = row->values[ATTEST_MCA_LINKS_CUSTOMER_TENANT_ID];
  const char *state = row->values[ATTEST_MCA_LINKS_STATE];
  const char *link = row->values[ATTEST_MCA_LINKS_ACCEPTANCE_LINK];
  static const AttestMcaLinksColumn contact_columns[] = {
    ATTEST_MCA_LINKS_FIRST_NAME, ATTEST_MCA_LINKS_LAST_NAME, ATTEST_MCA_LINKS_EMAIL,
  };
  static const AttestMcaLinksColumn time_columns[] = {
    ATTEST_MCA_LINKS_REQUESTED_AT, ATTEST_MCA_LINKS_COMPLETED_AT,
  };
  AttestGuid guid;

  if (!attest_guid_parse (id, strlen (id), &guid))
    add_record_problems (problems, row->line, names[ATTEST_MCA_LINKS_CUSTOMER_TENANT_ID],
                         ATTEST_PROBLEM_BIT (id[0] == '\0' ? ATTEST_PROBLEM_TENANT_ID_EMPTY
                                                           : ATTEST_PROBLEM_TENANT_ID_NOT_GUID));
  else if (!g_hash_table_add (seen_ids, g_ascii_strdown (id, -1)))
    add_record_problems (problems, row->line, names[ATTEST_MCA_LINKS_CUSTOMER_TENANT_ID],
                         ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TENANT_ID_DUPLICATE));

  /* A row may have no signatory yet (a customer that could not be
   * requested): only what it holds is checked. */
  for (guint i = 0; i < G_N_ELEMENTS (contact_columns); i++)
    {
      AttestMcaLinksColumn column = contact_columns[i];
      const char *value = row->values[column];
      gsize len = strlen (value);

      if (names[column] == NULL || len == 0)
        continue;
      add_record_problems (problems, row->line, names[column],
                           column == ATTEST_MCA_LINKS_EMAIL
                           ? attest_validate_email (value, len)
                           : attest_validate_name (value, len,
                                                   column == ATTEST_MCA_LINKS_LAST_NAME));
    }

  if (state[0] != '\0' && !attest_mca_state_from_string (state, NULL))
    /* Translators: do not translate the words of the list: they are what the file holds. */
    add_problem (problems, row->line, names[ATTEST_MCA_LINKS_STATE],
                 g_strdup_printf (_("“%s” is not a state. Write one of unchecked, "
                                    "accepted-directly, attested, needs-acceptance, requested, "
                                    "done and refused."), state));

  if (link[0] != '\0' && !g_str_has_prefix (link, "https://")
      && !g_str_has_prefix (link, "http://"))
    add_problem (problems, row->line, names[ATTEST_MCA_LINKS_ACCEPTANCE_LINK],
                 g_strdup_printf (_("“%s” is not a web address. Copy the link again from the "
                                    "links file Attest wrote."), link));

  for (guint i = 0; i < G_N_ELEMENTS (time_columns); i++)
    {
      const char *value = row->values[time_columns[i]];

      if (value[0] != '\0' && !is_time (value))
        add_problem (problems, row->line, names[time_columns[i]],
                     g_strdup_printf (_("“%s” is not a date and time. Write it in ISO 8601, "
                                        "such as 2026-01-05T10:00:00Z."), value));
    }
}

/* Which of Attest's columns each column of the header is; the others, and
 * a second column of the same name, are kept as they are. */
static void
read_header (const AttestCsvRows *rows,
             AttestMcaLinks      *links,
             int                 *columns,
             const char         **names,
             GArray              *extra,
             GPtrArray           *problems)
{
  g_autoptr(GStrvBuilder) extra_names = g_strv_builder_new ();

  for (guint k = 0; k < ATTEST_MCA_RESULTS_N_COLUMNS; k++)
    columns[k] = -1;

  for (guint c = 0; c < rows->n_columns; c++)
    {
      guint k = 0;

      while (k < ATTEST_MCA_RESULTS_N_COLUMNS
             && !attest_csv_column_matches (rows->header[c], column_names[k]))
        k++;

      if (k < ATTEST_MCA_RESULTS_N_COLUMNS && columns[k] < 0)
        {
          columns[k] = c;
          names[k] = rows->header[c];
          continue;
        }
      if (k < ATTEST_MCA_RESULTS_N_COLUMNS)
        add_problem (problems, 0, column_names[k],
                     g_strdup_printf (_("The column “%s” appears more than once in the header "
                                        "line; only the first one is used."), column_names[k]));
      g_array_append_val (extra, c);
      g_strv_builder_add (extra_names, rows->header[c]);
    }

  g_strfreev (links->extra_columns);
  links->extra_columns = g_strv_builder_end (extra_names);
  for (guint k = ATTEST_MCA_LINKS_N_COLUMNS; k < ATTEST_MCA_RESULTS_N_COLUMNS; k++)
    {
      if (columns[k] >= 0)
        links->format = ATTEST_MCA_LINKS_FORMAT_RESULTS;
    }

  if (columns[ATTEST_MCA_LINKS_CUSTOMER_TENANT_ID] < 0)
    add_problem (problems, 0, column_names[ATTEST_MCA_LINKS_CUSTOMER_TENANT_ID],
                 g_strdup_printf (_("The required column “%s” is missing from the header line. "
                                    "Add it; the rows are read without it."),
                                  column_names[ATTEST_MCA_LINKS_CUSTOMER_TENANT_ID]));
  names[ATTEST_MCA_LINKS_CUSTOMER_TENANT_ID] = column_names[ATTEST_MCA_LINKS_CUSTOMER_TENANT_ID];
}

/* A row of the file: Attest's columns by name, the others in their order,
 * then what a ragged row had beyond its header. */
static AttestMcaLinkRow *
read_row (const AttestCsvRow *csv_row,
          const int          *columns,
          GArray             *extra,
          guint               n_columns)
{
  AttestMcaLinkRow *row = attest_mca_link_row_new ();
  g_autoptr(GStrvBuilder) extra_values = g_strv_builder_new ();

  row->line = csv_row->line;
  for (guint k = 0; k < ATTEST_MCA_RESULTS_N_COLUMNS; k++)
    {
      if (columns[k] >= 0 && (guint) columns[k] < csv_row->n_cells)
        attest_mca_link_row_set (row, k, csv_row->cells[columns[k]]);
    }
  for (guint i = 0; i < extra->len; i++)
    {
      guint c = g_array_index (extra, guint, i);

      g_strv_builder_add (extra_values, c < csv_row->n_cells ? csv_row->cells[c] : "");
    }
  for (guint c = n_columns; c < csv_row->n_cells; c++)
    g_strv_builder_add (extra_values, csv_row->cells[c]);
  row->extra = g_strv_builder_end (extra_values);

  return row;
}

/* Reads a links or results file as the partner left it. Every problem
 * found goes into @problems (AttestMcaLinksProblem; NULL to ignore them);
 * every row is kept, with its values as written. */
AttestMcaLinks *
attest_mca_links_parse (GBytes    *bytes,
                        GPtrArray *problems)
{
  g_autoptr(GPtrArray) ignored = NULL;
  g_autoptr(AttestCsvRows) rows = NULL;
  g_autoptr(GArray) extra = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  AttestMcaLinks *links = attest_mca_links_new (ATTEST_MCA_LINKS_FORMAT_LINKS);
  const char *names[ATTEST_MCA_RESULTS_N_COLUMNS] = { NULL, };
  int columns[ATTEST_MCA_RESULTS_N_COLUMNS];

  g_return_val_if_fail (bytes != NULL, NULL);

  if (problems == NULL)
    problems = ignored = g_ptr_array_new_with_free_func (
                           (GDestroyNotify) attest_mca_links_problem_free);

  rows = attest_csv_rows_parse (bytes, column_names);
  if (rows->n_columns == 0)
    {
      add_problem (problems, 0, NULL,
                   g_strdup (_("The file is empty: it has no header line. Choose a CSV file "
                               "written by Attest, by Microsoft’s tool or by a spreadsheet.")));
      return links;
    }

  read_header (rows, links, columns, names, extra, problems);

  for (guint i = 0; i < rows->rows->len; i++)
    {
      const AttestCsvRow *csv_row = g_ptr_array_index (rows->rows, i);
      AttestMcaLinkRow *row = read_row (csv_row, columns, extra, rows->n_columns);

      g_ptr_array_add (links->rows, row);
      if (csv_row->unclosed)
        add_record_problems (problems, row->line, NULL,
                             ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_UNCLOSED_QUOTE));
      else if (csv_row->n_cells != rows->n_columns)
        add_record_problems (problems, row->line, NULL,
                             ATTEST_PROBLEM_BIT (csv_row->n_cells < rows->n_columns
                                                 ? ATTEST_PROBLEM_TOO_FEW_FIELDS
                                                 : ATTEST_PROBLEM_TOO_MANY_FIELDS));
      if (csv_row->invalid_bytes)
        add_record_problems (problems, row->line, NULL,
                             ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_INVALID_BYTES));
      check_row (row, names, seen_ids, problems);
    }

  return links;
}

/* Reads the file @path as attest_mca_links_parse() reads its bytes. */
AttestMcaLinks *
attest_mca_links_read (const char  *path,
                       GPtrArray   *problems,
                       GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return NULL;

  bytes = g_mapped_file_get_bytes (mapped);
  return attest_mca_links_parse (bytes, problems);
}

void
attest_mca_links_problem_free (AttestMcaLinksProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->column);
  g_free (problem->message);
  g_free (problem);
}

/* The problem as one line for a person, as `attest check` writes its own. */
char *
attest_mca_links_problem_to_string (const AttestMcaLinksProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  if (problem->line == 0)
    return problem->column != NULL
           ? g_strdup_printf (_("Header, %s: %s"), problem->column, problem->message)
           : g_strdup_printf (_("File: %s"), problem->message);
  if (problem->column == NULL)
    return g_strdup_printf (_("Line %u: %s"), problem->line, problem->message);

  return g_strdup_printf (_("Line %u, %s: %s"), problem->line, problem->column, problem->message);
}
