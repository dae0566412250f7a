// An enum's names in the API and the database, from one table of (value, name) pairs per enum:
// to_string and parse_* of the domain's enums read the same table both ways.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace mh {

// The name of `value` (the table's first name for a value it does not hold).
template <class E, std::size_t N>
const char* name_of(const std::array<std::pair<E, const char*>, N>& table, E value) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return table[0].second;
}

// The value named `name`, or nothing for a name the table does not hold.
template <class E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, const char*>, N>& table, std::string_view name) {
  for (const auto& [v, n] : table)
    if (name == n) return v;
  return std::nullopt;
}

}  // namespace mh
