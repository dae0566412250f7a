#include "services/profiles.hpp"

#include <algorithm>

#include "storage/people_repo.hpp"
#include "storage/relationships_repo.hpp"

namespace mh::services {

namespace {

// Only an external reader's view depends on whom they worked with: nobody else pays the query.
std::vector<PersonId> partners_of_reader(sql::Connection& db, const Person& reader) {
  return reader.is_external ? storage::partners_of(db, reader.id) : std::vector<PersonId>{};
}

SeenPerson seen_by(const Person& reader, Person p, const std::vector<PersonId>& partners) {
  const bool worked_together = std::find(partners.begin(), partners.end(), p.id) != partners.end();
  const PersonView view = view_of(reader, p, worked_together);
  return {std::move(p), view};
}

}  // namespace

Result<PeopleListing> list_people(sql::Connection& db, const Person& reader, std::optional<PersonId> after, int limit,
                                  bool include_inactive) {
  if (include_inactive && !reader.is_admin)
    return Error{ErrorCode::forbidden, "only administrators see deactivated people", "include_inactive"};
  storage::PeoplePage page = storage::list_people(db, after, limit, include_inactive);
  const auto partners = partners_of_reader(db, reader);
  PeopleListing out;
  out.next_cursor = page.next_cursor;
  out.people.reserve(page.people.size());
  for (Person& p : page.people) out.people.push_back(seen_by(reader, std::move(p), partners));
  return out;
}

Result<PersonProfile> person_profile(sql::Connection& db, const Person& reader, PersonId id) {
  auto found = storage::find_person(db, id);
  if (!found || (!found->active && !reader.is_admin)) return not_found("no such person");
  PersonProfile out;
  out.seen = seen_by(reader, std::move(*found), partners_of_reader(db, reader));
  if (reader.id == id) {
    const auto own = storage::own_profile_facts(db, id);
    out.responsiveness = responsiveness(own.received);
    out.has_password = own.has_password;
  } else {
    out.responsiveness = responsiveness(storage::requests_received_by(db, id));
  }
  return out;
}

PersonProfile own_profile(sql::Connection& db, const Person& me) {
  PersonProfile out;
  out.seen = {me, view_of(me, me, false)};
  const auto own = storage::own_profile_facts(db, me.id);
  out.responsiveness = responsiveness(own.received);
  out.has_password = own.has_password;
  return out;
}

}  // namespace mh::services
