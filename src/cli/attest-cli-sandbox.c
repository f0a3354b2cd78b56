/* attest-cli-sandbox.c: `attest sandbox`, the sandbox on its own
 *
 * Prints the sandbox's address as the first line on stdout, so that a
 * script can read it, and serves until SIGINT or SIGTERM. It serves
 * Microsoft's current flow, or with the global --classic the classic
 * service. What a person needs to sign in to it goes to stderr, the web
 * app's client secret included: it is a fixture of the sandbox, which
 * follows from the seed, not a secret.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-cli-sandbox"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>

#include "attest-cli-private.h"
#include "attest-format.h"

static struct
{
  int       port;
  int       customers;
  gint64    seed;
  int       page_size;
  char     *template_id;
  int       latency_ms;
  int       read_latency_ms;
  int       jitter_ms;
  double    rate_429;
  char     *retry_after;
  char     *retry_after_form;
  double    rate_500;
  double    rate_503;
  double    rate_drop;
  int       token_lifetime;
  gboolean  auto_approve;
  gboolean  without_mfa;
  gboolean  without_role;
  gboolean  without_records_list;
} options = {
  .customers = ATTEST_SANDBOX_DEFAULT_CUSTOMERS,
  .seed = ATTEST_SANDBOX_DEFAULT_SEED,
  .page_size = ATTEST_SANDBOX_DEFAULT_PAGE_SIZE,
  .token_lifetime = ATTEST_SANDBOX_DEFAULT_TOKEN_LIFETIME,
};

const GOptionEntry attest_cli_sandbox_entries[] = {
  { "port", 0, 0, G_OPTION_ARG_INT, &options.port,
    N_("The port to listen on (default: one the system chooses)"), N_("N") },
  { "customers", 0, 0, G_OPTION_ARG_INT, &options.customers,
    N_("How many customers need attestation (default: 120)"), N_("N") },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &options.seed,
    N_("The seed the customers, IDs and faults follow (default: 1)"), N_("N") },
  { "page-size", 0, 0, G_OPTION_ARG_INT, &options.page_size,
    N_("Records per page of the fetch (default: 50)"), N_("N") },
  { "template-id", 0, 0, G_OPTION_ARG_STRING, &options.template_id,
    N_("The agreement template ID to hand out (default: one that follows the seed)"),
    N_("GUID") },
  { "latency", 0, 0, G_OPTION_ARG_INT, &options.latency_ms,
    N_("Delay every Partner Center answer by this many milliseconds"), N_("MS") },
  { "read-latency", 0, 0, G_OPTION_ARG_INT, &options.read_latency_ms,
    N_("Delay every Partner Center answer to a read by this many milliseconds instead"),
    N_("MS") },
  { "read-latency-ms", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &options.read_latency_ms,
    NULL, NULL },
  { "jitter", 0, 0, G_OPTION_ARG_INT, &options.jitter_ms,
    N_("Add up to this many milliseconds more, at random"), N_("MS") },
  { "rate-429", 0, 0, G_OPTION_ARG_DOUBLE, &options.rate_429,
    N_("The share of requests answered 429 Too Many Requests (0 to 1)"), N_("RATE") },
  { "retry-after", 0, 0, G_OPTION_ARG_STRING, &options.retry_after,
    N_("The Retry-After of a 429, in seconds, or a range MIN-MAX (default: 1-5)"),
    N_("SECONDS") },
  { "retry-after-form", 0, 0, G_OPTION_ARG_STRING, &options.retry_after_form,
    N_("How a 429 states Retry-After: seconds, date or mixed (default: seconds)"),
    N_("FORM") },
  { "rate-500", 0, 0, G_OPTION_ARG_DOUBLE, &options.rate_500,
    N_("The share of requests answered 500 Internal Server Error (0 to 1)"), N_("RATE") },
  { "rate-503", 0, 0, G_OPTION_ARG_DOUBLE, &options.rate_503,
    N_("The share of requests answered 503 Service Unavailable (0 to 1)"), N_("RATE") },
  { "drop-rate", 0, 0, G_OPTION_ARG_DOUBLE, &options.rate_drop,
    N_("The share of connections closed without an answer (0 to 1)"), N_("RATE") },
  { "token-lifetime", 0, 0, G_OPTION_ARG_INT, &options.token_lifetime,
    N_("Seconds an access token stays valid (default: 3600)"), N_("SECONDS") },
  { "auto-approve", 0, 0, G_OPTION_ARG_NONE, &options.auto_approve,
    N_("Approve every sign-in at once, without the sign-in page"), NULL },
  { "user-without-mfa", 0, 0, G_OPTION_ARG_NONE, &options.without_mfa,
    N_("Sign the user in without multi-factor authentication"), NULL },
  { "user-without-role", 0, 0, G_OPTION_ARG_NONE, &options.without_role,
    N_("Take the Admin agent role away from the user"), NULL },
  { "without-records-list", 0, 0, G_OPTION_ARG_NONE, &options.without_records_list,
    N_("Answer 404 for the records list of Microsoft's tool, as if it were no longer served"),
    NULL },
  { NULL }
};

static gboolean
check_rate (const char  *option,
            double       rate,
            GError     **error)
{
  if (rate >= 0.0 && rate <= 1.0)
    return TRUE;

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("The value of --%s must lie between 0 and 1, for example 0.05."), option);
  return FALSE;
}

static gboolean
check_count (const char  *option,
             gint64       value,
             gint64       low,
             gint64       high,
             GError     **error)
{
  g_autofree char *low_text = NULL;
  g_autofree char *high_text = NULL;

  if (value >= low && value <= high)
    return TRUE;

  low_text = g_strdup_printf ("%'" G_GINT64_FORMAT, low);
  high_text = g_strdup_printf ("%'" G_GINT64_FORMAT, high);
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("The value of --%s must be a whole number from %s to %s."),
               option, low_text, high_text);
  return FALSE;
}

static gboolean
parse_faults (AttestSandboxFaults  *faults,
              GError              **error)
{
  g_auto(GStrv) range = NULL;
  guint64 low = 1, high = 5;

  if (!check_count ("latency", options.latency_ms, 0, 600000, error)
      || !check_count ("read-latency", options.read_latency_ms, 0, 600000, error)
      || !check_count ("jitter", options.jitter_ms, 0, 600000, error)
      || !check_rate ("rate-429", options.rate_429, error)
      || !check_rate ("rate-500", options.rate_500, error)
      || !check_rate ("rate-503", options.rate_503, error)
      || !check_rate ("drop-rate", options.rate_drop, error))
    return FALSE;

  if (options.retry_after != NULL)
    {
      range = g_strsplit (options.retry_after, "-", 2);
      if (!g_ascii_string_to_unsigned (range[0], 10, 0, 86400, &low, NULL)
          || (range[1] != NULL
              && !g_ascii_string_to_unsigned (range[1], 10, low, 86400, &high, NULL)))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("The value of --retry-after must be seconds, such as 5, or a range "
                         "such as 1-30, not “%s”."), options.retry_after);
          return FALSE;
        }
      if (range[1] == NULL)
        high = low;
    }

  faults->latency_ms = options.latency_ms;
  faults->read_latency_ms = options.read_latency_ms;
  faults->jitter_ms = options.jitter_ms;
  faults->rate_429 = options.rate_429;
  faults->retry_after_min = low;
  faults->retry_after_max = high;
  faults->rate_500 = options.rate_500;
  faults->rate_503 = options.rate_503;
  faults->rate_drop = options.rate_drop;

  if (options.retry_after_form == NULL || g_str_equal (options.retry_after_form, "seconds"))
    faults->retry_after_form = ATTEST_SANDBOX_RETRY_AFTER_SECONDS;
  else if (g_str_equal (options.retry_after_form, "date"))
    faults->retry_after_form = ATTEST_SANDBOX_RETRY_AFTER_HTTP_DATE;
  else if (g_str_equal (options.retry_after_form, "mixed"))
    faults->retry_after_form = ATTEST_SANDBOX_RETRY_AFTER_MIXED;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The value of --retry-after-form must be seconds, date or mixed, not "
                     "“%s”."), options.retry_after_form);
      return FALSE;
    }

  return TRUE;
}

static gboolean
on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_CONTINUE;
}

int
attest_cli_sandbox_run (AttestCliGlobals  *globals,
                        int                argc,
                        char             **argv)
{
  g_autoptr(AttestSandbox) sandbox = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  AttestSandboxFaults faults = { 0 };
  g_autoptr(GDateTime) retirement = g_date_time_new_local (2026, 1, 5, 12, 0, 0);
  g_autofree char *retired_on = attest_format_day (retirement);
  guint sigint_id, sigterm_id;

  if (argc > 1)
    {
      attest_cli_printerr (_("“attest sandbox” takes no file or word, only options; "
                             "“%s” is one too many."), argv[1]);
      return ATTEST_EXIT_USAGE;
    }

  if (!check_count ("port", options.port, 0, 65535, &error)
      || !check_count ("customers", options.customers, 0, 10000000, &error)
      || !check_count ("seed", options.seed, 0, G_MAXUINT32, &error)
      || !check_count ("page-size", options.page_size, 1, 100000, &error)
      || !check_count ("token-lifetime", options.token_lifetime, 1, 86400 * 30, &error)
      || !parse_faults (&faults, &error))
    {
      attest_cli_printerr ("%s", error->message);
      return ATTEST_EXIT_USAGE;
    }

  sandbox = attest_sandbox_new ((guint32) options.seed);
  attest_sandbox_set_customer_count (sandbox, options.customers);
  attest_sandbox_set_page_size (sandbox, options.page_size);
  if (options.template_id != NULL)
    attest_sandbox_set_template_id (sandbox, options.template_id);
  attest_sandbox_set_faults (sandbox, &faults);
  attest_sandbox_set_token_lifetime (sandbox, options.token_lifetime);
  attest_sandbox_set_auto_approve (sandbox, options.auto_approve);
  attest_sandbox_set_user_mfa (sandbox, !options.without_mfa);
  attest_sandbox_set_user_has_role (sandbox, !options.without_role);
  attest_sandbox_set_records_list_served (sandbox, !options.without_records_list);
  attest_sandbox_set_classic (sandbox, globals->config->classic);

  if (!attest_sandbox_start (sandbox, options.port, &error))
    {
      attest_cli_printerr ("%s", error->message);
      return ATTEST_EXIT_PROBLEMS;
    }

  g_print ("%s\n", attest_sandbox_get_uri (sandbox));
  fflush (stdout);
  g_printerr (_("Partner tenant: %s\n"), attest_sandbox_get_tenant_id (sandbox));
  g_printerr (_("User: %s\n"), attest_sandbox_get_user (sandbox));
  g_printerr (_("Application ID: %s\n"), attest_sandbox_get_app_id (sandbox));
  g_printerr (_("AppOnly application ID: %s\n"), attest_sandbox_get_app_client_id (sandbox));
  g_printerr (_("AppOnly client secret: %s\n"), attest_sandbox_get_app_client_secret (sandbox));
  g_printerr (_("Customers needing attestation: %'u\n"),
              attest_sandbox_get_customer_count (sandbox));
  if (globals->config->classic)
    /* Translators: %s is a day, such as 5 January 2026. */
    g_printerr (_("Serves the classic attestation, which Microsoft retired on %s.\n"),
                retired_on);
  else
    g_printerr ("%s\n", _("Serves Microsoft's current flow: the classic attestation is "
                          "refused."));
  g_printerr ("%s\n", _("Press Ctrl+C to stop."));

  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, on_signal, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, on_signal, loop);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  g_info ("Sandbox stopped after %u requests", attest_sandbox_get_request_count (sandbox));

  return ATTEST_EXIT_OK;
}
