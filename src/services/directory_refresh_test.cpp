// The directory snapshot keeps its MentorTable and people current by reading only what changed:
// after every kind of change it must equal a snapshot built from scratch.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "services/directory.hpp"
#include "matching/profiles.hpp"
#include "matching/ranking_test_support.hpp"
#include "matching/scoring.hpp"
#include "storage/people_repo.hpp"
#include "storage/relationships_repo.hpp"
#include "storage/store.hpp"
#include "support/fresh_database.hpp"

namespace mh::services {
namespace {

using matching::Weights;

const std::vector<std::string> kZones = {"UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata"};
const std::vector<std::string> kSkillPool = {"Python", "SQL", "Budgeting", "Generative AI", "Negotiation",
                                             "Public speaking", "Forecasting", "Kubernetes"};

class DirectoryRefreshTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    MH_FRESH_STORE_OR_SKIP(store_, GetParam(), "directory_refresh_test", 2);
    ASSERT_TRUE(store_->migrate(0));
  }

  Person random_person(int n) {
    Person p;
    p.email = "person" + std::to_string(n) + "@example.com";
    p.name = "Person " + std::to_string(n);
    p.title = n % 3 == 0 ? "Analyst" : n % 3 == 1 ? "Senior Engineer" : "Head of Sales";
    p.department = n % 4 == 0 ? "Finance" : n % 4 == 1 ? "Engineering" : "Sales";
    p.career_start_year = 1990 + static_cast<int>(rng_() % 30);
    // Distinct skills: the store keeps one level per skill and person.
    std::vector<std::string> pool = kSkillPool;
    std::shuffle(pool.begin(), pool.end(), rng_);
    for (int k = static_cast<int>(rng_() % 5); k > 0; --k) p.skills.push_back({pool[k], 1 + static_cast<int>(rng_() % 5)});
    p.aspirations.skills = {kSkillPool[rng_() % kSkillPool.size()]};
    p.aspirations.roles = {"Senior Engineer"};
    p.timezone = kZones[rng_() % kZones.size()];
    p.media = {Medium::video};
    if (n % 3 != 2) {
      p.mentor_capacity = 1 + static_cast<int>(rng_() % 3);
      p.formats_offered = {Format::one_to_one};
    }
    p.created_at = p.updated_at = now_ - Seconds(86400);  // imported the day before
    return p;
  }

  void write(const std::function<void(sql::Connection&)>& work) {
    const Status done = store_->write([&](sql::Connection& db) -> Status {
      work(db);
      return {};
    });
    ASSERT_TRUE(done) << done.error().message;
  }

  Person load(PersonId id) {
    return *store_->read_value<Person>([&](sql::Connection& db) -> Result<Person> { return *storage::find_person(db, id); });
  }

  void save(Person p) {
    p.updated_at = now_;
    write([&](sql::Connection& db) { storage::update_person(db, p); });
  }

  std::shared_ptr<const DirectorySnapshot> snapshot(Directory& d) {
    return *store_->read_value<std::shared_ptr<const DirectorySnapshot>>(
        [&](sql::Connection& db) -> Result<std::shared_ptr<const DirectorySnapshot>> { return d.current(db, now_); });
  }

  // The refreshed snapshot must equal one built from scratch, person by person and mentor by
  // mentor, and rank every tenth person's recommendations the same way.
  void expect_as_fresh(const DirectorySnapshot& got, const std::string& what) {
    Directory scratch;
    const auto want = snapshot(scratch);
    const auto got_people = got.people->all(), want_people = want->people->all();
    ASSERT_EQ(got_people.size(), want_people.size()) << what;
    for (std::size_t i = 0; i < got_people.size(); ++i) {
      const Person& a = *got_people[i];
      const Person& b = *want_people[i];
      ASSERT_EQ(a.id, b.id) << what;
      EXPECT_EQ(a.name, b.name) << what;
      EXPECT_EQ(a.title, b.title) << what;
      EXPECT_EQ(a.skills, b.skills) << what << " person " << a.id;
      EXPECT_EQ(a.bio, b.bio) << what;
      EXPECT_EQ(a.mentor_capacity, b.mentor_capacity) << what;
      EXPECT_EQ(a.updated_at, b.updated_at) << what;
      EXPECT_EQ(got.live_mentees_of(a.id), want->live_mentees_of(a.id)) << what;
    }
    EXPECT_EQ(got.skill_names(), want->skill_names()) << what;
    ASSERT_EQ(got.mentors.size(), want->mentors.size()) << what;
    for (std::size_t i = 0; i < got.mentors.size(); ++i) {
      const matching::MentorProfile a = got.mentors.profile(i), b = want->mentors.profile(i);
      EXPECT_EQ(a.id, b.id) << what;
      EXPECT_EQ(a.title, b.title) << what;
      EXPECT_EQ(a.skills, b.skills) << what << " mentor " << a.id;
      EXPECT_EQ(a.years, b.years) << what << " mentor " << a.id;
      EXPECT_EQ(a.capacity, b.capacity) << what;
      EXPECT_EQ(a.live_mentees, b.live_mentees) << what << " mentor " << a.id;
      EXPECT_EQ(a.answer_rate, b.answer_rate) << what;
      EXPECT_EQ(a.utc_offset_minutes, b.utc_offset_minutes) << what;
    }
    const std::vector<std::string> emerging = {"generative ai"};
    for (std::size_t i = 0; i < got_people.size(); i += 10) {
      const auto mentee = matching::mentee_profile(*got_people[i], now_);
      matching::expect_same(matching::recommend(mentee, got.mentors, Weights{}, emerging, 10),
                            matching::recommend(mentee, want->mentors, Weights{}, emerging, 10),
                            what + ", mentee " + std::to_string(mentee.id));
    }
  }

  std::unique_ptr<Store> store_;
  std::mt19937 rng_{99};
  TimePoint now_ = TimePoint(Seconds(1795000000));
};

TEST_P(DirectoryRefreshTest, EveryKindOfChangeGivesTheSnapshotAFreshBuildWouldGive) {
  std::vector<PersonId> ids;
  ASSERT_NO_FATAL_FAILURE(write([&](sql::Connection& db) {
    for (int n = 0; n < 200; ++n) ids.push_back(storage::insert_person(db, random_person(n), ""));
  }));
  Directory d;
  auto before = snapshot(d);
  expect_as_fresh(*before, "first build");
  EXPECT_EQ(snapshot(d), before);  // nothing changed: the same snapshot

  // A bio edit: one person read again, everyone else shared.
  now_ += Seconds(60);
  Person p = load(ids[5]);
  p.bio = "Loves pivot tables";
  save(p);
  auto after = snapshot(d);
  expect_as_fresh(*after, "bio edit");
  EXPECT_EQ(after->person(ids[0]), before->person(ids[0]));
  EXPECT_NE(after->person(ids[5]), before->person(ids[5]));
  EXPECT_EQ(after->mentors.shared_profile(0).get(), before->mentors.shared_profile(0).get());
  before = after;

  // A mentor takes up a skill nobody had; a mentor stops mentoring; someone starts.
  now_ += Seconds(60);
  p = load(ids[0]);
  p.skills.push_back({"Zymurgy", 5});
  p.title = "Brewer";
  save(p);
  p = load(ids[1]);
  p.mentor_capacity = 0;
  save(p);
  p = load(ids[2]);
  p.mentor_capacity = 2;
  p.formats_offered = {Format::one_to_one};
  save(p);
  expect_as_fresh(*snapshot(d), "skills and mentoring changed");

  // Someone leaves, someone joins, someone comes back.
  now_ += Seconds(60);
  p = load(ids[7]);
  p.active = false;
  save(p);
  write([&](sql::Connection& db) { ids.push_back(storage::insert_person(db, random_person(500), "")); });
  expect_as_fresh(*snapshot(d), "deactivated and new");
  now_ += Seconds(60);
  p = load(ids[7]);
  p.active = true;
  save(p);
  expect_as_fresh(*snapshot(d), "reactivated");

  // The same person edited twice within one second, the snapshot refreshed in between: the
  // stamps are equal, so only the recent-write rule can catch the second edit.
  now_ += Seconds(60);
  p = load(ids[3]);
  p.skills = {{"Forecasting", 2}};
  save(p);
  expect_as_fresh(*snapshot(d), "first edit of the second");
  p = load(ids[3]);
  p.skills = {{"Forecasting", 5}, {"Budgeting", 4}};
  save(p);
  expect_as_fresh(*snapshot(d), "second edit of the second");

  // Two edits of one person between refreshes (more writes than people who differ).
  now_ += Seconds(60);
  p = load(ids[4]);
  p.title = "Analyst";
  save(p);
  p = load(ids[4]);
  p.bio = "Edited twice";
  save(p);
  expect_as_fresh(*snapshot(d), "two edits of one person");

  // A relationship: places and responsiveness change, the people are shared as they were.
  before = snapshot(d);
  write([&](sql::Connection& db) {
    Relationship r;
    r.mentee_id = ids[9];
    r.mentor_id = ids[0];
    r.initiator_id = ids[9];
    r.state = RelState::accepted;
    r.requested_at = now_ - Seconds(3600);
    r.answered_at = now_;
    r.expires_at = now_ + Seconds(14 * 86400);
    r.updated_at = now_;
    storage::insert_relationship(db, r);
  });
  after = snapshot(d);
  expect_as_fresh(*after, "a relationship");
  EXPECT_EQ(after->people.get(), before->people.get());
  EXPECT_EQ(after->live_mentees_of(ids[0]), 1);

  // Many edits at once: everyone is read again, and the result is the same.
  now_ += Seconds(60);
  write([&](sql::Connection& db) {
    for (std::size_t i = 10; i < 110; ++i) {
      Person q = *storage::find_person(db, ids[i]);
      q.bio = "Bulk edit";
      q.updated_at = now_;
      storage::update_person(db, q);
    }
  });
  expect_as_fresh(*snapshot(d), "bulk edit");

  // A new year: every mentor's experience grows by one at the next refresh.
  now_ += Seconds(366 * 86400);
  p = load(ids[6]);
  p.bio = "A year later";
  save(p);
  expect_as_fresh(*snapshot(d), "a year later");
}

INSTANTIATE_TEST_SUITE_P(Stores, DirectoryRefreshTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace mh::services
