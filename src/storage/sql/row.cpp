// Row accessors. The drivers hand out typed cells (SQLite by storage class, PostgreSQL by
// column type), so most accessors just unwrap; the conversions below cover the few places
// where a dialect gives a different type for the same SQL (a PostgreSQL SUM() is numeric, a
// parameter echoed back by PostgreSQL is text).
#include <charconv>
#include <cmath>
#include <string>

#include "storage/sql/connection.hpp"

namespace mh::sql {

namespace {

const char* type_name(const Value& v) {
  switch (v.index()) {
    case 0: return "NULL";
    case 1: return "an integer";
    case 2: return "a real";
    default: return "text";
  }
}

[[noreturn]] void wrong_type(std::size_t i, const Value& v, const char* wanted) {
  throw Error(Error::Kind::other, "column " + std::to_string(i) + " holds " + type_name(v) +
                                      ", not " + wanted);
}

// The whole string must be the number: "12abc" is not an integer.
template <class T>
bool parse_whole(const std::string& s, T& out) {
  const char* first = s.data();
  const char* last = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(first, last, out);
  return ec == std::errc() && ptr == last;
}

}  // namespace

std::int64_t Row::int64(std::size_t i) const {
  const Value& v = cells_.at(i);
  if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
  if (std::holds_alternative<std::nullptr_t>(v)) return 0;
  if (const auto* s = std::get_if<std::string>(&v)) {
    std::int64_t n = 0;
    if (parse_whole(*s, n)) return n;
    wrong_type(i, v, "an integer");
  }
  // PostgreSQL's SUM/AVG over integers is numeric, which arrives as a double; accept it when
  // it holds a whole number that fits, so the same SQL reads the same way in both dialects.
  const double d = std::get<double>(v);
  constexpr double limit = 9223372036854775808.0;  // 2^63, exactly representable
  if (std::trunc(d) == d && d >= -limit && d < limit) return static_cast<std::int64_t>(d);
  wrong_type(i, v, "an integer");
}

double Row::real(std::size_t i) const {
  const Value& v = cells_.at(i);
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
  if (std::holds_alternative<std::nullptr_t>(v)) return 0.0;
  double d = 0.0;
  if (parse_whole(std::get<std::string>(v), d)) return d;
  wrong_type(i, v, "a real");
}

const std::string& Row::text(std::size_t i) const {
  static const std::string empty;
  const Value& v = cells_.at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (std::holds_alternative<std::nullptr_t>(v)) return empty;
  // Returning a reference leaves no place to keep a formatted number; the caller asked for
  // the wrong accessor, and saying so beats guessing a format.
  wrong_type(i, v, "text");
}

std::optional<std::int64_t> Row::opt_int64(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return int64(i);
}

std::optional<std::string> Row::opt_text(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

}  // namespace mh::sql
