/* attest-partner-record.c: the records Partner Center lists, and the
 * bodies Attest sends for them
 *
 * The bodies are built in a fixed member order, so the same records, date
 * and template always give the same bytes: a batch sent again after a
 * crash is byte for byte the one sent before (SPEC §6).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-partner-record"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-json.h"
#include "attest-partner-error.h"
#include "attest-partner-record.h"

AttestPartnerRecord *
attest_partner_record_new (const char *customer_id,
                           const char *first_name,
                           const char *last_name,
                           const char *email,
                           const char *phone_number)
{
  AttestPartnerRecord *record = g_new0 (AttestPartnerRecord, 1);

  g_return_val_if_fail (customer_id != NULL, NULL);

  record->customer_id = g_strdup (customer_id);
  record->first_name = g_strdup (first_name != NULL ? first_name : "");
  record->last_name = g_strdup (last_name != NULL ? last_name : "");
  record->email = g_strdup (email != NULL ? email : "");
  record->phone_number = g_strdup (phone_number != NULL ? phone_number : "");

  return record;
}

void
attest_partner_record_free (AttestPartnerRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->customer_id);
  g_free (record->first_name);
  g_free (record->last_name);
  g_free (record->email);
  g_free (record->phone_number);
  g_free (record);
}

/* Microsoft's tool reads the epoch as milliseconds when it has more than
 * ten digits, else as seconds; 0 means no date. Returns UTC, or NULL. */
GDateTime *
attest_partner_record_dup_last_agreement_date (const AttestPartnerRecord *record)
{
  gint64 epoch;

  g_return_val_if_fail (record != NULL, NULL);

  epoch = record->last_agreement_epoch;
  if (epoch == 0)
    return NULL;

  if (epoch > G_GINT64_CONSTANT (9999999999) || epoch < G_GINT64_CONSTANT (-9999999999))
    epoch /= 1000;

  return g_date_time_new_from_unix_utc (epoch);
}

static AttestPartnerRecord *
parse_record (JsonNode  *node,
              guint      index,
              GError   **error)
{
  g_autoptr(AttestPartnerRecord) record = NULL;
  JsonObject *object;
  JsonObject *contact = NULL;
  JsonNode *contact_node;
  const char *customer_id;

  if (!JSON_NODE_HOLDS_OBJECT (node)
      || (customer_id = attest_json_get_string (json_node_get_object (node), "customerTenantId")) == NULL)
    {
      g_set_error (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INVALID_RESPONSE,
                   _("Record %u of the page Partner Center sent has no customerTenantId."),
                   index + 1);
      return NULL;
    }

  object = json_node_get_object (node);
  contact_node = json_object_get_member (object, "lastAgreementPrimaryContact");
  if (contact_node != NULL && JSON_NODE_HOLDS_OBJECT (contact_node))
    contact = json_node_get_object (contact_node);

  record = attest_partner_record_new (customer_id,
                                      attest_json_get_string (contact, "firstName"),
                                      attest_json_get_string (contact, "lastName"),
                                      attest_json_get_string (contact, "email"),
                                      attest_json_get_string (contact, "phoneNumber"));

  attest_json_get_int (object, "lastAgreementDateEpoch", &record->last_agreement_epoch);
  record->attestation_completed =
    attest_json_get_boolean (object, "partnerAttestationCompleted", FALSE);

  return g_steal_pointer (&record);
}

/* A store of fetched @records (AttestPartnerRecord), in the order listed,
 * each as Partner Center knows it. */
AttestRecordStore *
attest_partner_records_new_store (GPtrArray *records)
{
  AttestRecordStore *store = attest_record_store_new ();

  g_return_val_if_fail (records != NULL, store);

  for (guint i = 0; i < records->len; i++)
    {
      AttestPartnerRecord *record = g_ptr_array_index (records, i);
      AttestRecordFields fields = {
        .customer_tenant_id = record->customer_id,
        .first_name = record->first_name,
        .last_name = record->last_name,
        .email = record->email,
        .phone_number = record->phone_number,
        .last_agreement_epoch = record->last_agreement_epoch,
        .attested = record->attestation_completed,
      };

      attest_record_store_append (store, &fields);
    }

  return store;
}

/* Reads one page of GET /v1/partners/customeragreementrecords; sets
 * @continuation_token to the next page's token, or NULL on the last page
 * (absent, null or blank). */
GPtrArray *
attest_partner_parse_records_page (JsonNode  *root,
                                   char     **continuation_token,
                                   GError   **error)
{
  g_autoptr(GPtrArray) records = NULL;
  JsonObject *object;
  JsonNode *list;
  JsonArray *array;
  const char *token;

  g_return_val_if_fail (continuation_token != NULL, NULL);

  *continuation_token = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || (list = json_object_get_member (json_node_get_object (root),
                                         "customerAgreementRecords")) == NULL
      || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error_literal (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INVALID_RESPONSE,
                           _("The page Partner Center sent has no customerAgreementRecords "
                             "list."));
      return NULL;
    }

  object = json_node_get_object (root);
  array = json_node_get_array (list);
  records = g_ptr_array_new_full (json_array_get_length (array),
                                  (GDestroyNotify) attest_partner_record_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      AttestPartnerRecord *record = parse_record (json_array_get_element (array, i), i, error);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }

  token = attest_json_get_string (object, "continuationToken");
  if (token != NULL && token[strspn (token, " \t\r\n")] != '\0')
    *continuation_token = g_strdup (token);

  return g_steal_pointer (&records);
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

static void
append_contact (GString                   *json,
                const AttestPartnerRecord *record)
{
  g_string_append (json, "\"primaryContact\":{");
  attest_json_append_member (json, "firstName", record->first_name);
  attest_json_append_member (json, "lastName", record->last_name);
  attest_json_append_member (json, "email", record->email);
  attest_json_append_member (json, "phoneNumber", record->phone_number);
  g_string_append_c (json, '}');
}

/* The body of POST /v1/CreateBulkReAttestation (reference §1.4). */
GBytes *
attest_partner_build_bulk_body (const char                  *partner_id,
                                const char                  *template_id,
                                GDateTime                   *date_agreed,
                                AttestPartnerRecord * const *records,
                                guint                        n_records)
{
  g_autofree char *date = NULL;
  g_autoptr(GString) head = NULL;
  g_autoptr(GString) middle = NULL;
  g_autoptr(GString) tail = NULL;
  GString *json;

  g_return_val_if_fail (partner_id != NULL, NULL);
  g_return_val_if_fail (template_id != NULL, NULL);
  g_return_val_if_fail (records != NULL || n_records == 0, NULL);

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
  json = g_string_sized_new (64 + (gsize) n_records * 320);
  g_string_append_c (json, '[');
  for (guint i = 0; i < n_records; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      g_string_append_len (json, head->str, head->len);
      attest_json_append_string (json, records[i]->customer_id);
      g_string_append_len (json, middle->str, middle->len);
      attest_json_append_string (json, records[i]->first_name);
      g_string_append (json, ",\"lastName\":");
      attest_json_append_string (json, records[i]->last_name);
      g_string_append (json, ",\"email\":");
      attest_json_append_string (json, records[i]->email);
      g_string_append (json, ",\"phoneNumber\":");
      attest_json_append_string (json, records[i]->phone_number);
      g_string_append_len (json, tail->str, tail->len);
    }
  g_string_append_c (json, ']');

  return g_string_free_to_bytes (json);
}

/* The body of POST /v1/customers/{id}/agreements (reference §2.3). */
GBytes *
attest_partner_build_agreement_body (const char                *template_id,
                                     GDateTime                 *date_agreed,
                                     const AttestPartnerRecord *record)
{
  g_autofree char *date = NULL;
  GString *json;

  g_return_val_if_fail (template_id != NULL, NULL);
  g_return_val_if_fail (record != NULL, NULL);

  date = attest_partner_format_date_agreed (date_agreed);

  json = g_string_sized_new (512);
  g_string_append_c (json, '{');
  append_contact (json, record);
  attest_json_append_member (json, "templateId", template_id);
  attest_json_append_member (json, "dateAgreed", date);
  attest_json_append_member (json, "type", "MicrosoftCustomerAgreement");
  g_string_append_c (json, '}');

  return g_string_free_to_bytes (json);
}
