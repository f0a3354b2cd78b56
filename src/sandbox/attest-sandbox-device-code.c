/* attest-sandbox-device-code.c: the device code flow of the sandbox
 *
 * /{tenant}/oauth2/v2.0/devicecode hands out a device code and a user code;
 * the token endpoint answers polls with authorization_pending, slow_down
 * (polled inside the interval), expired_token, authorization_declined, or
 * the tokens once the user code was approved on /devicelogin (or through
 * the API, or at once under auto-approve).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-device-code"

#include "config.h"

#include "attest-sandbox-private.h"

typedef enum
{
  DEVICE_CODE_PENDING,
  DEVICE_CODE_APPROVED,
  DEVICE_CODE_DECLINED,
  DEVICE_CODE_REDEEMED,
} DeviceCodeState;

typedef struct
{
  char            *user_code;
  char            *client_id;
  char            *scope;
  DeviceCodeState  state;
  gint64           expires_at;  /* monotonic, microseconds */
  gint64           last_poll;   /* monotonic, microseconds; 0 before the first */
} SandboxDeviceCode;

static void
device_code_free (gpointer data)
{
  SandboxDeviceCode *device = data;

  g_free (device->user_code);
  g_free (device->client_id);
  g_free (device->scope);
  g_free (device);
}

GHashTable *
attest_sandbox_device_codes_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, device_code_free);
}

static char *
new_user_code (void)
{
  static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  char code[10];

  for (guint i = 0; i < 9; i++)
    code[i] = alphabet[g_random_int_range (0, sizeof alphabet - 1)];
  code[9] = '\0';

  return g_strdup (code);
}

void
attest_sandbox_device_code_grant (AttestSandbox     *self,
                                  SoupServerMessage *msg,
                                  GHashTable        *form,
                                  const char        *client_id)
{
  const char *device_code = g_hash_table_lookup (form, "device_code");
  SandboxDeviceCode *device;
  gint64 now = g_get_monotonic_time ();
  gint64 last_poll;

  if (self->entra_faults & ATTEST_SANDBOX_ENTRA_FAULT_PUBLIC_CLIENT_DISABLED)
    return attest_sandbox_entra_respond_error (msg, 401, "invalid_client", 7000218, NULL,
                                               "The request body must contain the following "
                                               "parameter: 'client_assertion' or "
                                               "'client_secret'.");

  if (device_code == NULL)
    return attest_sandbox_entra_respond_missing (msg, "device_code");

  device = g_hash_table_lookup (self->device_codes, device_code);
  if (device == NULL || !g_str_equal (device->client_id, client_id))
    return attest_sandbox_entra_respond_error (msg, 400, "bad_verification_code", 70000, NULL,
                                               "The provided value for the 'device_code' "
                                               "parameter is not valid.");

  if (now >= device->expires_at)
    return attest_sandbox_entra_respond_error (msg, 400, "expired_token", 70019,
                                               NULL, "Verification code expired.");

  last_poll = device->last_poll;
  device->last_poll = now;

  switch (device->state)
    {
    case DEVICE_CODE_PENDING:
      if (last_poll != 0
          && now - last_poll < (gint64) self->device_code_interval * G_USEC_PER_SEC)
        return attest_sandbox_entra_respond_error (msg, 400, "slow_down", 0, NULL,
                                                   "The client is polling too quickly. Wait for "
                                                   "the interval between polls.");
      return attest_sandbox_entra_respond_error (msg, 400, "authorization_pending", 70016, NULL,
                                                 "OAuth 2.0 device flow error. Authorization is "
                                                 "pending. Continue polling.");

    case DEVICE_CODE_DECLINED:
      return attest_sandbox_entra_respond_error (msg, 400, "authorization_declined", 70000, NULL,
                                                 "The end user declined the authorization "
                                                 "request.");

    case DEVICE_CODE_REDEEMED:
      return attest_sandbox_entra_respond_error (msg, 400, "invalid_grant", 54005, NULL,
                                                 "The device code was already redeemed.");

    case DEVICE_CODE_APPROVED:
    default:
      device->state = DEVICE_CODE_REDEEMED;
      return attest_sandbox_entra_respond_tokens (self, msg, client_id, device->scope);
    }
}

void
attest_sandbox_device_code_start (AttestSandbox     *self,
                                  SoupServerMessage *msg)
{
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *verification_uri = NULL;
  g_autofree char *message = NULL;
  SandboxDeviceCode *device;
  const char *client_id;
  char *device_code;

  if (!g_str_equal (soup_server_message_get_method (msg), "POST"))
    return attest_sandbox_entra_respond_error (msg, 405, "invalid_request", 900561, NULL,
                                               "The endpoint only accepts POST requests.");

  form = attest_sandbox_decode_form (msg);
  client_id = g_hash_table_lookup (form, "client_id");
  if (client_id == NULL)
    return attest_sandbox_entra_respond_missing (msg, "client_id");

  device = g_new0 (SandboxDeviceCode, 1);
  device->user_code = new_user_code ();
  device->client_id = g_strdup (client_id);
  device->scope = g_strdup (g_hash_table_lookup (form, "scope"));
  device->expires_at = g_get_monotonic_time ()
                       + (gint64) self->device_code_lifetime * G_USEC_PER_SEC;
  device->state = DEVICE_CODE_PENDING;
  if (self->auto_approve)
    device->state = (self->entra_faults & ATTEST_SANDBOX_ENTRA_FAULT_USER_CANCELS)
                    ? DEVICE_CODE_DECLINED : DEVICE_CODE_APPROVED;
  device_code = attest_sandbox_new_opaque_token (48);
  g_hash_table_insert (self->device_codes, device_code, device);

  verification_uri = g_strconcat (self->uri, "/devicelogin", NULL);
  message = g_strdup_printf ("To sign in, use a web browser to open the page %s and enter the "
                             "code %s to authenticate.", verification_uri, device->user_code);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user_code");
  json_builder_add_string_value (builder, device->user_code);
  json_builder_set_member_name (builder, "device_code");
  json_builder_add_string_value (builder, device_code);
  json_builder_set_member_name (builder, "verification_uri");
  json_builder_add_string_value (builder, verification_uri);
  json_builder_set_member_name (builder, "expires_in");
  json_builder_add_int_value (builder, self->device_code_lifetime);
  json_builder_set_member_name (builder, "interval");
  json_builder_add_int_value (builder, self->device_code_interval);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);

  attest_sandbox_respond_json (msg, 200, builder);
}

/* Settles a pending, unexpired device code by its user code. */
static gboolean
settle_user_code (AttestSandbox    *self,
                  const char       *user_code,
                  DeviceCodeState   state,
                  GError          **error)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->device_codes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SandboxDeviceCode *device = value;

      if (g_ascii_strcasecmp (device->user_code, user_code) == 0
          && device->state == DEVICE_CODE_PENDING
          && g_get_monotonic_time () < device->expires_at)
        {
          device->state = state;
          return TRUE;
        }
    }

  g_set_error (error, ATTEST_SANDBOX_ERROR, ATTEST_SANDBOX_ERROR_NOT_FOUND,
               "No pending device code “%s”.", user_code);

  return FALSE;
}

gboolean
attest_sandbox_approve_device_code (AttestSandbox  *self,
                                    const char     *user_code,
                                    GError        **error)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (user_code != NULL, FALSE);

  return settle_user_code (self, user_code, DEVICE_CODE_APPROVED, error);
}

gboolean
attest_sandbox_decline_device_code (AttestSandbox  *self,
                                    const char     *user_code,
                                    GError        **error)
{
  g_return_val_if_fail (ATTEST_IS_SANDBOX (self), FALSE);
  g_return_val_if_fail (user_code != NULL, FALSE);

  return settle_user_code (self, user_code, DEVICE_CODE_DECLINED, error);
}

/* GET shows where to enter the code; POST approves (Sign in) or declines
 * (Cancel) it. */
void
attest_sandbox_device_login (AttestSandbox     *self,
                             SoupServerMessage *msg)
{
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GError) error = NULL;
  const char *user_code;
  const char *action;
  gboolean done;

  if (!g_str_equal (soup_server_message_get_method (msg), "POST"))
    return attest_sandbox_respond_html (msg, 200, "Enter code",
                                        "<p>Enter the code displayed on your app or device.</p>\n"
                                        "<form method=\"post\" action=\"/devicelogin\">\n"
                                        "<input type=\"text\" name=\"user_code\" "
                                        "aria-label=\"Code\">\n"
                                        "<button type=\"submit\" name=\"action\" "
                                        "value=\"approve\">Sign in</button>\n"
                                        "<button type=\"submit\" name=\"action\" "
                                        "value=\"cancel\">Cancel</button>\n"
                                        "</form>");

  form = attest_sandbox_decode_form (msg);
  user_code = g_hash_table_lookup (form, "user_code");
  action = g_hash_table_lookup (form, "action");
  if (user_code == NULL)
    user_code = "";

  if (g_strcmp0 (action, "cancel") == 0)
    done = attest_sandbox_decline_device_code (self, user_code, &error);
  else
    done = attest_sandbox_approve_device_code (self, user_code, &error);

  if (!done)
    return attest_sandbox_respond_html (msg, 400, "Enter code",
                                        "<p>That code didn’t work. Check the code and try "
                                        "again.</p>");

  attest_sandbox_respond_html (msg, 200, "Attest sandbox",
                               g_strcmp0 (action, "cancel") == 0
                               ? "<p>You cancelled the sign-in. You may close this window.</p>"
                               : "<p>You have signed in to the Attest application on your "
                                 "device. You may now close this window.</p>");
}

/* Returns FALSE when @path is none of Entra's. */