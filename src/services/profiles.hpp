// Reading people as the privacy rules allow: a page of the people list and one person's profile,
// each with the view the reader may have of them (domain/person_view.hpp), and a mentor's
// responsiveness (against ghosting). Read-only, in the caller's read transaction. No JSON.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "domain/person_view.hpp"
#include "domain/relationship.hpp"
#include "services/use_case.hpp"

namespace mh::services {

// One person of a page of the people list, with the view the reader has of them. `row_version`
// is raised by every write of their profile, so a rendering made of this version and view is
// still theirs; `person` is read unless the caller said it holds such a rendering.
struct ListedPerson {
  PersonId id = 0;
  std::int64_t row_version = 0;
  PersonView view = PersonView::colleague;
  std::optional<Person> person;
};

struct PeopleListing {
  std::vector<ListedPerson> people;      // by id
  std::optional<PersonId> next_cursor;   // pass as `after` for the next page
};

// Whether the caller already holds a rendering of this person at this version and view (and so
// needs no `person`): for a server that keeps people's rendered text between requests.
using HoldsRendering = std::function<bool(const ListedPerson&)>;

// People after `after` (by id), at most `limit`. Deactivated people only for an administrator
// who asks (`include_inactive`); anyone else asking is forbidden at `include_inactive`. Each
// person is read in full unless `held` says the caller has them already (none is, without it):
// the page itself is one narrow statement, the people read one more for all of them.
Result<PeopleListing> list_people(sql::Connection& db, const Person& reader, std::optional<PersonId> after, int limit,
                                  bool include_inactive, const HoldsRendering& held = nullptr);

struct PersonProfile {
  ListedPerson seen;              // `person` read unless held, as in a page
  Responsiveness responsiveness;  // how reliably and how fast they answer requests
  bool has_password = false;      // only ever filled for the person themself
};

// Person `id` as `reader` may see them; not found when there is no such person, or they are
// deactivated and the reader is not an administrator. The person is read in full unless `held`.
Result<PersonProfile> person_profile(sql::Connection& db, const Person& reader, PersonId id,
                                     const HoldsRendering& held = nullptr);

// The reader's own profile (`has_password` filled); `seen.person` is `me` unless `held`.
PersonProfile own_profile(sql::Connection& db, const Person& me, const HoldsRendering& held = nullptr);

}  // namespace mh::services
