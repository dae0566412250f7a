#include "common/utf8.hpp"

#include <cstddef>
#include <string>

namespace mh {

namespace {

// The length of the well-formed character at p (1 for ASCII), or 0 when none starts there.
// The lead byte gives the length and the allowed range of the second byte, which rules out
// overlong forms, UTF-16 surrogates (ED A0..BF) and code points past U+10FFFF (RFC 3629).
std::size_t character_at(const unsigned char* p, const unsigned char* end) {
  const unsigned char c = *p;
  if (c < 0x80) return 1;
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) len = 2;
  else if (c == 0xe0) len = 3, lo = 0xa0;
  else if (c >= 0xe1 && c <= 0xec) len = 3;
  else if (c == 0xed) len = 3, hi = 0x9f;
  else if (c >= 0xee && c <= 0xef) len = 3;
  else if (c == 0xf0) len = 4, lo = 0x90;
  else if (c >= 0xf1 && c <= 0xf3) len = 4;
  else if (c == 0xf4) len = 4, hi = 0x8f;
  else return 0;
  if (static_cast<std::size_t>(end - p) < len) return 0;
  if (p[1] < lo || p[1] > hi) return 0;
  for (std::size_t i = 2; i < len; ++i)
    if (p[i] < 0x80 || p[i] > 0xbf) return 0;
  return len;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const std::size_t len = character_at(p, end);
    if (len == 0) return false;
    p += len;
  }
  return true;
}

std::string with_invalid_utf8_replaced(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* begin = reinterpret_cast<const unsigned char*>(text.data());
  const auto* p = begin;
  const auto* end = p + text.size();
  while (p < end) {
    const std::size_t len = character_at(p, end);
    if (len != 0) {
      out.append(text.substr(static_cast<std::size_t>(p - begin), len));
      p += len;
      continue;
    }
    out += "\xEF\xBF\xBD";  // U+FFFD for the bad byte, then try again at the next one
    ++p;
  }
  return out;
}

bool has_stray_control_characters(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool allowed = c == '\n' || c == '\t' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n');
    if ((c < 0x20 || c == 0x7f) && !allowed) return true;
  }
  return false;
}

}  // namespace mh
