// Small rules about text that several domain validations share.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace mh {

// Empty or only white space: what a required text field may not be.
inline bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

// ASCII letters in lower case, every other byte as it was (UTF-8 text stays valid): for e-mail
// addresses, names of columns and keys, compared without case.
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace mh
