/* attest-sandbox-private.h: what the sandbox's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "attest-sandbox.h"

G_BEGIN_DECLS

#define ATTEST_SANDBOX_PARTNER_CENTER_AUDIENCE "https://api.partnercenter.microsoft.com"

/* The public fields point to strings the customer owns. */
typedef struct
{
  AttestSandboxCustomer  public;
  /* The contact of the last partner attestation, for the 600061 rule. */
  char                  *attested_first_name;
  char                  *attested_last_name;
  char                  *attested_email;
  char                  *attested_phone_number;
} SandboxCustomer;

/* What an agreement in a request says; a member that is missing, or of
 * another type than expected, is NULL (phoneNumber: "" when missing). */
typedef struct
{
  const char *template_id;
  const char *date_agreed;
  gboolean    has_contact;      /* primaryContact is an object */
  const char *first_name;
  const char *last_name;
  const char *email;
  const char *phone_number;
} SandboxAgreement;

/* One item of a bulk request. */
typedef struct
{
  gboolean          is_object;
  const char       *partner_id;
  const char       *customer_id;
  gboolean          direct_acceptance_false;
  gboolean          has_agreement;  /* agreement is an object */
  SandboxAgreement  agreement;
} SandboxBulkItem;

struct _AttestSandbox
{
  GObject                   parent_instance;

  SoupServer               *server;
  char                     *uri;

  guint32                   seed;
  GRand                    *fault_rand;
  GBytes                   *secret;

  char                     *tenant_id;
  char                     *user;
  char                     *user_object_id;
  char                     *app_id;
  char                     *template_id;
  gboolean                  user_mfa;
  gboolean                  user_has_role;

  /* Sign-in */
  gboolean                  auto_approve;
  AttestSandboxEntraFaults  entra_faults;
  guint                     token_lifetime;
  guint                     device_code_interval;
  guint                     device_code_lifetime;
  GHashTable               *codes;           /* code → SandboxCode */
  GHashTable               *refresh_tokens;  /* token → client id */
  GHashTable               *device_codes;    /* device code → SandboxDeviceCode */

  /* Partner Center */
  guint                     customer_count;
  guint                     page_size;
  GPtrArray                *customers;       /* SandboxCustomer, in listing order */
  GHashTable               *customers_by_id;
  GHashTable               *continuations;   /* token → index of the page's first customer */
  AttestSandboxFaults       faults;
  GQueue                    queued_faults;   /* SandboxQueuedFault */
  GHashTable               *answers;         /* MS-RequestId → SandboxAnswer, for POSTs */

  GPtrArray                *requests;        /* AttestSandboxRequest */
  char                     *verified_token;  /* the last token found good, */
  JsonNode                 *verified_payload; /* and its payload */
  GQueue                    held;            /* SandboxHeldAnswer, by when it is due */
  GSource                  *hold_source;
  int                       hold_fd;         /* a timerfd, or -1 */
};

/* attest-sandbox.c */
char     *attest_sandbox_new_guid             (GRand              *rand);
char     *attest_sandbox_new_opaque_token     (gsize               n_bytes);
void      attest_sandbox_respond_json         (SoupServerMessage  *msg,
                                               guint               status,
                                               JsonBuilder        *builder);
void      attest_sandbox_respond_html         (SoupServerMessage  *msg,
                                               guint               status,
                                               const char         *title,
                                               const char         *body_html);
void      attest_sandbox_respond_fault        (SoupServerMessage  *msg,
                                               guint               status,
                                               const char         *code,
                                               const char         *description);
char     *attest_sandbox_format_timestamp     (void);

/* attest-sandbox-token.c */
char     *attest_sandbox_sign_jwt             (AttestSandbox      *self,
                                               JsonBuilder        *payload);
char     *attest_sandbox_mint_access_token_for_client (AttestSandbox *self,
                                                      const char    *client_id);
JsonNode *attest_sandbox_verify_jwt           (AttestSandbox      *self,
                                               const char         *token);
char     *attest_sandbox_mint_id_token        (AttestSandbox      *self,
                                               const char         *client_id);

/* attest-sandbox-entra.c */
void      attest_sandbox_entra_init           (AttestSandbox      *self);
void      attest_sandbox_entra_clear          (AttestSandbox      *self);
gboolean  attest_sandbox_entra_handle         (AttestSandbox      *self,
                                               SoupServerMessage  *msg,
                                               const char         *path,
                                               GHashTable         *query);

void      attest_sandbox_entra_respond_error  (SoupServerMessage  *msg,
                                               guint               status,
                                               const char         *error,
                                               guint               aadsts,
                                               const char         *suberror,
                                               const char         *description);
void      attest_sandbox_entra_respond_missing (SoupServerMessage *msg,
                                                const char        *name);
void      attest_sandbox_entra_respond_tokens (AttestSandbox      *self,
                                               SoupServerMessage  *msg,
                                               const char         *client_id,
                                               const char         *scope);
GHashTable *attest_sandbox_decode_form        (SoupServerMessage  *msg);

/* attest-sandbox-device-code.c */
GHashTable *attest_sandbox_device_codes_new   (void);
void      attest_sandbox_device_code_start    (AttestSandbox      *self,
                                               SoupServerMessage  *msg);
void      attest_sandbox_device_code_grant    (AttestSandbox      *self,
                                               SoupServerMessage  *msg,
                                               GHashTable         *form,
                                               const char         *client_id);
void      attest_sandbox_device_login         (AttestSandbox      *self,
                                               SoupServerMessage  *msg);

/* attest-sandbox-customers.c */
void      attest_sandbox_customers_generate   (AttestSandbox      *self);
void      attest_sandbox_customers_clear      (AttestSandbox      *self);

/* attest-sandbox-bulk-body.c */
gboolean  attest_sandbox_read_bulk_body       (const char         *data,
                                               gsize               length,
                                               GArray             *items,
                                               GStringChunk       *strings);

/* attest-sandbox-partner.c */
gboolean  attest_sandbox_partner_handle       (AttestSandbox      *self,
                                               SoupServerMessage  *msg,
                                               const char         *path,
                                               GHashTable         *query);

G_END_DECLS
