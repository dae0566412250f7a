// People as the API writes them (api/people_json.hpp), kept between requests under the version
// of the record they were written from. A page of the people list reads only each listed
// person's id, row version and the reader's view of them (services::list_people), and writes and
// reads in full only the people it holds no text for: on the demo's pages nearly all the work
// of a page was reading 20 people's rows and details and writing them out again unchanged.
//
// Why this cannot show a stale person: the row version is raised, in the database and in the
// same transaction, by every write of a profile, its skills and its former managers
// (storage::update_person, and the writes that touch other people's reporting lines); the page
// reads it on every request, so an edit made through any server sharing the database is seen by
// the next page that lists the person. The view is part of the key (what a reader may see), and
// so is the year (years of experience are counted to it).
//
// Bounded in bytes; the least recently used texts go first. Safe to use from many threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "domain/person.hpp"
#include "domain/person_view.hpp"

namespace mh::api {

class PersonTexts {
 public:
  using Text = std::shared_ptr<const std::string>;
  // About 16,000 people of the demo's size in each of the views read most.
  static constexpr std::size_t kDefaultMostBytes = 16u << 20;

  explicit PersonTexts(std::size_t most_bytes = kDefaultMostBytes) : most_bytes_(most_bytes) {}
  PersonTexts(const PersonTexts&) = delete;
  PersonTexts& operator=(const PersonTexts&) = delete;

  // The text of person `id` at exactly this version, view and year; null when none is held.
  Text find(PersonId id, std::int64_t row_version, PersonView view, int year);
  // Keeps `text` for that version, view and year, in place of any older one of the same view.
  void keep(PersonId id, std::int64_t row_version, PersonView view, int year, Text text);

  std::size_t bytes() const;
  std::size_t size() const;

 private:
  struct Entry {
    std::uint64_t key = 0;  // the person and the view
    std::int64_t row_version = 0;
    int year = 0;
    Text text;
  };
  static std::uint64_t key_of(PersonId id, PersonView view);
  static std::size_t cost_of(const Entry& e);

  const std::size_t most_bytes_;
  mutable std::mutex mutex_;
  std::list<Entry> recent_;  // most recently used first
  std::unordered_map<std::uint64_t, std::list<Entry>::iterator> by_key_;
  std::size_t bytes_ = 0;
};

}  // namespace mh::api
