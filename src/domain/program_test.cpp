// Programs' rules: what an administrator may set, when a cohort takes sign-ups, what counts as
// extending a cohort, and how a program's fading rule changes when a relationship fades.
#include "domain/program.hpp"

#include <gtest/gtest.h>

#include "domain/conclusion.hpp"
#include "domain/testing.hpp"

namespace mh {
namespace {

using namespace std::chrono;
using namespace mh::testing;

sys_days day(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / d}; }

ProgramFields valid() {
  ProgramFields p;
  p.name = "Women in engineering 2027";
  p.starts_on = day(2027, 1, 15);
  p.ends_on = day(2027, 12, 15);
  return p;
}

TEST(Program, AValidProgramPasses) { EXPECT_TRUE(validate_program(valid())); }

TEST(Program, EachBadFieldIsNamed) {
  auto p = valid();
  p.name = "   ";
  EXPECT_EQ(field_of(validate_program(p)), "name");
  p = valid();
  p.name = std::string(101, 'x');
  EXPECT_EQ(field_of(validate_program(p)), "name");
  p = valid();
  p.description = std::string(2001, 'x');
  EXPECT_EQ(field_of(validate_program(p)), "description");
  p = valid();
  p.ends_on = day(2027, 1, 14);
  EXPECT_EQ(field_of(validate_program(p)), "ends_on");
  p = valid();
  p.formats.clear();
  EXPECT_EQ(field_of(validate_program(p)), "formats");
  p = valid();
  p.formats = {Format::circle, Format::flash, Format::circle};
  EXPECT_EQ(field_of(validate_program(p)), "formats[2]");
  for (int days : {0, 91, -3}) {
    p = valid();
    p.request_expiry_days = days;
    EXPECT_EQ(field_of(validate_program(p)), "request_expiry_days") << days;
  }
  for (int n : {0, 7}) {
    p = valid();
    p.fade_after_cadences = n;
    EXPECT_EQ(field_of(validate_program(p)), "fade_after_cadences") << n;
  }
}

TEST(Program, BoundariesAreAccepted) {
  auto p = valid();
  p.name = std::string(100, 'x');
  p.ends_on = p.starts_on;  // a one-day program
  p.request_expiry_days = 90;
  p.fade_after_cadences = 6;
  EXPECT_TRUE(validate_program(p));
  p.request_expiry_days = 1;
  p.fade_after_cadences = 1;
  p.starts_on.reset();  // open-ended on either side
  EXPECT_TRUE(validate_program(p));
}

TEST(Program, ACohortTakesSignUpsUntilItsEndDayWhileItsProgramIsOpen) {
  const auto end = day(2027, 3, 31);
  EXPECT_TRUE(takes_signups(true, false, end, day(2027, 3, 31)));
  EXPECT_FALSE(takes_signups(true, false, end, day(2027, 4, 1)));
  EXPECT_TRUE(takes_signups(true, false, std::nullopt, day(2030, 1, 1)));
  EXPECT_FALSE(takes_signups(false, false, end, day(2027, 3, 1)));
  EXPECT_FALSE(takes_signups(true, true, end, day(2027, 3, 1)));
}

TEST(Program, OnlyALaterOrRemovedEndExtends) {
  const auto end = day(2027, 3, 31);
  EXPECT_TRUE(is_extension(end, day(2027, 4, 30)));
  EXPECT_TRUE(is_extension(end, std::nullopt));
  EXPECT_FALSE(is_extension(end, end));
  EXPECT_FALSE(is_extension(end, day(2027, 3, 1)));
  EXPECT_FALSE(is_extension(std::nullopt, end));
}

TEST(Program, ItsFadingRuleDecidesWhenAQuietPairFades) {
  const TimePoint activated = at("2027-01-04T09:00:00Z");
  Activity a;
  a.state = RelState::active;
  a.cadence_days = 14;
  a.activated_at = activated;
  // 30 days without a meeting: past two cadences (the default), within three.
  const TimePoint now = activated + days(30);
  EXPECT_TRUE(should_fade(a, now));
  a.fade_after_cadences = 3;
  EXPECT_FALSE(should_fade(a, now));
  EXPECT_TRUE(should_fade(a, activated + days(43)));
  // And a fading pair that met within the program's span comes back.
  a.state = RelState::fading;
  a.last_held_meeting = activated + days(10);
  EXPECT_TRUE(should_revive(a, activated + days(50)));
  a.fade_after_cadences = 2;
  EXPECT_FALSE(should_revive(a, activated + days(50)));
}

}  // namespace
}  // namespace mh
