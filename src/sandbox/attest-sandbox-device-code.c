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

#include "attest-sandbox.h"
#include "attest-sandbox-device-code.h"
#include "attest-sandbox-entra.h"
#include "attest-sandbox-util.h"

typedef enum
{
  DEVICE_CODE_PENDING = ATTEST_SANDBOX_DEVICE_CODE_PENDING,
  DEVICE_CODE_APPROVED = ATTEST_SANDBOX_DEVICE_CODE_APPROVED,
  DEVICE_CODE_DECLINED = ATTEST_SANDBOX_DEVICE_CODE_DECLINED,
  DEVICE_CODE_REDEEMED,
} DeviceCodeState;

struct _AttestSandboxDeviceCodes
{
  GHashTable *codes;      /* device code → SandboxDeviceCode */
  guint       interval;   /* seconds a client waits between polls */
  guint       lifetime;   /* seconds */
};

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

AttestSandboxDeviceCodes *
attest_sandbox_device_codes_new (void)
{
  AttestSandboxDeviceCodes *self = g_new0 (AttestSandboxDeviceCodes, 1);

  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, device_code_free);
  self->interval = 5;
  self->lifetime = 900;

  return self;
}

void
attest_sandbox_device_codes_free (AttestSandboxDeviceCodes *self)
{
  g_hash_table_unref (self->codes);
  g_free (self);
}

void
attest_sandbox_device_codes_set_interval (AttestSandboxDeviceCodes *self,
                                          guint                     seconds)
{
  self->interval = seconds;
}

void
attest_sandbox_device_codes_set_lifetime (AttestSandboxDeviceCodes *self,
                                          guint                     seconds)
{
  self->lifetime = seconds;
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

/* Answers a poll of the device code grant, unless the code is approved:
 * then it is spent, and the scope to issue tokens for is returned. */
char *
attest_sandbox_device_codes_redeem (AttestSandboxDeviceCodes *self,
                                    SoupServerMessage        *msg,
                                    GHashTable               *form,
                                    const char               *client_id)
{
  const char *device_code = g_hash_table_lookup (form, "device_code");
  SandboxDeviceCode *device;
  gint64 now = g_get_monotonic_time ();
  gint64 last_poll;

  if (device_code == NULL)
    {
      attest_sandbox_entra_respond_missing (msg, "device_code");
      return NULL;
    }

  device = g_hash_table_lookup (self->codes, device_code);
  if (device == NULL || !g_str_equal (device->client_id, client_id))
    {
      attest_sandbox_entra_respond_error (msg, 400, "bad_verification_code", 70000, NULL,
                                          "The provided value for the 'device_code' "
                                          "parameter is not valid.");
      return NULL;
    }

  if (now >= device->expires_at)
    {
      attest_sandbox_entra_respond_error (msg, 400, "expired_token", 70019,
                                          NULL, "Verification code expired.");
      return NULL;
    }

  last_poll = device->last_poll;
  device->last_poll = now;

  switch (device->state)
    {
    case DEVICE_CODE_PENDING:
      if (last_poll != 0 && now - last_poll < (gint64) self->interval * G_USEC_PER_SEC)
        attest_sandbox_entra_respond_error (msg, 400, "slow_down", 0, NULL,
                                            "The client is polling too quickly. Wait for "
                                            "the interval between polls.");
      else
        attest_sandbox_entra_respond_error (msg, 400, "authorization_pending", 70016, NULL,
                                            "OAuth 2.0 device flow error. Authorization is "
                                            "pending. Continue polling.");
      return NULL;

    case DEVICE_CODE_DECLINED:
      attest_sandbox_entra_respond_error (msg, 400, "authorization_declined", 70000, NULL,
                                          "The end user declined the authorization request.");
      return NULL;

    case DEVICE_CODE_REDEEMED:
      attest_sandbox_entra_respond_error (msg, 400, "invalid_grant", 54005, NULL,
                                          "The device code was already redeemed.");
      return NULL;

    case DEVICE_CODE_APPROVED:
    default:
      device->state = DEVICE_CODE_REDEEMED;
      return g_strdup (device->scope != NULL ? device->scope : "");
    }
}

/* Hands out a device code and its user code; @start says whether the user
 * has already answered, as under auto-approve. */
void
attest_sandbox_device_codes_start (AttestSandboxDeviceCodes     *self,
                                   SoupServerMessage            *msg,
                                   const char                   *verification_uri,
                                   AttestSandboxDeviceCodeStart  start)
{
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *message = NULL;
  SandboxDeviceCode *device;
  const char *client_id;
  char *device_code;

  if (!g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      attest_sandbox_entra_respond_error (msg, 405, "invalid_request", 900561, NULL,
                                          "The endpoint only accepts POST requests.");
      return;
    }

  form = attest_sandbox_decode_form (msg);
  client_id = g_hash_table_lookup (form, "client_id");
  if (client_id == NULL)
    {
      attest_sandbox_entra_respond_missing (msg, "client_id");
      return;
    }

  device = g_new0 (SandboxDeviceCode, 1);
  device->user_code = new_user_code ();
  device->client_id = g_strdup (client_id);
  device->scope = g_strdup (g_hash_table_lookup (form, "scope"));
  device->expires_at = g_get_monotonic_time () + (gint64) self->lifetime * G_USEC_PER_SEC;
  device->state = (DeviceCodeState) start;
  device_code = attest_sandbox_new_opaque_token (48);
  g_hash_table_insert (self->codes, device_code, device);

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
  json_builder_add_int_value (builder, self->lifetime);
  json_builder_set_member_name (builder, "interval");
  json_builder_add_int_value (builder, self->interval);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);

  attest_sandbox_respond_json (msg, 200, builder);
}

/* Approves or declines a pending, unexpired device code by its user code. */
gboolean
attest_sandbox_device_codes_settle (AttestSandboxDeviceCodes  *self,
                                    const char                *user_code,
                                    gboolean                   approve,
                                    GError                   **error)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->codes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SandboxDeviceCode *device = value;

      if (g_ascii_strcasecmp (device->user_code, user_code) == 0
          && device->state == DEVICE_CODE_PENDING
          && g_get_monotonic_time () < device->expires_at)
        {
          device->state = approve ? DEVICE_CODE_APPROVED : DEVICE_CODE_DECLINED;
          return TRUE;
        }
    }

  g_set_error (error, ATTEST_SANDBOX_ERROR, ATTEST_SANDBOX_ERROR_NOT_FOUND,
               "No pending device code “%s”.", user_code);

  return FALSE;
}

/* GET shows where to enter the code; POST approves (Sign in) or declines
 * (Cancel) it. */
void
attest_sandbox_device_codes_login_page (AttestSandboxDeviceCodes *self,
                                        SoupServerMessage        *msg)
{
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GError) error = NULL;
  const char *user_code;
  const char *action;

  if (!g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      attest_sandbox_respond_html (msg, 200, "Enter code",
                                   "<p>Enter the code displayed on your app or device.</p>\n"
                                   "<form method=\"post\" action=\"/devicelogin\">\n"
                                   "<input type=\"text\" name=\"user_code\" "
                                   "aria-label=\"Code\">\n"
                                   "<button type=\"submit\" name=\"action\" "
                                   "value=\"approve\">Sign in</button>\n"
                                   "<button type=\"submit\" name=\"action\" "
                                   "value=\"cancel\">Cancel</button>\n"
                                   "</form>");
      return;
    }

  form = attest_sandbox_decode_form (msg);
  user_code = g_hash_table_lookup (form, "user_code");
  action = g_hash_table_lookup (form, "action");
  if (user_code == NULL)
    user_code = "";

  if (!attest_sandbox_device_codes_settle (self, user_code, g_strcmp0 (action, "cancel") != 0,
                                           &error))
    {
      attest_sandbox_respond_html (msg, 400, "Enter code",
                                   "<p>That code didn’t work. Check the code and try "
                                   "again.</p>");
      return;
    }

  attest_sandbox_respond_html (msg, 200, "Attest sandbox",
                               g_strcmp0 (action, "cancel") == 0
                               ? "<p>You cancelled the sign-in. You may close this window.</p>"
                               : "<p>You have signed in to the Attest application on your "
                                 "device. You may now close this window.</p>");
}
