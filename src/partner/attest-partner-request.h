/* attest-partner-request.h: one attestation request, whole, as it goes to
 * Partner Center and as the run journal keeps it (SPEC §5, §6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATTEST_PARTNER_BULK_PATH "/v1/CreateBulkReAttestation"

/* A customer and the primary contact an attestation names, borrowed from
 * whoever holds the strings while a body is built. Strings are never NULL. */
typedef struct
{
  const char *customer_id;
  const char *first_name;
  const char *last_name;
  const char *email;
  const char *phone_number;
} AttestPartnerContact;

/* The partner's two credentials: a call goes out with the one its route
 * needs (SPEC §13 "Credentials per route"). */
typedef enum
{
  ATTEST_PARTNER_CREDENTIAL_USER,   /* App+User: the signed-in partner user */
  ATTEST_PARTNER_CREDENTIAL_APP,    /* AppOnly: the partner's registered web app */
  ATTEST_PARTNER_CREDENTIAL_EITHER, /* either; the user's when both are present */
} AttestPartnerCredential;

#define ATTEST_TYPE_PARTNER_REQUEST (attest_partner_request_get_type ())

typedef struct _AttestPartnerRequest AttestPartnerRequest;

GType                 attest_partner_request_get_type (void) G_GNUC_CONST;

AttestPartnerRequest *attest_partner_request_new      (const char                 *method,
                                                       const char                 *path,
                                                       const char                 *request_id,
                                                       const char                 *correlation_id,
                                                       GBytes                     *body);
AttestPartnerRequest *attest_partner_request_new_full (const char                 *method,
                                                       const char                 *path,
                                                       const char                 *request_id,
                                                       const char                 *correlation_id,
                                                       AttestPartnerCredential     credential,
                                                       GBytes                     *body);
AttestPartnerRequest *attest_partner_request_new_bulk (const char                 *partner_id,
                                                       const char                 *template_id,
                                                       GDateTime                  *date_agreed,
                                                       const AttestPartnerContact *contacts,
                                                       guint                       n_contacts);
AttestPartnerRequest *attest_partner_request_new_agreement
                                                      (const char                 *template_id,
                                                       GDateTime                  *date_agreed,
                                                       const AttestPartnerContact *contact);
AttestPartnerRequest *attest_partner_request_ref      (AttestPartnerRequest       *self);
void                  attest_partner_request_unref    (AttestPartnerRequest       *self);

AttestPartnerCredential
            attest_partner_request_get_credential     (const AttestPartnerRequest *self);
const char *attest_partner_credential_to_string       (AttestPartnerCredential     credential);
gboolean    attest_partner_credential_from_string     (const char                 *text,
                                                       AttestPartnerCredential    *out_credential);
const char *attest_partner_request_get_method         (const AttestPartnerRequest *self);
const char *attest_partner_request_get_path           (const AttestPartnerRequest *self);
const char *attest_partner_request_get_request_id     (const AttestPartnerRequest *self);
const char *attest_partner_request_get_correlation_id (const AttestPartnerRequest *self);
GBytes     *attest_partner_request_get_body           (const AttestPartnerRequest *self);

char       *attest_partner_new_request_id             (void);
char       *attest_partner_agreements_path            (const char                 *customer_id);
char       *attest_partner_format_date_agreed         (GDateTime                  *date_agreed);
void        attest_partner_append_primary_contact     (GString                    *json,
                                                       const AttestPartnerContact *contact);
char       *attest_partner_partner_id_from_token      (const char                 *token,
                                                       GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestPartnerRequest, attest_partner_request_unref)

G_END_DECLS
