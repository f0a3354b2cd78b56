/* attest-cli-private.h: what the command implementations share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-cli.h"
#include "attest-config.h"
#include "attest-connection.h"
#include "attest-mca-complete.h"
#include "attest-mca-request.h"

G_BEGIN_DECLS

/* The global options of SPEC §9, after the command line, the environment and
 * GSettings have had their say, in that order. */
typedef struct
{
  AttestConfig     *config;      /* the connection's */
  AttestConnection *connection;
} AttestCliGlobals;

typedef int (*AttestCliCommandFunc) (AttestCliGlobals  *globals,
                                     int                argc,
                                     char             **argv);

struct _AttestCliCommand
{
  const char           *name;
  const char           *parameter_string;
  const char           *summary;
  const GOptionEntry   *entries;
  AttestCliCommandFunc  run;
  gboolean              account_options;  /* --app-id, --user… in its --help */
};

void attest_cli_printerr (const char *format,
                          ...) G_GNUC_PRINTF (1, 2);

/* attest-cli-table.c */
typedef struct _AttestCliTable AttestCliTable;

guint           attest_cli_text_width     (const char     *text);
void            attest_cli_append_padded  (GString        *line,
                                           const char     *text,
                                           int             width);
AttestCliTable *attest_cli_table_new      (const char     *alignment);
void            attest_cli_table_free     (AttestCliTable *table);
void            attest_cli_table_add_row  (AttestCliTable *table,
                                           ...);
void            attest_cli_table_print    (AttestCliTable *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestCliTable, attest_cli_table_free)

/* attest-cli-reasons.c */
typedef struct _AttestCliReasons AttestCliReasons;

AttestCliReasons *attest_cli_reasons_new      (void);
void              attest_cli_reasons_free     (AttestCliReasons *self);
void              attest_cli_reasons_add      (AttestCliReasons *self,
                                               const char       *message,
                                               const char       *customer_id);
gboolean          attest_cli_reasons_is_empty (AttestCliReasons *self);
void              attest_cli_reasons_print    (AttestCliReasons *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestCliReasons, attest_cli_reasons_free)

/* attest-cli-check.c */
extern const GOptionEntry attest_cli_check_entries[];

int  attest_cli_check_run (AttestCliGlobals  *globals,
                           int                argc,
                           char             **argv);

/* attest-cli-sign-in.c */
extern const GOptionEntry attest_cli_sign_in_entries[];
extern const GOptionEntry attest_cli_sign_out_entries[];

gboolean       attest_cli_sign_in_session      (AttestCliGlobals  *globals,
                                                GError           **error);
void           attest_cli_load_app_credential  (AttestConnection  *connection);
int            attest_cli_exit_code_for_error  (const GError      *error);
int            attest_cli_sign_in              (AttestCliGlobals  *globals,
                                                int                argc,
                                                char             **argv);
int            attest_cli_sign_out             (AttestCliGlobals  *globals,
                                                int                argc,
                                                char             **argv);
int            attest_cli_whoami               (AttestCliGlobals  *globals,
                                                int                argc,
                                                char             **argv);

/* attest-cli-session.c */
AttestConnection    *attest_cli_new_connection              (AttestConfig      *config);
AttestSession       *attest_cli_new_session                 (AttestCliGlobals  *globals);
AttestPartnerClient *attest_cli_new_partner_client          (AttestCliGlobals  *globals,
                                                             GError           **error);
int                  attest_cli_exit_code_for_partner_error (const GError      *error);
int                  attest_cli_report_partner_error        (const GError      *error);

/* attest-cli-sandbox.c */
extern const GOptionEntry attest_cli_sandbox_entries[];

int  attest_cli_sandbox_run (AttestCliGlobals  *globals,
                             int                argc,
                             char             **argv);

/* attest-cli-fetch.c */
extern const GOptionEntry attest_cli_fetch_entries[];

int  attest_cli_fetch_run   (AttestCliGlobals  *globals,
                             int                argc,
                             char             **argv);

/* attest-cli-submit.c */
extern const GOptionEntry attest_cli_submit_entries[];
extern const GOptionEntry attest_cli_resume_entries[];

int  attest_cli_submit_run (AttestCliGlobals  *globals,
                            int                argc,
                            char             **argv);
int  attest_cli_resume_run (AttestCliGlobals  *globals,
                            int                argc,
                            char             **argv);

/* attest-cli-runs.c */
int  attest_cli_runs_run (AttestCliGlobals  *globals,
                          int                argc,
                          char             **argv);

/* attest-cli-status.c */
extern const GOptionEntry attest_cli_status_entries[];

int  attest_cli_status_run (AttestCliGlobals  *globals,
                            int                argc,
                            char             **argv);

/* attest-cli-mca.c */
typedef struct
{
  gboolean terminal;
  gint64   last_line;
  gboolean shown;
} AttestCliProgress;

typedef struct
{
  guint sigint;
  guint sigterm;
} AttestCliInterrupt;

/* A request or completion run, and the partner whose ledger has it. */
typedef struct
{
  char         *tenant_id;
  AttestMcaRun *run;
  guint         n_customers;
} AttestCliMcaRun;

void             attest_cli_store_result      (GObject              *object,
                                               GAsyncResult         *result,
                                               gpointer              slot);
GAsyncResult    *attest_cli_wait              (GAsyncResult        **slot);
AttestMcaLedger *attest_cli_open_ledger       (AttestPartnerClient  *client,
                                               GError              **error);
int              attest_cli_mca_exit_code     (const GError         *error);
int              attest_cli_mca_report_error  (const GError         *error);
void             attest_cli_progress_init     (AttestCliProgress    *progress);
void             attest_cli_progress_show     (AttestCliProgress    *progress,
                                               guint                 done,
                                               guint                 total,
                                               const char           *line);
void             attest_cli_progress_end      (AttestCliProgress    *progress);
void             attest_cli_catch_interrupt   (AttestCliInterrupt   *interrupt,
                                               GCancellable         *cancellable);
void             attest_cli_release_interrupt (AttestCliInterrupt   *interrupt);
GPtrArray       *attest_cli_list_mca_runs     (GError              **error);
void             attest_cli_print_mca_runs    (GPtrArray            *runs);
int              attest_cli_resume_mca_run    (AttestPartnerClient  *client,
                                               AttestCliMcaRun      *run);
void             attest_cli_mca_run_free      (AttestCliMcaRun      *run);

/* attest-cli-request.c */
extern const GOptionEntry attest_cli_request_entries[];

int  attest_cli_request_run  (AttestCliGlobals  *globals,
                              int                argc,
                              char             **argv);
int  attest_cli_request_send (AttestMcaRequest  *request);

/* attest-cli-complete.c */
extern const GOptionEntry attest_cli_complete_entries[];

int  attest_cli_complete_run  (AttestCliGlobals    *globals,
                               int                  argc,
                               char               **argv);
int  attest_cli_complete_send (AttestMcaCompletion *completion,
                               const char          *results_path,
                               guint                n_held);

G_END_DECLS
