/* attest-sandbox-acceptance-page.c: the page where a customer accepts the MCA
 *
 * The sandbox's stand-in for Microsoft's page at an attestation's link
 * (mca-current-flow §3 B): GET /mca/?attestationid=ID shows the customer's
 * company, the agreement's name and an Accept button, without a sign-in,
 * as Microsoft's does; the button posts to /mca/accept, which marks the
 * attestation accepted and thanks the customer. A link that is unknown or
 * has expired gets a page that says so. A person plays the customer here,
 * in a browser, or a test does with two requests.
 *
 * The page is plain HTML with its style inline and nothing fetched from
 * elsewhere, and says that it is the sandbox's. Like the rest of the
 * sandbox's pages it is in English, as Microsoft's would be for this
 * customer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-sandbox-acceptance-page"

#include "config.h"

#include <string.h>

#include "attest-sandbox-acceptance-page.h"
#include "attest-sandbox-util.h"

#define AGREEMENT_NAME "Microsoft Customer Agreement"

static const char style[] =
  "body{margin:0;background:#f3f2f1;color:#201f1e;"
  "font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Cantarell,sans-serif}"
  "main{max-width:36rem;margin:3rem auto;padding:2rem 2.5rem;background:#fff;"
  "border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.16)}"
  "h1{font-size:1.5rem;font-weight:600;margin:0 0 1rem}"
  ".company{font-weight:600}"
  "button{font:inherit;font-weight:600;padding:.5rem 2rem;border:0;border-radius:4px;"
  "background:#0f6cbd;color:#fff;cursor:pointer}"
  "button:hover{background:#115ea3}"
  ".note{margin:2rem 0 0;padding-top:1rem;border-top:1px solid #e1dfdd;"
  "font-size:.875rem;color:#605e5c}";

/* Answers with a whole page: @title, then @body_html. */
static void
respond_page (SoupServerMessage *msg,
              guint              status,
              const char        *title,
              const char        *body_html)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  char *page = g_strdup_printf ("<!DOCTYPE html>\n"
                                "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                                "<meta name=\"viewport\" "
                                "content=\"width=device-width, initial-scale=1\">\n"
                                "<title>%s</title>\n<style>%s</style>\n</head>\n"
                                "<body>\n<main>\n<h1>%s</h1>\n%s\n"
                                "<p class=\"note\">This page is the Attest sandbox playing "
                                "Microsoft’s acceptance page. Nothing on it reaches "
                                "Microsoft.</p>\n</main>\n</body>\n</html>\n",
                                escaped_title, style, escaped_title, body_html);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                    page, strlen (page));
}

static void
show_unknown (SoupServerMessage *msg)
{
  respond_page (msg, 404, "This link is not valid",
                "<p>No request to accept the " AGREEMENT_NAME " has this link. Ask your partner "
                "for a new link.</p>");
}

static void
show_expired (SoupServerMessage *msg)
{
  respond_page (msg, 410, "This link has expired",
                "<p>The time to accept the " AGREEMENT_NAME " with this link is over. Ask your "
                "partner for a new link.</p>");
}

static void
show_accepted (SoupServerMessage              *msg,
               const AttestSandboxAttestation *attestation)
{
  g_autofree char *company = g_markup_escape_text (attestation->company_name, -1);
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (attestation->accepted
                                                             / G_USEC_PER_SEC);
  g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");
  g_autofree char *html =
    g_strdup_printf ("<p><span class=\"company\">%s</span> accepted the " AGREEMENT_NAME
                     " on %s (UTC).</p>\n<p>Your partner completes the agreement; there is "
                     "nothing more to do here. You may close this page.</p>", company, day);

  respond_page (msg, 200, "Thank you", html);
}

static void
show_agreement (SoupServerMessage              *msg,
                const AttestSandboxAttestation *attestation)
{
  g_autofree char *company = g_markup_escape_text (attestation->company_name, -1);
  g_autofree char *signatory = g_markup_printf_escaped ("%s %s", attestation->first_name,
                                                        attestation->last_name);
  g_autofree char *id = g_markup_escape_text (attestation->id, -1);
  g_autofree char *html =
    g_strdup_printf ("<p>Your partner asks <span class=\"company\">%s</span> to accept the "
                     "<strong>" AGREEMENT_NAME "</strong>.</p>\n"
                     "<p>By selecting Accept, %s confirms having read the " AGREEMENT_NAME
                     " and accepts it on behalf of %s.</p>\n"
                     "<form method=\"post\" action=\"/mca/accept\">\n"
                     "<input type=\"hidden\" name=\"attestationid\" value=\"%s\">\n"
                     "<button type=\"submit\">Accept</button>\n</form>",
                     company, signatory, company, id);

  respond_page (msg, 200, AGREEMENT_NAME, html);
}

/* The page of an attestation, in the state it is in. */
static void
show (AttestSandboxAttestations *attestations,
      SoupServerMessage         *msg,
      const char                *id)
{
  const AttestSandboxAttestation *attestation = NULL;

  if (id != NULL)
    attestation = attest_sandbox_attestations_lookup (attestations, id);

  switch (attest_sandbox_attestations_get_state (attestations, id != NULL ? id : ""))
    {
    case ATTEST_SANDBOX_ATTESTATION_PENDING:
      show_agreement (msg, attestation);
      break;
    case ATTEST_SANDBOX_ATTESTATION_ACCEPTED:
    case ATTEST_SANDBOX_ATTESTATION_COMPLETED:
      show_accepted (msg, attestation);
      break;
    case ATTEST_SANDBOX_ATTESTATION_EXPIRED:
      show_expired (msg);
      break;
    case ATTEST_SANDBOX_ATTESTATION_UNKNOWN:
    default:
      show_unknown (msg);
      break;
    }
}

static void
refuse_method (SoupServerMessage *msg,
               const char        *allowed)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                allowed);
  respond_page (msg, 405, "This page cannot do that", "<p>Open the link you were sent.</p>");
}

/* Returns FALSE when @path is not the page's. */
gboolean
attest_sandbox_acceptance_page_handle (AttestSandboxAttestations *attestations,
                                       SoupServerMessage         *msg,
                                       const char                *path,
                                       GHashTable                *query)
{
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (path, "/mca/") || g_str_equal (path, "/mca"))
    {
      if (!g_str_equal (method, "GET"))
        refuse_method (msg, "GET");
      else
        show (attestations, msg, query != NULL ? g_hash_table_lookup (query, "attestationid")
                                               : NULL);
      return TRUE;
    }

  if (g_str_equal (path, "/mca/accept"))
    {
      g_autoptr(GHashTable) form = NULL;
      const char *id;

      if (!g_str_equal (method, "POST"))
        {
          refuse_method (msg, "POST");
          return TRUE;
        }

      form = attest_sandbox_decode_form (msg);
      id = form != NULL ? g_hash_table_lookup (form, "attestationid") : NULL;
      if (id != NULL)
        {
          g_debug ("An attestation is accepted on the page");
          attest_sandbox_attestations_accept (attestations, id);
        }
      show (attestations, msg, id);
      return TRUE;
    }

  return FALSE;
}
