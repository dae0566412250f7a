// One-time links: how long each kind lives, which state a link is in, and what a new password
// must be.
#include "domain/access.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

namespace mh {
namespace {

using mh::testing::at;

AccessLink link_made_at(TimePoint t, AccessPurpose p) {
  AccessLink l;
  l.purpose = p;
  l.created_at = t;
  l.expires_at = t + lifetime_of(p);
  return l;
}

TEST(AccessLink, AnInvitationLastsAWeekAndAResetAnHour) {
  EXPECT_EQ(lifetime_of(AccessPurpose::invitation), Seconds(7 * 24 * 3600));
  EXPECT_EQ(lifetime_of(AccessPurpose::password_reset), Seconds(3600));
}

TEST(AccessLink, IsPendingUntilItExpires) {
  const TimePoint t = at("2026-12-01T09:00:00Z");
  const AccessLink l = link_made_at(t, AccessPurpose::invitation);
  EXPECT_EQ(state_of(l, t + std::chrono::days(7) - Seconds(1)), LinkState::pending);
  EXPECT_EQ(state_of(l, t + std::chrono::days(7)), LinkState::expired);
}

TEST(AccessLink, UsedOrRevokedSaysSoEvenAfterItExpired) {
  const TimePoint t = at("2026-12-01T09:00:00Z");
  AccessLink used = link_made_at(t, AccessPurpose::password_reset);
  used.used_at = t + Seconds(60);
  AccessLink revoked = link_made_at(t, AccessPurpose::invitation);
  revoked.revoked_at = t + Seconds(60);
  EXPECT_EQ(state_of(used, t + std::chrono::days(30)), LinkState::used);
  EXPECT_EQ(state_of(revoked, t + std::chrono::days(30)), LinkState::revoked);
}

TEST(AccessLink, PurposesAndStatesReadBackFromTheirNames) {
  for (AccessPurpose p : {AccessPurpose::invitation, AccessPurpose::password_reset})
    EXPECT_EQ(access_purpose_from(to_string(p)), p);
  for (LinkState s : {LinkState::pending, LinkState::used, LinkState::expired, LinkState::revoked})
    EXPECT_EQ(link_state_from(to_string(s)), s);
  EXPECT_FALSE(access_purpose_from("login"));
  EXPECT_FALSE(link_state_from("open"));
}

TEST(NewPassword, NeedsTenCharactersAndAtMostAKilobyte) {
  EXPECT_EQ(mh::testing::field_of(check_new_password("new_password", "too short")), "new_password");
  EXPECT_TRUE(check_new_password("password", "ten chars!"));
  EXPECT_FALSE(check_new_password("password", std::string(1025, 'x')));
}

TEST(Client, IsNamedByBrowserAndSystem) {
  EXPECT_EQ(describe_client("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"), "Firefox on Linux");
  EXPECT_EQ(describe_client("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                            "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0"),
            "Edge on Windows");
  EXPECT_EQ(describe_client("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 "
                            "Mobile Safari/537.36"),
            "Chrome on Android");
  EXPECT_EQ(describe_client("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
                            "Gecko) Version/17.0 Mobile/15E148 Safari/604.1"),
            "Safari on iOS");
  EXPECT_EQ(describe_client("curl/7.88.1"), "curl");
  EXPECT_EQ(describe_client(""), "Unknown browser");
}

}  // namespace
}  // namespace mh
