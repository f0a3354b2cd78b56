/* attest-record-store-columns.c: the columns of the file a store was read
 * from, including those Attest does not know
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-store-columns"

#include "config.h"

#include "attest-record-store-private.h"

guint
attest_record_store_get_n_extra_columns (AttestRecordStore *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), 0);

  return self->layout != NULL ? self->layout->n_extra : 0;
}

const char *
attest_record_store_get_extra_column (AttestRecordStore *self,
                                      guint              column)
{
  g_return_val_if_fail (column < attest_record_store_get_n_extra_columns (self), NULL);

  return self->layout->names[self->layout->extra_columns[column]];
}

/* A record's value in an extra column; NULL when the record is too short,
 * or was added from code. */
char *
attest_record_store_dup_extra_value (AttestRecordStore *self,
                                     guint              index,
                                     guint              column)
{
  g_return_val_if_fail (column < attest_record_store_get_n_extra_columns (self), NULL);

  return attest_record_store_dup_column_value (self, index, self->layout->extra_columns[column]);
}

guint
attest_record_store_get_n_columns (AttestRecordStore *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), 0);

  return attest_record_store_get_layout (self)->n_columns;
}

const char *
attest_record_store_get_column_name (AttestRecordStore *self,
                                     guint              column)
{
  g_return_val_if_fail (column < attest_record_store_get_n_columns (self), NULL);

  return attest_record_store_get_layout (self)->names[column];
}

int
attest_record_store_get_column_field (AttestRecordStore *self,
                                      guint              column)
{
  const AttestCsvLayout *layout;

  g_return_val_if_fail (column < attest_record_store_get_n_columns (self), -1);

  layout = attest_record_store_get_layout (self);
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

  if ((attest_record_store_row_at (self, index)->flags & ROW_IN_ARENA) && self->layout != NULL)
    {
      int field = attest_record_store_get_column_field (self, column);

      return field >= 0 ? attest_record_store_dup_field (self, index, field) : NULL;
    }

  value = attest_record_store_peek_column (self, index, column, scratch, &len);

  return value != NULL ? g_strndup (value, len) : NULL;
}

/* Problems of the file as a whole; AttestRecordProblem, owned by the store. */
GPtrArray *
attest_record_store_get_file_problems (AttestRecordStore *self)
{
  g_return_val_if_fail (ATTEST_IS_RECORD_STORE (self), NULL);

  return self->file_problems;
}
