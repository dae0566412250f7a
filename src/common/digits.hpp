// Reading the fixed-width decimal fields that dates and times are written with.
#pragma once

#include <cstddef>
#include <string_view>

namespace mh {

// The `len` decimal digits at `pos` of `s`, into `out`; false when the text is shorter or one of
// them is not a digit.
inline bool digits_at(std::string_view s, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace mh
