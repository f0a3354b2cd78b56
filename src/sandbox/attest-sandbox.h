/* attest-sandbox.h: a local Partner Center and Entra ID on 127.0.0.1 (SPEC §10)
 *
 * A real HTTP server, run on the caller's main context, that behaves like the
 * parts of Partner Center and Entra ID that Attest talks to, with seeded,
 * deterministic data and switches that provoke each failure the app has to
 * explain. `attest --sandbox`, `attest sandbox`, the tests and the
 * benchmarks use it. It serves Partner Center as it is since 2026-01-05
 * (SPEC §13), refusing the classic attestation, unless switched to the
 * classic service (attest_sandbox_set_classic()).
 *
 * The error bodies and pages it serves copy the remote services, which speak
 * English; they are not translated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define ATTEST_SANDBOX_ERROR (attest_sandbox_error_quark ())

typedef enum
{
  ATTEST_SANDBOX_ERROR_LISTEN,    /* the port could not be bound */
  ATTEST_SANDBOX_ERROR_NOT_FOUND, /* no such user code or customer */
} AttestSandboxError;

/* Failures of sign-in that a switch provokes (reference §3). They apply to
 * every later request until cleared. */
typedef enum /*< flags >*/
{
  ATTEST_SANDBOX_ENTRA_FAULT_NONE                    = 0,
  /* /authorize shows AADSTS50011: the redirect URI is not registered. */
  ATTEST_SANDBOX_ENTRA_FAULT_REDIRECT_URI_MISMATCH   = 1 << 0,
  /* The device code grant fails with AADSTS7000218 (invalid_client). */
  ATTEST_SANDBOX_ENTRA_FAULT_PUBLIC_CLIENT_DISABLED  = 1 << 1,
  /* Every token grant fails with AADSTS50076 (MFA required). */
  ATTEST_SANDBOX_ENTRA_FAULT_MFA_REQUIRED            = 1 << 2,
  /* Every token grant fails with AADSTS65001 (no consent). */
  ATTEST_SANDBOX_ENTRA_FAULT_CONSENT_REQUIRED        = 1 << 3,
  /* The user presses Cancel: /authorize redirects with access_denied, the
   * device code is declined. */
  ATTEST_SANDBOX_ENTRA_FAULT_USER_CANCELS            = 1 << 4,
} AttestSandboxEntraFaults;

/* How a 429 answer states its Retry-After. */
typedef enum
{
  ATTEST_SANDBOX_RETRY_AFTER_SECONDS,   /* Retry-After: 7 */
  ATTEST_SANDBOX_RETRY_AFTER_HTTP_DATE, /* Retry-After: Sat, 21 Nov 2026 23:50:07 GMT */
  ATTEST_SANDBOX_RETRY_AFTER_MIXED,     /* either, drawn per answer */
} AttestSandboxRetryAfterForm;

/* Faults of the Partner Center endpoints (/v1/…), drawn per request from a
 * generator seeded with the sandbox's seed, so a run is repeatable. Rates
 * are between 0 and 1. */
typedef struct
{
  guint                       latency_ms;
  guint                       jitter_ms;          /* added: uniform in [0, jitter_ms] */
  double                      rate_429;
  guint                       retry_after_min;    /* seconds */
  guint                       retry_after_max;
  AttestSandboxRetryAfterForm retry_after_form;
  double                      rate_500;
  double                      rate_503;
  double                      rate_drop;          /* connection closed without an answer */
  guint                       read_latency_ms;    /* in place of latency_ms for a GET, if set */
} AttestSandboxFaults;

/* One fault for the next Partner Center request, ahead of the random ones. */
typedef enum
{
  ATTEST_SANDBOX_FAULT_429_SECONDS,
  ATTEST_SANDBOX_FAULT_429_HTTP_DATE,
  ATTEST_SANDBOX_FAULT_500,
  ATTEST_SANDBOX_FAULT_503,
  ATTEST_SANDBOX_FAULT_DROP,
  /* The request is carried out, then the connection is closed before the
   * answer: the client cannot know whether it happened. */
  ATTEST_SANDBOX_FAULT_DROP_AFTER_ANSWER,
} AttestSandboxFault;

/* One request as the sandbox received it. */
typedef struct
{
  char               *method;
  char               *path;
  char               *query;     /* as sent, still escaped; NULL when there was none */
  SoupMessageHeaders *headers;   /* every request header */
  GBytes             *body;      /* NULL once the log let it go (below) */
  guint               status;    /* the answer's status; 0 when the connection was dropped */
  gint64              time;      /* when it arrived, microseconds since the epoch */
  gint64              retry_after_until; /* a 429's Retry-After as a time like @time; 0 if none */
} AttestSandboxRequest;

/* A seeded customer, as the fetch endpoint lists it, and its company as
 * the customer list (/v1/customers) shows it. */
typedef struct
{
  const char *customer_id;
  const char *first_name;
  const char *last_name;
  const char *email;
  const char *phone_number;
  gint64      last_agreement_epoch;  /* as the service sends it: 0, seconds or milliseconds */
  gboolean    attested;              /* left the fetch list */
  const char *company_name;
  const char *domain;
} AttestSandboxCustomer;

/* What a customer's seed says of its Microsoft Customer Agreement, as the
 * reads of Microsoft's current flow show it (mca-current-flow §2). */
typedef enum
{
  ATTEST_SANDBOX_MCA_SEED_ACCEPTED_DIRECTLY, /* isSigned: accepted in the admin center */
  ATTEST_SANDBOX_MCA_SEED_ATTESTED,          /* an MCA dated on or after 2023-04-01 */
  ATTEST_SANDBOX_MCA_SEED_OLDER_ONLY,        /* only MCAs before 2023-04-01 */
  ATTEST_SANDBOX_MCA_SEED_NONE,              /* no MCA at all: 600009 */
} AttestSandboxMcaSeed;

#define ATTEST_SANDBOX_DEFAULT_SEED           1
#define ATTEST_SANDBOX_DEFAULT_CUSTOMERS      120
#define ATTEST_SANDBOX_DEFAULT_PAGE_SIZE      50
#define ATTEST_SANDBOX_DEFAULT_TOKEN_LIFETIME 3600
#define ATTEST_SANDBOX_MAX_BULK_ITEMS         500

#define ATTEST_TYPE_SANDBOX (attest_sandbox_get_type ())

G_DECLARE_FINAL_TYPE (AttestSandbox, attest_sandbox, ATTEST, SANDBOX, GObject)

GQuark         attest_sandbox_error_quark           (void);

AttestSandbox *attest_sandbox_new                   (guint32                     seed);

/* Makes the customers anew, all waiting for attestation. */
void           attest_sandbox_set_customer_count    (AttestSandbox              *self,
                                                     guint                       count);
void           attest_sandbox_set_template_id       (AttestSandbox              *self,
                                                     const char                 *template_id);

gboolean       attest_sandbox_start                 (AttestSandbox              *self,
                                                     guint                       port,
                                                     GError                    **error);
void           attest_sandbox_stop                  (AttestSandbox              *self);

/* "http://127.0.0.1:PORT" without a trailing slash: the Partner Center base
 * URL and the Entra authority at once. NULL before start. */
const char    *attest_sandbox_get_uri               (AttestSandbox              *self);
guint32        attest_sandbox_get_seed              (AttestSandbox              *self);

/* Who is signed in: the partner tenant, its one user, an app registration. */
const char    *attest_sandbox_get_tenant_id         (AttestSandbox              *self);
const char    *attest_sandbox_get_user              (AttestSandbox              *self);
const char    *attest_sandbox_get_user_object_id    (AttestSandbox              *self);
const char    *attest_sandbox_get_app_id            (AttestSandbox              *self);
const char    *attest_sandbox_get_template_id       (AttestSandbox              *self);

/* Switches on the user: without MFA, tokens carry amr ["pwd"] and Partner
 * Center answers 401 with 900421; without the Admin agent role it answers
 * 403. */
void           attest_sandbox_set_user_mfa          (AttestSandbox              *self,
                                                     gboolean                    mfa);
void           attest_sandbox_set_user_has_role     (AttestSandbox              *self,
                                                     gboolean                    has_role);

/* Sign-in. */
void           attest_sandbox_set_auto_approve      (AttestSandbox              *self,
                                                     gboolean                    auto_approve);
void           attest_sandbox_set_entra_faults      (AttestSandbox              *self,
                                                     AttestSandboxEntraFaults    faults);
void           attest_sandbox_set_token_lifetime    (AttestSandbox              *self,
                                                     guint                       seconds);
guint          attest_sandbox_get_token_lifetime    (AttestSandbox              *self);
void           attest_sandbox_set_device_code_interval (AttestSandbox           *self,
                                                     guint                       seconds);
void           attest_sandbox_set_device_code_lifetime (AttestSandbox           *self,
                                                     guint                       seconds);
gboolean       attest_sandbox_approve_device_code   (AttestSandbox              *self,
                                                     const char                 *user_code,
                                                     GError                    **error);
gboolean       attest_sandbox_decline_device_code   (AttestSandbox              *self,
                                                     const char                 *user_code,
                                                     GError                    **error);

/* A signed access token for the sandbox user, with the claims Entra puts in
 * a v1.0 token for Partner Center; @expires_in may be negative for a token
 * that has already expired. */
char          *attest_sandbox_mint_access_token     (AttestSandbox              *self,
                                                     gint64                      expires_in);

/* The partner's web app, registered in Partner Center's App management,
 * whose own tokens (AppOnly, the client credentials grant at
 * /{tenant}/oauth2/v2.0/token) Microsoft's current flow writes with. Its
 * ID and secret follow from the seed; the secret is a test fixture. */
const char    *attest_sandbox_get_app_client_id     (AttestSandbox              *self);
const char    *attest_sandbox_get_app_client_secret (AttestSandbox              *self);
void           attest_sandbox_expire_app_secret     (AttestSandbox              *self);
char          *attest_sandbox_mint_app_token        (AttestSandbox              *self,
                                                     const char                 *tenant_id);

/* Partner Center. */
void           attest_sandbox_set_page_size         (AttestSandbox              *self,
                                                     guint                       page_size);
void           attest_sandbox_set_faults            (AttestSandbox              *self,
                                                     const AttestSandboxFaults  *faults);
void           attest_sandbox_queue_fault           (AttestSandbox              *self,
                                                     AttestSandboxFault          fault,
                                                     guint                       retry_after);
guint          attest_sandbox_get_customer_count    (AttestSandbox              *self);
const AttestSandboxCustomer *
               attest_sandbox_get_customer          (AttestSandbox              *self,
                                                     guint                       index);
const AttestSandboxCustomer *
               attest_sandbox_lookup_customer       (AttestSandbox              *self,
                                                     const char                 *customer_id);
guint          attest_sandbox_count_pending         (AttestSandbox              *self);
gboolean       attest_sandbox_remove_customer       (AttestSandbox              *self,
                                                     const char                 *customer_id);
void           attest_sandbox_set_records_list_served (AttestSandbox            *self,
                                                     gboolean                    served);

/* Which service: the current one (the default), which refuses the
 * classic write, or the classic one of SPEC §5. */
void           attest_sandbox_set_classic           (AttestSandbox              *self,
                                                     gboolean                    classic);
gboolean       attest_sandbox_get_classic           (AttestSandbox              *self);

/* Microsoft's current flow: what the reads show of each customer. */
AttestSandboxMcaSeed
               attest_sandbox_get_customer_mca_seed (AttestSandbox              *self,
                                                     const char                 *customer_id);
gboolean       attest_sandbox_set_direct_signed     (AttestSandbox              *self,
                                                     const char                 *customer_id,
                                                     gboolean                    is_signed);

/* Microsoft's current flow: attestations, their page and completion. */
gboolean       attest_sandbox_accept_attestation    (AttestSandbox              *self,
                                                     const char                 *attestation_id);
gboolean       attest_sandbox_expire_attestation    (AttestSandbox              *self,
                                                     const char                 *attestation_id);
guint          attest_sandbox_count_attestations    (AttestSandbox              *self);

/* The request log, oldest first: a request is logged once its answer is
 * decided. It keeps the last 10,000 requests, and the bodies of the last
 * ones up to 32 MB, so that a sandbox left running stays small. The
 * "request-received" signal, whose one argument is the const
 * AttestSandboxRequest * just logged, is emitted once each request's answer
 * is settled (its status is in the request). */
guint          attest_sandbox_get_request_count     (AttestSandbox              *self);
const AttestSandboxRequest *
               attest_sandbox_get_request           (AttestSandbox              *self,
                                                     guint                       index);
GPtrArray     *attest_sandbox_find_requests         (AttestSandbox              *self,
                                                     const char                 *method,
                                                     const char                 *path);
void           attest_sandbox_clear_requests        (AttestSandbox              *self);

G_END_DECLS
