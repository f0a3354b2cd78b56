/* attest-mca-run.c: a request run or a completion run, as the ledger keeps
 * it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-run"

#include "config.h"

#include "attest-mca-ledger-private.h"

G_DEFINE_BOXED_TYPE (AttestMcaRun, attest_mca_run, attest_mca_run_ref, attest_mca_run_unref)
G_DEFINE_BOXED_TYPE (AttestMcaRunMember, attest_mca_run_member,
                     attest_mca_run_member_ref, attest_mca_run_member_unref)

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
  self->discarded = run->discarded;
  self->members = run->members != NULL ? g_ptr_array_ref (run->members) : NULL;

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
  g_clear_pointer (&self->members, g_ptr_array_unref);
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

/* Whether the partner ended the run before it was done
 * (attest_mca_ledger_discard_run()). */
gboolean
attest_mca_run_is_discarded (const AttestMcaRun *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->discarded;
}

/* The customers of a request run, in the order of the file it was given,
 * each with what the run does for it (AttestMcaRunMember); NULL for a
 * completion run, and for a request run recorded before runs kept them. */
GPtrArray *
attest_mca_run_get_members (const AttestMcaRun *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->members;
}

static const char * const run_actions[] = { "attestation", "direct", "none" };

/* The word the ledger keeps for @action. */
const char *
attest_mca_run_action_to_string (AttestMcaRunAction action)
{
  g_return_val_if_fail (action < G_N_ELEMENTS (run_actions), NULL);

  return run_actions[action];
}

gboolean
attest_mca_run_action_from_string (const char         *word,
                                   AttestMcaRunAction *action)
{
  for (guint i = 0; word != NULL && i < G_N_ELEMENTS (run_actions); i++)
    {
      if (g_str_equal (word, run_actions[i]))
        {
          if (action != NULL)
            *action = (AttestMcaRunAction) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* What a request run does for @customer_id: with @details, the values an
 * attestation is (or would be) sent with, some of them NULL when they are
 * not known (a customer with a problem, or one who accepts directly), and
 * @message, why nothing is sent, or NULL. What a resume needs to send the
 * attestation and to write the customer's row again. */
AttestMcaRunMember *
attest_mca_run_member_new (const char                     *customer_id,
                           AttestMcaRunAction              action,
                           const AttestAttestationDetails *details,
                           const char                     *message)
{
  AttestMcaRunMember *self;

  g_return_val_if_fail (customer_id != NULL, NULL);
  g_return_val_if_fail (action < G_N_ELEMENTS (run_actions), NULL);

  self = g_new0 (AttestMcaRunMember, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->customer_id = g_strdup (customer_id);
  self->action = action;
  self->message = g_strdup (message);
  if (details != NULL)
    {
      self->company_name = g_strdup (details->company_name);
      self->country = g_strdup (details->country);
      self->language = g_strdup (details->language);
      self->first_name = g_strdup (details->first_name);
      self->last_name = g_strdup (details->last_name);
      self->email = g_strdup (details->email);
      self->phone_number = g_strdup (details->phone_number);
    }

  return self;
}

AttestMcaRunMember *
attest_mca_run_member_ref (AttestMcaRunMember *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
attest_mca_run_member_unref (AttestMcaRunMember *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->customer_id);
  g_free (self->company_name);
  g_free (self->country);
  g_free (self->language);
  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->email);
  g_free (self->phone_number);
  g_free (self->message);
  g_free (self);
}

const char *
attest_mca_run_member_get_customer_id (const AttestMcaRunMember *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->customer_id;
}

AttestMcaRunAction
attest_mca_run_member_get_action (const AttestMcaRunMember *self)
{
  g_return_val_if_fail (self != NULL, ATTEST_MCA_RUN_ACTION_NONE);

  return self->action;
}

/* Fills @details with the member's values, borrowed; those not known are
 * NULL. */
void
attest_mca_run_member_get_details (const AttestMcaRunMember *self,
                                   AttestAttestationDetails *details)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (details != NULL);

  details->company_name = self->company_name;
  details->country = self->country;
  details->language = self->language;
  details->first_name = self->first_name;
  details->last_name = self->last_name;
  details->email = self->email;
  details->phone_number = self->phone_number;
}

/* Why nothing is sent for the customer, or NULL. */
const char *
attest_mca_run_member_get_message (const AttestMcaRunMember *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->message;
}
