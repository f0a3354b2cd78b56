/* attest-sandbox-device-code.h: the device codes of the sandbox's Entra ID
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _AttestSandboxDeviceCodes AttestSandboxDeviceCodes;

/* How a new device code starts. */
typedef enum
{
  ATTEST_SANDBOX_DEVICE_CODE_PENDING,
  ATTEST_SANDBOX_DEVICE_CODE_APPROVED,
  ATTEST_SANDBOX_DEVICE_CODE_DECLINED,
} AttestSandboxDeviceCodeStart;

AttestSandboxDeviceCodes *
         attest_sandbox_device_codes_new          (void);
void     attest_sandbox_device_codes_free         (AttestSandboxDeviceCodes     *self);
void     attest_sandbox_device_codes_set_interval (AttestSandboxDeviceCodes     *self,
                                                   guint                         seconds);
void     attest_sandbox_device_codes_set_lifetime (AttestSandboxDeviceCodes     *self,
                                                   guint                         seconds);
void     attest_sandbox_device_codes_start        (AttestSandboxDeviceCodes     *self,
                                                   SoupServerMessage            *msg,
                                                   const char                   *verification_uri,
                                                   AttestSandboxDeviceCodeStart  start);
char    *attest_sandbox_device_codes_redeem       (AttestSandboxDeviceCodes     *self,
                                                   SoupServerMessage            *msg,
                                                   GHashTable                   *form,
                                                   const char                   *client_id);
gboolean attest_sandbox_device_codes_settle       (AttestSandboxDeviceCodes     *self,
                                                   const char                   *user_code,
                                                   gboolean                      approve,
                                                   GError                      **error);
void     attest_sandbox_device_codes_login_page   (AttestSandboxDeviceCodes     *self,
                                                   SoupServerMessage            *msg);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestSandboxDeviceCodes, attest_sandbox_device_codes_free)

G_END_DECLS
