// Reading people as the privacy rules allow: a page of the people list and one person's profile,
// each with the view the reader may have of them (domain/person_view.hpp), and a mentor's
// responsiveness (against ghosting). Read-only, in the caller's read transaction. No JSON.
#pragma once

#include <optional>
#include <vector>

#include "domain/person_view.hpp"
#include "domain/relationship.hpp"
#include "services/use_case.hpp"

namespace mh::services {

struct SeenPerson {
  Person person;
  PersonView view = PersonView::colleague;
};

struct PeopleListing {
  std::vector<SeenPerson> people;        // by id
  std::optional<PersonId> next_cursor;   // pass as `after` for the next page
};

// People after `after` (by id), at most `limit`. Deactivated people only for an administrator
// who asks (`include_inactive`); anyone else asking is forbidden at `include_inactive`.
Result<PeopleListing> list_people(sql::Connection& db, const Person& reader, std::optional<PersonId> after, int limit,
                                  bool include_inactive);

struct PersonProfile {
  SeenPerson seen;
  Responsiveness responsiveness;  // how reliably and how fast they answer requests
  bool has_password = false;      // only ever filled for the person themself
};

// Person `id` as `reader` may see them; not found when there is no such person, or they are
// deactivated and the reader is not an administrator.
Result<PersonProfile> person_profile(sql::Connection& db, const Person& reader, PersonId id);

// The reader's own profile (`has_password` filled).
PersonProfile own_profile(sql::Connection& db, const Person& me);

}  // namespace mh::services
