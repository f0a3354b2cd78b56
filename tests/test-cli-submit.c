/* test-cli-submit.c: `attest submit`, `attest resume` and `attest runs` as
 * processes against `attest sandbox` as a process, SIGKILL included (e2e
 * suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "attest-test-cli.h"
#include "attest-test-utils.h"

typedef struct
{
  GSubprocess      *sandbox;
  GDataInputStream *sandbox_out;
  char             *uri;
  char             *token;
  char             *folder;
  char             *customers;    /* the fetched file, with every row marked */
} Fixture;

/* The fetched file with PartnerAttestationCompleted set to True on every
 * row; returns how many rows there are. */
static guint
mark_every_row (const char *path)
{
  g_autofree char *contents = attest_test_read_file (path);
  g_auto(GStrv) lines = g_strsplit (contents, "\r\n", -1);
  g_autoptr(GString) marked = g_string_new (NULL);
  guint rows = 0;

  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_autofree char *line = g_strdup (lines[i]);
      char *flag = i > 0 ? strstr (line, ",False,https://") : NULL;

      if (i > 0)
        {
          g_assert_nonnull (flag);
          rows++;
          g_string_append_len (marked, line, flag - line);
          g_string_append (marked, ",True,");
          g_string_append (marked, flag + strlen (",False,"));
        }
      else
        g_string_append (marked, line);
      g_string_append (marked, "\r\n");
    }

  g_assert_true (g_file_set_contents (path, marked->str, marked->len, NULL));
  return rows;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char * const *sandbox_args = data;
  g_autoptr(GSubprocess) fetch = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  static guint counter;
  g_autofree char *name = g_strdup_printf ("case-%u", ++counter);

  fixture->folder = g_build_filename (attest_test_get_root (), name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->folder, 0700), ==, 0);

  fixture->uri = attest_test_cli_start_sandbox (&fixture->sandbox, &fixture->sandbox_out,
                                                sandbox_args);
  fixture->token = attest_test_cli_sign_in_by_device_code (fixture->uri);
  fixture->customers = g_build_filename (fixture->folder, "customers.csv", NULL);

  fetch = attest_test_cli_spawn ((const char *[]) { "fetch", "-o", fixture->customers,
                                                    "--api-base", fixture->uri, NULL },
                                 fixture->folder, fixture->token);
  g_assert_cmpint (attest_test_cli_finish (fetch, &out, &err), ==, 0);
  mark_every_row (fixture->customers);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *runs = g_build_filename (g_get_user_state_dir (), "attest", "runs", NULL);

  attest_test_cli_stop_sandbox (fixture->sandbox);
  g_clear_object (&fixture->sandbox);
  g_clear_object (&fixture->sandbox_out);
  g_free (fixture->uri);
  g_free (fixture->token);
  g_free (fixture->folder);
  g_free (fixture->customers);

  /* Each case starts with no runs. */
  attest_test_remove_tree (runs);
}

static int
run_attest (Fixture            *fixture,
            const char * const *args,
            char              **out,
            char              **err)
{
  return attest_test_cli_run_at (fixture->uri, args, fixture->folder, fixture->token, out, err);
}

/* What `attest fetch` still lists, as a set of customer IDs. */
static GHashTable *
still_listed (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->folder, "remaining.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpint (run_attest (fixture, (const char *[]) { "fetch", "-o", path, "--force", NULL },
                               &out, &err), ==, 0);
  contents = attest_test_read_file (path);
  lines = g_strsplit (contents, "\r\n", -1);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    g_hash_table_add (ids, g_strndup (lines[i], 36));

  return ids;
}

static char *
results_path (Fixture *fixture)
{
  return g_build_filename (fixture->folder, "results.csv", NULL);
}

/* Every row of the results file is attested, or invalid and still listed;
 * none was sent twice (that would read "already-attested"). */
static void
assert_results (Fixture *fixture,
                guint   *attested,
                guint   *invalid)
{
  g_autofree char *path = results_path (fixture);
  g_autofree char *contents = attest_test_read_file (path);
  g_auto(GStrv) lines = g_strsplit (contents, "\r\n", -1);
  g_autoptr(GHashTable) listed = still_listed (fixture);

  *attested = *invalid = 0;
  g_assert_true (g_str_has_suffix (lines[0], ",Status,Message,RequestId,CorrelationId,SubmittedAt"));
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_autofree char *id = g_strndup (lines[i], 36);

      if (strstr (lines[i], ",attested,") != NULL)
        {
          g_assert_false (g_hash_table_contains (listed, id));
          (*attested)++;
        }
      else
        {
          g_assert_nonnull (strstr (lines[i], ",invalid,"));
          g_assert_true (g_hash_table_contains (listed, id));
          (*invalid)++;
        }
    }
}

static void
test_submit_then_runs (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *results = results_path (fixture);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *runs_out = NULL;
  g_autofree char *runs_err = NULL;
  g_autofree char *resume_out = NULL;
  g_autofree char *resume_err = NULL;
  guint attested;
  guint invalid;

  g_assert_cmpint (run_attest (fixture, (const char *[]) { "submit", fixture->customers, "--yes",
                                                           "--batch-size", "40",
                                                           "--results", results, NULL },
                               &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Attested: "));
  g_assert_nonnull (strstr (out, "Rejected: 0\n"));
  g_assert_nonnull (strstr (out, "Failed: 0\n"));
  g_assert_null (strstr (err, fixture->token));

  assert_results (fixture, &attested, &invalid);
  g_assert_cmpuint (attested, >, 100);
  g_assert_cmpuint (invalid, >, 0);     /* the sandbox seeds some invalid emails */

  g_assert_cmpint (run_attest (fixture, (const char *[]) { "runs", NULL }, &runs_out, &runs_err),
                   ==, 0);
  g_assert_nonnull (strstr (runs_out, "completed"));

  g_assert_cmpint (run_attest (fixture, (const char *[]) { "resume", NULL }, &resume_out,
                               &resume_err), ==, 0);
  g_assert_nonnull (strstr (resume_out, "Nothing to resume"));
}

static void
test_submit_usage_errors (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *cases[][6] = {
    { "submit", NULL },
    { "submit", "no-such-file.csv", "--yes", NULL },
    { "submit", "customers.csv", "--batch-size", "501", "--yes", NULL },
    { "submit", "customers.csv", "--strategy", "fast", "--yes", NULL },
    { "submit", "customers.csv", "--date-agreed", "2999-01-01", "--yes", NULL },
    { "resume", "no-such-run", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_attest (fixture, cases[i], &out, &err), ==, 2);
      g_assert_cmpstr (err, !=, "");
    }
}

static void
test_dry_run_shows_the_bodies (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GHashTable) listed = NULL;

  g_assert_cmpint (run_attest (fixture, (const char *[]) { "submit", fixture->customers, "--dry-run",
                                                           NULL }, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "POST /v1/CreateBulkReAttestation\n[{\"partnerId\":"));
  g_assert_nonnull (strstr (out, "\"customerDirectAcceptance\":false"));

  /* Nothing was sent. */
  listed = still_listed (fixture);
  g_assert_cmpuint (g_hash_table_size (listed), ==, 300);
}

static guint
count_runs (void)
{
  g_autofree char *runs = g_build_filename (g_get_user_state_dir (), "attest", "runs", NULL);
  g_autoptr(GDir) dir = g_dir_open (runs, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_suffix (name, ".jsonl");

  return n;
}

static char *
find_run_file (const char *suffix)
{
  g_autofree char *runs = g_build_filename (g_get_user_state_dir (), "attest", "runs", NULL);
  g_autoptr(GDir) dir = g_dir_open (runs, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, suffix))
        return g_build_filename (runs, name, NULL);
    }

  return NULL;
}

static gboolean
has_whole_line (const char *path)
{
  g_autofree char *contents = NULL;

  return path != NULL && g_file_get_contents (path, &contents, NULL, NULL)
         && strchr (contents, '\n') != NULL;
}

/* Polls, as the run is another process's: until its journal has its
 * first line. */
static gboolean
wait_for_a_run (guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  for (;;)
    {
      g_autofree char *journal = find_run_file (".jsonl");

      if (has_whole_line (journal))
        return TRUE;
      if (g_get_monotonic_time () >= deadline)
        return FALSE;
      g_usleep (5 * G_TIME_SPAN_MILLISECOND);
    }
}

/* SIGKILL at 20 random moments, each followed by a resume: every customer
 * ends attested once. */
static void
test_sigkill_and_resume (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *results = results_path (fixture);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261121);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint kills = 0;
  guint attested;
  guint invalid;

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GSubprocess) process = NULL;
      const char *resume[] = { "resume", "--api-base", fixture->uri, NULL };
      const char *submit[] = { "submit", fixture->customers, "--yes", "--batch-size", "5",
                               "--concurrency", "2", "--api-base", fixture->uri, NULL };
      gboolean resuming = count_runs () > 0;

      process = attest_test_cli_spawn (resuming ? resume : submit, fixture->folder,
                                       fixture->token);
      /* Killed before its run begins, a submit leaves nothing to resume. */
      if (!resuming)
        g_assert_true (wait_for_a_run (60000));
      g_usleep (g_rand_int_range (rand, 20, 450) * 1000 * attest_test_time_scale ());
      g_subprocess_send_signal (process, SIGKILL);
      g_subprocess_wait (process, NULL, NULL);
      if (g_subprocess_get_if_signaled (process))
        kills++;
    }
  g_test_message ("%u of 20 processes were killed before they finished", kills);
  g_assert_cmpuint (kills, >=, 15);
  g_assert_cmpuint (count_runs (), ==, 1);

  g_assert_cmpint (run_attest (fixture, (const char *[]) { "resume", "--results", results, NULL },
                               &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Already attested: 0\n"));
  assert_results (fixture, &attested, &invalid);
  g_assert_cmpuint (attested + invalid, ==, 300);
  g_assert_cmpuint (attested, >, 250);
}


/* A run whose copy of its records was changed after it started is not
 * resumed: the error names the run, and it is a file error (exit 2), as
 * for a copy that cannot be read. Put back, the copy is accepted. */
static void
test_resume_refuses_a_changed_copy (Fixture       *fixture,
                                    gconstpointer  data)
{
  const char *submit[] = { "submit", fixture->customers, "--yes", "--batch-size", "5",
                           "--concurrency", "2", "--api-base", fixture->uri, NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *run_id = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *resumed_out = NULL;
  g_autofree char *resumed_err = NULL;

  process = attest_test_cli_spawn (submit, fixture->folder, fixture->token);
  g_assert_true (wait_for_a_run (60000));
  g_subprocess_send_signal (process, SIGKILL);
  g_subprocess_wait (process, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (process));

  journal = find_run_file (".jsonl");
  copy = find_run_file (".csv");
  g_assert_nonnull (journal);
  g_assert_nonnull (copy);
  run_id = g_path_get_basename (journal);
  *strrchr (run_id, '.') = '\0';

  attest_test_flip_middle_byte (copy);
  g_assert_cmpint (run_attest (fixture, (const char *[]) { "resume", NULL }, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, run_id));
  g_assert_nonnull (strstr (err, "changed or damaged"));

  attest_test_flip_middle_byte (copy);
  g_assert_cmpint (run_attest (fixture, (const char *[]) { "resume", NULL }, &resumed_out,
                               &resumed_err), ==, 0);
  g_assert_nonnull (strstr (resumed_out, "Failed: 0\n"));
}

static void
assert_nowhere_in_files (const char *folder,
                         const char *secret)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        assert_nowhere_in_files (path, secret);
      else if (g_file_get_contents (path, &contents, &length, NULL)
               && g_strstr_len (contents, length, secret) != NULL)
        g_error ("The token was written to %s", path);
    }
}

static char *
newest_log (void)
{
  g_autofree char *logs = g_build_filename (g_get_user_state_dir (), "attest", "Logs", NULL);
  g_autoptr(GDir) dir = g_dir_open (logs, 0, NULL);
  g_autofree char *newest = NULL;
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (newest == NULL || g_strcmp0 (name, newest) > 0)
        {
          g_free (newest);
          newest = g_strdup (name);
        }
    }

  return g_build_filename (logs, newest, NULL);
}

/* A submission at debug level leaves the token nowhere: not in the output,
 * the log, the journal, or any file under the home folder. Contact emails
 * reach the log only at debug level. */
static void
test_no_secret_anywhere (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *check_out = NULL;
  g_autofree char *check_err = NULL;
  g_autofree char *log = NULL;
  g_autofree char *log_contents = NULL;
  g_auto(GStrv) parts = g_strsplit (fixture->token, ".", 3);

  /* At the information level first: no email in the log. */
  g_assert_cmpint (run_attest (fixture, (const char *[]) { "check", fixture->customers, NULL },
                               &check_out, &check_err), !=, 2);
  log = newest_log ();
  log_contents = attest_test_read_file (log);
  g_assert_null (strstr (log_contents, "@"));

  g_assert_cmpint (run_attest (fixture, (const char *[]) { "--debug", "submit", fixture->customers,
                                                           "--yes", NULL },
                               &out, &err), ==, 0);
  g_assert_null (strstr (out, parts[2]));
  g_assert_null (strstr (err, parts[2]));
  assert_nowhere_in_files (attest_test_get_root (), parts[2]);
  assert_nowhere_in_files (g_get_home_dir (), parts[2]);
}

/* SPEC §13: the sandbox, serving the current flow, refuses the classic
 * attestation. Either strategy: exit 1, Partner Center's words, the
 * retirement said plainly, the current flow's commands for the same file;
 * every record in the results, pending unless invalid; nothing attested;
 * the run is over, and nothing offers to resume it. */
static void
test_classic_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *strategies[] = { "bulk", "per-customer" };
  g_autofree char *status_command = g_strdup_printf ("attest status %s\n", fixture->customers);
  g_autofree char *request_command = g_strdup_printf ("attest request %s -o LINKS\n",
                                                      fixture->customers);

  for (guint s = 0; s < G_N_ELEMENTS (strategies); s++)
    {
      g_autofree char *results = results_path (fixture);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *runs_out = NULL;
      g_autofree char *runs_err = NULL;
      g_autofree char *resume_out = NULL;
      g_autofree char *resume_err = NULL;
      g_autofree char *named_out = NULL;
      g_autofree char *named_err = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *journal = NULL;
      g_autofree char *run_id = NULL;
      g_autofree char *runs = NULL;
      g_autoptr(GHashTable) listed = NULL;
      g_auto(GStrv) lines = NULL;
      guint pending = 0;

      g_test_message ("strategy %s", strategies[s]);
      g_assert_cmpint (run_attest (fixture, (const char *[]) { "submit", fixture->customers,
                                                               "--yes", "--strategy",
                                                               strategies[s], "--results",
                                                               results, NULL },
                                   &out, &err), ==, 1);
      g_assert_nonnull (strstr (err, "attest: Partner Center refused POST /v1/"));
      /* The sandbox's own words. */
      g_assert_nonnull (strstr (err, "Partner attestation of the Microsoft Customer Agreement "
                                     "was retired on 2026-01-05."));
      g_assert_nonnull (strstr (err, "retired partner attestation on January 5, 2026"));
      g_assert_nonnull (strstr (err, "stay pending. The run is over and cannot be resumed."));
      g_assert_nonnull (strstr (err, status_command));
      g_assert_nonnull (strstr (err, request_command));
      g_assert_null (strstr (err, "attest resume"));
      g_assert_nonnull (strstr (out, "Attested: 0\n"));
      g_assert_nonnull (strstr (out, "Rejected: 0\n"));

      /* Every record is in the results: the ones sent or not, pending. */
      contents = attest_test_read_file (results);
      lines = g_strsplit (contents, "\r\n", -1);
      for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
        {
          if (strstr (lines[i], ",pending,") != NULL)
            pending++;
          else
            g_assert_nonnull (strstr (lines[i], ",invalid,"));
          g_assert_cmpuint (i, <=, 300);
        }
      g_assert_cmpuint (pending, >, 250);
      listed = still_listed (fixture);
      g_assert_cmpuint (g_hash_table_size (listed), ==, 300);

      /* Over: listed as such, and not resumed. */
      g_assert_cmpint (run_attest (fixture, (const char *[]) { "runs", NULL }, &runs_out,
                                   &runs_err), ==, 0);
      g_assert_nonnull (strstr (runs_out, " retired "));
      g_assert_cmpint (run_attest (fixture, (const char *[]) { "resume", NULL }, &resume_out,
                                   &resume_err), ==, 0);
      g_assert_nonnull (strstr (resume_out, "Nothing to resume"));

      journal = find_run_file (".jsonl");
      g_assert_nonnull (journal);
      run_id = g_path_get_basename (journal);
      *strrchr (run_id, '.') = '\0';
      g_assert_cmpint (run_attest (fixture, (const char *[]) { "resume", run_id, NULL },
                                   &named_out, &named_err), ==, 1);
      g_assert_nonnull (strstr (named_err, "cannot be resumed"));
      g_assert_nonnull (strstr (named_err, request_command));

      /* Each strategy starts with no runs. */
      runs = g_path_get_dirname (journal);
      attest_test_remove_tree (runs);
    }
}

/* Runs `attest ARGS --api-base URI` in @locale, with the catalogues of
 * this build, signed in with the fixture's token. */
static void
run_attest_in (AttestTestRun      *run,
               Fixture            *fixture,
               const char         *locale,
               const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", locale, TRUE);
  g_subprocess_launcher_setenv (launcher, "ATTEST_ACCESS_TOKEN", fixture->token, TRUE);
  g_subprocess_launcher_set_cwd (launcher, fixture->folder);

  g_ptr_array_add (argv, (gpointer) g_getenv ("ATTEST_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, "--api-base");
  g_ptr_array_add (argv, fixture->uri);
  g_ptr_array_add (argv, NULL);

  attest_test_cli_run (run, launcher, (const char * const *) argv->pdata, NULL);
}

/* @n customers Partner Center does not know, "0badc0de-…-000000000000"
 * on, appended marked to @path. */
static void
append_strangers (const char *path,
                  guint       n)
{
  g_autofree char *contents = attest_test_read_file (path);
  g_autoptr(GString) more = g_string_new (contents);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (more, "0badc0de-0000-4000-8000-%012x,Nobody,Known,"
                                  "nobody%u@example.com,,,True,https://partner.microsoft.com/"
                                  "dashboard/v2/customers/0badc0de-0000-4000-8000-%012x/account"
                                  "\r\n", i, i, i);

  g_assert_true (g_file_set_contents (path, more->str, more->len, NULL));
}

static guint
count_in (const char *text,
          const char *needle)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    n++;

  return n;
}

/* D2: customers Partner Center refuses in a batch with others each get
 * their own reason in the results file, and the terminal sums them up by
 * reason rather than copying the batch's message to every row. */
static void
test_rejected_summed_up (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *results = results_path (fixture);
  g_autofree char *strangers = g_build_filename (fixture->folder, "strangers.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *results_line = g_strdup_printf ("Results: %s\n", results);
  g_autofree char *last_progress = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *bare_out = NULL;
  g_autofree char *bare_err = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) err_lines = NULL;
  guint rejected = 0;

  append_strangers (fixture->customers, 120);
  g_assert_cmpint (run_attest (fixture, (const char *[]) { "submit", fixture->customers, "--yes",
                                                           "--batch-size", "500",
                                                           "--results", results, NULL },
                               &out, &err), ==, 1);

  g_assert_nonnull (strstr (out, "Rejected: 120\n  no such customer: 120 customers ("
                                 "0badc0de-0000-4000-8000-000000000000, "
                                 "0badc0de-0000-4000-8000-000000000001, "
                                 "0badc0de-0000-4000-8000-000000000002, …)\nFailed: 0\n"));
  g_assert_nonnull (strstr (out, results_line));
  g_assert_cmpuint (strlen (out), <, 1000);
  g_assert_cmpuint (count_in (out, "0badc0de"), ==, 3);
  g_assert_null (strstr (err, "0badc0de"));
  g_assert_null (strstr (err, "--results FILE"));

  /* D18: no rate that says nought; the last line says what was done. */
  g_assert_null (strstr (err, " 0 per second"));
  err_lines = g_strsplit (err, "\n", -1);
  for (guint i = 0; err_lines[i] != NULL; i++)
    {
      if (strstr (err_lines[i], "customers done") != NULL)
        {
          g_free (last_progress);
          last_progress = g_strdup (err_lines[i]);
        }
    }
  g_assert_nonnull (last_progress);
  g_assert_true (g_str_has_suffix (last_progress, "customers done"));

  /* Each row has its own reason, and names no other customer. */
  contents = attest_test_read_file (results);
  g_assert_cmpuint (strlen (contents), <, 200 * 1024);
  lines = g_strsplit (contents, "\r\n", -1);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      if (!g_str_has_prefix (lines[i], "0badc0de"))
        {
          g_assert_null (strstr (lines[i], ",rejected,"));
          continue;
        }
      g_assert_nonnull (strstr (lines[i], ",rejected,no such customer,"));
      /* Its ID, and its link. */
      g_assert_cmpuint (count_in (lines[i], "0badc0de"), ==, 2);
      rejected++;
    }
  g_assert_cmpuint (rejected, ==, 120);

  /* Without --results, how to get each customer's reason. */
  g_assert_true (g_file_set_contents (strangers, "CustomerTenantId,FirstName,LastName,Email,"
                                                 "PhoneNumber,LastAgreementDate,"
                                                 "PartnerAttestationCompleted,"
                                                 "CustomerAccountLink\r\n", -1, NULL));
  append_strangers (strangers, 5);
  g_assert_cmpint (run_attest (fixture, (const char *[]) { "submit", strangers, "--yes", NULL },
                               &bare_out, &bare_err), ==, 1);
  g_assert_nonnull (strstr (bare_out, "  no such customer: 5 customers ("));
  g_assert_null (strstr (bare_out, "Results:"));
  g_assert_nonnull (strstr (bare_err, "Add --results FILE"));
}

/* Counts and dates as people read them, in French: digits grouped with
 * the locale's narrow no-break space, when a run started in words, and
 * the columns of `attest runs` in line however long the words are. */
static void
test_numbers_and_dates_in_french (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *big = g_build_filename (fixture->folder, "big.csv", NULL);
  g_autoptr(GString) rows = g_string_new ("CustomerTenantId,FirstName,LastName,Email,PhoneNumber,"
                                          "LastAgreementDate,PartnerAttestationCompleted,"
                                          "CustomerAccountLink\r\n");
  g_auto(AttestTestRun) checked = { 0 };
  g_auto(AttestTestRun) submitted = { 0 };
  g_auto(AttestTestRun) listed = { 0 };
  g_auto(GStrv) lines = NULL;
  const char *started;
  glong header_column;
  glong row_column;

  if (!attest_test_have_locale ("fr_FR.UTF-8"))
    return;

  for (guint i = 0; i < 1234; i++)
    g_string_append_printf (rows, "%08x-1111-4222-8333-444455556666,Ana,Lima,ana%u@example.com,"
                                  ",,False,\r\n", i, i);
  g_assert_true (g_file_set_contents (big, rows->str, rows->len, NULL));
  run_attest_in (&checked, fixture, "fr_FR.UTF-8", (const char *[]) { "check", big, NULL });
  g_assert_cmpint (checked.status, ==, 0);
  g_assert_nonnull (strstr (checked.out, "Enregistrements : 1\u202f234\n"));

  run_attest_in (&submitted, fixture, "fr_FR.UTF-8",
                 (const char *[]) { "submit", fixture->customers, "--yes", NULL });
  g_assert_cmpint (submitted.status, ==, 0);
  g_assert_nonnull (strstr (submitted.out, "Attestés : "));

  run_attest_in (&listed, fixture, "fr_FR.UTF-8", (const char *[]) { "runs", NULL });
  g_assert_cmpint (listed.status, ==, 0);
  lines = g_strsplit (listed.out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "ENVOI "));
  started = strstr (lines[1], "aujourd’hui à ");
  if (started == NULL)
    started = strstr (lines[1], "hier à ");     /* run just before midnight */
  g_assert_nonnull (started);
  header_column = g_utf8_pointer_to_offset (lines[0], strstr (lines[0], "DÉBUT"));
  row_column = g_utf8_pointer_to_offset (lines[1], started);
  g_assert_cmpint (header_column, ==, row_column);
  g_assert_null (strstr (listed.out, "T0"));   /* no ISO 8601 time */
}

/* Partner Center asks to wait now and then (429): the terminal says so,
 * and the run still attests every customer it can. */
static void
test_throttling_is_said (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_attest (fixture, (const char *[]) { "submit", fixture->customers, "--yes",
                                                           "--batch-size", "20", NULL },
                               &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "Partner Center asked to wait 1 second.\n"));
  g_assert_nonnull (strstr (out, "Rejected: 0\n"));
  g_assert_nonnull (strstr (out, "Failed: 0\n"));
}

int
main (int   argc,
      char *argv[])
{
  /* The classic service of SPEC §5, which `attest submit` writes to. */
  static const char *plain[] = { "--classic", "--auto-approve", "--customers", "300",
                                 "--seed", "3", NULL };
  static const char *slow[] = { "--classic", "--auto-approve", "--customers", "300",
                                "--seed", "4", "--latency", "100", "--page-size", "100", NULL };

  /* Partner Center asks for a second's wait now and then. */
  static const char *throttled[] = { "--classic", "--auto-approve", "--customers", "300",
                                     "--seed", "6", "--rate-429", "0.3", "--retry-after", "1",
                                     NULL };

  /* The current service: the classic attestation is refused. */
  static const char *current[] = { "--auto-approve", "--customers", "300", "--seed", "5", NULL };

  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add ("/cli-submit/submit-then-runs", Fixture, plain, fixture_setup,
              test_submit_then_runs, fixture_teardown);
  g_test_add ("/cli-submit/usage-errors", Fixture, plain, fixture_setup,
              test_submit_usage_errors, fixture_teardown);
  g_test_add ("/cli-submit/dry-run", Fixture, plain, fixture_setup,
              test_dry_run_shows_the_bodies, fixture_teardown);
  g_test_add ("/cli-submit/no-secret-anywhere", Fixture, plain, fixture_setup,
              test_no_secret_anywhere, fixture_teardown);
  g_test_add ("/cli-submit/resume-refuses-changed-copy", Fixture, slow, fixture_setup,
              test_resume_refuses_a_changed_copy, fixture_teardown);
  g_test_add ("/cli-submit/sigkill-and-resume", Fixture, slow, fixture_setup,
              test_sigkill_and_resume, fixture_teardown);
  g_test_add ("/cli-submit/classic-refused", Fixture, current, fixture_setup,
              test_classic_refused, fixture_teardown);
  g_test_add ("/cli-submit/rejected-summed-up", Fixture, plain, fixture_setup,
              test_rejected_summed_up, fixture_teardown);
  g_test_add ("/cli-submit/numbers-and-dates-in-french", Fixture, plain, fixture_setup,
              test_numbers_and_dates_in_french, fixture_teardown);
  g_test_add ("/cli-submit/throttling-is-said", Fixture, throttled, fixture_setup,
              test_throttling_is_said, fixture_teardown);

  return g_test_run ();
}
