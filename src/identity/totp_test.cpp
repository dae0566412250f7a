// One-time passwords against the published test vectors: RFC 4226 appendix D (HOTP) and RFC 6238
// appendix B (TOTP with SHA-1, eight digits), then the six-digit codes, the window of one step
// either side, replays refused, base32 (RFC 4648 section 10) and the otpauth:// address.
#include "identity/totp.hpp"

#include <gtest/gtest.h>

namespace mh::identity {
namespace {

const std::string kRfcKey = "12345678901234567890";  // the ASCII key of both RFCs' SHA-1 vectors

TimePoint at(long long unix_seconds) { return TimePoint(Seconds(unix_seconds)); }

TEST(Hotp, Rfc4226AppendixD) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t i = 0; i < 10; ++i) EXPECT_EQ(hotp(kRfcKey, i), expected[i]) << "counter " << i;
}

TEST(Totp, Rfc6238AppendixBSha1) {
  const struct {
    long long time;
    std::int64_t step;
    const char* code;
  } vectors[] = {{59, 0x1, "94287082"},
                 {1111111109, 0x23523EC, "07081804"},
                 {1111111111, 0x23523ED, "14050471"},
                 {1234567890, 0x273EF07, "89005924"},
                 {2000000000, 0x3F940AA, "69279037"},
                 {20000000000, 0x27BC86AA, "65353130"}};
  for (const auto& v : vectors) {
    EXPECT_EQ(totp_step(at(v.time)), v.step) << v.time;
    EXPECT_EQ(totp(kRfcKey, at(v.time), 8), v.code) << v.time;
  }
}

TEST(Totp, SixDigitsAreTheLastSixOfTheEight) {
  // Truncation keeps the low digits, so the six-digit code is the eight-digit one's tail.
  EXPECT_EQ(totp(kRfcKey, at(59)), "287082");
  EXPECT_EQ(totp(kRfcKey, at(1111111109)), "081804");
  EXPECT_EQ(totp(kRfcKey, at(20000000000)), "353130");
}

TEST(Totp, AcceptsOneStepEitherSideAndNoMore) {
  const TimePoint now = at(1111111111);
  const std::int64_t step = totp_step(now);
  for (int d = -1; d <= 1; ++d) {
    const std::string code = totp(kRfcKey, now + Seconds(30 * d));
    auto m = match_totp(kRfcKey, code, now, -1);
    ASSERT_TRUE(m) << d;
    EXPECT_EQ(*m, step + d);
  }
  EXPECT_FALSE(match_totp(kRfcKey, totp(kRfcKey, now - Seconds(60)), now, -1));
  EXPECT_FALSE(match_totp(kRfcKey, totp(kRfcKey, now + Seconds(60)), now, -1));
}

TEST(Totp, ACodeOfAUsedStepOrAnEarlierOneIsRefused) {
  const TimePoint now = at(1234567890);
  const std::int64_t step = totp_step(now);
  const std::string code = totp(kRfcKey, now);
  EXPECT_EQ(match_totp(kRfcKey, code, now, step - 1), step);
  EXPECT_FALSE(match_totp(kRfcKey, code, now, step));
  // After the next step's code was used, this step's code is refused too.
  EXPECT_FALSE(match_totp(kRfcKey, code, now, step + 1));
  // The next step's code (a phone a little ahead) still works once.
  EXPECT_EQ(match_totp(kRfcKey, totp(kRfcKey, now + Seconds(30)), now, step), step + 1);
}

TEST(Totp, MalformedCodesNeverMatch) {
  const TimePoint now = at(59);
  for (const char* bad : {"", "28708", "2870820", "abcdef", "28708 ", "94287082"})
    EXPECT_FALSE(match_totp(kRfcKey, bad, now, -1)) << bad;
}

TEST(Totp, StepsBeforeTheEpochRoundDown) {
  EXPECT_EQ(totp_step(at(0)), 0);
  EXPECT_EQ(totp_step(at(29)), 0);
  EXPECT_EQ(totp_step(at(30)), 1);
  EXPECT_EQ(totp_step(at(-1)), -1);
}

TEST(Base32, Rfc4648Section10) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},          {"f", "MY"},          {"fo", "MZXQ"},
                                                         {"foo", "MZXW6"},  {"foob", "MZXW6YQ"},  {"fooba", "MZXW6YTB"},
                                                         {"foobar", "MZXW6YTBOI"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base32_encode(plain), encoded);
    auto back = base32_decode(encoded);
    ASSERT_TRUE(back) << encoded;
    EXPECT_EQ(*back, plain);
  }
}

TEST(Base32, DecodingToleratesCaseSpacesAndPadding) {
  auto d = base32_decode("mzxw 6ytb-oi======");
  ASSERT_TRUE(d);
  EXPECT_EQ(*d, "foobar");
  EXPECT_EQ(base32_encode(kRfcKey), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
}

TEST(Base32, RefusesOtherCharactersAndImpossibleLengths) {
  for (const char* bad : {"MZXW1", "MZXW8", "M", "MZX", "MZXW6Y", "MZ=XW"}) {
    auto d = base32_decode(bad, "secret");
    ASSERT_FALSE(d) << bad;
    EXPECT_EQ(d.error().field, "secret");
  }
}

TEST(Totp, NewSecretsAreRandomAndOfTheRecommendedLength) {
  const std::string a = new_totp_secret(), b = new_totp_secret();
  EXPECT_EQ(a.size(), kTotpSecretBytes);
  EXPECT_NE(a, b);
  EXPECT_EQ(base32_encode(a).size(), 32u);
}

TEST(Totp, OtpauthUriNamesIssuerAndAccount) {
  EXPECT_EQ(otpauth_uri("Mentorhub Northwind Labs", "ann@example.com", "GEZDGNBV"),
            "otpauth://totp/Mentorhub%20Northwind%20Labs:ann%40example.com?secret=GEZDGNBV"
            "&issuer=Mentorhub%20Northwind%20Labs&algorithm=SHA1&digits=6&period=30");
}

TEST(Totp, TypedCodesAreNormalised) {
  EXPECT_EQ(normalize_totp_code("123 456"), "123456");
  EXPECT_EQ(normalize_totp_code(" 012345 "), "012345");
  for (const char* bad : {"", "12345", "1234567", "12a456", "123-456"}) EXPECT_FALSE(normalize_totp_code(bad)) << bad;
}

TEST(RecoveryCodes, AreSixteenBase32LettersInFours) {
  const std::string a = new_recovery_code(), b = new_recovery_code();
  EXPECT_NE(a, b);
  ASSERT_EQ(a.size(), 19u);
  EXPECT_EQ(a[4], '-');
  EXPECT_EQ(a[9], '-');
  EXPECT_EQ(a[14], '-');
  EXPECT_EQ(normalize_recovery_code(a), a);
}

TEST(RecoveryCodes, TypedCodesAreNormalisedAndBadOnesRefused) {
  EXPECT_EQ(normalize_recovery_code("ABCD EFGH-ijkl mnop"), "abcd-efgh-ijkl-mnop");
  EXPECT_EQ(normalize_recovery_code("abcdefghijklmnop"), "abcd-efgh-ijkl-mnop");
  for (const char* bad : {"", "abcd-efgh-ijkl-mno", "abcd-efgh-ijkl-mnopq", "abcd-efgh-ijkl-mno1", "abcd_efgh_ijkl_mnop"})
    EXPECT_FALSE(normalize_recovery_code(bad)) << bad;
}

}  // namespace
}  // namespace mh::identity
