/* attest-record-store-columns.c: a record's values, by field and by
 * column (including columns Attest does not know), their edits, and its
 * problems
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-store-columns"

#include "config.h"

#include <string.h>

#include "attest-record-store-private.h"

/* The customer's page in Partner Center, as Microsoft's tool links it. */
static char *
account_link (const char *id,
              gsize       len)
{
  return g_strdup_printf ("https://partner.microsoft.com/dashboard/v2/customers/%.*s/account",
                          (int) len, id);
}

/* The field's text, edits included; NULL when the record has no such column
 * or is too short to reach it. */
char *
attest_record_store_dup_field (AttestRecordStore *self,
                               guint              index,
                               AttestRecordField  field)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  const char *value;
  gsize len;

  CHECK_INDEX (self, index, NULL);
  g_return_val_if_fail (field < ATTEST_N_RECORD_FIELDS, NULL);

  if (field == ATTEST_RECORD_FIELD_CUSTOMER_ACCOUNT_LINK)
    {
      g_autofree char *id = attest_record_store_dup_field (self, index,
                                                           ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID);

      if (id == NULL || *id == '\0')
        return NULL;
      return account_link (id, strlen (id));
    }

  value = _attest_record_store_peek_field (self, index, field, scratch, &len);

  return value != NULL ? g_strndup (value, len) : NULL;
}

/* Appends a field's value, edits included, to @buffer, without a NUL:
 * many fields read into one buffer cost no allocation each. Returns FALSE,
 * appending nothing, when the record has no such field. */
gboolean
attest_record_store_append_field (AttestRecordStore *self,
                                  guint              index,
                                  AttestRecordField  field,
                                  GString           *buffer)
{
  const char *value;
  gsize len;

  CHECK_INDEX (self, index, FALSE);
  g_return_val_if_fail (field < ATTEST_N_RECORD_FIELDS, FALSE);
  g_return_val_if_fail (buffer != NULL, FALSE);

  if (field == ATTEST_RECORD_FIELD_CUSTOMER_ACCOUNT_LINK)
    {
      g_autofree char *link = attest_record_store_dup_field (self, index, field);

      if (link == NULL)
        return FALSE;
      g_string_append (buffer, link);
      return TRUE;
    }

  value = _attest_record_store_peek_field (self, index, field,
                                           _attest_record_store_get_scratch (self), &len);
  if (value == NULL)
    return FALSE;
  g_string_append_len (buffer, value, len);

  return TRUE;
}

/* A record's text in one of the file's columns, as read (edits are not
 * applied here); NULL when the record is too short, or was added from
 * code. Points into the text or into @scratch; not NUL-terminated, and
 * valid until the next call. */
const char *
attest_record_store_peek_column (AttestRecordStore *self,
                                 guint              index,
                                 guint              column,
                                 GString           *scratch,
                                 gsize             *len)
{
  CHECK_INDEX (self, index, NULL);
  g_return_val_if_fail (scratch != NULL && len != NULL, NULL);

  if (_attest_record_store_row (self, index)->flags & ATTEST_ROW_IN_ARENA)
    return NULL;

  return _attest_record_store_peek_column (self, index, column, scratch, len);
}

/* How many fields the record was read with; 0 for one added from code. */
guint
attest_record_store_get_n_fields (AttestRecordStore *self,
                                  guint              index)
{
  guint n_spans;

  CHECK_INDEX (self, index, 0);

  if (_attest_record_store_row (self, index)->flags & ATTEST_ROW_IN_ARENA)
    return 0;

  /* A record with more fields than the header is scanned whole. */
  _attest_record_store_scan (self, index, &n_spans);

  return n_spans;
}

gboolean
attest_record_store_has_field (AttestRecordStore *self,
                               guint              index,
                               AttestRecordField  field)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  gsize len;

  CHECK_INDEX (self, index, FALSE);

  return _attest_record_store_peek_field (self, index, field, scratch, &len) != NULL;
}

AttestBoolean
attest_record_store_get_attested_value (AttestRecordStore *self,
                                        guint              index)
{
  CHECK_INDEX (self, index, ATTEST_BOOLEAN_INVALID);

  return _attest_record_store_row (self, index)->attested;
}

gboolean
attest_record_store_get_attested (AttestRecordStore *self,
                                  guint              index)
{
  CHECK_INDEX (self, index, FALSE);

  return _attest_record_store_row (self, index)->attested == ATTEST_BOOLEAN_TRUE;
}

/* The line number of the record's first line in the file (SPEC §9). */
guint
attest_record_store_get_line (AttestRecordStore *self,
                              guint              index)
{
  CHECK_INDEX (self, index, 0);

  return _attest_record_store_row (self, index)->line;
}

/* Whether the record was read from a file, which has its line; a record
 * added from code (fetched from Partner Center, or listed by a check) has
 * its place in the store only. */
gboolean
attest_record_store_is_from_file (AttestRecordStore *self,
                                  guint              index)
{
  CHECK_INDEX (self, index, FALSE);

  return !(_attest_record_store_row (self, index)->flags & ATTEST_ROW_IN_ARENA);
}

guint32
attest_record_store_get_problems (AttestRecordStore *self,
                                  guint              index)
{
  CHECK_INDEX (self, index, 0);

  return _attest_record_store_row (self, index)->problems;
}

static AttestRecordProblem *
problem_new (const char *field,
             char       *message)
{
  AttestRecordProblem *problem = g_new0 (AttestRecordProblem, 1);

  problem->field = g_strdup (field);
  problem->message = message;

  return problem;
}

/* The record's problems, each with its column, in field order. */
GPtrArray *
attest_record_store_dup_problems (AttestRecordStore *self,
                                  guint              index)
{
  GPtrArray *problems;
  guint32 mask;

  CHECK_INDEX (self, index, NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_record_problem_free);
  mask = _attest_record_store_row (self, index)->problems;
  for (AttestProblem p = 0; p < ATTEST_N_PROBLEMS; p++)
    {
      gboolean has_field;
      AttestRecordField field;

      if (!(mask & ATTEST_PROBLEM_BIT (p)))
        continue;

      if (p == ATTEST_PROBLEM_INVALID_BYTES)
        {
          const AttestRecordTable *table = _attest_record_store_get_table (self);
          const AttestCsvLayout *layout = table->layout;
          guint n;
          const AttestCsvSpan *spans = _attest_record_store_scan (self, index, &n);

          for (guint c = attest_csv_find_replaced_field (table->text, spans, n, 0);
               c != G_MAXUINT;
               c = attest_csv_find_replaced_field (table->text, spans, n, c + 1))
            {
              const char *name = c < layout->n_columns ? layout->names[c] : "";

              g_ptr_array_add (problems, problem_new (name, attest_problem_dup_message (p, name)));
            }
          continue;
        }

      if (p >= ATTEST_PROBLEM_COMPANY_NAME_CONTROL && p <= ATTEST_PROBLEM_LANGUAGE_INVALID)
        {
          AttestRequestField request = p - ATTEST_PROBLEM_COMPANY_NAME_CONTROL;
          g_autoptr(GString) scratch = g_string_new (NULL);
          gsize len = 0;
          const char *value = _attest_record_store_peek_request (self, index, request, scratch,
                                                                 &len);

          /* The sentence of the check itself, which quotes the value. */
          g_ptr_array_add (problems,
                           problem_new (attest_problem_get_column (p),
                                        attest_request_problem_dup_message (
                                          request, attest_validate_request_field (request, value,
                                                                                  len),
                                          value, len)));
          continue;
        }

      field = attest_problem_get_field (p, &has_field);
      g_ptr_array_add (problems,
                       problem_new (has_field ? attest_record_field_get_column (field) : NULL,
                                    g_strdup (attest_problem_get_message (p))));
    }

  return problems;
}

/* The columns of the file the store was read from, or NULL. */
static const AttestCsvLayout *
file_layout (AttestRecordStore *self)
{
  const AttestRecordTable *table = _attest_record_store_get_table (self);

  return table != NULL ? table->layout : NULL;
}

/* The file's extra columns, then the request columns edits added. */
guint
attest_record_store_get_n_extra_columns (AttestRecordStore *self)
{
  guint n_file;

  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), 0);

  n_file = file_layout (self) != NULL ? file_layout (self)->n_extra : 0;

  return n_file + _attest_record_store_get_n_added_columns (self);
}

const char *
attest_record_store_get_extra_column (AttestRecordStore *self,
                                      guint              column)
{
  const AttestCsvLayout *layout;

  g_return_val_if_fail (column < attest_record_store_get_n_extra_columns (self), NULL);

  layout = file_layout (self);
  if (layout != NULL && column < layout->n_extra)
    return layout->names[layout->extra_columns[column]];

  return attest_request_field_get_column (_attest_record_store_get_extra_request (self, column));
}

/* A record's value in an extra column, edits applied to a request's
 * optional columns; NULL when the record is too short, or was added from
 * code and not edited there. */
char *
attest_record_store_dup_extra_value (AttestRecordStore *self,
                                     guint              index,
                                     guint              column)
{
  int request;

  g_return_val_if_fail (column < attest_record_store_get_n_extra_columns (self), NULL);

  request = _attest_record_store_get_extra_request (self, column);
  if (request >= 0)
    return attest_record_store_dup_request_value (self, index, request);

  return attest_record_store_dup_column_value (self, index,
                                               file_layout (self)->extra_columns[column]);
}

/* A record's value in an extra column, as attest_record_store_peek_column()
 * gives it, edits applied to a request's optional columns. */
const char *
attest_record_store_peek_extra_value (AttestRecordStore *self,
                                      guint              index,
                                      guint              column,
                                      GString           *scratch,
                                      gsize             *len)
{
  int request;

  g_return_val_if_fail (column < attest_record_store_get_n_extra_columns (self), NULL);

  request = _attest_record_store_get_extra_request (self, column);
  if (request >= 0)
    return attest_record_store_peek_request_value (self, index, request, scratch, len);

  return attest_record_store_peek_column (self, index, file_layout (self)->extra_columns[column],
                                          scratch, len);
}

guint
attest_record_store_get_n_columns (AttestRecordStore *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), 0);

  return _attest_record_store_get_layout (self)->n_columns;
}

const char *
attest_record_store_get_column_name (AttestRecordStore *self,
                                     guint              column)
{
  g_return_val_if_fail (column < attest_record_store_get_n_columns (self), NULL);

  return _attest_record_store_get_layout (self)->names[column];
}

int
attest_record_store_get_column_field (AttestRecordStore *self,
                                      guint              column)
{
  const AttestCsvLayout *layout;

  g_return_val_if_fail (column < attest_record_store_get_n_columns (self), -1);

  layout = _attest_record_store_get_layout (self);
  for (guint f = 0; f < ATTEST_N_RECORD_FIELDS; f++)
    {
      if (layout->field_columns[f] == (int) column)
        return f;
    }

  return -1;
}

/* The record's text in @column, as read (edits are not applied here); NULL
 * when the record is too short. */
char *
attest_record_store_dup_column_value (AttestRecordStore *self,
                                      guint              index,
                                      guint              column)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  const char *value;
  gsize len;

  CHECK_INDEX (self, index, NULL);
  g_return_val_if_fail (column < attest_record_store_get_n_columns (self), NULL);

  if ((_attest_record_store_row (self, index)->flags & ATTEST_ROW_IN_ARENA) &&
      file_layout (self) != NULL)
    {
      int field = attest_record_store_get_column_field (self, column);

      return field >= 0 ? attest_record_store_dup_field (self, index, field) : NULL;
    }

  value = _attest_record_store_peek_column (self, index, column, scratch, &len);

  return value != NULL ? g_strndup (value, len) : NULL;
}

/* After an edit: checks the record again, recounts, and says so. */
void
_attest_record_store_edited (AttestRecordStore *self,
                             guint              index,
                             guint              old_tally)
{
  const AttestRow *row = _attest_record_store_row (self, index);

  _attest_record_store_revalidate (self, index);
  _attest_record_store_retally (self, old_tally, _attest_record_store_tally (row));
  attest_record_store_set_dirty (self, TRUE);
  _attest_record_store_record_changed (self, index);
}

void
attest_record_store_set_field (AttestRecordStore *self,
                               guint              index,
                               AttestRecordField  field,
                               const char        *value)
{
  g_autofree char *current = NULL;
  AttestRow *row;
  guint old_tally;

  g_return_if_fail (ATTEST_IS_RECORD_STORE (self));
  g_return_if_fail (index < attest_record_store_get_n_records (self));
  g_return_if_fail (_attest_record_field_is_editable (field));
  g_return_if_fail (value != NULL && g_utf8_validate (value, -1, NULL));

  _attest_record_store_settle (self);
  current = attest_record_store_dup_field (self, index, field);
  if (g_strcmp0 (current, value) == 0)
    return;

  row = _attest_record_store_row (self, index);
  old_tally = _attest_record_store_tally (row);
  _attest_record_store_set_edit (self, index, field, value);
  _attest_record_store_edited (self, index, old_tally);
}

void
attest_record_store_set_attested (AttestRecordStore *self,
                                  guint              index,
                                  gboolean           attested)
{
  AttestRow *row;
  AttestBoolean value = attested ? ATTEST_BOOLEAN_TRUE : ATTEST_BOOLEAN_FALSE;
  guint old_tally;

  g_return_if_fail (ATTEST_IS_RECORD_STORE (self));
  g_return_if_fail (index < attest_record_store_get_n_records (self));

  _attest_record_store_settle (self);
  row = _attest_record_store_row (self, index);
  if (row->attested == value)
    return;

  old_tally = _attest_record_store_tally (row);
  row->attested = value;
  _attest_record_store_edited (self, index, old_tally);
}
