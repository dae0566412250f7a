// Recovering someone's account on the command line (services/account_recovery.hpp): only an
// administrator may, the person is found by e-mail, and each action signs the person out where it
// must and leaves its entry in the audit trail, or nothing at all when refused.
#include "services/account_recovery.hpp"

#include "services/admin_audit.hpp"
#include "services/testing.hpp"
#include "storage/auth_repo.hpp"
#include "storage/break_glass_repo.hpp"
#include "storage/second_factor_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;

class AccountRecoveryTest : public ServicesTest {
 protected:
  void SetUp() override {
    ServicesTest::SetUp();
    operator_.is_admin = true;  // the command line's operator: an administrator without an id
    write([&](sql::Connection& db) {
      storage::insert_token(db, {"maya-session", mentee_.id, "session", "", "csrf", kMonday, kMonday + days(7), ""});
      storage::insert_token(db, {"maya-api", mentee_.id, "api", "script", "", kMonday, kMonday + days(7), ""});
    });
  }

  void write(const std::function<void(sql::Connection&)>& f) {
    ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
      f(db);
      return {};
    }));
  }
  template <class T>
  T read(const std::function<T(sql::Connection&)>& f) {
    return *store_->read_value<T>([&](sql::Connection& db) -> Result<T> { return f(db); });
  }
  bool live(const std::string& token_hash) {
    return read<bool>([&](sql::Connection& db) { return storage::find_live_token(db, token_hash, kMonday).has_value(); });
  }
  std::vector<storage::AdminAuditEntry> audit() {
    return read<std::vector<storage::AdminAuditEntry>>(
        [&](sql::Connection& db) { return storage::admin_audit(db, 100, std::nullopt); });
  }
  void give_maya_a_second_factor() {
    write([&](sql::Connection& db) {
      storage::save_unconfirmed_second_factor(db, mentee_.id, "JBSWY3DPEHPK3PXP", kMonday);
      storage::confirm_second_factor(db, mentee_.id, 1, kMonday);
    });
  }

  Person operator_;
};

TEST_F(AccountRecoveryTest, ANewPasswordEndsTheBrowserSessionsAndIsAudited) {
  auto ran = run<Person>(kMonday, [&](UseCase& uc) { return set_password_for(uc, operator_, "Maya@Example.com", "new-hash"); });
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  EXPECT_EQ(ran.result->id, mentee_.id) << "the address is matched as the sign-in matches it";
  EXPECT_EQ(read<std::string>([&](sql::Connection& db) { return storage::password_hash_of(db, mentee_.id); }), "new-hash");
  EXPECT_FALSE(live("maya-session")) << "whoever knew the old password is signed out";
  EXPECT_TRUE(live("maya-api")) << "the person's own scripts keep their tokens";
  const auto entries = audit();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, admin_action::kPasswordSet);
  EXPECT_EQ(entries[0].subject, "person:" + std::to_string(mentee_.id));
  EXPECT_FALSE(entries[0].actor.has_value()) << "the command line acts without an id";
}

TEST_F(AccountRecoveryTest, AdministratorRightsAreGrantedOnceAndAudited) {
  auto ran = run<Person>(kMonday, [&](UseCase& uc) { return grant_administrator_rights(uc, operator_, "maya@example.com"); });
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  EXPECT_TRUE(ran.result->is_admin);
  ASSERT_EQ(audit().size(), 1u);
  EXPECT_EQ(audit()[0].detail, "administrator rights granted");

  auto again = run<Person>(kMonday, [&](UseCase& uc) { return grant_administrator_rights(uc, operator_, "maya@example.com"); });
  EXPECT_EQ(code_of(again.result), "conflict");
  EXPECT_EQ(audit().size(), 1u) << "a refused action leaves no entry";
}

TEST_F(AccountRecoveryTest, RemovingASecondFactorSignsThePersonOutAndIsAudited) {
  auto none = run<Person>(kMonday, [&](UseCase& uc) { return remove_second_factor_of(uc, operator_, "maya@example.com"); });
  EXPECT_EQ(code_of(none.result), "conflict") << "there is nothing to remove";
  EXPECT_TRUE(live("maya-session"));

  give_maya_a_second_factor();
  auto ran = run<Person>(kMonday, [&](UseCase& uc) { return remove_second_factor_of(uc, operator_, "maya@example.com"); });
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  EXPECT_FALSE(read<bool>([&](sql::Connection& db) { return storage::has_second_factor(db, mentee_.id); }));
  EXPECT_FALSE(live("maya-session"));
  const auto entries = audit();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, admin_action::kSecondFactorRemoved);
}

TEST_F(AccountRecoveryTest, OnlyAnAdministratorRecoversAnAccountAndAnUnknownAddressIsNotFound) {
  give_maya_a_second_factor();
  for (const Person* actor : {&mentor_, &manager_}) {
    EXPECT_EQ(code_of(run<Person>(kMonday, [&](UseCase& uc) { return set_password_for(uc, *actor, "maya@example.com", "x"); }).result),
              "forbidden");
    EXPECT_EQ(code_of(run<Person>(kMonday, [&](UseCase& uc) { return grant_administrator_rights(uc, *actor, "maya@example.com"); }).result),
              "forbidden");
    EXPECT_EQ(code_of(run<Person>(kMonday, [&](UseCase& uc) { return remove_second_factor_of(uc, *actor, "maya@example.com"); }).result),
              "forbidden");
  }
  for (auto* use_case : {+[](UseCase& uc, const Person& a) { return set_password_for(uc, a, "nobody@example.com", "x"); },
                         +[](UseCase& uc, const Person& a) { return grant_administrator_rights(uc, a, "nobody@example.com"); },
                         +[](UseCase& uc, const Person& a) { return remove_second_factor_of(uc, a, "nobody@example.com"); }}) {
    auto ran = run<Person>(kMonday, [&](UseCase& uc) { return use_case(uc, operator_); });
    EXPECT_EQ(code_of(ran.result), "not_found");
  }
  EXPECT_TRUE(live("maya-session"));
  EXPECT_TRUE(read<bool>([&](sql::Connection& db) { return storage::has_second_factor(db, mentee_.id); }));
  EXPECT_TRUE(audit().empty());
}

}  // namespace
}  // namespace mh::services
