/* attest-cli.c: finding and running a headless command
 *
 * The binary is one program with two faces: the window, and commands such as
 * `attest check FILE`. A command runs without a display and without GTK
 * initialised; global options may stand before or after the command word.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-auth-error.h"
#include "attest-cli-private.h"
#include "attest-log.h"
#include "attest-settings.h"

/* Only commands that work are listed here, and so in --help. */
static const AttestCliCommand commands[] = {
  { "check", N_("FILE"), N_("Read and validate a CSV file and report every problem"),
    attest_cli_check_entries, attest_cli_check_run },
  { "complete", N_("[RUN-ID]"),
    N_("Create the agreements of the customers who accepted through their links"),
    attest_cli_complete_entries, attest_cli_complete_run },
  { "fetch", N_("-o FILE"),
    N_("Write the customers that need attestation to a CSV file in the format of Microsoft's "
       "tool"),
    attest_cli_fetch_entries, attest_cli_fetch_run },
  { "request", N_("FILE -o LINKS"),
    N_("Request an acceptance link for each marked customer that needs to accept the Microsoft "
       "Customer Agreement"),
    attest_cli_request_entries, attest_cli_request_run },
  { "resume", N_("[RUN-ID]"), N_("Finish an interrupted run, sending nothing twice"),
    attest_cli_resume_entries, attest_cli_resume_run },
  { "runs", "", N_("List the runs and their state"),
    NULL, attest_cli_runs_run },
  { "sandbox", "", N_("Run the local Partner Center and Entra ID sandbox until interrupted"),
    attest_cli_sandbox_entries, attest_cli_sandbox_run },
  { "sign-in", "",
    N_("Sign in to Partner Center and keep the sign-in in the keyring, or add the AppOnly "
       "credential with --app-only"),
    attest_cli_sign_in_entries, attest_cli_sign_in, TRUE },
  { "sign-out", "",
    N_("Sign out and remove the sign-in from the keyring, or the AppOnly credential with "
       "--app-only"),
    attest_cli_sign_out_entries, attest_cli_sign_out, TRUE },
  { "status", N_("[FILE] [-o FILE]"),
    N_("Show which customers still need to accept the Microsoft Customer Agreement"),
    attest_cli_status_entries, attest_cli_status_run },
  { "submit", N_("FILE"),
    N_("Attest the customers of a CSV file that are marked and valid, in batches"),
    attest_cli_submit_entries, attest_cli_submit_run },
  { "whoami", "",
    N_("Show who is signed in, to which tenant, until when, and the AppOnly credential"),
    NULL, attest_cli_whoami },
  { NULL }
};

/* Global options that take a value, so that their value is not mistaken for
 * the command word while looking for it. */
static const char * const options_with_value[] = {
  "--api-base",
  "--app-id",
  "--application-id",
  "--authority",
  "--tenant",
  "--user",
  NULL
};

gboolean
attest_cli_option_takes_value (const char *arg)
{
  g_return_val_if_fail (arg != NULL, FALSE);

  /* "--opt=value" carries its value with it. */
  if (strchr (arg, '=') != NULL)
    return FALSE;

  return g_strv_contains (options_with_value, arg);
}

/* Finds the first word that is not an option or an option's value. */
static int
find_command_word (int    argc,
                   char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--"))
        return -1;

      if (arg[0] == '-')
        {
          if (attest_cli_option_takes_value (arg))
            i++;
          continue;
        }

      return i;
    }

  return -1;
}

const AttestCliCommand *
attest_cli_find_command (int          argc,
                         char       **argv,
                         const char **unknown_word)
{
  int index = find_command_word (argc, argv);

  if (unknown_word != NULL)
    *unknown_word = NULL;

  if (index < 0)
    return NULL;

  for (const AttestCliCommand *c = commands; c->name != NULL; c++)
    {
      if (g_str_equal (c->name, argv[index]))
        return c;
    }

  if (unknown_word != NULL)
    *unknown_word = argv[index];

  return NULL;
}

/* "name PARAMETERS", the parameters translated; the name alone for a
 * command without any (an empty text is never looked up: gettext gives
 * the catalogue's header for it). */
static char *
dup_usage (const AttestCliCommand *command)
{
  if (command->parameter_string[0] == '\0')
    return g_strdup (command->name);

  return g_strdup_printf ("%s %s", command->name, _(command->parameter_string));
}

char *
attest_cli_dup_commands_help (void)
{
  g_autoptr(GString) help = g_string_new (NULL);

  if (commands[0].name == NULL)
    return NULL;

  g_string_append (help, _("Commands:"));
  g_string_append_c (help, '\n');
  for (const AttestCliCommand *c = commands; c->name != NULL; c++)
    {
      g_autofree char *usage = dup_usage (c);

      /* Padded by what the terminal shows: "GÖNDERİM-KİMLİĞİ" is 16
       * characters in 20 bytes. */
      g_string_append (help, "  ");
      attest_cli_append_padded (help, usage, -34);
      g_string_append_printf (help, " %s\n", _(c->summary));
    }
  g_string_append_c (help, '\n');
  g_string_append (help, _("Run “attest COMMAND --help” for the options of a command."));

  return g_string_free (g_steal_pointer (&help), FALSE);
}

void
attest_cli_printerr (const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("attest: %s\n", message);
}

/* What the global options set on the command line; NULL or FALSE when not given. */
typedef struct
{
  gboolean  debug;
  gboolean  no_mfa;
  gboolean  sandbox;
  gboolean  classic;
  char     *api_base;
  char     *app_id;
  char     *user;
  char     *tenant;
  char     *authority;
} GlobalOptions;

static void
global_options_clear (GlobalOptions *options)
{
  g_clear_pointer (&options->api_base, g_free);
  g_clear_pointer (&options->app_id, g_free);
  g_clear_pointer (&options->user, g_free);
  g_clear_pointer (&options->tenant, g_free);
  g_clear_pointer (&options->authority, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GlobalOptions, global_options_clear)

static void
replace_option (char       **field,
                const char  *value)
{
  if (value == NULL)
    return;

  g_free (*field);
  *field = g_strstrip (g_strdup (value));
}

static void
apply_global_options (AttestConfig        *config,
                      const GlobalOptions *options)
{
  config->debug |= options->debug;
  config->no_mfa |= options->no_mfa;
  config->sandbox |= options->sandbox;
  config->classic |= options->classic;
  replace_option (&config->api_base, options->api_base);
  replace_option (&config->app_id, options->app_id);
  replace_option (&config->user, options->user);
  replace_option (&config->tenant, options->tenant);
  replace_option (&config->authority, options->authority);
}

int
attest_cli_run (const AttestCliCommand  *command,
                int                      argc,
                char                   **argv)
{
  g_autoptr(AttestConfig) config = NULL;
  g_autoptr(GSettings) settings = NULL;
  AttestCliGlobals globals = { NULL, NULL };
  g_auto(GlobalOptions) options = { 0 };
  /* Who signs in: shown in the --help of the commands that sign in and
   * out, and under --help-global for the others. */
  const GOptionEntry account_entries[] = {
    { "app-id", 0, 0, G_OPTION_ARG_STRING, &options.app_id,
      N_("The application (client) ID of the app registration in Microsoft Entra ID"),
      N_("GUID") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &options.user,
      N_("The user principal name of the partner admin who signs in"), N_("UPN") },
    { "tenant", 0, 0, G_OPTION_ARG_STRING, &options.tenant,
      N_("The partner tenant to sign in to (default: the domain of the user)"), N_("TENANT") },
    { "authority", 0, 0, G_OPTION_ARG_STRING, &options.authority,
      N_("The Microsoft Entra ID sign-in address"), N_("URL") },
    { "no-mfa", 0, 0, G_OPTION_ARG_NONE, &options.no_mfa,
      N_("Accept a sign-in without multi-factor authentication"), NULL },
    { NULL }
  };
  const GOptionEntry global_entries[] = {
    { "debug", 0, 0, G_OPTION_ARG_NONE, &options.debug,
      N_("Write debug messages to the log file"), NULL },
    { "api-base", 0, 0, G_OPTION_ARG_STRING, &options.api_base,
      N_("The Partner Center API address"), N_("URL") },
    { "sandbox", 0, 0, G_OPTION_ARG_NONE, &options.sandbox,
      N_("Work against a sandbox run inside Attest, signed in as its partner"), NULL },
    { "classic", 0, 0, G_OPTION_ARG_NONE, &options.classic,
      N_("Let the sandbox serve the classic attestation, which Microsoft retired on 2026-01-05, "
         "instead of the current flow"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameter_string = NULL;
  g_auto(GStrv) args = NULL;
  GOptionGroup *group;
  int command_index;
  int n_args = 0;
  int status;

  /* A command's stdout is its output (the sandbox's address, a listing):
   * messages, debug ones included, go to stderr. */
  g_log_writer_default_set_use_stderr (TRUE);

  g_return_val_if_fail (command != NULL, ATTEST_EXIT_USAGE);

  /* Drop the command word; what is left is the command's own arguments. */
  command_index = find_command_word (argc, argv);
  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    {
      if (i != command_index)
        args[n_args++] = g_strdup (argv[i]);
    }

  parameter_string = dup_usage (command);
  context = g_option_context_new (parameter_string);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  if (command->entries != NULL)
    g_option_context_add_main_entries (context, command->entries, GETTEXT_PACKAGE);
  if (command->account_options)
    g_option_context_add_main_entries (context, account_entries, GETTEXT_PACKAGE);

  group = g_option_group_new ("global", _("Global options:"), _("Show the global options"),
                              NULL, NULL);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  if (!command->account_options)
    g_option_group_add_entries (group, account_entries);
  g_option_group_add_entries (group, global_entries);
  g_option_context_add_group (context, group);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      attest_cli_printerr (_("%s. Run “attest %s --help” to see its options."), error->message,
                           command->name);
      return ATTEST_EXIT_USAGE;
    }

  if (options.classic && !options.sandbox && !g_str_equal (command->name, "sandbox"))
    {
      attest_cli_printerr (_("--classic applies only to the sandbox: use it with --sandbox or "
                             "with “attest sandbox”."));
      return ATTEST_EXIT_USAGE;
    }

  if (options.app_id != NULL && !attest_auth_app_id_is_valid (g_strstrip (options.app_id)))
    {
      attest_cli_printerr (_("The application ID “%s” given with --app-id is not a GUID, such "
                             "as 00000000-0000-0000-0000-000000000000."),
                           options.app_id);
      return ATTEST_EXIT_USAGE;
    }

  /* The window reads the same, in the same order; the options go on top. */
  settings = attest_settings_new (NULL);
  config = attest_config_new_from_sources (settings, NULL);
  apply_global_options (config, &options);

  if (!attest_log_init (config->debug ? ATTEST_LOG_LEVEL_DEBUG : ATTEST_LOG_LEVEL_INFORMATION,
                        &error))
    {
      /* A log that cannot be written must not stop the work it would describe. */
      attest_cli_printerr ("%s", error->message);
      g_clear_error (&error);
    }

  g_info ("Command %s", command->name);

  globals.config = config;
  globals.connection = attest_cli_new_connection (g_steal_pointer (&config));
  status = command->run (&globals, g_strv_length (args), args);
  g_clear_object (&globals.connection);

  return status;
}
