/* attest-record-store-mca.c: what the store keeps for Microsoft's current
 * flow (SPEC §13): the values of a request's optional columns as the
 * partner corrects them, and each record's state with what the partner's
 * ledger knows of its customer
 *
 * Most records never have any of it: the values edited live in a table
 * like the contact edits, the states in an array of a byte per record made
 * when the first one is set, and the rest per record in a table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-store-mca"

#include "config.h"

#include <string.h>

#include "attest-record-store-private.h"

/* One record's info, its strings owned. */
typedef struct
{
  AttestMcaState  state;
  char           *strings[9];   /* in the order of AttestRecordMcaInfo's strings */
} McaEntry;

struct _AttestRecordMca
{
  GHashTable *edits;          /* request_key () -> char * */
  guint       added;          /* bit per request field edited that the file has no column for */
  GArray     *states;         /* guint8 AttestMcaState per record; shorter: the rest unchecked */
  guint       counts[ATTEST_N_MCA_STATES];  /* of the records in states; UNCHECKED not kept */
  GHashTable *entries;        /* index -> McaEntry */
};

static void
mca_entry_free (gpointer data)
{
  McaEntry *entry = data;

  for (guint i = 0; i < G_N_ELEMENTS (entry->strings); i++)
    g_free (entry->strings[i]);
  g_free (entry);
}

AttestRecordMca *
_attest_record_mca_new (void)
{
  AttestRecordMca *mca = g_new0 (AttestRecordMca, 1);

  mca->edits = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  mca->states = g_array_new (FALSE, TRUE, sizeof (guint8));
  mca->entries = g_hash_table_new_full (NULL, NULL, NULL, mca_entry_free);

  return mca;
}

void
_attest_record_mca_free (AttestRecordMca *mca)
{
  if (mca == NULL)
    return;

  g_hash_table_unref (mca->edits);
  g_array_unref (mca->states);
  g_hash_table_unref (mca->entries);
  g_free (mca);
}

static inline gpointer
request_key (guint              index,
             AttestRequestField field)
{
  return GSIZE_TO_POINTER ((gsize) index * ATTEST_N_REQUEST_FIELDS + field);
}

/* The column of the file read that holds @field, or -1. */
static int
file_request_column (AttestRecordStore  *self,
                     AttestRequestField  field)
{
  const AttestRecordTable *table = _attest_record_store_get_table (self);

  return table != NULL ? table->layout->request_columns[field] : -1;
}

/* A request value, edits applied; NULL where the record has none. Points
 * into the text, an edit or @scratch; not NUL-terminated. */
const char *
_attest_record_store_peek_request (AttestRecordStore  *self,
                                   guint               index,
                                   AttestRequestField  field,
                                   GString            *scratch,
                                   gsize              *len)
{
  const AttestRow *row = _attest_record_store_row (self, index);
  AttestRecordMca *mca = _attest_record_store_get_mca (self, FALSE);
  int column;

  if ((row->flags & ATTEST_ROW_REQUEST_EDITED) && mca != NULL)
    {
      const char *edit = g_hash_table_lookup (mca->edits, request_key (index, field));

      if (edit != NULL)
        {
          *len = strlen (edit);
          return edit;
        }
    }

  /* A record added from code has no text in the file's columns. */
  column = file_request_column (self, field);
  if (column < 0 || (row->flags & ATTEST_ROW_IN_ARENA))
    return NULL;

  return _attest_record_store_peek_column (self, index, column, scratch, len);
}

const char *
attest_record_store_peek_request_value (AttestRecordStore  *self,
                                        guint               index,
                                        AttestRequestField  field,
                                        GString            *scratch,
                                        gsize              *len)
{
  CHECK_INDEX (self, index, NULL);
  g_return_val_if_fail (field < ATTEST_N_REQUEST_FIELDS, NULL);
  g_return_val_if_fail (scratch != NULL && len != NULL, NULL);

  return _attest_record_store_peek_request (self, index, field, scratch, len);
}

char *
attest_record_store_dup_request_value (AttestRecordStore  *self,
                                       guint               index,
                                       AttestRequestField  field)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  const char *value;
  gsize len;

  CHECK_INDEX (self, index, NULL);
  g_return_val_if_fail (field < ATTEST_N_REQUEST_FIELDS, NULL);

  value = _attest_record_store_peek_request (self, index, field, scratch, &len);

  return value != NULL ? g_strndup (value, len) : NULL;
}

/* The partner's correction of a request value: kept as the file's own
 * column, checked as a value read is, and marks the store dirty. */
void
attest_record_store_set_request_value (AttestRecordStore  *self,
                                       guint               index,
                                       AttestRequestField  field,
                                       const char         *value)
{
  g_autofree char *current = NULL;
  AttestRecordMca *mca;
  AttestRow *row;
  guint old_tally;

  g_return_if_fail (ATTEST_IS_RECORD_STORE (self));
  g_return_if_fail (index < attest_record_store_get_n_records (self));
  g_return_if_fail (field < ATTEST_N_REQUEST_FIELDS);
  g_return_if_fail (value != NULL && g_utf8_validate (value, -1, NULL));

  _attest_record_store_settle (self);
  current = attest_record_store_dup_request_value (self, index, field);
  if (g_strcmp0 (current != NULL ? current : "", value) == 0)
    return;

  mca = _attest_record_store_get_mca (self, TRUE);
  row = _attest_record_store_row (self, index);
  old_tally = _attest_record_store_tally (row);
  g_hash_table_insert (mca->edits, request_key (index, field), g_strdup (value));
  row->flags |= ATTEST_ROW_REQUEST_EDITED;
  if (file_request_column (self, field) < 0)
    mca->added |= 1u << field;

  _attest_record_store_edited (self, index, old_tally);
}

/* How many request columns edits added to those of the file. */
guint
_attest_record_store_get_n_added_columns (AttestRecordStore *self)
{
  AttestRecordMca *mca = _attest_record_store_get_mca (self, FALSE);

  return mca != NULL ? (guint) __builtin_popcount (mca->added) : 0;
}

/* Which request field the extra column @column holds, or -1: the file's
 * extra columns first, then those edits added, in field order. */
int
_attest_record_store_get_extra_request (AttestRecordStore *self,
                                        guint              column)
{
  const AttestRecordTable *table = _attest_record_store_get_table (self);
  AttestRecordMca *mca = _attest_record_store_get_mca (self, FALSE);
  guint n_file = table != NULL ? table->layout->n_extra : 0;

  if (column < n_file)
    {
      for (AttestRequestField f = 0; f < ATTEST_N_REQUEST_FIELDS; f++)
        {
          if (table->layout->request_columns[f] == (int) table->layout->extra_columns[column])
            return f;
        }
      return -1;
    }

  column -= n_file;
  for (AttestRequestField f = 0; mca != NULL && f < ATTEST_N_REQUEST_FIELDS; f++)
    {
      if (!(mca->added & (1u << f)))
        continue;
      if (column == 0)
        return f;
      column--;
    }

  return -1;
}

/* States */

AttestMcaState
attest_record_store_get_mca_state (AttestRecordStore *self,
                                   guint              index)
{
  AttestRecordMca *mca;

  CHECK_INDEX (self, index, ATTEST_MCA_STATE_UNCHECKED);

  mca = _attest_record_store_get_mca (self, FALSE);
  if (mca == NULL || index >= mca->states->len)
    return ATTEST_MCA_STATE_UNCHECKED;

  return g_array_index (mca->states, guint8, index);
}

/* Fills @info with what is known of record @index's customer; returns
 * FALSE, with the state unchecked and no strings, when nothing is. */
gboolean
attest_record_store_get_mca_info (AttestRecordStore   *self,
                                  guint                index,
                                  AttestRecordMcaInfo *info)
{
  AttestRecordMca *mca;
  McaEntry *entry = NULL;
  const char **strings[] = {
    &info->message, &info->link, &info->company_name, &info->country, &info->language,
    &info->first_name, &info->last_name, &info->email, &info->phone_number,
  };

  CHECK_INDEX (self, index, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  G_STATIC_ASSERT (G_N_ELEMENTS (strings) == G_N_ELEMENTS (entry->strings));

  mca = _attest_record_store_get_mca (self, FALSE);
  if (mca != NULL)
    entry = g_hash_table_lookup (mca->entries, GUINT_TO_POINTER (index));

  info->state = entry != NULL ? entry->state : ATTEST_MCA_STATE_UNCHECKED;
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    *strings[i] = entry != NULL ? entry->strings[i] : NULL;

  return entry != NULL;
}

static void
set_state (AttestRecordMca *mca,
           guint            index,
           AttestMcaState   state)
{
  AttestMcaState old = ATTEST_MCA_STATE_UNCHECKED;

  if (index < mca->states->len)
    old = g_array_index (mca->states, guint8, index);
  else if (state != ATTEST_MCA_STATE_UNCHECKED)
    g_array_set_size (mca->states, index + 1);
  else
    return;

  if (old != ATTEST_MCA_STATE_UNCHECKED)
    mca->counts[old]--;
  if (state != ATTEST_MCA_STATE_UNCHECKED)
    mca->counts[state]++;
  g_array_index (mca->states, guint8, index) = state;
}

/* Gives each record of @indexes what @infos says of its customer (NULL
 * strings and an unchecked state forget it), and says so once. */
void
attest_record_store_set_mca_infos (AttestRecordStore         *self,
                                   const guint               *indexes,
                                   const AttestRecordMcaInfo *infos,
                                   guint                      n)
{
  AttestRecordMca *mca;
  guint n_records;

  g_return_if_fail (ATTEST_IS_RECORD_STORE (self));
  g_return_if_fail (n == 0 || (indexes != NULL && infos != NULL));

  n_records = attest_record_store_get_n_records (self);
  for (guint i = 0; i < n; i++)
    {
      g_return_if_fail (indexes[i] < n_records);
      g_return_if_fail (infos[i].state < ATTEST_N_MCA_STATES);
    }
  if (n == 0)
    return;

  mca = _attest_record_store_get_mca (self, TRUE);
  for (guint i = 0; i < n; i++)
    {
      const AttestRecordMcaInfo *info = &infos[i];
      const char *strings[] = {
        info->message, info->link, info->company_name, info->country, info->language,
        info->first_name, info->last_name, info->email, info->phone_number,
      };
      McaEntry *entry = g_new0 (McaEntry, 1);
      gboolean any = info->state != ATTEST_MCA_STATE_UNCHECKED;

      entry->state = info->state;
      for (guint s = 0; s < G_N_ELEMENTS (strings); s++)
        {
          entry->strings[s] = g_strdup (strings[s]);
          any |= strings[s] != NULL;
        }
      if (any)
        g_hash_table_insert (mca->entries, GUINT_TO_POINTER (indexes[i]), entry);
      else
        {
          g_hash_table_remove (mca->entries, GUINT_TO_POINTER (indexes[i]));
          mca_entry_free (entry);
        }
      set_state (mca, indexes[i], info->state);
    }

  for (guint i = 0; i < n; i++)
    _attest_record_store_record_changed (self, indexes[i]);
  _attest_record_store_counts_changed (self);
}

void
attest_record_store_set_mca_info (AttestRecordStore         *self,
                                  guint                      index,
                                  const AttestRecordMcaInfo *info)
{
  g_return_if_fail (info != NULL);

  attest_record_store_set_mca_infos (self, &index, info, 1);
}

/* Fills @counts (ATTEST_N_MCA_STATES of them) with the number of records in
 * each state. */
void
attest_record_store_get_mca_counts (AttestRecordStore *self,
                                    guint             *counts)
{
  AttestRecordMca *mca;
  guint known = 0;

  g_return_if_fail (ATTEST_IS_RECORD_STORE (self));
  g_return_if_fail (counts != NULL);

  mca = _attest_record_store_get_mca (self, FALSE);
  for (guint s = 0; s < ATTEST_N_MCA_STATES; s++)
    {
      counts[s] = mca != NULL ? mca->counts[s] : 0;
      known += counts[s];
    }
  counts[ATTEST_MCA_STATE_UNCHECKED] = attest_record_store_get_n_records (self) - known;
}

/* What the window shows for a request value: the record's own when it has
 * one that is not blank, else what Partner Center says of the customer (the
 * company's name; its billing profile's country and language), with
 * *fallback saying which. NULL when neither has one. */
const char *
attest_record_store_peek_shown_request_value (AttestRecordStore  *self,
                                              guint               index,
                                              AttestRequestField  field,
                                              GString            *scratch,
                                              gsize              *len,
                                              gboolean           *fallback)
{
  AttestRecordMcaInfo info;
  const char *own;
  const char *known;

  CHECK_INDEX (self, index, NULL);
  g_return_val_if_fail (field < ATTEST_N_REQUEST_FIELDS, NULL);
  g_return_val_if_fail (scratch != NULL && len != NULL, NULL);

  if (fallback != NULL)
    *fallback = FALSE;

  own = _attest_record_store_peek_request (self, index, field, scratch, len);
  for (gsize i = 0; own != NULL && i < *len; i++)
    {
      if (!g_ascii_isspace (own[i]))
        return own;
    }

  attest_record_store_get_mca_info (self, index, &info);
  known = field == ATTEST_REQUEST_FIELD_COMPANY_NAME ? info.company_name
          : field == ATTEST_REQUEST_FIELD_COUNTRY ? info.country
          : info.language;
  if (known == NULL)
    return own;

  if (fallback != NULL)
    *fallback = TRUE;
  *len = strlen (known);

  return known;
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    {
      if (!g_ascii_isspace (*text))
        return FALSE;
    }

  return TRUE;
}

/* The billing profile's value of a contact field, or NULL. */
static const char *
profile_contact (const AttestRecordMcaInfo *info,
                 AttestRecordField          field)
{
  switch (field)
    {
    case ATTEST_RECORD_FIELD_FIRST_NAME:
      return info->first_name;
    case ATTEST_RECORD_FIELD_LAST_NAME:
      return info->last_name;
    case ATTEST_RECORD_FIELD_EMAIL:
      return info->email;
    case ATTEST_RECORD_FIELD_PHONE_NUMBER:
      return info->phone_number;
    default:
      return NULL;
    }
}

/* A contact field as the window shows it: the record's own, else the
 * signatory Partner Center knows (SPEC §13 "Request": the billing
 * profile's, for the partner to confirm), with *fallback saying which. */
char *
attest_record_store_dup_shown_contact (AttestRecordStore *self,
                                       guint              index,
                                       AttestRecordField  field,
                                       gboolean          *fallback)
{
  g_autofree char *own = NULL;
  AttestRecordMcaInfo info;
  const char *known;

  CHECK_INDEX (self, index, NULL);
  g_return_val_if_fail (field < ATTEST_N_RECORD_FIELDS, NULL);

  if (fallback != NULL)
    *fallback = FALSE;

  own = attest_record_store_dup_field (self, index, field);
  if (!is_blank (own))
    return g_steal_pointer (&own);

  attest_record_store_get_mca_info (self, index, &info);
  known = profile_contact (&info, field);
  if (is_blank (known))
    return g_steal_pointer (&own);

  if (fallback != NULL)
    *fallback = TRUE;

  return g_strdup (known);
}
