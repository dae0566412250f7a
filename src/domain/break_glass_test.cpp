// Break-glass grants: what a reason must be, and the thirty minutes a grant lasts.
#include "domain/break_glass.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

namespace mh {
namespace {

using namespace mh::testing;

TEST(BreakGlass, AGrantOpensNowForThirtyMinutesWithTheReasonTrimmed) {
  const TimePoint now = at("2026-12-04T10:00:00Z");
  auto g = open_grant(7, 1, "  Complaint 1432 from the mentee \n", now);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->relationship_id, 7);
  EXPECT_EQ(g->admin_id, 1);
  EXPECT_EQ(g->reason, "Complaint 1432 from the mentee");
  EXPECT_EQ(g->opened_at, now);
  EXPECT_EQ(g->expires_at, at("2026-12-04T10:30:00Z"));
}

TEST(BreakGlass, AGrantIsOpenFromItsOpeningUntilJustBeforeItsExpiry) {
  const TimePoint now = at("2026-12-04T10:00:00Z");
  const BreakGlassGrant g = open_grant(7, 1, "Complaint 1432 from the mentee", now).value();
  EXPECT_FALSE(is_open(g, now - Seconds(1)));
  EXPECT_TRUE(is_open(g, now));
  EXPECT_TRUE(is_open(g, at("2026-12-04T10:29:59Z")));
  EXPECT_FALSE(is_open(g, at("2026-12-04T10:30:00Z")));
}

TEST(BreakGlass, AReasonThatSaysNothingOrTooMuchIsRefusedNamingTheField) {
  const TimePoint now = at("2026-12-04T10:00:00Z");
  for (const std::string reason : {std::string(), std::string("   \t\n"), std::string("  because  "),
                                   std::string(kMaxBreakGlassReason + 1, 'x')}) {
    auto g = open_grant(7, 1, reason, now);
    ASSERT_FALSE(g) << reason;
    EXPECT_EQ(g.error().code, ErrorCode::invalid);
    EXPECT_EQ(g.error().field, "reason");
  }
  EXPECT_TRUE(open_grant(7, 1, std::string(kMinBreakGlassReason, 'x'), now));
  EXPECT_TRUE(open_grant(7, 1, std::string(kMaxBreakGlassReason, 'x'), now));
}

}  // namespace
}  // namespace mh
