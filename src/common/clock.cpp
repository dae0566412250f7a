#include "common/clock.hpp"

#include <cstdio>

#include "common/digits.hpp"

namespace mh {

TimePoint SystemClock::now() const {
  return std::chrono::time_point_cast<Seconds>(std::chrono::system_clock::now());
}

namespace {

// The `width` last decimal digits of n, at `out`.
void put_digits(char* out, unsigned n, int width) {
  for (int i = width - 1; i >= 0; --i, n /= 10) out[i] = static_cast<char>('0' + n % 10);
}

}  // namespace

Iso8601Text iso8601_text(TimePoint t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss hms{t - day};
  const int year = int(ymd.year());
  Iso8601Text out;
  if (year < 0 || year > 9999) {  // the general form, for the years no stored time has
    const int n = std::snprintf(out.chars, sizeof out.chars, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", year,
                                unsigned(ymd.month()), unsigned(ymd.day()), long(hms.hours().count()),
                                long(hms.minutes().count()), long(hms.seconds().count()));
    out.size = static_cast<std::size_t>(n);
    return out;
  }
  // By hand: snprintf's parsing of its format was most of writing a page of relationships' times.
  char* c = out.chars;
  put_digits(c, static_cast<unsigned>(year), 4);
  c[4] = '-';
  put_digits(c + 5, unsigned(ymd.month()), 2);
  c[7] = '-';
  put_digits(c + 8, unsigned(ymd.day()), 2);
  c[10] = 'T';
  put_digits(c + 11, static_cast<unsigned>(hms.hours().count()), 2);
  c[13] = ':';
  put_digits(c + 14, static_cast<unsigned>(hms.minutes().count()), 2);
  c[16] = ':';
  put_digits(c + 17, static_cast<unsigned>(hms.seconds().count()), 2);
  c[19] = 'Z';
  out.size = 20;
  return out;
}

std::string format_iso8601(TimePoint t) { return std::string(iso8601_text(t).view()); }

std::string format_date(TimePoint t) { return format_iso8601(t).substr(0, 10); }

int year_of(TimePoint t) {
  return int(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(t)).year());
}

namespace {

// The instants whose formatting has a four-digit year, so that what is parsed formats and parses
// back: a leap second or an offset can carry a time written in 9999 or 0000 past them.
bool formats_back(TimePoint t) {
  using namespace std::chrono;
  static const TimePoint first{sys_days(year(0) / January / 1)};
  static const TimePoint last{sys_days(year(9999) / December / 31) + hours(23) + minutes(59) + seconds(59)};
  return t >= first && t <= last;
}

std::optional<TimePoint> parse_iso8601_unchecked(std::string_view s) {
  int y, mo, d, h = 0, mi = 0, se = 0;
  if (!digits_at(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits_at(s, 5, 2, mo) || s[7] != '-' ||
      !digits_at(s, 8, 2, d))
    return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(unsigned(mo)),
                                        std::chrono::day(unsigned(d))};
  if (!ymd.ok()) return std::nullopt;
  TimePoint t{std::chrono::sys_days(ymd)};
  if (s.size() == 10) return t;
  if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  if (!digits_at(s, 11, 2, h) || s.size() < 19 || s[13] != ':' || !digits_at(s, 14, 2, mi) || s[16] != ':' ||
      !digits_at(s, 17, 2, se))
    return std::nullopt;
  if (h > 23 || mi > 59 || se > 60) return std::nullopt;
  size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    const size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  t += std::chrono::hours(h) + std::chrono::minutes(mi) + Seconds(se);
  if (pos == s.size()) return std::nullopt;  // an offset is required: no silent local time
  if (s[pos] == 'Z' && pos + 1 == s.size()) return t;
  if ((s[pos] == '+' || s[pos] == '-') && s.size() == pos + 6 && s[pos + 3] == ':') {
    int oh, om;
    if (!digits_at(s, pos + 1, 2, oh) || !digits_at(s, pos + 4, 2, om) || oh > 23 || om > 59) return std::nullopt;
    const auto offset = std::chrono::hours(oh) + std::chrono::minutes(om);
    return s[pos] == '+' ? t - offset : t + offset;
  }
  return std::nullopt;
}

}  // namespace

std::optional<TimePoint> parse_iso8601(std::string_view s) {
  const auto t = parse_iso8601_unchecked(s);
  if (t && !formats_back(*t)) return std::nullopt;
  return t;
}

}  // namespace mh
