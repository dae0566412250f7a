// The people a view names (a circle's host and members, a relationship's two participants, a
// person's managers), read together in one batch read, so a view renders them without reading
// anything itself.
#pragma once

#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "domain/person.hpp"
#include "storage/people_repo.hpp"

namespace mh::services {

// A deactivated person is there as they are; `of` gives nullopt for a person who no longer
// exists, or whom the view was not read for. Only what names a person is read (id, e-mail, name,
// title, time zone, active: storage::people_named_with_ids); a view that shows more of someone
// reads them itself.
struct NamedPeople {
  std::map<PersonId, std::optional<Person>> by_id;

  const std::optional<Person>& of(PersonId id) const {
    static const std::optional<Person> nobody;
    auto it = by_id.find(id);
    return it == by_id.end() ? nobody : it->second;
  }
};

// The people a view names (`ids`) from those read (`found`): one read for someone else among
// `found` is not named, and someone among `ids` not found is nobody.
inline NamedPeople named_people(const std::vector<PersonId>& ids, std::vector<Person> found) {
  NamedPeople out;
  for (PersonId id : ids) out.by_id.emplace(id, std::nullopt);
  for (Person& p : found)
    if (auto it = out.by_id.find(p.id); it != out.by_id.end()) it->second = std::move(p);
  return out;
}

// Everyone among `ids` in one batch read, deactivated people included, with only what names them:
// a page of relationships read every participant's whole profile only to show a name and a title.
inline NamedPeople read_named_people(sql::Connection& db, std::vector<PersonId> ids) {
  std::vector<Person> found = storage::people_named_with_ids(db, ids);
  return named_people(ids, std::move(found));
}

}  // namespace mh::services
