/* attest-retry-policy.c: when and how long to wait before trying again
 *
 * Retried: 408, 429, 5xx and calls that got no answer. Never retried:
 * any other 4xx (400, 401, 403, 404, 409), a cancelled call, or anything
 * that is not a Partner Center error. The wait before attempt n + 1 is
 * exponential, base × 2^(n − 1) capped at the maximum, with "equal
 * jitter" (half fixed, half random) so that parallel callers spread out;
 * a Retry-After from the server is a floor, even above the maximum.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-retry-policy"

#include "config.h"

#include "attest-partner-error.h"
#include "attest-retry-policy.h"

struct _AttestRetryPolicy
{
  GObject  parent_instance;

  guint    max_attempts;
  guint    base_delay_ms;
  guint    max_delay_ms;
  GRand   *rand;
};

G_DEFINE_FINAL_TYPE (AttestRetryPolicy, attest_retry_policy, G_TYPE_OBJECT)

static void
attest_retry_policy_finalize (GObject *object)
{
  AttestRetryPolicy *self = ATTEST_RETRY_POLICY (object);

  g_rand_free (self->rand);

  G_OBJECT_CLASS (attest_retry_policy_parent_class)->finalize (object);
}

static void
attest_retry_policy_class_init (AttestRetryPolicyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attest_retry_policy_finalize;
}

static void
attest_retry_policy_init (AttestRetryPolicy *self)
{
  self->max_attempts = ATTEST_RETRY_POLICY_DEFAULT_MAX_ATTEMPTS;
  self->base_delay_ms = ATTEST_RETRY_POLICY_DEFAULT_BASE_DELAY_MS;
  self->max_delay_ms = ATTEST_RETRY_POLICY_DEFAULT_MAX_DELAY_MS;
  self->rand = g_rand_new ();
}

AttestRetryPolicy *
attest_retry_policy_new (void)
{
  return g_object_new (ATTEST_TYPE_RETRY_POLICY, NULL);
}

/* Attempts in all, the first one included; 1 means never retry. */
void
attest_retry_policy_set_max_attempts (AttestRetryPolicy *self,
                                      guint              max_attempts)
{
  g_return_if_fail (ATTEST_IS_RETRY_POLICY (self));
  g_return_if_fail (max_attempts >= 1);

  self->max_attempts = max_attempts;
}

guint
attest_retry_policy_get_max_attempts (AttestRetryPolicy *self)
{
  g_return_val_if_fail (ATTEST_IS_RETRY_POLICY (self), 1);

  return self->max_attempts;
}

void
attest_retry_policy_set_delays (AttestRetryPolicy *self,
                                guint              base_delay_ms,
                                guint              max_delay_ms)
{
  g_return_if_fail (ATTEST_IS_RETRY_POLICY (self));
  g_return_if_fail (base_delay_ms <= max_delay_ms);

  self->base_delay_ms = base_delay_ms;
  self->max_delay_ms = max_delay_ms;
}

/* Makes the jitter repeatable, for tests and benchmarks. */
void
attest_retry_policy_set_seed (AttestRetryPolicy *self,
                              guint32            seed)
{
  g_return_if_fail (ATTEST_IS_RETRY_POLICY (self));

  g_rand_set_seed (self->rand, seed);
}

gboolean
attest_retry_policy_is_retryable (const GError *error)
{
  return error != NULL && attest_partner_error_is_retryable (error);
}

/* @attempts_made counts the attempt that just failed with @error. */
gboolean
attest_retry_policy_should_retry (AttestRetryPolicy *self,
                                  const GError      *error,
                                  guint              attempts_made)
{
  g_return_val_if_fail (ATTEST_IS_RETRY_POLICY (self), FALSE);

  return attempts_made < self->max_attempts && attest_retry_policy_is_retryable (error);
}

/* Milliseconds to wait after @attempts_made attempts, the last of which
 * failed with @error (which may carry Retry-After). */
guint
attest_retry_policy_next_delay (AttestRetryPolicy *self,
                                const GError      *error,
                                guint              attempts_made)
{
  guint64 delay = self->base_delay_ms;
  gint64 retry_after = attest_partner_error_get_retry_after (error);

  g_return_val_if_fail (ATTEST_IS_RETRY_POLICY (self), 0);

  for (guint i = 1; i < attempts_made && delay < self->max_delay_ms; i++)
    delay *= 2;
  delay = MIN (delay, self->max_delay_ms);
  delay = delay / 2 + (delay > 1 ? g_rand_int_range (self->rand, 0, delay / 2 + 1) : 0);

  if (retry_after >= 0)
    delay = MAX (delay, (guint64) retry_after * 1000);

  return MIN (delay, G_MAXUINT);
}

typedef struct
{
  guint  timeout_id;
  gulong cancelled_id;
} Wait;

static void
wait_free (gpointer data)
{
  Wait *wait = data;

  g_clear_handle_id (&wait->timeout_id, g_source_remove);
  g_free (wait);
}

static void
on_wait_over (gpointer user_data)
{
  GTask *task = user_data;
  Wait *wait = g_task_get_task_data (task);

  wait->timeout_id = 0;
  g_cancellable_disconnect (g_task_get_cancellable (task), wait->cancelled_id);
  wait->cancelled_id = 0;
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static gboolean
on_wait_cancelled_idle (gpointer user_data)
{
  GTask *task = user_data;
  Wait *wait = g_task_get_task_data (task);

  if (wait->timeout_id != 0)
    {
      g_clear_handle_id (&wait->timeout_id, g_source_remove);
      g_cancellable_disconnect (g_task_get_cancellable (task), wait->cancelled_id);
      wait->cancelled_id = 0;
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);
    }

  return G_SOURCE_REMOVE;
}

static void
on_wait_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  g_autoptr(GSource) idle = g_idle_source_new ();

  /* "cancelled" may come from another thread, and the handler cannot be
   * disconnected while it runs: finish later, in the task's context. */
  g_source_set_callback (idle, on_wait_cancelled_idle, g_object_ref (user_data), g_object_unref);
  g_source_attach (idle, g_task_get_context (G_TASK (user_data)));
}

/* Waits @delay_ms without blocking the main loop; a cancellation ends the
 * wait at once with G_IO_ERROR_CANCELLED. */
void
attest_retry_policy_wait_async (guint                delay_ms,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Wait *wait = g_new0 (Wait, 1);

  g_task_set_source_tag (task, attest_retry_policy_wait_async);
  g_task_set_task_data (task, wait, wait_free);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  wait->timeout_id = g_timeout_add_once (delay_ms, on_wait_over, task);
  if (cancellable != NULL)
    wait->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_wait_cancelled),
                                                task, NULL);
}

gboolean
attest_retry_policy_wait_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
