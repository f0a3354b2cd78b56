/* test-token-claims.c: base64url, access token claims and the static token
 * provider (unit suite)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "attest-base64url.h"
#include "attest-test-init.h"
#include "attest-token-claims.h"
#include "attest-static-token-provider.h"
#include "attest-token-provider.h"

static char *
make_token (const char *payload_json)
{
  g_autofree char *header = attest_base64url_encode ((const guint8 *) "{\"alg\":\"none\"}", 14);
  g_autofree char *payload = attest_base64url_encode ((const guint8 *) payload_json,
                                                      strlen (payload_json));

  return g_strdup_printf ("%s.%s.c2ln", header, payload);
}

static void
test_base64url_round_trip (void)
{
  const guint8 bytes[] = { 0xfb, 0xff, 0xbf, 0x00, 0x3e, 0x3f };

  for (gsize n = 0; n <= sizeof bytes; n++)
    {
      g_autofree char *text = attest_base64url_encode (bytes, n);
      g_autofree guint8 *back = NULL;
      gsize length = 99;

      g_assert_null (strchr (text, '='));
      g_assert_null (strchr (text, '+'));
      g_assert_null (strchr (text, '/'));
      back = attest_base64url_decode (text, &length);
      g_assert_nonnull (back);
      g_assert_cmpmem (back, length, bytes, n);
    }
}

static void
test_base64url_known_values (void)
{
  /* RFC 7636 appendix B: the verifier's octets and its S256 challenge. */
  const guint8 hash[] = {
    19, 211, 30, 150, 26, 26, 216, 236, 47, 22, 177, 12, 76, 152, 46, 8,
    118, 168, 120, 173, 109, 241, 68, 86, 110, 225, 137, 74, 203, 112, 249, 195,
  };
  g_autofree char *challenge = attest_base64url_encode (hash, sizeof hash);

  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

static void
test_base64url_rejects_garbage (void)
{
  gsize length;

  g_assert_null (attest_base64url_decode ("abc*", &length));
  g_assert_null (attest_base64url_decode ("abc=", &length));
  g_assert_null (attest_base64url_decode ("abcde", &length));
  g_assert_null (attest_base64url_decode ("ab cd", &length));
}

static void
test_claims_parse (void)
{
  g_autofree char *token = make_token ("{\"tid\":\"8a2b0c1d-0000-4000-8000-00000000abcd\","
                                       "\"oid\":\"o1\",\"upn\":\"admin@contoso.com\","
                                       "\"unique_name\":\"other@contoso.com\","
                                       "\"appid\":\"app\",\"exp\":1900000000,"
                                       "\"amr\":[\"pwd\",\"mfa\"]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(AttestTokenClaims) claims = attest_token_claims_parse (token, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (claims->tenant_id, ==, "8a2b0c1d-0000-4000-8000-00000000abcd");
  g_assert_cmpstr (claims->object_id, ==, "o1");
  g_assert_cmpstr (claims->user, ==, "admin@contoso.com");
  g_assert_cmpstr (claims->app_id, ==, "app");
  g_assert_cmpint (claims->expires_at, ==, 1900000000);
  g_assert_true (claims->mfa);
}

static void
test_claims_without_mfa (void)
{
  const char *payloads[] = {
    "{\"amr\":[\"pwd\"]}",
    "{\"amr\":\"mfa\"}",
    "{\"amr\":[1,null,{\"mfa\":true}]}",
    "{}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (payloads); i++)
    {
      g_autofree char *token = make_token (payloads[i]);
      g_autoptr(AttestTokenClaims) claims = attest_token_claims_parse (token, NULL);

      g_assert_nonnull (claims);
      g_assert_false (claims->mfa);
      g_assert_null (claims->tenant_id);
      g_assert_cmpint (claims->expires_at, ==, 0);
    }
}

static void
test_claims_fallback_names (void)
{
  g_autofree char *token = make_token ("{\"unique_name\":\"u@x.com\",\"azp\":\"a\","
                                       "\"amr\":[\"ngcmfa\"]}");
  g_autoptr(AttestTokenClaims) claims = attest_token_claims_parse (token, NULL);

  g_assert_cmpstr (claims->user, ==, "u@x.com");
  g_assert_cmpstr (claims->app_id, ==, "a");
  g_assert_true (claims->mfa);
}

static void
test_claims_malformed (void)
{
  const char *tokens[] = { "", "abc", "a.b", "a.b.c.d", "e30.!!!.x", "e30.bm90IGpzb24.x",
                           "e30.WzFd.x" };

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttestTokenClaims) claims = attest_token_claims_parse (tokens[i], &error);

      g_assert_null (claims);
      g_assert_error (error, ATTEST_TOKEN_CLAIMS_ERROR, ATTEST_TOKEN_CLAIMS_ERROR_MALFORMED);
    }
}

typedef struct
{
  char   *token;
  GError *error;
  gboolean done;
} TokenResult;

static void
on_token (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  TokenResult *out = user_data;

  out->token = attest_token_provider_get_token_finish (ATTEST_TOKEN_PROVIDER (source), result,
                                                       &out->error);
  out->done = TRUE;
}

static void
get_token (AttestTokenProvider *provider,
           AttestTokenFlags     flags,
           TokenResult         *out)
{
  attest_token_provider_get_token_async (provider, flags, NULL, on_token, out);
  while (!out->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_static_provider (void)
{
  g_autofree char *valid = make_token ("{\"exp\":4102444800}");
  g_autofree char *expired = make_token ("{\"exp\":1000}");
  g_autoptr(AttestTokenProvider) provider = attest_static_token_provider_new (valid);
  g_autoptr(AttestTokenProvider) old = attest_static_token_provider_new (expired);
  TokenResult a = { 0 }, b = { 0 }, c = { 0 };
  g_autofree char *fresh = NULL;

  get_token (provider, ATTEST_TOKEN_FLAGS_NONE, &a);
  g_assert_no_error (a.error);
  g_assert_cmpstr (a.token, ==, valid);

  /* A refused token cannot be renewed. */
  get_token (provider, ATTEST_TOKEN_FLAGS_FORCE_REFRESH, &b);
  g_assert_error (b.error, ATTEST_TOKEN_PROVIDER_ERROR, ATTEST_TOKEN_PROVIDER_ERROR_EXPIRED);
  g_assert_null (b.token);

  get_token (old, ATTEST_TOKEN_FLAGS_NONE, &c);
  g_assert_error (c.error, ATTEST_TOKEN_PROVIDER_ERROR, ATTEST_TOKEN_PROVIDER_ERROR_EXPIRED);

  /* In hand only while it is good. */
  fresh = attest_token_provider_dup_fresh_token (provider);
  g_assert_cmpstr (fresh, ==, valid);
  g_assert_null (attest_token_provider_dup_fresh_token (old));

  g_free (a.token);
  g_clear_error (&b.error);
  g_clear_error (&c.error);
}

int
main (int   argc,
      char *argv[])
{
  attest_test_init (&argc, &argv, ATTEST_TEST_DEFAULT);

  g_test_add_func ("/base64url/round-trip", test_base64url_round_trip);
  g_test_add_func ("/base64url/known-values", test_base64url_known_values);
  g_test_add_func ("/base64url/rejects-garbage", test_base64url_rejects_garbage);
  g_test_add_func ("/token-claims/parse", test_claims_parse);
  g_test_add_func ("/token-claims/without-mfa", test_claims_without_mfa);
  g_test_add_func ("/token-claims/fallback-names", test_claims_fallback_names);
  g_test_add_func ("/token-claims/malformed", test_claims_malformed);
  g_test_add_func ("/token-provider/static", test_static_provider);

  return g_test_run ();
}
