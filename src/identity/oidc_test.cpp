// The ID token checks as a relying party must make them, on tokens this test signs itself with
// keys made by OpenSSL: what is accepted, and each refusal with the reason it gives.
#include "identity/oidc.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "identity/testing.hpp"

namespace mh::identity {
namespace {

using nlohmann::json;

using testing::jwk_of;
using testing::make_key;
using testing::sign;
using testing::TestKey;

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

  // The claims with `name` set to `value`.
  json claims_with(const std::string& name, json value) const {
    json c = claims();
    c[name] = std::move(value);
    return c;
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
  EXPECT_NE(refusal(sign(*rsa_, claims_with("aud", "another-client"))).find("another application"), std::string::npos);
}

TEST_F(IdTokenTest, AcceptsSeveralAudiencesOnlyWithAnAuthorizedPartyThatIsThisClient) {
  json c = claims();
  c["aud"] = {"mentorhub", "reports"};
  EXPECT_NE(refusal(sign(*rsa_, c)).find("azp"), std::string::npos);
  c["azp"] = "mentorhub";
  EXPECT_TRUE(check(sign(*rsa_, c)));
}

TEST_F(IdTokenTest, RefusesAnotherIssuer) {
  EXPECT_NE(refusal(sign(*rsa_, claims_with("iss", "https://evil.example"))).find("not by the configured issuer"),
            std::string::npos);
}

TEST_F(IdTokenTest, RefusesAnExpiredTokenBeyondTheClockSkew) {
  EXPECT_NE(refusal(sign(*rsa_, claims_with("exp", kNow - 61))).find("expired"), std::string::npos);
  EXPECT_TRUE(check(sign(*rsa_, claims_with("exp", kNow - 59))));  // within the 60 s allowed
}

TEST_F(IdTokenTest, NeverAllowsMoreThanTheMaximumSkew) {
  auto jwt = parse_jwt(sign(*rsa_, claims_with("exp", kNow - 400)));
  IdTokenExpectations e = expect();
  e.clock_skew = Seconds(3600);
  EXPECT_FALSE(check_id_token(*jwt, *keys_, e));
}

TEST_F(IdTokenTest, RefusesATokenIssuedInTheFutureOrNotYetValid) {
  EXPECT_NE(refusal(sign(*rsa_, claims_with("iat", kNow + 120))).find("in the future"), std::string::npos);
  EXPECT_NE(refusal(sign(*rsa_, claims_with("nbf", kNow + 120))).find("not valid yet"), std::string::npos);
}

TEST_F(IdTokenTest, RefusesMissingExpiryIssueTimeOrSubject) {
  for (const char* gone : {"exp", "iat", "sub"}) {
    json c = claims();
    c.erase(gone);
    EXPECT_FALSE(check(sign(*rsa_, c))) << gone;
  }
}

TEST_F(IdTokenTest, RefusesAnotherNonce) {
  EXPECT_NE(refusal(sign(*rsa_, claims_with("nonce", "replayed"))).find("nonce"), std::string::npos);
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
