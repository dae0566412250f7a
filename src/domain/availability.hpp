// A person's recurring availability: weekly hours in their own IANA time zone (Monday 09:00-11:00
// in Europe/Berlin), with dated exceptions: days off (one date or a holiday range) and extra hours
// on a date. Mentors offer flash slots from it and a pair is suggested meeting times inside it.
//
// Windows are wall-clock times. A window covers every instant at which the person's own clock
// reads a time inside it, so a Monday 09:00-11:00 window in Berlin is 08:00-10:00 UTC in winter
// and 07:00-09:00 UTC in summer. Daylight-saving changes follow from that one rule:
//  - the skipped hour (spring forward, Berlin's 02:00-03:00 on the last Sunday of March) is never
//    on anyone's clock, so a window inside it gives nothing that day, and a window across it
//    (01:00-04:00) is an hour shorter in real time;
//  - the repeated hour (fall back, Berlin's 02:00-03:00 on the last Sunday of October) is on the
//    clock twice, so a window covering it covers both passes (02:00-03:00 is two real hours).
// The zone's offsets come from its TZif file (common/timezones.hpp), passed in as data: this file
// does no I/O. Values only; thread-safe.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "common/timezones.hpp"
#include "domain/person.hpp"

namespace mh {

inline constexpr int kMinutesPerDay = 24 * 60;
inline constexpr std::size_t kMaxWeeklyWindows = 50;
inline constexpr std::size_t kMaxAvailabilityExceptions = 100;
// A holiday range spans at most this many days.
inline constexpr int kMaxExceptionDays = 366;
inline constexpr std::size_t kMaxExceptionNoteLength = 200;

// ISO order: Monday is 0, Sunday 6.
enum class Weekday { monday, tuesday, wednesday, thursday, friday, saturday, sunday };
const char* to_string(Weekday d);
std::optional<Weekday> parse_weekday(std::string_view s);
Weekday weekday_of(std::chrono::sys_days d);

// Hours on one day of every week, in local minutes since midnight: [start, end), 0 <= start <
// end <= 1440 (1440 is midnight at the end of the day).
struct WeeklyWindow {
  Weekday day = Weekday::monday;
  int start_minute = 0;
  int end_minute = 0;
  bool operator==(const WeeklyWindow&) const = default;
};

enum class ExceptionKind {
  off,    // no availability on the dates from `from` to `to` (a day off, a holiday range)
  extra,  // extra hours on the date `from` (`to` is the same date), on top of the weekly hours
};
const char* to_string(ExceptionKind k);
std::optional<ExceptionKind> parse_exception_kind(std::string_view s);

struct AvailabilityException {
  ExceptionKind kind = ExceptionKind::off;
  std::chrono::sys_days from{};  // local dates, inclusive
  std::chrono::sys_days to{};
  int start_minute = 0;  // extra only
  int end_minute = 0;
  std::string note;      // "Easter holidays"
  bool operator==(const AvailabilityException&) const = default;
};

struct Availability {
  std::string timezone = "UTC";  // IANA name
  std::vector<WeeklyWindow> windows;
  std::vector<AvailabilityException> exceptions;
  bool operator==(const Availability&) const = default;
};

// "HH:MM" for a minute of the day (1440 is "24:00"), and back; nullopt for anything else.
std::string format_minute(int minute);
std::optional<int> parse_minute(std::string_view hhmm);
// "YYYY-MM-DD" and back; nullopt for a date that does not exist.
std::string format_day(std::chrono::sys_days d);
std::optional<std::chrono::sys_days> parse_day(std::string_view text);

// Checks everything; the first problem is `invalid` naming the field: "timezone" (through
// `timezone_problem`, as for a profile), "windows" (more than kMaxWeeklyWindows),
// "windows[2].end" (not after its start, or past 24:00), "windows[2].start" (overlaps an earlier
// window of the same day), "exceptions" (too many), "exceptions[1].to" (before `from`, a range
// over kMaxExceptionDays, or an extra that is not one date), "exceptions[1].end",
// "exceptions[1].start" (extra hours overlapping other extra hours of that date),
// "exceptions[1].note" (too long).
Status validate_availability(const Availability& a, const TimezoneCheck& timezone_problem);

// Sorted by day and start, exceptions by date: the stored order.
void normalize(Availability& a);

// A span of UTC time, [start, end).
struct TimeInterval {
  TimePoint start{};
  TimePoint end{};
  bool operator==(const TimeInterval&) const = default;
};

// The instants whose local time in `zone` lies in [local_start, local_end), local times given as
// seconds since 1970-01-01T00:00 on the local clock. One interval normally, none for a span
// inside a skipped hour, two when a repeated hour splits it.
std::vector<TimeInterval> local_span_to_utc(const TzifZone& zone, std::int64_t local_start, std::int64_t local_end);

// The availability as concrete UTC intervals within [from, to), sorted, disjoint and merged
// where they touch (Monday 22:00-24:00 and Tuesday 00:00-02:00 are one interval). `zone` holds
// the offsets of `a.timezone`.
std::vector<TimeInterval> expand_availability(const Availability& a, const TzifZone& zone, TimePoint from, TimePoint to);

// The times in both `a` and `b` (each sorted and disjoint, as expand_availability gives them):
// sorted and disjoint; empty intervals are dropped.
std::vector<TimeInterval> intersect(const std::vector<TimeInterval>& a, const std::vector<TimeInterval>& b);

// Free times of `length` inside `available`, none overlapping `busy`: candidates start at each
// interval's start (or at `not_before`, rounded up to the next quarter hour, if later) and
// every `step` after, skipping past a busy interval they meet. Sorted; at most `limit`.
std::vector<TimeInterval> free_times(const std::vector<TimeInterval>& available, std::vector<TimeInterval> busy,
                                     std::chrono::minutes length, std::chrono::minutes step, TimePoint not_before,
                                     std::size_t limit);

// A time as the person's clock reads it: "2026-03-30T09:00:00+02:00".
std::string format_local_iso8601(TimePoint t, int offset_seconds);

}  // namespace mh
