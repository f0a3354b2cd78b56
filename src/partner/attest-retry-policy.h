/* attest-retry-policy.h: when and how long to wait before trying again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATTEST_RETRY_POLICY_DEFAULT_MAX_ATTEMPTS  5
#define ATTEST_RETRY_POLICY_DEFAULT_BASE_DELAY_MS 1000
#define ATTEST_RETRY_POLICY_DEFAULT_MAX_DELAY_MS  60000

#define ATTEST_TYPE_RETRY_POLICY (attest_retry_policy_get_type ())

G_DECLARE_FINAL_TYPE (AttestRetryPolicy, attest_retry_policy, ATTEST, RETRY_POLICY, GObject)

AttestRetryPolicy *attest_retry_policy_new              (void);
void               attest_retry_policy_set_max_attempts (AttestRetryPolicy    *self,
                                                         guint                 max_attempts);
guint              attest_retry_policy_get_max_attempts (AttestRetryPolicy    *self);
void               attest_retry_policy_set_delays       (AttestRetryPolicy    *self,
                                                         guint                 base_delay_ms,
                                                         guint                 max_delay_ms);
void               attest_retry_policy_set_seed         (AttestRetryPolicy    *self,
                                                         guint32               seed);

gboolean           attest_retry_policy_is_retryable     (const GError         *error);
gboolean           attest_retry_policy_should_retry     (AttestRetryPolicy    *self,
                                                         const GError         *error,
                                                         guint                 attempts_made);
guint              attest_retry_policy_next_delay       (AttestRetryPolicy    *self,
                                                         const GError         *error,
                                                         guint                 attempts_made);

void               attest_retry_policy_wait_async       (guint                 delay_ms,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean           attest_retry_policy_wait_finish      (GAsyncResult         *result,
                                                         GError              **error);

G_END_DECLS
