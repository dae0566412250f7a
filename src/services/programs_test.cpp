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

class ProgramsTest : public AdminServicesTest {
 protected:
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

TEST_F(ProgramsTest, OnlyAnAdministratorListsThePrograms) {
  program();
  auto listed = store_->read_value<std::vector<ProgramView>>([&](sql::Connection& db) { return list_programs(db, admin_); });
  ASSERT_TRUE(listed) << listed.error().message;
  EXPECT_EQ(listed->size(), 2u);  // the default program and the new one
  EXPECT_EQ(code_of(store_->read_value<std::vector<ProgramView>>(
                [&](sql::Connection& db) { return list_programs(db, mentor_); })),
            "forbidden");
}

// Administrators change a cohort and its members; each change is audited; nobody else may, and
// nothing changes once its program is closed.
TEST_F(ProgramsTest, AnAdministratorChangesACohortAndItsMembersUntilItsProgramCloses) {
  const storage::ProgramId p = program();
  CohortPlan plan;
  plan.program_id = p;
  plan.signup_open = true;
  CohortSelection by_signup;
  by_signup.signup_only = true;
  auto made = [&](const std::string& name) {
    auto id = store_->write_value<storage::CohortId>(
        [&](sql::Connection& db) { return create_cohort(db, name, "", by_signup, admin_.id, kMonday, plan); });
    EXPECT_TRUE(id) << id.error().message;
    return *id;
  };
  const storage::CohortId cohort = made("Spring"), other = made("Autumn");
  EXPECT_TRUE(require_cohort_administrator(admin_));
  EXPECT_EQ(code_of(require_cohort_administrator(mentor_)), "forbidden");
  auto update = [&](const Person& who, const CohortChange& c) {
    return store_->write([&](sql::Connection& db) { return update_cohort(db, who, cohort, c, kMonday); });
  };
  CohortChange rename;
  rename.name = "Spring 2027";
  EXPECT_EQ(code_of(update(mentor_, rename)), "forbidden");
  CohortChange blank;
  blank.name = "  ";
  expect_invalid(update(admin_, blank), "name");
  CohortChange taken;
  taken.name = "Autumn";
  EXPECT_EQ(code_of(update(admin_, taken)), "conflict");
  CohortChange backwards;
  backwards.starts_on = std::chrono::sys_days(std::chrono::year(2027) / 3 / 1);
  backwards.ends_on = std::chrono::sys_days(std::chrono::year(2027) / 2 / 1);
  EXPECT_EQ(field_of(update(admin_, backwards)), "ends_on");
  EXPECT_EQ(code_of(store_->write([&](sql::Connection& db) { return update_cohort(db, admin_, 999, rename, kMonday); })),
            "not_found");
  ASSERT_TRUE(update(admin_, rename));
  auto audit = store_->read_value<std::vector<storage::AdminAuditEntry>>(
      [&](sql::Connection& db) { return read_admin_audit(db, admin_, 10, std::nullopt); });
  ASSERT_TRUE(audit);
  ASSERT_FALSE(audit->empty());
  EXPECT_EQ(audit->front().action, admin_action::kCohortChanged);
  EXPECT_EQ(audit->front().detail, "name \"Spring\" -> \"Spring 2027\"");

  auto add = [&](const Person& who, const std::vector<PersonId>& ids) {
    return store_->write_value<AddedMembers>([&](sql::Connection& db) {
      return add_cohort_members(db, who, cohort, storage::CohortRole::mentee, ids, kMonday);
    });
  };
  EXPECT_EQ(code_of(add(mentor_, {mentee_.id})), "forbidden");
  EXPECT_EQ(field_of(add(admin_, {mentee_.id, 9999})), "person_ids[1]");
  auto added = add(admin_, {mentee_.id, stranger_.id});
  ASSERT_TRUE(added) << added.error().message;
  EXPECT_EQ(added->added, 2);
  EXPECT_EQ(added->counts.mentees, 2);
  auto again = add(admin_, {mentee_.id});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->added, 0);
  EXPECT_EQ(again->already, 1);

  // Once the sign-ups close, the person sees the cohort they are in, never its other members,
  // and someone not in it sees nothing of it.
  CohortChange close_signups;
  close_signups.signup_open = false;
  ASSERT_TRUE(update(admin_, close_signups));
  CohortChange close_other = close_signups;
  ASSERT_TRUE(store_->write([&](sql::Connection& db) { return update_cohort(db, admin_, other, close_other, kMonday); }));
  const MyCohorts mine = *store_->read_value<MyCohorts>(
      [&](sql::Connection& db) -> Result<MyCohorts> { return my_cohorts(db, mentee_, kMonday); });
  ASSERT_EQ(mine.items.size(), 1u);
  EXPECT_EQ(mine.items[0].cohort.name, "Spring 2027");
  EXPECT_FALSE(mine.items[0].open);
  EXPECT_EQ(mine.items[0].joined_as, std::vector<storage::CohortRole>{storage::CohortRole::mentee});
  EXPECT_TRUE(store_->read_value<MyCohorts>([&](sql::Connection& db) -> Result<MyCohorts> {
                       return my_cohorts(db, mentor_, kMonday);
                     })->items.empty());

  auto remove = [&](const Person& who, PersonId whom) {
    return store_->write([&](sql::Connection& db) {
      return remove_cohort_member(db, who, cohort, storage::CohortRole::mentee, whom, kMonday);
    });
  };
  EXPECT_EQ(code_of(remove(mentee_, stranger_.id)), "forbidden");
  EXPECT_EQ(code_of(remove(admin_, mentor_.id)), "not_found");
  ASSERT_TRUE(remove(admin_, stranger_.id));

  ASSERT_TRUE(run<ClosedProgram>(kMonday, [&](UseCase& uc) { return close_program(uc, admin_, p); }).result);
  EXPECT_EQ(code_of(update(admin_, rename)), "conflict");
  EXPECT_EQ(code_of(add(admin_, {mentor_.id})), "conflict");
  EXPECT_EQ(code_of(remove(admin_, mentee_.id)), "conflict");
}

}  // namespace
}  // namespace mh::services
