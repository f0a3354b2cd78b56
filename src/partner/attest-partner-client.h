/* attest-partner-client.h: the Partner Center REST client (SPEC §5, §13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "attest-billing-profile.h"
#include "attest-partner-agreement.h"
#include "attest-partner-customer.h"
#include "attest-partner-error.h"
#include "attest-partner-record.h"
#include "attest-partner-request.h"
#include "attest-retry-policy.h"
#include "attest-token-provider.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_PARTNER_CLIENT (attest_partner_client_get_type ())

G_DECLARE_FINAL_TYPE (AttestPartnerClient, attest_partner_client, ATTEST, PARTNER_CLIENT, GObject)

/* Called once per page fetched, with that page's records (borrowed:
 * AttestPartnerRecord, or AttestPartnerCustomer for the customers list),
 * the page's number from 1, and how many records have come so far. */
typedef void (*AttestPartnerFetchProgress) (GPtrArray *page_records,
                                            guint      page_number,
                                            guint      records_so_far,
                                            gpointer   user_data);

/* Signals: "retrying" (const GError *error, guint delay_ms) when a call
 * failed and is sent again after @delay_ms, under the retry policy. */

AttestPartnerClient *attest_partner_client_new                (const char           *base_uri,
                                                               AttestTokenProvider  *tokens,
                                                               GError              **error);
const char          *attest_partner_client_get_base_uri       (AttestPartnerClient  *self);
AttestRetryPolicy   *attest_partner_client_get_retry_policy   (AttestPartnerClient  *self);
void                 attest_partner_client_set_retry_policy   (AttestPartnerClient  *self,
                                                               AttestRetryPolicy    *policy);
AttestTokenProvider *attest_partner_client_get_token_provider (AttestPartnerClient  *self);
void                 attest_partner_client_set_app_token_provider
                                                              (AttestPartnerClient  *self,
                                                               AttestTokenProvider  *tokens);
AttestTokenProvider *attest_partner_client_get_app_token_provider
                                                              (AttestPartnerClient  *self);

void       attest_partner_client_fetch_records_async  (AttestPartnerClient         *self,
                                                       AttestPartnerFetchProgress   progress,
                                                       gpointer                     progress_data,
                                                       GCancellable                *cancellable,
                                                       GAsyncReadyCallback          callback,
                                                       gpointer                     user_data);
GPtrArray *attest_partner_client_fetch_records_finish (AttestPartnerClient         *self,
                                                       GAsyncResult                *result,
                                                       GError                     **error);

void  attest_partner_client_preconnect             (AttestPartnerClient  *self,
                                                    guint                 n_connections);
void  attest_partner_client_get_template_id_async  (AttestPartnerClient  *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
char *attest_partner_client_get_template_id_finish (AttestPartnerClient  *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

void     attest_partner_client_send_async  (AttestPartnerClient   *self,
                                            AttestPartnerRequest  *request,
                                            int                    io_priority,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data);
gboolean attest_partner_client_send_finish (AttestPartnerClient   *self,
                                            GAsyncResult          *result,
                                            GError               **error);
gboolean attest_partner_client_send_finish_answer
                                           (AttestPartnerClient   *self,
                                            GAsyncResult          *result,
                                            JsonNode             **out_answer,
                                            GError               **error);

/* The documented reads of Microsoft's current flow (attest-partner-reads.c). */
void       attest_partner_client_list_customers_async  (AttestPartnerClient         *self,
                                                        AttestPartnerFetchProgress   progress,
                                                        gpointer                     progress_data,
                                                        GCancellable                *cancellable,
                                                        GAsyncReadyCallback          callback,
                                                        gpointer                     user_data);
GPtrArray *attest_partner_client_list_customers_finish (AttestPartnerClient         *self,
                                                        GAsyncResult                *result,
                                                        GError                     **error);

void       attest_partner_client_get_agreements_async      (AttestPartnerClient       *self,
                                                            const char                *customer_id,
                                                            GCancellable              *cancellable,
                                                            GAsyncReadyCallback        callback,
                                                            gpointer                   user_data);
GPtrArray *attest_partner_client_get_agreements_finish     (AttestPartnerClient       *self,
                                                            GAsyncResult              *result,
                                                            GError                   **error);
void       attest_partner_client_get_direct_signed_async   (AttestPartnerClient       *self,
                                                            const char                *customer_id,
                                                            GCancellable              *cancellable,
                                                            GAsyncReadyCallback        callback,
                                                            gpointer                   user_data);
gboolean   attest_partner_client_get_direct_signed_finish  (AttestPartnerClient       *self,
                                                            GAsyncResult              *result,
                                                            gboolean                  *out_signed,
                                                            GError                   **error);
void       attest_partner_client_get_billing_profile_async (AttestPartnerClient       *self,
                                                            const char                *customer_id,
                                                            GCancellable              *cancellable,
                                                            GAsyncReadyCallback        callback,
                                                            gpointer                   user_data);
AttestBillingProfile *
           attest_partner_client_get_billing_profile_finish
                                                           (AttestPartnerClient       *self,
                                                            GAsyncResult              *result,
                                                            GError                   **error);

G_END_DECLS
