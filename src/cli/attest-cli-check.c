/* attest-cli-check.c: `attest check FILE [--json]` (SPEC §9)
 *
 * Reads and validates a file the way the window does, and reports every
 * problem: for people by default, as JSON lines with --json. Exit status 0
 * when nothing is wrong, 1 when something is, 2 when the file cannot be read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-cli-check"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "attest-cli-private.h"
#include "attest-csv-reader.h"

static gboolean json_output;

const GOptionEntry attest_cli_check_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &json_output,
    N_("Print one JSON object per record instead of a report"), NULL },
  { NULL }
};

static void
add_problems (JsonBuilder *builder,
              GPtrArray   *problems)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < problems->len; i++)
    {
      AttestRecordProblem *problem = g_ptr_array_index (problems, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "field");
      if (problem->field != NULL)
        json_builder_add_string_value (builder, problem->field);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_json_line (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, FALSE);

  fputs (text, stdout);
  fputc ('\n', stdout);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    char        *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
  g_free (value);
}

static void
print_json_record (AttestRecordStore *store,
                   guint              index)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) problems = attest_record_store_dup_problems (store, index);
  AttestRecordField attested = ATTEST_RECORD_FIELD_PARTNER_ATTESTATION_COMPLETED;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "row");
  json_builder_add_int_value (builder, attest_record_store_get_line (store, index));
  for (AttestRecordField f = 0; f < attested; f++)
    add_string_or_null (builder, attest_record_field_get_json_key (f),
                        attest_record_store_dup_field (store, index, f));

  json_builder_set_member_name (builder, attest_record_field_get_json_key (attested));
  if (!attest_record_store_has_field (store, index, attested) ||
      attest_record_store_get_attested_value (store, index) == ATTEST_BOOLEAN_INVALID)
    json_builder_add_null_value (builder);
  else
    json_builder_add_boolean_value (builder, attest_record_store_get_attested (store, index));

  json_builder_set_member_name (builder, "actionable");
  json_builder_add_boolean_value (builder, attest_record_store_is_actionable (store, index));

  json_builder_set_member_name (builder, "extra");
  json_builder_begin_object (builder);
  for (guint c = 0; c < attest_record_store_get_n_columns (store); c++)
    {
      int field = attest_record_store_get_column_field (store, c);

      if (field >= 0 && field != ATTEST_RECORD_FIELD_CUSTOMER_ACCOUNT_LINK)
        continue;
      add_string_or_null (builder, attest_record_store_get_column_name (store, c),
                          attest_record_store_dup_column_value (store, index, c));
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "problems");
  add_problems (builder, problems);
  json_builder_end_object (builder);

  print_json_line (builder);
}

static void
print_json (AttestRecordStore *store)
{
  GPtrArray *file_problems = attest_record_store_get_file_problems (store);

  if (file_problems->len > 0)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file_problems");
      add_problems (builder, file_problems);
      json_builder_end_object (builder);
      print_json_line (builder);
    }

  for (guint i = 0; i < attest_record_store_get_n_records (store); i++)
    print_json_record (store, i);
}

static void
print_report (AttestRecordStore *store)
{
  GPtrArray *file_problems = attest_record_store_get_file_problems (store);
  AttestRecordCounts counts;

  attest_record_store_get_counts (store, &counts);
  printf (_("Records: %'u\n"), counts.total);
  printf (_("Marked as attested: %'u\n"), counts.marked);
  printf (_("Ready to send: %'u\n"), counts.actionable);
  printf (_("With problems: %'u\n"), counts.problems);

  if (file_problems->len == 0 && counts.problems == 0)
    {
      printf ("%s\n", _("No problems found."));
      return;
    }

  fputc ('\n', stdout);
  for (guint i = 0; i < file_problems->len; i++)
    {
      AttestRecordProblem *problem = g_ptr_array_index (file_problems, i);

      /* Translators: a problem of the whole file, in the report of attest check. */
      printf (_("File: %s\n"), problem->message);
    }

  for (guint i = 0; i < attest_record_store_get_n_records (store); i++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      guint line;

      if (attest_record_store_get_problems (store, i) == 0)
        continue;

      line = attest_record_store_get_line (store, i);
      problems = attest_record_store_dup_problems (store, i);
      for (guint p = 0; p < problems->len; p++)
        {
          AttestRecordProblem *problem = g_ptr_array_index (problems, p);

          if (problem->field != NULL)
            /* Translators: line number, column name, then the problem. */
            printf (_("Line %u, %s: %s\n"), line, problem->field, problem->message);
          else
            /* Translators: line number, then the problem. */
            printf (_("Line %u: %s\n"), line, problem->message);
        }
    }
}

int
attest_cli_check_run (AttestCliGlobals  *globals,
                      int                argc,
                      char             **argv)
{
  g_autoptr(AttestRecordStore) store = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  AttestRecordCounts counts;

  if (argc != 2)
    {
      attest_cli_printerr ("%s", _("Give exactly one file to check, as in “attest check "
                                   "CustomerAgreementRecords.csv”."));
      return ATTEST_EXIT_USAGE;
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  store = attest_csv_load_file (file, NULL, NULL, NULL, &error);
  if (store == NULL)
    {
      attest_cli_printerr ("%s", error->message);
      return ATTEST_EXIT_USAGE;
    }

  if (json_output)
    print_json (store);
  else
    print_report (store);
  fflush (stdout);

  attest_record_store_get_counts (store, &counts);
  g_info ("Checked %s: %u records, %u with problems", argv[1], counts.total, counts.problems);

  if (counts.problems > 0 || attest_record_store_get_file_problems (store)->len > 0)
    return ATTEST_EXIT_PROBLEMS;

  return ATTEST_EXIT_OK;
}
