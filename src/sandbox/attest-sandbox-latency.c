/* attest-sandbox-latency.c: holding the sandbox's answers back
 *
 * Latency never blocks the main loop: an answer is paused, and resumed
 * when its time has come by a timer precise to the microsecond (a timerfd
 * where there is one; a main loop timeout alone would round every wait up
 * to the next millisecond and release answers in bunches). The timer's
 * source runs at a high priority, so an answer that is due goes before the
 * next request is read: the submit benchmark measures that.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-latency"

#include "config.h"

#include <errno.h>
#include <unistd.h>
#ifdef HAVE_TIMERFD
#include <sys/timerfd.h>
#endif

#include "attest-sandbox-latency.h"

struct _AttestSandboxLatency
{
  GQueue   held;    /* SandboxHeldAnswer, by when it is due */
  GSource *source;
  int      fd;      /* a timerfd, or -1 */
};

/* An answer held back until the latency has passed. */
typedef struct
{
  AttestSandboxLatency *latency;
  SoupServerMessage    *msg;
  gint64                due;          /* monotonic */
  gulong                finished_id;
} SandboxHeldAnswer;

/* When a request's headers arrived, monotonic, kept on its message. */
static GQuark arrival_quark;

static void
held_answer_free (gpointer data)
{
  SandboxHeldAnswer *held = data;

  g_clear_signal_handler (&held->finished_id, held->msg);
  g_clear_object (&held->msg);
  g_free (held);
}

static void
on_got_headers (SoupServerMessage *msg,
                gpointer           user_data)
{
  gint64 *arrived = g_new (gint64, 1);

  *arrived = g_get_monotonic_time ();
  g_object_set_qdata_full (G_OBJECT (msg), arrival_quark, arrived, g_free);
}

static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers), NULL);
}

/* Sets the timer for the first held answer, or stops it when none is. */
static void
hold_schedule (AttestSandboxLatency *self)
{
  SandboxHeldAnswer *first = g_queue_peek_head (&self->held);
  gint64 due = first != NULL ? first->due : -1;

  g_source_set_ready_time (self->source, due);
#ifdef HAVE_TIMERFD
  if (self->fd >= 0)
    {
      struct itimerspec when = { { 0, 0 }, { 0, 0 } };

      /* A zero time disarms the timer; a due time never is zero. */
      if (due > 0)
        {
          when.it_value.tv_sec = due / G_USEC_PER_SEC;
          when.it_value.tv_nsec = (due % G_USEC_PER_SEC) * 1000;
        }
      timerfd_settime (self->fd, TFD_TIMER_ABSTIME, &when, NULL);
    }
#endif
}

/* Lets every answer whose time has come go. */
static gboolean
on_hold_ended (gpointer user_data)
{
  AttestSandboxLatency *self = user_data;
  SandboxHeldAnswer *held;
  gint64 now = g_get_monotonic_time ();

#ifdef HAVE_TIMERFD
  if (self->fd >= 0)
    {
      guint64 expirations;

      while (read (self->fd, &expirations, sizeof expirations) < 0 && errno == EINTR)
        ;
    }
#endif

  while ((held = g_queue_peek_head (&self->held)) != NULL && held->due <= now)
    {
      g_queue_pop_head (&self->held);
      g_clear_signal_handler (&held->finished_id, held->msg);
      soup_server_message_unpause (held->msg);
      held_answer_free (held);
    }
  hold_schedule (self);

  return G_SOURCE_CONTINUE;
}

static gboolean
hold_source_dispatch (GSource     *source,
                      GSourceFunc  callback,
                      gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs hold_source_funcs = {
  .dispatch = hold_source_dispatch,
};

/* The source that wakes the main loop when a held answer is due: its ready
 * time, and, where there is one, a timerfd that wakes the poll at that very
 * microsecond rather than at the next whole millisecond. The latency runs
 * from when a request of @server arrived. */
AttestSandboxLatency *
attest_sandbox_latency_new (SoupServer *server)
{
  AttestSandboxLatency *self = g_new0 (AttestSandboxLatency, 1);

  if (arrival_quark == 0)
    arrival_quark = g_quark_from_static_string ("attest-sandbox-arrival");
  g_queue_init (&self->held);
  self->fd = -1;
  g_signal_connect (server, "request-started", G_CALLBACK (on_request_started), NULL);
  self->source = g_source_new (&hold_source_funcs, sizeof (GSource));
  g_source_set_callback (self->source, on_hold_ended, self, NULL);
  g_source_set_name (self->source, "[attest-sandbox] latency");
  /* An answer that is due goes before reading the next request. */
  g_source_set_priority (self->source, G_PRIORITY_HIGH);
#ifdef HAVE_TIMERFD
  self->fd = timerfd_create (CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  if (self->fd >= 0)
    g_source_add_unix_fd (self->source, self->fd, G_IO_IN);
#endif
  g_source_attach (self->source, NULL);

  return self;
}

void
attest_sandbox_latency_free (AttestSandboxLatency *self)
{
  g_queue_clear_full (&self->held, held_answer_free);
  g_source_destroy (self->source);
  g_source_unref (self->source);
  if (self->fd >= 0)
    close (self->fd);
  g_free (self);
}

static void
on_held_message_finished (SoupServerMessage *msg,
                          gpointer           data)
{
  SandboxHeldAnswer *held = data;
  AttestSandboxLatency *self = held->latency;

  /* The client went away while we waited. */
  g_queue_remove (&self->held, held);
  held_answer_free (held);
  hold_schedule (self);
}

/* Holds the answer back until @latency (microseconds) has passed since the
 * request's headers arrived, as a client measures the time to an answer's
 * first byte: reading the body, and the time the sandbox took to handle
 * it, are part of the latency, as a server's are. Returns FALSE when that
 * time has passed already. Otherwise the caller pauses @msg, and the
 * answer is let go (unpaused) when it is due, or forgotten when the client
 * goes away first. */
gboolean
attest_sandbox_latency_hold (AttestSandboxLatency *self,
                             SoupServerMessage    *msg,
                             gint64                latency)
{
  SandboxHeldAnswer *held;
  const gint64 *arrived = g_object_get_qdata (G_OBJECT (msg), arrival_quark);
  gint64 due = arrived != NULL ? *arrived : g_get_monotonic_time ();
  GList *after;

  due += latency;
  if (due <= g_get_monotonic_time ())
    return FALSE;

  held = g_new0 (SandboxHeldAnswer, 1);
  held->latency = self;
  held->msg = g_object_ref (msg);
  held->due = due;
  held->finished_id = g_signal_connect (msg, "finished",
                                        G_CALLBACK (on_held_message_finished), held);

  /* Answers mostly fall due in the order they came: look from the end. */
  for (after = self->held.tail;
       after != NULL && ((SandboxHeldAnswer *) after->data)->due > due;
       after = after->prev)
    ;
  if (after != NULL)
    g_queue_insert_after (&self->held, after, held);
  else
    g_queue_push_head (&self->held, held);
  if (self->held.head->data == held)
    hold_schedule (self);

  return TRUE;
}

