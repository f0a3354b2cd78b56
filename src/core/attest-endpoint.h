/* attest-endpoint.h: which server addresses Attest will talk to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATTEST_ENDPOINT_ERROR (attest_endpoint_error_quark ())

typedef enum
{
  ATTEST_ENDPOINT_ERROR_INVALID,
  ATTEST_ENDPOINT_ERROR_INSECURE,
} AttestEndpointError;

GQuark   attest_endpoint_error_quark (void);
gboolean attest_endpoint_is_loopback (const char  *host);
gboolean attest_endpoint_check       (const char  *uri,
                                      GError     **error);

G_END_DECLS
