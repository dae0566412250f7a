// An in-memory snapshot of the active people and the mentors among them, for recommendations
// and directory filters: scoring 20,000 mentors from memory takes milliseconds, reading them
// from SQL on every request would not. The snapshot is rebuilt when the store's change
// counters say people or relationships changed (bumped in the writing transaction), so every
// server sharing a database stays current. Thread-safe: readers share an immutable snapshot.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "common/clock.hpp"
#include "domain/person.hpp"
#include "matching/scoring.hpp"
#include "storage/sql/connection.hpp"

namespace mh::api {

struct DirectorySnapshot {
  std::int64_t people_version = -1;
  std::int64_t relationships_version = -1;
  std::vector<Person> people;                   // active, by id
  std::unordered_map<PersonId, std::size_t> index_of;
  std::vector<matching::MentorProfile> mentors;  // offering one-to-one with a capacity
  std::unordered_map<PersonId, int> live_mentees;
  std::vector<std::string> skill_names;         // every skill anyone holds, as written (for suggestions)

  const Person* person(PersonId id) const {
    auto it = index_of.find(id);
    return it == index_of.end() ? nullptr : &people[it->second];
  }
};

class Directory {
 public:
  // The current snapshot, rebuilt first if the counters moved. Call inside a read transaction.
  std::shared_ptr<const DirectorySnapshot> current(sql::Connection& db, TimePoint now);

 private:
  std::mutex mutex_;
  std::shared_ptr<const DirectorySnapshot> snapshot_;
};

// The mentee as scoring sees them (their engagements and managers' recommendations are read
// from the store).
matching::MenteeProfile mentee_profile(sql::Connection& db, const DirectorySnapshot& snap, const Person& me,
                                       TimePoint now);

}  // namespace mh::api
