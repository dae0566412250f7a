// An in-memory snapshot of the active people and the mentors among them, for recommendations
// and directory filters: scoring 20,000 mentors from memory takes milliseconds, reading them
// from SQL on every request would not. The snapshot is refreshed when the store's change
// counters say people or relationships changed (bumped in the writing transaction), so every
// server sharing a database stays current. Thread-safe: readers share an immutable snapshot.
//
// A refresh costs what changed, not the organisation's size: the people and the mentors'
// profiles are shared between snapshots (std::shared_ptr<const ...>) for as long as they do not
// change, in chunks (DirectoryPeople, MentorTable) so that an edit copies one chunk; only the
// people whose updated_at moved are read again, and places and responsiveness (which follow
// relationships) live in the mentor table's rows and the live-mentee counts, which a
// relationship change copies.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.hpp"
#include "domain/person.hpp"
#include "matching/scoring.hpp"
#include "services/directory_people.hpp"
#include "storage/sql/connection.hpp"

namespace mh::services {

// Skill names as people write them, with how many active people hold each, so that a profile
// edit adds or drops a name without counting everyone again.
struct DirectorySkills {
  std::map<std::string, int> holders;
  std::vector<std::string> names;  // holders' keys, sorted
};

struct DirectorySnapshot {
  std::int64_t people_version = -1;
  std::int64_t relationships_version = -1;
  std::shared_ptr<const DirectoryPeople> people;  // every active person, by id
  // The people offering one-to-one with a capacity, by id, with their keys interned for
  // ranking; places and responsiveness are current in its rows (MentorTable::profile()).
  matching::MentorTable mentors;
  std::unordered_map<PersonId, int> live_mentees;  // live relationships as mentor, by mentor
  std::shared_ptr<const DirectorySkills> skills;

  // What the next refresh needs to tell who changed and which mentor profiles went stale.
  TimePoint people_read_at{};  // the clock when the people's updated_at were last read
  int profile_year = 0;        // mentors' years of experience are counted up to this year
  std::shared_ptr<const std::map<std::string, std::optional<int>>> zone_offsets;  // as the profiles have them

  const Person* person(PersonId id) const { return people->find(id); }
  const std::vector<std::string>& skill_names() const { return skills->names; }
  int live_mentees_of(PersonId id) const {
    auto it = live_mentees.find(id);
    return it == live_mentees.end() ? 0 : it->second;
  }
};

class Directory {
 public:
  // The current snapshot, refreshed first if the counters moved. Call inside a read
  // transaction: a refresh reads what changed through `db`, and the snapshot returned is the
  // one that matches what this transaction sees.
  std::shared_ptr<const DirectorySnapshot> current(sql::Connection& db, TimePoint now);

 private:
  std::mutex mutex_;        // guards snapshot_ only: held for a pointer copy, never while building
  std::mutex build_mutex_;  // one refresh at a time, so concurrent requests after a change share it
  std::shared_ptr<const DirectorySnapshot> snapshot_;
};

// The mentee as scoring sees them (their engagements and managers' recommendations are read
// from the store).
matching::MenteeProfile mentee_profile(sql::Connection& db, const DirectorySnapshot& snap, const Person& me,
                                       TimePoint now);

}  // namespace mh::services
