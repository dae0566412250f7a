#include "domain/availability.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>

#include "domain/testing.hpp"

namespace mh {
namespace {

using namespace mh::testing;

std::optional<std::string> real_zone(std::string_view tz) {
  if (is_valid_timezone(tz)) return std::nullopt;
  return "is not a known time zone";
}

const TzifZone& zone(const char* name) {
  static std::map<std::string, std::shared_ptr<const TzifZone>> held;
  auto& z = held[name];
  if (!z) z = zone_rules(name);
  return *z;
}

std::chrono::sys_days day(const char* text) { return parse_day(text).value(); }

Availability weekly(const char* tz, std::vector<WeeklyWindow> windows) {
  Availability a;
  a.timezone = tz;
  a.windows = std::move(windows);
  return a;
}

// The availability over the UTC day `date` and the next one.
std::vector<TimeInterval> on(const Availability& a, const char* date) {
  const TimePoint from = day(date);
  return expand_availability(a, zone(a.timezone.c_str()), from, from + days(1));
}

TimeInterval span(const char* start, const char* end) { return {at(start), at(end)}; }

// --- Weekly hours across daylight-saving changes ---

TEST(Availability, BerlinMondayMorningStaysLocalAcrossSpringForward) {
  const auto a = weekly("Europe/Berlin", {{Weekday::monday, 9 * 60, 11 * 60}});
  // Monday 23 March 2026 is winter time (+01:00); the clocks go forward on Sunday 29 March.
  EXPECT_EQ(on(a, "2026-03-23"), (std::vector{span("2026-03-23T08:00:00Z", "2026-03-23T10:00:00Z")}));
  EXPECT_EQ(on(a, "2026-03-30"), (std::vector{span("2026-03-30T07:00:00Z", "2026-03-30T09:00:00Z")}));
}

TEST(Availability, BerlinMondayMorningStaysLocalAcrossFallBack) {
  const auto a = weekly("Europe/Berlin", {{Weekday::monday, 9 * 60, 11 * 60}});
  // The clocks go back on Sunday 25 October 2026.
  EXPECT_EQ(on(a, "2026-10-19"), (std::vector{span("2026-10-19T07:00:00Z", "2026-10-19T09:00:00Z")}));
  EXPECT_EQ(on(a, "2026-10-26"), (std::vector{span("2026-10-26T08:00:00Z", "2026-10-26T10:00:00Z")}));
}

TEST(Availability, ExpandingAWeekAcrossTheChangeGivesEachDayInItsOwnOffset) {
  const auto a = weekly("Europe/Berlin", {{Weekday::saturday, 9 * 60, 10 * 60}, {Weekday::sunday, 9 * 60, 10 * 60},
                                          {Weekday::monday, 9 * 60, 10 * 60}});
  const auto got = expand_availability(a, zone("Europe/Berlin"), at("2026-03-28T00:00:00Z"), at("2026-03-31T00:00:00Z"));
  EXPECT_EQ(got, (std::vector{span("2026-03-28T08:00:00Z", "2026-03-28T09:00:00Z"),
                              span("2026-03-29T07:00:00Z", "2026-03-29T08:00:00Z"),
                              span("2026-03-30T07:00:00Z", "2026-03-30T08:00:00Z")}));
}

TEST(Availability, AWindowInsideTheSkippedHourGivesNothingThatDay) {
  // On 29 March 2026 Berlin's clocks jump from 02:00 to 03:00: 02:30 is never on the clock.
  const auto a = weekly("Europe/Berlin", {{Weekday::sunday, 2 * 60, 3 * 60}});
  EXPECT_TRUE(on(a, "2026-03-29").empty());
  // The Sunday before and after, the hour exists.
  EXPECT_EQ(on(a, "2026-03-22"), (std::vector{span("2026-03-22T01:00:00Z", "2026-03-22T02:00:00Z")}));
  EXPECT_EQ(on(a, "2026-04-05"), (std::vector{span("2026-04-05T00:00:00Z", "2026-04-05T01:00:00Z")}));
}

TEST(Availability, AWindowAcrossTheSkippedHourIsAnHourShorter) {
  const auto a = weekly("Europe/Berlin", {{Weekday::sunday, 1 * 60, 4 * 60}});
  // 01:00 CET is 00:00 UTC, 04:00 CEST is 02:00 UTC: two real hours.
  EXPECT_EQ(on(a, "2026-03-29"), (std::vector{span("2026-03-29T00:00:00Z", "2026-03-29T02:00:00Z")}));
}

TEST(Availability, AWindowOverTheRepeatedHourCoversBothPasses) {
  // On 25 October 2026 Berlin's clocks go from 03:00 back to 02:00: 02:00-03:00 is read twice,
  // first in summer time (00:00-01:00 UTC), then in winter time (01:00-02:00 UTC).
  const auto a = weekly("Europe/Berlin", {{Weekday::sunday, 2 * 60, 3 * 60}});
  EXPECT_EQ(on(a, "2026-10-25"), (std::vector{span("2026-10-25T00:00:00Z", "2026-10-25T02:00:00Z")}));
  EXPECT_EQ(on(a, "2026-11-01"), (std::vector{span("2026-11-01T01:00:00Z", "2026-11-01T02:00:00Z")}));
}

TEST(Availability, AWindowEndingInsideTheRepeatedHourHasTwoParts) {
  // 01:00-02:30: 23:00-00:30 UTC on the summer clock, then 02:00-02:30 again on the winter clock.
  const auto a = weekly("Europe/Berlin", {{Weekday::sunday, 1 * 60, 2 * 60 + 30}});
  const auto got = expand_availability(a, zone("Europe/Berlin"), at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z"));
  EXPECT_EQ(got, (std::vector{span("2026-10-24T23:00:00Z", "2026-10-25T00:30:00Z"),
                              span("2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z")}));
}

TEST(Availability, AZoneWithoutDaylightSavingKeepsOneOffsetAllYear) {
  const auto a = weekly("Asia/Tokyo", {{Weekday::monday, 9 * 60, 10 * 60}});
  EXPECT_EQ(on(a, "2026-01-05"), (std::vector{span("2026-01-05T00:00:00Z", "2026-01-05T01:00:00Z")}));
  EXPECT_EQ(on(a, "2026-03-30"), (std::vector{span("2026-03-30T00:00:00Z", "2026-03-30T01:00:00Z")}));
  EXPECT_EQ(on(a, "2026-07-06"), (std::vector{span("2026-07-06T00:00:00Z", "2026-07-06T01:00:00Z")}));
}

TEST(Availability, SydneyChangesTheOtherWayRoundAndAMondayMorningIsSundayInUtc) {
  // Sydney leaves summer time (+11) on Sunday 5 April 2026 and starts it again on Sunday 4 October.
  const auto a = weekly("Australia/Sydney", {{Weekday::monday, 9 * 60, 10 * 60}});
  EXPECT_EQ(on(a, "2026-03-29"), (std::vector{span("2026-03-29T22:00:00Z", "2026-03-29T23:00:00Z")}));
  EXPECT_EQ(on(a, "2026-04-05"), (std::vector{span("2026-04-05T23:00:00Z", "2026-04-06T00:00:00Z")}));
  EXPECT_EQ(on(a, "2026-09-27"), (std::vector{span("2026-09-27T23:00:00Z", "2026-09-28T00:00:00Z")}));
  EXPECT_EQ(on(a, "2026-10-04"), (std::vector{span("2026-10-04T22:00:00Z", "2026-10-04T23:00:00Z")}));
}

TEST(Availability, NewYorkChangesOnItsOwnDates) {
  // New York springs forward on 8 March 2026, three weeks before Berlin.
  const auto a = weekly("America/New_York", {{Weekday::monday, 9 * 60, 10 * 60}});
  EXPECT_EQ(on(a, "2026-03-02"), (std::vector{span("2026-03-02T14:00:00Z", "2026-03-02T15:00:00Z")}));
  EXPECT_EQ(on(a, "2026-03-09"), (std::vector{span("2026-03-09T13:00:00Z", "2026-03-09T14:00:00Z")}));
}

TEST(Availability, WindowsTouchingAtMidnightAreOneInterval) {
  const auto a = weekly("UTC", {{Weekday::monday, 22 * 60, kMinutesPerDay}, {Weekday::tuesday, 0, 2 * 60}});
  const auto got = expand_availability(a, zone("UTC"), at("2026-03-02T00:00:00Z"), at("2026-03-04T00:00:00Z"));
  EXPECT_EQ(got, (std::vector{span("2026-03-02T22:00:00Z", "2026-03-03T02:00:00Z")}));
}

TEST(Availability, IntervalsAreClippedToTheRange) {
  const auto a = weekly("UTC", {{Weekday::monday, 9 * 60, 17 * 60}});
  const auto got = expand_availability(a, zone("UTC"), at("2026-03-02T12:30:00Z"), at("2026-03-02T14:00:00Z"));
  EXPECT_EQ(got, (std::vector{span("2026-03-02T12:30:00Z", "2026-03-02T14:00:00Z")}));
  EXPECT_TRUE(expand_availability(a, zone("UTC"), at("2026-03-02T14:00:00Z"), at("2026-03-02T14:00:00Z")).empty());
}

// --- Exceptions ---

TEST(Availability, ADayOffRemovesThatDateOnly) {
  auto a = weekly("Europe/Berlin", {{Weekday::monday, 9 * 60, 11 * 60}});
  a.exceptions.push_back({ExceptionKind::off, day("2026-03-23"), day("2026-03-23"), 0, 0, "Dentist"});
  const auto got = expand_availability(a, zone("Europe/Berlin"), at("2026-03-16T00:00:00Z"), at("2026-04-01T00:00:00Z"));
  EXPECT_EQ(got, (std::vector{span("2026-03-16T08:00:00Z", "2026-03-16T10:00:00Z"),
                              span("2026-03-30T07:00:00Z", "2026-03-30T09:00:00Z")}));
}

TEST(Availability, AHolidayRangeRemovesEveryDateInIt) {
  auto a = weekly("Europe/Berlin", {{Weekday::monday, 9 * 60, 11 * 60}, {Weekday::friday, 9 * 60, 11 * 60}});
  a.exceptions.push_back({ExceptionKind::off, day("2026-03-20"), day("2026-04-06"), 0, 0, "Easter holidays"});
  const auto got = expand_availability(a, zone("Europe/Berlin"), at("2026-03-16T00:00:00Z"), at("2026-04-11T00:00:00Z"));
  EXPECT_EQ(got, (std::vector{span("2026-03-16T08:00:00Z", "2026-03-16T10:00:00Z"),
                              span("2026-04-10T07:00:00Z", "2026-04-10T09:00:00Z")}));
}

TEST(Availability, TheDaysOffAreLocalDates) {
  // Sydney's Monday 09:00 is Sunday 22:00 UTC: a day off on Monday takes it away.
  auto a = weekly("Australia/Sydney", {{Weekday::monday, 9 * 60, 10 * 60}});
  a.exceptions.push_back({ExceptionKind::off, day("2026-03-30"), day("2026-03-30"), 0, 0, ""});
  EXPECT_TRUE(on(a, "2026-03-29").empty());
}

TEST(Availability, ExtraHoursAddToTheWeeklyHoursOfThatDate) {
  auto a = weekly("Europe/Berlin", {{Weekday::monday, 9 * 60, 11 * 60}});
  a.exceptions.push_back({ExceptionKind::extra, day("2026-03-30"), day("2026-03-30"), 11 * 60, 12 * 60, ""});
  a.exceptions.push_back({ExceptionKind::extra, day("2026-03-28"), day("2026-03-28"), 14 * 60, 15 * 60, "Saturday"});
  EXPECT_EQ(on(a, "2026-03-30"), (std::vector{span("2026-03-30T07:00:00Z", "2026-03-30T10:00:00Z")}));
  EXPECT_EQ(on(a, "2026-03-28"), (std::vector{span("2026-03-28T13:00:00Z", "2026-03-28T14:00:00Z")}));
}

TEST(Availability, ADayOffAlsoRemovesExtraHoursOnIt) {
  auto a = weekly("UTC", {});
  a.exceptions.push_back({ExceptionKind::extra, day("2026-03-30"), day("2026-03-30"), 11 * 60, 12 * 60, ""});
  a.exceptions.push_back({ExceptionKind::off, day("2026-03-30"), day("2026-03-30"), 0, 0, ""});
  EXPECT_TRUE(on(a, "2026-03-30").empty());
}

// --- Validation ---

TEST(AvailabilityValidation, AcceptsAUsualWeek) {
  auto a = weekly("Europe/Berlin", {{Weekday::monday, 9 * 60, 12 * 60}, {Weekday::monday, 13 * 60, 17 * 60},
                                    {Weekday::tuesday, 0, kMinutesPerDay}});
  a.exceptions.push_back({ExceptionKind::off, day("2026-12-24"), day("2027-01-01"), 0, 0, "Winter break"});
  a.exceptions.push_back({ExceptionKind::extra, day("2026-12-05"), day("2026-12-05"), 10 * 60, 11 * 60, ""});
  EXPECT_TRUE(validate_availability(a, real_zone));
}

TEST(AvailabilityValidation, NamesTheFieldAtFault) {
  EXPECT_EQ(field_of(validate_availability(weekly("Mars/Olympus", {}), real_zone)), "timezone");
  EXPECT_EQ(field_of(validate_availability(weekly("UTC", {{Weekday::monday, 600, 540}}), real_zone)), "windows[0].end");
  EXPECT_EQ(field_of(validate_availability(weekly("UTC", {{Weekday::monday, 600, 600}}), real_zone)), "windows[0].end");
  EXPECT_EQ(field_of(validate_availability(weekly("UTC", {{Weekday::monday, 600, 1441}}), real_zone)), "windows[0].end");
  EXPECT_EQ(field_of(validate_availability(weekly("UTC", {{Weekday::monday, -1, 60}}), real_zone)), "windows[0].start");
  const auto overlap = validate_availability(
      weekly("UTC", {{Weekday::monday, 540, 660}, {Weekday::tuesday, 600, 700}, {Weekday::monday, 600, 720}}), real_zone);
  EXPECT_EQ(field_of(overlap), "windows[2].start");
  EXPECT_TRUE(contains(message_of(overlap), "monday window 09:00-11:00"));
  // Touching windows do not overlap.
  EXPECT_TRUE(validate_availability(weekly("UTC", {{Weekday::monday, 540, 600}, {Weekday::monday, 600, 660}}), real_zone));
}

TEST(AvailabilityValidation, RefusesTooManyWindows) {
  std::vector<WeeklyWindow> many;
  for (std::size_t i = 0; i <= kMaxWeeklyWindows; ++i)
    many.push_back({static_cast<Weekday>(i % 7), static_cast<int>(i / 7) * 30, static_cast<int>(i / 7) * 30 + 20});
  EXPECT_EQ(field_of(validate_availability(weekly("UTC", many), real_zone)), "windows");
  many.pop_back();
  EXPECT_TRUE(validate_availability(weekly("UTC", many), real_zone));
}

TEST(AvailabilityValidation, ChecksExceptions) {
  const auto with = [](AvailabilityException e) {
    auto a = weekly("UTC", {});
    a.exceptions.push_back({ExceptionKind::extra, day("2026-03-02"), day("2026-03-02"), 600, 660, ""});
    a.exceptions.push_back(std::move(e));
    return validate_availability(a, real_zone);
  };
  EXPECT_EQ(field_of(with({ExceptionKind::off, day("2026-03-05"), day("2026-03-04"), 0, 0, ""})), "exceptions[1].to");
  EXPECT_EQ(field_of(with({ExceptionKind::off, day("2026-01-01"), day("2027-01-02"), 0, 0, ""})), "exceptions[1].to");
  EXPECT_EQ(field_of(with({ExceptionKind::extra, day("2026-03-03"), day("2026-03-04"), 600, 660, ""})), "exceptions[1].to");
  EXPECT_EQ(field_of(with({ExceptionKind::extra, day("2026-03-03"), day("2026-03-03"), 660, 600, ""})), "exceptions[1].end");
  EXPECT_EQ(field_of(with({ExceptionKind::extra, day("2026-03-03"), day("2026-03-03"), 600, 600, ""})),
            "exceptions[1].end");
  EXPECT_EQ(field_of(with({ExceptionKind::extra, day("2026-03-03"), day("2026-03-03"), 600, 1441, ""})),
            "exceptions[1].end");
  EXPECT_EQ(field_of(with({ExceptionKind::extra, day("2026-03-03"), day("2026-03-03"), -1, 60, ""})),
            "exceptions[1].start");
  EXPECT_EQ(field_of(with({ExceptionKind::extra, day("2026-03-02"), day("2026-03-02"), 630, 700, ""})), "exceptions[1].start");
  EXPECT_EQ(field_of(with({ExceptionKind::off, day("2026-03-02"), day("2026-03-02"), 0, 0, std::string(201, 'x')})),
            "exceptions[1].note");
  // Extra hours on another date, or right after, are fine.
  EXPECT_TRUE(with({ExceptionKind::extra, day("2026-03-02"), day("2026-03-02"), 660, 700, ""}));
  auto many = weekly("UTC", {});
  for (std::size_t i = 0; i <= kMaxAvailabilityExceptions; ++i)
    many.exceptions.push_back({ExceptionKind::off, day("2026-01-01") + days(i), day("2026-01-01") + days(i), 0, 0, ""});
  EXPECT_EQ(field_of(validate_availability(many, real_zone)), "exceptions");
}

TEST(AvailabilityValidation, NormalizeSortsWindowsByDayAndStart) {
  auto a = weekly("UTC", {{Weekday::friday, 60, 120}, {Weekday::monday, 600, 660}, {Weekday::monday, 60, 120}});
  normalize(a);
  EXPECT_EQ(a.windows, (std::vector<WeeklyWindow>{{Weekday::monday, 60, 120}, {Weekday::monday, 600, 660},
                                                  {Weekday::friday, 60, 120}}));
}

// --- Text forms ---

TEST(AvailabilityText, MinutesDaysAndWeekdays) {
  EXPECT_EQ(format_minute(9 * 60 + 5), "09:05");
  EXPECT_EQ(format_minute(kMinutesPerDay), "24:00");
  EXPECT_EQ(parse_minute("09:05"), 545);
  EXPECT_EQ(parse_minute("24:00"), kMinutesPerDay);
  for (const char* bad : {"", "9:05", "09:60", "24:01", "25:00", "ab:cd", "09-05"}) EXPECT_FALSE(parse_minute(bad)) << bad;
  EXPECT_EQ(format_day(day("2026-02-28")), "2026-02-28");
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-1-01", "tomorrow"}) EXPECT_FALSE(parse_day(bad)) << bad;
  EXPECT_EQ(parse_weekday("sunday"), Weekday::sunday);
  EXPECT_FALSE(parse_weekday("Sunday"));
  EXPECT_EQ(weekday_of(day("2026-03-29")), Weekday::sunday);
  EXPECT_EQ(weekday_of(day("2026-03-30")), Weekday::monday);
}

TEST(AvailabilityText, LocalTimesCarryTheirOffset) {
  EXPECT_EQ(format_local_iso8601(at("2026-03-30T07:00:00Z"), 7200), "2026-03-30T09:00:00+02:00");
  EXPECT_EQ(format_local_iso8601(at("2026-03-30T14:00:00Z"), -4 * 3600), "2026-03-30T10:00:00-04:00");
  EXPECT_EQ(format_local_iso8601(at("2026-03-30T07:00:00Z"), 5 * 3600 + 1800), "2026-03-30T12:30:00+05:30");
}

// --- Both people's hours ---

TEST(Intersect, KeepsOnlyTheTimesInBothLists) {
  // A mentor in Berlin 09:00-17:00 (08:00-16:00 UTC) on two days, a mentee's hours split around
  // lunch on the first day and only the evening on the second.
  const std::vector mentor{span("2026-03-30T08:00:00Z", "2026-03-30T16:00:00Z"),
                           span("2026-03-31T08:00:00Z", "2026-03-31T16:00:00Z")};
  const std::vector mentee{span("2026-03-30T07:00:00Z", "2026-03-30T11:00:00Z"),
                           span("2026-03-30T12:00:00Z", "2026-03-30T13:30:00Z"),
                           span("2026-03-30T15:00:00Z", "2026-03-31T09:00:00Z")};
  const std::vector both{span("2026-03-30T08:00:00Z", "2026-03-30T11:00:00Z"),
                         span("2026-03-30T12:00:00Z", "2026-03-30T13:30:00Z"),
                         span("2026-03-30T15:00:00Z", "2026-03-30T16:00:00Z"),
                         span("2026-03-31T08:00:00Z", "2026-03-31T09:00:00Z")};
  EXPECT_EQ(intersect(mentor, mentee), both);
  EXPECT_EQ(intersect(mentee, mentor), both);  // the same either way round
}

TEST(Intersect, TouchingOrMissingHoursHaveNothingInCommon) {
  const std::vector morning{span("2026-03-30T08:00:00Z", "2026-03-30T12:00:00Z")};
  const std::vector afternoon{span("2026-03-30T12:00:00Z", "2026-03-30T16:00:00Z")};
  EXPECT_TRUE(intersect(morning, afternoon).empty());
  EXPECT_TRUE(intersect(morning, {}).empty());
  EXPECT_TRUE(intersect({}, afternoon).empty());
}

TEST(Intersect, OneLongIntervalAgainstManyShortOnes) {
  const std::vector week{span("2026-03-30T00:00:00Z", "2026-04-06T00:00:00Z")};
  std::vector<TimeInterval> hours;
  for (int d = 0; d < 9; ++d) {  // two of them past the week's end
    const TimePoint start = at("2026-03-30T09:00:00Z") + std::chrono::days(d);
    hours.push_back({start, start + std::chrono::hours(2)});
  }
  const auto got = intersect(week, hours);
  ASSERT_EQ(got.size(), 7u);
  EXPECT_EQ(got.front(), hours.front());
  EXPECT_EQ(got.back(), hours[6]);
}

// --- Free times ---

TEST(FreeTimes, StepsThroughTheHoursAndSkipsBusyTimes) {
  const std::vector available{span("2026-03-30T07:00:00Z", "2026-03-30T10:00:00Z")};
  const std::vector busy{span("2026-03-30T08:00:00Z", "2026-03-30T08:45:00Z")};
  const auto got = free_times(available, busy, std::chrono::minutes(60), std::chrono::minutes(30),
                              at("2026-03-29T00:00:00Z"), 10);
  EXPECT_EQ(got, (std::vector{span("2026-03-30T07:00:00Z", "2026-03-30T08:00:00Z"),
                              span("2026-03-30T08:45:00Z", "2026-03-30T09:45:00Z")}));
}

TEST(FreeTimes, StartsNoEarlierThanTheNextQuarterHourAndStopsAtTheLimit) {
  const std::vector available{span("2026-03-30T07:00:00Z", "2026-03-30T12:00:00Z"),
                              span("2026-03-31T07:00:00Z", "2026-03-31T12:00:00Z")};
  const auto got = free_times(available, {}, std::chrono::minutes(30), std::chrono::minutes(30),
                              at("2026-03-30T10:52:10Z"), 3);
  EXPECT_EQ(got, (std::vector{span("2026-03-30T11:00:00Z", "2026-03-30T11:30:00Z"),
                              span("2026-03-30T11:30:00Z", "2026-03-30T12:00:00Z"),
                              span("2026-03-31T07:00:00Z", "2026-03-31T07:30:00Z")}));
}

TEST(FreeTimes, NothingFitsInAShortWindow) {
  const std::vector available{span("2026-03-30T07:00:00Z", "2026-03-30T07:45:00Z")};
  EXPECT_TRUE(free_times(available, {}, std::chrono::minutes(60), std::chrono::minutes(30), at("2026-03-29T00:00:00Z"), 5)
                  .empty());
}

}  // namespace
}  // namespace mh
