/* attest-sandbox-request-log.h: the requests the sandbox received
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "attest-sandbox.h"

G_BEGIN_DECLS

/* The log keeps the last this many requests, */
#define ATTEST_SANDBOX_REQUEST_LOG_LIMIT      10000
/* and the bodies of the last ones, up to this many bytes. */
#define ATTEST_SANDBOX_REQUEST_LOG_BODY_BYTES (32 * 1024 * 1024)

typedef struct _AttestSandboxRequestLog AttestSandboxRequestLog;

AttestSandboxRequestLog *
            attest_sandbox_request_log_new       (void);
void        attest_sandbox_request_log_free      (AttestSandboxRequestLog *self);
void        attest_sandbox_request_log_add       (AttestSandboxRequestLog *self,
                                                  AttestSandboxRequest    *request);
guint       attest_sandbox_request_log_get_count (AttestSandboxRequestLog *self);
const AttestSandboxRequest *
            attest_sandbox_request_log_get       (AttestSandboxRequestLog *self,
                                                  guint                    index);
GPtrArray  *attest_sandbox_request_log_find      (AttestSandboxRequestLog *self,
                                                  const char              *method,
                                                  const char              *path);
void        attest_sandbox_request_log_clear     (AttestSandboxRequestLog *self);

AttestSandboxRequest *
            attest_sandbox_request_new           (const char              *method,
                                                  GUri                    *uri,
                                                  SoupMessageHeaders      *headers,
                                                  GBytes                  *body);
void        attest_sandbox_request_free          (AttestSandboxRequest    *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSandboxRequestLog, attest_sandbox_request_log_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSandboxRequest, attest_sandbox_request_free)

G_END_DECLS
