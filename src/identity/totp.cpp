#include "identity/totp.hpp"

#include <array>
#include <stdexcept>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "identity/percent_encoding.hpp"

namespace mh::identity {

namespace {

constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int base32_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

}  // namespace

std::string base32_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kBase32[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kBase32[(buffer << (5 - bits)) & 31]);
  return out;
}

Result<std::string> base32_decode(std::string_view text, const char* field) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  std::size_t symbols = 0;
  bool padding = false;
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    if (c == '=') {
      padding = true;
      continue;
    }
    const int v = base32_value(c);
    if (v < 0 || padding) return invalid(field, "is not base32 (letters A-Z and digits 2-7)");
    buffer = (buffer << 5) | static_cast<unsigned>(v);
    bits += 5;
    ++symbols;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  // 1, 3 and 6 symbols past a whole 8-symbol group are lengths no encoding produces.
  const std::size_t tail = symbols % 8;
  if (tail == 1 || tail == 3 || tail == 6) return invalid(field, "is not base32: its length is wrong");
  return out;
}

std::string new_totp_secret() {
  std::string key(kTotpSecretBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(key.data()), static_cast<int>(key.size())) != 1)
    throw std::runtime_error("no random bytes for a second factor's secret");
  return key;
}

std::string hotp(std::string_view key, std::uint64_t counter, int digits) {
  std::array<unsigned char, 8> message{};
  for (int i = 7; i >= 0; --i) {
    message[static_cast<std::size_t>(i)] = static_cast<unsigned char>(counter & 0xff);
    counter >>= 8;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_size = 0;
  if (!HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message.data(), message.size(), mac.data(),
            &mac_size) ||
      mac_size != 20)
    throw std::runtime_error("HMAC-SHA1 failed");
  // Dynamic truncation (RFC 4226 section 5.3).
  const unsigned offset = mac[19] & 0x0f;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  if (static_cast<int>(code.size()) < digits) code.insert(0, static_cast<std::size_t>(digits) - code.size(), '0');
  return code;
}

std::int64_t totp_step(TimePoint t) {
  const std::int64_t s = t.time_since_epoch().count();
  return s >= 0 ? s / kTotpStepSeconds : -((-s + kTotpStepSeconds - 1) / kTotpStepSeconds);
}

std::string totp(std::string_view key, TimePoint t, int digits) {
  return hotp(key, static_cast<std::uint64_t>(totp_step(t)), digits);
}

std::optional<std::int64_t> match_totp(std::string_view key, std::string_view code, TimePoint now,
                                       std::int64_t last_used_step) {
  if (code.size() != static_cast<std::size_t>(kTotpDigits)) return std::nullopt;
  const std::int64_t current = totp_step(now);
  std::optional<std::int64_t> found;
  // Every candidate is computed and compared, so the time taken says nothing about which matched.
  for (std::int64_t step = current - kTotpSkewSteps; step <= current + kTotpSkewSteps; ++step) {
    if (step < 0) continue;
    const std::string expected = hotp(key, static_cast<std::uint64_t>(step));
    if (CRYPTO_memcmp(expected.data(), code.data(), expected.size()) == 0 && step > last_used_step && !found)
      found = step;
  }
  return found;
}

namespace {

std::string grouped(const std::string& symbols) {
  std::string out;
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back('-');
    out.push_back(symbols[i]);
  }
  return out;
}

}  // namespace

std::optional<std::string> normalize_totp_code(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ') continue;
    if (c < '0' || c > '9' || out.size() == static_cast<std::size_t>(kTotpDigits)) return std::nullopt;
    out.push_back(c);
  }
  if (out.size() != static_cast<std::size_t>(kTotpDigits)) return std::nullopt;
  return out;
}

std::string new_recovery_code() {
  std::string bytes(10, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()), static_cast<int>(bytes.size())) != 1)
    throw std::runtime_error("no random bytes for a recovery code");
  std::string symbols = base32_encode(bytes);
  for (char& c : symbols) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return grouped(symbols);
}

std::optional<std::string> normalize_recovery_code(std::string_view typed) {
  std::string symbols;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    if (base32_value(c) < 0 || symbols.size() == 16) return std::nullopt;
    symbols.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  if (symbols.size() != 16) return std::nullopt;
  return grouped(symbols);
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view base32_secret) {
  const std::string i = percent_encode(issuer);
  return "otpauth://totp/" + i + ":" + percent_encode(account) + "?secret=" + std::string(base32_secret) +
         "&issuer=" + i + "&algorithm=SHA1&digits=" + std::to_string(kTotpDigits) +
         "&period=" + std::to_string(kTotpStepSeconds);
}

}  // namespace mh::identity
