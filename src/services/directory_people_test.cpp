#include "services/directory_people.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

namespace mh::services {
namespace {

using PersonPtr = DirectoryPeople::PersonPtr;

Person person(PersonId id, int version) {
  Person p;
  p.id = id;
  p.name = "Person " + std::to_string(id);
  p.row_version = version;
  return p;
}

// The list as a map, for comparing with what a reference would hold.
std::map<PersonId, const Person*> as_map(const DirectoryPeople& people) {
  std::map<PersonId, const Person*> out;
  PersonId previous = 0;
  people.for_each([&](const PersonPtr& p) {
    EXPECT_GT(p->id, previous) << "not in id order";
    previous = p->id;
    out[p->id] = p.get();
  });
  return out;
}

TEST(DirectoryPeopleTest, AnEmptyListFindsNobodyAndTakesNewPeople) {
  DirectoryPeople empty;
  EXPECT_EQ(empty.size(), 0u);
  EXPECT_EQ(empty.find(1), nullptr);
  EXPECT_EQ(empty.last_id(), 0);
  auto one = empty.with({person(7, 1)}, {});
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ(one->find(7)->row_version, 1);
  EXPECT_EQ(one->last_id(), 7);
  EXPECT_EQ(one->with({}, {7})->size(), 0u);
}

// Random edits, arrivals and departures over several thousand people (many chunks, splits of
// chunks that grow, chunks emptied): after each, the list holds exactly what a plain map holds,
// every unchanged Person is the same object, for_each_change names exactly the changed ids,
// and reading the changes back gives exactly the changed ids.
TEST(DirectoryPeopleTest, StaysExactUnderRandomChangesAndSharesWhatDidNotChange) {
  std::mt19937 rng(20261206);
  std::vector<PersonPtr> start;
  std::map<PersonId, int> want;  // id -> row version
  for (PersonId id = 10; id < 10 + 3 * 5000; id += 3) {  // gaps, so arrivals land between people
    start.push_back(std::make_shared<const Person>(person(id, 1)));
    want[id] = 1;
  }
  auto list = std::make_shared<const DirectoryPeople>(std::move(start));
  for (int round = 0; round < 300; ++round) {
    std::set<PersonId> fresh_ids, removed;
    const int kind = round % 4;
    const int n = 1 + static_cast<int>(rng() % (kind == 3 ? 2000 : 8));
    for (int k = 0; k < n; ++k) {
      const PersonId id = 1 + static_cast<PersonId>(rng() % 16000);
      if (kind == 1 && !fresh_ids.count(id)) removed.insert(id);  // some are not held: ignored
      else if (!removed.count(id)) fresh_ids.insert(id);        // an edit or an arrival
    }
    std::vector<Person> fresh;
    for (PersonId id : fresh_ids) fresh.push_back(person(id, want.count(id) ? want[id] + 1 : 1));
    const std::vector<PersonId> remove(removed.begin(), removed.end());

    std::map<PersonId, int> expected = want;
    for (PersonId id : removed) expected.erase(id);
    for (const Person& p : fresh) expected[p.id] = p.row_version;

    auto next = list->with(fresh, remove);
    const auto was = as_map(*list), is = as_map(*next);
    ASSERT_EQ(next->size(), expected.size()) << "round " << round;
    ASSERT_EQ(is.size(), expected.size());
    for (const auto& [id, version] : expected) {
      const Person* p = next->find(id);
      ASSERT_NE(p, nullptr) << "round " << round << ", person " << id;
      EXPECT_EQ(p->row_version, version);
      EXPECT_EQ(is.at(id), p);
      if (!fresh_ids.count(id)) {
        EXPECT_EQ(p, was.at(id)) << "person " << id << " copied";
      }
    }
    EXPECT_EQ(next->last_id(), expected.rbegin()->first);
    for (PersonId id : removed) EXPECT_EQ(next->find(id), nullptr);
    EXPECT_EQ(next->find(0), nullptr);
    EXPECT_EQ(next->find(expected.rbegin()->first + 1), nullptr);

    std::set<PersonId> changed;
    DirectoryPeople::for_each_change(*list, *next, [&](const Person* before, const Person* after) {
      ASSERT_TRUE(before || after);
      const PersonId id = before ? before->id : after->id;
      if (before && after) {
        EXPECT_EQ(before->id, after->id);
      }
      EXPECT_TRUE(changed.insert(id).second) << "person " << id << " named twice";
    });
    std::set<PersonId> want_changed;
    for (PersonId id : fresh_ids) want_changed.insert(id);
    for (PersonId id : removed)
      if (want.count(id)) want_changed.insert(id);
    EXPECT_EQ(changed, want_changed) << "round " << round;

    want = std::move(expected);
    list = next;
  }
}

TEST(DirectoryPeopleTest, OneEditAmongTwentyThousandIsTheOnlyChangeAndTheOnlyNewPerson) {
  std::vector<PersonPtr> start;
  for (PersonId id = 1; id <= 20000; ++id) start.push_back(std::make_shared<const Person>(person(id, 1)));
  const DirectoryPeople list(std::move(start));
  auto next = list.with({person(12345, 2)}, {});
  int visited = 0;
  DirectoryPeople::for_each_change(list, *next, [&](const Person*, const Person* after) {
    ++visited;
    EXPECT_EQ(after->id, 12345);
  });
  EXPECT_EQ(visited, 1);
  // Every Person but the edited one is the same object; the list did not copy people.
  for (PersonId id : {1, 512, 513, 12344, 12346, 20000}) EXPECT_EQ(next->find(id), list.find(id));
  EXPECT_NE(next->find(12345), list.find(12345));
}

}  // namespace
}  // namespace mh::services
