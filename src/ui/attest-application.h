/* attest-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "attest-connection.h"

G_BEGIN_DECLS

#define ATTEST_TYPE_APPLICATION (attest_application_get_type ())

G_DECLARE_FINAL_TYPE (AttestApplication, attest_application, ATTEST, APPLICATION, AdwApplication)

AttestApplication *attest_application_new            (GApplicationFlags  flags,
                                                      const char        *commands_help);
GSettings         *attest_application_get_settings   (AttestApplication *self);
AttestConnection  *attest_application_get_connection (AttestApplication *self);
AttestSession     *attest_application_get_session    (AttestApplication *self);

G_END_DECLS
