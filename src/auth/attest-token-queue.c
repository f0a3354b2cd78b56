/* attest-token-queue.c: the token requests waiting for the one renewal
 * under way
 *
 * When several requests need a new token at once (a batch of answers
 * refused together, or the first calls of a run), one renewal serves them
 * all: the first request starts it, the others wait here, and all are
 * answered with its outcome.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-token-queue"

#include "config.h"

#include "attest-oauth-response.h"
#include "attest-token-queue.h"

struct _AttestTokenQueue
{
  GPtrArray *waiting;
};

AttestTokenQueue *
attest_token_queue_new (void)
{
  AttestTokenQueue *queue = g_new0 (AttestTokenQueue, 1);

  queue->waiting = g_ptr_array_new_with_free_func (g_object_unref);

  return queue;
}

void
attest_token_queue_free (AttestTokenQueue *queue)
{
  if (queue == NULL)
    return;

  g_assert (queue->waiting->len == 0);
  g_ptr_array_unref (queue->waiting);
  g_free (queue);
}

/* Queues @task (taking it) for a token. Returns TRUE when it is the first
 * to wait: its caller starts the renewal. */
gboolean
attest_token_queue_add (AttestTokenQueue *queue,
                        GTask            *task)
{
  g_return_val_if_fail (queue != NULL, FALSE);
  g_return_val_if_fail (G_IS_TASK (task), FALSE);

  g_ptr_array_add (queue->waiting, task);

  return queue->waiting->len == 1;
}

gboolean
attest_token_queue_is_empty (AttestTokenQueue *queue)
{
  g_return_val_if_fail (queue != NULL, TRUE);

  return queue->waiting->len == 0;
}

/* Answers every request waiting, except those cancelled meanwhile: with a
 * copy of @token, or, when @error is set, with @to_provider_error's words
 * for a copy of it. */
void
attest_token_queue_answer (AttestTokenQueue     *queue,
                           const char           *token,
                           const GError         *error,
                           AttestTokenErrorFunc  to_provider_error)
{
  g_autoptr(GPtrArray) waiting = NULL;

  g_return_if_fail (queue != NULL);
  g_return_if_fail (error != NULL || token != NULL);

  /* A request answered here may ask again at once: it starts anew. */
  waiting = g_steal_pointer (&queue->waiting);
  queue->waiting = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < waiting->len; i++)
    {
      GTask *task = g_ptr_array_index (waiting, i);

      if (g_task_return_error_if_cancelled (task))
        continue;
      if (error != NULL)
        g_task_return_error (task, to_provider_error (g_error_copy (error)));
      else
        g_task_return_pointer (task, g_strdup (token), (GDestroyNotify) attest_secret_free);
    }
}
