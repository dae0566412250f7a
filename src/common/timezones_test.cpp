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

}  // namespace
}  // namespace mh
