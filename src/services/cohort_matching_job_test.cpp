// A cohort's matching job run to its end on an in-memory store: the preview and its summary
// agree, a cohort without mentors, a run stopped by its cancel flag leaves no preview behind,
// the progress it reports only goes up, and the server's runner holds queued jobs for tests.
#include "services/cohort_matching_job.hpp"

#include <chrono>
#include <thread>
#include <utility>

#include <nlohmann/json.hpp>

#include "services/cohorts.hpp"
#include "services/matching_runner.hpp"
#include "services/testing.hpp"

namespace mh::services {
namespace {

using namespace testing;
using nlohmann::json;

class CohortMatchingJobTest : public ServicesTest {
 protected:
  void SetUp() override {
    ServicesTest::SetUp();
    // Two mentees who want to grow in negotiation, two mentors (three places) who are good at it.
    nora_ = person("Nora Newcomer", "nora@example.com", 0);
    ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
      for (Person* p : {&mentee_, &nora_}) {
        p->formats_sought = {Format::one_to_one};
        p->aspirations.skills = {"negotiation"};
        p->department = p == &mentee_ ? "Sales" : "Finance";
        storage::update_person(db, *p);
      }
      for (Person* p : {&mentor_, &stranger_}) {
        p->skills = {{"Negotiation", 4}};
        p->department = "Sales";
        storage::update_person(db, *p);
      }
      return {};
    }));
  }

  // A cohort of the listed people, and a matching of it queued by the fixture's manager.
  storage::MatchingJob queued(const std::vector<PersonId>& mentees, const std::vector<PersonId>& mentors) {
    CohortSelection listed;
    listed.mentee_ids = mentees;
    listed.mentor_ids = mentors;
    auto job = store_->write_value<storage::MatchingJob>([&](sql::Connection& db) -> Result<storage::MatchingJob> {
      MH_TRY(cohort, create_cohort(db, "Autumn", "", listed, manager_.id, kMonday));
      return queue_matching(db, cohort, MatchingRequest{}, manager_.id, kMonday);
    });
    EXPECT_TRUE(job) << job.error().message;
    return job ? *job : storage::MatchingJob{};
  }

  storage::MatchingJob job(storage::MatchingJobId id) {
    auto j = store_->read_value<storage::MatchingJob>([&](sql::Connection& db) -> Result<storage::MatchingJob> {
      auto found = storage::find_matching_job(db, id);
      if (!found) return not_found("no such matching");
      return std::move(*found);
    });
    EXPECT_TRUE(j) << j.error().message;
    return j ? *j : storage::MatchingJob{};
  }
  std::vector<storage::JobPair> pairs(storage::MatchingJobId id) {
    return read<std::vector<storage::JobPair>>([&](sql::Connection& db) { return storage::all_job_pairs(db, id); });
  }
  std::vector<storage::JobUnmatched> unmatched(storage::MatchingJobId id) {
    return read<std::vector<storage::JobUnmatched>>(
        [&](sql::Connection& db) { return storage::job_unmatched(db, id, std::nullopt, 1000); });
  }

  FakeClock clock_{kMonday};
  Person nora_;
};

using Reported = std::vector<std::pair<std::string, int>>;
const std::pair<std::string, int> kLoading{"loading", 1}, kDone{"done", 100}, kFailed{"failed", 0};

TEST_F(CohortMatchingJobTest, LoadingACohortThatDoesNotExistIsNotFound) {
  auto loaded = store_->read_value<LoadedCohort>(
      [&](sql::Connection& db) { return load_cohort(db, 999999, kMonday, false); });
  EXPECT_EQ(code_of(loaded), "not_found");
}

TEST_F(CohortMatchingJobTest, AQueuedJobEndsDoneWithPairsAndASummaryThatAddsUp) {
  const storage::MatchingJob queued_job = queued({mentee_.id, nora_.id}, {mentor_.id, stranger_.id});
  ASSERT_EQ(queued_job.state, storage::JobState::queued);
  run_matching_job(*store_, clock_, queued_job.id);

  const storage::MatchingJob done = job(queued_job.id);
  ASSERT_EQ(done.state, storage::JobState::done) << done.error;
  EXPECT_EQ(done.phase, "done");
  EXPECT_EQ(done.percent, 100);
  EXPECT_TRUE(done.error.empty());
  EXPECT_TRUE(done.finished_at.has_value());

  const auto rows = pairs(done.id);
  const auto left = unmatched(done.id);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.size() + left.size(), 2u);  // every mentee is either paired or unmatched, once
  std::int64_t total = 0;
  for (const auto& p : rows) {
    EXPECT_TRUE(p.mentee_id == mentee_.id || p.mentee_id == nora_.id);
    EXPECT_TRUE(p.mentor_id == mentor_.id || p.mentor_id == stranger_.id);
    EXPECT_GT(p.score, 0);
    EXPECT_TRUE(json::parse(p.factors).is_array());
    total += p.score;
  }

  const json s = json::parse(done.summary);
  EXPECT_EQ(s["mentees"], 2);
  EXPECT_EQ(s["mentors"], 2);
  EXPECT_EQ(s["places"], 3);
  EXPECT_EQ(s["matched"], static_cast<int>(rows.size()));
  EXPECT_DOUBLE_EQ(s["matched_share"].get<double>(), static_cast<double>(rows.size()) / 2);
  EXPECT_DOUBLE_EQ(s["total_score"].get<double>(), static_cast<double>(total) / 100);
  int in_bands = 0;
  for (const auto& b : s["score_distribution"]) in_bands += b["pairs"].get<int>();
  EXPECT_EQ(in_bands, static_cast<int>(rows.size()));
  int unmatched_by_reason = 0;
  for (const auto& [reason, n] : s["unmatched"].items()) unmatched_by_reason += n.get<int>();
  EXPECT_EQ(unmatched_by_reason, static_cast<int>(left.size()));
  int department_mentees = 0, department_matched = 0;
  for (const auto& d : s["departments"]) {
    department_mentees += d["mentees"].get<int>();
    department_matched += d["matched"].get<int>();
  }
  EXPECT_EQ(department_mentees, 2);
  EXPECT_EQ(department_matched, static_cast<int>(rows.size()));
  // The job's own figures beside the matching's.
  EXPECT_EQ(s["k"], 50);
  EXPECT_DOUBLE_EQ(s["min_score"].get<double>(), 0.01);
  EXPECT_EQ(s["forbidden"], 0);
  EXPECT_TRUE(s["ignored_pins"].is_array() && s["ignored_pins"].empty());
  EXPECT_EQ(s["inactive_members"], 0);
  EXPECT_EQ(s["mentored_mentees_left_out"], 0);
  for (const char* t : {"load", "candidates", "solve", "explain", "save", "total"})
    EXPECT_TRUE(s["timings_s"].contains(t)) << t;
}

TEST_F(CohortMatchingJobTest, ACohortWithoutMentorsEndsDoneWithEveryMenteeUnmatched) {
  const storage::MatchingJob queued_job = queued({mentee_.id, nora_.id}, {});
  run_matching_job(*store_, clock_, queued_job.id);

  const storage::MatchingJob done = job(queued_job.id);
  ASSERT_EQ(done.state, storage::JobState::done) << done.error;
  EXPECT_TRUE(pairs(done.id).empty());
  const auto left = unmatched(done.id);
  ASSERT_EQ(left.size(), 2u);
  for (const auto& u : left) {
    EXPECT_EQ(u.reason, "no_eligible_mentor");
    EXPECT_EQ(u.eligible_mentors, 0);
  }
  const json s = json::parse(done.summary);
  EXPECT_EQ(s["mentees"], 2);
  EXPECT_EQ(s["mentors"], 0);
  EXPECT_EQ(s["places"], 0);
  EXPECT_EQ(s["matched"], 0);
  EXPECT_EQ(s["unmatched"]["no_eligible_mentor"], 2);
}

TEST_F(CohortMatchingJobTest, ACancelledRunFailsWithoutWritingAPreview) {
  const storage::MatchingJob queued_job = queued({mentee_.id, nora_.id}, {mentor_.id, stranger_.id});
  const std::atomic<bool> cancel{true};  // the server is stopping already
  Reported reported;
  run_matching_job(
      *store_, clock_, queued_job.id, [&](const std::string& phase, int percent) { reported.emplace_back(phase, percent); },
      &cancel);

  const storage::MatchingJob failed = job(queued_job.id);
  EXPECT_EQ(failed.state, storage::JobState::failed);
  EXPECT_EQ(failed.phase, "failed");
  EXPECT_NE(failed.error.find("run it again"), std::string::npos) << failed.error;
  EXPECT_TRUE(failed.summary.empty());
  EXPECT_TRUE(pairs(failed.id).empty());
  EXPECT_TRUE(unmatched(failed.id).empty());
  ASSERT_FALSE(reported.empty());
  EXPECT_EQ(reported.back(), kFailed);
}

TEST_F(CohortMatchingJobTest, ARunCancelledWhileMatchingFailsWithoutWritingAPreview) {
  const storage::MatchingJob queued_job = queued({mentee_.id, nora_.id}, {mentor_.id, stranger_.id});
  std::atomic<bool> cancel{false};
  Reported reported;
  // The server starts stopping once the cohort is loaded and the matching begins.
  run_matching_job(
      *store_, clock_, queued_job.id,
      [&](const std::string& phase, int percent) {
        reported.emplace_back(phase, percent);
        if (phase == "candidates") cancel = true;
      },
      &cancel);

  const storage::MatchingJob failed = job(queued_job.id);
  EXPECT_EQ(failed.state, storage::JobState::failed);
  EXPECT_NE(failed.error.find("run it again"), std::string::npos) << failed.error;
  EXPECT_TRUE(failed.summary.empty());
  EXPECT_TRUE(pairs(failed.id).empty());
  EXPECT_TRUE(unmatched(failed.id).empty());
  for (const auto& [phase, percent] : reported) EXPECT_NE(phase, "saving");
  ASSERT_FALSE(reported.empty());
  EXPECT_EQ(reported.back(), kFailed);
}

TEST_F(CohortMatchingJobTest, ProgressOnlyGoesUpAndEndsAtOneHundred) {
  const storage::MatchingJob queued_job = queued({mentee_.id, nora_.id}, {mentor_.id, stranger_.id});
  Reported reported;
  run_matching_job(*store_, clock_, queued_job.id,
                   [&](const std::string& phase, int percent) { reported.emplace_back(phase, percent); });

  ASSERT_GE(reported.size(), 4u);
  EXPECT_EQ(reported.front(), kLoading);
  for (std::size_t i = 1; i < reported.size(); ++i)
    EXPECT_LE(reported[i - 1].second, reported[i].second) << reported[i - 1].first << " then " << reported[i].first;
  EXPECT_EQ(reported.back(), kDone);
  EXPECT_EQ(job(queued_job.id).percent, 100);
}

TEST_F(CohortMatchingJobTest, TheRunnerLeavesJobsQueuedWhileHeldAndRunsThemOnceReleased) {
  const storage::MatchingJob queued_job = queued({mentee_.id, nora_.id}, {mentor_.id, stranger_.id});
  MatchingRunner runner(*store_, clock_);
  runner.hold_for_test(true);
  runner.enqueue(queued_job.id);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(job(queued_job.id).state, storage::JobState::queued);

  runner.hold_for_test(false);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  storage::JobState state = storage::JobState::queued;
  while (std::chrono::steady_clock::now() < deadline) {
    state = job(queued_job.id).state;
    if (state == storage::JobState::done || state == storage::JobState::failed) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(state, storage::JobState::done);
}

}  // namespace
}  // namespace mh::services
