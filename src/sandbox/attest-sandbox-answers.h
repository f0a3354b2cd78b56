/* attest-sandbox-answers.h: the answers a request ID stands for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _AttestSandboxAnswers AttestSandboxAnswers;

typedef enum
{
  ATTEST_SANDBOX_REPLAY_NONE,      /* the request ID is new */
  ATTEST_SANDBOX_REPLAY_DONE,      /* the message has the first answer again */
  ATTEST_SANDBOX_REPLAY_CONFLICT,  /* the request ID came with another body */
} AttestSandboxReplay;

AttestSandboxAnswers *attest_sandbox_answers_new      (guint                 limit);
void                  attest_sandbox_answers_free     (AttestSandboxAnswers *self);
AttestSandboxReplay   attest_sandbox_answers_replay   (AttestSandboxAnswers *self,
                                                       SoupServerMessage    *msg,
                                                       const char           *request_id,
                                                       GBytes               *body);
void                  attest_sandbox_answers_remember (AttestSandboxAnswers *self,
                                                       SoupServerMessage    *msg,
                                                       const char           *request_id,
                                                       char                 *body_digest);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSandboxAnswers, attest_sandbox_answers_free)

G_END_DECLS
