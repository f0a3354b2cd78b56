/* attest-mca-ledger-private.h: the insides of the ledger's values, its
 * model and its lines (private to attest-mca-ledger*.c and the value types)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "attest-mca-ledger.h"

G_BEGIN_DECLS

struct _AttestMcaIntent
{
  gatomicrefcount       ref_count;
  char                 *customer_id;
  AttestMcaIntentKind   kind;
  char                 *run_id;
  GDateTime            *recorded_at;
  AttestPartnerRequest *request;
  char                 *message;    /* why the last attempt got no answer; NULL before */
};

/* The values of a customer's billing profile as last read, all NULL and
 * @seen_at NULL before it was read. */
typedef struct
{
  char      *first_name;
  char      *last_name;
  char      *email;
  char      *phone_number;
  char      *company_name;
  char      *country;
  char      *culture;
  char      *language;
  GDateTime *seen_at;
} AttestMcaProfile;

struct _AttestMcaCustomer
{
  gatomicrefcount  ref_count;
  char            *id;
  AttestMcaState   state;
  GDateTime       *seen_at;
  char            *message;
  char            *company_name;
  char            *first_name;
  char            *last_name;
  char            *email;
  char            *attestation_id;
  char            *link;
  GDateTime       *requested_at;
  char            *request_run_id;
  GDateTime       *completed_at;
  char            *completion_run_id;
  char            *request_id;      /* of the last request answered */
  char            *correlation_id;
  char            *answer_run_id;   /* the run of the last request answered */
  AttestMcaIntent *pending;
  AttestMcaProfile profile;
};

struct _AttestMcaRun
{
  gatomicrefcount   ref_count;
  char             *id;
  AttestMcaRunKind  kind;
  char             *output_path;
  GDateTime        *started_at;
  GDateTime        *ended_at;
  gboolean          discarded;    /* ended by the partner, with requests left unsent */
  GPtrArray        *members;      /* AttestMcaRunMember of a request run, or NULL */
};

struct _AttestMcaRunMember
{
  gatomicrefcount     ref_count;
  char               *customer_id;
  AttestMcaRunAction  action;
  char               *company_name;
  char               *country;
  char               *language;
  char               *first_name;
  char               *last_name;
  char               *email;
  char               *phone_number;
  char               *message;
};

AttestMcaIntent   *_attest_mca_intent_new    (const char            *customer_id,
                                              AttestMcaIntentKind    kind,
                                              const char            *run_id,
                                              GDateTime             *recorded_at,
                                              AttestPartnerRequest  *request);
AttestMcaIntent   *_attest_mca_intent_copy   (const AttestMcaIntent *intent);
AttestMcaCustomer *_attest_mca_customer_new  (const char            *id);
AttestMcaCustomer *_attest_mca_customer_copy (const AttestMcaCustomer *customer);
AttestMcaRun      *_attest_mca_run_new       (const char            *id,
                                              AttestMcaRunKind       kind,
                                              const char            *output_path,
                                              GDateTime             *started_at);
AttestMcaRun      *_attest_mca_run_copy      (const AttestMcaRun    *run);
void               _attest_mca_profile_copy  (AttestMcaProfile       *to,
                                              const AttestMcaProfile *from);
void               _attest_mca_profile_clear (AttestMcaProfile       *profile);

/* Everything the ledger knows, as its lines say it; the file is not here. */
typedef struct
{
  GPtrArray  *customers;  /* AttestMcaCustomer, in the order first recorded */
  GHashTable *index;      /* the ID in lower case → position + 1 */
  GPtrArray  *runs;       /* AttestMcaRun, oldest first */
  GHashTable *run_index;  /* run ID → position + 1 */
  guint       n_pending;
} AttestMcaModel;

AttestMcaModel    *_attest_mca_model_new      (void);
void               _attest_mca_model_free     (AttestMcaModel        *model);
AttestMcaCustomer *_attest_mca_model_lookup   (AttestMcaModel        *model,
                                               const char            *customer_id);
void               _attest_mca_model_put      (AttestMcaModel        *model,
                                               AttestMcaCustomer     *customer);
AttestMcaRun      *_attest_mca_model_lookup_run (AttestMcaModel      *model,
                                                 const char          *run_id);
void               _attest_mca_model_put_run  (AttestMcaModel        *model,
                                               AttestMcaRun          *run);
void               _attest_mca_model_apply_state (AttestMcaModel           *model,
                                                  const char               *customer_id,
                                                  AttestMcaState            state,
                                                  const char               *company_name,
                                                  const char               *message,
                                                  GDateTime                *seen_at);
void               _attest_mca_model_apply_profile (AttestMcaModel         *model,
                                                    const char             *customer_id,
                                                    const AttestMcaProfile *profile);
void               _attest_mca_model_apply_intent (AttestMcaModel             *model,
                                                   AttestMcaIntent            *intent,
                                                   const AttestPartnerContact *signatory,
                                                   const char                 *company_name);
gboolean           _attest_mca_model_check_answer (AttestMcaModel        *model,
                                                   const AttestMcaAnswer *answer,
                                                   GError               **error);
void               _attest_mca_model_apply_answer (AttestMcaModel        *model,
                                                   const AttestMcaAnswer *answer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestMcaModel, _attest_mca_model_free)

struct _AttestMcaLedger
{
  GObject         parent_instance;

  char           *directory;
  char           *path;
  char           *tenant_id;
  int             fd;
  int             lock_fd;
  gsize           file_size;
  guint           n_lines;
  guint           compact_at;  /* lines that make the file worth rewriting */
  AttestMcaModel *model;
  GError         *failure;     /* once the file could not be written, every change fails */
  GPtrArray      *waiting;     /* GTask: syncs asked for since the last one started */
  guint           version;     /* of the file's first line */
  gboolean        syncing;
};


/* The file (attest-mca-ledger-file.c). */
gboolean  _attest_mca_ledger_load          (AttestMcaLedger  *self,
                                            GError          **error);
gboolean  _attest_mca_ledger_append        (AttestMcaLedger  *self,
                                            const char       *line,
                                            GError          **error);
void      _attest_mca_ledger_maybe_compact (AttestMcaLedger  *self);

/* The lines (attest-mca-ledger-entry.c). */
char     *_attest_mca_entry_header    (const char                 *tenant_id,
                                       GDateTime                  *created_at);
char     *_attest_mca_entry_state     (const AttestMcaCustomer    *customer);
char     *_attest_mca_entry_profile   (const char                 *customer_id,
                                       const AttestMcaProfile     *profile);
char     *_attest_mca_entry_intent    (const AttestMcaIntent      *intent,
                                       const AttestPartnerContact *signatory,
                                       const char                 *company_name);
char     *_attest_mca_entry_answer    (const AttestMcaAnswer      *answer);
char     *_attest_mca_entry_run       (const AttestMcaRun         *run);
char     *_attest_mca_entry_run_end   (const AttestMcaRun         *run);
char     *_attest_mca_entry_customer  (const AttestMcaCustomer    *customer);
gboolean  _attest_mca_entry_read      (AttestMcaModel             *model,
                                       JsonObject                 *entry,
                                       char                      **tenant_id,
                                       guint                      *version,
                                       GError                    **error);

G_END_DECLS
