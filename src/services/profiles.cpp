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

bool worked_with(const std::vector<PersonId>& partners, PersonId id) {
  return std::find(partners.begin(), partners.end(), id) != partners.end();
}

}  // namespace

Result<PeopleListing> list_people(sql::Connection& db, const Person& reader, std::optional<PersonId> after, int limit,
                                  bool include_inactive, const HoldsRendering& held) {
  if (include_inactive && !reader.is_admin)
    return Error{ErrorCode::forbidden, "only administrators see deactivated people", "include_inactive"};
  const storage::PeopleStampPage page = storage::list_people_stamps(db, after, limit, include_inactive);
  const auto partners = partners_of_reader(db, reader);
  PeopleListing out;
  out.next_cursor = page.next_cursor;
  out.people.reserve(page.people.size());
  std::vector<PersonId> to_read;
  for (const storage::ListedStamp& s : page.people) {
    ListedPerson listed{s.id, s.row_version, view_of(reader, s.id, s.is_external, worked_with(partners, s.id)),
                        std::nullopt};
    if (!held || !held(listed)) to_read.push_back(s.id);
    out.people.push_back(std::move(listed));
  }
  if (to_read.empty()) return out;
  // Both in id order. On PostgreSQL a read transaction's statements may each see a newer commit,
  // so what is read stands for the version it has, not the one the page listed.
  auto listed = out.people.begin();
  for (Person& p : storage::people_with_ids(db, to_read)) {
    while (listed != out.people.end() && listed->id != p.id) ++listed;
    if (listed == out.people.end()) break;
    listed->row_version = p.row_version;
    listed->view = view_of(reader, p, worked_with(partners, p.id));
    listed->person = std::move(p);
  }
  // Someone listed but gone by the second statement (nobody's row is ever deleted today) is left
  // out rather than answered with nothing to show.
  std::erase_if(out.people, [&](const ListedPerson& l) {
    return !l.person && std::find(to_read.begin(), to_read.end(), l.id) != to_read.end();
  });
  return out;
}

Result<PersonProfile> person_profile(sql::Connection& db, const Person& reader, PersonId id,
                                     const HoldsRendering& held) {
  const auto stamp = storage::person_stamp(db, id);
  if (!stamp || (!stamp->active && !reader.is_admin)) return not_found("no such person");
  const auto partners = partners_of_reader(db, reader);
  const bool partnered = worked_with(partners, id);
  PersonProfile out;
  out.seen = {id, stamp->row_version, view_of(reader, id, stamp->is_external, partnered), std::nullopt};
  if (!held || !held(out.seen)) {
    auto found = storage::find_person(db, id);
    if (!found) return not_found("no such person");
    out.seen.row_version = found->row_version;  // on PostgreSQL it may have moved since the stamp
    out.seen.view = view_of(reader, *found, partnered);
    out.seen.person = std::move(found);
  }
  if (reader.id == id) {
    const auto own = storage::own_profile_facts(db, id);
    out.responsiveness = responsiveness(own.received);
    out.has_password = own.has_password;
  } else {
    out.responsiveness = responsiveness(storage::requests_received_by(db, id));
  }
  return out;
}

PersonProfile own_profile(sql::Connection& db, const Person& me, const HoldsRendering& held) {
  PersonProfile out;
  out.seen = {me.id, me.row_version, view_of(me, me, false), std::nullopt};
  if (!held || !held(out.seen)) out.seen.person = me;
  const auto own = storage::own_profile_facts(db, me.id);
  out.responsiveness = responsiveness(own.received);
  out.has_password = own.has_password;
  return out;
}

}  // namespace mh::services
