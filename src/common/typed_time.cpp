#include "common/typed_time.hpp"

#include <chrono>
#include <cstdio>

#include "common/digits.hpp"
#include "common/timezones.hpp"

namespace mh {

namespace {

// "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS" (a space for the T too), as if it were UTC.
std::optional<TimePoint> parse_wall_clock(std::string_view s) {
  if (s.size() != 16 && s.size() != 19) return std::nullopt;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!digits_at(s, 0, 4, y) || s[4] != '-' || !digits_at(s, 5, 2, mo) || s[7] != '-' || !digits_at(s, 8, 2, d) ||
      (s[10] != 'T' && s[10] != ' ') || !digits_at(s, 11, 2, h) || s[13] != ':' || !digits_at(s, 14, 2, mi))
    return std::nullopt;
  if (s.size() == 19 && (s[16] != ':' || !digits_at(s, 17, 2, sec))) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(mo)),
                                        std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  return TimePoint(std::chrono::sys_days(ymd)) + std::chrono::hours(h) + std::chrono::minutes(mi) + Seconds(sec);
}

}  // namespace

OffsetAt offsets_of_zone(std::string name) {
  return [name = std::move(name)](TimePoint t) { return utc_offset_minutes(name, t); };
}

std::optional<TimePoint> parse_typed_time(std::string_view text, const OffsetAt& offset_at) {
  if (auto wall = parse_wall_clock(text)) {
    // The offset at the wall time read as UTC is a guess; the offset at the instant it gives is
    // the one in force there (they differ only within hours of a daylight-saving change).
    auto first = offset_at(*wall);
    if (!first) return std::nullopt;
    auto second = offset_at(*wall - std::chrono::minutes(*first));
    if (!second) return std::nullopt;
    return *wall - std::chrono::minutes(*second);
  }
  // An absolute time must say its zone: "2026-12-03T14:00:00" is wall clock, a bare date is no time.
  if (text.size() <= 19) return std::nullopt;
  return parse_iso8601(text);
}

std::string zone_or_utc(std::string_view name) {
  return utc_offset_minutes(name, TimePoint{}) ? std::string(name) : std::string("UTC");
}

std::string typed_time_hint(std::string_view zone) {
  return "must be a time in your timezone (" + std::string(zone) +
         ") such as 2026-12-03T14:00, or an ISO 8601 time with Z or an offset such as 2026-12-03T14:00:00Z";
}

std::string format_local_minutes(TimePoint t, int offset_minutes) {
  const TimePoint local = t + std::chrono::minutes(offset_minutes);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd{day};
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long long>(minutes / 60), static_cast<long long>(minutes % 60));
  return buf;
}

}  // namespace mh
