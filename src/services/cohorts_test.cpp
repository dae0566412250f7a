// A cohort's use cases: who a filter selects, the rules of pins and prohibitions, one job at a
// time, and applying a finished job as proposals the mentors answer; each audited.
#include "services/cohorts.hpp"

#include "services/testing.hpp"
#include "services/admin_audit.hpp"
#include "storage/break_glass_repo.hpp"

namespace mh::services {
namespace {

using namespace testing;

class CohortsTest : public ServicesTest {
 protected:
  void SetUp() override {
    ServicesTest::SetUp();
    // The fixture's mentee seeks one-to-one mentoring; its mentor and stranger offer it.
    ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
      Person m = mentee_;
      m.formats_sought = {Format::one_to_one};
      storage::update_person(db, m);
      return {};
    }));
    auto made = write<storage::CohortId>([&](sql::Connection& db) {
      return create_cohort(db, "Autumn", "", CohortSelection{}, manager_.id, kMonday);
    });
    ASSERT_TRUE(made) << made.error().message;
    cohort_ = *made;
  }

  template <class T>
  Result<T> write(const std::function<Result<T>(sql::Connection&)>& f) {
    return store_->write_value<T>(f);
  }
  Status rule(PersonId mentee, PersonId mentor, storage::PairRuleKind kind) {
    return store_->write([&](sql::Connection& db) -> Status {
      return set_pair_rule(db, cohort_, mentee, mentor, kind, manager_.id, kMonday);
    });
  }
  std::vector<std::string> audited() {
    auto rows = store_->read_value<std::vector<storage::AdminAuditEntry>>(
        [&](sql::Connection& db) -> Result<std::vector<storage::AdminAuditEntry>> {
          return storage::admin_audit(db, 50, std::nullopt);
        });
    std::vector<std::string> actions;
    for (const auto& e : *rows) actions.insert(actions.begin(), e.action);
    return actions;
  }

  storage::CohortId cohort_ = 0;
};

TEST_F(CohortsTest, AFilterSelectsWhoSeeksAndWhoOffersAndANameIsTakenOnce) {
  auto members = store_->read_value<std::pair<std::size_t, std::size_t>>(
      [&](sql::Connection& db) -> Result<std::pair<std::size_t, std::size_t>> {
        return std::pair{storage::cohort_members(db, cohort_, storage::CohortRole::mentee).size(),
                         storage::cohort_members(db, cohort_, storage::CohortRole::mentor).size()};
      });
  EXPECT_EQ(members->first, 1u);   // the mentee
  EXPECT_EQ(members->second, 2u);  // the mentor and the stranger, who offer places
  auto again = write<storage::CohortId>([&](sql::Connection& db) {
    return create_cohort(db, "Autumn", "", CohortSelection{}, manager_.id, kMonday);
  });
  EXPECT_EQ(code_of(again), "conflict");
  EXPECT_EQ(field_of(again), "name");
  CohortSelection listed;
  listed.mentee_ids = std::vector<PersonId>{mentee_.id, mentee_.id};
  listed.mentor_ids = std::vector<PersonId>{mentor_.id};
  EXPECT_EQ(field_of(write<storage::CohortId>([&](sql::Connection& db) {
              return create_cohort(db, "Winter", "", listed, manager_.id, kMonday);
            })),
            "mentee_ids[1]");
  CohortSelection nobody;
  nobody.department = "Nowhere";
  EXPECT_EQ(field_of(write<storage::CohortId>([&](sql::Connection& db) {
              return create_cohort(db, "Spring", "", nobody, manager_.id, kMonday);
            })),
            "filter");
}

TEST_F(CohortsTest, PinsNameTheMemberTheyRefuseAndAMenteeHasOnePin) {
  using storage::PairRuleKind;
  EXPECT_EQ(field_of(rule(mentor_.id, mentee_.id, PairRuleKind::pin)), "mentee_id");  // roles swapped
  EXPECT_EQ(field_of(rule(mentee_.id, manager_.id, PairRuleKind::forbid)), "mentor_id");  // not a member
  ASSERT_TRUE(rule(mentee_.id, mentor_.id, PairRuleKind::pin));
  auto second = rule(mentee_.id, stranger_.id, PairRuleKind::pin);
  EXPECT_EQ(code_of(second), "conflict");
  EXPECT_NE(second.error().message.find("Daniel Mentor"), std::string::npos);
  ASSERT_TRUE(rule(mentee_.id, stranger_.id, PairRuleKind::forbid));
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    return remove_pair_rule(db, cohort_, mentee_.id, stranger_.id, manager_.id, kMonday);
  }));
  EXPECT_EQ(code_of(store_->write([&](sql::Connection& db) -> Status {
              return remove_pair_rule(db, cohort_, mentee_.id, stranger_.id, manager_.id, kMonday);
            })),
            "not_found");
  EXPECT_EQ(audited(), (std::vector<std::string>{admin_action::kCohortCreated, admin_action::kPairRuleSet,
                                                 admin_action::kPairRuleSet, admin_action::kPairRuleRemoved}));
}

TEST_F(CohortsTest, OneJobRunsAtATimeAndOnlyAFinishedOneIsApplied) {
  auto queue = [&](TimePoint at) {
    return write<storage::MatchingJob>(
        [&](sql::Connection& db) { return queue_matching(db, cohort_, MatchingRequest{}, manager_.id, at); });
  };
  auto job = queue(kMonday);
  ASSERT_TRUE(job) << job.error().message;
  EXPECT_EQ(code_of(queue(kMonday + std::chrono::seconds(5))), "conflict");
  auto apply = [&] {
    return write<AppliedMatching>([&](sql::Connection& db) {
      return apply_matching(db, job->id, &manager_, kMonday, LifecycleSettings{});
    });
  };
  EXPECT_EQ(code_of(apply()), "conflict");  // still queued
  // The job finishes with one pair; applying proposes it, and only once.
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    storage::insert_job_pairs(db, job->id, {{mentee_.id, mentor_.id, 120, false, "[]", std::nullopt, ""}});
    storage::finish_job(db, job->id, storage::JobState::done, "", "{}", kMonday);
    return {};
  }));
  auto applied = apply();
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_EQ(applied->created, 1);
  EXPECT_TRUE(applied->skipped.empty());
  EXPECT_EQ(code_of(apply()), "conflict");
  // A job without a heartbeat for longer than the timeout is shown as failed.
  auto stale = queue(kMonday + std::chrono::seconds(10));
  ASSERT_TRUE(stale);
  EXPECT_EQ(effective(*stale, kMonday + kQueuedJobTimeout + std::chrono::minutes(1)).state, storage::JobState::failed);
}

}  // namespace
}  // namespace mh::services
