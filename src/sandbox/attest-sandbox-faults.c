/* attest-sandbox-faults.c: the faults the sandbox's Partner Center suffers
 *
 * Faults are drawn per request from a generator seeded with the sandbox's
 * seed, so that a run is repeatable; one-off faults queued by a test go
 * ahead of them. The latency's jitter is drawn from the same generator,
 * after the request's faults.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-faults"

#include "config.h"

#include "attest-sandbox-faults.h"
#include "attest-sandbox-util.h"

struct _AttestSandboxFaultPlan
{
  GRand               *rand;
  AttestSandboxFaults  faults;
  GQueue               queued;  /* SandboxQueuedFault */
};

typedef struct
{
  AttestSandboxFault fault;
  guint              retry_after;
} SandboxQueuedFault;

AttestSandboxFaultPlan *
attest_sandbox_fault_plan_new (guint32 seed)
{
  AttestSandboxFaultPlan *self = g_new0 (AttestSandboxFaultPlan, 1);

  self->rand = g_rand_new_with_seed (seed ^ 0x5a5a5a5a);
  g_queue_init (&self->queued);

  return self;
}

void
attest_sandbox_fault_plan_free (AttestSandboxFaultPlan *self)
{
  g_queue_clear_full (&self->queued, g_free);
  g_rand_free (self->rand);
  g_free (self);
}

void
attest_sandbox_fault_plan_set_faults (AttestSandboxFaultPlan    *self,
                                      const AttestSandboxFaults *faults)
{
  self->faults = *faults;
}

void
attest_sandbox_fault_plan_queue (AttestSandboxFaultPlan *self,
                                 AttestSandboxFault      fault,
                                 guint                   retry_after)
{
  SandboxQueuedFault *queued = g_new0 (SandboxQueuedFault, 1);

  queued->fault = fault;
  queued->retry_after = retry_after;
  g_queue_push_tail (&self->queued, queued);
}

static gboolean
draw (AttestSandboxFaultPlan *self,
      double                  rate)
{
  /* Always draw, so that one rate set to zero does not shift the others. */
  double value = g_rand_double (self->rand);

  return value < rate;
}

static void
respond_throttled (SoupServerMessage *msg,
                   guint              retry_after,
                   gboolean           http_date)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *message = g_strdup_printf ("Rate limit is exceeded. Try again in %u seconds.",
                                              retry_after);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (http_date)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC
                                                               + retry_after);
      g_autofree char *text = g_date_time_format (at, "%a, %d %b %Y %H:%M:%S GMT");

      soup_message_headers_replace (headers, "Retry-After", text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf ("%u", retry_after);

      soup_message_headers_replace (headers, "Retry-After", text);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "statusCode");
  json_builder_add_int_value (builder, 429);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  attest_sandbox_respond_json (msg, 429, builder);
}

static void
respond_server_error (SoupServerMessage *msg,
                      guint              status)
{
  if (status == 503)
    attest_sandbox_respond_fault (msg, status, "ServerBusy",
                                  "The service is temporarily unavailable. Try again later.");
  else
    attest_sandbox_respond_fault (msg, status, "InternalServerError",
                                  "An internal error occurred.");
}

void
attest_sandbox_drop_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

/* Returns TRUE when a fault answered the request, or dropped it (then
 * *dropped is set). */
gboolean
attest_sandbox_fault_plan_apply (AttestSandboxFaultPlan *self,
                                 SoupServerMessage      *msg,
                                 gboolean               *dropped)
{
  g_autofree SandboxQueuedFault *queued = NULL;
  const AttestSandboxFaults *faults = &self->faults;
  gboolean drop, throttle, error_500, error_503;
  SandboxQueuedFault *head = g_queue_peek_head (&self->queued);

  /* That one needs the answer first: see take_drop_after_answer(). */
  if (head != NULL && head->fault == ATTEST_SANDBOX_FAULT_DROP_AFTER_ANSWER)
    return FALSE;

  queued = g_queue_pop_head (&self->queued);
  if (queued != NULL)
    {
      switch (queued->fault)
        {
        case ATTEST_SANDBOX_FAULT_429_SECONDS:
        case ATTEST_SANDBOX_FAULT_429_HTTP_DATE:
          respond_throttled (msg, queued->retry_after,
                             queued->fault == ATTEST_SANDBOX_FAULT_429_HTTP_DATE);
          break;
        case ATTEST_SANDBOX_FAULT_500:
          respond_server_error (msg, 500);
          break;
        case ATTEST_SANDBOX_FAULT_503:
          respond_server_error (msg, 503);
          break;
        case ATTEST_SANDBOX_FAULT_DROP:
        default:
          attest_sandbox_drop_connection (msg);
          *dropped = TRUE;
          break;
        }
      return TRUE;
    }

  drop = draw (self, faults->rate_drop);
  throttle = draw (self, faults->rate_429);
  error_500 = draw (self, faults->rate_500);
  error_503 = draw (self, faults->rate_503);

  if (drop)
    {
      attest_sandbox_drop_connection (msg);
      *dropped = TRUE;
      return TRUE;
    }

  if (throttle)
    {
      guint low = MIN (faults->retry_after_min, faults->retry_after_max);
      guint high = MAX (faults->retry_after_min, faults->retry_after_max);
      guint retry_after = g_rand_int_range (self->rand, low, high + 1);
      gboolean http_date = faults->retry_after_form == ATTEST_SANDBOX_RETRY_AFTER_HTTP_DATE;

      if (faults->retry_after_form == ATTEST_SANDBOX_RETRY_AFTER_MIXED)
        http_date = g_rand_boolean (self->rand);
      respond_throttled (msg, retry_after, http_date);
      return TRUE;
    }

  if (error_500 || error_503)
    {
      respond_server_error (msg, error_503 ? 503 : 500);
      return TRUE;
    }

  return FALSE;
}

/* Whether the request is to be carried out and its connection then closed
 * before the answer, so the client cannot know whether it happened. */
gboolean
attest_sandbox_fault_plan_take_drop_after_answer (AttestSandboxFaultPlan *self)
{
  SandboxQueuedFault *head = g_queue_peek_head (&self->queued);

  if (head == NULL || head->fault != ATTEST_SANDBOX_FAULT_DROP_AFTER_ANSWER)
    return FALSE;

  g_free (g_queue_pop_head (&self->queued));
  return TRUE;
}

/* How long the next answer is held back, in microseconds; @read says
 * whether it answers a read (GET), which takes the read latency when one
 * is set. */
gint64
attest_sandbox_fault_plan_draw_latency (AttestSandboxFaultPlan *self,
                                        gboolean                read)
{
  guint latency_ms = read && self->faults.read_latency_ms > 0 ? self->faults.read_latency_ms
                                                              : self->faults.latency_ms;
  gint64 latency = latency_ms * (gint64) 1000;

  if (self->faults.jitter_ms > 0)
    latency += g_rand_int_range (self->rand, 0, self->faults.jitter_ms + 1) * (gint64) 1000;

  return latency;
}
