// Small rules about text that several domain validations share.
#pragma once

#include <algorithm>
#include <cctype>
#include <string_view>

namespace mh {

// Empty or only white space: what a required text field may not be.
inline bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

}  // namespace mh
