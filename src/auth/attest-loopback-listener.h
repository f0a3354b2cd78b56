/* attest-loopback-listener.h: receives the one redirect that ends a browser
 * sign-in, on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATTEST_TYPE_LOOPBACK_LISTENER (attest_loopback_listener_get_type ())

G_DECLARE_FINAL_TYPE (AttestLoopbackListener, attest_loopback_listener, ATTEST,
                      LOOPBACK_LISTENER, GObject)

AttestLoopbackListener *attest_loopback_listener_new (const char  *expected_state,
                                                      GError     **error);

const char *attest_loopback_listener_get_redirect_uri (AttestLoopbackListener *self);
guint16     attest_loopback_listener_get_port         (AttestLoopbackListener *self);

void  attest_loopback_listener_wait_async  (AttestLoopbackListener  *self,
                                            guint                    timeout_ms,
                                            GCancellable            *cancellable,
                                            GAsyncReadyCallback      callback,
                                            gpointer                 user_data);
char *attest_loopback_listener_wait_finish (AttestLoopbackListener  *self,
                                            GAsyncResult            *result,
                                            GError                 **error);
void  attest_loopback_listener_close       (AttestLoopbackListener  *self);

G_END_DECLS
