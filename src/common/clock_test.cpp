#include "common/clock.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <vector>

namespace mh {
namespace {

TEST(Iso8601, FormatsUtcWithSecondsPrecision) {
  EXPECT_EQ(format_iso8601(TimePoint(Seconds(0))), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_iso8601(TimePoint(Seconds(1795596000))), "2026-11-25T08:40:00Z");
}

// Written by hand for the four-digit years, by snprintf beyond them: both the same text as the
// one format string gives, from the year 0 to 9999, around the epoch, and past either end.
TEST(Iso8601, WritesEveryYearAsTheFormatStringWould) {
  const auto reference = [](TimePoint t) {
    const auto day = std::chrono::floor<std::chrono::days>(t);
    const std::chrono::year_month_day ymd{day};
    const std::chrono::hh_mm_ss hms{t - day};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", int(ymd.year()), unsigned(ymd.month()),
                  unsigned(ymd.day()), long(hms.hours().count()), long(hms.minutes().count()),
                  long(hms.seconds().count()));
    return std::string(buf);
  };
  const std::int64_t year0 = -62167219200;     // 0000-01-01T00:00:00Z
  const std::int64_t past9999 = 253402300800;  // 10000-01-01T00:00:00Z
  std::vector<std::int64_t> instants{year0, year0 - 1, past9999, past9999 - 1, -1, 0, 1, 86399, 86400, 951782400};
  for (std::int64_t s = year0 - 86400LL * 400; s < past9999 + 86400LL * 400; s += 7'777'777) instants.push_back(s);
  for (std::int64_t s : instants) {
    const TimePoint t{Seconds(s)};
    EXPECT_EQ(format_iso8601(t), reference(t)) << s;
    EXPECT_EQ(iso8601_text(t).view(), reference(t)) << s;
  }
}

TEST(Iso8601, ParsesWhatItFormats) {
  const TimePoint t(Seconds(1795596123));
  EXPECT_EQ(parse_iso8601(format_iso8601(t)), t);
}

TEST(Iso8601, AppliesOffsets) {
  EXPECT_EQ(parse_iso8601("2026-11-25T10:40:00+02:00"), parse_iso8601("2026-11-25T08:40:00Z"));
  EXPECT_EQ(parse_iso8601("2026-11-25T03:40:00.250-05:00"), parse_iso8601("2026-11-25T08:40:00Z"));
}

TEST(Iso8601, ReadsADateAsMidnightUtc) {
  EXPECT_EQ(parse_iso8601("2026-11-25"), parse_iso8601("2026-11-25T00:00:00Z"));
}

TEST(Iso8601, RejectsMalformedOrImpossibleTimes) {
  for (const char* bad : {"", "2026", "2026-13-01", "2026-02-30", "2026-11-25T25:00:00Z", "2026-11-25T10:00:00",
                          "2026-11-25T10:00:00+2", "yesterday", "2026-11-25T10:00:00Zjunk"})
    EXPECT_FALSE(parse_iso8601(bad).has_value()) << bad;
}

// Found by the time fuzzer: a leap second or an offset carried a time written in year 9999 or
// 0000 out of the four-digit years, so it formatted as "10000-01-01T00:00:00Z", which nothing
// parses back.
TEST(Iso8601, RefusesTimesThatALeapSecondOrOffsetCarriesPastTheFourDigitYears) {
  for (const char* bad : {"9999-12-31T23:59:60Z", "9999-12-31T23:30:00-01:00", "0000-01-01T00:30:00+01:00"})
    EXPECT_FALSE(parse_iso8601(bad).has_value()) << bad;
  for (const char* good : {"9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "2026-06-30T23:59:60Z"}) {
    const auto t = parse_iso8601(good);
    ASSERT_TRUE(t.has_value()) << good;
    EXPECT_EQ(parse_iso8601(format_iso8601(*t)), t) << good;
  }
}

TEST(FakeClock, MovesOnlyWhenTold) {
  FakeClock clock(TimePoint(Seconds(100)));
  EXPECT_EQ(clock.now(), TimePoint(Seconds(100)));
  clock.advance(Seconds(50));
  EXPECT_EQ(clock.now(), TimePoint(Seconds(150)));
}

}  // namespace
}  // namespace mh
