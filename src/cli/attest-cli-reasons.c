/* attest-cli-reasons.c: the customers a command could not do, summed up
 * by reason
 *
 * `attest submit`, `attest request` and `attest complete` print one line
 * per distinct reason, the reason given for most customers first, with how
 * many customers it was given for and the first few of them; the results
 * or links file keeps each customer's own. A thousand customers refused
 * for one reason make one line, not a thousand, also when each one's
 * reason names the call made for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-cli-reasons"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-cli-private.h"

#define N_REASON_IDS 3

/* How many customers were not done for one reason, and the first few. */
typedef struct
{
  char  *message;
  guint  count;
  guint  order;
  char  *ids[N_REASON_IDS + 1];   /* the first few, then NULL */
} Reason;

struct _AttestCliReasons
{
  GHashTable *by_message;   /* message → Reason */
  GPtrArray  *reasons;      /* Reason */
};

static void
reason_free (Reason *reason)
{
  g_free (reason->message);
  for (guint i = 0; i < N_REASON_IDS; i++)
    g_free (reason->ids[i]);
  g_free (reason);
}

AttestCliReasons *
attest_cli_reasons_new (void)
{
  AttestCliReasons *self = g_new0 (AttestCliReasons, 1);

  self->by_message = g_hash_table_new (g_str_hash, g_str_equal);
  self->reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) reason_free);

  return self;
}

void
attest_cli_reasons_free (AttestCliReasons *self)
{
  g_hash_table_unref (self->by_message);
  g_ptr_array_unref (self->reasons);
  g_free (self);
}

/* @message with each mention of @customer_id (in any case) as "…": the
 * reason given for a customer names the call made for it, with its ID,
 * which the line lists anyway. */
static char *
dup_without_id (const char *message,
                const char *customer_id)
{
  size_t length = customer_id != NULL ? strlen (customer_id) : 0;
  GString *text = g_string_new (NULL);

  while (*message != '\0')
    {
      if (length > 0 && g_ascii_strncasecmp (message, customer_id, length) == 0)
        {
          g_string_append (text, "…");
          message += length;
        }
      else
        g_string_append_c (text, *message++);
    }

  return g_string_free (text, FALSE);
}

/* Counts the customer @customer_id under @message (NULL or empty: no
 * reason was given). */
void
attest_cli_reasons_add (AttestCliReasons *self,
                        const char       *message,
                        const char       *customer_id)
{
  g_autofree char *shared = NULL;
  Reason *reason;

  if (message == NULL || message[0] == '\0')
    message = _("no reason given");
  message = shared = dup_without_id (message, customer_id);

  reason = g_hash_table_lookup (self->by_message, message);
  if (reason == NULL)
    {
      reason = g_new0 (Reason, 1);
      reason->message = g_strdup (message);
      reason->order = self->reasons->len;
      g_ptr_array_add (self->reasons, reason);
      g_hash_table_insert (self->by_message, reason->message, reason);
    }

  if (reason->count < N_REASON_IDS)
    reason->ids[reason->count] = g_strdup (customer_id != NULL ? customer_id : "–");
  reason->count++;
}

/* Whether no customer was counted. */
gboolean
attest_cli_reasons_is_empty (AttestCliReasons *self)
{
  return self->reasons->len == 0;
}

static int
compare_reasons (gconstpointer a,
                 gconstpointer b)
{
  const Reason *first = *(Reason * const *) a;
  const Reason *second = *(Reason * const *) b;

  if (first->count != second->count)
    return first->count > second->count ? -1 : 1;

  return first->order < second->order ? -1 : first->order > second->order;
}

/* Prints a line per reason, indented under the count it explains: the one
 * for most customers first, with how many and the first of them. */
void
attest_cli_reasons_print (AttestCliReasons *self)
{
  g_ptr_array_sort (self->reasons, compare_reasons);
  for (guint r = 0; r < self->reasons->len; r++)
    {
      Reason *reason = g_ptr_array_index (self->reasons, r);
      guint shown = MIN (reason->count, N_REASON_IDS);
      g_autofree char *ids = g_strjoinv (", ", reason->ids);
      g_autofree char *listed = reason->count > shown ? g_strconcat (ids, ", …", NULL)
                                                      : g_strdup (ids);

      /* Translators: under a count in the summary of attest submit, request or
       * complete ("Rejected: N", "Not requested: N", "Waiting: N"), one line per
       * reason: the reason, how many customers, then the first customer IDs. */
      g_print (g_dngettext (GETTEXT_PACKAGE, "  %s: %'u customer (%s)\n",
                            "  %s: %'u customers (%s)\n", reason->count),
               reason->message, reason->count, listed);
    }
}
