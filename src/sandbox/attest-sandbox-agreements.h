/* attest-sandbox-agreements.h: the agreements a request body holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATTEST_SANDBOX_MCA_TYPE          "MicrosoftCustomerAgreement"
#define ATTEST_SANDBOX_MCA_LINK          "https://aka.ms/customeragreement"
#define ATTEST_SANDBOX_CLOUD_TYPE        "MicrosoftCloudAgreement"
#define ATTEST_SANDBOX_CLOUD_TEMPLATE_ID "998b88de-aa99-4388-a42c-1b3517d49490"
#define ATTEST_SANDBOX_CLOUD_LINK        "https://aka.ms/microsoftcloudagreement"

/* What an agreement in a request says, as strings kept by the body's reader.
 * A member that is missing, or of another type than expected, is NULL;
 * phoneNumber is optional, so a missing or null one is "". */
typedef struct
{
  const char *template_id;
  const char *date_agreed;
  const char *attestation_id;   /* the completion of an enhanced attestation */
  gboolean    has_contact;      /* primaryContact is an object */
  const char *first_name;
  const char *last_name;
  const char *email;
  const char *phone_number;
} AttestSandboxAgreement;

/* One item of a bulk request. */
typedef struct
{
  gboolean                is_object;
  const char             *partner_id;
  const char             *customer_id;
  gboolean                direct_acceptance_false;
  gboolean                has_agreement;  /* agreement is an object */
  AttestSandboxAgreement  agreement;
} AttestSandboxBulkItem;

/* What the body of an enhanced attestation (POST /v1/attestations/enhanced)
 * says, with the member names of mca-current-flow §5; as above, a member
 * missing or of another type is NULL. */
typedef struct
{
  const char *country;
  const char *language;
  const char *company_name;
  const char *first_name;      /* signatoryFirstName */
  const char *last_name;       /* signatoryLastName */
  const char *email;           /* signatoryEmail */
  const char *phone_number;    /* signatoryPhoneNumber, optional */
} AttestSandboxAttestationDetails;

char *attest_sandbox_body_digest (GBytes *body);

G_END_DECLS
