// The administrators' audit trail as they read it: pages newest first with who acted, the whole
// trail oldest first, and nobody else may read it.
#include "services/admin_audit.hpp"

#include "services/testing.hpp"

namespace mh::services {
namespace {

using namespace testing;

class AdminAuditTest : public AdminServicesTest {
 protected:
  void SetUp() override {
    AdminServicesTest::SetUp();
    ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
      record_admin_action(db, kMonday, admin_.id, admin_action::kPersonCreated, "person:1", "first");
      record_admin_action(db, kMonday + minutes(1), std::nullopt, admin_action::kPersonUpdated, "person:1", "second");
      record_admin_action(db, kMonday + minutes(2), admin_.id, admin_action::kCohortCreated, "cohort:1", "third");
      return {};
    }));
  }
};

TEST_F(AdminAuditTest, APageIsNewestFirstWithWhoActedAndSaysWhetherMoreRemain) {
  auto page = *store_->read_value<AdminAuditPage>(
      [&](sql::Connection& db) { return admin_audit_page(db, admin_, 2, std::nullopt); });
  ASSERT_EQ(page.view.entries.size(), 2u);
  EXPECT_TRUE(page.more);
  EXPECT_EQ(page.view.entries[0].detail, "third");
  EXPECT_EQ(page.view.actor_of(page.view.entries[0])->name, "Ada Admin");
  EXPECT_FALSE(page.view.actor_of(page.view.entries[1]));  // the command line is nobody
  EXPECT_EQ(page.view.actors.size(), 1u);

  auto rest = *store_->read_value<AdminAuditPage>(
      [&](sql::Connection& db) { return admin_audit_page(db, admin_, 2, page.view.entries.back().id); });
  ASSERT_EQ(rest.view.entries.size(), 1u);
  EXPECT_FALSE(rest.more);
  EXPECT_EQ(rest.view.entries[0].detail, "first");
}

TEST_F(AdminAuditTest, TheWholeTrailIsOldestFirst) {
  auto trail = *store_->read_value<AdminAuditView>([&](sql::Connection& db) { return whole_admin_audit(db, admin_); });
  ASSERT_EQ(trail.entries.size(), 3u);
  EXPECT_EQ(trail.entries[0].detail, "first");
  EXPECT_EQ(trail.entries[2].detail, "third");
}

TEST_F(AdminAuditTest, OnlyAdministratorsReadIt) {
  auto page = store_->read_value<AdminAuditPage>(
      [&](sql::Connection& db) { return admin_audit_page(db, mentee_, 10, std::nullopt); });
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().code, ErrorCode::forbidden);
  auto trail = store_->read_value<AdminAuditView>([&](sql::Connection& db) { return whole_admin_audit(db, mentor_); });
  ASSERT_FALSE(trail);
  EXPECT_EQ(trail.error().code, ErrorCode::forbidden);
}

}  // namespace
}  // namespace mh::services
