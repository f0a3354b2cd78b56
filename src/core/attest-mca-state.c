/* attest-mca-state.c: the words and labels of a customer's state in
 * Microsoft's current flow (SPEC §13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-state"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-mca-state.h"

static const GEnumValue state_values[] = {
  { ATTEST_MCA_STATE_UNCHECKED,
    "ATTEST_MCA_STATE_UNCHECKED", "unchecked" },
  { ATTEST_MCA_STATE_ACCEPTED_DIRECTLY,
    "ATTEST_MCA_STATE_ACCEPTED_DIRECTLY", "accepted-directly" },
  { ATTEST_MCA_STATE_ATTESTED,
    "ATTEST_MCA_STATE_ATTESTED", "attested" },
  { ATTEST_MCA_STATE_NEEDS_ACCEPTANCE,
    "ATTEST_MCA_STATE_NEEDS_ACCEPTANCE", "needs-acceptance" },
  { ATTEST_MCA_STATE_REQUESTED,
    "ATTEST_MCA_STATE_REQUESTED", "requested" },
  { ATTEST_MCA_STATE_DONE,
    "ATTEST_MCA_STATE_DONE", "done" },
  { ATTEST_MCA_STATE_REFUSED,
    "ATTEST_MCA_STATE_REFUSED", "refused" },
  { 0, NULL, NULL }
};

GType
attest_mca_state_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("AttestMcaState", state_values));

  return type;
}

/* The word of @state, as the CSV files, the CLI and the ledger write it:
 * never translated. */
const char *
attest_mca_state_to_string (AttestMcaState state)
{
  g_return_val_if_fail (state < ATTEST_N_MCA_STATES, NULL);

  return state_values[state].value_nick;
}

/* Reads a word attest_mca_state_to_string() wrote, exactly. */
gboolean
attest_mca_state_from_string (const char     *word,
                              AttestMcaState *state)
{
  for (guint i = 0; word != NULL && state_values[i].value_nick != NULL; i++)
    {
      if (g_str_equal (state_values[i].value_nick, word))
        {
          if (state != NULL)
            *state = state_values[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

/* The state as a person reads it, in the window and in sentences. */
const char *
attest_mca_state_get_label (AttestMcaState state)
{
  switch (state)
    {
    case ATTEST_MCA_STATE_UNCHECKED:
      return C_("mca state", "Not checked");
    case ATTEST_MCA_STATE_ACCEPTED_DIRECTLY:
      return C_("mca state", "Accepted directly");
    case ATTEST_MCA_STATE_ATTESTED:
      return C_("mca state", "Attested");
    case ATTEST_MCA_STATE_NEEDS_ACCEPTANCE:
      return C_("mca state", "Needs acceptance");
    case ATTEST_MCA_STATE_REQUESTED:
      return C_("mca state", "Requested");
    case ATTEST_MCA_STATE_DONE:
      return C_("mca state", "Done");
    case ATTEST_MCA_STATE_REFUSED:
      return C_("mca state", "Refused");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Whether a customer in @state needs nothing more from the partner: a
 * second check does not ask about it again (SPEC §13 "Status"). */
gboolean
attest_mca_state_needs_nothing (AttestMcaState state)
{
  return state == ATTEST_MCA_STATE_ACCEPTED_DIRECTLY
         || state == ATTEST_MCA_STATE_ATTESTED
         || state == ATTEST_MCA_STATE_DONE;
}
