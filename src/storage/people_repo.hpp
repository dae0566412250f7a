// People in the store: their profile, skills and former managers. Free functions over a
// connection inside a Store transaction; they never commit. Missing rows are std::nullopt,
// not errors; uniqueness (e-mail) surfaces as sql::Error::unique_violation, which the Store
// turns into a conflict.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/person.hpp"
#include "storage/sql/connection.hpp"

namespace mh::storage {

std::optional<Person> find_person(sql::Connection& db, PersonId id);
std::optional<Person> find_person_by_email(sql::Connection& db, const std::string& email);
// The caller behind a session or API token: the unexpired token with this hash and its active
// person (with skills and former managers), with the session's CSRF token, whether the session
// may only set up a second factor, and the person's row version, which every write of the profile
// raises (update_person). nullopt when the token is unknown, expired or revoked, or its person
// deactivated.
struct SignedIn {
  Person person;
  std::string csrf_token;
  std::int64_t row_version = 0;
  bool enrol_only = false;
};
std::optional<SignedIn> find_signed_in(sql::Connection& db, const std::string& token_hash, TimePoint now);
// The same check in one statement, giving only the person's row version and the session's
// enrol_only mark (which changes without the person's row: services/second_factor.hpp): for a
// server that remembers the caller and needs to know that the token is still live and the person
// unchanged.
struct SignedInState {
  std::int64_t row_version = 0;
  bool enrol_only = false;
};
std::optional<SignedInState> signed_in_version(sql::Connection& db, const std::string& token_hash, TimePoint now);

// Only the manager column, for walking reporting lines cheaply.
std::optional<PersonId> manager_of(sql::Connection& db, PersonId id);
// Direct reports of a manager (active people only).
std::vector<PersonId> direct_reports(sql::Connection& db, PersonId manager);

// Inserts a new person (p.id is ignored) and returns the new id.
PersonId insert_person(sql::Connection& db, const Person& p, const std::string& password_hash);
// Rewrites every profile column, the skills and the former managers of p.id, and raises the
// person's row version (see find_signed_in).
void update_person(sql::Connection& db, const Person& p);
void set_password_hash(sql::Connection& db, PersonId id, const std::string& password_hash);
std::string password_hash_of(sql::Connection& db, PersonId id);

struct PeoplePage {
  std::vector<Person> people;
  std::optional<PersonId> next_cursor;  // pass as `after` for the next page
};
// People ordered by id, after `after` (exclusive), at most `limit`; inactive ones only when
// include_inactive.
PeoplePage list_people(sql::Connection& db, std::optional<PersonId> after, int limit, bool include_inactive);
// The same page as list_people gives, but only what tells whether a rendering of each person is
// still theirs: the id, the row version (raised by every write of the profile) and whether they
// are an external expert (which decides what an external reader may see of them). One narrow
// statement, for a caller that keeps rendered people and reads in full only those it lacks.
struct ListedStamp {
  PersonId id = 0;
  std::int64_t row_version = 0;
  bool is_external = false;
  bool active = true;
};
struct PeopleStampPage {
  std::vector<ListedStamp> people;
  std::optional<PersonId> next_cursor;
};
PeopleStampPage list_people_stamps(sql::Connection& db, std::optional<PersonId> after, int limit,
                                   bool include_inactive);
// The same for one person, active or not; nullopt when there is no such person.
std::optional<ListedStamp> person_stamp(sql::Connection& db, PersonId id);
long long count_people(sql::Connection& db);
// Every active person with skills and former managers, in three queries (for caches).
std::vector<Person> all_active_people(sql::Connection& db);
// Everyone, deactivated people included, the same way (for the people import and export).
std::vector<Person> all_people(sql::Connection& db);

// Inserts many new people at once (their ids are ignored; their managers must be stored
// already), with their skills and search entries and one change-counter bump, in a few
// statements per hundred people; returns their new ids in order. For the people import.
std::vector<PersonId> insert_people(sql::Connection& db, std::span<const Person> people);

// Each active person's row version (Person::row_version, raised by every profile write), by id:
// two integers a row, so a cache can find who changed without reading everyone.
struct PersonStamp {
  PersonId id = 0;
  std::int64_t row_version = 0;
};
std::vector<PersonStamp> active_people_stamps(sql::Connection& db);
// The people, active or not, whose profile was stamped at or after `since` or whose id is above
// `after_id`, by id: what changed since a moment (and whoever joined, whatever their stamp says:
// a person copied or imported may carry an older one), read through indexes instead of every row.
struct PersonChange {
  PersonId id = 0;
  std::int64_t row_version = 0;
  bool active = false;
};
std::vector<PersonChange> people_stamped_since(sql::Connection& db, TimePoint since, PersonId after_id);
// The active people among `ids`, with skills and former managers, by id; ids of inactive or
// unknown people are left out. A few queries per 500 ids (for refreshing caches).
std::vector<Person> active_people_with_ids(sql::Connection& db, std::vector<PersonId> ids);
// The people among `ids`, deactivated ones included, sorted by id, in the same few queries: for
// a list that shows the people of each of its rows.
std::vector<Person> people_with_ids(sql::Connection& db, std::vector<PersonId> ids);
// The same with only what names a person in a view (a relationship's two participants, a circle's
// host): id, e-mail, name, title, time zone and whether active; every other member as a default
// Person has it. One narrow query per 500 ids.
std::vector<Person> people_named_with_ids(sql::Connection& db, std::vector<PersonId> ids);
// Those columns of `table` (an alias in a join), "m.id, m.email, ...", for a statement that names
// people beside other rows; named_person_from_row reads them from cell `first` on.
std::string naming_columns(std::string_view table);
Person named_person_from_row(const sql::Row& row, std::size_t first = 0);

}  // namespace mh::storage
