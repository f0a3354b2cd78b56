/* attest-cli-request.c: `attest request FILE -o LINKS [--direct]
 * [--renew] [--yes]` (SPEC §13 "Request", "Links", CLI contract)
 *
 * An attestation for each marked customer of FILE that needs acceptance,
 * and the links file. What stands in the way of each customer that cannot
 * be requested is said with its line before anything is sent; progress
 * goes to stderr, the summary to stdout. Exit status: 0 when every marked
 * customer that needs acceptance was requested, 1 when some could not be
 * (each named with its reason), 2 usage or file error, 3 a credential
 * missing or refused, 4 interrupted (resumable).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-cli-request"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "attest-cli-private.h"
#include "attest-csv-reader.h"

static char     *links_path;
static gboolean  direct;
static gboolean  renew;
static gboolean  assume_yes;

const GOptionEntry attest_cli_request_entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &links_path,
    N_("Write the acceptance links to this CSV file"), N_("LINKS") },
  { "direct", 0, 0, G_OPTION_ARG_NONE, &direct,
    N_("Have the customers accept in the Microsoft 365 admin center: no attestation, the admin "
       "center's address as the link"), NULL },
  { "renew", 0, 0, G_OPTION_ARG_NONE, &renew,
    N_("Request a new attestation and link for customers requested already, such as when a "
       "link expired"), NULL },
  { "yes", 'y', 0, G_OPTION_ARG_NONE, &assume_yes,
    N_("Do not ask for confirmation"), NULL },
  { NULL }
};

typedef struct
{
  AttestCliProgress  progress;
  AttestMcaRequest  *request;
} Progress;

static void
on_profiles_read (GObject    *object,
                  GParamSpec *pspec,
                  Progress   *progress)
{
  guint done = 0;
  guint total = 0;
  g_autofree char *line = NULL;

  g_object_get (object, "n-profiles-read", &done, "n-profiles", &total, NULL);
  /* Translators: progress of attest request while it reads the billing profiles. */
  line = g_strdup_printf (_("%'u of %'u billing profiles read"), done, total);
  attest_cli_progress_show (&progress->progress, done, total, line);
}

static void
on_customer_done (AttestMcaRequest *request,
                  const char       *customer_id,
                  Progress         *progress)
{
  guint done = 0;
  guint total = 0;
  g_autofree char *line = NULL;

  g_object_get (request, "n-done", &done, "n-customers", &total, NULL);
  /* Translators: progress of attest request while it sends the attestations. */
  line = g_strdup_printf (_("%'u of %'u attestations answered"), done, total);
  attest_cli_progress_show (&progress->progress, done, total, line);
}

/* The counts, each customer that could not be requested or has no answer
 * counted under its reason, and the links file, which has each one's. */
static void
print_summary (AttestMcaRequest *request)
{
  GPtrArray *members = attest_mca_request_get_members (request);
  g_autoptr(AttestCliReasons) not_requested = attest_cli_reasons_new ();
  g_autoptr(AttestCliReasons) unanswered = attest_cli_reasons_new ();
  const char *links = attest_mca_request_get_links_path (request);
  AttestMcaRequestCounts counts;

  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      AttestMcaRunMember *member = g_ptr_array_index (members, i);
      const char *id = attest_mca_run_member_get_customer_id (member);
      const char *message = NULL;

      switch (attest_mca_request_get_outcome (request, member, &message))
        {
        case ATTEST_MCA_REQUEST_OUTCOME_REFUSED:
        case ATTEST_MCA_REQUEST_OUTCOME_NOT_REQUESTED:
          attest_cli_reasons_add (not_requested, message, id);
          break;
        case ATTEST_MCA_REQUEST_OUTCOME_UNANSWERED:
          attest_cli_reasons_add (unanswered,
                                  message != NULL ? message
                                                  : _("Not sent yet: “attest resume” sends it."),
                                  id);
          break;
        default:
          break;
        }
    }

  attest_mca_request_get_counts (request, &counts);
  g_print (_("Requested: %'u\n"), counts.requested);
  g_print (_("To accept in the admin center: %'u\n"), counts.direct);
  g_print (_("Requested before: %'u\n"), counts.already_requested);
  g_print (_("Needing nothing: %'u\n"), counts.needs_nothing);
  g_print (_("Not requested: %'u\n"), counts.not_requested + counts.refused);
  attest_cli_reasons_print (not_requested);
  if (counts.unanswered > 0)
    {
      g_print (_("No answer yet: %'u\n"), counts.unanswered);
      attest_cli_reasons_print (unanswered);
    }
  if (links != NULL)
    g_print (_("Links: %s\n"), links);
  if (attest_mca_request_get_run_id (request) != NULL)
    g_print (_("Run: %s\n"), attest_mca_request_get_run_id (request));

  /* A run of the window writes no file of its own. */
  if (links == NULL && !(attest_cli_reasons_is_empty (not_requested)
                         && attest_cli_reasons_is_empty (unanswered)))
    g_printerr ("%s\n", _("This run has no file of its own: the Runs dialog of the window "
                          "exports every customer, with its reason."));
}

/* Runs @request, prepared or resumed, to its end with progress on stderr,
 * writes the links file, and says how it went; returns the exit code. */
int
attest_cli_request_send (AttestMcaRequest *request)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  AttestCliInterrupt interrupt = { 0, 0 };
  Progress progress = { { 0 }, request };
  AttestMcaRequestCounts counts;
  gulong handler;
  int status;

  attest_cli_progress_init (&progress.progress);
  handler = g_signal_connect (request, "customer-done", G_CALLBACK (on_customer_done),
                              &progress);
  attest_cli_catch_interrupt (&interrupt, cancellable);
  attest_mca_request_run_async (request, links_path, cancellable, attest_cli_store_result,
                                &slot);
  result = attest_cli_wait (&slot);
  attest_cli_release_interrupt (&interrupt);
  g_signal_handler_disconnect (request, handler);
  attest_cli_progress_end (&progress.progress);

  if (!attest_mca_request_run_finish (request, result, &error))
    {
      status = attest_cli_mca_report_error (error);
      print_summary (request);
      if (attest_mca_request_get_run_id (request) != NULL && status != ATTEST_EXIT_USAGE)
        g_printerr (_("Resume the run later with: attest resume %s\n"),
                    attest_mca_request_get_run_id (request));
      return status;
    }

  print_summary (request);
  attest_mca_request_get_counts (request, &counts);

  return counts.not_requested + counts.refused > 0 ? ATTEST_EXIT_PROBLEMS : ATTEST_EXIT_OK;
}

static gboolean
confirm (guint n_attestations,
         guint n_direct)
{
  char answer[16] = { 0 };
  g_auto(GStrv) yes = NULL;
  g_autofree char *lower = NULL;

  if (n_attestations > 0)
    /* Translators: asked before anything is sent; the answer is y or n. */
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "Request an attestation for %'u customer? Partner Center sends "
                             "nothing to the customer: you send each link to the signatory. "
                             "[y/N] ",
                             "Request an attestation for %'u customers? Partner Center sends "
                             "nothing to the customers: you send each link to the signatory. "
                             "[y/N] ",
                             n_attestations),
                n_attestations);
  else
    /* Translators: asked before the links file is written; the answer is y or n. */
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "Write the admin center’s address for %'u customer to accept "
                             "directly? [y/N] ",
                             "Write the admin center’s address for %'u customers to accept "
                             "directly? [y/N] ",
                             n_direct),
                n_direct);

  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;

  g_strstrip (answer);
  /* Translators: the answers that mean yes to the question above, lower case, separated by |. */
  yes = g_strsplit (_("y|yes"), "|", -1);
  lower = g_utf8_strdown (answer, -1);

  return g_strv_contains ((const char * const *) yes, lower) || g_str_equal (lower, "y");
}

/* Reads the marked customers of @path; says what is wrong with the rows
 * it leaves out. */
static GPtrArray *
read_rows (const char  *path,
           GPtrArray   *problems,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(AttestRecordStore) store = NULL;

  store = attest_csv_load_file (file, NULL, NULL, NULL, error);
  if (store == NULL)
    return NULL;

  return attest_mca_rows_from_store (store, problems);
}

static int
prepare (AttestMcaRequest *request,
         GPtrArray        *rows)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  Progress progress = { { 0 }, request };
  gulong handler;

  attest_cli_progress_init (&progress.progress);
  handler = g_signal_connect (request, "notify::n-profiles-read", G_CALLBACK (on_profiles_read),
                              &progress);
  attest_mca_request_prepare_async (request, rows, NULL, attest_cli_store_result, &slot);
  result = attest_cli_wait (&slot);
  g_signal_handler_disconnect (request, handler);
  attest_cli_progress_end (&progress.progress);

  if (!attest_mca_request_prepare_finish (request, result, &error))
    return attest_cli_mca_report_error (error);

  return ATTEST_EXIT_OK;
}

int
attest_cli_request_run (AttestCliGlobals  *globals,
                        int                argc,
                        char             **argv)
{
  g_autoptr(GPtrArray) file_problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(AttestPartnerClient) client = NULL;
  g_autoptr(AttestMcaLedger) ledger = NULL;
  g_autoptr(AttestMcaRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  AttestMcaRequestCounts counts;
  GPtrArray *problems;
  int status;

  if (argc != 2 || links_path == NULL)
    {
      attest_cli_printerr (_("Name one CSV file of customers and the links file to write, such "
                             "as: attest request customers.csv -o links.csv"));
      return ATTEST_EXIT_USAGE;
    }

  rows = read_rows (argv[1], file_problems, &error);
  if (rows == NULL)
    {
      attest_cli_printerr ("%s", error->message);
      return ATTEST_EXIT_USAGE;
    }
  for (guint i = 0; i < file_problems->len; i++)
    g_printerr ("%s\n", (char *) g_ptr_array_index (file_problems, i));
  if (rows->len == 0)
    {
      g_print ("%s\n", _("No customer of the file is marked to request: mark them in the "
                         "PartnerAttestationCompleted column, or remove that column to request "
                         "every row."));
      return file_problems->len > 0 ? ATTEST_EXIT_PROBLEMS : ATTEST_EXIT_OK;
    }

  client = attest_cli_new_partner_client (globals, &error);
  if (client == NULL)
    return attest_cli_report_partner_error (error);
  ledger = attest_cli_open_ledger (client, &error);
  if (ledger == NULL)
    return attest_cli_mca_report_error (error);

  request = attest_mca_request_new (client, ledger,
                                    (direct ? ATTEST_MCA_REQUEST_DIRECT : 0)
                                    | (renew ? ATTEST_MCA_REQUEST_RENEW : 0));
  status = prepare (request, rows);
  if (status != ATTEST_EXIT_OK)
    return status;

  problems = attest_mca_request_get_problems (request);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("%s\n", (char *) g_ptr_array_index (problems, i));

  attest_mca_request_get_counts (request, &counts);
  if (counts.to_send + counts.direct > 0 && !assume_yes && isatty (0)
      && !confirm (counts.to_send, counts.direct))
    {
      g_printerr ("%s\n", _("Nothing was sent."));
      return ATTEST_EXIT_OK;
    }

  status = attest_cli_request_send (request);
  if (status == ATTEST_EXIT_OK && file_problems->len > 0)
    status = ATTEST_EXIT_PROBLEMS;

  return status;
}
