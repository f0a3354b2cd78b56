/* attest-mca-run.c: a request run or a completion run, as the ledger keeps
 * it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-run"

#include "config.h"

#include "attest-mca-ledger-private.h"

G_DEFINE_BOXED_TYPE (AttestMcaRun, attest_mca_run, attest_mca_run_ref, attest_mca_run_unref)

static const char * const run_kinds[] = { "request", "completion" };

const char *
attest_mca_run_kind_to_string (AttestMcaRunKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (run_kinds), NULL);

  return run_kinds[kind];
}

gboolean
attest_mca_run_kind_from_string (const char       *word,
                                 AttestMcaRunKind *kind)
{
  for (guint i = 0; word != NULL && i < G_N_ELEMENTS (run_kinds); i++)
    {
      if (g_str_equal (word, run_kinds[i]))
        {
          if (kind != NULL)
            *kind = (AttestMcaRunKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Run IDs sort by time and stay unique when two runs start in the same
 * second, as the classic run's do. */
char *
attest_mca_run_new_id (GDateTime *now)
{
  g_autoptr(GDateTime) clock = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *stamp = NULL;

  if (now == NULL)
    now = clock = g_date_time_new_now_utc ();
  utc = g_date_time_to_utc (now);
  stamp = g_date_time_format (utc, "%Y%m%d-%H%M%S");

  return g_strdup_printf ("%s-%04x", stamp, g_random_int_range (0, 0x10000));
}

AttestMcaRun *
_attest_mca_run_new (const char       *id,
                     AttestMcaRunKind  kind,
                     const char       *output_path,
                     GDateTime        *started_at)
{
  AttestMcaRun *self = g_new0 (AttestMcaRun, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->id = g_strdup (id);
  self->kind = kind;
  self->output_path = g_strdup (output_path);
  self->started_at = g_date_time_ref (started_at);

  return self;
}

AttestMcaRun *
_attest_mca_run_copy (const AttestMcaRun *run)
{
  AttestMcaRun *self = _attest_mca_run_new (run->id, run->kind, run->output_path,
                                            run->started_at);

  self->ended_at = run->ended_at != NULL ? g_date_time_ref (run->ended_at) : NULL;

  return self;
}

AttestMcaRun *
attest_mca_run_ref (AttestMcaRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
attest_mca_run_unref (AttestMcaRun *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->id);
  g_free (self->output_path);
  g_date_time_unref (self->started_at);
  g_clear_pointer (&self->ended_at, g_date_time_unref);
  g_free (self);
}

const char *
attest_mca_run_get_id (const AttestMcaRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->id;
}

AttestMcaRunKind
attest_mca_run_get_kind (const AttestMcaRun *self)
{
  g_return_val_if_fail (self != NULL, ATTEST_MCA_RUN_REQUEST);

  return self->kind;
}

/* The links file of a request run, the results file of a completion run;
 * NULL when the run writes none. */
const char *
attest_mca_run_get_output_path (const AttestMcaRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->output_path;
}

GDateTime *
attest_mca_run_get_started_at (const AttestMcaRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->started_at;
}

/* When the run ended, or NULL while it runs or after it was interrupted. */
GDateTime *
attest_mca_run_get_ended_at (const AttestMcaRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->ended_at;
}

gboolean
attest_mca_run_is_finished (const AttestMcaRun *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->ended_at != NULL;
}
