/* attest-partner-record.c: the records Partner Center lists
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
      || (customer_id = attest_json_get_string (json_node_get_object (node),
                                                "customerTenantId")) == NULL)
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
