/* attest-record-row.c: checking one record as it is read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-record-row"

#include "config.h"

#include "attest-record-store-private.h"

AttestCsvLayout *
attest_csv_layout_new_standard (void)
{
  AttestCsvLayout *layout = g_new0 (AttestCsvLayout, 1);

  layout->delimiter = ',';
  layout->n_columns = ATTEST_N_RECORD_FIELDS;
  layout->names = g_new0 (char *, ATTEST_N_RECORD_FIELDS + 1);
  for (guint i = 0; i < ATTEST_N_RECORD_FIELDS; i++)
    {
      layout->names[i] = g_strdup (attest_record_field_get_column (i));
      layout->field_columns[i] = i;
    }

  return layout;
}

void
attest_csv_layout_free (AttestCsvLayout *layout)
{
  if (layout == NULL)
    return;

  g_strfreev (layout->names);
  g_free (layout->extra_columns);
  g_free (layout);
}

void
attest_row_scratch_init (AttestRowScratch *scratch)
{
  for (guint i = 0; i < ATTEST_N_RECORD_FIELDS; i++)
    scratch->values[i] = g_string_new (NULL);
}

void
attest_row_scratch_clear (AttestRowScratch *scratch)
{
  for (guint i = 0; i < ATTEST_N_RECORD_FIELDS; i++)
    g_string_free (g_steal_pointer (&scratch->values[i]), TRUE);
}

static const char *
record_value (const char            *data,
              const AttestCsvLayout *layout,
              const AttestCsvRecord *record,
              const AttestCsvSpan   *spans,
              AttestRowScratch      *scratch,
              AttestRecordField      field,
              gsize                 *len)
{
  int column = layout->field_columns[field];

  if (column < 0 || (guint) column >= record->n_fields)
    {
      *len = 0;
      return "";
    }

  return attest_csv_span_value (data, &spans[column], scratch->values[field], len);
}

/* Checks one freshly scanned record: its shape, its fields, its bytes.
 * Runs on the reader's threads; touches nothing shared. */
void
attest_row_check (const AttestCsvText   *text,
                  const char            *data,
                  const AttestCsvLayout *layout,
                  const AttestCsvRecord *record,
                  const AttestCsvSpan   *spans,
                  AttestRowScratch      *scratch,
                  AttestRow             *row,
                  guint32               *id_tag)
{
  AttestContactFields contact;
  const char *attested;
  gsize attested_len;
  AttestGuid guid;
  gboolean has_guid;
  guint32 problems = 0;

  if (record->n_fields < layout->n_columns)
    problems |= ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TOO_FEW_FIELDS);
  else if (record->n_fields > layout->n_columns)
    problems |= ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_TOO_MANY_FIELDS);
  if (record->unclosed)
    problems |= ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_UNCLOSED_QUOTE);

#define VALUE(field, out) \
  contact.out = record_value (data, layout, record, spans, scratch, field, &contact.out##_len)
  VALUE (ATTEST_RECORD_FIELD_CUSTOMER_TENANT_ID, tenant_id);
  VALUE (ATTEST_RECORD_FIELD_FIRST_NAME, first_name);
  VALUE (ATTEST_RECORD_FIELD_LAST_NAME, last_name);
  VALUE (ATTEST_RECORD_FIELD_EMAIL, email);
  VALUE (ATTEST_RECORD_FIELD_PHONE_NUMBER, phone);
#undef VALUE

  problems |= attest_validate_contact (&contact, &guid, &has_guid);

  attested = record_value (data, layout, record, spans, scratch,
                           ATTEST_RECORD_FIELD_PARTNER_ATTESTATION_COMPLETED, &attested_len);
  row->attested = attest_boolean_parse (attested, attested_len);
  if (row->attested == ATTEST_BOOLEAN_INVALID)
    problems |= ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_ATTESTED_VALUE);

  if (text != NULL && text->replacements != NULL)
    {
      guint n = MIN (record->n_fields, layout->n_columns + 1);

      for (guint i = 0; i < n; i++)
        {
          if (attest_csv_text_has_replacement (text, spans[i].start, spans[i].end))
            {
              problems |= ATTEST_PROBLEM_BIT (ATTEST_PROBLEM_INVALID_BYTES);
              break;
            }
        }
    }

  row->problems = problems;
  row->flags = has_guid ? ROW_HAS_GUID : 0;
  *id_tag = has_guid ? attest_guid_tag (&guid) : 0;
}

/* The customer's page in Partner Center, as Microsoft's tool links it. */
char *
attest_account_link (const char *id,
                     gsize       len)
{
  return g_strdup_printf ("https://partner.microsoft.com/dashboard/v2/customers/%.*s/account",
                          (int) len, id);
}
