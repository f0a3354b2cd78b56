/* attest-partner-reads.c: the documented reads of Microsoft's current
 * flow (reference mca-current-flow §2, SPEC §13)
 *
 * The customers (GET /v1/customers, page after page), a customer's
 * Microsoft Customer Agreements, whether the customer accepted the MCA
 * itself in the admin center, and its billing profile. Each is a GET,
 * retried under the client's retry policy with the same MS-RequestId
 * (SPEC §6), and goes out with the credential its route takes: the
 * agreements and the direct acceptance with the user's, the customers and
 * the billing profile with either (the user's when both are there).
 *
 * An answer is read strictly: a member that is missing where it is needed,
 * or present with another type, is an ATTEST_PARTNER_ERROR_INVALID_RESPONSE
 * naming it, with the status and the server's words, and nothing is taken
 * from that answer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-partner-reads"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-partner-answer.h"
#include "attest-partner-client-private.h"

#define CUSTOMERS_PATH      "/v1/customers"
/* Customers asked for a page; Partner Center may send fewer. */
#define CUSTOMERS_PAGE_SIZE 100
#define MCA_QUERY           "?agreementType=" ATTEST_PARTNER_AGREEMENT_TYPE_MCA

/* "/v1/customers/{id}@tail", the ID escaped. */
static char *
dup_customer_path (const char *customer_id,
                   const char *tail)
{
  g_autofree char *escaped = g_uri_escape_string (customer_id, NULL, FALSE);

  return g_strconcat (CUSTOMERS_PATH "/", escaped, tail, NULL);
}

/* Reads @customer_id's @tail (a path below the customer) with
 * @credential, for a new task tagged @source_tag whose answer @on_answer
 * reads. */
static void
read_customer (AttestPartnerClient     *self,
               const char              *customer_id,
               const char              *tail,
               AttestPartnerCredential  credential,
               gpointer                 source_tag,
               GAsyncReadyCallback      on_answer,
               GCancellable            *cancellable,
               GAsyncReadyCallback      callback,
               gpointer                 user_data)
{
  g_autofree char *path = dup_customer_path (customer_id, tail);
  AttestPartnerCall *call = attest_partner_call_new ("GET", path, NULL, NULL, TRUE);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  call->credential = credential;
  attest_partner_call_start (self, call, cancellable, on_answer, task);
}

/* Listing the customers, page after page */

typedef struct
{
  GPtrArray                  *customers;
  char                       *correlation_id;
  char                       *page_key;        /* the page last asked for: path and token */
  guint                       pages;
  AttestPartnerFetchProgress  progress;
  gpointer                    progress_data;
} List;

static void
list_free (gpointer data)
{
  List *list = data;

  g_ptr_array_unref (list->customers);
  g_free (list->correlation_id);
  g_free (list->page_key);
  g_free (list);
}

/* The path of the next page from @uri, the "uri" of links.next: a path
 * below /v1 (Partner Center writes "/customers?…"), a path with /v1, or an
 * address under the client's base URI. Anything else would take the
 * partner's token elsewhere: NULL. */
static char *
dup_next_path (AttestPartnerClient *self,
               const char          *uri)
{
  gsize base_length = strlen (self->base_uri);

  if (g_uri_peek_scheme (uri) != NULL)
    {
      if (strncmp (uri, self->base_uri, base_length) != 0 || uri[base_length] != '/')
        return NULL;
      uri += base_length;
    }

  if (g_str_has_prefix (uri, "/v1/"))
    return g_strdup (uri);
  if (uri[0] == '/')
    return g_strconcat ("/v1", uri, NULL);

  return g_strconcat ("/v1/", uri, NULL);
}

static gboolean
is_own_header (const char *name)
{
  return g_ascii_strcasecmp (name, "MS-RequestId") == 0
         || g_ascii_strcasecmp (name, "MS-CorrelationId") == 0
         || g_ascii_strcasecmp (name, "MS-PartnerCenter-Application") == 0;
}

static gboolean
has_control_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_iscntrl (*p))
        return TRUE;
    }

  return FALSE;
}

/* Reads links.next.headers into @headers: the Partner Center headers
 * ("MS-…") the next page is to be asked with, MS-ContinuationToken above
 * all, except those every call sets itself. Others are not sent. */
static gboolean
read_next_headers (JsonObject          *next,
                   SoupMessageHeaders  *headers,
                   char               **problem)
{
  JsonNode *list = json_object_get_member (next, "headers");
  JsonArray *array;

  if (list == NULL || JSON_NODE_HOLDS_NULL (list))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (list))
    {
      *problem = g_strdup_printf (_("“%s” is not a list"), "links.next.headers");
      return FALSE;
    }

  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf ("links.next.headers[%u]", i);
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      JsonObject *header;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          *problem = g_strdup_printf (_("“%s” is not an object"), where);
          return FALSE;
        }
      header = json_node_get_object (element);
      if (!attest_partner_answer_get_text (header, where, "key", &key, problem)
          || !attest_partner_answer_get_text (header, where, "value", &value, problem))
        return FALSE;
      if (key == NULL || value == NULL || has_control_characters (value))
        {
          /* Translators: the place of a header in Partner Center's answer. */
          *problem = g_strdup_printf (_("“%s” is not a header with a key and a value"), where);
          return FALSE;
        }
      if (g_ascii_strncasecmp (key, "MS-", 3) == 0 && !has_control_characters (key)
          && strpbrk (key, " :") == NULL && !is_own_header (key))
        soup_message_headers_replace (headers, key, value);
    }

  return TRUE;
}

/* Reads one page of GET /v1/customers into @customers, and where the next
 * page is: @next_path (NULL on the last page) and the headers to ask it
 * with. */
static gboolean
read_customers_page (AttestPartnerClient  *self,
                     JsonNode             *root,
                     GPtrArray            *customers,
                     char                **next_path,
                     SoupMessageHeaders  **next_headers,
                     char                **problem)
{
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *token = NULL;
  JsonObject *object;
  JsonObject *links = NULL;
  JsonObject *next = NULL;
  JsonNode *items;
  JsonArray *array;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      *problem = g_strdup (_("it is not a JSON object"));
      return FALSE;
    }

  object = json_node_get_object (root);
  items = json_object_get_member (object, "items");
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      *problem = g_strdup (_("it has no “items” list"));
      return FALSE;
    }

  array = json_node_get_array (items);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf ("items[%u]", i);
      AttestPartnerCustomer *customer;

      customer = attest_partner_customer_new_from_json (json_array_get_element (array, i), where,
                                                        problem);
      if (customer == NULL)
        return FALSE;
      g_ptr_array_add (customers, customer);
    }

  if (!attest_partner_answer_get_object (object, NULL, "links", &links, problem)
      || !attest_partner_answer_get_object (links, "links", "next", &next, problem))
    return FALSE;

  if (next == NULL)
    return TRUE;

  if (!attest_partner_answer_get_text (next, "links.next", "uri", &uri, problem)
      || !attest_partner_answer_get_text (object, NULL, "continuationToken", &token, problem))
    return FALSE;
  if (uri == NULL)
    {
      *problem = g_strdup_printf (_("“%s” is missing"), "links.next.uri");
      return FALSE;
    }
  *next_path = dup_next_path (self, uri);
  if (*next_path == NULL)
    {
      *problem = g_strdup_printf (_("“%s” leads away from Partner Center"), "links.next.uri");
      return FALSE;
    }

  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  if (!read_next_headers (next, headers, problem))
    {
      g_clear_pointer (next_path, g_free);
      return FALSE;
    }
  /* The SDK takes the token from links.next's headers; when they have
   * none, the collection's own "continuationToken" is the one. */
  if (soup_message_headers_get_one (headers, "MS-ContinuationToken") == NULL && token != NULL
      && !has_control_characters (token))
    soup_message_headers_replace (headers, "MS-ContinuationToken", token);

  *next_headers = g_steal_pointer (&headers);

  return TRUE;
}

static void list_page (GTask              *task,
                       char               *path,
                       SoupMessageHeaders *headers);

static void
on_customers_page (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttestPartnerClient *self = g_task_get_source_object (task);
  List *list = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(SoupMessageHeaders) next_headers = NULL;
  g_autofree char *next_path = NULL;
  g_autofree char *problem = NULL;
  GError *error = NULL;

  root = attest_partner_call_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  page = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_partner_customer_unref);
  if (!read_customers_page (self, root, page, &next_path, &next_headers, &problem))
    {
      g_task_return_error (task, attest_partner_call_new_unfit_error (result, root, problem));
      return;
    }

  if (next_path != NULL)
    {
      const char *token = soup_message_headers_get_one (next_headers, "MS-ContinuationToken");
      g_autofree char *next_key = g_strconcat (next_path, "\n", token, NULL);

      /* A next page that is the page just read would be read for ever. */
      if (g_str_equal (next_key, list->page_key))
        {
          g_task_return_error (task, attest_partner_call_new_unfit_error (
                                       result, root, _("its next page is the page itself")));
          return;
        }
    }

  list->pages++;
  if (list->progress != NULL)
    list->progress (page, list->pages, list->customers->len + page->len, list->progress_data);
  g_ptr_array_set_free_func (page, NULL);
  g_ptr_array_extend (list->customers, page, NULL, NULL);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (next_path != NULL)
    list_page (g_steal_pointer (&task), g_steal_pointer (&next_path),
               g_steal_pointer (&next_headers));
  else
    g_task_return_pointer (task, g_ptr_array_ref (list->customers),
                           (GDestroyNotify) g_ptr_array_unref);
}

/* Asks for the page at @path with @headers (may be NULL); takes @task,
 * @path and @headers. */
static void
list_page (GTask              *task,
           char               *path,
           SoupMessageHeaders *headers)
{
  AttestPartnerClient *self = g_task_get_source_object (task);
  List *list = g_task_get_task_data (task);
  const char *token = headers != NULL ? soup_message_headers_get_one (headers,
                                                                      "MS-ContinuationToken")
                                      : NULL;
  AttestPartnerCall *call;

  g_free (list->page_key);
  list->page_key = g_strconcat (path, "\n", token, NULL);

  /* One correlation ID for the whole list, a new request ID per page. */
  call = attest_partner_call_new ("GET", path, NULL, list->correlation_id, TRUE);
  g_free (path);
  call->credential = ATTEST_PARTNER_CREDENTIAL_EITHER;
  call->extra_headers = headers;
  attest_partner_call_start (self, call, g_task_get_cancellable (task), on_customers_page, task);
}

/* Lists every customer of the partner (GET /v1/customers, reference §2.6),
 * following links.next to the last page; @progress (may be NULL) hears of
 * each page, with its AttestPartnerCustomer items. */
void
attest_partner_client_list_customers_async (AttestPartnerClient        *self,
                                            AttestPartnerFetchProgress  progress,
                                            gpointer                    progress_data,
                                            GCancellable               *cancellable,
                                            GAsyncReadyCallback         callback,
                                            gpointer                    user_data)
{
  GTask *task;
  List *list;

  g_return_if_fail (ATTEST_IS_PARTNER_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_partner_client_list_customers_async);

  list = g_new0 (List, 1);
  list->customers = g_ptr_array_new_with_free_func (
    (GDestroyNotify) attest_partner_customer_unref);
  list->correlation_id = attest_partner_new_request_id ();
  list->progress = progress;
  list->progress_data = progress_data;
  g_task_set_task_data (task, list, list_free);

  list_page (task, g_strdup_printf (CUSTOMERS_PATH "?size=%u", CUSTOMERS_PAGE_SIZE), NULL);
}

/* Returns the customers (AttestPartnerCustomer), in the order listed. */
GPtrArray *
attest_partner_client_list_customers_finish (AttestPartnerClient  *self,
                                             GAsyncResult         *result,
                                             GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A customer's Microsoft Customer Agreements */

static void
on_agreements (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) agreements = NULL;
  g_autofree char *problem = NULL;
  GError *error = NULL;
  JsonNode *items = NULL;
  JsonArray *array;

  agreements = g_ptr_array_new_with_free_func ((GDestroyNotify) attest_partner_agreement_unref);

  root = attest_partner_call_finish (result, &error);
  if (error != NULL
      && g_strcmp0 (attest_partner_error_get_service_code (error),
                    ATTEST_PARTNER_SERVICE_CODE_NO_AGREEMENTS) == 0)
    {
      /* 600009: the customer has no agreements (reference §2.4). */
      g_error_free (error);
      g_task_return_pointer (task, g_steal_pointer (&agreements),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    items = json_object_get_member (json_node_get_object (root), "items");
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    problem = g_strdup (_("it has no “items” list"));

  array = problem == NULL ? json_node_get_array (items) : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf ("items[%u]", i);
      AttestPartnerAgreement *agreement;

      agreement = attest_partner_agreement_new_from_json (json_array_get_element (array, i),
                                                          where, &problem);
      if (agreement == NULL)
        break;
      g_ptr_array_add (agreements, agreement);
    }

  if (problem != NULL)
    {
      g_task_return_error (task, attest_partner_call_new_unfit_error (result, root, problem));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&agreements), (GDestroyNotify) g_ptr_array_unref);
}

/* Reads @customer_id's Microsoft Customer Agreements (GET
 * /v1/customers/{id}/agreements?agreementType=MicrosoftCustomerAgreement,
 * with the user's credential); error 600009 means none. */
void
attest_partner_client_get_agreements_async (AttestPartnerClient *self,
                                            const char          *customer_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (ATTEST_IS_PARTNER_CLIENT (self));
  g_return_if_fail (customer_id != NULL);

  read_customer (self, customer_id, "/agreements" MCA_QUERY, ATTEST_PARTNER_CREDENTIAL_USER,
                 attest_partner_client_get_agreements_async, on_agreements, cancellable,
                 callback, user_data);
}

/* Returns the agreements (AttestPartnerAgreement) as listed, an empty
 * array when the customer has none. */
GPtrArray *
attest_partner_client_get_agreements_finish (AttestPartnerClient  *self,
                                             GAsyncResult         *result,
                                             GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Whether the customer accepted the MCA itself */

static void
on_direct_signed (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *problem = NULL;
  GError *error = NULL;
  JsonNode *is_signed = NULL;

  root = attest_partner_call_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    problem = g_strdup (_("it is not a JSON object"));
  else if ((is_signed = json_object_get_member (json_node_get_object (root), "isSigned")) == NULL)
    problem = g_strdup_printf (_("“%s” is missing"), "isSigned");
  else if (!JSON_NODE_HOLDS_VALUE (is_signed)
           || json_node_get_value_type (is_signed) != G_TYPE_BOOLEAN)
    /* Translators: the name of a member of Partner Center's answer. */
    problem = g_strdup_printf (_("“%s” is neither true nor false"), "isSigned");

  if (problem != NULL)
    {
      g_task_return_error (task, attest_partner_call_new_unfit_error (result, root, problem));
      return;
    }

  g_task_return_int (task, json_node_get_boolean (is_signed) ? 1 : 0);
}

/* Reads whether @customer_id accepted the MCA in the Microsoft 365 admin
 * center (GET /v1/customers/{id}/directSignedMicrosoftCustomerAgreementStatus,
 * with the user's credential). */
void
attest_partner_client_get_direct_signed_async (AttestPartnerClient *self,
                                               const char          *customer_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_return_if_fail (ATTEST_IS_PARTNER_CLIENT (self));
  g_return_if_fail (customer_id != NULL);

  read_customer (self, customer_id, "/directSignedMicrosoftCustomerAgreementStatus",
                 ATTEST_PARTNER_CREDENTIAL_USER, attest_partner_client_get_direct_signed_async,
                 on_direct_signed, cancellable, callback, user_data);
}

/* Sets @out_signed to "isSigned" and returns TRUE, or returns FALSE with
 * @error. */
gboolean
attest_partner_client_get_direct_signed_finish (AttestPartnerClient  *self,
                                                GAsyncResult         *result,
                                                gboolean             *out_signed,
                                                GError              **error)
{
  gssize is_signed;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  is_signed = g_task_propagate_int (G_TASK (result), error);
  if (is_signed < 0)
    return FALSE;

  if (out_signed != NULL)
    *out_signed = is_signed == 1;

  return TRUE;
}

/* A customer's billing profile */

static void
on_billing_profile (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *problem = NULL;
  AttestBillingProfile *profile;
  GError *error = NULL;

  root = attest_partner_call_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  profile = attest_billing_profile_new_from_json (root, &problem);
  if (profile == NULL)
    {
      g_task_return_error (task, attest_partner_call_new_unfit_error (result, root, problem));
      return;
    }

  g_task_return_pointer (task, profile, (GDestroyNotify) attest_billing_profile_unref);
}

/* Reads @customer_id's billing profile (GET
 * /v1/customers/{id}/profiles/billing, with either credential). */
void
attest_partner_client_get_billing_profile_async (AttestPartnerClient *self,
                                                 const char          *customer_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data)
{
  g_return_if_fail (ATTEST_IS_PARTNER_CLIENT (self));
  g_return_if_fail (customer_id != NULL);

  read_customer (self, customer_id, "/profiles/billing", ATTEST_PARTNER_CREDENTIAL_EITHER,
                 attest_partner_client_get_billing_profile_async, on_billing_profile,
                 cancellable, callback, user_data);
}

AttestBillingProfile *
attest_partner_client_get_billing_profile_finish (AttestPartnerClient  *self,
                                                  GAsyncResult         *result,
                                                  GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
