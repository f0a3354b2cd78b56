/* attest-mca-mail.c: a message to a customer's signatory asking them to
 * accept the Microsoft Customer Agreement (SPEC §13 "Links")
 *
 * The message is in the customer's language where Attest has a translation
 * (attest-catalog.c reads it whatever language Attest itself runs in), else
 * in English. It gives the link as it is: Attest never opens it. A link to
 * the admin center asks the customer's Global Administrator to accept there
 * instead. The mailto: URI is RFC 6068's: every character but the
 * unreserved ones escaped, lines ended with CR LF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-mca-mail"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-catalog.h"
#include "attest-mca-mail.h"
#include "attest-mca-shapes.h"

#define CONTEXT "signatory mail"

static gboolean
has_text (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    {
      if (!g_ascii_isspace (*text))
        return TRUE;
    }

  return FALSE;
}

/* @message in the customer's language, else as written. */
static char *
translate (const AttestMcaMail *mail,
           const char          *message)
{
  char *translation = attest_catalog_dup_translation (mail->language, CONTEXT, message);

  return translation != NULL ? translation : g_strdup (message);
}

/* @format with its one "%s" (or "%1$s") replaced by @value: a catalogue is
 * data, and no translation is given to printf. */
static char *
fill (const char *format,
      const char *value)
{
  const char *at = strstr (format, "%s");
  gsize skip = 2;

  if (at == NULL && (at = strstr (format, "%1$s")) != NULL)
    skip = 4;
  if (at == NULL)
    return g_strdup (format);

  return g_strdup_printf ("%.*s%s%s", (int) (at - format), format, value, at + skip);
}

static char *
translate_with (const AttestMcaMail *mail,
                const char          *with_value,
                const char          *without,
                const char          *value)
{
  g_autofree char *format = NULL;

  if (!has_text (value))
    return translate (mail, without);

  format = translate (mail, with_value);

  return fill (format, value);
}

static gboolean
is_direct (const AttestMcaMail *mail)
{
  return g_strcmp0 (mail->link, ATTEST_MCA_ADMIN_CENTER_URI) == 0;
}

/* The language the message is written in: a catalogue's name, or "en". */
char *
attest_mca_mail_dup_language (const AttestMcaMail *mail)
{
  g_autofree char *language = NULL;

  g_return_val_if_fail (mail != NULL, NULL);

  language = attest_catalog_dup_language (mail->language);

  return language != NULL ? g_steal_pointer (&language) : g_strdup ("en");
}

char *
attest_mca_mail_dup_subject (const AttestMcaMail *mail)
{
  g_return_val_if_fail (mail != NULL, NULL);

  return translate_with (mail,
                         /* Translators: the subject of a mail to a customer; %s is the
                          * customer's company. */
                         NC_ ("signatory mail",
                              "Please accept the Microsoft Customer Agreement for %s"),
                         NC_ ("signatory mail", "Please accept the Microsoft Customer Agreement"),
                         mail->company_name);
}

char *
attest_mca_mail_dup_body (const AttestMcaMail *mail)
{
  g_autofree char *greeting = NULL;
  g_autofree char *request = NULL;
  g_autofree char *closing = NULL;

  g_return_val_if_fail (mail != NULL, NULL);
  g_return_val_if_fail (mail->link != NULL, NULL);

  greeting = translate_with (mail,
                             /* Translators: %s is the signatory's first name. */
                             NC_ ("signatory mail", "Hello %s,"),
                             NC_ ("signatory mail", "Hello,"),
                             mail->first_name);
  if (is_direct (mail))
    request = translate_with (mail,
                              /* Translators: %s is the customer's company. */
                              NC_ ("signatory mail",
                                   "Microsoft asks every customer who buys its cloud services "
                                   "through a partner to accept the Microsoft Customer "
                                   "Agreement. Please sign in to the Microsoft 365 admin center "
                                   "as a Global Administrator of %s, open this link and accept "
                                   "the agreement there:"),
                              NC_ ("signatory mail",
                                   "Microsoft asks every customer who buys its cloud services "
                                   "through a partner to accept the Microsoft Customer "
                                   "Agreement. Please sign in to the Microsoft 365 admin center "
                                   "as a Global Administrator of your organization, open this "
                                   "link and accept the agreement there:"),
                              mail->company_name);
  else
    request = translate_with (mail,
                              /* Translators: %s is the customer's company. */
                              NC_ ("signatory mail",
                                   "Microsoft asks every customer who buys its cloud services "
                                   "through a partner to accept the Microsoft Customer "
                                   "Agreement. Please open this link, read the agreement and "
                                   "accept it for %s:"),
                              NC_ ("signatory mail",
                                   "Microsoft asks every customer who buys its cloud services "
                                   "through a partner to accept the Microsoft Customer "
                                   "Agreement. Please open this link, read the agreement and "
                                   "accept it for your organization:"),
                              mail->company_name);
  closing = translate (mail, NC_ ("signatory mail", "Thank you."));

  return g_strdup_printf ("%s\n\n%s\n\n%s\n\n%s\n", greeting, request, mail->link, closing);
}

static void
append_escaped (GString    *uri,
                const char *text,
                const char *allowed)
{
  g_autofree char *escaped = g_uri_escape_string (text, allowed, FALSE);

  g_string_append (uri, escaped);
}

/* The mailto: URI of the message: to the signatory, with its subject and
 * body. */
char *
attest_mca_mail_dup_uri (const AttestMcaMail *mail)
{
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *crlf = NULL;
  g_autofree char *email = NULL;
  g_autoptr(GString) uri = g_string_new ("mailto:");

  g_return_val_if_fail (mail != NULL, NULL);
  g_return_val_if_fail (mail->email != NULL && mail->link != NULL, NULL);

  subject = attest_mca_mail_dup_subject (mail);
  body = attest_mca_mail_dup_body (mail);
  lines = g_strsplit (body, "\n", -1);
  crlf = g_strjoinv ("\r\n", lines);

  email = g_strstrip (g_strdup (mail->email));
  append_escaped (uri, email, "@");
  g_string_append (uri, "?subject=");
  append_escaped (uri, subject, NULL);
  g_string_append (uri, "&body=");
  append_escaped (uri, crlf, NULL);

  return g_string_free (g_steal_pointer (&uri), FALSE);
}
