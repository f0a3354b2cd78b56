/* attest-mca-shapes.c: the shapes Attest assumes for Microsoft's current
 * MCA flow (the header says which and why)
 *
 * Bodies are written as text in a fixed member order, as the classic
 * ones are (attest-partner-request.c), so that the same details always
 * give the same bytes: a request whose answer was lost goes out again
 * byte for byte under the same MS-RequestId.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-shapes"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-json.h"
#include "attest-mca-shapes.h"
#include "attest-partner-answer.h"
#include "attest-partner-error.h"

/* [INF] The names an answer may give the attestation ID and the link,
 * each list in the order they are looked for. */
static const char * const id_names[] = { "attestationId", "id", NULL };
static const char * const link_names[] = { "attestationUrl", "acceptanceUrl", "url", NULL };

/* POST /v1/attestations/enhanced for @details [INF member names beyond the
 * documented five], under new request and correlation IDs, sent with the
 * AppOnly credential. The phone number is left out when empty. */
AttestPartnerRequest *
attest_mca_shapes_new_attestation (const AttestAttestationDetails *details)
{
  g_autofree char *request_id = attest_partner_new_request_id ();
  g_autoptr(GBytes) body = NULL;
  GString *json;

  g_return_val_if_fail (details != NULL, NULL);
  g_return_val_if_fail (details->country != NULL && details->language != NULL, NULL);
  g_return_val_if_fail (details->company_name != NULL, NULL);
  g_return_val_if_fail (details->first_name != NULL && details->last_name != NULL, NULL);
  g_return_val_if_fail (details->email != NULL, NULL);

  json = g_string_sized_new (256);
  g_string_append_c (json, '{');
  attest_json_append_member (json, "country", details->country);
  attest_json_append_member (json, "language", details->language);
  attest_json_append_member (json, "companyName", details->company_name);
  attest_json_append_member (json, "signatoryFirstName", details->first_name);
  attest_json_append_member (json, "signatoryLastName", details->last_name);
  attest_json_append_member (json, "signatoryEmail", details->email);
  if (details->phone_number != NULL && details->phone_number[0] != '\0')
    attest_json_append_member (json, "signatoryPhoneNumber", details->phone_number);
  g_string_append_c (json, '}');
  body = g_string_free_to_bytes (json);

  return attest_partner_request_new_full ("POST", ATTEST_MCA_ATTESTATION_PATH, request_id, NULL,
                                          ATTEST_PARTNER_CREDENTIAL_APP, body);
}

/* Sets @out to a copy of the first of @names that @object has as a text,
 * and @out_name to its name; NULL when none has (absent, null and "" count
 * as absent). A member of another type is not passed over: it sets
 * @problem and returns FALSE. */
static gboolean
get_first_text (JsonObject          *object,
                const char * const  *names,
                char               **out,
                const char         **out_name,
                char               **problem)
{
  *out_name = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (!attest_partner_answer_get_text (object, NULL, names[i], out, problem))
        return FALSE;
      if (*out != NULL)
        {
          *out_name = names[i];
          return TRUE;
        }
    }

  return TRUE;
}

static gboolean
is_web_address (const char *text)
{
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  return uri != NULL && g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0'
         && (g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "http") == 0);
}

/* Reads the attestation's ID and link from @answer, an answer to
 * POST /v1/attestations/enhanced with @status (0 when not known). The ID,
 * and the link and ID in an error, are never logged: the link needs no
 * sign-in, and the ID makes the link. */
static gboolean
read_answer (JsonNode  *answer,
             guint      status,
             char     **out_id,
             char     **out_link,
             GError   **error)
{
  g_autofree char *problem = NULL;
  JsonObject *object = NULL;
  g_autofree char *id = NULL;
  g_autofree char *link = NULL;
  const char *name = NULL;

  if (status != 0 && status != 200 && status != 201)
    problem = g_strdup (_("its status is neither 200 nor 201"));
  else if (answer == NULL)
    problem = g_strdup (_("it is empty"));
  else if (!JSON_NODE_HOLDS_OBJECT (answer))
    problem = g_strdup (_("it is not a JSON object"));
  else
    object = json_node_get_object (answer);

  if (object != NULL && get_first_text (object, id_names, &id, &name, &problem) && id == NULL)
    problem = g_strdup (_("it has no attestation ID (“attestationId” or “id”)"));

  if (id != NULL && get_first_text (object, link_names, &link, &name, &problem)
      && link != NULL && !is_web_address (link))
    /* Translators: the name of a member of Partner Center's answer. */
    problem = g_strdup_printf (_("“%s” is not a web address"), name);

  if (problem != NULL)
    {
      g_propagate_error (error, attest_partner_error_new_unfit_answer (
                                  "POST", ATTEST_MCA_ATTESTATION_PATH, status, answer, problem));
      return FALSE;
    }

  if (out_id != NULL)
    *out_id = g_strdup (id);
  if (out_link != NULL && link != NULL)
    *out_link = g_steal_pointer (&link);
  else if (out_link != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);

      *out_link = g_strconcat (ATTEST_MCA_DEFAULT_LINK, escaped, NULL);
    }

  return TRUE;
}

/* Reads what Partner Center answered to an attestation: its ID
 * ("attestationId", else "id") and the link the customer's signatory opens
 * ("attestationUrl", "acceptanceUrl" or "url", else the default link made
 * with the ID) [INF]. An answer that does not fit, a member of the wrong
 * type included, is an ATTEST_PARTNER_ERROR_INVALID_RESPONSE that keeps
 * the server's code and words, and nothing is read from it. */
gboolean
attest_mca_shapes_read_attestation (JsonNode  *answer,
                                    char     **out_id,
                                    char     **out_link,
                                    GError   **error)
{
  g_return_val_if_fail (out_id == NULL || *out_id == NULL, FALSE);
  g_return_val_if_fail (out_link == NULL || *out_link == NULL, FALSE);

  return read_answer (answer, 0, out_id, out_link, error);
}

/* The error for an answer with @status to @request that does not fit the
 * shape it should have, or NULL: how the client refuses an attestation's
 * answer it could not read before the caller sees it, with its status. */
GError *
attest_mca_shapes_check_answer (const AttestPartnerRequest *request,
                                guint                       status,
                                JsonNode                   *answer)
{
  GError *error = NULL;

  g_return_val_if_fail (request != NULL, NULL);

  if (g_str_equal (attest_partner_request_get_method (request), "POST")
      && g_str_equal (attest_partner_request_get_path (request), ATTEST_MCA_ATTESTATION_PATH))
    read_answer (answer, status, NULL, NULL, &error);

  return error;
}

/* POST /v1/customers/{id}/agreements completing @attestation_id: the
 * create-agreement body of reference §2.3 with "attestationId" first [INF],
 * under new request and correlation IDs, sent with the AppOnly credential.
 * @contact's customer ID is not used: the customer is @customer_id. */
AttestPartnerRequest *
attest_mca_shapes_new_completion (const char                 *customer_id,
                                  const char                 *attestation_id,
                                  const char                 *template_id,
                                  GDateTime                  *date_agreed,
                                  const AttestPartnerContact *contact)
{
  g_autofree char *request_id = attest_partner_new_request_id ();
  g_autofree char *path = NULL;
  g_autofree char *date = NULL;
  g_autoptr(GBytes) body = NULL;
  GString *json;

  g_return_val_if_fail (customer_id != NULL && attestation_id != NULL, NULL);
  g_return_val_if_fail (template_id != NULL && date_agreed != NULL, NULL);
  g_return_val_if_fail (contact != NULL, NULL);

  path = attest_partner_agreements_path (customer_id);
  date = attest_partner_format_date_agreed (date_agreed);

  json = g_string_sized_new (512);
  g_string_append_c (json, '{');
  attest_json_append_member (json, "attestationId", attestation_id);
  attest_json_append_member (json, "type", "MicrosoftCustomerAgreement");
  attest_json_append_member (json, "templateId", template_id);
  attest_partner_append_primary_contact (json, contact);
  attest_json_append_member (json, "dateAgreed", date);
  g_string_append_c (json, '}');
  body = g_string_free_to_bytes (json);

  return attest_partner_request_new_full ("POST", path, request_id, NULL,
                                          ATTEST_PARTNER_CREDENTIAL_APP, body);
}
