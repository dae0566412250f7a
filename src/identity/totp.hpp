// One-time passwords for a second factor: HOTP (RFC 4226) and TOTP (RFC 6238) with HMAC-SHA1,
// 6 digits and a 30-second step, as every authenticator app computes them; the secret travels to
// the app as base32 (RFC 4648) in an otpauth:// address (the "Key Uri Format" the apps read from a
// QR code). Pure computation on OpenSSL's libcrypto: the time comes in as an argument (the
// caller's Clock), nothing is logged. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/result.hpp"

namespace mh::identity {

inline constexpr int kTotpDigits = 6;
inline constexpr std::int64_t kTotpStepSeconds = 30;
// How many steps before and after the current one a code may come from: a phone's clock a little
// off, or a code typed as it turned over.
inline constexpr int kTotpSkewSteps = 1;
// 160 bits, as RFC 4226 recommends for HMAC-SHA1.
inline constexpr std::size_t kTotpSecretBytes = 20;

// RFC 4648 base32, upper case, without padding.
std::string base32_encode(std::string_view bytes);
// Accepts either case, ignores spaces, hyphens and trailing '=' padding; invalid (`field`)
// for any other character or a length no encoding produces.
Result<std::string> base32_decode(std::string_view text, const char* field = "secret");

// A new random secret of kTotpSecretBytes bytes.
std::string new_totp_secret();

// RFC 4226: the `digits`-digit code of `key` for `counter`, zero-padded.
std::string hotp(std::string_view key, std::uint64_t counter, int digits = kTotpDigits);
// RFC 6238: the time step of `t` (Unix seconds / 30, rounded down) and the code for it.
std::int64_t totp_step(TimePoint t);
std::string totp(std::string_view key, TimePoint t, int digits = kTotpDigits);

// The step whose code `code` is, among the current step at `now` and kTotpSkewSteps either side,
// provided it is later than `last_used_step` (a code used once cannot be used again, nor an
// older one); nullopt otherwise. Compares in constant time.
std::optional<std::int64_t> match_totp(std::string_view key, std::string_view code, TimePoint now,
                                       std::int64_t last_used_step);

// The code as typed (digits, maybe with spaces: "123 456") as kTotpDigits digits; nullopt when it
// cannot be one.
std::optional<std::string> normalize_totp_code(std::string_view typed);

// A recovery code: 80 random bits as 16 lower-case base32 characters in groups of four
// ("abcd-efgh-ijkl-mnop"), for when the authenticator app is lost; each works once.
std::string new_recovery_code();
// The code as typed (either case, with or without spaces and hyphens) in the form
// new_recovery_code() writes; nullopt when it cannot be one.
std::optional<std::string> normalize_recovery_code(std::string_view typed);

// otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER&algorithm=SHA1&digits=6&period=30, each
// part percent-encoded.
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view base32_secret);

}  // namespace mh::identity
