/* attest-token-queue.h: the token requests waiting for the one renewal
 * under way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Turns a provider's own error (taken) into the one its callers get. */
typedef GError *(*AttestTokenErrorFunc) (GError *error);

typedef struct _AttestTokenQueue AttestTokenQueue;

AttestTokenQueue *attest_token_queue_new      (void);
void              attest_token_queue_free     (AttestTokenQueue     *queue);
gboolean          attest_token_queue_add      (AttestTokenQueue     *queue,
                                               GTask                *task);
gboolean          attest_token_queue_is_empty (AttestTokenQueue     *queue);
void              attest_token_queue_answer   (AttestTokenQueue     *queue,
                                               const char           *token,
                                               const GError         *error,
                                               AttestTokenErrorFunc  to_provider_error);

G_END_DECLS
