#include "domain/written_date.hpp"

#include <chrono>
#include <string>

namespace mh {
namespace {

// Up to `max` digits at `s[pos]`, moving `pos` past them.
std::optional<int> digits(std::string_view s, std::size_t& pos, std::size_t min, std::size_t max) {
  int v = 0;
  std::size_t n = 0;
  while (pos < s.size() && n < max && s[pos] >= '0' && s[pos] <= '9') {
    v = v * 10 + (s[pos] - '0');
    ++pos;
    ++n;
  }
  if (n < min) return std::nullopt;
  return v;
}

// What may follow a day: nothing, or a time of day (what Excel adds to a date it thinks has one).
bool time_of_day_or_nothing(std::string_view rest) {
  if (rest.empty()) return true;
  if (rest[0] != 'T' && rest[0] != ' ') return false;
  std::size_t pos = 1;
  return digits(rest, pos, 1, 2) && pos < rest.size() && rest[pos] == ':';
}

}  // namespace

std::optional<WrittenDate> read_written_date(std::string_view s) {
  std::size_t pos = 0;
  const auto a = digits(s, pos, 1, 4);
  if (!a || pos >= s.size()) return std::nullopt;
  const char sep = s[pos];
  if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
  const std::size_t a_len = pos;
  ++pos;
  const auto b = digits(s, pos, 1, 2);
  if (!b || pos >= s.size() || s[pos] != sep) return std::nullopt;
  ++pos;
  const std::size_t c_start = pos;
  const auto c = digits(s, pos, 1, 4);
  if (!c || !time_of_day_or_nothing(s.substr(pos))) return std::nullopt;
  WrittenDate d;
  if (a_len == 4) {
    if (pos - c_start > 2) return std::nullopt;
    d.order = WrittenDate::Order::year_month_day;
    d.year = *a;
    d.first = *b;
    d.second = *c;
    return d;
  }
  if (a_len > 2 || pos - c_start != 4) return std::nullopt;
  d.order = sep == '.' ? WrittenDate::Order::day_month_year : WrittenDate::Order::ambiguous;
  d.year = *c;
  d.first = *a;
  d.second = *b;
  return d;
}

std::optional<std::string> iso_day(const WrittenDate& d, bool day_first) {
  int month = d.first, day = d.second;
  if (d.order == WrittenDate::Order::day_month_year || (d.order == WrittenDate::Order::ambiguous && day_first))
    std::swap(month, day);
  using namespace std::chrono;
  if (d.year < 1900 || month < 1 || month > 12 || day < 1 ||
      !year_month_day{year{d.year}, std::chrono::month{static_cast<unsigned>(month)}, std::chrono::day{static_cast<unsigned>(day)}}.ok())
    return std::nullopt;
  const auto two = [](int v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
  return std::to_string(d.year) + "-" + two(month) + "-" + two(day);  // the year is 1900..9999
}

DayOrder day_order_of(const std::vector<std::pair<int, WrittenDate>>& dated_lines) {
  DayOrder o;
  for (const auto& [line, d] : dated_lines) {
    if (d.order != WrittenDate::Order::ambiguous) continue;
    if (d.first > 12 && d.second <= 12 && o.day_first_line == 0) o.day_first_line = line;
    if (d.second > 12 && d.first <= 12 && o.month_first_line == 0) o.month_first_line = line;
  }
  if (o.day_first_line != 0 && o.month_first_line == 0) o.day_first = true;
  if (o.month_first_line != 0 && o.day_first_line == 0) o.day_first = false;
  return o;
}

}  // namespace mh
