// Programs and cohort sign-up as use cases: closing a program asks only its own open pairs to
// conclude, the default program never closes, a program's fading rule reaches its relationships,
// and sign-up follows the cohort's window.
#include "services/programs.hpp"

#include "services/admin_audit.hpp"
#include "services/cohort_membership.hpp"
#include "services/cohorts.hpp"
#include "services/testing.hpp"
#include "storage/break_glass_repo.hpp"
#include "storage/finding_repo.hpp"
#include "storage/programs_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;

class ProgramsTest : public ServicesTest {
 protected:
  void SetUp() override {
    ServicesTest::SetUp();
    admin_ = administrator();
  }

  storage::ProgramId program(int fade_after = 2) {
    ProgramFields f;
    f.name = "Program " + std::to_string(++made_);
    f.fade_after_cadences = fade_after;
    auto id = store_->write_value<storage::ProgramId>(
        [&](sql::Connection& db) { return create_program(db, admin_, f, "{}", kMonday); });
    EXPECT_TRUE(id) << id.error().message;
    return *id;
  }

  void belongs_to(RelationshipId r, storage::ProgramId p) {
    ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
      storage::set_relationship_program(db, r, p);
      return {};
    }));
  }

  Person admin_;
  int made_ = 0;
};

std::vector<PersonId> told(const std::vector<Event>& events, const std::string& kind) {
  std::vector<PersonId> out;
  for (const auto& e : events)
    if (const auto* n = std::get_if<Notified>(&e); n && n->kind == kind) out.push_back(n->person_id);
  return out;
}

TEST_F(ProgramsTest, ClosingAsksOnlyItsOwnOpenPairsToConcludeOnce) {
  const storage::ProgramId p = program();
  const Relationship ours = accepted();
  belongs_to(ours.id, p);
  std::swap(mentor_, stranger_);  // a second pair, in the default program
  accepted();

  auto ran = run<ClosedProgram>(kMonday, [&](UseCase& uc) { return close_program(uc, admin_, p); });
  ASSERT_TRUE(ran.result) << ran.result.error().message;
  EXPECT_EQ(ran.result->asked_to_conclude, 1);
  auto people = told(ran.events, "program_closed");
  std::sort(people.begin(), people.end());
  std::vector<PersonId> pair{ours.mentee_id, ours.mentor_id};
  std::sort(pair.begin(), pair.end());
  EXPECT_EQ(people, pair);

  EXPECT_EQ(code_of(run<ClosedProgram>(kMonday, [&](UseCase& uc) { return close_program(uc, admin_, p); }).result),
            "conflict");
}

TEST_F(ProgramsTest, TheDefaultProgramNeverClosesAndOnlyAdministratorsCloseAny) {
  const storage::ProgramId p = program();
  auto default_id = store_->read_value<storage::ProgramId>(
      [&](sql::Connection& db) -> Result<storage::ProgramId> { return storage::default_program(db).id; });
  EXPECT_EQ(code_of(run<ClosedProgram>(kMonday, [&](UseCase& uc) { return close_program(uc, admin_, *default_id); })
                        .result),
            "conflict");
  EXPECT_EQ(code_of(run<ClosedProgram>(kMonday, [&](UseCase& uc) { return close_program(uc, mentor_, p); }).result),
            "forbidden");
}

TEST_F(ProgramsTest, TheDefaultProgramsMatchingIsTheOrganisationsSettingAndItsChangeIsAudited) {
  const auto changed = [&](const storage::ProgramRecord& before, std::optional<std::string> matching) {
    EXPECT_TRUE(store_->write([&](sql::Connection& db) {
      return update_program(db, admin_, before, before.fields, std::move(matching), kMonday);
    }));
    return *store_->read_value<std::string>([&](sql::Connection& db) -> Result<std::string> {
      return storage::admin_audit(db, 1, std::nullopt).at(0).detail;
    });
  };
  const auto default_program =
      *store_->read_value<storage::ProgramRecord>([](sql::Connection& db) -> Result<storage::ProgramRecord> {
        return storage::default_program(db);
      });
  EXPECT_EQ(changed(default_program, R"({"w_skill":3})"), "matching");
  EXPECT_EQ(*store_->read_value<std::optional<std::string>>([](sql::Connection& db) -> Result<std::optional<std::string>> {
    return storage::program_setting(db, "matching");
  }),
            R"({"w_skill":3})");
  EXPECT_EQ(changed(default_program, R"({"w_skill":3})"), "nothing changed");  // the same again

  const storage::ProgramId other = program();
  const auto record = *store_->read_value<storage::ProgramRecord>([&](sql::Connection& db) -> Result<storage::ProgramRecord> {
    return *storage::find_program(db, other);
  });
  EXPECT_EQ(changed(record, R"({"w_skill":4})"), "matching");
  // The organisation's setting is the default program's alone.
  EXPECT_EQ(*store_->read_value<std::optional<std::string>>([](sql::Connection& db) -> Result<std::optional<std::string>> {
    return storage::program_setting(db, "matching");
  }),
            R"({"w_skill":3})");
}

TEST_F(ProgramsTest, OnlyAnAdministratorChangesTheOrganisationsMatchingAndTheChangeIsAuditedAsSaid) {
  EXPECT_EQ(code_of(store_->write([&](sql::Connection& db) {
              return change_organisation_matching(db, mentee_, R"({"w_skill":9})", "weights.skill", kMonday);
            })),
            "forbidden");
  ASSERT_TRUE(store_->write([&](sql::Connection& db) {
    return change_organisation_matching(db, admin_, R"({"w_skill":5})", "weights.skill 3 -> 5", kMonday);
  }));
  EXPECT_EQ(*store_->read_value<std::optional<std::string>>([](sql::Connection& db) -> Result<std::optional<std::string>> {
    return storage::program_setting(db, "matching");
  }),
            R"({"w_skill":5})");
  const auto entry = *store_->read_value<storage::AdminAuditEntry>([](sql::Connection& db) -> Result<storage::AdminAuditEntry> {
    return storage::admin_audit(db, 1, std::nullopt).at(0);
  });
  EXPECT_EQ(entry.action, admin_action::kProgramSettingsChanged);
  EXPECT_EQ(entry.detail, "weights.skill 3 -> 5");
}

TEST_F(ProgramsTest, ARelationshipFadesByItsProgramsRule) {
  const Relationship r = accepted();
  auto fade = [&]() {
    return store_
        ->read_value<int>([&](sql::Connection& db) -> Result<int> {
          return storage::load_activity(db, *storage::find_relationship(db, r.id), 14, kMonday).fade_after_cadences;
        })
        .value();
  };
  EXPECT_EQ(fade(), 2);  // the default program's
  belongs_to(r.id, program(4));
  EXPECT_EQ(fade(), 4);
}

TEST_F(ProgramsTest, SignUpFollowsTheCohortsWindow) {
  CohortPlan plan;
  plan.signup_open = true;
  plan.ends_on = std::chrono::floor<std::chrono::days>(kMonday) + std::chrono::days(7);
  CohortSelection by_signup;
  by_signup.signup_only = true;
  auto cohort = store_->write_value<storage::CohortId>([&](sql::Connection& db) {
    return create_cohort(db, "Open", "", by_signup, admin_.id, kMonday, plan);
  });
  ASSERT_TRUE(cohort) << cohort.error().message;
  auto join = [&](const Person& who, storage::CohortRole role, TimePoint now) {
    return store_->write_value<MyCohort>([&](sql::Connection& db) { return join_cohort(db, who, *cohort, role, now); });
  };
  EXPECT_TRUE(join(mentee_, storage::CohortRole::mentee, kMonday));
  EXPECT_EQ(field_of(join(mentee_, storage::CohortRole::mentor, kMonday)), "role");  // no place offered
  EXPECT_TRUE(join(mentor_, storage::CohortRole::mentor, kMonday));
  const TimePoint after_end = kMonday + std::chrono::days(9);
  EXPECT_EQ(code_of(join(stranger_, storage::CohortRole::mentee, after_end)), "not_found");
  EXPECT_EQ(code_of(join(mentor_, storage::CohortRole::mentee, after_end)), "conflict");
  EXPECT_EQ(code_of(store_->write([&](sql::Connection& db) {
              return leave_cohort(db, mentee_, *cohort, storage::CohortRole::mentee, after_end);
            })),
            "conflict");
  EXPECT_TRUE(store_->write([&](sql::Connection& db) {
    return leave_cohort(db, mentee_, *cohort, storage::CohortRole::mentee, kMonday);
  }));
}

}  // namespace
}  // namespace mh::services
