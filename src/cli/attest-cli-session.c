/* attest-cli-session.c: where a command's Partner Center client gets its
 * address and its token
 *
 * --sandbox runs the sandbox inside the process and signs in as its
 * partner; ATTEST_ACCESS_TOKEN hands in a token minted elsewhere (never
 * stored, never logged); otherwise the sign-in remembered in the keyring
 * is used, renewed silently, or, on a terminal, the person signs in in the
 * browser; without a terminal the command says to sign in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "attest-cli-session"

#include "config.h"

#include <glib/gi18n.h>

#include "attest-cli-private.h"
#include "attest-sandbox-tokens.h"
#include "attest-static-token-provider.h"
#include "attest-token-claims.h"

/* Starts the in-process sandbox when --sandbox asks for it, and points the
 * configuration at it. */
gboolean
attest_cli_start_sandbox (AttestCliGlobals  *globals,
                          GError           **error)
{
  g_autoptr(AttestSandbox) sandbox = NULL;

  if (!globals->config->sandbox || globals->sandbox != NULL)
    return TRUE;

  sandbox = attest_sandbox_new (ATTEST_SANDBOX_DEFAULT_SEED);
  attest_sandbox_set_auto_approve (sandbox, TRUE);
  if (!attest_sandbox_start (sandbox, 0, error))
    return FALSE;

  g_info ("Sandbox at %s", attest_sandbox_get_uri (sandbox));
  g_free (globals->config->api_base);
  globals->config->api_base = g_strdup (attest_sandbox_get_uri (sandbox));
  g_free (globals->config->authority);
  globals->config->authority = g_strdup (attest_sandbox_get_uri (sandbox));
  globals->sandbox = g_steal_pointer (&sandbox);

  return TRUE;
}

static AttestTokenProvider *
dup_environment_token_provider (AttestCliGlobals  *globals,
                                const char        *token,
                                GError           **error)
{
  g_autoptr(AttestTokenClaims) claims = attest_token_claims_parse (token, NULL);

  if (claims == NULL)
    {
      g_set_error_literal (error, ATTEST_TOKEN_PROVIDER_ERROR,
                           ATTEST_TOKEN_PROVIDER_ERROR_NOT_SIGNED_IN,
                           _("ATTEST_ACCESS_TOKEN does not hold an access token (a JSON Web "
                             "Token). Set it to the token itself, without “Bearer”."));
      return NULL;
    }

  if (!claims->mfa && !globals->config->no_mfa)
    {
      g_set_error_literal (error, ATTEST_TOKEN_PROVIDER_ERROR,
                           ATTEST_TOKEN_PROVIDER_ERROR_MFA_REQUIRED,
                           _("The token in ATTEST_ACCESS_TOKEN was issued without multi-factor "
                             "authentication, which Partner Center requires. Get a token after "
                             "signing in with multi-factor authentication, or pass --no-mfa."));
      return NULL;
    }

  return attest_static_token_provider_new (token);
}

/* The token provider for this command: the sandbox's partner under
 * --sandbox, ATTEST_ACCESS_TOKEN when set, else the remembered sign-in,
 * renewed silently; when there is none, a browser sign-in if a person sits
 * at a terminal, else an error (exit code 3). */
AttestTokenProvider *
attest_cli_dup_token_provider (AttestCliGlobals  *globals,
                               GError           **error)
{
  const char *token = g_getenv ("ATTEST_ACCESS_TOKEN");
  g_autoptr(AttestSession) session = NULL;

  if (globals->sandbox != NULL)
    return attest_sandbox_tokens_new (globals->sandbox);

  if (token != NULL && token[0] != '\0')
    return dup_environment_token_provider (globals, token, error);

  session = attest_cli_new_session (globals);
  if (!attest_cli_sign_in_session (session, error))
    return NULL;

  return ATTEST_TOKEN_PROVIDER (g_steal_pointer (&session));
}

AttestPartnerClient *
attest_cli_new_partner_client (AttestCliGlobals  *globals,
                               GError           **error)
{
  g_autoptr(AttestTokenProvider) tokens = NULL;

  if (!attest_cli_start_sandbox (globals, error))
    return NULL;

  tokens = attest_cli_dup_token_provider (globals, error);
  if (tokens == NULL)
    return NULL;

  return attest_partner_client_new (globals->config->api_base, tokens, error);
}

/* Exit codes of SPEC §9 for a failed Partner Center call. */
int
attest_cli_exit_code_for_partner_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return ATTEST_EXIT_INTERRUPTED;

  if (error->domain == ATTEST_TOKEN_PROVIDER_ERROR
      || g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_UNAUTHORIZED)
      || g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_MFA_REQUIRED)
      || g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_FORBIDDEN))
    return ATTEST_EXIT_SIGN_IN;

  if (g_error_matches (error, ATTEST_PARTNER_ERROR, ATTEST_PARTNER_ERROR_INSECURE_URL))
    return ATTEST_EXIT_USAGE;

  if (error->domain == ATTEST_SANDBOX_ERROR)
    return ATTEST_EXIT_PROBLEMS;

  if (error->domain != ATTEST_PARTNER_ERROR)
    return attest_cli_exit_code_for_error (error);

  return ATTEST_EXIT_PROBLEMS;
}
