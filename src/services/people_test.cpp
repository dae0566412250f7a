// Changing people's records (services/people.hpp): who may change what, the rules every change
// obeys whoever calls it, and what an administrator's change leaves in the audit trail.
#include "services/people.hpp"

#include "services/admin_audit.hpp"
#include "services/testing.hpp"
#include "storage/auth_repo.hpp"
#include "storage/break_glass_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;

class PeopleTest : public AdminServicesTest {
 protected:
  // A change naming `fields` that applies `apply`.
  static ProfileChange change(std::vector<std::string> fields, std::function<void(Person&)> apply) {
    return {std::move(fields), [apply](Person& p) -> Status {
              apply(p);
              return {};
            }};
  }

  Ran<Person> change_as(const Person& actor, PersonId id, const ProfileChange& c, bool administering) {
    return run<Person>(kMonday, [&](UseCase& uc) { return change_person(uc, actor, id, c, administering); });
  }

};

TEST_F(PeopleTest, APersonChangesTheirOwnProfileAndNobodyElses) {
  auto mine = change_as(mentee_, mentee_.id, change({"bio"}, [](Person& p) { p.bio = "Learning to lead"; }), false);
  ASSERT_TRUE(mine.result) << mine.result.error().message;
  EXPECT_EQ(mine.result->bio, "Learning to lead");
  EXPECT_EQ(mine.result->updated_at, kMonday);

  auto theirs = change_as(mentee_, mentor_.id, change({"bio"}, [](Person& p) { p.bio = "Hijacked"; }), false);
  EXPECT_EQ(code_of(theirs.result), "forbidden");
  auto pretending = change_as(mentee_, mentor_.id, change({"bio"}, [](Person& p) { p.bio = "Hijacked"; }), true);
  EXPECT_EQ(code_of(pretending.result), "forbidden");
  EXPECT_TRUE(audit().empty()) << "a person's own edit is not an administrator action";
}

TEST_F(PeopleTest, AnAdministratorsChangeIsAuditedWithTheFieldsNeverTheValues) {
  auto ran = change_as(admin_, mentor_.id, change({"title", "is_admin"}, [](Person& p) {
                         p.title = "Principal Engineer";
                         p.is_admin = true;
                       }),
                       true);
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  const auto trail = audit();
  ASSERT_EQ(trail.size(), 1u);
  EXPECT_EQ(trail[0].action, admin_action::kPersonUpdated);
  EXPECT_EQ(trail[0].subject, "person:" + std::to_string(mentor_.id));
  EXPECT_EQ(trail[0].detail, "changed title, is_admin; administrator rights granted");
}

TEST_F(PeopleTest, DeactivatingSignsThePersonOutEverywhereAndReactivatingIsAudited) {
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    storage::insert_token(db, storage::AuthToken{"hash-of-a-session", mentor_.id, "session", "", "csrf", kMonday,
                                                 kMonday + days(1), ""});
    return {};
  }));
  ASSERT_TRUE(change_as(admin_, mentor_.id, change({"active"}, [](Person& p) { p.active = false; }), true).result);
  EXPECT_FALSE(*store_->read_value<bool>([&](sql::Connection& db) -> Result<bool> {
    return storage::find_live_token(db, "hash-of-a-session", kMonday).has_value();
  }));
  ASSERT_TRUE(change_as(admin_, mentor_.id, change({"active"}, [](Person& p) { p.active = true; }), true).result);
  const auto trail = audit();  // newest first
  ASSERT_EQ(trail.size(), 2u);
  EXPECT_EQ(trail[0].action, admin_action::kPersonReactivated);
  EXPECT_EQ(trail[1].action, admin_action::kPersonDeactivated);
}

TEST_F(PeopleTest, AnAdministratorCannotLockThemselfOut) {
  auto rights = change_as(admin_, admin_.id, change({"is_admin"}, [](Person& p) { p.is_admin = false; }), true);
  EXPECT_EQ(code_of(rights.result), "conflict");
  EXPECT_EQ(field_of(rights.result), "is_admin");
  auto active = change_as(admin_, admin_.id, change({"active"}, [](Person& p) { p.active = false; }), false);
  EXPECT_EQ(code_of(active.result), "conflict");
  EXPECT_EQ(field_of(active.result), "active");
}

TEST_F(PeopleTest, AReplacedManagerBecomesAFormerManagerUnlessTheChangeSaysOtherwise) {
  auto moved = change_as(admin_, mentee_.id, change({"manager_id"}, [&](Person& p) { p.manager_id = mentor_.id; }), true);
  ASSERT_TRUE(moved.result) << moved.result.error().message;
  EXPECT_EQ(moved.result->former_manager_ids, std::vector<PersonId>{manager_.id});

  auto both = change_as(admin_, stranger_.id, change({"manager_id", "former_manager_ids"}, [&](Person& p) {
                          p.manager_id = manager_.id;
                          p.former_manager_ids = {};
                        }),
                        true);
  ASSERT_TRUE(both.result);
  EXPECT_TRUE(both.result->former_manager_ids.empty());
}

TEST_F(PeopleTest, TheReportingLineMustExistAndHaveNoCycle) {
  auto unknown = change_as(admin_, mentee_.id, change({"manager_id"}, [](Person& p) { p.manager_id = 999999; }), true);
  expect_invalid(unknown.result, "manager_id");
  EXPECT_EQ(code_of(change_as(admin_, 999999, change({"title"}, [](Person& p) { p.title = "Lead"; }), true).result),
            "not_found");
  Person gone = stranger_;
  gone.active = false;
  save(gone);
  auto to_deactivated = change_as(admin_, mentee_.id, change({"manager_id"}, [&](Person& p) { p.manager_id = gone.id; }), true);
  EXPECT_EQ(code_of(to_deactivated.result), "invalid");
  EXPECT_NE(to_deactivated.result.error().message.find("deactivated"), std::string::npos);
  auto unknown_former = change_as(admin_, mentee_.id, change({"former_manager_ids"}, [&](Person& p) {
                                    p.former_manager_ids = {999999};
                                  }),
                                  true);
  EXPECT_EQ(field_of(unknown_former.result), "former_manager_ids[0]");
  // Morgan manages Maya: Maya cannot become Morgan's manager.
  auto cycle = change_as(admin_, manager_.id, change({"manager_id"}, [&](Person& p) { p.manager_id = mentee_.id; }), true);
  EXPECT_EQ(field_of(cycle.result), "manager_id");
  auto self = change_as(admin_, mentee_.id, change({"former_manager_ids"}, [&](Person& p) {
                          p.former_manager_ids = {mentee_.id};
                        }),
                        true);
  EXPECT_EQ(field_of(self.result), "former_manager_ids[0]");
  EXPECT_TRUE(audit().empty()) << "a refused change leaves no entry";
}

TEST_F(PeopleTest, AnAddedPersonNeedsAFreeAddressAndAnAdministrator) {
  Person p;
  p.name = "Nora New";
  p.email = "nora@example.com";
  p.created_at = p.updated_at = kMonday;
  auto refused = run<Person>(kMonday, [&](UseCase& uc) { return add_person(uc, mentee_, p, ""); });
  EXPECT_EQ(code_of(refused.result), "forbidden");
  auto added = run<Person>(kMonday, [&](UseCase& uc) { return add_person(uc, admin_, p, ""); });
  ASSERT_TRUE(added.result) << added.result.error().message;
  EXPECT_GT(added.result->id, 0);
  Person twin = p;
  twin.name = "Nora Twin";
  auto taken = run<Person>(kMonday, [&](UseCase& uc) { return add_person(uc, admin_, twin, ""); });
  EXPECT_EQ(code_of(taken.result), "conflict");
  EXPECT_EQ(field_of(taken.result), "email");
  const auto trail = audit();
  ASSERT_EQ(trail.size(), 1u);
  EXPECT_EQ(trail[0].action, admin_action::kPersonCreated);
  EXPECT_EQ(trail[0].detail, "Nora New <nora@example.com>");
}

TEST_F(PeopleTest, OnlyDescriptiveFieldsRunWithRowLocks) {
  EXPECT_TRUE(describes_only({"bio", "skills", "timezone"}));
  EXPECT_FALSE(describes_only({"bio", "mentor_capacity"}));
  EXPECT_FALSE(describes_only({"manager_id"}));
  EXPECT_TRUE(describes_only({}));
}

}  // namespace
}  // namespace mh::services
