/* attest-mca-status-file.c: the customers of a status check from a CSV
 * file, and what it found as a CSV file
 *
 * A file names its customers by their tenant IDs in a CustomerTenantId
 * column, with a CompanyName column when it has one: a customer list of
 * Microsoft's tool, a links or results file, or any spreadsheet with
 * those columns, read as tolerantly as a customer list (SPEC §4.2). What
 * the check found is written as Attest writes its CSV files (SPEC §4.1):
 * CustomerTenantId, State, CompanyName, CheckedAt, Message, a row per
 * customer, the State a word of SPEC §13 and CheckedAt in ISO 8601 UTC.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-status-file"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-csv-rows.h"
#include "attest-mca-status-private.h"
#include "attest-validation.h"

#define CUSTOMER_ID_COLUMN  "CustomerTenantId"
#define COMPANY_NAME_COLUMN "CompanyName"

static gboolean
is_blank (const AttestCsvRow *row)
{
  for (guint c = 0; c < row->n_cells; c++)
    {
      g_autofree char *cell = g_strstrip (g_strdup (row->cells[c]));

      if (cell[0] != '\0')
        return FALSE;
    }

  return TRUE;
}

/* Checks the customers a CSV file names, @bytes, called @name in
 * messages: the customer tenant ID of each row (column CustomerTenantId),
 * in lower case, and its company name when the file has a CompanyName
 * column. A row whose ID is not a tenant ID is a customer that could not
 * be checked, its line named. An error when the file names no customer at
 * all. */
gboolean
attest_mca_status_check_add_bytes (AttestMcaStatusCheck  *self,
                                   GBytes                *bytes,
                                   const char            *name,
                                   GError               **error)
{
  static const char * const columns[] = { CUSTOMER_ID_COLUMN, COMPANY_NAME_COLUMN, NULL };
  g_autoptr(AttestCsvRows) rows = NULL;
  int id_column;
  int company_column;
  guint added = 0;

  g_return_val_if_fail (ATTEST_IS_MCA_STATUS_CHECK (self), FALSE);
  g_return_val_if_fail (bytes != NULL && name != NULL, FALSE);
  g_return_val_if_fail (self->task == NULL, FALSE);

  rows = attest_csv_rows_parse (bytes, columns);
  id_column = attest_csv_rows_find_column (rows, CUSTOMER_ID_COLUMN);
  company_column = attest_csv_rows_find_column (rows, COMPANY_NAME_COLUMN);
  if (id_column < 0)
    {
      g_set_error (error, ATTEST_MCA_STATUS_ERROR, ATTEST_MCA_STATUS_ERROR_FILE,
                   _("%s has no %s column: it must name each customer by its tenant ID in a "
                     "column of that name."), name, CUSTOMER_ID_COLUMN);
      return FALSE;
    }

  for (guint i = 0; i < rows->rows->len; i++)
    {
      const AttestCsvRow *row = g_ptr_array_index (rows->rows, i);
      g_autofree char *id = NULL;
      g_autofree char *company = NULL;
      char *problem = NULL;

      if (is_blank (row))
        continue;

      id = g_strstrip (g_strdup ((guint) id_column < row->n_cells ? row->cells[id_column] : ""));
      if (company_column >= 0 && (guint) company_column < row->n_cells)
        company = g_strstrip (g_strdup (row->cells[company_column]));

      if (id[0] == '\0')
        /* Translators: %u is a line number of the customers' file. */
        problem = g_strdup_printf (_("Line %u names no customer tenant ID."), row->line);
      else if (!attest_guid_parse (id, strlen (id), NULL))
        /* Translators: %u is a line number of the customers' file, %s what it holds. */
        problem = g_strdup_printf (_("Line %u: “%s” is not a customer tenant ID."), row->line,
                                   id);

      self->given = TRUE;
      if (problem == NULL)
        {
          /* As Partner Center writes tenant IDs: a spreadsheet may not. */
          g_autofree char *lower = g_ascii_strdown (id, -1);

          _attest_mca_status_add_result (self, lower, company, NULL);
        }
      else
        _attest_mca_status_add_result (self, id, company, problem);
      added++;
    }

  if (added == 0)
    {
      g_set_error (error, ATTEST_MCA_STATUS_ERROR, ATTEST_MCA_STATUS_ERROR_FILE,
                   _("%s names no customer."), name);
      return FALSE;
    }

  g_object_notify (G_OBJECT (self), "n-customers");

  return TRUE;
}

/* As attest_mca_status_check_add_bytes(), for the file at @path. */
gboolean
attest_mca_status_check_add_file (AttestMcaStatusCheck  *self,
                                  const char            *path,
                                  GError               **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) read_error = NULL;

  g_return_val_if_fail (ATTEST_IS_MCA_STATUS_CHECK (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_path (path);
  name = g_file_get_parse_name (file);
  bytes = g_file_load_bytes (file, NULL, NULL, &read_error);
  if (bytes == NULL)
    {
      g_set_error (error, ATTEST_MCA_STATUS_ERROR, ATTEST_MCA_STATUS_ERROR_FILE,
                   _("Cannot read %s: %s"), name, read_error->message);
      return FALSE;
    }

  return attest_mca_status_check_add_bytes (self, bytes, name, error);
}

/* The check's results as CSV, a row per customer given or listed, in
 * that order; a customer not reached (the check stopped) is unchecked,
 * without a time. */
GBytes *
attest_mca_status_check_to_csv (AttestMcaStatusCheck *self)
{
  static const char * const header[] = {
    CUSTOMER_ID_COLUMN, "State", COMPANY_NAME_COLUMN, "CheckedAt", "Message",
  };
  GString *out;

  g_return_val_if_fail (ATTEST_IS_MCA_STATUS_CHECK (self), NULL);

  out = g_string_sized_new (128 * (self->results->len + 1));
  attest_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < self->results->len; i++)
    {
      const AttestMcaStatusResult *result = g_ptr_array_index (self->results, i);
      g_autofree char *checked_at = attest_mca_format_time (result->checked_at);
      const char * const cells[] = {
        result->customer_id, attest_mca_state_to_string (result->state), result->company_name,
        checked_at, result->message,
      };

      attest_csv_append_row (out, cells, G_N_ELEMENTS (cells));
    }

  return g_string_free_to_bytes (out);
}

/* Writes attest_mca_status_check_to_csv() to @path, in place of the file
 * there at once (a temporary file renamed over it). */
gboolean
attest_mca_status_check_write_csv (AttestMcaStatusCheck  *self,
                                   const char            *path,
                                   GError               **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size = 0;
  const char *data;

  g_return_val_if_fail (ATTEST_IS_MCA_STATUS_CHECK (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = attest_mca_status_check_to_csv (self);
  data = g_bytes_get_data (bytes, &size);

  return g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0666,
                                   error);
}
