/* attest-sandbox-private.h: the sandbox's parts, for the files of AttestSandbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-sandbox.h"
#include "attest-sandbox-app-only.h"
#include "attest-sandbox-attestations.h"
#include "attest-sandbox-customers.h"
#include "attest-sandbox-entra.h"
#include "attest-sandbox-faults.h"
#include "attest-sandbox-latency.h"
#include "attest-sandbox-mca.h"
#include "attest-sandbox-partner.h"
#include "attest-sandbox-request-log.h"
#include "attest-sandbox-tenant.h"

G_BEGIN_DECLS

struct _AttestSandbox
{
  GObject                    parent_instance;

  guint32                    seed;
  SoupServer                *server;
  char                      *uri;
  AttestSandboxLatency      *latency;  /* while the server runs */
  AttestSandboxRequestLog   *log;
  AttestSandboxFaultPlan    *faults;

  AttestSandboxTenant       *tenant;
  AttestSandboxAppOnly      *app_only;
  AttestSandboxCustomers    *customers;
  AttestSandboxMca          *mca;
  AttestSandboxAttestations *attestations;
  AttestSandboxEntra        *entra;
  AttestSandboxPartner      *partner;
};

G_END_DECLS
