/* attest-sandbox-answers.c: the answers a request ID stands for
 *
 * A POST repeated with an MS-RequestId already answered and the same body
 * gets the first answer again, as an idempotency key should; with another
 * body it is refused. The last few thousand answers are remembered, each
 * with a digest of its request's body rather than the body, so that a
 * sandbox left running for days stays small.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-answers"

#include "config.h"

#include "attest-sandbox-agreements.h"
#include "attest-sandbox-answers.h"

struct _AttestSandboxAnswers
{
  guint       limit;
  GHashTable *answers;  /* MS-RequestId → SandboxAnswer */
  GQueue      order;    /* the keys of @answers, oldest first */
};

typedef struct
{
  char   *body_digest;
  guint   status;
  GBytes *response_body;
} SandboxAnswer;

static void
answer_free (gpointer data)
{
  SandboxAnswer *answer = data;

  g_free (answer->body_digest);
  g_bytes_unref (answer->response_body);
  g_free (answer);
}

/* Remembers the last @limit answers. */
AttestSandboxAnswers *
attest_sandbox_answers_new (guint limit)
{
  AttestSandboxAnswers *self = g_new0 (AttestSandboxAnswers, 1);

  self->limit = MAX (limit, 1);
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, answer_free);
  g_queue_init (&self->order);

  return self;
}

void
attest_sandbox_answers_free (AttestSandboxAnswers *self)
{
  g_queue_clear (&self->order);
  g_hash_table_unref (self->answers);
  g_free (self);
}

/* Answers @msg as the first request under @request_id was answered, when
 * its body is the same. */
AttestSandboxReplay
attest_sandbox_answers_replay (AttestSandboxAnswers *self,
                               SoupServerMessage    *msg,
                               const char           *request_id,
                               GBytes               *body)
{
  g_autofree char *digest = NULL;
  SandboxAnswer *answer;
  gsize length = 0;
  gconstpointer data;

  if (request_id == NULL || (answer = g_hash_table_lookup (self->answers, request_id)) == NULL)
    return ATTEST_SANDBOX_REPLAY_NONE;

  digest = attest_sandbox_body_digest (body);
  if (!g_str_equal (answer->body_digest, digest))
    return ATTEST_SANDBOX_REPLAY_CONFLICT;

  data = g_bytes_get_data (answer->response_body, &length);
  soup_server_message_set_status (msg, answer->status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_COPY,
                                    data, length);
  return ATTEST_SANDBOX_REPLAY_DONE;
}

/* Remembers the answer @msg holds for @request_id (if any), with the digest
 * of the body it answered, which it takes. */
void
attest_sandbox_answers_remember (AttestSandboxAnswers *self,
                                 SoupServerMessage    *msg,
                                 const char           *request_id,
                                 char                 *body_digest)
{
  SandboxAnswer *answer;
  gpointer old_key;
  char *key;

  if (request_id == NULL)
    {
      g_free (body_digest);
      return;
    }

  if (g_hash_table_lookup_extended (self->answers, request_id, &old_key, NULL))
    {
      g_queue_remove (&self->order, old_key);
      g_hash_table_remove (self->answers, request_id);
    }
  else if (g_queue_get_length (&self->order) >= self->limit)
    {
      g_hash_table_remove (self->answers, g_queue_pop_head (&self->order));
    }

  answer = g_new0 (SandboxAnswer, 1);
  answer->body_digest = body_digest;
  answer->status = soup_server_message_get_status (msg);
  answer->response_body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  key = g_strdup (request_id);
  g_hash_table_insert (self->answers, key, answer);
  g_queue_push_tail (&self->order, key);
}
