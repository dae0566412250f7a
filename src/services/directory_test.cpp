// The people snapshot behind recommendations: each refresh must show exactly the people the
// store holds, whether it reads only who was stamped since the last one or falls back to
// comparing everyone's stamps (SQLite only: on PostgreSQL the people stamped since are all there is).
#include "services/directory.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "domain/testing.hpp"
#include "services/testing.hpp"
#include "storage/people_repo.hpp"
#include "storage/store.hpp"
#include "support/fresh_database.hpp"

namespace mh::services {
namespace {

using mh::testing::at;

const TimePoint kStart = at("2026-11-02T09:00:00Z");

class DirectoryTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    MH_FRESH_STORE_OR_SKIP(store_, GetParam(), "directory_test", 2);
    ASSERT_TRUE(store_->migrate(0));
    for (int i = 0; i < 12; ++i) ids_.push_back(add("Person " + std::to_string(i), i % 3, kStart));
  }

  PersonId add(const std::string& name, int capacity, TimePoint when) {
    return testing::new_person(*store_, name, "p" + std::to_string(next_email_++) + "@example.com", capacity, when)
        .id;
  }

  // One profile write, stamped `when`, as the routes make them.
  void edit(PersonId id, TimePoint when, const std::function<void(Person&)>& change) {
    ASSERT_TRUE(store_->write([&](sql::Connection& db) -> Status {
      auto p = storage::find_person(db, id);
      if (!p) return not_found("no such person");
      change(*p);
      p->updated_at = when;
      storage::update_person(db, *p);
      return {};
    }));
  }

  std::shared_ptr<const DirectorySnapshot> snapshot(TimePoint now) {
    std::shared_ptr<const DirectorySnapshot> out;
    EXPECT_TRUE(store_->read([&](sql::Connection& db) -> Status {
      out = directory_.current(db, now);
      return {};
    }));
    return out;
  }

  // The snapshot holds exactly the active people, as stored.
  void expect_current(const DirectorySnapshot& snap) {
    std::vector<Person> stored;
    ASSERT_TRUE(store_->read([&](sql::Connection& db) -> Status {
      stored = storage::all_active_people(db);
      return {};
    }));
    const auto held_people = snap.people->all();
    ASSERT_EQ(held_people.size(), stored.size());
    ASSERT_EQ(snap.people->size(), stored.size());
    std::size_t mentors = 0;
    for (std::size_t i = 0; i < stored.size(); ++i) {
      const Person& held = *held_people[i];
      EXPECT_EQ(held.id, stored[i].id);
      EXPECT_EQ(held.name, stored[i].name);
      EXPECT_EQ(held.bio, stored[i].bio);
      EXPECT_EQ(held.mentor_capacity, stored[i].mentor_capacity);
      if (stored[i].mentor_capacity > 0) ++mentors;
    }
    EXPECT_EQ(snap.mentors.size(), mentors);
  }

  std::unique_ptr<Store> store_;
  Directory directory_;
  std::vector<PersonId> ids_;
  int next_email_ = 0;
};

TEST_P(DirectoryTest, OneEditIsSeenAndEveryoneElseIsShared) {
  // Five minutes on, nobody else was stamped recently enough to be read again (on PostgreSQL
  // the people stamped within a minute before a snapshot are read again by the next one).
  const TimePoint later = kStart + std::chrono::minutes(5);
  auto first = snapshot(later);
  expect_current(*first);
  edit(ids_[4], later + Seconds(30), [](Person& p) { p.bio = "A new bio"; });
  auto second = snapshot(later + Seconds(31));
  expect_current(*second);
  EXPECT_EQ(second->person(ids_[4])->bio, "A new bio");
  const auto was = first->people->all(), is = second->people->all();
  for (std::size_t i = 0; i < ids_.size(); ++i)
    if (i != 4) {
      EXPECT_EQ(is[i], was[i]) << "person " << i << " read again";
    }
}

TEST_P(DirectoryTest, NewDeactivatedAndReactivatedPeopleAreSeen) {
  snapshot(kStart);
  const PersonId newcomer = add("Newcomer", 2, kStart + Seconds(10));
  edit(ids_[1], kStart + Seconds(10), [](Person& p) { p.active = false; });
  auto after = snapshot(kStart + Seconds(11));
  expect_current(*after);
  ASSERT_NE(after->person(newcomer), nullptr);
  EXPECT_EQ(after->person(ids_[1]), nullptr);

  edit(ids_[1], kStart + Seconds(20), [](Person& p) { p.active = true; });
  expect_current(*snapshot(kStart + Seconds(21)));
}

TEST_P(DirectoryTest, ANewcomerWithAnOldStampIsSeen) {
  // Copied or imported with the stamp of another system: older than anything the snapshot read.
  snapshot(kStart + std::chrono::minutes(5));
  const PersonId old_hand = add("Old hand", 1, kStart - std::chrono::hours(24 * 365));
  auto after = snapshot(kStart + std::chrono::minutes(6));
  expect_current(*after);
  EXPECT_NE(after->person(old_hand), nullptr);
}

TEST_P(DirectoryTest, TwoEditsOfOnePersonWithinASecondAreBothSeen) {
  // The second edit carries the stamp the snapshot already holds: only comparing the store's
  // write count with the people found shows that something is missing.
  edit(ids_[2], kStart + Seconds(5), [](Person& p) { p.name = "First name"; });
  auto first = snapshot(kStart + Seconds(5));
  EXPECT_EQ(first->person(ids_[2])->name, "First name");
  edit(ids_[2], kStart + Seconds(5), [](Person& p) { p.name = "Second name"; });
  auto second = snapshot(kStart + Seconds(6));
  expect_current(*second);
  EXPECT_EQ(second->person(ids_[2])->name, "Second name");
}

TEST_P(DirectoryTest, EditsOfOnePersonBetweenRefreshesAndOfOthersAreAllSeen) {
  snapshot(kStart);
  edit(ids_[3], kStart + Seconds(40), [](Person& p) { p.bio = "one"; });
  edit(ids_[3], kStart + Seconds(41), [](Person& p) { p.bio = "two"; });
  edit(ids_[7], kStart + Seconds(42), [](Person& p) { p.mentor_capacity = 0; });
  auto after = snapshot(kStart + Seconds(43));
  expect_current(*after);
  EXPECT_EQ(after->person(ids_[3])->bio, "two");
}

TEST_P(DirectoryTest, ManyChangesReadEveryoneAgainAndStayCorrect) {
  snapshot(kStart);
  for (int i = 0; i < 80; ++i) add("Late " + std::to_string(i), i % 2, kStart + Seconds(50));
  for (std::size_t i = 0; i < ids_.size(); i += 2)
    edit(ids_[i], kStart + Seconds(51), [](Person& p) { p.title = "Retitled"; });
  expect_current(*snapshot(kStart + Seconds(52)));
}

TEST_P(DirectoryTest, AnEditMuchLaterThanTheSnapshotIsSeen) {
  snapshot(kStart);
  edit(ids_[9], kStart + std::chrono::hours(30), [](Person& p) { p.bio = "a day later"; });
  auto after = snapshot(kStart + std::chrono::hours(30));
  expect_current(*after);
  EXPECT_EQ(after->person(ids_[9])->bio, "a day later");
}

INSTANTIATE_TEST_SUITE_P(BothStores, DirectoryTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace mh::services
