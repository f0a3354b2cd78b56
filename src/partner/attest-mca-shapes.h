/* attest-mca-shapes.h: the shapes Attest assumes for Microsoft's current
 * MCA flow (SPEC §13)
 *
 * ASSUMPTIONS. Microsoft documents that an enhanced attestation is created
 * with POST /v1/attestations/enhanced under AppOnly authentication, names
 * its first request fields (country, language, company name, the
 * signatory's first and last names; the signatory's email and phone as
 * prerequisites), and says that the agreement is then created "using the
 * attestation ID via Create agreement API". It does not publish the rest.
 * Every name below that is not in that text is an inference, marked [INF]
 * in reference/mca-current-flow.md §5, and this file is the one place that
 * holds them, so that one edit here corrects them all:
 *
 * - the request's member names "signatoryEmail" and "signatoryPhoneNumber"
 *   and the member order of the body (ours, for byte-stable bodies);
 * - the answer's names: the attestation ID as "attestationId" or "id", the
 *   acceptance link as "attestationUrl", "acceptanceUrl" or "url" [INF];
 * - the link used when the answer has none,
 *   https://cdn.partner.microsoft.com/mca/?attestationid={id}, seen in two
 *   integrations of third parties [3P], not in Microsoft's documentation;
 * - the completion: the documented create-agreement body with an
 *   "attestationId" member added [INF].
 *
 * The admin center's address, where a customer accepts the agreement
 * directly, is documented [3P BEMO, SoftwareOne] and lives here too.
 *
 * An answer that does not fit is reported with its status and the
 * server's own code and words, and nothing is taken from it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "attest-partner-request.h"

G_BEGIN_DECLS

/* [DOC] the route ("/v{version}/attestations/enhanced"), with the version
 * of Attest's other routes [INF]. */
#define ATTEST_MCA_ATTESTATION_PATH  "/v1/attestations/enhanced"
/* [3P] where a customer's signatory accepts, without a sign-in. */
#define ATTEST_MCA_DEFAULT_LINK      "https://cdn.partner.microsoft.com/mca/?attestationid="
/* [3P] where a customer's Global Administrator accepts the MCA directly. */
#define ATTEST_MCA_ADMIN_CENTER_URI  \
  "https://admin.microsoft.com/AdminPortal/Home?ref=/BillingAccounts/agreement"

/* What an attestation asks the customer's signatory to accept, borrowed
 * while the body is built. @phone_number may be NULL or empty (not sent);
 * the others are never NULL. */
typedef struct
{
  const char *country;       /* ISO 3166-1 alpha-2, upper case */
  const char *language;      /* BCP 47 */
  const char *company_name;
  const char *first_name;
  const char *last_name;
  const char *email;
  const char *phone_number;
} AttestAttestationDetails;

AttestPartnerRequest *
         attest_mca_shapes_new_attestation  (const AttestAttestationDetails *details);
gboolean attest_mca_shapes_read_attestation (JsonNode                       *answer,
                                             char                          **out_id,
                                             char                          **out_link,
                                             GError                        **error);
AttestPartnerRequest *
         attest_mca_shapes_new_completion   (const char                     *customer_id,
                                             const char                     *attestation_id,
                                             const char                     *template_id,
                                             GDateTime                      *date_agreed,
                                             const AttestPartnerContact     *contact);

/* For the client: the error for an answer of @request, with @status, that
 * does not fit, or NULL. */
GError  *attest_mca_shapes_check_answer     (const AttestPartnerRequest     *request,
                                             guint                           status,
                                             JsonNode                       *answer);

G_END_DECLS
