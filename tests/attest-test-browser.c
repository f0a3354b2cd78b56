/* attest-test-browser.c: a stand-in for a web browser, for $BROWSER in
 * tests
 *
 * It opens the address it is given and follows redirects, as a browser
 * does when the sign-in page approves at once (the sandbox's auto-approve):
 * the last redirect lands on Attest's loopback listener. It never prints
 * an address, since addresses carry authorization codes. Exits with 0 when
 * the last page answered 200.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: %s URL\n", argv[0]);
      return 2;
    }

  session = soup_session_new_with_options ("timeout", 30, NULL);
  message = soup_message_new (SOUP_METHOD_GET, argv[1]);
  if (message == NULL)
    {
      g_printerr ("attest-test-browser: not an address\n");
      return 2;
    }

  body = soup_session_send_and_read (session, message, NULL, &error);
  if (body == NULL)
    {
      g_printerr ("attest-test-browser: %s\n", error->message);
      return 1;
    }

  return soup_message_get_status (message) == SOUP_STATUS_OK ? 0 : 1;
}
