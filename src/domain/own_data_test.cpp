// Deleting one's account: the tombstone that stays, how the deletion is confirmed, and the last
// administrator who may not leave.
#include "domain/own_data.hpp"

#include <gtest/gtest.h>

#include "domain/testing.hpp"

namespace mh {
namespace {

using namespace mh::testing;

TEST(OwnData, TheTombstoneKeepsOnlyTheIdAndTheCreationTime) {
  Person p;
  p.id = 42;
  p.email = "maya@example.com";
  p.name = "Maya Mentee";
  p.title = "Analyst";
  p.department = "Finance";
  p.manager_id = 7;
  p.former_manager_ids = {3};
  p.skills = {{"Excel", 4}};
  p.bio = "I like numbers";
  p.employee_id = "E-42";
  p.is_admin = true;
  p.created_at = at("2025-01-01T00:00:00Z");
  const TimePoint now = at("2026-12-04T10:00:00Z");
  const Person t = erased_profile(p, now);
  EXPECT_EQ(t.id, 42);
  EXPECT_EQ(t.name, "Deleted person");
  EXPECT_EQ(t.email, "deleted-42@erased.invalid");
  EXPECT_FALSE(t.active);
  EXPECT_FALSE(t.is_admin);
  EXPECT_TRUE(t.title.empty() && t.department.empty() && t.bio.empty() && t.employee_id.empty());
  EXPECT_FALSE(t.manager_id);
  EXPECT_TRUE(t.former_manager_ids.empty() && t.skills.empty());
  EXPECT_EQ(t.created_at, p.created_at);
  EXPECT_EQ(t.updated_at, now);
  EXPECT_TRUE(is_erased(t));
  EXPECT_FALSE(is_erased(p));
}

TEST(OwnData, NobodyMayBeGivenAnAddressOfTheReservedDomain) {
  EXPECT_TRUE(is_erased_email("deleted-1@erased.invalid"));
  EXPECT_TRUE(is_erased_email("Someone@ERASED.invalid"));
  EXPECT_FALSE(is_erased_email("someone@example.com"));
  EXPECT_FALSE(is_erased_email("@erased.invalid"));
  Person p;
  p.email = "someone@erased.invalid";
  p.name = "Someone";
  auto s = validate_person(p, 2026, [](std::string_view) { return std::nullopt; });
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().field, "email");
}

TEST(OwnData, APasswordConfirmsWhenThereIsOneAndTheTypedWordOtherwise) {
  EXPECT_EQ(confirmation_for(true), DeletionConfirmation::password);
  EXPECT_EQ(confirmation_for(false), DeletionConfirmation::typed);
  EXPECT_TRUE(check_typed_confirmation("DELETE"));
  EXPECT_TRUE(check_typed_confirmation("  DELETE "));
  for (const char* wrong : {"", "delete", "DELETE ME", "yes"}) {
    auto s = check_typed_confirmation(wrong);
    ASSERT_FALSE(s) << wrong;
    EXPECT_EQ(s.error().code, ErrorCode::invalid);
    EXPECT_EQ(s.error().field, "confirmation");
  }
}

TEST(OwnData, TheLastAdministratorMayNotDeleteThemselves) {
  Person admin;
  admin.is_admin = true;
  auto s = check_may_delete(admin, 0);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, ErrorCode::conflict);
  EXPECT_EQ(s.error().field, "is_admin");
  EXPECT_TRUE(check_may_delete(admin, 1));
  Person someone;
  EXPECT_TRUE(check_may_delete(someone, 0));
}

}  // namespace
}  // namespace mh
