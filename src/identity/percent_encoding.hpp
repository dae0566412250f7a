// Percent-encoding (RFC 3986): every byte but the unreserved characters as %XX, upper-case hex.
// For the parameters of the identity provider's URLs and of a second factor's otpauth: URI.
#pragma once

#include <string>
#include <string_view>

namespace mh::identity {

inline std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (const unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace mh::identity
