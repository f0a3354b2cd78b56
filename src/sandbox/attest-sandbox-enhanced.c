/* attest-sandbox-enhanced.c: the enhanced attestation and its completion
 *
 * Microsoft's current flow in the shapes of mca-current-flow §5, which
 * Attest assumes until Microsoft publishes the schema:
 *
 * - POST /v1/attestations/enhanced (AppOnly) with the customer's country,
 *   language, company name and signatory creates an attestation and
 *   answers 201 with its attestationId and attestationUrl, the link to the
 *   sandbox's acceptance page. A value the service would refuse is a 400
 *   naming the member (attest-sandbox-judge.c).
 * - POST /v1/customers/{id}/agreements (AppOnly) with an attestationId
 *   completes it: once the customer accepted, the agreement is created
 *   (201) and the agreements read lists it, dated as sent. Not accepted
 *   yet, expired, unknown, or completed already (600061) are refused, and
 *   so is a dateAgreed in the future (600002) or before the day the
 *   attestation was created.
 *
 * Repeated requests under one MS-RequestId get their first answer again
 * (attest-sandbox-partner.c), so a retried create makes no second
 * attestation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-enhanced"

#include "config.h"

#include "attest-sandbox-body-reader.h"
#include "attest-sandbox-enhanced.h"
#include "attest-sandbox-judge.h"
#include "attest-sandbox-util.h"

/* Partner Center's codes for these refusals are not published; these are
 * the sandbox's own, next to those of the agreements. */
#define CODE_ATTESTATION_NOT_FOUND    600070
#define CODE_ATTESTATION_NOT_ACCEPTED 600071
#define CODE_ATTESTATION_EXPIRED      600072
#define CODE_ATTESTATION_USED         600073

struct _AttestSandboxEnhanced
{
  AttestSandboxAttestations *attestations;  /* borrowed */
  AttestSandboxCustomers    *customers;     /* borrowed */
};

AttestSandboxEnhanced *
attest_sandbox_enhanced_new (AttestSandboxAttestations *attestations,
                             AttestSandboxCustomers    *customers)
{
  AttestSandboxEnhanced *self = g_new0 (AttestSandboxEnhanced, 1);

  self->attestations = attestations;
  self->customers = customers;

  return self;
}

void
attest_sandbox_enhanced_free (AttestSandboxEnhanced *self)
{
  g_free (self);
}

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       time)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (time / G_USEC_PER_SEC);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ");

  attest_sandbox_add_member (builder, name, text);
}

/* The acceptance page of @id on the server that received @msg. */
static char *
new_acceptance_link (SoupServerMessage *msg,
                     const char        *id)
{
  GUri *uri = soup_server_message_get_uri (msg);

  return g_strdup_printf ("http://%s:%d/mca/?attestationid=%s",
                          g_uri_get_host (uri), g_uri_get_port (uri), id);
}

/* POST /v1/attestations/enhanced */
void
attest_sandbox_enhanced_create (AttestSandboxEnhanced *self,
                                SoupServerMessage     *msg,
                                GBytes                *body)
{
  g_autoptr(GStringChunk) strings = g_string_chunk_new (256);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *link = NULL;
  const AttestSandboxAttestation *attestation;
  AttestSandboxAttestationDetails details;
  const char *field = NULL;
  const char *problem = NULL;

  if (!attest_sandbox_read_attestation_body (body, &details, strings))
    {
      attest_sandbox_respond_invalid (msg, "The request body is not a JSON object.");
      return;
    }

  if (!attest_sandbox_judge_attestation (&details, &field, &problem))
    {
      g_autofree char *message = g_strdup_printf ("The value of %s %s.", field, problem);

      attest_sandbox_respond_invalid (msg, message);
      return;
    }

  attestation = attest_sandbox_attestations_create (self->attestations, &details);
  link = new_acceptance_link (msg, attestation->id);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  attest_sandbox_add_member (builder, "attestationId", attestation->id);
  attest_sandbox_add_member (builder, "attestationUrl", link);
  attest_sandbox_add_member (builder, "status", "Pending");
  add_time (builder, "createdDateTime", attestation->created);
  add_time (builder, "expirationDateTime", attestation->expires);
  attest_sandbox_add_member (builder, "country", attestation->country);
  attest_sandbox_add_member (builder, "language", attestation->language);
  attest_sandbox_add_member (builder, "companyName", attestation->company_name);
  attest_sandbox_add_member (builder, "signatoryFirstName", attestation->first_name);
  attest_sandbox_add_member (builder, "signatoryLastName", attestation->last_name);
  attest_sandbox_add_member (builder, "signatoryEmail", attestation->email);
  attest_sandbox_add_member (builder, "signatoryPhoneNumber", attestation->phone_number);
  json_builder_end_object (builder);

  attest_sandbox_respond_json (msg, 201, builder);
}

/* Returns FALSE, having answered, unless the attestation can complete
 * @customer_id's agreement now. */
static gboolean
check_attestation (AttestSandboxEnhanced *self,
                   SoupServerMessage     *msg,
                   const char            *id,
                   const char            *customer_id)
{
  const AttestSandboxAttestation *attestation;

  switch (attest_sandbox_attestations_get_state (self->attestations, id))
    {
    case ATTEST_SANDBOX_ATTESTATION_ACCEPTED:
      return TRUE;
    case ATTEST_SANDBOX_ATTESTATION_PENDING:
      attest_sandbox_respond_error (msg, 400, CODE_ATTESTATION_NOT_ACCEPTED,
                                    "AttestationNotAccepted",
                                    "The customer has not accepted the Microsoft Customer "
                                    "Agreement for this attestation yet. Acceptance can take up "
                                    "to five minutes to show.", NULL);
      return FALSE;
    case ATTEST_SANDBOX_ATTESTATION_EXPIRED:
      attest_sandbox_respond_error (msg, 400, CODE_ATTESTATION_EXPIRED, "AttestationExpired",
                                    "The attestation has expired before it was completed. "
                                    "Create a new attestation for the customer.", NULL);
      return FALSE;
    case ATTEST_SANDBOX_ATTESTATION_COMPLETED:
      attestation = attest_sandbox_attestations_lookup (self->attestations, id);
      if (g_str_equal (attestation->customer_id, customer_id))
        attest_sandbox_respond_already_exists (msg, NULL);
      else
        attest_sandbox_respond_error (msg, 400, CODE_ATTESTATION_USED, "AttestationAlreadyUsed",
                                      "The attestation was used for another customer's "
                                      "agreement.", NULL);
      return FALSE;
    case ATTEST_SANDBOX_ATTESTATION_UNKNOWN:
    default:
      attest_sandbox_respond_error (msg, 404, CODE_ATTESTATION_NOT_FOUND, "AttestationNotFound",
                                    "The attestation was not found.", NULL);
      return FALSE;
    }
}

/* Whether @date_agreed falls on an earlier day (UTC) than @created. */
static gboolean
before_day_of (const char *date_agreed,
               gint64      created)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (date_agreed, NULL);
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date);
  g_autoptr(GDateTime) creation = g_date_time_new_from_unix_utc (created / G_USEC_PER_SEC);
  g_autoptr(GDateTime) day = g_date_time_new_utc (g_date_time_get_year (creation),
                                                  g_date_time_get_month (creation),
                                                  g_date_time_get_day_of_month (creation),
                                                  0, 0, 0);

  return g_date_time_compare (utc, day) < 0;
}

/* POST /v1/customers/{id}/agreements with an attestationId. */
void
attest_sandbox_enhanced_complete (AttestSandboxEnhanced        *self,
                                  SoupServerMessage            *msg,
                                  const char                   *customer_id,
                                  const AttestSandboxAgreement *agreement,
                                  const char                   *type,
                                  const char                   *template_id)
{
  g_autoptr(AttestSandboxJudge) judge = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  const AttestSandboxAttestation *attestation;
  AttestSandboxVerdict verdict;
  const char *problem = NULL;

  if (attest_sandbox_customers_lookup (self->customers, customer_id) == NULL)
    {
      attest_sandbox_respond_no_customer (msg);
      return;
    }

  if (!check_attestation (self, msg, agreement->attestation_id, customer_id))
    return;
  attestation = attest_sandbox_attestations_lookup (self->attestations,
                                                    agreement->attestation_id);

  if (g_strcmp0 (type, ATTEST_SANDBOX_MCA_TYPE) != 0
      || g_strcmp0 (agreement->template_id, template_id) != 0)
    {
      attest_sandbox_respond_invalid (msg, "The agreement type or template is not valid.");
      return;
    }

  judge = attest_sandbox_judge_new (self->customers);
  verdict = attest_sandbox_judge_agreement (judge, customer_id, agreement, &problem);
  if (attest_sandbox_respond_verdict (msg, verdict, problem))
    return;

  if (before_day_of (agreement->date_agreed, attestation->created))
    {
      attest_sandbox_respond_invalid (msg, "The date of agreement cannot be before the day the "
                                           "attestation was created.");
      return;
    }

  attest_sandbox_attestations_complete (self->attestations, attestation->id, customer_id);
  attest_sandbox_customers_attest (self->customers, customer_id, agreement);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "primaryContact");
  attest_sandbox_add_contact (builder, agreement->first_name, agreement->last_name,
                              agreement->email, agreement->phone_number);
  attest_sandbox_add_member (builder, "templateId", agreement->template_id);
  attest_sandbox_add_member (builder, "dateAgreed", agreement->date_agreed);
  attest_sandbox_add_member (builder, "type", ATTEST_SANDBOX_MCA_TYPE);
  attest_sandbox_add_member (builder, "agreementLink", ATTEST_SANDBOX_MCA_LINK);
  attest_sandbox_add_member (builder, "attestationId", attestation->id);
  json_builder_end_object (builder);

  attest_sandbox_respond_json (msg, 201, builder);
}
