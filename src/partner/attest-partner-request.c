/* attest-partner-request.c: one attestation request, whole, as it goes to
 * Partner Center and as the run journal keeps it
 *
 * A request is made once, with its request and correlation IDs, and never
 * changes: a batch whose answer was lost goes out again as the very same
 * value, read back from the journal, under the same MS-RequestId, Partner
 * Center's idempotency key (SPEC §6).
 *
 * The bodies are built in a fixed member order, so the same contacts, date
 * and template always give the same bytes. They are written as text rather
 * than through JsonBuilder and JsonGenerator: a 500-record body takes
 * 0.12 ms against 5.6 ms, which shows against the sandbox's latency in the
 * submit benchmark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-partner-request"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-json.h"
#include "attest-partner-request.h"
#include "attest-token-claims.h"
#include "attest-token-provider.h"

struct _AttestPartnerRequest
{
  gatomicrefcount  ref_count;
  char            *method;
  char            *path;
  char            *request_id;
  char            *correlation_id;
  GBytes          *body;
  AttestPartnerCredential credential;
};

G_DEFINE_BOXED_TYPE (AttestPartnerRequest, attest_partner_request,
                     attest_partner_request_ref, attest_partner_request_unref)

/* Takes @body, which must be followed by a NUL byte past its size. */
static AttestPartnerRequest *
request_new_take (const char *method,
                  char       *path,
                  const char *request_id,
                  const char *correlation_id,
                  GBytes     *body)
{
  AttestPartnerRequest *self = g_new0 (AttestPartnerRequest, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->method = g_strdup (method);
  self->path = path;
  self->request_id = g_strdup (request_id);
  self->correlation_id = correlation_id != NULL ? g_strdup (correlation_id)
                                                : attest_partner_new_request_id ();
  self->body = body;
  self->credential = ATTEST_PARTNER_CREDENTIAL_USER;

  return self;
}

/* A request exactly as given, a copy of @body included: how the journal
 * gives back one it kept. A NULL @correlation_id gets a new one. */
AttestPartnerRequest *
attest_partner_request_new (const char *method,
                            const char *path,
                            const char *request_id,
                            const char *correlation_id,
                            GBytes     *body)
{
  gsize size = 0;
  const char *data;
  char *copy;

  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);
  g_return_val_if_fail (request_id != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  data = g_bytes_get_data (body, &size);
  copy = g_malloc (size + 1);
  if (size > 0)
    memcpy (copy, data, size);
  copy[size] = '\0';

  return request_new_take (method, g_strdup (path), request_id, correlation_id,
                           g_bytes_new_take (copy, size));
}

/* As attest_partner_request_new(), sent with @credential rather than the
 * signed-in user's: how a request of Microsoft's current flow is made, and
 * how a journal gives one back. */
AttestPartnerRequest *
attest_partner_request_new_full (const char              *method,
                                 const char              *path,
                                 const char              *request_id,
                                 const char              *correlation_id,
                                 AttestPartnerCredential  credential,
                                 GBytes                  *body)
{
  AttestPartnerRequest *self;

  g_return_val_if_fail (credential <= ATTEST_PARTNER_CREDENTIAL_EITHER, NULL);

  self = attest_partner_request_new (method, path, request_id, correlation_id, body);
  if (self != NULL)
    self->credential = credential;

  return self;
}

/* A new request with new IDs; takes @path and @json. */
static AttestPartnerRequest *
new_post (char    *path,
          GString *json)
{
  g_autofree char *request_id = attest_partner_new_request_id ();

  return request_new_take ("POST", path, request_id, NULL, g_string_free_to_bytes (json));
}

AttestPartnerRequest *
attest_partner_request_ref (AttestPartnerRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
attest_partner_request_unref (AttestPartnerRequest *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->method);
  g_free (self->path);
  g_free (self->request_id);
  g_free (self->correlation_id);
  g_bytes_unref (self->body);
  g_free (self);
}

/* Which of the partner's credentials the request goes out with (SPEC §13
 * "Credentials per route"). */
AttestPartnerCredential
attest_partner_request_get_credential (const AttestPartnerRequest *self)
{
  g_return_val_if_fail (self != NULL, ATTEST_PARTNER_CREDENTIAL_USER);

  return self->credential;
}

static const char * const credential_names[] = { "user", "app", "either" };

/* The word a journal keeps for @credential. */
const char *
attest_partner_credential_to_string (AttestPartnerCredential credential)
{
  g_return_val_if_fail (credential < G_N_ELEMENTS (credential_names), NULL);

  return credential_names[credential];
}

gboolean
attest_partner_credential_from_string (const char              *text,
                                       AttestPartnerCredential *out_credential)
{
  g_return_val_if_fail (out_credential != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (credential_names); i++)
    {
      if (g_str_equal (text, credential_names[i]))
        {
          *out_credential = (AttestPartnerCredential) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
attest_partner_request_get_method (const AttestPartnerRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->method;
}

/* The path, with its query if it has one, below the client's base URI. */
const char *
attest_partner_request_get_path (const AttestPartnerRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

const char *
attest_partner_request_get_request_id (const AttestPartnerRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->request_id;
}

const char *
attest_partner_request_get_correlation_id (const AttestPartnerRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->correlation_id;
}

/* The body, exactly as sent. A NUL byte follows it, past its size, so that
 * it can be read as text. */
GBytes *
attest_partner_request_get_body (const AttestPartnerRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->body;
}

/* A new MS-RequestId (or MS-CorrelationId): a random GUID. */
char *
attest_partner_new_request_id (void)
{
  return g_uuid_string_random ();
}

/* The path of one customer's agreements. */
char *
attest_partner_agreements_path (const char *customer_id)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (customer_id != NULL, NULL);

  escaped = g_uri_escape_string (customer_id, NULL, FALSE);
  return g_strdup_printf ("/v1/customers/%s/agreements", escaped);
}

/* "2024-02-07T00:00:00.000Z": the form of reference §2.3, in UTC. */
char *
attest_partner_format_date_agreed (GDateTime *date_agreed)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (date_agreed != NULL, NULL);

  utc = g_date_time_to_utc (date_agreed);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S.000Z");
}

/* The partner an attestation is sent for: the tenant of the signed-in user,
 * the access token's "tid" claim (reference §1.4). */
char *
attest_partner_partner_id_from_token (const char  *token,
                                      GError     **error)
{
  g_autoptr(AttestTokenClaims) claims = NULL;

  g_return_val_if_fail (token != NULL, NULL);

  claims = attest_token_claims_parse (token, NULL);
  if (claims == NULL || claims->tenant_id == NULL)
    {
      g_set_error_literal (error, ATTEST_TOKEN_PROVIDER_ERROR,
                           ATTEST_TOKEN_PROVIDER_ERROR_NOT_SIGNED_IN,
                           _("The access token does not name the partner tenant (no “tid” "
                             "claim), so the attestations cannot say which partner sends "
                             "them. Sign in again."));
      return NULL;
    }

  return g_steal_pointer (&claims->tenant_id);
}

/* POST /v1/CreateBulkReAttestation for @contacts (reference §1.4), under
 * new request and correlation IDs. */
AttestPartnerRequest *
attest_partner_request_new_bulk (const char                 *partner_id,
                                 const char                 *template_id,
                                 GDateTime                  *date_agreed,
                                 const AttestPartnerContact *contacts,
                                 guint                       n_contacts)
{
  g_autofree char *date = NULL;
  g_autoptr(GString) head = NULL;
  g_autoptr(GString) middle = NULL;
  g_autoptr(GString) tail = NULL;
  GString *json;

  g_return_val_if_fail (partner_id != NULL, NULL);
  g_return_val_if_fail (template_id != NULL, NULL);
  g_return_val_if_fail (contacts != NULL || n_contacts == 0, NULL);

  date = attest_partner_format_date_agreed (date_agreed);

  /* What every agreement of the batch shares is written once; each then
   * takes it between its own five values. */
  head = g_string_new ("{");
  attest_json_append_member (head, "partnerId", partner_id);
  g_string_append (head, ",\"customerId\":");
  middle = g_string_new (",\"agreement\":{");
  attest_json_append_member (middle, "templateId", template_id);
  g_string_append (middle, ",\"primaryContact\":{\"firstName\":");
  tail = g_string_new ("}");
  attest_json_append_member (tail, "dateAgreed", date);
  g_string_append (tail, "},\"customerDirectAcceptance\":false}");

  /* About 300 bytes an agreement. */
  json = g_string_sized_new (64 + (gsize) n_contacts * 320);
  g_string_append_c (json, '[');
  for (guint i = 0; i < n_contacts; i++)
    {
      const AttestPartnerContact *contact = &contacts[i];

      if (i > 0)
        g_string_append_c (json, ',');
      g_string_append_len (json, head->str, head->len);
      attest_json_append_string (json, contact->customer_id);
      g_string_append_len (json, middle->str, middle->len);
      attest_json_append_string (json, contact->first_name);
      g_string_append (json, ",\"lastName\":");
      attest_json_append_string (json, contact->last_name);
      g_string_append (json, ",\"email\":");
      attest_json_append_string (json, contact->email);
      g_string_append (json, ",\"phoneNumber\":");
      attest_json_append_string (json, contact->phone_number);
      g_string_append_len (json, tail->str, tail->len);
    }
  g_string_append_c (json, ']');

  return new_post (g_strdup (ATTEST_PARTNER_BULK_PATH), json);
}

/* Appends "primaryContact":{"firstName","lastName","email","phoneNumber"}
 * for @contact, as the create-agreement body has it, with a comma first
 * unless @json ends an opening brace. */
void
attest_partner_append_primary_contact (GString                    *json,
                                       const AttestPartnerContact *contact)
{
  g_return_if_fail (json != NULL && contact != NULL);

  if (json->len > 0 && json->str[json->len - 1] != '{')
    g_string_append_c (json, ',');
  g_string_append (json, "\"primaryContact\":{");
  attest_json_append_member (json, "firstName", contact->first_name);
  attest_json_append_member (json, "lastName", contact->last_name);
  attest_json_append_member (json, "email", contact->email);
  attest_json_append_member (json, "phoneNumber", contact->phone_number);
  g_string_append_c (json, '}');
}

/* POST /v1/customers/{id}/agreements for @contact (reference §2.3), under
 * new request and correlation IDs. */
AttestPartnerRequest *
attest_partner_request_new_agreement (const char                 *template_id,
                                      GDateTime                  *date_agreed,
                                      const AttestPartnerContact *contact)
{
  g_autofree char *date = NULL;
  GString *json;

  g_return_val_if_fail (template_id != NULL, NULL);
  g_return_val_if_fail (contact != NULL, NULL);

  date = attest_partner_format_date_agreed (date_agreed);

  json = g_string_sized_new (512);
  g_string_append_c (json, '{');
  attest_partner_append_primary_contact (json, contact);
  attest_json_append_member (json, "templateId", template_id);
  attest_json_append_member (json, "dateAgreed", date);
  attest_json_append_member (json, "type", "MicrosoftCustomerAgreement");
  g_string_append_c (json, '}');

  return new_post (attest_partner_agreements_path (contact->customer_id), json);
}
