#include "common/timezones.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

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

TEST(Timezones, ZoneRulesAreReadOnceAndOnlyForRealZones) {
  const auto berlin = zone_rules("Europe/Berlin");
  ASSERT_NE(berlin, nullptr);
  EXPECT_EQ(berlin, zone_rules("Europe/Berlin"));
  EXPECT_EQ(berlin->offset_seconds_at(parse_iso8601("2026-03-29T00:59:59Z")->time_since_epoch().count()), 3600);
  EXPECT_EQ(berlin->offset_seconds_at(parse_iso8601("2026-03-29T01:00:00Z")->time_since_epoch().count()), 7200);
  EXPECT_EQ(zone_rules("Mars/Olympus"), nullptr);
  EXPECT_EQ(zone_rules("../../etc/passwd"), nullptr);
}

TEST(Timezones, WorkingDaysOverlapByTheirShift) {
  EXPECT_DOUBLE_EQ(working_hours_overlap(60, 60), 8.0);
  EXPECT_DOUBLE_EQ(working_hours_overlap(60, -300), 2.0);   // Berlin and New York in winter
  EXPECT_DOUBLE_EQ(working_hours_overlap(-480, 600), 2.0);  // Los Angeles afternoon, Sydney next morning
  EXPECT_DOUBLE_EQ(working_hours_overlap(-480, 330), 0.0);  // Los Angeles and Kolkata
  EXPECT_DOUBLE_EQ(working_hours_overlap(330, 60), 3.5);    // Kolkata and Berlin
}

std::string zone_file(const char* name) {
  std::ifstream f(std::string("/usr/share/zoneinfo/") + name, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

// A version 1 TZif file with the given counts and `data` after the header.
std::string tzif_v1(std::int32_t timecnt, std::int32_t typecnt, const std::string& data) {
  std::string h = "TZif";
  h += std::string(16, '\0');
  for (std::int32_t c : {0, 0, 0, timecnt, typecnt, 0})
    for (int shift = 24; shift >= 0; shift -= 8) h.push_back(static_cast<char>((static_cast<std::uint32_t>(c) >> shift) & 0xff));
  return h + data;
}

TEST(Tzif, ReadsARealZoneFile) {
  const auto zone = parse_tzif(zone_file("Europe/Berlin"));
  ASSERT_TRUE(zone.has_value());
  EXPECT_EQ(zone->offset_seconds_at(parse_iso8601("2026-07-15T12:00:00Z")->time_since_epoch().count()), 7200);
}

TEST(Tzif, ReadsAVersion1FileWithOneTransition) {
  // From 1000 s on, type 1 (+3600); before, type 0 (+0).
  const std::string data = std::string("\0\0\x03\xe8", 4) + std::string("\x01", 1) +
                           std::string("\0\0\0\0\0\0", 6) + std::string("\0\0\x0e\x10\0\0", 6);
  const auto zone = parse_tzif(tzif_v1(1, 2, data));
  ASSERT_TRUE(zone.has_value());
  EXPECT_EQ(zone->offset_seconds_at(999), 0);
  EXPECT_EQ(zone->offset_seconds_at(1000), 3600);
}

TEST(Tzif, RefusesMalformedFilesWithoutReadingPastThem) {
  const std::string one_type = std::string("\0\0\0\0\0\0", 6);
  EXPECT_FALSE(parse_tzif("").has_value());
  EXPECT_FALSE(parse_tzif("TZif").has_value());
  EXPECT_FALSE(parse_tzif(tzif_v1(0, 0, "")).has_value());              // no local time type
  EXPECT_FALSE(parse_tzif(tzif_v1(-1, 1, one_type)).has_value());       // negative count
  EXPECT_FALSE(parse_tzif(tzif_v1(0x7fffffff, 1, one_type)).has_value());  // absurd count
  EXPECT_FALSE(parse_tzif(tzif_v1(0, 2, one_type)).has_value());        // truncated
  EXPECT_FALSE(parse_tzif(tzif_v1(1, 1, std::string("\0\0\0\0\x05", 5) + one_type)).has_value());  // no type 5
  const std::string real = zone_file("Europe/Berlin");
  for (std::size_t cut : {std::size_t{10}, std::size_t{44}, std::size_t{60}, real.size() / 2})
    EXPECT_FALSE(parse_tzif(real.substr(0, cut)).has_value()) << cut;
}

}  // namespace
}  // namespace mh
