/* test-mca-mail.c: the message to a customer's signatory, in the
 * customer's language where Attest has a translation whatever language
 * Attest runs in, and its mailto: URI (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "attest-catalog.h"
#include "attest-mca-mail.h"
#include "attest-mca-shapes.h"
#include "attest-test-init.h"

#define LINK "https://cdn.partner.microsoft.com/mca/?attestationid=8a1d5c2e-0b4f-4e6a-9d3c-7f2e1a0b9c8d"

/* Decodes a mailto: URI's query member @name. */
static char *
query_value (const char *uri,
             const char *name)
{
  g_autofree char *key = g_strconcat (name, "=", NULL);
  const char *start = strstr (uri, key);
  const char *end;
  g_autofree char *raw = NULL;

  g_assert_nonnull (start);
  start += strlen (key);
  end = strchr (start, '&');
  raw = end != NULL ? g_strndup (start, end - start) : g_strdup (start);

  return g_uri_unescape_string (raw, NULL);
}

static void
test_english_by_default (void)
{
  AttestMcaMail mail = { "jane.doe+mca@contoso.com", "Jane", "Contoso Ltd", LINK, NULL };
  g_autofree char *uri = attest_mca_mail_dup_uri (&mail);
  g_autofree char *subject = query_value (uri, "subject");
  g_autofree char *body = query_value (uri, "body");
  g_autofree char *language = attest_mca_mail_dup_language (&mail);

  g_assert_cmpstr (language, ==, "en");
  g_assert_true (g_str_has_prefix (uri, "mailto:jane.doe%2Bmca@contoso.com?subject="));
  /* RFC 6068: nothing but unreserved characters unescaped, lines end in CR LF. */
  g_assert_null (strchr (uri, ' '));
  g_assert_null (strchr (uri, '\n'));
  g_assert_nonnull (strstr (uri, "%0D%0A"));

  g_assert_cmpstr (subject, ==, "Please accept the Microsoft Customer Agreement for Contoso Ltd");
  g_assert_cmpstr (body, ==,
                   "Hello Jane,\r\n\r\n"
                   "Microsoft asks every customer who buys its cloud services through a partner "
                   "to accept the Microsoft Customer Agreement. Please open this link, read the "
                   "agreement and accept it for Contoso Ltd:\r\n\r\n"
                   LINK "\r\n\r\n"
                   "Thank you.\r\n");
}

/* A language Attest has no translation for gets English; one it has gets
 * it, from a region tag too, while Attest itself runs in English. */
static void
test_the_customers_language (void)
{
  AttestMcaMail german = { "a@b.de", "Jörg", "Beispiel GmbH", LINK, "de-DE" };
  AttestMcaMail french = { "a@b.fr", "Élodie", "Exemple SA", LINK, "fr-FR" };
  AttestMcaMail turkish = { "a@b.com.tr", NULL, NULL, LINK, "tr" };
  g_autofree char *german_subject = attest_mca_mail_dup_subject (&german);
  g_autofree char *french_subject = attest_mca_mail_dup_subject (&french);
  g_autofree char *french_body = attest_mca_mail_dup_body (&french);
  g_autofree char *turkish_subject = attest_mca_mail_dup_subject (&turkish);
  g_autofree char *turkish_body = attest_mca_mail_dup_body (&turkish);
  g_autofree char *french_language = attest_mca_mail_dup_language (&french);

  g_assert_cmpstr (C_("mca state", "Done"), ==, "Done");
  g_assert_cmpstr (german_subject, ==, "Please accept the Microsoft Customer Agreement for "
                                       "Beispiel GmbH");
  g_assert_cmpstr (french_language, ==, "fr");
  g_assert_cmpstr (french_subject, ==, "Veuillez accepter le Contrat client Microsoft pour "
                                       "Exemple SA");
  g_assert_true (g_str_has_prefix (french_body, "Bonjour Élodie,\n\n"));
  g_assert_nonnull (strstr (french_body, "\n\n" LINK "\n\n"));
  g_assert_true (g_str_has_suffix (french_body, "Merci.\n"));

  g_assert_cmpstr (turkish_subject, ==, "Lütfen Microsoft Müşteri Sözleşmesi’ni kabul edin");
  g_assert_true (g_str_has_prefix (turkish_body, "Merhaba,\n\n"));
  g_assert_nonnull (strstr (turkish_body, "kuruluşunuz"));
}

/* The admin center's address asks the Global Administrator to accept
 * there. */
static void
test_direct_acceptance (void)
{
  AttestMcaMail mail = { "it@fabrikam.com", NULL, "Fabrikam", ATTEST_MCA_ADMIN_CENTER_URI, "en" };
  g_autofree char *body = attest_mca_mail_dup_body (&mail);

  g_assert_true (g_str_has_prefix (body, "Hello,\n\n"));
  g_assert_nonnull (strstr (body, "Microsoft 365 admin center as a Global Administrator of "
                                  "Fabrikam"));
  g_assert_nonnull (strstr (body, ATTEST_MCA_ADMIN_CENTER_URI));
}

/* Tags that name no catalogue, or try to reach out of the folder. */
static void
test_catalogue_names (void)
{
  const char *none[] = { NULL, "", "x", "english", "../fr", "fr/../tr", "12-FR" };
  g_autofree char *french = attest_catalog_dup_language ("FR_ca");
  g_autofree char *unknown = attest_catalog_dup_translation ("fr", NULL, "No such message");

  g_assert_cmpstr (french, ==, "fr");
  for (guint i = 0; i < G_N_ELEMENTS (none); i++)
    {
      g_autofree char *language = attest_catalog_dup_language (none[i]);

      g_assert_null (language);
    }
  g_assert_null (unknown);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, 0);
  /* The catalogues of this build; Attest itself stays in English. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ATTEST_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/mca-mail/english-by-default", test_english_by_default);
  g_test_add_func ("/mca-mail/the-customers-language", test_the_customers_language);
  g_test_add_func ("/mca-mail/direct-acceptance", test_direct_acceptance);
  g_test_add_func ("/mca-mail/catalogue-names", test_catalogue_names);

  return g_test_run ();
}
