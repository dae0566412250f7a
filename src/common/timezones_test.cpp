#include "common/timezones.hpp"

#include <gtest/gtest.h>

namespace mh {
namespace {

TEST(Timezones, AcceptsRealZoneNames) {
  for (const char* tz : {"UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "America/Argentina/Buenos_Aires"})
    EXPECT_TRUE(is_valid_timezone(tz)) << tz;
}

TEST(Timezones, RejectsUnknownNamesAndPaths) {
  for (const char* tz : {"", "Mars/Olympus", "Europe/Pariss", "../../etc/passwd", "/etc/passwd", "Europe/../UTC",
                         "posix/UTC", "zone.tab", "Europe"})
    EXPECT_FALSE(is_valid_timezone(tz)) << tz;
}

TEST(Timezones, KnowsTheOffsetInSummerAndWinter) {
  const TimePoint january = *parse_iso8601("2026-01-15T12:00:00Z");
  const TimePoint july = *parse_iso8601("2026-07-15T12:00:00Z");
  EXPECT_EQ(utc_offset_minutes("Europe/Berlin", january), 60);
  EXPECT_EQ(utc_offset_minutes("Europe/Berlin", july), 120);
  EXPECT_EQ(utc_offset_minutes("America/New_York", january), -300);
  EXPECT_EQ(utc_offset_minutes("Asia/Kolkata", july), 330);
  EXPECT_EQ(utc_offset_minutes("UTC", july), 0);
  EXPECT_FALSE(utc_offset_minutes("Mars/Olympus", july).has_value());
}

TEST(Timezones, WorkingDaysOverlapByTheirShift) {
  EXPECT_DOUBLE_EQ(working_hours_overlap(60, 60), 8.0);
  EXPECT_DOUBLE_EQ(working_hours_overlap(60, -300), 2.0);   // Berlin and New York in winter
  EXPECT_DOUBLE_EQ(working_hours_overlap(-480, 600), 2.0);  // Los Angeles afternoon, Sydney next morning
  EXPECT_DOUBLE_EQ(working_hours_overlap(-480, 330), 0.0);  // Los Angeles and Kolkata
  EXPECT_DOUBLE_EQ(working_hours_overlap(330, 60), 3.5);    // Kolkata and Berlin
}

}  // namespace
}  // namespace mh
