/* attest-test-init.h: the set-up every test program starts with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a test program needs besides folders, a keyring file and settings
 * of its own. */
typedef enum
{
  ATTEST_TEST_DEFAULT = 0,
  ATTEST_TEST_GTK     = 1 << 0,  /* a display, GTK and libadwaita, without animations */
  ATTEST_TEST_SIGN_IN = 1 << 1,  /* the stand-in browser as $BROWSER */
} AttestTestFlags;

void        attest_test_init     (int              *argc,
                                  char           ***argv,
                                  AttestTestFlags   flags);
const char *attest_test_get_root (void);

G_END_DECLS
