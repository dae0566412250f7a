// "Did you mean Europe/London?": the zone a person most likely meant, and nothing when no zone is
// close, so that a wild guess is never offered as a correction.
#include "common/timezone_names.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "common/timezones.hpp"

namespace mh {
namespace {

TEST(TimezoneNames, TheListHoldsTheZonesPeoplePickAndEveryOneIsKnown) {
  const auto& names = timezone_names();
  ASSERT_GT(names.size(), 300u);
  for (const char* zone : {"UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney"})
    EXPECT_TRUE(std::binary_search(names.begin(), names.end(), zone)) << zone;
  for (const auto& name : names) EXPECT_TRUE(is_valid_timezone(name)) << name;
}

TEST(TimezoneNames, OtherLetterCaseOrSpacesFindTheZone) {
  EXPECT_EQ(suggest_timezone("europe/london"), "Europe/London");
  EXPECT_EQ(suggest_timezone("America/New York"), "America/New_York");
  EXPECT_EQ(suggest_timezone("utc"), "UTC");
}

TEST(TimezoneNames, ACityAloneFindsItsZone) {
  EXPECT_EQ(suggest_timezone("London"), "Europe/London");
  EXPECT_EQ(suggest_timezone("new york"), "America/New_York");
  EXPECT_EQ(suggest_timezone("Tokyo"), "Asia/Tokyo");
}

TEST(TimezoneNames, ATypingSlipFindsTheZone) {
  EXPECT_EQ(suggest_timezone("Europe/Londn"), "Europe/London");
  EXPECT_EQ(suggest_timezone("Europe/Pariss"), "Europe/Paris");
  EXPECT_EQ(suggest_timezone("Amercia/Chicago"), "America/Chicago");
  EXPECT_EQ(suggest_timezone("Berlln"), "Europe/Berlin");
}

TEST(TimezoneNames, NothingIsOfferedWhenNoZoneIsClose) {
  EXPECT_EQ(suggest_timezone("Mars/Olympus_Mons"), std::nullopt);
  EXPECT_EQ(suggest_timezone("my office"), std::nullopt);
  EXPECT_EQ(suggest_timezone(""), std::nullopt);
  EXPECT_EQ(suggest_timezone(std::string(500, 'a')), std::nullopt);
}

TEST(TimezoneNames, TheMessageNamesTheGuessOrGivesExamples) {
  EXPECT_EQ(unknown_timezone_message("Europe/Londn"),
            "\"Europe/Londn\" is not a known IANA timezone; did you mean Europe/London?");
  EXPECT_NE(unknown_timezone_message("Mars/Olympus_Mons").find("such as Europe/Paris"), std::string::npos);
}

}  // namespace
}  // namespace mh
