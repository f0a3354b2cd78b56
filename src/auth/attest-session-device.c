/* attest-session-device.c: signing in with a device code, for a terminal
 * over SSH or a machine without a browser (RFC 8628)
 *
 * The person opens the verification address on any device and types the
 * code; meanwhile the token endpoint is asked at the interval the server
 * chose, five seconds more each time it says "slow_down".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-session-device"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-auth-error.h"
#include "attest-session-private.h"

#define SLOW_DOWN_SECONDS 5

typedef struct
{
  AttestDeviceCode *code;
  guint             interval;  /* seconds */
  gint64            deadline;  /* monotonic, microseconds */
  GSource          *wait_source;
  GSource          *cancel_source;
} DevicePoll;

static void
clear_sources (DevicePoll *poll)
{
  if (poll->wait_source != NULL)
    g_source_destroy (poll->wait_source);
  g_clear_pointer (&poll->wait_source, g_source_unref);

  if (poll->cancel_source != NULL)
    g_source_destroy (poll->cancel_source);
  g_clear_pointer (&poll->cancel_source, g_source_unref);
}

static void
device_poll_free (DevicePoll *poll)
{
  clear_sources (poll);
  g_clear_pointer (&poll->code, attest_device_code_free);
  g_free (poll);
}

static void
on_device_code_requested (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  AttestDeviceCode *code;

  code = attest_oauth_client_request_device_code_finish (ATTEST_OAUTH_CLIENT (object), result,
                                                         &error);
  if (code == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, code, (GDestroyNotify) attest_device_code_free);
}

/* Asks Entra ID for a code to show; then call
 * attest_session_sign_in_with_device_code_async() with it. */
void
attest_session_request_device_code_async (AttestSession       *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (ATTEST_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_session_request_device_code_async);

  if (!attest_session_check_settings (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  attest_oauth_client_request_device_code_async (attest_session_get_oauth_client (self),
                                                 cancellable, on_device_code_requested,
                                                 g_steal_pointer (&task));
}

AttestDeviceCode *
attest_session_request_device_code_finish (AttestSession  *self,
                                           GAsyncResult   *result,
                                           GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void schedule_poll (GTask *task);

static void
on_polled (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DevicePoll *poll = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  AttestTokenResponse *response;

  response = attest_oauth_client_get_token_finish (ATTEST_OAUTH_CLIENT (object), result, &error);
  if (response != NULL)
    {
      clear_sources (poll);
      attest_session_complete_sign_in (g_steal_pointer (&task), response);
      return;
    }

  if (g_error_matches (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_SLOW_DOWN))
    {
      poll->interval += SLOW_DOWN_SECONDS;
      g_info ("Asked to slow down; checking every %u s", poll->interval);
    }
  else if (!g_error_matches (error, ATTEST_AUTH_ERROR, ATTEST_AUTH_ERROR_AUTHORIZATION_PENDING))
    {
      clear_sources (poll);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  schedule_poll (g_steal_pointer (&task));
}

static gboolean
on_wait_over (gpointer user_data)
{
  GTask *task = user_data;
  AttestSession *self = g_task_get_source_object (task);
  DevicePoll *poll = g_task_get_task_data (task);

  g_clear_pointer (&poll->wait_source, g_source_unref);
  attest_oauth_client_poll_device_code_async (attest_session_get_oauth_client (self),
                                              poll->code->device_code,
                                              g_task_get_cancellable (task), on_polled,
                                              task);
  return G_SOURCE_REMOVE;
}

/* Takes the task's reference until the next poll. */
static void
schedule_poll (GTask *task)
{
  DevicePoll *poll = g_task_get_task_data (task);

  if (g_get_monotonic_time () >= poll->deadline)
    {
      clear_sources (poll);
      g_task_return_error (task, g_error_new_literal (ATTEST_AUTH_ERROR,
                                                      ATTEST_AUTH_ERROR_DEVICE_CODE_EXPIRED,
                                                      _("The device code expired before it "
                                                        "was entered. Sign in again to get a "
                                                        "new code.")));
      g_object_unref (task);
      return;
    }

  poll->wait_source = g_timeout_source_new_seconds (poll->interval);
  g_source_set_callback (poll->wait_source, on_wait_over, task, NULL);
  g_source_attach (poll->wait_source, g_task_get_context (task));
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  DevicePoll *poll = g_task_get_task_data (task);
  gboolean waiting = poll->wait_source != NULL;

  g_clear_pointer (&poll->cancel_source, g_source_unref);

  /* While a poll is on the wire, its own cancellation ends the task. */
  if (waiting)
    {
      clear_sources (poll);
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);
    }

  return G_SOURCE_REMOVE;
}

/* Waits until the person has entered @code and signed in, or the code
 * expires, or @cancellable is cancelled. */
void
attest_session_sign_in_with_device_code_async (AttestSession          *self,
                                               const AttestDeviceCode *code,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  DevicePoll *poll;

  g_return_if_fail (ATTEST_IS_SESSION (self));
  g_return_if_fail (code != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, attest_session_sign_in_with_device_code_async);

  poll = g_new0 (DevicePoll, 1);
  poll->code = attest_device_code_copy (code);
  poll->interval = MAX (code->interval, 1);
  poll->deadline = g_get_monotonic_time () + MAX (code->expires_in, 1) * G_USEC_PER_SEC;
  g_task_set_task_data (task, poll, (GDestroyNotify) device_poll_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (cancellable != NULL)
    {
      poll->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (poll->cancel_source, G_SOURCE_FUNC (on_cancelled), task, NULL);
      g_source_attach (poll->cancel_source, g_task_get_context (task));
    }

  schedule_poll (g_steal_pointer (&task));
}
