/* attest-mca-mail.h: a message to a customer's signatory asking them to
 * accept the Microsoft Customer Agreement (SPEC §13 "Links": Write to
 * Signatory)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Who the message is for and what it gives them; borrowed. */
typedef struct
{
  const char *email;         /* the signatory's address */
  const char *first_name;    /* NULL or empty: the greeting names nobody */
  const char *company_name;  /* NULL or empty: "your organization" */
  const char *link;          /* the acceptance link, or the admin center's address */
  const char *language;      /* the customer's language tag; NULL: English */
} AttestMcaMail;

char *attest_mca_mail_dup_language (const AttestMcaMail *mail);
char *attest_mca_mail_dup_subject  (const AttestMcaMail *mail);
char *attest_mca_mail_dup_body     (const AttestMcaMail *mail);
char *attest_mca_mail_dup_uri      (const AttestMcaMail *mail);

G_END_DECLS
