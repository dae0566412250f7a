#include "domain/availability.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <tuple>

#include "common/digits.hpp"
#include "domain/enum_names.hpp"

namespace mh {

namespace {

constexpr EnumNames<Weekday, 7> kWeekdayNames{
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}};

std::string at_index(const char* list, std::size_t i, const char* name) {
  return std::string(list) + "[" + std::to_string(i) + "]." + name;
}

// Offsets never pass 26 hours either way (RFC 8536 allows up to 25:59:59).
constexpr std::int64_t kMaxOffsetSeconds = 26 * 3600;

std::int64_t seconds_of(TimePoint t) { return t.time_since_epoch().count(); }
TimePoint time_of(std::int64_t s) { return TimePoint(Seconds(s)); }

// Sorts and merges intervals that overlap or touch.
std::vector<TimeInterval> merged(std::vector<TimeInterval> v) {
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return std::tie(a.start, a.end) < std::tie(b.start, b.end); });
  std::vector<TimeInterval> out;
  for (const auto& i : v) {
    if (i.end <= i.start) continue;
    if (!out.empty() && i.start <= out.back().end)
      out.back().end = std::max(out.back().end, i.end);
    else
      out.push_back(i);
  }
  return out;
}

constexpr EnumNames<ExceptionKind, 2> kExceptionKinds{{"off", "extra"}};

}  // namespace

const char* to_string(Weekday d) { return kWeekdayNames.name(d); }

std::optional<Weekday> parse_weekday(std::string_view s) { return kWeekdayNames.parse(s); }

Weekday weekday_of(std::chrono::sys_days d) {
  return static_cast<Weekday>(std::chrono::weekday(d).iso_encoding() - 1);
}

const char* to_string(ExceptionKind k) { return kExceptionKinds.name(k); }

std::optional<ExceptionKind> parse_exception_kind(std::string_view s) { return kExceptionKinds.parse(s); }

std::string format_minute(int minute) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

std::optional<int> parse_minute(std::string_view s) {
  int h = 0, m = 0;
  if (s.size() != 5 || s[2] != ':' || !digits_at(s, 0, 2, h) || !digits_at(s, 3, 2, m)) return std::nullopt;
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::string format_day(std::chrono::sys_days d) {
  const std::chrono::year_month_day ymd{d};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
  return buf;
}

std::optional<std::chrono::sys_days> parse_day(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits_at(s, 0, 4, y) || !digits_at(s, 5, 2, m) ||
      !digits_at(s, 8, 2, d))
    return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(unsigned(m)),
                                        std::chrono::day(unsigned(d))};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days(ymd);
}

namespace {

// The hours of the `i`th of `list` (a weekly window, or extra hours on a date): from a time of day
// to a later one, 24:00 at the latest.
Status validate_hours(const char* list, std::size_t i, int start_minute, int end_minute) {
  if (start_minute < 0 || start_minute >= kMinutesPerDay)
    return invalid(at_index(list, i, "start"), "must be a time of day from 00:00 to 23:59");
  if (end_minute > kMinutesPerDay) return invalid(at_index(list, i, "end"), "must be 24:00 or earlier");
  if (end_minute <= start_minute) return invalid(at_index(list, i, "end"), "must be after the start");
  return {};
}

}  // namespace

Status validate_availability(const Availability& a, const TimezoneCheck& timezone_problem) {
  if (auto problem = timezone_problem(a.timezone)) return invalid("timezone", *problem);
  if (a.windows.size() > kMaxWeeklyWindows)
    return invalid("windows", "at most " + std::to_string(kMaxWeeklyWindows) + " weekly windows");
  for (std::size_t i = 0; i < a.windows.size(); ++i) {
    const auto& w = a.windows[i];
    MH_CHECK(validate_hours("windows", i, w.start_minute, w.end_minute));
    for (std::size_t j = 0; j < i; ++j) {
      const auto& o = a.windows[j];
      if (o.day == w.day && o.start_minute < w.end_minute && w.start_minute < o.end_minute)
        return invalid(at_index("windows", i, "start"),
                       std::string("overlaps the ") + to_string(o.day) + " window " + format_minute(o.start_minute) +
                           "-" + format_minute(o.end_minute));
    }
  }
  if (a.exceptions.size() > kMaxAvailabilityExceptions)
    return invalid("exceptions", "at most " + std::to_string(kMaxAvailabilityExceptions) + " exceptions");
  for (std::size_t i = 0; i < a.exceptions.size(); ++i) {
    const auto& e = a.exceptions[i];
    if (e.to < e.from) return invalid(at_index("exceptions", i, "to"), "must not be before the first date");
    if (e.kind == ExceptionKind::off && (e.to - e.from).count() >= kMaxExceptionDays)
      return invalid(at_index("exceptions", i, "to"),
                     "a range covers at most " + std::to_string(kMaxExceptionDays) + " days");
    if (e.note.size() > kMaxExceptionNoteLength)
      return invalid(at_index("exceptions", i, "note"),
                     "at most " + std::to_string(kMaxExceptionNoteLength) + " characters");
    if (e.kind != ExceptionKind::extra) continue;
    if (e.to != e.from) return invalid(at_index("exceptions", i, "to"), "extra hours are on one date");
    MH_CHECK(validate_hours("exceptions", i, e.start_minute, e.end_minute));
    for (std::size_t j = 0; j < i; ++j) {
      const auto& o = a.exceptions[j];
      if (o.kind == ExceptionKind::extra && o.from == e.from && o.start_minute < e.end_minute &&
          e.start_minute < o.end_minute)
        return invalid(at_index("exceptions", i, "start"),
                       "overlaps the extra hours " + format_minute(o.start_minute) + "-" +
                           format_minute(o.end_minute) + " on " + format_day(o.from));
    }
  }
  return {};
}

void normalize(Availability& a) {
  std::sort(a.windows.begin(), a.windows.end(), [](const auto& x, const auto& y) {
    return std::tie(x.day, x.start_minute, x.end_minute) < std::tie(y.day, y.start_minute, y.end_minute);
  });
  std::stable_sort(a.exceptions.begin(), a.exceptions.end(), [](const auto& x, const auto& y) {
    return std::tie(x.from, x.to, x.start_minute) < std::tie(y.from, y.to, y.start_minute);
  });
}

std::vector<TimeInterval> local_span_to_utc(const TzifZone& zone, std::int64_t local_start, std::int64_t local_end) {
  std::vector<TimeInterval> out;
  if (local_end <= local_start) return out;
  // Walk the UTC line around the span in pieces of one offset each: in a piece with offset o,
  // the clock reads [local_start, local_end) exactly during [local_start - o, local_end - o).
  const std::int64_t lo = local_start - kMaxOffsetSeconds, hi = local_end + kMaxOffsetSeconds;
  auto next = std::upper_bound(zone.transitions.begin(), zone.transitions.end(), lo);
  std::int64_t piece_start = lo;
  while (piece_start < hi) {
    const std::int64_t piece_end = (next != zone.transitions.end() && *next < hi) ? *next : hi;
    const std::int64_t o = zone.offset_seconds_at(piece_start);
    const std::int64_t s = std::max(piece_start, local_start - o), e = std::min(piece_end, local_end - o);
    if (s < e) {
      if (!out.empty() && seconds_of(out.back().end) == s)
        out.back().end = time_of(e);
      else
        out.push_back({time_of(s), time_of(e)});
    }
    piece_start = piece_end;
    if (next != zone.transitions.end() && *next < hi) ++next;
  }
  return out;
}

std::vector<TimeInterval> expand_availability(const Availability& a, const TzifZone& zone, TimePoint from,
                                              TimePoint to) {
  using std::chrono::days;
  std::vector<TimeInterval> spans;
  if (to <= from) return spans;
  // Every local date whose hours can fall in [from, to), whatever the offset.
  const auto first = std::chrono::floor<days>(from) - days(2);
  const auto last = std::chrono::floor<days>(to) + days(2);
  for (auto d = first; d <= last; d += days(1)) {
    const bool off = std::any_of(a.exceptions.begin(), a.exceptions.end(), [&](const auto& e) {
      return e.kind == ExceptionKind::off && e.from <= d && d <= e.to;
    });
    if (off) continue;
    const std::int64_t midnight = d.time_since_epoch().count() * std::int64_t{86400};
    const auto add = [&](int start_minute, int end_minute) {
      for (const auto& i : local_span_to_utc(zone, midnight + start_minute * 60, midnight + end_minute * 60)) {
        const TimeInterval clipped{std::max(i.start, from), std::min(i.end, to)};
        if (clipped.start < clipped.end) spans.push_back(clipped);
      }
    };
    const Weekday wd = weekday_of(d);
    for (const auto& w : a.windows)
      if (w.day == wd) add(w.start_minute, w.end_minute);
    for (const auto& e : a.exceptions)
      if (e.kind == ExceptionKind::extra && e.from == d) add(e.start_minute, e.end_minute);
  }
  return merged(std::move(spans));
}

std::vector<TimeInterval> intersect(const std::vector<TimeInterval>& a, const std::vector<TimeInterval>& b) {
  std::vector<TimeInterval> out;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const TimePoint start = std::max(a[i].start, b[j].start);
    const TimePoint end = std::min(a[i].end, b[j].end);
    if (start < end) out.push_back({start, end});
    // The one that ends first can meet nothing further in the other list.
    if (a[i].end < b[j].end) ++i;
    else ++j;
  }
  return out;
}

std::vector<TimeInterval> free_times(const std::vector<TimeInterval>& available, std::vector<TimeInterval> busy,
                                     std::chrono::minutes length, std::chrono::minutes step, TimePoint not_before,
                                     std::size_t limit) {
  std::vector<TimeInterval> out;
  if (length.count() <= 0 || step.count() <= 0) return out;
  busy = merged(std::move(busy));
  constexpr std::int64_t kQuarter = 15 * 60;
  const std::int64_t nb = seconds_of(not_before);
  const TimePoint earliest = time_of(((nb % kQuarter) == 0 ? nb : nb + kQuarter - ((nb % kQuarter + kQuarter) % kQuarter)));
  for (const auto& span : merged(available)) {
    TimePoint t = std::max(span.start, earliest);
    while (out.size() < limit && t + length <= span.end) {
      const TimeInterval candidate{t, t + length};
      const auto clash = std::find_if(busy.begin(), busy.end(), [&](const auto& b) {
        return b.start < candidate.end && candidate.start < b.end;
      });
      if (clash != busy.end()) {
        t = clash->end;
        continue;
      }
      out.push_back(candidate);
      t += step;
    }
    if (out.size() >= limit) break;
  }
  return out;
}

std::string format_local_iso8601(TimePoint t, int offset_seconds) {
  std::string s = format_iso8601(t + Seconds(offset_seconds));
  s.pop_back();  // the Z
  const int abs = offset_seconds < 0 ? -offset_seconds : offset_seconds;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_seconds < 0 ? '-' : '+', abs / 3600, (abs % 3600) / 60);
  return s + buf;
}

}  // namespace mh
