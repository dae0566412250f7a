// A cohort's use cases: who a filter selects, the rules of pins and prohibitions, one job at a
// time, and applying a finished job as proposals the mentors answer; each audited. And what
// administrators alone read: a cohort, its members, a matching's preview, the departments.
#include "services/cohorts.hpp"

#include "services/cohort_views.hpp"
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
  template <class T>
  Result<T> read(const std::function<Result<T>(sql::Connection&)>& f) {
    return store_->read_value<T>(f);
  }
  // A matching of the cohort queued at `at`, by the fixture's manager.
  storage::MatchingJob queued(TimePoint at) {
    auto job = write<storage::MatchingJob>(
        [&](sql::Connection& db) { return queue_matching(db, cohort_, MatchingRequest{}, manager_.id, at); });
    EXPECT_TRUE(job) << job.error().message;
    return job ? *job : storage::MatchingJob{};
  }
  // Finishes `job` with its preview: the mentee paired with the mentor, and two unmatched rows.
  void finished(const storage::MatchingJob& job) {
    ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
      storage::insert_job_pairs(db, job.id, {{mentee_.id, mentor_.id, 120, false, "[]", std::nullopt, ""}});
      storage::insert_job_unmatched(db, job.id,
                                    {{mentor_.id, "no_eligible_mentor", 0, 0}, {stranger_.id, "mentors_full", 2, 1}});
      storage::finish_job(db, job.id, storage::JobState::done, "", "{\"matched\": 1}", job.created_at);
      return {};
    }));
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
  EXPECT_EQ(code_of(store_->write([&](sql::Connection& db) -> Status {
              return set_pair_rule(db, cohort_ + 100, mentee_.id, mentor_.id, PairRuleKind::pin, manager_.id, kMonday);
            })),
            "not_found");
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

TEST_F(CohortsTest, CohortReadsAreForAdministratorsOnly) {
  const auto job = queued(kMonday);
  const Person& someone = mentor_;  // a member of the cohort, yet no administrator
  const PreviewQuery page;
  EXPECT_EQ(code_of(read<CohortView>([&](sql::Connection& db) { return cohort_view(db, someone, cohort_, kMonday); })),
            "forbidden");
  EXPECT_EQ(code_of(read<std::vector<CohortView>>([&](sql::Connection& db) { return cohort_views(db, someone, kMonday); })),
            "forbidden");
  EXPECT_EQ(code_of(read<CohortMemberPage>(
                [&](sql::Connection& db) { return cohort_member_page(db, someone, cohort_, CohortMemberQuery{}); })),
            "forbidden");
  EXPECT_EQ(code_of(read<MatchingView>([&](sql::Connection& db) { return matching_view(db, someone, job.id, kMonday); })),
            "forbidden");
  EXPECT_EQ(code_of(read<PreviewPage<storage::JobPair>>(
                [&](sql::Connection& db) { return matching_pairs(db, someone, job.id, page, kMonday); })),
            "forbidden");
  EXPECT_EQ(code_of(read<PreviewPage<storage::JobUnmatched>>([&](sql::Connection& db) {
              return matching_unmatched(db, someone, job.id, page, std::nullopt, kMonday);
            })),
            "forbidden");
  EXPECT_EQ(code_of(read<std::vector<storage::DepartmentCounts>>(
                [&](sql::Connection& db) { return cohort_departments(db, someone); })),
            "forbidden");
}

TEST_F(CohortsTest, ACohortShowsItsCountsProgramRulesAndMatchingsNewestFirst) {
  const Person admin = administrator();
  ASSERT_TRUE(rule(mentee_.id, mentor_.id, storage::PairRuleKind::pin));
  ASSERT_TRUE(rule(mentee_.id, stranger_.id, storage::PairRuleKind::forbid));
  const auto first = queued(kMonday);
  finished(first);
  const auto second = queued(kMonday + std::chrono::minutes(1));
  auto alone = read<CohortView>([&](sql::Connection& db) { return cohort_view(db, admin, cohort_, kMonday); });
  ASSERT_TRUE(alone) << alone.error().message;
  EXPECT_EQ(alone->cohort.name, "Autumn");
  EXPECT_EQ(alone->counts.mentees, 1);
  EXPECT_EQ(alone->counts.mentors, 2);
  ASSERT_TRUE(alone->program);
  EXPECT_TRUE(alone->program->is_default);
  ASSERT_TRUE(alone->rules);
  ASSERT_EQ(alone->rules->size(), 2u);
  EXPECT_EQ((*alone->rules)[0].kind, storage::PairRuleKind::pin);
  EXPECT_EQ((*alone->rules)[1].mentor_id, stranger_.id);
  ASSERT_EQ(alone->matchings.size(), 2u);
  EXPECT_EQ(alone->matchings[0].id, second.id);
  EXPECT_EQ(alone->matchings[1].id, first.id);
  EXPECT_EQ(alone->matchings[1].summary, "{\"matched\": 1}");
  // Matchings are shown as callers should see them: one without a heartbeat has failed.
  auto later = read<CohortView>([&](sql::Connection& db) {
    return cohort_view(db, admin, cohort_, kMonday + kQueuedJobTimeout + std::chrono::minutes(2));
  });
  ASSERT_TRUE(later);
  EXPECT_EQ(later->matchings[0].state, storage::JobState::failed);
  EXPECT_EQ(later->matchings[1].state, storage::JobState::done);
  // A list shows each cohort with its latest matching, without its rules.
  auto listed = read<std::vector<CohortView>>([&](sql::Connection& db) { return cohort_views(db, admin, kMonday); });
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].counts.mentors, 2);
  ASSERT_EQ((*listed)[0].matchings.size(), 1u);
  EXPECT_EQ((*listed)[0].matchings[0].id, second.id);
  EXPECT_FALSE((*listed)[0].rules);
  EXPECT_EQ(code_of(read<CohortView>([&](sql::Connection& db) { return cohort_view(db, admin, cohort_ + 100, kMonday); })),
            "not_found");
}

TEST_F(CohortsTest, MemberPagesKeepWhomTheCallerKeepsByIdAfterTheCursor) {
  const Person admin = administrator();
  auto members = [&](CohortMemberQuery query, storage::CohortId cohort) {
    query.role = storage::CohortRole::mentor;
    return read<CohortMemberPage>([&](sql::Connection& db) { return cohort_member_page(db, admin, cohort, query); });
  };
  CohortMemberQuery first;
  first.limit = 1;
  auto page = members(first, cohort_);
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->items, std::vector<PersonId>{mentor_.id});
  EXPECT_EQ(page->next_after, mentor_.id);
  CohortMemberQuery next = first;
  next.after = page->next_after;
  page = members(next, cohort_);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->items, std::vector<PersonId>{stranger_.id});
  EXPECT_FALSE(page->next_after);
  CohortMemberQuery kept;
  kept.keep = [&](PersonId id) { return id == stranger_.id; };
  page = members(kept, cohort_);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->items, std::vector<PersonId>{stranger_.id});
  EXPECT_FALSE(page->next_after);
  EXPECT_EQ(code_of(members(first, cohort_ + 100)), "not_found");
}

TEST_F(CohortsTest, APreviewIsPagedOnceItsMatchingHasFinished) {
  const Person admin = administrator();
  const auto job = queued(kMonday);
  auto pairs = [&](storage::MatchingJobId id) {
    return read<PreviewPage<storage::JobPair>>(
        [&](sql::Connection& db) { return matching_pairs(db, admin, id, PreviewQuery{}, kMonday); });
  };
  auto unmatched = [&](const PreviewQuery& query, std::optional<std::string> reason) {
    return read<PreviewPage<storage::JobUnmatched>>(
        [&](sql::Connection& db) { return matching_unmatched(db, admin, job.id, query, reason, kMonday); });
  };
  auto running = pairs(job.id);
  EXPECT_EQ(code_of(running), "conflict");
  EXPECT_NE(running.error().message.find("still running (0%)"), std::string::npos);
  EXPECT_EQ(code_of(pairs(job.id + 100)), "not_found");
  EXPECT_EQ(code_of(read<MatchingView>(
                [&](sql::Connection& db) { return matching_view(db, admin, job.id + 100, kMonday); })),
            "not_found");
  finished(job);
  auto view = read<MatchingView>([&](sql::Connection& db) { return matching_view(db, admin, job.id, kMonday); });
  ASSERT_TRUE(view) << view.error().message;
  EXPECT_EQ(view->cohort_name, "Autumn");
  EXPECT_EQ(view->job.state, storage::JobState::done);
  auto paired = pairs(job.id);
  ASSERT_TRUE(paired) << paired.error().message;
  ASSERT_EQ(paired->items.size(), 1u);
  EXPECT_EQ(paired->items[0].mentor_id, mentor_.id);
  EXPECT_FALSE(paired->next_after);
  PreviewQuery one;
  one.limit = 1;
  auto first = unmatched(one, std::nullopt);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->items.size(), 1u);
  EXPECT_EQ(first->items[0].mentee_id, mentor_.id);
  EXPECT_EQ(first->next_after, mentor_.id);
  auto full = unmatched(PreviewQuery{}, "mentors_full");
  ASSERT_TRUE(full);
  ASSERT_EQ(full->items.size(), 1u);
  EXPECT_EQ(full->items[0].mentee_id, stranger_.id);
  EXPECT_EQ(full->items[0].candidates, 1);
}

TEST_F(CohortsTest, DepartmentsCountWhoSeeksAndWhoOffersOneToOne) {
  const Person admin = administrator();
  ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
    Person m = mentor_;
    m.department = "Engineering";
    storage::update_person(db, m);
    return {};
  }));
  auto counts = read<std::vector<storage::DepartmentCounts>>(
      [&](sql::Connection& db) { return cohort_departments(db, admin); });
  ASSERT_TRUE(counts) << counts.error().message;
  ASSERT_EQ(counts->size(), 2u);
  EXPECT_EQ((*counts)[0].department, "");
  EXPECT_EQ((*counts)[0].people, 4);  // the manager, the mentee, the stranger and the administrator
  EXPECT_EQ((*counts)[0].seeking_one_to_one, 1);
  EXPECT_EQ((*counts)[0].offering_one_to_one, 1);
  EXPECT_EQ((*counts)[1].department, "Engineering");
  EXPECT_EQ((*counts)[1].people, 1);
  EXPECT_EQ((*counts)[1].offering_one_to_one, 1);
}

}  // namespace
}  // namespace mh::services
