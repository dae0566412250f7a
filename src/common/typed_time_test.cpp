// The one rule for times people type: wall clock in their own zone, or an absolute time that says
// its zone; daylight-saving changes read in the offset in force at the resulting instant.
#include "common/typed_time.hpp"

#include <gtest/gtest.h>

namespace mh {
namespace {

TimePoint at(std::string_view iso) { return parse_iso8601(iso).value(); }

OffsetAt fixed(int minutes_east) {
  return [minutes_east](TimePoint) { return std::optional<int>(minutes_east); };
}

TEST(TypedTime, AWallClockTimeIsReadInThePersonsTimezone) {
  EXPECT_EQ(parse_typed_time("2026-12-03T14:00", fixed(0)), at("2026-12-03T14:00:00Z"));
  EXPECT_EQ(parse_typed_time("2026-12-03T09:30", fixed(-300)), at("2026-12-03T14:30:00Z"));
  EXPECT_EQ(parse_typed_time("2026-12-03T09:30:00", fixed(330)), at("2026-12-03T04:00:00Z"));
  EXPECT_EQ(parse_typed_time("2026-12-03 09:30", fixed(330)), at("2026-12-03T04:00:00Z"));
}

TEST(TypedTime, SummerAndWinterTimeGiveDifferentOffsetsInARealZone) {
  const OffsetAt paris = offsets_of_zone("Europe/Paris");
  EXPECT_EQ(parse_typed_time("2026-01-15T14:00", paris), at("2026-01-15T13:00:00Z"));
  EXPECT_EQ(parse_typed_time("2026-07-01T14:00", paris), at("2026-07-01T12:00:00Z"));
  const OffsetAt new_york = offsets_of_zone("America/New_York");
  EXPECT_EQ(parse_typed_time("2026-03-07T09:00", new_york), at("2026-03-07T14:00:00Z"));
  EXPECT_EQ(parse_typed_time("2026-03-09T09:00", new_york), at("2026-03-09T13:00:00Z"));
}

TEST(TypedTime, TheHoursAroundADaylightSavingChangeUseTheOffsetInForceThen) {
  const OffsetAt paris = offsets_of_zone("Europe/Paris");
  // 29 March 2026: clocks go from 02:00 to 03:00. 01:30 is still winter time, 03:30 summer time.
  EXPECT_EQ(parse_typed_time("2026-03-29T01:30", paris), at("2026-03-29T00:30:00Z"));
  EXPECT_EQ(parse_typed_time("2026-03-29T03:30", paris), at("2026-03-29T01:30:00Z"));
  // 25 October 2026: 02:00-03:00 happens twice; the answer is one of the two, never an error.
  const auto twice = parse_typed_time("2026-10-25T02:30", paris);
  ASSERT_TRUE(twice);
  EXPECT_TRUE(*twice == at("2026-10-25T00:30:00Z") || *twice == at("2026-10-25T01:30:00Z"));
}

TEST(TypedTime, AnAbsoluteTimeWithAZoneIsTakenAsIs) {
  EXPECT_EQ(parse_typed_time("2026-12-03T14:00:00Z", fixed(-300)), at("2026-12-03T14:00:00Z"));
  EXPECT_EQ(parse_typed_time("2026-12-03T15:00:00+01:00", fixed(-300)), at("2026-12-03T14:00:00Z"));
}

TEST(TypedTime, ABareDateOrNonsenseIsNoTime) {
  EXPECT_EQ(parse_typed_time("2026-12-03", fixed(0)), std::nullopt);
  EXPECT_EQ(parse_typed_time("tomorrow at two", fixed(0)), std::nullopt);
  EXPECT_EQ(parse_typed_time("2026-13-03T14:00", fixed(0)), std::nullopt);
  EXPECT_EQ(parse_typed_time("2026-12-03T24:00", fixed(0)), std::nullopt);
  EXPECT_EQ(parse_typed_time("2026-12-03T14:0", fixed(0)), std::nullopt);
  EXPECT_EQ(parse_typed_time("", fixed(0)), std::nullopt);
}

TEST(TypedTime, AnUnknownTimezoneGivesNoTime) {
  EXPECT_EQ(parse_typed_time("2026-12-03T14:00", offsets_of_zone("Mars/Olympus_Mons")), std::nullopt);
}

TEST(TypedTime, AnInstantIsShownInTheWallClockOfAZone) {
  EXPECT_EQ(format_local_minutes(at("2026-12-03T14:30:00Z"), -300), "2026-12-03T09:30");
  EXPECT_EQ(format_local_minutes(at("2026-12-03T22:15:00Z"), 120), "2026-12-04T00:15");
}

}  // namespace
}  // namespace mh
