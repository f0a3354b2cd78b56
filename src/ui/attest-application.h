/* attest-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attest-partner-client.h"
#include "attest-sandbox.h"
#include "attest-session.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_APPLICATION (attest_application_get_type ())

G_DECLARE_FINAL_TYPE (AttestApplication, attest_application, ATTEST, APPLICATION, AdwApplication)

AttestApplication *attest_application_new          (GApplicationFlags  flags);
GSettings         *attest_application_get_settings (AttestApplication *self);
AttestSession     *attest_application_get_session  (AttestApplication *self);

gboolean             attest_application_start_sandbox           (AttestApplication  *self,
                                                                 guint               customers,
                                                                 GError            **error);
AttestSandbox       *attest_application_get_sandbox             (AttestApplication  *self);
gboolean             attest_application_can_call_partner_center (AttestApplication  *self);
AttestPartnerClient *attest_application_new_partner_client      (AttestApplication  *self,
                                                                 GError            **error);

G_END_DECLS
