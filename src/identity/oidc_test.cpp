// The ID token checks as a relying party must make them, on tokens this test signs itself with
// keys made by OpenSSL: what is accepted, and each refusal with the reason it gives.
#include "identity/oidc.hpp"

#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/bn.h>
#include <openssl/rsa.h>

#include <nlohmann/json.hpp>

namespace mh::identity {
namespace {

using nlohmann::json;

struct TestKey {
  EVP_PKEY* pkey = nullptr;
  std::string kid, alg;
  ~TestKey() { EVP_PKEY_free(pkey); }
};

std::string bn_bytes(EVP_PKEY* p, const char* name, std::size_t pad = 0) {
  BIGNUM* bn = nullptr;
  EVP_PKEY_get_bn_param(p, name, &bn);
  std::string out(std::max<std::size_t>(pad, static_cast<std::size_t>(BN_num_bytes(bn))), '\0');
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(out.size()));
  BN_free(bn);
  return out;
}

std::unique_ptr<TestKey> make_key(const std::string& alg, const std::string& kid) {
  auto k = std::make_unique<TestKey>();
  k->kid = kid;
  k->alg = alg;
  k->pkey = alg == "ES256" ? EVP_EC_gen("P-256") : EVP_RSA_gen(2048);
  return k;
}

json jwk_of(const TestKey& k) {
  if (k.alg == "ES256") {
    return {{"kty", "EC"}, {"crv", "P-256"}, {"kid", k.kid}, {"alg", k.alg}, {"use", "sig"},
            {"x", base64url_encode(bn_bytes(k.pkey, OSSL_PKEY_PARAM_EC_PUB_X, 32))},
            {"y", base64url_encode(bn_bytes(k.pkey, OSSL_PKEY_PARAM_EC_PUB_Y, 32))}};
  }
  return {{"kty", "RSA"}, {"kid", k.kid}, {"alg", k.alg}, {"use", "sig"},
          {"n", base64url_encode(bn_bytes(k.pkey, OSSL_PKEY_PARAM_RSA_N))},
          {"e", base64url_encode(bn_bytes(k.pkey, OSSL_PKEY_PARAM_RSA_E))}};
}

std::string sign(const TestKey& k, const json& claims, const std::string& alg = "") {
  const json header = {{"alg", alg.empty() ? k.alg : alg}, {"kid", k.kid}, {"typ", "JWT"}};
  const std::string input = base64url_encode(header.dump()) + "." + base64url_encode(claims.dump());
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  EVP_DigestSignInit(md, nullptr, EVP_sha256(), nullptr, k.pkey);
  std::size_t len = 0;
  EVP_DigestSign(md, nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  std::string sig(len, '\0');
  EVP_DigestSign(md, reinterpret_cast<unsigned char*>(sig.data()), &len,
                 reinterpret_cast<const unsigned char*>(input.data()), input.size());
  sig.resize(len);
  EVP_MD_CTX_free(md);
  if (k.alg == "ES256") {  // DER to r||s
    const unsigned char* p = reinterpret_cast<const unsigned char*>(sig.data());
    ECDSA_SIG* es = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
    std::string raw(64, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(es), reinterpret_cast<unsigned char*>(raw.data()), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(es), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
    ECDSA_SIG_free(es);
    sig = raw;
  }
  return input + "." + base64url_encode(sig);
}

constexpr long long kNow = 1'800'000'000;

class IdTokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::unique_ptr<TestKey> rsa = make_key("RS256", "rsa-1");
    static std::unique_ptr<TestKey> ec = make_key("ES256", "ec-1");
    static std::unique_ptr<TestKey> other = make_key("RS256", "rsa-1");  // same kid, another key
    rsa_ = rsa.get();
    ec_ = ec.get();
    other_ = other.get();
    keys_ = *KeySet::parse(json{{"keys", {jwk_of(*rsa_), jwk_of(*ec_)}}}.dump());
  }

  json claims() const {
    return {{"iss", "https://idp.example"}, {"aud", "mentorhub"}, {"sub", "user-1"}, {"nonce", "n-123"},
            {"iat", kNow - 10}, {"exp", kNow + 300}, {"email", "Ann@Example.com"}, {"email_verified", true},
            {"name", "Ann Lee"}, {"department", "Finance"}};
  }

  IdTokenExpectations expect() const {
    return {"https://idp.example", "mentorhub", "n-123", TimePoint(Seconds(kNow)), Seconds(60)};
  }

  Result<IdClaims> check(const std::string& token) const {
    auto jwt = parse_jwt(token);
    if (!jwt) return jwt.error();
    return check_id_token(*jwt, *keys_, expect());
  }

  std::string refusal(const std::string& token) const {
    auto r = check(token);
    EXPECT_FALSE(r);
    if (r) return {};
    EXPECT_EQ(r.error().code, ErrorCode::unauthenticated);
    return r.error().message;
  }

  TestKey* rsa_ = nullptr;
  TestKey* ec_ = nullptr;
  TestKey* other_ = nullptr;
  std::shared_ptr<const KeySet> keys_;
};

TEST_F(IdTokenTest, AcceptsAnRs256TokenAndReadsItsClaims) {
  auto r = check(sign(*rsa_, claims()));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->subject, "user-1");
  EXPECT_EQ(r->email, "Ann@Example.com");
  EXPECT_TRUE(r->email_verified);
  EXPECT_EQ(r->claim("department"), "Finance");
  EXPECT_EQ(r->claim("title"), "");
}

TEST_F(IdTokenTest, AcceptsAnEs256Token) {
  auto r = check(sign(*ec_, claims()));
  ASSERT_TRUE(r) << r.error().message;
}

TEST_F(IdTokenTest, RefusesATokenWhoseSignatureWasMadeByAnotherKey) {
  EXPECT_NE(refusal(sign(*other_, claims())).find("signature does not verify"), std::string::npos);
}

TEST_F(IdTokenTest, RefusesATokenWhosePayloadWasChangedAfterSigning) {
  std::string token = sign(*rsa_, claims());
  const auto dot = token.find('.');
  json changed = claims();
  changed["sub"] = "admin";
  token = token.substr(0, dot + 1) + base64url_encode(changed.dump()) + token.substr(token.rfind('.'));
  EXPECT_NE(refusal(token).find("signature does not verify"), std::string::npos);
}

TEST_F(IdTokenTest, RefusesAnUnknownKeyIdSayingTheProviderDoesNotPublishIt) {
  auto stranger = make_key("RS256", "rsa-9");
  EXPECT_NE(refusal(sign(*stranger, claims())).find("does not publish"), std::string::npos);
}

TEST_F(IdTokenTest, RefusesAlgorithmNoneAndHmac) {
  json header = {{"alg", "none"}, {"kid", "rsa-1"}};
  EXPECT_NE(refusal(base64url_encode(header.dump()) + "." + base64url_encode(claims().dump()) + ".")
                .find("does not accept"),
            std::string::npos);
  header["alg"] = "HS256";
  EXPECT_NE(refusal(base64url_encode(header.dump()) + "." + base64url_encode(claims().dump()) + ".c2ln")
                .find("does not accept"),
            std::string::npos);
}

TEST_F(IdTokenTest, RefusesAnRsaKeyUsedUnderAnEcAlgorithm) {
  EXPECT_FALSE(check(sign(*rsa_, claims(), "ES256")));
}

TEST_F(IdTokenTest, RefusesAnotherAudience) {
  json c = claims();
  c["aud"] = "another-client";
  EXPECT_NE(refusal(sign(*rsa_, c)).find("another application"), std::string::npos);
}

TEST_F(IdTokenTest, AcceptsSeveralAudiencesOnlyWithAnAuthorizedPartyThatIsThisClient) {
  json c = claims();
  c["aud"] = {"mentorhub", "reports"};
  EXPECT_NE(refusal(sign(*rsa_, c)).find("azp"), std::string::npos);
  c["azp"] = "mentorhub";
  EXPECT_TRUE(check(sign(*rsa_, c)));
}

TEST_F(IdTokenTest, RefusesAnotherIssuer) {
  json c = claims();
  c["iss"] = "https://evil.example";
  EXPECT_NE(refusal(sign(*rsa_, c)).find("not by the configured issuer"), std::string::npos);
}

TEST_F(IdTokenTest, RefusesAnExpiredTokenBeyondTheClockSkew) {
  json c = claims();
  c["exp"] = kNow - 61;
  EXPECT_NE(refusal(sign(*rsa_, c)).find("expired"), std::string::npos);
  c["exp"] = kNow - 59;  // within the 60 s allowed
  EXPECT_TRUE(check(sign(*rsa_, c)));
}

TEST_F(IdTokenTest, NeverAllowsMoreThanTheMaximumSkew) {
  json c = claims();
  c["exp"] = kNow - 400;
  auto jwt = parse_jwt(sign(*rsa_, c));
  IdTokenExpectations e = expect();
  e.clock_skew = Seconds(3600);
  EXPECT_FALSE(check_id_token(*jwt, *keys_, e));
}

TEST_F(IdTokenTest, RefusesATokenIssuedInTheFutureOrNotYetValid) {
  json c = claims();
  c["iat"] = kNow + 120;
  EXPECT_NE(refusal(sign(*rsa_, c)).find("in the future"), std::string::npos);
  c = claims();
  c["nbf"] = kNow + 120;
  EXPECT_NE(refusal(sign(*rsa_, c)).find("not valid yet"), std::string::npos);
}

TEST_F(IdTokenTest, RefusesMissingExpiryIssueTimeOrSubject) {
  for (const char* gone : {"exp", "iat", "sub"}) {
    json c = claims();
    c.erase(gone);
    EXPECT_FALSE(check(sign(*rsa_, c))) << gone;
  }
}

TEST_F(IdTokenTest, RefusesAnotherNonce) {
  json c = claims();
  c["nonce"] = "replayed";
  EXPECT_NE(refusal(sign(*rsa_, c)).find("nonce"), std::string::npos);
}

TEST_F(IdTokenTest, RefusesTextThatIsNotAJwt) {
  EXPECT_FALSE(check("not a token"));
  EXPECT_FALSE(check("a.b"));
  EXPECT_FALSE(check("a.b.c.d"));
  EXPECT_FALSE(check("%%%.e30.e30"));
}

TEST(Jose, Base64urlRoundTripsEveryLength) {
  std::string bytes;
  for (int i = 0; i < 40; ++i) {
    auto back = base64url_decode(base64url_encode(bytes));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, bytes);
    bytes.push_back(static_cast<char>(i * 37));
  }
  EXPECT_EQ(base64_encode("client:secret"), "Y2xpZW50OnNlY3JldA==");
}

TEST(Jose, KeySetSkipsEncryptionKeysAndMalformedOnes) {
  auto set = KeySet::parse(R"({"keys":[{"kty":"RSA","use":"enc","kid":"a","n":"AQAB","e":"AQAB"},
                                        {"kty":"RSA","kid":"b","n":"short","e":"AQAB"},{"kty":"oct","kid":"c","k":"AA"}]})");
  ASSERT_TRUE(set);
  EXPECT_EQ((*set)->size(), 0u);
  EXPECT_FALSE(KeySet::parse("[]"));
}

TEST(Pkce, MatchesTheExampleOfRfc7636) {
  EXPECT_EQ(pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(Discovery, RefusesADocumentNamingAnotherIssuer) {
  const std::string doc = R"({"issuer":"https://idp.example","authorization_endpoint":"https://idp.example/auth",
      "token_endpoint":"https://idp.example/token","jwks_uri":"https://idp.example/jwks"})";
  EXPECT_TRUE(parse_discovery(doc, "https://idp.example"));
  auto wrong = parse_discovery(doc, "https://idp.example/tenant");
  ASSERT_FALSE(wrong);
  EXPECT_NE(wrong.error().message.find("not the configured"), std::string::npos);
}

TEST(Discovery, RefusesAProviderWithoutS256) {
  EXPECT_FALSE(parse_discovery(R"({"issuer":"https://i","authorization_endpoint":"https://i/a","token_endpoint":"https://i/t",
      "jwks_uri":"https://i/k","code_challenge_methods_supported":["plain"]})", "https://i"));
}

TEST(TokenResponse, PutsTheProvidersRefusalInWords) {
  auto r = id_token_from_token_response(400, R"({"error":"invalid_grant","error_description":"grant request is invalid"})");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "the identity provider did not accept the sign-in code (invalid_grant: grant request is invalid)");
  EXPECT_EQ(*id_token_from_token_response(200, R"({"id_token":"a.b.c","access_token":"x"})"), "a.b.c");
}

TEST(Urls, FormEncodingEscapesEverythingButUnreservedCharacters) {
  EXPECT_EQ(form_encode({{"redirect_uri", "http://h/cb?x=1"}, {"scope", "openid email"}}),
            "redirect_uri=http%3A%2F%2Fh%2Fcb%3Fx%3D1&scope=openid%20email");
  EXPECT_EQ(with_query("https://i/auth?tenant=a", {{"state", "s"}}), "https://i/auth?tenant=a&state=s");
}

}  // namespace
}  // namespace mh::identity
