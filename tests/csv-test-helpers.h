/* csv-test-helpers.h: loading the CSV test files and checking records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "attest-csv-reader.h"
#include "attest-csv-scanner.h"
#include "attest-csv-writer.h"

static inline AttestRecordStore *
csv_test_load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AttestRecordStore *store = attest_csv_load_file (file, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

static inline AttestRecordStore *
csv_test_read_string (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return attest_csv_read_bytes (bytes);
}

/* Five records: 0 actionable, 1 not marked, 2 marked with a bad phone,
 * 3 actionable, 4 not marked with no last name. */
static inline AttestRecordStore *
csv_test_five_records (void)
{
  return csv_test_read_string ("CustomerTenantId,FirstName,LastName,Email,PhoneNumber,"
    "LastAgreementDate,PartnerAttestationCompleted,CustomerAccountLink\r\n"
    "a0000000-0000-4000-8000-000000000000,Zoe,Adams,zoe@contoso.com,,,True,\r\n"
    "b0000000-0000-4000-8000-000000000000,alice,Brown,alice@fabrikam.com,,,False,\r\n"
    "c0000000-0000-4000-8000-000000000000,Élodie,Dupont,elodie@exemple.fr,12,,True,\r\n"
    "d0000000-0000-4000-8000-000000000000,Bob,carter,bob@contoso.com,,,True,\r\n"
    "e0000000-0000-4000-8000-000000000000,Chloé,,chloe@x.org,,,False,\r\n");
}

static inline GBytes *
csv_test_load_bytes (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

#define csv_test_assert_field(store, index, field, expected) \
  G_STMT_START { \
    g_autofree char *_value = attest_record_store_dup_field ((store), (index), (field)); \
    g_assert_cmpstr (_value, ==, (expected)); \
  } G_STMT_END

/* The problems of a record as "Field: message" lines (or "-: message"). */
static inline char *
csv_test_dup_problems (AttestRecordStore *store,
                       guint              index)
{
  g_autoptr(GPtrArray) problems = attest_record_store_dup_problems (store, index);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      AttestRecordProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (text, "%s: %s\n", problem->field ? problem->field : "-",
                              problem->message);
    }

  return g_string_free (text, FALSE);
}

static inline void
csv_test_assert_bytes_equal (GBytes *actual,
                             GBytes *expected)
{
  gsize actual_len, expected_len;
  const char *a = g_bytes_get_data (actual, &actual_len);
  const char *e = g_bytes_get_data (expected, &expected_len);

  if (!g_bytes_equal (actual, expected))
    {
      g_autofree char *a_text = g_strndup (a, actual_len);
      g_autofree char *e_text = g_strndup (e, expected_len);

      g_assert_cmpstr (a_text, ==, e_text);
      g_assert_cmpmem (a, actual_len, e, expected_len);
    }
}
