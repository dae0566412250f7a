// "?, ?, ?": the bound-parameter list of an IN (...) or a VALUES tuple of `n` values, so that
// statements with a variable number of values are still written with placeholders only.
#pragma once

#include <cstddef>
#include <string>

namespace mh::sql {

inline std::string placeholders(std::size_t n) {
  std::string out;
  out.reserve(n * 3);
  for (std::size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

}  // namespace mh::sql
