/* attest-partner-answer.c: reading the members of a Partner Center answer
 * strictly, saying which one does not fit
 *
 * What the reads take from an answer is either there with the type it
 * should have, or absent (no member, null, or for a text ""); a member of
 * another type is not taken as absent: the read reports it, naming the
 * member by its place in the answer (“items[2].companyProfile.domain”), so
 * that nothing is made up from an answer Attest does not understand.
 * @problem receives a clause for attest_partner_error_new_unfit_answer().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-partner-answer"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-json.h"
#include "attest-partner-answer.h"

/* The member's place: @where, a dot, @name; or @name alone. */
static char *
member_place (const char *where,
              const char *name)
{
  return where != NULL ? g_strconcat (where, ".", name, NULL) : g_strdup (name);
}

/* The member @name of @object, NULL when absent or null. */
static JsonNode *
get_present (JsonObject *object,
             const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

/* Sets @out to a copy of the text @name of @object (@where in the answer),
 * NULL when absent, null or empty; FALSE with @problem when it is not a
 * text. @object may be NULL (all absent). */
gboolean
attest_partner_answer_get_text (JsonObject  *object,
                                const char  *where,
                                const char  *name,
                                char       **out,
                                char       **problem)
{
  JsonNode *node = get_present (object, name);
  const char *text;

  g_return_val_if_fail (out != NULL && problem != NULL, FALSE);

  *out = NULL;
  if (node == NULL)
    return TRUE;

  text = attest_json_get_string (object, name);
  if (text == NULL)
    {
      g_autofree char *place = member_place (where, name);

      /* Translators: the place of a member of Partner Center's answer. */
      *problem = g_strdup_printf (_("“%s” is not a text"), place);
      return FALSE;
    }

  if (text[0] != '\0')
    *out = g_strdup (text);

  return TRUE;
}

/* Sets @out to the object @name of @object, borrowed, NULL when absent or
 * null; FALSE with @problem when it is not an object. */
gboolean
attest_partner_answer_get_object (JsonObject  *object,
                                  const char  *where,
                                  const char  *name,
                                  JsonObject **out,
                                  char       **problem)
{
  JsonNode *node = get_present (object, name);

  g_return_val_if_fail (out != NULL && problem != NULL, FALSE);

  *out = NULL;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *place = member_place (where, name);

      /* Translators: the place of a member of Partner Center's answer. */
      *problem = g_strdup_printf (_("“%s” is not an object"), place);
      return FALSE;
    }

  *out = json_node_get_object (node);

  return TRUE;
}

/* Sets @out to the date and time @name of @object, an ISO 8601 text (UTC
 * when it names no offset, as Partner Center's dates do not always); FALSE
 * with @problem when it is absent or not such a text. */
gboolean
attest_partner_answer_get_date (JsonObject  *object,
                                const char  *where,
                                const char  *name,
                                GDateTime  **out,
                                char       **problem)
{
  g_autofree char *text = NULL;
  g_autofree char *place = NULL;
  g_autoptr(GTimeZone) utc = NULL;

  g_return_val_if_fail (out != NULL && problem != NULL, FALSE);

  *out = NULL;
  if (!attest_partner_answer_get_text (object, where, name, &text, problem))
    return FALSE;

  place = member_place (where, name);
  if (text == NULL)
    {
      /* Translators: the place of a member of Partner Center's answer. */
      *problem = g_strdup_printf (_("“%s” is missing"), place);
      return FALSE;
    }

  utc = g_time_zone_new_utc ();
  *out = g_date_time_new_from_iso8601 (text, utc);
  if (*out == NULL)
    {
      /* Translators: the place of a member of Partner Center's answer. */
      *problem = g_strdup_printf (_("“%s” is not a date"), place);
      return FALSE;
    }

  return TRUE;
}
