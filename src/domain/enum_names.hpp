// An enum's names in the API and the database: one list of names in the order of the enum's
// values (0, 1, 2, ... as declared), read both ways. Every name is the enumerator's own spelling;
// domain/enum_names_test.cpp holds each value to its name.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace mh {

template <class E, std::size_t N>
struct EnumNames {
  std::array<const char*, N> names;

  // The name of `value` (the first name for a value outside the list, which no enumerator is).
  constexpr const char* name(E value) const {
    const auto i = static_cast<std::size_t>(value);
    return i < N ? names[i] : names[0];
  }

  // The value named `text`, or nothing for a name the list does not hold.
  constexpr std::optional<E> parse(std::string_view text) const {
    for (std::size_t i = 0; i < N; ++i)
      if (text == names[i]) return static_cast<E>(i);
    return std::nullopt;
  }
};

}  // namespace mh
