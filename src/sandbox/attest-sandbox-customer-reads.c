/* attest-sandbox-customer-reads.c: the documented reads of a partner's customers
 *
 * The reads Microsoft's current flow rests on (reference mca-current-flow
 * §2, partner-center-api §2.4 and §2.6), answering from the customers'
 * state (attest-sandbox-mca.c):
 *
 * - GET /v1/customers?size=N: every customer, a page at a time. A page
 *   holds at most the sandbox's page size, whatever size asks for more;
 *   its links.next names the next page as the SDK follows it, a uri with
 *   seekOperation=Next and the header MS-ContinuationToken; the last page
 *   has no links.next. totalCount counts the page's items, as in Partner
 *   Center's collections.
 * - GET /v1/customers/{id}/agreements?agreementType=…: the customer's
 *   agreements of that type ("*": all); without agreementType only the
 *   Microsoft Cloud Agreement, as the service does for compatibility;
 *   none at all is the error 600009.
 * - GET /v1/customers/{id}/directSignedMicrosoftCustomerAgreementStatus:
 *   {"isSigned": true|false}.
 * - GET /v1/customers/{id}/profiles/billing: the billing profile, a
 *   member that has no value left out.
 *
 * A customer that does not exist is 404 with 600008.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-customer-reads"

#include "config.h"

#include "attest-sandbox-customer-reads.h"
#include "attest-sandbox-util.h"

#define CUSTOMERS_PATH "/v1/customers"

struct _AttestSandboxCustomerReads
{
  AttestSandboxCustomers *customers;      /* borrowed */
  AttestSandboxMca       *mca;            /* borrowed */
  GHashTable             *continuations;  /* token → index of the page's first customer */
};

AttestSandboxCustomerReads *
attest_sandbox_customer_reads_new (AttestSandboxCustomers *customers,
                                   AttestSandboxMca       *mca)
{
  AttestSandboxCustomerReads *self = g_new0 (AttestSandboxCustomerReads, 1);

  self->customers = customers;
  self->mca = mca;
  self->continuations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return self;
}

void
attest_sandbox_customer_reads_free (AttestSandboxCustomerReads *self)
{
  g_hash_table_unref (self->continuations);
  g_free (self);
}

/* Continuation tokens point into the customer list: when it is made anew,
 * they point nowhere. */
void
attest_sandbox_customer_reads_forget_pages (AttestSandboxCustomerReads *self)
{
  g_hash_table_remove_all (self->continuations);
}

/* Returns FALSE, having answered, when there is no such customer. */
static gboolean
check_customer (AttestSandboxCustomerReads *self,
                SoupServerMessage          *msg,
                const char                 *customer_id)
{
  if (attest_sandbox_customers_lookup (self->customers, customer_id) != NULL)
    return TRUE;

  attest_sandbox_respond_no_customer (msg);
  return FALSE;
}

static void
add_attributes (JsonBuilder *builder,
                const char  *object_type)
{
  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_object (builder);
  attest_sandbox_add_member (builder, "objectType", object_type);
  json_builder_end_object (builder);
}

static void
add_link (JsonBuilder *builder,
          const char  *name,
          const char  *uri,
          const char  *continuation)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  attest_sandbox_add_member (builder, "uri", uri);
  attest_sandbox_add_member (builder, "method", "GET");
  json_builder_set_member_name (builder, "headers");
  json_builder_begin_array (builder);
  if (continuation != NULL)
    {
      json_builder_begin_object (builder);
      attest_sandbox_add_member (builder, "key", "MS-ContinuationToken");
      attest_sandbox_add_member (builder, "value", continuation);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_customer (JsonBuilder                 *builder,
              const AttestSandboxCustomer *customer)
{
  json_builder_begin_object (builder);
  attest_sandbox_add_member (builder, "id", customer->customer_id);
  json_builder_set_member_name (builder, "companyProfile");
  json_builder_begin_object (builder);
  attest_sandbox_add_member (builder, "tenantId", customer->customer_id);
  attest_sandbox_add_member (builder, "domain", customer->domain);
  attest_sandbox_add_member (builder, "companyName", customer->company_name);
  add_attributes (builder, "CustomerCompanyProfile");
  json_builder_end_object (builder);
  attest_sandbox_add_member (builder, "relationshipToPartner", "reseller");
  add_attributes (builder, "Customer");
  json_builder_end_object (builder);
}

/* GET /v1/customers[?size=N][&seekOperation=Next], the next pages with
 * the header MS-ContinuationToken. */
void
attest_sandbox_customer_reads_list (AttestSandboxCustomerReads *self,
                                    SoupServerMessage          *msg,
                                    GHashTable                 *query,
                                    guint                       page_size)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *size_text = query != NULL ? g_hash_table_lookup (query, "size") : NULL;
  const char *seek = query != NULL ? g_hash_table_lookup (query, "seekOperation") : NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *self_uri = NULL;
  g_autofree char *next = NULL;
  guint count = attest_sandbox_customers_get_count (self->customers);
  guint64 size = page_size;
  guint first = 0;
  guint end;

  if (size_text != NULL
      && !g_ascii_string_to_unsigned (size_text, 10, 1, G_MAXUINT32, &size, NULL))
    {
      attest_sandbox_respond_invalid (msg, "The size must be a whole number greater than 0.");
      return;
    }

  if (seek != NULL)
    {
      const char *token = soup_message_headers_get_one (headers, "MS-ContinuationToken");
      gpointer value;

      if (!g_str_equal (seek, "Next"))
        {
          attest_sandbox_respond_invalid (msg, "The seek operation is not valid.");
          return;
        }
      if (token == NULL
          || !g_hash_table_lookup_extended (self->continuations, token, NULL, &value))
        {
          attest_sandbox_respond_invalid (msg, "The continuation token is not valid.");
          return;
        }
      first = MIN (GPOINTER_TO_UINT (value), count);
    }

  end = first + MIN (size, page_size);
  end = MIN (end, count);

  self_uri = g_strdup_printf (CUSTOMERS_PATH "?size=%" G_GUINT64_FORMAT, size);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "totalCount");
  json_builder_add_int_value (builder, end - first);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = first; i < end; i++)
    add_customer (builder, attest_sandbox_customers_get (self->customers, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "links");
  json_builder_begin_object (builder);
  add_link (builder, "self", self_uri, NULL);
  if (end < count)
    {
      g_autofree char *next_uri = g_strconcat (self_uri, "&seekOperation=Next", NULL);

      next = attest_sandbox_new_continuation_token ();
      g_hash_table_insert (self->continuations, g_strdup (next), GUINT_TO_POINTER (end));
      add_link (builder, "next", next_uri, next);
    }
  json_builder_end_object (builder);
  attest_sandbox_add_member (builder, "continuationToken", next);
  add_attributes (builder, "Collection");
  json_builder_end_object (builder);

  attest_sandbox_respond_json (msg, 200, builder);
}

/* GET /v1/customers/{id}/agreements[?agreementType=…] */
void
attest_sandbox_customer_reads_agreements (AttestSandboxCustomerReads *self,
                                          SoupServerMessage          *msg,
                                          const char                 *customer_id,
                                          GHashTable                 *query,
                                          const char                 *template_id)
{
  const char *type = query != NULL ? g_hash_table_lookup (query, "agreementType") : NULL;
  g_autoptr(GStringChunk) strings = g_string_chunk_new (256);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GArray) agreements = NULL;
  guint listed = 0;

  if (type == NULL)
    type = ATTEST_SANDBOX_CLOUD_TYPE;
  if (!g_str_equal (type, ATTEST_SANDBOX_MCA_TYPE) && !g_str_equal (type, ATTEST_SANDBOX_CLOUD_TYPE)
      && !g_str_equal (type, "*"))
    {
      attest_sandbox_respond_invalid (msg, "The agreement type is not valid.");
      return;
    }
  if (!check_customer (self, msg, customer_id))
    return;

  agreements = attest_sandbox_mca_list_agreements (self->mca, customer_id, strings);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < agreements->len; i++)
    {
      const AttestSandboxMcaAgreement *agreement =
        &g_array_index (agreements, AttestSandboxMcaAgreement, i);
      gboolean mca = g_str_equal (agreement->type, ATTEST_SANDBOX_MCA_TYPE);

      if (!g_str_equal (type, "*") && !g_str_equal (type, agreement->type))
        continue;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "primaryContact");
      attest_sandbox_add_contact (builder, agreement->first_name, agreement->last_name,
                                  agreement->email, agreement->phone_number);
      attest_sandbox_add_member (builder, "templateId",
                                 agreement->template_id != NULL ? agreement->template_id
                                                                : template_id);
      attest_sandbox_add_member (builder, "dateAgreed", agreement->date_agreed);
      attest_sandbox_add_member (builder, "type", agreement->type);
      attest_sandbox_add_member (builder, "agreementLink",
                                 mca ? ATTEST_SANDBOX_MCA_LINK : ATTEST_SANDBOX_CLOUD_LINK);
      json_builder_end_object (builder);
      listed++;
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "totalCount");
  json_builder_add_int_value (builder, listed);
  add_attributes (builder, "Collection");
  json_builder_end_object (builder);

  if (listed == 0)
    {
      attest_sandbox_respond_error (msg, 404, ATTEST_SANDBOX_CODE_NO_AGREEMENTS,
                                    "AgreementsNotFound",
                                    "No agreements were found for the customer.", NULL);
      return;
    }

  attest_sandbox_respond_json (msg, 200, builder);
}

/* GET /v1/customers/{id}/directSignedMicrosoftCustomerAgreementStatus */
void
attest_sandbox_customer_reads_direct_signed (AttestSandboxCustomerReads *self,
                                             SoupServerMessage          *msg,
                                             const char                 *customer_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!check_customer (self, msg, customer_id))
    return;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "isSigned");
  json_builder_add_boolean_value (builder, attest_sandbox_mca_is_signed (self->mca, customer_id));
  json_builder_end_object (builder);

  attest_sandbox_respond_json (msg, 200, builder);
}

/* GET /v1/customers/{id}/profiles/billing */
void
attest_sandbox_customer_reads_billing_profile (AttestSandboxCustomerReads *self,
                                               SoupServerMessage          *msg,
                                               const char                 *customer_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *etag = NULL;
  AttestSandboxBillingProfile profile;

  if (!check_customer (self, msg, customer_id))
    return;

  attest_sandbox_mca_get_billing_profile (self->mca, customer_id, &profile);
  etag = g_strdup_printf ("W/\"%.8s\"", profile.id);

  json_builder_begin_object (builder);
  attest_sandbox_add_member (builder, "id", profile.id);
  attest_sandbox_add_member (builder, "firstName", profile.first_name);
  attest_sandbox_add_member (builder, "lastName", profile.last_name);
  attest_sandbox_add_member (builder, "email", profile.email);
  attest_sandbox_add_member (builder, "culture", profile.culture);
  attest_sandbox_add_member (builder, "language", profile.language);
  attest_sandbox_add_member (builder, "companyName", profile.company_name);
  json_builder_set_member_name (builder, "defaultAddress");
  json_builder_begin_object (builder);
  attest_sandbox_add_member (builder, "country", profile.country);
  attest_sandbox_add_member (builder, "region", profile.region);
  attest_sandbox_add_member (builder, "city", profile.city);
  attest_sandbox_add_member (builder, "addressLine1", profile.address_line1);
  attest_sandbox_add_member (builder, "postalCode", profile.postal_code);
  attest_sandbox_add_member (builder, "firstName", profile.first_name);
  attest_sandbox_add_member (builder, "lastName", profile.last_name);
  attest_sandbox_add_member (builder, "phoneNumber", profile.phone_number);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "attributes");
  json_builder_begin_object (builder);
  attest_sandbox_add_member (builder, "etag", etag);
  attest_sandbox_add_member (builder, "objectType", "CustomerBillingProfile");
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  attest_sandbox_respond_json (msg, 200, builder);
}
