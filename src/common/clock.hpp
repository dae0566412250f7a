// Time as a dependency. Domain functions take a TimePoint argument; only the edges (the
// server, the CLI) hold a Clock. FakeClock lets tests move time by hand, and the server can
// run on one (`serve --test-clock`) so end-to-end tests can make a relationship fade.
// SystemClock and FakeClock are safe to share across threads.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mh {

using Seconds = std::chrono::seconds;
// UTC seconds since the Unix epoch: everything we store and compare.
using TimePoint = std::chrono::sys_seconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override;
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimePoint start) : t_(start.time_since_epoch().count()) {}
  TimePoint now() const override { return TimePoint(Seconds(t_.load())); }
  void set(TimePoint t) { t_.store(t.time_since_epoch().count()); }
  void advance(Seconds d) { t_.fetch_add(d.count()); }

 private:
  std::atomic<std::int64_t> t_;
};

// "2026-11-25T08:00:00Z". Always UTC, always seconds precision.
std::string format_iso8601(TimePoint t);
// The same text held in place, for a writer of many times (a page of relationships has seven a
// row) that would otherwise allocate a string for each.
struct Iso8601Text {
  char chars[64];  // room for any year the types allow, so the text is never cut
  std::size_t size = 0;
  std::string_view view() const { return {chars, size}; }
};
Iso8601Text iso8601_text(TimePoint t);
// Accepts "YYYY-MM-DDTHH:MM:SS(.fff)?(Z|+HH:MM|-HH:MM)" and "YYYY-MM-DD" (midnight UTC).
std::optional<TimePoint> parse_iso8601(std::string_view text);
// "YYYY-MM-DD" of the UTC day.
std::string format_date(TimePoint t);
// The UTC calendar year.
int year_of(TimePoint t);

}  // namespace mh
