/* attest-partner-client-private.h: what the client's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "attest-partner-client.h"

G_BEGIN_DECLS

struct _AttestPartnerClient
{
  GObject              parent_instance;

  SoupSession         *session;
  char                *base_uri;
  char                *host;
  AttestTokenProvider *tokens;           /* the user's (App+User), or NULL */
  AttestTokenProvider *app_tokens;       /* the app's (AppOnly), or NULL */
  AttestRetryPolicy   *retry_policy;
};

typedef struct
{
  char                  *method;
  char                  *path;            /* with its query */
  GBytes                *body;
  char                  *request_id;
  char                  *correlation_id;
  AttestPartnerCredential credential;
  SoupMessageHeaders    *extra_headers;   /* sent as well, or NULL: a next page's own */
  AttestTokenProvider   *tokens;          /* the provider picked for the credential */
  guint                  status;          /* of the last answer; 0 before one */
  gboolean               retry;
  guint                  attempts;
  gboolean               refreshed;
  char                  *token;
  gint64                 started;
  int                    io_priority;     /* of the request and its answer */
} AttestPartnerCall;

AttestPartnerCall *attest_partner_call_new    (const char           *method,
                                               const char           *path,
                                               const char           *request_id,
                                               const char           *correlation_id,
                                               gboolean              retry);
void               attest_partner_call_free   (gpointer              call);
void               attest_partner_call_start  (AttestPartnerClient  *self,
                                               AttestPartnerCall    *call,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
JsonNode          *attest_partner_call_finish (GAsyncResult         *result,
                                               GError              **error);
guint              attest_partner_call_get_status (GAsyncResult     *result);
GError            *attest_partner_call_new_unfit_error (GAsyncResult *result,
                                                        JsonNode     *root,
                                                        const char   *problem);

void               attest_partner_client_emit_retrying (AttestPartnerClient *self,
                                                        const GError        *error,
                                                        guint                delay_ms);

G_END_DECLS
