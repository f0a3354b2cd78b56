/* attest-test-atspi.h: driving Attest as a screen reader does, through the
 * accessibility bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <atspi/atspi.h>

G_BEGIN_DECLS

typedef struct _AttestTestApp AttestTestApp;

/* Any role, for the finders below. */
#define ATTEST_TEST_ANY_ROLE ATSPI_ROLE_INVALID

AttestTestApp   *attest_test_app_launch       (const char * const *arguments,
                                               const char * const *environment);
void             attest_test_app_free         (AttestTestApp      *app);
AtspiAccessible *attest_test_app_get_root     (AttestTestApp      *app);
char            *attest_test_app_describe     (AttestTestApp      *app);
AtspiAccessible *attest_test_app_find         (AttestTestApp      *app,
                                               AtspiAccessible    *within,
                                               AtspiRole           role,
                                               const char         *name);
AtspiAccessible *attest_test_app_wait_for     (AttestTestApp      *app,
                                               AtspiRole           role,
                                               const char         *name);
void             attest_test_app_wait_gone    (AttestTestApp      *app,
                                               AtspiRole           role,
                                               const char         *name);
gboolean         attest_test_app_wait_exit    (AttestTestApp      *app,
                                               int                *status);
AtspiAccessible *attest_test_app_get_focus    (AttestTestApp      *app);
AtspiAccessible *attest_test_app_wait_focus   (AttestTestApp      *app,
                                               AtspiRole           role,
                                               const char         *name);
void             attest_test_app_activate     (AttestTestApp      *app,
                                               AtspiAccessible    *accessible);
void             attest_test_app_focus_window (AttestTestApp      *app,
                                               AtspiAccessible    *accessible);
void             attest_test_app_tab_to       (AttestTestApp      *app,
                                               AtspiAccessible    *accessible,
                                               guint               max_tabs);
void             attest_test_app_click        (AttestTestApp      *app,
                                               AtspiAccessible    *accessible);
void             attest_test_app_press        (AttestTestApp      *app,
                                               const char         *keys);
void             attest_test_app_type         (AttestTestApp      *app,
                                               const char         *text);

char            *attest_test_at_describe      (AtspiAccessible    *accessible);
char            *attest_test_at_dup_text      (AtspiAccessible    *accessible);
gboolean         attest_test_at_is_shown      (AtspiAccessible    *accessible);
gboolean         attest_test_at_has_state     (AtspiAccessible    *accessible,
                                               AtspiStateType      state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttestTestApp, attest_test_app_free)

/* libatspi 2.46 defines none for its objects. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiAccessible, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiStateSet, g_object_unref)

G_END_DECLS
